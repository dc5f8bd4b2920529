// Fleet renewals: per-unit opportunities through the single-device path, added up into the
// summary a partner plans renewals from (the CSV reader and the summary have their own files).
#include "apos/fleet.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "apos/evaluation.hpp"
#include "rules/rule_support.hpp"

namespace apos {

std::string_view to_string(WindowBucket bucket) {
    switch (bucket) {
        case WindowBucket::Closing0To30: return "closing-0-30";
        case WindowBucket::Closing31To60: return "closing-31-60";
        case WindowBucket::Closing61To90: return "closing-61-90";
        case WindowBucket::OpenLater: return "open-later";
        case WindowBucket::Lapsed: return "lapsed";
        case WindowBucket::Nothing: return "nothing-to-sell";
    }
    return "?";
}

// [SECTION] Evaluation ----------------------------------------------------------------------
namespace {

bool renewal_kind(OfferKind kind) {
    return kind != OfferKind::Deployment && kind != OfferKind::Recovery && kind != OfferKind::Support;
}

// Everything about a device that can change its answer (not its serial or customer), packed
// so that a million lookups cost no string building.
struct DeviceKey {
    std::uint32_t machine_type = 0;  // the 4 characters that pick the machine type, upper case
    std::int32_t ship = 0;
    std::int32_t purchase = 0;
    std::int32_t coverage_end = 0;
    std::int32_t quantity = 0;
    std::int32_t pages_per_box = 0;
    std::int32_t install_locations = 0;
    std::uint32_t services_held = 0;  // one bit per OfferKind
    std::uint16_t country = 0;
    std::uint8_t channel = 0;
    std::uint8_t condition = 0;
    std::uint8_t segment = 0;
    std::uint8_t replacement = 0;
    friend bool operator==(const DeviceKey&, const DeviceKey&) = default;
};

struct DeviceKeyHash {
    std::size_t operator()(const DeviceKey& k) const {
        std::uint64_t h = 0x9E3779B97F4A7C15ull;
        auto mix = [&h](std::uint64_t v) {
            h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
            h *= 0xBF58476D1CE4E5B9ull;
        };
        mix(k.machine_type);
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.ship)) << 32) |
            static_cast<std::uint32_t>(k.purchase));
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.coverage_end)) << 32) |
            static_cast<std::uint32_t>(k.quantity));
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.pages_per_box)) << 32) |
            static_cast<std::uint32_t>(k.install_locations));
        mix((static_cast<std::uint64_t>(k.services_held) << 32) | (static_cast<std::uint64_t>(k.country) << 16) |
            (static_cast<std::uint64_t>(k.channel) << 12) | (static_cast<std::uint64_t>(k.condition) << 8) |
            (static_cast<std::uint64_t>(k.segment) << 4) | k.replacement);
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

// No key (no sharing) for anything unusual: a device the resolver may reject on a character
// past the first four must be resolved on its own.
std::optional<DeviceKey> device_key(const DeviceInput& d) {
    if (d.mtm.size() < 4 || d.mtm.size() > 10 || d.country.size() != 2) return std::nullopt;
    for (char c : d.mtm)
        if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    DeviceKey key;
    for (int i = 0; i < 4; ++i)
        key.machine_type =
            (key.machine_type << 8) |
            static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(d.mtm[static_cast<std::size_t>(i)])));
    constexpr std::int32_t kNone = -1000000;  // before any valid date
    key.ship = d.ship_date.days_since_epoch();
    key.purchase = d.purchase_date ? d.purchase_date->days_since_epoch() : kNone;
    key.coverage_end = d.coverage_end ? d.coverage_end->days_since_epoch() : kNone;
    key.quantity = d.quantity;
    key.pages_per_box = d.pages_per_box;
    key.install_locations = d.install_locations;
    for (OfferKind k : d.services_held) key.services_held |= 1u << static_cast<unsigned>(k);
    key.country = static_cast<std::uint16_t>((static_cast<unsigned char>(d.country[0]) << 8) |
                                             static_cast<unsigned char>(d.country[1]));
    key.channel = static_cast<std::uint8_t>(d.channel);
    key.condition = static_cast<std::uint8_t>(d.condition);
    key.segment = static_cast<std::uint8_t>(d.segment);
    key.replacement = d.replacement ? 1 : 0;
    return key;
}

WindowBucket bucket_for(int days_left) {
    if (days_left <= 30) return WindowBucket::Closing0To30;
    if (days_left <= 60) return WindowBucket::Closing31To60;
    if (days_left <= 90) return WindowBucket::Closing61To90;
    return WindowBucket::OpenLater;
}

}  // namespace

UnitOpportunity evaluate_unit(const Catalog& catalog, const DeviceFacts& device, Date as_of) {
    UnitOpportunity unit;
    unit.serial = device.input.serial;
    unit.mtm = device.input.mtm;
    unit.machine_type = device.machine_type->mt;  // the catalog outlives the units
    unit.coverage_end = device.coverage_end;
    unit.covered = as_of <= device.coverage_end;
    unit.quantity = device.input.quantity;
    unit.value = Money(0, catalog.policy.currency);

    for (const Offering& offering : catalog.offerings) {
        if (!renewal_kind(offering.kind)) continue;  // project services are not renewals
        for (int term : offering.terms) {
            const Offer offer = evaluate_offer(catalog, device, offering, term, as_of, {}, /*explain=*/false);
            const OfferKind kind = offering.kind;
            if (offer.status != OfferStatus::Eligible || !offer.unit_price) continue;
            if (kind == OfferKind::Reinstatement) {
                if (!unit.reinstatement_price ||
                    offer.unit_price->minor_units() < unit.reinstatement_price->minor_units())
                    unit.reinstatement_price = offer.unit_price;
            }
            // Best per kind: the most coverage, then the lower price.
            const BestOffer candidate{offer.offering, offer.term_years, *offer.unit_price, offer.window};
            auto best = std::find_if(unit.best_offers.begin(), unit.best_offers.end(),
                                     [&](const BestOffer& o) { return o.offering->kind == kind; });
            if (best == unit.best_offers.end()) unit.best_offers.push_back(candidate);
            else if (offer.term_years > best->term_years ||
                     (offer.term_years == best->term_years &&
                      offer.unit_price->minor_units() < best->unit_price.minor_units()))
                *best = candidate;
            if (offer.window) {
                auto window = std::find_if(unit.windows.begin(), unit.windows.end(),
                                           [&](const ClosingWindow& w) { return w.kind == kind; });
                const int days_left = days_between(as_of, offer.window->until);
                if (window == unit.windows.end())
                    unit.windows.push_back({kind, offer.offering, offer.window->until, days_left});
                else if (offer.window->until < window->closes)
                    *window = {kind, offer.offering, offer.window->until, days_left};
            }
        }
    }
    std::sort(unit.windows.begin(), unit.windows.end(),
              [](const ClosingWindow& a, const ClosingWindow& b) { return a.closes < b.closes; });
    // One renewal path counts toward the value: an extension, else post-warranty, else reinstatement.
    auto has = [&](OfferKind k) {
        return std::any_of(unit.best_offers.begin(), unit.best_offers.end(),
                           [&](const BestOffer& o) { return o.offering->kind == k; });
    };
    for (const BestOffer& o : unit.best_offers) {
        const OfferKind k = o.offering->kind;
        if (k == OfferKind::PostWarranty && has(OfferKind::Extension)) continue;
        if (k == OfferKind::Reinstatement && (has(OfferKind::Extension) || has(OfferKind::PostWarranty))) continue;
        // Prices and value come from one catalog, so one currency; a price in another one is
        // left out of the value rather than counted under the wrong code.
        if (const std::optional<Money> sum = unit.value.plus(o.unit_price.times(unit.quantity))) unit.value = *sum;
    }

    unit.lapsed = as_of > rules::post_warranty_window(catalog.policy, device.coverage_end).until;
    if (!unit.windows.empty()) unit.bucket = bucket_for(unit.windows.front().days_left);
    else if (unit.lapsed) unit.bucket = WindowBucket::Lapsed;
    else unit.bucket = WindowBucket::Nothing;
    return unit;
}

std::vector<ServiceRequest> proposed_services(const Catalog& catalog, const DeviceInput& input,
                                              const UnitOpportunity& unit, Date as_of) {
    std::vector<ServiceRequest> services;
    const DeviceResolution resolved = resolve_device(catalog, input);
    if (!resolved.facts) return services;
    std::vector<const BestOffer*> order;
    for (OfferKind path : {OfferKind::Extension, OfferKind::PostWarranty, OfferKind::Reinstatement}) {
        const auto it = std::find_if(unit.best_offers.begin(), unit.best_offers.end(),
                                     [&](const BestOffer& o) { return o.offering->kind == path; });
        if (it != unit.best_offers.end()) {
            order.push_back(&*it);
            break;
        }
    }
    for (const BestOffer& o : unit.best_offers) {
        const OfferKind k = o.offering->kind;
        if (k != OfferKind::Extension && k != OfferKind::PostWarranty && k != OfferKind::Reinstatement)
            order.push_back(&o);
    }
    // Each candidate joins when the evaluation's settlement sells it beside those already chosen
    // without refusing any of them: what is proposed is what a quote of it will sell.
    std::vector<CompanionService> chosen;
    for (const BestOffer* candidate : order) {
        // The same term may not fit beside the chosen ones: try the candidate's term, then the renewal's.
        std::vector<int> terms = {candidate->term_years};
        if (!chosen.empty() && chosen.front().term_years != candidate->term_years)
            terms.push_back(chosen.front().term_years);
        for (int term : terms) {
            std::vector<ServiceRequest> with;
            for (const CompanionService& c : chosen)
                with.push_back({c.offering->id, std::nullopt, c.term_years, std::nullopt});
            with.push_back({candidate->offering->id, std::nullopt, term, std::nullopt});
            const ItemSettlement settled = settle_services(catalog, *resolved.facts, as_of, with, 0, /*explain=*/false);
            if (!settled.rejected.empty() || std::any_of(settled.sold.begin(), settled.sold.end(), [](const Offer& o) {
                    return o.status != OfferStatus::Eligible;
                }))
                continue;
            chosen.push_back({candidate->offering, term});
            break;
        }
    }
    for (const CompanionService& c : chosen)
        services.push_back({c.offering->id, std::nullopt, c.term_years, std::nullopt});
    return services;
}

// Answers of recent distinct devices. Bounded, because in a fleet of a million mostly distinct
// units it would otherwise hold every unit twice; when full it starts again.
struct FleetEvaluator::Memo {
    static constexpr std::size_t kMaxEntries = 1u << 16;
    std::unordered_map<DeviceKey, UnitOpportunity, DeviceKeyHash> units;
};

FleetEvaluator::FleetEvaluator(const Catalog& catalog, Date as_of)
    : catalog_(catalog), as_of_(as_of), memo_(std::make_unique<Memo>()) {
    start_summary(summary_, catalog.policy.currency, as_of);
}

FleetEvaluator::~FleetEvaluator() = default;

std::optional<UnitOpportunity> FleetEvaluator::evaluate(const FleetRow& row, std::vector<FleetRowError>& errors) {
    const std::optional<DeviceKey> key = device_key(row.device);
    const auto known = key ? memo_->units.find(*key) : memo_->units.end();
    UnitOpportunity unit;
    if (known != memo_->units.end()) {
        unit = known->second;
    } else {
        const DeviceResolution resolved = resolve_device(catalog_, row.device);
        if (!resolved.facts) {
            errors.push_back({row.line, resolved.error->field, resolved.error->message});
            return std::nullopt;
        }
        unit = evaluate_unit(catalog_, *resolved.facts, as_of_);
        if (key) {
            if (memo_->units.size() >= Memo::kMaxEntries) memo_->units.clear();
            memo_->units.emplace(*key, unit);
        }
    }
    unit.line = row.line;
    unit.serial = row.device.serial;
    unit.mtm = row.device.mtm;
    unit.customer = row.customer;
    add_to_summary(summary_, unit, as_of_);
    return unit;
}

FleetEvaluation::FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, Date as_of)
    : parsed_(parsed), evaluator_(catalog, as_of) {
    result_.as_of = as_of;
    result_.errors = parsed.errors;
    result_.units.reserve(parsed.rows.size());
}

bool FleetEvaluation::step(std::size_t max_units) {
    const std::size_t stop = std::min(parsed_.rows.size(), next_row_ + max_units);
    for (; next_row_ < stop; ++next_row_)
        if (auto unit = evaluator_.evaluate(parsed_.rows[next_row_], result_.errors))
            result_.units.push_back(std::move(*unit));
    return next_row_ >= parsed_.rows.size();
}

FleetResult FleetEvaluation::take() {
    result_.summary = std::move(evaluator_.summary());
    result_.summary.rows_with_errors = sort_and_count_error_rows(result_.errors);
    return std::move(result_);
}

FleetResult evaluate_fleet(const Catalog& catalog, const FleetParse& parsed, Date as_of,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
    FleetEvaluation evaluation(catalog, parsed, as_of);
    while (!evaluation.step(4096))
        if (progress) progress(evaluation.done(), evaluation.total());
    if (progress) progress(evaluation.total(), evaluation.total());
    return evaluation.take();
}

}  // namespace apos
