// Partner programs (NCB, DEAL-REG, REBATE, VOL-DISC, SPIFF, PDP) applied by the generic
// engine to the sample catalog's program table, and the STACK worked example to the cent.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "apos/json_io.hpp"
#include "apos/programs.hpp"
#include "apos/quote.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Currency kUsd = *Currency::from_code("USD");

Money usd(std::int64_t minor) { return Money(minor, kUsd); }

// A line of a Think notebook with no series (so no series-specific program picks it up).
ProgramLine line(LineGroup group, bool topseller, std::int64_t units, std::int64_t partner_total_minor) {
    ProgramLine l;
    l.group = group;
    l.topseller = topseller;
    l.units = units;
    l.unit_partner_price = usd(divide_half_up(partner_total_minor, units));
    l.partner_price = usd(partner_total_minor);
    return l;
}

const ProgramTable& table_on(const char* day) {
    const ProgramTable* table = test::sample_catalog().program_table_on(test::date(day));
    if (!table) {
        ADD_FAILURE() << "no program table on " << day;
    }
    return *table;
}

std::int64_t amount_of(const ProgramResult& result, const std::string& rule, const std::string& name_part = "") {
    std::int64_t sum = 0;
    for (const ProgramAmount& a : result.amounts)
        if (a.rule == rule && a.name.find(name_part) != std::string::npos) sum += a.amount.minor_units();
    return sum;
}

// STACK: System x server + TopSeller Max Support, 3 units, partner price $10,885 of which
// services $3,140, new customer nominated for NCB, the partner's rep registered for SPIFF.
TEST(Programs, StackWorkedExampleToTheCent) {
    SCOPED_TRACE("STACK (P:275-290): the programs add up to $2,028 on a $10,885 partner price");
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgSystem, true, 3, 1'088'500 - 314'000),
                                            line(LineGroup::DcgService, true, 3, 314'000)};
    const ProgramResult result =
        apply_programs(table_on("2026-01-15"), lines, {true, {"NCB", "SPIFF"}, std::nullopt}, kUsd);
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
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgSystem, true, 3, 774'500),
                                            line(LineGroup::DcgService, true, 3, 314'000)};
    const ProgramResult result =
        apply_programs(table_on("2026-07-01"), lines, {true, {"NCB", "SPIFF"}, std::nullopt}, kUsd);
    EXPECT_NE(result.table_id, table_on("2026-06-30").id);
    EXPECT_EQ(result.total, usd(202'800));
}

TEST(Programs, NcbNeedsNominationAndANewCustomer) {
    const std::vector<ProgramLine> lines = {line(LineGroup::ClientService, true, 10, 100'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {true, {"NCB"}, std::nullopt}, kUsd), "NCB"),
              5'000);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {false, {"NCB"}, std::nullopt}, kUsd), "NCB"), 0);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {true, {}, std::nullopt}, kUsd), "NCB"), 0);
}

// P:7: NCB and deal registration run through Lenovo Leads, open to partners in the US and Canada.
TEST(Programs, NcbAndDealRegistrationServePartnersInTheUsAndCanadaOnly) {
    const std::vector<ProgramLine> lines = {line(LineGroup::ClientService, true, 10, 100'000)};
    struct Row {
        const char* country;
        std::int64_t ncb;
        std::int64_t deal_reg;
    };
    for (const Row r : {Row{"US", 5'000, 5'000}, Row{"CA", 5'000, 5'000}, Row{"DE", 0, 0}, Row{"MX", 0, 0}}) {
        SCOPED_TRACE(std::string("partner in ") + r.country);
        CustomerPrograms nominated{true, {"NCB"}, std::nullopt, r.country};
        CustomerPrograms registered{false, {"DEAL-REG"}, std::nullopt, r.country};
        const ProgramResult ncb = apply_programs(table_on("2026-01-15"), lines, nominated, kUsd);
        EXPECT_EQ(amount_of(ncb, "NCB"), r.ncb);
        EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, registered, kUsd), "DEAL-REG"), r.deal_reg);
        const bool told = std::any_of(ncb.notices.begin(), ncb.notices.end(), [](const std::string& n) {
            return n.find("NCB runs for partners in US, CA only") != std::string::npos;
        });
        EXPECT_EQ(told, r.ncb == 0);
        EXPECT_GT(amount_of(ncb, "REBATE"), 0);  // programs without a country list still pay
    }
}

TEST(Programs, DealRegistrationAndNcbDoNotCombine) {
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgService, false, 1, 100'000)};
    const ProgramResult deal_only =
        apply_programs(table_on("2026-01-15"), lines, {false, {"DEAL-REG"}, std::nullopt}, kUsd);
    EXPECT_EQ(amount_of(deal_only, "DEAL-REG"), 8'000);
    const ProgramResult both =
        apply_programs(table_on("2026-01-15"), lines, {true, {"NCB", "DEAL-REG"}, std::nullopt}, kUsd);
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
        const std::vector<ProgramLine> lines = {line(LineGroup::ClientSystem, true, 10, r.unit_partner_minor * 10)};
        const ProgramResult result = apply_programs(table_on("2026-01-15"), lines, {}, kUsd);
        EXPECT_EQ(amount_of(result, "REBATE"), r.expected_rebate_minor)
            << "unit partner price " << r.unit_partner_minor;
    }
    const std::vector<ProgramLine> not_topseller = {line(LineGroup::ClientSystem, false, 1, 100'000)};
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
    const CustomerPrograms rep{false, {"SPIFF"}, std::nullopt};  // a registered rep (P:208-216)
    const std::vector<ProgramLine> few = {line(LineGroup::DcgSystem, true, 2, 1'000'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), few, rep, kUsd), "SPIFF"), 30'000);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), few, {}, kUsd), "SPIFF"), 0);
    const std::vector<ProgramLine> many = {line(LineGroup::DcgSystem, true, 100, 100'000'000)};
    const ProgramResult capped = apply_programs(table_on("2026-01-15"), many, rep, kUsd);
    EXPECT_EQ(amount_of(capped, "SPIFF"), 1'000'000);
    EXPECT_TRUE(
        std::any_of(capped.amounts.begin(), capped.amounts.end(), [](const ProgramAmount& a) { return a.capped; }));
}

TEST(Programs, DemoUnitsOnlyWhenRequested) {
    const std::vector<ProgramLine> lines = {line(LineGroup::ClientSystem, true, 1, 100'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {false, {"PDP"}, std::nullopt}, kUsd), "PDP"),
              35'000);
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), lines, {}, kUsd), "PDP"), 0);
    // One demo server a quarter (P:136): 50% of one $40,000 unit is $20,000, capped at $15,000 (P:141).
    const std::vector<ProgramLine> servers = {line(LineGroup::DcgSystem, true, 10, 40'000'000)};
    EXPECT_EQ(amount_of(apply_programs(table_on("2026-01-15"), servers, {false, {"PDP"}, std::nullopt}, kUsd), "PDP"),
              1'500'000);
}

// ---- The engine's own mechanics, on hand-made tables --------------------------------------------

ProgramComponent component_for(LineFilter filter) {
    ProgramComponent c;
    c.rule = "VOL-DISC";
    c.name = "test component";
    c.rate = BasisPoints{1000};
    c.applies_to = {std::move(filter)};
    return c;
}

ProgramTable table_of(std::vector<ProgramComponent> components) {
    ProgramTable t;
    t.id = "test";
    t.components = std::move(components);
    return t;
}

MachineType machine(Brand brand, const char* series, Category category, bool topseller) {
    MachineType t;
    t.brand = brand;
    t.series = series;
    t.category = category;
    t.topseller = topseller;
    return t;
}

TEST(ProgramEngine, MakeProgramLineCarriesTheDeviceFacts) {
    const MachineType t = machine(Brand::Idea, "IdeaPad 1", Category::Notebook, true);
    const ProgramLine l = make_program_line(t, LineGroup::ClientService, 3, 7, usd(1'000), usd(7'000));
    EXPECT_EQ(l.group, LineGroup::ClientService);
    EXPECT_EQ(l.item, 3u);
    EXPECT_EQ(l.brand, Brand::Idea);
    EXPECT_EQ(l.series, "IdeaPad 1");
    EXPECT_EQ(l.category, Category::Notebook);
    EXPECT_TRUE(l.topseller);
    EXPECT_EQ(l.units, 7);
    EXPECT_EQ(l.unit_partner_price, usd(1'000));
    EXPECT_EQ(l.partner_price, usd(7'000));
}

// A series prefix ends at a word: "Lenovo V1" must not pick up "Lenovo V15".
TEST(ProgramEngine, SeriesPrefixesMatchWholeWords) {
    struct Row {
        const char* series;
        bool matches;
    };
    LineFilter filter;
    filter.groups = {LineGroup::ClientSystem};
    filter.series_prefixes = {"Lenovo V1", "ThinkPad"};
    const ProgramTable table = table_of({component_for(filter)});
    for (const Row r : {Row{"Lenovo V1", true}, Row{"Lenovo V1 Pro", true}, Row{"Lenovo V15", false},
                        Row{"ThinkPad E", true}, Row{"ThinkPadX", false}, Row{"Lenovo", false}, Row{"", false}}) {
        const std::vector<ProgramLine> lines = {
            make_program_line(machine(Brand::Lenovo, r.series, Category::Notebook, false), LineGroup::ClientSystem, 0,
                              1, usd(10'000), usd(10'000))};
        EXPECT_EQ(apply_programs(table, lines, {}, kUsd).total.minor_units() > 0, r.matches)
            << "series \"" << r.series << "\"";
    }
}

TEST(ProgramEngine, DevicesCountEachItemOnceLinesCountEveryLine) {
    LineFilter filter;
    filter.groups = {LineGroup::ClientService};
    ProgramComponent by_device = component_for(filter);
    by_device.units_counted = UnitCount::Devices;
    ProgramComponent by_line = component_for(filter);
    by_line.units_counted = UnitCount::Lines;
    const MachineType t = machine(Brand::Think, "ThinkPad T", Category::Notebook, true);
    // Item 0: three services on 4 devices; item 1: one service on 2 devices.
    const std::vector<ProgramLine> lines = {make_program_line(t, LineGroup::ClientService, 0, 4, usd(100), usd(400)),
                                            make_program_line(t, LineGroup::ClientService, 0, 4, usd(100), usd(400)),
                                            make_program_line(t, LineGroup::ClientService, 0, 4, usd(100), usd(400)),
                                            make_program_line(t, LineGroup::ClientService, 1, 2, usd(100), usd(200))};
    EXPECT_EQ(apply_programs(table_of({by_device}), lines, {}, kUsd).amounts.at(0).units, 6);
    EXPECT_EQ(apply_programs(table_of({by_line}), lines, {}, kUsd).amounts.at(0).units, 14);
}

TEST(ProgramEngine, AllocationBandsPickTheHighestBandReached) {
    const UnitAllocation allocation{1, {{0, 0}, {1'000'000, 2}, {5'000'001, 3}, {10'000'001, 4}}};
    struct Row {
        std::optional<std::int64_t> purchases;
        std::int64_t units;
    };
    for (const Row& r : {Row{std::nullopt, 1}, Row{0, 0}, Row{999'999, 0}, Row{1'000'000, 2}, Row{5'000'000, 2},
                         Row{5'000'001, 3}, Row{10'000'000, 3}, Row{10'000'001, 4}, Row{kMaxPurchasesMinor, 4}}) {
        CustomerPrograms customer;
        customer.previous_quarter_purchases_minor = r.purchases;
        EXPECT_EQ(allocated_units(allocation, customer), r.units) << "purchases " << r.purchases.value_or(-1);
    }
}

TEST(ProgramEngine, CapPoolIsSharedAndPlainCapsAreNot) {
    LineFilter filter;
    filter.groups = {LineGroup::DcgSystem};
    ProgramComponent a = component_for(filter);  // 10% of $1,000 = $100
    a.cap_minor = 15'000;
    ProgramComponent b = a;
    const std::vector<ProgramLine> lines = {line(LineGroup::DcgSystem, true, 1, 100'000)};
    EXPECT_EQ(apply_programs(table_of({a, b}), lines, {}, kUsd).total, usd(20'000));  // each under its own $150 cap
    a.cap_pool = b.cap_pool = "pool";
    const ProgramResult pooled = apply_programs(table_of({a, b}), lines, {}, kUsd);
    EXPECT_EQ(pooled.total, usd(15'000));  // $100 + $50 left of the shared $150
    ASSERT_EQ(pooled.amounts.size(), 2u);
    EXPECT_FALSE(pooled.amounts[0].capped);
    EXPECT_TRUE(pooled.amounts[1].capped);
    EXPECT_EQ(pooled.amounts[1].amount, usd(5'000));
}

// ---- The partner's purchase band in a quote request (customer.previous_quarter_purchases_minor) ----

std::string request_with_purchases(const std::string& value) {
    return R"({"as_of": "2026-01-15", "customer": {"programs": ["PDP"], "previous_quarter_purchases_minor": )" + value +
           R"(}, "items": [{"device": {"mtm": "21HD", "ship_date": "2025-12-01", "quantity": 5}, "hardware": true}]})";
}

TEST(ProgramRequest, PurchasesAreReadAndWrittenBack) {
    const QuoteRequestParse parsed = parse_quote_request(request_with_purchases("1000000"), std::nullopt);
    ASSERT_TRUE(parsed.request.has_value());
    EXPECT_EQ(parsed.request->programs.previous_quarter_purchases_minor, std::optional<std::int64_t>(1'000'000));
    const nlohmann::json written = quote_request_to_json(*parsed.request);
    EXPECT_EQ(written.at("customer").at("previous_quarter_purchases_minor"), 1'000'000);
    const QuoteRequestParse again = parse_quote_request(written.dump(), std::nullopt);
    ASSERT_TRUE(again.request.has_value());
    EXPECT_EQ(again.request->programs.previous_quarter_purchases_minor,
              parsed.request->programs.previous_quarter_purchases_minor);
}

TEST(ProgramRequest, NoPurchasesStaysAbsentOnTheWayBack) {
    const std::string text =
        R"({"as_of": "2026-01-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-12-01"}, "hardware": true}]})";
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    ASSERT_TRUE(parsed.request.has_value());
    EXPECT_FALSE(parsed.request->programs.previous_quarter_purchases_minor.has_value());
    EXPECT_FALSE(quote_request_to_json(*parsed.request).at("customer").contains("previous_quarter_purchases_minor"));
}

TEST(ProgramRequest, BadPurchasesAreRefusedAtTheirPointer) {
    for (const char* bad : {"-1", "\"10000\"", "100.5", "1000000000001", "true"}) {
        const QuoteRequestParse parsed = parse_quote_request(request_with_purchases(bad), std::nullopt);
        EXPECT_FALSE(parsed.request.has_value()) << bad;
        ASSERT_EQ(parsed.errors.size(), 1u) << bad;
        EXPECT_EQ(parsed.errors[0].where, "/customer/previous_quarter_purchases_minor") << bad;
        EXPECT_NE(parsed.errors[0].message.find("whole number from 0 to 1000000000000"), std::string::npos)
            << parsed.errors[0].message;
    }
}

// The band reaches the quote: 5 topseller ThinkPads, 2 of them discounted at $10,000 of purchases.
TEST(ProgramRequest, QuoteDiscountsTheAllocatedUnitsOnly) {
    const QuoteRequestParse parsed = parse_quote_request(request_with_purchases("1000000"), std::nullopt);
    ASSERT_TRUE(parsed.request.has_value()) << (parsed.errors.empty() ? "" : parsed.errors[0].to_string());
    const Quote quote = build_quote(test::sample_catalog(), *parsed.request);
    const auto pdp = std::find_if(quote.programs.amounts.begin(), quote.programs.amounts.end(),
                                  [](const ProgramAmount& a) { return a.rule == "PDP"; });
    ASSERT_NE(pdp, quote.programs.amounts.end());
    EXPECT_EQ(pdp->units, 2);
    // 21HD: list $1,399.00, partner $1,119.20 a unit; 35% of 2 units = $783.44 -> $783.
    EXPECT_EQ(pdp->amount, usd(78'300));
    EXPECT_NE(pdp->note.find("Counted 2 of 5 matching units"), std::string::npos) << pdp->note;
}

// VOL-DISC through the quote (P:168-179): one ThinkPad with five service lines is one system and
// one covered device, so neither category reaches 5; five ThinkPads reach 5 in both.
std::string laptop_with_services(int quantity) {
    return R"({"as_of": "2026-01-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-12-01", "channel": "distributor", "quantity": )" +
           std::to_string(quantity) +
           R"(}, "hardware": true, "services": [{"id": "adp", "term_years": 3}, {"id": "kyd", "term_years": 3},
           {"id": "sbty", "term_years": 3}, {"kind": "upgrade", "term_years": 3, "level": "onsite-nbd"}, {"id": "premier", "term_years": 3}]}]})";
}

TEST(ProgramQuote, OneLaptopWithFiveServicesGetsNoVolumeDiscount) {
    struct Row {
        int quantity;
        std::int64_t vol_disc_units;  // summed over the VOL-DISC amounts
    };
    for (const Row r : {Row{1, 0}, Row{4, 0}, Row{5, 10}}) {
        const QuoteRequestParse parsed = parse_quote_request(laptop_with_services(r.quantity), std::nullopt);
        ASSERT_TRUE(parsed.request.has_value()) << (parsed.errors.empty() ? "" : parsed.errors[0].to_string());
        const Quote quote = build_quote(test::sample_catalog(), *parsed.request);
        std::size_t service_lines = 0;
        for (const QuoteLine& l : quote.lines) service_lines += l.id.rfind("hardware:", 0) != 0;
        ASSERT_EQ(service_lines, 5u) << "the five services must all be on the quote";
        std::int64_t units = 0;
        for (const ProgramAmount& a : quote.programs.amounts)
            if (a.rule == "VOL-DISC") units += a.units;
        EXPECT_EQ(units, r.vol_disc_units) << r.quantity << " laptops";
    }
}

}  // namespace
}  // namespace apos
