// Timelines: the base warranty, current coverage and each selected service as segments,
// with the purchase deadlines the rule families report.
#include "apos/timeline.hpp"

#include <algorithm>

#include "rules/rule_support.hpp"

namespace apos {

Timeline build_timeline(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                        const std::vector<Offer>& selected) {
    Timeline timeline;
    timeline.start = device.base_start;
    timeline.today = as_of;
    timeline.segments.push_back({"Base warranty (" + std::string(level_label(device.base_level)) + ")",
                                 "",
                                 OfferKind::Extension,
                                 true,
                                 {device.base_start, device.base_end}});
    if (device.coverage_end > device.base_end)
        timeline.segments.push_back({"Coverage bought earlier",
                                     "",
                                     OfferKind::Extension,
                                     true,
                                     {device.base_end.plus_days(1), device.coverage_end}});
    bool four_hour = false;
    for (const Offer& offer : selected) {
        if (!offer.offering || !offer.coverage_from || !offer.coverage_until) continue;
        std::string label = offer.offering->name;
        if (offer.term_years > 0)
            label += " (" + std::to_string(offer.term_years) + (offer.term_years == 1 ? " year)" : " years)");
        timeline.segments.push_back(
            {label, offer.offering->id, offer.offering->kind, false, {*offer.coverage_from, *offer.coverage_until}});
        if (offer.offering->level && *offer.offering->level >= ServiceLevel::Onsite4h95) four_hour = true;
    }
    rules::extension_deadlines(device, timeline.deadlines);
    rules::protection_deadlines(catalog.policy, device, timeline.deadlines);
    rules::after_warranty_deadlines(catalog.policy, device, timeline.deadlines);
    rules::base_warranty_deadlines(device, timeline.deadlines);
    if (four_hour) rules::activation_deadline(catalog.policy, as_of, timeline.deadlines);
    std::stable_sort(timeline.deadlines.begin(), timeline.deadlines.end(),
                     [](const DeadlineMarker& a, const DeadlineMarker& b) { return a.day < b.day; });

    timeline.end = std::max(as_of, device.coverage_end);
    for (const CoverageSegment& s : timeline.segments) timeline.end = std::max(timeline.end, s.range.until);
    for (const DeadlineMarker& d : timeline.deadlines) timeline.end = std::max(timeline.end, d.day);
    timeline.start = std::min(timeline.start, as_of);
    return timeline;
}

}  // namespace apos
