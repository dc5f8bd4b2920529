// The IM_ASSERT handler of native builds (imgui_assert_hook.hpp): by default a report on stderr
// once per place; the headless UI test installs one that fails the test.
#include "app/imgui_assert_hook.hpp"

#include <cstdio>
#include <set>
#include <string>

namespace apos::ui {

namespace {

void ReportOnce(const char* expression, const char* file, int line) {
    static std::set<std::string> reported;
    if (reported.insert(std::string(file) + ":" + std::to_string(line)).second)
        std::fprintf(stderr, "ImGui assertion failed: %s (%s:%d)\n", expression, file, line);
}

ImGuiAssertHandler current = ReportOnce;

}  // namespace

ImGuiAssertHandler SetImGuiAssertHandler(ImGuiAssertHandler handler) {
    const ImGuiAssertHandler previous = current;
    current = handler ? handler : ReportOnce;
    return previous;
}

void ImGuiAssertFailed(const char* expression, const char* file, int line) { current(expression, file, line); }

}  // namespace apos::ui
