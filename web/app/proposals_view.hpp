// What the proposals panel and the fleet table's customer, model and segment views remember
// between frames (App owns them). Platform- and ImGui-free; proposals_panel.cpp fills them.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "apos/date.hpp"
#include "apos/proposals.hpp"
#include "app/fleet_job.hpp"

namespace apos::ui {

// Per loaded fleet: each unit's segment (from the file's segment column) and the customers and
// machine types the table's filters offer. Rebuilt when the fleet job's generation changes.
struct FleetSegments {
    unsigned generation = ~0u;
    std::vector<std::string> names;      // [0] is "" (no segment); then in order of first use
    std::vector<std::uint16_t> of_unit;  // per FleetResult unit: an index into `names`
    std::vector<std::string> customers;  // distinct, sorted
    std::vector<std::string> models;     // distinct machine types (4 characters), sorted
    bool has_column = false;             // the file has a segment column
    // The radar's month stacks by each unit's segment limits, and the settings they were made for.
    std::string stacks_key;
    std::vector<BucketCounts> stacks;
    std::array<BucketTotals, kWindowBucketCount> totals{};  // the open work per bucket, the same way
};

// The fleet table's extra filters ("" = all), and the segments the partner gave customers in the
// page (for files without a segment column, or to overrule it). Those stay for this visit only:
// customer data is never written to the browser's storage by the settings.
struct FleetChoices {
    std::string customer;
    std::string model;
    std::map<std::string, std::string> segment_of_customer;  // customer -> segment name
};

struct ProposalsView {
    int horizon_days = 90;             // 0: `horizon_date` is the last day
    std::optional<Date> horizon_date;  // the date the partner picked
    bool chosen_only = false;          // false: every customer of the fleet
    std::set<std::string> chosen;      // the customers ticked in the list
    std::string customer_filter;       // narrows the list of customers shown
    bool include_coterm = true;        // put the co-terming suggestion in the customer's page
    // The proposals built for these inputs (rebuilt when any of them changes).
    std::string key;
    std::optional<ProposalSet> set;
    std::vector<ProposalSource> sources;
    std::vector<CotermSuggestion> coterms;  // per proposal of `set`, as the page shows them
};

}  // namespace apos::ui
