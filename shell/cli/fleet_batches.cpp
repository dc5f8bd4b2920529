// Batches of fleet rows evaluated on several threads, written in file order.
#include "fleet_batches.hpp"

#include <memory>
#include <stdexcept>
#include <thread>

namespace apos::cli {
namespace {

// Enough rows that starting a thread per batch costs nothing next to evaluating them.
constexpr std::size_t kRowsPerBatch = 8192;

struct Batch {
    std::vector<FleetRow> rows;
    std::size_t used = 0;               // rows filled this round (the vector keeps its storage)
    std::vector<FleetRowError> errors;  // the reader's and the evaluation's, for these rows
    std::string text;
    std::int64_t units = 0;
};

}  // namespace

FleetBatchRun run_fleet_batches(const Catalog& catalog, Date as_of, FleetCsvReader& reader, unsigned threads,
                                const std::function<std::string(const UnitOpportunity&, const FleetRow&)>& format_unit,
                                const std::function<void(std::string&)>& write) {
    if (threads == 0) threads = 1;
    std::vector<std::unique_ptr<FleetEvaluator>> evaluators;
    for (unsigned t = 0; t < threads; ++t) evaluators.push_back(std::make_unique<FleetEvaluator>(catalog, as_of));
    std::vector<Batch> batches(threads);
    for (Batch& b : batches) b.rows.resize(kRowsPerBatch);

    FleetBatchRun run;
    bool more = true;
    while (more) {
        // Read: the reader runs in file order (it finds repeated serials across the whole file).
        for (Batch& b : batches) {
            b.used = 0;
            b.errors.clear();
            b.text.clear();
            b.units = 0;
            while (more && b.used < kRowsPerBatch) {
                if (reader.next(b.rows[b.used], b.errors)) ++b.used;
                else more = false;
            }
        }
        // Evaluate: one batch per thread; this thread takes the first.
        auto evaluate = [&](std::size_t t) {
            Batch& b = batches[t];
            FleetEvaluator& evaluator = *evaluators[t];
            for (std::size_t i = 0; i < b.used; ++i) {
                const UnitOpportunity* unit = evaluator.evaluate(b.rows[i], b.errors);
                if (!unit) continue;
                b.text += format_unit(*unit, b.rows[i]);
                ++b.units;
            }
        };
        std::vector<std::thread> workers;
        for (std::size_t t = 1; t < batches.size(); ++t)
            if (batches[t].used > 0) workers.emplace_back(evaluate, t);
        evaluate(0);
        for (std::thread& w : workers) w.join();
        // Write, in file order.
        for (Batch& b : batches) {
            run.errors.insert(run.errors.end(), b.errors.begin(), b.errors.end());
            if (b.units == 0) continue;
            run.units += b.units;
            write(b.text);
        }
    }
    run.summary = std::move(evaluators[0]->summary());
    for (std::size_t t = 1; t < evaluators.size(); ++t)
        if (const std::optional<std::string> error = merge_summary(run.summary, evaluators[t]->summary()))
            throw std::logic_error("fleet threads gave summaries that do not merge: " + *error);
    run.summary.rows_with_errors = sort_and_count_error_rows(run.errors);
    return run;
}

}  // namespace apos::cli
