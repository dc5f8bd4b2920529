// CSV out: the fleet's opportunities as spreadsheet rows, cells made safe to open.
#include "apos/json_io.hpp"
#include "apos/marks.hpp"

namespace apos {

namespace {

bool needs_apostrophe(std::string_view value) {
    if (value.empty()) return false;
    const char c = value[0];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// YYYY-MM-DD without building a string (a million rows write four dates each).
void append_date(std::string& out, Date day) {
    const YearMonthDay d = day.ymd();
    char text[10] = {static_cast<char>('0' + d.year / 1000 % 10),
                     static_cast<char>('0' + d.year / 100 % 10),
                     static_cast<char>('0' + d.year / 10 % 10),
                     static_cast<char>('0' + d.year % 10),
                     '-',
                     static_cast<char>('0' + d.month / 10),
                     static_cast<char>('0' + d.month % 10),
                     '-',
                     static_cast<char>('0' + d.day / 10),
                     static_cast<char>('0' + d.day % 10)};
    out.append(text, sizeof text);
}

void append_number(std::string& out, std::int64_t n) {
    char text[24];
    int at = sizeof text;
    const bool negative = n < 0;
    std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    do {
        text[--at] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    if (negative) text[--at] = '-';
    out.append(text + at, sizeof text - at);
}

// A unit's best offers in a few words each: "adp 3y USD 155.00; kyd 3y USD 40.00", into `text`
// (cleared first).
void best_offers_text(const UnitOpportunity& unit, std::string& text) {
    text.clear();
    for (const BestOffer& o : unit.best_offers()) {
        if (!text.empty()) text += "; ";
        text += o.offering->id;
        if (o.term_years > 0) {
            text += ' ';
            append_number(text, o.term_years);
            text += 'y';
        }
        text += ' ';
        unit.unit_price(o).append_to(text);
    }
}

// Whether a cell must be quoted. A plain loop: find_first_of searches the four characters once
// per byte of the cell, which cost a tenth of writing a million rows.
bool needs_quotes(std::string_view value) {
    for (char c : value)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    return false;
}

}  // namespace

void append_csv_cell(std::string& out, std::string_view value) {
    const bool apostrophe = needs_apostrophe(value);
    if (!needs_quotes(value)) {
        if (apostrophe) out += '\'';
        out += value;
        return;
    }
    out += '"';
    if (apostrophe) out += '\'';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string csv_cell(std::string_view value) {
    std::string cell;
    append_csv_cell(cell, value);
    return cell;
}

std::string fleet_csv_header(const std::vector<std::string>& extra_columns) {
    std::string out =
        "line,serial,mtm,customer,quantity,coverage_end,covered,lapsed,bucket,next_window,closes,days_left,best_offers,"
        "reinstatement_price,value,currency,ship_date,purchase_date,channel,condition,country,services,follow_up";
    for (const std::string& extra : extra_columns) {
        out += ',';
        append_csv_cell(out, extra);
    }
    return out + "\r\n";
}

void append_fleet_unit_csv_row(std::string& out, const Catalog& catalog, const UnitOpportunity& u, const FleetRow& row,
                               std::string_view follow_up) {
    // The unit's input as read, so that the file reads back as the same units: serial, mtm,
    // customer, quantity and coverage_end are among the columns above (coverage_end is the
    // coverage in force, which the core takes as the later of the base warranty's end and any
    // end given, so it reads back to the same coverage). Numbers, dates and our own words need
    // no quoting; text from the file goes through append_csv_cell.
    const DeviceInput& d = row.device;
    const ClosingWindow* next = u.windows().empty() ? nullptr : &u.windows().front();
    append_number(out, u.line);
    out += ',';
    append_csv_cell(out, u.serial());
    out += ',';
    append_csv_cell(out, u.mtm());
    out += ',';
    append_csv_cell(out, u.customer());
    out += ',';
    append_number(out, u.quantity);
    out += ',';
    append_date(out, u.coverage_end);
    out += u.covered ? ",yes" : ",no";
    out += u.lapsed ? ",yes," : ",no,";
    out += to_string(u.bucket);
    out += ',';
    if (next) {
        out += to_string(next->kind());
        out += ',';
        append_date(out, next->closes);
        out += ',';
        append_number(out, next->days_left);
    } else {
        out += ",,";
    }
    out += ',';
    if (!u.best_offers().empty()) {
        thread_local std::string offers;  // reused row after row (rows are written on several threads)
        best_offers_text(u, offers);
        append_csv_cell(out, offers);
    }
    out += ',';
    if (const std::optional<Money> price = u.reinstatement_price()) price->append_plain_to(out);
    out += ',';
    u.value.append_plain_to(out);
    out += ',';
    out += catalog.policy.currency.code_view();
    out += ',';
    append_date(out, d.ship_date);
    out += ',';
    if (d.purchase_date) append_date(out, *d.purchase_date);
    out += ',';
    out += to_string(d.channel);
    out += ',';
    out += to_string(d.condition);
    out += ',';
    append_csv_cell(out, d.country);
    out += ',';
    for (std::size_t i = 0; i < d.services_held.size(); ++i) {
        if (i > 0) out += ';';
        out += to_string(d.services_held[i]);
    }
    out += ',';
    append_csv_cell(out, follow_up);
    for (const std::string& extra : row.extra) {
        out += ',';
        append_csv_cell(out, extra);
    }
    out += "\r\n";
}

std::string fleet_unit_csv_row(const Catalog& catalog, const UnitOpportunity& u, const FleetRow& row) {
    return fleet_unit_csv_row(catalog, u, row, row.follow_up);
}

std::string fleet_unit_csv_row(const Catalog& catalog, const UnitOpportunity& u, const FleetRow& row,
                               std::string_view follow_up) {
    std::string out;
    append_fleet_unit_csv_row(out, catalog, u, row, follow_up);
    return out;
}

std::string fleet_to_csv(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result) {
    // No marks given: each row keeps the follow_up cell it came with (marks.cpp writes the rows).
    return fleet_to_csv(catalog, parsed, result, FollowUpMarks{});
}

}  // namespace apos
