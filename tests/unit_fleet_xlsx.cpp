// Excel workbooks as fleet files: a sheet gives the units its equivalent CSV gives (date cells,
// shared and inline strings, booleans, skipped cells, a chosen sheet), the .xlsx export reads
// back to the same values, and a file that is not a workbook is refused saying what and where.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "fleet_text.hpp"
#include "fleet_xlsx.hpp"
#include "fleet_xlsx_writer.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;
using test::read_data;

std::string temp_path(const std::string& name) { return testing::TempDir() + name; }

// What a row gives the evaluation, as one line (line numbers left out: a sheet's rows are
// numbered as the sheet numbers them, which need not be the CSV's lines).
std::string unit_text(const FleetRow& r) {
    std::ostringstream out;
    out << r.device.serial << "|" << r.device.mtm << "|" << r.device.ship_date.to_string() << "|"
        << (r.device.purchase_date ? r.device.purchase_date->to_string() : "-") << "|" << r.customer << "|"
        << r.device.quantity;
    for (const std::string& e : r.extra) out << "|" << e;
    return out.str();
}

void expect_same_units(const FleetParse& workbook, const FleetParse& csv) {
    ASSERT_FALSE(workbook.fatal) << describe(workbook);
    ASSERT_FALSE(csv.fatal) << describe(csv);
    EXPECT_TRUE(workbook.errors.empty()) << describe(workbook);
    ASSERT_EQ(workbook.rows.size(), csv.rows.size()) << describe(workbook) << "\n" << describe(csv);
    for (std::size_t i = 0; i < csv.rows.size(); ++i)
        EXPECT_EQ(unit_text(workbook.rows[i]), unit_text(csv.rows[i])) << "unit " << i + 1;
    EXPECT_EQ(workbook.extra_columns, csv.extra_columns);
    EXPECT_EQ(workbook.format.column, csv.format.column);
}

// ---- The fixture workbook against its CSV -------------------------------------------------
TEST(FleetXlsx, FirstSheetGivesTheUnitsOfItsCsv) {
    const std::string bytes = read_data("fleet_cells.xlsx");
    ASSERT_TRUE(looks_like_zip(bytes));
    const FleetParse workbook = parse_fleet_file(bytes);
    expect_same_units(workbook, parse_fleet_csv(read_data("fleet_cells.csv")));
    EXPECT_EQ(workbook.format.sheet, "Installed base");
}

TEST(FleetXlsx, RowsKeepTheSheetsRowNumbers) {
    // Row 4 is an empty <row> and row 6 is absent: errors name the row a person sees in Excel.
    const FleetParse p = parse_fleet_file(read_data("fleet_cells.xlsx"));
    ASSERT_EQ(p.rows.size(), 4u) << describe(p);
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[1].line, 3);
    EXPECT_EQ(p.rows[2].line, 5);
    EXPECT_EQ(p.rows[3].line, 7);
}

TEST(FleetXlsx, DateCellsNeedNoDayMonthOrder) {
    // 2023-03-04 shown as 3/4/2023: as text the column would have to ask; as a date cell it is a day.
    const FleetParse p = parse_fleet_file(read_data("fleet_cells.xlsx"));
    const auto ship = static_cast<std::size_t>(FleetField::ShipDate);
    const auto purchase = static_cast<std::size_t>(FleetField::PurchaseDate);
    ASSERT_FALSE(p.fatal) << describe(p);
    EXPECT_TRUE(p.format.ambiguous_dates.empty());
    EXPECT_EQ(p.format.date_forms[ship], kDateFormCell) << "ship date cells (format 14, m/d/yyyy)";
    EXPECT_EQ(p.format.date_forms[purchase], kDateFormCell) << "purchase date cells (custom dd.mm.yyyy)";
    EXPECT_EQ(describe_date_forms(p.format.date_forms[ship], p.format.date_order[ship]), "workbook date cells");
    EXPECT_EQ(p.rows[1].device.ship_date.to_string(), "2023-03-04");
}

TEST(FleetXlsx, CellKindsAsText) {
    const std::string bytes = read_data("fleet_cells.xlsx");
    std::string error;
    auto records = open_xlsx_sheet(bytes, "", FleetLimits{}, error);
    ASSERT_TRUE(records) << error;
    std::vector<std::string> fields;
    int line = 0;
    std::string problem;
    ASSERT_TRUE(records->next(fields, line, problem));  // the header
    ASSERT_TRUE(records->next(fields, line, problem));
    ASSERT_EQ(fields.size(), 7u);
    EXPECT_EQ(fields[4], "Contoso Ltd") << "rich text runs joined, the phonetic run left out";
    EXPECT_EQ(fields[5], "2") << "a number as written";
    EXPECT_EQ(fields[6], "TRUE") << "a boolean";
    EXPECT_TRUE(records->date_cell(2));
    EXPECT_FALSE(records->date_cell(5)) << "a number in general format is no date";
    ASSERT_TRUE(records->next(fields, line, problem));
    EXPECT_EQ(fields[0], "PF1XLS02") << "an inline string";
    EXPECT_EQ(fields[3], "") << "a cell skipped by its column letter";
    EXPECT_EQ(fields[6], "FALSE");
}

TEST(FleetXlsx, ChosenSheetByName) {
    const std::string bytes = read_data("fleet_cells.xlsx");
    const FleetParse p = parse_fleet_file(bytes, {}, {}, "Spares");
    expect_same_units(p, parse_fleet_csv(read_data("fleet_cells_spares.csv")));
    EXPECT_EQ(p.format.sheet, "Spares");
    // Dates typed as text in a sheet are read as a CSV's are: 13.05.2024 shows day first.
    const auto ship = static_cast<std::size_t>(FleetField::ShipDate);
    EXPECT_EQ(p.format.date_order[ship], DateOrder::DayMonthYear);
    EXPECT_EQ(p.format.date_forms[ship], kDateFormDot);
    // Excel's sheet names ignore case.
    EXPECT_EQ(parse_fleet_file(bytes, {}, {}, "SPARES").rows.size(), 2u);
    std::string error;
    const auto names = xlsx_sheet_names(bytes, error);
    ASSERT_TRUE(names) << error;
    EXPECT_EQ(*names, (std::vector<std::string>{"Installed base", "Spares"}));
}

// ---- Files that are not workbooks -----------------------------------------------------------
struct BadWorkbook {
    const char* name;
    std::string bytes;
    std::string sheet;
    std::vector<std::string> phrases;  // each must appear in the one error
};
void PrintTo(const BadWorkbook& b, std::ostream* os) { *os << b.name; }

class XlsxRefused : public testing::TestWithParam<BadWorkbook> {};

TEST_P(XlsxRefused, SaysWhatAndWhere) {
    const BadWorkbook& b = GetParam();
    const FleetParse p = parse_fleet_file(b.bytes, {}, {}, b.sheet);
    ASSERT_TRUE(p.fatal) << b.name << ": " << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    for (const std::string& phrase : b.phrases)
        EXPECT_NE(p.errors[0].message.find(phrase), std::string::npos)
            << b.name << ": \"" << phrase << "\" not in: " << p.errors[0].message;
}

std::vector<BadWorkbook> bad_workbooks() {
    const std::string good = read_data("fleet_cells.xlsx");
    return {
        {"not_a_zip", "serial,mtm,ship_date\nS1,21HD,2024-01-02\n", "Sheet1", {"not an Excel workbook", "ZIP"}},
        {"zip_without_workbook", read_data("not_a_workbook.xlsx"), "", {"no Excel workbook", "xl/workbook.xml"}},
        {"missing_sheet", good, "Returns", {"no sheet named \"Returns\"", "\"Installed base\", \"Spares\""}},
        {"cut_short", good.substr(0, good.size() / 2), "", {"central directory"}},
        {"old_xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "Sheet1", {".xls"}},
    };
}
INSTANTIATE_TEST_SUITE_P(Files, XlsxRefused, testing::ValuesIn(bad_workbooks()),
                         [](const testing::TestParamInfo<BadWorkbook>& i) { return std::string(i.param.name); });

TEST(FleetXlsx, BrokenSheetXmlKeepsTheRowsBeforeIt) {
    // The sheet's XML stops inside its third row: the two rows before it load, and the problem
    // names the sheet, its part and the XML line.
    const FleetParse p = parse_fleet_file(read_data("broken_sheet.xlsx"));
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    for (const char* phrase : {"sheet \"Units\"", "xl/worksheets/sheet1.xml", "not well-formed XML"})
        EXPECT_NE(p.errors[0].message.find(phrase), std::string::npos) << phrase << " not in " << describe(p);
}

TEST(FleetXlsx, ARowInsideARowEndsTheSheetThere) {
    // Row 3 holds a row of its own (well-formed XML, not SpreadsheetML): row 2 loads, and the
    // problem says where, instead of rows handed out of order.
    const FleetParse p = parse_fleet_file(read_data("nested_row.xlsx"));
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.serial, "B2");
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    for (const char* phrase : {"sheet \"Units\"", "row 3 holds another row"})
        EXPECT_NE(p.errors[0].message.find(phrase), std::string::npos) << phrase << " not in " << describe(p);
}

// ---- Written by the native .xlsx writer, read back -------------------------------------------
TEST(FleetXlsx, FleetWrittenAsWorkbookReadsBackToTheSameUnits) {
    const std::string csv = read_data("fleet_cells.csv");
    const std::string path = temp_path("fleet_round_trip.xlsx");
    {
        XlsxTableWriter w(path, "Fleet", "USD");
        ASSERT_EQ(w.error(), "");
        w.add_csv(csv);
        const auto error = w.close();
        ASSERT_FALSE(error) << *error;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const FleetParse back = parse_fleet_file(bytes.str());
    expect_same_units(back, parse_fleet_csv(csv));
    // The writer made the date columns date cells: no text forms were seen.
    EXPECT_EQ(back.format.date_forms[static_cast<std::size_t>(FleetField::ShipDate)], kDateFormCell);
}

// Our own CSV's records (csv_out.cpp quotes with "" and ends rows with CRLF).
std::vector<std::vector<std::string>> split_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
        else if (c == '"') quoted = !quoted;
        else if (!quoted && c == ',') rows.back().push_back(std::exchange(field, {}));
        else if (!quoted && c == '\r') continue;
        else if (!quoted && c == '\n') {
            rows.back().push_back(std::exchange(field, {}));
            rows.emplace_back();
        } else field += c;
    }
    rows.pop_back();
    return rows;
}

TEST(FleetXlsx, OpportunityExportReadsBackToItsCsvValues) {
    const Catalog& catalog = test::sample_catalog();
    const FleetParse parsed = parse_fleet_csv(read_data("fleet_cells.csv"));
    ASSERT_FALSE(parsed.fatal) << describe(parsed);
    const FleetResult result = evaluate_fleet(catalog, parsed, test::date("2025-06-01"));
    ASSERT_FALSE(result.units.empty());
    const std::string csv = fleet_to_csv(catalog, parsed, result);
    const std::string own = fleet_csv_header({});
    const int typed = static_cast<int>(std::count(own.begin(), own.end(), ',')) + 1;
    const std::string path = temp_path("opportunities.xlsx");
    {
        XlsxTableWriter w(path, "Opportunities", std::string(catalog.policy.currency.code_view()));
        w.add_csv(csv, typed);
        ASSERT_FALSE(w.close());
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    const std::string bytes = out.str();
    std::string error;
    auto records = open_xlsx_sheet(bytes, "", FleetLimits{}, error);
    ASSERT_TRUE(records) << error;
    const auto expected = split_csv(csv);
    const std::vector<std::string>& header = expected[0];
    std::vector<std::string> fields;
    int line = 0;
    std::string problem;
    std::size_t row = 0;
    std::size_t date_cells = 0, money_cells = 0;
    while (records->next(fields, line, problem)) {
        ASSERT_LT(row, expected.size());
        const auto& want = expected[row];
        fields.resize(want.size());
        for (std::size_t c = 0; c < want.size(); ++c) {
            const bool money = row > 0 && (header[c] == "value" || header[c] == "reinstatement_price");
            if (money && !want[c].empty()) {
                // A money cell is a number: 1234.50 comes back as 1234.5, the same amount.
                EXPECT_DOUBLE_EQ(std::stod(fields[c]), std::stod(want[c])) << header[c] << " row " << row;
                ++money_cells;
            } else {
                EXPECT_EQ(fields[c], want[c]) << header[c] << " row " << row;
            }
            if (row > 0 && records->date_cell(c)) ++date_cells;
        }
        ++row;
    }
    EXPECT_EQ(problem, "");
    EXPECT_EQ(row, expected.size());
    EXPECT_GE(date_cells, result.units.size()) << "coverage_end at least is a date cell in every row";
    EXPECT_GE(money_cells, result.units.size()) << "value is a money cell in every row";
}

TEST(FleetXlsx, LargeSheetStreamsInChunks) {
    // Enough rows that the sheet inflates in many 64 KB chunks and the sample reads ahead of them.
    const std::string path = temp_path("fleet_large.xlsx");
    constexpr int kRows = 30000;
    {
        XlsxTableWriter w(path, "Units", "USD");
        std::string csv = "serial,mtm,ship_date,customer\r\n";
        for (int i = 0; i < kRows; ++i)
            csv += "L" + std::to_string(i) + ",21HD,2024-0" + std::to_string(1 + i % 9) + "-1" +
                   std::to_string(i % 10) + ",Customer " + std::to_string(i % 7) + "\r\n";
        w.add_csv(csv);
        ASSERT_FALSE(w.close());
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    const FleetParse p = parse_fleet_file(out.str());
    ASSERT_FALSE(p.fatal) << describe(p).substr(0, 400);
    EXPECT_TRUE(p.errors.empty());
    ASSERT_EQ(p.rows.size(), static_cast<std::size_t>(kRows));
    EXPECT_EQ(p.rows.back().device.serial, "L" + std::to_string(kRows - 1));
    EXPECT_EQ(p.rows.back().line, kRows + 1);
    EXPECT_EQ(p.rows.back().device.ship_date.to_string(), "2024-0" + std::to_string(1 + (kRows - 1) % 9) + "-19");
}

}  // namespace
}  // namespace apos
