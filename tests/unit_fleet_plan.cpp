// The fleet plan against the reference path: on a generated fleet of 10,000 units every unit and
// every renewal offer (status, window, price) matches evaluate_unit / evaluate_offer on the resolved
// device; and every rule marked ProductOnly gives the same outcome whatever the unit's dates,
// quantity, serial and services held, while a rule that reads dates is caught by the same check.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "apos/fleet_plan.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");
const std::vector<std::string> kCountries = {"US", "CA", "GB", "DE", "FR", "JP", "BR"};
const std::vector<OfferKind> kHeldKinds = {OfferKind::Extension, OfferKind::Adp,     OfferKind::Kyd,
                                           OfferKind::Sbty,      OfferKind::Premier, OfferKind::Iwu};

// A unit as installed bases hold them: any machine type, both channels, every condition, ship dates
// over seven years, sometimes a proof of purchase, an earlier extension, services held, a quantity.
DeviceInput random_unit(std::mt19937& rng, int index) {
    const Catalog& catalog = test::sample_catalog();
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    DeviceInput in;
    in.mtm = catalog.machine_types[pick(catalog.machine_types.size())].mt;
    if (rng() % 2) in.mtm += "CTO1WW";
    in.serial = "PLAN" + std::to_string(index);
    in.channel = rng() % 3 ? Channel::Direct : Channel::Distributor;
    in.condition = rng() % 10 < 8 ? Condition::New : rng() % 2 ? Condition::OpenBox : Condition::Refurbished;
    in.country = kCountries[rng() % 4 ? 0 : pick(kCountries.size())];
    in.segment = static_cast<Segment>(pick(5));
    in.replacement = rng() % 20 == 0;
    in.ship_date = kAsOf.plus_days(-static_cast<int>(rng() % 2600));
    if (rng() % 4 == 0) in.purchase_date = in.ship_date.plus_days(static_cast<int>(rng() % 240));
    if (rng() % 4 == 0) in.coverage_end = in.ship_date.plus_days(static_cast<int>(rng() % 2200));
    for (OfferKind kind : kHeldKinds)
        if (rng() % 7 == 0) in.services_held.push_back(kind);
    const int quantities[] = {1, 1, 1, 2, 5, 50, 120};
    in.quantity = quantities[pick(7)];
    return in;
}

std::string describe(const UnitOpportunity& u) {
    std::ostringstream out;
    out << u.serial() << " " << u.mtm() << " coverage_end " << u.coverage_end.to_string() << " bucket "
        << to_string(u.bucket) << (u.lapsed ? " lapsed" : "") << (u.covered ? " covered" : "") << " windows [";
    for (const ClosingWindow& w : u.windows())
        out << " " << to_string(w.kind()) << "/" << w.offering->id << "@" << w.closes.to_string();
    out << " ] best [";
    for (const BestOffer& o : u.best_offers())
        out << " " << o.offering->id << " " << o.term_years << "y " << o.unit_price_minor()
            << (o.window() ? " until " + o.window()->until.to_string() : "");
    out << " ] value " << u.value.minor_units();
    if (u.reinstatement_price()) out << " rein " << u.reinstatement_price()->minor_units();
    return out.str();
}

std::string describe(const DeviceInput& in) {
    std::ostringstream out;
    out << in.mtm << " ship " << in.ship_date.to_string()
        << (in.purchase_date ? " purchase " + in.purchase_date->to_string() : "")
        << (in.coverage_end ? " coverage_end " + in.coverage_end->to_string() : "") << " " << to_string(in.channel)
        << " " << to_string(in.condition) << " " << in.country << " qty " << in.quantity
        << (in.replacement ? " replacement" : "") << " held";
    for (OfferKind k : in.services_held) out << " " << to_string(k);
    return out.str();
}

std::string window_text(const std::optional<DateRange>& w) {
    return w ? w->from.to_string() + ".." + w->until.to_string() : "none";
}

TEST(FleetPlan, EveryUnitAndEveryOfferOfAGeneratedFleetMatchTheReferencePath) {
    const Catalog& catalog = test::sample_catalog();
    FleetPlan plan(catalog, kAsOf);
    std::mt19937 rng(20261126);
    int compared_units = 0;
    int compared_offers = 0;
    int eligible_offers = 0;
    for (int i = 0; i < 10000; ++i) {
        const DeviceInput in = random_unit(rng, i);
        const DeviceResolution reference = resolve_device(catalog, in);
        UnitOpportunity unit;
        const std::optional<DeviceError> error = plan.evaluate(in, unit);
        ASSERT_EQ(error.has_value(), !reference.facts.has_value()) << describe(in);
        if (!reference.facts) {
            EXPECT_EQ(error->message, reference.error->message) << describe(in);
            continue;
        }
        ASSERT_EQ(describe(unit), describe(evaluate_unit(catalog, *reference.facts, kAsOf))) << describe(in);
        ++compared_units;

        std::optional<DeviceError> offers_error;
        const std::vector<PlannedOffer> planned = plan.offers(in, offers_error);
        ASSERT_FALSE(offers_error) << describe(in);
        std::size_t next = 0;
        for (const Offering& offering : catalog.offerings) {
            if (offering.kind == OfferKind::Deployment || offering.kind == OfferKind::Recovery ||
                offering.kind == OfferKind::Support)
                continue;
            for (int term : offering.terms) {
                ASSERT_LT(next, planned.size());
                const PlannedOffer& p = planned[next++];
                const Offer o = evaluate_offer(catalog, *reference.facts, offering, term, kAsOf, {}, false);
                ASSERT_EQ(p.offering, &offering);
                ASSERT_EQ(p.term_years, term);
                EXPECT_EQ(to_string(p.status), to_string(o.status))
                    << offering.id << " " << term << "y on " << describe(in);
                EXPECT_EQ(window_text(p.window), window_text(o.window))
                    << offering.id << " " << term << "y on " << describe(in);
                if (o.status == OfferStatus::Eligible) {
                    ++eligible_offers;
                    EXPECT_EQ(p.unit_price->minor_units(), o.unit_price->minor_units()) << offering.id;
                }
                ++compared_offers;
            }
        }
        EXPECT_EQ(next, planned.size());
    }
    // The generated fleet exercises the plan: most units resolve, and many offers sell.
    EXPECT_GT(compared_units, 9000);
    EXPECT_GT(eligible_offers, 20000);
    EXPECT_GT(compared_offers, 300000);
    EXPECT_LT(plan.products_compiled(), 5000u);  // products repeat: the plan compiles each once
}

// The outcome of `rule` on units of one product that differ in everything a unit holds: how many
// different outcomes it gave.
std::size_t outcomes_over_units(const Rule& rule, const DeviceInput& product, std::mt19937& rng) {
    const Catalog& catalog = test::sample_catalog();
    std::set<std::string> outcomes;
    for (int i = 0; i < 24; ++i) {
        DeviceInput in = random_unit(rng, i);
        in.mtm = product.mtm;
        in.channel = product.channel;
        in.condition = product.condition;
        in.country = product.country;
        in.segment = product.segment;
        in.replacement = product.replacement;
        const DeviceResolution resolved = resolve_device(catalog, in);
        if (!resolved.facts) continue;
        for (const Offering& offering : catalog.offerings) {
            if (std::find(rule.kinds.begin(), rule.kinds.end(), offering.kind) == rule.kinds.end()) continue;
            for (int term : offering.terms) {
                const RuleInput ri{catalog, *resolved.facts, offering, term, kAsOf, {}, false, 0};
                const RuleOutcome o = rule.check(ri);
                outcomes.insert(offering.id + " " + std::to_string(term) + ": " +
                                std::to_string(static_cast<int>(o.verdict)) + " " + window_text(o.window) + " " +
                                (o.changes_on ? o.changes_on->to_string() : "-"));
            }
        }
    }
    // One outcome per offer and term when the rule ignores the unit.
    std::set<std::string> offers;
    for (const std::string& o : outcomes) offers.insert(o.substr(0, o.find(':')));
    return outcomes.size() - offers.size();
}

TEST(FleetPlan, RulesMarkedProductOnlyIgnoreTheUnitsDatesQuantityAndServices) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 rng(7);
    int checked = 0;
    for (const Rule& rule : all_rules()) {
        if (rule.reads != RuleReads::ProductOnly || !rule.check) continue;
        for (const MachineType& type : catalog.machine_types)
            for (Condition condition : {Condition::New, Condition::OpenBox})
                for (const char* country : {"US", "DE"}) {
                    DeviceInput product;
                    product.mtm = type.mt;
                    product.condition = condition;
                    product.country = country;
                    product.channel = rng() % 2 ? Channel::Direct : Channel::Distributor;
                    EXPECT_EQ(outcomes_over_units(rule, product, rng), 0u)
                        << rule.id << " (" << rule.source << ") on " << type.mt << " " << to_string(condition) << " "
                        << country << " changes with the unit: it must not be marked ProductOnly";
                }
        ++checked;
    }
    EXPECT_GT(checked, 20);
}

// The check above can fail: a rule that reads the unit's dates shows more than one outcome.
TEST(FleetPlan, TheProductOnlyCheckCatchesARuleThatReadsTheDates) {
    const Rule* window = find_rule("EXT-WINDOW");
    ASSERT_NE(window, nullptr);
    EXPECT_NE(window->reads, RuleReads::ProductOnly);
    std::mt19937 rng(11);
    DeviceInput product;
    product.mtm = "21JK";
    EXPECT_GT(outcomes_over_units(*window, product, rng), 0u);
}

// How many different outcomes (verdict, window and the day it changes) `rule` gives on one unit
// for the offerings of `kind`: at `term` only, or at every term each offering is sold for.
std::size_t outcomes_over_offerings(const Rule& rule, const DeviceFacts& unit, OfferKind kind,
                                    std::optional<int> term) {
    const Catalog& catalog = test::sample_catalog();
    std::set<std::string> outcomes;
    for (const Offering& offering : catalog.offerings) {
        if (offering.kind != kind) continue;
        for (int offered : offering.terms) {
            if (term && offered != *term) continue;
            const RuleInput in{catalog, unit, offering, offered, kAsOf, {}, false, 0};
            const RuleOutcome o = rule.check(in);
            outcomes.insert(std::to_string(static_cast<int>(o.verdict)) + " " + window_text(o.window) + " " +
                            (o.changes_on ? o.changes_on->to_string() : "-"));
        }
    }
    return outcomes.size();
}

// Generated units that resolve, with the input each came from.
std::vector<std::pair<DeviceInput, DeviceFacts>> resolved_units(unsigned seed, int count) {
    std::mt19937 rng(seed);
    std::vector<std::pair<DeviceInput, DeviceFacts>> units;
    for (int i = 0; i < count; ++i) {
        DeviceInput in = random_unit(rng, i);
        DeviceResolution resolved = resolve_device(test::sample_catalog(), in);
        if (resolved.facts) units.emplace_back(std::move(in), std::move(*resolved.facts));
    }
    return units;
}

TEST(FleetPlan, RulesMarkedTheUnitAndTheOffersKindGiveOneAnswerForEveryOfferingOfAKindAndTerm) {
    const auto units = resolved_units(5, 400);
    int checked = 0;
    for (const Rule& rule : all_rules()) {
        if (!reads_only_the_offers_kind(rule.reads) || !rule.check) continue;
        for (const auto& [in, facts] : units)
            for (OfferKind kind : rule.kinds)
                for (int term = 0; term <= 5; ++term)
                    ASSERT_LE(outcomes_over_offerings(rule, facts, kind, term), 1u)
                        << rule.id << " (" << rule.source << ") answers differently for two " << to_string(kind)
                        << " offerings at " << term << " years on " << describe(in)
                        << ": it reads the offering and must not be marked TheUnitAndTheOffersKind";
        ++checked;
    }
    EXPECT_GE(checked, 15);
}

// The check above can fail: a rule that reads the offering's service level answers differently
// for two offerings of one kind.
TEST(FleetPlan, TheOfferingCheckCatchesARuleThatReadsTheLevel) {
    const Rule* level = find_rule("BW-NO-DOWNGRADE");
    ASSERT_NE(level, nullptr);
    EXPECT_FALSE(reads_only_the_offers_kind(level->reads));
    std::size_t most = 0;
    for (const auto& [in, facts] : resolved_units(13, 200))
        for (OfferKind kind : level->kinds)
            for (int term = 0; term <= 5; ++term)
                most = std::max(most, outcomes_over_offerings(*level, facts, kind, term));
    EXPECT_GT(most, 1u);
}

TEST(FleetPlan, RulesMarkedTheUnitAndTheOffersKindNotItsTermGiveOneAnswerForEveryTermOfAKind) {
    const auto units = resolved_units(17, 400);
    int checked = 0;
    for (const Rule& rule : all_rules()) {
        if (rule.reads != RuleReads::TheUnitAndTheOffersKindNotItsTerm || !rule.check) continue;
        for (const auto& [in, facts] : units)
            for (OfferKind kind : rule.kinds)
                EXPECT_LE(outcomes_over_offerings(rule, facts, kind, std::nullopt), 1u)
                    << rule.id << " (" << rule.source << ") answers differently for two terms of " << to_string(kind)
                    << " on " << describe(in) << ": it reads the term and must not be marked "
                    << "TheUnitAndTheOffersKindNotItsTerm";
        ++checked;
    }
    EXPECT_GE(checked, 8);
}

// The check above can fail: a rule that compares the term with what the unit may still buy
// answers differently for two terms of one kind.
TEST(FleetPlan, TheTermCheckCatchesARuleThatReadsTheTerm) {
    const Rule* term_match = find_rule("TERM-MATCH");
    ASSERT_NE(term_match, nullptr);
    EXPECT_NE(term_match->reads, RuleReads::TheUnitAndTheOffersKindNotItsTerm);
    std::size_t most = 0;
    for (const auto& [in, facts] : resolved_units(19, 200))
        for (OfferKind kind : term_match->kinds)
            most = std::max(most, outcomes_over_offerings(*term_match, facts, kind, std::nullopt));
    EXPECT_GT(most, 1u);
}

}  // namespace
}  // namespace apos
