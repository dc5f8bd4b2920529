// How an installed-base file is laid out: which column holds which field, the delimiter and
// encoding, and the date forms of each date column; what a person may say about it (--map,
// --date-order); dates in the forms spreadsheets write; and problems grouped by kind.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apos/date.hpp"

namespace apos {

// The fields a fleet row can give, in the order of the configurator's own CSV.
enum class FleetField {
    Serial,
    Mtm,
    ShipDate,
    PurchaseDate,
    Channel,
    Condition,
    Country,
    CoverageEnd,
    Services,
    Customer,
    Quantity
};
inline constexpr int kFleetFieldCount = 11;
inline constexpr std::array<FleetField, kFleetFieldCount> kFleetFields = {
    FleetField::Serial,   FleetField::Mtm,       FleetField::ShipDate, FleetField::PurchaseDate,
    FleetField::Channel,  FleetField::Condition, FleetField::Country,  FleetField::CoverageEnd,
    FleetField::Services, FleetField::Customer,  FleetField::Quantity};
std::string_view to_string(FleetField);  // "serial", "mtm", "ship_date", ...
std::optional<FleetField> parse_fleet_field(std::string_view name);
bool is_date_field(FleetField);
// A header name with case and everything but letters and digits left out ("S/N" -> "sn").
std::string normalize_header(std::string_view header);
// The field a header name stands for by its usual names, with a rank (0 = our own name, 1 = a
// usual name, 2 = a loose one such as "model"), or nothing.
std::optional<std::pair<FleetField, int>> field_for_header(std::string_view header);

// Which of day and month comes first in dates such as 05/06/2024.
enum class DateOrder { Unknown, DayMonthYear, MonthDayYear };
std::optional<DateOrder> parse_date_order(std::string_view text);  // "dmy" or "mdy"
std::string_view to_string(DateOrder);                             // "dmy", "mdy" or ""

// One date value as written, before the day/month order is known.
struct DateReading {
    enum class Kind { Invalid, Exact, DayOrMonthFirst };
    Kind kind = Kind::Invalid;
    Date date;      // Exact
    int first = 0;  // DayOrMonthFirst: the two leading numbers and the year
    int second = 0;
    int year = 0;
    // One kDateForm* bit, plus kDateFormTime when a time part was left out; also set on an
    // Invalid reading that was written in a known form but names no such day (2025-02-30).
    unsigned form = 0;
};
inline constexpr unsigned kDateFormIso = 1u << 0;           // 2024-05-14, 2024/05/14, 20240514
inline constexpr unsigned kDateFormSlash = 1u << 1;         // 14/05/2024 or 05/14/2024
inline constexpr unsigned kDateFormDot = 1u << 2;           // 14.05.2024
inline constexpr unsigned kDateFormDash = 1u << 3;          // 14-05-2024
inline constexpr unsigned kDateFormMonthName = 1u << 4;     // 14-May-2024, May 14, 2024
inline constexpr unsigned kDateFormExcelSerial = 1u << 5;   // 45426 (days from 1899-12-30)
inline constexpr unsigned kDateFormTwoDigitYear = 1u << 6;  // 14/05/24
inline constexpr unsigned kDateFormTime = 1u << 7;          // a time part after the date, left out
inline constexpr unsigned kDateFormCell = 1u << 8;          // a workbook's date cell (no order to guess)

DateReading read_date(std::string_view text);
// The date of a reading under an order; nothing when the order is needed and not known or
// the numbers do not make a date in that order.
std::optional<Date> resolve_date(const DateReading& reading, DateOrder order);
// "day/month/year, year-month-day (a time part left out)" for a set of form bits and an order.
std::string describe_date_forms(unsigned forms, DateOrder order);

// What a person tells the reader: columns by header name (an empty name: no column for the
// field) and the day/month order of dates such as 05/06/2024.
struct FleetOptions {
    std::vector<std::pair<FleetField, std::string>> columns;
    DateOrder date_order = DateOrder::Unknown;
};
// Reads `serial="Serial Number",mtm=Machine Type Model` (values may be quoted; "" escapes a
// quote). Returns false and says why in `error`.
bool parse_fleet_map(std::string_view text, FleetOptions& options, std::string& error);

enum class TextEncoding { Utf8, Utf8Bom, Utf16Le, Utf16Be, Windows1252 };
std::string_view to_string(TextEncoding);

// What the reader found in, or was told about, a file.
struct FleetFormat {
    TextEncoding encoding = TextEncoding::Utf8;
    char delimiter = ',';
    std::string sheet;  // the workbook sheet read; empty for a text file (then encoding and delimiter hold)
    std::vector<std::string> headers;                          // the header row as written (trimmed)
    int follow_up_column = -1;                                 // the follow_up column (marks), or -1
    std::array<int, kFleetFieldCount> column{};                // header index per field, or -1
    std::array<bool, kFleetFieldCount> told{};                 // the column came from the options
    bool ship_date_from_purchase = false;                      // no ship date column: the purchase date stands in
    std::array<unsigned, kFleetFieldCount> date_forms{};       // forms met in each date column's sample
    std::array<DateOrder, kFleetFieldCount> date_order{};      // order each date column is read in
    std::array<std::string, kFleetFieldCount> order_source{};  // "--date-order", "its values", or another column
    std::vector<std::vector<std::string>> samples;             // the first few rows, for a mapping step to show
    // Per field, the columns whose names could be it, the one the reader prefers first (a told
    // field: its column). A mapping step offers these first.
    std::array<std::vector<int>, kFleetFieldCount> candidates{};
    // What must be settled before rows can be read (each also has a header error).
    std::vector<FleetField> unmapped;         // a required field with no column
    std::vector<FleetField> ambiguous;        // two or more columns could be the field
    std::vector<FleetField> ambiguous_dates;  // day and month could be either way round
    // A quote CSV of ours (quote_to_csv): its rows are priced lines, several per unit, followed by
    // programs and totals. The reader takes one unit per quote item, from the item's first line and
    // its unit columns; the item's other lines add nothing (the services quoted are offered, not
    // held: the unit's held services are its "services" column). Rows after the lines are left out.
    bool quote = false;
    std::int64_t quote_lines = 0;  // rows of quote items read so far
    std::int64_t quote_units = 0;  // distinct items among them
    FleetFormat() { column.fill(-1); }
};
// "42 quote lines read as 12 units (one per quote item)"; empty when the file is no quote.
std::string describe_quote_reading(const FleetFormat& format);

// ---- The mapping step: what a page asks before it reads a file the reader cannot place ------
// True when the file cannot be read until a person says which column is which field, or in
// which order day and month come (a required field with no column, two columns that could be
// one, or an ambiguous date column). A file of one column is no fleet: nothing to ask.
bool needs_fleet_mapping(const FleetFormat& format);
// Per field, the column a mapping step starts from (header index, or -1 for none): the one the
// reader took, else its first candidate; none for the ship date when the purchase date stands in.
std::array<int, kFleetFieldCount> suggested_fleet_columns(const FleetFormat& format);
// The options that read the file with these columns (header index or -1 per field) and this
// order: every field is told, so nothing is left to the reader's guess. A ship date with no
// column lets the purchase date stand in, as it does unasked.
FleetOptions fleet_options_for(const FleetFormat& format, const std::array<int, kFleetFieldCount>& columns,
                               DateOrder order);
// The --map text that gives these options' columns (parse_fleet_map reads it back), so a page
// can show the command line that reads the file the same way and remember the choice.
std::string fleet_map_text(const FleetOptions& options);

// ---- Naming a column in --map -----------------------------------------------------------------
// A column is named by its header ("Serial Number": as written, else case and punctuation aside).
// When two columns share that name, a "#k" after it says which: "Serial Number#2" is the second
// column so named; "#3" alone is the file's third column, whatever its name.
// The header index a --map value names, or -1: then `error` says why when the value named a
// column the file has only in a way that cannot stand (a shared name without "#k", a "#k" past
// the last such column), and is empty when the file has no such column at all.
int find_fleet_column(const std::vector<std::string>& headers, std::string_view reference, std::string& error);
// How --map names the column at `index`: its header, with "#k" when other columns share the name
// ("#N" for a column without a name); find_fleet_column reads it back as that column.
std::string fleet_column_reference(const std::vector<std::string>& headers, int index);

// A word as one POSIX shell argument: in single quotes, each single quote written as '\''.
// Words of only safe characters (letters, digits and -_./=:,@%+) stay as they are.
std::string shell_quote(std::string_view word);
// The `apos fleet` command that reads `file` (its `sheet`, when not empty) with these options,
// each argument quoted for a POSIX shell: what a mapping step shows as "Same as".
std::string fleet_command_line(std::string_view file, std::string_view sheet, const FleetOptions& options);
// A short key for a header row's shape (its names, case and punctuation aside, in order): files
// with the same columns share a remembered mapping.
std::string fleet_header_key(const std::vector<std::string>& headers);

// Text as it came, read as UTF-8: the encoding found, and the text itself (the input past any
// byte order mark, or a transcoded copy when the encoding was not UTF-8).
struct DecodedText {
    TextEncoding encoding = TextEncoding::Utf8;
    bool changed = false;
    std::string transcoded;
    std::string_view input;
    std::string_view text() const { return changed ? std::string_view(transcoded) : input; }
};
DecodedText decode_text(std::string_view bytes);

}  // namespace apos
