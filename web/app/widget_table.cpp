// ImGui 1.86's test-engine hook functions, implemented by us: they record each item of the
// frame into the WidgetTable hung on the context (no globals, so two contexts stay apart).
#include "app/widget_table.hpp"

#include <utility>

#include "imgui_internal.h"

namespace apos::ui {

void WidgetTable::Attach(ImGuiContext* context) {
    context->TestEngine = this;
    // 1.86 never sets this flag itself: the hooks run only when a test engine asks for them.
    context->TestEngineHookItems = true;
}

void WidgetTable::BeginFrame() {
    building_.clear();
    index_.clear();
}

void WidgetTable::EndFrame() {
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
    record->min = bb.Min;
    record->max = bb.Max;
    record->visible = visible;
    record->whole = visible && window->ClipRect.Contains(bb);
    if (window) record->window = window->Name;
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
