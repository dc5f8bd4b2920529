// Money: half-up division and rate application, formatting with separators per currency, percent strings, parsing of
// major units, currency codes.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "apos/money.hpp"

namespace apos {
namespace {

Currency currency(const char* code) {
    const auto c = Currency::from_code(code);
    if (!c) {
        ADD_FAILURE() << "bad currency in test: " << code;
    }
    return c.value_or(Currency{});
}

Money usd(std::int64_t cents) { return Money(cents, currency("USD")); }

// ---- divide_half_up ------------------------------------------------------------------------------

TEST(DivideHalfUp, RoundsHalvesAwayFromZero) {
    struct Row {
        std::int64_t numerator, denominator, expected;
    };
    const std::vector<Row> rows = {
        {5, 2, 3},
        {-5, 2, -3},
        {4, 2, 2},
        {-4, 2, -2},
        {1, 2, 1},
        {-1, 2, -1},
        {7, 3, 2},
        {8, 3, 3},
        {-7, 3, -2},
        {-8, 3, -3},
        {0, 7, 0},
        {1, 3, 0},
        {-1, 3, 0},
        {15, 10, 2},
        {14, 10, 1},
        {-15, 10, -2},
        {-14, 10, -1},
        {1863, 10, 186},
        {std::numeric_limits<std::int64_t>::max(), 1, std::numeric_limits<std::int64_t>::max()},
        {std::numeric_limits<std::int64_t>::max(), 2, std::numeric_limits<std::int64_t>::max() / 2 + 1},
        {std::numeric_limits<std::int64_t>::min(), 2, std::numeric_limits<std::int64_t>::min() / 2},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::to_string(row.numerator) + " / " + std::to_string(row.denominator));
        EXPECT_EQ(divide_half_up(row.numerator, row.denominator), row.expected);
    }
}

// ---- Money::apply_rate -----------------------------------------------------------------------------

TEST(ApplyRate, RoundsHalfUpToTheStep) {
    struct Row {
        const char* what;
        std::int64_t minor;
        std::int64_t rate_bp;
        std::int64_t step;
        std::int64_t expected;
    };
    const std::vector<Row> rows = {
        // The programs' worked check: $10,885 x 10% = $1,088.50 -> $1,089 in whole dollars.
        {"$10,885 x 10% to whole dollars", 1088500, 1000, 100, 108900},
        {"$10,885 x 10% to the cent", 1088500, 1000, 1, 108850},
        // $10,885 x 2.5% = $272.125 -> $272 in whole dollars, $272.13 to the cent.
        {"$10,885 x 2.5% to whole dollars", 1088500, 250, 100, 27200},
        {"$10,885 x 2.5% to the cent", 1088500, 250, 1, 27213},
        {"1 cent x 50% (exact half) rounds up", 1, 5000, 1, 1},
        {"1 cent x 49.99% rounds down", 1, 4999, 1, 0},
        {"-1 cent x 50% rounds away from zero", -1, 5000, 1, -1},
        {"-1 cent x 49.99% rounds to zero", -1, 4999, 1, 0},
        {"$3,140 x 5% to whole dollars", 314000, 500, 100, 15700},
        {"$0.49 x 100% to whole dollars", 49, 10000, 100, 0},
        {"$0.50 x 100% to whole dollars", 50, 10000, 100, 100},
        {"-$0.50 x 100% to whole dollars", -50, 10000, 100, -100},
        {"0 x anything", 0, 1234, 100, 0},
        {"anything x 0%", 123456, 0, 1, 0},
        {"step 0 is treated as 1", 1088500, 250, 0, 27213},
        {"negative step is treated as 1", 1088500, 250, -100, 27213},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.what);
        const Money result = usd(row.minor).apply_rate(BasisPoints{row.rate_bp}, row.step);
        EXPECT_EQ(result.minor_units(), row.expected);
        EXPECT_EQ(result.currency().code_view(), "USD");
    }
}

TEST(ApplyRate, DoesNotOverflowForLargeAmounts) {
    // 9e15 minor units x 2500 bp = 2.25e19 intermediate, beyond 64 bits; the result fits.
    EXPECT_EQ(usd(9'000'000'000'000'000).apply_rate(BasisPoints{2500}).minor_units(), 2'250'000'000'000'000);
    EXPECT_EQ(usd(-9'000'000'000'000'000).apply_rate(BasisPoints{2500}).minor_units(), -2'250'000'000'000'000);
    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(usd(max).apply_rate(BasisPoints{10000}).minor_units(), max);
    EXPECT_EQ(usd(max).apply_rate(BasisPoints{5000}).minor_units(), max / 2 + 1);  // ...807 / 2 = ...403.5 -> ...404
    EXPECT_EQ(usd(max).apply_rate(BasisPoints{1}, 100).minor_units(), 922337203685500);
}

// ---- Arithmetic and equality --------------------------------------------------------------------------

// Amounts of two currencies never add up: the sum is refused, not labelled with the left
// operand's code (which used to turn EUR 100 + USD 100 into "EUR 200").
TEST(MoneyArithmetic, SumsAcrossCurrenciesAreRefused) {
    struct Row {
        const char* left;
        std::int64_t a;
        const char* right;
        std::int64_t b;
    };
    const std::vector<Row> rows = {{"EUR", 100, "USD", 100}, {"USD", 0, "JPY", 0}, {"JPY", 5, "KWD", -5}};
    for (const Row& row : rows) {
        const Money left(row.a, currency(row.left));
        const Money right(row.b, currency(row.right));
        EXPECT_EQ(left.plus(right), std::nullopt) << row.left << " + " << row.right;
        EXPECT_EQ(left.minus(right), std::nullopt) << row.left << " - " << row.right;
        EXPECT_EQ(right.plus(left), std::nullopt) << row.right << " + " << row.left;
    }
}

TEST(MoneyArithmetic, SumsWithinOneCurrencyKeepIt) {
    const Money eur(1050, currency("EUR"));
    const std::optional<Money> sum = eur.plus(Money(-50, currency("EUR")));
    ASSERT_TRUE(sum.has_value());
    EXPECT_EQ(sum->minor_units(), 1000);
    EXPECT_EQ(sum->currency().code_view(), "EUR");
    const std::optional<Money> difference = eur.minus(Money(2000, currency("EUR")));
    ASSERT_TRUE(difference.has_value());
    EXPECT_EQ(*difference, Money(-950, currency("EUR")));
}

TEST(MoneyArithmetic, PlainSumsAndProductsKeepTheCurrency) {
    EXPECT_EQ(usd(150).plus(usd(250)), std::optional<Money>(usd(400)));
    EXPECT_EQ(usd(150).minus(usd(250)), std::optional<Money>(usd(-100)));
    EXPECT_EQ(usd(1999).times(3), usd(5997));
    EXPECT_FALSE(Money(100, currency("USD")) == Money(100, currency("EUR")));
    EXPECT_EQ(Money().currency().code_view(), "USD");
    EXPECT_EQ(Money().minor_units(), 0);
}

// ---- Money::to_string --------------------------------------------------------------------------------

TEST(MoneyToString, GroupsThousandsAndShowsTheCurrencysDecimals) {
    struct Row {
        std::int64_t minor;
        const char* code;
        const char* text;
    };
    const std::vector<Row> rows = {
        {0, "USD", "USD 0.00"},
        {5, "USD", "USD 0.05"},
        {99, "USD", "USD 0.99"},
        {100, "USD", "USD 1.00"},
        {99999, "USD", "USD 999.99"},
        {100000, "USD", "USD 1,000.00"},
        {123456, "USD", "USD 1,234.56"},
        {123456789, "USD", "USD 1,234,567.89"},
        {100000000000, "USD", "USD 1,000,000,000.00"},
        {-5, "USD", "USD -0.05"},
        {-123456, "USD", "USD -1,234.56"},
        {-100000000, "USD", "USD -1,000,000.00"},
        {0, "JPY", "JPY 0"},
        {999, "JPY", "JPY 999"},
        {1000, "JPY", "JPY 1,000"},
        {1234567, "JPY", "JPY 1,234,567"},
        {-1234567, "JPY", "JPY -1,234,567"},
        {5, "KWD", "KWD 0.005"},
        {1234567, "KWD", "KWD 1,234.567"},
        {-1000, "KWD", "KWD -1.000"},
        {123456, "EUR", "EUR 1,234.56"},
        {std::numeric_limits<std::int64_t>::max(), "USD", "USD 92,233,720,368,547,758.07"},
        {std::numeric_limits<std::int64_t>::min(), "USD", "USD -92,233,720,368,547,758.08"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::to_string(row.minor) + " " + row.code);
        EXPECT_EQ(Money(row.minor, currency(row.code)).to_string(), row.text);
    }
}

// Counts shown to people (units, rows) group thousands the way prices do.
TEST(MoneyToString, CountsGroupThousandsWithCommas) {
    struct Row {
        std::int64_t number;
        const char* text;
    };
    const std::vector<Row> rows = {
        {0, "0"},
        {999, "999"},
        {1000, "1,000"},
        {1234567, "1,234,567"},
        {-1234567, "-1,234,567"},
        {std::numeric_limits<std::int64_t>::min(), "-9,223,372,036,854,775,808"},
    };
    for (const Row& row : rows) EXPECT_EQ(group_thousands(row.number), row.text) << row.number;
}

// The plain form (spreadsheet cells): no currency, no grouping, every decimal of the currency.
TEST(MoneyToString, PlainFormHasNoCurrencyNoGroupingAndEveryDecimal) {
    struct Row {
        std::int64_t minor;
        const char* code;
        const char* text;
    };
    const std::vector<Row> rows = {
        {0, "USD", "0.00"},
        {5, "USD", "0.05"},
        {100, "USD", "1.00"},
        {123456789, "USD", "1234567.89"},
        {-5, "USD", "-0.05"},
        {-123456, "USD", "-1234.56"},
        {0, "JPY", "0"},
        {1234567, "JPY", "1234567"},
        {-7, "JPY", "-7"},
        {5, "KWD", "0.005"},
        {-1000, "KWD", "-1.000"},
        {std::numeric_limits<std::int64_t>::max(), "USD", "92233720368547758.07"},
        {std::numeric_limits<std::int64_t>::min(), "USD", "-92233720368547758.08"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::to_string(row.minor) + " " + row.code);
        EXPECT_EQ(Money(row.minor, currency(row.code)).to_plain_string(), row.text);
    }
}

// The append forms add the same text after what is already there (the CSV writer's way).
TEST(MoneyToString, AppendFormsAddTheSameTextAfterWhatIsThere) {
    for (std::int64_t minor : {std::int64_t{0}, std::int64_t{-123456}, std::int64_t{100000000000}}) {
        for (const char* code : {"USD", "JPY", "KWD"}) {
            const Money m(minor, currency(code));
            std::string out = "x,";
            m.append_to(out);
            out += ';';
            m.append_plain_to(out);
            EXPECT_EQ(out, "x," + m.to_string() + ";" + m.to_plain_string()) << minor << " " << code;
        }
    }
}

// ---- BasisPoints::to_percent_string ----------------------------------------------------------------------

TEST(PercentString, OneDecimalRoundedHalfUpTrailingZeroDropped) {
    struct Row {
        std::int64_t bp;
        const char* text;
    };
    const std::vector<Row> rows = {
        {1863, "18.6%"}, {250, "2.5%"}, {1000, "10%"},   {10000, "100%"}, {0, "0%"},
        {5, "0.1%"},  // 0.05% rounds half-up to 0.1%
        {4, "0%"},    // 0.04% rounds down to 0%
        {15, "0.2%"},    {14, "0.1%"},  {1855, "18.6%"}, {1845, "18.5%"}, {1849, "18.5%"},
        {995, "10%"},  // 9.95% -> 10.0% -> "10%"
        {-250, "-2.5%"}, {-5, "-0.1%"}, {-4, "0%"},      {-1000, "-10%"}, {123456, "1234.6%"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::to_string(row.bp) + " bp");
        EXPECT_EQ(BasisPoints{row.bp}.to_percent_string(), row.text);
    }
}

// ---- parse_major_units ------------------------------------------------------------------------------------

TEST(ParseMajorUnits, ReadsPlainDecimalAmountsExactly) {
    struct Row {
        const char* text;
        const char* code;
        std::int64_t minor;
    };
    const std::vector<Row> rows = {
        {"12.50", "USD", 1250},
        {"12.5", "USD", 1250},
        {"12", "USD", 1200},
        {"0", "USD", 0},
        {"0.01", "USD", 1},
        {"0.1", "USD", 10},
        {"1234567.89", "USD", 123456789},
        {"007", "USD", 700},  // leading zeros are harmless
        {"12", "JPY", 12},
        {"1500", "JPY", 1500},
        {"1.5", "KWD", 1500},
        {"1.234", "KWD", 1234},
        {"0.005", "KWD", 5},
        {"92233720368547758.07", "USD", std::numeric_limits<std::int64_t>::max()},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string("\"") + row.text + "\" " + row.code);
        const auto minor = parse_major_units(row.text, currency(row.code));
        ASSERT_TRUE(minor.has_value());
        EXPECT_EQ(*minor, row.minor);
    }
}

TEST(ParseMajorUnits, RejectsAnythingThatIsNotAnExactNonNegativeAmount) {
    struct Row {
        const char* text;
        const char* code;
        const char* why;
    };
    const std::vector<Row> rows = {
        {"12.505", "USD", "more decimals than the currency has"},
        {"-1", "USD", "negative"},
        {"", "USD", "empty"},
        {"1e3", "USD", "exponent"},
        {".5", "USD", "no whole part"},
        {"12.", "USD", "dot without decimals"},
        {".", "USD", "a lone dot"},
        {"+12", "USD", "sign"},
        {" 12", "USD", "leading space"},
        {"12 ", "USD", "trailing space"},
        {"1,000", "USD", "thousands separator"},
        {"12.5.0", "USD", "two dots"},
        {"abc", "USD", "letters"},
        {"12.5", "JPY", "JPY has no minor unit"},
        {"12.0", "JPY", "JPY has no minor unit, even for .0"},
        {"1.2345", "KWD", "KWD has three decimals"},
        {"123456789012345678901", "USD", "longer than 20 characters"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string("\"") + row.text + "\" " + row.code + ": " + row.why);
        EXPECT_FALSE(parse_major_units(row.text, currency(row.code)).has_value());
    }
}

TEST(ParseMajorUnits, RejectsAmountsTooLargeForMinorUnitsInsteadOfWrapping) {
    // Sensible behaviour: an amount that does not fit in 64-bit minor units is refused.
    struct Row {
        const char* text;
        const char* code;
    };
    const std::vector<Row> rows = {
        {"92233720368547758.08", "USD"},  // INT64_MAX + 1 cent
        {"99999999999999999", "USD"},     // 1e17 dollars = 1e19 cents
        {"9999999999999999999", "JPY"},   // 19 digits, beyond INT64_MAX
        {"99999999999999999999", "JPY"},  // 20 digits
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string("\"") + row.text + "\" " + row.code);
        const auto minor = parse_major_units(row.text, currency(row.code));
        EXPECT_FALSE(minor.has_value()) << "got " << minor.value_or(0);
    }
}

// ---- Currency::from_code -----------------------------------------------------------------------------------

TEST(CurrencyFromCode, AcceptsThreeCapitalLettersWithTheRightDecimals) {
    struct Row {
        const char* code;
        int decimals;
    };
    const std::vector<Row> rows = {{"USD", 2}, {"EUR", 2}, {"GBP", 2}, {"JPY", 0}, {"KRW", 0},
                                   {"KWD", 3}, {"BHD", 3}, {"OMR", 3}, {"XYZ", 2}};
    for (const Row& row : rows) {
        SCOPED_TRACE(row.code);
        const auto c = Currency::from_code(row.code);
        ASSERT_TRUE(c.has_value());
        EXPECT_EQ(c->code_view(), row.code);
        EXPECT_EQ(c->decimals, row.decimals);
    }
}

TEST(CurrencyFromCode, RejectsLowerCaseWrongLengthAndNonLetters) {
    for (const char* code : {"usd", "Usd", "US", "USDD", "", "U1D", "US ", " US", "U-D"}) {
        SCOPED_TRACE(std::string("\"") + code + "\"");
        EXPECT_FALSE(Currency::from_code(code).has_value());
    }
}

}  // namespace
}  // namespace apos
