// A fleet evaluated a slice at a time somewhere else (the page's Web Workers, each with its own
// instance of this build and the same catalog loaded): a slice's rows packed for the trip, the
// evaluator on the far side, and its answer, which FleetEvaluation::add_slice takes back in row
// order. The answer names offerings and machine types by their place in the catalog, so both
// sides must have loaded the same catalog files; the answer carries the catalog's counts and the
// slice's as-of date and first line, and a mismatch is refused rather than misread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/date.hpp"
#include "apos/fleet.hpp"

namespace apos {

// Rows [begin, end) of `rows`, to be evaluated on `as_of`: what the evaluation reads of each row
// (its line, device and customer), packed. Both sides are this build (same byte order and sizes).
std::string pack_fleet_slice(const FleetRows& rows, std::size_t begin, std::size_t end, Date as_of);
// The same into `out`, whose storage is reused (a page packs a thousand slices of a large fleet).
void pack_fleet_slice(const FleetRows& rows, std::size_t begin, std::size_t end, Date as_of, std::string& out);

// The far side: evaluates packed slices one after another, each row exactly as FleetEvaluator
// does (it is one), and packs the units and the rows whose device could not be resolved. The
// compiled plan is kept from slice to slice while the as-of date stays.
class FleetSliceEvaluator {
public:
    explicit FleetSliceEvaluator(const Catalog& catalog);
    ~FleetSliceEvaluator();
    FleetSliceEvaluator(const FleetSliceEvaluator&) = delete;
    FleetSliceEvaluator& operator=(const FleetSliceEvaluator&) = delete;

    // The packed answer; nothing, with `error` saying why, when `slice` is not one pack_fleet_slice wrote.
    std::optional<std::string> evaluate(std::string_view slice, std::string& error);

private:
    const Catalog& catalog_;
    std::unique_ptr<FleetEvaluator> evaluator_;  // for the as-of date of the last slice
    FleetRow row_;
    std::vector<FleetRowError> errors_;
};

}  // namespace apos
