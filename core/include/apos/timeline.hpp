// Coverage timelines: what covers the device when, and the purchase deadlines around it.
#pragma once

#include <string>
#include <vector>

#include "apos/device.hpp"
#include "apos/offers.hpp"

namespace apos {

struct CoverageSegment {
    std::string label;     // "Base warranty (Depot)", "Extension to 3 years (Onsite NBD)"
    std::string offering;  // offering id, empty for the base warranty
    OfferKind kind{};
    bool base = false;
    DateRange range;
};

struct DeadlineMarker {
    std::string label;  // "ADP purchase deadline"
    std::string rule;   // rule ID behind it
    Date day;
};

struct Timeline {
    Date start;  // base start
    Date end;    // last covered or deadline day shown
    Date today;  // the as-of date
    std::vector<CoverageSegment> segments;
    std::vector<DeadlineMarker> deadlines;
};

// `selected` are offers the partner has chosen (for example, a quote's lines for this device).
Timeline build_timeline(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                        const std::vector<Offer>& selected);

}  // namespace apos
