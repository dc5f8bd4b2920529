// Urgency the partner chooses: the day limits at which a customer segment is called (some
// partners call at 180 days, some at 30), a unit's urgency under them, and the optional segment
// column of a fleet file. The segment is the partner's own grouping, free text; it is not the
// rules' customer segment (device.segment) and changes no eligibility or price.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "apos/fleet.hpp"

namespace apos {

// Days before a purchase window closes at which a unit turns "act now", "soon" and "plan".
// The defaults are the fleet's own buckets (0-30, 31-60, 61-90 days).
struct UrgencyHorizons {
    int urgent_days = 30;
    int soon_days = 60;
    int plan_days = 90;
    bool operator==(const UrgencyHorizons&) const = default;
};
inline constexpr int kMaxUrgencyDays = 3650;  // ten years, as the proposals' horizon

// Limits that ascend strictly from 1 to kMaxUrgencyDays; otherwise why not, in a few words.
std::optional<std::string> urgency_horizons_problem(const UrgencyHorizons& horizons);

// The unit's bucket under these limits: the next window closing within urgent_days is
// Closing0To30 (the most urgent), within soon_days Closing31To60, within plan_days
// Closing61To90, later OpenLater; no window: Lapsed or Nothing as the fleet said. With the
// default limits this is the unit's own bucket.
WindowBucket urgency_bucket(const UnitOpportunity& unit, const UrgencyHorizons& horizons);

// The extra column of a fleet file that names each customer's segment: "segment", "customer
// segment", "tier", "account tier", "customer group" and the like; the first such column.
std::optional<std::size_t> segment_column(const std::vector<std::string>& extra_columns);

// A row's segment from that column (trimmed), or "" when the file has none or the cell is empty.
std::string row_segment(const FleetRow& row, std::optional<std::size_t> column);

}  // namespace apos
