// A text field bound to a std::string (ImGui 1.86 takes char buffers; this grows the string).
#pragma once

#include <string>

#include "imgui.h"

namespace apos::ui {

// Returns true when `value` changed. `hint` is shown greyed while the field is empty.
bool TextField(const char* label, std::string& value, const char* hint = nullptr, ImGuiInputTextFlags flags = 0);

}  // namespace apos::ui
