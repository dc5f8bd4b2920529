// A text field with a type-ahead list: while the field is edited, the choices that match the
// text drop down below it (arrow keys + Enter, or a click, pick one). The caller decides what
// a pick means; the typed text is never replaced unless something is picked.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace apos::ui {

struct TypeAheadChoice {
    std::string key;    // matched as a prefix either way ("21J" finds 21JK, "21JKCTO1WW" finds 21JK)
    std::string label;  // the line shown in the list
    std::string words;  // matched anywhere, ignoring case (name, series)
};

struct TypeAheadResult {
    bool edited = false;                      // the text changed (typing)
    const TypeAheadChoice* picked = nullptr;  // a choice was picked this frame
};

TypeAheadResult TypeAheadField(const char* label, std::string& value, const std::vector<TypeAheadChoice>& choices,
                               const char* hint, ImGuiInputTextFlags flags = 0, int max_shown = 8);

}  // namespace apos::ui
