// Bytes a loaded fleet holds per unit, natively: a counting operator new measures what
// parse_fleet_csv's rows and evaluate_fleet's units keep on the heap (the page keeps both).
// Usage: apos_fleet_memory <catalog dir> <fleet.csv> [as-of YYYY-MM-DD]
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>

#include "apos/fleet.hpp"
#include "scenarios.hpp"

namespace {

// Live heap: each block carries its size in a 16-byte header (keeps the alignment of new).
std::size_t g_live_bytes = 0;
std::size_t g_live_blocks = 0;
constexpr std::size_t kHeader = 16;

void* counted_new(std::size_t size) {
    void* block = std::malloc(size + kHeader);
    if (!block) throw std::bad_alloc();
    *static_cast<std::size_t*>(block) = size;
    g_live_bytes += size;
    ++g_live_blocks;
    return static_cast<char*>(block) + kHeader;
}

void counted_delete(void* p) noexcept {
    if (!p) return;
    char* block = static_cast<char*>(p) - kHeader;
    g_live_bytes -= *reinterpret_cast<std::size_t*>(block);
    --g_live_blocks;
    std::free(block);
}

struct Heap {
    std::size_t bytes = 0;
    std::size_t blocks = 0;
};
Heap now() { return {g_live_bytes, g_live_blocks}; }

}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <catalog dir> <fleet.csv> [as-of]\n", argv[0]);
        return 2;
    }
    apos::CatalogLoadResult loaded = apos::load_catalog(apos::bench::read_catalog_sources(argv[1]));
    if (!loaded.catalog) {
        std::fprintf(stderr, "the catalog did not load\n");
        return 1;
    }
    const std::string csv = apos::bench::read_text_file(argv[2]);
    const apos::Date as_of = *apos::Date::parse(argc > 3 ? argv[3] : "2026-11-26");

    const Heap before = now();
    auto parsed = std::make_unique<apos::FleetParse>(apos::parse_fleet_csv(csv));
    const Heap after_parse = now();
    auto result = std::make_unique<apos::FleetResult>(apos::evaluate_fleet(*loaded.catalog, *parsed, as_of));
    const Heap after_eval = now();

    const double rows = static_cast<double>(parsed->rows.size());
    const double units = static_cast<double>(result->units.size());
    const double parse_bytes = static_cast<double>(after_parse.bytes - before.bytes);
    const double result_bytes = static_cast<double>(after_eval.bytes - after_parse.bytes);
    std::printf("rows %zu, units %zu (native, %zu-bit)\n", parsed->rows.size(), result->units.size(),
                sizeof(void*) * 8);
    std::printf("sizeof FleetRow %zu, UnitOpportunity %zu\n", sizeof(apos::FleetRow), sizeof(apos::UnitOpportunity));
    std::printf("parse:  %.1f bytes/row, %.2f blocks/row\n", parse_bytes / rows,
                static_cast<double>(after_parse.blocks - before.blocks) / rows);
    std::printf("result: %.1f bytes/unit, %.2f blocks/unit\n", result_bytes / units,
                static_cast<double>(after_eval.blocks - after_parse.blocks) / units);
    std::printf("both:   %.1f bytes/unit\n", (parse_bytes + result_bytes) / units);
    return 0;
}
