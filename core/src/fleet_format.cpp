// Installed-base files as tools and spreadsheets write them: the usual header names of each
// field, dates in the common written forms, encodings, the --map text, and grouped problems.
#include "apos/fleet_format.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>

#include "apos/fleet.hpp"

namespace apos {

namespace {

constexpr std::array<std::string_view, kFleetFieldCount> kFieldNames = {
    "serial",  "mtm",          "ship_date", "purchase_date", "channel", "condition",
    "country", "coverage_end", "services",  "customer",      "quantity"};

struct HeaderName {
    std::string_view normalized;
    FleetField field;
    int rank;
};

// Usual names per field, already normalized (lower case, letters and digits only). Rank 1
// names mean the field in any tool we know of; rank 2 names are looser (Snipe-IT's "Model" is
// a model name beside its "Model No.", GLPI's "Delivery date" is when the unit arrived), so a
// rank 1 column wins over them.
constexpr HeaderName kHeaderNames[] = {
    {"serialnumber", FleetField::Serial, 1},
    {"serialno", FleetField::Serial, 1},
    {"serialnum", FleetField::Serial, 1},
    {"sn", FleetField::Serial, 1},
    {"servicetag", FleetField::Serial, 1},
    {"machineserial", FleetField::Serial, 1},
    {"systemserial", FleetField::Serial, 1},
    {"deviceserial", FleetField::Serial, 1},
    {"productserial", FleetField::Serial, 1},
    {"machinetypemodel", FleetField::Mtm, 1},
    {"machinetypemodelnumber", FleetField::Mtm, 1},
    {"mtmnumber", FleetField::Mtm, 1},
    {"typemodel", FleetField::Mtm, 1},
    {"product", FleetField::Mtm, 1},
    {"productnumber", FleetField::Mtm, 1},
    {"productno", FleetField::Mtm, 1},
    {"productid", FleetField::Mtm, 1},
    {"modelnumber", FleetField::Mtm, 1},
    {"modelno", FleetField::Mtm, 1},
    {"partnumber", FleetField::Mtm, 1},
    {"partno", FleetField::Mtm, 1},
    {"model", FleetField::Mtm, 2},
    {"machinetype", FleetField::Mtm, 2},
    {"productmodel", FleetField::Mtm, 2},
    {"shipped", FleetField::ShipDate, 1},
    {"shippeddate", FleetField::ShipDate, 1},
    {"dateshipped", FleetField::ShipDate, 1},
    {"shippingdate", FleetField::ShipDate, 1},
    {"shipmentdate", FleetField::ShipDate, 1},
    {"dateofshipment", FleetField::ShipDate, 1},
    {"builddate", FleetField::ShipDate, 1},
    {"deliverydate", FleetField::ShipDate, 2},
    {"delivered", FleetField::ShipDate, 2},
    {"purchased", FleetField::PurchaseDate, 1},
    {"dateofpurchase", FleetField::PurchaseDate, 1},
    {"purchasedon", FleetField::PurchaseDate, 1},
    {"invoicedate", FleetField::PurchaseDate, 1},
    {"proofofpurchasedate", FleetField::PurchaseDate, 1},
    {"popdate", FleetField::PurchaseDate, 1},
    {"warrantystart", FleetField::PurchaseDate, 2},
    {"warrantystartdate", FleetField::PurchaseDate, 2},
    {"startdateofwarranty", FleetField::PurchaseDate, 2},
    {"saleschannel", FleetField::Channel, 1},
    {"purchasechannel", FleetField::Channel, 1},
    {"routetomarket", FleetField::Channel, 1},
    {"itemcondition", FleetField::Condition, 1},
    {"unitcondition", FleetField::Condition, 1},
    {"countrycode", FleetField::Country, 1},
    {"countryofpurchase", FleetField::Country, 1},
    {"purchasecountry", FleetField::Country, 1},
    {"countryregion", FleetField::Country, 1},
    {"warrantyend", FleetField::CoverageEnd, 1},
    {"warrantyenddate", FleetField::CoverageEnd, 1},
    {"warrantyexpiration", FleetField::CoverageEnd, 1},
    {"warrantyexpirationdate", FleetField::CoverageEnd, 1},
    {"warrantyexpires", FleetField::CoverageEnd, 1},
    {"warrantyexpiry", FleetField::CoverageEnd, 1},
    {"warrantyexpirydate", FleetField::CoverageEnd, 1},
    {"coverageenddate", FleetField::CoverageEnd, 1},
    {"endofwarranty", FleetField::CoverageEnd, 1},
    {"expirationdate", FleetField::CoverageEnd, 2},
    {"expirydate", FleetField::CoverageEnd, 2},
    {"servicesheld", FleetField::Services, 1},
    {"servicesbought", FleetField::Services, 1},
    {"customername", FleetField::Customer, 1},
    {"company", FleetField::Customer, 1},
    {"companyname", FleetField::Customer, 1},
    {"account", FleetField::Customer, 1},
    {"accountname", FleetField::Customer, 1},
    {"enduser", FleetField::Customer, 1},
    {"endusername", FleetField::Customer, 1},
    {"endcustomer", FleetField::Customer, 1},
    {"client", FleetField::Customer, 1},
    {"clientname", FleetField::Customer, 1},
    {"qty", FleetField::Quantity, 1},
    {"units", FleetField::Quantity, 1},
    {"unitcount", FleetField::Quantity, 1},
};

constexpr std::string_view kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower_char(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim_view(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

int to_int(std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// 1..12 for an English month name or its first three letters ("Sept" too), else 0.
int month_number(std::string_view word) {
    if (word.size() < 3 || word.size() > 9) return 0;
    char lowered[10] = {};
    for (std::size_t i = 0; i < word.size(); ++i) lowered[i] = lower_char(word[i]);
    const std::string_view w(lowered, word.size());
    static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; ++m)
        if (w == kMonthNames[m] || w == kFull[m] || (m == 8 && w == "sept")) return m + 1;
    return 0;
}

// Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999.
int full_year(std::string_view digits) {
    const int y = to_int(digits);
    return digits.size() == 2 ? (y < 30 ? 2000 + y : 1900 + y) : y;
}

// Excel counts days from 1899-12-30 (for every day after its 1900-02-29 that never was). Only
// 1950 to 2099 are taken as dates: other numbers in a date column are much more likely not dates.
constexpr int kExcelFirst = 18264;  // 1950-01-01
constexpr int kExcelLast = 73050;   // 2099-12-31

std::optional<Date> excel_day(int n) {
    if (n < kExcelFirst || n > kExcelLast) return std::nullopt;
    return Date::from_ymd(1899, 12, 30)->plus_days(n);
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // Most files are ASCII: eight bytes at a time while no byte has its high bit set.
        while (i + 8 <= n) {
            std::uint64_t word = 0;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return false;
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

// The characters Windows-1252 puts at 0x80-0x9F (the rest of its upper half is Latin-1);
// its five unused bytes keep their own code points.
constexpr std::uint16_t kWindows1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void utf16_to_utf8(std::string_view bytes, bool big_endian, std::string& out) {
    out.reserve(bytes.size() / 2 + bytes.size() / 8);
    auto unit = [&](std::size_t i) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return big_endian ? (a << 8 | b) : (b << 8 | a);
    };
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
        std::uint32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            const std::uint32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;  // a lone surrogate
        append_utf8(out, u);
    }
}

}  // namespace

std::string_view to_string(FleetField f) { return kFieldNames[static_cast<std::size_t>(f)]; }

std::optional<FleetField> parse_fleet_field(std::string_view name) {
    const std::string wanted = normalize_header(name);
    for (FleetField f : kFleetFields)
        if (normalize_header(to_string(f)) == wanted) return f;
    return std::nullopt;
}

bool is_date_field(FleetField f) {
    return f == FleetField::ShipDate || f == FleetField::PurchaseDate || f == FleetField::CoverageEnd;
}

std::string normalize_header(std::string_view header) {
    std::string out;
    out.reserve(header.size());
    for (char c : header) {
        if (is_digit(c) || is_alpha(c)) out += lower_char(c);
        else if (static_cast<unsigned char>(c) >= 0x80) out += c;  // letters of other scripts stay
    }
    return out;
}

std::optional<std::pair<FleetField, int>> field_for_header(std::string_view header) {
    const std::string name = normalize_header(header);
    if (name.empty()) return std::nullopt;
    for (FleetField f : kFleetFields)
        if (normalize_header(to_string(f)) == name) return std::pair{f, 0};
    for (const HeaderName& h : kHeaderNames)
        if (h.normalized == name) return std::pair{h.field, h.rank};
    return std::nullopt;
}

std::optional<DateOrder> parse_date_order(std::string_view text) {
    if (text == "dmy") return DateOrder::DayMonthYear;
    if (text == "mdy") return DateOrder::MonthDayYear;
    return std::nullopt;
}

std::string_view to_string(DateOrder order) {
    switch (order) {
        case DateOrder::DayMonthYear: return "dmy";
        case DateOrder::MonthDayYear: return "mdy";
        case DateOrder::Unknown: break;
    }
    return "";
}

DateReading read_date(std::string_view text) {
    DateReading r;
    std::string_view s = trim_view(text);
    if (s.empty()) return r;
    // YYYY-MM-DD, the form of most files, read digit by digit; everything else takes the long way.
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        bool digits = true;
        for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) digits = digits && is_digit(s[i]);
        if (digits) {
            auto number = [&](std::size_t from, std::size_t count) {
                int n = 0;
                for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (s[i] - '0');
                return n;
            };
            r.form = kDateFormIso;  // also when no such day exists (2025-02-30)
            if (const std::optional<Date> d = Date::from_ymd(number(0, 4), number(5, 2), number(8, 2))) {
                r.kind = DateReading::Kind::Exact;
                r.date = *d;
            }
            return r;
        }
    }
    unsigned time = 0;
    // A time part ("2024-05-14T09:30:00Z", "5/14/2024 9:30 AM") follows a space or a T and
    // starts with hours and a colon; it is left out.
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] != ' ' && s[i] != 'T') continue;
        const std::string_view rest = trim_view(s.substr(i + 1));
        if (rest.size() >= 3 && is_digit(rest[0]) &&
            (rest[1] == ':' || (is_digit(rest[1]) && rest.size() >= 4 && rest[2] == ':'))) {
            s = trim_view(s.substr(0, i));
            time = kDateFormTime;
            break;
        }
    }
    // A number alone: an Excel day number (a fraction is the time of day), or YYYYMMDD.
    {
        const std::size_t dot = s.find('.');
        const std::string_view whole = s.substr(0, dot);
        const bool fraction_ok = dot == std::string_view::npos || all_digits(s.substr(dot + 1));
        if (all_digits(whole) && fraction_ok) {
            if (whole.size() == 8 && dot == std::string_view::npos) {
                if (auto d = Date::from_ymd(to_int(whole.substr(0, 4)), to_int(whole.substr(4, 2)),
                                            to_int(whole.substr(6, 2)))) {
                    r.kind = DateReading::Kind::Exact;
                    r.date = *d;
                    r.form = kDateFormIso | time;
                }
                return r;
            }
            if (whole.size() <= 5) {
                if (auto d = excel_day(to_int(whole))) {
                    r.kind = DateReading::Kind::Exact;
                    r.date = *d;
                    r.form = kDateFormExcelSerial | (dot != std::string_view::npos ? kDateFormTime : 0u) | time;
                }
                return r;
            }
            if (dot == std::string_view::npos) return r;
        }
    }
    // Three parts of digits or letters, apart by - / . , or spaces.
    std::string_view parts[3];
    char separator = 0;
    int count = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '-' || c == '/' || c == '.' || c == ',' || c == ' ') {
            if (count == 1 && separator == 0) separator = c;
            ++i;
            continue;
        }
        if (count == 3) return r;
        const std::size_t start = i;
        if (is_digit(c)) {
            while (i < s.size() && is_digit(s[i])) ++i;
        } else if (is_alpha(c)) {
            while (i < s.size() && is_alpha(s[i])) ++i;
        } else {
            return r;
        }
        parts[count++] = s.substr(start, i - start);
    }
    if (count != 3) return r;
    auto exact = [&](int y, int m, int d, unsigned form) {
        if (auto date = Date::from_ymd(y, m, d)) {
            r.kind = DateReading::Kind::Exact;
            r.date = *date;
        }
        r.form = form | time;  // also when the date does not exist: its form was still read
        return r;
    };
    auto is_year = [](std::string_view p) { return all_digits(p) && (p.size() == 4 || p.size() == 2); };
    auto is_small = [](std::string_view p) { return all_digits(p) && p.size() <= 2; };
    const unsigned two_digit = parts[2].size() == 2 ? kDateFormTwoDigitYear : 0u;
    if (all_digits(parts[0]) && parts[0].size() == 4 && is_small(parts[1]) && is_small(parts[2]))
        return exact(to_int(parts[0]), to_int(parts[1]), to_int(parts[2]), kDateFormIso);
    if (all_digits(parts[0]) && parts[0].size() == 4 && is_small(parts[2]))
        if (const int m = month_number(parts[1]))
            return exact(to_int(parts[0]), m, to_int(parts[2]), kDateFormMonthName);
    if (is_small(parts[0]) && is_year(parts[2])) {
        if (const int m = month_number(parts[1]))
            return exact(full_year(parts[2]), m, to_int(parts[0]), kDateFormMonthName | two_digit);
        if (is_small(parts[1])) {
            const int a = to_int(parts[0]);
            const int b = to_int(parts[1]);
            if (a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12)) return r;
            r.kind = DateReading::Kind::DayOrMonthFirst;
            r.first = a;
            r.second = b;
            r.year = full_year(parts[2]);
            r.form = (separator == '.'   ? kDateFormDot
                      : separator == '-' ? kDateFormDash
                                         : kDateFormSlash) |
                     two_digit | time;
            return r;
        }
    }
    if (is_small(parts[1]) && is_year(parts[2]))
        if (const int m = month_number(parts[0]))
            return exact(full_year(parts[2]), m, to_int(parts[1]), kDateFormMonthName | two_digit);
    return r;
}

std::optional<Date> resolve_date(const DateReading& reading, DateOrder order) {
    switch (reading.kind) {
        case DateReading::Kind::Invalid: return std::nullopt;
        case DateReading::Kind::Exact: return reading.date;
        case DateReading::Kind::DayOrMonthFirst: break;
    }
    const int a = reading.first;
    const int b = reading.second;
    if (a > 12) {  // only day first makes a date
        if (order == DateOrder::MonthDayYear) return std::nullopt;
        return Date::from_ymd(reading.year, b, a);
    }
    if (b > 12) {
        if (order == DateOrder::DayMonthYear) return std::nullopt;
        return Date::from_ymd(reading.year, a, b);
    }
    if (a == b) return Date::from_ymd(reading.year, a, a);
    if (order == DateOrder::Unknown) return std::nullopt;
    return order == DateOrder::DayMonthYear ? Date::from_ymd(reading.year, b, a) : Date::from_ymd(reading.year, a, b);
}

std::string describe_date_forms(unsigned forms, DateOrder order) {
    std::vector<std::string> names;
    const std::string day_month = order == DateOrder::MonthDayYear   ? "month%day%year"
                                  : order == DateOrder::DayMonthYear ? "day%month%year"
                                                                     : "day%month%year or month%day%year";
    auto with = [&](char sep) {
        std::string s = day_month;
        std::replace(s.begin(), s.end(), '%', sep);
        return s;
    };
    if (forms & kDateFormIso) names.push_back("year-month-day");
    if (forms & kDateFormSlash) names.push_back(with('/'));
    if (forms & kDateFormDot) names.push_back(with('.'));
    if (forms & kDateFormDash) names.push_back(with('-'));
    if (forms & kDateFormMonthName) names.push_back("day month-name year");
    if (forms & kDateFormExcelSerial) names.push_back("Excel day numbers");
    if (forms & kDateFormCell) names.push_back("workbook date cells");
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    if (forms & kDateFormTwoDigitYear) out += " (two-digit years: 00-29 are 20xx, 30-99 19xx)";
    if (forms & kDateFormTime) out += " (a time part left out)";
    return out;
}

bool parse_fleet_map(std::string_view text, FleetOptions& options, std::string& error) {
    std::size_t i = 0;
    auto skip_spaces = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    };
    while (true) {
        skip_spaces();
        if (i >= text.size()) break;
        const std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            error = "expected field=\"column\", found \"" + std::string(text.substr(i)) + "\"";
            return false;
        }
        const std::string_view name = trim_view(text.substr(i, eq - i));
        const auto field = parse_fleet_field(name);
        if (!field) {
            error = "unknown field \"" + std::string(name) + "\" (fields:";
            for (FleetField f : kFleetFields) error += " " + std::string(to_string(f));
            error += ")";
            return false;
        }
        for (const auto& [f, column] : options.columns)
            if (f == *field) {
                error = std::string(to_string(*field)) + " is given twice";
                return false;
            }
        i = eq + 1;
        skip_spaces();
        std::string value;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        value += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value += text[i++];
            }
            if (!closed) {
                error = "the column name of " + std::string(to_string(*field)) + " never closes its quote";
                return false;
            }
            skip_spaces();
        } else {
            const std::size_t end = std::min(text.find(',', i), text.size());
            value = std::string(trim_view(text.substr(i, end - i)));
            i = end;
        }
        options.columns.emplace_back(*field, std::move(value));
        if (i < text.size()) {
            if (text[i] != ',') {
                error = "expected a comma after the column of " + std::string(to_string(*field));
                return false;
            }
            ++i;
        }
    }
    if (options.columns.empty()) {
        error = "expected field=\"column\" pairs such as serial=\"Serial Number\"";
        return false;
    }
    return true;
}

std::string_view to_string(TextEncoding e) {
    switch (e) {
        case TextEncoding::Utf8: return "UTF-8";
        case TextEncoding::Utf8Bom: return "UTF-8 with byte order mark";
        case TextEncoding::Utf16Le: return "UTF-16 little-endian";
        case TextEncoding::Utf16Be: return "UTF-16 big-endian";
        case TextEncoding::Windows1252: return "Windows-1252";
    }
    return "";
}

DecodedText decode_text(std::string_view bytes) {
    DecodedText out;
    out.input = bytes;
    auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
    if (starts("\xEF\xBB\xBF")) {
        out.encoding = TextEncoding::Utf8Bom;
        out.input = bytes.substr(3);
        return out;
    }
    // UTF-16, with its byte order mark or (Excel's "Unicode text" always has one) without, when
    // the first characters are ASCII with a zero byte beside each.
    const bool le_bom = starts("\xFF\xFE");
    const bool be_bom = starts("\xFE\xFF");
    const bool le_bare =
        !le_bom && !be_bom && bytes.size() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0;
    const bool be_bare =
        !le_bom && !be_bom && bytes.size() >= 4 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0;
    if (le_bom || be_bom || le_bare || be_bare) {
        const bool big = be_bom || be_bare;
        out.encoding = big ? TextEncoding::Utf16Be : TextEncoding::Utf16Le;
        out.changed = true;
        utf16_to_utf8(bytes.substr(le_bom || be_bom ? 2 : 0), big, out.transcoded);
        return out;
    }
    if (valid_utf8(bytes)) return out;
    // Not UTF-8: what Excel writes on Windows in western Europe and the Americas.
    out.encoding = TextEncoding::Windows1252;
    out.changed = true;
    out.transcoded.reserve(bytes.size() + bytes.size() / 16);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) out.transcoded += ch;
        else if (c < 0xA0) append_utf8(out.transcoded, kWindows1252High[c - 0x80]);
        else append_utf8(out.transcoded, c);
    }
    return out;
}

std::vector<FleetErrorGroup> group_fleet_errors(const std::vector<FleetRowError>& errors) {
    std::vector<FleetErrorGroup> groups;
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    std::string last_key_line;
    for (const FleetRowError& e : errors) {
        std::string problem = e.problem;
        std::string value = e.value;
        if (problem.empty()) {
            // Errors from elsewhere name their value in quotes: the rest is the kind of problem.
            bool in_quote = false;
            for (char c : e.message) {
                if (c == '"') {
                    if (!in_quote) problem += "\"...\"";
                    in_quote = !in_quote;
                    continue;
                }
                if (in_quote) {
                    if (value.size() < 200) value += c;
                } else {
                    problem += c;
                }
            }
        }
        const auto [it, fresh] = index.emplace(std::pair{e.column, problem}, groups.size());
        if (fresh) {
            FleetErrorGroup g;
            g.column = e.column;
            g.problem = std::move(problem);
            g.example = e.message;
            g.value = std::move(value);
            g.first_line = e.line;
            groups.push_back(std::move(g));
        }
        FleetErrorGroup& g = groups[it->second];
        // A row counts once per group, however many of its columns share the problem.
        if (fresh || g.last_line != e.line) ++g.rows;
        g.last_line = e.line;
    }
    return groups;
}

std::string to_string(const FleetErrorGroup& g) {
    const std::string where = g.column.empty() ? "" : g.column + ": ";
    if (g.rows == 1) return "line " + std::to_string(g.first_line) + ": " + where + g.example;
    std::string out = std::to_string(g.rows) + " rows: " + where + g.problem;
    if (!g.value.empty()) out += " (such as \"" + g.value + "\"";
    else out += " (";
    out += (g.value.empty() ? "" : ", ") + std::string("first on line ") + std::to_string(g.first_line) + ")";
    return out;
}

bool needs_fleet_mapping(const FleetFormat& format) {
    // One column cannot hold both a machine type and a date: such a file is no fleet to map.
    if (format.headers.size() < 2) return false;
    return !format.unmapped.empty() || !format.ambiguous.empty() || !format.ambiguous_dates.empty();
}

std::array<int, kFleetFieldCount> suggested_fleet_columns(const FleetFormat& format) {
    std::array<int, kFleetFieldCount> out{};
    for (FleetField field : kFleetFields) {
        const auto i = static_cast<std::size_t>(field);
        out[i] = format.column[i] >= 0 ? format.column[i] : format.candidates[i].empty() ? -1 : format.candidates[i][0];
    }
    if (format.ship_date_from_purchase) out[static_cast<std::size_t>(FleetField::ShipDate)] = -1;
    return out;
}

FleetOptions fleet_options_for(const FleetFormat& format, const std::array<int, kFleetFieldCount>& columns,
                               DateOrder order) {
    FleetOptions options;
    options.date_order = order;
    for (FleetField field : kFleetFields) {
        const int c = columns[static_cast<std::size_t>(field)];
        // A shared header name carries "#k", so that the choice reads back as the same column.
        options.columns.emplace_back(field, fleet_column_reference(format.headers, c));
    }
    return options;
}

std::string fleet_map_text(const FleetOptions& options) {
    std::string out;
    for (const auto& [field, name] : options.columns) {
        if (!out.empty()) out += ",";
        out += std::string(to_string(field)) + "=";
        if (name.empty()) continue;
        out += '"';
        for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
    }
    return out;
}

namespace {

// The columns whose header is `name` as written, or (loose) case and punctuation aside.
std::vector<int> columns_named(const std::vector<std::string>& headers, std::string_view name, bool loose) {
    std::vector<int> out;
    const std::string key = loose ? normalize_header(name) : std::string();
    if (loose && key.empty()) return out;
    for (std::size_t c = 0; c < headers.size(); ++c)
        if (loose ? normalize_header(headers[c]) == key : headers[c] == name) out.push_back(static_cast<int>(c));
    return out;
}

std::vector<int> columns_named(const std::vector<std::string>& headers, std::string_view name) {
    std::vector<int> out = columns_named(headers, name, false);
    return out.empty() ? columns_named(headers, name, true) : out;
}

}  // namespace

int find_fleet_column(const std::vector<std::string>& headers, std::string_view reference, std::string& error) {
    error.clear();
    const std::string_view ref = trim_view(reference);
    auto one_of = [&](const std::vector<int>& named) {
        if (named.size() == 1) return named[0];
        if (named.size() > 1)
            error = "the file has " + std::to_string(named.size()) + " columns named \"" + std::string(ref) +
                    "\": say which, as \"" + std::string(ref) + "#1\" to \"" + std::string(ref) + "#" +
                    std::to_string(named.size()) + "\" (or \"#N\" for the file's Nth column)";
        return -1;
    };
    const std::size_t hash = ref.rfind('#');
    const std::string_view digits = hash == std::string_view::npos ? std::string_view() : ref.substr(hash + 1);
    const bool numbered =
        !digits.empty() && digits.size() <= 6 && digits.find_first_not_of("0123456789") == std::string_view::npos;
    const int k = numbered ? std::stoi(std::string(digits)) : 0;
    const std::string_view name = numbered ? trim_view(ref.substr(0, hash)) : std::string_view();
    // The order: "#N", always a position; a header that is the whole value as written; "name#k";
    // a header that is the whole value case and punctuation aside.
    if (numbered && name.empty()) {
        if (k >= 1 && static_cast<std::size_t>(k) <= headers.size()) return k - 1;
        error = "the file has " + std::to_string(headers.size()) + " columns; \"#" + std::string(digits) +
                "\" is not one of them (\"#1\" is the first)";
        return -1;
    }
    if (const std::vector<int> exact = columns_named(headers, ref, false); !exact.empty()) return one_of(exact);
    if (numbered) {
        const std::vector<int> same = columns_named(headers, name);
        if (!same.empty()) {
            if (k >= 1 && static_cast<std::size_t>(k) <= same.size()) return same[static_cast<std::size_t>(k - 1)];
            error = "the file has " + std::to_string(same.size()) + (same.size() == 1 ? " column" : " columns") +
                    " named \"" + std::string(name) + "\", so \"#" + std::string(digits) + "\" names none of them";
            return -1;
        }
    }
    return one_of(columns_named(headers, ref, true));
}

std::string fleet_column_reference(const std::vector<std::string>& headers, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= headers.size()) return "";
    // The plainest form that find_fleet_column reads back as this column: the name, the name with
    // its rank among the columns so named, else the position (which always reads back).
    auto reads_back = [&](const std::string& ref) {
        std::string error;
        return find_fleet_column(headers, ref, error) == index;
    };
    const std::string& name = headers[static_cast<std::size_t>(index)];
    if (!trim_view(name).empty()) {
        if (reads_back(name)) return name;
        const std::vector<int> same = columns_named(headers, name);
        const auto at = std::find(same.begin(), same.end(), index);
        if (at != same.end()) {
            const std::string ranked = name + "#" + std::to_string(at - same.begin() + 1);
            if (reads_back(ranked)) return ranked;
        }
    }
    return "#" + std::to_string(index + 1);
}

std::string shell_quote(std::string_view word) {
    static constexpr std::string_view kSafe = "-_./=:,@%+";
    const bool safe = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kSafe.find(c) != std::string_view::npos;
    });
    if (safe) return std::string(word);
    // Inside single quotes a shell takes every character as it is but the single quote itself,
    // which closes the quotes, is written escaped, and opens them again.
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string fleet_command_line(std::string_view file, std::string_view sheet, const FleetOptions& options) {
    std::string out = "apos fleet --csv " + shell_quote(file);
    if (!sheet.empty()) out += " --sheet " + shell_quote(sheet);
    if (!options.columns.empty()) out += " --map " + shell_quote(fleet_map_text(options));
    if (options.date_order != DateOrder::Unknown) out += " --date-order " + std::string(to_string(options.date_order));
    return out;
}

std::string fleet_header_key(const std::vector<std::string>& headers) {
    // FNV-1a over the normalized names, each ended by a byte no name holds.
    std::uint64_t hash = 14695981039346656037ull;
    for (const std::string& h : headers) {
        for (char c : normalize_header(h) + '\x1f') {
            hash ^= static_cast<unsigned char>(c);
            hash *= 1099511628211ull;
        }
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
    return out;
}

std::string describe_quote_reading(const FleetFormat& format) {
    if (!format.quote) return "";
    return std::to_string(format.quote_lines) + (format.quote_lines == 1 ? " quote line" : " quote lines") +
           " read as " + std::to_string(format.quote_units) + (format.quote_units == 1 ? " unit" : " units") +
           " (one per quote item)";
}

}  // namespace apos
