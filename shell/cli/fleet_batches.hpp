// The fleet over several threads: one thread reads rows in file order into batches while the
// others evaluate batches with an evaluator (and plan) of their own and write their units' text;
// the batches are handed on in file order and the threads' summaries merged at the end.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "apos/fleet.hpp"

namespace apos::cli {

struct FleetBatchRun {
    FleetSummary summary;               // of the whole file (rows_with_errors set)
    std::vector<FleetRowError> errors;  // in line order
    std::int64_t units = 0;
};

// Reads every row of `reader`, evaluates it on `threads` threads and passes each batch's text,
// in file order, to `write`. `format_unit` adds one unit's text (with its row's extra columns) to
// the end of the batch's text.
FleetBatchRun run_fleet_batches(
    const Catalog& catalog, Date as_of, FleetCsvReader& reader, unsigned threads,
    const std::function<void(std::string&, const UnitOpportunity&, const FleetRow&)>& format_unit,
    const std::function<void(std::string&)>& write);

}  // namespace apos::cli
