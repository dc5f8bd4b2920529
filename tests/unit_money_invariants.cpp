// Money invariants over random valid quotes (fixed seeds): lines sum to the totals exactly, each
// line is rounded once, program amounts stay within what they apply to, quotes are reproducible and
// survive a round trip of their request through JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

// ---- Random requests from the sample catalog ------------------------------------------------------

struct Generated {
    unsigned seed = 0;
    int index = 0;
    QuoteRequest request;
};

std::ostream& operator<<(std::ostream& out, const Generated& g) {
    return out << "seed " << g.seed << " request " << g.index << ": " << quote_request_to_json(g.request).dump();
}

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

int uniform(std::mt19937& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

QuoteRequest random_request(std::mt19937& rng) {
    const Catalog& catalog = test::sample_catalog();
    static const std::vector<Segment> segments = {Segment::Education, Segment::Health, Segment::Government,
                                                  Segment::Smb, Segment::Enterprise};
    static const std::vector<std::string> programs = {"NCB", "DEAL-REG", "PDP"};
    QuoteRequest request;
    // As-of days across both sample program tables (the second starts 2026-07-01).
    request.as_of = test::date("2023-01-01").plus_days(uniform(rng, 0, 5 * 365));
    request.segment = pick(rng, segments);
    request.programs.new_customer = uniform(rng, 0, 1) == 1;
    for (const std::string& p : programs)
        if (uniform(rng, 0, 2) == 0) request.programs.opted_in.push_back(p);
    const int items = uniform(rng, 1, 4);
    for (int i = 0; i < items; ++i) {
        QuoteItemRequest item;
        const MachineType& type = pick(rng, catalog.machine_types);
        item.device.mtm = type.mt + (uniform(rng, 0, 1) ? "CTO1WW" : "");
        item.device.serial = "SN" + std::to_string(uniform(rng, 1000, 9999));
        item.device.ship_date = request.as_of.plus_days(-uniform(rng, 0, 4 * 365));
        if (uniform(rng, 0, 3) == 0) item.device.purchase_date = item.device.ship_date.plus_days(uniform(rng, 0, 60));
        item.device.channel = uniform(rng, 0, 1) ? Channel::Direct : Channel::Distributor;
        item.device.condition = uniform(rng, 0, 5) == 0 ? Condition::Refurbished : Condition::New;
        item.device.quantity = uniform(rng, 1, 2000);
        item.device.segment = uniform(rng, 0, 3) == 0 ? pick(rng, segments) : request.segment;
        item.include_hardware = uniform(rng, 0, 1) == 1;
        const int services = uniform(rng, 1, 4);
        for (int s = 0; s < services; ++s) {
            const Offering& offering = pick(rng, catalog.offerings);
            ServiceRequest service;
            service.term_years = pick(rng, offering.terms);
            if (uniform(rng, 0, 3) == 0) {
                service.kind = offering.kind;  // by kind: the engine picks the level
                if (offering.level && uniform(rng, 0, 1)) service.level = offering.level;
            } else {
                service.id = offering.id;
            }
            item.services.push_back(service);
        }
        request.items.push_back(std::move(item));
    }
    return request;
}

std::vector<Generated> generated_requests() {
    std::vector<Generated> out;
    for (unsigned seed : {20250615u, 7u, 424242u}) {
        std::mt19937 rng(seed);
        for (int i = 0; i < 100; ++i) out.push_back({seed, i, random_request(rng)});
    }
    return out;
}

const std::vector<Generated>& requests() {
    static const std::vector<Generated> all = generated_requests();
    return all;
}

std::int64_t half_up(std::int64_t numerator, std::int64_t denominator) {  // numerator >= 0
    return (2 * numerator + denominator) / (2 * denominator);
}

const ProgramComponent* component_of(const Catalog& catalog, const Quote& quote, const ProgramAmount& amount) {
    for (const ProgramTable& table : catalog.program_tables)
        if (table.id == quote.programs.table_id)
            for (const ProgramComponent& c : table.components)
                if (c.rule == amount.rule && c.name == amount.name) return &c;
    return nullptr;
}

// ---- The invariants ------------------------------------------------------------------------------------

TEST(MoneyInvariant, GeneratedRequestsAreValidAndPriceSomething) {
    std::size_t lines = 0, amounts = 0, capped = 0;
    for (const Generated& g : requests()) {
        const Quote quote = build_quote(test::sample_catalog(), g.request);
        for (const QuoteItemResult& item : quote.items) EXPECT_FALSE(item.error) << g << "\n  " << item.error->message;
        lines += quote.lines.size();
        amounts += quote.programs.amounts.size();
        for (const ProgramAmount& a : quote.programs.amounts) capped += a.capped ? 1 : 0;
    }
    // The generator must reach the interesting paths, else the invariants below prove little.
    EXPECT_GT(lines, 500u);
    EXPECT_GT(amounts, 100u);
    RecordProperty("lines", static_cast<int>(lines));
    RecordProperty("program_amounts", static_cast<int>(amounts));
    RecordProperty("capped", static_cast<int>(capped));
}

TEST(MoneyInvariant, LinesSumToTheTotalsExactly) {
    for (const Generated& g : requests()) {
        const Quote quote = build_quote(test::sample_catalog(), g.request);
        std::int64_t list = 0, partner = 0, benefit = 0;
        for (const QuoteLine& l : quote.lines) {
            list += l.line_list.minor_units();
            partner += l.line_partner.minor_units();
        }
        for (const ProgramAmount& a : quote.programs.amounts) benefit += a.amount.minor_units();
        EXPECT_EQ(list, quote.totals.list.minor_units()) << g;
        EXPECT_EQ(partner, quote.totals.partner_price.minor_units()) << g;
        EXPECT_EQ(benefit, quote.programs.total.minor_units()) << g;
        EXPECT_EQ(quote.totals.partner_benefit, quote.programs.total) << g;
        const std::int64_t p = quote.totals.partner_price.minor_units();
        EXPECT_EQ(quote.totals.margin.value, p > 0 ? half_up(benefit * 10000, p) : 0) << g;
    }
}

TEST(MoneyInvariant, EachLineIsUnitTimesQuantityAndRoundedOnce) {
    const Catalog& catalog = test::sample_catalog();
    const std::int64_t share = 10000 - catalog.policy.partner_discount.value;
    for (const Generated& g : requests()) {
        const Quote quote = build_quote(catalog, g.request);
        for (const QuoteLine& l : quote.lines) {
            SCOPED_TRACE(testing::Message() << g << "\n  line " << l.id << " x" << l.quantity);
            EXPECT_GE(l.quantity, 1);
            EXPECT_GE(l.unit_list.minor_units(), 0);
            EXPECT_EQ(l.line_list.minor_units(), l.unit_list.minor_units() * l.quantity);
            // Partner price: the line's list price x (1 - discount), rounded half-up once.
            EXPECT_EQ(l.line_partner.minor_units(), half_up(l.line_list.minor_units() * share, 10000));
            EXPECT_LE(l.line_partner.minor_units(), l.line_list.minor_units());
            EXPECT_GE(l.line_partner.minor_units(), 0);
            EXPECT_EQ(l.line_list.currency(), catalog.policy.currency);
            EXPECT_EQ(l.line_partner.currency(), catalog.policy.currency);
        }
    }
}

TEST(MoneyInvariant, ProgramAmountsStayWithinWhatTheyApplyTo) {
    const Catalog& catalog = test::sample_catalog();
    for (const Generated& g : requests()) {
        const Quote quote = build_quote(catalog, g.request);
        for (const ProgramAmount& a : quote.programs.amounts) {
            SCOPED_TRACE(testing::Message() << g << "\n  program " << a.rule << " / " << a.name);
            const ProgramComponent* c = component_of(catalog, quote, a);
            ASSERT_NE(c, nullptr) << "the amount names no component of table " << quote.programs.table_id;
            EXPECT_GE(a.amount.minor_units(), 0);
            EXPECT_GE(a.units, 1);
            EXPECT_LE(a.basis_amount.minor_units(), quote.totals.partner_price.minor_units());
            std::int64_t uncapped = 0;
            if (a.basis == "partner_price") {
                EXPECT_LE(a.amount.minor_units(), a.basis_amount.minor_units())
                    << "a rate never pays more than its basis";
                EXPECT_EQ(a.rate.value, c->rate.value);
                // Rounded once, half-up, to the table's step.
                uncapped = half_up(a.basis_amount.minor_units() * c->rate.value, 10000 * c->round_to_minor) *
                           c->round_to_minor;
            } else {
                ASSERT_EQ(a.basis, "units");
                uncapped = c->per_unit_minor * a.units;
            }
            if (c->cap_minor) {
                EXPECT_LE(a.amount.minor_units(), *c->cap_minor);
            }
            const std::int64_t expected = c->cap_minor ? std::min(uncapped, *c->cap_minor) : uncapped;
            EXPECT_EQ(a.amount.minor_units(), expected);
            EXPECT_EQ(a.capped, c->cap_minor && uncapped > *c->cap_minor);
            if (c->quote_units_min) {
                EXPECT_GE(a.units, *c->quote_units_min);
            }
            if (c->quote_units_max) {
                EXPECT_LE(a.units, *c->quote_units_max);
            }
        }
    }
}

TEST(MoneyInvariant, SameInputGivesTheSameQuote) {
    for (const Generated& g : requests()) {
        const std::string first = quote_to_json(build_quote(test::sample_catalog(), g.request)).dump();
        const std::string second = quote_to_json(build_quote(test::sample_catalog(), g.request)).dump();
        EXPECT_EQ(first, second) << g;
    }
}

TEST(MoneyInvariant, RequestSurvivesSerialiseAndParse) {
    for (const Generated& g : requests()) {
        const std::string text = quote_request_to_json(g.request).dump();
        const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
        ASSERT_TRUE(parsed.request.has_value())
            << g << "\n  " << (parsed.errors.empty() ? "" : parsed.errors[0].to_string());
        EXPECT_EQ(quote_request_to_json(*parsed.request), quote_request_to_json(g.request)) << g;
        EXPECT_EQ(quote_to_json(build_quote(test::sample_catalog(), *parsed.request)).dump(),
                  quote_to_json(build_quote(test::sample_catalog(), g.request)).dump())
            << g;
    }
}

TEST(MoneyInvariant, SerialisedRequestHasTheShapeParseReads) {
    QuoteRequest request;
    request.as_of = test::date("2025-06-15");
    request.segment = Segment::Education;
    request.programs = {true, {"NCB", "PDP"}, std::nullopt};
    QuoteItemRequest item;
    item.device.mtm = "21JKCTO1WW";
    item.device.serial = "PF123456";
    item.device.ship_date = test::date("2025-03-02");
    item.device.purchase_date = test::date("2025-03-10");
    item.device.coverage_end = test::date("2028-03-01");
    item.device.channel = Channel::Distributor;
    item.device.country = "DE";
    item.device.quantity = 25;
    item.device.services_held = {OfferKind::Adp};
    item.include_hardware = true;
    item.services = {{"ext-onsite-nbd", std::nullopt, 3, std::nullopt},
                     {"", OfferKind::Upgrade, 3, ServiceLevel::OnsiteNbd}};
    request.items.push_back(item);
    const nlohmann::json j = quote_request_to_json(request);
    EXPECT_EQ(j.at("as_of"), "2025-06-15");
    EXPECT_EQ(j.at("customer").at("segment"), "education");
    EXPECT_EQ(j.at("customer").at("programs"), nlohmann::json({"NCB", "PDP"}));
    const nlohmann::json& d = j.at("items").at(0).at("device");
    EXPECT_EQ(d.at("mtm"), "21JKCTO1WW");
    EXPECT_EQ(d.at("purchase_date"), "2025-03-10");
    EXPECT_EQ(d.at("coverage_end"), "2028-03-01");
    EXPECT_EQ(d.at("channel"), "distributor");
    EXPECT_EQ(d.at("services_held"), nlohmann::json({"adp"}));
    EXPECT_EQ(j.at("items").at(0).at("services").at(1).at("level"), "onsite-nbd");
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
    ASSERT_TRUE(parsed.request.has_value()) << (parsed.errors.empty() ? "" : parsed.errors[0].to_string());
    EXPECT_EQ(quote_request_to_json(*parsed.request), j);
}

}  // namespace
}  // namespace apos
