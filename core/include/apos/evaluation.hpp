// The one evaluation of a configuration (customer, as-of date, devices with their selected
// services): per device its facts, the services that settle as sold, every offer evaluated beside
// them, recommendations and the timeline; and the quote. The CLI, the page, its JS API, the
// desktop window and the fleet's proposals all ask this function, so one question gets one answer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"
#include "apos/recommendations.hpp"
#include "apos/timeline.hpp"

namespace apos {

// A configuration is what a quote request says: as-of, customer, items (device + services).
using Configuration = QuoteRequest;

struct DeviceEvaluation {
    std::optional<DeviceFacts> facts;
    std::optional<DeviceError> error;
    std::vector<Offer> sold;    // the services that settled as sold, in request order
    std::vector<Offer> offers;  // every offering and term, each beside the sold services it would join
    std::vector<RecommendedBundle> recommendations;
    std::optional<Timeline> timeline;  // base coverage, coverage bought earlier and the sold services
};

// Which parts to work out; the quote and the sold services are always there.
struct EvaluationParts {
    bool offers = true;
    bool recommendations = true;
    bool timeline = true;
    // false: every offer's status, window and price only (no reasons, part number or fix), through
    // the catalog's compiled device classes; explain_offer builds one offer's words when shown.
    bool words = true;
};

struct Evaluation {
    Date as_of;
    std::vector<DeviceEvaluation> devices;  // one per item of the configuration, in its order
    Quote quote;
    std::int64_t order_think_units = 0;  // Think units on the whole order, as the rules counted them
};

Evaluation evaluate_configuration(const Catalog& catalog, const Configuration& configuration,
                                  EvaluationParts parts = {});

// Settles one item's requested services into a consistent set: one service per slot
// (ONE-EXTENSION), then evaluate, drop what is refused and evaluate again until nothing changes
// (SOLD-TOGETHER). The result does not depend on the order of `requests`. `order_think_units`
// counts the Think units of the whole order (0: the device's own).
ItemSettlement settle_services(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                               const std::vector<ServiceRequest>& requests, std::int64_t order_think_units = 0,
                               bool explain = true);

// The one change that makes a refused offer sell beside `companions`, checked by evaluating it
// again with the change made; FixAction::None when no single change does. Nothing for an offer
// that is not refused.
std::optional<Fix> offer_fix(const Catalog& catalog, const DeviceFacts& device, const Offer& offer, Date as_of,
                             const std::vector<CompanionService>& companions, std::int64_t order_think_units = 0);

// One offer with its words, as evaluate_configuration with words gives it: the reasons, part number
// and checked fix of `offering` at `term_years`, beside `companions` (companions_beside of the
// item's sold services, sorted as the evaluation sorts them).
Offer explain_offer(const Catalog& catalog, const DeviceFacts& device, const Offering& offering, int term_years,
                    Date as_of, std::span<const CompanionService> companions, std::int64_t order_think_units);

// The same for item `item` of an evaluation (without words or with): its device, sold services and
// the order's Think units. Nothing when the item has no device.
std::optional<Offer> explain_offer(const Catalog& catalog, const Evaluation& evaluation, std::size_t item,
                                   const Offering& offering, int term_years);

// Whether two offerings set the same thing on a unit (ONE-EXTENSION: one extension, one service
// level), so that choosing one takes the other off the item.
bool same_slot(const Offering& a, const Offering& b);

// The fix in words for the partner: "Add Extension - Depot for 3 years", "Choose the 2-year term".
std::string fix_label(const Catalog& catalog, const Fix& fix);

}  // namespace apos
