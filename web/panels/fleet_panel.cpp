// Fleet panel: an installed base loaded from CSV (file picker, drop, or --fleet FILE), evaluated
// by the core a slice per frame (FleetJob), then shown as a renewal radar, totals per window
// bucket and customer, and a sortable, filterable table of units. Selected units go on the quote
// with their best renewal offers; the opportunity list exports as the core's CSV.
// Layout: the table gets the height first (FleetLayout): the radar and totals sit beside it on a
// wide canvas, else above it in a folding section; the marks bar folds too. A section the partner
// never folded or opened is open while the table keeps kMinRows rows; a choice is remembered.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "apos/json_io.hpp"
#include "apos/marks.hpp"
#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/folding_section.hpp"
#include "widgets/renewal_radar.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

constexpr int kTopCustomers = 10;
// Rows the units table keeps before a folding section opens by itself.
constexpr float kMinRows = 10.0f;
// The radar and totals go beside the table once the panel is this many text heights wide.
constexpr float kBesideFonts = 72.0f;

// What the panel decides before it draws: where the summary goes, which sections are open.
struct FleetLayout {
    ImGuiStorage* memory = nullptr;  // the fleet window's: the sections' remembered states
    bool beside = false;             // the radar and totals in a column right of the table
    float side_width = 0.0f;
    bool summary_open = false;
    bool marks_open = false;
};

// Units tables: the column ids double as sort keys.
enum Column {
    kSelect,
    kLine,
    kSerial,
    kMtm,
    kCustomer,
    kCoverageEnd,
    kBucket,
    kCloses,
    kDaysLeft,
    kOffers,
    kValue,
    kFollowUp,
    kColumnCount
};

bool ContainsNoCase(std::string_view text, std::string_view needle) {
    if (needle.empty()) return true;
    return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           }) != text.end();
}

std::string OffersText(const UnitOpportunity& unit) {
    std::string text;
    for (const BestOffer& o : unit.best_offers()) {
        if (!text.empty()) text += "; ";
        text += o.offering->name;
        if (o.term_years > 0) text += " " + std::to_string(o.term_years) + "y";
    }
    return text;
}

// ---- Loading and progress ----------------------------------------------------------------------
bool DrawSummaryHeader(App& app, const FleetResult& result, bool automatic);

void DrawToolbar(App& app, FleetLayout* layout, bool summary_automatic) {
    FleetJob& job = app.Fleet();
    if (ImGui::Button("Open fleet CSV...")) {
        if (!app.host.open_file ||
            !app.host.open_file(
                ".csv,.tsv,.txt,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
            app.status_message = "Drop a CSV file on the window, or start with --fleet FILE";
    }
    const FleetResult* result = job.Result();  // asked again below, after the sheet choice
    ImGui::SameLine();
    ImGui::BeginDisabled(!result || !app.GetCatalog());
    if (ImGui::Button("Export opportunities CSV") && result && app.host.save_file)
        app.status_message =
            app.host.save_file("apos-fleet-opportunities.csv", "text/csv",
                               fleet_to_csv(*app.GetCatalog(), *job.Parsed(), *result, app.fleet_marks.marks));
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (job.Stage() == FleetStage::Empty) ImGui::TextDisabled("or drop a CSV file on this page");
    else ImGui::TextDisabled("%s", job.FileName().c_str());
    if (app.host.keep_fleet) {
        // The customer's installed base stays on this computer only when the partner says so.
        bool keep = app.keep_fleet_file;
        SameLineIfFits(CheckboxWidth("Keep in this browser"));
        if (ImGui::Checkbox("Keep in this browser##keep-fleet", &keep)) app.SetKeepFleetFile(keep);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "On: this fleet file is stored in this browser (IndexedDB) and opens again on the next visit;\n"
                "a file opened later takes its place. Off: the stored copy is deleted.");
    }
    if (job.Sheets().size() > 1) {
        ImGui::SameLine();
        DrawFleetSheetChoice(app);
    }
    // A file read with a mapping (chosen now, or remembered for its header row): the remembered
    // one can be dropped, so that the file asks again when it is opened again.
    const FleetParse* parsed = job.Parsed();
    if (parsed && parsed->format.quote) {  // a quote CSV: its lines were merged into units
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", describe_quote_reading(parsed->format).c_str());
    }
    if (parsed && !job.Options().columns.empty() && job.Stage() != FleetStage::Mapping) {
        const std::string key = fleet_header_key(parsed->format.headers);
        if (app.FindFleetMap(key)) {
            ImGui::SameLine();
            ImGui::TextDisabled("(columns as mapped)");
            ImGui::SameLine();
            if (ImGui::Button("Forget mapping")) {
                app.ForgetFleetMap(key);
                app.status_message = "Mapping forgotten: open the file again to choose its columns";
            }
        }
    }
    // The radar and totals fold behind one line at the end of the toolbar, their key figures in it.
    // Asked again: a sheet picked above replaced the result this frame.
    result = job.Result();
    if (layout && result)  // a finished result, or the units evaluated before a cancel
        layout->summary_open = DrawSummaryHeader(app, *result, summary_automatic);
}

// A progress bar with a Cancel button at the end of its line.
void DrawProgressAndCancel(App& app, float fraction, const std::string& overlay, const char* cancelled) {
    ImGui::ProgressBar(fraction,
                       ImVec2(-ImGui::CalcTextSize("Cancel").x - ImGui::GetStyle().FramePadding.x * 4.0f, 0.0f),
                       overlay.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        app.Fleet().Cancel();
        app.status_message = cancelled;
    }
}

// Returns true while there is nothing finished to show below.
bool DrawProgress(App& app) {
    FleetJob& job = app.Fleet();
    switch (job.Stage()) {
        case FleetStage::Empty:
            ImGui::Spacing();
            ImGui::TextWrapped(
                "Load an installed base to see which renewals can still be sold and when their purchase "
                "windows close. Columns (header row, any order): serial, mtm, ship_date, purchase_date, "
                "channel, condition, country, coverage_end, services, customer, quantity, or their usual "
                "names (Serial Number, Machine Type Model, Ship Date, ...); other columns are kept. When "
                "a column cannot be placed, the page asks which one it is.");
            return true;
        case FleetStage::Reading: {
            // Rows read against the file's line count: about right (quoted line breaks, a header).
            const std::size_t read = job.RowsRead(), expected = job.RowsExpected();
            if (expected == 0) {
                ImGui::TextUnformatted("Reading the file...");
                return true;
            }
            const std::string overlay = "Reading: " + group_thousands(static_cast<std::int64_t>(read)) + " / " +
                                        group_thousands(static_cast<std::int64_t>(expected)) + " rows";
            DrawProgressAndCancel(app, static_cast<float>(std::min(read, expected)) / static_cast<float>(expected),
                                  overlay, "Reading cancelled: the file was not loaded");
            return true;
        }
        case FleetStage::Mapping: DrawFleetMappingStep(app); return true;
        case FleetStage::Evaluating: {
            const float fraction =
                job.Total() ? static_cast<float>(job.Done()) / static_cast<float>(job.Total()) : 0.0f;
            const std::string overlay = group_thousands(static_cast<std::int64_t>(job.Done())) + " / " +
                                        group_thousands(static_cast<std::int64_t>(job.Total())) + " units";
            DrawProgressAndCancel(app, fraction, overlay, "Fleet evaluation cancelled");
            return true;
        }
        case FleetStage::Cancelled: {
            // The units evaluated before the cancel stay on show below; nothing is shown of a
            // file whose reading was cancelled.
            if (job.Result())
                ImGui::Text("Evaluation cancelled: %s of %s units evaluated, shown below.",
                            group_thousands(static_cast<std::int64_t>(job.Done())).c_str(),
                            group_thousands(static_cast<std::int64_t>(job.Total())).c_str());
            else ImGui::TextUnformatted("Cancelled.");
            ImGui::SameLine();
            if (job.Parsed() && ImGui::Button("Evaluate again")) job.Resume();
            if (job.Result() && ImGui::IsItemHovered())
                ImGui::SetTooltip("Goes on from the units already evaluated to the end of the file.");
            return job.Result() == nullptr;
        }
        case FleetStage::Failed: {
            // The parser's last error is the one that stopped it: no header, over the size or row limit, ...
            const std::string why = job.Errors().empty() ? "" : ": " + job.Errors().back().message;
            const std::string text = "The file could not be read as a fleet CSV" + why + ".";
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(ImVec4(0.75f, 0.15f, 0.10f, 1.0f), "%s", text.c_str());
            ImGui::PopTextWrapPos();
            ReportMessage(text.c_str());
            return true;
        }
        case FleetStage::Done: break;
    }
    return false;
}

void DrawBadRows(const FleetJob& job) {
    const std::vector<FleetRowError>& errors = job.Errors();
    if (errors.empty()) return;
    const std::string title = group_thousands(job.BadRowCount()) + " rows with problems (not loaded)###badrows";
    if (!ImGui::CollapsingHeader(title.c_str())) return;
    const float height = std::min(ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(errors.size() + 1),
                                  ImGui::GetTextLineHeightWithSpacing() * 8.0f);
    ImGui::BeginChild("badrows", ImVec2(0.0f, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(errors.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const FleetRowError& e = errors[static_cast<std::size_t>(i)];
            if (e.column.empty()) ImGui::Text("line %d: %s", e.line, e.message.c_str());
            else ImGui::Text("line %d: %s: %s", e.line, e.column.c_str(), e.message.c_str());
        }
    ImGui::EndChild();
}

// ---- Summary: totals, radar, buckets, customers --------------------------------------------------
bool DrawSummaryHeader(App& app, const FleetResult& result, bool automatic) {
    // The open work (fleet_marks.hpp): every unit until some are marked renewed or won't renew.
    const FleetSummary& summary = OpenWorkSummary(app, result);
    const char* label = "Radar and totals###fleet-summary";
    SameLineIfFits(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetFrameHeight() * 1.5f);
    ImGui::AlignTextToFramePadding();
    const bool open = FoldingHeader(app.fold_choices, label, "fleet-summary-open", automatic);
    // The key figures beside it when they fit on the line (they are in the summary too).
    const std::string figures = group_thousands(result.summary.units) + " units, " +
                                (summary.units == result.summary.units ? "" : "open ") + summary.value.to_string();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(figures.c_str()).x <= right) {
        ImGui::SameLine();
        ImGui::TextUnformatted(figures.c_str());
    }
    return open;
}

void DrawFigures(const FleetResult& result, const FleetSummary& summary) {
    const float gap = ImGui::GetFontSize() * 1.5f;
    const std::string units = "Units: " + group_thousands(result.summary.units);
    const std::string problems = "Rows with problems: " + group_thousands(summary.rows_with_errors);
    const std::string value =
        std::string(summary.units == result.summary.units ? "Renewal value" : "Open renewal value") + ": " +
        summary.value.to_string();
    const std::string as_of = "as of " + result.as_of.to_string();
    ImGui::TextUnformatted(units.c_str());
    for (const std::string* text : {&problems, &value, &as_of}) {
        const float width = ImGui::CalcTextSize(text->c_str()).x;
        if (ImGui::GetItemRectMax().x + gap + width <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine(0.0f, gap);
        if (text == &as_of) ImGui::TextDisabled("%s", text->c_str());
        else ImGui::TextUnformatted(text->c_str());
    }
}

// The radar's colour key: the purchase-window buckets under the limits in force (RadarLegend),
// with the open work's units and value in each.
void DrawBucketKey(App& app, const FleetResult& result) {
    const float font = ImGui::GetFontSize();
    const RadarKey key = RadarLegend(app, result);
    const ImGuiTableFlags list =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("buckets", 3, list)) return;
    ImGui::TableSetupColumn("Purchase window", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn("Units", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    for (int b = 0; b < kWindowBucketCount; ++b) {
        const auto at = static_cast<std::size_t>(b);
        const BucketTotals& totals = key.totals[at];
        const auto bucket = static_cast<WindowBucket>(b);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // The swatch carries the words as its name, so the widget list (and its tests) read them.
        const std::string swatch = key.labels[at] + "##key";
        ImGui::ColorButton(swatch.c_str(), ImGui::ColorConvertU32ToFloat4(BucketColor(bucket)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(font, font));
        ReportItem(ImGui::GetID(swatch.c_str()), key.labels[at].c_str(), false, false);
        ImGui::SameLine();
        // Wrapped: a label that names a segment's other days may be longer than a narrow column.
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(key.labels[at].c_str());
        ImGui::PopTextWrapPos();
        if (!key.by_segment[at].empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", key.by_segment[at].c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(group_thousands(totals.units).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(totals.value.to_string().c_str());
    }
    ImGui::EndTable();
}

void DrawTopCustomers(const FleetSummary& summary) {
    std::vector<const std::pair<const std::string, BucketTotals>*> customers;
    for (const auto& entry : summary.by_customer) customers.push_back(&entry);
    const std::size_t shown = std::min<std::size_t>(customers.size(), kTopCustomers);
    std::partial_sort(
        customers.begin(), customers.begin() + static_cast<std::ptrdiff_t>(shown), customers.end(),
        [](const auto* a, const auto* b) { return a->second.value.minor_units() > b->second.value.minor_units(); });
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("Top %d customers by renewal value (of %s)", static_cast<int>(shown),
                group_thousands(static_cast<std::int64_t>(customers.size())).c_str());
    ImGui::PopTextWrapPos();
    const ImGuiTableFlags list =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("customers", 3, list)) return;
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Units", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < shown; ++i) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(customers[i]->first.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(group_thousands(customers[i]->second.units).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(customers[i]->second.value.to_string().c_str());
    }
    ImGui::EndTable();
}

// The radar, its key and the top customers: in one column (beside the table), or as two columns
// (above it). `radar_height` in pixels.
void DrawSummary(App& app, const FleetResult& result, bool one_column, float radar_height) {
    const FleetSummary& summary = OpenWorkSummary(app, result);
    DrawFigures(result, summary);
    if (one_column) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted("Renewal radar: coverage ending per month, next 24 months");
        ImGui::PopTextWrapPos();
        RenewalRadar("##radar", summary.expiries_by_month, RadarStacks(app, result), radar_height);
        DrawBucketKey(app, result);
        ImGui::Spacing();
        DrawTopCustomers(summary);
        return;
    }
    const ImGuiTableFlags layout = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("summary", 2, layout)) return;
    ImGui::TableSetupColumn("radar", ImGuiTableColumnFlags_WidthStretch, 1.7f);
    ImGui::TableSetupColumn("totals", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Renewal radar: coverage ending per month, next 24 months");
    // Coloured by each unit's segment limits once the partner has set any (proposals_panel.cpp);
    // only the open work (fleet_marks.hpp) is stacked.
    RenewalRadar("##radar", summary.expiries_by_month, RadarStacks(app, result), radar_height);
    DrawBucketKey(app, result);
    ImGui::TableNextColumn();
    DrawTopCustomers(summary);
    ImGui::EndTable();
}

// ---- Units table -----------------------------------------------------------------------------------
// Filters, then sorts, the unit indices; runs only when the filter, the sort or the result changed.
void RebuildRows(App& app, FleetTableState& table, const FleetResult& result, const ImGuiTableSortSpecs* specs) {
    const FleetMarksState& marks = app.fleet_marks;
    table.rows.clear();
    const bool marks_filter = !marks.marks.empty() || marks.kind >= 0 || marks.filter == MarkFilter::Marked;
    const FleetChoices& choices = app.fleet_choices;
    if (!marks_filter && table.bucket == -1 && choices.customer.empty() && choices.model.empty() &&
        table.filter.empty()) {
        // Nothing filtered (a fleet just loaded): every unit, without asking each.
        table.rows.resize(result.units.size());
        std::iota(table.rows.begin(), table.rows.end(), std::uint32_t{0});
    } else {
        table.rows.reserve(result.units.size());
        for (std::uint32_t i = 0; i < result.units.size(); ++i) {
            const UnitOpportunity& u = result.units[i];
            if (marks_filter && !MarkFilterAccepts(marks, u)) continue;
            if (table.bucket >= 0 && static_cast<int>(u.bucket) != table.bucket) continue;
            // The core's days left of the unit's soonest window (none: nothing left to close).
            if (table.bucket == kClosingWithinDays &&
                (u.windows().empty() || u.windows().front().days_left > table.within_days))
                continue;
            if (!PassesFleetChoices(app, u)) continue;
            if (!table.filter.empty() && !ContainsNoCase(u.serial(), table.filter) &&
                !ContainsNoCase(u.mtm(), table.filter) && !ContainsNoCase(u.customer(), table.filter))
                continue;
            table.rows.push_back(i);
        }
    }
    if (!specs || specs->SpecsCount == 0) return;
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    const bool descending = spec.SortDirection == ImGuiSortDirection_Descending;
    const auto& units = result.units;
    // Units without a window sort after those with one, whatever the direction.
    const auto closes = [](const UnitOpportunity& u) {
        return u.windows().empty() ? 0x7fffffff : u.windows().front().closes.days_since_epoch();
    };
    const auto less = [&](std::uint32_t ia, std::uint32_t ib) {
        const UnitOpportunity& a = units[ia];
        const UnitOpportunity& b = units[ib];
        switch (spec.ColumnUserID) {
            case kSerial: return a.serial() < b.serial();
            case kMtm: return a.mtm() < b.mtm();
            case kCustomer: return a.customer() < b.customer();
            case kCoverageEnd: return a.coverage_end < b.coverage_end;
            case kBucket: return a.bucket < b.bucket;
            case kCloses:
            case kDaysLeft: return closes(a) < closes(b);
            case kOffers: return a.best_offers().size() < b.best_offers().size();
            case kValue: return a.value.minor_units() < b.value.minor_units();
            default: return a.line < b.line;
        }
    };
    // Units come in file order (FleetResult keeps the rows' order), the table's first order: a
    // million of them need no sorting then.
    if (spec.ColumnUserID == kLine && !descending) return;
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return descending ? less(b, a) : less(a, b); });
}

// Each selected unit becomes a quote item: its device as the CSV gave it, and the services the
// core proposes for it (apos::proposed_services: the renewal path and what sells beside it).
void AddSelectedToQuote(App& app, const FleetParse& parsed, const FleetResult& result) {
    FleetTableState& table = app.fleet_table;
    std::vector<QuoteItemRequest> items;
    std::size_t nothing_to_sell = 0;
    for (std::size_t i = 0; i < result.units.size(); ++i) {
        if (!table.selected[i]) continue;
        const UnitOpportunity& unit = result.units[i];
        const std::optional<FleetRow> row = parsed.rows.find_line(unit.line);
        if (!row || unit.best_offers().empty()) {
            ++nothing_to_sell;
            continue;
        }
        QuoteItemRequest item;
        item.device = row->device;
        item.services = proposed_services(*app.GetCatalog(), row->device, unit, result.as_of);
        if (item.services.empty()) {
            ++nothing_to_sell;
            continue;
        }
        items.push_back(std::move(item));
    }
    AppState& state = app.EditState();
    state.fleet_items.insert(state.fleet_items.end(), items.begin(), items.end());
    app.status_message = "Added " + group_thousands(static_cast<std::int64_t>(items.size())) + " units to the quote";
    if (nothing_to_sell)
        app.status_message +=
            " (" + group_thousands(static_cast<std::int64_t>(nothing_to_sell)) + " had nothing to sell)";
}

// One flowing row: the text filter, the window bucket, customer, model (and segment), and which
// follow-up marks the table shows.
bool DrawFilterRow(App& app) {
    FleetTableState& table = app.fleet_table;
    const float font = ImGui::GetFontSize();
    bool changed = false;
    ImGui::SetNextItemWidth(font * 11.0f);
    changed |= TextField("##filter", table.filter, "Serial, MTM or customer");
    SameLineIfFits(font * 9.0f);
    ImGui::SetNextItemWidth(font * 9.0f);
    constexpr const char* kWithinLabel = "Closing within...";
    const char* bucket_name = table.bucket == -1 ? "All windows"
                              : table.bucket == kClosingWithinDays
                                  ? "Closing within"  // then the days field and "days": one phrase
                                  : BucketLabel(static_cast<WindowBucket>(table.bucket));
    const ImGuiID bucket_id = ImGui::GetID("##bucket");
    const bool bucket_open = ImGui::BeginCombo("##bucket", bucket_name);
    ReportItem(bucket_id, "Window filter", true, bucket_open);
    if (bucket_open) {
        if (ImGui::Selectable("All windows", table.bucket == -1)) {
            table.bucket = -1;
            changed = true;
        }
        for (int b = 0; b < kWindowBucketCount; ++b)
            if (ImGui::Selectable(BucketLabel(static_cast<WindowBucket>(b)), table.bucket == b)) {
                table.bucket = b;
                changed = true;
            }
        if (ImGui::Selectable(kWithinLabel, table.bucket == kClosingWithinDays)) {
            table.bucket = kClosingWithinDays;
            changed = true;
        }
        ImGui::EndCombo();
    }
    if (table.bucket == kClosingWithinDays) {
        // Any number of days, not only the buckets' 30, 60 and 90 (a quarter, the rep's month).
        SameLineIfFits(font * 8.0f);
        ImGui::SetNextItemWidth(font * 4.0f);
        int days = table.within_days;
        if (ImGui::InputInt("days##within-days", &days, 0, 0)) {
            days = std::clamp(days, 1, kMostWithinDays);
            changed |= days != table.within_days;
            table.within_days = days;
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "Units whose first purchase window closes within this many days of the as-of date "
                "(1 to %d).",
                kMostWithinDays);
    }
    changed |= DrawFleetChoices(app);
    changed |= DrawMarkFilter(app);
    return changed;
}

void DrawSelectionRow(App& app, const FleetParse& parsed, const FleetResult& result) {
    FleetTableState& table = app.fleet_table;
    if (ImGui::Button("Select shown")) {
        for (const std::uint32_t i : table.rows) table.selected[i] = 1;
        table.selected_count = static_cast<std::size_t>(std::count(table.selected.begin(), table.selected.end(), 1));
    }
    SameLineIfFits(ButtonWidth("Clear selection"));
    if (ImGui::Button("Clear selection")) {
        std::fill(table.selected.begin(), table.selected.end(), 0);
        table.selected_count = 0;
    }
    const std::string add =
        "Add " + group_thousands(static_cast<std::int64_t>(table.selected_count)) + " selected to quote###addselected";
    SameLineIfFits(ButtonWidth(add.c_str()));
    ImGui::BeginDisabled(table.selected_count == 0);
    if (ImGui::Button(add.c_str())) AddSelectedToQuote(app, parsed, result);
    ImGui::EndDisabled();
    const std::size_t on_quote = app.State().fleet_items.size();
    if (on_quote > 0) {
        const std::string remove =
            "Remove " + group_thousands(static_cast<std::int64_t>(on_quote)) + " fleet units from quote###removefleet";
        SameLineIfFits(ButtonWidth(remove.c_str()));
        if (ImGui::Button(remove.c_str())) app.EditState().fleet_items.clear();
    }
    const std::string shown = group_thousands(static_cast<std::int64_t>(table.rows.size())) + " of " +
                              group_thousands(static_cast<std::int64_t>(result.units.size())) + " units shown, " +
                              group_thousands(static_cast<std::int64_t>(table.selected_count)) + " selected";
    SameLineIfFits(ImGui::CalcTextSize(shown.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", shown.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shift-click a row's box to select the range since the last click.");
}

void DrawUnitsTable(App& app, const FleetResult& result) {
    FleetTableState& table = app.fleet_table;
    const float font = ImGui::GetFontSize();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    const float height = std::max(ImGui::GetContentRegionAvail().y, font * 8.0f);
    if (!ImGui::BeginTable("units", kColumnCount, flags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    const auto column = [&](const char* name, Column id, float chars, ImGuiTableColumnFlags extra = 0) {
        ImGui::TableSetupColumn(name, extra, font * chars, static_cast<ImGuiID>(id));
    };
    column("##select", kSelect, 1.6f, ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoResize);
    column("Line", kLine, 3.5f, ImGuiTableColumnFlags_DefaultSort);
    column("Serial", kSerial, 7.0f);
    column("MTM", kMtm, 6.5f);
    column("Customer", kCustomer, 9.0f);
    column("Follow-up", kFollowUp, 11.0f, ImGuiTableColumnFlags_NoSort);
    column("Coverage end", kCoverageEnd, 9.5f);
    column("Window", kBucket, 10.0f);
    column("Next window closes", kCloses, 9.5f);
    column("Days left", kDaysLeft, 4.5f);
    column("Best renewal offers", kOffers, 18.0f);
    column("Value", kValue, 7.5f);
    ImGui::TableHeadersRow();

    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (specs && specs->SpecsDirty) {
        table.rows_dirty = true;
        specs->SpecsDirty = false;
    }
    if (table.rows_dirty) {
        RebuildRows(app, table, result, specs);
        table.rows_dirty = false;
        table.anchor = -1;
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(table.rows.size()));
    while (clipper.Step()) {
        for (int pos = clipper.DisplayStart; pos < clipper.DisplayEnd; ++pos) {
            const std::uint32_t index = table.rows[static_cast<std::size_t>(pos)];
            const UnitOpportunity& u = result.units[index];
            ImGui::TableNextRow();
            ImGui::PushID(static_cast<int>(index));
            ImGui::TableNextColumn();
            bool selected = table.selected[index] != 0;
            if (ImGui::Checkbox("##sel", &selected)) {
                // Shift-click sets every row between the last click and this one to the new value.
                const int from = ImGui::GetIO().KeyShift && table.anchor >= 0 ? std::min(table.anchor, pos) : pos;
                const int to = ImGui::GetIO().KeyShift && table.anchor >= 0 ? std::max(table.anchor, pos) : pos;
                for (int p = from; p <= to && p < static_cast<int>(table.rows.size()); ++p) {
                    char& flag = table.selected[table.rows[static_cast<std::size_t>(p)]];
                    if (flag != static_cast<char>(selected))
                        table.selected_count += selected ? 1 : static_cast<std::size_t>(-1);
                    flag = static_cast<char>(selected);
                }
                table.anchor = pos;
            }
            ImGui::TableNextColumn();
            ImGui::Text("%d", u.line);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.serial().data(), u.serial().data() + u.serial().size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.mtm().data(), u.mtm().data() + u.mtm().size());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.customer().data(), u.customer().data() + u.customer().size());
            ImGui::TableNextColumn();
            DrawMarkCell(app, u);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.coverage_end.to_string().c_str());
            if (!u.covered) {
                ImGui::SameLine();
                ImGui::TextDisabled("(ended)");
            }
            ImGui::TableNextColumn();
            DrawUnitUrgency(app, index, u);  // the unit's segment limits decide its colour
            const ClosingWindow* next = u.windows().empty() ? nullptr : &u.windows().front();
            ImGui::TableNextColumn();
            if (next)
                ImGui::Text("%s (%s)", next->closes.to_string().c_str(), std::string(to_string(next->kind())).c_str());
            ImGui::TableNextColumn();
            if (next) ImGui::Text("%d", next->days_left);
            ImGui::TableNextColumn();
            const std::string offers = OffersText(u);
            ImGui::TextUnformatted(offers.empty() ? "\xE2\x80\x93" : offers.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(u.value.to_string().c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// The units table's height for `rows` rows (with a row's checkbox, its header and scrollbar).
float TableHeight(float rows) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetFrameHeight() + style.CellPadding.y * 2.0f;
    const float header = ImGui::GetTextLineHeight() + style.CellPadding.y * 2.0f;
    return header + row * rows + style.ScrollbarSize + 2.0f;
}

// The filters, the marks bar, the selection row and the table, in the width they are given.
void DrawWork(App& app, const FleetParse& parsed, const FleetResult& result, FleetLayout& layout,
              bool marks_automatic) {
    const float start = ImGui::GetCursorPosY();
    if (DrawFilterRow(app)) app.fleet_table.rows_dirty = true;
    // Measured for the next frame's choices: what stays above the table, and the marks bar's body
    // (fleet_marks_panel.cpp keeps that one).
    float body = 0.0f;
    layout.marks_open = DrawFleetMarks(app, result, marks_automatic, body);
    DrawSelectionRow(app, parsed, result);
    layout.memory->SetFloat(MemoryKey("fleet-work-fixed"), ImGui::GetCursorPosY() - start - body);
    if (layout.marks_open) layout.memory->SetFloat(MemoryKey("fleet-marks-body"), body);
    DrawUnitsTable(app, result);
}

}  // namespace

void DrawFleetPanel(App& app) {
    FleetLayout layout;
    layout.memory = ImGui::GetStateStorage();
    const float font = ImGui::GetFontSize();
    const float line = ImGui::GetFrameHeightWithSpacing();
    const float start_y = ImGui::GetCursorPosY();
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const float avail_w = ImGui::GetContentRegionAvail().x;
    layout.beside = avail_w >= font * kBesideFonts;
    layout.side_width = std::clamp(avail_w * 0.3f, font * 28.0f, font * 40.0f);

    // Last frame's heights (estimates before the first): the toolbar and what stays above the
    // table, the marks bar's body and the summary above the table. A section opens by itself
    // while the table keeps kMinRows rows with it.
    ImGuiStorage& memory = *layout.memory;
    const float top = memory.GetFloat(MemoryKey("fleet-top"), line * 2.0f);
    const float fixed = memory.GetFloat(MemoryKey("fleet-work-fixed"), line * 3.0f);
    const float marks_body = memory.GetFloat(MemoryKey("fleet-marks-body"), line * 2.0f);
    const float summary_body = memory.GetFloat(MemoryKey("fleet-summary-body"), font * 11.0f + line * 9.0f);
    const float room = avail_h - top - fixed - TableHeight(kMinRows);
    const bool marks_automatic = room >= marks_body;
    const bool marks_likely = FoldChoice(app.fold_choices, "fleet-marks-open").value_or(marks_automatic);
    const bool summary_automatic = layout.beside || room >= (marks_likely ? marks_body : 0.0f) + summary_body;

    DrawToolbar(app, &layout, summary_automatic);
    ImGui::Separator();
    FleetJob& job = app.Fleet();
    const bool waiting = DrawProgress(app);
    // The mapping step says what it asks itself; its header problems are not bad rows.
    if (job.Stage() != FleetStage::Mapping) DrawBadRows(job);
    const FleetResult* result = job.Result();
    if (waiting || !result || !job.Parsed()) return;

    // A new result (new file, as-of date or catalog) starts with no selection and file order.
    FleetTableState& table = app.fleet_table;
    if (table.generation != job.Generation()) {
        table.generation = job.Generation();
        table.selected.assign(result->units.size(), 0);
        table.selected_count = 0;
        table.rows_dirty = true;
    }
    memory.SetFloat(MemoryKey("fleet-top"), ImGui::GetCursorPosY() - start_y);
    const float rest = ImGui::GetContentRegionAvail().y;

    if (layout.summary_open && layout.beside) {
        // The table keeps the whole height; the radar and totals take a column at the right.
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        ImGui::BeginChild("fleet-work", ImVec2(avail_w - layout.side_width - spacing, rest), false);
        DrawWork(app, *job.Parsed(), *result, layout, marks_automatic);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("fleet-summary", ImVec2(0.0f, rest), true);
        DrawSummary(app, *result, true, font * 9.0f);
        ImGui::EndChild();
        return;
    }
    if (layout.summary_open) {
        // Above the table: as tall as it needs, but never below the table's kMinRows rows (then it
        // scrolls inside itself).
        const float wanted = summary_body;
        const float allowed =
            rest - fixed - (layout.marks_open || marks_likely ? marks_body : 0.0f) - TableHeight(kMinRows);
        const float height = std::max(std::min(wanted, allowed), font * 8.0f);
        ImGui::BeginChild("fleet-summary", ImVec2(0.0f, height), true);
        DrawSummary(app, *result, false, font * 11.0f);
        memory.SetFloat(MemoryKey("fleet-summary-body"),
                        ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y + ImGui::GetStyle().ItemSpacing.y);
        ImGui::EndChild();
    }
    DrawWork(app, *job.Parsed(), *result, layout, marks_automatic);
}

}  // namespace apos::ui
