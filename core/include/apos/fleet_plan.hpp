// A fleet's evaluation compiled per kind of product. A unit's answer depends on its product
// (machine type, channel, condition, country, segment, replacement flag) and on the unit itself
// (dates, quantity, services held). The plan runs the product-only rules (RuleReads::ProductOnly)
// once per product and prices its offers once; per unit it works out the unit's dates and runs
// only the remaining rules on the offers the product left open: those that read only the offer's
// kind once for each kind (RuleReads::TheUnitAndTheOffersKindNotItsTerm) or for each kind and term
// (RuleReads::TheUnitAndTheOffersKind), the others offer by offer,
// each offer stopping at its first refusal. Same rule functions, same answer as evaluate_unit on a
// resolved device: the fleet tests compare them unit by unit and offer by offer.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "apos/fleet.hpp"
#include "apos/offers.hpp"

namespace apos {

// One renewal offer (offering and term) of one unit as the plan judges it.
struct PlannedOffer {
    const Offering* offering = nullptr;
    int term_years = 0;
    OfferStatus status = OfferStatus::Ineligible;
    std::optional<DateRange> window;
    std::optional<Money> unit_price;
};

class FleetPlan {
public:
    FleetPlan(const Catalog& catalog, Date as_of);
    ~FleetPlan();
    FleetPlan(const FleetPlan&) = delete;
    FleetPlan& operator=(const FleetPlan&) = delete;

    // Fills `unit` for this device (reusing its storage) and returns nothing, or returns why the
    // device cannot be resolved. Line and customer are the caller's to set.
    std::optional<DeviceError> evaluate(const DeviceInput& input, UnitOpportunity& unit);
    // Every renewal offer of the device with its status, window and price (what the tests hold
    // against evaluate_offer), or why the device cannot be resolved.
    std::vector<PlannedOffer> offers(const DeviceInput& input, std::optional<DeviceError>& error);

    std::size_t products_compiled() const;
    Date as_of() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace apos
