// A folding section's header that remembers the partner's choice: a tree node (a click, Enter or
// Space opens and closes it; Tab reaches it) whose state is kept in an ImGui storage under a key.
// Until the partner opens or folds it, it follows `automatic` (the panel's say, e.g. "there is room").
#pragma once

#include "imgui.h"
#include "imgui_internal.h"  // ImHashStr

namespace apos::ui {

// The storage key of a name (the same in any window and ID scope).
inline ImGuiID MemoryKey(const char* name) { return ImHashStr(name); }

// Draws the header `label`; returns whether the section is open. `key` names the remembered
// choice in `memory` (-1: none yet).
inline bool FoldingHeader(ImGuiStorage& memory, const char* label, const char* key, bool automatic) {
    const int remembered = memory.GetInt(MemoryKey(key), -1);
    const bool open = remembered < 0 ? automatic : remembered != 0;
    ImGui::SetNextItemOpen(open, ImGuiCond_Always);
    const bool now = ImGui::TreeNodeEx(label, ImGuiTreeNodeFlags_NoTreePushOnOpen);
    if (now != open) memory.SetInt(MemoryKey(key), now ? 1 : 0);
    return now;
}

}  // namespace apos::ui
