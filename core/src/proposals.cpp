// Renewal proposals per customer and the co-terming suggestion, built on the fleet's per-unit
// results and quoted through the one evaluation (evaluate_configuration), list prices only.
#include "apos/proposals.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

#include "apos/evaluation.hpp"
#include "apos/fleet_format.hpp"

namespace apos {

std::string_view to_string(ProposalAction action) {
    switch (action) {
        case ProposalAction::Extend: return "extend";
        case ProposalAction::AddAdp: return "add-adp";
        case ProposalAction::AddOther: return "add-before-window-closes";
        case ProposalAction::PostWarranty: return "post-warranty";
        case ProposalAction::Reinstate: return "reinstate";
    }
    return "?";
}

namespace {

ProposalAction action_of(OfferKind kind) {
    switch (kind) {
        case OfferKind::Extension: return ProposalAction::Extend;
        case OfferKind::Adp: return ProposalAction::AddAdp;
        case OfferKind::PostWarranty: return ProposalAction::PostWarranty;
        case OfferKind::Reinstatement: return ProposalAction::Reinstate;
        default: return ProposalAction::AddOther;
    }
}

// Among services sharing the earliest deadline, the renewal path names the group: an extension
// or ADP is what the customer loses first when the day passes.
int tie_rank(ProposalAction action) {
    switch (action) {
        case ProposalAction::Extend: return 0;
        case ProposalAction::AddAdp: return 1;
        case ProposalAction::PostWarranty: return 2;
        case ProposalAction::Reinstate: return 3;
        case ProposalAction::AddOther: return 4;
    }
    return 5;
}

bool renewal_path(OfferKind kind) {
    return kind == OfferKind::Extension || kind == OfferKind::PostWarranty || kind == OfferKind::Reinstatement;
}

// One unit quoted alone, as the fleet judges it (its own quantity counts as the order).
Evaluation quote_unit(const Catalog& catalog, const DeviceInput& device, const std::vector<ServiceRequest>& services,
                      Date as_of) {
    Configuration configuration;
    configuration.as_of = as_of;
    configuration.segment = device.segment;
    configuration.items.push_back({device, false, services});
    return evaluate_configuration(catalog, configuration, {false, false, false});
}

bool earlier(const std::optional<Date>& a, const std::optional<Date>& b) {
    if (a && b) return *a < *b;
    return a.has_value() && !b.has_value();  // a dated service comes before one without a date
}

std::optional<ProposalUnit> propose_unit(const Catalog& catalog, const ProposalSource& source, Date as_of,
                                         Date horizon_end, std::string& why_not) {
    const UnitOpportunity& unit = *source.unit;
    const DeviceInput input = source.input();
    const std::vector<ServiceRequest> all = proposed_services(catalog, input, unit, as_of);
    if (all.empty()) {
        why_not = "no service can be quoted on it beside the others";
        return std::nullopt;
    }
    const Evaluation first = quote_unit(catalog, input, all, as_of);
    const DeviceEvaluation& evaluated = first.devices.front();
    if (!evaluated.facts) {
        why_not = evaluated.error ? evaluated.error->message : "the device cannot be resolved";
        return std::nullopt;
    }
    // Only what falls due inside the horizon is proposed now; a unit whose coverage ends inside it
    // also gets its renewal path (extension, post-warranty or reinstatement) whatever that closes.
    const bool coverage_due = unit.coverage_end <= horizon_end;
    std::vector<ServiceRequest> keep;
    for (const Offer& offer : evaluated.sold) {
        const bool closes = offer.window && offer.window->until <= horizon_end;
        if (closes || (coverage_due && renewal_path(offer.offering->kind)))
            keep.push_back({offer.offering->id, std::nullopt, offer.term_years, std::nullopt});
    }
    if (keep.empty()) {
        why_not = "what sells on it can still be bought after the horizon";
        return std::nullopt;
    }
    // A part of a settled set is settled again. When a due service leans on one that is not due
    // (TERM-MATCH: a 4-year ADP needs 4 years of warranty), the renewal path joins it, and failing
    // that the whole set the fleet would quote, which is known to sell together.
    std::vector<std::vector<ServiceRequest>> tries = {keep};
    const Offering* path = catalog.find_offering(all.front().id);
    if (path && renewal_path(path->kind) && keep.front().id != all.front().id) {
        std::vector<ServiceRequest> with_path = {all.front()};
        with_path.insert(with_path.end(), keep.begin(), keep.end());
        tries.push_back(std::move(with_path));
    }
    if (tries.back().size() != all.size()) tries.push_back(all);
    std::optional<Evaluation> settled;
    for (const std::vector<ServiceRequest>& services : tries) {
        Evaluation e = services.size() == all.size() ? first : quote_unit(catalog, input, services, as_of);
        if (e.quote.rejected.empty() && !e.devices.front().sold.empty()) {
            settled = std::move(e);
            break;
        }
    }
    if (!settled) {
        why_not = "the services due cannot be sold together";
        return std::nullopt;
    }
    const Evaluation& final = *settled;
    const DeviceEvaluation& device = final.devices.front();
    ProposalUnit out;
    out.line = unit.line;
    out.serial = std::string(unit.serial());
    out.mtm = std::string(unit.mtm());
    out.model = device.facts->machine_type->name;
    out.quantity = unit.quantity;
    out.coverage_end = unit.coverage_end;
    out.covered = unit.covered;
    out.total = Money(0, catalog.policy.currency);
    // The quote has one line per sold service, in the same order (no hardware line is asked for).
    for (std::size_t i = 0; i < device.sold.size() && i < final.quote.lines.size(); ++i) {
        const Offer& offer = device.sold[i];
        const QuoteLine& line = final.quote.lines[i];
        ProposedService s;
        s.offering_id = line.id;
        s.name = line.name;
        s.kind = offer.offering->kind;
        s.term_years = line.term_years;
        s.quantity = line.quantity;
        s.unit_list = line.unit_list;
        s.line_list = line.line_list;
        if (offer.window) s.deadline = offer.window->until;
        s.coverage = line.coverage;
        s.needs_approval = line.status == OfferStatus::NeedsApproval;
        s.companion = std::none_of(keep.begin(), keep.end(), [&](const ServiceRequest& k) {
            return k.id == s.offering_id && k.term_years == s.term_years;
        });
        if (const std::optional<Money> sum = out.total.plus(s.line_list)) out.total = *sum;
        out.services.push_back(std::move(s));
    }
    // The group is that of the most urgent service that is due itself (a companion never is).
    const ProposedService* urgent = nullptr;
    for (const ProposedService& s : out.services)
        if (!s.companion && !urgent) urgent = &s;
    if (!urgent) urgent = &out.services.front();
    for (const ProposedService& s : out.services) {
        if (s.companion) continue;
        const bool same_day = s.deadline == urgent->deadline;
        if (earlier(s.deadline, urgent->deadline) ||
            (same_day && tie_rank(action_of(s.kind)) < tie_rank(action_of(urgent->kind))))
            urgent = &s;
    }
    out.action = action_of(urgent->kind);
    out.deadline = urgent->deadline;
    return out;
}

std::optional<std::size_t> contact_column(const std::vector<std::string>& extra_columns) {
    static const std::set<std::string> kNames = {"contact",      "email",          "mail",
                                                 "contactemail", "customeremail",  "customercontact",
                                                 "emailaddress", "contactaddress", "customermail"};
    for (std::size_t i = 0; i < extra_columns.size(); ++i)
        if (kNames.count(normalize_header(extra_columns[i]))) return i;
    return std::nullopt;
}

}  // namespace

bool unit_due(const UnitOpportunity& unit, Date horizon_end) {
    if (unit.best_offers().empty()) return false;
    if (unit.coverage_end <= horizon_end) return true;
    return std::any_of(unit.windows().begin(), unit.windows().end(),
                       [&](const ClosingWindow& w) { return w.closes <= horizon_end; });
}

std::string proposal_slug(std::string_view customer) {
    std::string slug;
    for (char c : customer) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
        else if (alnum) slug += c;
        else if (!slug.empty() && slug.back() != '-') slug += '-';
        if (slug.size() >= 60) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "customer" : slug;
}

ProposalSet build_proposals(const Catalog& catalog, const std::vector<ProposalSource>& units,
                            const ProposalOptions& options) {
    ProposalSet set;
    set.as_of = options.as_of;
    set.horizon_end = options.horizon_end;
    set.partner = options.partner;
    set.catalog_label = catalog.label;
    set.currency = catalog.policy.currency;
    set.adp_purchase_days = catalog.policy.adp_purchase_days;
    const Money zero(0, catalog.policy.currency);

    std::map<std::string, std::vector<const ProposalSource*>> by_customer;
    for (const ProposalSource& s : units) by_customer[std::string(s.unit->customer())].push_back(&s);
    std::set<std::string> wanted(options.customers.begin(), options.customers.end());
    for (const std::string& name : wanted)
        if (!by_customer.count(name)) set.unknown_customers.push_back(name);

    std::set<std::string> slugs;
    for (const auto& [customer, sources] : by_customer) {
        if (!wanted.empty() && !wanted.count(customer)) continue;
        CustomerProposal proposal;
        proposal.customer = customer;
        proposal.total = zero;
        std::map<ProposalAction, ProposalGroup> groups;
        for (const ProposalSource* s : sources) {
            if (proposal.contact.empty()) proposal.contact = s->contact;
            if (!unit_due(*s->unit, options.horizon_end)) continue;
            std::string why_not;
            std::optional<ProposalUnit> unit = propose_unit(catalog, *s, options.as_of, options.horizon_end, why_not);
            if (!unit) {
                proposal.left_out.push_back({s->unit->line, std::string(s->unit->serial()), why_not});
                continue;
            }
            ProposalGroup& group = groups[unit->action];
            if (group.units.empty()) group = {unit->action, {}, zero};
            if (const std::optional<Money> sum = group.total.plus(unit->total)) group.total = *sum;
            if (const std::optional<Money> sum = proposal.total.plus(unit->total)) proposal.total = *sum;
            if (unit->deadline && (!proposal.earliest_deadline || *unit->deadline < *proposal.earliest_deadline))
                proposal.earliest_deadline = unit->deadline;
            ++proposal.units;
            group.units.push_back(std::move(*unit));
        }
        if (proposal.units == 0) {
            if (proposal.left_out.empty()) set.customers_without_due.push_back(customer);
            else set.nothing_to_propose.push_back(std::move(proposal));
            continue;
        }
        for (auto& [action, group] : groups) {
            std::stable_sort(group.units.begin(), group.units.end(), [](const ProposalUnit& a, const ProposalUnit& b) {
                if (a.deadline != b.deadline) return earlier(a.deadline, b.deadline);
                return a.line < b.line;
            });
            proposal.groups.push_back(std::move(group));
        }
        if (options.include_coterm) {
            // The customer's own units only: a fleet of many customers is not searched once per customer.
            std::vector<ProposalSource> own;
            own.reserve(sources.size());
            for (const ProposalSource* s : sources) own.push_back(*s);
            CotermSuggestion coterm = suggest_coterm(catalog, options.as_of, own, customer);
            if (coterm.target && coterm.spread_days_after < coterm.spread_days_before)
                proposal.coterm = std::move(coterm);
        }
        std::string slug = proposal_slug(customer);
        for (int n = 2; slugs.count(slug); ++n) slug = proposal_slug(customer) + "-" + std::to_string(n);
        slugs.insert(slug);
        proposal.slug = slug;
        set.proposals.push_back(std::move(proposal));
    }
    return set;
}

ProposalSet build_fleet_proposals(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result,
                                  const ProposalOptions& options) {
    return build_proposals(catalog, fleet_proposal_sources(parsed, result), options);
}

std::vector<ProposalSource> fleet_proposal_sources(const FleetParse& parsed, const FleetResult& result) {
    const std::optional<std::size_t> contact = contact_column(parsed.extra_columns);
    std::vector<ProposalSource> sources;
    sources.reserve(result.units.size());
    FleetRow row;
    for (const UnitOpportunity& unit : result.units) {
        const std::optional<std::size_t> index = parsed.rows.index_of_line(unit.line);
        if (!index) continue;
        ProposalSource s{nullptr, &unit, {}, &parsed.rows, *index};
        if (contact) {
            parsed.rows.get(*index, row);
            if (*contact < row.extra.size()) s.contact = row.extra[*contact];
        }
        sources.push_back(std::move(s));
    }
    return sources;
}

Date proposal_horizon_end(Date as_of, int days) { return as_of.plus_days(days); }

// [SECTION] Co-terming -------------------------------------------------------------------------

int whole_months_between(Date from, Date to) {
    if (to < from) std::swap(from, to);
    const YearMonthDay a = from.ymd();
    const YearMonthDay b = to.ymd();
    int months = (b.year - a.year) * 12 + (b.month - a.month);
    if (b.day < a.day) --months;
    return std::max(0, months);
}

namespace {

struct CotermOption {
    Date end;
    const Offering* offering = nullptr;  // null: keep the unit as it is
    int term_years = 0;
    std::optional<Money> price;
};

std::int32_t spread_of(const std::vector<Date>& ends) {
    if (ends.empty()) return 0;
    const auto [lo, hi] = std::minmax_element(ends.begin(), ends.end());
    return days_between(*lo, *hi);
}

}  // namespace

CotermSuggestion suggest_coterm(const Catalog& catalog, Date as_of, const std::vector<ProposalSource>& units,
                                std::string_view customer) {
    CotermSuggestion out;
    out.customer = std::string(customer);
    std::vector<std::vector<CotermOption>> options;  // per measured unit; [0] keeps it as it is
    for (const ProposalSource& s : units) {
        const UnitOpportunity& unit = *s.unit;
        if (unit.customer() != customer) continue;
        std::vector<CotermOption> unit_options = {{unit.coverage_end, nullptr, 0, std::nullopt}};
        const DeviceResolution resolved = resolve_device(catalog, s.input());
        if (resolved.facts) {
            // The offering the fleet found best per renewal kind, at each of its terms the
            // evaluation sells on this unit today: only terms that add coverage are candidates.
            for (OfferKind kind : {OfferKind::Extension, OfferKind::PostWarranty}) {
                const auto best = std::find_if(unit.best_offers().begin(), unit.best_offers().end(),
                                               [&](const BestOffer& b) { return b.offering->kind == kind; });
                if (best == unit.best_offers().end()) continue;
                for (int term : best->offering->terms) {
                    const Offer offer = evaluate_offer(catalog, *resolved.facts, *best->offering, term, as_of, {},
                                                       /*explain=*/false);
                    if (offer.status != OfferStatus::Eligible || !offer.coverage_until || !offer.unit_price) continue;
                    if (*offer.coverage_until <= unit.coverage_end) continue;
                    unit_options.push_back({*offer.coverage_until, best->offering, term, offer.unit_price});
                }
            }
        }
        if (!unit.covered && unit_options.size() == 1) {
            out.left_out.push_back(
                {unit.line, std::string(unit.serial()), "coverage has ended and no term sells to renew it"});
            continue;
        }
        out.units.push_back(
            {unit.line, std::string(unit.serial()), unit.coverage_end, unit.coverage_end, nullptr, 0, std::nullopt});
        options.push_back(std::move(unit_options));
    }
    std::vector<Date> ends;
    for (const CotermUnit& u : out.units) ends.push_back(u.end_before);
    out.spread_days_before = spread_of(ends);
    std::set<Date> targets;
    for (const auto& unit_options : options)
        for (const CotermOption& o : unit_options) targets.insert(o.end);
    std::int32_t best_spread = out.spread_days_before;
    std::size_t best_changes = 0;
    std::vector<std::size_t> best_choice;
    for (Date target : targets) {
        std::vector<std::size_t> choice(options.size(), 0);
        std::size_t changes = 0;
        for (std::size_t u = 0; u < options.size(); ++u) {
            // Nearest end to the target; on a tie the earlier option (no change, then the shorter term).
            for (std::size_t k = 1; k < options[u].size(); ++k)
                if (std::abs(days_between(target, options[u][k].end)) <
                    std::abs(days_between(target, options[u][choice[u]].end)))
                    choice[u] = k;
            changes += choice[u] ? 1 : 0;
            ends[u] = options[u][choice[u]].end;
        }
        const std::int32_t spread = spread_of(ends);
        if (spread < best_spread || (spread == best_spread && !best_choice.empty() && changes < best_changes)) {
            best_spread = spread;
            best_changes = changes;
            best_choice = choice;
            out.target = target;
        }
    }
    for (std::size_t u = 0; u < best_choice.size(); ++u) {
        const CotermOption& o = options[u][best_choice[u]];
        out.units[u].end_after = o.end;
        out.units[u].offering = o.offering;
        out.units[u].term_years = o.term_years;
        out.units[u].unit_list = o.price;
    }
    ends.clear();
    for (const CotermUnit& u : out.units) ends.push_back(u.end_after);
    out.spread_days_after = spread_of(ends);
    if (!out.units.empty()) {
        auto months = [&](auto end_of) {
            const auto [lo, hi] =
                std::minmax_element(out.units.begin(), out.units.end(),
                                    [&](const CotermUnit& a, const CotermUnit& b) { return end_of(a) < end_of(b); });
            return whole_months_between(end_of(*lo), end_of(*hi));
        };
        out.spread_months_before = months([](const CotermUnit& u) { return u.end_before; });
        out.spread_months_after = months([](const CotermUnit& u) { return u.end_after; });
    }
    return out;
}

}  // namespace apos
