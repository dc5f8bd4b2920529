// Fleet slices evaluated elsewhere (the page's workers): packed, evaluated by a FleetSliceEvaluator
// on a catalog loaded apart, and taken back in row order, they give the fleet that evaluating it
// in one place gives, unit by unit, error by error and in its summary; answers that do not fit
// (another slice, date or catalog, bytes cut short) are refused and change nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/fleet_slices.hpp"
#include "apos/json_io.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

FleetParse generated_fleet(int rows) {
    std::string text = test::generated_fleet_text(rows);
    text += "ZZ1,9999,2025-01-10,,direct,new,US,,,Customer X,1,\n";  // a machine type the catalog lacks
    return parse_fleet_csv(text);
}

// The far side's catalog is its own load of the same files (another instance, other addresses).
const Catalog& far_catalog() {
    static const Catalog catalog = *load_catalog(test::sample_sources()).catalog;
    return catalog;
}

// Evaluates `parsed` slice by slice through the far side: slices of the given sizes, then the rest.
FleetResult evaluated_in_slices(const FleetParse& parsed, const std::vector<std::size_t>& sizes) {
    FleetSliceEvaluator far(far_catalog());
    FleetEvaluation here(test::sample_catalog(), parsed, kAsOf);
    std::size_t next = 0;
    while (here.done() < here.total()) {
        const std::size_t size = next < sizes.size() ? sizes[next++] : here.total();
        std::string error;
        const std::optional<std::string> answer =
            far.evaluate(pack_fleet_slice(parsed.rows, here.done(), here.done() + size, kAsOf), error);
        EXPECT_TRUE(answer) << error;
        if (!answer) break;
        const std::optional<std::string> refused = here.add_slice(*answer);
        EXPECT_FALSE(refused) << *refused;
        if (refused) break;
    }
    return here.take();
}

// The fleet as `apos fleet --format json` writes it: every unit's offers, windows and prices, the
// errors and the summary. Compared unit by unit, so that a failure names the first line that differs.
void expect_same_fleet(const FleetParse& parsed, const FleetResult& got, const FleetResult& want,
                       const std::string& how) {
    const nlohmann::json a = fleet_to_json(test::sample_catalog(), parsed, got);
    const nlohmann::json b = fleet_to_json(test::sample_catalog(), parsed, want);
    ASSERT_EQ(a["units"].size(), b["units"].size()) << how;
    for (std::size_t i = 0; i < b["units"].size(); ++i)
        ASSERT_EQ(a["units"][i].dump(), b["units"][i].dump()) << how << ": unit " << i;
    EXPECT_EQ(a["errors"].dump(), b["errors"].dump()) << how;
    EXPECT_EQ(a["summary"].dump(), b["summary"].dump()) << how;
}

TEST(FleetSlices, SlicesEvaluatedElsewhereGiveTheFleetEvaluatedInOnePlace) {
    const FleetParse parsed = generated_fleet(3000);
    ASSERT_FALSE(parsed.fatal);
    const FleetResult whole = evaluate_fleet(test::sample_catalog(), parsed, kAsOf);
    // What must travel: units of every bucket with offers and windows, and rows the evaluation refused.
    ASSERT_GT(whole.units.size(), 2500u);
    ASSERT_GT(whole.errors.size(), parsed.errors.size()) << "no row the evaluation refused";
    std::size_t offers = 0, windows = 0;
    for (const UnitOpportunity& unit : whole.units) {
        offers += unit.best_offers().size();
        windows += unit.windows().size();
    }
    ASSERT_GT(offers, whole.units.size());
    ASSERT_GT(windows, whole.units.size() / 2);

    const std::vector<std::pair<std::string, std::vector<std::size_t>>> ways = {
        {"one slice", {}},
        {"a row, then seven, then 1,000 at a time", {1, 7, 1000, 1000, 1000}},
        {"256 at a time", std::vector<std::size_t>(20, 256)},
    };
    for (const auto& [how, sizes] : ways) expect_same_fleet(parsed, evaluated_in_slices(parsed, sizes), whole, how);
}

TEST(FleetSlices, AnAnswerThatDoesNotFitIsRefusedAndChangesNothing) {
    const FleetParse parsed = generated_fleet(300);
    FleetSliceEvaluator far(far_catalog());
    std::string error;
    const std::string first = *far.evaluate(pack_fleet_slice(parsed.rows, 0, 100, kAsOf), error);
    const std::string second = *far.evaluate(pack_fleet_slice(parsed.rows, 100, 200, kAsOf), error);
    const std::string other_day = *far.evaluate(pack_fleet_slice(parsed.rows, 0, 100, kAsOf.plus_days(1)), error);

    Catalog smaller = *load_catalog(test::sample_sources()).catalog;
    smaller.offerings.pop_back();
    FleetSliceEvaluator far_smaller(smaller);
    const std::string other_catalog = *far_smaller.evaluate(pack_fleet_slice(parsed.rows, 0, 100, kAsOf), error);

    const std::vector<std::pair<std::string, std::string>> refused = {
        {"the second slice first", second},
        {"another as-of date", other_day},
        {"another catalog", other_catalog},
        {"cut short", first.substr(0, first.size() - 9)},
        {"with bytes after it", first + "x"},
        {"not an answer", pack_fleet_slice(parsed.rows, 0, 100, kAsOf)},
        {"nothing", ""},
    };
    for (const auto& [what, answer] : refused) {
        FleetEvaluation here(test::sample_catalog(), parsed, kAsOf);
        const std::optional<std::string> why = here.add_slice(answer);
        EXPECT_TRUE(why) << what << ": taken";
        EXPECT_EQ(here.done(), 0u) << what;
        // Nothing changed: the right answers still go in after it, and the fleet is whole.
        EXPECT_FALSE(here.add_slice(first)) << what;
        EXPECT_FALSE(here.add_slice(second)) << what;
        while (!here.step(500)) {}
        expect_same_fleet(parsed, here.take(), evaluate_fleet(test::sample_catalog(), parsed, kAsOf), what);
    }
}

TEST(FleetSlices, AnEvaluationThatStartsWhileTheFileIsReadFollowsItsRowsToTheEnd) {
    std::string text = test::generated_fleet_text(3000);
    text += "ZZ1,9999,2025-01-10,,direct,new,US,,,Customer X,1,\n";  // refused by the evaluation
    text += "ZZ2,21HD,2025-02-30,,direct,new,US,,,Customer X,1,\n";  // refused by the reader, at the end
    const FleetParse whole_parse = parse_fleet_csv(text);
    const FleetResult whole = evaluate_fleet(test::sample_catalog(), whole_parse, kAsOf);

    FleetCsvReader reader(text, FleetLimits{}, FleetOptions{}, /*in_steps=*/true);
    FleetReading reading(reader);
    while (reading.rows_read() < 1000) ASSERT_FALSE(reading.step(100));
    FleetEvaluation evaluation(test::sample_catalog(), reading.parse(), kAsOf);
    FleetSliceEvaluator far(far_catalog());
    std::string error;
    // Slices of the rows read so far, while more are read.
    while (!reading.step(300)) {
        const std::size_t end = evaluation.total();
        if (end - evaluation.done() < 500) continue;
        const std::optional<std::string> answer =
            far.evaluate(pack_fleet_slice(evaluation.rows(), evaluation.done(), end, kAsOf), error);
        ASSERT_TRUE(answer) << error;
        ASSERT_FALSE(evaluation.add_slice(*answer));
    }
    ASSERT_GT(evaluation.done(), 2000u);
    const FleetParse parsed = reading.take();  // the rows move
    evaluation.follow(parsed);
    while (!evaluation.step(400)) {}
    expect_same_fleet(parsed, evaluation.take(), whole, "followed while read");
}

TEST(FleetSlices, ASliceThatIsNotOneIsRefusedWithWhy) {
    const FleetParse parsed = generated_fleet(50);
    const std::string slice = pack_fleet_slice(parsed.rows, 0, 50, kAsOf);
    FleetSliceEvaluator far(far_catalog());
    std::string error;
    EXPECT_FALSE(far.evaluate(slice.substr(0, slice.size() / 2), error));
    EXPECT_NE(error.find("ends in the middle of row"), std::string::npos) << error;
    error.clear();
    EXPECT_FALSE(far.evaluate("APA1....", error));
    EXPECT_NE(error.find("not a fleet slice"), std::string::npos) << error;
}

}  // namespace
}  // namespace apos
