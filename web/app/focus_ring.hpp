// Keyboard focus across every widget of the canvas. ImGui 1.86 tabs only between text fields, so
// Tab / Shift+Tab, Enter (and Space without ImGui's own keyboard navigation) are handled here,
// over the widget table of the last frame; the focused widget shows ImGui's navigation frame.
// The host learns where the ring ends so that Tab and Esc can hand focus back to the page.
#pragma once

#include <vector>

#include "app/widget_table.hpp"
#include "imgui.h"

namespace apos::ui {

// What the host should do with the next key while the canvas has focus.
struct KeyboardExits {
    bool text_input = false;      // a text field is being edited (Ctrl+A/C/X/Z belong to it)
    bool tab_leaves = true;       // Tab moves on to the page (the last widget has focus)
    bool back_tab_leaves = true;  // Shift+Tab moves back to the page (the first widget has focus)
    bool escape_leaves = true;    // nothing is open or being edited: Esc gives the focus back
};

class FocusRing {
public:
    // The widget a Tab from the page lands on (the first field of the main flow); drawn each frame.
    void SetEntry(ImGuiID id) { entry_ = id; }
    // The canvas got the focus from the page: forward (Tab) or back (Shift+Tab).
    void EnterFromPage(bool forward) { pending_enter_ = forward ? 1 : -1; }
    // The canvas lost the focus: no widget keeps the focus frame.
    void LeaveToPage() { pending_leave_ = true; }

    // Before ImGui::NewFrame(): takes the keys this ring owns out of ImGui's input.
    void BeforeNewFrame(const std::vector<WidgetRecord>& last_frame);
    // After ImGui::NewFrame(): moves the focus or activates the focused widget.
    void AfterNewFrame(const std::vector<WidgetRecord>& last_frame);
    // After the frame, from its widget table.
    KeyboardExits Exits(const std::vector<WidgetRecord>& frame) const;

private:
    ImGuiID entry_ = 0;
    int pending_enter_ = 0;  // +1 / -1: focus the entry / the last widget
    int pending_move_ = 0;   // +1 / -1: Tab / Shift+Tab
    bool pending_activate_ = false;
    bool pending_leave_ = false;
    bool tab_was_down_ = false;
    bool enter_was_down_ = false;
    bool space_was_down_ = false;
};

}  // namespace apos::ui
