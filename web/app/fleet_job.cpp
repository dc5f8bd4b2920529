// FleetJob: parse, then evaluate a slice per frame. All answers come from the core
// (parse_fleet_file, FleetEvaluation); this file only schedules the work and keeps the result.
#include "app/fleet_job.hpp"

#include <chrono>

#include "app/workbook_reader.hpp"
#include "sheet_rows.hpp"  // looks_like_zip, parse_fleet_sheet

namespace apos::ui {

namespace {

// parse_fleet_file (CSV text or an .xlsx workbook), with the workbook read by this build's reader.
FleetParse ReadFleetFile(std::string_view bytes, const FleetOptions& options, std::string_view sheet) {
    if (!looks_like_zip(bytes) && sheet.empty()) return parse_fleet_csv(bytes, {}, options);
    std::string error;
    auto records = OpenWorkbookSheet(bytes, sheet, {}, error);
    return parse_fleet_sheet(std::move(records), error, {}, options);
}

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
    evaluation_.reset();  // before parsed_: it refers to it
    parsed_.reset();
    result_.reset();
    month_buckets_.clear();
    name_ = std::move(name);
    text_ = std::move(text);
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
    evaluation_.reset();
    if (stage_ == FleetStage::Reading || stage_ == FleetStage::Mapping) {
        text_.clear();
        text_.shrink_to_fit();
        sheets_.clear();  // no other sheet can be read without the bytes
    }
    stage_ = FleetStage::Cancelled;
}

void FleetJob::Restart() {
    if (!parsed_ || parsed_->fatal) return;
    evaluation_.reset();
    result_.reset();
    month_buckets_.clear();
    catalog_ = nullptr;  // the next Advance() starts a fresh evaluation
    stage_ = FleetStage::Evaluating;
    ++generation_;
}

std::size_t FleetJob::Done() const {
    if (stage_ == FleetStage::Done) return Total();
    return evaluation_ ? evaluation_->done() : 0;
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
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    const auto elapsed_ms = [&start] {
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };

    if (stage_ == FleetStage::Reading) {
        // ReadFleetFile (CSV text or an .xlsx workbook) has no slices; one frame of parsing
        // shows "Reading..." first.
        parsed_ = std::make_unique<FleetParse>(ReadFleetFile(text_, options_, sheet_));
        // A file the core needs told about keeps its text for the mapping step's second reading.
        if (parsed_->fatal && needs_fleet_mapping(parsed_->format)) {
            stage_ = FleetStage::Mapping;
        } else {
            if (sheets_.size() < 2) {
                text_.clear();
                text_.shrink_to_fit();
            }
            stage_ = parsed_->fatal ? FleetStage::Failed : FleetStage::Evaluating;
        }
        ++generation_;
        return;
    }
    // A finished result is for one as-of date and one catalog: start over when either moved.
    if (stage_ == FleetStage::Done && catalog && (catalog != catalog_ || as_of != as_of_)) Restart();
    if (stage_ != FleetStage::Evaluating || !catalog || !parsed_) return;

    if (!evaluation_ || catalog != catalog_ || as_of != as_of_) {
        evaluation_ = std::make_unique<FleetEvaluation>(*catalog, *parsed_, as_of);
        catalog_ = catalog;
        as_of_ = as_of;
    }
    while (true) {
        const double before = elapsed_ms();
        if (evaluation_->step(slice_)) {
            Finish();
            return;
        }
        const double took = elapsed_ms() - before;
        // Aim at slices of about a quarter of the budget, so the last one rarely overshoots.
        if (took < budget_ms / 8.0 && slice_ < (1u << 16)) slice_ *= 2;
        else if (took > budget_ms / 2.0 && slice_ > 16) slice_ /= 2;
        if (elapsed_ms() >= budget_ms) return;
    }
}

void FleetJob::Finish() {
    result_ = evaluation_->take();
    evaluation_.reset();
    stage_ = FleetStage::Done;
    ++generation_;
    // The radar stacks each month's expiries by window bucket, as the core's summary counts them.
    month_buckets_ = result_->summary.expiries_by_month_bucket;
}

}  // namespace apos::ui
