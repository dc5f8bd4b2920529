// Follow-up marks in the page: the marks a partner set on fleet units (apos/marks.hpp), whether
// they are kept in this browser, and the changes to them (set, clear, import, forget, the marks a
// re-imported file carries). Platform-free: the host keeps them (HostServices::save_marks) and
// hands the kept ones back at start (ReceiveKeptMarks); fleet_marks_panel.cpp draws them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/marks.hpp"
#include "app/fleet_job.hpp"

namespace apos::ui {

class App;

// Which units the fleet table shows: the open work (no mark, or a proposal sent), the marked
// ones (any mark), or every unit.
enum class MarkFilter { OpenWork, Marked, All };

struct FleetMarksState {
    FollowUpMarks marks;
    // "Keep follow-up marks in this browser" (off until the partner turns it on; remembered with
    // the reading preferences, the marks themselves go to the host's store).
    bool keep = false;
    unsigned revision = 0;             // changes with every change of `marks`
    unsigned merged_generation = ~0u;  // the fleet (FleetJob generation) whose follow_up cells are merged in

    // The panel's choices.
    MarkFilter filter = MarkFilter::OpenWork;
    int kind = -1;                  // a MarkKind the Marked / All views narrow to, or -1
    std::optional<Date> sent_on;    // the "Proposal sent" date; empty: the as-of date
    std::string reason;             // the "Won't renew" reason
    unsigned table_revision = ~0u;  // the marks revision the table's rows were filtered with
    // What was wrong with the last marks file or follow_up column (shown until the next import).
    std::string problem_title;
    std::vector<std::string> problems;

    // Marked units per kind and open-work units of the fleet, counted when marks or the fleet
    // change (a million units are not looked up every frame).
    unsigned counts_revision = ~0u;
    unsigned counts_generation = ~0u;
    std::int64_t counts[kMarkKindCount] = {};
    std::int64_t open_units = 0;

    // The open work's summary (the radar and totals), recomputed when marks or the fleet change.
    unsigned summary_revision = ~0u;
    unsigned summary_generation = ~0u;
    FleetSummary open_summary;
    std::vector<BucketCounts> open_month_buckets;
};

// The mark of a unit, or null.
const FollowUpMark* MarkOf(const FleetMarksState& state, std::string_view serial);
// Whether the fleet table shows a unit under the current filter.
bool MarkFilterAccepts(const FleetMarksState& state, const UnitOpportunity& unit);
// "Sent 2026-11-26", "Renewed 2026-12-01", "Won't renew 2026-12-01: budget".
std::string MarkText(const FollowUpMark& mark);

// Sets (or with no mark clears) the marks of these serials; kept at once when keeping is on.
void SetMarks(App& app, const std::vector<std::string>& serials, const std::optional<FollowUpMark>& mark);
// Turns keeping on (the marks are stored now) or off (the stored copy is deleted; the marks stay
// for this visit).
void SetKeepMarks(App& app, bool keep);
// Clears every mark, here and in the store.
void ForgetAllMarks(App& app);
// A marks file (export format) merged in by the merge rule; the status line says what happened,
// or what is wrong with the file (then nothing changes).
void ImportMarksFile(App& app, std::string_view name, std::string_view bytes);
std::string ExportMarksFile(const App& app);
// The host's kept marks (marks_to_json's shape, or empty), merged with any set before they came.
void ReceiveKeptMarks(App& app, std::string_view json);
// Once per finished fleet: the marks its follow_up column carries are merged in (by serial).
void MergeFleetMarks(App& app);
// The fleet's open-work summary (the radar's months and stacks), kept up to date.
const FleetSummary& OpenWorkSummary(App& app, const FleetResult& result);

}  // namespace apos::ui
