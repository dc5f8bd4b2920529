// Civil-date arithmetic after Howard Hinnant's days_from_civil / civil_from_days algorithms.
#include "apos/date.hpp"

#include <cstdio>

namespace apos {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

std::int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

YearMonthDay civil_from_days(std::int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
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
