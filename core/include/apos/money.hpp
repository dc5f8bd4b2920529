// Exact money: integer minor units with an explicit currency, and rates in basis points.
// Rounding is half-up (away from zero) and happens only where a rate is applied.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apos {

// ISO 4217 code and the number of decimals of its minor unit (USD 2, JPY 0, KWD 3).
struct Currency {
    char code[4] = {'U', 'S', 'D', '\0'};
    int decimals = 2;

    static std::optional<Currency> from_code(std::string_view code);
    std::string_view code_view() const { return std::string_view(code, 3); }
    friend bool operator==(const Currency& a, const Currency& b) { return a.code_view() == b.code_view(); }
};

// A rate in hundredths of a percent: 250 = 2.5 %, 10000 = 100 %.
struct BasisPoints {
    std::int64_t value = 0;
    std::string to_percent_string() const;  // "2.5%", "18.6%" (one decimal, half-up)
};

class Money {
public:
    Money() = default;
    Money(std::int64_t minor_units, Currency currency) : minor_(minor_units), currency_(currency) {}

    std::int64_t minor_units() const { return minor_; }
    const Currency& currency() const { return currency_; }

    // Sums and differences exist only within one currency: with amounts of two currencies the
    // answer is nothing (never a figure labelled with one of them), and each caller says what
    // that means for it. One catalog has one currency, so the core's own sums always succeed.
    std::optional<Money> plus(Money other) const {
        if (!(currency_ == other.currency_)) return std::nullopt;
        return Money(minor_ + other.minor_, currency_);
    }
    std::optional<Money> minus(Money other) const {
        if (!(currency_ == other.currency_)) return std::nullopt;
        return Money(minor_ - other.minor_, currency_);
    }
    Money times(std::int64_t quantity) const { return Money(minor_ * quantity, currency_); }

    // amount x rate, rounded half-up to a multiple of `step` minor units (1 = to the cent).
    Money apply_rate(BasisPoints rate, std::int64_t step = 1) const;

    // "USD 1,234.56"
    std::string to_string() const;
    // "1234.56": no currency, no grouping (spreadsheet cells).
    std::string to_plain_string() const;
    // The same texts added to the end of `out` (a million CSV rows write a few each).
    void append_to(std::string& out) const;
    void append_plain_to(std::string& out) const;

    friend bool operator==(const Money& a, const Money& b) {
        return a.minor_ == b.minor_ && a.currency_ == b.currency_;
    }

private:
    std::int64_t minor_ = 0;
    Currency currency_;
};

// 1234567 -> "1,234,567", -1234 -> "-1,234": amounts and counts read at a glance. The one
// place digits are grouped (money, counts in the panels, limits in messages).
std::string group_thousands(std::uint64_t magnitude);
std::string group_thousands(std::int64_t number);

// numerator / denominator rounded half-up away from zero (denominator > 0).
std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator);

// Parses "12.50" / "1234" in major units into minor units of `currency`, exactly.
std::optional<std::int64_t> parse_major_units(std::string_view text, const Currency& currency);

}  // namespace apos
