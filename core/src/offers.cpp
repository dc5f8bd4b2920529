// Offer evaluation: runs the rules registered for an offering's kind and prices what passes.
#include "apos/offers.hpp"

#include <algorithm>

#include "rules/rule_support.hpp"

namespace apos {

std::string_view to_string(OfferStatus status) {
    switch (status) {
        case OfferStatus::Eligible: return "eligible";
        case OfferStatus::Ineligible: return "ineligible";
        case OfferStatus::NeedsApproval: return "needs-approval";
    }
    return "?";
}

std::string_view to_string(FixAction action) {
    switch (action) {
        case FixAction::AddService: return "add-service";
        case FixAction::ChooseTerm: return "choose-term";
        case FixAction::RemoveService: return "remove-service";
        case FixAction::RaiseQuantity: return "raise-quantity";
        case FixAction::WaitUntil: return "wait-until";
        case FixAction::None: return "none";
    }
    return "none";
}

std::optional<int> Offer::days_left(Date as_of) const {
    if (!window) return std::nullopt;
    return days_between(as_of, window->until);
}

const DateRange& RuleInput::coverage() const {
    if (!known_coverage) known_coverage = coverage_of(catalog, device, offering, term_years, as_of);
    return *known_coverage;
}

DateRange coverage_of(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                      Date as_of) {
    const Date base_start = device.base_start;
    switch (offering.kind) {
        case OfferKind::Extension:
        case OfferKind::Adp:
        case OfferKind::Kyd:
        case OfferKind::Sbty:
        case OfferKind::Battery:
        case OfferKind::Iwu:
        case OfferKind::Premier:
        case OfferKind::Ticru: return {base_start, term_end(base_start, std::max(term_years, 1))};
        case OfferKind::Upgrade: return {std::max(as_of, base_start), term_end(base_start, std::max(term_years, 1))};
        case OfferKind::PostWarranty: {
            const Date from = device.coverage_end.plus_days(1);
            return {from, term_end(from, std::max(term_years, 1))};
        }
        case OfferKind::Reinstatement: return {as_of, term_end(as_of, std::max(term_years, 1))};
        case OfferKind::SchoolYear:
            return {device.coverage_end.plus_days(1), rules::next_school_year_end(catalog.policy, device.coverage_end)};
        case OfferKind::Deployment:
        case OfferKind::Recovery:
        case OfferKind::Support: return {as_of, term_years > 0 ? term_end(as_of, term_years) : as_of};
    }
    return {as_of, as_of};
}

namespace {

using TermPrices = std::map<int, std::int64_t>;

// The offering's prices for this device's class (or for any class), or null when it has none.
const TermPrices* price_table(const DeviceFacts& device, const Offering& offering) {
    auto table = offering.prices.find(device.machine_type->price_class);
    if (table == offering.prices.end()) table = offering.prices.find("*");
    return table == offering.prices.end() ? nullptr : &table->second;
}

std::optional<Money> list_price_in(const TermPrices* table, const Catalog& catalog, const Offering& offering,
                                   int term_years) {
    if (!table) return std::nullopt;
    const auto price = table->find(term_years);
    if (price == table->end()) return std::nullopt;
    Money money(price->second, catalog.policy.currency);
    // A fee that cannot be added to the price leaves the offer without a price (not sold).
    if (offering.kind == OfferKind::Reinstatement) return money.plus(rules::reinstatement_fee(catalog.policy, money));
    return money;
}

}  // namespace

std::optional<Money> offer_list_price(const Catalog& catalog, const DeviceFacts& device, const Offering& offering,
                                      int term_years) {
    return list_price_in(price_table(device, offering), catalog, offering, term_years);
}

namespace {

std::string sample_part_number(const Offering& offering, const DeviceFacts& device, int term_years) {
    std::string part = offering.part_prefix;
    for (char c : device.machine_type->price_class.substr(0, 2))
        part += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    part += std::to_string(term_years);
    return part;
}

int severity(Verdict v) {
    switch (v) {
        case Verdict::Block: return 0;
        case Verdict::NeedsApproval: return 1;
        case Verdict::Warning: return 2;
        case Verdict::Note: return 3;
        case Verdict::Pass: return 4;
    }
    return 4;
}

}  // namespace

namespace {

// evaluate_offer with the offering's price table already found (evaluate_offers looks it up once
// per offering, not once per term).
Offer evaluate_priced_offer(const Catalog& catalog, const DeviceFacts& device, const Offering& offering,
                            const TermPrices* prices, int term_years, Date as_of,
                            std::span<const CompanionService> companions, bool explain,
                            std::int64_t order_think_units) {
    Offer offer;
    offer.offering = &offering;
    offer.term_years = term_years;
    const DateRange coverage = coverage_of(catalog, device, offering, term_years, as_of);
    if (order_think_units <= 0)
        order_think_units = rules::is_think_pc(*device.machine_type) ? device.input.quantity : 0;
    const RuleInput input{catalog,    device,  offering,          term_years, as_of,
                          companions, explain, order_think_units, coverage};
    bool blocked = false;
    bool approval = false;
    for (const Rule* rule_pointer : rules_for(offering.kind)) {
        const Rule& rule = *rule_pointer;
        RuleOutcome outcome = rule.check(input);
        if (outcome.window) {
            offer.window = offer.window ? DateRange{std::max(offer.window->from, outcome.window->from),
                                                    std::min(offer.window->until, outcome.window->until)}
                                        : *outcome.window;
        }
        if (outcome.changes_on && (!offer.changes_on || *outcome.changes_on < *offer.changes_on))
            offer.changes_on = outcome.changes_on;
        if (outcome.verdict == Verdict::Pass) continue;
        blocked = blocked || outcome.verdict == Verdict::Block;
        approval = approval || outcome.verdict == Verdict::NeedsApproval;
        if (!explain) continue;  // only the status is wanted
        offer.reasons.push_back({std::string(rule.id), std::move(outcome.message), std::string(rule.source),
                                 outcome.verdict,
                                 outcome.verdict == Verdict::Block ? std::move(outcome.fix) : std::nullopt});
    }
    offer.unit_price = list_price_in(prices, catalog, offering, term_years);
    // A missing price only matters when no rule has already said no.
    if (!offer.unit_price && !blocked) {
        blocked = true;
        if (explain)
            offer.reasons.push_back({"CATALOG",
                                     "The price book has no price for " + offering.name + " on " +
                                         device.machine_type->series + " machines for " +
                                         rules::years_text(term_years) + ".",
                                     catalog.label, Verdict::Block, Fix::none()});
    }
    // Blocks first, then approvals, warnings, notes; stable, and lists are short (insertion sort).
    for (std::size_t i = 1; i < offer.reasons.size(); ++i)
        for (std::size_t j = i; j > 0 && severity(offer.reasons[j].verdict) < severity(offer.reasons[j - 1].verdict);
             --j)
            std::swap(offer.reasons[j], offer.reasons[j - 1]);
    offer.status = blocked ? OfferStatus::Ineligible : approval ? OfferStatus::NeedsApproval : OfferStatus::Eligible;
    if (explain) offer.part_number = sample_part_number(offering, device, term_years);
    offer.coverage_from = coverage.from;
    offer.coverage_until = coverage.until;
    return offer;
}

}  // namespace

Offer evaluate_offer(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                     Date as_of, std::span<const CompanionService> companions, bool explain,
                     std::int64_t order_think_units) {
    return evaluate_priced_offer(catalog, device, offering, price_table(device, offering), term_years, as_of,
                                 companions, explain, order_think_units);
}

std::vector<Offer> evaluate_offers(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain) {
    std::vector<Offer> offers;
    offers.reserve(catalog.offerings.size() * 4);
    for (const Offering& offering : catalog.offerings) {
        const TermPrices* prices = price_table(device, offering);
        for (int term : offering.terms)
            offers.push_back(evaluate_priced_offer(catalog, device, offering, prices, term, as_of, {}, explain, 0));
    }
    return offers;
}

}  // namespace apos
