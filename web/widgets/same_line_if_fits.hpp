// Flow layout for a row of small widgets: the next one goes on the same line only when it fits
// before the right edge, else it starts a new line (nothing is pushed out of sight).
#pragma once

#include "imgui.h"

namespace apos::ui {

// Call between two items; `next_width` is the next item's full width in pixels.
inline void SameLineIfFits(float next_width) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + next_width <= right_edge) ImGui::SameLine();
}

// The width of a checkbox or button with `label`.
inline float CheckboxWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}
inline float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

}  // namespace apos::ui
