// Batches of fleet rows evaluated on several threads, written in file order.
#include "fleet_batches.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace apos::cli {
namespace {

// Enough rows that handing a batch from thread to thread costs nothing next to evaluating them.
constexpr std::size_t kRowsPerBatch = 4096;

struct Batch {
    std::size_t sequence = 0;  // its place in the file
    std::vector<FleetRow> rows;
    std::size_t used = 0;               // rows filled this round (the vector keeps its storage)
    std::vector<FleetRowError> errors;  // the reader's and the evaluation's, for these rows
    std::string text;
    std::int64_t units = 0;
    bool last = false;  // the reader found the end of the file after these rows
};

// Fills `b` with the next rows of the file (none when it is done).
void read_batch(FleetCsvReader& reader, Batch& b) {
    b.used = 0;
    b.errors.clear();
    b.text.clear();
    b.units = 0;
    b.last = false;
    while (b.used < kRowsPerBatch) {
        if (!reader.next(b.rows[b.used], b.errors)) {
            b.last = true;
            return;
        }
        ++b.used;
    }
}

void evaluate_batch(FleetEvaluator& evaluator, Batch& b,
                    const std::function<void(std::string&, const UnitOpportunity&, const FleetRow&)>& format_unit) {
    for (std::size_t i = 0; i < b.used; ++i) {
        const UnitOpportunity* unit = evaluator.evaluate(b.rows[i], b.errors);
        if (!unit) continue;
        format_unit(b.text, *unit, b.rows[i]);
        ++b.units;
    }
}

void hand_over(FleetBatchRun& run, Batch& b, const std::function<void(std::string&)>& write) {
    run.errors.insert(run.errors.end(), b.errors.begin(), b.errors.end());
    if (b.units == 0) return;
    run.units += b.units;
    write(b.text);
}

// Batches moving between the reader, the evaluators and the writer. The reader fills free batches
// in file order, any evaluator takes the next filled one, and the writer takes evaluated ones
// back in file order; a fixed number of batches keeps memory bounded.
class Pipeline {
public:
    explicit Pipeline(std::size_t batches) {
        for (std::size_t i = 0; i < batches; ++i) {
            owned_.push_back(std::make_unique<Batch>());
            owned_.back()->rows.resize(kRowsPerBatch);
            free_.push_back(owned_.back().get());
        }
    }

    Batch* take_free() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !free_.empty() || stopped_; });
        if (stopped_) return nullptr;
        Batch* b = free_.front();
        free_.pop_front();
        return b;
    }
    void put_filled(Batch* b) { put(filled_, b); }
    // The reader has read `batches` batches in all (or stopped).
    void reader_done(std::size_t batches) {
        const std::lock_guard lock(mutex_);
        reader_done_ = true;
        batches_read_ = batches;
        changed_.notify_all();
    }
    // The next filled batch, or null when the reader is done and none is left.
    Batch* take_filled() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !filled_.empty() || reader_done_ || stopped_; });
        if (filled_.empty() || stopped_) return nullptr;
        Batch* b = filled_.front();
        filled_.pop_front();
        return b;
    }
    void put_evaluated(Batch* b) {
        const std::lock_guard lock(mutex_);
        evaluated_.emplace(b->sequence, b);
        changed_.notify_all();
    }
    // The evaluated batch at `sequence`, or null once the reader is done and no batch will come.
    Batch* take_evaluated(std::size_t sequence) {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (auto it = evaluated_.find(sequence); it != evaluated_.end()) {
                Batch* b = it->second;
                evaluated_.erase(it);
                return b;
            }
            if (stopped_ || (reader_done_ && sequence >= batches_read_)) return nullptr;
            changed_.wait(lock);
        }
    }
    void put_free(Batch* b) { put(free_, b); }
    void stop() {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        changed_.notify_all();
    }

private:
    void put(std::deque<Batch*>& queue, Batch* b) {
        const std::lock_guard lock(mutex_);
        queue.push_back(b);
        changed_.notify_all();
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::unique_ptr<Batch>> owned_;
    std::deque<Batch*> free_;
    std::deque<Batch*> filled_;
    std::map<std::size_t, Batch*> evaluated_;
    bool reader_done_ = false;
    std::size_t batches_read_ = 0;
    bool stopped_ = false;
};

}  // namespace

FleetBatchRun run_fleet_batches(
    const Catalog& catalog, Date as_of, FleetCsvReader& reader, unsigned threads,
    const std::function<void(std::string&, const UnitOpportunity&, const FleetRow&)>& format_unit,
    const std::function<void(std::string&)>& write) {
    if (threads == 0) threads = 1;
    std::vector<std::unique_ptr<FleetEvaluator>> evaluators;
    for (unsigned t = 0; t < threads; ++t) evaluators.push_back(std::make_unique<FleetEvaluator>(catalog, as_of));
    FleetBatchRun run;

    if (threads == 1) {
        // One thread reads, evaluates and writes in turn.
        Batch b;
        b.rows.resize(kRowsPerBatch);
        do {
            read_batch(reader, b);
            evaluate_batch(*evaluators[0], b, format_unit);
            hand_over(run, b, write);
        } while (!b.last);
    } else {
        // A reader thread, `threads` evaluators, and this thread writing in file order.
        Pipeline pipeline(3 * static_cast<std::size_t>(threads));
        std::exception_ptr failure;
        std::mutex failure_mutex;
        auto guarded = [&](auto work) {
            try {
                work();
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                pipeline.stop();
            }
        };
        std::thread reading([&] {
            std::size_t batches_read = 0;
            guarded([&] {
                for (std::size_t sequence = 0;; ++sequence) {
                    Batch* b = pipeline.take_free();
                    if (!b) return;
                    b->sequence = sequence;
                    read_batch(reader, *b);
                    const bool last = b->last;
                    batches_read = sequence + 1;
                    pipeline.put_filled(b);
                    if (last) break;
                }
            });
            pipeline.reader_done(batches_read);
        });
        std::vector<std::thread> evaluating;
        for (unsigned t = 0; t < threads; ++t)
            evaluating.emplace_back([&, t] {
                guarded([&] {
                    while (Batch* b = pipeline.take_filled()) {
                        evaluate_batch(*evaluators[t], *b, format_unit);
                        pipeline.put_evaluated(b);
                    }
                });
            });
        guarded([&] {
            for (std::size_t sequence = 0;; ++sequence) {
                Batch* b = pipeline.take_evaluated(sequence);
                if (!b) break;
                hand_over(run, *b, write);
                pipeline.put_free(b);
            }
        });
        reading.join();
        for (std::thread& t : evaluating) t.join();
        if (failure) std::rethrow_exception(failure);
    }

    run.summary = std::move(evaluators[0]->summary());
    for (std::size_t t = 1; t < evaluators.size(); ++t)
        if (const std::optional<std::string> error = merge_summary(run.summary, evaluators[t]->summary()))
            throw std::logic_error("fleet threads gave summaries that do not merge: " + *error);
    run.summary.rows_with_errors = sort_and_count_error_rows(run.errors);
    return run;
}

}  // namespace apos::cli
