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

}  // namespace
}  // namespace apos::ui
