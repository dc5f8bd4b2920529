// ElidedText: ImGui's own RenderTextEllipsis draws the cut text; the item is as wide as what is
// drawn, so the layout check (widget_table.cpp) sees nothing cut without an ellipsis.
#include "widgets/elided_text.hpp"

#include <cstring>

#include "imgui_internal.h"

namespace apos::ui {

bool ElidedText(const char* text, float max_width, const ImVec4* color) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const char* end = text + std::strlen(text);
    const ImVec2 full = ImGui::CalcTextSize(text, end);
    // The room left on this line: up to the cell's (or window's) right edge.
    const float room = ImGui::GetContentRegionAvail().x;
    const float width = max_width > 0.0f ? ImMin(max_width, room) : room;
    if (full.x <= width || width <= 0.0f) {
        if (color) ImGui::TextColored(*color, "%s", text);
        else ImGui::TextUnformatted(text, end);
        return false;
    }
    const ImVec2 pos = window->DC.CursorPos;
    const ImRect bb(pos, ImVec2(pos.x + width, pos.y + full.y));
    ImGui::ItemSize(bb.GetSize(), 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return true;
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::RenderTextEllipsis(window->DrawList, bb.Min, bb.Max, bb.Max.x, bb.Max.x, text, end, &full);
    if (color) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
    return true;
}

}  // namespace apos::ui
