// Round trip: the opportunities CSV and the quote CSV we export read back, through the same fleet
// reader, as the same units field by field (issue 15, item 6), and the marks our writer adds read
// back away.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/marks.hpp"
#include "apos/quote_export.hpp"
#include "fleet_text.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;

const Date kAsOf = test::date("2026-11-26");

// Rows the generator does not write: other conditions, values our CSV writer protects with an
// apostrophe (they would start a formula), a unit with only a purchase date given beside its
// ship date, and several units of one line.
const char* const kHandRows =
    "H1,21HD,2024-05-14,2024-06-01,distributor,refurbished,CA,,adp,\"-Acme, Ltd\",3,x\n"
    "+H2,20BU,2022-01-31,,direct,open-box,GB,2026-01-30,extension;kyd,=Customer,1,y\n"
    "H3,21F6,2025-02-28,,direct,new,DE,,,@home,12,z\n";

std::string generated_text(int rows) {
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(rows, kAsOf)) text += row;
    return text + kHandRows;
}

// One unit as text, every field but its line (a file of good rows only numbers them anew).
std::string unit_text(const UnitOpportunity& u) {
    std::ostringstream out;
    out << u.serial() << "|" << u.mtm() << "|" << u.machine_type << "|" << u.customer() << "|" << u.quantity << "|"
        << u.coverage_end.to_string() << "|" << u.covered << u.lapsed << "|" << to_string(u.bucket) << "|"
        << u.value.to_plain_string() << "|"
        << (u.reinstatement_price() ? u.reinstatement_price()->to_plain_string() : std::string("-")) << "|";
    for (const BestOffer& o : u.best_offers())
        out << o.offering->id << "/" << o.term_years << "/" << u.unit_price(o).to_plain_string() << "/"
            << (o.window() ? o.window()->from.to_string() + ".." + o.window()->until.to_string() : std::string("-"))
            << " ";
    out << "|";
    for (const ClosingWindow& w : u.windows())
        out << to_string(w.kind()) << "/" << w.offering->id << "/" << w.closes.to_string() << "/" << w.days_left << " ";
    return out.str();
}

// A row's input as the core reads it; the coverage end only through its effect (see below).
std::string input_text(const FleetRow& r) {
    const DeviceInput& d = r.device;
    std::ostringstream out;
    out << d.serial << "|" << d.mtm << "|" << d.ship_date.to_string() << "|"
        << (d.purchase_date ? d.purchase_date->to_string() : std::string("-")) << "|" << to_string(d.channel) << "|"
        << to_string(d.condition) << "|" << d.country << "|" << d.quantity << "|" << r.customer << "|";
    for (OfferKind k : d.services_held) out << to_string(k) << ";";
    return out.str();
}

struct RoundTrip {
    FleetParse first;
    FleetResult first_result;
    std::string exported;
    FleetParse again;
    FleetResult again_result;
};

RoundTrip round_trip(const std::string& text) {
    const Catalog& catalog = test::sample_catalog();
    RoundTrip t;
    t.first = parse_fleet_csv(text);
    t.first_result = evaluate_fleet(catalog, t.first, kAsOf);
    t.exported = fleet_to_csv(catalog, t.first, t.first_result);
    t.again = parse_fleet_csv(t.exported);
    t.again_result = evaluate_fleet(catalog, t.again, kAsOf);
    return t;
}

TEST(FleetRoundTrip, TheOpportunitiesCsvReadsBackAsTheSameUnits) {
    const RoundTrip t = round_trip(generated_text(1000));
    ASSERT_FALSE(t.first.fatal) << describe(t.first);
    // The generated file has bad rows; only the units are exported, and they all read back.
    ASSERT_GT(t.first_result.summary.rows_with_errors, 0);
    ASSERT_FALSE(t.again.fatal) << describe(t.again);
    EXPECT_TRUE(t.again_result.errors.empty()) << describe(t.again);
    ASSERT_EQ(t.again_result.units.size(), t.first_result.units.size());
    for (std::size_t i = 0; i < t.first_result.units.size(); ++i)
        EXPECT_EQ(unit_text(t.again_result.units[i]), unit_text(t.first_result.units[i]))
            << "unit " << i << " (line " << t.first_result.units[i].line << " of the first file)";
    // The same summary, but for the bad rows, which stayed behind in the first file.
    EXPECT_EQ(t.again_result.summary.rows_with_errors, 0);
    FleetSummary first = t.first_result.summary;
    first.rows_with_errors = 0;
    EXPECT_TRUE(fleet_summary_to_json(t.again_result.summary) == fleet_summary_to_json(first));
}

TEST(FleetRoundTrip, EachUnitsInputReadsBackAsRead) {
    const RoundTrip t = round_trip(generated_text(300));
    // Units follow their rows; the rows of units, first and second time.
    std::vector<FleetRow> first_rows;
    for (const UnitOpportunity& u : t.first_result.units) {
        if (const std::optional<FleetRow> r = t.first.rows.find_line(u.line)) first_rows.push_back(*r);
    }
    ASSERT_EQ(first_rows.size(), t.again.rows.size());
    for (std::size_t i = 0; i < first_rows.size(); ++i) {
        EXPECT_EQ(input_text(t.again.rows[i]), input_text(first_rows[i])) << "row " << i;
        // The coverage_end column is the coverage in force: the later of the base warranty's end
        // and the end the first file gave, which is what the core made of the first file.
        ASSERT_TRUE(t.again.rows[i].device.coverage_end) << "row " << i;
        EXPECT_EQ(*t.again.rows[i].device.coverage_end, t.first_result.units[i].coverage_end) << "row " << i;
        if (first_rows[i].device.coverage_end) {
            EXPECT_GE(*t.again.rows[i].device.coverage_end, *first_rows[i].device.coverage_end) << "row " << i;
        }
    }
}

TEST(FleetRoundTrip, ValuesOurWriterMarksAsTextReadBackWithoutTheMark) {
    const RoundTrip t = round_trip(std::string(test::kGeneratedFleetHeader) + kHandRows);
    ASSERT_EQ(t.first_result.units.size(), 3u) << describe(t.first);
    // The writer protects these cells...
    EXPECT_NE(t.exported.find("'+H2"), std::string::npos) << t.exported;
    EXPECT_NE(t.exported.find("'=Customer"), std::string::npos) << t.exported;
    EXPECT_NE(t.exported.find("\"'-Acme, Ltd\""), std::string::npos) << t.exported;
    // ...and the reader takes the mark away again.
    ASSERT_EQ(t.again.rows.size(), 3u) << describe(t.again);
    EXPECT_EQ(t.again.rows[0].customer, "-Acme, Ltd");
    EXPECT_EQ(t.again.rows[1].device.serial, "+H2");
    EXPECT_EQ(t.again.rows[1].customer, "=Customer");
    EXPECT_EQ(t.again.rows[2].customer, "@home");
    EXPECT_EQ(t.again.rows[0].device.condition, Condition::Refurbished);
    EXPECT_EQ(t.again.rows[1].device.condition, Condition::OpenBox);
    EXPECT_EQ(t.again.rows[2].device.quantity, 12);
}

TEST(FleetRoundTrip, TheExportKeepsItsColumnsAndAddsTheInputAfterThem) {
    const RoundTrip t = round_trip(std::string(test::kGeneratedFleetHeader) + kHandRows);
    const std::string header = t.exported.substr(0, t.exported.find("\r\n"));
    EXPECT_EQ(header,
              "line,serial,mtm,customer,quantity,coverage_end,covered,lapsed,bucket,next_window,closes,days_left,"
              "best_offers,reinstatement_price,value,currency,ship_date,purchase_date,channel,condition,country,"
              "services,follow_up,notes");
    // The extra column of the first file stays an extra column the second time.
    EXPECT_EQ(t.again.extra_columns.back(), "notes");
}

// ---- The quote CSV ------------------------------------------------------------------------------
// Three items: one with hardware and two services (three lines), one of three units without a
// serial bought through a distributor abroad (one line for the three), and one whose only
// request is refused (TERM-MATCH: a 3-year ADP on a 1-year unit), so it sells nothing.
const char* const kQuoteRequest = R"({"as_of": "2026-02-01", "items": [
  {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "serial": "Q1"}, "hardware": true,
   "services": [{"id": "ext-depot", "term_years": 3}, {"id": "adp", "term_years": 3}]},
  {"device": {"mtm": "12DL", "ship_date": "2025-12-15", "purchase_date": "2025-12-20", "quantity": 3,
   "channel": "distributor", "country": "DE"},
   "services": [{"id": "ext-onsite-nbd", "term_years": 4}]},
  {"device": {"mtm": "21JK", "ship_date": "2026-01-10", "serial": "=Q3", "services_held": ["kyd"],
   "coverage_end": "2027-01-10"},
   "services": [{"id": "adp", "term_years": 3}]}]})";

Quote sample_quote() {
    const QuoteRequestParse parsed = parse_quote_request(kQuoteRequest, std::nullopt);
    if (!parsed.request) ADD_FAILURE() << (parsed.errors.empty() ? "?" : parsed.errors[0].to_string());
    return build_quote(test::sample_catalog(), parsed.request.value_or(QuoteRequest{}));
}

TEST(FleetRoundTrip, TheQuoteCsvReadsBackAsOneUnitPerItem) {
    const Quote quote = sample_quote();
    ASSERT_EQ(quote.items.size(), 3u);
    ASSERT_GE(quote.lines.size(), 4u);  // the first item's three lines and the second's one
    ASSERT_EQ(quote.rejected.size(), 1u);
    const std::string csv = quote_to_csv(quote);
    const FleetParse p = parse_fleet_csv(csv);
    ASSERT_FALSE(p.fatal) << describe(p) << csv;
    EXPECT_TRUE(p.errors.empty()) << describe(p) << csv;
    EXPECT_TRUE(p.format.quote);
    ASSERT_EQ(p.rows.size(), 3u) << csv;
    for (std::size_t i = 0; i < 3; ++i) {
        FleetRow expected;
        expected.device = quote.items[i].device->input;
        EXPECT_EQ(input_text(p.rows[i]), input_text(expected)) << "item " << i + 1 << "\n" << csv;
        EXPECT_EQ(p.rows[i].device.coverage_end, expected.device.coverage_end) << "item " << i + 1;
        EXPECT_TRUE(p.rows[i].extra.empty()) << "item " << i + 1 << ": a line's columns are not the unit's";
    }
    // The item's units, not a line's quantity; the services held, not the ones quoted; the serial
    // our writer marked as text reads back without its mark.
    EXPECT_EQ(p.rows[1].device.quantity, 3);
    EXPECT_EQ(p.rows[2].device.serial, "=Q3");
    ASSERT_EQ(p.rows[2].device.services_held.size(), 1u);
    EXPECT_EQ(p.rows[2].device.services_held[0], OfferKind::Kyd);
    EXPECT_TRUE(p.rows[0].device.services_held.empty());
    // Every line and the refused item's own row count; the programs and totals below them do not.
    EXPECT_EQ(p.format.quote_lines, static_cast<std::int64_t>(quote.lines.size()) + 1);
    EXPECT_EQ(p.format.quote_units, 3);
    EXPECT_EQ(describe_quote_reading(p.format),
              std::to_string(quote.lines.size() + 1) + " quote lines read as 3 units (one per quote item)");
}

TEST(FleetRoundTrip, TheQuoteCsvsUnitsEvaluateAsTheQuotesDevicesDo) {
    const Quote quote = sample_quote();
    const FleetParse from_csv = parse_fleet_csv(quote_to_csv(quote));
    FleetParse from_quote;
    for (std::size_t i = 0; i < quote.items.size(); ++i) {
        FleetRow row;
        row.line = from_csv.rows.line(i);
        row.device = quote.items[i].device->input;
        from_quote.rows.push_back(row);
    }
    const FleetResult a = evaluate_fleet(test::sample_catalog(), from_csv, kAsOf);
    const FleetResult b = evaluate_fleet(test::sample_catalog(), from_quote, kAsOf);
    ASSERT_EQ(a.units.size(), 3u) << describe(from_csv);
    ASSERT_EQ(b.units.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(unit_text(a.units[i]), unit_text(b.units[i])) << "item " << i + 1;
}

TEST(FleetRoundTrip, TheQuoteCsvKeepsItsLineColumnsFirst) {
    const std::string csv = quote_to_csv(sample_quote());
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
              "item,id,name,part_number,kind,term_years,quantity,status,unit_list,line_list,line_partner,currency,"
              "coverage_from,coverage_until,serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_"
              "end,services,unit_quantity");
    EXPECT_NE(csv.find("\r\n3,,,,,,,nothing-sold,"), std::string::npos) << csv;
}

TEST(FleetRoundTrip, AQuoteCsvWithoutUnitColumnsAsksForANewExport) {
    // The quote CSV as written before it carried its units: its lines alone name no unit.
    const FleetParse p = parse_fleet_csv(
        "item,id,name,part_number,kind,term_years,quantity,status,unit_list,line_list,line_partner,currency,"
        "coverage_from,coverage_until\r\n1,adp,ADP,5PS0,adp,3,1,eligible,100.00,100.00,90.00,USD,2026-01-01,"
        "2029-01-01\r\n");
    EXPECT_TRUE(p.fatal);
    EXPECT_TRUE(p.format.quote);
    ASSERT_FALSE(p.errors.empty());
    EXPECT_NE(p.errors[0].message.find("export the quote again"), std::string::npos) << p.errors[0].message;
}

// Follow-up marks ride along in the follow_up column: the file read back has the same marks by
// serial and the same units (the column is no extra column the second time).
TEST(FleetRoundTrip, MarksReadBackFromTheFollowUpColumn) {
    const Catalog& catalog = test::sample_catalog();
    const FleetParse first = parse_fleet_csv(generated_text(200));
    const FleetResult first_result = evaluate_fleet(catalog, first, kAsOf);
    ASSERT_GT(first_result.units.size(), 5u);
    FollowUpMarks marks;
    marks[std::string(first_result.units[1].serial())] = {MarkKind::ProposalSent, test::date("2026-11-20"), {}};
    marks[std::string(first_result.units[4].serial())] = {MarkKind::WontRenew, test::date("2026-11-25"),
                                                          "=sold, the lot"};
    const std::string exported = fleet_to_csv(catalog, first, first_result, marks);
    const FleetParse again = parse_fleet_csv(exported);
    ASSERT_FALSE(again.fatal) << describe(again);
    const FleetMarks back = marks_from_fleet(again);
    EXPECT_TRUE(back.errors.empty());
    EXPECT_EQ(back.marks, marks);
    // The same columns as the export without marks.
    EXPECT_EQ(again.extra_columns, parse_fleet_csv(fleet_to_csv(catalog, first, first_result)).extra_columns);
    const FleetResult again_result = evaluate_fleet(catalog, again, kAsOf);
    ASSERT_EQ(again_result.units.size(), first_result.units.size());
    for (std::size_t i = 0; i < first_result.units.size(); ++i)
        EXPECT_EQ(unit_text(again_result.units[i]), unit_text(first_result.units[i])) << "unit " << i;
}

}  // namespace
}  // namespace apos
