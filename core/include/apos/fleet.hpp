// Fleet renewals: an installed base in (CSV), per unit what can still be sold and which
// purchase windows close soon, and a summary by window bucket, customer, machine type and month.
// Every unit goes through the same resolve_device + evaluate_offers path as a single device.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"

namespace apos {

// ---- Parsing ------------------------------------------------------------------------------
struct FleetRow {
    int line = 0;             // 1-based line of the row in the file (its first line when quoted fields span lines)
    DeviceInput device;
    std::string customer;
    std::vector<std::string> extra;  // values of the columns the configurator does not use, in header order
};

struct FleetRowError {
    int line = 0;
    std::string column;   // empty when the row as a whole is wrong
    std::string message;
};

struct FleetLimits {
    std::size_t max_bytes = 256u * 1024 * 1024;
    std::size_t max_rows = 2'000'000;
};

struct FleetParse {
    std::vector<std::string> extra_columns;  // header names of the kept extra columns
    std::vector<FleetRow> rows;
    std::vector<FleetRowError> errors;       // bad rows are listed here; the good rows still load
    bool fatal = false;                      // no usable header, or a limit exceeded
};

// Header row, any column order, quoted fields ("" escapes, separators and line breaks inside
// quotes), a UTF-8 BOM and CRLF line ends are all accepted.
FleetParse parse_fleet_csv(std::string_view text, const FleetLimits& limits = {});

// ---- Evaluation ---------------------------------------------------------------------------
enum class WindowBucket { Closing0To30, Closing31To60, Closing61To90, OpenLater, Lapsed, Nothing };
std::string_view to_string(WindowBucket);
inline constexpr int kWindowBucketCount = 6;

struct ClosingWindow {
    OfferKind kind{};
    std::string offering;   // the offer whose window it is
    Date closes;
    int days_left = 0;
};

struct UnitOpportunity {
    int line = 0;
    std::string serial;
    std::string mtm;
    std::string machine_type;
    std::string customer;
    Date coverage_end;
    bool covered = false;              // coverage in force on the as-of date
    bool lapsed = false;               // past the post-warranty window: reinstatement only
    std::vector<Offer> best_offers;    // per kind, the eligible offer with the most coverage (no reasons: see evaluate_offer's explain)
    std::vector<ClosingWindow> windows;  // per kind, when its purchase window closes
    std::optional<Money> reinstatement_price;
    WindowBucket bucket = WindowBucket::Nothing;
    Money value;                       // best renewal offers x quantity, list price
    int quantity = 1;
};

struct BucketTotals {
    std::int64_t units = 0;
    Money value;
};

struct FleetSummary {
    std::int64_t units = 0;
    std::int64_t rows_with_errors = 0;
    std::array<BucketTotals, kWindowBucketCount> by_bucket;
    std::map<std::string, BucketTotals> by_customer;
    std::map<std::string, BucketTotals> by_machine_type;
    std::vector<std::pair<std::string, std::int64_t>> expiries_by_month;  // "2026-12" -> units whose coverage ends then
    std::vector<std::array<std::int64_t, kWindowBucketCount>> expiries_by_month_bucket;  // same months, split by bucket
    Money value;
};

struct FleetResult {
    Date as_of;
    std::vector<UnitOpportunity> units;
    std::vector<FleetRowError> errors;  // parse errors and rows whose device cannot be resolved
    FleetSummary summary;
};

// Evaluates a fleet a slice at a time, so a page can spread the work over frames and show
// progress. evaluate_fleet runs it to the end in one go.
class FleetEvaluation {
public:
    FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, Date as_of);
    // Evaluates up to `max_units` more rows; returns true once every row is done.
    bool step(std::size_t max_units);
    std::size_t done() const { return next_row_; }
    std::size_t total() const { return parsed_.rows.size(); }
    // The finished result (call once step() has returned true).
    FleetResult take();

private:
    const Catalog& catalog_;
    const FleetParse& parsed_;
    FleetResult result_;
    std::size_t next_row_ = 0;
    std::unordered_map<std::string, std::size_t> seen_;  // distinct device -> its first unit
};

// `progress(done, total)` is called every few thousand units (may be empty).
FleetResult evaluate_fleet(const Catalog& catalog, const FleetParse& parsed, Date as_of,
                           const std::function<void(std::size_t, std::size_t)>& progress = {});

// One unit, exactly as evaluate_fleet sees it (shared by the fleet and its tests).
UnitOpportunity evaluate_unit(const Catalog& catalog, const DeviceFacts& device, Date as_of);

// What to quote for a unit: its renewal path (an extension, else post-warranty, else
// reinstatement) and then each other best offer that still sells beside what is already chosen
// (evaluated together, as a quote item would be).
std::vector<ServiceRequest> proposed_services(const Catalog& catalog, const DeviceInput& device, const UnitOpportunity& unit, Date as_of);

// Adds one unit to a summary (evaluate_fleet uses it; tests re-sum units with it). An empty
// summary is set up for the 24 months from the as-of month on the first call.
void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of);

}  // namespace apos
