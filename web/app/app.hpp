// The configurator's state and what the core derives from it, plus the frame that draws the
// panels and the JSON API the page calls. Platform-free: the host hands in its services
// (HostServices) and the date, so the same App runs in the browser, the desktop window and tests.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/evaluation.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"
#include "apos/recommendations.hpp"
#include "app/app_state.hpp"
#include "app/fleet_job.hpp"
#include "app/fleet_marks.hpp"
#include "app/focus_ring.hpp"
#include "app/proposals_view.hpp"
#include "app/widget_table.hpp"
#include "widgets/folding_section.hpp"
#include "widgets/timeline_bars.hpp"

namespace apos::ui {

// Time for fleet work while a fleet is read or evaluated (App::AdvanceFleet): a little in each
// drawn frame; most in animation frames that only work, of which the host draws one every
// kFleetDrawEveryMs to show progress. 35 ms of work keeps every frame under the 50 ms a frame may
// take while a fleet loads.
inline constexpr double kFleetMsPerDrawnFrame = 8.0;
inline constexpr double kFleetMsBetweenFrames = 35.0;
inline constexpr double kFleetDrawEveryMs = 200.0;

// What the app asks of its host. Empty functions are fine (headless tests).
struct HostServices {
    std::function<std::string(std::string_view name, std::string_view mime, std::string_view bytes)> save_file;
    std::function<void(std::string_view hash)> write_hash;
    std::function<void(std::string_view quote_json)> quote_changed;
    // Shows a file picker; the file comes back through App::LoadFleetFile. False: no picker.
    std::function<bool(std::string_view accept)> open_file;
    // The page's address without its hash ("Copy link" appends the state hash). Empty: none.
    std::function<std::string()> page_url;
    // Opens `html` in the browser's print view. Empty: no print view (desktop, tests).
    std::function<void(std::string_view html)> print_html;
    // Keeps the reading preferences (theme, text size) for the next visit: PreferencesJson().
    std::function<void(std::string_view json)> save_preferences;
    // Keeps the follow-up marks (marks_to_json) while the partner has keeping on; "" deletes them.
    std::function<void(std::string_view json)> save_marks;
    // The file given to LoadFleetFile last is the fleet (not a marks file): the host keeps it
    // while keeping is on. Empty: the host cannot keep files (then keep_fleet is empty too).
    std::function<void()> fleet_taken;
    // Keeping on (the fleet taken last is kept, and each after it) or off (the kept one is deleted).
    std::function<void(bool keep)> keep_fleet;
};

class App {
public:
    HostServices host;

    // ---- Catalog (the page pushes its files one by one, then commits) -------------------------
    void BeginCatalog();
    void AddCatalogFile(std::string file, std::string text);
    void CommitCatalog();
    const Catalog* GetCatalog() const { return catalog_ ? &*catalog_ : nullptr; }
    const std::vector<CatalogError>& CatalogErrors() const { return catalog_errors_; }

    // ---- Input ----------------------------------------------------------------------------------
    // The host's local date; the default as-of and the first ship date.
    void SetToday(Date today);
    Date Today() const { return today_; }
    Date AsOf() const { return state_.as_of.value_or(today_); }
    const AppState& State() const { return state_; }
    // Panels edit through this; the derived values are recomputed before the next read.
    AppState& EditState() {
        dirty_ = true;
        return state_;
    }

    // Preferences kept by the host between visits: {"dark": bool, "text_size": px}, the partner's
    // own name and contact for proposals, the urgency limits per segment, remembered mappings.
    // Never anything about a customer, a unit or the quote.
    std::string PreferencesJson() const;
    void ApplyPreferences(std::string_view json);

    // ---- Derived by the core (recomputed lazily after any change) -----------------------------
    const std::optional<DeviceFacts>& Facts();
    const std::optional<DeviceError>& FactsError();
    // Every offering and term for the device, each evaluated with the other selected services
    // as companions (the way the quote evaluates them), so that "3-year ADP needs a 3-year
    // extension" turns green once the extension is selected. Status, window and price only: a
    // panel asks Explained() for the words of the offers it draws.
    const std::vector<Offer>& Offers();
    // One offer of Offers() with its words (reasons, part number, fix), as the configuration's
    // evaluation with words gives it; built on first use and kept until the state changes. Never
    // recomputes, so it answers for the evaluation the panel is drawing from.
    const Offer& Explained(const Offer& offer);
    // Good / better / best for the customer's segment (empty without a resolved device).
    const std::vector<RecommendedBundle>& Recommendations();
    const Quote& CurrentQuote();
    // The whole evaluation (the configured device first, then units added from the fleet view).
    const Evaluation& CurrentEvaluation();
    // The configured device's part of it, or null while no device resolves.
    const DeviceEvaluation* ConfiguredDevice();
    // Recomputes if needed and tells the host when the quote or the hash changed.
    void Refresh();
    // Works on the fleet for about `budget_ms` without drawing. While a fleet is read or
    // evaluated (FleetJob::Busy), the host calls this on most animation frames and draws only
    // every so often, or at once when input waits: a drawn frame costs tens of milliseconds on
    // software WebGL, which would otherwise take most of the time.
    void AdvanceFleet(double budget_ms);
    // Large fleets are evaluated by these workers (the page's Web Workers) with the catalog's
    // files; null (the default): in frames, on this thread.
    void UseFleetWorkers(FleetWorkers* workers);

    // ---- JSON API (the page's configure(), eligibility(), quote(), ...) ------------------------
    std::string ConfigureJson(std::string_view request_json);  // {"ok", "errors"}
    std::string EligibilityJson();                             // as `apos eligibility`
    std::string QuoteJson();                                   // as `apos quote`
    std::string StateHash() const { return EncodeStateHash(state_); }
    std::string SetStateHash(std::string_view hash);  // {"ok", "errors"}
    std::string CatalogErrorsJson() const;
    std::string WidgetsJson() const;         // rects in CSS pixels
    std::string LayoutProblemsJson() const;  // the last frame's cut labels and narrow columns
    int FrameCount() const { return frame_count_; }

    // ---- Frames ---------------------------------------------------------------------------------
    // Attaches the widget table to ImGui's current context and sets ImGui options.
    void AttachToImGui();
    // Fonts and style for `scale` pixels per logical pixel; true when the atlas was rebuilt
    // (the host must re-upload the font texture).
    bool ApplyContentScale(float scale, std::string_view font_ttf);
    float ContentScale() const { return scale_; }
    // ImGui::NewFrame() ... panels ... ImGui::Render().
    void Frame();

    // A line for the status bar ("Quote copied", "saved to ./apos-quote.json").
    std::string status_message;
    // What was wrong with the last link / state string that could not be applied (shown above
    // the panels until dismissed or a good one arrives).
    std::vector<std::string> link_errors;

    // ---- Fleet (an installed base from CSV; fleet_panel.cpp) -----------------------------------
    // Replaces the fleet; it is parsed and evaluated a slice per frame (see FleetJob). A workbook
    // is read at `sheet`, else at the sheet chosen before for a workbook of the same sheets, else
    // at its first.
    void LoadFleetFile(std::string name, std::string bytes, std::string sheet = {});
    // Reads another sheet of the fleet's workbook, and remembers the choice for its sheet names.
    void ChooseFleetSheet(std::string sheet);
    FleetJob& Fleet() { return fleet_; }
    std::string FleetSummaryJson() const;  // the JS API's fleetSummary()
    std::string FleetUnitsJson() const;    // the JS API's fleetUnits()
    FleetTableState fleet_table;           // the fleet panel's filter, sort order and selection
    FleetMappingState fleet_mapping;       // the mapping step's choices (fleet_mapping_panel.cpp)
    // Mappings a person chose, by fleet_header_key of the file's header row, kept with the
    // reading preferences (a choice about a header shape, never the file's data).
    struct RememberedFleetMap {
        std::string key;
        std::string map;  // --map text (fleet_map_text)
        DateOrder order = DateOrder::Unknown;
    };
    const RememberedFleetMap* FindFleetMap(std::string_view key) const;
    void RememberFleetMap(RememberedFleetMap mapping);
    void ForgetFleetMap(std::string_view key);
    // The sheet chosen for workbooks with these sheet names (key: fleet_header_key of them), or null.
    const std::string* FindFleetSheet(std::string_view key) const;
    bool open_fleet_view = false;  // set when a file arrives: the next frame shows the Fleet tab
    // Renewal proposals from the fleet, the table's customer and model filters, and each unit's
    // segment (proposals_panel.cpp).
    ProposalsView proposals_view;
    FleetChoices fleet_choices;
    FleetSegments fleet_segments;
    FleetMarksState fleet_marks;  // follow-up marks by serial (fleet_marks.hpp); a marks file
                                  // handed to LoadFleetFile is imported into them
    FoldChoices fold_choices;     // sections opened or folded (folding_section.hpp), kept with the preferences
    // The last fleet file stays in this browser for the next visit (preferences "keep_fleet";
    // only where host.keep_fleet is set). SetKeepFleetFile turns it on or off and tells the host.
    bool keep_fleet_file = false;
    void SetKeepFleetFile(bool keep);

    // ---- Keyboard (focus_ring.hpp) --------------------------------------------------------------
    FocusRing focus_ring;  // Tab order over every widget; panels name its entry (the MTM field)
    // What the host does with Tab and Esc next (hand the focus back to the page or not).
    KeyboardExits KeyboardState() const { return focus_ring.Exits(widgets_.LastFrame()); }

    // ---- Timeline (timeline_panel.cpp) ---------------------------------------------------------
    TimelineZoom timeline_zoom;  // the visible span of days; survives tab switches

private:
    void Recompute();

    std::vector<CatalogSource> pending_sources_;
    std::vector<CatalogSource> catalog_sources_;  // the files catalog_ was loaded from
    std::optional<Catalog> catalog_;
    std::vector<CatalogError> catalog_errors_;

    AppState state_;
    Date today_;
    bool dirty_ = true;

    Evaluation evaluation_;
    std::map<std::pair<const Offering*, int>, Offer> explained_;  // Explained(), by offering and term
    std::optional<DeviceFacts> facts_;
    std::optional<DeviceError> facts_error_;
    bool quote_recomputed_ = false;  // Refresh() compares the quote's JSON only after a change
    std::string quote_json_;
    std::string last_hash_;
    bool hash_written_ = false;
    std::string last_preferences_;
    std::vector<RememberedFleetMap> fleet_maps_;                     // oldest first
    std::vector<std::pair<std::string, std::string>> fleet_sheets_;  // sheet names' key, sheet; oldest first

    FleetJob fleet_;

    WidgetTable widgets_;
    float scale_ = 0.0f;
    float applied_text_size_ = 0.0f;  // the settings the font atlas and style were built for
    bool applied_dark_ = false;
    int frame_count_ = 0;
};

// This module instance's app (each createConfigurator() call has its own WASM memory).
App& TheApp();

}  // namespace apos::ui
