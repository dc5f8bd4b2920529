// Fuzzes the catalog loader: the input replaces one catalog file (chosen by its first byte);
// the loader must answer with a catalog or located errors, never crash or hang.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const auto sources = apos::fuzz::sample_sources();
    auto broken = sources;
    broken[data[0] % broken.size()].text.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    const apos::CatalogLoadResult result = apos::load_catalog(broken);
    if (!result.catalog && result.errors.empty()) __builtin_trap();  // a refusal must say why
    for (const apos::CatalogError& e : result.errors)
        if (e.message.empty()) __builtin_trap();
    return 0;
}
