// The app's fleet job with workers (the page's Web Workers, here pretend ones in this process that
// load the catalog files as a worker does and answer in an order of their own): a large fleet comes
// out as evaluating it in frames gives it, a cancel keeps what was taken back, answers of a fleet
// dropped since are ignored, and workers that fail or answer wrongly leave the rest to frames.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "apos/fleet_slices.hpp"
#include "apos/json_io.hpp"
#include "app/app.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos::ui {
namespace {

// Workers that start after a few calls, each with its own catalog loaded from the files it was
// given, and answer the slice posted last first (so that answers come back out of row order).
class PretendWorkers : public FleetWorkers {
public:
    int count = 2;
    int calls_to_start = 3;    // Start() answers 0 this many times first
    int fail_after = -1;       // Failed() turns true once this many slices were answered
    int garble_answer = -1;    // this answer (counted from 0) is cut short
    std::size_t answered = 0;  // slices answered so far

    std::size_t FewestRows() const override { return 20000; }

    int start_calls = 0;

    int Start(const std::vector<CatalogSource>& files) override {
        ++start_calls;
        if (!catalog_) {
            CatalogLoadResult loaded = load_catalog(files);
            EXPECT_TRUE(loaded.catalog) << "the workers could not load the catalog files they were given";
            if (!loaded.catalog) return 0;
            catalog_ = std::make_unique<Catalog>(std::move(*loaded.catalog));
            evaluator_ = std::make_unique<FleetSliceEvaluator>(*catalog_);
        }
        return calls_to_start-- > 0 ? 0 : count;
    }
    bool Failed(std::string& why) const override {
        if (fail_after < 0 || static_cast<int>(answered) < fail_after) return false;
        why = "a pretend worker stopped";
        return true;
    }
    void Post(int worker, std::uint32_t ticket, std::string_view slice) override {
        EXPECT_GE(worker, 0);
        EXPECT_LT(worker, count);
        EXPECT_GT(ticket, last_ticket_) << "tickets must grow";
        last_ticket_ = ticket;
        posted_.push_back({ticket, std::string(slice)});
    }
    bool Answer(std::uint32_t ticket, std::string& answer, bool& ok) override {
        // The slices posted since the last question are evaluated now, the last one first.
        while (!posted_.empty()) {
            auto [t, slice] = std::move(posted_.back());
            posted_.pop_back();
            std::string error;
            std::optional<std::string> evaluated = evaluator_->evaluate(slice, error);
            if (t >= forgotten_)
                done_[t] = evaluated ? std::make_pair(true, std::move(*evaluated)) : std::make_pair(false, error);
        }
        const auto found = done_.find(ticket);
        if (found == done_.end()) return false;
        ok = found->second.first;
        answer = std::move(found->second.second);
        if (static_cast<int>(answered) == garble_answer) answer.resize(answer.size() / 2);
        ++answered;
        done_.erase(found);
        return true;
    }
    void ForgetBefore(std::uint32_t ticket) override {
        forgotten_ = std::max(forgotten_, ticket);
        done_.erase(done_.begin(), done_.lower_bound(ticket));
        std::erase_if(posted_, [ticket](const auto& p) { return p.first < ticket; });
    }
    std::size_t Waiting() const { return posted_.size(); }
    std::size_t Kept() const { return done_.size(); }

private:
    std::unique_ptr<Catalog> catalog_;
    std::unique_ptr<FleetSliceEvaluator> evaluator_;
    std::deque<std::pair<std::uint32_t, std::string>> posted_;
    std::map<std::uint32_t, std::pair<bool, std::string>> done_;  // answers not asked for yet
    std::uint32_t forgotten_ = 0;
    std::uint32_t last_ticket_ = 0;
};

class FleetWorkersTest : public ::testing::Test {
protected:
    void SetUp() override {
        app_.SetToday(test::date("2026-11-26"));
        app_.BeginCatalog();
        for (CatalogSource& source : test::sample_sources()) app_.AddCatalogFile(source.file, source.text);
        app_.CommitCatalog();
        app_.UseFleetWorkers(&workers_);
    }
    // Calls the job as the page's loop does, until it is done (or `most` calls).
    void RunUntilDone(int most = 100000) {
        FleetJob& job = app_.Fleet();
        for (int i = 0; i < most && job.Busy(); ++i) app_.AdvanceFleet(5.0);
    }
    // The fleet as the CLI's JSON writes it, unit by unit, against an evaluation in one place.
    void ExpectTheFleetOfOnePlace(const std::string& text) {
        const FleetParse parsed = parse_fleet_csv(text);
        const FleetResult whole = evaluate_fleet(*app_.GetCatalog(), parsed, app_.AsOf());
        ASSERT_EQ(app_.Fleet().Stage(), FleetStage::Done);
        const nlohmann::json got = fleet_to_json(*app_.GetCatalog(), *app_.Fleet().Parsed(), *app_.Fleet().Result());
        const nlohmann::json want = fleet_to_json(*app_.GetCatalog(), parsed, whole);
        ASSERT_EQ(got["units"].size(), want["units"].size());
        for (std::size_t i = 0; i < want["units"].size(); ++i)
            ASSERT_EQ(got["units"][i].dump(), want["units"][i].dump()) << "unit " << i;
        EXPECT_EQ(got["errors"].dump(), want["errors"].dump());
        EXPECT_EQ(got["summary"].dump(), want["summary"].dump());
    }

    PretendWorkers workers_;
    App app_;
};

TEST_F(FleetWorkersTest, ALargeFleetEvaluatedByWorkersIsTheFleetEvaluatedInOnePlace) {
    const std::string text = test::generated_fleet_text(30000);
    app_.LoadFleetFile("large.csv", text);
    // The workers start on the first slices while the rest of the file is still read.
    FleetJob& job = app_.Fleet();
    std::size_t done_while_reading = 0;
    for (int i = 0; i < 100000 && job.Stage() == FleetStage::Reading; ++i) {
        app_.AdvanceFleet(1.0);
        if (job.Stage() == FleetStage::Reading) done_while_reading = job.Done();
    }
    EXPECT_GT(done_while_reading, 0u) << "no slice was evaluated while the file was read";
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
    EXPECT_EQ(app_.Fleet().WorkersUsed(), 2);
    EXPECT_GE(workers_.answered, 3u) << "the workers evaluated too little of the fleet";
    const nlohmann::json summary = nlohmann::json::parse(app_.FleetSummaryJson());
    EXPECT_EQ(summary.value("workers", 0), 2);
    EXPECT_EQ(summary.value("workers_failure", ""), "");
}

TEST_F(FleetWorkersTest, AFleetOfFewerRowsThanTheWorkersTakeIsEvaluatedInFrames) {
    const std::string text = test::generated_fleet_text(17000);  // two slices, under FewestRows()
    app_.LoadFleetFile("small.csv", text);
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
    EXPECT_EQ(app_.Fleet().WorkersUsed(), 0);
    EXPECT_EQ(workers_.answered, 0u);
    EXPECT_EQ(workers_.start_calls, 0) << "the workers were started for a fleet they do not take";
}

TEST_F(FleetWorkersTest, ACancelKeepsTheRowsTakenBackAndEvaluatingAgainEndsWhole) {
    const std::string text = test::generated_fleet_text(30000);
    app_.LoadFleetFile("large.csv", text);
    FleetJob& job = app_.Fleet();
    for (int i = 0; i < 100000 && (job.Stage() != FleetStage::Evaluating || job.Done() == 0 || workers_.Waiting() == 0);
         ++i)
        app_.AdvanceFleet(5.0);
    ASSERT_EQ(job.Stage(), FleetStage::Evaluating);
    ASSERT_GT(job.Done(), 0u);
    ASSERT_LT(job.Done(), job.Total());
    ASSERT_GT(workers_.Waiting(), 0u) << "no slice was out when the cancel came";
    const std::size_t done = job.Done();
    job.Cancel();
    ASSERT_EQ(job.Stage(), FleetStage::Cancelled);
    EXPECT_EQ(job.Done(), done) << "a cancel must keep exactly the rows taken back";
    ASSERT_NE(job.Result(), nullptr);
    const FleetResult whole = evaluate_fleet(*app_.GetCatalog(), parse_fleet_csv(text), app_.AsOf());
    const std::vector<UnitOpportunity>& kept = job.Result()->units;
    ASSERT_FALSE(kept.empty());
    for (std::size_t i = 0; i < kept.size(); ++i) ASSERT_EQ(kept[i].line, whole.units[i].line) << "unit " << i;

    job.Resume();  // the answers of the slices out before the cancel still come, and are ignored
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
}

TEST_F(FleetWorkersTest, AnswersForAFleetLoadedBeforeAreIgnored) {
    const std::string first = test::generated_fleet_text(30000);
    app_.LoadFleetFile("first.csv", first);
    FleetJob& job = app_.Fleet();
    for (int i = 0; i < 100000 && workers_.Waiting() == 0; ++i) app_.AdvanceFleet(5.0);
    ASSERT_GT(workers_.Waiting(), 0u);
    const std::string second = test::generated_fleet_text(20000);
    app_.LoadFleetFile("second.csv", second);
    RunUntilDone();
    EXPECT_EQ(job.FileName(), "second.csv");
    ExpectTheFleetOfOnePlace(second);
    EXPECT_EQ(workers_.Kept(), 0u) << "answers of the first fleet were kept";
}

TEST_F(FleetWorkersTest, ACatalogLoadedAgainWhileTheWorkersFollowTheReadingStartsTheEvaluationAfresh) {
    const std::string text = test::generated_fleet_text(30000);
    app_.LoadFleetFile("large.csv", text);
    FleetJob& job = app_.Fleet();
    for (int i = 0; i < 100000 && !(job.Stage() == FleetStage::Reading && job.Done() > 0); ++i) app_.AdvanceFleet(1.0);
    ASSERT_EQ(job.Stage(), FleetStage::Reading);
    ASSERT_GT(job.Done(), 0u);
    // The same files loaded again: a new catalog in the same place, whose offerings moved.
    app_.BeginCatalog();
    for (CatalogSource& source : test::sample_sources()) app_.AddCatalogFile(source.file, source.text);
    app_.CommitCatalog();
    EXPECT_EQ(job.Done(), 0u) << "the evaluation made with the old catalog was kept";
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
}

TEST_F(FleetWorkersTest, WorkersThatFailLeaveTheRestToFrames) {
    workers_.fail_after = 1;  // seen after the first answers are taken, with many rows still to do
    const std::string text = test::generated_fleet_text(30000);
    app_.LoadFleetFile("large.csv", text);
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
    EXPECT_NE(app_.Fleet().WorkersFailure().find("a pretend worker stopped"), std::string::npos);
    const nlohmann::json summary = nlohmann::json::parse(app_.FleetSummaryJson());
    EXPECT_EQ(summary.value("workers_failure", ""), app_.Fleet().WorkersFailure());
}

TEST_F(FleetWorkersTest, AnAnswerCutShortIsRefusedAndTheRestIsEvaluatedInFrames) {
    workers_.garble_answer = 1;
    const std::string text = test::generated_fleet_text(30000);
    app_.LoadFleetFile("large.csv", text);
    RunUntilDone();
    ExpectTheFleetOfOnePlace(text);
    EXPECT_NE(app_.Fleet().WorkersFailure().find("refused"), std::string::npos) << app_.Fleet().WorkersFailure();
}

}  // namespace
}  // namespace apos::ui
