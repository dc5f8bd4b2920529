// Timelines of a known device: its coverage segments and purchase deadlines, each date worked
// out from the rule that sets it (docs/RULES.md names the guide lines).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "apos/evaluation.hpp"
#include "apos/timeline.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

// A ThinkPad E (21JK, 1 year Depot base, 4-year life cap) shipped 2026-10-01 through a
// distributor, with a 3-year extension, ADP and a sealed battery: the CLI's sample request.
Configuration thinkpad_e(std::vector<ServiceRequest> services) {
    Configuration c;
    c.as_of = test::date("2026-11-26");
    QuoteItemRequest item;
    item.device.mtm = "21JKCTO1WW";
    item.device.serial = "PF4XYZ01";
    item.device.ship_date = test::date("2026-10-01");
    item.device.channel = Channel::Distributor;
    item.device.quantity = 25;
    item.services = std::move(services);
    c.items.push_back(std::move(item));
    return c;
}

const Timeline& timeline_of(const Evaluation& e) {
    static const Timeline none;
    if (e.devices.size() != 1 || !e.devices[0].timeline) {
        ADD_FAILURE() << "the evaluation has no timeline for its one device";
        return none;
    }
    return *e.devices[0].timeline;
}

TEST(Timeline, BaseWarrantyStartsAfterShipmentAndEndsWithTheDistributorBuffer) {
    // BW-START (G:2105): the day after shipment. BW-LENGTH 1 year to 2027-10-01, then BW-BUFFER
    // (G:2105-2107) adds 45 days for a distributor unit: 2027-11-15.
    const Evaluation e = evaluate_configuration(test::sample_catalog(), thinkpad_e({}));
    const Timeline& t = timeline_of(e);
    ASSERT_FALSE(t.segments.empty());
    const CoverageSegment& base = t.segments.front();
    EXPECT_TRUE(base.base);
    EXPECT_EQ(base.label, "Base warranty (Depot)");
    EXPECT_EQ(base.range.from, test::date("2026-10-02"));
    EXPECT_EQ(base.range.until, test::date("2027-11-15"));
    EXPECT_EQ(t.segments.size(), 1u) << "nothing selected, no coverage bought earlier";
    EXPECT_EQ(t.today, test::date("2026-11-26"));
    EXPECT_EQ(t.start, test::date("2026-10-02"));
}

TEST(Timeline, SelectedServicesBecomeSegmentsFromTheBaseStart) {
    const Evaluation e =
        evaluate_configuration(test::sample_catalog(), thinkpad_e({{"", OfferKind::Extension, 3, std::nullopt},
                                                                   {"adp", std::nullopt, 3, std::nullopt},
                                                                   {"sbty", std::nullopt, 3, std::nullopt}}));
    const Timeline& t = timeline_of(e);
    struct Row {
        std::string offering;
        OfferKind kind;
        const char* until;
    };
    // Three years from the base start (2026-10-02) end on 2029-10-01.
    const std::vector<Row> rows = {{"ext-depot", OfferKind::Extension, "2029-10-01"},
                                   {"adp", OfferKind::Adp, "2029-10-01"},
                                   {"sbty", OfferKind::Sbty, "2029-10-01"}};
    ASSERT_EQ(t.segments.size(), rows.size() + 1) << "base plus one segment per sold service";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const CoverageSegment& s = t.segments[i + 1];
        SCOPED_TRACE("segment " + std::to_string(i + 1) + ": " + s.label);
        EXPECT_FALSE(s.base);
        EXPECT_EQ(s.offering, rows[i].offering);
        EXPECT_EQ(s.kind, rows[i].kind);
        EXPECT_EQ(s.range.from, test::date("2026-10-02"));
        EXPECT_EQ(s.range.until, test::date(rows[i].until));
        EXPECT_NE(s.label.find("(3 years)"), std::string::npos);
    }
    // The life cap (CAP-MAX-YEARS, G:2111-2113: 4 years for a ThinkPad E) is the last day shown.
    EXPECT_EQ(t.end, test::date("2030-10-01"));
}

TEST(Timeline, DeadlinesFollowTheirRulesInDateOrder) {
    const Evaluation e = evaluate_configuration(test::sample_catalog(), thinkpad_e({}));
    const Timeline& t = timeline_of(e);
    struct Row {
        const char* rule;
        const char* day;
        const char* why;
    };
    const std::vector<Row> rows = {
        {"ADP-90D", "2026-12-31", "G:2905: 90 days from the purchase (the base start 2026-10-02)"},
        {"PW-WINDOW", "2027-08-17", "G:4807-4809: post-warranty opens 90 days before the end 2027-11-15"},
        {"SBTY-WINDOW", "2027-10-01", "G:4633: the battery's first warranty year"},
        {"EXT-WINDOW", "2027-11-15", "G:2611: while the base warranty is in force"},
        {"PW-WINDOW", "2028-01-14", "G:4807-4809: post-warranty closes 60 days after the end"},
        {"CAP-MAX-YEARS", "2030-10-01", "G:2111-2113: four years from the base start"},
    };
    ASSERT_EQ(t.deadlines.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE(std::string(rows[i].rule) + " " + rows[i].day + " (" + rows[i].why + ")");
        EXPECT_EQ(t.deadlines[i].rule, rows[i].rule);
        EXPECT_EQ(t.deadlines[i].day, test::date(rows[i].day));
        EXPECT_FALSE(t.deadlines[i].label.empty());
        if (i > 0) {
            EXPECT_LE(t.deadlines[i - 1].day, t.deadlines[i].day);
        }
    }
}

TEST(Timeline, AnAsOfBeforeTheBaseStartOpensTheTimelineThere) {
    // build_timeline directly: the as-of date is part of the view even before shipment.
    const Evaluation e = evaluate_configuration(test::sample_catalog(), thinkpad_e({}));
    ASSERT_TRUE(e.devices.at(0).facts.has_value());
    const Timeline t = build_timeline(test::sample_catalog(), *e.devices[0].facts, test::date("2026-09-01"), {});
    EXPECT_EQ(t.start, test::date("2026-09-01"));
    EXPECT_EQ(t.today, test::date("2026-09-01"));
    EXPECT_EQ(t.segments.front().range.from, test::date("2026-10-02"));
}

}  // namespace
}  // namespace apos
