// Shared by the fuzz targets: the sample catalog, loaded once per process.
#pragma once

#include <fstream>
#include <sstream>

#include "apos/catalog.hpp"

namespace apos::fuzz {

inline std::vector<CatalogSource> sample_sources() {
    std::vector<CatalogSource> sources;
    for (std::string_view name : kCatalogFiles) {
        std::ifstream in(std::string(APOS_CATALOG_DIR) + "/" + std::string(name));
        std::ostringstream text;
        text << in.rdbuf();
        sources.push_back({std::string(name), text.str()});
    }
    return sources;
}

inline const Catalog& sample_catalog() {
    static const Catalog catalog = *load_catalog(sample_sources()).catalog;
    return catalog;
}

}  // namespace apos::fuzz
