// JSON in and out for the presenters (CLI, JS API, UI export): the contract's shapes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/evaluation.hpp"
#include "apos/fleet.hpp"
#include "apos/offers.hpp"
#include "apos/proposals.hpp"
#include "apos/quote.hpp"
#include "apos/recommendations.hpp"
#include "apos/timeline.hpp"

namespace apos {

// An input error: where (a field name or JSON pointer) and what was expected.
struct InputError {
    std::string where;
    std::string message;
    std::string to_string() const { return where + ": " + message; }
};

nlohmann::json money_to_json(const Money&);
nlohmann::json machine_type_to_json(const MachineType&);
nlohmann::json catalog_list_to_json(const Catalog&);
nlohmann::json device_facts_to_json(const DeviceFacts&);
nlohmann::json offer_to_json(const Offer&, Date as_of);
nlohmann::json eligibility_to_json(const Catalog&, const DeviceFacts&, Date as_of, const std::vector<Offer>&);
// One device of an evaluation as `apos eligibility` and the JS API's eligibility() show it: the
// device, every offer (beside the services sold on its item), what sold, good/better/best for the
// device's segment, and the timeline of its coverage, sold services and deadlines.
nlohmann::json eligibility_report_json(const Catalog&, const Evaluation&, std::size_t device);
// The whole evaluation: every device's report and the quote.
nlohmann::json evaluation_to_json(const Catalog&, const Evaluation&);
// The one change that would let a refused offer sell ({action, label, ...}), or null.
nlohmann::json fix_to_json(const std::optional<Fix>&);
nlohmann::json quote_to_json(const Quote&);
nlohmann::json timeline_to_json(const Timeline&);
nlohmann::json recommendations_to_json(const std::vector<RecommendedBundle>&, Date as_of);

// Fleet results: units + summary as JSON, or a spreadsheet-safe CSV of the opportunities.
nlohmann::json fleet_unit_to_json(const UnitOpportunity&, const std::vector<std::string>& extra_values);
nlohmann::json fleet_summary_to_json(const FleetSummary&);
nlohmann::json fleet_to_json(const Catalog&, const FleetParse&, const FleetResult&);
std::string fleet_to_csv(const Catalog&, const FleetParse&, const FleetResult&);
// The same outputs in pieces, for writing a unit at a time (`apos fleet` streams a million).
nlohmann::json fleet_header_to_json(const Catalog&, Date as_of, const std::vector<std::string>& extra_columns);
nlohmann::json fleet_errors_to_json(const std::vector<FleetRowError>&);
// The columns, encoding, delimiter and date forms a fleet file was read with.
nlohmann::json fleet_format_to_json(const FleetFormat&);
// The errors with the same kind of problem in a column as one entry with a count.
nlohmann::json fleet_error_groups_to_json(const std::vector<FleetRowError>&);
std::string fleet_csv_header(const std::vector<std::string>& extra_columns);
// A unit's row: its opportunity, then its input as read (the file reads back as the same units),
// with the follow_up cell the row came with, or the one given (a mark, marks.hpp).
std::string fleet_unit_csv_row(const Catalog&, const UnitOpportunity&, const FleetRow& row);
std::string fleet_unit_csv_row(const Catalog&, const UnitOpportunity&, const FleetRow& row, std::string_view follow_up);
// The same row added to the end of `out` (a writer of a million rows keeps one buffer).
void append_fleet_unit_csv_row(std::string& out, const Catalog&, const UnitOpportunity&, const FleetRow& row,
                               std::string_view follow_up);

// Renewal proposals without their texts (what `apos proposals` prints), and a co-terming
// suggestion with its spread before and after in words.
nlohmann::json proposals_to_json(const ProposalSet&);
nlohmann::json coterm_to_json(const CotermSuggestion&);
std::string coterm_text(const CotermSuggestion&);

// A fleet summary read back from fleet_summary_to_json's shape (`apos fleet --format summary`),
// or from a whole `apos fleet` JSON answer (its "summary"), so that summaries of the parts of a
// fleet can be merged (merge_summary). Counts that do not add up are refused.
struct FleetSummaryParse {
    std::optional<FleetSummary> summary;
    std::vector<InputError> errors;
};
FleetSummaryParse parse_fleet_summary(std::string_view text);

// One CSV cell, quoted when needed; a leading = + - @ (or tab, CR) is neutralised with a
// leading apostrophe so that spreadsheets never run it as a formula.
std::string csv_cell(std::string_view value);
void append_csv_cell(std::string& out, std::string_view value);

// Text of a JSON value; invalid UTF-8 that came in through CSV or a catalog is replaced
// (U+FFFD) instead of failing, so output never aborts.
std::string json_text(const nlohmann::json& value, int indent = -1);

// Cheap checks before parsing untrusted JSON text: its size and how deep it nests
// (deep values make nlohmann's dump and copies recurse). Empty when the text may be parsed.
inline constexpr std::size_t kMaxRequestBytes = 16u * 1024 * 1024;
std::optional<InputError> check_json_text(std::string_view text, std::size_t max_bytes);

// Parses a quote request (the CLI's --request and the JS API). `default_as_of` is used when
// the request has no "as_of".
struct QuoteRequestParse {
    std::optional<QuoteRequest> request;
    std::vector<InputError> errors;
};
QuoteRequestParse parse_quote_request(std::string_view text, std::optional<Date> default_as_of);
// The same from a parsed JSON value (the page's configure() builds its request as a value).
QuoteRequestParse parse_quote_request_value(const nlohmann::json& root, std::optional<Date> default_as_of);

// A quote request in the shape parse_quote_request reads (every field written, the device's
// segment included), so that parse_quote_request(quote_request_to_json(r).dump()) gives r back.
nlohmann::json quote_request_to_json(const QuoteRequest& request);

// Reads a device object (the request's item.device) at JSON pointer `where`.
std::optional<DeviceInput> device_input_from_json(const nlohmann::json& object, const std::string& where,
                                                  std::vector<InputError>& errors);

}  // namespace apos
