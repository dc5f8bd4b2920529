// The one evaluation of a configuration: services settle into a set that sells together
// (SOLD-TOGETHER), one extension and one level per unit (ONE-EXTENSION), minimums counted per
// order (FAC-MIN-QTY), every "no" with the one change that makes it a "yes", and the same answer
// whatever the order of the request and wherever it is read (listing, quote, JSON).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "apos/evaluation.hpp"
#include "apos/json_io.hpp"
#include "app/app_state.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

QuoteRequest request_from(const std::string& json_text) {
    const QuoteRequestParse parsed = parse_quote_request(json_text, std::nullopt);
    if (!parsed.request) {
        ADD_FAILURE() << (parsed.errors.empty() ? "?" : parsed.errors[0].to_string()) << "\n" << json_text;
    }
    return parsed.request.value_or(QuoteRequest{});
}

const RejectedService* rejected(const Quote& q, const std::string& id) {
    for (const RejectedService& r : q.rejected)
        if (r.offering == id) return &r;
    return nullptr;
}

bool sold(const Quote& q, const std::string& id, std::size_t item = 0) {
    return std::any_of(q.lines.begin(), q.lines.end(),
                       [&](const QuoteLine& l) { return l.id == id && l.item == item; });
}

bool has_rule(const RejectedService& r, const std::string& rule) {
    return std::any_of(r.reasons.begin(), r.reasons.end(), [&](const Reason& reason) { return reason.rule == rule; });
}

std::string rules_of(const RejectedService& r) {
    std::string out;
    for (const Reason& reason : r.reasons) out += reason.rule + " ";
    return out;
}

// ---- SOLD-TOGETHER: a refused service counts for nothing ---------------------------------------
struct TogetherRow {
    const char* name;
    const char* source;
    const char* device;  // the request's device object
    const char* as_of;
    const char* services;       // the request's services array
    const char* refused_first;  // refused on its own merits
    const char* first_rule;
    const char* falls_with_it;  // refused only because the first one is
    const char* second_rule;    // the rule that now refuses it
};

std::ostream& operator<<(std::ostream& out, const TogetherRow& row) {
    return out << row.name << " (" << row.source << "): device " << row.device << ", as of " << row.as_of
               << ", services " << row.services;
}

const TogetherRow kTogetherRows[] = {
    {"MailInExtensionRefusedByNoDowngradeCarriesNoAdp", "G:2102, 4637",
     R"({"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"})", "2026-02-01",
     R"([{"id": "ext-mail-in", "term_years": 3}, {"id": "adp", "term_years": 3}])", "ext-mail-in", "BW-NO-DOWNGRADE",
     "adp", "TERM-MATCH"},
    {"IwuBesideAnAdpPastItsNinetyDays", "G:2318-2332, 2905",
     R"({"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"})", "2026-06-01",
     R"([{"id": "iwu", "term_years": 1}, {"id": "adp", "term_years": 1}])", "adp", "ADP-90D", "iwu", "IWU-REQUIRES"},
    {"SchoolYearAdpBesideARefusedAdp", "G:3946-3954, 2905",
     R"({"mtm": "21JR", "ship_date": "2026-01-01", "serial": "S1"})", "2026-06-01",
     R"([{"id": "adp", "term_years": 1}, {"id": "syw-adp"}])", "adp", "ADP-90D", "syw-adp", "SYW"},
    {"PremierBesideAnUpgradeRefusedByTermMatch", "G:1916-1918, 4637",
     R"({"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"})", "2026-02-01",
     R"([{"id": "premier", "term_years": 3}, {"id": "upg-onsite-nbd", "term_years": 3}])", "upg-onsite-nbd",
     "TERM-MATCH", "premier", "PREM-ONSITE"},
    {"TechnicianCruBesideAnUpgradeRefusedByTermMatch", "G:4576-4578, 4637",
     R"({"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"})", "2026-02-01",
     R"([{"id": "ticru", "term_years": 1}, {"id": "upg-onsite-nbd", "term_years": 3}])", "upg-onsite-nbd", "TERM-MATCH",
     "ticru", "TICRU-PRODUCTS"},
    {"SealedBatteryBesideAnExtensionPastTheCap", "G:2111-2113, 4637-4639",
     R"({"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"})", "2026-02-01",
     R"([{"id": "sbty", "term_years": 3}, {"id": "ext-depot", "term_years": 5}])", "ext-depot", "CAP-MAX-YEARS", "sbty",
     "SBTY-TERM-EXCEPTION"},
};

class SoldTogether : public testing::TestWithParam<TogetherRow> {};

TEST_P(SoldTogether, ARefusedServiceDoesNotCountForTheOthers) {
    const TogetherRow& row = GetParam();
    const std::string text = std::string(R"({"as_of": ")") + row.as_of + R"(", "items": [{"device": )" + row.device +
                             R"(, "services": )" + row.services + "}]}";
    const Quote q = build_quote(test::sample_catalog(), request_from(text));
    const RejectedService* first = rejected(q, row.refused_first);
    const RejectedService* second = rejected(q, row.falls_with_it);
    ASSERT_NE(first, nullptr) << row;
    ASSERT_NE(second, nullptr) << row << "\n" << quote_to_json(q).dump(1);
    EXPECT_TRUE(has_rule(*first, row.first_rule)) << row << "\n got " << rules_of(*first);
    EXPECT_TRUE(first->fell_with.empty()) << row;
    EXPECT_TRUE(has_rule(*second, row.second_rule)) << row << "\n got " << rules_of(*second);
    EXPECT_TRUE(has_rule(*second, "SOLD-TOGETHER")) << row << "\n got " << rules_of(*second);
    ASSERT_EQ(second->fell_with.size(), 1u) << row;
    EXPECT_NE(second->fell_with[0].find(test::sample_catalog().find_offering(row.refused_first)->name),
              std::string::npos)
        << row;
    EXPECT_TRUE(q.lines.empty()) << row;
}

INSTANTIATE_TEST_SUITE_P(Clauses, SoldTogether, testing::ValuesIn(kTogetherRows),
                         [](const testing::TestParamInfo<TogetherRow>& param_info) {
                             return std::string(param_info.param.name);
                         });

// SOLD-TOGETHER (G:4637): of two refused services, the reason names the one it relied on.
TEST(SoldTogetherReason, NamesOnlyTheRefusedServiceItReliedOn) {
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-06-01", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"},
         "services": [{"id": "iwu", "term_years": 1}, {"id": "syw-depot"}, {"id": "adp", "term_years": 1}]}]})"));
    const RejectedService* iwu = rejected(q, "iwu");
    ASSERT_NE(iwu, nullptr);
    ASSERT_EQ(iwu->fell_with.size(), 1u) << quote_to_json(q).dump(1);
    EXPECT_EQ(iwu->fell_with[0], test::sample_catalog().find_offering("adp")->name + " 1y");
    ASSERT_FALSE(iwu->reasons.empty());
    EXPECT_EQ(iwu->reasons[0].rule, "SOLD-TOGETHER");
    EXPECT_EQ(iwu->reasons[0].source, "G:4637");
}

// ---- ONE-EXTENSION: one extension and one service level per unit -------------------------------
struct SlotRow {
    const char* name;
    const char* services;  // two services in one slot, in the order asked
    const char* stays;     // offering id that stays
    int stays_term;
    const char* leaves;
    int leaves_term;
    bool fix_is_remove;  // the refused one sells once the kept one is removed
};

std::ostream& operator<<(std::ostream& out, const SlotRow& row) { return out << row.name << ": " << row.services; }

const SlotRow kSlotRows[] = {
    {"LongerTermStays", R"([{"id": "ext-depot", "term_years": 3}, {"id": "ext-onsite-nbd", "term_years": 4}])",
     "ext-onsite-nbd", 4, "ext-depot", 3, true},
    {"SameTermHigherLevelStays", R"([{"id": "ext-onsite-nbd", "term_years": 3}, {"id": "ext-depot", "term_years": 3}])",
     "ext-onsite-nbd", 3, "ext-depot", 3, true},
    {"OneThatSellsBeatsALongerOneThatCannot",
     R"([{"id": "ext-depot", "term_years": 5}, {"id": "ext-depot", "term_years": 3}])", "ext-depot", 3, "ext-depot", 5,
     false},
    {"OneUpgradePerUnit",
     R"([{"id": "upg-expedited-depot", "term_years": 1}, {"id": "upg-onsite-nbd", "term_years": 1}])", "upg-onsite-nbd",
     1, "upg-expedited-depot", 1, true},
};

class OneExtension : public testing::TestWithParam<SlotRow> {};

// G:2609-2615: a unit's extension runs from its base start for one term; G:2623-2625 one level.
TEST_P(OneExtension, TheSameOneStaysWhateverTheOrder) {
    const SlotRow& row = GetParam();
    nlohmann::json services = nlohmann::json::parse(row.services);
    std::string answers[2];
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1) std::reverse(services.begin(), services.end());
        const std::string text =
            R"({"as_of": "2026-02-01", "items": [{"device": {"mtm": "21JK", "ship_date": "2026-01-01", "serial": "S1"},
            "services": )" +
            services.dump() + "}]}";
        const Quote q = build_quote(test::sample_catalog(), request_from(text));
        ASSERT_EQ(q.lines.size(), 1u) << row;
        EXPECT_EQ(q.lines[0].id, row.stays) << row;
        EXPECT_EQ(q.lines[0].term_years, row.stays_term) << row;
        ASSERT_EQ(q.rejected.size(), 1u) << row;
        const RejectedService& r = q.rejected[0];
        EXPECT_EQ(r.offering, row.leaves) << row;
        EXPECT_EQ(r.term_years, row.leaves_term) << row;
        EXPECT_TRUE(has_rule(r, "ONE-EXTENSION")) << row << " got " << rules_of(r);
        ASSERT_TRUE(r.fix.has_value()) << row;
        EXPECT_EQ(r.fix->action, row.fix_is_remove ? FixAction::RemoveService : FixAction::None) << row;
        answers[pass] = quote_to_json(q).dump();
    }
    EXPECT_EQ(answers[0], answers[1]) << row;
}

INSTANTIATE_TEST_SUITE_P(Clauses, OneExtension, testing::ValuesIn(kSlotRows),
                         [](const testing::TestParamInfo<SlotRow>& param_info) {
                             return std::string(param_info.param.name);
                         });

// ---- FAC-MIN-QTY counts the order, not one item (G:1044) ---------------------------------------
TEST(OrderQuantities, TwoItemsOfSixtyThinkUnitsMakeAnOrderOfMoreThanNinetyNine) {
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-01-02", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "quantity": 60}, "services": [{"id": "fac-imaging"}]},
        {"device": {"mtm": "21HD", "ship_date": "2026-01-01", "quantity": 60}, "services": [{"id": "fac-imaging"}]}]})"));
    EXPECT_TRUE(sold(q, "fac-imaging", 0)) << quote_to_json(q).dump(1);
    EXPECT_TRUE(sold(q, "fac-imaging", 1));
    EXPECT_TRUE(q.rejected.empty());
}

TEST(OrderQuantities, IdeaUnitsDoNotCountTowardTheThinkMinimum) {
    const Quote q = build_quote(test::sample_catalog(), request_from(R"({"as_of": "2026-01-02", "items": [
        {"device": {"mtm": "21JK", "ship_date": "2026-01-01", "quantity": 60}, "services": [{"id": "fac-imaging"}]},
        {"device": {"mtm": "82XD", "ship_date": "2026-01-01", "quantity": 60}}]})"));
    const RejectedService* r = rejected(q, "fac-imaging");
    ASSERT_NE(r, nullptr);
    EXPECT_TRUE(has_rule(*r, "FAC-MIN-QTY")) << rules_of(*r);
    ASSERT_TRUE(r->fix.has_value());
    EXPECT_EQ(r->fix->action, FixAction::RaiseQuantity);
    EXPECT_EQ(r->fix->quantity, 100);  // this item at 100 units makes an order of 100 Think units
}

// ---- Every "no" says what would make it a "yes" ---------------------------------------------------
Configuration one_device(const char* mtm, const char* ship, const char* as_of,
                         std::vector<ServiceRequest> services = {}) {
    Configuration c;
    c.as_of = test::date(as_of);
    QuoteItemRequest item;
    item.device.mtm = mtm;
    item.device.serial = "S1";
    item.device.ship_date = test::date(ship);
    item.services = std::move(services);
    c.items.push_back(std::move(item));
    return c;
}

const Offer* listed(const DeviceEvaluation& d, const std::string& id, int term) {
    for (const Offer& o : d.offers)
        if (o.offering->id == id && o.term_years == term) return &o;
    return nullptr;
}

TEST(Fixes, ThreeYearAdpOnAOneYearUnitSaysAddAThreeYearExtension) {
    const Evaluation e = evaluate_configuration(test::sample_catalog(), one_device("21JK", "2026-01-01", "2026-02-01"));
    const Offer* adp = listed(e.devices[0], "adp", 3);
    ASSERT_NE(adp, nullptr);
    ASSERT_EQ(adp->status, OfferStatus::Ineligible);
    ASSERT_TRUE(adp->fix.has_value());
    EXPECT_EQ(adp->fix->action, FixAction::AddService);
    EXPECT_EQ(adp->fix->kind, OfferKind::Extension);
    EXPECT_EQ(adp->fix->term_years, 3);
    EXPECT_FALSE(adp->fix->offering.empty());
    EXPECT_NE(adp->fix->label.find("3 years"), std::string::npos) << adp->fix->label;
}

TEST(Fixes, AClosedWindowSaysNothingCanChangeIt) {
    const Evaluation e = evaluate_configuration(test::sample_catalog(), one_device("21JK", "2026-01-01", "2026-06-01"));
    const Offer* adp = listed(e.devices[0], "adp", 1);
    ASSERT_NE(adp, nullptr);
    ASSERT_EQ(adp->status, OfferStatus::Ineligible);
    ASSERT_TRUE(adp->fix.has_value());
    EXPECT_EQ(adp->fix->action, FixAction::None);
    EXPECT_FALSE(adp->fix->label.empty());
}

// Property: every fix the evaluation offers, applied as the page applies it, sells the offer.
TEST(Fixes, EveryOfferedFixMakesItsOfferSell) {
    const Catalog& catalog = test::sample_catalog();
    int checked = 0;
    for (const MachineType& type : catalog.machine_types) {
        for (const char* as_of : {"2026-01-15", "2026-05-01"}) {
            const Configuration c = one_device(type.mt.c_str(), "2026-01-01", as_of);
            const Evaluation e = evaluate_configuration(catalog, c, {true, false, false});
            for (const Offer& offer : e.devices[0].offers) {
                if (!offer.fix || offer.fix->action == FixAction::None || offer.fix->action == FixAction::WaitUntil)
                    continue;
                ui::AppState state;
                state.device = c.items[0].device;
                state.ApplyFix(catalog, offer, *offer.fix);
                Configuration fixed = c;
                fixed.items[0].device = state.device;
                fixed.items[0].services = state.services;
                const Evaluation after = evaluate_configuration(catalog, fixed, {false, false, false});
                const int term = offer.fix->action == FixAction::ChooseTerm ? offer.fix->term_years : offer.term_years;
                const bool now_sold =
                    std::any_of(after.devices[0].sold.begin(), after.devices[0].sold.end(),
                                [&](const Offer& o) { return o.offering == offer.offering && o.term_years == term; });
                EXPECT_TRUE(now_sold) << type.mt << " as of " << as_of << ": " << offer.offering->id << " "
                                      << offer.term_years << "y, fix \"" << offer.fix->label << "\"";
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 50);  // the sample catalog has many such offers; fewer means fixes went missing
}

// ---- Properties over random configurations -------------------------------------------------------
Configuration random_configuration(std::mt19937& random, const Catalog& catalog) {
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    Configuration c;
    const Date ship = *Date::from_ymd(2023 + pick(4), 1 + pick(12), 1 + pick(28));
    c.as_of = ship.plus_days(pick(1500));
    const int items = 1 + pick(2);
    for (int i = 0; i < items; ++i) {
        QuoteItemRequest item;
        const MachineType& type =
            catalog.machine_types[static_cast<std::size_t>(pick(static_cast<int>(catalog.machine_types.size())))];
        item.device.mtm = type.mt;
        item.device.serial = "R" + std::to_string(i);
        item.device.ship_date = ship;
        item.device.quantity = 1 + pick(3) * 50;
        if (pick(3) == 0) item.device.channel = Channel::Distributor;
        const int services = 1 + pick(6);
        for (int s = 0; s < services; ++s) {
            const Offering& o =
                catalog.offerings[static_cast<std::size_t>(pick(static_cast<int>(catalog.offerings.size())))];
            item.services.push_back({o.id, std::nullopt,
                                     o.terms[static_cast<std::size_t>(pick(static_cast<int>(o.terms.size())))],
                                     std::nullopt});
        }
        c.items.push_back(std::move(item));
    }
    return c;
}

TEST(Properties, EverySoldServiceIsEligibleBesideExactlyTheOtherSoldServices) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 random(20261130);
    for (int round = 0; round < 300; ++round) {
        const Configuration c = random_configuration(random, catalog);
        const Evaluation e = evaluate_configuration(catalog, c);
        std::int64_t think_units = 0;
        for (const DeviceEvaluation& d : e.devices)
            if (d.facts && d.facts->machine_type->brand == Brand::Think &&
                d.facts->machine_type->category != Category::Monitor)
                think_units += d.facts->input.quantity;
        for (std::size_t i = 0; i < e.devices.size(); ++i) {
            const DeviceEvaluation& d = e.devices[i];
            if (!d.facts) continue;
            for (const Offer& s : d.sold) {
                std::vector<CompanionService> others;
                for (const Offer& o : d.sold)
                    if (&o != &s) others.push_back({o.offering, o.term_years});
                const Offer again =
                    evaluate_offer(catalog, *d.facts, *s.offering, s.term_years, c.as_of, others, true, think_units);
                EXPECT_NE(again.status, OfferStatus::Ineligible)
                    << "round " << round << ": " << s.offering->id << " " << s.term_years << "y\n"
                    << quote_request_to_json(c).dump();
                // The listing beside the sold services gives the same answer as the quote.
                const Offer* in_list = listed(d, s.offering->id, s.term_years);
                ASSERT_NE(in_list, nullptr);
                EXPECT_EQ(in_list->status, s.status) << "round " << round << ": " << s.offering->id;
            }
            // And a refused request is not in the sold set (unless it asked for a sold one twice).
            for (const RejectedService& r : e.quote.rejected)
                if (r.item == i && !r.offering.empty() && !has_rule(r, "ONE-EXTENSION")) {
                    EXPECT_FALSE(std::any_of(
                        d.sold.begin(), d.sold.end(),
                        [&](const Offer& o) { return o.offering->id == r.offering && o.term_years == r.term_years; }))
                        << "round " << round << ": " << r.offering;
                }
        }
    }
}

TEST(Properties, ShufflingTheRequestedServicesChangesNothing) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 random(7);
    for (int round = 0; round < 300; ++round) {
        Configuration c = random_configuration(random, catalog);
        const std::string first = quote_to_json(evaluate_configuration(catalog, c, {false, false, false}).quote).dump();
        for (QuoteItemRequest& item : c.items) std::shuffle(item.services.begin(), item.services.end(), random);
        Quote shuffled = evaluate_configuration(catalog, c, {false, false, false}).quote;
        // Lines and refusals keep the request's order; compare them as sets.
        auto normal = [](nlohmann::json q) {
            for (const char* key : {"lines", "rejected"}) {
                std::vector<std::string> texts;
                for (const auto& v : q[key]) texts.push_back(v.dump());
                std::sort(texts.begin(), texts.end());
                q[key] = texts;
            }
            return q.dump();
        };
        EXPECT_EQ(normal(nlohmann::json::parse(first)), normal(quote_to_json(shuffled)))
            << "round " << round << "\n"
            << quote_request_to_json(c).dump();
    }
}

}  // namespace
}  // namespace apos
