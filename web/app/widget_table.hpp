// Every ImGui item drawn in the last frame, with its label, rectangle and check/open state.
// Filled by ImGui 1.86's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE), which we implement
// ourselves in widget_table.cpp. Browser tests click by label; the page's accessible DOM
// mirror is built from the same table.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "imgui.h"

struct ImRect;  // imgui_internal.h

namespace apos::ui {

struct WidgetRecord {
    ImGuiID id = 0;
    std::string name;       // the full ImGui label, "##" suffix included
    std::string window;     // the window it belongs to
    ImVec2 min, max;        // framebuffer pixels
    bool visible = false;   // inside its window's clip rectangle
    bool whole = false;     // entirely inside it (safe to click at its centre)
    bool has_info = false;  // the widget reported a label (skips scrollbars, title bars, ...)
    int status = 0;         // ImGuiItemStatusFlags
    int item_flags = 0;     // ImGuiItemFlags (Inputable marks text and number fields)
};

// A layout fault the layout check reports (the JS API's layoutProblems()): an item cut at the right
// edge of its window or table cell, with no ellipsis. Vertical clipping is scrolling, not a fault;
// windows and tables that scroll sideways are left out too.
struct LayoutProblem {
    std::string kind;    // "clipped" (window edge) or "narrow-column" (a table cell)
    std::string window;  // the window it belongs to
    std::string label;   // the item's name, when it has one (text lines have none)
    ImGuiID id = 0;
    ImVec2 min, max;       // the item, framebuffer pixels
    float clip_right = 0;  // where it was cut
};

class WidgetTable {
public:
    // Makes the hooks of `context` write into this table.
    void Attach(ImGuiContext* context);

    void BeginFrame();  // before ImGui::NewFrame()
    void EndFrame();    // after ImGui::Render(): the frame's table becomes LastFrame()
    const std::vector<WidgetRecord>& LastFrame() const { return last_; }
    const std::vector<LayoutProblem>& LastProblems() const { return last_problems_; }

    // Called by the hooks.
    void ItemAdd(ImGuiContext& context, const ImRect& bb, ImGuiID id);
    void ItemInfo(ImGuiContext& context, ImGuiID id, const char* label, int status);
    void Rename(ImGuiID id, const char* label);

private:
    void CheckLayout(ImGuiContext& context, const ImRect& bb, ImGuiID id);
    // Lines of text carry no ID and never reach the item hook: after the frame, every window's
    // and every table column's content width is compared with what it shows.
    void CheckContentWidths(ImGuiContext& context);
    ImGuiContext* context_ = nullptr;

    std::vector<WidgetRecord> building_;
    std::unordered_map<ImGuiID, std::size_t> index_;
    std::vector<WidgetRecord> last_;
    std::vector<LayoutProblem> problems_;
    std::vector<LayoutProblem> last_problems_;
};

// Names item `id` for widgets ImGui 1.86 does not report itself (combos): `openable` items
// show as expandable, `opened` while their popup is open.
void ReportItem(ImGuiID id, const char* label, bool openable, bool opened);

// Gives item `id` of this frame the name `label` (a checkbox drawn without its label, the name
// beside it), keeping what the widget reported about its state.
void NameItem(ImGuiID id, const char* label);

// Status bit of a message line (an error under a field, a bad link): widgets() lists it with
// role "message", so tests and the DOM mirror can read what the canvas says.
inline constexpr int kMessageStatus = 1 << 28;
// Records the last drawn item (a line of text) as such a message.
void ReportMessage(const char* text);

}  // namespace apos::ui
