// The fleet's mapping step: when the core cannot place a required field, tell two columns apart
// or decide a date column's day/month order, the file's headers, the core's guess per field and
// a few sample values are shown, with a combo per field and the order to choose; "Load with
// this mapping" reads the file again with those options. The choice is remembered for files
// with the same header row. All guesses and reading come from the core (fleet_format.hpp).
// A workbook of several sheets also gets a sheet choice here (DrawFleetSheetChoice).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"
#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"

namespace apos::ui {

namespace {

constexpr int kNone = -1;

// What each field is, in a few words, for the person choosing its column.
const char* FieldHint(FleetField field) {
    switch (field) {
        case FleetField::Serial: return "serial number";
        case FleetField::Mtm: return "machine type model, such as 21HD (required)";
        case FleetField::ShipDate: return "ship date (required; or a purchase date)";
        case FleetField::PurchaseDate: return "proof-of-purchase date";
        case FleetField::Channel: return "direct or distributor";
        case FleetField::Condition: return "new, open-box or refurbished";
        case FleetField::Country: return "2-letter country code";
        case FleetField::CoverageEnd: return "end of coverage already bought";
        case FleetField::Services: return "services held, such as adp;kyd";
        case FleetField::Customer: return "end customer";
        case FleetField::Quantity: return "units on the row";
    }
    return "";
}

bool Contains(const std::vector<FleetField>& fields, FleetField field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
}

// Why the core asks about a field, or nothing.
const char* Question(const FleetFormat& format, FleetField field) {
    if (Contains(format.unmapped, field)) return "no column found";
    if (Contains(format.ambiguous, field)) return "more than one column could be it";
    if (Contains(format.ambiguous_dates, field)) return "day and month could be either way round";
    return nullptr;
}

// A header as the person sees it; a name other columns share also says where the column is.
std::string ColumnName(const FleetFormat& format, int column) {
    if (column < 0 || static_cast<std::size_t>(column) >= format.headers.size()) return "(none)";
    const std::string& name = format.headers[static_cast<std::size_t>(column)];
    if (!name.empty() && fleet_column_reference(format.headers, column) == name) return name;
    return (name.empty() ? "(no name)" : name) + " (column " + std::to_string(column + 1) + ")";
}

// The first few values of a column, from the core's sample rows.
std::string SampleValues(const FleetFormat& format, int column) {
    if (column < 0) return "";
    std::string out;
    for (const std::vector<std::string>& row : format.samples) {
        if (static_cast<std::size_t>(column) >= row.size() || row[static_cast<std::size_t>(column)].empty()) continue;
        out += (out.empty() ? "" : ", ") + row[static_cast<std::size_t>(column)];
    }
    return out;
}

// A combo over the file's headers (the core's candidates marked), reported to the widget table
// so that the focus ring can reach it by Tab and open it with Enter.
bool ColumnCombo(FleetField field, const FleetFormat& format, int& column) {
    const std::string name(to_string(field));
    const std::string id_label = "##column " + name;
    const std::string report = "Column for " + name + id_label;
    const ImGuiID id = ImGui::GetID(id_label.c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
    const bool open = ImGui::BeginCombo(id_label.c_str(), ColumnName(format, column).c_str());
    ReportItem(id, report.c_str(), true, open);
    if (!open) return false;
    bool changed = false;
    if (ImGui::Selectable("(none)##none", column == kNone) && column != kNone) {
        column = kNone;
        changed = true;
    }
    const std::vector<int>& candidates = format.candidates[static_cast<std::size_t>(field)];
    for (std::size_t c = 0; c < format.headers.size(); ++c) {
        const bool candidate = std::find(candidates.begin(), candidates.end(), static_cast<int>(c)) != candidates.end();
        const std::string label =
            ColumnName(format, static_cast<int>(c)) + (candidate ? "  (suggested)" : "") + "##h" + std::to_string(c);
        const bool selected = column == static_cast<int>(c);
        if (ImGui::Selectable(label.c_str(), selected) && !selected) {
            column = static_cast<int>(c);
            changed = true;
        }
    }
    ImGui::EndCombo();
    return changed;
}

const char* OrderLabel(DateOrder order) {
    switch (order) {
        case DateOrder::DayMonthYear: return "day/month/year (13/05/2024, 13.05.2024)";
        case DateOrder::MonthDayYear: return "month/day/year (05/13/2024)";
        case DateOrder::Unknown: break;
    }
    return "from the dates themselves";
}

bool OrderCombo(DateOrder& order) {
    const char* id_label = "##date order";
    const ImGuiID id = ImGui::GetID(id_label);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 17.0f);
    const bool open = ImGui::BeginCombo(id_label, OrderLabel(order));
    ReportItem(id, "Day and month order##date order", true, open);
    if (!open) return false;
    bool changed = false;
    for (DateOrder choice : {DateOrder::Unknown, DateOrder::DayMonthYear, DateOrder::MonthDayYear}) {
        const bool selected = choice == order;
        if (ImGui::Selectable(OrderLabel(choice), selected) && !selected) {
            order = choice;
            changed = true;
        }
    }
    ImGui::EndCombo();
    return changed;
}

// The first rows as the file has them, so the person sees what each header holds.
void DrawFilePreview(const FleetFormat& format) {
    if (format.headers.empty()) return;
    const int columns = static_cast<int>(std::min<std::size_t>(format.headers.size(), 64));
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    const float height = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(format.samples.size() + 2) +
                         ImGui::GetStyle().ScrollbarSize;
    if (!ImGui::BeginTable("file preview", columns, flags, ImVec2(0.0f, height))) return;
    for (int c = 0; c < columns; ++c) ImGui::TableSetupColumn(format.headers[static_cast<std::size_t>(c)].c_str());
    ImGui::TableHeadersRow();
    for (const std::vector<std::string>& row : format.samples) {
        ImGui::TableNextRow();
        for (int c = 0; c < columns; ++c) {
            ImGui::TableNextColumn();
            if (static_cast<std::size_t>(c) < row.size())
                ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void DrawFleetSheetChoice(App& app) {
    FleetJob& job = app.Fleet();
    const std::vector<std::string>& sheets = job.Sheets();
    if (sheets.size() < 2) return;
    const std::string current = job.Sheet().empty() ? sheets.front() : job.Sheet();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Sheet");
    ImGui::SameLine();
    const char* id_label = "##fleet sheet";
    const ImGuiID id = ImGui::GetID(id_label);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
    const bool open = ImGui::BeginCombo(id_label, current.c_str());
    ReportItem(id, "Sheet##fleet sheet", true, open);
    if (!open) return;
    std::string chosen;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const bool selected = sheets[i] == current;
        const std::string label = sheets[i] + "##sheet" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), selected) && !selected) chosen = sheets[i];
    }
    ImGui::EndCombo();
    if (!chosen.empty()) {
        app.ChooseFleetSheet(chosen);
        app.status_message = "Reading the sheet \"" + chosen + "\"";
    }
}

void DrawFleetMappingStep(App& app) {
    FleetJob& job = app.Fleet();
    const FleetParse* parsed = job.Parsed();
    if (job.Stage() != FleetStage::Mapping || !parsed) return;
    const FleetFormat& format = parsed->format;
    FleetMappingState& state = app.fleet_mapping;
    const std::string key = fleet_header_key(format.headers);

    if (state.generation != job.Generation()) {
        state.generation = job.Generation();
        state.column = suggested_fleet_columns(format);
        state.order = job.Options().date_order;
        state.remembered = false;
        // A first reading of a file whose header shape has a remembered mapping: read it so.
        const App::RememberedFleetMap* remembered = app.FindFleetMap(key);
        if (remembered && job.Options().columns.empty()) {
            FleetOptions options;
            std::string error;
            if (parse_fleet_map(remembered->map, options, error)) {
                options.date_order = remembered->order;
                app.status_message = "Read with the mapping you chose before for these columns";
                job.LoadWithOptions(std::move(options));
                return;
            }
        }
        state.remembered = remembered != nullptr;
    }

    ImGui::Spacing();
    ImGui::TextUnformatted("Which column is which?");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled(
        "The file's columns could not all be placed. Choose a column for each field (at least the machine "
        "type model and a ship or purchase date), check the sample values, then load.");
    if (state.remembered)
        ImGui::TextDisabled("The mapping remembered for these columns did not read this file; it is shown below.");
    ImGui::PopTextWrapPos();

    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("mapping", 3, flags)) {
        ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("Column in the file", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("Sample values", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableHeadersRow();
        for (FleetField field : kFleetFields) {
            const auto i = static_cast<std::size_t>(field);
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s", std::string(to_string(field)).c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%s", FieldHint(field));
            if (const char* question = Question(format, field)) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextColored(ImVec4(0.80f, 0.45f, 0.05f, 1.0f), "%s", question);
                ImGui::PopTextWrapPos();
            }
            ImGui::TableNextColumn();
            ColumnCombo(field, format, state.column[i]);
            ImGui::TableNextColumn();
            const std::string samples = SampleValues(format, state.column[i]);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(samples.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Dates such as 05/06/2024 are");
    ImGui::SameLine();
    OrderCombo(state.order);
    if (!format.ambiguous_dates.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.80f, 0.45f, 0.05f, 1.0f), "choose: the dates do not say");
    }

    const FleetOptions options = fleet_options_for(format, state.column, state.order);
    if (ImGui::Button("Load with this mapping")) {
        app.RememberFleetMap({key, fleet_map_text(options), state.order});
        job.LoadWithOptions(options);
        return;  // `format` belonged to the reading just dropped
    }
    // The command line that reads the file the same way, for a person who also uses the CLI
    // (every argument quoted for the shell by the core, whatever the headers hold).
    const std::string command = fleet_command_line(job.FileName(), job.Sheet(), options);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Same as: %s", command.c_str());
    ImGui::PopTextWrapPos();

    ImGui::Spacing();
    ImGui::TextUnformatted("The file's first rows");
    DrawFilePreview(format);
}

}  // namespace apos::ui
