// Settings bar across the top: the as-of date every answer is computed for (default today,
// stated explicitly), the theme, the text size (the font is rebuilt at size x content scale,
// see look.cpp), keyboard navigation and whether follow-up marks are kept in this browser. Also repeats the price
// book's label.
#include <array>
#include <cfloat>
#include <cstdio>

#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/calendar_popup.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

struct TextSize {
    const char* name;
    float pixels;
};
constexpr std::array<TextSize, 4> kTextSizes = {
    {{"Small", 13.0f}, {"Normal", 15.0f}, {"Large", 18.0f}, {"Larger", 22.0f}}};

}  // namespace

void DrawSettingsBar(App& app) {
    Settings settings = app.State().settings;
    bool changed = false;

    std::optional<Date> as_of = app.State().as_of;
    if (OptionalDatePicker("As of", as_of, app.Today(), "today")) app.EditState().as_of = as_of;
    ImGui::SameLine();
    if (!as_of) ImGui::TextDisabled("(today, %s)", app.Today().to_string().c_str());
    else ImGui::TextDisabled("(fixed date)");

    SameLineIfFits(CheckboxWidth("Dark theme"));
    changed |= ImGui::Checkbox("Dark theme", &settings.dark_theme);
    SameLineIfFits(ImGui::GetFontSize() * 6.0f + ImGui::GetStyle().ItemInnerSpacing.x +
                   ImGui::CalcTextSize("Text size").x);
    const char* size_name = "Custom";
    for (const TextSize& size : kTextSizes)
        if (size.pixels == settings.text_size) size_name = size.name;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
    const ImGuiID combo_id = ImGui::GetID("Text size");
    const bool open = ImGui::BeginCombo("Text size", size_name);
    ReportItem(combo_id, "Text size", true, open);
    if (open) {
        for (const TextSize& size : kTextSizes)
            if (ImGui::Selectable(size.name, size.pixels == settings.text_size)) {
                settings.text_size = size.pixels;
                changed = true;
            }
        ImGui::EndCombo();
    }
    SameLineIfFits(CheckboxWidth("Keyboard navigation"));
    changed |= ImGui::Checkbox("Keyboard navigation", &settings.keyboard_nav);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Arrow keys move between controls, Space/Enter activates, Esc goes back.\n"
            "Tab still leaves the configurator unless a field is being edited.");
    if (changed) app.EditState().settings = settings;
    // Follow-up marks (fleet view) stay on this device only when the partner says so.
    bool keep_marks = app.fleet_marks.keep;
    SameLineIfFits(CheckboxWidth("Keep follow-up marks in this browser"));
    if (ImGui::Checkbox("Keep follow-up marks in this browser", &keep_marks)) SetKeepMarks(app, keep_marks);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Off: marks set in the fleet view last until the page closes.\n"
            "On: they are stored in this browser by serial (IndexedDB) and come back on the next visit.\n"
            "\"Forget all marks\" in the fleet view deletes them; turning this off deletes the stored copy.");

    // The partner's details for proposals and the urgency per segment, in a window of their own.
    SameLineIfFits(ButtonWidth("Partner & urgency..."));
    if (ImGui::Button("Partner & urgency...")) ImGui::OpenPopup("Partner & urgency");
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 30.0f, 0.0f), ImVec2(FLT_MAX, FLT_MAX));
    if (ImGui::BeginPopup("Partner & urgency")) {
        DrawPartnerAndUrgencySettings(app);
        if (ImGui::Button("Close##partner-urgency")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace apos::ui
