// A quote's valid-until date: services whose purchase window closes before it are named with
// their day (ADP-90D's window, EXT-WINDOW's base warranty end), earliest first; one that closes
// later is not; the request reads and writes the date and refuses one before the as-of date.
#include <gtest/gtest.h>

#include "apos/json_io.hpp"
#include "apos/quote_export.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

// A ThinkPad E bought on 2026-10-01 with a 3-year extension and ADP, quoted on 2026-11-26.
QuoteRequest thinkpad_request(std::optional<Date> valid_until) {
    QuoteRequest r;
    r.as_of = test::date("2026-11-26");
    r.valid_until = valid_until;
    QuoteItemRequest item;
    item.device.mtm = "21JKCTO1WW";
    item.device.serial = "PF4VAL01";
    item.device.ship_date = test::date("2026-10-01");
    item.device.purchase_date = test::date("2026-10-01");
    item.services = {{"", OfferKind::Extension, 3, std::nullopt}, {"adp", std::nullopt, 3, std::nullopt}};
    r.items.push_back(item);
    return r;
}

std::optional<Date> window_end(const Evaluation& e, OfferKind kind) {
    for (const Offer& o : e.devices.front().sold)
        if (o.offering->kind == kind && o.window) return o.window->until;
    return std::nullopt;
}

struct ValidRow {
    const char* name;
    const char* valid_until;
    bool adp_listed;
    bool extension_listed;
    const char* source;
};

class QuoteValidUntil : public ::testing::TestWithParam<ValidRow> {};

TEST_P(QuoteValidUntil, NamesWhatMustBeBoughtBeforeIt) {
    const ValidRow& row = GetParam();
    const Catalog& catalog = test::sample_catalog();
    const Evaluation e = evaluate_configuration(catalog, thinkpad_request(test::date(row.valid_until)));
    const std::optional<Date> adp = window_end(e, OfferKind::Adp);
    const std::optional<Date> ext = window_end(e, OfferKind::Extension);
    ASSERT_TRUE(adp && ext) << "both services sell on this unit";
    const Quote& q = e.quote;
    bool adp_listed = false, ext_listed = false;
    for (const QuoteDeadline& d : q.deadlines) {
        const QuoteLine& l = q.lines[d.line];
        EXPECT_EQ(l.buy_by, d.buy_by);
        EXPECT_LT(d.buy_by, *q.valid_until);
        adp_listed = adp_listed || (l.kind == OfferKind::Adp && d.buy_by == *adp);
        ext_listed = ext_listed || (l.kind == OfferKind::Extension && d.buy_by == *ext);
    }
    EXPECT_EQ(adp_listed, row.adp_listed)
        << row.name << " (" << row.source << "), ADP window ends " << adp->to_string();
    EXPECT_EQ(ext_listed, row.extension_listed)
        << row.name << " (" << row.source << "), extension window ends " << ext->to_string();
    for (std::size_t i = 1; i < q.deadlines.size(); ++i) EXPECT_LE(q.deadlines[i - 1].buy_by, q.deadlines[i].buy_by);
    const std::string customer = quote_to_customer_html(q);
    EXPECT_NE(customer.find("valid until <strong>" + std::string(row.valid_until)), std::string::npos);
    if (!q.deadlines.empty()) {
        EXPECT_NE(customer.find("earliest deadline is " + q.deadlines.front().buy_by.to_string()), std::string::npos);
        EXPECT_EQ(quote_to_json(q)["valid_until"]["earliest_deadline"], q.deadlines.front().buy_by.to_string());
    } else {
        EXPECT_TRUE(quote_to_json(q)["valid_until"]["earliest_deadline"].is_null());
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, QuoteValidUntil,
    ::testing::Values(ValidRow{"BeforeEveryWindowCloses", "2026-12-01", false, false, "G:2905, G:2611"},
                      ValidRow{"PastTheAdpWindow", "2027-02-01", true, false, "ADP-90D, G:2905"},
                      ValidRow{"PastTheBaseWarrantyToo", "2028-06-01", true, true, "EXT-WINDOW, G:2611"}),
    [](const ::testing::TestParamInfo<ValidRow>& param_info) { return std::string(param_info.param.name); });

TEST(QuoteValidUntilAbsent, NoDeadlinesAndTheAnswerKeepsItsShape) {
    const Evaluation e = evaluate_configuration(test::sample_catalog(), thinkpad_request(std::nullopt));
    EXPECT_TRUE(e.quote.deadlines.empty());
    EXPECT_FALSE(quote_to_json(e.quote).contains("valid_until"));
    EXPECT_EQ(quote_to_customer_html(e.quote).find("valid until"), std::string::npos);
}

TEST(QuoteValidUntilRequest, ReadWrittenAndRefusedBeforeTheAsOfDate) {
    const QuoteRequest r = thinkpad_request(test::date("2027-01-15"));
    const QuoteRequestParse back = parse_quote_request(quote_request_to_json(r).dump(), std::nullopt);
    ASSERT_TRUE(back.request) << (back.errors.empty() ? "" : back.errors.front().to_string());
    EXPECT_EQ(back.request->valid_until, r.valid_until);

    nlohmann::json early = quote_request_to_json(r);
    early["valid_until"] = "2026-11-25";
    const QuoteRequestParse refused = parse_quote_request(early.dump(), std::nullopt);
    ASSERT_FALSE(refused.request);
    ASSERT_EQ(refused.errors.size(), 1u);
    EXPECT_EQ(refused.errors.front().where, "/valid_until");

    early["valid_until"] = "soon";
    EXPECT_FALSE(parse_quote_request(early.dump(), std::nullopt).request);
}

}  // namespace
}  // namespace apos
