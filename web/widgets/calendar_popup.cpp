// DatePicker: typed YYYY-MM-DD plus a calendar popup. Invalid text is remembered per field
// (keyed by ImGui id) together with the date it was typed over, so it survives focus changes
// and frames; it is dropped once the text parses or the date changes from elsewhere (a link,
// the calendar, the JS API).
#include "widgets/calendar_popup.hpp"

#include <algorithm>

#include <cstdio>
#include <string>
#include <unordered_map>

#include "app/widget_table.hpp"
#include "imgui.h"
#include "widgets/status_badge.hpp"
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

struct PendingText {
    std::string text;                // what the user typed, not a date (yet)
    std::optional<Date> typed_over;  // the value at the time; another value means "start over"
};

std::unordered_map<ImGuiID, PendingText>& Pending() {
    static std::unordered_map<ImGuiID, PendingText> pending;
    return pending;
}

// The month the calendar shows while it is open, per field.
std::unordered_map<ImGuiID, YearMonthDay>& ShownMonth() {
    static std::unordered_map<ImGuiID, YearMonthDay> shown;
    return shown;
}

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

void StepMonth(YearMonthDay& month, int delta) {
    int index = month.year * 12 + (month.month - 1) + delta;
    if (index < 12) index = 12;  // year 1
    if (index > 9999 * 12 + 11) index = 9999 * 12 + 11;
    month.year = index / 12;
    month.month = index % 12 + 1;
}

// Monday-first column of a date (1970-01-01 was a Thursday).
int WeekdayColumn(Date day) {
    const int since_epoch = day.days_since_epoch();
    return ((since_epoch % 7) + 7 + 3) % 7;
}

// The month grid. Day buttons are named "15##2026-10-15" so that tests and the DOM mirror can
// find a day by its date. Returns the picked day.
std::optional<Date> MonthGrid(ImGuiID field_id, std::optional<Date> value, Date today) {
    YearMonthDay& month = ShownMonth()[field_id];
    std::optional<Date> picked;

    // Arrow glyphs on plain buttons (ImGui 1.86's ArrowButton does not report itself to the widget table).
    if (ImGui::Button("\xE2\x86\x90##Previous month")) StepMonth(month, -1);
    ImGui::SameLine();
    char title[32];
    std::snprintf(title, sizeof title, "%s %d", kMonthNames[month.month - 1], month.year);
    const float title_width = ImGui::GetFontSize() * 9.0f;
    const float text_width = ImGui::CalcTextSize(title).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (title_width - text_width) * 0.5f);
    ImGui::TextUnformatted(title);
    ImGui::SameLine(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.x * 2.0f + title_width);
    if (ImGui::Button("\xE2\x86\x92##Next month")) StepMonth(month, +1);
    // Page Up / Page Down turn the months too, for keyboard users.
    if (ImGui::IsWindowFocused()) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) StepMonth(month, -1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) StepMonth(month, +1);
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedSame | ImGuiTableFlags_NoHostExtendX;
    if (ImGui::BeginTable("month", 7, flags)) {
        for (const char* name : {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", name);
        }
        const Date first = *Date::from_ymd(month.year, month.month, 1);
        ImGui::TableNextRow();
        for (int blank = 0; blank < WeekdayColumn(first); ++blank) ImGui::TableNextColumn();
        const float cell = ImGui::GetFrameHeight() * 1.25f;
        for (int d = 1; d <= days_in_month(month.year, month.month); ++d) {
            const Date day = *Date::from_ymd(month.year, month.month, d);
            ImGui::TableNextColumn();
            const bool is_value = value && *value == day;
            const bool is_today = day == today;
            if (is_value) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            else if (!is_today) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
            const std::string label = std::to_string(d) + "##" + day.to_string();
            if (ImGui::Button(label.c_str(), ImVec2(cell, 0.0f))) picked = day;
            if (is_value || !is_today) ImGui::PopStyleColor();
            if (is_today && ImGui::IsItemHovered()) ImGui::SetTooltip("Today (as-of default)");
        }
        ImGui::EndTable();
    }
    if (ImGui::SmallButton("Today")) picked = today;
    ImGui::SameLine();
    ImGui::TextDisabled("Page Up/Down: month");
    return picked;
}

bool Field(const char* label, std::optional<Date>& value, Date today, bool allow_empty, const char* hint) {
    ImGui::PushID(label);
    // The field is named "##<label>" (tests and the DOM mirror find it by that name); the visible
    // label is drawn after the calendar button.
    const std::string field_name = std::string("##") + label;
    const ImGuiID id = ImGui::GetID(field_name.c_str());
    auto& pending = Pending();
    auto found = pending.find(id);
    if (found != pending.end() && found->second.typed_over != value) {
        pending.erase(found);  // the date changed from elsewhere: show the new value
        found = pending.end();
    }
    std::string text = found != pending.end() ? found->second.text : value ? value->to_string() : std::string();

    bool changed = false;
    const ImGuiStyle& style = ImGui::GetStyle();
    // One row: field, Pick, Clear (when there is a date to clear), label. Too narrow for the row
    // (large text), the label
    // goes on a line of its own above the field instead of being pushed out of sight.
    const float date_width = ImGui::CalcTextSize("0000-00-00").x + style.FramePadding.x * 4.0f;
    const auto button = [&style](const char* caption) {
        return ImGui::CalcTextSize(caption).x + style.FramePadding.x * 2.0f + style.ItemInnerSpacing.x;
    };
    const float buttons = button("Pick") + (allow_empty && value ? button("Clear") : 0.0f);
    // Wider than a date only for a longer hint, and only as far as the panel's item width allows.
    const float hint_width = ImGui::CalcTextSize(hint).x + style.FramePadding.x * 2.0f;
    const float field_width = std::max(date_width, std::min(hint_width, ImGui::CalcItemWidth() - buttons));
    const float label_width = style.ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
    const bool label_above = field_width + buttons + label_width > ImGui::GetContentRegionAvail().x;
    if (label_above) ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(field_width);
    const bool edited =
        TextField(field_name.c_str(), text, hint, ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
    const bool editing = ImGui::IsItemActive();
    const bool invalid = found != pending.end();
    if (invalid) {
        ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                            ImGui::GetColorU32(ErrorColor()), style.FrameRounding, 0,
                                            style.FrameBorderSize + 1.5f);
    }
    if (edited) {
        const std::optional<Date> parsed = Date::parse(text);
        if (parsed || (allow_empty && text.empty())) {
            pending.erase(id);
            const std::optional<Date> next = text.empty() ? std::nullopt : parsed;
            if (next != value) {
                value = next;
                changed = true;
            }
        } else {
            pending[id] = PendingText{text, value};
        }
    }

    ImGui::SameLine(0.0f, style.ItemInnerSpacing.x);
    const std::string popup = std::string("calendar##") + label;
    // Taken outside the popup: inside it, the ID stack includes the popup window.
    const ImGuiID calendar_id = ImGui::GetID(popup.c_str());
    const std::string pick = std::string("Pick##") + label;
    if (ImGui::Button(pick.c_str())) {
        const Date shown = value.value_or(today);
        ShownMonth()[calendar_id] = shown.ymd();
        ImGui::OpenPopup(popup.c_str());
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Choose %s on a calendar", label);
    if (ImGui::BeginPopup(popup.c_str())) {
        if (const std::optional<Date> picked = MonthGrid(calendar_id, value, today)) {
            pending.erase(id);
            if (picked != value) {
                value = picked;
                changed = true;
            }
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    if (allow_empty && value) {
        ImGui::SameLine(0.0f, style.ItemInnerSpacing.x);
        const std::string clear = std::string("Clear##") + label;
        if (ImGui::Button(clear.c_str())) {
            pending.erase(id);
            value.reset();
            changed = true;
        }
    }
    if (!label_above) {
        ImGui::SameLine(0.0f, style.ItemInnerSpacing.x);
        ImGui::TextUnformatted(label);  // the label after the buttons, like ImGui's own fields
    }
    ImGui::PopID();

    // While the field is being typed in, the red outline is enough; the sentence comes after.
    if (pending.count(id) && !editing) {
        const std::string& typed = pending[id].text;
        const std::string message = typed.empty()
                                        ? std::string(label) + " is required: type YYYY-MM-DD or pick a day"
                                        : std::string(label) + ": \"" + typed +
                                              "\" is not a date; type YYYY-MM-DD (e.g. " + today.to_string() + ")";
        ImGui::TextColored(ErrorColor(), "%s", message.c_str());
        ReportMessage(message.c_str());
    }
    return changed;
}

}  // namespace

bool DatePicker(const char* label, Date& value, Date today) {
    std::optional<Date> wrapped = value;
    if (!Field(label, wrapped, today, false, "YYYY-MM-DD") || !wrapped) return false;
    value = *wrapped;
    return true;
}

bool OptionalDatePicker(const char* label, std::optional<Date>& value, Date today, const char* empty_hint) {
    return Field(label, value, today, true, empty_hint);
}

}  // namespace apos::ui
