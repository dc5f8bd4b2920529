// Fleet CSV input: the header, any column order, quoted fields, and one FleetRow per good row
// (bad rows are listed with their line and column, the good ones still load).
#include "apos/fleet.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>

#include "rules/rule_support.hpp"

namespace apos {

namespace {

// Splits CSV text into records of fields. Quotes may hold separators, quotes ("") and line breaks.
class CsvReader {
public:
    CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
        ends_field_[static_cast<unsigned char>(delimiter)] = true;
        ends_field_[static_cast<unsigned char>('\n')] = true;
        ends_field_[static_cast<unsigned char>('\r')] = true;
    }
    bool done() const { return pos_ >= text_.size(); }
    int line() const { return line_; }

    // Reads one record; returns false on an unterminated quote (the rest of the file).
    // The strings in `fields` keep their storage from record to record, so a file of short
    // fields reads without allocating.
    bool next(std::vector<std::string>& fields, int& record_line) {
        record_line = line_;
        std::size_t count = 0;
        auto field = [&]() -> std::string& {
            if (count == fields.size()) fields.emplace_back();
            std::string& f = fields[count++];
            f.clear();
            return f;
        };
        for (;;) {
            std::string& f = field();
            if (pos_ < text_.size() && text_[pos_] == '"') {
                // Quoted: up to the closing quote, "" standing for one quote; then on to the end
                // of the field, as Excel keeps text after the closing quote.
                ++pos_;
                for (;;) {
                    if (pos_ >= text_.size()) {
                        fields.resize(count);
                        return false;
                    }
                    const char c = text_[pos_++];
                    if (c == '"') {
                        if (pos_ < text_.size() && text_[pos_] == '"') {
                            f += '"';
                            ++pos_;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') ++line_;
                    f += c;
                }
            }
            // Unquoted (or what follows a closing quote): a run of plain characters, copied at once.
            const std::size_t start = pos_;
            const std::size_t size = text_.size();
            while (pos_ < size && !ends_field_[static_cast<unsigned char>(text_[pos_])]) ++pos_;
            f.append(text_.data() + start, pos_ - start);
            if (pos_ >= text_.size()) break;
            const char end = text_[pos_++];
            if (end == delimiter_) continue;
            if (end == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            break;
        }
        fields.resize(count);
        return true;
    }

private:
    std::string_view text_;
    char delimiter_ = ',';
    std::array<bool, 256> ends_field_{};  // the delimiter and line ends, by byte value
    std::size_t pos_ = 0;
    int line_ = 1;
};

// CsvReader as the reader's records: an unclosed quote ends them with a problem.
class CsvRecords final : public FleetRecords {
public:
    explicit CsvRecords(const CsvReader& csv) : csv_(csv) {}
    bool next(std::vector<std::string>& fields, int& line, std::string& problem) override {
        if (csv_.done()) return false;
        if (csv_.next(fields, line)) return true;
        problem = "a quoted field is never closed; the rest of the file was skipped";
        return false;
    }
    std::unique_ptr<FleetRecords> fork() const override { return std::make_unique<CsvRecords>(csv_); }

private:
    CsvReader csv_;
};

// The delimiter of a file: Excel's "sep=;" first line when there is one, else the one of
// comma, semicolon and tab that the header row (outside quotes) holds most of; comma on a tie.
char detect_delimiter(std::string_view text, bool& sep_line) {
    sep_line = false;
    if (text.size() >= 5 && text.substr(0, 4) == "sep=" && (text.size() == 5 || text[5] == '\n' || text[5] == '\r')) {
        sep_line = true;
        return text[4];
    }
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

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

// A field in lower case, written into the caller's buffer so that reading a row allocates
// nothing; a field longer than the buffer is longer than every name it may be, and is returned
// as it was, to match none.
using LowerBuffer = std::array<char, 48>;
std::string_view lower_into(std::string_view v, LowerBuffer& buffer) {
    if (v.size() > buffer.size()) return v;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        buffer[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return {buffer.data(), v.size()};
}

// A count of 1 to 7 digits, read by hand (no allocation); nullopt for anything else.
std::optional<int> small_count(std::string_view v) {
    if (v.empty() || v.size() > 7) return std::nullopt;
    int n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// What the sample rows show of one column.
struct ColumnStats {
    std::size_t filled = 0;       // values that are not empty
    std::size_t fits_mtm = 0;     // 4 to 10 letters and digits
    std::size_t dates = 0;        // values that read as a date in some order
    std::size_t day_first = 0;    // 13/05/2024: only day/month/year makes a date
    std::size_t month_first = 0;  // 05/13/2024: only month/day/year does
    std::size_t either = 0;       // 05/06/2024: both do, and give different days
    unsigned forms = 0;
    std::string either_example;
};

bool fits_mtm(std::string_view v) {
    if (v.size() < 4 || v.size() > 10) return false;
    return std::all_of(v.begin(), v.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// A fresh row that keeps the storage of the last one's strings and lists (no allocation per row).
void reset_row(FleetRow& row) {
    std::string mtm = std::move(row.device.mtm), serial = std::move(row.device.serial);
    std::string country = std::move(row.device.country), customer = std::move(row.customer);
    std::vector<OfferKind> services = std::move(row.device.services_held);
    std::vector<std::string> extra = std::move(row.extra);
    row = FleetRow{};
    row.device.mtm = std::move(mtm);
    row.device.mtm.clear();
    row.device.serial = std::move(serial);
    row.device.serial.clear();
    country.assign(row.device.country);  // the default
    row.device.country = std::move(country);
    row.customer = std::move(customer);
    row.customer.clear();
    row.device.services_held = std::move(services);
    row.device.services_held.clear();
    row.extra = std::move(extra);
    row.extra.clear();
}

std::string_view trim_view(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

void add_to_stats(ColumnStats& st, std::string_view raw, bool date_cell, bool read_dates) {
    const std::string_view v = trim_view(raw);
    if (v.empty()) return;
    ++st.filled;
    if (date_cell) {  // a workbook's date cell is a date whatever the order of its display
        ++st.dates;
        st.forms |= kDateFormCell;
        return;
    }
    if (fits_mtm(v)) ++st.fits_mtm;
    if (!read_dates) return;
    const DateReading r = read_date(v);
    if (r.kind == DateReading::Kind::Invalid) return;
    ++st.dates;
    st.forms |= r.form;
    if (r.kind != DateReading::Kind::DayOrMonthFirst) return;
    if (r.first > 12) ++st.day_first;
    else if (r.second > 12) ++st.month_first;
    else if (r.first != r.second) {
        if (st.either++ == 0) st.either_example = std::string(v);
    }
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
    return out.empty() ? "(none)" : out;
}

std::string_view order_words(DateOrder order) {
    return order == DateOrder::DayMonthYear ? "day/month/year" : "month/day/year";
}

constexpr std::size_t kShownSampleRows = 3;

}  // namespace

// The serials already read and their lines: an open-addressing table of views into large blocks
// that hold the serials' characters end to end. A million serials are a few allocations, not a
// million nodes: the table neither pauses a page to rehash node by node nor to free them.
class SerialLines {
public:
    void reserve(std::size_t serials) {
        if (serials * 2 > slots_.size()) grow(serials * 2);
    }

    // The line of an earlier row with this serial, or nothing (and this one is kept, at `line`).
    std::optional<int> claim(std::string_view serial, int line) {
        if ((count_ + 1) * 2 > slots_.size()) grow(std::max<std::size_t>(64, slots_.size() * 2));
        const std::size_t hash = std::hash<std::string_view>{}(serial);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots_[i];
            if (slot.line == 0) {
                slot = {keep(serial), static_cast<std::uint32_t>(serial.size()), line, hash};
                ++count_;
                return std::nullopt;
            }
            if (slot.hash == hash && std::string_view(slot.data, slot.size) == serial) return slot.line;
        }
    }

private:
    struct Slot {
        const char* data = nullptr;
        std::uint32_t size = 0;
        int line = 0;  // rows' lines start at 1: 0 marks a free slot
        std::size_t hash = 0;
    };

    // To the next power of two of at least `wanted` slots, every kept serial placed again.
    void grow(std::size_t wanted) {
        std::size_t size = 64;
        while (size < wanted) size *= 2;
        std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(size));
        const std::size_t mask = size - 1;
        for (const Slot& slot : old) {
            if (slot.line == 0) continue;
            std::size_t i = slot.hash & mask;
            while (slots_[i].line != 0) i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }

    const char* keep(std::string_view serial) {
        constexpr std::size_t kBlock = 1 << 20;
        if (blocks_.empty() || used_ + serial.size() > block_size_) {
            block_size_ = std::max(kBlock, serial.size());
            blocks_.push_back(std::make_unique<char[]>(block_size_));
            used_ = 0;
        }
        char* at = blocks_.back().get() + used_;
        std::copy(serial.begin(), serial.end(), at);
        used_ += serial.size();
        return at;
    }

    std::vector<Slot> slots_;  // a power of two in size, at most half full
    std::size_t count_ = 0;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t block_size_ = 0;
    std::size_t used_ = 0;
};

struct FleetCsvReader::State {
    State(std::string_view bytes, const FleetLimits& row_limits) : decoded(decode_text(bytes)), limits(row_limits) {}
    DecodedText decoded;
    FleetLimits limits;
    std::unique_ptr<FleetRecords> records;
    FleetFormat format;
    int header_line = 1;
    std::vector<int> extra_index;  // field indices of the kept extra columns
    SerialLines serial_lines;
    std::size_t data_rows = 0;
    std::unordered_set<std::string> quote_items;  // a quote CSV's items already read as units
    std::vector<std::string> fields;              // reused between rows
    // The sample (read by sample_rows, perhaps over several prepare() calls) and what it learns.
    FleetOptions options;
    std::unique_ptr<FleetRecords> sample;
    std::vector<ColumnStats> stats;
    std::vector<bool> read_dates;
    std::size_t sampled = 0;
    bool settled = false;  // the sample is read and the columns and date orders are fixed
};

FleetCsvReader::FleetCsvReader(std::string_view text, const FleetLimits& limits, const FleetOptions& options,
                               bool in_steps) {
    if (text.size() > limits.max_bytes) {
        fatal_ = true;
        header_errors_.push_back({0, "",
                                  "the file has " + std::to_string(text.size()) + " bytes; the limit is " +
                                      std::to_string(limits.max_bytes) + " bytes"});
        state_ = std::make_unique<State>(std::string_view(), limits);
        state_->settled = true;
        return;
    }
    state_ = std::make_unique<State>(text, limits);
    State& s = *state_;
    FleetFormat& f = s.format;
    const std::string_view body = s.decoded.text();
    f.encoding = s.decoded.encoding;
    bool sep_line = false;
    f.delimiter = detect_delimiter(body, sep_line);
    CsvReader csv(body, f.delimiter);
    if (sep_line) {
        int line = 0;
        csv.next(s.fields, line);
    }
    s.records = std::make_unique<CsvRecords>(csv);
    read_header(options);
    if (!in_steps) prepare(SIZE_MAX);
}

FleetCsvReader::FleetCsvReader(std::unique_ptr<FleetRecords> records, const FleetLimits& limits,
                               const FleetOptions& options)
    : state_(std::make_unique<State>(std::string_view(), limits)) {
    state_->format.sheet = records->sheet();
    state_->records = std::move(records);
    read_header(options);
    prepare(SIZE_MAX);
}

void FleetCsvReader::expect_rows(std::size_t rows) { state_->serial_lines.reserve(rows); }

bool FleetCsvReader::prepare(std::size_t max_rows) {
    State& s = *state_;
    if (s.settled) return true;
    if (!sample_rows(max_rows)) return false;
    s.sample.reset();
    settle_header();
    s.settled = true;
    return true;
}

bool FleetCsvReader::sample_rows(std::size_t max_rows) {
    State& s = *state_;
    FleetFormat& f = s.format;
    const std::size_t columns = f.headers.size();
    std::vector<std::string> fields;
    int sample_line = 0;
    std::string sample_problem;
    for (std::size_t read = 0; read < max_rows; ++read) {
        if (s.sampled >= kFleetSampleRows || !s.sample->next(fields, sample_line, sample_problem)) return true;
        if (fields.size() == 1 && trim(fields[0]).empty()) continue;
        ++s.sampled;
        for (std::size_t i = 0; i < columns && i < fields.size(); ++i)
            add_to_stats(s.stats[i], fields[i], s.sample->date_cell(i), s.read_dates[i]);
        if (f.samples.size() < kShownSampleRows) {
            fields.resize(columns);
            f.samples.push_back(fields);
        }
    }
    return false;
}

void FleetCsvReader::read_header(const FleetOptions& options) {
    State& s = *state_;
    FleetFormat& f = s.format;
    int line = 0;
    std::string problem;
    if (!s.records->next(s.fields, line, problem)) {
        fatal_ = true;
        s.settled = true;
        header_errors_.push_back({line > 0 ? line : 1, "",
                                  "no header row: expected column names such as serial,mtm,ship_date" +
                                      (problem.empty() ? std::string() : " (" + problem + ")")});
        return;
    }
    s.header_line = line;
    for (const std::string& h : s.fields) f.headers.push_back(trim(h));
    const std::size_t columns = f.headers.size();

    // The sample: the first rows, read once (sample_rows), for the mapping and each date
    // column's order. Reading values as dates is its costliest part, so a column whose header
    // names a field that is no date (serial, customer...) skips it, unless the options make it a
    // date field's.
    s.options = options;
    s.stats.assign(columns, ColumnStats{});
    s.read_dates.assign(columns, true);
    for (std::size_t c = 0; c < columns; ++c)
        if (const auto guess = field_for_header(f.headers[c]); guess && !is_date_field(guess->first))
            s.read_dates[c] = false;
    for (const auto& [field, name] : options.columns) {
        std::string unused;
        if (const int c = name.empty() ? -1 : find_fleet_column(f.headers, name, unused); c >= 0)
            s.read_dates[static_cast<std::size_t>(c)] = true;
    }
    s.sample = s.records->fork();
}

void FleetCsvReader::settle_header() {
    State& s = *state_;
    FleetFormat& f = s.format;
    const FleetOptions& options = s.options;
    const std::vector<ColumnStats>& stats = s.stats;
    const std::size_t columns = f.headers.size();

    auto fail_header = [&](FleetField field, std::string message) {
        fatal_ = true;
        header_errors_.push_back({s.header_line, std::string(to_string(field)), std::move(message)});
    };
    std::vector<bool> taken(columns, false);
    // A quote CSV of ours (quote_to_csv): its unit columns carry the fleet's own names, beside line
    // columns that would pass for fields by their usual names ("part_number", "quantity",
    // "coverage_until"); so each field is its own column and nothing else, and the unit's count
    // is "unit_quantity". Options given by a person still decide.
    auto header_at = [&](std::string_view name) {
        for (std::size_t c = 0; c < columns; ++c)
            if (normalize_header(f.headers[c]) == name) return static_cast<int>(c);
        return -1;
    };
    f.quote = options.columns.empty() && header_at("item") == 0 && header_at("unitlist") >= 0 &&
              header_at("linelist") >= 0 && header_at("linepartner") >= 0;
    std::array<bool, kFleetFieldCount> settled{};
    if (f.quote) {
        for (FleetField field : kFleetFields) {
            const auto i = static_cast<std::size_t>(field);
            settled[i] = true;
            const int c = field == FleetField::Quantity ? header_at("unitquantity")
                                                        : header_at(normalize_header(to_string(field)));
            if (c < 0) continue;
            f.column[i] = c;
            f.candidates[i] = {c};
            taken[static_cast<std::size_t>(c)] = true;
        }
    }
    // Columns named in the options first: by the header as written, else case and punctuation
    // aside; a shared name or a column without one by its position (find_fleet_column).
    for (const auto& [field, name] : options.columns) {
        const auto i = static_cast<std::size_t>(field);
        f.told[i] = true;
        if (name.empty()) continue;  // told: no column for this field
        std::string why;
        const int found = find_fleet_column(f.headers, name, why);
        if (found < 0) {
            fail_header(field, "--map " + std::string(to_string(field)) + "=\"" + name +
                                   "\": " + (why.empty() ? "the file has no such column" : why) + "; its columns are " +
                                   quoted_list(f.headers));
            continue;
        }
        f.column[i] = found;
        f.candidates[i] = {found};
        taken[static_cast<std::size_t>(found)] = true;
    }
    // The other fields by their usual names; among equally good names, the column whose
    // sample values fit the field.
    for (FleetField field : kFleetFields) {
        const auto i = static_cast<std::size_t>(field);
        if (f.told[i] || settled[i]) continue;
        int best_rank = 99;
        std::vector<std::size_t> candidates;
        for (std::size_t c = 0; c < columns; ++c) {
            if (taken[c]) continue;
            const auto guess = field_for_header(f.headers[c]);
            if (!guess || guess->first != field) continue;
            if (guess->second < best_rank) {
                best_rank = guess->second;
                candidates.clear();
            }
            if (guess->second == best_rank) candidates.push_back(c);
        }
        if (candidates.size() > 1) {
            auto fit = [&](std::size_t c) {
                const ColumnStats& st = stats[c];
                return field == FleetField::Mtm ? st.fits_mtm : is_date_field(field) ? st.dates : st.filled;
            };
            std::sort(candidates.begin(), candidates.end(),
                      [&](std::size_t a, std::size_t b) { return fit(a) > fit(b) || (fit(a) == fit(b) && a < b); });
            for (std::size_t c : candidates) f.candidates[i].push_back(static_cast<int>(c));
            if (fit(candidates[0]) > fit(candidates[1])) candidates.erase(candidates.begin() + 1, candidates.end());
        } else if (candidates.size() == 1) {
            f.candidates[i] = {static_cast<int>(candidates[0])};
        }
        if (candidates.size() == 1) {
            f.column[i] = static_cast<int>(candidates[0]);
            taken[candidates[0]] = true;
        } else if (candidates.size() > 1) {
            std::vector<std::string> names;  // as --map names them (a shared name with "#k")
            for (std::size_t c : candidates) names.push_back(fleet_column_reference(f.headers, static_cast<int>(c)));
            f.ambiguous.push_back(field);
            fail_header(field, std::to_string(candidates.size()) + " columns could be " +
                                   std::string(to_string(field)) + ": " + quoted_list(names) +
                                   "; choose one with --map " + std::string(to_string(field)) + "=\"" + names[0] +
                                   "\"");
        }
    }
    auto where = [&](FleetField field) { return f.column[static_cast<std::size_t>(field)]; };
    // Without a ship date column, a purchase date column stands in (BW-START: a proof-of-purchase
    // date, when given, is the base warranty's start in any case), also when told there is none.
    if (where(FleetField::ShipDate) < 0 && where(FleetField::PurchaseDate) >= 0) {
        f.ship_date_from_purchase = true;
        f.column[static_cast<std::size_t>(FleetField::ShipDate)] = where(FleetField::PurchaseDate);
    }
    auto missing = [&](FleetField field, std::string_view what) {
        const auto i = static_cast<std::size_t>(field);
        if (f.column[i] >= 0 || std::find(f.ambiguous.begin(), f.ambiguous.end(), field) != f.ambiguous.end()) return;
        if (f.told[i] && !options.columns.empty()) {
            bool named = false;  // a --map name that was not found is already reported
            for (const auto& [fl, name] : options.columns) named = named || (fl == field && !name.empty());
            if (named) return;
        }
        f.unmapped.push_back(field);
        if (f.quote) {
            fail_header(field, "a quote CSV without the unit's " + std::string(to_string(field)) +
                                   " column (quotes exported before they carried their units): export the quote "
                                   "again, or name the column with --map " +
                                   std::string(to_string(field)) + "=\"<column>\"");
            return;
        }
        fail_header(field, "no column for " + std::string(to_string(field)) + " (" + std::string(what) +
                               "); the columns are " + quoted_list(f.headers) + "; name it with --map " +
                               std::string(to_string(field)) + "=\"<column>\"");
    };
    missing(FleetField::Mtm, "the machine type model, such as 21HD or 21HDCTO1WW");
    missing(FleetField::ShipDate, "the ship date; a purchase date column also does");

    // Each date column's day/month order: as told, else from its own values, else from another
    // date column of the same file (one tool wrote them all), else it must be asked.
    std::array<bool, kFleetFieldCount> from_values{};
    for (FleetField field : kFleetFields) {
        const auto i = static_cast<std::size_t>(field);
        if (!is_date_field(field) || f.column[i] < 0) continue;
        const ColumnStats& st = stats[static_cast<std::size_t>(f.column[i])];
        f.date_forms[i] = st.forms;
        if (options.date_order != DateOrder::Unknown) {
            f.date_order[i] = options.date_order;
            f.order_source[i] = "--date-order";
        } else if (st.day_first > st.month_first) {
            f.date_order[i] = DateOrder::DayMonthYear;
        } else if (st.month_first > st.day_first) {
            f.date_order[i] = DateOrder::MonthDayYear;
        }
        if (f.order_source[i].empty() && f.date_order[i] != DateOrder::Unknown) {
            f.order_source[i] = st.day_first > 0 && st.month_first > 0 ? "most of its values" : "its values";
            from_values[i] = true;
        }
    }
    for (FleetField field : kFleetFields) {
        const auto i = static_cast<std::size_t>(field);
        if (!is_date_field(field) || f.column[i] < 0 || f.date_order[i] != DateOrder::Unknown) continue;
        const ColumnStats& st = stats[static_cast<std::size_t>(f.column[i])];
        if (st.either == 0 && st.day_first == 0) continue;  // nothing needs the order (or a tie: below)
        // A few such dates among other forms are row errors; a column of them is asked about.
        if (st.either * 2 < st.dates && st.day_first == 0) continue;
        for (FleetField other : kFleetFields) {
            const auto o = static_cast<std::size_t>(other);
            if (!from_values[o] || f.column[o] == f.column[i]) continue;
            f.date_order[i] = f.date_order[o];
            f.order_source[i] = "the " + f.headers[static_cast<std::size_t>(f.column[o])] + " column";
            break;
        }
        if (f.date_order[i] != DateOrder::Unknown) continue;
        if (field == FleetField::ShipDate && f.ship_date_from_purchase) continue;  // reported once, as purchase_date
        f.ambiguous_dates.push_back(field);
        const std::string example = st.either_example.empty() ? "" : " such as \"" + st.either_example + "\"";
        fail_header(field, "the dates of column \"" + f.headers[static_cast<std::size_t>(f.column[i])] + "\"" +
                               example +
                               " could be day/month/year or month/day/year; choose with --date-order dmy or "
                               "--date-order mdy");
    }
    if (f.ship_date_from_purchase) {
        const auto ship = static_cast<std::size_t>(FleetField::ShipDate);
        const auto purchase = static_cast<std::size_t>(FleetField::PurchaseDate);
        f.date_order[ship] = f.date_order[purchase];
        f.order_source[ship] = f.order_source[purchase];
        f.date_forms[ship] = f.date_forms[purchase];
    }

    // A quote's line columns describe a line, not the unit: they are not kept as the unit's.
    for (std::size_t c = 0; c < columns && !f.quote; ++c) {
        bool used = false;
        for (int col : f.column) used = used || col == static_cast<int>(c);
        if (used) continue;
        // Follow-up marks (our export writes them) ride along by serial, not as an extra column.
        if (f.follow_up_column < 0 && normalize_header(f.headers[c]) == "followup") {
            f.follow_up_column = static_cast<int>(c);
            continue;
        }
        s.extra_index.push_back(static_cast<int>(c));
        extra_columns_.push_back(f.headers[c]);
    }
}

FleetCsvReader::~FleetCsvReader() = default;

const FleetFormat& FleetCsvReader::format() const { return state_->format; }

bool FleetCsvReader::next(FleetRow& row, std::vector<FleetRowError>& errors) {
    if (fatal_) return false;
    State& s = *state_;
    const FleetFormat& f = s.format;
    std::vector<std::string>& fields = s.fields;
    int line = 0;
    std::string stop_reason;
    while (true) {
        const bool more = s.records->next(fields, line, stop_reason);
        line += s.limits.line_offset;
        if (!more) {
            if (!stop_reason.empty()) errors.push_back({line, "", stop_reason});
            return false;
        }
        if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
        if (f.quote) {
            // A quote item is one unit, read from its first line. Rows whose item is no number
            // (programs, totals, notes, deadlines) follow the lines and are no units.
            const std::string_view item = fields.empty() ? std::string_view() : trim_view(fields[0]);
            if (item.empty() || item.size() > 9 || item.find_first_not_of("0123456789") != std::string_view::npos)
                continue;
            ++s.format.quote_lines;
            if (!s.quote_items.emplace(item).second) continue;
            s.format.quote_units = static_cast<std::int64_t>(s.quote_items.size());
        }
        if (++s.data_rows > s.limits.max_rows) {
            fatal_ = true;
            errors.push_back(
                {line, "", "more than " + std::to_string(s.limits.max_rows) + " rows; the rest was not read"});
            return false;
        }
        // A field's value without surrounding blanks; a view into the record, valid until the next one.
        auto get = [&](FleetField c) -> std::string_view {
            const int i = f.column[static_cast<std::size_t>(c)];
            std::string_view v = i >= 0 && static_cast<std::size_t>(i) < fields.size()
                                     ? trim_view(fields[static_cast<std::size_t>(i)])
                                     : std::string_view();
            // The apostrophe our CSV writer (csv_cell) and spreadsheets put before a value that
            // would otherwise read as a formula marks text; the value is what follows it.
            if (v.size() >= 2 && v[0] == '\'' && std::string_view("=+-@").find(v[1]) != std::string_view::npos)
                v.remove_prefix(1);
            return v;
        };
        reset_row(row);
        row.line = line;
        const std::size_t errors_before = errors.size();
        // `problem` is the kind, the same for every row it hits; the message adds the value.
        auto fail = [&](FleetField c, const std::string& problem, std::string_view value) {
            errors.push_back({line, std::string(to_string(c)),
                              value.empty() ? problem : problem + ", found \"" + std::string(value) + "\"", problem,
                              std::string(value)});
        };
        auto date = [&](FleetField c, std::string_view v) -> std::optional<Date> {
            const DateReading r = read_date(v);
            const DateOrder order = f.date_order[static_cast<std::size_t>(c)];
            if (auto d = resolve_date(r, order)) return d;
            if (r.kind == DateReading::Kind::DayOrMonthFirst) {
                const bool only_dmy = r.first > 12;
                const bool only_mdy = r.second > 12;
                if ((only_dmy && order == DateOrder::MonthDayYear) || (only_mdy && order == DateOrder::DayMonthYear)) {
                    const DateOrder is = only_mdy ? DateOrder::MonthDayYear : DateOrder::DayMonthYear;
                    fail(c,
                         "dates like this are " + std::string(order_words(is)) + " but the column is read as " +
                             std::string(order_words(order)) + "; choose that format with --date-order " +
                             std::string(to_string(is)),
                         v);
                } else if (!only_dmy && !only_mdy && order == DateOrder::Unknown &&
                           Date::from_ymd(r.year, r.first, r.second) && Date::from_ymd(r.year, r.second, r.first)) {
                    fail(c,
                         "day and month could be either way round; choose with --date-order dmy or --date-order "
                         "mdy",
                         v);
                } else {
                    fail(c, "not a calendar date", v);
                }
                return std::nullopt;
            }
            fail(c,
                 r.form != 0 ? "not a calendar date"
                             : "expected a date such as 2025-03-01, 01.03.2025, 3/1/2025 or 1-Mar-2025",
                 v);
            return std::nullopt;
        };

        row.device.serial = get(FleetField::Serial);
        row.device.mtm = get(FleetField::Mtm);
        if (row.device.mtm.size() < 4 || row.device.mtm.size() > 10)
            fail(FleetField::Mtm, "expected a machine type or MTM (4 to 10 characters)", row.device.mtm);
        if (f.ship_date_from_purchase) {
            // One column gives both dates: read and reported once, as the purchase date.
            const std::string_view v = get(FleetField::PurchaseDate);
            if (v.empty()) {
                fail(FleetField::PurchaseDate, "missing purchase date (the file has no ship date column)", "");
            } else if (auto d = date(FleetField::PurchaseDate, v)) {
                row.device.ship_date = *d;
                row.device.purchase_date = d;
            }
        } else {
            const std::string_view ship = get(FleetField::ShipDate);
            if (ship.empty()) fail(FleetField::ShipDate, "missing ship date", "");
            else if (auto d = date(FleetField::ShipDate, ship)) row.device.ship_date = *d;
            if (const std::string_view v = get(FleetField::PurchaseDate); !v.empty()) {
                if (auto d = date(FleetField::PurchaseDate, v)) row.device.purchase_date = d;
            }
        }
        if (const std::string_view v = get(FleetField::CoverageEnd); !v.empty()) {
            if (auto d = date(FleetField::CoverageEnd, v)) row.device.coverage_end = d;
        }
        LowerBuffer lowered;
        if (const std::string_view v = lower_into(get(FleetField::Channel), lowered); !v.empty()) {
            if (auto c = parse_channel(v)) row.device.channel = *c;
            else fail(FleetField::Channel, "expected direct or distributor", lower(std::string(v)));
        }
        if (const std::string_view v = lower_into(get(FleetField::Condition), lowered); !v.empty()) {
            if (auto c = parse_condition(v)) row.device.condition = *c;
            else fail(FleetField::Condition, "expected new, open-box or refurbished", lower(std::string(v)));
        }
        if (const std::string_view v = get(FleetField::Country); !v.empty()) {
            if (v.size() == 2 && std::isalpha(static_cast<unsigned char>(v[0])) &&
                std::isalpha(static_cast<unsigned char>(v[1]))) {
                row.device.country.resize(2);
                for (std::size_t k = 0; k < 2; ++k)
                    row.device.country[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[k])));
            } else {
                fail(FleetField::Country, "expected a 2-letter country code such as US", v);
            }
        }
        if (const std::string_view v = get(FleetField::Quantity); !v.empty()) {
            const std::optional<int> count = small_count(v);
            if (count && *count >= 1 && *count <= 1000000) row.device.quantity = *count;
            else fail(FleetField::Quantity, "expected 1 to 1000000 units", v);
        }
        if (const std::string_view v = get(FleetField::Services); !v.empty()) {
            // Kinds apart by semicolons (or bars, in a file whose fields are semicolon-separated).
            std::size_t start = 0;
            while (start <= v.size()) {
                const std::size_t end = std::min(v.find_first_of(";|", start), v.size());
                const std::string_view kind = lower_into(trim_view(v.substr(start, end - start)), lowered);
                if (!kind.empty()) {
                    if (auto k = parse_offer_kind(kind)) {
                        row.device.services_held.push_back(*k);
                    } else {
                        const std::string named = lower(std::string(kind));  // lower also when too long for the buffer
                        errors.push_back(
                            {line, "services",
                             "unknown service kind \"" + named + "\" (expected kinds such as extension;adp;kyd)",
                             "unknown service kind (expected kinds such as extension;adp;kyd)", named});
                    }
                }
                start = end + 1;
            }
        }
        row.customer = get(FleetField::Customer);
        if (f.follow_up_column >= 0 && static_cast<std::size_t>(f.follow_up_column) < fields.size())
            row.follow_up = fields[static_cast<std::size_t>(f.follow_up_column)];
        for (int i : s.extra_index)
            row.extra.push_back(static_cast<std::size_t>(i) < fields.size() ? fields[static_cast<std::size_t>(i)]
                                                                            : std::string());
        // Only rows that load claim their serial: a later good row may reuse a bad row's serial.
        if (errors.size() == errors_before && !row.device.serial.empty()) {
            if (const std::optional<int> earlier = s.serial_lines.claim(row.device.serial, line))
                errors.push_back(
                    {line, "serial",
                     "serial " + row.device.serial + " already appears on line " + std::to_string(*earlier),
                     "the serial already appears on an earlier row", row.device.serial});
        }
        if (errors.size() == errors_before) return true;
    }
}

std::size_t count_line_feeds(std::string_view text) {
    // A byte is a line feed where (byte ^ '\n') is zero; the high bit of each of eight such
    // bytes is found at once (the bytes are independent: no carry runs from one into the next).
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
    constexpr std::uint64_t kFeeds = 0x0A0A0A0A0A0A0A0Aull;
    std::size_t count = 0;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        const std::uint64_t x = word ^ kFeeds;
        const std::uint64_t nonzero = ((x & kLow7) + kLow7) | x;  // high bit set where the byte is not 0
        count += static_cast<std::size_t>(std::popcount(~nonzero & ~kLow7));
    }
    for (; i < text.size(); ++i) count += text[i] == '\n';
    return count;
}

FleetParse parse_fleet_csv(std::string_view text, const FleetLimits& limits, const FleetOptions& options) {
    FleetCsvReader reader(text, limits, options);
    return parse_fleet_records(reader, count_line_feeds(text));
}

FleetReading::FleetReading(FleetCsvReader& reader, std::size_t expected_rows)
    : reader_(reader), expected_rows_(expected_rows) {}

void FleetReading::start() {
    started_ = true;
    parse_.format = reader_.format();
    parse_.errors = reader_.header_errors();
    parse_.extra_columns = reader_.extra_columns();
    parse_.fatal = reader_.fatal();
    done_ = parse_.fatal;
    if (!done_) {
        parse_.rows.reserve(expected_rows_);
        reader_.expect_rows(expected_rows_);
    }
}

bool FleetReading::step(std::size_t max_rows) {
    if (!started_) {
        // The last slice of the sample and making room for every row are calls of their own: a
        // page's frame then holds one or the other, never both.
        if (!prepared_) {
            prepared_ = reader_.prepare(max_rows);
            return false;
        }
        start();
        return done_;
    }
    if (done_) return true;
    FleetRow row;
    for (std::size_t read = 0; read < max_rows; ++read) {
        if (!reader_.next(row, parse_.errors)) {
            done_ = true;
            break;
        }
        parse_.rows.push_back(row);
    }
    if (done_) {
        parse_.fatal = reader_.fatal();
        // A quote CSV's counts are known once its last line is read.
        parse_.format.quote_lines = reader_.format().quote_lines;
        parse_.format.quote_units = reader_.format().quote_units;
    }
    return done_;
}

FleetParse FleetReading::take() { return std::move(parse_); }

FleetParse parse_fleet_records(FleetCsvReader& reader, std::size_t expected_rows) {
    FleetReading reading(reader, expected_rows);
    while (!reading.step(SIZE_MAX)) {}
    return reading.take();
}

}  // namespace apos
