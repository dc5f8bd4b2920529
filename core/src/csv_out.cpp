// CSV out: the fleet's opportunities as spreadsheet rows, cells made safe to open.
#include "apos/json_io.hpp"

#include <unordered_map>

namespace apos {

namespace {

// A unit's best offer in a few words: "adp 3y USD 155.00".
std::string offer_label(const BestOffer& o) {
    std::string text = o.offering->id;
    if (o.term_years > 0) text += " " + std::to_string(o.term_years) + "y";
    text += " " + o.unit_price.to_string();
    return text;
}

}  // namespace

std::string csv_cell(std::string_view value) {
    std::string cell(value);
    if (!cell.empty() &&
        (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r'))
        cell.insert(0, "'");
    if (cell.find_first_of(",\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    }
    return cell;
}

std::string fleet_csv_header(const std::vector<std::string>& extra_columns) {
    std::string out =
        "line,serial,mtm,customer,quantity,coverage_end,covered,lapsed,bucket,next_window,closes,days_left,best_offers,"
        "reinstatement_price,value,currency,ship_date,purchase_date,channel,condition,country,services,follow_up";
    for (const std::string& extra : extra_columns) out += "," + csv_cell(extra);
    return out + "\r\n";
}

std::string fleet_unit_csv_row(const Catalog& catalog, const UnitOpportunity& u, const FleetRow& row) {
    return fleet_unit_csv_row(catalog, u, row, row.follow_up);
}

std::string fleet_unit_csv_row(const Catalog& catalog, const UnitOpportunity& u, const FleetRow& row,
                               std::string_view follow_up) {
    // The unit's input as read, so that the file reads back as the same units: serial, mtm,
    // customer, quantity and coverage_end are among the columns above (coverage_end is the
    // coverage in force, which the core takes as the later of the base warranty's end and any
    // end given, so it reads back to the same coverage).
    const DeviceInput& d = row.device;
    std::string services;
    for (OfferKind kind : d.services_held) services += (services.empty() ? "" : ";") + std::string(to_string(kind));
    std::string best;
    for (const BestOffer& o : u.best_offers) best += (best.empty() ? "" : "; ") + offer_label(o);
    const ClosingWindow* next = u.windows.empty() ? nullptr : &u.windows.front();
    const std::string cells[] = {std::to_string(u.line),
                                 u.serial,
                                 u.mtm,
                                 u.customer,
                                 std::to_string(u.quantity),
                                 u.coverage_end.to_string(),
                                 u.covered ? "yes" : "no",
                                 u.lapsed ? "yes" : "no",
                                 std::string(to_string(u.bucket)),
                                 next ? std::string(to_string(next->kind)) : "",
                                 next ? next->closes.to_string() : "",
                                 next ? std::to_string(next->days_left) : "",
                                 best,
                                 u.reinstatement_price ? u.reinstatement_price->to_plain_string() : "",
                                 u.value.to_plain_string(),
                                 std::string(catalog.policy.currency.code_view()),
                                 d.ship_date.to_string(),
                                 d.purchase_date ? d.purchase_date->to_string() : "",
                                 std::string(to_string(d.channel)),
                                 std::string(to_string(d.condition)),
                                 d.country,
                                 services,
                                 std::string(follow_up)};
    std::string out;
    for (const std::string& cell : cells) out += (out.empty() ? "" : ",") + csv_cell(cell);
    for (const std::string& extra : row.extra) out += "," + csv_cell(extra);
    return out + "\r\n";
}

std::string fleet_to_csv(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result) {
    std::unordered_map<int, const FleetRow*> rows;
    for (const FleetRow& r : parsed.rows) rows[r.line] = &r;
    std::string out = fleet_csv_header(parsed.extra_columns);
    static const FleetRow no_row;
    for (const UnitOpportunity& u : result.units) {
        const auto it = rows.find(u.line);
        out += fleet_unit_csv_row(catalog, u, it != rows.end() ? *it->second : no_row);
    }
    return out;
}

}  // namespace apos
