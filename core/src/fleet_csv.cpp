// Fleet CSV input: the header, any column order, quoted fields, and one FleetRow per good row
// (bad rows are listed with their line and column, the good ones still load).
#include "apos/fleet.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "rules/rule_support.hpp"

namespace apos {

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
        const bool closed = s.csv.next(fields, line);
        line += s.limits.line_offset;
        if (!closed) {
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

}  // namespace apos
