// Fleet renewals: CSV parsing, per-unit opportunities through the single-device path,
// and the summary a partner plans renewals from.
#include "apos/fleet.hpp"

#include "apos/evaluation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "apos/evaluation.hpp"
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

// [SECTION] CSV ------------------------------------------------------------------------------
namespace {

// Splits CSV text into records of fields. Quotes may hold separators, quotes ("") and line breaks.
class CsvReader {
public:
    explicit CsvReader(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
    }
    bool done() const { return pos_ >= text_.size(); }
    int line() const { return line_; }

    // Reads one record; returns false on an unterminated quote (the rest of the file).
    bool next(std::vector<std::string>& fields, int& record_line) {
        fields.clear();
        record_line = line_;
        std::string field;
        bool quoted = false;
        bool was_quoted = false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (quoted) {
                if (c == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        field += '"';
                        ++pos_;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') ++line_;
                    field += c;
                }
                continue;
            }
            if (c == '"' && field.empty() && !was_quoted) {
                quoted = was_quoted = true;
            } else if (c == ',') {
                fields.push_back(std::move(field));
                field.clear();
                was_quoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
                ++line_;
                fields.push_back(std::move(field));
                return true;
            } else {
                field += c;
            }
        }
        if (quoted) return false;
        fields.push_back(std::move(field));
        return true;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

enum Column {
    kSerial,
    kMtm,
    kShipDate,
    kPurchaseDate,
    kChannel,
    kCondition,
    kCountry,
    kCoverageEnd,
    kServices,
    kCustomer,
    kQuantity,
    kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "serial",  "mtm",          "ship_date", "purchase_date", "channel", "condition",
    "country", "coverage_end", "services",  "customer",      "quantity"};

}  // namespace

struct FleetCsvReader::State {
    State(std::string_view whole_text, const FleetLimits& row_limits)
        : text(whole_text), limits(row_limits), csv(whole_text) {}
    std::string_view text;
    FleetLimits limits;
    CsvReader csv;
    std::array<int, kColumnCount> where{};  // field index of each known column, or -1
    std::vector<int> extra_index;           // field indices of the kept extra columns
    std::unordered_map<std::string, int> serial_lines;
    std::size_t data_rows = 0;
    std::vector<std::string> fields;  // reused between rows
};

FleetCsvReader::FleetCsvReader(std::string_view text, const FleetLimits& limits)
    : state_(std::make_unique<State>(text, limits)) {
    if (text.size() > limits.max_bytes) {
        fatal_ = true;
        header_errors_.push_back({0, "",
                                  "the file has " + std::to_string(text.size()) + " bytes; the limit is " +
                                      std::to_string(limits.max_bytes) + " bytes"});
        return;
    }
    State& s = *state_;
    int line = 0;
    if (s.csv.done() || !s.csv.next(s.fields, line)) {
        fatal_ = true;
        header_errors_.push_back({1, "", "no header row: expected column names such as serial,mtm,ship_date"});
        return;
    }
    s.where.fill(-1);
    for (std::size_t i = 0; i < s.fields.size(); ++i) {
        const std::string name = lower(trim(s.fields[i]));
        const auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (known != kColumnNames.end() && s.where[static_cast<std::size_t>(known - kColumnNames.begin())] < 0) {
            s.where[static_cast<std::size_t>(known - kColumnNames.begin())] = static_cast<int>(i);
        } else {
            s.extra_index.push_back(static_cast<int>(i));
            extra_columns_.push_back(trim(s.fields[i]));
        }
    }
    for (Column required : {kMtm, kShipDate})
        if (s.where[required] < 0) {
            fatal_ = true;
            header_errors_.push_back(
                {1, std::string(kColumnNames[required]),
                 "the header has no \"" + std::string(kColumnNames[required]) + "\" column (found: " +
                     std::string(text.substr(0, std::min<std::size_t>(text.find('\n'), 200))) + ")"});
        }
}

FleetCsvReader::~FleetCsvReader() = default;

bool FleetCsvReader::next(FleetRow& row, std::vector<FleetRowError>& errors) {
    if (fatal_) return false;
    State& s = *state_;
    std::vector<std::string>& fields = s.fields;
    int line = 0;
    while (!s.csv.done()) {
        if (!s.csv.next(fields, line)) {
            errors.push_back({line, "", "a quoted field is never closed; the rest of the file was skipped"});
            return false;
        }
        if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
        if (++s.data_rows > s.limits.max_rows) {
            fatal_ = true;
            errors.push_back(
                {line, "", "more than " + std::to_string(s.limits.max_rows) + " rows; the rest was not read"});
            return false;
        }
        auto get = [&](Column c) -> std::string {
            const int i = s.where[c];
            return i >= 0 && static_cast<std::size_t>(i) < fields.size() ? trim(fields[static_cast<std::size_t>(i)])
                                                                         : std::string();
        };
        row = FleetRow{};
        row.line = line;
        const std::size_t errors_before = errors.size();
        auto fail = [&](Column c, std::string message) {
            errors.push_back({line, std::string(kColumnNames[c]), std::move(message)});
        };

        row.device.serial = get(kSerial);
        row.device.mtm = get(kMtm);
        if (row.device.mtm.size() < 4 || row.device.mtm.size() > 10)
            fail(kMtm, "expected a machine type or MTM (4 to 10 characters), found \"" + row.device.mtm + "\"");
        const std::string ship = get(kShipDate);
        if (auto d = Date::parse(ship)) row.device.ship_date = *d;
        else fail(kShipDate, ship.empty() ? "missing ship date" : "expected a date YYYY-MM-DD, found \"" + ship + "\"");
        if (const std::string v = get(kPurchaseDate); !v.empty()) {
            if (auto d = Date::parse(v)) row.device.purchase_date = d;
            else fail(kPurchaseDate, "expected a date YYYY-MM-DD, found \"" + v + "\"");
        }
        if (const std::string v = get(kCoverageEnd); !v.empty()) {
            if (auto d = Date::parse(v)) row.device.coverage_end = d;
            else fail(kCoverageEnd, "expected a date YYYY-MM-DD, found \"" + v + "\"");
        }
        if (const std::string v = lower(get(kChannel)); !v.empty()) {
            if (auto c = parse_channel(v)) row.device.channel = *c;
            else fail(kChannel, "expected direct or distributor, found \"" + v + "\"");
        }
        if (const std::string v = lower(get(kCondition)); !v.empty()) {
            if (auto c = parse_condition(v)) row.device.condition = *c;
            else fail(kCondition, "expected new, open-box or refurbished, found \"" + v + "\"");
        }
        if (const std::string v = get(kCountry); !v.empty()) {
            if (v.size() == 2 && std::isupper(static_cast<unsigned char>(v[0])) &&
                std::isupper(static_cast<unsigned char>(v[1])))
                row.device.country = v;
            else fail(kCountry, "expected a 2-letter country code such as US, found \"" + v + "\"");
        }
        if (const std::string v = get(kQuantity); !v.empty()) {
            if (v.size() <= 7 && v.find_first_not_of("0123456789") == std::string::npos && std::stoi(v) >= 1 &&
                std::stoi(v) <= 1000000)
                row.device.quantity = std::stoi(v);
            else fail(kQuantity, "expected 1 to 1000000 units, found \"" + v + "\"");
        }
        if (const std::string v = get(kServices); !v.empty()) {
            std::size_t start = 0;
            while (start <= v.size()) {
                const std::size_t end = std::min(v.find(';', start), v.size());
                const std::string kind = lower(trim(v.substr(start, end - start)));
                if (!kind.empty()) {
                    if (auto k = parse_offer_kind(kind)) row.device.services_held.push_back(*k);
                    else
                        fail(kServices,
                             "unknown service kind \"" + kind + "\" (expected kinds such as extension;adp;kyd)");
                }
                start = end + 1;
            }
        }
        row.customer = get(kCustomer);
        for (int i : s.extra_index)
            row.extra.push_back(static_cast<std::size_t>(i) < fields.size() ? fields[static_cast<std::size_t>(i)]
                                                                            : std::string());
        // Only rows that load claim their serial: a later good row may reuse a bad row's serial.
        if (errors.size() == errors_before && !row.device.serial.empty()) {
            const auto [it, fresh] = s.serial_lines.emplace(row.device.serial, line);
            if (!fresh)
                fail(kSerial, "serial " + row.device.serial + " already appears on line " + std::to_string(it->second));
        }
        if (errors.size() == errors_before) return true;
    }
    return false;
}

FleetParse parse_fleet_csv(std::string_view text, const FleetLimits& limits) {
    FleetParse result;
    FleetCsvReader reader(text, limits);
    result.errors = reader.header_errors();
    result.extra_columns = reader.extra_columns();
    result.fatal = reader.fatal();
    if (result.fatal) return result;
    result.rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    FleetRow row;
    while (reader.next(row, result.errors)) result.rows.push_back(std::move(row));
    result.fatal = reader.fatal();
    return result;
}

// [SECTION] Evaluation ----------------------------------------------------------------------
namespace {

bool renewal_kind(OfferKind kind) {
    return kind != OfferKind::Deployment && kind != OfferKind::Recovery && kind != OfferKind::Support;
}

// Everything about a device that can change its answer (not its serial or customer), packed
// so that a million lookups cost no string building.
struct DeviceKey {
    std::uint32_t machine_type = 0;  // the 4 characters that pick the machine type, upper case
    std::int32_t ship = 0;
    std::int32_t purchase = 0;
    std::int32_t coverage_end = 0;
    std::int32_t quantity = 0;
    std::int32_t pages_per_box = 0;
    std::int32_t install_locations = 0;
    std::uint32_t services_held = 0;  // one bit per OfferKind
    std::uint16_t country = 0;
    std::uint8_t channel = 0;
    std::uint8_t condition = 0;
    std::uint8_t segment = 0;
    std::uint8_t replacement = 0;
    friend bool operator==(const DeviceKey&, const DeviceKey&) = default;
};

struct DeviceKeyHash {
    std::size_t operator()(const DeviceKey& k) const {
        std::uint64_t h = 0x9E3779B97F4A7C15ull;
        auto mix = [&h](std::uint64_t v) {
            h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
            h *= 0xBF58476D1CE4E5B9ull;
        };
        mix(k.machine_type);
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.ship)) << 32) |
            static_cast<std::uint32_t>(k.purchase));
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.coverage_end)) << 32) |
            static_cast<std::uint32_t>(k.quantity));
        mix((static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.pages_per_box)) << 32) |
            static_cast<std::uint32_t>(k.install_locations));
        mix((static_cast<std::uint64_t>(k.services_held) << 32) | (static_cast<std::uint64_t>(k.country) << 16) |
            (static_cast<std::uint64_t>(k.channel) << 12) | (static_cast<std::uint64_t>(k.condition) << 8) |
            (static_cast<std::uint64_t>(k.segment) << 4) | k.replacement);
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

// No key (no sharing) for anything unusual: a device the resolver may reject on a character
// past the first four must be resolved on its own.
std::optional<DeviceKey> device_key(const DeviceInput& d) {
    if (d.mtm.size() < 4 || d.mtm.size() > 10 || d.country.size() != 2) return std::nullopt;
    for (char c : d.mtm)
        if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    DeviceKey key;
    for (int i = 0; i < 4; ++i)
        key.machine_type =
            (key.machine_type << 8) |
            static_cast<unsigned char>(std::toupper(static_cast<unsigned char>(d.mtm[static_cast<std::size_t>(i)])));
    constexpr std::int32_t kNone = -1000000;  // before any valid date
    key.ship = d.ship_date.days_since_epoch();
    key.purchase = d.purchase_date ? d.purchase_date->days_since_epoch() : kNone;
    key.coverage_end = d.coverage_end ? d.coverage_end->days_since_epoch() : kNone;
    key.quantity = d.quantity;
    key.pages_per_box = d.pages_per_box;
    key.install_locations = d.install_locations;
    for (OfferKind k : d.services_held) key.services_held |= 1u << static_cast<unsigned>(k);
    key.country = static_cast<std::uint16_t>((static_cast<unsigned char>(d.country[0]) << 8) |
                                             static_cast<unsigned char>(d.country[1]));
    key.channel = static_cast<std::uint8_t>(d.channel);
    key.condition = static_cast<std::uint8_t>(d.condition);
    key.segment = static_cast<std::uint8_t>(d.segment);
    key.replacement = d.replacement ? 1 : 0;
    return key;
}

WindowBucket bucket_for(int days_left) {
    if (days_left <= 30) return WindowBucket::Closing0To30;
    if (days_left <= 60) return WindowBucket::Closing31To60;
    if (days_left <= 90) return WindowBucket::Closing61To90;
    return WindowBucket::OpenLater;
}

}  // namespace

UnitOpportunity evaluate_unit(const Catalog& catalog, const DeviceFacts& device, Date as_of) {
    UnitOpportunity unit;
    unit.serial = device.input.serial;
    unit.mtm = device.input.mtm;
    unit.machine_type = device.machine_type->mt;  // the catalog outlives the units
    unit.coverage_end = device.coverage_end;
    unit.covered = as_of <= device.coverage_end;
    unit.quantity = device.input.quantity;
    unit.value = Money(0, catalog.policy.currency);

    for (const Offering& offering : catalog.offerings) {
        if (!renewal_kind(offering.kind)) continue;  // project services are not renewals
        for (int term : offering.terms) {
            const Offer offer = evaluate_offer(catalog, device, offering, term, as_of, {}, /*explain=*/false);
            const OfferKind kind = offering.kind;
            if (offer.status != OfferStatus::Eligible || !offer.unit_price) continue;
            if (kind == OfferKind::Reinstatement) {
                if (!unit.reinstatement_price ||
                    offer.unit_price->minor_units() < unit.reinstatement_price->minor_units())
                    unit.reinstatement_price = offer.unit_price;
            }
            // Best per kind: the most coverage, then the lower price.
            const BestOffer candidate{offer.offering, offer.term_years, *offer.unit_price, offer.window};
            auto best = std::find_if(unit.best_offers.begin(), unit.best_offers.end(),
                                     [&](const BestOffer& o) { return o.offering->kind == kind; });
            if (best == unit.best_offers.end()) unit.best_offers.push_back(candidate);
            else if (offer.term_years > best->term_years ||
                     (offer.term_years == best->term_years &&
                      offer.unit_price->minor_units() < best->unit_price.minor_units()))
                *best = candidate;
            if (offer.window) {
                auto window = std::find_if(unit.windows.begin(), unit.windows.end(),
                                           [&](const ClosingWindow& w) { return w.kind == kind; });
                const int days_left = days_between(as_of, offer.window->until);
                if (window == unit.windows.end())
                    unit.windows.push_back({kind, offer.offering, offer.window->until, days_left});
                else if (offer.window->until < window->closes)
                    *window = {kind, offer.offering, offer.window->until, days_left};
            }
        }
    }
    std::sort(unit.windows.begin(), unit.windows.end(),
              [](const ClosingWindow& a, const ClosingWindow& b) { return a.closes < b.closes; });
    // One renewal path counts toward the value: an extension, else post-warranty, else reinstatement.
    auto has = [&](OfferKind k) {
        return std::any_of(unit.best_offers.begin(), unit.best_offers.end(),
                           [&](const BestOffer& o) { return o.offering->kind == k; });
    };
    for (const BestOffer& o : unit.best_offers) {
        const OfferKind k = o.offering->kind;
        if (k == OfferKind::PostWarranty && has(OfferKind::Extension)) continue;
        if (k == OfferKind::Reinstatement && (has(OfferKind::Extension) || has(OfferKind::PostWarranty))) continue;
        // Prices and value come from one catalog, so one currency; a price in another one is
        // left out of the value rather than counted under the wrong code.
        if (const std::optional<Money> sum = unit.value.plus(o.unit_price.times(unit.quantity))) unit.value = *sum;
    }

    unit.lapsed = as_of > rules::post_warranty_window(catalog.policy, device.coverage_end).until;
    if (!unit.windows.empty()) unit.bucket = bucket_for(unit.windows.front().days_left);
    else if (unit.lapsed) unit.bucket = WindowBucket::Lapsed;
    else unit.bucket = WindowBucket::Nothing;
    return unit;
}

std::vector<ServiceRequest> proposed_services(const Catalog& catalog, const DeviceInput& input,
                                              const UnitOpportunity& unit, Date as_of) {
    std::vector<ServiceRequest> services;
    const DeviceResolution resolved = resolve_device(catalog, input);
    if (!resolved.facts) return services;
    std::vector<const BestOffer*> order;
    for (OfferKind path : {OfferKind::Extension, OfferKind::PostWarranty, OfferKind::Reinstatement}) {
        const auto it = std::find_if(unit.best_offers.begin(), unit.best_offers.end(),
                                     [&](const BestOffer& o) { return o.offering->kind == path; });
        if (it != unit.best_offers.end()) {
            order.push_back(&*it);
            break;
        }
    }
    for (const BestOffer& o : unit.best_offers) {
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

// Sets a summary up for the 24 months from the as-of month, with zero amounts.
void start_summary(FleetSummary& summary, const Currency& currency, Date as_of);

void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of) {
    if (summary.expiries_by_month.empty()) start_summary(summary, unit.value.currency(), as_of);
    if (summary.expiries_by_month_bucket.size() != summary.expiries_by_month.size())
        summary.expiries_by_month_bucket.resize(summary.expiries_by_month.size());  // a summary set up by hand
    summary.units += 1;
    // A summary holds one currency (that of its first unit): a unit valued in another one is
    // counted but its value is left out rather than added under the wrong code.
    auto add_value = [&](Money& total) {
        if (const std::optional<Money> sum = total.plus(unit.value)) total = *sum;
    };
    add_value(summary.value);
    auto add = [&](BucketTotals& totals) {
        if (totals.units == 0) totals.value = Money(0, unit.value.currency());
        totals.units += 1;
        add_value(totals.value);
    };
    add(summary.by_bucket[static_cast<std::size_t>(unit.bucket)]);
    auto totals_of = [](std::map<std::string, BucketTotals, std::less<>>& by, std::string_view name) -> BucketTotals& {
        auto it = by.find(name);  // a find first: most units add to a name already there
        if (it == by.end()) it = by.emplace(std::string(name), BucketTotals{}).first;
        return it->second;
    };
    add(totals_of(summary.by_customer,
                  unit.customer.empty() ? std::string_view("(no customer)") : std::string_view(unit.customer)));
    add(totals_of(summary.by_machine_type, unit.machine_type));
    // Expiries by month for the 24 months starting with the as-of month.
    const YearMonthDay start = as_of.ymd();
    const YearMonthDay end = unit.coverage_end.ymd();
    const int offset = (end.year - start.year) * 12 + (end.month - start.month);
    if (offset >= 0 && static_cast<std::size_t>(offset) < summary.expiries_by_month.size()) {
        summary.expiries_by_month[static_cast<std::size_t>(offset)].second += 1;
        summary.expiries_by_month_bucket[static_cast<std::size_t>(offset)][static_cast<std::size_t>(unit.bucket)] += 1;
    }
}

void start_summary(FleetSummary& summary, const Currency& currency, Date as_of) {
    summary.value = Money(0, currency);
    for (BucketTotals& b : summary.by_bucket) b.value = Money(0, currency);
    summary.expiries_by_month.clear();
    summary.expiries_by_month_bucket.assign(24, {});
    YearMonthDay month = as_of.ymd();
    for (int i = 0; i < 24; ++i) {
        char label[16];
        std::snprintf(label, sizeof label, "%04d-%02d", month.year, month.month);
        summary.expiries_by_month.emplace_back(label, 0);
        if (++month.month > 12) {
            month.month = 1;
            ++month.year;
        }
    }
}

// Answers of recent distinct devices. Bounded, because in a fleet of a million mostly distinct
// units it would otherwise hold every unit twice; when full it starts again.
struct FleetEvaluator::Memo {
    static constexpr std::size_t kMaxEntries = 1u << 16;
    std::unordered_map<DeviceKey, UnitOpportunity, DeviceKeyHash> units;
};

FleetEvaluator::FleetEvaluator(const Catalog& catalog, Date as_of)
    : catalog_(catalog), as_of_(as_of), memo_(std::make_unique<Memo>()) {
    start_summary(summary_, catalog.policy.currency, as_of);
}

FleetEvaluator::~FleetEvaluator() = default;

std::optional<UnitOpportunity> FleetEvaluator::evaluate(const FleetRow& row, std::vector<FleetRowError>& errors) {
    const std::optional<DeviceKey> key = device_key(row.device);
    const auto known = key ? memo_->units.find(*key) : memo_->units.end();
    UnitOpportunity unit;
    if (known != memo_->units.end()) {
        unit = known->second;
    } else {
        const DeviceResolution resolved = resolve_device(catalog_, row.device);
        if (!resolved.facts) {
            errors.push_back({row.line, resolved.error->field, resolved.error->message});
            return std::nullopt;
        }
        unit = evaluate_unit(catalog_, *resolved.facts, as_of_);
        if (key) {
            if (memo_->units.size() >= Memo::kMaxEntries) memo_->units.clear();
            memo_->units.emplace(*key, unit);
        }
    }
    unit.line = row.line;
    unit.serial = row.device.serial;
    unit.mtm = row.device.mtm;
    unit.customer = row.customer;
    add_to_summary(summary_, unit, as_of_);
    return unit;
}

std::int64_t sort_and_count_error_rows(std::vector<FleetRowError>& errors) {
    std::stable_sort(errors.begin(), errors.end(),
                     [](const FleetRowError& a, const FleetRowError& b) { return a.line < b.line; });
    return count_error_rows(errors);
}

std::int64_t count_error_rows(const std::vector<FleetRowError>& errors) {
    std::int64_t rows = 0;
    int last = -1;
    for (const FleetRowError& e : errors)
        if (e.line != last) {
            ++rows;
            last = e.line;
        }
    return rows;
}

FleetEvaluation::FleetEvaluation(const Catalog& catalog, const FleetParse& parsed, Date as_of)
    : parsed_(parsed), evaluator_(catalog, as_of) {
    result_.as_of = as_of;
    result_.errors = parsed.errors;
    result_.units.reserve(parsed.rows.size());
}

bool FleetEvaluation::step(std::size_t max_units) {
    const std::size_t stop = std::min(parsed_.rows.size(), next_row_ + max_units);
    for (; next_row_ < stop; ++next_row_)
        if (auto unit = evaluator_.evaluate(parsed_.rows[next_row_], result_.errors))
            result_.units.push_back(std::move(*unit));
    return next_row_ >= parsed_.rows.size();
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
