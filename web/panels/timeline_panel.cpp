// Timeline panel: the device's coverage from base start to end (base warranty plus every service
// that sells on the quote) and its purchase deadlines, as the core's evaluation returns them,
// drawn by the TimelineBars widget, with the deadlines also listed as text below.
#include <vector>

#include "apos/timeline.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/timeline_bars.hpp"

namespace apos::ui {

void DrawTimelinePanel(App& app) {
    const DeviceEvaluation* device = app.ConfiguredDevice();
    if (!device || !device->timeline) {
        ImGui::TextDisabled("Enter a device to see its coverage timeline.");
        return;
    }
    // The evaluation's timeline: the services that sell on the quote, nothing the rules refuse.
    const Timeline& timeline = *device->timeline;

    TimelineZoom& zoom = app.timeline_zoom;
    if (ImGui::Button("Zoom in")) ZoomTimeline(zoom, 0.6);
    ImGui::SameLine();
    if (ImGui::Button("Zoom out")) ZoomTimeline(zoom, 1.0 / 0.6);
    ImGui::SameLine();
    if (ImGui::Button("Fit")) FitTimeline(zoom);
    ImGui::SameLine();
    ImGui::TextDisabled("Wheel: zoom \xE2\x80\xA2 drag: pan \xE2\x80\xA2 double-click: fit");

    TimelineBars("##timeline", timeline, zoom);

    // The same deadlines as text: readable without hovering, and reachable by the DOM mirror.
    if (timeline.deadlines.empty()) return;
    ImGui::Spacing();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("deadlines", 4, flags)) return;
    ImGui::TableSetupColumn("Purchase deadline", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Days left", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Rule", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const DeadlineMarker& d : timeline.deadlines) {
        const int days = days_between(timeline.today, d.day);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (days < 0) ImGui::TextDisabled("%s", d.label.c_str());
        else ImGui::TextUnformatted(d.label.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.day.to_string().c_str());
        ImGui::TableNextColumn();
        if (days < 0) ImGui::TextDisabled("passed");
        else ImGui::Text("%d", days);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", d.rule.c_str());
    }
    ImGui::EndTable();
}

}  // namespace apos::ui
