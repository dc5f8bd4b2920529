// Fleet CSV parsing: header in any order, quoting, BOM/CRLF, extra columns, per-row errors with
// line and column while good rows still load, duplicates, fatal header and limit errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "fleet_text.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;

const FleetRowError* error_at(const FleetParse& p, int line, const std::string& column) {
    for (const FleetRowError& e : p.errors)
        if (e.line == line && e.column == column) return &e;
    return nullptr;
}

TEST(FleetCsv, HeaderInAnyColumnOrderAndCase) {
    const FleetParse p = parse_fleet_csv(
        "Customer, SHIP_DATE ,quantity,services,coverage_end,country,condition,channel,purchase_date,mtm,serial\n"
        "Acme,2025-03-01,4,extension;adp,2028-03-01,DE,refurbished,distributor,2025-03-10,21HD,S1\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_TRUE(p.errors.empty()) << describe(p);
    EXPECT_TRUE(p.extra_columns.empty());
    const FleetRow& r = p.rows[0];
    EXPECT_EQ(r.line, 2);
    EXPECT_EQ(r.customer, "Acme");
    EXPECT_EQ(r.device.serial, "S1");
    EXPECT_EQ(r.device.mtm, "21HD");
    EXPECT_EQ(r.device.ship_date, test::date("2025-03-01"));
    EXPECT_EQ(r.device.purchase_date, test::date("2025-03-10"));
    EXPECT_EQ(r.device.coverage_end, test::date("2028-03-01"));
    EXPECT_EQ(r.device.channel, Channel::Distributor);
    EXPECT_EQ(r.device.condition, Condition::Refurbished);
    EXPECT_EQ(r.device.country, "DE");
    EXPECT_EQ(r.device.quantity, 4);
    ASSERT_EQ(r.device.services_held.size(), 2u);
    EXPECT_EQ(r.device.services_held[0], OfferKind::Extension);
    EXPECT_EQ(r.device.services_held[1], OfferKind::Adp);
}

TEST(FleetCsv, QuotedFieldsWithCommasQuotesAndLineBreaksKeepLaterLineNumbers) {
    const std::string text =
        "serial,mtm,ship_date,customer,notes\n"                          // 1
        "S1,21HD,2025-01-01,\"Smith, Jones & Co\",\"say \"\"hi\"\"\"\n"  // 2
        "S2,21HD,2025-01-01,\"Multi\nline\ncustomer\",x\n"               // 3-5
        "S3,21HD,2025-01-01,Plain,\"a\r\nb\"\n"                          // 6-7
        "S4,21HD,2025-01-01,Last,\n";                                    // 8
    const FleetParse p = parse_fleet_csv(text);
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 4u) << describe(p);
    EXPECT_TRUE(p.errors.empty()) << describe(p);
    struct Expect {
        int line;
        const char* serial;
        const char* customer;
        const char* notes;
    };
    const Expect rows[] = {{2, "S1", "Smith, Jones & Co", "say \"hi\""},
                           {3, "S2", "Multi\nline\ncustomer", "x"},
                           {6, "S3", "Plain", "a\r\nb"},
                           {8, "S4", "Last", ""}};
    for (const Expect& e : rows) {
        const std::optional<FleetRow> r = p.rows.find_line(e.line);
        ASSERT_TRUE(r) << "no row at line " << e.line << ": " << describe(p);
        EXPECT_EQ(r->device.serial, e.serial) << "line " << e.line;
        EXPECT_EQ(r->customer, e.customer) << "line " << e.line;
        ASSERT_EQ(r->extra.size(), 1u) << "line " << e.line;
        EXPECT_EQ(r->extra[0], e.notes) << "line " << e.line;
    }
}

TEST(FleetCsv, ErrorAfterAMultiLineFieldCitesTheRightLine) {
    const FleetParse p = parse_fleet_csv(
        "serial,mtm,ship_date,customer\n"
        "S1,21HD,2025-01-01,\"a\nb\nc\"\n"  // 2-4
        "S2,21HD,2025-13-01,x\n");          // 5
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 5) << describe(p);
    EXPECT_EQ(p.errors[0].column, "ship_date");
}

TEST(FleetCsv, EmptyOptionalFieldsTakeTheDefaults) {
    const FleetParse p = parse_fleet_csv(
        "serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,customer,quantity\n"
        ",21HD,2025-01-01,,,,,,,,\n"
        "S2,21HD,2025-01-01, , , , , , , , \n");
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    EXPECT_TRUE(p.errors.empty()) << describe(p);
    for (const FleetRow& r : test::all_rows(p)) {
        EXPECT_FALSE(r.device.purchase_date) << "line " << r.line;
        EXPECT_FALSE(r.device.coverage_end) << "line " << r.line;
        EXPECT_EQ(r.device.channel, Channel::Direct) << "line " << r.line;
        EXPECT_EQ(r.device.condition, Condition::New) << "line " << r.line;
        EXPECT_EQ(r.device.country, "US") << "line " << r.line;
        EXPECT_EQ(r.device.quantity, 1) << "line " << r.line;
        EXPECT_TRUE(r.device.services_held.empty()) << "line " << r.line;
        EXPECT_EQ(r.customer, "") << "line " << r.line;
    }
}

TEST(FleetCsv, OnlyMtmAndShipDateAreRequired) {
    const FleetParse p = parse_fleet_csv("ship_date,mtm\n2025-01-01,21HD\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.serial, "");
}

TEST(FleetCsv, ByteOrderMarkAndCrlfLineEnds) {
    const FleetParse p = parse_fleet_csv(
        "\xEF\xBB\xBFserial,mtm,ship_date\r\nS1,21HD,2025-01-01\r\nS2,21JK,2025-02-01\r\n\r\nS3,bad,2025-02-01\r\n");
    ASSERT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    EXPECT_TRUE(p.extra_columns.empty()) << "the BOM must not make \"serial\" an unknown column";
    EXPECT_EQ(p.rows[0].device.serial, "S1");
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[1].device.ship_date, test::date("2025-02-01"));
    EXPECT_EQ(p.rows[1].line, 3);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 5);
    EXPECT_EQ(p.errors[0].column, "mtm");
}

TEST(FleetCsv, BareCarriageReturnLineEnds) {
    const FleetParse p = parse_fleet_csv("serial,mtm,ship_date\rS1,21HD,2025-01-01\rS2,21HD,2025-01-01");
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    EXPECT_EQ(p.rows[1].line, 3);
}

TEST(FleetCsv, ExtraColumnsAreKeptInHeaderOrder) {
    const FleetParse p = parse_fleet_csv(
        "asset_tag,serial,mtm,Site ,ship_date,cost_center\n"
        "A-1,S1,21HD,Berlin,2025-01-01,CC9\n"
        "A-2,S2,21HD,,2025-01-01\n");  // a short row: missing extras are empty
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    EXPECT_EQ(p.extra_columns, (std::vector<std::string>{"asset_tag", "Site", "cost_center"}));
    EXPECT_EQ(p.rows[0].extra, (std::vector<std::string>{"A-1", "Berlin", "CC9"}));
    EXPECT_EQ(p.rows[1].extra, (std::vector<std::string>{"A-2", "", ""}));
}

TEST(FleetCsv, BadValuesAreErrorsWithLineAndColumn) {
    struct Row {
        const char*
            cells;  // serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,quantity
        const char* column;
        const char* message_part;
    };
    const Row rows[] = {
        {"S,21HD,2025-02-30,,,,,,,", "ship_date", "2025-02-30"},
        {"S,21HD,2025-02-29,,,,,,,", "ship_date", "2025-02-29"},  // 2025 is not a leap year
        {"S,21HD,,,,,,,,", "ship_date", "missing"},
        {"S,21HD,2025-13-01,,,,,,,", "ship_date", "2025-13-01"},
        {"S,21HD,31/31/2025,,,,,,,", "ship_date", "31/31/2025"},
        {"S,21HD,2025-01-01,2025-04-31,,,,,,", "purchase_date", "2025-04-31"},
        {"S,21HD,2025-01-01,,,,,2028-00-10,,", "coverage_end", "2028-00-10"},
        {"S,21HD,2025-01-01,,reseller,,,,,", "channel", "reseller"},
        {"S,21HD,2025-01-01,,,used,,,,", "condition", "used"},
        {"S,21HD,2025-01-01,,,,USA,,,", "country", "USA"},
        {"S,21HD,2025-01-01,,,,U1,,,", "country", "U1"},
        {"S,21HD,2025-01-01,,,,,,extension;warp-drive,", "services", "warp-drive"},
        {"S,21HD,2025-01-01,,,,,,,0", "quantity", "0"},
        {"S,21HD,2025-01-01,,,,,,,-3", "quantity", "-3"},
        {"S,21HD,2025-01-01,,,,,,,2.5", "quantity", "2.5"},
        {"S,21HD,2025-01-01,,,,,,,99999999", "quantity", "99999999"},
        {"S,21H,2025-01-01,,,,,,,", "mtm", "21H"},
        {"S,,2025-01-01,,,,,,,", "mtm", ""},
        {"S,21HD123456X,2025-01-01,,,,,,,", "mtm", "21HD123456X"},
    };
    for (const Row& r : rows) {
        const std::string text =
            std::string(
                "serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,quantity\n") +
            "G1,21HD,2025-01-01,,,,,,,\n" + r.cells + "\nG2,21JK,2025-01-01,,,,,,,\n";
        const FleetParse p = parse_fleet_csv(text);
        SCOPED_TRACE(std::string("row: ") + r.cells + " -> " + describe(p));
        EXPECT_FALSE(p.fatal);
        ASSERT_EQ(p.rows.size(), 2u) << "the good rows must still load";
        EXPECT_EQ(p.rows[0].line, 2);
        EXPECT_EQ(p.rows[1].line, 4);
        ASSERT_EQ(p.errors.size(), 1u);
        EXPECT_EQ(p.errors[0].line, 3);
        EXPECT_EQ(p.errors[0].column, r.column);
        EXPECT_NE(p.errors[0].message.find(r.message_part), std::string::npos);
    }
}

TEST(FleetCsv, GoodValuesInEveryColumnAreAccepted) {
    struct Row {
        const char* cells;
    };
    const Row rows[] = {
        {"S,21HD,2024-02-29,,,,,,,"},
        {"S,21HDCTO1WW,2025-01-01,,,,,,,"},  // full 10-character MTM
        {"S,21HD,2025-01-01,,DIRECT,Open-Box,,,,"},
        {"S,21HD,2025-01-01,,distributor,new,CA,,,"},
        {"S,21HD,2025-01-01,,,,,,extension; adp ;kyd;;,"},
        {"S,21HD,2025-01-01,,,,,,post-warranty;sbty;iwu;premier;ticru,"},
        {"S,21HD,2025-01-01,,,,,,,1000000"},
        {"S,21HD,2025-01-01,,,,,,,0007"},
    };
    for (const Row& r : rows) {
        const FleetParse p = parse_fleet_csv(
            std::string(
                "serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,quantity\n") +
            r.cells + "\n");
        EXPECT_EQ(p.rows.size(), 1u) << r.cells << " -> " << describe(p);
        EXPECT_TRUE(p.errors.empty()) << r.cells << " -> " << describe(p);
    }
}

TEST(FleetCsv, EveryBadColumnOfARowIsReported) {
    const FleetParse p = parse_fleet_csv("serial,mtm,ship_date,channel,quantity\nS1,21HD,2025-02-30,fax,0\n");
    EXPECT_TRUE(p.rows.empty()) << describe(p);
    ASSERT_EQ(p.errors.size(), 3u) << describe(p);
    for (const char* column : {"ship_date", "channel", "quantity"})
        EXPECT_NE(error_at(p, 2, column), nullptr) << column << ": " << describe(p);
}

TEST(FleetCsv, DuplicateSerialIsAnErrorOnTheSecondRowCitingTheFirst) {
    const FleetParse p = parse_fleet_csv(
        "serial,mtm,ship_date\n"
        "PF1,21HD,2025-01-01\n"  // 2
        "PF2,21HD,2025-01-01\n"  // 3
        "\n"                     // 4 blank
        "PF1,21JK,2025-02-01\n"  // 5 duplicate of line 2
        ",21HD,2025-01-01\n"     // 6 no serial: never a duplicate
        ",21HD,2025-01-01\n");   // 7
    ASSERT_EQ(p.rows.size(), 4u) << describe(p);
    EXPECT_EQ(p.rows[0].device.mtm, "21HD") << "the first PF1 is the one kept";
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 5);
    EXPECT_EQ(p.errors[0].column, "serial");
    EXPECT_NE(p.errors[0].message.find("line 2"), std::string::npos) << p.errors[0].message;
}

TEST(FleetCsv, DuplicateSerialsAreFoundAmongThousandsWhetherOrNotRoomWasMadeForThem) {
    // 5,000 rows; every seventh reuses the serial of a row 1,000 rows before it (when there is
    // one), so the table of serials grows several times past its first size while reading.
    std::string text = "serial,mtm,ship_date\n";
    std::map<int, int> first_line_of;  // serial number -> its first line
    std::map<int, int> expected;       // line of a duplicate -> line it cites
    for (int i = 0; i < 5000; ++i) {
        const int line = i + 2;
        const int serial = (i % 7 == 6 && i >= 1000) ? i - 1000 : i;
        text += "SN" + std::to_string(serial) + ",21HD,2025-01-01\n";
        if (const auto it = first_line_of.find(serial); it != first_line_of.end()) expected[line] = it->second;
        else first_line_of[serial] = line;
    }
    for (const std::size_t room : {std::size_t{0}, std::size_t{10}, std::size_t{5000}}) {
        FleetCsvReader reader(text, {}, {}, /*in_steps=*/true);
        const FleetParse p = parse_fleet_records(reader, room);
        std::map<int, int> found;
        for (const FleetRowError& e : p.errors) {
            const std::size_t at = e.message.rfind("line ");
            ASSERT_NE(at, std::string::npos) << e.message;
            found[e.line] = std::stoi(e.message.substr(at + 5));
        }
        EXPECT_EQ(found, expected) << "room made for " << room << " rows";
        EXPECT_EQ(p.rows.size(), 5000 - expected.size()) << "room made for " << room << " rows";
    }
}

TEST(FleetCsv, LineFeedsAreCountedAsOneByOne) {
    // Every length up to 40 and every place of the feeds, with bytes that differ from a line
    // feed in one bit (0x0B, 0x08, 0x8A) and high bytes around them.
    const std::string alphabet = std::string(
        "\n\x0B\x08\x8A\xFF"
        "a,\r",
        8);
    for (std::size_t length = 0; length <= 40; ++length)
        for (std::size_t seed = 0; seed < 64; ++seed) {
            std::string text;
            for (std::size_t i = 0; i < length; ++i)
                text += alphabet[(i * 7 + seed * 13 + i * i * seed) % alphabet.size()];
            const auto expected = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
            EXPECT_EQ(count_line_feeds(text), expected) << "length " << length << ", seed " << seed;
        }
    EXPECT_EQ(count_line_feeds(std::string(1000, '\n')), 1000u);
    std::string fleet = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(3000)) fleet += row;
    EXPECT_EQ(count_line_feeds(fleet), static_cast<std::size_t>(std::count(fleet.begin(), fleet.end(), '\n')));
    EXPECT_GE(count_line_feeds(fleet), 3000u);
}

TEST(FleetCsv, UnterminatedQuoteReportsItsLineAndKeepsEarlierRows) {
    const FleetParse p = parse_fleet_csv(
        "serial,mtm,ship_date,customer\n"
        "S1,21HD,2025-01-01,Acme\n"
        "S2,21HD,2025-01-01,\"Open quote\n"  // 3: never closed
        "S3,21HD,2025-01-01,Beta\n");
    EXPECT_FALSE(p.fatal) << describe(p);
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    EXPECT_EQ(p.rows[0].device.serial, "S1");
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    EXPECT_EQ(p.errors[0].line, 3);
    EXPECT_NE(p.errors[0].message.find("quote"), std::string::npos);
}

TEST(FleetCsv, MissingRequiredHeaderIsFatal) {
    struct Row {
        const char* text;
        std::vector<std::string> missing;
    };
    const Row rows[] = {
        {"serial,ship_date\nS1,2025-01-01\n", {"mtm"}},
        {"serial,mtm\nS1,21HD\n", {"ship_date"}},
        {"serial,customer\nS1,x\n", {"mtm", "ship_date"}},
        {"21HD,2025-01-01\n", {"mtm", "ship_date"}},  // data, no header
        {"", {}},
        {"\xEF\xBB\xBF", {}},
        {"\"serial,mtm,ship_date\n", {}},  // the header itself never closes its quote
    };
    for (const Row& r : rows) {
        const FleetParse p = parse_fleet_csv(r.text);
        SCOPED_TRACE(std::string("input: ") + r.text + " -> " + describe(p));
        EXPECT_TRUE(p.fatal);
        EXPECT_TRUE(p.rows.empty());
        ASSERT_FALSE(p.errors.empty());
        for (const std::string& column : r.missing) {
            const FleetRowError* e = error_at(p, 1, column);
            ASSERT_NE(e, nullptr) << column;
            EXPECT_NE(e->message.find(column), std::string::npos);
        }
        for (const FleetRowError& e : p.errors) EXPECT_EQ(e.line, 1);
    }
}

TEST(FleetCsv, BlankLinesAreSkippedAndDoNotShiftLineNumbers) {
    const FleetParse p =
        parse_fleet_csv("serial,mtm,ship_date\n\nS1,21HD,2025-01-01\n   \n\r\n\nS2,21HD,2025-01-01\n\n\n");
    ASSERT_EQ(p.rows.size(), 2u) << describe(p);
    EXPECT_TRUE(p.errors.empty()) << describe(p);
    EXPECT_EQ(p.rows[0].line, 3);
    EXPECT_EQ(p.rows[1].line, 7);
}

TEST(FleetCsv, SizeLimitIsAClearFatalError) {
    // 1.5 MiB of text against a 1 MiB limit.
    std::string text = "serial,mtm,ship_date\n";
    while (text.size() < 1536u * 1024) text += "SERIAL-0000,21HD,2025-01-01\n";
    FleetLimits limits;
    limits.max_bytes = 1024u * 1024;
    const FleetParse p = parse_fleet_csv(text, limits);
    ASSERT_TRUE(p.fatal) << describe(p);
    EXPECT_TRUE(p.rows.empty());
    ASSERT_EQ(p.errors.size(), 1u);
    const std::string& message = p.errors[0].message;
    EXPECT_NE(message.find("limit"), std::string::npos) << message;
    // A clear message tells the size and the limit apart ("the file is 1 MB; the limit is 1 MB" does not).
    EXPECT_EQ(message.find("the file is 1 MB; the limit is 1 MB"), std::string::npos) << message;
    // A limit under 1 MB must not read as "0 MB".
    limits.max_bytes = 1000;
    const FleetParse small = parse_fleet_csv(text.substr(0, 2000), limits);
    ASSERT_TRUE(small.fatal);
    ASSERT_EQ(small.errors.size(), 1u);
    EXPECT_EQ(small.errors[0].message.find("0 MB"), std::string::npos) << small.errors[0].message;
    // Exactly at the limit is fine.
    limits.max_bytes = 2000;
    EXPECT_FALSE(parse_fleet_csv(text.substr(0, 2000), limits).fatal);
}

TEST(FleetCsv, RowLimitIsAClearFatalError) {
    std::string text = "serial,mtm,ship_date\n";
    for (int i = 0; i < 6; ++i) text += "S" + std::to_string(i) + ",21HD,2025-01-01\n";
    FleetLimits limits;
    limits.max_rows = 5;
    const FleetParse p = parse_fleet_csv(text, limits);
    EXPECT_TRUE(p.fatal) << describe(p);
    ASSERT_FALSE(p.errors.empty());
    EXPECT_EQ(p.errors.back().line, 7) << describe(p);
    EXPECT_NE(p.errors.back().message.find("5 rows"), std::string::npos) << p.errors.back().message;
    limits.max_rows = 6;
    const FleetParse exact = parse_fleet_csv(text, limits);
    EXPECT_FALSE(exact.fatal) << describe(exact);
    EXPECT_EQ(exact.rows.size(), 6u);
}

TEST(FleetCsv, UnknownMachineTypeIsReportedByTheEvaluationWithItsLine) {
    const FleetParse p = parse_fleet_csv(
        "serial,mtm,ship_date,customer\n"
        "S1,21HD,2025-01-01,\"two\nlines\"\n"  // 2-3
        "S2,ZZZZ,2025-01-01,x\n"               // 4: fine for the parser
        "S3,21JK,2025-02-30,x\n"               // 5: parse error
        "S4,12DL,2025-01-01,x\n");             // 6
    ASSERT_EQ(p.rows.size(), 3u) << describe(p);
    ASSERT_EQ(p.errors.size(), 1u) << describe(p);
    const FleetResult result = evaluate_fleet(test::sample_catalog(), p, test::date("2026-11-26"));
    ASSERT_EQ(result.units.size(), 2u);
    EXPECT_EQ(result.units[0].line, 2);
    EXPECT_EQ(result.units[1].line, 6);
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].line, 4);  // sorted by line
    EXPECT_EQ(result.errors[0].column, "mtm");
    EXPECT_NE(result.errors[0].message.find("ZZZZ"), std::string::npos) << result.errors[0].message;
    EXPECT_EQ(result.errors[1].line, 5);
    EXPECT_EQ(result.errors[1].column, "ship_date");
    EXPECT_EQ(result.summary.rows_with_errors, 2);
    EXPECT_EQ(result.summary.units, 2);
}

TEST(FleetCsv, PurchaseBeforeShipIsReportedByTheEvaluation) {
    const FleetParse p = parse_fleet_csv("serial,mtm,ship_date,purchase_date\nS1,21HD,2025-05-01,2025-04-01\n");
    ASSERT_EQ(p.rows.size(), 1u) << describe(p);
    const FleetResult result = evaluate_fleet(test::sample_catalog(), p, test::date("2026-11-26"));
    EXPECT_TRUE(result.units.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].line, 2);
    EXPECT_EQ(result.errors[0].column, "purchase_date");
}

// A file read in steps (FleetCsvReader made with in_steps, then FleetReading a few rows at a
// time, as the page reads over frames) gives what reading it at once gives: the same format
// (columns, date orders, samples), header problems, rows and row errors.
struct StepsCase {
    const char* name;
    std::string text;
};

std::string generated_fleet_text(int rows) {
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(rows)) text += row;
    return text;
}

std::string day_first_late_text() {
    // Day and month cannot be told apart until row 40 (25/02): the whole sample decides.
    std::string text = "serial,mtm,ship_date\n";
    for (int i = 1; i <= 40; ++i)
        text += "D" + std::to_string(i) + ",21HD," + (i == 40 ? "25/02/2024" : "03/04/2024") + "\n";
    return text;
}

class FleetCsvInSteps : public ::testing::TestWithParam<StepsCase> {};

TEST_P(FleetCsvInSteps, ReadInStepsEqualsReadAtOnce) {
    const StepsCase& c = GetParam();
    const FleetParse whole = parse_fleet_csv(c.text);
    FleetCsvReader reader(c.text, {}, {}, /*in_steps=*/true);
    FleetReading reading(reader);
    int steps = 0;
    while (!reading.step(7)) ASSERT_LT(++steps, 1'000'000) << c.name;
    const FleetParse stepped = reading.take();
    EXPECT_EQ(stepped.fatal, whole.fatal) << c.name;
    EXPECT_EQ(fleet_format_to_json(stepped.format).dump(), fleet_format_to_json(whole.format).dump()) << c.name;
    EXPECT_EQ(stepped.extra_columns, whole.extra_columns) << c.name;
    ASSERT_EQ(stepped.errors.size(), whole.errors.size()) << c.name;
    for (std::size_t i = 0; i < whole.errors.size(); ++i) {
        EXPECT_EQ(stepped.errors[i].line, whole.errors[i].line) << c.name << " error " << i;
        EXPECT_EQ(stepped.errors[i].message, whole.errors[i].message) << c.name << " error " << i;
    }
    ASSERT_EQ(stepped.rows.size(), whole.rows.size()) << c.name;
    for (std::size_t i = 0; i < whole.rows.size(); ++i) {
        EXPECT_EQ(stepped.rows[i].line, whole.rows[i].line) << c.name << " row " << i;
        EXPECT_EQ(stepped.rows[i].device.serial, whole.rows[i].device.serial) << c.name << " row " << i;
        EXPECT_EQ(stepped.rows[i].device.ship_date, whole.rows[i].device.ship_date) << c.name << " row " << i;
        EXPECT_EQ(stepped.rows[i].extra, whole.rows[i].extra) << c.name << " row " << i;
    }
}

// A page's frame holds the sample's last slice or the room made for every row, never both: even
// when one call could read the whole sample, the room and then the rows come in calls of their own.
TEST(FleetCsv, TheSampleTheRoomForTheRowsAndTheRowsAreCallsOfTheirOwn) {
    const std::string text = generated_fleet_text(3000);
    FleetCsvReader reader(text, {}, {}, /*in_steps=*/true);
    FleetReading reading(reader, 3000);
    EXPECT_FALSE(reading.step(SIZE_MAX));  // the sample
    EXPECT_EQ(reading.rows_read(), 0u);
    EXPECT_FALSE(reading.step(SIZE_MAX));  // the room
    EXPECT_EQ(reading.rows_read(), 0u);
    EXPECT_TRUE(reading.step(SIZE_MAX));  // every row
    EXPECT_GT(reading.rows_read(), 2000u);
    EXPECT_EQ(reading.rows_read(), parse_fleet_csv(text).rows.size());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FleetCsvInSteps,
    ::testing::Values(StepsCase{"generated_3000_rows", generated_fleet_text(3000)},
                      StepsCase{"day_first_seen_on_the_last_sample_row", day_first_late_text()},
                      StepsCase{"ambiguous_dates_ask_for_a_mapping", "serial,mtm,ship_date\nA1,21HD,03/04/2024\n"},
                      StepsCase{"no_header_row", ""},
                      StepsCase{"no_serial_column", "mtm,ship_date\n21HD,2024-01-02\n"}),
    [](const ::testing::TestParamInfo<StepsCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace apos
