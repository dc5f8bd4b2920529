// Builds one fleet unit from the offers that sell on it: the best offer per kind, the window that
// closes first per kind, the renewal value and the bucket. Both the reference path (evaluate_unit)
// and the compiled plan (fleet_plan.cpp) feed it, so they differ only in how offers are judged.
#pragma once

#include <array>
#include <cstddef>

#include "apos/fleet.hpp"

namespace apos::fleet_detail {

// Project services (deployment, recovery, support) are not renewals: the fleet leaves them out.
inline bool renewal_kind(OfferKind kind) {
    return kind != OfferKind::Deployment && kind != OfferKind::Recovery && kind != OfferKind::Support;
}

class UnitBuilder {
public:
    // Starts `unit` over for this device (its block is reused at finish(), so a reused unit costs
    // no allocation).
    UnitBuilder(UnitOpportunity& unit, const Catalog& catalog, const DeviceFacts& device, Date as_of);
    // One offer that is eligible and priced.
    void add_eligible(const Offering& offering, int term_years, Money unit_price,
                      const std::optional<DateRange>& window);
    // Orders the windows, values the renewal path, sets lapsed and the bucket.
    void finish();

private:
    UnitOpportunity& unit_;
    const Catalog& catalog_;
    const DeviceFacts& device_;
    Date as_of_;
    // At most one of each kind: kept here until finish() stores them in the unit.
    std::array<BestOffer, kOfferKindCount> offers_{};
    std::array<ClosingWindow, kOfferKindCount> windows_{};
    std::size_t offer_count_ = 0;
    std::size_t window_count_ = 0;
};

}  // namespace apos::fleet_detail
