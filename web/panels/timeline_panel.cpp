// Timeline panel: the device's coverage from base start to end (base warranty plus every service
// selected for the quote) and its purchase deadlines, as apos::build_timeline returns them,
// drawn by the TimelineBars widget, with the deadlines also listed as text below.
#include <vector>

#include "apos/timeline.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/timeline_bars.hpp"

namespace apos::ui {

void DrawTimelinePanel(App& app) {
    const auto& facts = app.Facts();
    if (!facts || !app.GetCatalog()) {
        ImGui::TextDisabled("Enter a device to see its coverage timeline.");
        return;
    }
    // The quote's services for this device: the offers the partner ticked.
    std::vector<Offer> selected;
    // Only what the quote can hold: a selected service the rules refuse covers nothing.
    for (const Offer& offer : app.Offers())
        if (offer.offering && offer.status != OfferStatus::Ineligible && app.State().HasService(offer.offering->id, offer.term_years))
            selected.push_back(offer);
    const Timeline timeline = build_timeline(*app.GetCatalog(), *facts, app.AsOf(), selected);

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
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
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
        ImGui::TextUnformatted(d.rule.c_str());
    }
    ImGui::EndTable();
}

}  // namespace apos::ui
