// File reading for the native hosts (CLI and desktop window): catalog folders, request and
// fleet files, standard input.
#include "catalog_files.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace apos::files {

std::optional<std::string> read_text(const std::string& path, std::size_t max_bytes, std::string& error) {
    std::istream* in = &std::cin;
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            error = "cannot open " + path;
            return std::nullopt;
        }
        in = &file;
    }
    std::string text;
    char buffer[65536];
    while (in->read(buffer, sizeof buffer) || in->gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in->gcount()));
        if (text.size() > max_bytes) {
            error = (path == "-" ? std::string("standard input") : path) + " is larger than " +
                    std::to_string(max_bytes / (1024 * 1024)) + " MB, the limit for this input";
            return std::nullopt;
        }
    }
    return text;
}

std::vector<CatalogSource> read_catalog_folder(const std::string& folder, std::vector<CatalogError>& problems) {
    std::vector<CatalogSource> sources;
    for (std::string_view name : kCatalogFiles) {
        const std::string path = folder + "/" + std::string(name);
        if (!std::ifstream(path)) continue;  // missing: the loader names it
        // Too big: said the way the core says it to the page, and the file is not read at all.
        std::error_code no_size;
        if (const auto size = std::filesystem::file_size(path, no_size); !no_size && size > kMaxCatalogFileBytes) {
            problems.push_back({path, "", 0,
                                "the file has " + std::to_string(size) + " bytes; the limit is " +
                                    std::to_string(kMaxCatalogFileBytes) + " bytes"});
            continue;
        }
        std::string error;
        if (auto text = read_text(path, kMaxCatalogFileBytes, error)) sources.push_back({path, std::move(*text)});
        else problems.push_back({path, "", 0, error});
    }
    return sources;
}

}  // namespace apos::files
