// The packed store of a parsed fleet's rows: every field of a row reads back as it went in, in
// any mix of long and empty texts, and copies, lookups by line and reused rows keep it so.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "fleet_text.hpp"
#include "generated_fleet.hpp"

namespace apos {
namespace {

using test::date;

// Every field of a row as one text, so that a failure shows the whole row.
std::string row_text(const FleetRow& r) {
    const DeviceInput& d = r.device;
    std::string out =
        std::to_string(r.line) + "|" + d.mtm + "|" + d.serial + "|" + d.ship_date.to_string() + "|" +
        (d.purchase_date ? d.purchase_date->to_string() : "-") + "|" + std::to_string(static_cast<int>(d.channel)) +
        "|" + std::to_string(static_cast<int>(d.condition)) + "|" + d.country + "|" + std::to_string(d.quantity) + "|" +
        std::to_string(static_cast<int>(d.segment)) + "|" + (d.replacement ? "replacement" : "first") + "|" +
        (d.coverage_end ? d.coverage_end->to_string() : "-") + "|";
    for (const OfferKind k : d.services_held) out += std::to_string(static_cast<int>(k)) + ";";
    out += "|" + std::to_string(d.pages_per_box) + "|" + std::to_string(d.install_locations) + "|" + r.customer + "|";
    for (const std::string& e : r.extra) out += "[" + e + "]";
    return out + "|" + r.follow_up;
}

// A long text cut in the middle, so that a failure prints a readable line.
std::string shown(const std::string& text) {
    if (text.size() <= 300) return text;
    return text.substr(0, 150) + "...(" + std::to_string(text.size()) + " bytes)..." + text.substr(text.size() - 150);
}

void expect_same_row(const FleetRow& got, const FleetRow& want) {
    const std::string a = row_text(got), b = row_text(want);
    EXPECT_TRUE(a == b) << "got  " << shown(a) << "\nwant " << shown(b);
}

struct PackCase {
    const char* name;
    FleetRow row;
};

std::vector<PackCase> pack_cases() {
    std::vector<PackCase> cases;
    FleetRow plain;
    plain.line = 2;
    plain.device.mtm = "21HD";
    plain.device.serial = "S1";
    plain.device.ship_date = date("2025-01-01");
    cases.push_back({"defaults and short texts", plain});

    FleetRow every = plain;
    every.line = 7;
    every.device.mtm = "20XW0012US";
    every.device.serial = "PF0000001EEF";
    every.device.purchase_date = date("2025-02-03");
    every.device.coverage_end = date("2029-01-31");
    every.device.channel = Channel::Distributor;
    every.device.condition = Condition::Refurbished;
    every.device.segment = Segment::Education;
    every.device.country = "DE";
    every.device.quantity = 250;
    every.device.replacement = true;
    every.device.services_held = {OfferKind::Kyd, OfferKind::Adp, OfferKind::Kyd};  // order and repeats kept
    every.device.pages_per_box = 40;
    every.device.install_locations = 3;
    every.customer = "O'Neil & <Sons>, \"Ltd\"";
    every.extra = {"Remote", "", "AT-0000001"};
    every.follow_up = "wont_renew: moving to leases";
    cases.push_back({"every field set", every});

    FleetRow long_texts = plain;
    long_texts.line = 100000;
    long_texts.customer = std::string(200, 'c');  // lengths past one byte of the count
    long_texts.extra = {std::string(20000, 'x'), "y"};
    long_texts.follow_up = "called_on:2026-11-30";
    cases.push_back({"texts longer than 127 and 16383 bytes", long_texts});

    FleetRow only_counts = plain;
    only_counts.line = 8;
    only_counts.device.pages_per_box = 0;
    only_counts.device.install_locations = 0;  // not the default of 1
    only_counts.device.country = "";
    cases.push_back({"no install location and no country", only_counts});

    FleetRow huge = plain;
    huge.line = 9;
    huge.customer = std::string(70000, 'h');  // longer than the store's largest block
    cases.push_back({"a row longer than a block", huge});
    return cases;
}

TEST(FleetRows, EachRowReadsBackFieldForField) {
    FleetRows rows;
    const std::vector<PackCase> cases = pack_cases();
    for (const PackCase& c : cases) rows.push_back(c.row);
    ASSERT_EQ(rows.size(), cases.size());
    FleetRow reused;  // one row read into again and again: nothing of the last row may stay
    for (std::size_t round = 0; round < 2; ++round)
        for (std::size_t i = 0; i < cases.size(); ++i) {
            SCOPED_TRACE(cases[i].name);
            expect_same_row(rows[i], cases[i].row);
            rows.get(i, reused);
            expect_same_row(reused, cases[i].row);
            EXPECT_EQ(rows.line(i), cases[i].row.line);
            EXPECT_EQ(rows.follow_up(i), cases[i].row.follow_up);
        }
}

TEST(FleetRows, CopiesAreWholeAndApartFromTheirSource) {
    auto source = std::make_unique<FleetRows>();
    const std::vector<PackCase> cases = pack_cases();
    for (const PackCase& c : cases) source->push_back(c.row);
    FleetRows copy(*source);
    FleetRows assigned;
    assigned.push_back(cases[0].row);
    assigned = *source;
    source.reset();  // the copies must not point into the blocks of the source
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].name);
        expect_same_row(copy[i], cases[i].row);
        expect_same_row(assigned[i], cases[i].row);
    }
    FleetRows moved(std::move(copy));
    expect_same_row(moved.back(), cases.back().row);
}

TEST(FleetRows, ARowIsFoundByItsLineInOrderOrNot) {
    FleetRows in_order, shuffled;
    for (int line : {2, 3, 5, 9}) {
        FleetRow r;
        r.line = line;
        r.device.serial = "S" + std::to_string(line);
        in_order.push_back(r);
    }
    for (int line : {9, 2, 5, 3}) {  // rows a test or a tool adds out of order are still found
        FleetRow r;
        r.line = line;
        r.device.serial = "S" + std::to_string(line);
        shuffled.push_back(r);
    }
    for (const FleetRows* rows : {&in_order, &shuffled}) {
        for (int line : {2, 3, 5, 9}) {
            const std::optional<FleetRow> found = rows->find_line(line);
            ASSERT_TRUE(found) << "line " << line;
            EXPECT_EQ(found->device.serial, "S" + std::to_string(line));
        }
        for (int line : {1, 4, 10}) EXPECT_FALSE(rows->index_of_line(line)) << "line " << line;
    }
}

TEST(FleetRows, TextsThatRepeatInAColumnAreKeptOnceAndEveryRowReadsItsOwn) {
    const std::string customer = "Contoso Manufacturing GmbH, Werk Nord";  // 37 bytes
    FleetRows rows, without_customers;
    std::vector<FleetRow> expected;
    for (int i = 0; i < 20000; ++i) {
        FleetRow r;
        r.line = i + 2;
        r.device.serial = "PF" + std::to_string(100000 + i);
        r.device.mtm = i % 3 == 0 ? "21HD" : "20XW0012US";
        r.device.country = i % 7 == 0 ? "DE" : "US";
        r.customer = i % 1000 == 999 ? "Customer " + std::to_string(i) : customer;
        // Asset tags never repeat: past the column's table of shared texts they stay in the row.
        r.extra = {i % 2 ? "Remote" : "", "AT-" + std::to_string(i), std::string(70 + i % 3, 'n')};
        rows.push_back(r);
        expected.push_back(r);
        r.customer.clear();
        without_customers.push_back(r);
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE("row " + std::to_string(i));
        expect_same_row(rows[i], expected[i]);
        if (::testing::Test::HasFailure()) break;
    }
    // A shared customer costs a row one byte, as an empty one does: the column adds only its
    // 21 texts, once each (written out in every row it would add 38 bytes a row).
    ASSERT_GT(rows.bytes_of_texts(), without_customers.bytes_of_texts());
    const std::size_t customer_bytes = rows.bytes_of_texts() - without_customers.bytes_of_texts();
    EXPECT_LT(customer_bytes, std::size_t{21} * 40) << customer_bytes;
    const FleetRows copy(rows);
    expect_same_row(copy[19999], expected[19999]);
    EXPECT_EQ(copy.bytes_of_texts(), rows.bytes_of_texts());
}

TEST(FleetRows, AGeneratedFleetReadsBackAsTheReaderMadeIt) {
    // The reader's rows, one at a time as it hands them over, against the packed store's.
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& r : test::generated_rows(3000)) text += r;
    FleetCsvReader reader(text);
    FleetRows rows;
    std::vector<std::string> expected;
    std::vector<FleetRowError> errors;
    FleetRow row;
    while (reader.next(row, errors)) {
        rows.push_back(row);
        expected.push_back(row_text(row));
    }
    ASSERT_GT(expected.size(), 2500u);
    ASSERT_EQ(rows.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) ASSERT_EQ(row_text(rows[i]), expected[i]) << "row " << i;
}

}  // namespace
}  // namespace apos
