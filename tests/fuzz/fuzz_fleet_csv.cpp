// Fuzzes the fleet CSV reader and evaluation; every good row becomes a unit or a located error,
// and the row-at-a-time path (what `apos fleet` streams) agrees with the whole-file one. The
// first byte picks options (a --map text, a date order) so the detection paths, the encodings
// and the told mappings are all reached; grouping the errors never loses a row; every column's
// --map name reads back as that column; a quote CSV's units are no more than its lines.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    apos::FleetOptions options;
    if (!text.empty()) {
        const auto pick = static_cast<unsigned char>(text[0]);
        text.remove_prefix(1);
        options.date_order = pick % 3 == 0   ? apos::DateOrder::Unknown
                             : pick % 3 == 1 ? apos::DateOrder::DayMonthYear
                                             : apos::DateOrder::MonthDayYear;
        // A --map text from the start of the input, up to the first newline.
        if (pick & 0x80) {
            const std::size_t end = std::min(text.find('\n'), text.size());
            std::string error;
            apos::FleetOptions told;
            if (apos::parse_fleet_map(text.substr(0, end), told, error)) options.columns = told.columns;
            text.remove_prefix(std::min(end + 1, text.size()));
        }
    }
    for (const std::string_view piece : {text.substr(0, 40), text.substr(std::min<std::size_t>(40, text.size()), 40)}) {
        const apos::DateReading reading = apos::read_date(piece);
        for (auto order : {apos::DateOrder::Unknown, apos::DateOrder::DayMonthYear, apos::DateOrder::MonthDayYear}) {
            const auto date = apos::resolve_date(reading, order);
            if (reading.kind == apos::DateReading::Kind::Invalid && date) __builtin_trap();
        }
    }
    apos::FleetLimits limits;
    limits.max_rows = 2000;
    const apos::FleetParse parsed = apos::parse_fleet_csv(text, limits, options);
    // Every column's --map name (a shared one with "#k", else its position) reads back as it.
    const std::vector<std::string>& headers = parsed.format.headers;
    for (std::size_t c = 0; c < headers.size() && c < 64; ++c) {
        std::string error;
        const std::string ref = apos::fleet_column_reference(headers, static_cast<int>(c));
        if (apos::find_fleet_column(headers, ref, error) != static_cast<int>(c)) __builtin_trap();
        const std::string quoted = apos::shell_quote(ref);
        if (quoted.empty() || (quoted.front() == '\'' && quoted.back() != '\'')) __builtin_trap();
    }
    // A quote CSV: each unit is an item of one or more lines.
    if (parsed.format.quote && (parsed.format.quote_units > parsed.format.quote_lines ||
                                static_cast<std::int64_t>(parsed.rows.size()) > parsed.format.quote_units))
        __builtin_trap();
    if (parsed.fatal) return 0;
    const auto as_of = *apos::Date::parse("2026-11-26");
    const apos::FleetResult result = apos::evaluate_fleet(apos::fuzz::sample_catalog(), parsed, as_of);
    if (result.units.size() > parsed.rows.size()) __builtin_trap();
    (void)apos::fleet_to_csv(apos::fuzz::sample_catalog(), parsed, result);

    std::int64_t grouped = 0;
    for (const apos::FleetErrorGroup& g : apos::group_fleet_errors(result.errors)) grouped += g.rows;
    if (grouped < apos::count_error_rows(result.errors)) __builtin_trap();

    apos::FleetCsvReader reader(text, limits, options);
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
