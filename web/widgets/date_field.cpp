// DateField: an ImGui text field bound to an apos::Date. While the field is active ImGui keeps
// its own copy of the text, so a fresh buffer made from the date each frame is enough: an
// incomplete entry lives in ImGui's copy until it parses (or is reverted when focus leaves).
#include "widgets/date_field.hpp"

#include <cstring>

#include "imgui.h"

namespace apos::ui {

namespace {

bool Field(const char* label, std::optional<Date>& value, bool allow_empty, const char* hint) {
    char buffer[16] = {};
    if (value) std::strncpy(buffer, value->to_string().c_str(), sizeof buffer - 1);

    ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 4.0f);
    const bool edited = ImGui::InputTextWithHint(label, hint, buffer, sizeof buffer,
                                                 ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll);
    const std::optional<Date> parsed = Date::parse(buffer);
    const bool empty = buffer[0] == '\0';
    const bool valid = parsed || (allow_empty && empty);
    if (!valid && ImGui::IsItemActive()) {
        // Outline the field until the text is a real date.
        ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                            IM_COL32(200, 30, 30, 255), ImGui::GetStyle().FrameRounding, 0,
                                            ImGui::GetStyle().FrameBorderSize + 1.0f);
    }
    if (!edited || !valid) return false;
    const std::optional<Date> next = empty ? std::nullopt : parsed;
    if (next == value) return false;
    value = next;
    return true;
}

}  // namespace

bool DateField(const char* label, Date& value) {
    std::optional<Date> wrapped = value;
    if (!Field(label, wrapped, false, "YYYY-MM-DD")) return false;
    value = *wrapped;
    return true;
}

bool OptionalDateField(const char* label, std::optional<Date>& value, const char* empty_hint) {
    return Field(label, value, true, empty_hint);
}

}  // namespace apos::ui
