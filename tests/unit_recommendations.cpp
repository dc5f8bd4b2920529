// Good / better / best bundles for a known device per customer segment: which tiers, the
// offerings and terms that fill each want of catalog/recommendations.json, and what is missing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "apos/device.hpp"
#include "apos/recommendations.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

// The CLI sample's ThinkPad E (21JK) shipped 2026-10-01 through a distributor, as of 2026-11-26.
DeviceFacts thinkpad_e() {
    DeviceInput input;
    input.mtm = "21JKCTO1WW";
    input.serial = "PF4XYZ01";
    input.ship_date = test::date("2026-10-01");
    input.channel = Channel::Distributor;
    input.quantity = 25;
    const DeviceResolution resolved = resolve_device(test::sample_catalog(), input);
    if (!resolved.facts) {
        ADD_FAILURE() << "21JK does not resolve";
    }
    return resolved.facts.value_or(DeviceFacts{});
}

struct Row {
    Segment segment;
    const char* tier;
    std::vector<std::pair<std::string, int>> offers;  // offering id and term, in want order
    std::vector<std::string> missing;
};

std::string describe(const RecommendedBundle& b) {
    std::string text = b.tier + ":";
    for (const Offer& o : b.offers) text += " " + o.offering->id + "/" + std::to_string(o.term_years);
    for (const std::string& m : b.missing) text += " missing " + m;
    return text;
}

void check(const std::vector<Row>& rows, Segment segment) {
    const std::vector<RecommendedBundle> bundles =
        recommend(test::sample_catalog(), thinkpad_e(), test::date("2026-11-26"), segment);
    std::vector<const Row*> expected;
    for (const Row& r : rows)
        if (r.segment == segment) expected.push_back(&r);
    ASSERT_EQ(bundles.size(), expected.size()) << to_string(segment);
    for (std::size_t i = 0; i < bundles.size(); ++i) {
        const RecommendedBundle& b = bundles[i];
        const Row& row = *expected[i];
        SCOPED_TRACE(std::string(to_string(segment)) + " " + row.tier + ", got " + describe(b));
        EXPECT_EQ(b.tier, row.tier);
        ASSERT_EQ(b.offers.size(), row.offers.size());
        std::int64_t total = 0;
        for (std::size_t j = 0; j < b.offers.size(); ++j) {
            EXPECT_EQ(b.offers[j].offering->id, row.offers[j].first);
            EXPECT_EQ(b.offers[j].term_years, row.offers[j].second);
            EXPECT_EQ(b.offers[j].status, OfferStatus::Eligible) << "a bundle only holds what sells today";
            ASSERT_TRUE(b.offers[j].unit_price.has_value());
            total += b.offers[j].unit_price->minor_units();
        }
        EXPECT_EQ(b.missing, row.missing);
        EXPECT_EQ(b.unit_total.minor_units(), total) << "the unit total is the sum of the bundle's prices";
        EXPECT_EQ(b.unit_total.currency(), test::sample_catalog().policy.currency);
        EXPECT_FALSE(b.pitch.empty());
    }
}

// The bundles take the longest term at which every want sells together (4 years: the
// ThinkPad E's life cap, CAP-MAX-YEARS G:2111-2113), shorter when a want needs it.
const std::vector<Row> kRows = {
    // Education: School Year Warranty (SYW, G:3946-3954) needs hardware marked for education,
    // which the E14 is not, so the best tier names it missing and keeps the rest.
    {Segment::Education, "good", {{"ext-depot", 4}}, {}},
    {Segment::Education, "better", {{"ext-depot", 4}, {"adp", 4}}, {}},
    {Segment::Education, "best", {{"ext-depot", 4}, {"adp", 4}}, {"school-year"}},
    // Health: onsite from the better tier (min_level onsite-nbd); the best tier's support want
    // is filled by cloud backup (oldb), offered for 1-3 years only, so the bundle is taken at 3.
    {Segment::Health, "good", {{"ext-depot", 4}, {"kyd", 4}}, {}},
    {Segment::Health, "better", {{"ext-onsite-nbd", 4}, {"kyd", 4}, {"adp", 4}}, {}},
    {Segment::Health, "best", {{"ext-onsite-nbd", 3}, {"kyd", 3}, {"adp", 3}, {"premier", 3}, {"oldb", 3}}, {}},
    // Government: asset recovery is a one-off service (term 0) beside the 4-year ones.
    {Segment::Government, "good", {{"ext-depot", 4}, {"kyd", 4}}, {}},
    {Segment::Government, "better", {{"ext-onsite-nbd", 4}, {"kyd", 4}}, {}},
    {Segment::Government, "best", {{"ext-onsite-nbd", 4}, {"kyd", 4}, {"premier", 4}, {"ars-standard", 0}}, {}},
};

TEST(Recommendations, EducationTiersAndTheMissingSchoolYear) { check(kRows, Segment::Education); }
TEST(Recommendations, HealthTiersAskForOnsiteAndShortenTheBestTier) { check(kRows, Segment::Health); }
TEST(Recommendations, GovernmentTiersKeepDrivesAndRecoverAssets) { check(kRows, Segment::Government); }

TEST(Recommendations, NothingSellsAfterTheLifeCap) {
    // As of 2031 the ThinkPad E is past its 4-year cap (2030-10-01): no want can be filled, so
    // every tier lists all its wants as missing and costs nothing.
    const std::vector<RecommendedBundle> bundles =
        recommend(test::sample_catalog(), thinkpad_e(), test::date("2031-01-15"), Segment::Education);
    ASSERT_EQ(bundles.size(), 3u);
    const std::vector<std::vector<std::string>> missing = {
        {"extension"}, {"extension", "adp"}, {"extension", "adp", "school-year"}};
    for (std::size_t i = 0; i < bundles.size(); ++i) {
        SCOPED_TRACE(describe(bundles[i]));
        EXPECT_TRUE(bundles[i].offers.empty());
        EXPECT_EQ(bundles[i].missing, missing[i]);
        EXPECT_EQ(bundles[i].unit_total.minor_units(), 0);
    }
}

}  // namespace
}  // namespace apos
