// A combo box over an enumeration, shown with the core's JSON spelling (to_string), and
// reported to the widget table (ImGui 1.86 does not report combos to the test-engine hooks).
#pragma once

#include <array>
#include <string>

#include "app/widget_table.hpp"
#include "imgui.h"

namespace apos::ui {

// Returns true when `value` changed.
template <typename E, std::size_t N>
bool EnumCombo(const char* label, E& value, const std::array<E, N>& choices) {
    const ImGuiID id = ImGui::GetID(label);
    const bool open = ImGui::BeginCombo(label, std::string(to_string(value)).c_str());
    ReportItem(id, label, true, open);
    if (!open) return false;
    bool changed = false;
    for (E choice : choices) {
        const bool selected = choice == value;
        if (ImGui::Selectable(std::string(to_string(choice)).c_str(), selected) && !selected) {
            value = choice;
            changed = true;
        }
    }
    ImGui::EndCombo();
    return changed;
}

}  // namespace apos::ui
