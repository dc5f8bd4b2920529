// Entry point of the configurator, the same for the web page and the desktop window: one ImGui
// context, one host window, one frame function run by the host's main loop.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "imgui.h"
#include "platform/platform.hpp"

namespace platform = apos::platform;

namespace {

apos::Date Today() {
    const platform::LocalDate today = platform::Today();
    return apos::Date::from_ymd(today.year, today.month, today.day).value_or(apos::Date{});
}

}  // namespace

int main(int argc, char** argv) {
    // The host's own arguments (desktop: the command line; --help and usage errors end here).
    if (const platform::HostOptions options = platform::StartHost(argc, argv); options.exit) return options.exit_code;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    apos::ui::App& app = apos::ui::TheApp();
    app.AttachToImGui();
    app.host.save_file = platform::SaveFile;
    app.host.write_hash = platform::WriteUrlHash;
    app.host.quote_changed = platform::NotifyQuoteChanged;
    app.host.open_file = platform::OpenFileDialog;
    app.host.page_url = platform::PageUrl;
    app.host.save_preferences = platform::SavePreferences;
    app.host.print_html = [](std::string_view html) { platform::PrintHtml(html); };
    app.host.save_marks = platform::SaveMarks;
    app.UseFleetWorkers(platform::HostFleetWorkers());
    app.ApplyPreferences(platform::LoadPreferences());
    // Follow-up marks the partner chose to keep come back from the host's store (web: IndexedDB).
    if (app.fleet_marks.keep) platform::LoadMarks([&app](std::string json) { apos::ui::ReceiveKeptMarks(app, json); });
    // Fleet CSVs: picked, dropped, or named with --fleet FILE (desktop); evaluated over frames.
    platform::SetFileHandler(
        [&app](std::string name, std::string bytes) { app.LoadFleetFile(std::move(name), std::move(bytes)); });
    // The fleet file the partner chose to keep comes back like a picked one (web: from IndexedDB).
    if (platform::KeepsFleetFiles()) {
        app.host.fleet_taken = platform::FleetFileTaken;
        app.host.keep_fleet = platform::KeepFleetFile;
        if (app.keep_fleet_file) platform::LoadKeptFleetFile();
    }
    app.SetToday(Today());
    // What the user asked to open and could not be: the host prints it (desktop) and decides
    // whether to go on; the status line shows the first one.
    std::vector<std::string> problems;
    if (const auto files = platform::CatalogFiles(); !files.empty()) {
        app.BeginCatalog();
        for (const platform::TextFile& file : files)
            if (std::find(apos::kCatalogFiles.begin(), apos::kCatalogFiles.end(), file.name) !=
                apos::kCatalogFiles.end())
                app.AddCatalogFile(file.name, file.text);
        app.CommitCatalog();
        for (const apos::CatalogError& e : app.CatalogErrors()) problems.push_back("catalog: " + e.to_string());
    }
    if (const std::string hash = platform::ReadUrlHash(); !hash.empty()) {
        const nlohmann::json result = nlohmann::json::parse(app.SetStateHash(hash), nullptr, false);
        if (result.is_object() && result.contains("errors"))
            for (const nlohmann::json& e : result["errors"]) {
                const std::string message = e.value("message", std::string());
                // A message about the whole string ("state: 12,034 characters, ...") names it already.
                problems.push_back(message.rfind("state: ", 0) == 0 ? message : "state: " + message);
            }
    }
    if (!problems.empty()) app.status_message = problems.front();
    for (platform::TextFile& file : platform::CommandLineFiles(argc, argv))
        app.LoadFleetFile(file.name, std::move(file.text), std::move(file.sheet));
    if (!platform::AcceptInputProblems(problems)) return 1;

    if (!platform::OpenWindow("APOS services configurator")) return 1;

    unsigned reported_fleet = ~0u;  // the fleet (FleetJob generation) whose failure was reported
    bool refused = false;
    using Clock = std::chrono::steady_clock;
    Clock::time_point last_drawn{};
    platform::RunMainLoop([&app, &reported_fleet, &refused, &last_drawn]() {
        if (!platform::PollEvents()) return false;
        // While a fleet loads, most frames only work on it: one is drawn every kFleetDrawEveryMs
        // for the progress bar, and at once when input waits, so the page still answers.
        const Clock::time_point now = Clock::now();
        if (app.Fleet().Busy() && !platform::InputWaiting() &&
            std::chrono::duration<double, std::milli>(now - last_drawn).count() < apos::ui::kFleetDrawEveryMs) {
            app.AdvanceFleet(apos::ui::kFleetMsBetweenFrames);
            // Nothing to do until a worker answers: no need to call again before the next frame.
            platform::PaceByDisplay(app.Fleet().WaitsForWorkers());
            return true;
        }
        last_drawn = now;
        app.SetToday(Today());
        if (app.ApplyContentScale(platform::ContentScale(), platform::FontBytes())) platform::ReloadFontTexture();
        platform::NewFrame();
        app.Frame();
        const apos::ui::KeyboardExits keys = app.KeyboardState();
        platform::SetKeyboardState(keys.text_input, keys.tab_leaves, keys.back_tab_leaves, keys.escape_leaves);
        platform::RenderFrame();
        const apos::ui::FleetJob& fleet = app.Fleet();
        // A file that waits for its mapping step is reported too: a screenshot run cannot answer it.
        const bool stuck =
            fleet.Stage() == apos::ui::FleetStage::Failed || fleet.Stage() == apos::ui::FleetStage::Mapping;
        if (stuck && fleet.Generation() != reported_fleet) {
            reported_fleet = fleet.Generation();
            const std::string why = fleet.Errors().empty() ? "not a fleet CSV" : fleet.Errors().front().message;
            if (!platform::AcceptInputProblems({"fleet: " + fleet.FileName() + ": " + why})) {
                refused = true;
                return false;
            }
        }
        // Settled: no fleet is being read or evaluated (screenshots wait for the finished view).
        const apos::ui::FleetStage stage = fleet.Stage();
        return platform::FrameDone(stage != apos::ui::FleetStage::Reading && stage != apos::ui::FleetStage::Evaluating);
    });

    platform::CloseWindow();
    ImGui::DestroyContext();
    return refused ? 1 : platform::ExitCode();
}
