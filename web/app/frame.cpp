// One frame of the configurator: a single window filling the canvas, the catalog banner, then
// the panels (device on the left, services and quote on the right), then the status line.
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"

namespace apos::ui {

namespace {

void DrawCatalogErrors(const App& app) {
    ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.10f, 1.0f), "The catalog could not be loaded:");
    for (const CatalogError& e : app.CatalogErrors()) ImGui::BulletText("%s", e.to_string().c_str());
}

}  // namespace

void App::Frame() {
    widgets_.BeginFrame();
    ImGui::NewFrame();

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (ImGui::Begin("APOS configurator", nullptr, flags)) {
        if (!catalog_) {
            ImGui::TextUnformatted(catalog_errors_.empty() ? "Loading the catalog..." : "");
            if (!catalog_errors_.empty()) DrawCatalogErrors(*this);
        } else {
            ImGui::TextDisabled("%s  |  as of %s", catalog_->label.c_str(), AsOf().to_string().c_str());
            if (!catalog_errors_.empty()) DrawCatalogErrors(*this);

            const float status_height = ImGui::GetFrameHeightWithSpacing();
            const float height = ImGui::GetContentRegionAvail().y - status_height;
            const float left_width = ImGui::GetContentRegionAvail().x * 0.34f;
            ImGui::BeginChild("left", ImVec2(left_width, height), true);
            DrawDevicePanel(*this);
            ImGui::EndChild();
            ImGui::SameLine();
            ImGui::BeginChild("right", ImVec2(0.0f, height), false);
            const float services_height = ImGui::GetContentRegionAvail().y * 0.62f;
            ImGui::BeginChild("services", ImVec2(0.0f, services_height), true);
            DrawServicesPanel(*this);
            ImGui::EndChild();
            ImGui::BeginChild("quote", ImVec2(0.0f, 0.0f), true);
            DrawQuotePanel(*this);
            ImGui::EndChild();
            ImGui::EndChild();
            ImGui::TextDisabled("%s", status_message.c_str());
        }
    }
    ImGui::End();

    ImGui::Render();
    widgets_.EndFrame();
    ++frame_count_;
    Refresh();
}

}  // namespace apos::ui
