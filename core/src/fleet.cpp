// Fleet renewals: per-unit opportunities through the single-device path, added up into the
// summary a partner plans renewals from (the CSV reader and the summary have their own files).
#include "apos/fleet.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "apos/evaluation.hpp"
#include "apos/fleet_plan.hpp"
#include "fleet_unit_builder.hpp"
#include "rules/rule_support.hpp"

namespace apos {

std::string_view to_string(WindowBucket bucket) {
    switch (bucket) {
        case WindowBucket::Closing0To30: return "closing-0-30";
        case WindowBucket::Closing31To60: return "closing-31-60";
        case WindowBucket::Closing61To90: return "closing-61-90";
        case WindowBucket::OpenLater: return "open-later";
        case WindowBucket::Lapsed: return "lapsed";
        case WindowBucket::Nothing: return "nothing-to-sell";
    }
    return "?";
}

// [SECTION] Unit storage --------------------------------------------------------------------
// The block: this header, the offers, the windows, then the characters of serial, mtm and customer.
struct UnitOpportunity::Header {
    std::uint32_t capacity = 0;  // bytes of the block, header included
    std::uint32_t serial = 0;    // lengths of the three texts
    std::uint32_t mtm = 0;
    std::uint32_t customer = 0;
};

namespace {

static_assert(std::is_trivially_copyable_v<BestOffer> && std::is_trivially_copyable_v<ClosingWindow>);
static_assert(sizeof(UnitOpportunity) > 0 && alignof(BestOffer) <= 16 &&
              sizeof(BestOffer) % alignof(ClosingWindow) == 0);
constexpr std::size_t kHeaderBytes = 16;  // keeps the records aligned

std::size_t records_bytes(std::size_t offers, std::size_t windows) {
    return kHeaderBytes + offers * sizeof(BestOffer) + windows * sizeof(ClosingWindow);
}

std::byte* new_block(std::size_t bytes) {
    auto* block = static_cast<std::byte*>(::operator new(bytes));
    std::memset(block, 0, kHeaderBytes);
    return block;
}

std::uint32_t text_length(std::string_view text) {
    // The reader refuses files over 4 GB long before this (FleetLimits::max_bytes).
    return static_cast<std::uint32_t>(text.size());
}

}  // namespace

UnitOpportunity::Header* UnitOpportunity::header() const {
    static_assert(sizeof(Header) == kHeaderBytes);
    return reinterpret_cast<Header*>(block_);
}

std::size_t UnitOpportunity::used_bytes() const {
    if (!block_) return 0;
    const Header& h = *header();
    return records_bytes(offer_count_, window_count_) + h.serial + h.mtm + h.customer;
}

void UnitOpportunity::copy_fields(const UnitOpportunity& other) {
    line = other.line;
    machine_type = other.machine_type;
    coverage_end = other.coverage_end;
    covered = other.covered;
    lapsed = other.lapsed;
    bucket = other.bucket;
    quantity = other.quantity;
    value = other.value;
    reinstatement_minor_ = other.reinstatement_minor_;
}

bool UnitOpportunity::set_reinstatement_price(const std::optional<Money>& price) {
    if (price && !(price->currency() == value.currency())) return false;
    reinstatement_minor_ = price ? price->minor_units() : kNoPrice;
    return true;
}

UnitOpportunity::UnitOpportunity(const UnitOpportunity& other) { *this = other; }

UnitOpportunity::UnitOpportunity(UnitOpportunity&& other) noexcept { *this = std::move(other); }

UnitOpportunity& UnitOpportunity::operator=(const UnitOpportunity& other) {
    if (this == &other) return *this;
    copy_fields(other);
    const std::size_t bytes = other.used_bytes();
    if (bytes == 0) {
        ::operator delete(block_);
        block_ = nullptr;
    } else {
        if (!block_ || header()->capacity < bytes) {
            ::operator delete(block_);
            block_ = new_block(bytes);
            header()->capacity = static_cast<std::uint32_t>(bytes);
        }
        const std::uint32_t capacity = header()->capacity;
        std::memcpy(block_, other.block_, bytes);
        header()->capacity = capacity;
    }
    offer_count_ = other.offer_count_;
    window_count_ = other.window_count_;
    return *this;
}

UnitOpportunity& UnitOpportunity::operator=(UnitOpportunity&& other) noexcept {
    if (this == &other) return *this;
    copy_fields(other);
    ::operator delete(block_);
    block_ = std::exchange(other.block_, nullptr);
    offer_count_ = std::exchange(other.offer_count_, 0);
    window_count_ = std::exchange(other.window_count_, 0);
    return *this;
}

UnitOpportunity::~UnitOpportunity() { ::operator delete(block_); }

std::string_view UnitOpportunity::serial() const {
    if (!block_) return {};
    return {reinterpret_cast<const char*>(block_ + records_bytes(offer_count_, window_count_)), header()->serial};
}

std::string_view UnitOpportunity::mtm() const {
    if (!block_) return {};
    return {reinterpret_cast<const char*>(block_ + records_bytes(offer_count_, window_count_) + header()->serial),
            header()->mtm};
}

std::string_view UnitOpportunity::customer() const {
    if (!block_) return {};
    const Header& h = *header();
    return {reinterpret_cast<const char*>(block_ + records_bytes(offer_count_, window_count_) + h.serial + h.mtm),
            h.customer};
}

std::span<const BestOffer> UnitOpportunity::best_offers() const {
    if (!block_) return {};
    return {reinterpret_cast<const BestOffer*>(block_ + kHeaderBytes), offer_count_};
}

std::span<const ClosingWindow> UnitOpportunity::windows() const {
    if (!block_) return {};
    return {reinterpret_cast<const ClosingWindow*>(block_ + kHeaderBytes + offer_count_ * sizeof(BestOffer)),
            window_count_};
}

void UnitOpportunity::assign(std::span<const BestOffer> offers, std::span<const ClosingWindow> windows,
                             std::string_view serial, std::string_view mtm, std::string_view customer) {
    const std::size_t records = records_bytes(offers.size(), windows.size());
    const std::size_t bytes = records + serial.size() + mtm.size() + customer.size();
    if (!block_ || header()->capacity < bytes) {
        ::operator delete(block_);
        block_ = new_block(bytes);
        header()->capacity = static_cast<std::uint32_t>(bytes);
    }
    offer_count_ = static_cast<std::uint8_t>(offers.size());
    window_count_ = static_cast<std::uint8_t>(windows.size());
    Header& h = *header();
    h.serial = text_length(serial);
    h.mtm = text_length(mtm);
    h.customer = text_length(customer);
    std::byte* at = block_ + kHeaderBytes;
    if (!offers.empty()) std::memcpy(at, offers.data(), offers.size_bytes());
    at += offers.size_bytes();
    if (!windows.empty()) std::memcpy(at, windows.data(), windows.size_bytes());
    at += windows.size_bytes();
    for (std::string_view text : {serial, mtm, customer}) {
        if (!text.empty()) std::memcpy(at, text.data(), text.size());
        at += text.size();
    }
}

void UnitOpportunity::set_customer(std::string_view customer) {
    if (!block_) {
        assign({}, {}, {}, {}, customer);
        return;
    }
    const std::size_t start = used_bytes() - header()->customer;
    const std::size_t bytes = start + customer.size();
    if (header()->capacity < bytes) {
        std::byte* grown = new_block(bytes);
        std::memcpy(grown, block_, start);
        ::operator delete(block_);
        block_ = grown;
        header()->capacity = static_cast<std::uint32_t>(bytes);
    }
    header()->customer = text_length(customer);
    if (!customer.empty()) std::memcpy(block_ + start, customer.data(), customer.size());
}

void UnitOpportunity::set_windows(std::span<const ClosingWindow> windows) {
    const std::vector<BestOffer> offers(best_offers().begin(), best_offers().end());
    const std::string texts = std::string(serial()) + std::string(mtm()) + std::string(customer());
    const std::string_view all = texts;
    const std::size_t s = serial().size(), m = mtm().size();
    assign(offers, windows, all.substr(0, s), all.substr(s, m), all.substr(s + m));
}

// [SECTION] Evaluation ----------------------------------------------------------------------
namespace {

WindowBucket bucket_for(int days_left) {
    if (days_left <= 30) return WindowBucket::Closing0To30;
    if (days_left <= 60) return WindowBucket::Closing31To60;
    if (days_left <= 90) return WindowBucket::Closing61To90;
    return WindowBucket::OpenLater;
}

}  // namespace

namespace fleet_detail {

UnitBuilder::UnitBuilder(UnitOpportunity& unit, const Catalog& catalog, const DeviceFacts& device, Date as_of)
    : unit_(unit), catalog_(catalog), device_(device), as_of_(as_of) {
    unit.machine_type = device.machine_type->mt;  // the catalog outlives the units
    unit.coverage_end = device.coverage_end;
    unit.covered = as_of <= device.coverage_end;
    unit.quantity = device.input.quantity;
    unit.value = Money(0, catalog.policy.currency);
    unit.set_reinstatement_price(std::nullopt);
    unit.lapsed = false;
    unit.bucket = WindowBucket::Nothing;
}

void UnitBuilder::add_eligible(const Offering& offering, int term_years, Money unit_price,
                               const std::optional<DateRange>& window) {
    // A unit keeps its prices as amounts in the currency of its value, so a price in another
    // currency is not kept (prices and value come from one catalog: it does not happen).
    if (!(unit_price.currency() == unit_.value.currency())) return;
    const OfferKind kind = offering.kind;
    if (kind == OfferKind::Reinstatement) {
        const std::optional<Money> held = unit_.reinstatement_price();
        if (!held || unit_price.minor_units() < held->minor_units()) unit_.set_reinstatement_price(unit_price);
    }
    // Best per kind: the most coverage, then the lower price.
    const BestOffer candidate{&offering, term_years, unit_price, window};
    const auto offers_end = offers_.begin() + static_cast<std::ptrdiff_t>(offer_count_);
    auto best = std::find_if(offers_.begin(), offers_end, [&](const BestOffer& o) { return o.offering->kind == kind; });
    if (best == offers_end) offers_[offer_count_++] = candidate;
    else if (term_years > best->term_years ||
             (term_years == best->term_years && unit_price.minor_units() < best->unit_price_minor()))
        *best = candidate;
    if (window) {
        const auto windows_end = windows_.begin() + static_cast<std::ptrdiff_t>(window_count_);
        auto closing =
            std::find_if(windows_.begin(), windows_end, [&](const ClosingWindow& w) { return w.kind() == kind; });
        const int days_left = days_between(as_of_, window->until);
        if (closing == windows_end) windows_[window_count_++] = {&offering, window->until, days_left};
        else if (window->until < closing->closes) *closing = {&offering, window->until, days_left};
    }
}

void UnitBuilder::finish() {
    const std::span<BestOffer> offers(offers_.data(), offer_count_);
    const std::span<ClosingWindow> windows(windows_.data(), window_count_);
    std::sort(windows.begin(), windows.end(),
              [](const ClosingWindow& a, const ClosingWindow& b) { return a.closes < b.closes; });
    // One renewal path counts toward the value: an extension, else post-warranty, else reinstatement.
    auto has = [&](OfferKind k) {
        return std::any_of(offers.begin(), offers.end(), [&](const BestOffer& o) { return o.offering->kind == k; });
    };
    for (const BestOffer& o : offers) {
        const OfferKind k = o.offering->kind;
        if (k == OfferKind::PostWarranty && has(OfferKind::Extension)) continue;
        if (k == OfferKind::Reinstatement && (has(OfferKind::Extension) || has(OfferKind::PostWarranty))) continue;
        // Prices and value come from one catalog, so one currency (add_eligible keeps no other).
        if (const std::optional<Money> sum = unit_.value.plus(unit_.unit_price(o).times(unit_.quantity)))
            unit_.value = *sum;
    }
    unit_.lapsed = as_of_ > rules::post_warranty_window(catalog_.policy, device_.coverage_end).until;
    if (!windows.empty()) unit_.bucket = bucket_for(windows.front().days_left);
    else if (unit_.lapsed) unit_.bucket = WindowBucket::Lapsed;
    else unit_.bucket = WindowBucket::Nothing;
    unit_.assign(offers, windows, device_.input.serial, device_.input.mtm, {});
}

}  // namespace fleet_detail

UnitOpportunity evaluate_unit(const Catalog& catalog, const DeviceFacts& device, Date as_of) {
    UnitOpportunity unit;
    fleet_detail::UnitBuilder builder(unit, catalog, device, as_of);
    for (const Offering& offering : catalog.offerings) {
        if (!fleet_detail::renewal_kind(offering.kind)) continue;
        for (int term : offering.terms) {
            const Offer offer = evaluate_offer(catalog, device, offering, term, as_of, {}, /*explain=*/false);
            if (offer.status == OfferStatus::Eligible && offer.unit_price)
                builder.add_eligible(offering, term, *offer.unit_price, offer.window);
        }
    }
    builder.finish();
    return unit;
}

std::vector<ServiceRequest> proposed_services(const Catalog& catalog, const DeviceInput& input,
                                              const UnitOpportunity& unit, Date as_of) {
    std::vector<ServiceRequest> services;
    const DeviceResolution resolved = resolve_device(catalog, input);
    if (!resolved.facts) return services;
    std::vector<const BestOffer*> order;
    for (OfferKind path : {OfferKind::Extension, OfferKind::PostWarranty, OfferKind::Reinstatement}) {
        const auto it = std::find_if(unit.best_offers().begin(), unit.best_offers().end(),
                                     [&](const BestOffer& o) { return o.offering->kind == path; });
        if (it != unit.best_offers().end()) {
            order.push_back(&*it);
            break;
        }
    }
    for (const BestOffer& o : unit.best_offers()) {
        const OfferKind k = o.offering->kind;
        if (k != OfferKind::Extension && k != OfferKind::PostWarranty && k != OfferKind::Reinstatement)
            order.push_back(&o);
    }
    // Each candidate joins when the evaluation's settlement sells it beside those already chosen
    // without refusing any of them: what is proposed is what a quote of it will sell.
    std::vector<CompanionService> chosen;
    for (const BestOffer* candidate : order) {
        // The same term may not fit beside the chosen ones: try the candidate's term, then the renewal's.
        std::vector<int> terms = {candidate->term_years};
        if (!chosen.empty() && chosen.front().term_years != candidate->term_years)
            terms.push_back(chosen.front().term_years);
        for (int term : terms) {
            std::vector<ServiceRequest> with;
            for (const CompanionService& c : chosen)
                with.push_back({c.offering->id, std::nullopt, c.term_years, std::nullopt});
            with.push_back({candidate->offering->id, std::nullopt, term, std::nullopt});
            const ItemSettlement settled = settle_services(catalog, *resolved.facts, as_of, with, 0, /*explain=*/false);
            if (!settled.rejected.empty() || std::any_of(settled.sold.begin(), settled.sold.end(), [](const Offer& o) {
                    return o.status != OfferStatus::Eligible;
                }))
                continue;
            chosen.push_back({candidate->offering, term});
            break;
        }
    }
    for (const CompanionService& c : chosen)
        services.push_back({c.offering->id, std::nullopt, c.term_years, std::nullopt});
    return services;
}

FleetEvaluator::FleetEvaluator(const Catalog& catalog, Date as_of)
    : as_of_(as_of), plan_(std::make_unique<FleetPlan>(catalog, as_of)) {
    start_summary(summary_, catalog.policy.currency, as_of);
}

FleetEvaluator::~FleetEvaluator() = default;

const UnitOpportunity* FleetEvaluator::evaluate(const FleetRow& row, std::vector<FleetRowError>& errors) {
    if (std::optional<DeviceError> error = plan_->evaluate(row.device, unit_)) {
        errors.push_back({row.line, error->field, error->message});
        return nullptr;
    }
    unit_.line = row.line;
    unit_.set_customer(row.customer);
    add_to_summary(unit_);
    return &unit_;
}

void FleetEvaluator::add_to_summary(const UnitOpportunity& unit) {
    apos::add_to_summary(summary_, unit, as_of_, index_);
}

FleetEvaluation::FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, Date as_of)
    : catalog_(catalog), parsed_(&parsed), parse_errors_taken_(parsed.errors.size()), evaluator_(catalog, as_of) {
    result_.as_of = as_of;
    result_.errors = parsed.errors;
    result_.units.reserve(parsed.rows.size());
}

FleetEvaluation::FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, FleetResult partial,
                                 std::size_t rows_done)
    : catalog_(catalog),
      parsed_(&parsed),
      parse_errors_taken_(parsed.errors.size()),  // the partial result has them
      evaluator_(catalog, partial.as_of),
      result_(std::move(partial)),
      next_row_(std::min(rows_done, parsed.rows.size())) {
    evaluator_.summary() = std::move(result_.summary);
    result_.summary = {};
    result_.units.reserve(parsed.rows.size());
}

void FleetEvaluation::follow(const FleetParse& parsed) {
    parsed_ = &parsed;
    const std::size_t from = std::min(parse_errors_taken_, parsed.errors.size());
    result_.errors.insert(result_.errors.end(), parsed.errors.begin() + static_cast<std::ptrdiff_t>(from),
                          parsed.errors.end());
    parse_errors_taken_ = parsed.errors.size();
}

bool FleetEvaluation::step(std::size_t max_units) {
    const std::size_t stop = std::min(parsed_->rows.size(), next_row_ + max_units);
    for (; next_row_ < stop; ++next_row_) {
        parsed_->rows.get(next_row_, row_);
        if (const UnitOpportunity* unit = evaluator_.evaluate(row_, result_.errors)) result_.units.push_back(*unit);
    }
    return next_row_ >= parsed_->rows.size();
}

FleetResult FleetEvaluation::take() {
    result_.summary = std::move(evaluator_.summary());
    result_.summary.rows_with_errors = sort_and_count_error_rows(result_.errors);
    return std::move(result_);
}

FleetResult evaluate_fleet(const Catalog& catalog, const FleetParse& parsed, Date as_of,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
    FleetEvaluation evaluation(catalog, parsed, as_of);
    while (!evaluation.step(4096))
        if (progress) progress(evaluation.done(), evaluation.total());
    if (progress) progress(evaluation.total(), evaluation.total());
    return evaluation.take();
}

}  // namespace apos
