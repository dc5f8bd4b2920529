// Follow-up marks in the fleet view: mark the selected units (or a whole customer's) "Proposal
// sent", "Renewed" or "Won't renew"; choose which units the table shows (open work, marked, all);
// export, import and forget the marks. The model and its rules are the core's (apos/marks.hpp);
// keeping them in the browser is a setting (settings_panel.cpp). The bar folds behind one line
// with the counts (the fleet panel decides when it opens by itself); the view choice sits with
// the table's other filters.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/calendar_popup.hpp"
#include "widgets/folding_section.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

// The longest reason a marks file takes (parse_marks_json refuses longer ones, core/src/marks.cpp).
constexpr std::size_t kMaxReason = 500;

const char* FilterLabel(MarkFilter filter) {
    switch (filter) {
        case MarkFilter::OpenWork: return "Open work";
        case MarkFilter::Marked: return "Marked";
        case MarkFilter::All: return "All units";
    }
    return "All units";
}

// Settled marks in a muted green and red; a sent proposal in the accent colour (still open).
ImVec4 MarkColor(MarkKind kind) {
    switch (kind) {
        case MarkKind::ProposalSent: return ImVec4(0.20f, 0.45f, 0.85f, 1.0f);
        case MarkKind::Renewed: return ImVec4(0.15f, 0.55f, 0.25f, 1.0f);
        case MarkKind::WontRenew: return ImVec4(0.70f, 0.25f, 0.20f, 1.0f);
    }
    return ImVec4(1, 1, 1, 1);
}

std::vector<std::string> SelectedSerials(const App& app, const FleetResult& result) {
    std::vector<std::string> serials;
    const FleetTableState& table = app.fleet_table;
    for (std::size_t i = 0; i < result.units.size() && i < table.selected.size(); ++i)
        if (table.selected[i]) serials.emplace_back(result.units[i].serial());
    return serials;
}

void ClearSelection(App& app) {
    std::fill(app.fleet_table.selected.begin(), app.fleet_table.selected.end(), 0);
    app.fleet_table.selected_count = 0;
}

void DrawCounts(App& app, const FleetResult& result) {
    FleetMarksState& s = app.fleet_marks;
    if (s.counts_revision != s.revision || s.counts_generation != app.Fleet().Generation()) {
        s.counts_revision = s.revision;
        s.counts_generation = app.Fleet().Generation();
        std::fill(std::begin(s.counts), std::end(s.counts), 0);
        s.open_units = 0;
        // No marks (most fleets, and every fleet just loaded): every unit is open work.
        if (s.marks.empty()) s.open_units = static_cast<std::int64_t>(result.units.size());
        else
            for (const UnitOpportunity& u : result.units) {
                const FollowUpMark* mark = MarkOf(s, u.serial());
                if (mark) ++s.counts[static_cast<int>(mark->kind)];
                s.open_units += is_open_work(mark);
            }
    }
    const std::int64_t* by_kind = s.counts;
    const std::int64_t open = s.open_units;
    const std::string open_text = "open work: " + group_thousands(open) + " of " +
                                  group_thousands(static_cast<std::int64_t>(result.units.size())) + " units";
    SameLineIfFits(ImGui::CalcTextSize(open_text.c_str()).x);
    ImGui::TextUnformatted(open_text.c_str());
    for (int k = 0; k < kMarkKindCount; ++k) {
        const std::string text = std::string(mark_label(static_cast<MarkKind>(k))) + ": " + group_thousands(by_kind[k]);
        SameLineIfFits(ImGui::CalcTextSize(text.c_str()).x);
        ImGui::TextColored(MarkColor(static_cast<MarkKind>(k)), "%s", text.c_str());
    }
}

void DrawMarkButtons(App& app, const FleetResult& result) {
    FleetMarksState& s = app.fleet_marks;
    FleetTableState& table = app.fleet_table;
    const float font = ImGui::GetFontSize();
    const Date as_of = result.as_of;
    const std::string title = "Mark " + group_thousands(static_cast<std::int64_t>(table.selected_count)) + " selected:";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title.c_str());
    ImGui::BeginDisabled(table.selected_count == 0);
    std::optional<FollowUpMark> mark;
    bool clear = false;
    // The button and its date field (a date, the calendar button, its label) stay together.
    SameLineIfFits(ButtonWidth("Proposal sent") + font * 14.0f);
    if (ImGui::Button("Proposal sent")) mark = FollowUpMark{MarkKind::ProposalSent, s.sent_on.value_or(as_of), {}};
    ImGui::SameLine();
    OptionalDatePicker("sent on", s.sent_on, as_of, "as-of date");
    SameLineIfFits(ButtonWidth("Renewed"));
    if (ImGui::Button("Renewed")) mark = FollowUpMark{MarkKind::Renewed, as_of, {}};
    SameLineIfFits(ButtonWidth("Won't renew") + font * 14.0f);
    if (ImGui::Button("Won't renew")) {
        // Longer than a marks file takes: the text stays in the field to be shortened.
        if (s.reason.size() > kMaxReason)
            app.status_message =
                "The reason is longer than " + std::to_string(kMaxReason) + " characters: shorten it, then mark again";
        else mark = FollowUpMark{MarkKind::WontRenew, as_of, s.reason};
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 13.0f);
    TextField("##reason", s.reason, "reason (optional)");
    SameLineIfFits(ButtonWidth("Clear mark"));
    if (ImGui::Button("Clear mark")) clear = true;
    ImGui::EndDisabled();
    if (mark || clear) {
        SetMarks(app, SelectedSerials(app, result), mark);
        // The marked units may leave the table's view: a selection nobody sees would be marked next.
        ClearSelection(app);
    }

    // A whole customer: its units become the selection, then a button above marks them.
    SameLineIfFits(font * 12.0f);
    ImGui::SetNextItemWidth(font * 12.0f);
    const ImGuiID customer_id = ImGui::GetID("##customer");
    const bool customer_open = ImGui::BeginCombo("##customer", "Select a customer...", ImGuiComboFlags_HeightLarge);
    ReportItem(customer_id, "Select a customer...", true, customer_open);
    if (customer_open) {
        for (const auto& [customer, totals] : result.summary.by_customer) {
            const std::string label = (customer.empty() ? std::string("(no customer)") : customer) + " (" +
                                      group_thousands(totals.units) + ")##" + customer;
            if (ImGui::Selectable(label.c_str())) {
                table.selected.assign(result.units.size(), 0);
                std::size_t count = 0;
                for (std::size_t i = 0; i < result.units.size(); ++i)
                    if (result.units[i].customer() == customer) {
                        table.selected[i] = 1;
                        ++count;
                    }
                table.selected_count = count;
                app.status_message = "Selected the " + group_thousands(static_cast<std::int64_t>(count)) +
                                     " units of " + customer + ": mark them with the buttons";
            }
        }
        ImGui::EndCombo();
    }
}

void DrawFileButtons(App& app) {
    FleetMarksState& s = app.fleet_marks;
    ImGui::BeginDisabled(s.marks.empty());
    if (ImGui::Button("Export marks...") && app.host.save_file)
        app.status_message = app.host.save_file("apos-follow-up-marks.json", "application/json", ExportMarksFile(app));
    ImGui::EndDisabled();
    SameLineIfFits(ButtonWidth("Import marks..."));
    if (ImGui::Button("Import marks...")) {
        if (!app.host.open_file || !app.host.open_file(".json,application/json"))
            app.status_message = "Drop a marks file (.json) on the window to import it";
    }
    SameLineIfFits(ButtonWidth("Forget all marks"));
    ImGui::BeginDisabled(s.marks.empty() && !s.keep);
    if (ImGui::Button("Forget all marks")) ImGui::OpenPopup("Forget all marks?");
    ImGui::EndDisabled();
    if (ImGui::BeginPopup("Forget all marks?")) {
        ImGui::Text("Forget all %s follow-up marks%s?",
                    group_thousands(static_cast<std::int64_t>(s.marks.size())).c_str(),
                    s.keep ? ", here and in this browser's store" : "");
        ImGui::TextDisabled("Export them first to keep a copy.");
        if (ImGui::Button("Forget them")) {
            ForgetAllMarks(app);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Keep them")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    const char* where = s.keep ? "Kept in this browser (by serial)"
                               : "Not kept: marks last until the page closes (see the settings bar)";
    SameLineIfFits(ImGui::CalcTextSize(where).x);
    ImGui::TextDisabled("%s", where);
}

void DrawProblems(App& app) {
    FleetMarksState& s = app.fleet_marks;
    if (s.problems.empty()) return;
    const ImVec4 red(0.75f, 0.15f, 0.10f, 1.0f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(red, "%s", s.problem_title.c_str());
    for (const std::string& p : s.problems) ImGui::TextColored(red, "  %s", p.c_str());
    ImGui::PopTextWrapPos();
    ReportMessage(s.problem_title.c_str());
    if (ImGui::SmallButton("Dismiss##markproblems")) s.problems.clear();
}

}  // namespace

bool DrawFleetMarks(App& app, const FleetResult& result, bool automatic, float& body) {
    FleetMarksState& s = app.fleet_marks;
    if (s.table_revision != s.revision) {
        s.table_revision = s.revision;
        app.fleet_table.rows_dirty = true;
    }
    ImGui::PushID("marks");
    ImGui::AlignTextToFramePadding();
    // A problem with a marks file opens the bar: its message is inside.
    const bool open = FoldingHeader(app.fold_choices, "Follow-up marks###marks-bar", "fleet-marks-open", automatic) ||
                      !s.problems.empty();
    DrawCounts(app, result);
    body = 0.0f;
    if (open) {
        const float start = ImGui::GetCursorPosY();
        ImGui::Indent();
        DrawMarkButtons(app, result);
        DrawFileButtons(app);
        DrawProblems(app);
        ImGui::Unindent();
        body = ImGui::GetCursorPosY() - start;
    }
    ImGui::PopID();
    return open;
}

bool DrawMarkFilter(App& app) {
    FleetMarksState& s = app.fleet_marks;
    const float font = ImGui::GetFontSize();
    bool changed = false;
    // Combos report a name of their own (the widget table and the DOM mirror list them by it).
    // "show [Open work] [Any mark]" reads as one phrase: it moves to the next line as a whole.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    SameLineIfFits(ImGui::CalcTextSize("show").x + spacing + font * 6.5f + spacing + font * 7.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("show");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 6.5f);
    const ImGuiID show_id = ImGui::GetID("##show");
    const bool show_open = ImGui::BeginCombo("##show", FilterLabel(s.filter));
    ReportItem(show_id, "Show", true, show_open);
    if (show_open) {
        for (MarkFilter f : {MarkFilter::OpenWork, MarkFilter::Marked, MarkFilter::All})
            if (ImGui::Selectable(FilterLabel(f), s.filter == f)) {
                s.filter = f;
                changed = true;
            }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Open work: units with no mark or a proposal sent.\nRenewed and won't renew leave it.");
    SameLineIfFits(font * 7.5f);  // alone on a line only when the phrase is wider than the window
    ImGui::BeginDisabled(s.filter == MarkFilter::OpenWork);
    ImGui::SetNextItemWidth(font * 7.5f);
    const char* kind_name = s.kind < 0 ? "Any mark" : mark_label(static_cast<MarkKind>(s.kind)).data();
    const ImGuiID kind_id = ImGui::GetID("##markkind");
    const bool kind_open = ImGui::BeginCombo("##markkind", kind_name);
    ReportItem(kind_id, "Mark kind", true, kind_open);
    if (kind_open) {
        if (ImGui::Selectable("Any mark", s.kind < 0)) {
            s.kind = -1;
            changed = true;
        }
        for (int k = 0; k < kMarkKindCount; ++k)
            if (ImGui::Selectable(mark_label(static_cast<MarkKind>(k)).data(), s.kind == k)) {
                s.kind = k;
                changed = true;
            }
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    return changed;
}

void DrawMarkCell(const App& app, const UnitOpportunity& unit) {
    const FollowUpMark* mark = MarkOf(app.fleet_marks, unit.serial());
    if (!mark) return;
    ImGui::TextColored(MarkColor(mark->kind), "%s", MarkText(*mark).c_str());
    if (mark->kind == MarkKind::WontRenew && !mark->reason.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", mark->reason.c_str());
}

}  // namespace apos::ui
