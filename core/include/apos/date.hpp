// Calendar dates (no time of day) and the day-counting conventions every rule shares.
// A Date is a count of days since 1970-01-01 in the proleptic Gregorian calendar, limited
// to years 1..9999 so that every value prints as YYYY-MM-DD.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apos {

struct YearMonthDay {
    int year = 1970;
    int month = 1;
    int day = 1;
};

class Date {
public:
    constexpr Date() = default;

    // Returns nothing for impossible dates (2025-02-30, month 13, year 0 or 10000).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Strict ISO form YYYY-MM-DD; nothing else is accepted.
    static std::optional<Date> parse(std::string_view text);

    YearMonthDay ymd() const;
    std::string to_string() const;
    std::int32_t days_since_epoch() const { return days_; }

    Date plus_days(std::int32_t days) const;
    // Same month and day, `years` later; 29 February lands on 1 March in a non-leap year.
    Date plus_years(int years) const;

    friend constexpr auto operator<=>(Date, Date) = default;
    friend constexpr std::int32_t days_between(Date from, Date to) { return to.days_ - from.days_; }

private:
    explicit constexpr Date(std::int32_t days) : days_(days) {}
    std::int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// A term of `years` starting on `start` ends the day before the same date `years` later
// (README, "Conventions": 2025-03-02 + 3 years ends 2028-03-01).
Date term_end(Date start, int years);

// An inclusive range of days: both ends belong to it.
struct DateRange {
    Date from;
    Date until;
    bool contains(Date day) const { return from <= day && day <= until; }
};

}  // namespace apos
