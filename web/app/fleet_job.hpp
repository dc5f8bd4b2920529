// The installed base the partner loaded (a fleet CSV) and the core's evaluation of it, spread
// over frames so that the page never freezes: apos::FleetReading::step() reads a CSV a time-boxed
// slice of rows at a time (a workbook is opened in one go), then apos::FleetEvaluation::step()
// evaluates a slice at a time until every row is done. Where the host has workers (the page's
// Web Workers, fleet_workers.hpp), a large fleet's slices are evaluated by them instead, and
// taken back here in row order.
// Platform-free: App owns one; fleet_panel.cpp shows it and the JS API's fleetSummary() reports it.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/date.hpp"
#include "apos/fleet.hpp"
#include "app/fleet_workers.hpp"

namespace apos::ui {

// Mapping: the core cannot place a required field, or tell two columns or day and month apart;
// the file waits (its text kept) for a person to say (fleet_mapping_panel.cpp).
enum class FleetStage { Empty, Reading, Mapping, Evaluating, Done, Cancelled, Failed };
std::string_view to_string(FleetStage);

// Units per month of FleetSummary::expiries_by_month, split by window bucket (the radar's stacks).
using BucketCounts = std::array<std::int64_t, kWindowBucketCount>;

class FleetJob {
public:
    FleetJob();
    ~FleetJob();

    // Replaces the fleet with this file; it is parsed on the next Advance(). `sheet`: the
    // workbook sheet to read (empty: the first).
    void Load(std::string name, std::string text, std::string sheet = {});
    // Reads another sheet of the workbook loaded (its own header: the mapping starts afresh).
    void ChooseSheet(std::string sheet);
    // The sheet read (empty: the first), and the workbook's sheets (empty for a text file). A
    // workbook of several sheets keeps its bytes, so that another sheet can be chosen.
    const std::string& Sheet() const { return sheet_; }
    const std::vector<std::string>& Sheets() const { return sheets_; }
    // Reads the file again with these options (the mapping step's answer), on the next Advance().
    void LoadWithOptions(FleetOptions options);
    // What the file is being read with (empty until a mapping step or a remembered mapping said).
    const FleetOptions& Options() const { return options_; }
    // Works for about `budget_ms`: parses a waiting file, else evaluates more rows. Starts over
    // when `as_of` or the catalog changed (units point into the catalog). Waits without a catalog.
    void Advance(const Catalog* catalog, Date as_of, double budget_ms);
    // Stops reading (the file is dropped) or evaluating: the units evaluated so far stay as the
    // result, with the parsed rows and their errors; Restart() evaluates every row again.
    void Cancel();
    // Evaluates the parsed rows again from the first one (a new catalog or as-of date).
    void Restart();
    // The catalog was replaced where it was (same address, other offerings): an evaluation made
    // with it, even one that follows a file still being read, is dropped and made again.
    void CatalogReplaced();
    // After Cancel: goes on from the units kept to the end of the file, not evaluating them twice
    // (from the first row when none were kept, or the catalog or as-of date moved meanwhile).
    void Resume();

    // Large fleets' slices go to `workers` (null: none; every row is evaluated in frames). They
    // load `catalog`, the files the app's catalog came from. Both must outlive the job.
    void UseWorkers(FleetWorkers* workers, const std::vector<CatalogSource>* catalog);
    // The evaluation only waits for workers' answers: the host may wait for the next frame
    // rather than call Advance() at once again.
    bool WaitsForWorkers() const;
    // How many workers evaluate (or evaluated) the fleet: 0 when it is evaluated in frames. Why
    // the workers could not be used, when they failed (the job then went on in frames).
    int WorkersUsed() const { return workers_used_; }
    const std::string& WorkersFailure() const { return workers_failure_; }

    FleetStage Stage() const { return stage_; }
    const std::string& FileName() const { return name_; }
    // Whether the job still has work (reading or evaluating): the host may then give it time
    // between drawn frames.
    bool Busy() const { return stage_ == FleetStage::Reading || stage_ == FleetStage::Evaluating; }
    std::size_t Done() const;
    std::size_t Total() const;
    // While a CSV is read: rows read so far, and about how many the file holds (its line count; 0
    // when not known, a workbook).
    std::size_t RowsRead() const;
    std::size_t RowsExpected() const { return rows_expected_; }
    const FleetParse* Parsed() const { return parsed_.get(); }
    const FleetResult* Result() const { return result_ ? &*result_ : nullptr; }
    // Bad rows: the parser's, and once evaluated also the rows whose device the core rejected.
    const std::vector<FleetRowError>& Errors() const;
    // Distinct lines among Errors() (a row can have several problems).
    std::int64_t BadRowCount() const;
    const std::vector<BucketCounts>& MonthBuckets() const { return month_buckets_; }
    // Changes whenever Result() does: views drop their sort order and selection.
    unsigned Generation() const { return generation_; }

private:
    void Read(const Catalog* catalog, Date as_of, double budget_ms);
    // While a large file is read, its slices go to the workers as soon as their rows are read:
    // true when the evaluation that follows the reading was made now.
    bool StartEvaluatingWhileReading(const Catalog* catalog, Date as_of);
    void EvaluateWhileReading(double budget_ms);
    // Takes answers back (in row order) and gives the workers more slices; after the last answer
    // of a file read whole, finishes. False when the workers failed or are not ready (the rows
    // left are then evaluated in frames).
    bool ExchangeSlices(double budget_ms, bool all_rows_read);
    // How many of the file's rows the workers may evaluate while it is still read, so that the
    // memory reached meanwhile stays under what the fleet takes once read.
    std::size_t RowsToEvaluateWhileReading() const;
    // The evaluation's slices with the workers: posts, collects and takes back in row order.
    // False when the workers are not to be used now (none, failed, starting, a small fleet).
    bool EvaluateWithWorkers(double budget_ms);
    void DropSlices();  // forgets the slices out (their answers are ignored when they come)
    void FinishReading();
    void Finish();

    FleetStage stage_ = FleetStage::Empty;
    std::string name_;
    std::string text_;  // kept until parsed, while a mapping step waits, and for a workbook's other sheets
    std::string sheet_;
    std::vector<std::string> sheets_;
    FleetOptions options_;
    std::unique_ptr<FleetParse> parsed_;
    // While a CSV is read over frames: the reader (over text_) and the rows it gave so far.
    std::unique_ptr<FleetCsvReader> reader_;
    std::unique_ptr<FleetReading> reading_;
    std::size_t rows_expected_ = 0;
    std::size_t counted_bytes_ = 0;  // of text_, whose line feeds were counted before reading it
    std::size_t line_feeds_ = 0;
    // Holds references to *parsed_ (or, while the file is read, to reading_'s rows) and the
    // catalog: they must outlive it.
    std::unique_ptr<FleetEvaluation> evaluation_;
    const Catalog* catalog_ = nullptr;
    Date as_of_;
    std::optional<FleetResult> result_;
    std::vector<BucketCounts> month_buckets_;
    std::size_t slice_ = 256;         // rows per evaluation step() call, adapted to the time budget
    std::size_t read_slice_ = 256;    // rows per reading step() call, likewise
    std::size_t cancelled_done_ = 0;  // rows evaluated when the evaluation was cancelled
    bool resume_ = false;             // Resume(): the next evaluation goes on from result_
    unsigned generation_ = 0;

    FleetWorkers* workers_ = nullptr;
    const std::vector<CatalogSource>* catalog_sources_ = nullptr;
    struct SliceOut {
        std::uint32_t ticket = 0;
        std::size_t begin = 0;  // rows [begin, end)
        int worker = 0;
    };
    std::deque<SliceOut> slices_out_;  // in row order: their answers are taken back in this order
    std::size_t next_slice_row_ = 0;   // the first row not yet given to a worker
    std::uint32_t next_ticket_ = 1;
    bool waiting_for_answer_ = false;  // the next answer in row order had not come at the last look
    std::string slice_buffer_;         // the slice being posted, and the answer being taken back:
    std::string answer_buffer_;        // their storage reused from slice to slice
    int workers_used_ = 0;
    std::string workers_failure_;
};

// The window filter's choice of units whose first purchase window closes within
// FleetTableState::within_days (beside the buckets of 30, 60 and 90 days).
inline constexpr int kClosingWithinDays = -2;
inline constexpr int kMostWithinDays = 1000;

// What the fleet panel remembers between frames (App owns it next to the job).
struct FleetTableState {
    std::string filter;               // over serial, MTM and customer
    int bucket = -1;                  // a WindowBucket, -1 for all, or kClosingWithinDays
    int within_days = 45;             // 1 to kMostWithinDays, for kClosingWithinDays
    std::vector<std::uint32_t> rows;  // indices into FleetResult::units: filtered, then sorted
    std::vector<char> selected;       // per unit
    std::size_t selected_count = 0;
    int anchor = -1;            // position in `rows` of the last click (shift-click ranges)
    unsigned generation = ~0u;  // the job's generation `rows` and `selected` belong to
    bool rows_dirty = true;     // filter or sort changed
};

// The mapping step's choices for the file that waits (App owns it next to the job).
struct FleetMappingState {
    unsigned generation = ~0u;                   // the job's generation the choices belong to
    std::array<int, kFleetFieldCount> column{};  // header index per field, or -1
    DateOrder order = DateOrder::Unknown;
    bool remembered = false;  // the choices came from a mapping remembered for these headers
};

}  // namespace apos::ui
