// Renewal radar: a fleet's coverage expiries per month (the core's FleetSummary months) as bars,
// each stacked by purchase-window bucket, drawn with ImDrawList. Hover a bar for its counts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apos/fleet.hpp"
#include "app/fleet_job.hpp"
#include "imgui.h"

namespace apos::ui {

// One colour per bucket, shared by the radar, its legend and the units table.
ImU32 BucketColor(WindowBucket bucket);
// "Closing in 0-30 days", "Open later", ...
const char* BucketLabel(WindowBucket bucket);

// A label under the radar: the month it names (index into the months drawn), its text and the
// x of its left edge.
struct RadarLabel {
    std::size_t month = 0;
    std::string text;
    float x = 0.0f;
};
struct RadarAxisLabels {
    std::vector<RadarLabel> months;  // "Jan", "Apr"...: every month, or the quarters when crowded
    std::vector<RadarLabel> years;   // "2027" under each January, and under the first month
};
// The labels that fit under bars `slot` pixels apart, month i's starting at x0 + slot * i: the
// first month is labelled unless that would touch the next label (a January's year, a quarter),
// no label is drawn within `gap` pixels of the one before, and none past `right`. `width` measures
// a text in pixels.
RadarAxisLabels PlaceRadarLabels(const std::vector<std::string>& months, float x0, float slot, float right,
                                 const std::function<float(std::string_view)>& width, float gap);

// `months`: FleetSummary::expiries_by_month ("2026-12", units); `stacks`: the same months split
// by bucket (FleetJob::MonthBuckets). Draws across the available width, `height` pixels tall.
void RenewalRadar(const char* id, const std::vector<std::pair<std::string, std::int64_t>>& months,
                  const std::vector<BucketCounts>& stacks, float height);

}  // namespace apos::ui
