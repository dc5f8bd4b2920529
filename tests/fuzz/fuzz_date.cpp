// Fuzzes date parsing: whatever parses must print back to the same text and stay in range.
#include <cstdint>
#include <string_view>

#include "apos/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto date = apos::Date::parse(text);
    if (!date) return 0;
    if (date->to_string() != text) __builtin_trap();
    const apos::Date later = date->plus_years(5).plus_days(400);
    if (!apos::Date::parse(later.to_string())) __builtin_trap();
    // Far from the calendar's end, a 3-year term ends after it starts (near 9999 arithmetic saturates).
    if (date->ymd().year < 9990 && apos::term_end(*date, 3) <= *date) __builtin_trap();
    return 0;
}
