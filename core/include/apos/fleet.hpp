// Fleet renewals: an installed base in (CSV), per unit what can still be sold and which
// purchase windows close soon, and a summary by window bucket, customer, machine type and month.
// Every unit goes through the same resolve_device + evaluate_offers path as a single device.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/fleet_format.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"

namespace apos {

// ---- Parsing ------------------------------------------------------------------------------
struct FleetRow {
    int line = 0;  // 1-based line of the row in the file (its first line when quoted fields span lines)
    DeviceInput device;
    std::string customer;
    std::vector<std::string> extra;  // values of the columns the configurator does not use, in header order
    std::string follow_up;           // the follow_up column's cell (a mark, marks.hpp), as written
};

// The rows of a parsed fleet, packed: a record of fixed size per row, and its texts one after
// another in shared blocks; a text that repeats from row to row in its column (MTM, country,
// customer, an extra column) is kept once and named by a number. A page holds a million rows, and
// a FleetRow of its own strings and vectors takes some 270 bytes each in WebAssembly; packed, the
// generated fleets' rows take about 70. Rows read back as FleetRow copies (or into a FleetRow
// whose storage is reused), in the order they were added. There is no iterator: a FleetRow read
// is a copy, whose address is worth nothing once the next row is read.
class FleetRows {
public:
    FleetRows() = default;
    FleetRows(const FleetRows& other);
    FleetRows& operator=(const FleetRows& other);
    FleetRows(FleetRows&&) noexcept = default;
    FleetRows& operator=(FleetRows&&) noexcept = default;
    ~FleetRows() = default;

    void push_back(const FleetRow& row);
    void reserve(std::size_t rows) { records_.reserve(rows); }
    void clear();
    std::size_t size() const { return records_.size(); }
    bool empty() const { return records_.empty(); }

    // Row `i` unpacked into `into`, whose strings and vectors keep their storage: reading every
    // row into one FleetRow allocates only while its texts grow.
    void get(std::size_t i, FleetRow& into) const;
    FleetRow operator[](std::size_t i) const;
    FleetRow front() const { return (*this)[0]; }
    FleetRow back() const { return (*this)[size() - 1]; }
    int line(std::size_t i) const { return records_[i].line; }
    // The follow-up cell of row `i`, read in place (valid while the store is): a pass over a
    // million rows for their marks unpacks only the rows that have one.
    std::string_view follow_up(std::size_t i) const;
    // The index of the row on `line`, if there is one (a binary search while rows were added in
    // line order, as every reader adds them).
    std::optional<std::size_t> index_of_line(int line) const;
    std::optional<FleetRow> find_line(int line) const;
    // Bytes of texts written so far (the rows' and the shared ones), for tests and size reports.
    std::size_t bytes_of_texts() const;

private:
    struct Record {
        const char* texts = nullptr;  // in a block: the row's strings, extras and services
        std::int32_t line = 0;
        Date ship_date;
        Date purchase_date;  // when flags say there is one; likewise coverage_end
        Date coverage_end;
        std::int32_t quantity = 1;
        std::uint8_t channel = 0;
        std::uint8_t condition = 0;
        std::uint8_t segment = 0;
        std::uint8_t flags = 0;
    };
    // The texts of one column that rows share, each kept once and side by side (rows read them
    // often, and a few hundred kilobytes stay in the cache where texts among the rows would not).
    struct SharedTexts {
        std::string chars;  // text `id` is chars[ends[id - 1], ends[id])
        std::vector<std::uint32_t> ends;
        std::vector<std::uint32_t> slots;  // open addressing by hash: 0 free, else id + 1
        std::uint32_t last = 0;            // the id found last (rows repeat in runs)
        std::size_t hits = 0;              // texts found shared
        bool closed = false;               // the table filled with texts that did not repeat
        std::string_view text(std::uint32_t id) const;
    };
    char* room_for(std::size_t bytes);  // in the last block, or a new one
    // The code a text of column `column` is written as (empty, follows in the row, or shared).
    std::uint32_t share(std::size_t column, std::string_view text);
    const char* take_shared(const char* in, std::size_t column, std::string& into) const;

    std::vector<Record> records_;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t block_size_ = 0;
    std::size_t block_used_ = 0;
    std::size_t text_bytes_ = 0;
    std::vector<SharedTexts> shared_;         // per column: MTM, country, customer, then the extra columns
    std::vector<std::uint32_t> extra_codes_;  // push_back's, kept to spare an allocation per row
    bool in_line_order_ = true;
};

struct FleetRowError {
    int line = 0;
    std::string column;  // empty when the row as a whole is wrong
    std::string message;
    std::string problem{};  // the kind of problem without the value (rows group by it); may be empty
    std::string value{};    // the value at fault, when there is one
};

// Rows with the same kind of problem in the same column, as one line: "500 rows: ...".
struct FleetErrorGroup {
    std::string column;
    std::string problem;
    std::string value;    // the first row's value
    std::string example;  // the first row's whole message
    int first_line = 0;
    int last_line = 0;
    std::int64_t rows = 0;
};
std::vector<FleetErrorGroup> group_fleet_errors(const std::vector<FleetRowError>& errors);
// "500 rows: ship_date: ... (such as "10/13/2024", first on line 2)"; one row: its line and message.
std::string to_string(const FleetErrorGroup& group);

struct FleetLimits {
    std::size_t max_bytes = 256u * 1024 * 1024;
    std::size_t max_rows = 2'000'000;
    // Added to the line numbers of rows (not of the header): a part cut out of a larger file and
    // given its header names its rows and errors by their lines in the whole file.
    int line_offset = 0;
};

struct FleetParse {
    FleetFormat format;                      // the columns, encoding and date forms found
    std::vector<std::string> extra_columns;  // header names of the kept extra columns
    FleetRows rows;
    std::vector<FleetRowError> errors;  // bad rows are listed here; the good rows still load
    bool fatal = false;                 // no usable header, or a limit exceeded
};

// How many data rows the reader looks at before it fixes its plan (the columns and each date
// column's day/month order); every row after them is read by that plan.
inline constexpr std::size_t kFleetSampleRows = 50'000;

// The records (rows of fields) of a table, one at a time: the CSV reader's own, or a workbook
// sheet's (apos_xlsx), so that both go through the same mapping, date and row checks.
class FleetRecords {
public:
    virtual ~FleetRecords() = default;
    // The next record and the line (a sheet's row number) it starts on. False at the end, or
    // when the rest cannot be read: then `problem` says why.
    virtual bool next(std::vector<std::string>& fields, int& line, std::string& problem) = 0;
    // An independent copy that reads on from the same record (the reader samples ahead).
    virtual std::unique_ptr<FleetRecords> fork() const = 0;
    // Whether field `i` of the last record was a date cell, handed over as year-month-day text.
    virtual bool date_cell(std::size_t) const { return false; }
    // The sheet the records come from (empty for a text file).
    virtual std::string sheet() const { return {}; }
};

// Reads a fleet CSV one row at a time, so a million rows never need to sit in memory at once
// (the CLI streams them); parse_fleet_csv collects them all (the page keeps them).
// Header row, any column order and the usual names of each field (or the columns the options
// name); comma, semicolon or tab apart (or Excel's "sep=" line); UTF-8 with or without a byte
// order mark, UTF-16 or Windows-1252; quoted fields ("" escapes, separators and line breaks
// inside quotes); CRLF line ends; dates in the forms spreadsheets write (fleet_format.hpp).
class FleetCsvReader {
public:
    // `text` must outlive the reader. The header row and the sample are read here (see fatal()
    // and header_errors()); with `in_steps`, only the header row: prepare() reads the sample.
    explicit FleetCsvReader(std::string_view text, const FleetLimits& limits = {}, const FleetOptions& options = {},
                            bool in_steps = false);
    // The same reading over records that are not CSV text (a workbook sheet).
    FleetCsvReader(std::unique_ptr<FleetRecords> records, const FleetLimits& limits = {},
                   const FleetOptions& options = {});
    ~FleetCsvReader();
    FleetCsvReader(const FleetCsvReader&) = delete;
    FleetCsvReader& operator=(const FleetCsvReader&) = delete;

    // Reads up to `max_rows` more rows of the sample (kFleetSampleRows) that fixes the columns
    // and date orders; true once they are fixed. Until then format(), fatal() and
    // header_errors() are not final and next() must not be called. A reader made without
    // `in_steps` is prepared already.
    bool prepare(std::size_t max_rows);
    // Makes room for about `rows` rows up front (the table of serials seen), so that a large file
    // is not paused while that table grows.
    void expect_rows(std::size_t rows);

    // Reads up to the next good row. Bad rows met on the way are appended to `errors`.
    // Returns false at the end of the file, or when the file cannot be read on (fatal()).
    bool next(FleetRow& row, std::vector<FleetRowError>& errors);

    bool fatal() const { return fatal_; }  // no usable header, or a limit exceeded
    const std::vector<FleetRowError>& header_errors() const { return header_errors_; }
    const std::vector<std::string>& extra_columns() const { return extra_columns_; }
    const FleetFormat& format() const;

private:
    struct State;
    void read_header(const FleetOptions& options);
    bool sample_rows(std::size_t max_rows);  // true once the sample is read
    void settle_header();
    std::unique_ptr<State> state_;
    bool fatal_ = false;
    std::vector<FleetRowError> header_errors_;
    std::vector<std::string> extra_columns_;
};

FleetParse parse_fleet_csv(std::string_view text, const FleetLimits& limits = {}, const FleetOptions& options = {});
// The line feeds in `text`, counted eight bytes at a time: about how many rows a file holds, for
// reserving room and showing progress before it is read (a page counts 100 MB over a few frames).
std::size_t count_line_feeds(std::string_view text);
// Every row of a reader made by either constructor, collected.
FleetParse parse_fleet_records(FleetCsvReader& reader, std::size_t expected_rows = 0);

// Collects a reader's rows a slice at a time, so that a page can spread a large file over frames
// (parse_fleet_records is this run to the end). The reader must outlive it.
class FleetReading {
public:
    explicit FleetReading(FleetCsvReader& reader, std::size_t expected_rows = 0);
    // Reads up to `max_rows` more rows (good or bad; first the reader's sample, if it was made
    // in steps); returns true once the file is read or cannot be read on (take().fatal).
    bool step(std::size_t max_rows);
    std::size_t rows_read() const { return parse_.rows.size(); }
    std::size_t errors_read() const { return parse_.errors.size(); }  // a bad row may have several
    // The rows and errors read so far: an evaluation may start on them while more are read
    // (FleetEvaluation::follow), as the page's workers do.
    const FleetParse& parse() const { return parse_; }
    // The file's rows so far, whole once step() has returned true.
    FleetParse take();

private:
    void start();  // once the reader is prepared: its header's results

    FleetCsvReader& reader_;
    FleetParse parse_;
    std::size_t expected_rows_ = 0;
    bool prepared_ = false;  // the reader's sample is read
    bool started_ = false;   // the header's results are taken and room made for the rows
    bool done_ = false;
};

// ---- Evaluation ---------------------------------------------------------------------------
enum class WindowBucket : std::uint8_t { Closing0To30, Closing31To60, Closing61To90, OpenLater, Lapsed, Nothing };
std::string_view to_string(WindowBucket);
inline constexpr int kWindowBucketCount = 6;

// When a kind of offer stops selling for a unit. Its kind is its offering's (12 bytes in
// WebAssembly: a unit holds one per kind it can still buy).
struct ClosingWindow {
    const Offering* offering = nullptr;  // the offer whose window it is
    Date closes;
    int days_left = 0;
    OfferKind kind() const { return offering->kind; }
};

// The offer a unit is best sold, per kind: only what a fleet view and its exports show (a
// million units hold one each per kind, so no reasons or texts; see evaluate_offer's explain).
// The window is two dates and a flag rather than an optional range, which would pad the record,
// and the price is an amount in the unit's currency (UnitOpportunity::unit_price): 24 bytes in
// WebAssembly.
struct BestOffer {
    BestOffer() = default;
    BestOffer(const Offering* o, int term, Money price, const std::optional<DateRange>& range)
        : unit_price_minor_(price.minor_units()),
          offering(o),
          term_years(static_cast<std::int16_t>(term)),
          has_window_(range.has_value()) {
        if (range) {
            from_ = range->from;
            until_ = range->until;
        }
    }

private:
    std::int64_t unit_price_minor_ = 0;  // first: no padding before it in a 32-bit build

public:
    const Offering* offering = nullptr;
    std::int16_t term_years = 0;
    // The list price per unit in minor units; UnitOpportunity::unit_price gives it with its currency.
    std::int64_t unit_price_minor() const { return unit_price_minor_; }
    // When it can be bought.
    std::optional<DateRange> window() const {
        return has_window_ ? std::optional<DateRange>(DateRange{from_, until_}) : std::nullopt;
    }

private:
    bool has_window_ = false;
    Date from_;
    Date until_;
};

// One fleet unit. A page holds a million of them, so a unit keeps its offers, windows and texts
// in one heap block of exactly their size (no vectors or strings of its own); reading them goes
// through the accessors below. Copies are deep: a unit never points into its row or evaluator.
class UnitOpportunity {
public:
    UnitOpportunity() = default;
    UnitOpportunity(const UnitOpportunity& other);
    UnitOpportunity(UnitOpportunity&& other) noexcept;
    UnitOpportunity& operator=(const UnitOpportunity& other);
    UnitOpportunity& operator=(UnitOpportunity&& other) noexcept;
    ~UnitOpportunity();

    int line = 0;
    std::string_view machine_type;  // points into the catalog
    Date coverage_end;
    bool covered = false;  // coverage in force on the as-of date
    bool lapsed = false;   // past the post-warranty window: reinstatement only
    WindowBucket bucket = WindowBucket::Nothing;
    int quantity = 1;
    Money value;  // best renewal offers x quantity, list price

    // The lowest reinstatement price per unit, for a unit past its post-warranty window.
    std::optional<Money> reinstatement_price() const {
        if (reinstatement_minor_ == kNoPrice) return std::nullopt;
        return Money(reinstatement_minor_, value.currency());
    }
    // False, and nothing changed, for a price in another currency than `value`'s: the unit keeps
    // one currency for both, and the amount alone (8 bytes rather than an optional Money's 24).
    bool set_reinstatement_price(const std::optional<Money>& price);

    std::string_view serial() const;
    std::string_view mtm() const;
    std::string_view customer() const;
    // Per kind, the eligible offer with the most coverage.
    std::span<const BestOffer> best_offers() const;
    // An offer's list price per unit: every price of a unit is in the currency of its value.
    Money unit_price(const BestOffer& offer) const { return Money(offer.unit_price_minor(), value.currency()); }
    // Per kind, when its purchase window closes (soonest first).
    std::span<const ClosingWindow> windows() const;

    // Replaces the offers, windows and texts (none of them may point into this unit). The block
    // is reused when it is large enough, so a unit evaluated over and over stops allocating.
    void assign(std::span<const BestOffer> offers, std::span<const ClosingWindow> windows, std::string_view serial,
                std::string_view mtm, std::string_view customer);
    void set_customer(std::string_view customer);
    void set_windows(std::span<const ClosingWindow> windows);

private:
    struct Header;
    Header* header() const;
    std::size_t used_bytes() const;
    void copy_fields(const UnitOpportunity& other);  // every member but the block and its counts
    static constexpr std::int64_t kNoPrice = INT64_MIN;
    std::int64_t reinstatement_minor_ = kNoPrice;
    std::byte* block_ = nullptr;
    std::uint8_t offer_count_ = 0;
    std::uint8_t window_count_ = 0;
};

struct BucketTotals {
    std::int64_t units = 0;
    Money value;
};

struct FleetSummary {
    std::int64_t units = 0;
    std::int64_t rows_with_errors = 0;
    std::array<BucketTotals, kWindowBucketCount> by_bucket;
    std::map<std::string, BucketTotals, std::less<>> by_customer;
    std::map<std::string, BucketTotals, std::less<>> by_machine_type;
    std::vector<std::pair<std::string, std::int64_t>> expiries_by_month;  // "2026-12" -> units whose coverage ends then
    std::vector<std::array<std::int64_t, kWindowBucketCount>> expiries_by_month_bucket;  // same months, split by bucket
    Money value;
    // What the figures are measured against (set by start_summary): summaries of two dates or two
    // currencies do not add up.
    Date as_of;
    Currency currency;
};

struct FleetResult {
    Date as_of;
    std::vector<UnitOpportunity> units;
    std::vector<FleetRowError> errors;  // parse errors and rows whose device cannot be resolved
    FleetSummary summary;
};

class FleetPlan;

// Finds a summary's totals per customer and per machine type by hashing the name, rather than by
// walking the maps' trees (a million units look them up once each). It points into the summary's
// map nodes, which never move, and starts over when the maps no longer hold what it saw.
class SummaryIndex {
public:
    BucketTotals& customer(FleetSummary& summary, std::string_view name);
    BucketTotals& machine_type(FleetSummary& summary, std::string_view name);

private:
    using Names = std::map<std::string, BucketTotals, std::less<>>;
    struct Table {
        const Names* map = nullptr;           // the map the entries point into
        const BucketTotals* first = nullptr;  // its first node's totals when last seen
        std::unordered_map<std::string_view, BucketTotals*> entries;
    };
    static BucketTotals& find(Table& table, Names& map, std::string_view name);
    Table customers_;
    Table machine_types_;
};
// add_to_summary, with the totals per name found through `index` (the same answer, sooner).
void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of, SummaryIndex& index);

// Evaluates units one at a time through the compiled plan (fleet_plan.hpp) and adds each to a
// running summary.
class FleetEvaluator {
public:
    FleetEvaluator(const Catalog& catalog, Date as_of);
    ~FleetEvaluator();
    FleetEvaluator(const FleetEvaluator&) = delete;
    FleetEvaluator& operator=(const FleetEvaluator&) = delete;

    // The unit of this row (added to summary()), or null when its device cannot be resolved:
    // then the reason is appended to `errors`. The unit is the evaluator's own and stays as it is
    // until the next call (its storage is reused: no allocation per unit); copy it to keep it.
    const UnitOpportunity* evaluate(const FleetRow& row, std::vector<FleetRowError>& errors);
    const FleetSummary& summary() const { return summary_; }
    FleetSummary& summary() { return summary_; }
    Date as_of() const { return as_of_; }
    // Adds a unit evaluated elsewhere (a slice's answer, fleet_slices.hpp) to summary(), as
    // evaluate() adds its own.
    void add_to_summary(const UnitOpportunity& unit);

private:
    Date as_of_;
    FleetSummary summary_;
    std::unique_ptr<FleetPlan> plan_;
    SummaryIndex index_;    // into summary_
    UnitOpportunity unit_;  // the last unit evaluated
};

// Rows among errors in line order (a row can have several problems); the reader lists them so.
std::int64_t count_error_rows(const std::vector<FleetRowError>& errors);
// Puts errors in line order (a fleet's evaluation adds its own among the reader's) and counts their rows.
std::int64_t sort_and_count_error_rows(std::vector<FleetRowError>& errors);

// Evaluates a fleet a slice at a time, so a page can spread the work over frames and show
// progress. evaluate_fleet runs it to the end in one go.
class FleetEvaluation {
public:
    FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, Date as_of);
    // Goes on from where an evaluation of the same rows stopped: `partial` is what it took after
    // `rows_done` rows (a cancel). Its units, errors and summary are kept and the rows after them
    // evaluated, so the result is the one an evaluation that never stopped gives.
    FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, FleetResult partial, std::size_t rows_done);
    // Evaluates up to `max_units` more rows; returns true once every row is done.
    bool step(std::size_t max_units);
    // Takes the next rows as evaluated elsewhere: `answer` is a FleetSliceEvaluator's for
    // pack_fleet_slice(rows, done(), done() + n, as_of) (fleet_slices.hpp). Its units and errors
    // are added, with the summary, as step(n) would have added them. Nothing when taken; else
    // why not (another slice, catalog or date, or bytes cut short), and nothing has changed.
    std::optional<std::string> add_slice(std::string_view answer);
    // The rows were still being read when the evaluation started on them: `parsed` now holds them
    // (more of them, or moved there whole by FleetReading::take); the parse errors read since are
    // taken into the result too.
    void follow(const FleetParse& parsed);
    void reserve(std::size_t rows) { result_.units.reserve(rows); }
    std::size_t done() const { return next_row_; }
    std::size_t total() const { return parsed_->rows.size(); }
    const FleetRows& rows() const { return parsed_->rows; }
    Date as_of() const { return evaluator_.as_of(); }
    // The finished result (call once step() has returned true).
    FleetResult take();

private:
    const Catalog& catalog_;
    const FleetParse* parsed_;
    std::size_t parse_errors_taken_ = 0;  // of parsed_->errors, copied into result_.errors
    FleetEvaluator evaluator_;
    FleetResult result_;
    FleetRow row_;  // the row evaluated, unpacked (its storage reused from row to row)
    std::size_t next_row_ = 0;
};

// `progress(done, total)` is called every few thousand units (may be empty).
FleetResult evaluate_fleet(const Catalog& catalog, const FleetParse& parsed, Date as_of,
                           const std::function<void(std::size_t, std::size_t)>& progress = {});

// One unit, exactly as evaluate_fleet sees it (shared by the fleet and its tests).
UnitOpportunity evaluate_unit(const Catalog& catalog, const DeviceFacts& device, Date as_of);

// What to quote for a unit: its renewal path (an extension, else post-warranty, else
// reinstatement) and then each other best offer that still sells beside what is already chosen
// (evaluated together, as a quote item would be).
std::vector<ServiceRequest> proposed_services(const Catalog& catalog, const DeviceInput& device,
                                              const UnitOpportunity& unit, Date as_of);

// Adds one unit to a summary (evaluate_fleet uses it; tests re-sum units with it). An empty
// summary is set up for the 24 months from the as-of month on the first call.
void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of);
// Sets a summary up for the 24 months from the as-of month, with zero amounts.
void start_summary(FleetSummary& summary, const Currency& currency, Date as_of);
// Adds the summary of another slice of the same fleet, so that slices evaluated apart (threads,
// processes, machines) give the summary of the whole file. Nothing when merged; otherwise why
// not (another as-of date or currency), and `into` is left as it was.
std::optional<std::string> merge_summary(FleetSummary& into, const FleetSummary& from);

}  // namespace apos
