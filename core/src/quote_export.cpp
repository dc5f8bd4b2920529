// Quote exports for partners: CSV for spreadsheets, a self-contained printable HTML page.
#include "apos/quote_export.hpp"

#include "apos/json_io.hpp"

namespace apos {
namespace {

constexpr std::string_view kNotice = "Sample catalog: prices and part numbers are illustrative, not an offer.";

std::string line_kind(const QuoteLine& line) { return line.kind ? std::string(to_string(*line.kind)) : "hardware"; }

constexpr std::string_view kPageStyle =
    "body{font:14px/1.4 sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%;margin:1em 0}"
    "th,td{border-bottom:1px solid #ccc;padding:4px 6px;text-align:left}td.n,th.n{text-align:right}"
    ".notice{border:2px solid #b60;padding:.5em;font-weight:bold}.small{color:#555;font-size:12px}";

// The quote's valid-until date and the services that must be bought before it, earliest first.
std::string validity_html(const Quote& q) {
    if (!q.valid_until) return "";
    std::string h =
        "<p>This quote is valid until <strong>" + html_escape(q.valid_until->to_string()) + "</strong>.</p>\n";
    if (q.deadlines.empty()) return h;
    h += "<p class=\"notice\">Some services must be ordered before then: the earliest deadline is " +
         html_escape(q.deadlines.front().buy_by.to_string()) + ".</p>\n<ul>\n";
    for (const QuoteDeadline& d : q.deadlines) {
        const QuoteLine& l = q.lines[d.line];
        h += "<li>" + html_escape(l.name) + " for " + html_escape(quote_item_unit(q, l.item)) + ": order by " +
             html_escape(d.buy_by.to_string());
        h += " (it can be bought " + html_escape(d.reason) + ")";
        h += "</li>\n";
    }
    return h + "</ul>\n";
}

std::string page_head(std::string_view title) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
           "</title>\n<style>" + std::string(kPageStyle) + "</style></head><body>\n";
}

}  // namespace

std::string_view sample_catalog_notice() { return kNotice; }

std::string quote_item_unit(const Quote& q, std::size_t item) {
    if (item >= q.items.size() || !q.items[item].device) return "";
    const DeviceFacts& d = *q.items[item].device;
    std::string out = d.machine_type->name + " (" + d.input.mtm + ")";
    if (!d.input.serial.empty()) out += ", serial " + d.input.serial;
    return out;
}

std::string quote_to_customer_html(const Quote& q) {
    auto e = [](std::string_view text) { return html_escape(text); };
    std::string h = page_head("Quote " + q.as_of.to_string());
    h += "<h1>Services quote</h1>\n<p class=\"notice\">" + e(kNotice) + "</p>\n";
    h += "<p>Prices as of " + e(q.as_of.to_string()) + " &middot; price book: " + e(q.catalog_label) + "</p>\n";
    h += validity_html(q);
    h += "<table><thead><tr><th>Unit</th><th>Service</th><th>Part</th><th class=\"n\">Term</th>"
         "<th class=\"n\">Qty</th><th class=\"n\">Unit list price</th><th class=\"n\">Line list price</th>"
         "<th>Coverage</th></tr></thead><tbody>\n";
    for (const QuoteLine& l : q.lines) {
        h += "<tr><td>" + e(quote_item_unit(q, l.item)) + "</td><td>" + e(l.name);
        if (l.status == OfferStatus::NeedsApproval) h += " <strong>(subject to approval)</strong>";
        h += "</td><td>" + e(l.part_number) + "</td><td class=\"n\">" +
             (l.term_years ? std::to_string(l.term_years) + (l.term_years == 1 ? " year" : " years") : "one-off") +
             "</td><td class=\"n\">" + std::to_string(l.quantity) + "</td><td class=\"n\">" +
             e(l.unit_list.to_string()) + "</td><td class=\"n\">" + e(l.line_list.to_string()) + "</td><td>" +
             (l.coverage ? e(l.coverage->from.to_string()) + " to " + e(l.coverage->until.to_string()) : "") +
             "</td></tr>\n";
    }
    h += "</tbody></table>\n<table><tbody>\n<tr><th>Total (list prices)</th><td class=\"n\">" +
         e(q.totals.list.to_string()) + "</td></tr>\n</tbody></table>\n";
    // The quote's rounding statement speaks of partner prices: the customer's copy says only what
    // holds for list prices (catalog amounts, summed per line without rounding).
    h += "<p class=\"small\">List prices are the price book's own amounts; a line is its unit price times its "
         "quantity.</p>\n</body></html>\n";
    return h;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string quote_to_csv(const Quote& q) {
    const std::string currency(q.totals.list.currency().code_view());
    // The line columns, then the unit each line is for, in the fleet CSV's own column names, so
    // that the file reads back as a fleet (fleet_csv.cpp: one unit per item; "unit_quantity" is
    // the item's units, as "quantity" is the line's). Rows after the lines fill them with blanks.
    std::string out =
        "item,id,name,part_number,kind,term_years,quantity,status,unit_list,line_list,line_partner,currency,coverage_"
        "from,coverage_until,serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,unit_"
        "quantity\r\n";
    constexpr std::size_t kUnitColumns = 10;
    auto row = [&](std::initializer_list<std::string> cells, const DeviceInput* unit = nullptr) {
        bool first = true;
        for (const std::string& c : cells) {
            out += (first ? "" : ",") + csv_cell(c);
            first = false;
        }
        if (unit) {
            std::string held;
            for (OfferKind k : unit->services_held) held += (held.empty() ? "" : ";") + std::string(to_string(k));
            for (const std::string& c :
                 {unit->serial, unit->mtm, unit->ship_date.to_string(),
                  unit->purchase_date ? unit->purchase_date->to_string() : std::string(),
                  std::string(to_string(unit->channel)), std::string(to_string(unit->condition)), unit->country,
                  unit->coverage_end ? unit->coverage_end->to_string() : std::string(), held,
                  std::to_string(unit->quantity)})
                out += "," + csv_cell(c);
        } else {
            out += std::string(kUnitColumns, ',');
        }
        out += "\r\n";
    };
    auto unit_of = [&](std::size_t item) -> const DeviceInput* {
        return item < q.items.size() && q.items[item].device ? &q.items[item].device->input : nullptr;
    };
    // Lines in item order (as the quote has them); an item that sold nothing still has its unit,
    // on a row of its own with the status "nothing-sold" and no service.
    std::vector<bool> has_line(q.items.size(), false);
    for (const QuoteLine& l : q.lines)
        if (l.item < has_line.size()) has_line[l.item] = true;
    std::size_t next_item = 0;
    auto items_without_lines_before = [&](std::size_t item) {
        for (; next_item < item && next_item < q.items.size(); ++next_item) {
            if (has_line[next_item] || !unit_of(next_item)) continue;
            row({std::to_string(next_item + 1), "", "", "", "", "", "", "nothing-sold", "", "", "", currency, "", ""},
                unit_of(next_item));
        }
    };
    for (const QuoteLine& l : q.lines) {
        items_without_lines_before(l.item);
        row({std::to_string(l.item + 1), l.id, l.name, l.part_number, line_kind(l), std::to_string(l.term_years),
             std::to_string(l.quantity), std::string(to_string(l.status)), l.unit_list.to_plain_string(),
             l.line_list.to_plain_string(), l.line_partner.to_plain_string(), currency,
             l.coverage ? l.coverage->from.to_string() : "", l.coverage ? l.coverage->until.to_string() : ""},
            unit_of(l.item));
    }
    items_without_lines_before(q.items.size());
    out += "\r\n";
    row({"program", "rule", "name", "", "", "", "units", "", "", "", "amount", currency, "", ""});
    for (const ProgramAmount& a : q.programs.amounts)
        row({"program", a.rule, a.name, "", "", "", std::to_string(a.units), "", "", "", a.amount.to_plain_string(),
             currency, "", ""});
    out += "\r\n";
    row({"total", "list", "", "", "", "", "", "", "", q.totals.list.to_plain_string(), "", currency, "", ""});
    row({"total", "partner_price", "", "", "", "", "", "", "", "", q.totals.partner_price.to_plain_string(), currency,
         "", ""});
    row({"total", "partner_benefit", "", "", "", "", "", "", "", "", q.totals.partner_benefit.to_plain_string(),
         currency, "", ""});
    row({"total", "margin", q.totals.margin.to_percent_string(), "", "", "", "", "", "", "", "", "", "", ""});
    row({"note", std::string(kNotice), q.catalog_label, q.rounding, "", "", "", "", "", "", "", "", "", ""});
    if (q.valid_until) {
        row({"valid_until", q.valid_until->to_string(), "", "", "", "", "", "", "", "", "", "", "", ""});
        for (const QuoteDeadline& d : q.deadlines)
            row({"deadline", std::to_string(q.lines[d.line].item + 1), q.lines[d.line].name, d.reason, "", "", "", "",
                 "", "", "", "", "", d.buy_by.to_string()});
    }
    return out;
}

std::string quote_to_html(const Quote& q) {
    auto e = [](std::string_view text) { return html_escape(text); };
    std::string h = page_head("Internal quote " + q.as_of.to_string());
    h += "<h1>Services quote (partner's internal copy)</h1>\n<p class=\"notice\">" + e(kNotice) + "</p>\n";
    h += "<p>As of " + e(q.as_of.to_string()) + " &middot; price book: " + e(q.catalog_label) +
         " &middot; program table: " + e(q.programs.table_id) + "</p>\n";
    h += validity_html(q);
    for (std::size_t i = 0; i < q.items.size(); ++i) {
        const QuoteItemResult& item = q.items[i];
        if (item.device) {
            const DeviceFacts& d = *item.device;
            h += "<h2>Item " + std::to_string(i + 1) + ": " + e(d.machine_type->name) + " (" + e(d.input.mtm) +
                 ")</h2>\n<p>Serial " + e(d.input.serial.empty() ? "-" : d.input.serial) + ", quantity " +
                 std::to_string(d.input.quantity) + ", base warranty " + e(d.base_start.to_string()) + " to " +
                 e(d.base_end.to_string()) + " (" + e(level_label(d.base_level)) + ")</p>\n";
        } else if (item.error) {
            h += "<h2>Item " + std::to_string(i + 1) + "</h2>\n<p>Not priced: " + e(item.error->field) + ": " +
                 e(item.error->message) + "</p>\n";
        }
    }
    h += "<table><thead><tr><th>Item</th><th>Unit</th><th>Service</th><th>Part</th><th class=\"n\">Term</th><th "
         "class=\"n\">Qty</th>"
         "<th class=\"n\">Unit list</th><th class=\"n\">Line list</th><th class=\"n\">Partner "
         "price</th><th>Coverage</th></tr></thead><tbody>\n";
    for (const QuoteLine& l : q.lines) {
        h += "<tr><td>" + std::to_string(l.item + 1) + "</td><td>" + e(quote_item_unit(q, l.item)) + "</td><td>" +
             e(l.name);
        if (l.status == OfferStatus::NeedsApproval) h += " <strong>(needs approval)</strong>";
        for (const Reason& r : l.notes) h += "<div class=\"small\">" + e(r.rule) + ": " + e(r.message) + "</div>";
        h += "</td><td>" + e(l.part_number) + "</td><td class=\"n\">" +
             (l.term_years ? std::to_string(l.term_years) + " y" : "") + "</td><td class=\"n\">" +
             std::to_string(l.quantity) + "</td><td class=\"n\">" + e(l.unit_list.to_string()) +
             "</td><td class=\"n\">" + e(l.line_list.to_string()) + "</td><td class=\"n\">" +
             e(l.line_partner.to_string()) + "</td><td>" +
             (l.coverage ? e(l.coverage->from.to_string()) + " to " + e(l.coverage->until.to_string()) : "") +
             "</td></tr>\n";
    }
    h += "</tbody></table>\n";
    if (!q.rejected.empty()) {
        h += "<h2>Not sold</h2>\n<ul>\n";
        for (const RejectedService& r : q.rejected) {
            h += "<li>Item " + std::to_string(r.item + 1) + ", " + e(r.label);
            for (const Reason& reason : r.reasons)
                h += "<div class=\"small\">" + e(reason.rule) + ": " + e(reason.message) + "</div>";
            h += "</li>\n";
        }
        h += "</ul>\n";
    }
    h += "<h2>Partner programs</h2>\n<table><tbody>\n";
    for (const ProgramAmount& a : q.programs.amounts)
        h += "<tr><td>" + e(a.rule) + "</td><td>" + e(a.name) + "</td><td class=\"n\">" + e(a.amount.to_string()) +
             "</td></tr>\n";
    h += "</tbody></table>\n<table><tbody>\n";
    h += "<tr><th>List total</th><td class=\"n\">" + e(q.totals.list.to_string()) + "</td></tr>\n";
    h += "<tr><th>Partner price</th><td class=\"n\">" + e(q.totals.partner_price.to_string()) + "</td></tr>\n";
    h += "<tr><th>Partner benefit</th><td class=\"n\">" + e(q.totals.partner_benefit.to_string()) + "</td></tr>\n";
    h += "<tr><th>Margin (benefit / partner price)</th><td class=\"n\">" + e(q.totals.margin.to_percent_string()) +
         "</td></tr>\n";
    h += "</tbody></table>\n<p class=\"small\">" + e(q.rounding) + "</p>\n</body></html>\n";
    return h;
}

}  // namespace apos
