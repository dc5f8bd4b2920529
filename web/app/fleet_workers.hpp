// Evaluators of fleet slices beside the app's own thread: the page's Web Workers, each with its own
// instance of the core and the same catalog (platform/fleet_workers_web.cpp). FleetJob hands
// them packed slices (apos/fleet_slices.hpp) and takes their answers back in row order; a host
// without workers gives FleetJob none, and the job evaluates in frames as before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"

namespace apos::ui {

// Fleets of fewer rows are evaluated in frames: workers take some 0.3 s to start and to warm up
// (bench/page_bench.mjs: 100,000 rows took 0.69 s in frames, 0.92 s with two workers).
inline constexpr std::size_t kFewestRowsForWorkers = 131072;

class FleetWorkers {
public:
    virtual ~FleetWorkers() = default;

    // The fewest rows a fleet must have to be given to the workers.
    virtual std::size_t FewestRows() const { return kFewestRowsForWorkers; }

    // Gets the workers going with these catalog files (once, or again for other files): how many
    // take slices now. 0 while they start; then FleetJob evaluates in frames meanwhile.
    virtual int Start(const std::vector<CatalogSource>& catalog) = 0;
    // They cannot work here (no Worker in this browser, a host page's policy refused them, or
    // one failed): FleetJob evaluates in frames, as without workers. Says why.
    virtual bool Failed(std::string& why) const = 0;
    // Gives worker `worker` (0 to Start()'s count - 1) a slice; its answer is asked for by `ticket`
    // (each slice has a ticket of its own, greater than those before it).
    virtual void Post(int worker, std::uint32_t ticket, std::string_view slice) = 0;
    // The answer to `ticket`, once it came, into `answer` (whose storage is reused, so that the
    // answers of a large fleet do not leave holes in the app's memory): a FleetSliceEvaluator's
    // answer, or, when `ok` is false, why the worker could not give one. False while it has not.
    virtual bool Answer(std::uint32_t ticket, std::string& answer, bool& ok) = 0;
    // The answers to tickets before `ticket` are not wanted (a dropped fleet): they are let go,
    // now and when they come.
    virtual void ForgetBefore(std::uint32_t ticket) = 0;
};

}  // namespace apos::ui
