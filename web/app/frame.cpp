// One frame of the configurator: a single window filling the canvas. Layout, top to bottom:
// the settings bar; the catalog's errors if any; a tab bar with the configurator (device and
// recommendations on the left; services on top right, Quote / Timeline tabs below them) and the
// fleet; the status line with the price book's label, which is always on screen.
#include <algorithm>

#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

void DrawCatalogErrors(const App& app) {
    ImGui::TextColored(ErrorColor(), "The catalog could not be loaded:");
    for (const CatalogError& e : app.CatalogErrors()) ImGui::BulletText("%s", e.to_string().c_str());
}

// A link (URL hash) that could not be read: say what was wrong; the configuration shown is
// the one from before the link, untouched.
void DrawLinkErrors(App& app) {
    std::string text = "This link's configuration could not be used, so the previous one is kept:";
    for (const std::string& e : app.link_errors) text += " " + e + ".";
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5.0f);
    ImGui::TextColored(ErrorColor(), "%s", text.c_str());
    ImGui::PopTextWrapPos();
    ReportMessage(text.c_str());
    ImGui::SameLine();
    // The status line repeats the first problem: dismissed with it.
    if (ImGui::SmallButton("Dismiss")) {
        app.link_errors.clear();
        app.status_message.clear();
    }
}

// A link copied from a quote with fleet units brings back the configured device only: say how many
// units it left out and where they can be had, until the partner dismisses it or adds units.
void DrawFleetLeftOut(App& app) {
    const std::size_t units = app.State().fleet_units_left_out;
    const std::string text = "This link leaves out the " + std::to_string(units) + " unit" + (units == 1 ? "" : "s") +
                             " that were added from the fleet: only the configured device and its services came "
                             "back. Ask the sender for the CSV or printed quote, or add the units again from the "
                             "Fleet tab.";
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 5.0f);
    ImGui::TextColored(WarningColor(), "%s", text.c_str());
    ImGui::PopTextWrapPos();
    ReportMessage(text.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Dismiss##fleet-left-out")) app.EditState().fleet_units_left_out = 0;
}

// Keyboard navigation follows the setting. NavNoCaptureKeyboard keeps Tab free to leave the
// canvas while nothing is being edited (the host page's own fields stay reachable).
void ApplyNavigation(const Settings& settings) {
    ImGuiIO& io = ImGui::GetIO();
    if (settings.keyboard_nav)
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NavNoCaptureKeyboard;
    else io.ConfigFlags &= ~(ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NavNoCaptureKeyboard);
}

void DrawConfigurator(App& app, float height) {
    // A third of the width, but room for a full MTM and the longest field label at any text size
    // (at most half: the services need the rest).
    const float room = ImGui::GetContentRegionAvail().x;
    const float left_width = std::min(std::max(room * 0.30f, ImGui::GetFontSize() * 17.0f), room * 0.5f);
    ImGui::BeginChild("left", ImVec2(left_width, height), true);
    DrawDevicePanel(app);
    ImGui::Spacing();
    ImGui::Spacing();
    DrawRecommendationsPanel(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("right", ImVec2(0.0f, height), false);
    const float services_height = ImGui::GetContentRegionAvail().y * 0.56f;
    ImGui::BeginChild("services", ImVec2(0.0f, services_height), true);
    DrawServicesPanel(app);
    ImGui::EndChild();
    ImGui::BeginChild("below services", ImVec2(0.0f, 0.0f), true);
    // A tall canvas has room for both: the quote above its timeline, no tabs to switch.
    const float below_height = ImGui::GetContentRegionAvail().y;
    if (below_height > 30.0f * ImGui::GetFontSize()) {
        ImGui::BeginChild("quote", ImVec2(0.0f, below_height * 0.55f));
        DrawQuotePanel(app);
        ImGui::EndChild();
        ImGui::Separator();
        ImGui::BeginChild("timeline");
        DrawTimelinePanel(app);
        ImGui::EndChild();
    } else if (ImGui::BeginTabBar("quote and timeline")) {
        if (ImGui::BeginTabItem("Quote")) {
            ImGui::BeginChild("quote");
            DrawQuotePanel(app);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Timeline")) {
            ImGui::BeginChild("timeline");
            DrawTimelinePanel(app);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace

void App::Frame() {
    ApplyNavigation(state_.settings);
    focus_ring.BeforeNewFrame(widgets_.LastFrame());
    widgets_.BeginFrame();
    ImGui::NewFrame();
    focus_ring.AfterNewFrame(widgets_.LastFrame());

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // No background: the hosts clear the frame to WindowBg already, and a software renderer
    // (headless Chromium's SwiftShader) paid for a second, blended fill of the whole canvas.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoBackground;
    if (ImGui::Begin("APOS configurator", nullptr, flags)) {
        if (!catalog_) {
            ImGui::TextUnformatted(catalog_errors_.empty() ? "Loading the catalog..." : "");
            if (!catalog_errors_.empty()) DrawCatalogErrors(*this);
        } else {
            DrawSettingsBar(*this);
            if (!catalog_errors_.empty()) DrawCatalogErrors(*this);
            if (!link_errors.empty()) DrawLinkErrors(*this);
            if (state_.fleet_units_left_out > 0 && state_.fleet_items.empty()) DrawFleetLeftOut(*this);

            const float status_height = ImGui::GetFrameHeightWithSpacing();
            if (ImGui::BeginTabBar("views")) {
                if (ImGui::BeginTabItem("Configurator")) {
                    DrawConfigurator(*this, ImGui::GetContentRegionAvail().y - status_height);
                    ImGui::EndTabItem();
                }
                // A fleet file just dropped, picked or passed with --fleet: show it.
                const ImGuiTabItemFlags fleet_flags = open_fleet_view ? ImGuiTabItemFlags_SetSelected : 0;
                open_fleet_view = false;
                if (ImGui::BeginTabItem("Fleet", nullptr, fleet_flags)) {
                    ImGui::BeginChild("fleet", ImVec2(0.0f, ImGui::GetContentRegionAvail().y - status_height), true);
                    DrawFleetPanel(*this);
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                if (ImGui::BeginTabItem("Proposals")) {
                    ImGui::BeginChild("proposals", ImVec2(0.0f, ImGui::GetContentRegionAvail().y - status_height),
                                      true);
                    DrawProposalsPanel(*this);
                    ImGui::EndChild();
                    ImGui::EndTabItem();
                }
                ImGui::EndTabBar();
            }
            // Always visible: the price book is a labelled sample.
            ImGui::TextColored(WarningColor(), "%s", catalog_->label.c_str());
            if (!status_message.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("|  %s", status_message.c_str());
                ReportMessage(status_message.c_str());
            }
        }
    }
    ImGui::End();

    ImGui::Render();
    widgets_.EndFrame();
    ++frame_count_;
    Refresh();
}

}  // namespace apos::ui
