// Test helpers: the sample catalog loaded once, and file reading for test data.
#pragma once

#include <string>

#include "apos/catalog.hpp"

namespace apos::test {

// The shipped sample catalog (catalog/), loaded once; aborts the test run if it is broken.
const Catalog& sample_catalog();

// The sample catalog's files as sources, so a test can break one of them.
std::vector<CatalogSource> sample_sources();

std::string read_file(const std::string& path);
Date date(const char* iso);  // Date::parse that fails the test on bad input

}  // namespace apos::test
