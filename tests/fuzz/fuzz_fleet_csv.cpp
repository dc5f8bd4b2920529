// Fuzzes the fleet CSV reader and evaluation; every good row becomes a unit or a located error,
// and the row-at-a-time path (what `apos fleet` streams) agrees with the whole-file one.
#include <cstdint>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    apos::FleetLimits limits;
    limits.max_rows = 2000;
    const apos::FleetParse parsed = apos::parse_fleet_csv(text, limits);
    if (parsed.fatal) return 0;
    const auto as_of = *apos::Date::parse("2026-11-26");
    const apos::FleetResult result = apos::evaluate_fleet(apos::fuzz::sample_catalog(), parsed, as_of);
    if (result.units.size() > parsed.rows.size()) __builtin_trap();
    (void)apos::fleet_to_csv(apos::fuzz::sample_catalog(), parsed, result);

    apos::FleetCsvReader reader(text, limits);
    apos::FleetEvaluator evaluator(apos::fuzz::sample_catalog(), as_of);
    std::vector<apos::FleetRowError> errors = reader.header_errors();
    std::size_t units = 0;
    apos::FleetRow row;
    while (reader.next(row, errors))
        if (evaluator.evaluate(row, errors)) ++units;
    if (units != result.units.size() || errors.size() != result.errors.size()) __builtin_trap();
    if (evaluator.summary().value.minor_units() != result.summary.value.minor_units()) __builtin_trap();
    return 0;
}
