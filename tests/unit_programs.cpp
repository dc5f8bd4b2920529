// Partner programs (NCB, DEAL-REG, REBATE, VOL-DISC, SPIFF, PDP) applied by the generic
// engine to the sample catalog's program table, and the STACK worked example to the cent.
#include <gtest/gtest.h>

#include "apos/programs.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Currency kUsd = *Currency::from_code("USD");

Money usd(std::int64_t minor) { return Money(minor, kUsd); }

ProgramLine line(LineGroup group, bool topseller, std::int64_t units, std::int64_t partner_total_minor) {
    return {group, topseller, units, usd(divide_half_up(partner_total_minor, units)), usd(partner_total_minor)};
}

const ProgramTable& table_on(const char* day) {
    const ProgramTable* table = test::sample_catalog().program_table_on(test::date(day));
    if (!table) ADD_FAILURE() << "no program table on " << day;
    return *table;
}

std::int64_t amount_of(const ProgramResult& result, const std::string& rule, const std::string& name_part = "") {
    std::int64_t sum = 0;
    for (const ProgramAmount& a : result.amounts)
        if (a.rule == rule && a.name.find(name_part) != std::string::npos) sum += a.amount.minor_units();
    return sum;
}

// STACK: System x server + TopSeller Max Support, 3 units, partner price $10,885 of which
// services $3,140, new customer nominated for NCB.
TEST(Programs, StackWorkedExampleToTheCent) {
    SCOPED_TRACE("STACK (P:275-290): the programs add up to $2,028 on a $10,885 partner price");
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgSystem, true, 3, 1'088'500 - 314'000),
                                            line(LineGroup::DcgService, true, 3, 314'000)};
    const ProgramResult result = apply_programs(table_on("2026-01-15"), lines, {true, {"NCB"}}, kUsd);
    EXPECT_EQ(amount_of(result, "REBATE", "DCG"), 27'200);       // 2.5% x 10,885 = 272.125
    EXPECT_EQ(amount_of(result, "REBATE", "Services"), 15'700);  // 5% x 3,140
    EXPECT_EQ(amount_of(result, "SPIFF"), 51'000);               // 3 x 150 + 3 x 20
    EXPECT_EQ(amount_of(result, "NCB"), 108'900);                // 10% x 10,885 = 1,088.50
    EXPECT_EQ(amount_of(result, "VOL-DISC"), 0);
    EXPECT_EQ(result.total, usd(202'800));
    const BasisPoints margin{divide_half_up(result.total.minor_units() * 10000, 1'088'500)};
    EXPECT_EQ(margin.to_percent_string(), "18.6%");
}

TEST(Programs, StackHoldsInTheLaterTableToo) {
    SCOPED_TRACE("STACK (P:275-290): the same sum under the table that takes over on 2026-07-01");
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgSystem, true, 3, 774'500), line(LineGroup::DcgService, true, 3, 314'000)};
    const ProgramResult result = apply_programs(table_on("2026-07-01"), lines, {true, {"NCB"}}, kUsd);
    EXPECT_NE(result.table_id, table_on("2026-06-30").id);
    EXPECT_EQ(result.total, usd(202'800));
}

TEST(Programs, NcbNeedsNominationAndANewCustomer) {
    const std::vector<ProgramLine> lines = {line(LineGroup::ClientService, true, 10, 100'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {true, {"NCB"}}, kUsd), "NCB"), 5'000);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {false, {"NCB"}}, kUsd), "NCB"), 0);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {true, {}}, kUsd), "NCB"), 0);
}

TEST(Programs, DealRegistrationAndNcbDoNotCombine) {
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgService, false, 1, 100'000)};
    const ProgramResult deal_only = apply_programs(table_on("2026-01-15"), lines, {false, {"DEAL-REG"}}, kUsd);
    EXPECT_EQ(amount_of(deal_only, "DEAL-REG"), 8'000);
    const ProgramResult both = apply_programs(table_on("2026-01-15"), lines, {true, {"NCB", "DEAL-REG"}}, kUsd);
    EXPECT_EQ(amount_of(both, "NCB"), 10'000);
    EXPECT_EQ(amount_of(both, "DEAL-REG"), 0);
    ASSERT_FALSE(both.notices.empty());
}

TEST(Programs, RebateBandsSplitAt650Dollars) {
    struct Row {
        std::int64_t unit_partner_minor;
        std::int64_t expected_rebate_minor;  // on 10 units, rounded to whole dollars
    };
    const Row rows[] = {{64'900, 9'700}, {65'000, 16'300}, {30'000, 4'500}, {100'000, 25'000}};
    for (const Row& r : rows) {
        const std::vector<ProgramLine> lines = {{LineGroup::ClientSystem, true, 10, usd(r.unit_partner_minor), usd(r.unit_partner_minor * 10)}};
        const ProgramResult result = apply_programs(table_on("2026-01-15"), lines, {}, kUsd);
        EXPECT_EQ(amount_of(result, "REBATE"), r.expected_rebate_minor) << "unit partner price " << r.unit_partner_minor;
    }
    const std::vector<ProgramLine> not_topseller = {{LineGroup::ClientSystem, false, 1, usd(100'000), usd(100'000)}};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), not_topseller, {}, kUsd), "REBATE"), 0);
}

TEST(Programs, VolumeDiscountFromFiveToOneThousandUnits) {
    struct Row {
        std::int64_t units;
        bool applies;
    };
    for (const Row r : {Row{4, false}, Row{5, true}, Row{1000, true}, Row{1001, false}}) {
        const std::vector<ProgramLine> lines = {line(LineGroup::ClientService, true, r.units, r.units * 10'000)};
        const std::int64_t got = amount_of(apply_programs(table_on("2026-01-15"), lines, {}, kUsd), "VOL-DISC");
        EXPECT_EQ(got > 0, r.applies) << r.units << " units, got " << got;
    }
}

TEST(Programs, SpiffPaysPerUnitUpToItsCap) {
    const std::vector<ProgramLine> few = {line(LineGroup::DcgSystem, false, 2, 1'000'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), few, {}, kUsd), "SPIFF"), 30'000);
    const std::vector<ProgramLine> many = {line(LineGroup::DcgSystem, false, 100, 100'000'000)};
    const ProgramResult capped = apply_programs(table_on("2026-01-15"), many, {}, kUsd);
    EXPECT_EQ(amount_of(capped, "SPIFF"), 1'000'000);
    EXPECT_TRUE(std::any_of(capped.amounts.begin(), capped.amounts.end(), [](const ProgramAmount& a) { return a.capped; }));
}

TEST(Programs, DemoUnitsOnlyWhenRequested) {
    const std::vector<ProgramLine> lines = {line(LineGroup::ClientSystem, true, 1, 100'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {false, {"PDP"}}, kUsd), "PDP"), 35'000);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {}, kUsd), "PDP"), 0);
    const std::vector<ProgramLine> servers = {line(LineGroup::DcgSystem, false, 10, 10'000'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), servers, {false, {"PDP"}}, kUsd), "PDP"), 1'500'000);  // DCG cap
}

}  // namespace
}  // namespace apos
