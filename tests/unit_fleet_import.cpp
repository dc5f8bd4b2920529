// Installed-base files as partners hold them: header synonyms, --map, dates in every common
// form (and the ambiguous case), delimiters, encodings, multi-line quoted fields, grouped
// problems, the sample exports of Snipe-IT, GLPI and the warranty lookup, and a round trip.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "fleet_text.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;
using test::read_data;

std::string test_name(std::string s) {
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
}

// ---- Header synonyms: one case per usual name -------------------------------------------
struct Synonym {
    const char* header;
    FleetField field;
    const char* value;
};
void PrintTo(const Synonym& s, std::ostream* os) { *os << s.header << " -> " << to_string(s.field); }

class HeaderSynonym : public testing::TestWithParam<Synonym> {};

TEST_P(HeaderSynonym, NamesItsField) {
    const Synonym& s = GetParam();
    std::string header = std::string("\"") + s.header + "\"";
    std::string row = s.value;
    if (s.field != FleetField::Mtm) header += ",mtm", row += ",21HD";
    if (s.field != FleetField::ShipDate) header += ",ship_date", row += ",2025-01-02";
    const FleetParse p = parse_fleet_csv(header + "\n" + row + "\n");
    ASSERT_FALSE(p.fatal) << s.header << ": " << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << s.header << ": " << describe(p);
    EXPECT_EQ(p.format.column[static_cast<std::size_t>(s.field)], 0) << s.header;
    EXPECT_TRUE(p.extra_columns.empty()) << s.header << " was kept as an extra column";
}

const Synonym kSynonyms[] = {
    {"Serial Number", FleetField::Serial, "S1"},
    {"serial no.", FleetField::Serial, "S1"},
    {"S/N", FleetField::Serial, "S1"},
    {"Service Tag", FleetField::Serial, "S1"},
    {"SERIAL_NUMBER", FleetField::Serial, "S1"},
    {"MTM", FleetField::Mtm, "21HDCTO1WW"},
    {"Machine Type Model", FleetField::Mtm, "21HDCTO1WW"},
    {"Product", FleetField::Mtm, "21HDCTO1WW"},
    {"Model Number", FleetField::Mtm, "21HDCTO1WW"},
    {"Model No.", FleetField::Mtm, "21HDCTO1WW"},
    {"Part Number", FleetField::Mtm, "21HDCTO1WW"},
    {"Model", FleetField::Mtm, "21HDCTO1WW"},
    {"Ship Date", FleetField::ShipDate, "2025-01-02"},
    {"Shipped", FleetField::ShipDate, "2025-01-02"},
    {"ship-date", FleetField::ShipDate, "2025-01-02"},
    {"Delivery date", FleetField::ShipDate, "2025-01-02"},
    {"Purchase Date", FleetField::PurchaseDate, "2025-01-05"},
    {"Invoice Date", FleetField::PurchaseDate, "2025-01-05"},
    {"Date of purchase", FleetField::PurchaseDate, "2025-01-05"},
    {"Warranty Start", FleetField::PurchaseDate, "2025-01-05"},
    {"Customer", FleetField::Customer, "Acme"},
    {"Company", FleetField::Customer, "Acme"},
    {"Account", FleetField::Customer, "Acme"},
    {"End User", FleetField::Customer, "Acme"},
    {"Coverage End", FleetField::CoverageEnd, "2028-01-01"},
    {"Warranty End", FleetField::CoverageEnd, "2028-01-01"},
    {"Warranty Expiration", FleetField::CoverageEnd, "2028-01-01"},
    {"Warranty expiration date", FleetField::CoverageEnd, "2028-01-01"},
    {"Warranty Expires", FleetField::CoverageEnd, "2028-01-01"},
    {"Country", FleetField::Country, "DE"},
    {"Country Code", FleetField::Country, "DE"},
    {"Channel", FleetField::Channel, "direct"},
    {"Sales Channel", FleetField::Channel, "direct"},
    {"Condition", FleetField::Condition, "new"},
    {"Qty", FleetField::Quantity, "2"},
    {"Services Held", FleetField::Services, "adp"},
};
INSTANTIATE_TEST_SUITE_P(FleetImport, HeaderSynonym, testing::ValuesIn(kSynonyms),
                         [](const testing::TestParamInfo<Synonym>& p) { return test_name(p.param.header); });

TEST(FleetImport, TheIssuesHeadersLoadWithoutAMapping) {
    const FleetParse p =
        parse_fleet_csv("Serial Number,Machine Type Model,Ship Date,Customer\nS1,21HDCTO1WW,2025-01-02,Acme\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.serial, "S1");
    EXPECT_EQ(p.rows[0].customer, "Acme");
}

TEST(FleetImport, AUsualNameWinsOverALooseOne) {
    // Snipe-IT: "Model" is the model's name, "Model No." the MTM.
    const FleetParse p = parse_fleet_csv("Model,Model No.,Ship Date\nThinkPad T14,21HDCTO1WW,2025-01-02\n");
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.mtm, "21HDCTO1WW");
    EXPECT_EQ(p.extra_columns, (std::vector<std::string>{"Model"}));
}

TEST(FleetImport, TwoEqualCandidatesAreSettledByTheirValues) {
    const FleetParse p = parse_fleet_csv("Product,Part Number,ship_date\nThinkPad T14 Gen 4,21HDCTO1WW,2025-01-02\n");
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.mtm, "21HDCTO1WW");
}

TEST(FleetImport, TwoColumnsThatCouldBeAFieldAreAskedAbout) {
    const FleetParse p = parse_fleet_csv("Serial Number,Service Tag,mtm,ship_date\nA,B,21HD,2025-01-02\n");
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_TRUE(p.rows.empty());
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].column, "serial");
    EXPECT_EQ(p.errors[0].line, 1);
    for (const char* part : {"\"Serial Number\"", "\"Service Tag\"", "--map serial="})
        EXPECT_NE(p.errors[0].message.find(part), std::string::npos) << part << " in " << p.errors[0].message;
    EXPECT_EQ(p.format.ambiguous, (std::vector<FleetField>{FleetField::Serial}));
    // Told which one, it loads.
    FleetOptions options;
    std::string error;
    ASSERT_TRUE(parse_fleet_map("serial=\"Service Tag\"", options, error)) << error;
    const FleetParse told =
        parse_fleet_csv("Serial Number,Service Tag,mtm,ship_date\nA,B,21HD,2025-01-02\n", {}, options);
    ASSERT_EQ(told.rows.size(), 1u) << describe(told);
    EXPECT_EQ(told.rows[0].device.serial, "B");
    EXPECT_EQ(told.extra_columns, (std::vector<std::string>{"Serial Number"}));
}

TEST(FleetImport, AMissingRequiredColumnNamesTheColumnsFoundAndWhatToPass) {
    const FleetParse p = parse_fleet_csv("Seriennummer,Typ,Versanddatum\nS1,21HD,2025-01-02\n");
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_EQ(p.format.unmapped, (std::vector<FleetField>{FleetField::Mtm, FleetField::ShipDate}));
    ASSERT_EQ(p.errors.size(), 2u) << describe(p);
    for (const FleetRowError& e : p.errors) {
        EXPECT_EQ(e.line, 1) << "a header problem is not a row";
        for (const char* part : {"\"Seriennummer\"", "\"Typ\"", "\"Versanddatum\"", "--map"})
            EXPECT_NE(e.message.find(part), std::string::npos) << part << " in " << e.message;
    }
    FleetOptions options;
    std::string error;
    ASSERT_TRUE(parse_fleet_map("serial=Seriennummer, mtm=\"Typ\",ship_date=versanddatum", options, error)) << error;
    const FleetParse told = parse_fleet_csv("Seriennummer,Typ,Versanddatum\nS1,21HD,2025-01-02\n", {}, options);
    ASSERT_EQ(told.rows.size(), 1u) << describe(told);
    EXPECT_EQ(told.rows[0].device.serial, "S1");
    EXPECT_TRUE(told.format.told[static_cast<std::size_t>(FleetField::Mtm)]);
}

TEST(FleetImport, AMapNamingNoColumnIsAHeaderError) {
    FleetOptions options;
    std::string error;
    ASSERT_TRUE(parse_fleet_map("mtm=\"Machine\"", options, error)) << error;
    const FleetParse p = parse_fleet_csv("serial,mtm,ship_date\nS1,21HD,2025-01-02\n", {}, options);
    ASSERT_TRUE(p.fatal) << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_NE(p.errors[0].message.find("\"Machine\""), std::string::npos) << p.errors[0].message;
}

TEST(FleetImport, MapTextIsCheckedField) {
    struct Row {
        const char* text;
        bool ok;
    };
    const Row rows[] = {{"serial=\"Serial Number\",mtm=\"Machine Type Model\"", true},
                        {"serial=\"a \"\"quoted\"\" name\"", true},
                        {"customer=", true},
                        {"colour=red", false},
                        {"serial", false},
                        {"serial=a,serial=b", false},
                        {"serial=\"open", false},
                        {"", false}};
    for (const Row& r : rows) {
        FleetOptions options;
        std::string error;
        EXPECT_EQ(parse_fleet_map(r.text, options, error), r.ok) << r.text << ": " << error;
    }
    FleetOptions options;
    std::string error;
    ASSERT_TRUE(parse_fleet_map("serial=\"a \"\"quoted\"\", name\"", options, error));
    EXPECT_EQ(options.columns[0].second, "a \"quoted\", name");
}

TEST(FleetImport, APurchaseDateStandsInWhenThereIsNoShipDate) {
    const FleetParse p = parse_fleet_csv("Serial,Model No.,Purchase Date\nS1,21HD,2025-01-05\nS2,21HD,\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_TRUE(p.format.ship_date_from_purchase);
    EXPECT_EQ(p.rows[0].device.ship_date, test::date("2025-01-05"));
    EXPECT_EQ(p.rows[0].device.purchase_date, test::date("2025-01-05"));
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].column, "purchase_date");
}

// ---- Dates: one case per form --------------------------------------------------------------
struct DateForm {
    const char* name;
    const char* value;
    const char* iso;
    const char* form;  // part of the form the result names
};
void PrintTo(const DateForm& d, std::ostream* os) { *os << d.value << " -> " << d.iso; }

class ImportedDateForm : public testing::TestWithParam<DateForm> {};

TEST_P(ImportedDateForm, ReadsAsTheCalendarDate) {
    const DateForm& d = GetParam();
    const FleetParse p = parse_fleet_csv(std::string("mtm,ship_date\n21HD,\"") + d.value + "\"\n");
    ASSERT_FALSE(p.fatal) << d.value << ": " << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << d.value << ": " << describe(p);
    EXPECT_EQ(p.rows[0].device.ship_date, test::date(d.iso)) << d.value;
    const std::size_t ship = static_cast<std::size_t>(FleetField::ShipDate);
    const std::string forms = describe_date_forms(p.format.date_forms[ship], p.format.date_order[ship]);
    EXPECT_NE(forms.find(d.form), std::string::npos) << d.value << " read as " << forms;
}

const DateForm kDateForms[] = {
    {"Iso", "2024-05-14", "2024-05-14", "year-month-day"},
    {"IsoWithSlashes", "2024/05/14", "2024-05-14", "year-month-day"},
    {"IsoCompact", "20240514", "2024-05-14", "year-month-day"},
    {"IsoSingleDigits", "2024-5-4", "2024-05-04", "year-month-day"},
    {"IsoWithTime", "2024-05-14T09:30:00Z", "2024-05-14", "a time part left out"},
    {"IsoWithSpaceTime", "2024-05-14 09:30", "2024-05-14", "a time part left out"},
    {"UsMonthDayYear", "05/14/2024", "2024-05-14", "month/day/year"},
    {"UsShort", "5/14/2024", "2024-05-14", "month/day/year"},
    {"UsWithTime", "5/14/2024 9:30 AM", "2024-05-14", "a time part left out"},
    {"UsTwoDigitYear", "5/14/24", "2024-05-14", "two-digit years"},
    {"EuropeanDots", "14.05.2024", "2024-05-14", "day.month.year"},
    {"EuropeanSlashes", "14/05/2024", "2024-05-14", "day/month/year"},
    {"EuropeanDashes", "14-05-2024", "2024-05-14", "day-month-year"},
    {"DayMonthName", "14-May-2024", "2024-05-14", "month-name"},
    {"DayMonthNameShortYear", "14-May-24", "2024-05-14", "month-name"},
    {"DayFullMonthName", "14 September 2024", "2024-09-14", "month-name"},
    {"MonthNameFirst", "May 14, 2024", "2024-05-14", "month-name"},
    {"ExcelDayNumber", "45426", "2024-05-14", "Excel day numbers"},
    {"ExcelDayNumberWithTime", "45426.375", "2024-05-14", "Excel day numbers"},
    {"SameDayAndMonth", "05/05/2024", "2024-05-05", "/"},
};
INSTANTIATE_TEST_SUITE_P(FleetImport, ImportedDateForm, testing::ValuesIn(kDateForms),
                         [](const testing::TestParamInfo<DateForm>& p) { return std::string(p.param.name); });

TEST(FleetImport, TheOrderIsDetectedFromAllOfAColumnsValues) {
    // Only the third row shows that the column is day/month/year; the first two follow it.
    const FleetParse p = parse_fleet_csv("mtm,ship_date\n21HD,01/02/2025\n21HD,03/04/2025\n21HD,25/04/2025\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 3u) << describe(p);
    EXPECT_EQ(p.rows[0].device.ship_date, test::date("2025-02-01"));
    EXPECT_EQ(p.rows[1].device.ship_date, test::date("2025-04-03"));
    const std::size_t ship = static_cast<std::size_t>(FleetField::ShipDate);
    EXPECT_EQ(p.format.date_order[ship], DateOrder::DayMonthYear);
    EXPECT_EQ(p.format.order_source[ship], "its values");
}

TEST(FleetImport, AnAmbiguousDateColumnIsAskedAboutNotGuessed) {
    const std::string text = "mtm,Ship Date\n21HD,05/06/2024\n21HD,01/02/2024\n";
    const FleetParse p = parse_fleet_csv(text);
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_EQ(p.format.ambiguous_dates, (std::vector<FleetField>{FleetField::ShipDate}));
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    for (const char* part : {"\"Ship Date\"", "05/06/2024", "--date-order dmy", "--date-order mdy"})
        EXPECT_NE(p.errors[0].message.find(part), std::string::npos) << part << " in " << p.errors[0].message;
    FleetOptions dmy;
    dmy.date_order = DateOrder::DayMonthYear;
    const FleetParse as_dmy = parse_fleet_csv(text, {}, dmy);
    ASSERT_EQ(as_dmy.rows.size(), 2u) << describe(as_dmy);
    EXPECT_EQ(as_dmy.rows[0].device.ship_date, test::date("2024-06-05"));
    FleetOptions mdy;
    mdy.date_order = DateOrder::MonthDayYear;
    const FleetParse as_mdy = parse_fleet_csv(text, {}, mdy);
    ASSERT_EQ(as_mdy.rows.size(), 2u) << describe(as_mdy);
    EXPECT_EQ(as_mdy.rows[0].device.ship_date, test::date("2024-05-06"));
    EXPECT_EQ(as_mdy.format.order_source[static_cast<std::size_t>(FleetField::ShipDate)], "--date-order");
}

TEST(FleetImport, AFewAmbiguousDatesAmongOtherFormsAreRowErrorsNotAQuestion) {
    const FleetParse p = parse_fleet_csv("mtm,ship_date\n21HD,2024-05-01\n21HD,2024-05-02\n21HD,12/03/2024\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    EXPECT_EQ(p.rows.size(), 2u) << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 4);
    EXPECT_NE(p.errors[0].message.find("--date-order"), std::string::npos) << p.errors[0].message;
}

TEST(FleetImport, AnAmbiguousColumnFollowsAnotherDateColumnOfTheFile) {
    const FleetParse p = parse_fleet_csv("mtm,ship_date,purchase_date\n21HD,05/06/2024,05/20/2024\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.ship_date, test::date("2024-05-06"));
    EXPECT_EQ(p.format.order_source[static_cast<std::size_t>(FleetField::ShipDate)], "the purchase_date column");
}

TEST(FleetImport, DatesAgainstTheChosenOrderAreOneGroupedProblem) {
    std::string text = "mtm,ship_date\n";
    for (int i = 0; i < 500; ++i) text += "21HD,10/13/2024\n";
    FleetOptions dmy;
    dmy.date_order = DateOrder::DayMonthYear;
    const FleetParse p = parse_fleet_csv(text, {}, dmy);
    EXPECT_TRUE(p.rows.empty());
    ASSERT_EQ(p.errors.size(), 500u);
    const std::vector<FleetErrorGroup> groups = group_fleet_errors(p.errors);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].rows, 500);
    EXPECT_EQ(groups[0].first_line, 2);
    const std::string line = to_string(groups[0]);
    for (const char* part : {"500 rows", "ship_date", "month/day/year", "10/13/2024", "--date-order mdy"})
        EXPECT_NE(line.find(part), std::string::npos) << part << " in " << line;
}

TEST(FleetImport, DifferentProblemsStayApartAndEvaluationErrorsGroupByTheirWords) {
    std::vector<FleetRowError> errors = {
        {2, "mtm", "machine type \"ZZZZ\" is not in the catalog (38 types are)"},
        {3, "mtm", "machine type \"YYYY\" is not in the catalog (38 types are)"},
        {4, "ship_date", "not a calendar date, found \"2025-02-30\"", "not a calendar date", "2025-02-30"},
    };
    const std::vector<FleetErrorGroup> groups = group_fleet_errors(errors);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].rows, 2);
    EXPECT_EQ(groups[0].value, "ZZZZ");
    EXPECT_EQ(groups[1].rows, 1);
    EXPECT_EQ(to_string(groups[1]), "line 4: ship_date: not a calendar date, found \"2025-02-30\"");
}

TEST(FleetImport, ImpossibleDatesInEveryFormAreRowErrors) {
    const char* values[] = {"2025-02-30", "31.02.2025", "13/13/2025", "32-Jan-2025", "yesterday", "12345", "2025-13"};
    for (const char* v : values) {
        const FleetParse p = parse_fleet_csv(std::string("mtm,ship_date\n21HD,2025-01-01\n21HD,") + v + "\n");
        EXPECT_FALSE(p.fatal) << v << ": " << describe(p);
        EXPECT_EQ(p.rows.size(), 1u) << v << ": " << describe(p);
        ASSERT_EQ(p.errors.size(), 1u) << v << ": " << describe(p);
        EXPECT_EQ(p.errors[0].line, 3);
        EXPECT_NE(p.errors[0].message.find(v), std::string::npos) << p.errors[0].message;
    }
}

// ---- Delimiters, encodings, quoted fields over lines ------------------------------------------
struct Layout {
    const char* name;
    std::string text;
    char delimiter;
    TextEncoding encoding;
};

std::string utf16(const std::string& ascii_or_latin1, bool big_endian, bool bom) {
    std::string out;
    if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (char c : ascii_or_latin1) {
        const char hi = 0;
        if (big_endian) out += hi, out += c;
        else out += c, out += hi;
    }
    return out;
}

TEST(FleetImport, EveryDelimiterAndEncodingReadsTheSameUnits) {
    const std::string latin =
        "Serial;Product;Ship Date;Customer\nS1;21HD;14.05.2024;M\xFCller\nS2;21JK;01.02.2024;Ol\xE9\n";
    const std::string comma =
        "serial,mtm,ship_date,customer\nS1,21HD,2024-05-14,M\xC3\xBCller\nS2,21JK,2024-02-01,Ol\xC3\xA9\n";
    const Layout layouts[] = {
        {"comma", comma, ',', TextEncoding::Utf8},
        {"utf8 bom", "\xEF\xBB\xBF" + comma, ',', TextEncoding::Utf8Bom},
        {"semicolon windows-1252", latin, ';', TextEncoding::Windows1252},
        {"tab",
         "serial\tmtm\tship_date\tcustomer\nS1\t21HD\t2024-05-14\tM\xC3\xBCller\nS2\t21JK\t2024-02-01\tOl\xC3\xA9\n",
         '\t', TextEncoding::Utf8},
        {"excel sep line",
         "sep=;\nserial;mtm;ship_date;customer\nS1;21HD;2024-05-14;M\xC3\xBCller\nS2;21JK;2024-02-01;Ol\xC3\xA9\n", ';',
         TextEncoding::Utf8},
        {"utf-16 le",
         utf16("serial\tmtm\tship_date\tcustomer\nS1\t21HD\t2024-05-14\tM\xFCller\nS2\t21JK\t2024-02-01\tOl\xE9\n",
               false, true),
         '\t', TextEncoding::Utf16Le},
        {"utf-16 be",
         utf16("serial,mtm,ship_date,customer\r\nS1,21HD,2024-05-14,M\xFCller\r\nS2,21JK,2024-02-01,Ol\xE9\r\n", true,
               true),
         ',', TextEncoding::Utf16Be},
        {"utf-16 le without mark",
         utf16("serial,mtm,ship_date,customer\nS1,21HD,2024-05-14,M\xFCller\nS2,21JK,2024-02-01,Ol\xE9\n", false,
               false),
         ',', TextEncoding::Utf16Le},
    };
    for (const Layout& l : layouts) {
        const FleetParse p = parse_fleet_csv(l.text);
        SCOPED_TRACE(std::string(l.name) + ": " + describe(p));
        ASSERT_FALSE(p.fatal);
        EXPECT_EQ(p.format.delimiter, l.delimiter);
        EXPECT_EQ(p.format.encoding, l.encoding);
        EXPECT_TRUE(p.errors.empty());
        ASSERT_EQ(p.rows.size(), 2u);
        EXPECT_EQ(p.rows[0].device.mtm, "21HD");
        EXPECT_EQ(p.rows[0].device.ship_date, test::date("2024-05-14"));
        EXPECT_EQ(p.rows[0].customer, "M\xC3\xBCller");  // as UTF-8
        EXPECT_EQ(p.rows[1].customer, "Ol\xC3\xA9");
        EXPECT_EQ(p.rows[1].device.ship_date, test::date("2024-02-01"));
    }
}

TEST(FleetImport, QuotedFieldsOverLinesInASemicolonFileKeepLineNumbers) {
    const FleetParse p = parse_fleet_csv(
        "serial;mtm;ship_date;customer;services\n"
        "S1;21HD;14.05.2024;\"Smith; Jones\nand Co\";\"extension;adp\"\n"  // 2-3
        "S2;21HD;31.13.2024;x;\n");                                        // 4
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].customer, "Smith; Jones\nand Co");
    EXPECT_EQ(p.rows[0].device.services_held.size(), 2u);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 4);
}

TEST(FleetImport, LowerCaseCountryCodesAreRead) {
    const FleetParse p = parse_fleet_csv("mtm,ship_date,country\n21HD,2025-01-01,de\n");
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.country, "DE");
}

TEST(FleetImport, TheMappingStepGetsHeadersAndSampleRows) {
    const FleetParse p =
        parse_fleet_csv("Serial Number,Machine Type Model,Ship Date\nS1,21HD,2025-01-01\nS2,21JK,2025-01-02\n");
    EXPECT_EQ(p.format.headers, (std::vector<std::string>{"Serial Number", "Machine Type Model", "Ship Date"}));
    ASSERT_EQ(p.format.samples.size(), 2u);
    EXPECT_EQ(p.format.samples[1][1], "21JK");
}

// ---- The sample exports of the tools partners use ---------------------------------------------
struct Export {
    const char* name;
    const char* file;
    char delimiter;
    const char* serial_column;
    const char* mtm_column;
};
void PrintTo(const Export& e, std::ostream* os) { *os << e.file; }

class ToolExport : public testing::TestWithParam<Export> {};

TEST_P(ToolExport, LoadsWithNoMapping) {
    const Export& e = GetParam();
    const FleetParse p = parse_fleet_csv(read_data(e.file));
    ASSERT_FALSE(p.fatal) << e.file << ": " << describe(p);
    EXPECT_TRUE(p.errors.empty()) << e.file << ": " << describe(p);
    ASSERT_EQ(p.rows.size(), 3u) << e.file << ": " << describe(p);
    EXPECT_EQ(p.format.delimiter, e.delimiter);
    EXPECT_EQ(p.format.headers[static_cast<std::size_t>(p.format.column[0])], e.serial_column);
    EXPECT_EQ(p.format.headers[static_cast<std::size_t>(p.format.column[1])], e.mtm_column);
    // Every tool's file describes the same three units.
    EXPECT_EQ(p.rows[0].device.mtm.substr(0, 4), "21HD");
    EXPECT_EQ(p.rows[1].device.mtm.substr(0, 4), "21JK");
    EXPECT_EQ(p.rows[2].device.mtm.substr(0, 4), "12DL");
    const FleetResult result = evaluate_fleet(test::sample_catalog(), p, test::date("2026-01-15"));
    EXPECT_EQ(result.units.size(), 3u) << e.file;
    EXPECT_TRUE(result.errors.empty()) << e.file << ": " << (result.errors.empty() ? "" : result.errors[0].message);
}

const Export kExports[] = {
    {"SnipeIt", "snipeit_assets.csv", ',', "Serial", "Model No."},
    {"Glpi", "glpi_computers.csv", ';', "Serial number", "Model"},
    {"WarrantyLookup", "warranty_lookup.csv", ',', "Serial", "Product"},
    {"ExcelUs", "excel_us.csv", ',', "Serial Number", "Machine Type Model"},
};
INSTANTIATE_TEST_SUITE_P(FleetImport, ToolExport, testing::ValuesIn(kExports),
                         [](const testing::TestParamInfo<Export>& p) { return std::string(p.param.name); });

TEST(FleetImport, TheGlpiExportsDatesAreDayMonthYear) {
    const FleetParse p = parse_fleet_csv(read_data("glpi_computers.csv"));
    ASSERT_EQ(p.rows.size(), 3u) << describe(p);
    EXPECT_EQ(p.rows[0].device.ship_date, test::date("2025-02-14"));
    EXPECT_EQ(p.rows[0].device.coverage_end, test::date("2028-02-13"));
    EXPECT_EQ(p.format.encoding, TextEncoding::Utf8Bom);
}

TEST(FleetImport, TheSnipeItExportTakesItsPurchaseDateAsTheShipDate) {
    const FleetParse p = parse_fleet_csv(read_data("snipeit_assets.csv"));
    ASSERT_EQ(p.rows.size(), 3u) << describe(p);
    EXPECT_TRUE(p.format.ship_date_from_purchase);
    EXPECT_EQ(p.rows[1].device.ship_date, test::date("2024-11-03"));
    EXPECT_EQ(p.rows[1].customer, "Acme School");
}

}  // namespace
}  // namespace apos
