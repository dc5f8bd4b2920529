// The partner programs' STACK example (P:277-290) as a real quote: the request in
// tests/cli/data/quote_stack.json priced on the sample catalog, line by line and program by program.
//
// Which figures are checked: the example's partner price ($10,885) is 19.3% off its list ($13,494);
// the sample catalog gives every line 20% off. The sample's list prices for 8871 ($3,228) and
// TopSeller Max Support ($1,308) are set so that 20% off lands on the example's partner prices:
// $10,886.40 for everything, $3,139.20 for the services. Every program amount rests on the partner
// price, so the quote checks the example's amounts ($272, $157, $510, $1,089), its total ($2,028)
// and its margin (18.6%) exactly, and the partner prices to within $1.40. The list total is the
// sample's $13,608, not the example's $13,494, which no 20% discount can reach from $10,885.
#include <gtest/gtest.h>

#include <string>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

Quote stack_quote() {
    const std::string text = test::read_file(std::string(APOS_TEST_DATA_DIR) + "/../cli/data/quote_stack.json");
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    if (!parsed.request) ADD_FAILURE() << (parsed.errors.empty() ? "?" : parsed.errors[0].to_string());
    return build_quote(test::sample_catalog(), parsed.request.value_or(QuoteRequest{}));
}

std::int64_t program_amount(const Quote& q, const std::string& rule, const std::string& name_part = "") {
    std::int64_t sum = 0;
    for (const ProgramAmount& a : q.programs.amounts)
        if (a.rule == rule && a.name.find(name_part) != std::string::npos) sum += a.amount.minor_units();
    return sum;
}

struct LineRow {
    const char* source;
    const char* id;
    std::int64_t quantity;
    std::int64_t unit_list;
    std::int64_t line_list;
    std::int64_t line_partner;
};

TEST(StackQuote, LinesAreThreeServersAndTheirSupport) {
    const Quote q = stack_quote();
    ASSERT_TRUE(q.rejected.empty()) << q.rejected[0].reasons.at(0).rule << ": " << q.rejected[0].reasons.at(0).message;
    const LineRow rows[] = {
        {"P:279-280", "hardware:8871", 3, 322'800, 968'400, 774'720},
        {"P:279-280", "dcg-topseller-max-support", 3, 130'800, 392'400, 313'920},
    };
    ASSERT_EQ(q.lines.size(), 2u);
    for (std::size_t i = 0; i < q.lines.size(); ++i) {
        const LineRow& r = rows[i];
        const QuoteLine& line = q.lines[i];
        SCOPED_TRACE(std::string(r.source) + ": line " + r.id);
        EXPECT_EQ(line.id, r.id);
        EXPECT_EQ(line.quantity, r.quantity);
        EXPECT_EQ(line.unit_list.minor_units(), r.unit_list);
        EXPECT_EQ(line.line_list.minor_units(), r.line_list);
        EXPECT_EQ(line.line_partner.minor_units(), r.line_partner);
    }
}

TEST(StackQuote, PartnerPriceIsTheExamplesWithinOneDollarForty) {
    const Quote q = stack_quote();
    // P:282-283: $10,885 partner price (19.3% off $13,494); here 20% off the sample's $13,608.
    EXPECT_EQ(q.totals.list.minor_units(), 1'360'800);
    EXPECT_EQ(q.totals.partner_price.minor_units(), 1'088'640);
    EXPECT_LE(q.totals.partner_price.minor_units() - 1'088'500, 140);
}

TEST(StackQuote, ProgramsAddUpToTheExamplesBenefitAndMargin) {
    const Quote q = stack_quote();
    SCOPED_TRACE("STACK (P:284-290): $272 + $157 + $510 + $1,089 = $2,028, 18.6% margin");
    EXPECT_EQ(program_amount(q, "REBATE", "DCG"), 27'200);       // P:284: 2.5% x $10,886.40 = $272.16
    EXPECT_EQ(program_amount(q, "REBATE", "Services"), 15'700);  // P:285: 5% x $3,139.20 = $156.96
    EXPECT_EQ(program_amount(q, "SPIFF"), 51'000);               // P:286: 3 x $150 + 3 x $20
    EXPECT_EQ(program_amount(q, "NCB"), 108'900);                // P:287: 10% x $10,886.40 = $1,088.64
    EXPECT_EQ(program_amount(q, "DEAL-REG"), 0);
    EXPECT_EQ(program_amount(q, "VOL-DISC"), 0);
    EXPECT_EQ(q.totals.partner_benefit.minor_units(), 202'800);  // P:288
    EXPECT_EQ(q.totals.margin.to_percent_string(), "18.6%");     // P:290
}

TEST(StackQuote, WithoutTheRepsRegistrationTheSpiffIsMissing) {
    // The same quote when the rep has not registered for SPIFF (P:208-216): $2,028 - $510.
    std::string text = test::read_file(std::string(APOS_TEST_DATA_DIR) + "/../cli/data/quote_stack.json");
    const std::string listed = R"("programs": ["NCB", "SPIFF"])";
    const std::size_t at = text.find(listed);
    ASSERT_NE(at, std::string::npos) << "the request no longer lists NCB and SPIFF";
    text.replace(at, listed.size(), R"("programs": ["NCB"])");
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    ASSERT_TRUE(parsed.request);
    const Quote q = build_quote(test::sample_catalog(), *parsed.request);
    EXPECT_EQ(program_amount(q, "SPIFF"), 0);
    EXPECT_EQ(q.totals.partner_benefit.minor_units(), 202'800 - 51'000);
}

}  // namespace
}  // namespace apos
