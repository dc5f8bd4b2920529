// Offer evaluation: for one device, every offering and term with its status, the reasons
// behind it, the purchase window and the price.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/rules.hpp"

namespace apos {

enum class OfferStatus { Eligible, Ineligible, NeedsApproval };
std::string_view to_string(OfferStatus);

struct Reason {
    std::string rule;     // rule ID (docs/RULES.md)
    std::string message;  // plain words
    std::string source;   // "G:2905, 4627"
    Verdict verdict = Verdict::Block;
    std::optional<Fix> fix;  // blocks only: the rule's hint of what would lift it
};

struct Offer {
    const Offering* offering = nullptr;
    int term_years = 0;
    OfferStatus status = OfferStatus::Eligible;
    std::vector<Reason> reasons;        // blocks first, then approvals, warnings and notes
    std::optional<DateRange> window;    // intersection of the windows the rules impose
    std::optional<Date> changes_on;     // earliest day the answer changes
    std::optional<Money> unit_price;    // list price per unit (absent: no price in the book)
    std::string part_number;            // sample part number
    std::optional<Date> coverage_from;  // what this offer would cover
    std::optional<Date> coverage_until;
    // A refused offer: the one change that was checked to make it sell, or FixAction::None when
    // nothing on the quote can (set by the evaluation, not by evaluate_offer).
    std::optional<Fix> fix;

    // Days left to buy (from as-of to window end), or negative when the window closed.
    std::optional<int> days_left(Date as_of) const;
};

// Evaluates one offering at one term. `companions` are the other services sold on the same quote
// item. With `explain` false only the status, window and price are worked out: no reasons, no
// sentences, no part number (what a fleet of a million units needs). `order_think_units` counts
// the Think units of the whole order (0: this device's own quantity).
Offer evaluate_offer(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                     Date as_of, std::span<const CompanionService> companions = {}, bool explain = true,
                     std::int64_t order_think_units = 0);

// Every offering and term of the catalog for this device. Without `explain` it goes through the
// catalog's compiled device classes (CompiledOffers), as evaluate_offers_beside with nothing sold.
std::vector<Offer> evaluate_offers(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain = true);

// The sold services of a quote item that an offer of `offering` would sit beside: all of `sold`
// except the offering itself and the services it would replace (same slot, ONE-EXTENSION). Keeps
// the order of `sold`.
std::vector<CompanionService> companions_beside(std::span<const CompanionService> sold, const Offering& offering);

// Every offering and term for this device, each beside companions_beside(sold, offering), without
// words: what evaluate_offer(..., explain=false, order_think_units) answers offer by offer (status,
// window, change day, price, coverage; no reasons, part number or fix), worked out through the
// catalog's compiled device classes. The class key holds `sold`, since product-only rules may read
// the services beside an offer; `sold` is sorted as the configuration's evaluation sorts it.
std::vector<Offer> evaluate_offers_beside(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                          std::span<const CompanionService> sold, std::int64_t order_think_units);

// The list price per unit of `offering` for `term_years` on this device's machine type (with the
// reinstatement fee, REIN-FEE), or nothing when the price book has none.
std::optional<Money> offer_list_price(const Catalog& catalog, const DeviceFacts& device, const Offering& offering,
                                      int term_years);

// What an offer of `offering` for `term_years` would cover on this device.
DateRange coverage_of(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                      Date as_of);

}  // namespace apos
