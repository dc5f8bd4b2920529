// A folding section's header that remembers the partner's choice: a tree node (a click, Enter or
// Space opens and closes it; Tab reaches it) whose state is kept under a key in FoldChoices, which
// the app keeps with its preferences. Until the partner opens or folds it, it follows `automatic`
// (the panel's say, e.g. "there is room").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"  // ImHashStr

namespace apos::ui {

// The storage key of a name (the same in any window and ID scope).
inline ImGuiID MemoryKey(const char* name) { return ImHashStr(name); }

// Sections the partner opened (true) or folded (false), by key; a key not here is the panel's say.
using FoldChoices = std::map<std::string, bool, std::less<>>;

inline std::optional<bool> FoldChoice(const FoldChoices& choices, std::string_view key) {
    const auto it = choices.find(key);
    return it == choices.end() ? std::nullopt : std::optional<bool>(it->second);
}

// Draws the header `label`; returns whether the section is open. `key` names the choice in `choices`.
inline bool FoldingHeader(FoldChoices& choices, const char* label, const char* key, bool automatic) {
    const bool open = FoldChoice(choices, key).value_or(automatic);
    ImGui::SetNextItemOpen(open, ImGuiCond_Always);
    const bool now = ImGui::TreeNodeEx(label, ImGuiTreeNodeFlags_NoTreePushOnOpen);
    if (now != open) choices.insert_or_assign(key, now);
    return now;
}

}  // namespace apos::ui
