// Fleet summaries that merge: a generated fleet evaluated whole and in slices (empty ones, one of
// only bad rows) gives, merged, the whole file's summary field by field; summaries of other
// dates or currencies are refused.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");
using test::generated_rows;
const char* const kHeader = test::kGeneratedFleetHeader;

FleetSummary summary_of(const std::vector<std::string>& rows, std::size_t from, std::size_t to) {
    std::string text = kHeader;
    for (std::size_t i = from; i < to; ++i) text += rows[i];
    return evaluate_fleet(test::sample_catalog(), parse_fleet_csv(text), kAsOf).summary;
}

// Field by field, so that a failure names what differs.
void expect_same(const FleetSummary& merged, const FleetSummary& whole, const std::string& split) {
    EXPECT_EQ(merged.units, whole.units) << split;
    EXPECT_EQ(merged.rows_with_errors, whole.rows_with_errors) << split;
    EXPECT_EQ(merged.value, whole.value) << split << ": " << merged.value.to_string() << " vs "
                                         << whole.value.to_string();
    EXPECT_EQ(merged.as_of, whole.as_of) << split;
    EXPECT_EQ(merged.currency, whole.currency) << split;
    for (int b = 0; b < kWindowBucketCount; ++b) {
        const auto i = static_cast<std::size_t>(b);
        EXPECT_EQ(merged.by_bucket[i].units, whole.by_bucket[i].units)
            << split << ", bucket " << to_string(static_cast<WindowBucket>(b));
        EXPECT_EQ(merged.by_bucket[i].value, whole.by_bucket[i].value)
            << split << ", bucket " << to_string(static_cast<WindowBucket>(b));
    }
    auto same_map = [&](const auto& a, const auto& b, const char* what) {
        EXPECT_EQ(a.size(), b.size()) << split << ", " << what;
        for (const auto& [name, totals] : b) {
            const auto it = a.find(name);
            if (it == a.end()) {
                ADD_FAILURE() << split << ", " << what << " " << name << " missing from the merged summary";
                continue;
            }
            EXPECT_EQ(it->second.units, totals.units) << split << ", " << what << " " << name;
            EXPECT_EQ(it->second.value, totals.value) << split << ", " << what << " " << name;
        }
    };
    same_map(merged.by_customer, whole.by_customer, "customer");
    same_map(merged.by_machine_type, whole.by_machine_type, "machine type");
    EXPECT_EQ(merged.expiries_by_month, whole.expiries_by_month) << split;
    EXPECT_EQ(merged.expiries_by_month_bucket, whole.expiries_by_month_bucket) << split;
}

TEST(FleetSummaryMerge, SlicesMergeToTheWholeFile) {
    const std::vector<std::string> rows = generated_rows(1000);
    const FleetSummary whole = summary_of(rows, 0, rows.size());
    // The fleet must exercise what is merged: units in several buckets, bad rows, many names.
    ASSERT_GT(whole.units, 800);
    ASSERT_GT(whole.rows_with_errors, 30);
    ASSERT_GT(whole.by_customer.size(), 100u);
    ASSERT_GT(whole.by_machine_type.size(), 20u);
    int buckets_used = 0;
    for (const BucketTotals& b : whole.by_bucket) buckets_used += b.units > 0 ? 1 : 0;
    ASSERT_GE(buckets_used, 4);

    // Where the bad block sits once the duplicates before it are counted.
    std::size_t bad_from = 0;
    while (rows[bad_from].rfind("S600,", 0) != 0) ++bad_from;
    const std::size_t bad_to = bad_from + 20;
    for (std::size_t i = bad_from; i < bad_to; ++i)
        ASSERT_EQ(rows[i].rfind("S6", 0), 0u) << "the bad block holds only its own rows: " << rows[i];

    const std::vector<std::vector<std::size_t>> splits = {
        {},                                    // one slice: merging into an empty summary
        {rows.size() / 2},                     // two halves
        {0, 0, 333, 334, 777},                 // empty slices at the start and a one-row slice
        {bad_from, bad_to},                    // a slice of only bad rows
        {1, 100, 250, bad_from, bad_to, 999},  // many slices around the bad block
        {rows.size(), rows.size()},            // empty slices at the end
    };
    for (const std::vector<std::size_t>& cuts : splits) {
        std::string name = "split at";
        for (std::size_t c : cuts) name += " " + std::to_string(c);
        FleetSummary merged;
        std::size_t from = 0;
        std::vector<std::size_t> ends = cuts;
        ends.push_back(rows.size());
        for (std::size_t to : ends) {
            const FleetSummary slice = summary_of(rows, from, to);
            if (from == bad_from && to == bad_to) {
                EXPECT_EQ(slice.units, 0) << name << ": the bad block has no good row";
                EXPECT_EQ(slice.rows_with_errors, 20) << name;
            }
            const std::optional<std::string> refused = merge_summary(merged, slice);
            EXPECT_FALSE(refused) << name << ": " << refused.value_or("");
            from = to;
        }
        expect_same(merged, whole, name);
    }
}

TEST(FleetSummaryMerge, ADefaultSummaryWithOnlyBadRowsAddsItsRows) {
    const std::vector<std::string> rows = generated_rows(50);
    FleetSummary merged;
    merged.rows_with_errors = 3;
    ASSERT_FALSE(merge_summary(merged, summary_of(rows, 0, rows.size())));
    FleetSummary nothing;
    nothing.rows_with_errors = 2;
    ASSERT_FALSE(merge_summary(merged, nothing));
    const FleetSummary whole = summary_of(rows, 0, rows.size());
    EXPECT_EQ(merged.rows_with_errors, whole.rows_with_errors + 5);
    EXPECT_EQ(merged.units, whole.units);
}

TEST(FleetSummaryMerge, AnotherAsOfDateIsRefusedAndNothingChanges) {
    const std::vector<std::string> rows = generated_rows(40);
    std::string text = kHeader;
    for (const std::string& r : rows) text += r;
    const FleetParse parsed = parse_fleet_csv(text);
    FleetSummary into = evaluate_fleet(test::sample_catalog(), parsed, kAsOf).summary;
    const FleetSummary before = into;
    const FleetSummary later = evaluate_fleet(test::sample_catalog(), parsed, test::date("2026-12-01")).summary;
    const std::optional<std::string> refused = merge_summary(into, later);
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find("2026-11-26"), std::string::npos) << *refused;
    EXPECT_NE(refused->find("2026-12-01"), std::string::npos) << *refused;
    EXPECT_EQ(into.units, before.units);
    EXPECT_EQ(into.value, before.value);
}

TEST(FleetSummaryMerge, AnotherCurrencyIsRefusedAndNothingChanges) {
    const std::vector<std::string> rows = generated_rows(40);
    FleetSummary into = summary_of(rows, 0, 20);
    const FleetSummary before = into;
    FleetSummary euros;
    start_summary(euros, *Currency::from_code("EUR"), kAsOf);
    const std::optional<std::string> refused = merge_summary(into, euros);
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find("EUR"), std::string::npos) << *refused;
    EXPECT_EQ(into.units, before.units);
    EXPECT_EQ(into.value, before.value);
    EXPECT_EQ(into.currency, before.currency);
}

TEST(FleetSummaryJson, ASummaryReadsBackAsItWasWritten) {
    const std::vector<std::string> rows = generated_rows(300);
    const FleetSummary whole = summary_of(rows, 0, rows.size());
    const std::string text = json_text(fleet_summary_to_json(whole), 2);
    const FleetSummaryParse read = parse_fleet_summary(text);
    ASSERT_TRUE(read.summary) << (read.errors.empty() ? "" : read.errors[0].to_string());
    expect_same(*read.summary, whole, "read back");
    // The summary inside a whole `apos fleet` answer reads the same.
    const nlohmann::json answer = {{"units", nlohmann::json::array()}, {"summary", fleet_summary_to_json(whole)}};
    const FleetSummaryParse inner = parse_fleet_summary(answer.dump());
    ASSERT_TRUE(inner.summary);
    expect_same(*inner.summary, whole, "read from a fleet answer");
}

TEST(FleetSummaryJson, ASummaryThatDoesNotAddUpIsRefusedWithWhere) {
    const std::vector<std::string> rows = generated_rows(100);
    const nlohmann::json good = fleet_summary_to_json(summary_of(rows, 0, rows.size()));
    struct Case {
        const char* name;
        std::function<void(nlohmann::json&)> change;
        const char* where;
    };
    const std::vector<Case> cases = {
        {"a unit more in all", [](nlohmann::json& j) { j["units"] = j["units"].get<std::int64_t>() + 1; },
         "/by_bucket"},
        {"a bucket's value changed", [](nlohmann::json& j) { j["by_bucket"]["lapsed"]["value"]["minor"] = 1; },
         "/by_bucket"},
        {"an amount in another currency", [](nlohmann::json& j) { j["value"]["currency"] = "EUR"; }, "/value/currency"},
        {"no as-of date", [](nlohmann::json& j) { j.erase("as_of"); }, "/as_of"},
        {"months of another as-of date", [](nlohmann::json& j) { j["as_of"] = "2027-01-05"; },
         "/expiries_by_month/0/month"},
        {"a negative count", [](nlohmann::json& j) { j["rows_with_errors"] = -1; }, "/rows_with_errors"},
        {"an unknown field", [](nlohmann::json& j) { j["extra"] = 1; }, "/extra"},
    };
    for (const Case& c : cases) {
        nlohmann::json changed = good;
        c.change(changed);
        const FleetSummaryParse read = parse_fleet_summary(changed.dump());
        EXPECT_FALSE(read.summary) << c.name;
        bool named = false;
        for (const InputError& e : read.errors) named = named || e.where == c.where;
        EXPECT_TRUE(named) << c.name << ": expected an error at " << c.where << ", got "
                           << (read.errors.empty() ? "none" : read.errors[0].to_string());
    }
    EXPECT_FALSE(parse_fleet_summary("{\"units\": ").summary);
    EXPECT_FALSE(parse_fleet_summary("[1, 2]").summary);
}

}  // namespace
}  // namespace apos
