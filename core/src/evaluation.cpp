// The one evaluation of a configuration: resolve each device, settle its services into a set
// that sells together, evaluate every offer beside that set, then price the quote.
#include "apos/evaluation.hpp"

#include <algorithm>

#include "rules/rule_support.hpp"

namespace apos {
namespace {

struct ResolvedService {
    std::size_t request = 0;  // index into the item's requests
    const Offering* offering = nullptr;
    int term_years = 0;
    std::string problem;  // why the request matches no offering
};

std::string describe(const ServiceRequest& request) {
    if (!request.id.empty())
        return request.id + (request.term_years ? " " + std::to_string(request.term_years) + "y" : "");
    std::string text = request.kind ? std::string(to_string(*request.kind)) : "service";
    if (request.level) text += " " + std::string(to_string(*request.level));
    if (request.term_years) text += " " + std::to_string(request.term_years) + "y";
    return text;
}

std::string offer_label(const Offering& offering, int term_years) {
    return term_years > 0 ? offering.name + " " + std::to_string(term_years) + "y" : offering.name;
}

bool offers_term(const Offering& offering, int term) {
    return std::find(offering.terms.begin(), offering.terms.end(), term) != offering.terms.end();
}

bool sells(const Offer& offer) { return offer.status != OfferStatus::Ineligible; }

// Finds the offering and term a request means. By kind, the first candidate that sells on this
// device on its own wins, so "extension 3y" picks the level the unit can take.
ResolvedService resolve_service(const Catalog& catalog, const DeviceFacts& device, const ServiceRequest& request,
                                Date as_of, std::int64_t order_think_units) {
    ResolvedService resolved;
    if (!request.id.empty()) {
        const Offering* offering = catalog.find_offering(request.id);
        if (!offering) {
            resolved.problem = "no offering \"" + request.id + "\" in the catalog";
            return resolved;
        }
        int term = request.term_years;
        if (term == 0 && offering->terms.size() == 1) term = offering->terms.front();
        if (!offers_term(*offering, term)) {
            resolved.problem = offering->name + " is not sold for " + std::to_string(term) + " years (terms offered: ";
            for (std::size_t i = 0; i < offering->terms.size(); ++i)
                resolved.problem += (i ? ", " : "") + std::to_string(offering->terms[i]);
            resolved.problem += ")";
            return resolved;
        }
        resolved.offering = offering;
        resolved.term_years = term;
        return resolved;
    }
    if (!request.kind) {
        resolved.problem = "a service needs an \"id\" or a \"kind\"";
        return resolved;
    }
    const Offering* fallback = nullptr;
    int fallback_term = 0;
    for (const Offering& offering : catalog.offerings) {
        if (offering.kind != *request.kind) continue;
        if (request.level && (!offering.level || *offering.level != *request.level)) continue;
        int term = request.term_years;
        if (term == 0 && offering.terms.size() == 1) term = offering.terms.front();
        if (!offers_term(offering, term)) continue;
        if (!fallback) {
            fallback = &offering;
            fallback_term = term;
        }
        if (sells(evaluate_offer(catalog, device, offering, term, as_of, {}, false, order_think_units))) {
            resolved.offering = &offering;
            resolved.term_years = term;
            return resolved;
        }
    }
    if (!fallback) {
        resolved.problem = "no offering in the catalog matches " + describe(request);
        return resolved;
    }
    resolved.offering = fallback;
    resolved.term_years = fallback_term;
    return resolved;
}

// Companions in one fixed order (offering id, then term), so that no rule's answer can depend on
// the order the services were asked in.
void sort_companions(std::vector<CompanionService>& companions) {
    std::sort(companions.begin(), companions.end(), [](const CompanionService& a, const CompanionService& b) {
        if (a.offering->id != b.offering->id) return a.offering->id < b.offering->id;
        return a.term_years < b.term_years;
    });
}

std::vector<CompanionService> without(const std::vector<CompanionService>& set, const Offering* offering) {
    std::vector<CompanionService> out;
    for (const CompanionService& c : set)
        if (c.offering != offering) out.push_back(c);
    return out;
}

// `set` beside a new service of `offering`: the ones it would replace (same slot) leave.
std::vector<CompanionService> beside(const std::vector<CompanionService>& set, const Offering& offering) {
    return companions_beside(set, offering);
}

// The sold services of an item as companions, in the one fixed order.
std::vector<CompanionService> sold_set_of(const std::vector<Offer>& sold) {
    std::vector<CompanionService> set;
    set.reserve(sold.size());
    for (const Offer& o : sold) set.push_back({o.offering, o.term_years});
    sort_companions(set);
    return set;
}

// Block reasons keep their rule, message and source; approvals, warnings and notes go with lines.
std::vector<Reason> blocks_of(std::vector<Reason> reasons) {
    std::vector<Reason> blocks;
    for (Reason& r : reasons)
        if (r.verdict == Verdict::Block) blocks.push_back(std::move(r));
    return blocks;
}

// Does `fix` make `offer` sell? Returns the fix completed with what it picked (AddService: which
// offering), or nothing.
std::optional<Fix> try_fix(const Catalog& catalog, const DeviceFacts& device, const Offer& offer, Date as_of,
                           const std::vector<CompanionService>& companions, std::int64_t order_units, const Fix& fix) {
    const Offering& offering = *offer.offering;
    switch (fix.action) {
        case FixAction::ChooseTerm:
            if (fix.term_years == offer.term_years || !offers_term(offering, fix.term_years)) return std::nullopt;
            if (sells(evaluate_offer(catalog, device, offering, fix.term_years, as_of, companions, false, order_units)))
                return fix;
            return std::nullopt;
        case FixAction::AddService:
            for (const Offering& candidate : catalog.offerings) {
                if (candidate.kind != fix.kind || &candidate == &offering || !offers_term(candidate, fix.term_years))
                    continue;
                std::vector<CompanionService> with = beside(companions, candidate);
                // The added service must itself sell beside the others and the refused offer.
                std::vector<CompanionService> for_candidate = with;
                for_candidate.push_back({&offering, offer.term_years});
                sort_companions(for_candidate);
                if (!sells(evaluate_offer(catalog, device, candidate, fix.term_years, as_of, for_candidate, false,
                                          order_units)))
                    continue;
                with.push_back({&candidate, fix.term_years});
                sort_companions(with);
                if (sells(
                        evaluate_offer(catalog, device, offering, offer.term_years, as_of, with, false, order_units))) {
                    Fix picked = fix;
                    picked.offering = candidate.id;
                    return picked;
                }
            }
            return std::nullopt;
        case FixAction::RemoveService: {
            const Offering* other = catalog.find_offering(fix.offering);
            if (!other) return std::nullopt;
            if (sells(evaluate_offer(catalog, device, offering, offer.term_years, as_of, without(companions, other),
                                     false, order_units)))
                return fix;
            return std::nullopt;
        }
        case FixAction::RaiseQuantity: {
            if (fix.quantity <= device.input.quantity || fix.quantity > kMaxQuantity) return std::nullopt;
            DeviceFacts more = device;
            more.input.quantity = static_cast<int>(fix.quantity);
            const std::int64_t own = rules::is_think_pc(*device.machine_type) ? device.input.quantity : 0;
            const std::int64_t order = order_units > 0 ? order_units - own + (own > 0 ? fix.quantity : 0) : 0;
            if (sells(evaluate_offer(catalog, more, offering, offer.term_years, as_of, companions, false, order)))
                return fix;
            return std::nullopt;
        }
        case FixAction::WaitUntil:
            if (!fix.day || *fix.day <= as_of) return std::nullopt;
            if (sells(evaluate_offer(catalog, device, offering, offer.term_years, *fix.day, companions, false,
                                     order_units)))
                return fix;
            return std::nullopt;
        case FixAction::None: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Fix> offer_fix(const Catalog& catalog, const DeviceFacts& device, const Offer& offer, Date as_of,
                             const std::vector<CompanionService>& companions, std::int64_t order_think_units) {
    if (offer.status != OfferStatus::Ineligible || !offer.offering) return std::nullopt;
    Fix none = Fix::none();
    none.label = fix_label(catalog, none);
    // Each block's hint is a candidate; a block without one (a closed window, a product the
    // service is not for) cannot be lifted by a change on the quote.
    std::vector<Fix> candidates;
    for (const Reason& r : offer.reasons) {
        if (r.verdict != Verdict::Block) continue;
        if (!r.fix || r.fix->action == FixAction::None) return none;
        if (std::find(candidates.begin(), candidates.end(), *r.fix) == candidates.end()) candidates.push_back(*r.fix);
    }
    for (const Fix& candidate : candidates) {
        if (auto works = try_fix(catalog, device, offer, as_of, companions, order_think_units, candidate)) {
            works->label = fix_label(catalog, *works);
            return works;
        }
    }
    return none;
}

std::string fix_label(const Catalog& catalog, const Fix& fix) {
    const auto years = [](int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); };
    switch (fix.action) {
        case FixAction::AddService: {
            const Offering* offering = catalog.find_offering(fix.offering);
            const std::string name = offering ? offering->name : std::string(to_string(fix.kind));
            return "Add " + name + (fix.term_years > 0 ? " for " + years(fix.term_years) : "");
        }
        case FixAction::ChooseTerm: return "Choose the " + std::to_string(fix.term_years) + "-year term";
        case FixAction::RemoveService: {
            const Offering* offering = catalog.find_offering(fix.offering);
            return "Remove " + (offering ? offering->name : fix.offering);
        }
        case FixAction::RaiseQuantity: return "Order at least " + std::to_string(fix.quantity) + " units";
        case FixAction::WaitUntil:
            return "It can be bought from " + (fix.day ? fix.day->to_string() : std::string("later"));
        case FixAction::None: break;
    }
    return "No single change on this quote makes it sell; the reasons say why";
}

ItemSettlement settle_services(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                               const std::vector<ServiceRequest>& requests, std::int64_t order_think_units,
                               bool explain) {
    ItemSettlement result;
    std::vector<std::pair<std::size_t, RejectedService>> refused;  // request index, refusal
    std::vector<ResolvedService> resolved;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        ResolvedService r = resolve_service(catalog, device, requests[i], as_of, order_think_units);
        r.request = i;
        if (!r.offering) {
            refused.push_back({i,
                               {0,
                                requests[i],
                                describe(requests[i]),
                                {{"INPUT", r.problem, "", Verdict::Block, Fix::none()}},
                                "",
                                0,
                                Fix::none(),
                                {}}});
            continue;
        }
        resolved.push_back(std::move(r));
    }

    // ONE-EXTENSION: one service per slot; the choice reads each candidate on its own, so it does
    // not depend on the request's order.
    std::vector<rules::SlotCandidate> candidates;
    for (const ResolvedService& r : resolved)
        candidates.push_back(
            {r.offering, r.term_years,
             sells(evaluate_offer(catalog, device, *r.offering, r.term_years, as_of, {}, false, order_think_units))});
    std::vector<bool> in_play(resolved.size(), true);
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        for (std::size_t j = 0; j < resolved.size(); ++j) {
            if (i == j || rules::service_slot(*resolved[i].offering) != rules::service_slot(*resolved[j].offering))
                continue;
            const bool i_first =
                rules::stays_before(candidates[i], candidates[j]) ||
                (!rules::stays_before(candidates[j], candidates[i]) && resolved[i].request < resolved[j].request);
            if (i_first) continue;
            in_play[i] = false;  // i loses to j; the reason names the slot's winner, found below
        }
    }

    // SOLD-TOGETHER: evaluate the set, drop every refused service at once, repeat until stable.
    std::vector<std::size_t> set;
    for (std::size_t i = 0; i < resolved.size(); ++i)
        if (in_play[i]) set.push_back(i);
    std::vector<std::vector<std::size_t>> dropped_by_round;
    std::vector<Offer> evaluated(resolved.size());
    while (true) {
        std::vector<CompanionService> all;
        for (std::size_t i : set) all.push_back({resolved[i].offering, resolved[i].term_years});
        std::vector<std::size_t> keep, dropped;
        for (std::size_t i : set) {
            std::vector<CompanionService> others = without(all, resolved[i].offering);
            sort_companions(others);
            evaluated[i] = evaluate_offer(catalog, device, *resolved[i].offering, resolved[i].term_years, as_of, others,
                                          explain, order_think_units);
            (sells(evaluated[i]) ? keep : dropped).push_back(i);
        }
        if (dropped.empty()) break;
        dropped_by_round.push_back(std::move(dropped));
        set = std::move(keep);
    }

    std::vector<CompanionService> sold_set;
    for (std::size_t i : set) sold_set.push_back({resolved[i].offering, resolved[i].term_years});
    sort_companions(sold_set);
    for (std::size_t i : set) {
        result.sold.push_back(std::move(evaluated[i]));
        result.sold_requests.push_back(&requests[resolved[i].request]);
    }
    // Slot losers: the fix (remove the one kept) is shown only when it really lets this one sell.
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        if (in_play[i]) continue;
        std::size_t winner = i;
        for (std::size_t j = 0; j < resolved.size(); ++j)
            if (in_play[j] && rules::service_slot(*resolved[j].offering) == rules::service_slot(*resolved[i].offering))
                winner = j;
        Reason reason = rules::one_extension_reason(candidates[winner], candidates[i]);
        const Offer alone = evaluate_offer(catalog, device, *resolved[i].offering, resolved[i].term_years, as_of,
                                           beside(sold_set, *resolved[i].offering), false, order_think_units);
        Fix fix = sells(alone) && resolved[winner].offering != resolved[i].offering ? *reason.fix : Fix::none();
        fix.label = fix_label(catalog, fix);
        reason.fix = fix;
        refused.push_back({resolved[i].request,
                           {0,
                            requests[resolved[i].request],
                            offer_label(*resolved[i].offering, resolved[i].term_years),
                            {std::move(reason)},
                            resolved[i].offering->id,
                            resolved[i].term_years,
                            fix,
                            {}}});
    }
    // Refused ones: their reasons are those beside the final set; a service that fell in a later
    // round names the ones it relied on.
    std::vector<std::size_t> fallen_before;  // indexes into `resolved`
    for (const std::vector<std::size_t>& round : dropped_by_round) {
        for (std::size_t i : round) {
            const ResolvedService& r = resolved[i];
            const std::vector<CompanionService> companions = without(sold_set, r.offering);
            Offer offer =
                evaluate_offer(catalog, device, *r.offering, r.term_years, as_of, companions, true, order_think_units);
            // The refused services it relied on: each one that, put back alone, would let it sell;
            // when no single one does, all that fell before it.
            std::vector<std::string> relied_on, all_before;
            for (std::size_t f : fallen_before) {
                all_before.push_back(offer_label(*resolved[f].offering, resolved[f].term_years));
                std::vector<CompanionService> with = companions;
                with.push_back({resolved[f].offering, resolved[f].term_years});
                sort_companions(with);
                if (sells(evaluate_offer(catalog, device, *r.offering, r.term_years, as_of, with, false,
                                         order_think_units)))
                    relied_on.push_back(all_before.back());
            }
            if (relied_on.empty()) relied_on = std::move(all_before);
            std::sort(relied_on.begin(), relied_on.end());
            RejectedService rejected{0,
                                     requests[r.request],
                                     offer_label(*r.offering, r.term_years),
                                     {},
                                     r.offering->id,
                                     r.term_years,
                                     offer_fix(catalog, device, offer, as_of, companions, order_think_units),
                                     {}};
            if (!fallen_before.empty()) {
                rejected.reasons.push_back(rules::sold_together_reason(relied_on));
                rejected.fell_with = std::move(relied_on);
            }
            for (Reason& reason : blocks_of(std::move(offer.reasons))) rejected.reasons.push_back(std::move(reason));
            refused.push_back({r.request, std::move(rejected)});
        }
        fallen_before.insert(fallen_before.end(), round.begin(), round.end());
    }
    // Refusals in request order, as the partner asked for them.
    std::stable_sort(refused.begin(), refused.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, rejected] : refused) result.rejected.push_back(std::move(rejected));
    return result;
}

Evaluation evaluate_configuration(const Catalog& catalog, const Configuration& configuration, EvaluationParts parts) {
    Evaluation evaluation;
    evaluation.as_of = configuration.as_of;
    const Date as_of = configuration.as_of;
    const std::size_t count = configuration.items.size();
    std::vector<std::optional<DeviceFacts>> devices(count);
    std::vector<std::optional<DeviceError>> errors(count);
    std::int64_t order_think_units = 0;
    for (std::size_t i = 0; i < count; ++i) {
        DeviceResolution resolution = resolve_device(catalog, configuration.items[i].device);
        devices[i] = std::move(resolution.facts);
        errors[i] = std::move(resolution.error);
        if (devices[i] && rules::is_think_pc(*devices[i]->machine_type))
            order_think_units += devices[i]->input.quantity;
    }

    std::vector<ItemSettlement> settled(count);
    for (std::size_t i = 0; i < count; ++i) {
        const QuoteItemRequest& item = configuration.items[i];
        if (!devices[i]) {
            for (const ServiceRequest& service : item.services)
                settled[i].rejected.push_back(
                    {i,
                     service,
                     describe(service),
                     {{"INPUT", "the device could not be resolved: " + errors[i]->field + ": " + errors[i]->message, "",
                       Verdict::Block, Fix::none()}},
                     "",
                     0,
                     Fix::none(),
                     {}});
            continue;
        }
        settled[i] = settle_services(catalog, *devices[i], as_of, item.services, order_think_units);
        for (RejectedService& r : settled[i].rejected) r.item = i;
    }
    rules::tiny_tio_adp_pairs(devices, settled);

    evaluation.devices.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        DeviceEvaluation& out = evaluation.devices[i];
        out.error = errors[i];
        if (!devices[i]) continue;
        const DeviceFacts& device = *devices[i];
        out.sold = settled[i].sold;
        const std::vector<CompanionService> sold_set = sold_set_of(out.sold);
        if (parts.offers && !parts.words) {
            // Status, window and price only, through the catalog's compiled device classes; a
            // reader builds an offer's words with explain_offer when it shows them.
            out.offers = evaluate_offers_beside(catalog, device, as_of, sold_set, order_think_units);
        } else if (parts.offers) {
            out.offers.reserve(catalog.offerings.size() * 4);
            for (const Offering& offering : catalog.offerings) {
                // Beside what is sold, without what this offering would replace.
                const std::vector<CompanionService> companions = beside(sold_set, offering);
                for (int term : offering.terms)
                    out.offers.push_back(
                        explain_offer(catalog, device, offering, term, as_of, companions, order_think_units));
            }
        }
        if (parts.recommendations) out.recommendations = recommend(catalog, device, as_of, device.input.segment);
        if (parts.timeline) out.timeline = build_timeline(catalog, device, as_of, out.sold);
    }

    evaluation.order_think_units = order_think_units;
    evaluation.quote = price_quote(catalog, configuration, devices, errors, settled);
    for (std::size_t i = 0; i < count; ++i) evaluation.devices[i].facts = std::move(devices[i]);
    return evaluation;
}

Offer explain_offer(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                    Date as_of, std::span<const CompanionService> companions, std::int64_t order_think_units) {
    const std::vector<CompanionService> beside_it(companions.begin(), companions.end());
    Offer offer = evaluate_offer(catalog, device, offering, term_years, as_of, beside_it, true, order_think_units);
    offer.fix = offer_fix(catalog, device, offer, as_of, beside_it, order_think_units);
    return offer;
}

std::optional<Offer> explain_offer(const Catalog& catalog, const Evaluation& evaluation, std::size_t item,
                                   const Offering& offering, int term_years) {
    if (item >= evaluation.devices.size() || !evaluation.devices[item].facts) return std::nullopt;
    const DeviceEvaluation& device = evaluation.devices[item];
    return explain_offer(catalog, *device.facts, offering, term_years, evaluation.as_of,
                         companions_beside(sold_set_of(device.sold), offering), evaluation.order_think_units);
}

bool same_slot(const Offering& a, const Offering& b) { return rules::service_slot(a) == rules::service_slot(b); }

Quote build_quote(const Catalog& catalog, const QuoteRequest& request) {
    return evaluate_configuration(catalog, request, {false, false, false}).quote;
}

}  // namespace apos
