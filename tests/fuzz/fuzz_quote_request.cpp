// Fuzzes quote requests end to end: parse, price, serialise. Valid requests must give quotes
// whose lines sum to the totals exactly.
#include <cstdint>
#include <string_view>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = apos::parse_quote_request(text, apos::Date::parse("2026-11-26"));
    if (!parsed.request) {
        if (parsed.errors.empty()) __builtin_trap();
        return 0;
    }
    const apos::Quote quote = apos::build_quote(apos::fuzz::sample_catalog(), *parsed.request);
    std::int64_t list = 0;
    for (const apos::QuoteLine& line : quote.lines) list += line.line_list.minor_units();
    if (list != quote.totals.list.minor_units()) __builtin_trap();
    (void)apos::json_text(apos::quote_to_json(quote));  // what every presenter writes
    return 0;
}
