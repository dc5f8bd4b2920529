// The configurator's panels, one file each. Panels show the core's results and edit AppState;
// they never compute eligibility or prices themselves.
//
//  [X] Device    (device_panel.cpp): the device input and its resolved base-warranty facts
//  [X] Services  (services_panel.cpp): every offer with status, window and price; select to quote
//  [X] Quote     (quote_panel.cpp): lines, rejected services, totals; copy / download as JSON
//  [X] Timeline  (timeline_panel.cpp): coverage bars and purchase deadlines (rule IDs), zoomable
//  [X] Fleet     (fleet_panel.cpp): a fleet CSV evaluated over frames; renewal radar, units table
//      Mapping step (fleet_mapping_panel.cpp): which column is which, when the core must ask
//      Follow-up marks (fleet_marks_panel.cpp): proposal sent / renewed / won't renew per unit
//  [X] Recommendations (recommendations_panel.cpp): good / better / best for the segment, add to quote
//  [X] Proposals (proposals_panel.cpp): renewal proposals per customer from the fleet; print, CSV, drafts;
//      also each unit's segment and urgency, the fleet table's customer and model filters
//  [X] Settings  (settings_panel.cpp): as-of date, theme, text size, keyboard navigation
//  [X] Service detail (services_detail_panel.cpp): description, when to sell, talking points, terms
#pragma once

#include <array>
#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/offers.hpp"
#include "app/proposals_view.hpp"

struct ImGuiStorage;

namespace apos::ui {

class App;

void DrawDevicePanel(App& app);
void DrawServicesPanel(App& app);
void DrawQuotePanel(App& app);
void DrawRecommendationsPanel(App& app);
void DrawSettingsBar(App& app);
// The selected offering and its evaluated terms (drawn inside the services panel).
void DrawServiceDetail(App& app, const Offering& offering, const std::vector<const Offer*>& terms);
void DrawTimelinePanel(App& app);
void DrawFleetPanel(App& app);
// The fleet file's mapping step (drawn inside the fleet panel while the file waits for it).
void DrawFleetMappingStep(App& app);
// A workbook of several sheets: which sheet to read (beside the fleet's file name).
void DrawFleetSheetChoice(App& app);

// Renewal proposals from the loaded fleet (proposals_panel.cpp).
void DrawProposalsPanel(App& app);
// The partner's name and contact for proposals and the urgency limits per segment (a settings window).
void DrawPartnerAndUrgencySettings(App& app);
// The loaded fleet's segments, customers and models (rebuilt when the fleet changes).
const FleetSegments& CurrentFleetSegments(App& app);
// A unit's urgency under its segment's limits; drawn as the fleet table's window cell.
WindowBucket UnitUrgency(App& app, std::size_t unit_index, const UnitOpportunity& unit);
void DrawUnitUrgency(App& app, std::size_t unit_index, const UnitOpportunity& unit);
// The radar's month stacks by each unit's segment limits (the fleet's own while none are set).
const std::vector<BucketCounts>& RadarStacks(App& app, const FleetResult& result);
// The radar's colour key under the limits in force: each bucket's words (the limits of units
// without a segment of their own, and the segments that differ, e.g. "Closing in 0-30 days
// (Key accounts: 0-60)", or "(2 segments differ)" with the list in `by_segment` for a tooltip),
// and the open work's units and value per bucket as the radar colours them.
struct RadarKey {
    std::array<std::string, kWindowBucketCount> labels;
    std::array<std::string, kWindowBucketCount> by_segment;  // one line per differing segment, or ""
    std::array<BucketTotals, kWindowBucketCount> totals;
};
RadarKey RadarLegend(App& app, const FleetResult& result);
// The fleet table's customer and model filters; true when one changed.
bool DrawFleetChoices(App& app);
bool PassesFleetChoices(const App& app, const UnitOpportunity& unit);
// The follow-up marks bar, folding behind a line with the counts: open as `memory` remembers the
// partner's choice, else as `automatic` says; `body` gets the height of its open part. True
// while open. Drawn inside the fleet panel above the units table.
bool DrawFleetMarks(App& app, const FleetResult& result, bool automatic, float& body);
// Which units the table shows by their marks (open work, marked, all; a kind); true when changed.
bool DrawMarkFilter(App& app);
// A unit's mark in the units table.
void DrawMarkCell(const App& app, const UnitOpportunity& unit);

}  // namespace apos::ui
