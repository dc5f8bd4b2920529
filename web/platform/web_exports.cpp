// The C functions web/js/post.js calls (listed in -sEXPORTED_FUNCTIONS). Each instance has its
// own WASM memory, so TheApp() is per configurator. Returned strings stay valid until the next call.
#include <string>

#include <emscripten.h>

#include "app/app.hpp"

namespace {

const char* Keep(std::string text) {
    static std::string kept;
    kept = std::move(text);
    return kept.c_str();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void apos_catalog_begin() { apos::ui::TheApp().BeginCatalog(); }

EMSCRIPTEN_KEEPALIVE void apos_catalog_add(const char* file, const char* text) {
    apos::ui::TheApp().AddCatalogFile(file, text);
}

EMSCRIPTEN_KEEPALIVE void apos_catalog_commit() { apos::ui::TheApp().CommitCatalog(); }

EMSCRIPTEN_KEEPALIVE const char* apos_catalog_errors() { return Keep(apos::ui::TheApp().CatalogErrorsJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_configure(const char* request_json) {
    return Keep(apos::ui::TheApp().ConfigureJson(request_json));
}

EMSCRIPTEN_KEEPALIVE const char* apos_eligibility() { return Keep(apos::ui::TheApp().EligibilityJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_quote() { return Keep(apos::ui::TheApp().QuoteJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_get_state() { return Keep(apos::ui::TheApp().StateHash()); }

EMSCRIPTEN_KEEPALIVE const char* apos_set_state(const char* hash) {
    return Keep(apos::ui::TheApp().SetStateHash(hash));
}

EMSCRIPTEN_KEEPALIVE const char* apos_widgets() { return Keep(apos::ui::TheApp().WidgetsJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_layout_problems() { return Keep(apos::ui::TheApp().LayoutProblemsJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_fleet_summary() { return Keep(apos::ui::TheApp().FleetSummaryJson()); }

EMSCRIPTEN_KEEPALIVE const char* apos_fleet_units() { return Keep(apos::ui::TheApp().FleetUnitsJson()); }

// The canvas got the focus from the page by Tab (forward = 1) or Shift+Tab (0), or lost it.
EMSCRIPTEN_KEEPALIVE void apos_keyboard_enter(int forward) {
    apos::ui::TheApp().focus_ring.EnterFromPage(forward != 0);
}

EMSCRIPTEN_KEEPALIVE void apos_keyboard_leave() { apos::ui::TheApp().focus_ring.LeaveToPage(); }

EMSCRIPTEN_KEEPALIVE int apos_frame_count() { return apos::ui::TheApp().FrameCount(); }

}  // extern "C"
