// Offer evaluation: runs the rules registered for an offering's kind and prices what passes.
#include "apos/offers.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

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

// ---- Offers compiled per device class ------------------------------------------------
// A device class is everything the rules marked RuleReads::ProductOnly may read (rules.hpp): the
// machine type and the facts it fixes, channel, condition, country, segment, replacement flag, the
// as-of date, and the services sold on the same quote item (some product-only rules, TICRU-PRODUCTS
// among them, read the level those services bring). The class's offers keep those rules' verdicts, windows and change
// days and the price; a device of a known class then runs only the rules that read the unit, and those that read only
// the offer's kind (either mark of reads_only_the_offers_kind) once for each kind and term. The same rule functions as
// evaluate_offer, so the same answer: tests/unit_one_device.cpp holds the two paths against each other.
namespace offer_plan {

struct ClassKey {
    const MachineType* machine_type = nullptr;
    Date as_of;
    Channel channel{};
    Condition condition{};
    Segment segment{};
    bool replacement = false;
    std::string country;
    int base_years = 0;
    ServiceLevel base_level{};
    int cap_years = 0;
    std::vector<CompanionService> sold;  // the item's sold services, as the evaluation sorted them

    static ClassKey of(const DeviceFacts& d, Date as_of, std::span<const CompanionService> sold) {
        return {d.machine_type,
                as_of,
                d.input.channel,
                d.input.condition,
                d.input.segment,
                d.input.replacement,
                d.input.country,
                d.base_years,
                d.base_level,
                d.cap_years,
                {sold.begin(), sold.end()}};
    }
    bool is(const DeviceFacts& d, Date day, std::span<const CompanionService> services) const {
        return machine_type == d.machine_type && as_of == day && channel == d.input.channel &&
               condition == d.input.condition && segment == d.input.segment && replacement == d.input.replacement &&
               base_years == d.base_years && base_level == d.base_level && cap_years == d.cap_years &&
               country == d.input.country && same_services(sold, services);
    }
    static bool same_services(std::span<const CompanionService> a, std::span<const CompanionService> b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
            return x.offering == y.offering && x.term_years == y.term_years;
        });
    }
};

// The offers of one kind and term that see the same sold services beside them: the rules that read
// only the offer's kind, and what the offer would cover, are worked out once for all of them.
struct Group {
    const Offering* first = nullptr;
    int term_years = 0;
    std::size_t companions = 0;  // index into DeviceClass::companion_sets
};

// One offering at one term for the class: what the product-only rules and the price book said.
struct ClassOffer {
    const Offering* offering = nullptr;
    int term_years = 0;
    std::size_t group = 0;
    std::size_t companions = 0;  // index into DeviceClass::companion_sets
    bool blocked = false;
    bool approval = false;
    std::optional<DateRange> window;
    std::optional<Date> changes_on;
    std::optional<Money> unit_price;
};

struct DeviceClass {
    ClassKey key;
    // The sold services each offering is evaluated beside (companions_beside), each set kept once.
    std::vector<std::vector<CompanionService>> companion_sets;
    std::vector<ClassOffer> offers;  // every offering and term, catalog order
    std::vector<Group> groups;
};

// The rules of each offer kind by what they read, in registry order.
struct RulesByReads {
    std::vector<const Rule*> product, kind, unit;
};
const std::array<RulesByReads, kOfferKindCount>& rules_by_reads() {
    static const std::array<RulesByReads, kOfferKindCount> table = [] {
        std::array<RulesByReads, kOfferKindCount> t;
        for (std::size_t k = 0; k < kOfferKindCount; ++k)
            for (const Rule* rule : rules_for(static_cast<OfferKind>(k))) {
                RulesByReads& r = t[k];
                (rule->reads == RuleReads::ProductOnly     ? r.product
                 : reads_only_the_offers_kind(rule->reads) ? r.kind
                                                           : r.unit)
                    .push_back(rule);
            }
        return t;
    }();
    return table;
}

// Verdicts, windows and change days of some rules put together, as evaluate_priced_offer does.
struct Judgement {
    bool blocked = false;
    bool approval = false;
    std::optional<DateRange> window;
    std::optional<Date> changes_on;

    void take(const RuleOutcome& o) {
        if (o.window)
            window = window
                         ? DateRange{std::max(window->from, o.window->from), std::min(window->until, o.window->until)}
                         : *o.window;
        if (o.changes_on && (!changes_on || *o.changes_on < *changes_on)) changes_on = o.changes_on;
        blocked = blocked || o.verdict == Verdict::Block;
        approval = approval || o.verdict == Verdict::NeedsApproval;
    }
    void take(const Judgement& o) {
        if (o.window)
            window = window
                         ? DateRange{std::max(window->from, o.window->from), std::min(window->until, o.window->until)}
                         : *o.window;
        if (o.changes_on && (!changes_on || *o.changes_on < *changes_on)) changes_on = o.changes_on;
        blocked = blocked || o.blocked;
        approval = approval || o.approval;
    }
};

std::int64_t own_think_units(const DeviceFacts& device) {
    return rules::is_think_pc(*device.machine_type) ? device.input.quantity : 0;
}

}  // namespace offer_plan

struct CompiledOffers::Cache {
    // Few classes at once: a configuration holds a handful of device classes, and a class falls out
    // only to be built again. The oldest built goes first.
    static constexpr std::size_t kMostClasses = 32;
    std::mutex mutex;
    std::vector<std::shared_ptr<const offer_plan::DeviceClass>> classes;
};

CompiledOffers::CompiledOffers() : cache_(std::make_unique<Cache>()) {}
CompiledOffers::CompiledOffers(const CompiledOffers&) : CompiledOffers() {}
CompiledOffers& CompiledOffers::operator=(const CompiledOffers&) {
    clear();
    return *this;
}
CompiledOffers::~CompiledOffers() = default;
void CompiledOffers::clear() const {
    const std::lock_guard<std::mutex> lock(cache_->mutex);
    cache_->classes.clear();
}
std::size_t CompiledOffers::classes() const {
    const std::lock_guard<std::mutex> lock(cache_->mutex);
    return cache_->classes.size();
}

namespace {

using offer_plan::DeviceClass;

// The class's offers: the product-only rules of every offering and term, each beside the sold
// services it would join, and the prices.
std::shared_ptr<const DeviceClass> compile_class(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                                 std::span<const CompanionService> sold) {
    auto compiled = std::make_shared<DeviceClass>();
    compiled->key = offer_plan::ClassKey::of(device, as_of, sold);
    compiled->offers.reserve(catalog.offerings.size() * 4);
    const std::int64_t order_units = offer_plan::own_think_units(device);
    for (const Offering& offering : catalog.offerings) {
        const TermPrices* prices = price_table(device, offering);
        const std::vector<const Rule*>& product_rules =
            offer_plan::rules_by_reads()[static_cast<std::size_t>(offering.kind)].product;
        std::vector<CompanionService> beside = companions_beside(sold, offering);
        const auto known =
            std::find_if(compiled->companion_sets.begin(), compiled->companion_sets.end(),
                         [&](const auto& set) { return offer_plan::ClassKey::same_services(set, beside); });
        const std::size_t companions = static_cast<std::size_t>(known - compiled->companion_sets.begin());
        if (known == compiled->companion_sets.end()) compiled->companion_sets.push_back(std::move(beside));
        const std::span<const CompanionService> companion_span = compiled->companion_sets[companions];
        for (int term : offering.terms) {
            offer_plan::ClassOffer offer;
            offer.offering = &offering;
            offer.term_years = term;
            offer.companions = companions;
            const RuleInput input{catalog, device,         offering,          term,
                                  as_of,   companion_span, /*explain=*/false, order_units};
            offer_plan::Judgement j;
            for (const Rule* rule : product_rules) j.take(rule->check(input));
            offer.blocked = j.blocked;
            offer.approval = j.approval;
            offer.window = j.window;
            offer.changes_on = j.changes_on;
            offer.unit_price = list_price_in(prices, catalog, offering, term);
            const auto group = std::find_if(compiled->groups.begin(), compiled->groups.end(), [&](const auto& g) {
                return g.first->kind == offering.kind && g.term_years == term && g.companions == companions;
            });
            offer.group = static_cast<std::size_t>(group - compiled->groups.begin());
            if (group == compiled->groups.end()) compiled->groups.push_back({&offering, term, companions});
            compiled->offers.push_back(std::move(offer));
        }
    }
    return compiled;
}

// The device's class from the catalog's cache, compiled on first sight.
std::shared_ptr<const DeviceClass> class_of(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                            std::span<const CompanionService> sold) {
    CompiledOffers::Cache& cache = catalog.compiled_offers.cache();
    {
        const std::lock_guard<std::mutex> lock(cache.mutex);
        for (const auto& known : cache.classes)
            if (known->key.is(device, as_of, sold)) return known;
    }
    // Built outside the lock: two threads meeting a new class at once both build it, and one keeps it.
    std::shared_ptr<const DeviceClass> built = compile_class(catalog, device, as_of, sold);
    const std::lock_guard<std::mutex> lock(cache.mutex);
    if (cache.classes.size() >= CompiledOffers::Cache::kMostClasses) cache.classes.erase(cache.classes.begin());
    cache.classes.push_back(built);
    return built;
}

// Per group (kind and term) of the class: what the offer would cover on this device, and what the
// rules reading only the offer's kind said. Reused from call to call on each thread.
struct GroupJudgement {
    DateRange coverage;
    offer_plan::Judgement judgement;
};

}  // namespace

std::vector<CompanionService> companions_beside(std::span<const CompanionService> sold, const Offering& offering) {
    const std::string slot = rules::service_slot(offering);
    std::vector<CompanionService> out;
    for (const CompanionService& c : sold)
        if (c.offering != &offering && rules::service_slot(*c.offering) != slot) out.push_back(c);
    return out;
}

std::vector<Offer> evaluate_offers(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain) {
    // The words of the reasons are built on the reference path, offer by offer.
    if (!explain) return evaluate_offers_beside(catalog, device, as_of, {}, 0);
    std::vector<Offer> offers;
    offers.reserve(catalog.offerings.size() * 4);
    for (const Offering& offering : catalog.offerings) {
        const TermPrices* prices = price_table(device, offering);
        for (int term : offering.terms)
            offers.push_back(evaluate_priced_offer(catalog, device, offering, prices, term, as_of, {}, explain, 0));
    }
    return offers;
}

std::vector<Offer> evaluate_offers_beside(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                          std::span<const CompanionService> sold, std::int64_t order_think_units) {
    std::vector<Offer> offers;
    if (!device.machine_type) {  // no class without a machine type: offer by offer
        offers.reserve(catalog.offerings.size() * 4);
        for (const Offering& offering : catalog.offerings) {
            const std::vector<CompanionService> companions = companions_beside(sold, offering);
            const TermPrices* prices = price_table(device, offering);
            for (int term : offering.terms)
                offers.push_back(evaluate_priced_offer(catalog, device, offering, prices, term, as_of, companions,
                                                       false, order_think_units));
        }
        return offers;
    }
    const std::shared_ptr<const DeviceClass> compiled = class_of(catalog, device, as_of, sold);
    // As evaluate_offer: no order count given means this device's own Think units.
    const std::int64_t order_units = order_think_units > 0 ? order_think_units : offer_plan::own_think_units(device);
    const auto& by_reads = offer_plan::rules_by_reads();
    offers.reserve(compiled->offers.size());

    thread_local std::vector<GroupJudgement> groups;
    groups.resize(compiled->groups.size());
    for (std::size_t g = 0; g < compiled->groups.size(); ++g) {
        const offer_plan::Group& group = compiled->groups[g];
        GroupJudgement& out = groups[g];
        out.coverage = coverage_of(catalog, device, *group.first, group.term_years, as_of);
        out.judgement = {};
        const RuleInput input{catalog,           device,      *group.first,
                              group.term_years,  as_of,       compiled->companion_sets[group.companions],
                              /*explain=*/false, order_units, out.coverage};
        for (const Rule* rule : by_reads[static_cast<std::size_t>(group.first->kind)].kind)
            out.judgement.take(rule->check(input));
    }

    for (const offer_plan::ClassOffer& planned : compiled->offers) {
        const Offering& offering = *planned.offering;
        const GroupJudgement& group = groups[planned.group];
        offer_plan::Judgement j{planned.blocked, planned.approval, planned.window, planned.changes_on};
        j.take(group.judgement);
        const RuleInput input{catalog,
                              device,
                              offering,
                              planned.term_years,
                              as_of,
                              compiled->companion_sets[planned.companions],
                              /*explain=*/false,
                              order_units,
                              group.coverage};
        for (const Rule* rule : by_reads[static_cast<std::size_t>(offering.kind)].unit) j.take(rule->check(input));
        // A missing price only matters when no rule has already said no (as on the reference path).
        if (!planned.unit_price) j.blocked = true;
        Offer& offer = offers.emplace_back();
        offer.offering = &offering;
        offer.term_years = planned.term_years;
        offer.status = j.blocked    ? OfferStatus::Ineligible
                       : j.approval ? OfferStatus::NeedsApproval
                                    : OfferStatus::Eligible;
        offer.window = j.window;
        offer.changes_on = j.changes_on;
        offer.unit_price = planned.unit_price;
        offer.coverage_from = group.coverage.from;
        offer.coverage_until = group.coverage.until;
    }
    return offers;
}

}  // namespace apos
