// Loads the sample catalog for the tests.
#include "test_catalog.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace apos::test {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) ADD_FAILURE() << "cannot read " << path;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<CatalogSource> sample_sources() {
    std::vector<CatalogSource> sources;
    for (std::string_view name : kCatalogFiles) {
        const std::string path = std::string(APOS_CATALOG_DIR) + "/" + std::string(name);
        sources.push_back({std::string(name), read_file(path)});
    }
    return sources;
}

const Catalog& sample_catalog() {
    static const Catalog catalog = [] {
        CatalogLoadResult result = load_catalog(sample_sources());
        if (!result.catalog) {
            for (const CatalogError& e : result.errors) fprintf(stderr, "%s\n", e.to_string().c_str());
            abort();
        }
        return std::move(*result.catalog);
    }();
    return catalog;
}

Date date(const char* iso) {
    const auto d = Date::parse(iso);
    if (!d) ADD_FAILURE() << "bad date in test: " << iso;
    return d.value_or(Date());
}

}  // namespace apos::test
