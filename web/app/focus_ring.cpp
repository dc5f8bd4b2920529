// FocusRing: a Tab order over the last frame's widget table (the order the panels draw in). It
// drives ImGui's own navigation state (NavId, its highlight frame, programmatic activation), so
// arrow keys, Space and Esc keep working the ImGui way from wherever Tab left the focus.
#include "app/focus_ring.hpp"

#include <string>

#include "imgui_internal.h"

namespace apos::ui {

namespace {

bool Contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

// A child window's own item (its parent records it when it ends), not a widget.
bool IsChildWindow(ImGuiID id) {
    for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
        if (window->ChildId == id && (window->Flags & ImGuiWindowFlags_ChildWindow) != 0) return true;
    return false;
}

// A widget Tab may visit, in view or not. Most widgets scrolled out of their window report no
// label (ImGui stops before it), but their place in the drawing order is known: Tab goes to them
// and Focus scrolls them in. In view, an item without a label is not a widget (a child window).
bool Focusable(const WidgetRecord& record) {
    if (record.id == 0 || (record.item_flags & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav)) != 0) return false;
    if (record.has_info) return !record.name.empty() && (record.status & kMessageStatus) == 0;
    return !record.visible && !IsChildWindow(record.id);
}

// The widgets Tab visits, in drawing order, those scrolled out of view included. With a popup
// open (a calendar, a combo's list) only that popup's widgets: Tab stays inside it until Esc.
std::vector<const WidgetRecord*> Ring(const std::vector<WidgetRecord>& frame) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    std::string popup;
    if (!g.OpenPopupStack.empty() && g.OpenPopupStack.back().Window) popup = g.OpenPopupStack.back().Window->Name;
    std::vector<const WidgetRecord*> ring;
    for (const WidgetRecord& record : frame) {
        if (!Focusable(record)) continue;
        if (!popup.empty()) {
            if (record.window != popup) continue;
        } else if (Contains(record.window, "##Tooltip") || Contains(record.window, "##type-ahead") ||
                   Contains(record.window, "##Popup") || Contains(record.window, "##Combo")) {
            continue;
        }
        ring.push_back(&record);
    }
    return ring;
}

// The widget that has the focus: the one being edited, else ImGui's navigation focus (also set
// by a click, so Tab goes on from a clicked button as it would on a web page). -1: none.
int Current(const std::vector<const WidgetRecord*>& ring) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (const ImGuiID id : {g.ActiveId, g.NavId}) {
        if (id == 0) continue;
        for (std::size_t i = 0; i < ring.size(); ++i)
            if (ring[i]->id == id) return static_cast<int>(i);
    }
    return -1;
}

bool IsTextField(const WidgetRecord& record) { return (record.item_flags & ImGuiItemFlags_Inputable) != 0; }

void Activate(const WidgetRecord& record) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (IsTextField(record)) {
        // Typing goes straight into a text field that Tab reached, as on a web page.
        g.NavActivateInputId = record.id;
        g.NavActivateFlags = ImGuiActivateFlags_PreferInput;
    } else {
        g.NavActivateId = g.NavActivateDownId = g.NavActivatePressedId = record.id;
        g.NavActivateFlags = ImGuiActivateFlags_None;
    }
}

void Focus(const WidgetRecord& record) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::FindWindowByName(record.window.c_str());
    if (!window) return;
    if (g.ActiveId != 0 && g.ActiveId != record.id) ImGui::ClearActiveID();
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(record.id, window);
    const ImRect rect(record.min, record.max);
    window->NavRectRel[g.NavLayer] = ImGui::WindowRectAbsToRel(window, rect);
    // The navigation frame is the visible focus; the mouse no longer decides what is hovered.
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    g.NavInputSource = ImGuiInputSource_Keyboard;
    // Scrolled out (or partly out) of its window: scroll it in, and its parents' too. ImGui measures
    // against the window's inner rectangle, a pixel or two beyond where it clips: a margin of one
    // item spacing makes an item cut by those pixels count as out of view too.
    // (The window's ClipRect is not asked: between frames it holds whatever a table left there.)
    if (!window->InnerClipRect.Contains(rect)) {
        const float margin = g.Style.ItemSpacing.y + g.Style.WindowBorderSize + 1.0f;
        const ImRect padded(rect.Min.x, rect.Min.y - margin, rect.Max.x, rect.Max.y + margin);
        ImGui::ScrollToRect(window, padded, ImGuiScrollFlags_KeepVisibleEdgeY);
    }
    if (IsTextField(record)) Activate(record);
}

// A key that went down since the last frame; `held` remembers the last frame's state. When
// `take` is set, ImGui does not see the key at all.
bool Pressed(int key, bool& held, bool take) {
    ImGuiIO& io = ImGui::GetIO();
    if (key < 0 || key >= IM_ARRAYSIZE(io.KeysDown)) return false;
    const bool down = io.KeysDown[key];
    const bool pressed = down && !held;
    held = down;
    if (down && take) io.KeysDown[key] = false;
    return pressed;
}

}  // namespace

void FocusRing::BeforeNewFrame(const std::vector<WidgetRecord>&) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiIO& io = ImGui::GetIO();
    // ImGui 1.86 would tab between text fields only: the ring owns Tab.
    if (Pressed(io.KeyMap[ImGuiKey_Tab], tab_was_down_, true) && !io.KeyCtrl && !io.KeyAlt)
        pending_move_ = io.KeyShift ? -1 : 1;
    // Enter on a focused button, checkbox or tab acts (ImGui 1.86 gives Enter to text fields only);
    // Space too when ImGui's keyboard navigation, which maps Space itself, is off.
    const bool focused = g.NavId != 0 && !g.NavDisableHighlight && g.ActiveId == 0;
    if (Pressed(io.KeyMap[ImGuiKey_Enter], enter_was_down_, false) && focused) pending_activate_ = true;
    const bool nav_keys = (io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0;
    if (Pressed(io.KeyMap[ImGuiKey_Space], space_was_down_, false) && focused && !nav_keys) pending_activate_ = true;
}

void FocusRing::AfterNewFrame(const std::vector<WidgetRecord>& last_frame) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const int enter = pending_enter_, move = pending_move_;
    const bool activate = pending_activate_, leave = pending_leave_;
    pending_enter_ = pending_move_ = 0;
    pending_activate_ = pending_leave_ = false;
    if (leave) {
        g.NavDisableHighlight = true;
        if (g.ActiveId != 0) ImGui::ClearActiveID();
        return;
    }
    const std::vector<const WidgetRecord*> ring = Ring(last_frame);
    if (ring.empty()) return;
    const int last = static_cast<int>(ring.size()) - 1;
    if (enter != 0) {
        const WidgetRecord* target = enter > 0 ? ring.front() : ring.back();
        if (enter > 0)
            for (const WidgetRecord* record : ring)
                if (record->id == entry_) target = record;
        Focus(*target);
        return;
    }
    if (move != 0) {
        const int at = Current(ring);
        int next = at < 0 ? (move > 0 ? 0 : last) : at + move;
        if (next < 0) next = 0;
        if (next > last) next = last;
        Focus(*ring[static_cast<std::size_t>(next)]);
        return;
    }
    if (activate)
        for (const WidgetRecord* record : ring)
            if (record->id == g.NavId) Activate(*record);
}

KeyboardExits FocusRing::Exits(const std::vector<WidgetRecord>& frame) const {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    KeyboardExits exits;
    exits.text_input = ImGui::GetIO().WantTextInput;
    const bool popup_open = !g.OpenPopupStack.empty();
    const std::vector<const WidgetRecord*> ring = Ring(frame);
    const int at = Current(ring);
    const int last = static_cast<int>(ring.size()) - 1;
    exits.tab_leaves = ring.empty() || (!popup_open && at == last);
    exits.back_tab_leaves = ring.empty() || (!popup_open && at == 0);
    exits.escape_leaves = !popup_open && g.ActiveId == 0;
    return exits;
}

}  // namespace apos::ui
