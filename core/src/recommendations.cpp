// Recommendations: for each tier of the segment, the longest common term at which the most
// wanted services can be sold together.
#include "apos/recommendations.hpp"

#include <algorithm>

namespace apos {
namespace {

std::vector<CompanionService> companions_of(const std::vector<Offer>& chosen, std::size_t skip) {
    std::vector<CompanionService> out;
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (i != skip) out.push_back({chosen[i].offering, chosen[i].term_years});
    return out;
}

// The term an offering is tried at when the bundle aims for `years`.
std::optional<int> term_for(const Offering& offering, int years) {
    if (offering.terms.size() == 1 && offering.terms.front() == 0) return 0;
    int best = 0;
    for (int t : offering.terms)
        if (t <= years) best = std::max(best, t);
    if (best == 0) return std::nullopt;
    // Most services must match the warranty term exactly; SBTY may be shorter.
    if (best != years && offering.kind != OfferKind::Sbty) return std::nullopt;
    return best;
}

std::vector<Offer> try_bundle(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                              const RecommendationTier& tier, int years, std::vector<std::string>& missing) {
    std::vector<Offer> chosen;
    missing.clear();
    for (const RecommendationWant& want : tier.wants) {
        std::vector<OfferKind> kinds = {want.kind};
        if (want.kind == OfferKind::Extension)
            kinds.push_back(OfferKind::PostWarranty);  // renewals once the base is over
        bool found = false;
        for (OfferKind kind : kinds) {
            // Cheapest level that satisfies the want: offerings in catalog order, lowest level first.
            std::vector<const Offering*> candidates;
            for (const Offering& o : catalog.offerings)
                if (o.kind == kind && (!want.min_level || (o.level && *o.level >= *want.min_level)) &&
                    (!want.feature || o.feature == *want.feature))
                    candidates.push_back(&o);
            std::stable_sort(candidates.begin(), candidates.end(), [](const Offering* a, const Offering* b) {
                return a->level.value_or(ServiceLevel::MailIn) < b->level.value_or(ServiceLevel::MailIn);
            });
            for (const Offering* offering : candidates) {
                const int aim = kind == OfferKind::PostWarranty ? std::min(years, 2) : years;
                const auto term = term_for(*offering, aim);
                if (!term) continue;
                std::vector<CompanionService> companions = companions_of(chosen, chosen.size());
                Offer offer = evaluate_offer(catalog, device, *offering, *term, as_of, companions);
                if (offer.status == OfferStatus::Eligible) {
                    chosen.push_back(std::move(offer));
                    found = true;
                    break;
                }
            }
            if (found) break;
        }
        if (!found) missing.push_back(std::string(to_string(want.kind)));
    }
    // Re-check each choice with the whole bundle beside it.
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const auto companions = companions_of(chosen, i);
        chosen[i] = evaluate_offer(catalog, device, *chosen[i].offering, chosen[i].term_years, as_of, companions);
    }
    std::vector<Offer> kept;
    for (Offer& o : chosen) {
        if (o.status == OfferStatus::Eligible) kept.push_back(std::move(o));
        else missing.push_back(std::string(to_string(o.offering->kind)));
    }
    return kept;
}

}  // namespace

std::vector<RecommendedBundle> recommend(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                         Segment segment) {
    std::vector<RecommendedBundle> bundles;
    const SegmentRecommendation* recommendation = catalog.recommendation_for(segment);
    if (!recommendation) return bundles;
    for (const RecommendationTier& tier : recommendation->tiers) {
        RecommendedBundle best;
        best.tier = tier.tier;
        best.pitch = tier.pitch;
        std::size_t best_count = 0;
        for (int years = device.cap_years; years >= 1; --years) {
            std::vector<std::string> missing;
            std::vector<Offer> offers = try_bundle(catalog, device, as_of, tier, years, missing);
            if (offers.size() > best_count) {
                best_count = offers.size();
                best.offers = std::move(offers);
                best.missing = std::move(missing);
            }
            if (best_count == tier.wants.size()) break;
        }
        if (best_count == 0)
            for (const RecommendationWant& want : tier.wants) best.missing.push_back(std::string(to_string(want.kind)));
        // An offer whose price cannot join the total (another currency) cannot be sold in this
        // bundle: it counts as missing instead.
        best.unit_total = Money(0, catalog.policy.currency);
        std::vector<Offer> priced;
        for (Offer& o : best.offers) {
            if (o.unit_price) {
                const std::optional<Money> sum = best.unit_total.plus(*o.unit_price);
                if (!sum) {
                    best.missing.push_back(std::string(to_string(o.offering->kind)));
                    continue;
                }
                best.unit_total = *sum;
            }
            priced.push_back(std::move(o));
        }
        best.offers = std::move(priced);
        bundles.push_back(std::move(best));
    }
    return bundles;
}

}  // namespace apos
