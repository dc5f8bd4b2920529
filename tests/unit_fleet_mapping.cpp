// The mapping step's part in the core: which files need one, the columns it starts from, the
// options a person's choice becomes, the --map text that says the same, and the header key
// under which a page remembers the choice.
#include <gtest/gtest.h>

#include <string>

#include "apos/fleet.hpp"
#include "fleet_text.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;

constexpr std::size_t at(FleetField f) { return static_cast<std::size_t>(f); }

// German headers, semicolons, US dates: nothing places the machine type or the ship date.
const char* const kGerman =
    "Seriennummer;Maschinentyp;Versanddatum;Kunde\n"
    "S1;21HD;10/13/2024;M\xC3\xBCller GmbH\n"
    "S2;20BU;03/04/2023;Schmidt AG\n";

TEST(FleetMapping, AFileWithNoPlaceForARequiredFieldNeedsAMapping) {
    const FleetParse p = parse_fleet_csv(kGerman);
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_TRUE(needs_fleet_mapping(p.format));
    const auto columns = suggested_fleet_columns(p.format);
    EXPECT_EQ(columns[at(FleetField::Mtm)], -1);
    EXPECT_EQ(columns[at(FleetField::ShipDate)], -1);
    EXPECT_EQ(p.format.samples.at(0).at(2), "10/13/2024");
}

TEST(FleetMapping, AFileOfOneColumnIsNoFleetToMap) {
    const FleetParse p = parse_fleet_csv("hello\nworld\n");
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_FALSE(p.format.unmapped.empty());
    EXPECT_FALSE(needs_fleet_mapping(p.format));
}

TEST(FleetMapping, AFileTheReaderPlacesNeedsNone) {
    const FleetParse p = parse_fleet_csv("Serial Number,Machine Type Model,Ship Date\nS1,21HD,2025-01-02\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    EXPECT_FALSE(needs_fleet_mapping(p.format));
    const auto columns = suggested_fleet_columns(p.format);
    EXPECT_EQ(columns[at(FleetField::Serial)], 0);
    EXPECT_EQ(columns[at(FleetField::Mtm)], 1);
    EXPECT_EQ(columns[at(FleetField::ShipDate)], 2);
    EXPECT_EQ(columns[at(FleetField::Customer)], -1);
}

TEST(FleetMapping, TwoColumnsThatCouldBeAFieldAreBothCandidatesTheBetterFirst) {
    const FleetParse p = parse_fleet_csv("Serial Number,Service Tag,mtm,ship_date\nA,B,21HD,2025-01-02\n");
    ASSERT_TRUE(needs_fleet_mapping(p.format));
    EXPECT_EQ(p.format.candidates[at(FleetField::Serial)], (std::vector<int>{0, 1}));
    EXPECT_EQ(suggested_fleet_columns(p.format)[at(FleetField::Serial)], 0);
}

TEST(FleetMapping, AnAmbiguousDateColumnNeedsAMappingForItsOrder) {
    const FleetParse p = parse_fleet_csv("mtm,ship_date\n21HD,03/04/2024\n21HD,05/06/2024\n");
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_TRUE(needs_fleet_mapping(p.format));
    EXPECT_EQ(p.format.ambiguous_dates, (std::vector<FleetField>{FleetField::ShipDate}));
}

TEST(FleetMapping, TheChosenColumnsAndOrderReadTheFile) {
    const FleetParse p = parse_fleet_csv(kGerman);
    auto columns = suggested_fleet_columns(p.format);
    columns[at(FleetField::Serial)] = 0;
    columns[at(FleetField::Mtm)] = 1;
    columns[at(FleetField::ShipDate)] = 2;
    columns[at(FleetField::Customer)] = 3;
    const FleetOptions options = fleet_options_for(p.format, columns, DateOrder::MonthDayYear);
    const FleetParse told = parse_fleet_csv(kGerman, {}, options);
    ASSERT_FALSE(told.fatal) << describe(told);
    ASSERT_EQ(told.rows.size(), 2u) << describe(told);
    EXPECT_EQ(told.rows[0].device.ship_date, test::date("2024-10-13"));
    EXPECT_EQ(told.rows[1].device.ship_date, test::date("2023-03-04"));
    EXPECT_EQ(told.rows[1].customer, "Schmidt AG");
    EXPECT_TRUE(told.extra_columns.empty());
}

// The sample reads values as dates only in columns that may hold one; a column whose header
// names another field still has its day/month order found when a person maps a date to it.
TEST(FleetMapping, ADateMappedToAColumnNamedForAnotherFieldHasItsOrderFound) {
    const char* text = "mtm,customer\n21HD,13/04/2024\n21HD,05/06/2024\n";
    std::array<int, kFleetFieldCount> columns;
    columns.fill(-1);
    columns[at(FleetField::Mtm)] = 0;
    columns[at(FleetField::ShipDate)] = 1;
    const FleetParse told =
        parse_fleet_csv(text, {}, fleet_options_for(parse_fleet_csv(text).format, columns, DateOrder::Unknown));
    ASSERT_FALSE(told.fatal) << describe(told);
    ASSERT_EQ(told.rows.size(), 2u) << describe(told);
    EXPECT_EQ(told.format.date_order[at(FleetField::ShipDate)], DateOrder::DayMonthYear) << describe(told);
    EXPECT_EQ(told.rows[1].device.ship_date, test::date("2024-06-05"));
}

TEST(FleetMapping, NoShipDateColumnLetsThePurchaseDateStandIn) {
    const char* text = "Nr;Typ;Kaufdatum\nS1;21HD;2024-05-14\n";
    const FleetParse p = parse_fleet_csv(text);
    std::array<int, kFleetFieldCount> columns;
    columns.fill(-1);
    columns[at(FleetField::Mtm)] = 1;
    columns[at(FleetField::PurchaseDate)] = 2;
    const FleetParse told = parse_fleet_csv(text, {}, fleet_options_for(p.format, columns, DateOrder::Unknown));
    ASSERT_EQ(told.rows.size(), 1u) << describe(told);
    EXPECT_TRUE(told.format.ship_date_from_purchase);
    EXPECT_EQ(told.rows[0].device.ship_date, test::date("2024-05-14"));
    // With neither, the ship date is asked for again.
    columns[at(FleetField::PurchaseDate)] = -1;
    const FleetParse neither = parse_fleet_csv(text, {}, fleet_options_for(p.format, columns, DateOrder::Unknown));
    EXPECT_EQ(neither.format.unmapped, (std::vector<FleetField>{FleetField::ShipDate})) << describe(neither);
}

TEST(FleetMapping, TheMapTextReadsBackAsTheSameOptions) {
    const FleetParse p = parse_fleet_csv("Serial \"No\";Typ;Datum, Versand\nS1;21HD;2024-05-14\n");
    std::array<int, kFleetFieldCount> columns;
    columns.fill(-1);
    columns[at(FleetField::Serial)] = 0;
    columns[at(FleetField::Mtm)] = 1;
    columns[at(FleetField::ShipDate)] = 2;
    const FleetOptions options = fleet_options_for(p.format, columns, DateOrder::DayMonthYear);
    const std::string text = fleet_map_text(options);
    EXPECT_EQ(text.rfind("serial=\"Serial \"\"No\"\"\",mtm=\"Typ\",ship_date=\"Datum, Versand\",purchase_date=,", 0),
              0u)
        << text;
    FleetOptions back;
    std::string error;
    ASSERT_TRUE(parse_fleet_map(text, back, error)) << error;
    EXPECT_EQ(back.columns, options.columns);
}

TEST(FleetMapping, TheHeaderKeyIsTheShapeOfTheHeaderRow) {
    struct Row {
        std::vector<std::string> a, b;
        bool same;
    };
    const Row rows[] = {
        {{"Serial Number", "Typ"}, {"serial number", "TYP"}, true},        // case aside
        {{"Serial Number", "Typ"}, {"Serial_Number", "Typ"}, true},        // punctuation aside
        {{"Serial Number", "Typ"}, {"Typ", "Serial Number"}, false},       // order counts
        {{"Serial Number", "Typ"}, {"Serial Number", "Typ", "X"}, false},  // another column
        {{"ab", "c"}, {"a", "bc"}, false},                                 // names stay apart
    };
    for (const Row& r : rows) {
        EXPECT_EQ(fleet_header_key(r.a) == fleet_header_key(r.b), r.same) << r.a[0] << " / " << r.b[0];
        EXPECT_EQ(fleet_header_key(r.a).size(), 16u);
    }
}

}  // namespace
}  // namespace apos
