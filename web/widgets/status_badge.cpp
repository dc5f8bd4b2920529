// Status colours and the status badge. Green / amber / grey-red, readable on both themes.
#include "widgets/status_badge.hpp"

namespace apos::ui {

bool DarkTheme() {
    const ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    return bg.x + bg.y + bg.z < 1.5f;
}

ImVec4 ErrorColor() { return DarkTheme() ? ImVec4(1.00f, 0.45f, 0.42f, 1.0f) : ImVec4(0.72f, 0.08f, 0.08f, 1.0f); }
ImVec4 WarningColor() { return DarkTheme() ? ImVec4(1.00f, 0.74f, 0.30f, 1.0f) : ImVec4(0.62f, 0.38f, 0.00f, 1.0f); }
ImVec4 OkColor() { return DarkTheme() ? ImVec4(0.45f, 0.85f, 0.50f, 1.0f) : ImVec4(0.08f, 0.45f, 0.15f, 1.0f); }

ImVec4 StatusColor(OfferStatus status) {
    switch (status) {
        case OfferStatus::Eligible: return OkColor();
        case OfferStatus::NeedsApproval: return WarningColor();
        case OfferStatus::Ineligible: break;
    }
    return DarkTheme() ? ImVec4(0.78f, 0.55f, 0.55f, 1.0f) : ImVec4(0.55f, 0.30f, 0.30f, 1.0f);
}

const char* StatusWords(OfferStatus status) {
    switch (status) {
        case OfferStatus::Eligible: return "eligible";
        case OfferStatus::NeedsApproval: return "needs approval";
        case OfferStatus::Ineligible: break;
    }
    return "not sellable";
}

void StatusBadge(OfferStatus status) {
    const char* words = StatusWords(status);
    const ImVec2 padding(ImGui::GetStyle().FramePadding.x, ImGui::GetStyle().FramePadding.y * 0.5f);
    const ImVec2 widest = ImGui::CalcTextSize("needs approval");
    const ImVec2 size(widest.x + padding.x * 2.0f, widest.y + padding.y * 2.0f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImVec4 fill = StatusColor(status);
    fill.w = DarkTheme() ? 0.30f : 0.16f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), ImGui::GetColorU32(fill), size.y * 0.5f);
    const ImVec2 text = ImGui::CalcTextSize(words);
    draw->AddText(ImVec2(at.x + (size.x - text.x) * 0.5f, at.y + padding.y), ImGui::GetColorU32(StatusColor(status)),
                  words);
    ImGui::Dummy(size);
}

}  // namespace apos::ui
