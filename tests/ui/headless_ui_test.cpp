// The panels drawn headless: the app on ImGui's null backend (no window, no GL) for some frames
// with the sample catalog, a configured device and a fleet. Any IM_ASSERT fails the test, and
// each frame must report (through the widget table) the widgets it drew.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "app/app.hpp"
#include "app/imgui_assert_hook.hpp"
#include "generated_fleet.hpp"
#include "imgui.h"
#include "test_catalog.hpp"

namespace apos::ui {
namespace {

void FailOnAssert(const char* expression, const char* file, int line) {
    ADD_FAILURE() << "ImGui assertion failed: " << expression << " at " << file << ":" << line;
}

// A configured ThinkPad with services, as the page's configure() receives it.
constexpr const char* kDeviceRequest = R"({
  "as_of": "2026-11-26",
  "customer": {"segment": "education", "new_customer": true, "programs": ["NCB"]},
  "items": [{"device": {"mtm": "21JKCTO1WW", "serial": "PF4XYZ01", "ship_date": "2026-10-01",
                        "channel": "distributor", "quantity": 25},
             "services": [{"kind": "extension", "term_years": 3}, {"id": "adp", "term_years": 3},
                          {"id": "premier", "term_years": 3}]}]
})";

// One app and one ImGui context per test, torn down in order.
class HeadlessUi : public ::testing::Test {
protected:
    void SetUp() override {
        previous_handler_ = SetImGuiAssertHandler(FailOnAssert);
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        app_.AttachToImGui();
        // What a platform backend does in ImGui 1.86: map its keys (keyboard navigation needs
        // them). The null backend's key codes are ImGui's own.
        ImGuiIO& io = ImGui::GetIO();
        for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key;
        app_.SetToday(test::date("2026-11-26"));
        app_.BeginCatalog();
        for (CatalogSource& source : test::sample_sources()) app_.AddCatalogFile(source.file, source.text);
        app_.CommitCatalog();
    }
    void TearDown() override {
        ImGui::DestroyContext();
        SetImGuiAssertHandler(previous_handler_);
    }

    // One frame at `width` x `height` pixels; returns the labels the frame reported.
    std::set<std::string> Frame(float width, float height) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        if (app_.ApplyContentScale(1.0f, {})) {
            // The null backend's "texture upload": the atlas only has to be built.
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        }
        app_.Frame();
        const nlohmann::json widgets = nlohmann::json::parse(app_.WidgetsJson(), nullptr, false);
        EXPECT_TRUE(widgets.is_array());
        std::set<std::string> labels;
        if (widgets.is_array())
            for (const nlohmann::json& w : widgets) labels.insert(w.value("label", std::string()));
        return labels;
    }

    App app_;
    ImGuiAssertHandler previous_handler_ = nullptr;
};

TEST_F(HeadlessUi, CatalogLoadsForThePanels) {
    ASSERT_NE(app_.GetCatalog(), nullptr);
    EXPECT_TRUE(app_.CatalogErrors().empty());
}

TEST_F(HeadlessUi, ConfiguredDeviceDrawsEveryPanelInBothLayouts) {
    const nlohmann::json answer = nlohmann::json::parse(app_.ConfigureJson(kDeviceRequest), nullptr, false);
    ASSERT_TRUE(answer.is_object());
    ASSERT_EQ(answer.value("ok", false), true) << answer.dump();
    // A tall window shows the quote above the timeline; a short one puts them in tabs.
    for (const ImVec2 size : {ImVec2(1440.0f, 1400.0f), ImVec2(1024.0f, 640.0f)}) {
        SCOPED_TRACE(std::to_string(size.x) + "x" + std::to_string(size.y));
        std::set<std::string> labels;
        for (int frame = 0; frame < 4; ++frame) labels = Frame(size.x, size.y);
        EXPECT_GT(labels.size(), 20u) << "the frame reported too few widgets";
        EXPECT_TRUE(labels.count("Configurator")) << "the main tab bar is missing";
        EXPECT_TRUE(labels.count("Fleet")) << "the fleet tab is missing";
    }
    EXPECT_GE(app_.FrameCount(), 8);
    // The quote the panels show has the configured services.
    const nlohmann::json quote = nlohmann::json::parse(app_.QuoteJson(), nullptr, false);
    ASSERT_TRUE(quote.is_object());
    EXPECT_FALSE(quote.value("lines", nlohmann::json::array()).empty());
}

TEST_F(HeadlessUi, DarkThemeAndLargerTextRebuildWithoutAsserting) {
    ASSERT_EQ(nlohmann::json::parse(app_.ConfigureJson(kDeviceRequest)).value("ok", false), true);
    Frame(1280.0f, 800.0f);
    app_.EditState().settings.dark_theme = true;
    app_.EditState().settings.text_size += 4.0f;
    const std::set<std::string> labels = Frame(1280.0f, 800.0f);
    EXPECT_TRUE(labels.count("Configurator"));
}

TEST_F(HeadlessUi, FleetIsEvaluatedOverFramesAndShown) {
    app_.LoadFleetFile("fleet_small.csv",
                       test::read_file(std::string(APOS_TEST_DATA_DIR) + "/../cli/data/fleet_small.csv"));
    int frames = 0;
    while (frames < 600 &&
           (app_.Fleet().Stage() == FleetStage::Reading || app_.Fleet().Stage() == FleetStage::Evaluating)) {
        Frame(1440.0f, 900.0f);
        ++frames;
    }
    ASSERT_EQ(app_.Fleet().Stage(), FleetStage::Done)
        << to_string(app_.Fleet().Stage()) << " after " << frames << " frames";
    // The view switches to the Fleet tab once the file arrived: its buttons and the count of
    // bad rows are on screen, and the summary holds the file's good rows.
    std::set<std::string> labels;
    for (int frame = 0; frame < 3; ++frame) labels = Frame(1440.0f, 900.0f);
    std::string all;
    for (const std::string& label : labels) all += " [" + label + "]";
    EXPECT_TRUE(labels.count("Export opportunities CSV")) << "the fleet view is not drawn:" << all;
    EXPECT_TRUE(labels.count("Select shown")) << all;
    const bool counts_bad_rows = std::any_of(labels.begin(), labels.end(), [](const std::string& label) {
        return label.find("rows with problems") != std::string::npos;
    });
    EXPECT_TRUE(counts_bad_rows) << "fleet_small.csv has bad rows the view must count:" << all;
    const nlohmann::json summary = nlohmann::json::parse(app_.FleetSummaryJson(), nullptr, false);
    ASSERT_TRUE(summary.is_object());
    EXPECT_GT(summary.value("units", 0), 0) << summary.dump();
}

// A large CSV is read a slice of rows at a time, each with its progress, and the rows and errors
// are those of the core's reading of the whole text at once.
TEST_F(HeadlessUi, ALargeFleetIsReadOverSeveralStepsAsTheCoreReadsIt) {
    const std::string text = test::generated_fleet_text(6000);
    app_.LoadFleetFile("big.csv", text);
    FleetJob& job = app_.Fleet();
    std::size_t last_read = 0;
    int reading_steps = 0;
    for (int step = 0; step < 100000 && job.Stage() == FleetStage::Reading; ++step) {
        job.Advance(app_.GetCatalog(), app_.AsOf(), 0.01);  // a budget so small that each step is one slice
        if (job.Stage() != FleetStage::Reading) break;
        ASSERT_GE(job.RowsRead(), last_read);
        ASSERT_LE(job.RowsRead(), job.RowsExpected());
        reading_steps += job.RowsRead() > last_read;
        last_read = job.RowsRead();
    }
    EXPECT_GE(reading_steps, 3) << "the file was read in fewer than three slices";
    ASSERT_EQ(job.Stage(), FleetStage::Evaluating);
    const FleetParse whole = parse_fleet_csv(text);
    ASSERT_EQ(job.Parsed()->rows.size(), whole.rows.size());
    for (std::size_t i = 0; i < whole.rows.size(); ++i)
        ASSERT_EQ(job.Parsed()->rows[i].device.serial, whole.rows[i].device.serial) << "row " << i;
    ASSERT_EQ(job.Parsed()->errors.size(), whole.errors.size());
    for (std::size_t i = 0; i < whole.errors.size(); ++i)
        EXPECT_EQ(job.Parsed()->errors[i].message, whole.errors[i].message) << "error " << i;
}

// The progress bar's total is the rows the file holds, its header not among them, whether or not
// the last row ends with a line break.
TEST_F(HeadlessUi, TheRowsExpectedWhileReadingLeaveTheHeaderOut) {
    const std::string header = "serial,mtm,ship_date\r\n";
    const std::string rows = "S1,21HD,2025-01-15\r\nS2,21HD,2025-01-16\r\nS3,21HD,2025-01-17";
    for (const std::string& text : {header + rows, header + rows + "\r\n"}) {
        app_.LoadFleetFile("three.csv", text);
        FleetJob& job = app_.Fleet();
        job.Advance(app_.GetCatalog(), app_.AsOf(), 50.0);  // counts the lines, then reads in later steps
        ASSERT_EQ(job.Stage(), FleetStage::Reading) << text;
        EXPECT_EQ(job.RowsExpected(), 3u) << text;
        for (int step = 0; step < 100 && job.Stage() == FleetStage::Reading; ++step)
            job.Advance(app_.GetCatalog(), app_.AsOf(), 50.0);
        ASSERT_NE(job.Parsed(), nullptr);
        EXPECT_EQ(job.Parsed()->rows.size(), 3u) << text;
    }
}

// "Closing within N days" lists exactly the units whose soonest window closes within N days, for
// an N between the buckets' 30, 60 and 90.
TEST_F(HeadlessUi, TheWindowFilterTakesAnyNumberOfDays) {
    app_.LoadFleetFile("big.csv", test::generated_fleet_text(800));
    for (int frames = 0; frames < 2000 && app_.Fleet().Stage() != FleetStage::Done; ++frames) Frame(1440.0f, 900.0f);
    ASSERT_EQ(app_.Fleet().Stage(), FleetStage::Done);
    Frame(1440.0f, 900.0f);
    const FleetResult& result = *app_.Fleet().Result();
    for (const int days : {1, 45, 75, 400}) {
        SCOPED_TRACE("within " + std::to_string(days) + " days");
        app_.fleet_table.bucket = kClosingWithinDays;
        app_.fleet_table.within_days = days;
        app_.fleet_table.rows_dirty = true;
        const std::set<std::string> labels = Frame(1440.0f, 900.0f);
        EXPECT_TRUE(labels.count("days")) << "the number of days is not on screen";
        std::vector<std::uint32_t> wanted;
        for (std::uint32_t i = 0; i < result.units.size(); ++i) {
            const auto windows = result.units[i].windows();
            if (!windows.empty() && windows.front().days_left <= days) wanted.push_back(i);
        }
        EXPECT_EQ(app_.fleet_table.rows, wanted);
        if (days == 45) {  // between two buckets, and neither none nor all of the fleet
            EXPECT_GT(wanted.size(), 0u);
            EXPECT_LT(wanted.size(), result.units.size());
        }
    }
}

// Keeping the fleet file: the host hears when keeping turns on or off and which arrivals are the
// fleet (a marks file is not), and the choice is one of the preferences.
TEST_F(HeadlessUi, TheFleetFileIsKeptOnlyWhenThePartnerSaysSo) {
    std::vector<std::string> heard;
    app_.host.fleet_taken = [&heard] { heard.push_back("taken"); };
    app_.host.keep_fleet = [&heard](bool keep) { heard.push_back(keep ? "keep" : "forget"); };
    const std::string fleet = test::generated_fleet_text(20);
    app_.LoadFleetFile("first.csv", fleet);
    app_.SetKeepFleetFile(true);
    EXPECT_NE(app_.status_message.find("first.csv"), std::string::npos) << app_.status_message;
    app_.LoadFleetFile("marks.json", marks_to_json({}));  // merged into the marks: not the fleet
    app_.LoadFleetFile("second.csv", fleet);
    app_.SetKeepFleetFile(true);  // already on: nothing to say
    EXPECT_EQ(heard, (std::vector<std::string>{"taken", "keep", "taken"}));
    EXPECT_NE(app_.PreferencesJson().find("\"keep_fleet\":true"), std::string::npos) << app_.PreferencesJson();

    App next;  // the next visit reads the preferences
    next.ApplyPreferences(app_.PreferencesJson());
    EXPECT_TRUE(next.keep_fleet_file);
    app_.SetKeepFleetFile(false);
    EXPECT_EQ(heard.back(), "forget");
    EXPECT_EQ(app_.PreferencesJson().find("keep_fleet"), std::string::npos) << app_.PreferencesJson();

    App cannot_keep;  // a host without a store (the desktop): the choice cannot be made
    cannot_keep.SetKeepFleetFile(true);
    EXPECT_FALSE(cannot_keep.keep_fleet_file);
}

// Cancel while evaluating keeps the units already evaluated (the first rows, as the whole
// evaluation has them) and shows them in the table; "Evaluate again" goes on from them to the
// whole file.
// Cancel while reading drops the half-read file.
TEST_F(HeadlessUi, CancelKeepsTheUnitsEvaluatedAndShowsThem) {
    const std::string text = test::generated_fleet_text(4000);
    const FleetResult whole = evaluate_fleet(*app_.GetCatalog(), parse_fleet_csv(text), app_.AsOf());
    app_.LoadFleetFile("big.csv", text);
    FleetJob& job = app_.Fleet();
    for (int step = 0; step < 100000 && (job.Stage() != FleetStage::Evaluating || job.Done() < 1000); ++step)
        job.Advance(app_.GetCatalog(), app_.AsOf(), 0.01);
    ASSERT_EQ(job.Stage(), FleetStage::Evaluating);
    ASSERT_LT(job.Done(), job.Total());
    const std::size_t done = job.Done();
    job.Cancel();
    ASSERT_EQ(job.Stage(), FleetStage::Cancelled);
    ASSERT_NE(job.Result(), nullptr) << "the units evaluated before the cancel were lost";
    EXPECT_EQ(job.Done(), done);
    const std::vector<UnitOpportunity>& kept = job.Result()->units;
    ASSERT_FALSE(kept.empty());
    ASSERT_LT(kept.size(), whole.units.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
        ASSERT_EQ(kept[i].serial(), whole.units[i].serial()) << "unit " << i;
        EXPECT_EQ(kept[i].bucket, whole.units[i].bucket) << "unit " << i << " " << kept[i].serial();
        EXPECT_EQ(kept[i].value.minor_units(), whole.units[i].value.minor_units()) << kept[i].serial();
    }
    EXPECT_EQ(job.Result()->summary.units, static_cast<std::int64_t>(kept.size()));

    std::set<std::string> labels;
    for (int frame = 0; frame < 3; ++frame) labels = Frame(1440.0f, 900.0f);
    EXPECT_TRUE(labels.count("Evaluate again"));
    EXPECT_TRUE(labels.count("Select shown")) << "the table of the units kept is not drawn";
    EXPECT_EQ(job.Stage(), FleetStage::Cancelled) << "drawing must not start the evaluation again";
    const nlohmann::json summary = nlohmann::json::parse(app_.FleetSummaryJson());
    EXPECT_EQ(summary.value("units", 0u), kept.size()) << summary.dump();

    // "Evaluate again" goes on from the units kept: none is evaluated twice, and the whole ends
    // as an evaluation that never stopped.
    job.Resume();
    job.Advance(app_.GetCatalog(), app_.AsOf(), 0.01);
    EXPECT_GT(job.Done(), done) << "the evaluation started again from the first row";
    for (int frames = 0; frames < 2000 && job.Stage() != FleetStage::Done; ++frames) Frame(1440.0f, 900.0f);
    ASSERT_EQ(job.Stage(), FleetStage::Done);
    ASSERT_EQ(job.Result()->units.size(), whole.units.size());
    for (std::size_t i = 0; i < whole.units.size(); ++i)
        ASSERT_EQ(job.Result()->units[i].line, whole.units[i].line) << "unit " << i;
    EXPECT_EQ(job.Result()->summary.units, whole.summary.units);
    EXPECT_EQ(job.Result()->summary.value, whole.summary.value);

    app_.LoadFleetFile("again.csv", text);
    job.Advance(app_.GetCatalog(), app_.AsOf(), 0.01);
    job.Advance(app_.GetCatalog(), app_.AsOf(), 0.01);
    ASSERT_EQ(job.Stage(), FleetStage::Reading);
    job.Cancel();
    EXPECT_EQ(job.Stage(), FleetStage::Cancelled);
    EXPECT_EQ(job.Result(), nullptr);
    EXPECT_EQ(job.Parsed(), nullptr);
    labels = Frame(1440.0f, 900.0f);
    EXPECT_FALSE(labels.count("Evaluate again")) << "a half-read file cannot be evaluated";
}

// Follow-up marks in the app: the marks bar is drawn, keeping hands every change to the host's
// store (and forgetting deletes it), a marks file handed over like a fleet file is imported (a bad
// one changes nothing and leaves the fleet loaded), and settled units leave the open work.
TEST_F(HeadlessUi, FollowUpMarksAreKeptImportedAndLeaveTheOpenWork) {
    std::vector<std::string> saved;
    app_.host.save_marks = [&saved](std::string_view json) { saved.emplace_back(json); };
    app_.LoadFleetFile("fleet_small.csv",
                       test::read_file(std::string(APOS_TEST_DATA_DIR) + "/../cli/data/fleet_small.csv"));
    for (int frames = 0; frames < 600 && app_.Fleet().Stage() != FleetStage::Done; ++frames) Frame(1440.0f, 900.0f);
    ASSERT_EQ(app_.Fleet().Stage(), FleetStage::Done);
    std::set<std::string> labels = Frame(1440.0f, 900.0f);
    labels = Frame(1440.0f, 900.0f);
    for (const char* label : {"Proposal sent", "Renewed", "Won't renew", "Export marks...", "Import marks...",
                              "Forget all marks", "Keep follow-up marks in this browser"})
        EXPECT_TRUE(labels.count(label)) << label;
    const FleetResult& result = *app_.Fleet().Result();
    ASSERT_GE(result.units.size(), 2u);
    const std::string first(result.units[0].serial()), second(result.units[1].serial());

    // Not kept: nothing reaches the store.
    SetMarks(app_, {first}, FollowUpMark{MarkKind::Renewed, test::date("2026-11-26"), {}});
    EXPECT_TRUE(saved.empty());
    SetKeepMarks(app_, true);
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_NE(saved.back().find("\"" + first + "\""), std::string::npos) << saved.back();
    EXPECT_NE(app_.PreferencesJson().find("\"keep_marks\":true"), std::string::npos) << app_.PreferencesJson();
    SetMarks(app_, {second}, FollowUpMark{MarkKind::ProposalSent, test::date("2026-11-20"), {}});
    ASSERT_EQ(saved.size(), 2u);
    nlohmann::json summary = nlohmann::json::parse(app_.FleetSummaryJson());
    EXPECT_EQ(summary["open_work_units"].get<std::int64_t>(), static_cast<std::int64_t>(result.units.size()) - 1)
        << "renewed leaves the open work, sent stays";
    EXPECT_EQ(summary["marks"]["count"], 2);

    // A marks file arrives like a fleet file: merged by the later date, the fleet stays.
    const std::string file = marks_to_json({{second, {MarkKind::WontRenew, test::date("2026-11-25"), "budget"}}});
    app_.LoadFleetFile("marks.json", file);
    EXPECT_EQ(app_.Fleet().FileName(), "fleet_small.csv");
    EXPECT_EQ(app_.fleet_marks.marks.at(second).kind, MarkKind::WontRenew);
    EXPECT_EQ(saved.size(), 3u);
    // A bad one is reported with its place, and nothing changes.
    app_.LoadFleetFile("bad.json", R"({"format": "apos-follow-up-marks", "version": 7, "marks": []})");
    ASSERT_FALSE(app_.fleet_marks.problems.empty());
    EXPECT_NE(app_.fleet_marks.problems.front().find("/version"), std::string::npos)
        << app_.fleet_marks.problems.front();
    EXPECT_EQ(app_.fleet_marks.marks.size(), 2u);
    EXPECT_EQ(app_.Fleet().FileName(), "fleet_small.csv");
    labels = Frame(1440.0f, 900.0f);

    // Forgetting clears the marks and deletes the stored copy ("" to the host).
    ForgetAllMarks(app_);
    EXPECT_TRUE(app_.fleet_marks.marks.empty());
    ASSERT_FALSE(saved.empty());
    EXPECT_EQ(saved.back(), "");
    // The kept marks of an earlier visit come back through the host.
    ReceiveKeptMarks(app_, file);
    EXPECT_EQ(app_.fleet_marks.marks.size(), 1u);
    Frame(1440.0f, 900.0f);
}

}  // namespace
}  // namespace apos::ui
