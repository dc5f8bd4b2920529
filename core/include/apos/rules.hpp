// The rule engine's shape: every rule is one function registered under its ID with its source
// citation (listed in docs/RULES.md). Rule functions live in src/rules/, one file per family.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"

namespace apos {

// What else is on the same quote item: services count for each other (TERM-MATCH, IWU-REQUIRES).
struct CompanionService {
    const Offering* offering = nullptr;
    int term_years = 0;
};

struct RuleInput {
    const Catalog& catalog;
    const DeviceFacts& device;
    const Offering& offering;
    int term_years = 0;
    Date as_of;
    std::span<const CompanionService> companions;  // empty for a plain eligibility listing
    bool explain = true;                           // false: verdicts and windows only, no message text (fleets)
    // Think units on the whole order (every item of the quote): minimums the guide counts per
    // order (FAC-MIN-QTY) read this, not one item's quantity.
    std::int64_t order_think_units = 0;
    // What the offer would cover (coverage_of), when the caller knows it already.
    mutable std::optional<DateRange> known_coverage{};

    // What the offer would cover: worked out when a rule first asks (few do, and a fleet's
    // evaluation asks most offers nothing after their first refusal).
    const DateRange& coverage() const;
};

// What one change would turn a "no" into a "yes", as data the page offers as one click and the
// CLI prints. The evaluation checks a hint before it shows it (evaluation.cpp: offer_fix).
enum class FixAction {
    AddService,     // add `kind` at `term_years` on the same quote item
    ChooseTerm,     // the same offering at `term_years`
    RemoveService,  // take `offering` off the item
    RaiseQuantity,  // order at least `quantity` units
    WaitUntil,      // the window opens on `day`
    None,           // nothing on this quote can change it (window closed, product not covered)
};
std::string_view to_string(FixAction);

struct Fix {
    FixAction action = FixAction::None;
    OfferKind kind{};
    std::string offering;  // offering id (RemoveService; AddService once the evaluation picked one)
    int term_years = 0;
    std::int64_t quantity = 0;
    std::optional<Date> day;
    std::string label;  // the fix in the partner's words, written by the evaluation once checked

    static Fix add(OfferKind kind, int term_years) {
        return {FixAction::AddService, kind, {}, term_years, 0, std::nullopt, {}};
    }
    static Fix term(int term_years) { return {FixAction::ChooseTerm, {}, {}, term_years, 0, std::nullopt, {}}; }
    static Fix remove(std::string offering) {
        return {FixAction::RemoveService, {}, std::move(offering), 0, 0, std::nullopt, {}};
    }
    static Fix quantity_of(std::int64_t units) {
        return {FixAction::RaiseQuantity, {}, {}, 0, units, std::nullopt, {}};
    }
    static Fix wait_until(Date day) { return {FixAction::WaitUntil, {}, {}, 0, 0, day, {}}; }
    static Fix none() { return {}; }
    friend bool operator==(const Fix&, const Fix&) = default;
};

enum class Verdict {
    Pass,           // nothing to say
    Note,           // passes; a remark for the quote (consumables, registration, activation...)
    Warning,        // passes, but the partner should know (KYD bought after purchase)
    NeedsApproval,  // allowed case by case only
    Block,          // cannot be sold
};

struct RuleOutcome {
    Verdict verdict = Verdict::Pass;
    std::string message;
    std::optional<DateRange> window;  // purchase window this rule imposes, if any
    std::optional<Date> changes_on;   // the day this answer changes (opens / closes)
    std::optional<Fix> fix;           // on a block: the one change that would lift it, or Fix::none()
    // Whether the caller wants reasons: a fix is one, so without them `with` leaves it out (a
    // fleet asks millions of times and reads only the verdict and window).
    bool explained = true;

    static RuleOutcome pass() { return {}; }
    RuleOutcome&& with(Fix f) && {
        if (explained) fix = std::move(f);
        return std::move(*this);
    }
};

using RuleFunction = RuleOutcome (*)(const RuleInput&);

// What a rule reads. A fleet's plan (fleet_plan.hpp) runs the product-only rules once per kind of
// product and the others once per unit, so a rule is ProductOnly only when its answer depends on
// nothing but the machine type, channel, condition, country, segment, replacement flag, the offer
// and the quote's other services: never on the unit's dates, quantity, serial or services held.
// A rule is TheUnitAndTheOffersKind when it reads the unit but, of the offer, only its kind, term
// and coverage (never which offering it is: its level, feature, name or prices); the plan then
// asks it once per unit for all offerings of one kind and term. A rule is
// TheUnitAndTheOffersKindNotItsTerm when it does not read the term or coverage either; the plan
// then asks it once per unit and kind. The fleet tests check every rule marked any of these ways.
enum class RuleReads { TheUnit, ProductOnly, TheUnitAndTheOffersKind, TheUnitAndTheOffersKindNotItsTerm };

// True for both marks that let a rule judge every offering of a kind at once.
constexpr bool reads_only_the_offers_kind(RuleReads reads) {
    return reads == RuleReads::TheUnitAndTheOffersKind || reads == RuleReads::TheUnitAndTheOffersKindNotItsTerm;
}

struct Rule {
    // The family tables list the first five fields; the registry fills in the family.
    Rule(std::string_view id_, std::string_view source_, std::string_view summary_, std::vector<OfferKind> kinds_,
         RuleFunction check_, RuleReads reads_ = RuleReads::TheUnit)
        : id(id_), source(source_), summary(summary_), kinds(std::move(kinds_)), check(check_), reads(reads_) {}

    std::string_view id;           // the rule's stable ID (docs/RULES.md)
    std::string_view source;       // where the rule comes from: G:<line> guide, P: programs, A: APOS FAQ
    std::string_view summary;      // one line in our own words
    std::vector<OfferKind> kinds;  // offer kinds it is checked for; empty = device fact rule
    RuleFunction check = nullptr;  // null for rules applied while resolving a device or in programs
    RuleReads reads = RuleReads::TheUnit;
    std::string_view family;  // the rule table it belongs to; set by all_rules() per table
};

// Every rule, family by family (the order of docs/RULES.md).
const std::vector<Rule>& all_rules();
const Rule* find_rule(std::string_view id);
// The rules checked for one offer kind, in registry order (built once).
const std::vector<const Rule*>& rules_for(OfferKind kind);

// The rule tables of each family (defined in src/rules/*_rules.cpp).
void register_base_warranty_rules(std::vector<Rule>&);
void register_extension_upgrade_rules(std::vector<Rule>&);
void register_protection_rules(std::vector<Rule>&);
void register_international_rules(std::vector<Rule>&);
void register_support_rules(std::vector<Rule>&);
void register_after_warranty_rules(std::vector<Rule>&);
void register_general_rules(std::vector<Rule>&);
void register_project_service_rules(std::vector<Rule>&);
// The partner programs: their numbers are data (catalog/programs.json), computed in programs.cpp.
void register_partner_program_rules(std::vector<Rule>&);

}  // namespace apos
