// TextField: InputText over a std::string, resizing it through ImGui's resize callback; a hint
// too long for the field is cut with "..." and shown whole on hover.
#include "widgets/text_field.hpp"

#include <string>

namespace apos::ui {

namespace {

int Resize(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

// The hint as it fits in `room` pixels: cut with "..." when it is longer (ImGui would cut it bare).
std::string FittedHint(const char* hint, float room) {
    std::string text = hint;
    if (ImGui::CalcTextSize(text.c_str()).x <= room) return text;
    while (!text.empty() && ImGui::CalcTextSize((text + "...").c_str()).x > room) text.pop_back();
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "...";
}

}  // namespace

bool TextField(const char* label, std::string& value, const char* hint, ImGuiInputTextFlags flags) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    const std::string whole = hint ? hint : "";
    const std::string shown =
        whole.empty() ? whole
                      : FittedHint(whole.c_str(), ImGui::CalcItemWidth() - ImGui::GetStyle().FramePadding.x * 2.0f);
    // ImGui writes the terminating zero into the buffer: give it capacity + 1 bytes to work with.
    const bool changed =
        ImGui::InputTextWithHint(label, shown.c_str(), value.data(), value.capacity() + 1, flags, Resize, &value);
    // A cut hint is read whole on hover while the field is empty.
    if (shown != whole && value.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", whole.c_str());
    return changed;
}

}  // namespace apos::ui
