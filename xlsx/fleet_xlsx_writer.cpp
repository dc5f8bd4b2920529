// The .xlsx writer over libxlsxwriter: typed cells by column name, one row at a time.
#include "fleet_xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <cstdlib>

#include "apos/date.hpp"
#include "apos/fleet_format.hpp"

namespace apos {

namespace {

enum class CellKind { Text, Count, Date, Money };

// The export's columns that hold something other than text (csv_out.cpp names them), and in a
// fleet file the date and quantity columns by their usual names (fleet_format.hpp).
CellKind kind_of(std::string_view name) {
    if (const auto field = field_for_header(name)) {
        if (is_date_field(field->first)) return CellKind::Date;
        if (field->first == FleetField::Quantity) return CellKind::Count;
    }
    auto ends = [&](std::string_view tail) {
        return name.size() > tail.size() && name.substr(name.size() - tail.size()) == tail;
    };
    if (name == "coverage_end" || name == "closes" || ends("_date")) return CellKind::Date;
    if (name == "value" || ends("_price")) return CellKind::Money;
    if (name == "line" || name == "quantity" || name == "days_left") return CellKind::Count;
    return CellKind::Text;
}

// A whole-text number ("12", "-3.50"); nothing for anything else.
std::optional<double> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || text.find_first_not_of("-0123456789.") != std::string::npos) return std::nullopt;
    return v;
}

constexpr lxw_row_t kMaxRows = 1'048'576;  // Excel's last row

}  // namespace

struct XlsxTableWriter::State {
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    lxw_format* date = nullptr;
    lxw_format* money = nullptr;
    lxw_format* bold = nullptr;
    std::vector<CellKind> kinds;
    lxw_row_t next_row = 0;
    std::string pending;  // CSV text of a row cut between two add_csv calls
};

XlsxTableWriter::XlsxTableWriter(const std::string& path, const std::string& sheet, const std::string& currency)
    : state_(std::make_unique<State>()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to a temporary file as they are written
    State& s = *state_;
    s.workbook = workbook_new_opt(path.c_str(), &options);
    if (!s.workbook) {
        error_ = "cannot start the workbook " + path;
        return;
    }
    s.sheet = workbook_add_worksheet(s.workbook, sheet.c_str());
    s.date = workbook_add_format(s.workbook);
    format_set_num_format(s.date, "yyyy-mm-dd");
    s.money = workbook_add_format(s.workbook);
    const std::string money_format = "#,##0.00 \"" + currency + "\"";
    format_set_num_format(s.money, money_format.c_str());
    s.bold = workbook_add_format(s.workbook);
    format_set_bold(s.bold);
    if (!s.sheet) error_ = "cannot add the sheet \"" + sheet + "\"";
}

XlsxTableWriter::~XlsxTableWriter() {
    if (state_->workbook) close();
}

void XlsxTableWriter::header(const std::vector<std::string>& names, int typed_columns) {
    State& s = *state_;
    if (!error_.empty()) return;
    s.kinds.clear();
    for (std::size_t c = 0; c < names.size(); ++c) {
        const bool typed = typed_columns < 0 || c < static_cast<std::size_t>(typed_columns);
        s.kinds.push_back(typed ? kind_of(names[c]) : CellKind::Text);
        worksheet_write_string(s.sheet, s.next_row, static_cast<lxw_col_t>(c), names[c].c_str(), s.bold);
        worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             s.kinds.back() == CellKind::Text ? 16 : 12, nullptr);
    }
    worksheet_freeze_panes(s.sheet, 1, 0);
    ++s.next_row;
}

void XlsxTableWriter::row(const std::vector<std::string>& cells) {
    State& s = *state_;
    if (!error_.empty()) return;
    if (s.next_row >= kMaxRows) {
        error_ = "a sheet holds at most " + std::to_string(kMaxRows - 1) + " rows below its header; write CSV instead";
        return;
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string& v = cells[c];
        if (v.empty()) continue;
        const auto col = static_cast<lxw_col_t>(c);
        const CellKind kind = c < s.kinds.size() ? s.kinds[c] : CellKind::Text;
        lxw_error rc = LXW_NO_ERROR;
        if (kind == CellKind::Date && Date::parse(v)) {
            const YearMonthDay d = Date::parse(v)->ymd();
            lxw_datetime when{d.year, d.month, d.day, 0, 0, 0.0};
            rc = worksheet_write_datetime(s.sheet, s.next_row, col, &when, s.date);
        } else if ((kind == CellKind::Money || kind == CellKind::Count) && number(v)) {
            rc = worksheet_write_number(s.sheet, s.next_row, col, *number(v),
                                        kind == CellKind::Money ? s.money : nullptr);
        } else {
            rc = worksheet_write_string(s.sheet, s.next_row, col, v.c_str(), nullptr);
        }
        if (rc != LXW_NO_ERROR) {
            error_ = "row " + std::to_string(s.next_row + 1) + ": " + lxw_strerror(rc);
            return;
        }
    }
    ++s.next_row;
}

void XlsxTableWriter::add_csv(std::string_view text, int typed_columns) {
    State& s = *state_;
    s.pending.append(text);
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    std::size_t row_start = 0;
    for (std::size_t i = 0; i < s.pending.size(); ++i) {
        const char c = s.pending[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.pending.size() && s.pending[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            if (!field.empty() && field.back() == '\r') field.pop_back();
            fields.push_back(std::move(field));
            field.clear();
            if (s.kinds.empty()) header(fields, typed_columns);
            else row(fields);
            fields.clear();
            row_start = i + 1;
        } else {
            field += c;
        }
    }
    s.pending.erase(0, row_start);
}

std::optional<std::string> XlsxTableWriter::close() {
    State& s = *state_;
    if (!s.workbook) return error_.empty() ? std::nullopt : std::optional<std::string>(error_);
    if (!s.pending.empty()) add_csv("\n");
    const lxw_error rc = workbook_close(s.workbook);
    s.workbook = nullptr;
    if (error_.empty() && rc != LXW_NO_ERROR) error_ = std::string("cannot write the workbook: ") + lxw_strerror(rc);
    if (error_.empty()) return std::nullopt;
    return error_;
}

}  // namespace apos
