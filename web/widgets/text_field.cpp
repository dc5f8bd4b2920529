// TextField: InputText over a std::string, resizing it through ImGui's resize callback.
#include "widgets/text_field.hpp"

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

}  // namespace

bool TextField(const char* label, std::string& value, const char* hint, ImGuiInputTextFlags flags) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    // ImGui writes the terminating zero into the buffer: give it capacity + 1 bytes to work with.
    return ImGui::InputTextWithHint(label, hint ? hint : "", value.data(), value.capacity() + 1, flags, Resize, &value);
}

}  // namespace apos::ui
