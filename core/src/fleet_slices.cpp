// Fleet slices for the trip to another instance of this build and back: pack_fleet_slice, the far
// side's FleetSliceEvaluator, and FleetEvaluation::add_slice, which takes the answer back. Values
// travel as they are held in memory (both ends are the same build); texts as a length and bytes.
#include "apos/fleet_slices.hpp"

#include <cstring>
#include <type_traits>

namespace apos {

namespace {

constexpr std::string_view kSliceTag = "APS1";
constexpr std::string_view kAnswerTag = "APA1";
constexpr std::uint32_t kNoIndex = UINT32_MAX;

enum RowFlags : std::uint8_t { kHasPurchaseDate = 1, kHasCoverageEnd = 2, kReplacement = 4 };

class Packer {
public:
    explicit Packer(std::string& out) : out_(out) {}
    template <typename T>
    void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        out_.append(bytes, sizeof(T));
    }
    void put_date(Date day) { put(day.days_since_epoch()); }
    void put_text(std::string_view text) {
        put(static_cast<std::uint32_t>(text.size()));
        out_.append(text);
    }

private:
    std::string& out_;
};

// Reads what Packer wrote; every read checks that the bytes are there (ok() turns false, and
// stays false, at the first that is not).
class Unpacker {
public:
    explicit Unpacker(std::string_view in) : in_(in) {}
    template <typename T>
    T take() {
        T value{};
        if (!has(sizeof(T))) return value;
        std::memcpy(&value, in_.data() + at_, sizeof(T));
        at_ += sizeof(T);
        return value;
    }
    Date take_date() { return Date{}.plus_days(take<std::int32_t>()); }
    std::string_view take_text() {
        const auto size = take<std::uint32_t>();
        if (!has(size)) return {};
        const std::string_view text = in_.substr(at_, size);
        at_ += size;
        return text;
    }
    bool take_tag(std::string_view tag) {
        if (!has(tag.size()) || in_.substr(at_, tag.size()) != tag) return ok_ = false;
        at_ += tag.size();
        return true;
    }
    bool ok() const { return ok_; }
    bool at_end() const { return at_ == in_.size(); }

private:
    bool has(std::size_t bytes) {
        if (ok_ && in_.size() - at_ >= bytes) return true;
        ok_ = false;
        return false;
    }
    std::string_view in_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

std::uint32_t index_of(const Offering* offering, const Catalog& catalog) {
    if (!offering || offering < catalog.offerings.data() ||
        offering >= catalog.offerings.data() + catalog.offerings.size())
        return kNoIndex;
    return static_cast<std::uint32_t>(offering - catalog.offerings.data());
}

void pack_unit(Packer& p, const UnitOpportunity& unit, const Catalog& catalog) {
    const MachineType* type = catalog.find_machine_type(unit.machine_type);
    p.put(unit.line);
    p.put(type ? static_cast<std::uint32_t>(type - catalog.machine_types.data()) : kNoIndex);
    p.put_date(unit.coverage_end);
    p.put(static_cast<std::uint8_t>(unit.covered));
    p.put(static_cast<std::uint8_t>(unit.lapsed));
    p.put(static_cast<std::uint8_t>(unit.bucket));
    p.put(unit.quantity);
    p.put(unit.value.minor_units());
    const std::optional<Money> reinstatement = unit.reinstatement_price();
    p.put(static_cast<std::uint8_t>(reinstatement.has_value()));
    p.put(reinstatement ? reinstatement->minor_units() : std::int64_t{0});
    const std::span<const BestOffer> offers = unit.best_offers();
    p.put(static_cast<std::uint8_t>(offers.size()));
    for (const BestOffer& offer : offers) {
        p.put(index_of(offer.offering, catalog));
        p.put(offer.term_years);
        p.put(offer.unit_price_minor());
        const std::optional<DateRange> window = offer.window();
        p.put(static_cast<std::uint8_t>(window.has_value()));
        p.put_date(window ? window->from : Date{});
        p.put_date(window ? window->until : Date{});
    }
    const std::span<const ClosingWindow> windows = unit.windows();
    p.put(static_cast<std::uint8_t>(windows.size()));
    for (const ClosingWindow& window : windows) {
        p.put(index_of(window.offering, catalog));
        p.put_date(window.closes);
        p.put(window.days_left);
    }
    p.put_text(unit.serial());
    p.put_text(unit.mtm());
    p.put_text(unit.customer());
}

// One unit of an answer, its offerings and machine type found by place in `catalog`. False when
// a place is outside the catalog or the bytes end early.
bool unpack_unit(Unpacker& in, const Catalog& catalog, UnitOpportunity& unit, std::vector<BestOffer>& offers,
                 std::vector<ClosingWindow>& windows) {
    const auto offering_at = [&catalog](std::uint32_t index) -> const Offering* {
        return index < catalog.offerings.size() ? &catalog.offerings[index] : nullptr;
    };
    unit.line = in.take<int>();
    const auto type = in.take<std::uint32_t>();
    if (type >= catalog.machine_types.size()) return false;
    unit.machine_type = catalog.machine_types[type].mt;
    unit.coverage_end = in.take_date();
    unit.covered = in.take<std::uint8_t>() != 0;
    unit.lapsed = in.take<std::uint8_t>() != 0;
    const auto bucket = in.take<std::uint8_t>();
    if (bucket >= kWindowBucketCount) return false;
    unit.bucket = static_cast<WindowBucket>(bucket);
    unit.quantity = in.take<int>();
    unit.value = Money(in.take<std::int64_t>(), catalog.policy.currency);
    const bool has_reinstatement = in.take<std::uint8_t>() != 0;
    const auto reinstatement = in.take<std::int64_t>();
    unit.set_reinstatement_price(has_reinstatement ? std::optional(Money(reinstatement, unit.value.currency()))
                                                   : std::nullopt);
    offers.resize(in.take<std::uint8_t>());
    for (BestOffer& offer : offers) {
        const Offering* offering = offering_at(in.take<std::uint32_t>());
        const auto term = in.take<std::int16_t>();
        const auto price = in.take<std::int64_t>();
        const bool has_window = in.take<std::uint8_t>() != 0;
        const Date from = in.take_date();
        const Date until = in.take_date();
        if (!offering) return false;
        offer = BestOffer(offering, term, Money(price, unit.value.currency()),
                          has_window ? std::optional(DateRange{from, until}) : std::nullopt);
    }
    windows.resize(in.take<std::uint8_t>());
    for (ClosingWindow& window : windows) {
        window.offering = offering_at(in.take<std::uint32_t>());
        window.closes = in.take_date();
        window.days_left = in.take<int>();
        if (!window.offering) return false;
    }
    const std::string_view serial = in.take_text();
    const std::string_view mtm = in.take_text();
    const std::string_view customer = in.take_text();
    if (!in.ok()) return false;
    unit.assign(offers, windows, serial, mtm, customer);
    return true;
}

}  // namespace

std::string pack_fleet_slice(const FleetRows& rows, std::size_t begin, std::size_t end, Date as_of) {
    std::string out;
    pack_fleet_slice(rows, begin, end, as_of, out);
    return out;
}

void pack_fleet_slice(const FleetRows& rows, std::size_t begin, std::size_t end, Date as_of, std::string& out) {
    end = std::min(end, rows.size());
    begin = std::min(begin, end);
    out.clear();
    out.reserve(16 + (end - begin) * 96);
    Packer p(out);
    out.append(kSliceTag);
    p.put_date(as_of);
    p.put(static_cast<std::uint32_t>(end - begin));
    FleetRow row;
    for (std::size_t i = begin; i < end; ++i) {
        rows.get(i, row);
        const DeviceInput& d = row.device;
        p.put(row.line);
        p.put_date(d.ship_date);
        p.put(static_cast<std::uint8_t>((d.purchase_date ? kHasPurchaseDate : 0) |
                                        (d.coverage_end ? kHasCoverageEnd : 0) | (d.replacement ? kReplacement : 0)));
        p.put_date(d.purchase_date.value_or(Date{}));
        p.put_date(d.coverage_end.value_or(Date{}));
        p.put(d.quantity);
        p.put(static_cast<std::uint8_t>(d.channel));
        p.put(static_cast<std::uint8_t>(d.condition));
        p.put(static_cast<std::uint8_t>(d.segment));
        p.put(d.pages_per_box);
        p.put(d.install_locations);
        p.put(static_cast<std::uint32_t>(d.services_held.size()));
        for (const OfferKind kind : d.services_held) p.put(static_cast<std::uint8_t>(kind));
        p.put_text(d.mtm);
        p.put_text(d.serial);
        p.put_text(d.country);
        p.put_text(row.customer);
    }
}

FleetSliceEvaluator::FleetSliceEvaluator(const Catalog& catalog) : catalog_(catalog) {}
FleetSliceEvaluator::~FleetSliceEvaluator() = default;

std::optional<std::string> FleetSliceEvaluator::evaluate(std::string_view slice, std::string& error) {
    Unpacker in(slice);
    if (!in.take_tag(kSliceTag)) {
        error = "not a fleet slice (its first bytes are not the slice's mark)";
        return std::nullopt;
    }
    const Date as_of = in.take_date();
    const auto count = in.take<std::uint32_t>();
    if (!evaluator_ || evaluator_->as_of() != as_of) evaluator_ = std::make_unique<FleetEvaluator>(catalog_, as_of);
    // Only the units go back: the summary is the receiver's to add up. Started afresh per slice,
    // so that its tables by customer do not grow with the whole fleet.
    start_summary(evaluator_->summary() = {}, catalog_.policy.currency, as_of);

    std::string units;
    units.reserve(std::size_t{count} * 160);
    Packer unit_packer(units);
    std::uint32_t unit_count = 0;
    errors_.clear();
    int first_line = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        DeviceInput& d = row_.device;
        row_.line = in.take<int>();
        if (i == 0) first_line = row_.line;
        d.ship_date = in.take_date();
        const auto flags = in.take<std::uint8_t>();
        const Date purchase = in.take_date();
        const Date coverage_end = in.take_date();
        d.purchase_date = (flags & kHasPurchaseDate) ? std::optional(purchase) : std::nullopt;
        d.coverage_end = (flags & kHasCoverageEnd) ? std::optional(coverage_end) : std::nullopt;
        d.replacement = (flags & kReplacement) != 0;
        d.quantity = in.take<int>();
        d.channel = static_cast<Channel>(in.take<std::uint8_t>());
        d.condition = static_cast<Condition>(in.take<std::uint8_t>());
        d.segment = static_cast<Segment>(in.take<std::uint8_t>());
        d.pages_per_box = in.take<int>();
        d.install_locations = in.take<int>();
        const auto held = in.take<std::uint32_t>();
        if (held > slice.size()) {
            error = "the fleet slice names more services held than it has bytes, in row " + std::to_string(i + 1);
            return std::nullopt;
        }
        d.services_held.resize(held);
        for (OfferKind& kind : d.services_held) kind = static_cast<OfferKind>(in.take<std::uint8_t>());
        d.mtm.assign(in.take_text());
        d.serial.assign(in.take_text());
        d.country.assign(in.take_text());
        row_.customer.assign(in.take_text());
        if (!in.ok()) {
            error =
                "the fleet slice ends in the middle of row " + std::to_string(i + 1) + " of " + std::to_string(count);
            return std::nullopt;
        }
        if (const UnitOpportunity* unit = evaluator_->evaluate(row_, errors_)) {
            pack_unit(unit_packer, *unit, catalog_);
            ++unit_count;
        }
    }

    std::string answer;
    answer.reserve(40 + units.size());
    Packer p(answer);
    answer.append(kAnswerTag);
    p.put_date(as_of);
    p.put(static_cast<std::uint32_t>(catalog_.offerings.size()));
    p.put(static_cast<std::uint32_t>(catalog_.machine_types.size()));
    answer.append(catalog_.policy.currency.code_view());
    p.put(first_line);
    p.put(count);
    p.put(unit_count);
    p.put(static_cast<std::uint32_t>(errors_.size()));
    answer.append(units);
    for (const FleetRowError& e : errors_) {
        p.put(e.line);
        p.put_text(e.column);
        p.put_text(e.message);
        p.put_text(e.problem);
        p.put_text(e.value);
    }
    return answer;
}

std::optional<std::string> FleetEvaluation::add_slice(std::string_view answer) {
    Unpacker in(answer);
    if (!in.take_tag(kAnswerTag)) return "not a fleet slice's answer (its first bytes are not the answer's mark)";
    const Date as_of = in.take_date();
    const auto offerings = in.take<std::uint32_t>();
    const auto machine_types = in.take<std::uint32_t>();
    char currency[3] = {};
    for (char& c : currency) c = in.take<char>();
    const auto first_line = in.take<int>();
    const auto rows = in.take<std::uint32_t>();
    const auto unit_count = in.take<std::uint32_t>();
    const auto error_count = in.take<std::uint32_t>();
    if (!in.ok()) return "the answer ends before its header does";
    if (as_of != evaluator_.as_of())
        return "the answer is for " + as_of.to_string() + ", the fleet is evaluated for " +
               evaluator_.as_of().to_string();
    if (offerings != catalog_.offerings.size() || machine_types != catalog_.machine_types.size() ||
        std::string_view(currency, 3) != catalog_.policy.currency.code_view())
        return "the answer was evaluated with another catalog (" + std::to_string(offerings) + " offerings, " +
               std::to_string(machine_types) + " machine types, " + std::string(currency, 3) + "; here " +
               std::to_string(catalog_.offerings.size()) + ", " + std::to_string(catalog_.machine_types.size()) + ", " +
               std::string(catalog_.policy.currency.code_view()) + ")";
    if (rows == 0 || next_row_ + rows > parsed_->rows.size() || parsed_->rows.line(next_row_) != first_line)
        return "the answer is for " + std::to_string(rows) + " rows from line " + std::to_string(first_line) +
               ", not for the rows after the " + std::to_string(next_row_) + " done";
    if (unit_count > rows) return "the answer has more units than its slice has rows";

    // Straight into the result (no second copy of a slice's units), taken out again if the
    // answer turns out not to be whole.
    const std::size_t units_before = result_.units.size();
    const std::size_t errors_before = result_.errors.size();
    const auto refuse = [&](std::string why) {
        result_.units.resize(units_before);
        result_.errors.resize(errors_before);
        return std::optional<std::string>(std::move(why));
    };
    if (error_count > rows) return "the answer has more errors than its slice has rows";
    std::vector<BestOffer> offers;
    std::vector<ClosingWindow> windows;
    for (std::uint32_t i = 0; i < unit_count; ++i)
        if (!unpack_unit(in, catalog_, result_.units.emplace_back(), offers, windows))
            return refuse("unit " + std::to_string(i + 1) + " of the answer cannot be read");
    for (std::uint32_t i = 0; i < error_count; ++i) {
        FleetRowError& e = result_.errors.emplace_back();
        e.line = in.take<int>();
        e.column.assign(in.take_text());
        e.message.assign(in.take_text());
        e.problem.assign(in.take_text());
        e.value.assign(in.take_text());
    }
    if (!in.ok() || !in.at_end()) return refuse("the answer's errors cannot be read");
    for (std::size_t i = units_before; i < result_.units.size(); ++i) evaluator_.add_to_summary(result_.units[i]);
    next_row_ += rows;
    return std::nullopt;
}

}  // namespace apos
