// ImGui 1.86's test-engine hook functions, implemented by us: they record each item of the
// frame into the WidgetTable hung on the context (no globals, so two contexts stay apart).
#include "app/widget_table.hpp"

#include <string>
#include <utility>

#include "imgui_internal.h"

namespace apos::ui {

void WidgetTable::Attach(ImGuiContext* context) {
    context->TestEngine = this;
    context_ = context;
    // 1.86 never sets this flag itself: the hooks run only when a test engine asks for them.
    context->TestEngineHookItems = true;
}

void WidgetTable::BeginFrame() {
    building_.clear();
    index_.clear();
    problems_.clear();
}

void WidgetTable::EndFrame() {
    if (context_) CheckContentWidths(*context_);
    for (LayoutProblem& problem : problems_)
        if (const auto found = index_.find(problem.id); problem.id != 0 && found != index_.end())
            problem.label = building_[found->second].name;
    std::swap(last_problems_, problems_);
    problems_.clear();
    std::swap(last_, building_);
    building_.clear();
    index_.clear();
}

void WidgetTable::ItemAdd(ImGuiContext& context, const ImRect& bb, ImGuiID id) {
    ImGuiWindow* window = context.CurrentWindow;
    const bool visible = window && window->ClipRect.Overlaps(bb) && !window->SkipItems;
    const auto found = index_.find(id);
    WidgetRecord* record = nullptr;
    if (found != index_.end()) {
        record = &building_[found->second];
    } else {
        index_.emplace(id, building_.size());
        record = &building_.emplace_back();
        record->id = id;
    }
    CheckLayout(context, bb, id);
    record->min = bb.Min;
    record->max = bb.Max;
    record->visible = visible;
    record->whole = visible && window->ClipRect.Contains(bb);
    // Set before the hook runs, clipped or not: the focus ring tells a hidden field from a button.
    record->item_flags = context.LastItemData.InFlags;
    if (window) record->window = window->Name;
}

void WidgetTable::CheckLayout(ImGuiContext& context, const ImRect& bb, ImGuiID id) {
    ImGuiWindow* window = context.CurrentWindow;
    if (!window || window->SkipItems || (window->Flags & ImGuiWindowFlags_Tooltip) != 0) return;
    const ImRect& clip = window->ClipRect;
    // Only rows on screen: what is above or below is reached by scrolling.
    if (bb.Max.y <= clip.Min.y || bb.Min.y >= clip.Max.y || bb.GetWidth() <= 0.0f) return;
    ImGuiTable* table = context.CurrentTable;
    const bool scrolls_sideways =
        window->ScrollbarX || (table && (table->Flags & ImGuiTableFlags_ScrollX) != 0 && table->InnerWindow == window);
    if (scrolls_sideways || bb.Max.x <= clip.Max.x + 1.0f) return;
    const bool in_cell = table && table->InnerWindow == window;
    // A header cell's item spans the whole cell, padding included, and draws its label with its
    // own ellipsis: not a cut label.
    if (in_cell && (table->RowFlags & ImGuiTableRowFlags_Headers) != 0) return;
    problems_.push_back({in_cell ? "narrow-column" : "clipped", window->Name, "", id, bb.Min, bb.Max, clip.Max.x});
}

void WidgetTable::CheckContentWidths(ImGuiContext& context) {
    const int frame = context.FrameCount;
    for (ImGuiWindow* window : context.Windows) {
        if (!window->Active || window->Hidden || window->ScrollbarX) continue;
        if ((window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_AlwaysAutoResize |
                              ImGuiWindowFlags_HorizontalScrollbar)) != 0)
            continue;
        const float right = window->InnerClipRect.Max.x;
        if (window->DC.CursorMaxPos.x > right + 1.0f)
            problems_.push_back({"clipped", window->Name, "(text or items wider than the window)", 0,
                                 ImVec2(window->InnerClipRect.Min.x, window->Pos.y),
                                 ImVec2(window->DC.CursorMaxPos.x, window->Pos.y + window->Size.y), right});
    }
    for (int n = 0; n < context.Tables.GetMapSize(); ++n) {
        ImGuiTable* table = context.Tables.TryGetMapData(n);
        if (!table || table->LastFrameActive != frame || (table->Flags & ImGuiTableFlags_ScrollX) != 0) continue;
        if (!table->InnerWindow || !table->InnerWindow->Active || table->InnerWindow->Hidden) continue;
        for (int c = 0; c < table->ColumnsCount; ++c) {
            const ImGuiTableColumn& column = table->Columns[c];
            if (!column.IsVisibleX) continue;
            const float content = ImMax(column.ContentMaxXFrozen, column.ContentMaxXUnfrozen);
            if (content > column.MaxX + 1.0f)
                problems_.push_back({"narrow-column", table->InnerWindow->Name,
                                     "(column " + std::to_string(c + 1) + " narrower than its content)", 0,
                                     ImVec2(column.MinX, table->OuterRect.Min.y),
                                     ImVec2(content, table->OuterRect.Max.y), column.MaxX});
        }
    }
}

void WidgetTable::ItemInfo(ImGuiContext& context, ImGuiID id, const char* label, int status) {
    auto found = index_.find(id);
    if (found == index_.end()) {
        // ImGui 1.86's tab items report their label before ItemAdd: keep it for the rectangle
        // that follows (their status flags are the previous item's then, so none are kept).
        found = index_.emplace(id, building_.size()).first;
        building_.emplace_back().id = id;
        status = 0;
    }
    WidgetRecord& record = building_[found->second];
    record.has_info = true;
    record.status = status;
    if (context.LastItemData.ID == id) record.item_flags = context.LastItemData.InFlags;
    if (label) record.name = label;
}

void ReportItem(ImGuiID id, const char* label, bool openable, bool opened) {
    ImGuiContext& context = *ImGui::GetCurrentContext();
    auto* table = static_cast<WidgetTable*>(context.TestEngine);
    if (!table || !context.TestEngineHookItems) return;
    int status = context.LastItemData.ID == id ? context.LastItemData.StatusFlags : 0;
    if (openable) status |= ImGuiItemStatusFlags_Openable;
    if (opened) status |= ImGuiItemStatusFlags_Opened;
    table->ItemInfo(context, id, label, status);
}

void WidgetTable::Rename(ImGuiID id, const char* label) {
    if (const auto found = index_.find(id); found != index_.end() && label) building_[found->second].name = label;
}

void NameItem(ImGuiID id, const char* label) {
    ImGuiContext& context = *ImGui::GetCurrentContext();
    auto* table = static_cast<WidgetTable*>(context.TestEngine);
    if (table && context.TestEngineHookItems) table->Rename(id, label);
}

void ReportMessage(const char* text) {
    ImGuiContext& context = *ImGui::GetCurrentContext();
    auto* table = static_cast<WidgetTable*>(context.TestEngine);
    if (!table || !context.TestEngineHookItems) return;
    // Text items carry no ID; the message's own words make one.
    const ImGuiID id = ImGui::GetID(text);
    table->ItemAdd(context, context.LastItemData.Rect, id);
    table->ItemInfo(context, id, text, kMessageStatus);
}

}  // namespace apos::ui

// ---- The hooks ImGui calls (declared in imgui_internal.h under IMGUI_ENABLE_TEST_ENGINE) ------

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    if (auto* table = static_cast<apos::ui::WidgetTable*>(ctx->TestEngine)) table->ItemAdd(*ctx, bb, id);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
    if (auto* table = static_cast<apos::ui::WidgetTable*>(ctx->TestEngine)) table->ItemInfo(*ctx, id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
