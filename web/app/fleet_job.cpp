// FleetJob: read, then evaluate, a time-boxed slice per frame. All answers come from the core
// (FleetReading, parse_fleet_sheet, FleetEvaluation); this file only schedules the work and keeps
// the result.
#include "app/fleet_job.hpp"

#include <algorithm>
#include <chrono>

#include "apos/fleet_slices.hpp"
#include "app/workbook_reader.hpp"
#include "sheet_rows.hpp"  // looks_like_zip, parse_fleet_sheet

namespace apos::ui {

namespace {

// A workbook (or a sheet asked for): parse_fleet_file's workbook half, with the workbook read by
// this build's reader. The sheet arrives whole from the reader, so it is read in one go.
bool IsWorkbook(std::string_view bytes, std::string_view sheet) { return looks_like_zip(bytes) || !sheet.empty(); }

FleetParse ReadWorkbook(std::string_view bytes, const FleetOptions& options, std::string_view sheet) {
    std::string error;
    auto records = OpenWorkbookSheet(bytes, sheet, {}, error);
    return parse_fleet_sheet(std::move(records), error, {}, options);
}

// Calls `step(rows)` until it says it is done or `budget_ms` has passed. `slice` (rows per call)
// follows the rate measured on the last call that moved `progress()` (rows read or evaluated),
// aiming at a quarter of the budget, and a call is only started when the time left holds one at
// that rate: so a frame rarely overshoots its budget. A call that moved nothing (the sample read
// before the rows, room made for them) says nothing of the rate, and the slice grows at most
// twofold a call; after such a call, a frame past half its budget ends, since the next may be as
// slow and its time cannot be foreseen (the first slice of the sample took 18 ms in the page, for
// 256 rows: code the browser had not compiled yet). Returns true once done.
template <typename Step, typename Progress>
bool RunForBudget(Step&& step, Progress&& progress, std::size_t& slice, double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    const auto elapsed_ms = [&start] {
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    double ms_per_row = 0.0;  // not measured yet in this frame
    while (true) {
        const double before = elapsed_ms();
        if (ms_per_row > 0.0 && before + ms_per_row * static_cast<double>(slice) > budget_ms) return false;
        const std::size_t done_before = progress();
        if (step(slice)) return true;
        const std::size_t moved = progress() - done_before;
        if (moved > 0) {
            ms_per_row = std::max(elapsed_ms() - before, 1e-4) / static_cast<double>(moved);
            // Clamped as a double: a fast step would give more rows than a 32-bit size holds.
            const double most = std::min(65536.0, 2.0 * static_cast<double>(slice));
            slice = static_cast<std::size_t>(std::clamp(budget_ms / 4.0 / ms_per_row, 16.0, std::max(16.0, most)));
        } else if (elapsed_ms() >= budget_ms / 2.0) {
            return false;
        }
        if (elapsed_ms() >= budget_ms) return false;
    }
}

// Rows per slice a worker evaluates: some 20 ms of its work, and an answer the app takes back in
// a few milliseconds (a frame holds reading and slices both).
constexpr std::size_t kWorkerSliceRows = 4096;
// Slices given to each worker ahead of its answers, so that it never waits for the app.
constexpr std::size_t kSlicesAheadPerWorker = 3;
// While a file is read, the most of a frame's budget that goes to the workers' slices, and the
// share of the budget that reading and slices together use while workers run.
constexpr double kExchangeMs = 10.0;
constexpr double kReadingShareWithWorkers = 0.8;
// About what a unit's offers, windows and texts take in the page's memory (its own block; 184 MB
// with the records for a million units, bench/page_bench.mjs). While the file is read its text is
// in memory too, so the workers evaluate during the reading only so many units that the memory
// then reached stays under what the whole fleet reaches once read (RowsToEvaluateWhileReading).
constexpr std::size_t kUnitBlockBytes = 145;

}  // namespace

std::string_view to_string(FleetStage stage) {
    switch (stage) {
        case FleetStage::Empty: return "empty";
        case FleetStage::Reading: return "reading";
        case FleetStage::Mapping: return "mapping";
        case FleetStage::Evaluating: return "evaluating";
        case FleetStage::Done: return "done";
        case FleetStage::Cancelled: return "cancelled";
        case FleetStage::Failed: return "failed";
    }
    return "?";
}

FleetJob::FleetJob() = default;
FleetJob::~FleetJob() = default;

void FleetJob::Load(std::string name, std::string text, std::string sheet) {
    reading_.reset();  // before reader_ and text_: it reads through them
    reader_.reset();
    evaluation_.reset();  // before parsed_: it refers to it
    parsed_.reset();
    result_.reset();
    month_buckets_.clear();
    name_ = std::move(name);
    text_ = std::move(text);
    counted_bytes_ = 0;
    line_feeds_ = 0;
    sheet_ = std::move(sheet);
    sheets_.clear();
    std::string error;  // a workbook that cannot be opened says so when it is parsed
    if (looks_like_zip(text_)) sheets_ = WorkbookSheetNames(text_, error).value_or(std::vector<std::string>{});
    options_ = FleetOptions{};
    stage_ = FleetStage::Reading;
    ++generation_;
}

void FleetJob::ChooseSheet(std::string sheet) {
    if (text_.empty() || sheet == sheet_) return;
    reading_.reset();
    reader_.reset();
    evaluation_.reset();  // before parsed_: it refers to it
    parsed_.reset();
    result_.reset();
    month_buckets_.clear();
    sheet_ = std::move(sheet);
    options_ = FleetOptions{};
    stage_ = FleetStage::Reading;
    ++generation_;
}

void FleetJob::LoadWithOptions(FleetOptions options) {
    if (stage_ != FleetStage::Mapping) return;  // only the waiting file still has its text
    parsed_.reset();
    options_ = std::move(options);
    stage_ = FleetStage::Reading;
    ++generation_;
}

void FleetJob::Cancel() {
    if (stage_ != FleetStage::Evaluating && stage_ != FleetStage::Reading && stage_ != FleetStage::Mapping) return;
    if (stage_ == FleetStage::Reading || stage_ == FleetStage::Mapping) {
        // A half-read file is not a fleet: it is dropped, bytes and all, with the evaluation of
        // its first slices.
        DropSlices();
        evaluation_.reset();
        reading_.reset();
        reader_.reset();
        parsed_.reset();
        text_.clear();
        text_.shrink_to_fit();
        sheets_.clear();  // no other sheet can be read without the bytes
    } else if (evaluation_) {
        // The units evaluated so far stay, with their summary: a cancel loses nothing done. Slices
        // still with the workers are dropped; the rows after the last one taken back are not done.
        DropSlices();
        cancelled_done_ = evaluation_->done();
        result_ = evaluation_->take();
        month_buckets_ = result_->summary.expiries_by_month_bucket;
        ++generation_;
    }
    evaluation_.reset();
    stage_ = FleetStage::Cancelled;
}

void FleetJob::Restart() {
    if (!parsed_ || parsed_->fatal) return;
    evaluation_.reset();
    result_.reset();
    resume_ = false;
    month_buckets_.clear();
    catalog_ = nullptr;  // the next Advance() starts a fresh evaluation
    stage_ = FleetStage::Evaluating;
    ++generation_;
}

void FleetJob::CatalogReplaced() {
    if (stage_ == FleetStage::Reading) {
        DropSlices();
        evaluation_.reset();  // it points into the catalog's old offerings
        catalog_ = nullptr;
        return;
    }
    if (result_ || stage_ == FleetStage::Evaluating) Restart();
}

void FleetJob::Resume() {
    if (stage_ != FleetStage::Cancelled || !result_ || !parsed_) {
        Restart();
        return;
    }
    // The next Advance() goes on from the units kept, if its catalog and as-of date are those they
    // were evaluated with (else it starts afresh). A new catalog restarts the job before that.
    resume_ = true;
    evaluation_.reset();
    month_buckets_.clear();
    stage_ = FleetStage::Evaluating;
    ++generation_;
}

std::size_t FleetJob::Done() const {
    if (stage_ == FleetStage::Done) return Total();
    if (stage_ == FleetStage::Cancelled) return result_ ? cancelled_done_ : 0;
    return evaluation_ ? evaluation_->done() : 0;
}

std::size_t FleetJob::RowsRead() const {
    if (reading_) return reading_->rows_read();
    return parsed_ ? parsed_->rows.size() : 0;
}

std::size_t FleetJob::Total() const { return parsed_ ? parsed_->rows.size() : 0; }

const std::vector<FleetRowError>& FleetJob::Errors() const {
    static const std::vector<FleetRowError> none;
    if (result_) return result_->errors;
    return parsed_ ? parsed_->errors : none;
}

std::int64_t FleetJob::BadRowCount() const {
    if (result_) return result_->summary.rows_with_errors;
    return count_error_rows(Errors());  // the parser's, in line order
}

void FleetJob::Advance(const Catalog* catalog, Date as_of, double budget_ms) {
    if (stage_ == FleetStage::Reading) {
        Read(catalog, as_of, budget_ms);
        return;
    }
    // A result (finished, or the units done before a cancel) is for one as-of date and one
    // catalog: start over when either moved.
    if (result_ && catalog && (catalog != catalog_ || as_of != as_of_)) Restart();
    if (stage_ != FleetStage::Evaluating || !catalog || !parsed_) return;

    if (!evaluation_ || catalog != catalog_ || as_of != as_of_) {
        if (resume_ && result_ && catalog == catalog_ && as_of == as_of_)
            evaluation_ = std::make_unique<FleetEvaluation>(*catalog, *parsed_, std::move(*result_), cancelled_done_);
        else evaluation_ = std::make_unique<FleetEvaluation>(*catalog, *parsed_, as_of);
        result_.reset();
        resume_ = false;
        catalog_ = catalog;
        as_of_ = as_of;
        DropSlices();
        workers_used_ = 0;
    }
    if (EvaluateWithWorkers(budget_ms)) return;
    if (RunForBudget([this](std::size_t rows) { return evaluation_->step(rows); },
                     [this] { return evaluation_->done(); }, slice_, budget_ms))
        Finish();
}

void FleetJob::UseWorkers(FleetWorkers* workers, const std::vector<CatalogSource>* catalog) {
    DropSlices();
    workers_ = workers;
    catalog_sources_ = catalog;
}

void FleetJob::DropSlices() {
    if (workers_ && !slices_out_.empty()) workers_->ForgetBefore(next_ticket_);
    slices_out_.clear();
    waiting_for_answer_ = false;
    next_slice_row_ = evaluation_ ? evaluation_->done() : 0;
}

bool FleetJob::WaitsForWorkers() const {
    return stage_ == FleetStage::Evaluating && evaluation_ && !slices_out_.empty() && waiting_for_answer_;
}

bool FleetJob::EvaluateWithWorkers(double budget_ms) {
    if (!workers_ || !catalog_sources_ || !workers_failure_.empty()) return false;
    const bool waiting = !slices_out_.empty();
    if (!waiting && (evaluation_->total() < workers_->FewestRows() ||
                     evaluation_->total() - evaluation_->done() < 2 * kWorkerSliceRows))
        return false;
    return ExchangeSlices(budget_ms, /*all_rows_read=*/true);
}

bool FleetJob::StartEvaluatingWhileReading(const Catalog* catalog, Date as_of) {
    if (!reading_ || !catalog || !workers_ || !catalog_sources_ || !workers_failure_.empty()) return false;
    if (evaluation_ && (catalog != catalog_ || as_of != as_of_)) {
        DropSlices();
        evaluation_.reset();
    }
    // Once a slice's rows are read and the workers are ready (they were started once the file's
    // lines were counted): the evaluation follows the rows as they are read.
    if (evaluation_ || rows_expected_ < workers_->FewestRows() || reading_->rows_read() < kWorkerSliceRows ||
        RowsToEvaluateWhileReading() < kWorkerSliceRows || workers_->Start(*catalog_sources_) <= 0)
        return false;
    // Room for every unit is made once the file is read, in the memory its text leaves.
    evaluation_ = std::make_unique<FleetEvaluation>(*catalog, reading_->parse(), as_of);
    catalog_ = catalog;
    as_of_ = as_of;
    DropSlices();
    workers_used_ = 0;
    return true;
}

void FleetJob::EvaluateWhileReading(double budget_ms) {
    if (evaluation_ && workers_failure_.empty()) ExchangeSlices(budget_ms, /*all_rows_read=*/false);
}

std::size_t FleetJob::RowsToEvaluateWhileReading() const {
    // Once read, the fleet takes rows + N units (blocks and records, room for all made at once).
    // While read, it takes text + rows + k units (their records in a list that may have twice the
    // room it uses): k (b + 2r) <= N (b + r) - text, with half kept in hand (the memory reached varies
    // with how the allocations of the reading and the answers fall: 277-290 MiB at three quarters).
    const std::size_t record = sizeof(UnitOpportunity);
    const std::size_t whole = rows_expected_ * (kUnitBlockBytes + record);
    if (whole <= text_.size()) return 0;
    return (whole - text_.size()) / (kUnitBlockBytes + 2 * record) / 2;
}

bool FleetJob::ExchangeSlices(double budget_ms, bool all_rows_read) {
    const bool waiting = !slices_out_.empty();
    const auto give_up = [this](std::string why) {
        workers_failure_ = std::move(why);
        DropSlices();  // the rows after those taken back are evaluated in frames
        return false;
    };
    if (std::string why; workers_->Failed(why)) return give_up(why.empty() ? "the workers failed" : why);
    const int count = workers_->Start(*catalog_sources_);
    if (count <= 0) return waiting;  // still starting: frames evaluate meanwhile (nothing is out)
    workers_used_ = count;

    // Answers back in row order, for up to two thirds of the budget: the rest is for packing the
    // next slices (a slice's answer takes some 5 ms, packing one some 3 ms in the page).
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    waiting_for_answer_ = false;
    while (!slices_out_.empty()) {
        bool ok = false;
        if (!workers_->Answer(slices_out_.front().ticket, answer_buffer_, ok)) {
            waiting_for_answer_ = true;
            break;
        }
        if (!ok)
            return give_up("a worker could not evaluate rows from " + std::to_string(slices_out_.front().begin + 1) +
                           ": " + answer_buffer_);
        if (const std::optional<std::string> refused = evaluation_->add_slice(answer_buffer_))
            return give_up("a worker's answer was refused: " + *refused);
        slices_out_.pop_front();
        if (std::chrono::duration<double, std::milli>(Clock::now() - start).count() >= budget_ms * 2.0 / 3.0) break;
    }
    if (all_rows_read && evaluation_->done() == evaluation_->total()) {
        Finish();
        return true;
    }

    // Slices out, each worker kept kSlicesAheadPerWorker ahead; while the file is read, only
    // whole slices of the rows read so far.
    next_slice_row_ = std::max(next_slice_row_, evaluation_->done());
    const std::size_t rows =
        all_rows_read ? evaluation_->total() : std::min(evaluation_->total(), RowsToEvaluateWhileReading());
    const auto more = [&] {
        return all_rows_read ? next_slice_row_ < rows : next_slice_row_ + kWorkerSliceRows <= rows;
    };
    const auto in_time = [&] {
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count() < budget_ms;
    };
    for (int w = 0; w < count && more(); ++w) {
        std::size_t given = static_cast<std::size_t>(
            std::count_if(slices_out_.begin(), slices_out_.end(), [w](const SliceOut& s) { return s.worker == w; }));
        // Past the budget, only a worker with nothing to do gets a slice.
        for (; given < kSlicesAheadPerWorker && more() && (given == 0 || in_time()); ++given) {
            const std::size_t end = std::min(evaluation_->total(), next_slice_row_ + kWorkerSliceRows);
            slices_out_.push_back({next_ticket_++, next_slice_row_, w});
            pack_fleet_slice(evaluation_->rows(), next_slice_row_, end, evaluation_->as_of(), slice_buffer_);
            workers_->Post(w, slices_out_.back().ticket, slice_buffer_);
            next_slice_row_ = end;
        }
    }
    return true;
}

void FleetJob::Read(const Catalog* catalog, Date as_of, double budget_ms) {
    if (!reading_) {
        // A workbook arrives whole from its reader: one frame, after one that shows "Reading...".
        if (IsWorkbook(text_, sheet_)) {
            parsed_ = std::make_unique<FleetParse>(ReadWorkbook(text_, options_, sheet_));
            FinishReading();
            return;
        }
        // First the lines, a megabyte at a time until the budget is spent (100 MB take a few
        // frames): room for the rows is made once, and the progress bar knows the end.
        using Clock = std::chrono::steady_clock;
        const Clock::time_point start = Clock::now();
        constexpr std::size_t kCountBytes = std::size_t{1} << 20;
        // The header's line is no row; a last row without a line feed of its own is one.
        const auto count_rows = [this] {
            rows_expected_ = line_feeds_ - (line_feeds_ > 0 && text_.back() == '\n' ? 1 : 0);
        };
        if (counted_bytes_ < text_.size()) {
            while (counted_bytes_ < text_.size()) {
                const std::size_t bytes = std::min(kCountBytes, text_.size() - counted_bytes_);
                line_feeds_ += count_line_feeds(std::string_view(text_).substr(counted_bytes_, bytes));
                counted_bytes_ += bytes;
                if (std::chrono::duration<double, std::milli>(Clock::now() - start).count() >= budget_ms) break;
            }
            if (counted_bytes_ == text_.size()) {
                count_rows();  // the progress bar knows the end at once
                // A fleet the workers will take: they start now, to be ready for its first slices.
                if (workers_ && catalog_sources_ && workers_failure_.empty() &&
                    rows_expected_ >= workers_->FewestRows())
                    workers_->Start(*catalog_sources_);
            }
            // The reader is made in a frame of its own: it checks the whole text's encoding first,
            // some 25 ms for 100 MB, which on top of a frame of counting made an 84 ms frame.
            return;
        }
        count_rows();  // again: a file read again with options was counted before
        // The header row here; the sample that fixes the columns, then the rows, a slice a time.
        reader_ = std::make_unique<FleetCsvReader>(text_, FleetLimits{}, options_, /*in_steps=*/true);
        reading_ = std::make_unique<FleetReading>(*reader_, rows_expected_);
        return;
    }
    // The evaluation that follows the reading is made in a call of its own (its evaluator is built
    // then); after it, part of each call goes to the workers' slices: packing the rows read,
    // taking the answers back.
    // The workers then compete with the reading for the cores: a slice of rows may be paused
    // midway, so the reading keeps some of the budget in hand (frames of 49 ms were seen).
    if (StartEvaluatingWhileReading(catalog, as_of)) return;
    const double exchange_ms = evaluation_ ? std::min(budget_ms / 4.0, kExchangeMs) : 0.0;
    const double reading_ms = evaluation_ ? budget_ms * kReadingShareWithWorkers - exchange_ms : budget_ms;
    if (!RunForBudget([this](std::size_t rows) { return reading_->step(rows); },
                      [this] { return reading_->rows_read() + reading_->errors_read(); }, read_slice_, reading_ms)) {
        EvaluateWhileReading(exchange_ms);
        return;
    }
    parsed_ = std::make_unique<FleetParse>(reading_->take());
    reading_.reset();
    reader_.reset();
    FinishReading();
}

void FleetJob::FinishReading() {
    rows_expected_ = 0;
    // An evaluation started while the file was read goes on over the rows where they are now; a
    // file that is not read to the end is not evaluated.
    if (evaluation_) {
        if (parsed_->fatal) {
            DropSlices();
            evaluation_.reset();
        } else {
            evaluation_->follow(*parsed_);
        }
    }
    // A file the core needs told about keeps its text for the mapping step's second reading.
    if (parsed_->fatal && needs_fleet_mapping(parsed_->format)) {
        stage_ = FleetStage::Mapping;
    } else {
        if (sheets_.size() < 2) {  // a workbook's other sheets still need its bytes
            text_.clear();
            text_.shrink_to_fit();
        }
        stage_ = parsed_->fatal ? FleetStage::Failed : FleetStage::Evaluating;
        if (evaluation_) evaluation_->reserve(parsed_->rows.size());  // where the text was
    }
    ++generation_;
}

void FleetJob::Finish() {
    DropSlices();
    result_ = evaluation_->take();
    evaluation_.reset();
    stage_ = FleetStage::Done;
    ++generation_;
    // The radar stacks each month's expiries by window bucket, as the core's summary counts them.
    month_buckets_ = result_->summary.expiries_by_month_bucket;
}

}  // namespace apos::ui
