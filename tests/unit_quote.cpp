// Quotes: services on one item count for each other, lines sum to the totals exactly,
// rejected services keep their reasons, and the partner programs land on the quote.
#include <gtest/gtest.h>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

QuoteRequest request_from(const char* json_text) {
    const QuoteRequestParse parsed = parse_quote_request(json_text, std::nullopt);
    if (!parsed.request) {
        ADD_FAILURE() << (parsed.errors.empty() ? "?" : parsed.errors[0].to_string());
    }
    return parsed.request.value_or(QuoteRequest{});
}

const QuoteLine* find_line(const Quote& q, const std::string& id) {
    for (const QuoteLine& l : q.lines)
        if (l.id == id) return &l;
    return nullptr;
}

TEST(Quote, ThreeYearAdpIsSoldWithAThreeYearExtensionOnTheSameItem) {
    // TERM-MATCH: alone, a 3-year ADP on a 1-year unit is refused; with the extension it sells.
    const Quote alone = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-02-01", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"}, "services": [{"id": "adp", "term_years": 3}]}]})"));
    ASSERT_EQ(alone.rejected.size(), 1u);
    EXPECT_EQ(alone.rejected[0].reasons.at(0).rule, "TERM-MATCH");

    const Quote together = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-02-01", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"},
         "services": [{"id": "adp", "term_years": 3}, {"kind": "extension", "term_years": 3}]}]})"));
    EXPECT_TRUE(together.rejected.empty());
    EXPECT_NE(find_line(together, "adp"), nullptr);
    EXPECT_NE(find_line(together, "ext-depot"), nullptr);  // by kind: the level the unit can take
}

TEST(Quote, LinesSumToTotalsAndQuantitiesMultiply) {
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-02-01",
        "customer": {"segment": "smb", "new_customer": true, "programs": ["NCB"]},
        "items": [
          {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "quantity": 7}, "hardware": true,
           "services": [{"id": "ext-depot", "term_years": 3}, {"id": "adp", "term_years": 3}]},
          {"device": {"mtm": "12DL", "ship_date": "2025-12-15", "quantity": 3},
           "services": [{"id": "ext-onsite-nbd", "term_years": 4}]}]})"));
    ASSERT_TRUE(q.rejected.empty()) << q.rejected[0].reasons[0].message;
    std::int64_t list = 0, partner = 0;
    for (const QuoteLine& l : q.lines) {
        EXPECT_EQ(l.line_list.minor_units(), l.unit_list.minor_units() * l.quantity) << l.id;
        EXPECT_LE(l.line_partner.minor_units(), l.line_list.minor_units()) << l.id;
        list += l.line_list.minor_units();
        partner += l.line_partner.minor_units();
    }
    EXPECT_EQ(q.totals.list.minor_units(), list);
    EXPECT_EQ(q.totals.partner_price.minor_units(), partner);
    EXPECT_EQ(find_line(q, "ext-depot")->quantity, 7);
    std::int64_t programs = 0;
    for (const ProgramAmount& a : q.programs.amounts) programs += a.amount.minor_units();
    EXPECT_EQ(q.totals.partner_benefit.minor_units(), programs);
    EXPECT_GT(programs, 0);
    EXPECT_FALSE(q.programs.table_id.empty());
    EXPECT_NE(q.catalog_label.find("SAMPLE"), std::string::npos);
}

TEST(Quote, RejectedServicesKeepEveryBlockingReason) {
    // Open-box E-series unit asking for a 5-year extension: GEN-OPEN-BOX and CAP-MAX-YEARS both say no.
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-02-01", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "condition": "open-box"}, "services": [{"id": "ext-depot", "term_years": 5}]}]})"));
    ASSERT_EQ(q.rejected.size(), 1u);
    std::vector<std::string> rules;
    for (const Reason& r : q.rejected[0].reasons) rules.push_back(r.rule);
    EXPECT_NE(std::find(rules.begin(), rules.end(), "GEN-OPEN-BOX"), rules.end());
    EXPECT_NE(std::find(rules.begin(), rules.end(), "CAP-MAX-YEARS"), rules.end());
    EXPECT_TRUE(q.lines.empty());
    EXPECT_EQ(q.totals.list.minor_units(), 0);
}

TEST(Quote, UnknownMachineTypeIsAnItemErrorNotACrash) {
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-02-01", "items": [
        {"device": {"mtm": "ZZZZ", "ship_date": "2026-01-01"}, "services": [{"id": "adp", "term_years": 1}]}]})"));
    ASSERT_EQ(q.items.size(), 1u);
    ASSERT_TRUE(q.items[0].error);
    EXPECT_EQ(q.items[0].error->field, "mtm");
    ASSERT_EQ(q.rejected.size(), 1u);
}

TEST(Quote, SameInputGivesTheSameQuote) {
    const char* text =
        R"({"as_of": "2026-03-01", "items": [{"device": {"mtm": "30FM", "ship_date": "2026-01-10", "quantity": 2},
        "services": [{"id": "upg-onsite-4h-95", "term_years": 3}, {"id": "premier", "term_years": 3}]}]})";
    const auto a = quote_to_json(build_quote(test::sample_catalog(), request_from(text)));
    const auto b = quote_to_json(build_quote(test::sample_catalog(), request_from(text)));
    EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace apos
