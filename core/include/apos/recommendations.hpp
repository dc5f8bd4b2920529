// Good / better / best bundles per device and customer segment, built from offers that can
// be sold together today (the bundle is evaluated as one quote item).
#pragma once

#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/offers.hpp"

namespace apos {

struct RecommendedBundle {
    std::string tier;  // good | better | best
    std::string pitch;
    std::vector<Offer> offers;         // each evaluated with the rest of the bundle as companions
    Money unit_total;                  // list price per unit
    std::vector<std::string> missing;  // wanted kinds that cannot be sold for this device today
};

std::vector<RecommendedBundle> recommend(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                                         Segment segment);

}  // namespace apos
