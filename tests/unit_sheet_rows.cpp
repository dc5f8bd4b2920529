// A workbook sheet packed by the page's reader module and read back (xlsx/sheet_rows.hpp) parses
// exactly as the reader's own records do: the same rows with their sheet row numbers, the same
// errors and the same format (date cells need no day/month order), and the same refusals. A
// damaged answer ends the sheet with a problem instead of crashing.
#include <gtest/gtest.h>

#include <sstream>

#include "apos/json_io.hpp"
#include "fleet_text.hpp"
#include "fleet_xlsx.hpp"
#include "sheet_rows.hpp"

namespace apos {
namespace {

using test::describe;
using test::read_data;

// Everything a parse holds that the page shows or evaluates, as text.
std::string whole(const FleetParse& p) {
    std::ostringstream out;
    out << describe(p) << "\nformat " << fleet_format_to_json(p.format).dump() << "\nerrors "
        << fleet_errors_to_json(p.errors).dump() << "\nextra";
    for (const std::string& e : p.extra_columns) out << " " << e;
    for (const FleetRow& r : test::all_rows(p)) {
        out << "\n"
            << r.line << " " << r.device.serial << " " << r.device.mtm << " " << r.device.ship_date.to_string() << " "
            << (r.device.purchase_date ? r.device.purchase_date->to_string() : "-") << " " << r.customer << " "
            << r.device.quantity;
        for (const std::string& e : r.extra) out << " |" << e;
    }
    return out.str();
}

// The page's path: names and records asked of the packed reader, then parsed on this side.
FleetParse through_packing(const std::string& bytes, const std::string& sheet) {
    std::string error;
    const auto records = open_xlsx_sheet(bytes, sheet, {}, error);
    const std::string packed = records ? pack_sheet_records(*records) : pack_workbook_error(error);
    std::string unpack_error;
    auto unpacked = unpack_sheet_records(packed, unpack_error);
    return parse_fleet_sheet(std::move(unpacked), unpack_error);
}

struct Workbook {
    const char* name;
    std::string file;
    std::string sheet;
};
void PrintTo(const Workbook& w, std::ostream* os) { *os << w.name; }

class PackedSheet : public testing::TestWithParam<Workbook> {};

TEST_P(PackedSheet, ParsesAsTheReaderItself) {
    const Workbook& w = GetParam();
    const std::string bytes = read_data(w.file);
    ASSERT_FALSE(bytes.empty()) << w.file;
    const FleetParse direct = parse_fleet_file(bytes, {}, {}, w.sheet);
    const FleetParse packed = through_packing(bytes, w.sheet);
    EXPECT_EQ(whole(packed), whole(direct)) << w.name;
}

std::vector<Workbook> workbooks() {
    return {
        {"first_sheet_date_cells", "fleet_cells.xlsx", ""},
        {"second_sheet_text_dates", "fleet_cells.xlsx", "Spares"},
        {"sheet_name_in_other_case", "fleet_cells.xlsx", "SPARES"},
        {"broken_xml_keeps_rows_before", "broken_sheet.xlsx", ""},
        {"row_inside_row_ends_sheet", "nested_row.xlsx", ""},
        {"refused_no_such_sheet", "fleet_cells.xlsx", "Returns"},
        {"refused_zip_without_workbook", "not_a_workbook.xlsx", ""},
    };
}
INSTANTIATE_TEST_SUITE_P(Files, PackedSheet, testing::ValuesIn(workbooks()),
                         [](const testing::TestParamInfo<Workbook>& i) { return std::string(i.param.name); });

TEST(SheetRows, NamesAndErrorsRoundTrip) {
    std::string error;
    const auto names = unpack_sheet_names(pack_sheet_names({"Installed base", "Spares", ""}), error);
    ASSERT_TRUE(names) << error;
    EXPECT_EQ(*names, (std::vector<std::string>{"Installed base", "Spares", ""}));
    EXPECT_FALSE(unpack_sheet_names(pack_workbook_error("the ZIP archive is cut short (3 bytes)"), error));
    EXPECT_EQ(error, "the ZIP archive is cut short (3 bytes)");
    EXPECT_FALSE(unpack_sheet_records(pack_workbook_error("no sheet"), error));
    EXPECT_EQ(error, "no sheet");
    // Names where records were expected (and the other way round) are refused, not misread.
    EXPECT_FALSE(unpack_sheet_records(pack_sheet_names({"A"}), error));
    EXPECT_NE(error.find("damaged"), std::string::npos) << error;
}

TEST(SheetRows, DamagedAnswerEndsTheSheetWithAProblem) {
    const std::string bytes = read_data("fleet_cells.xlsx");
    std::string error;
    const auto records = open_xlsx_sheet(bytes, "", {}, error);
    ASSERT_TRUE(records) << error;
    const std::string packed = pack_sheet_records(*records);
    // Cut anywhere after the sheet name: never a crash, the rows before the cut still come.
    for (std::size_t cut = 20; cut < packed.size(); cut += 7) {
        std::string unpack_error;
        auto cut_records = unpack_sheet_records(packed.substr(0, cut), unpack_error);
        ASSERT_TRUE(cut_records) << cut << ": " << unpack_error;
        const FleetParse p = parse_fleet_sheet(std::move(cut_records), unpack_error);
        const std::string text = describe(p);
        EXPECT_NE(text.find("answer is damaged"), std::string::npos) << "cut at " << cut << ": " << text;
    }
}

}  // namespace
}  // namespace apos
