// Follow-up marks: what a partner has done about a unit's renewal (proposal sent, renewed, won't
// renew), kept per serial so that a newer file of the same customer keeps them; their small JSON
// file, the cell they take in the opportunities export, how two sets of marks merge, and which
// units still count as open work.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/date.hpp"
#include "apos/fleet.hpp"
#include "apos/json_io.hpp"

namespace apos {

enum class MarkKind { ProposalSent, Renewed, WontRenew };
inline constexpr int kMarkKindCount = 3;
std::string_view to_string(MarkKind);  // "sent", "renewed", "wont_renew" (files and cells)
std::optional<MarkKind> parse_mark_kind(std::string_view text);
std::string_view mark_label(MarkKind);  // "Proposal sent", "Renewed", "Won't renew" (the page)

struct FollowUpMark {
    MarkKind kind = MarkKind::ProposalSent;
    // Sent: the day the proposal went out. Renewed / won't renew: the day the answer came (the
    // page offers the as-of date). Merging compares these dates.
    Date date;
    std::string reason;  // won't renew only: why, in the partner's words (may be empty)
    bool operator==(const FollowUpMark&) const = default;
};

// Marks by serial, exactly as the fleet file writes it (a newer file of the same units has the
// same serials; line numbers and file names change).
using FollowUpMarks = std::map<std::string, FollowUpMark, std::less<>>;

// Open work on the radar: a unit with no mark, or one whose proposal was sent and not answered
// yet (its windows still close, so it stays on the radar, tagged). Renewed and won't renew are
// settled: they leave the open work and are found with the marked filter.
bool is_open_work(const FollowUpMark* mark);

// ---- The opportunities export's follow_up cell ----------------------------------------------
// "sent 2026-11-26", "renewed 2026-12-01", "wont_renew 2026-12-01: moved to another vendor".
std::string mark_cell(const FollowUpMark& mark);
// The mark of a cell, or nothing with `error` saying what is wrong. An empty cell is no mark
// and no error (check the text first).
std::optional<FollowUpMark> parse_mark_cell(std::string_view text, std::string& error);

// The marks a fleet file carries in its follow_up column (an export read back). A cell that
// cannot be read is a problem of its line; the unit still loads, the other marks still count.
struct FleetMarks {
    FollowUpMarks marks;
    std::vector<FleetRowError> errors;
};
FleetMarks marks_from_fleet(const FleetParse& parsed);

// The opportunities CSV with each unit's mark in its follow_up column; a unit with no mark keeps
// the cell its row came with (one that could not be read is written back as it was, not lost).
std::string fleet_to_csv(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result,
                         const FollowUpMarks& marks);
// The follow_up cell of one unit: its mark, else its row's own cell.
std::string follow_up_cell(const FollowUpMarks& marks, const UnitOpportunity& unit, const FleetRow& row);

// ---- The marks file ---------------------------------------------------------------------------
// {"format": "apos-follow-up-marks", "version": 1, "marks": [{"serial", "kind", "date",
// "reason"}]}, serials in order. Version 1 is the only one so far; a later version is refused
// with its number rather than half read.
inline constexpr std::string_view kMarksFormat = "apos-follow-up-marks";
inline constexpr int kMarksVersion = 1;
std::string marks_to_json(const FollowUpMarks& marks);
// Every problem with its place ("line 3", "/marks/2/date") and what is wrong. A file with any
// problem gives no marks at all: importing half a file would look like a complete import.
struct MarksParse {
    std::optional<FollowUpMarks> marks;
    std::vector<InputError> errors;
};
MarksParse parse_marks_json(std::string_view text);
// Whether bytes look like a marks file rather than a fleet file (the page routes a dropped or
// picked file by this): a JSON object that names the marks format.
bool looks_like_marks_file(std::string_view bytes);

// ---- Merging ------------------------------------------------------------------------------------
// Imported marks meet the ones already kept. Per serial the later date wins, since a file
// exported last week and imported today must not undo today's answer; on the same day a settled
// mark (renewed, won't renew) wins over "sent" (the answer came after the proposal); the same
// day and both settled: the imported one wins (the person brought it in just now). Nothing is
// dropped without being counted.
struct MarksMerge {
    std::int64_t added = 0;     // serials that had no mark
    std::int64_t replaced = 0;  // an older (or same-day, less settled) mark replaced
    std::int64_t kept = 0;      // the kept mark was newer: the imported one was not taken
    std::int64_t same = 0;      // identical marks
};
MarksMerge merge_marks(FollowUpMarks& into, const FollowUpMarks& from);
// "3 added, 1 replaced, 2 kept (newer here)" (only the non-zero parts; "nothing new" if none).
std::string to_string(const MarksMerge& merge);

// ---- The radar --------------------------------------------------------------------------------
// The fleet's summary over its open work only (the radar and totals a partner still has to act
// on), summed the way the fleet's own summary is.
FleetSummary open_work_summary(const FleetResult& result, const FollowUpMarks& marks);

}  // namespace apos
