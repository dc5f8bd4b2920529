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
    ImGuiID id = 0;                           // the text field's item ID
    bool field_hovered = false;               // the pointer is over the text field
    bool list_open = false;                   // the list of matches is on screen
};

// How many choices `text` matches (a prefix of a key, or words anywhere in the name): while it
// matches some, the text is a search still being typed, not a wrong value.
int CountTypeAheadMatches(const std::string& text, const std::vector<TypeAheadChoice>& choices);

TypeAheadResult TypeAheadField(const char* label, std::string& value, const std::vector<TypeAheadChoice>& choices,
                               const char* hint, ImGuiInputTextFlags flags = 0, int max_shown = 8);

}  // namespace apos::ui
