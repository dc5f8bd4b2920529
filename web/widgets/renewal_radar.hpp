// Renewal radar: a fleet's coverage expiries per month (the core's FleetSummary months) as bars,
// each stacked by purchase-window bucket, drawn with ImDrawList. Hover a bar for its counts.
#pragma once

#include <cstdint>
#include <string>
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

// `months`: FleetSummary::expiries_by_month ("2026-12", units); `stacks`: the same months split
// by bucket (FleetJob::MonthBuckets). Draws across the available width, `height` pixels tall.
void RenewalRadar(const char* id, const std::vector<std::pair<std::string, std::int64_t>>& months,
                  const std::vector<BucketCounts>& stacks, float height);

}  // namespace apos::ui
