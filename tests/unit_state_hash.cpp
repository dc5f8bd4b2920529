// The state string (URL hash, JS setState(), desktop --state): its limits, exactly at and one past
// each; what it reads back; and that the longest state the page builds fits well inside the limit.
// The bad-input corpus of state strings is checked in unit_bad_inputs.cpp with the other kinds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <ostream>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "test_catalog.hpp"

namespace apos::ui {
namespace {

using test::date;

AppState base_state() {
    AppState base;
    base.device.ship_date = date("2026-01-15");
    return base;
}

std::string errors_text(const std::vector<std::string>& errors) {
    std::string text;
    for (const std::string& e : errors) text += "\n  " + e;
    return text.empty() ? " (none)" : text;
}

// A valid state string of exactly `length` characters: an unknown key pads it (unknown keys are
// read past, so only the length decides).
std::string padded_state(std::size_t length) {
    std::string hash = "mtm=21HD&ship=2025-01-15&pad=";
    hash.append(length - hash.size(), 'x');
    return hash;
}

// "svc=" with `count` services; each at most 10 years, ids made distinct.
std::string services_state(std::size_t count) {
    std::string hash = "mtm=21HD&svc=";
    for (std::size_t i = 0; i < count; ++i) hash += (i ? "," : "") + std::string("svc-") + std::to_string(i) + ":3";
    return hash;
}

std::string programs_state(std::size_t count) {
    std::string hash = "prog=";
    for (std::size_t i = 0; i < count; ++i) hash += (i ? "," : "") + std::string("P") + std::to_string(i);
    return hash;
}

// ---- Limits: exactly at each accepted, one past refused with a message naming it --------------------

struct LimitRow {
    std::string name;
    std::string hash;
    std::vector<std::string> errors;  // empty: accepted
};

// One line (it also names the test in ctest): the row's input and what it expects.
std::ostream& operator<<(std::ostream& out, const LimitRow& row) {
    out << row.name << ": " << row.hash.size() << " characters \"" << row.hash.substr(0, 60)
        << (row.hash.size() > 60 ? "...\"" : "\"") << ", expected ";
    if (row.errors.empty()) return out << "accepted";
    out << "errors";
    for (const std::string& e : row.errors) out << " [" << e << "]";
    return out;
}

std::vector<LimitRow> limit_rows() {
    std::vector<std::string> ten_bad_terms, eleven_bad_terms;
    std::string ten = "svc=", eleven = "svc=";
    for (int i = 0; i < 11; ++i) {
        const std::string item = "adp:" + std::to_string(11 + i);
        const std::string message = "svc: expected offering-id:years with years from 0 to 10, got \"" + item + "\"";
        if (i < 10) ten += (i ? "," : "") + item, ten_bad_terms.push_back(message);
        eleven += (i ? "," : "") + item;
        eleven_bad_terms.push_back(message);
    }
    eleven_bad_terms.resize(10);
    eleven_bad_terms.push_back("and 1 more problem");
    return {
        {"length at the limit", padded_state(kMaxStateChars), {}},
        {"length one over", padded_state(kMaxStateChars + 1), {"state: 8,193 characters, the limit is 8,192"}},
        {"leading # is not counted", "#" + padded_state(kMaxStateChars), {}},
        {"length far over", padded_state(12'034), {"state: 12,034 characters, the limit is 8,192"}},
        {"services at the limit", services_state(kMaxStateServices), {}},
        {"services one over", services_state(kMaxStateServices + 1), {"svc: 101 services, the limit is 100"}},
        {"programs at the limit", programs_state(kMaxStatePrograms), {}},
        {"programs one over", programs_state(kMaxStatePrograms + 1), {"prog: 17 programs, the limit is 16"}},
        {"errors at the limit", ten, ten_bad_terms},
        {"errors one over", eleven, eleven_bad_terms},
        {"quantity at the limit", "qty=1000000", {}},
        {"quantity one over", "qty=1000001", {"qty: expected a whole number from 1 to 1,000,000, got \"1000001\""}},
        {"term at the limit", "svc=adp:10", {}},
        {"term one over", "svc=adp:11", {"svc: expected offering-id:years with years from 0 to 10, got \"adp:11\""}},
        {"key once", "mtm=21HD", {}},
        {"key twice", "mtm=21HD&mtm=20XW", {"mtm: given 2 times, expected once"}},
    };
}

class StateLimit : public testing::TestWithParam<LimitRow> {};

TEST_P(StateLimit, AtTheLimitIsAcceptedAndOneOverIsRefusedByName) {
    const LimitRow& row = GetParam();
    const StateDecode decoded = DecodeStateHash(row.hash, base_state());
    EXPECT_EQ(decoded.errors, row.errors) << row << "\ngot:" << errors_text(decoded.errors);
    EXPECT_EQ(decoded.state.has_value(), row.errors.empty()) << row;
}

INSTANTIATE_TEST_SUITE_P(State, StateLimit, testing::ValuesIn(limit_rows()),
                         [](const testing::TestParamInfo<LimitRow>& param_info) {
                             std::string name;
                             for (char c : param_info.param.name)
                                 name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(StateLimit, AnOverLongStateIsRefusedBeforeAnyValueIsRead) {
    // Bad values past the limit are not reported: the one message says what to fix first.
    std::string hash = "ship=2025-02-30&ch=shop&pad=";
    hash.append(kMaxStateChars, 'x');
    const StateDecode decoded = DecodeStateHash(hash, base_state());
    ASSERT_EQ(decoded.errors.size(), 1u) << errors_text(decoded.errors);
    EXPECT_EQ(decoded.errors[0], "state: 8,220 characters, the limit is 8,192");
    EXPECT_FALSE(decoded.state.has_value());
}

// ---- What a state string reads back --------------------------------------------------------------------

AppState every_field_set() {
    AppState state = base_state();
    state.device.mtm = "21HDCTO1WW";
    state.device.serial = "PF4 XYZ/01 & ,:#%+é";  // separators, reserved characters, non-ASCII
    state.device.ship_date = date("2025-03-02");
    state.ship_date_set = true;
    state.device.purchase_date = date("2025-03-10");
    state.device.channel = Channel::Distributor;
    state.device.condition = Condition::Refurbished;
    state.device.country = "DE";
    state.device.quantity = 25;
    state.device.replacement = true;
    state.segment = Segment::Education;
    state.device.segment = Segment::Education;
    state.programs.new_customer = true;
    state.programs.opted_in = {"NCB", "PDP"};
    state.programs.previous_quarter_purchases_minor = 2'500'000;
    state.programs.partner_country = "CA";
    state.as_of = date("2026-11-26");
    state.services = {{"ext-onsite-nbd", std::nullopt, 4, std::nullopt}, {"adp", std::nullopt, 4, std::nullopt}};
    state.settings.show_ineligible = false;
    return state;
}

TEST(StateRoundTrip, EveryFieldReadsBackAsWritten) {
    const AppState written = every_field_set();
    const std::string hash = EncodeStateHash(written);
    const StateDecode decoded = DecodeStateHash(hash, base_state());
    ASSERT_TRUE(decoded.state.has_value()) << hash << errors_text(decoded.errors);
    const AppState& read = *decoded.state;
    EXPECT_EQ(read.device.mtm, written.device.mtm);
    EXPECT_EQ(read.device.serial, written.device.serial) << hash;
    EXPECT_EQ(read.device.ship_date, written.device.ship_date);
    EXPECT_TRUE(read.ship_date_set);
    EXPECT_EQ(read.device.purchase_date, written.device.purchase_date);
    EXPECT_EQ(read.device.channel, written.device.channel);
    EXPECT_EQ(read.device.condition, written.device.condition);
    EXPECT_EQ(read.device.country, written.device.country);
    EXPECT_EQ(read.device.quantity, written.device.quantity);
    EXPECT_EQ(read.device.replacement, written.device.replacement);
    EXPECT_EQ(read.device.segment, Segment::Education) << "the device's segment follows the customer's";
    EXPECT_EQ(read.segment, written.segment);
    EXPECT_EQ(read.programs.new_customer, written.programs.new_customer);
    EXPECT_EQ(read.programs.opted_in, written.programs.opted_in);
    EXPECT_EQ(read.programs.previous_quarter_purchases_minor, written.programs.previous_quarter_purchases_minor);
    EXPECT_EQ(read.programs.partner_country, "CA");
    EXPECT_EQ(read.as_of, written.as_of);
    ASSERT_EQ(read.services.size(), 2u);
    EXPECT_EQ(read.services[0].id, "ext-onsite-nbd");
    EXPECT_EQ(read.services[0].term_years, 4);
    EXPECT_EQ(read.services[1].id, "adp");
    EXPECT_EQ(read.settings.show_ineligible, false);
    EXPECT_EQ(EncodeStateHash(read), hash);
}

// The partner's country is a 2-letter code; anything else is named and the rest still reads.
TEST(StateRoundTrip, APartnerCountryThatIsNotACodeIsRefusedByName) {
    const StateDecode decoded = DecodeStateHash("mtm=21JK&ship=2026-01-10&pcc=canada", base_state());
    ASSERT_FALSE(decoded.errors.empty());
    EXPECT_NE(errors_text(decoded.errors).find("pcc"), std::string::npos) << errors_text(decoded.errors);
}

TEST(StateRoundTrip, ListedServicesAreKeptAsListedNotToggled) {
    // A repeated service used to toggle itself off; configure() can set one twice, and its link must read back.
    const StateDecode decoded = DecodeStateHash("mtm=21HD&svc=adp%3A3%2Cadp%3A3%2Cext-onsite-nbd%3A0", base_state());
    ASSERT_TRUE(decoded.state.has_value()) << errors_text(decoded.errors);
    ASSERT_EQ(decoded.state->services.size(), 3u);
    EXPECT_EQ(decoded.state->services[1].id, "adp");
    EXPECT_EQ(decoded.state->services[2].term_years, 0);
}

// Fleet units do not fit in a link; it carries their count so the page that opens it can say so.
TEST(StateRoundTrip, ALinkNamesHowManyFleetUnitsItLeavesOut) {
    AppState written = every_field_set();
    written.fleet_items.resize(34);
    const std::string hash = EncodeStateHash(written);
    EXPECT_NE(hash.find("fleet=34"), std::string::npos) << hash;
    const StateDecode decoded = DecodeStateHash(hash, base_state());
    ASSERT_TRUE(decoded.state.has_value()) << hash << errors_text(decoded.errors);
    EXPECT_TRUE(decoded.state->fleet_items.empty()) << "the units themselves are not in the link";
    EXPECT_EQ(decoded.state->fleet_units_left_out, 34u);
    EXPECT_EQ(EncodeStateHash(*decoded.state), hash) << "the count survives the next copy of the link";
    const StateDecode bad = DecodeStateHash("mtm=21HD&fleet=many", base_state());
    EXPECT_EQ(errors_text(bad.errors),
              "\n  fleet: expected the number of fleet units left out, 1 to 1,000,000, got \"many\"");
}

TEST(StateRoundTrip, WhatTheHashLeavesOutIsTheDefaultNotTheBase) {
    AppState base = every_field_set();
    base.settings.dark_theme = true;
    const StateDecode decoded = DecodeStateHash("#mtm=20XW", base);
    ASSERT_TRUE(decoded.state.has_value()) << errors_text(decoded.errors);
    EXPECT_EQ(decoded.state->device.mtm, "20XW");
    EXPECT_FALSE(decoded.state->ship_date_set) << "no ship key: no ship date, neither the base's nor today";
    EXPECT_EQ(EncodeStateHash(*decoded.state).find("ship="), std::string::npos) << "an unset ship date stays unset";
    EXPECT_TRUE(decoded.state->services.empty());
    EXPECT_EQ(decoded.state->device.country, "US");
    EXPECT_TRUE(decoded.state->settings.show_ineligible);
    EXPECT_TRUE(decoded.state->settings.dark_theme) << "reading preferences are not in the hash";
}

TEST(StateDecode, ARefusedStateChangesNothingAndNamesEveryBadValue) {
    const StateDecode decoded = DecodeStateHash(
        "mtm=21HD&ship=2026-13-01&ch=shop&qty=0&sn=%E2%28%A1&cc=U%0AS&colour=red&ppq=12.5", base_state());
    EXPECT_FALSE(decoded.state.has_value());
    const std::vector<std::string> expected = {
        "ship: expected YYYY-MM-DD, got \"2026-13-01\"",
        "ch: expected direct or distributor, got \"shop\"",
        "qty: expected a whole number from 1 to 1,000,000, got \"0\"",
        "sn: not valid UTF-8 text",
        "cc: control characters are not allowed, got \"U\\x0AS\"",
        "ppq: expected last quarter's purchases in cents (digits), got \"12.5\"",
    };
    EXPECT_EQ(decoded.errors, expected) << errors_text(decoded.errors);
}

TEST(StateDecode, ErrorsQuoteAtMostFortyCharactersOfAValue) {
    const std::string long_date(3000, '9');
    const StateDecode decoded = DecodeStateHash("ship=" + long_date, base_state());
    ASSERT_EQ(decoded.errors.size(), 1u);
    EXPECT_EQ(decoded.errors[0],
              "ship: expected YYYY-MM-DD, got \"" + std::string(40, '9') + "...\" (3,000 characters)");
}

// ---- The page's own states fit ------------------------------------------------------------------------

TEST(StateLimit, TheLongestStateThePageBuildsIsFarBelowTheLimit) {
    // Every field at its longest (the request's limits: MTM 10, serial 40 characters), non-ASCII
    // serial (3 characters per byte once encoded), and each sample offering at its longest term:
    // the services panel keeps one term per offering.
    AppState state = every_field_set();
    state.device.serial.clear();
    while (state.device.serial.size() < 40) state.device.serial += "é";
    state.programs.opted_in = {"NCB", "DEAL-REG", "PDP", "SPIFF"};
    state.services.clear();
    for (const Offering& offering : test::sample_catalog().offerings)
        state.services.push_back(
            {offering.id, std::nullopt, *std::max_element(offering.terms.begin(), offering.terms.end()), std::nullopt});
    const std::string hash = EncodeStateHash(state);
    // The README says "under 1,500 characters" (53 sample offerings), which leaves the limit 5x headroom.
    EXPECT_LT(hash.size(), 1500u) << hash.size() << " characters for the longest page state";
    EXPECT_TRUE(DecodeStateHash(hash, base_state()).state.has_value());
    std::cout << "[          ] the longest page state: " << hash.size() << " characters, " << state.services.size()
              << " services\n";
}

}  // namespace
}  // namespace apos::ui
