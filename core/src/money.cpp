// Money arithmetic: half-up rounding in integers, formatting with thousands separators.
#include "apos/money.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace apos {

// 128-bit intermediates keep amount x rate exact for any 64-bit amount (GCC and Clang both have it).
__extension__ typedef __int128 Wide;

std::optional<Currency> Currency::from_code(std::string_view code) {
    if (code.size() != 3) return std::nullopt;
    for (char c : code)
        if (c < 'A' || c > 'Z') return std::nullopt;
    Currency currency;
    for (int i = 0; i < 3; ++i) currency.code[i] = code[static_cast<std::size_t>(i)];
    // Currencies whose minor unit is not the cent.
    if (code == "JPY" || code == "KRW" || code == "CLP" || code == "ISK" || code == "VND") currency.decimals = 0;
    else if (code == "KWD" || code == "BHD" || code == "OMR" || code == "JOD" || code == "TND") currency.decimals = 3;
    else currency.decimals = 2;
    return currency;
}

std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator) {
    const std::int64_t quotient = numerator / denominator;
    const std::int64_t remainder = numerator % denominator;
    if (2 * std::llabs(remainder) >= denominator) return quotient + (numerator < 0 ? -1 : 1);
    return quotient;
}

Money Money::apply_rate(BasisPoints rate, std::int64_t step) const {
    if (step < 1) step = 1;
    // Exact: 128-bit intermediate so that large fleets times rates never overflow.
    const Wide product = static_cast<Wide>(minor_) * rate.value;
    const Wide denominator = static_cast<Wide>(10000) * step;
    Wide quotient = product / denominator;
    const Wide remainder = product % denominator;
    const Wide twice = remainder < 0 ? -2 * remainder : 2 * remainder;
    if (twice >= denominator) quotient += product < 0 ? -1 : 1;
    return Money(static_cast<std::int64_t>(quotient * step), currency_);
}

std::string BasisPoints::to_percent_string() const {
    // One decimal of a percent: round basis points to tens.
    const std::int64_t tenths = divide_half_up(value, 10);
    char buffer[32];
    const std::int64_t whole = std::llabs(tenths) / 10;
    const std::int64_t fraction = std::llabs(tenths) % 10;
    if (fraction == 0)
        std::snprintf(buffer, sizeof buffer, "%s%lld%%", tenths < 0 ? "-" : "", static_cast<long long>(whole));
    else
        std::snprintf(buffer, sizeof buffer, "%s%lld.%lld%%", tenths < 0 ? "-" : "", static_cast<long long>(whole),
                      static_cast<long long>(fraction));
    return buffer;
}

namespace {

// The digits of `v`, right-aligned in `end[-n..0)`, at least `min_digits` of them (zeros in front),
// with a comma between groups of three when `grouped`; returns where they start.
char* write_digits(char* end, unsigned long long v, int min_digits, bool grouped) {
    char* at = end;
    int written = 0;
    do {
        if (grouped && written > 0 && written % 3 == 0) *--at = ',';
        *--at = static_cast<char>('0' + v % 10);
        v /= 10;
        ++written;
    } while (v != 0 || written < min_digits);
    return at;
}

}  // namespace

std::string group_thousands(std::uint64_t magnitude) {
    char text[32];
    char* const end = text + sizeof text;
    const char* digits = write_digits(end, magnitude, 1, /*grouped=*/true);
    return std::string(digits, static_cast<std::size_t>(end - digits));
}

std::string group_thousands(std::int64_t number) {
    // 0 - x in unsigned arithmetic: the magnitude of INT64_MIN too.
    const std::uint64_t magnitude =
        number < 0 ? 0ULL - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
    return number < 0 ? "-" + group_thousands(magnitude) : group_thousands(magnitude);
}

void Money::append_to(std::string& out) const {
    unsigned long long scale = 1;
    for (int i = 0; i < currency_.decimals; ++i) scale *= 10;
    const bool negative = minor_ < 0;
    const unsigned long long magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(minor_) : static_cast<unsigned long long>(minor_);
    out += currency_.code_view();
    out += negative ? " -" : " ";
    char text[48];
    char* const end = text + sizeof text;
    const char* whole = write_digits(end, magnitude / scale, 1, /*grouped=*/true);
    out.append(whole, static_cast<std::size_t>(end - whole));
    if (currency_.decimals > 0) {
        out += '.';
        const char* fraction = write_digits(end, magnitude % scale, currency_.decimals, /*grouped=*/false);
        out.append(fraction, static_cast<std::size_t>(end - fraction));
    }
}

void Money::append_plain_to(std::string& out) const {
    const int decimals = currency_.decimals;
    const bool negative = minor_ < 0;
    const unsigned long long magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(minor_) : static_cast<unsigned long long>(minor_);
    char text[48];
    char* const end = text + sizeof text;
    char* digits = write_digits(end, magnitude, decimals + 1, /*grouped=*/false);
    if (negative) out += '-';
    if (decimals > 0) {
        const char* point = end - decimals;
        out.append(digits, static_cast<std::size_t>(point - digits));
        out += '.';
        out.append(point, static_cast<std::size_t>(decimals));
    } else {
        out.append(digits, static_cast<std::size_t>(end - digits));
    }
}

std::string Money::to_string() const {
    std::string text;
    append_to(text);
    return text;
}

std::string Money::to_plain_string() const {
    std::string text;
    append_plain_to(text);
    return text;
}

std::optional<std::int64_t> parse_major_units(std::string_view text, const Currency& currency) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    std::int64_t whole = 0;
    std::size_t i = 0;
    bool digits = false;
    // Largest whole part that still fits in minor units once scaled.
    std::int64_t scale_limit = 1;
    for (int d = 0; d < currency.decimals; ++d) scale_limit *= 10;
    const std::int64_t max_whole = INT64_MAX / scale_limit;
    for (; i < text.size() && text[i] != '.'; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        if (whole > (max_whole - (text[i] - '0')) / 10) return std::nullopt;
        whole = whole * 10 + (text[i] - '0');
        digits = true;
    }
    std::int64_t fraction = 0;
    int fraction_digits = 0;
    if (i < text.size()) {
        for (++i; i < text.size(); ++i) {
            if (text[i] < '0' || text[i] > '9' || fraction_digits == currency.decimals) return std::nullopt;
            fraction = fraction * 10 + (text[i] - '0');
            ++fraction_digits;
        }
        if (fraction_digits == 0) return std::nullopt;
    }
    if (!digits) return std::nullopt;
    for (int d = fraction_digits; d < currency.decimals; ++d) fraction *= 10;
    if (whole > (INT64_MAX - fraction) / scale_limit) return std::nullopt;
    return whole * scale_limit + fraction;
}

}  // namespace apos
