// Follow-up marks in the page: set, clear, keep, forget, import and merge them; the open work's
// summary for the radar. Every change goes to the host's store at once while keeping is on.
#include "app/fleet_marks.hpp"

#include "app/app.hpp"

namespace apos::ui {

namespace {

constexpr std::size_t kProblemsShown = 8;

void Changed(App& app) {
    FleetMarksState& s = app.fleet_marks;
    ++s.revision;
    if (s.keep && app.host.save_marks) app.host.save_marks(marks_to_json(s.marks));
}

std::string Plural(std::int64_t n, const char* one, const char* many) {
    return group_thousands(n) + " " + (n == 1 ? one : many);
}

}  // namespace

const FollowUpMark* MarkOf(const FleetMarksState& state, std::string_view serial) {
    const auto it = state.marks.find(serial);
    return it == state.marks.end() ? nullptr : &it->second;
}

bool MarkFilterAccepts(const FleetMarksState& state, const UnitOpportunity& unit) {
    const FollowUpMark* mark = MarkOf(state, unit.serial());
    switch (state.filter) {
        case MarkFilter::OpenWork: return is_open_work(mark);
        case MarkFilter::Marked: return mark && (state.kind < 0 || static_cast<int>(mark->kind) == state.kind);
        case MarkFilter::All: return state.kind < 0 || (mark && static_cast<int>(mark->kind) == state.kind);
    }
    return true;
}

std::string MarkText(const FollowUpMark& mark) {
    std::string text = mark.kind == MarkKind::ProposalSent ? "Sent" : std::string(mark_label(mark.kind));
    text += " " + mark.date.to_string();
    if (mark.kind == MarkKind::WontRenew && !mark.reason.empty()) text += ": " + mark.reason;
    return text;
}

void SetMarks(App& app, const std::vector<std::string>& serials, const std::optional<FollowUpMark>& mark) {
    FleetMarksState& s = app.fleet_marks;
    std::size_t changed = 0;
    for (const std::string& serial : serials) {
        if (serial.empty()) continue;
        if (mark) {
            auto [it, added] = s.marks.try_emplace(serial, *mark);
            if (!added && it->second == *mark) continue;
            it->second = *mark;
            ++changed;
        } else {
            changed += s.marks.erase(serial);
        }
    }
    if (changed == 0) return;
    Changed(app);
    app.status_message = (mark ? "Marked " : "Cleared the marks of ") +
                         Plural(static_cast<std::int64_t>(changed), "unit", "units") +
                         (mark ? " \"" + std::string(mark_label(mark->kind)) + "\"" : std::string()) +
                         (s.keep ? " (kept in this browser)" : "");
}

void SetKeepMarks(App& app, bool keep) {
    FleetMarksState& s = app.fleet_marks;
    if (s.keep == keep) return;
    s.keep = keep;
    if (app.host.save_marks) app.host.save_marks(keep ? marks_to_json(s.marks) : std::string());
    app.status_message = keep ? "Follow-up marks are kept in this browser from now on"
                              : "Follow-up marks are no longer kept: the stored copy was deleted (the marks stay "
                                "until this page is closed)";
}

void ForgetAllMarks(App& app) {
    FleetMarksState& s = app.fleet_marks;
    const std::size_t count = s.marks.size();
    s.marks.clear();
    ++s.revision;
    if (app.host.save_marks) app.host.save_marks(std::string());
    s.problems.clear();
    app.status_message = "Forgot " + Plural(static_cast<std::int64_t>(count), "follow-up mark", "follow-up marks") +
                         (s.keep ? " (here and in this browser's store)" : "");
}

void ImportMarksFile(App& app, std::string_view name, std::string_view bytes) {
    FleetMarksState& s = app.fleet_marks;
    MarksParse parsed = parse_marks_json(bytes);
    s.problems.clear();
    if (!parsed.marks) {
        s.problem_title = std::string(name) + ": not imported, nothing changed";
        for (const InputError& e : parsed.errors)
            if (s.problems.size() < kProblemsShown) s.problems.push_back(e.to_string());
        app.status_message = "Marks file " + std::string(name) + " not imported: " +
                             (parsed.errors.empty() ? std::string("unreadable") : parsed.errors.front().to_string());
        return;
    }
    const MarksMerge merge = merge_marks(s.marks, *parsed.marks);
    if (merge.added + merge.replaced > 0) Changed(app);
    app.status_message = "Imported marks from " + std::string(name) + ": " + to_string(merge);
}

std::string ExportMarksFile(const App& app) { return marks_to_json(app.fleet_marks.marks); }

void ReceiveKeptMarks(App& app, std::string_view json) {
    FleetMarksState& s = app.fleet_marks;
    if (json.empty()) return;
    MarksParse parsed = parse_marks_json(json);
    if (!parsed.marks) {
        s.problem_title = "The marks kept in this browser could not be read";
        s.problems.clear();
        for (const InputError& e : parsed.errors)
            if (s.problems.size() < kProblemsShown) s.problems.push_back(e.to_string());
        return;
    }
    // Marks set before the store answered are this visit's, so they are newer or the same day.
    const bool had_any = !s.marks.empty();
    const MarksMerge merge = merge_marks(s.marks, *parsed.marks);
    ++s.revision;
    if (had_any && s.keep && app.host.save_marks) app.host.save_marks(marks_to_json(s.marks));
    if (merge.added + merge.replaced > 0)
        app.status_message = "Follow-up marks kept in this browser: " +
                             Plural(static_cast<std::int64_t>(s.marks.size()), "mark", "marks");
}

void MergeFleetMarks(App& app) {
    FleetMarksState& s = app.fleet_marks;
    const FleetJob& job = app.Fleet();
    // A result: the whole fleet's, or the units evaluated before a cancel.
    if (!job.Result() || !job.Parsed() || s.merged_generation == job.Generation()) return;
    s.merged_generation = job.Generation();
    if (job.Parsed()->format.follow_up_column < 0) return;
    const FleetMarks carried = marks_from_fleet(*job.Parsed());
    if (!carried.errors.empty()) {
        s.problem_title = job.FileName() + ": follow_up cells that are no mark (the units loaded; the cells are kept)";
        s.problems.clear();
        for (const FleetRowError& e : carried.errors)
            if (s.problems.size() < kProblemsShown)
                s.problems.push_back("line " + std::to_string(e.line) + ": " + e.message);
    }
    const MarksMerge merge = merge_marks(s.marks, carried.marks);
    if (merge.added + merge.replaced > 0) Changed(app);
    if (!carried.marks.empty()) app.status_message = "Follow-up marks in " + job.FileName() + ": " + to_string(merge);
}

const FleetSummary& OpenWorkSummary(App& app, const FleetResult& result) {
    FleetMarksState& s = app.fleet_marks;
    const unsigned generation = app.Fleet().Generation();
    if (s.summary_revision != s.revision || s.summary_generation != generation) {
        s.summary_revision = s.revision;
        s.summary_generation = generation;
        s.open_summary = open_work_summary(result, s.marks);
        s.open_month_buckets = s.open_summary.expiries_by_month_bucket;
    }
    return s.open_summary;
}

}  // namespace apos::ui
