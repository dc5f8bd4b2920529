// Co-terming suggestions, checked as properties over generated customers: every proposed term is
// one a quote of it sells (the one evaluation, not the search's own calls), it ends where the
// suggestion says, and the spread of coverage ends never widens.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "apos/evaluation.hpp"
#include "apos/proposals.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

struct Customer {
    std::vector<DeviceInput> devices;
    std::vector<UnitOpportunity> units;
    std::vector<ProposalSource> sources() const {
        std::vector<ProposalSource> out;
        for (std::size_t i = 0; i < units.size(); ++i) out.push_back({&devices[i], &units[i], {}});
        return out;
    }
};

// 2 to 8 units of one customer, shipped over the last six years, some extended already.
Customer generated_customer(std::mt19937& rng, int index) {
    const Catalog& catalog = test::sample_catalog();
    Customer c;
    const int n = 2 + static_cast<int>(rng() % 7);
    const std::string name = "Co" + std::to_string(index);
    for (int i = 0; i < n; ++i) {
        DeviceInput in;
        in.mtm = catalog.machine_types[rng() % catalog.machine_types.size()].mt;
        in.serial = name + "-" + std::to_string(i);
        in.channel = rng() % 4 ? Channel::Direct : Channel::Distributor;
        in.ship_date = kAsOf.plus_days(-static_cast<int>(rng() % 2200));
        if (rng() % 6 == 0) in.coverage_end = in.ship_date.plus_days(static_cast<int>(rng() % 1500));
        in.quantity = rng() % 4 ? 1 : 10;
        const DeviceResolution resolved = resolve_device(catalog, in);
        if (!resolved.facts) continue;
        UnitOpportunity unit = evaluate_unit(catalog, *resolved.facts, kAsOf);
        unit.set_customer(name);
        unit.line = i + 2;
        c.devices.push_back(in);
        c.units.push_back(std::move(unit));
    }
    return c;
}

std::int32_t spread(const std::vector<Date>& ends) {
    if (ends.empty()) return 0;
    const auto [lo, hi] = std::minmax_element(ends.begin(), ends.end());
    return days_between(*lo, *hi);
}

std::string describe(const CotermSuggestion& s) {
    std::ostringstream out;
    out << s.customer << " spread " << s.spread_days_before << " -> " << s.spread_days_after << " [";
    for (const CotermUnit& u : s.units)
        out << " " << u.serial << " " << u.end_before.to_string() << "->" << u.end_after.to_string()
            << (u.offering ? " " + u.offering->id + "/" + std::to_string(u.term_years) : "");
    return out.str() + " ]";
}

TEST(Coterm, NeverARefusedTermAndNeverAWiderSpreadOverGeneratedCustomers) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 rng(20261126);
    int narrowed = 0, proposed_terms = 0;
    for (int index = 0; index < 150; ++index) {
        const Customer c = generated_customer(rng, index);
        if (c.units.empty()) continue;
        const CotermSuggestion s = suggest_coterm(catalog, kAsOf, c.sources(), c.units.front().customer());
        SCOPED_TRACE(describe(s));
        EXPECT_EQ(s.units.size() + s.left_out.size(), c.units.size());
        std::vector<Date> before, after;
        for (const CotermUnit& u : s.units) {
            before.push_back(u.end_before);
            after.push_back(u.end_after);
            const auto at = std::find_if(c.units.begin(), c.units.end(),
                                         [&](const UnitOpportunity& x) { return x.serial() == u.serial; });
            ASSERT_NE(at, c.units.end());
            EXPECT_EQ(u.end_before, at->coverage_end);
            if (!u.offering) {
                EXPECT_EQ(u.end_after, u.end_before);
                continue;
            }
            ++proposed_terms;
            // Quoted alone on the unit, the term sells as it is and covers up to the suggested end.
            Configuration quote;
            quote.as_of = kAsOf;
            quote.items.push_back({c.devices[static_cast<std::size_t>(at - c.units.begin())],
                                   false,
                                   {{u.offering->id, std::nullopt, u.term_years, std::nullopt}}});
            const Evaluation evaluation = evaluate_configuration(catalog, quote, {false, false, false});
            EXPECT_TRUE(evaluation.quote.rejected.empty()) << u.serial << " " << u.offering->id << " " << u.term_years;
            ASSERT_EQ(evaluation.devices.front().sold.size(), 1u) << u.serial;
            const Offer& sold = evaluation.devices.front().sold.front();
            EXPECT_EQ(sold.status, OfferStatus::Eligible) << u.serial;
            EXPECT_EQ(sold.coverage_until, u.end_after) << u.serial;
            EXPECT_GT(u.end_after, u.end_before) << "a term that adds nothing is no suggestion";
        }
        EXPECT_EQ(s.spread_days_before, spread(before));
        EXPECT_EQ(s.spread_days_after, spread(after));
        EXPECT_LE(s.spread_days_after, s.spread_days_before);
        EXPECT_LE(s.spread_months_after, s.spread_months_before);
        if (!s.target) EXPECT_EQ(s.spread_days_after, s.spread_days_before);
        else EXPECT_LT(s.spread_days_after, s.spread_days_before);
        narrowed += s.spread_days_after < s.spread_days_before ? 1 : 0;
    }
    // The search has something to do on this population: it must narrow some customers.
    EXPECT_GT(narrowed, 10);
    EXPECT_GT(proposed_terms, 10);
}

TEST(Coterm, AUnitOfAnotherCustomerIsNotMeasured) {
    std::mt19937 rng(5);
    Customer a = generated_customer(rng, 1);
    Customer b = generated_customer(rng, 2);
    std::vector<ProposalSource> both = a.sources();
    for (const ProposalSource& s : b.sources()) both.push_back(s);
    const CotermSuggestion s = suggest_coterm(test::sample_catalog(), kAsOf, both, "Co1");
    EXPECT_EQ(s.units.size() + s.left_out.size(), a.units.size());
}

struct MonthsRow {
    const char* from;
    const char* to;
    int months;
};
class WholeMonths : public ::testing::TestWithParam<MonthsRow> {};
TEST_P(WholeMonths, BetweenTwoDays) {
    const MonthsRow& r = GetParam();
    EXPECT_EQ(whole_months_between(test::date(r.from), test::date(r.to)), r.months) << r.from << " .. " << r.to;
}
INSTANTIATE_TEST_SUITE_P(
    Rows, WholeMonths,
    ::testing::Values(MonthsRow{"2026-01-15", "2026-03-14", 1}, MonthsRow{"2026-01-15", "2026-03-15", 2},
                      MonthsRow{"2026-03-15", "2026-01-15", 2}, MonthsRow{"2025-01-31", "2025-02-28", 0},
                      MonthsRow{"2024-11-26", "2027-01-26", 26}, MonthsRow{"2026-05-01", "2026-05-01", 0}));

}  // namespace
}  // namespace apos
