// The configuration's evaluation without words (EvaluationParts::words false, through the catalog's
// compiled device classes) against the one with words: every offer's status, window, change day,
// price, coverage and term the same, and explain_offer giving each offer's reasons, part number and
// fix as the words path gives them; on generated configurations with services selected, and after
// the catalog is edited, copied or assigned.
#include <gtest/gtest.h>

#include <random>

#include "apos/evaluation.hpp"
#include "apos/json_io.hpp"
#include "generated_devices.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

constexpr EvaluationParts kOffersWithWords{true, false, false, true};
constexpr EvaluationParts kOffersWithoutWords{true, false, false, false};

// Services a partner might select for an item: by offering id at one of its terms (now and then a
// term it does not sell), or by kind (and sometimes level) at a term.
std::vector<ServiceRequest> random_services(const Catalog& catalog, std::mt19937& rng) {
    std::vector<ServiceRequest> services;
    const int count = static_cast<int>(rng() % 5);  // none to four
    for (int s = 0; s < count; ++s) {
        const Offering& offering = catalog.offerings[rng() % catalog.offerings.size()];
        ServiceRequest request;
        if (rng() % 4 == 0) {
            request.kind = offering.kind;
            if (offering.level && rng() % 2) request.level = offering.level;
        } else {
            request.id = offering.id;
        }
        request.term_years =
            rng() % 10 == 0 ? static_cast<int>(1 + rng() % 5) : offering.terms[rng() % offering.terms.size()];
        services.push_back(request);
    }
    return services;
}

// One to three items (the order's Think units then count several devices), each with services.
Configuration random_configuration(const Catalog& catalog, std::mt19937& rng, int index, int& devices) {
    Configuration configuration;
    configuration.as_of = kAsOf.plus_days(index % 4 == 0 ? 0 : index % 4 == 1 ? -200 : index % 4 == 2 ? 400 : -35);
    configuration.segment = static_cast<Segment>(rng() % 5);
    const int items = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < items; ++i) {
        QuoteItemRequest item;
        item.device = test::random_device(catalog, rng, index * 3 + i, configuration.as_of);
        item.services = random_services(catalog, rng);
        configuration.items.push_back(std::move(item));
        ++devices;
    }
    return configuration;
}

std::string describe(const Configuration& configuration) {
    std::string out = "as of " + configuration.as_of.to_string();
    for (const QuoteItemRequest& item : configuration.items) {
        out += "\n  item " + test::describe(item.device) + " services";
        for (const ServiceRequest& s : item.services)
            out += " " + (s.id.empty() ? std::string(s.kind ? to_string(*s.kind) : "?") : s.id) + ":" +
                   std::to_string(s.term_years) + (s.level ? "@" + std::string(to_string(*s.level)) : "");
    }
    return out;
}

struct Tally {
    int offers = 0, eligible = 0, refused = 0, approval = 0, explained = 0, with_sold = 0, fixes = 0;
};

// Both evaluations of one configuration; returns how many offers differ (each one is reported).
int differences(const Catalog& catalog, const Configuration& configuration, Tally& tally, bool explain_each = true) {
    const Evaluation words = evaluate_configuration(catalog, configuration, kOffersWithWords);
    const Evaluation plain = evaluate_configuration(catalog, configuration, kOffersWithoutWords);
    int different = 0;
    auto report = [&](const std::string& what, const std::string& got, const std::string& expected) {
        ++different;
        ADD_FAILURE() << what << " differs on " << describe(configuration) << "\n  without words: " << got
                      << "\n  with words:    " << expected;
    };
    // The quote and the sold services do not depend on how the offers are listed.
    if (quote_to_json(plain.quote).dump() != quote_to_json(words.quote).dump())
        report("the quote", quote_to_json(plain.quote).dump(), quote_to_json(words.quote).dump());
    EXPECT_EQ(plain.order_think_units, words.order_think_units);
    EXPECT_EQ(plain.devices.size(), words.devices.size());
    for (std::size_t item = 0; item < std::min(plain.devices.size(), words.devices.size()); ++item) {
        const DeviceEvaluation& p = plain.devices[item];
        const DeviceEvaluation& w = words.devices[item];
        EXPECT_EQ(p.sold.size(), w.sold.size());
        if (!w.sold.empty()) ++tally.with_sold;
        if (p.offers.size() != w.offers.size()) {
            report("the number of offers", std::to_string(p.offers.size()), std::to_string(w.offers.size()));
            continue;
        }
        for (std::size_t i = 0; i < w.offers.size(); ++i) {
            const Offer& got = p.offers[i];
            const Offer& expected = w.offers[i];
            ++tally.offers;
            tally.eligible += expected.status == OfferStatus::Eligible;
            tally.refused += expected.status == OfferStatus::Ineligible;
            tally.approval += expected.status == OfferStatus::NeedsApproval;
            if (test::describe_verdict(got) != test::describe_verdict(expected))
                report("item " + std::to_string(item) + " offer " + std::to_string(i), test::describe_verdict(got),
                       test::describe_verdict(expected));
            // Without words an offer carries none: no reasons, part number or fix.
            if (!got.reasons.empty() || !got.part_number.empty() || got.fix)
                report("the words left out", test::describe(got), test::describe_verdict(expected));
            if (!explain_each) continue;
            const std::optional<Offer> explained = explain_offer(catalog, plain, item, *got.offering, got.term_years);
            ++tally.explained;
            if (!explained) {
                report("explain_offer", "nothing", test::describe(expected));
                continue;
            }
            if (expected.fix && expected.fix->action != FixAction::None) ++tally.fixes;
            if (test::describe(*explained) != test::describe(expected))
                report("explain_offer of item " + std::to_string(item) + " offer " + std::to_string(i),
                       test::describe(*explained), test::describe(expected));
        }
    }
    return different;
}

TEST(ConfigurationWithoutWords, GeneratedConfigurationsWithSelectedServicesMatchTheWordsPath) {
    const Catalog catalog = test::sample_catalog();  // a copy: its own, empty, device classes
    std::mt19937 rng(20261130);
    Tally tally;
    int devices = 0;
    for (int i = 0; i < 600; ++i) {
        const Configuration configuration = random_configuration(catalog, rng, i, devices);
        // The same devices with nothing selected first, so the classes without services are in the
        // cache when the selected services come: an answer read from the wrong class would show.
        Configuration bare = configuration;
        for (QuoteItemRequest& item : bare.items) item.services.clear();
        Tally bare_tally;
        ASSERT_EQ(differences(catalog, bare, bare_tally, /*explain_each=*/false), 0) << "configuration " << i;
        ASSERT_EQ(differences(catalog, configuration, tally), 0) << "configuration " << i;
    }
    // The set is wide enough to mean something: over a thousand devices, every status, items with
    // services sold beside the offers, and refused offers with a fix found.
    EXPECT_GE(devices, 1000);
    EXPECT_GT(tally.offers, 50000);
    EXPECT_GT(tally.eligible, 5000);
    EXPECT_GT(tally.refused, 5000);
    EXPECT_GT(tally.approval, 100);
    EXPECT_GT(tally.with_sold, 300);
    EXPECT_GT(tally.fixes, 1000);
    EXPECT_EQ(tally.explained, tally.offers);
    EXPECT_GT(catalog.compiled_offers.classes(), 0u);
}

// One ThinkPad with its services changed one after the other, as a partner clicks through the
// services panel: each selection is its own class key, so no answer is read from another's.
// TICRU-PRODUCTS (G:4576-4578), a product-only rule, needs onsite service on the item: refused
// alone, sold once a 3-year onsite extension is selected, refused again when it is taken off.
TEST(ConfigurationWithoutWords, SelectingAndRemovingServicesNeverReadsAStaleClass) {
    const Catalog catalog = test::sample_catalog();
    Configuration configuration;
    configuration.as_of = kAsOf;
    QuoteItemRequest item;
    item.device.mtm = "21JKCTO1WW";
    item.device.ship_date = kAsOf.plus_days(-20);
    configuration.items.push_back(item);
    auto ticru_status = [&](OfferStatus expected) {
        const Evaluation plain = evaluate_configuration(catalog, configuration, kOffersWithoutWords);
        for (const Offer& o : plain.devices[0].offers) {
            if (o.offering->kind != OfferKind::Ticru || o.term_years != 3) continue;
            EXPECT_EQ(to_string(o.status), to_string(expected))
                << test::describe(*explain_offer(catalog, plain, 0, *o.offering, o.term_years)) << "\n  sold "
                << plain.devices[0].sold.size() << " on " << describe(configuration);
            return;
        }
        ADD_FAILURE() << "no technician-installed CRU offer for 3 years";
    };
    const std::vector<std::vector<ServiceRequest>> selections = {
        {},
        {{"ext-onsite-nbd", std::nullopt, 3, std::nullopt}},
        {},
        {{"ext-onsite-nbd", std::nullopt, 3, std::nullopt}, {"ticru", std::nullopt, 3, std::nullopt}},
        {{"ticru", std::nullopt, 3, std::nullopt}},
    };
    const std::vector<OfferStatus> ticru = {OfferStatus::Ineligible, OfferStatus::Eligible, OfferStatus::Ineligible,
                                            OfferStatus::Eligible, OfferStatus::Ineligible};
    Tally tally;
    for (int round = 0; round < 2; ++round)  // the second time round, every class is in the cache
        for (std::size_t s = 0; s < selections.size(); ++s) {
            configuration.items[0].services = selections[s];
            ticru_status(ticru[s]);
            ASSERT_EQ(differences(catalog, configuration, tally), 0) << "selection " << s << " round " << round;
        }
}

// The order's Think units are not part of a class's key, so no rule marked ProductOnly may read
// them: each one answers the same for one unit on the order and for thousands. FAC-MIN-QTY
// (G:1044, 1099) is the rule that counts them, and it is marked as reading the unit.
TEST(ConfigurationWithoutWords, NoProductOnlyRuleReadsTheOrdersThinkUnits) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 rng(14);
    int checked = 0;
    for (int i = 0; i < 200; ++i) {
        const DeviceResolution resolved = resolve_device(catalog, test::random_device(catalog, rng, i, kAsOf));
        if (!resolved.facts) continue;
        for (const Offering& offering : catalog.offerings)
            for (const Rule* rule : rules_for(offering.kind)) {
                if (rule->reads != RuleReads::ProductOnly) continue;
                for (int term : offering.terms) {
                    const RuleInput one{catalog, *resolved.facts, offering, term, kAsOf, {}, true, 1};
                    const RuleInput many{catalog, *resolved.facts, offering, term, kAsOf, {}, true, 4000};
                    const RuleOutcome a = rule->check(one);
                    const RuleOutcome b = rule->check(many);
                    ++checked;
                    const auto range = [](const std::optional<DateRange>& r) {
                        return r ? r->from.to_string() + ".." + r->until.to_string() : std::string("none");
                    };
                    EXPECT_TRUE(a.verdict == b.verdict && range(a.window) == range(b.window) &&
                                a.changes_on == b.changes_on && a.message == b.message)
                        << rule->id << " on " << offering.id << " " << term << "y, "
                        << test::describe(resolved.facts->input);
                }
            }
    }
    EXPECT_GT(checked, 10000);
}

// The catalog changes under the configurator: an edit in place followed by clear(), a copy and an
// assignment each answer as the changed catalog does, with services selected on the item.
TEST(ConfigurationWithoutWords, AnswersFollowTheCatalogWhenItChanges) {
    Catalog catalog = test::sample_catalog();
    std::mt19937 rng(7);
    int devices = 0;
    std::vector<Configuration> configurations;
    for (int i = 0; i < 30; ++i) configurations.push_back(random_configuration(catalog, rng, i, devices));
    // One fixed configuration with a sold extension and an ADP beside the offers.
    Configuration fixed;
    fixed.as_of = kAsOf;
    QuoteItemRequest item;
    item.device.mtm = "21JK";
    item.device.ship_date = kAsOf.plus_days(-60);
    item.services = {{"", OfferKind::Extension, 3, std::nullopt}, {"", OfferKind::Adp, 3, std::nullopt}};
    fixed.items.push_back(item);
    configurations.push_back(fixed);
    Tally tally;
    auto all_match = [&](const Catalog& c) {
        int different = 0;
        for (const Configuration& configuration : configurations)
            different += differences(c, configuration, tally, /*explain_each=*/false);
        return different;
    };
    ASSERT_EQ(all_match(catalog), 0);
    ASSERT_GT(catalog.compiled_offers.classes(), 0u);

    // Every price of the fixed item's first sellable offering goes up, in place.
    const Evaluation before = evaluate_configuration(catalog, fixed, kOffersWithoutWords);
    const Offer* sellable = nullptr;
    for (const Offer& o : before.devices[0].offers)
        if (o.status == OfferStatus::Eligible && o.unit_price && !sellable) sellable = &o;
    ASSERT_NE(sellable, nullptr);
    const std::string edited_id = sellable->offering->id;
    const int edited_term = sellable->term_years;
    const std::int64_t old_price = sellable->unit_price->minor_units();
    Offering& edited = catalog.offerings[catalog.offering_index.at(edited_id)];
    for (auto& [price_class, terms] : edited.prices)
        for (auto& [term, minor] : terms) minor += 1234;
    auto price_of = [&](const Catalog& c) {
        // Kept in a local: a range-for over a member of a temporary reads it after it is gone.
        const Evaluation evaluation = evaluate_configuration(c, fixed, kOffersWithoutWords);
        for (const Offer& o : evaluation.devices[0].offers)
            if (o.offering->id == edited_id && o.term_years == edited_term && o.unit_price)
                return o.unit_price->minor_units();
        return std::int64_t{-1};
    };
    EXPECT_EQ(price_of(catalog), old_price) << "before clear() the class kept is read";
    catalog.compiled_offers.clear();
    EXPECT_EQ(price_of(catalog), old_price + 1234) << "clear() lets the edited price through";
    ASSERT_EQ(all_match(catalog), 0);

    // A copy starts with no classes and answers as its own catalog does: one term less there.
    Catalog copy = catalog;
    EXPECT_EQ(copy.compiled_offers.classes(), 0u);
    Offering& copied = copy.offerings[copy.offering_index.at(edited_id)];
    copied.terms.erase(std::find(copied.terms.begin(), copied.terms.end(), edited_term));
    ASSERT_EQ(all_match(copy), 0);
    EXPECT_EQ(price_of(copy), -1) << "the copy no longer sells that term";
    ASSERT_EQ(all_match(catalog), 0);

    // Assigning a catalog empties the classes of the one assigned to.
    catalog = copy;
    EXPECT_EQ(catalog.compiled_offers.classes(), 0u);
    ASSERT_EQ(all_match(catalog), 0);
}

}  // namespace
}  // namespace apos
