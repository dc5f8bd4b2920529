// Civil-date arithmetic: calendar dates as day counts from 1970-01-01 and back.
#include "apos/date.hpp"

#include <cstdio>

namespace apos {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

// Both conversions count in a shifted calendar whose years start on 1 March (so the leap day
// ends a year) and whose day 0 lies far enough back that every count is an unsigned number;
// then each step is a multiplication and a shift rather than a division (Neri and Schneider,
// "Euclidean affine functions and their application to calendar algorithms", 2022).
constexpr std::uint32_t kEras = 82;                            // 400-year cycles moved back
constexpr std::uint32_t kShiftDays = 719468 + 146097 * kEras;  // 1970-01-01 in the count
constexpr std::uint32_t kShiftYears = 400 * kEras;

std::int32_t days_from_civil(int y, int m, int d) {
    const std::uint32_t jan_or_feb = m <= 2 ? 1 : 0;
    const std::uint32_t year = static_cast<std::uint32_t>(y) + kShiftYears - jan_or_feb;
    const std::uint32_t month = jan_or_feb ? static_cast<std::uint32_t>(m) + 12 : static_cast<std::uint32_t>(m);
    const std::uint32_t century = year / 100;
    const std::uint32_t year_days = 1461 * year / 4 - century + century / 4;
    const std::uint32_t month_days = (979 * month - 2919) / 32;
    const std::uint32_t n = year_days + month_days + static_cast<std::uint32_t>(d) - 1;
    return static_cast<std::int32_t>(n) - static_cast<std::int32_t>(kShiftDays);
}

YearMonthDay civil_from_days(std::int32_t z) {
    const std::uint32_t n = static_cast<std::uint32_t>(z + static_cast<std::int32_t>(kShiftDays));
    const std::uint32_t n1 = 4 * n + 3;
    const std::uint32_t century = n1 / 146097;
    const std::uint32_t day_of_century = n1 % 146097 / 4;
    const std::uint64_t p2 = std::uint64_t{2939745} * (4 * day_of_century + 3);
    const std::uint32_t year_of_century = static_cast<std::uint32_t>(p2 >> 32);
    const std::uint32_t day_of_year = static_cast<std::uint32_t>(p2) / 2939745 / 4;  // from 1 March
    const std::uint32_t n3 = 2141 * day_of_year + 197913;
    const std::uint32_t month = n3 >> 16;
    const std::uint32_t day = (n3 & 0xFFFF) / 2141;
    const std::uint32_t after_december = day_of_year >= 306 ? 1 : 0;
    const std::uint32_t year = 100 * century + year_of_century;
    return {static_cast<int>(year) - static_cast<int>(kShiftYears) + static_cast<int>(after_december),
            static_cast<int>(after_december ? month - 12 : month), static_cast<int>(day) + 1};
}

const std::int32_t kFirstDay = days_from_civil(kMinYear, 1, 1);
const std::int32_t kLastDay = days_from_civil(kMaxYear, 12, 31);

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap_year(year)) return 29;
    return kDays[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
    return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t len, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
    return from_ymd(y, m, d);
}

YearMonthDay Date::ymd() const { return civil_from_days(days_); }

std::string Date::to_string() const {
    const YearMonthDay v = ymd();
    std::string text = "0000-00-00";
    auto put = [&](std::size_t at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, v.year, 4);
    put(5, v.month, 2);
    put(8, v.day, 2);
    return text;
}

// Saturates at the calendar's ends so that arithmetic on extreme inputs never leaves 1..9999.
Date Date::plus_days(std::int32_t days) const {
    const std::int64_t target = static_cast<std::int64_t>(days_) + days;
    if (target < kFirstDay) return Date(kFirstDay);
    if (target > kLastDay) return Date(kLastDay);
    return Date(static_cast<std::int32_t>(target));
}

Date Date::plus_years(int years) const {
    YearMonthDay v = ymd();
    const long target_year = static_cast<long>(v.year) + years;
    if (target_year > kMaxYear) return Date(kLastDay);
    if (target_year < kMinYear) return Date(kFirstDay);
    v.year = static_cast<int>(target_year);
    if (v.month == 2 && v.day == 29 && !is_leap_year(v.year)) {
        v.month = 3;
        v.day = 1;
    }
    return Date(days_from_civil(v.year, v.month, v.day));
}

Date term_end(Date start, int years) { return start.plus_years(years).plus_days(-1); }

}  // namespace apos
