// ImGui's IM_ASSERT routed to a handler instead of assert() (which NDEBUG removes): included
// through IMGUI_USER_CONFIG in native builds of the panels, so the headless UI test
// (tests/ui/headless_ui_test.cpp) fails on any widget misuse, in release builds too.
#pragma once

namespace apos::ui {

using ImGuiAssertHandler = void (*)(const char* expression, const char* file, int line);
// Installs `handler` (null: the default, which prints each failing place once to stderr and
// goes on, as a release build without the hook would) and returns the previous one.
ImGuiAssertHandler SetImGuiAssertHandler(ImGuiAssertHandler handler);
void ImGuiAssertFailed(const char* expression, const char* file, int line);

}  // namespace apos::ui

#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::apos::ui::ImGuiAssertFailed(#_EXPR, __FILE__, __LINE__))
