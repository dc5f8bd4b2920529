// Urgency per customer segment: limits checked, a unit's bucket under a segment's limits, and the
// fleet file's optional segment column found by its usual names.
#include "apos/urgency.hpp"

#include <set>

namespace apos {

std::optional<std::string> urgency_horizons_problem(const UrgencyHorizons& h) {
    if (h.urgent_days < 1) return "the first limit must be at least 1 day";
    if (h.plan_days > kMaxUrgencyDays) return "limits go up to " + std::to_string(kMaxUrgencyDays) + " days";
    if (!(h.urgent_days < h.soon_days && h.soon_days < h.plan_days)) return "each limit must be above the one before";
    return std::nullopt;
}

WindowBucket urgency_bucket(const UnitOpportunity& unit, const UrgencyHorizons& h) {
    if (unit.windows().empty()) return unit.lapsed ? WindowBucket::Lapsed : WindowBucket::Nothing;
    const int days = unit.windows().front().days_left;
    if (days <= h.urgent_days) return WindowBucket::Closing0To30;
    if (days <= h.soon_days) return WindowBucket::Closing31To60;
    if (days <= h.plan_days) return WindowBucket::Closing61To90;
    return WindowBucket::OpenLater;
}

std::optional<std::size_t> segment_column(const std::vector<std::string>& extra_columns) {
    static const std::set<std::string> kNames = {"segment",      "customersegment", "accountsegment", "marketsegment",
                                                 "tier",         "customertier",    "accounttier",    "customergroup",
                                                 "accountgroup", "callsegment"};
    for (std::size_t i = 0; i < extra_columns.size(); ++i)
        if (kNames.count(normalize_header(extra_columns[i]))) return i;
    return std::nullopt;
}

std::string row_segment(const FleetRow& row, std::optional<std::size_t> column) {
    if (!column || *column >= row.extra.size()) return {};
    const std::string& value = row.extra[*column];
    const std::size_t first = value.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

}  // namespace apos
