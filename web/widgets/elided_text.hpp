// A line of text that fits the width it is given: cut with "..." when it is too long, and shown
// whole in a tooltip on hover. Names in narrow columns use it instead of ImGui::Text.
#pragma once

#include "imgui.h"

namespace apos::ui {

// Draws `text` in at most `max_width` pixels (<= 0: to the right edge of the column or window).
// Returns true when it had to be shortened.
bool ElidedText(const char* text, float max_width = 0.0f, const ImVec4* color = nullptr);

}  // namespace apos::ui
