// Urgency per customer segment: a unit's bucket under a segment's own day limits (one case per
// row), the default limits giving back the fleet's buckets on a generated fleet, the limits a
// partner may set, and the optional segment column found by its usual names.
#include <gtest/gtest.h>

#include <string>

#include "apos/urgency.hpp"
#include "app/app_state.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

UnitOpportunity unit_closing_in(int days_left) {
    UnitOpportunity u;
    const ClosingWindow window{nullptr, kAsOf.plus_days(days_left), days_left};
    u.set_windows(std::span<const ClosingWindow>(&window, 1));
    return u;
}

// ---- A segment's limits: one case per row ---------------------------------------------------
struct UrgencyRow {
    const char* name;
    int days_left;
    UrgencyHorizons horizons;
    WindowBucket expected;
};
void PrintTo(const UrgencyRow& r, std::ostream* os) {
    *os << r.name << ": " << r.days_left << " days left, limits " << r.horizons.urgent_days << "/"
        << r.horizons.soon_days << "/" << r.horizons.plan_days << " -> " << to_string(r.expected);
}

class SegmentUrgency : public testing::TestWithParam<UrgencyRow> {};

TEST_P(SegmentUrgency, NextWindowAgainstTheSegmentsLimits) {
    const UrgencyRow& r = GetParam();
    EXPECT_EQ(urgency_bucket(unit_closing_in(r.days_left), r.horizons), r.expected)
        << testing::PrintToString(r) << ", got " << to_string(urgency_bucket(unit_closing_in(r.days_left), r.horizons));
}

const UrgencyRow kUrgencyRows[] = {
    {"DefaultLastDayIsUrgent", 30, {}, WindowBucket::Closing0To30},
    {"DefaultDayAfterIsSoon", 31, {}, WindowBucket::Closing31To60},
    {"DefaultNinetyIsPlan", 90, {}, WindowBucket::Closing61To90},
    {"DefaultBeyondIsLater", 91, {}, WindowBucket::OpenLater},
    {"EarlyCallerSees150AsPlan", 150, {60, 120, 180}, WindowBucket::Closing61To90},
    {"EarlyCallerSees100AsSoon", 100, {60, 120, 180}, WindowBucket::Closing31To60},
    {"EarlyCallerSees45AsUrgent", 45, {60, 120, 180}, WindowBucket::Closing0To30},
    {"EarlyCallerBeyond180IsLater", 181, {60, 120, 180}, WindowBucket::OpenLater},
    {"LateCallerSees45AsLater", 45, {10, 20, 30}, WindowBucket::OpenLater},
    {"LateCallerSees10AsUrgent", 10, {10, 20, 30}, WindowBucket::Closing0To30},
    {"ClosingTodayIsUrgent", 0, {10, 20, 30}, WindowBucket::Closing0To30},
};
INSTANTIATE_TEST_SUITE_P(Rows, SegmentUrgency, testing::ValuesIn(kUrgencyRows),
                         [](const testing::TestParamInfo<UrgencyRow>& row) { return std::string(row.param.name); });

TEST(SegmentUrgencyNoWindow, LapsedAndNothingStayAsTheFleetSaid) {
    UnitOpportunity lapsed;
    lapsed.lapsed = true;
    EXPECT_EQ(urgency_bucket(lapsed, {60, 120, 180}), WindowBucket::Lapsed);
    EXPECT_EQ(urgency_bucket(UnitOpportunity{}, {60, 120, 180}), WindowBucket::Nothing);
}

// The default limits are the fleet's own buckets, unit for unit.
TEST(SegmentUrgencyDefaults, GiveBackEveryUnitsBucketOnAGeneratedFleet) {
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(800, kAsOf)) text += row;
    const FleetParse parsed = parse_fleet_csv(text);
    const FleetResult result = evaluate_fleet(test::sample_catalog(), parsed, kAsOf);
    ASSERT_GT(result.units.size(), 500u);
    int with_window = 0;
    for (const UnitOpportunity& u : result.units) {
        EXPECT_EQ(urgency_bucket(u, UrgencyHorizons{}), u.bucket) << u.serial() << " line " << u.line;
        with_window += u.windows().empty() ? 0 : 1;
    }
    EXPECT_GT(with_window, 100);
}

// ---- The limits a partner may set ---------------------------------------------------------
struct LimitsRow {
    const char* name;
    UrgencyHorizons horizons;
    bool accepted;
};
class UrgencyLimits : public testing::TestWithParam<LimitsRow> {};
TEST_P(UrgencyLimits, AscendFromOneDayToTenYears) {
    const LimitsRow& r = GetParam();
    const std::optional<std::string> problem = urgency_horizons_problem(r.horizons);
    EXPECT_EQ(!problem, r.accepted) << r.horizons.urgent_days << "/" << r.horizons.soon_days << "/"
                                    << r.horizons.plan_days << ": " << problem.value_or("accepted");
}
const LimitsRow kLimitsRows[] = {
    {"Defaults", {}, true},
    {"CallsAt180", {60, 120, 180}, true},
    {"TenYears", {1, 2, kMaxUrgencyDays}, true},
    {"ZeroDays", {0, 20, 30}, false},
    {"Equal", {30, 30, 90}, false},
    {"Descending", {90, 60, 30}, false},
    {"OverTenYears", {30, 60, kMaxUrgencyDays + 1}, false},
};
INSTANTIATE_TEST_SUITE_P(Rows, UrgencyLimits, testing::ValuesIn(kLimitsRows),
                         [](const testing::TestParamInfo<LimitsRow>& row) { return std::string(row.param.name); });

// ---- The segment column ---------------------------------------------------------------------
class SegmentColumn : public testing::TestWithParam<const char*> {};
TEST_P(SegmentColumn, FoundByItsUsualNameAndReadPerRow) {
    const std::string text = std::string("serial,mtm,ship_date,customer,notes,\"") + GetParam() +
                             "\"\nA1,21HD,2025-01-15,Acme,x, Key accounts \nA2,21HD,2025-01-15,Acme,y,\n";
    const FleetParse parsed = parse_fleet_csv(text);
    ASSERT_FALSE(parsed.fatal);
    ASSERT_EQ(parsed.rows.size(), 2u);
    const std::optional<std::size_t> column = segment_column(parsed.extra_columns);
    ASSERT_TRUE(column) << GetParam() << " among " << parsed.extra_columns.size() << " extra columns";
    EXPECT_EQ(parsed.extra_columns[*column], GetParam());
    EXPECT_EQ(row_segment(parsed.rows[0], column), "Key accounts");
    EXPECT_EQ(row_segment(parsed.rows[1], column), "");
}
INSTANTIATE_TEST_SUITE_P(Names, SegmentColumn,
                         testing::Values("segment", "Segment", "Customer Segment", "account_segment", "Tier",
                                         "Account Tier", "Customer Group"),
                         [](const testing::TestParamInfo<const char*>& header) {
                             std::string name;
                             for (const char* c = header.param; *c; ++c)
                                 if (std::isalnum(static_cast<unsigned char>(*c))) name += *c;
                             return name;
                         });

TEST(SegmentColumnAbsent, NoColumnMeansNoSegment) {
    const FleetParse parsed = parse_fleet_csv("serial,mtm,ship_date,notes\nA1,21HD,2025-01-15,key accounts\n");
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_FALSE(segment_column(parsed.extra_columns));
    EXPECT_EQ(row_segment(parsed.rows[0], segment_column(parsed.extra_columns)), "");
}

// ---- The page's settings: a segment's limits by its name, case ignored; others the default -----
TEST(SegmentSettings, LimitsFoundByNameWhateverItsCase) {
    ui::Settings settings;
    settings.default_urgency = {20, 40, 80};
    settings.segments.push_back({"Key accounts", {60, 120, 180}});
    EXPECT_EQ(ui::HorizonsFor(settings, "key ACCOUNTS"), (UrgencyHorizons{60, 120, 180}));
    EXPECT_EQ(ui::HorizonsFor(settings, "Small"), (UrgencyHorizons{20, 40, 80}));
    EXPECT_EQ(ui::HorizonsFor(settings, ""), (UrgencyHorizons{20, 40, 80}));
    EXPECT_EQ(ui::FindSegment(settings, "Key account"), nullptr);
}

}  // namespace
}  // namespace apos
