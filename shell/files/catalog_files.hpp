// Reads a catalog folder from disk for the native hosts, the CLI and the desktop window (the
// core itself never touches files).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apos/catalog.hpp"

namespace apos::files {

// Reads the catalog files of `folder`. A file that does not exist is left out, so that the
// loader reports it as missing; one that exists but cannot be read or is too large is
// reported in `problems` with its path.
std::vector<CatalogSource> read_catalog_folder(const std::string& folder, std::vector<CatalogError>& problems);

// Whole file or standard input ("-"); nothing when it cannot be read or exceeds `max_bytes`.
std::optional<std::string> read_text(const std::string& path, std::size_t max_bytes, std::string& error);

}  // namespace apos::files
