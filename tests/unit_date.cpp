// Calendar dates: strict YYYY-MM-DD parsing, leap years, day and year arithmetic, term ends and saturation at years 1
// and 9999.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "apos/date.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::date;

// ---- Parsing ---------------------------------------------------------------------------------

TEST(DateParse, AcceptsRealCalendarDatesInStrictIsoForm) {
    struct Row {
        const char* text;
        int year, month, day;
    };
    const std::vector<Row> rows = {
        {"2025-01-01", 2025, 1, 1},   {"2024-02-29", 2024, 2, 29}, {"2000-02-29", 2000, 2, 29},
        {"1999-12-31", 1999, 12, 31}, {"0001-01-01", 1, 1, 1},     {"9999-12-31", 9999, 12, 31},
        {"1970-01-01", 1970, 1, 1},   {"2025-04-30", 2025, 4, 30}, {"2025-12-31", 2025, 12, 31},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.text);
        const auto d = Date::parse(row.text);
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(d->ymd().year, row.year);
        EXPECT_EQ(d->ymd().month, row.month);
        EXPECT_EQ(d->ymd().day, row.day);
        EXPECT_EQ(d->to_string(), row.text);
    }
}

TEST(DateParse, RejectsImpossibleDatesAndAnythingButYYYYMMDD) {
    const std::vector<std::string> rows = {
        "2025-02-30",   // no 30 February
        "2023-02-29",   // 2023 is not a leap year
        "1900-02-29",   // 1900 is not a leap year (divisible by 100, not by 400)
        "2025-04-31",   // April has 30 days
        "2025-13-01",   // month 13
        "2025-00-10",   // month 0
        "2025-01-00",   // day 0
        "2025-01-32",   // day 32
        "0000-01-01",   // year 0 is outside 1..9999
        "10000-01-01",  // five-digit year
        "2025-1-01",    // month needs two digits
        "2025-01-1",    // day needs two digits
        " 2025-01-01",  // leading space
        "2025-01-01 ",  // trailing space
        "2025-01-01x",  // trailing text
        "2025/01/01",   // wrong separator
        "20250101",     // no separators
        "2025-01-01T00:00:00",
        "+025-01-01",
        "-025-01-01",
        "2025-0a-01",
        "",
    };
    for (const std::string& text : rows) {
        SCOPED_TRACE("\"" + text + "\"");
        EXPECT_FALSE(Date::parse(text).has_value());
    }
}

TEST(DateFromYmd, RejectsOutOfRangeParts) {
    EXPECT_FALSE(Date::from_ymd(0, 1, 1));
    EXPECT_FALSE(Date::from_ymd(10000, 1, 1));
    EXPECT_FALSE(Date::from_ymd(2025, 0, 1));
    EXPECT_FALSE(Date::from_ymd(2025, 13, 1));
    EXPECT_FALSE(Date::from_ymd(2025, 2, 29));
    EXPECT_FALSE(Date::from_ymd(-5, 1, 1));
    EXPECT_TRUE(Date::from_ymd(2024, 2, 29));
}

// ---- Leap years ------------------------------------------------------------------------------

TEST(LeapYear, EveryFourthYearExceptCenturiesNotDivisibleBy400) {
    struct Row {
        int year;
        bool leap;
    };
    const std::vector<Row> rows = {{1900, false}, {2000, true}, {2024, true}, {2023, false}, {2100, false},
                                   {2400, true},  {1996, true}, {1, false},   {4, true},     {9996, true}};
    for (const Row& row : rows) {
        SCOPED_TRACE(row.year);
        EXPECT_EQ(is_leap_year(row.year), row.leap);
        EXPECT_EQ(days_in_month(row.year, 2), row.leap ? 29 : 28);
    }
}

TEST(DaysInMonth, FollowsTheGregorianCalendar) {
    const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
        SCOPED_TRACE(m);
        EXPECT_EQ(days_in_month(2025, m), expected[m - 1]);
    }
}

// ---- Round trip over many days ----------------------------------------------------------------

TEST(DateToString, RoundTripsEveryDayFrom1999To2030) {
    // Walks day by day with plus_days(1) and checks against an independent y/m/d counter.
    Date d = date("1999-12-25");
    const Date last = date("2030-01-05");
    int y = 1999, m = 12, dd = 25;
    int count = 0;
    while (true) {
        char expected[40];  // room for any int, so the compiler sees no truncation
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", y, m, dd);
        const std::string text = d.to_string();
        ASSERT_EQ(text, expected) << "after " << count << " days";
        const auto back = Date::parse(text);
        ASSERT_TRUE(back.has_value()) << text;
        ASSERT_EQ(*back, d) << text;
        ASSERT_EQ(Date::from_ymd(y, m, dd), d) << text;
        if (d == last) break;
        d = d.plus_days(1);
        ++count;
        if (++dd > days_in_month(y, m)) {
            dd = 1;
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    EXPECT_EQ(count, days_between(date("1999-12-25"), last));
    EXPECT_EQ(count, 10969);
}

TEST(DateYmd, AgreesWithADayByDayCountOverTheWholeCalendar) {
    // Every day from 0001-01-01 to 9999-12-31: the day count and year/month/day convert both ways
    // and agree with a counter that knows only month lengths.
    Date d = *Date::from_ymd(1, 1, 1);
    int y = 1, m = 1, dd = 1;
    std::int32_t days = d.days_since_epoch();
    for (;;) {
        const YearMonthDay v = d.ymd();
        ASSERT_TRUE(v.year == y && v.month == m && v.day == dd)
            << y << "-" << m << "-" << dd << " read back as " << v.year << "-" << v.month << "-" << v.day;
        ASSERT_EQ(Date::from_ymd(y, m, dd)->days_since_epoch(), days) << y << "-" << m << "-" << dd;
        if (y == 9999 && m == 12 && dd == 31) break;
        d = d.plus_days(1);
        ++days;
        if (++dd > days_in_month(y, m)) {
            dd = 1;
            if (++m > 12) {
                m = 1;
                ++y;
            }
        }
    }
    EXPECT_EQ(days, days_between(Date(), *Date::from_ymd(9999, 12, 31)));
}

TEST(DateEpoch, DefaultDateIs1970_01_01AndCountsDaysFromIt) {
    EXPECT_EQ(Date().to_string(), "1970-01-01");
    EXPECT_EQ(date("1970-01-01").days_since_epoch(), 0);
    EXPECT_EQ(date("1970-01-02").days_since_epoch(), 1);
    EXPECT_EQ(date("1969-12-31").days_since_epoch(), -1);
    EXPECT_EQ(date("2000-03-01").days_since_epoch(), 11017);
}

// ---- Arithmetic -------------------------------------------------------------------------------

TEST(DatePlusDays, CrossesMonthAndYearEnds) {
    struct Row {
        const char* from;
        int days;
        const char* to;
    };
    const std::vector<Row> rows = {
        {"2025-01-31", 1, "2025-02-01"},     {"2025-02-28", 1, "2025-03-01"},      {"2024-02-28", 1, "2024-02-29"},
        {"2024-02-29", 1, "2024-03-01"},     {"2025-12-31", 1, "2026-01-01"},      {"2026-01-01", -1, "2025-12-31"},
        {"2025-03-01", -1, "2025-02-28"},    {"2024-03-01", -1, "2024-02-29"},     {"2025-01-01", 365, "2026-01-01"},
        {"2024-01-01", 366, "2025-01-01"},   {"2025-06-15", 0, "2025-06-15"},      {"2025-04-01", 90, "2025-06-30"},
        {"2000-01-01", 10000, "2027-05-19"}, {"2027-05-19", -10000, "2000-01-01"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.from) + " + " + std::to_string(row.days) + " days");
        EXPECT_EQ(date(row.from).plus_days(row.days).to_string(), row.to);
    }
}

TEST(DatePlusYears, KeepsMonthAndDayAndMoves29FebruaryTo1March) {
    struct Row {
        const char* from;
        int years;
        const char* to;
    };
    const std::vector<Row> rows = {
        {"2025-03-02", 3, "2028-03-02"},   {"2024-02-29", 1, "2025-03-01"},   {"2024-02-29", 4, "2028-02-29"},
        {"2024-02-29", 100, "2124-02-29"}, {"2000-02-29", 100, "2100-03-01"}, {"2024-02-29", -1, "2023-03-01"},
        {"2025-12-31", 1, "2026-12-31"},   {"2025-02-28", 1, "2026-02-28"},   {"2023-02-28", 1, "2024-02-28"},
        {"2025-06-15", 0, "2025-06-15"},   {"2025-06-15", -5, "2020-06-15"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.from) + " + " + std::to_string(row.years) + " years");
        EXPECT_EQ(date(row.from).plus_years(row.years).to_string(), row.to);
    }
}

TEST(TermEnd, EndsTheDayBeforeTheSameDateYearsLater) {
    // README, "Conventions": a Y-year term starting on S ends on (S + Y years) - 1 day.
    struct Row {
        const char* start;
        int years;
        const char* end;
    };
    const std::vector<Row> rows = {
        {"2025-03-02", 3, "2028-03-01"}, {"2024-02-29", 1, "2025-02-28"}, {"2024-02-29", 4, "2028-02-28"},
        {"2025-01-01", 1, "2025-12-31"}, {"2025-03-01", 1, "2026-02-28"}, {"2023-03-01", 1, "2024-02-29"},
        {"2025-12-31", 5, "2030-12-30"}, {"2024-02-29", 3, "2027-02-28"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.start) + ", " + std::to_string(row.years) + " years");
        EXPECT_EQ(term_end(date(row.start), row.years).to_string(), row.end);
    }
}

TEST(DaysBetween, CountsSignedDaysFromFirstToSecond) {
    struct Row {
        const char* from;
        const char* to;
        int days;
    };
    const std::vector<Row> rows = {
        {"2025-01-01", "2025-01-01", 0},   {"2025-01-01", "2025-01-02", 1},       {"2025-01-02", "2025-01-01", -1},
        {"2025-01-01", "2026-01-01", 365}, {"2024-01-01", "2025-01-01", 366},     {"2024-02-28", "2024-03-01", 2},
        {"2025-02-28", "2025-03-01", 1},   {"0001-01-01", "9999-12-31", 3652058},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.from) + " -> " + row.to);
        EXPECT_EQ(days_between(date(row.from), date(row.to)), row.days);
    }
}

TEST(DateCompare, OrdersByDay) {
    EXPECT_LT(date("2025-01-01"), date("2025-01-02"));
    EXPECT_LT(date("1999-12-31"), date("2000-01-01"));
    EXPECT_EQ(date("2025-01-01"), date("2025-01-01"));
    EXPECT_GT(date("2025-03-01"), date("2025-02-28"));
}

// ---- Saturation at the calendar's ends ------------------------------------------------------------

void expect_valid(Date d) {
    const std::string text = d.to_string();
    EXPECT_EQ(text.size(), 10u) << text;
    EXPECT_TRUE(Date::parse(text).has_value()) << text;
}

TEST(DateSaturation, PlusDaysStopsAtYear1AndYear9999) {
    const Date first = date("0001-01-01");
    const Date last = date("9999-12-31");
    EXPECT_EQ(last.plus_days(1), last);
    EXPECT_EQ(last.plus_days(INT32_MAX), last);
    EXPECT_EQ(first.plus_days(-1), first);
    EXPECT_EQ(first.plus_days(INT32_MIN), first);
    EXPECT_EQ(date("2025-06-15").plus_days(INT32_MAX), last);
    EXPECT_EQ(date("2025-06-15").plus_days(INT32_MIN), first);
    EXPECT_EQ(date("9999-12-30").plus_days(1), last);
    EXPECT_EQ(date("0001-01-02").plus_days(-1), first);
    expect_valid(last.plus_days(INT32_MAX));
    expect_valid(first.plus_days(INT32_MIN));
}

TEST(DateSaturation, PlusYearsStopsAtYear1AndYear9999) {
    const Date first = date("0001-01-01");
    const Date last = date("9999-12-31");
    EXPECT_EQ(date("9999-06-15").plus_years(1), last);
    EXPECT_EQ(date("2025-06-15").plus_years(INT_MAX), last);
    EXPECT_EQ(date("2025-06-15").plus_years(INT_MIN), first);
    EXPECT_EQ(date("0001-06-15").plus_years(-1), first);
    EXPECT_EQ(date("9998-06-15").plus_years(1).to_string(), "9999-06-15");
    expect_valid(date("2025-06-15").plus_years(INT_MAX));
    expect_valid(date("2025-06-15").plus_years(INT_MIN));
}

TEST(DateSaturation, TermEndNearTheEndsStaysAValidDate) {
    expect_valid(term_end(date("9999-06-15"), 5));
    expect_valid(term_end(date("9999-12-31"), 10));
    expect_valid(term_end(date("0001-01-01"), 0));  // 1 Jan of year 1 minus one day saturates
    expect_valid(term_end(date("0001-01-01"), -3));
    EXPECT_EQ(term_end(date("9998-06-15"), 1).to_string(), "9999-06-14");
    EXPECT_EQ(term_end(date("0001-01-01"), 1).to_string(), "0001-12-31");
}

// ---- Ranges -----------------------------------------------------------------------------------------

TEST(DateRange, ContainsIsInclusiveAtBothEnds) {
    const DateRange range{date("2025-03-02"), date("2028-03-01")};
    struct Row {
        const char* day;
        bool inside;
    };
    const std::vector<Row> rows = {
        {"2025-03-01", false}, {"2025-03-02", true},  {"2026-07-01", true},
        {"2028-03-01", true},  {"2028-03-02", false}, {"1999-01-01", false},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.day);
        EXPECT_EQ(range.contains(date(row.day)), row.inside);
    }
}

TEST(DateRange, SingleDayRangeHoldsOnlyThatDay) {
    const DateRange range{date("2025-06-30"), date("2025-06-30")};
    EXPECT_TRUE(range.contains(date("2025-06-30")));
    EXPECT_FALSE(range.contains(date("2025-06-29")));
    EXPECT_FALSE(range.contains(date("2025-07-01")));
}

}  // namespace
}  // namespace apos
