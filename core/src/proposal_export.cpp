// Renewal proposals as the customer reads them: printable HTML (one printed page per customer),
// mail-merge CSV lines and an e-mail draft; list prices, deadlines and the partner's name only.
#include <algorithm>

#include "apos/json_io.hpp"
#include "apos/proposals.hpp"
#include "apos/quote_export.hpp"

namespace apos {
namespace {

// Every break after a customer's section but the last; the screen view shows a rule between them.
constexpr std::string_view kProposalStyle =
    "body{font:14px/1.4 sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%;margin:.5em 0 "
    "1em}th,td{border-bottom:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}td.n,th.n{text-"
    "align:right}.notice{border:2px solid #b60;padding:.5em;font-weight:bold}.small{color:#555;font-size:12px}"
    "section.proposal{margin-bottom:3em}section.proposal+section.proposal{border-top:3px double #999;padding-top:"
    "2em}tr.total th,tr.total td{font-weight:bold;border-top:2px solid #111}"
    "@media print{body{margin:0}section.proposal{break-after:page;page-break-after:always;margin:0}"
    "section.proposal:last-of-type{break-after:auto;page-break-after:auto}section.proposal+section.proposal{"
    "border:0;padding:0}}";

std::string e(std::string_view text) { return html_escape(text); }

std::string customer_label(const CustomerProposal& p) {
    return p.customer.empty() ? std::string("your organisation") : p.customer;
}

std::string group_title(ProposalAction action) {
    switch (action) {
        case ProposalAction::Extend: return "Extend the warranty before it ends";
        case ProposalAction::AddAdp: return "Add accidental damage protection while it is still available";
        case ProposalAction::AddOther: return "Add services before their purchase window closes";
        case ProposalAction::PostWarranty: return "Renew coverage that is ending or has just ended";
        case ProposalAction::Reinstate: return "Restore coverage on units whose warranty has lapsed";
    }
    return "";
}

std::string group_explanation(const ProposalSet& set, ProposalAction action) {
    switch (action) {
        case ProposalAction::Extend:
            return "An extension can be added only while the original warranty is still running; after the "
                   "date shown it can no longer be bought.";
        case ProposalAction::AddAdp:
            return "Protection against accidents (drops, spills) can be added only within " +
                   std::to_string(set.adp_purchase_days) + " days of the purchase of the unit.";
        case ProposalAction::AddOther: return "Each of these services can be bought only until the date shown.";
        case ProposalAction::PostWarranty:
            return "Coverage that is ending, or ended only recently, can be renewed until the date shown.";
        case ProposalAction::Reinstate:
            return "Units whose coverage ended some time ago can be brought back under coverage; the price "
                   "includes a reinstatement fee.";
    }
    return "";
}

std::string term_text(int years) {
    if (years == 0) return "one-off";
    return std::to_string(years) + (years == 1 ? " year" : " years");
}

std::string units_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " unit" : " units"); }
// "1 unit needs", "3 units need".
std::string units_need(std::int64_t n) { return units_text(n) + (n == 1 ? " needs" : " need"); }

std::string months_text(int n) { return std::to_string(n) + (n == 1 ? " month" : " months"); }

// The co-terming suggestion in the customer's words: the spread now and with the terms, then the
// units whose term it sets, at list prices. It is an option beside the lines above, not in their total.
std::string coterm_html(const CotermSuggestion& c) {
    std::string h = "<section class=\"coterm\">\n<h2>Bringing your coverage end dates together</h2>\n";
    h += "<p>Your units' coverage now ends over a span of " + e(months_text(c.spread_months_before)) + " (" +
         std::to_string(c.spread_days_before) + " days). With the terms below, it would end within " +
         e(months_text(c.spread_months_after)) + " (" + std::to_string(c.spread_days_after) +
         " days), so that one renewal covers them all next time.</p>\n";
    h += "<table><thead><tr><th>Serial</th><th>Coverage ends now</th><th>Service</th><th class=\"n\">Term</th>"
         "<th class=\"n\">Unit price</th><th>Coverage would end</th></tr></thead><tbody>\n";
    for (const CotermUnit& u : c.units) {
        if (!u.offering) continue;
        h += "<tr><td>" + e(u.serial.empty() ? "-" : u.serial) + "</td><td>" + e(u.end_before.to_string()) +
             "</td><td>" + e(u.offering->name) + "</td><td class=\"n\">" + e(term_text(u.term_years)) +
             "</td><td class=\"n\">" + e(u.unit_list ? u.unit_list->to_string() : std::string("-")) + "</td><td>" +
             e(u.end_after.to_string()) + "</td></tr>\n";
    }
    h += "</tbody></table>\n<p class=\"small\">A suggestion to talk over: where a unit is also listed "
         "above, the term here would take the place of the one proposed there. These prices are not in the "
         "total above.</p>\n</section>\n";
    return h;
}

std::string section_html(const ProposalSet& set, const CustomerProposal& p) {
    std::string h = "<section class=\"proposal\" id=\"" + e(p.slug) + "\">\n";
    h += "<h1>Service renewal proposal for " + e(customer_label(p)) + "</h1>\n";
    std::string from = set.partner.name.empty() ? std::string("your service partner") : set.partner.name;
    h += "<p>Prepared by <strong>" + e(from) + "</strong>";
    if (!set.partner.contact.empty()) h += " &middot; " + e(set.partner.contact);
    h += " &middot; prices as of " + e(set.as_of.to_string()) + "</p>\n";
    h += "<p class=\"notice\">" + e(sample_catalog_notice()) + "</p>\n";
    h += "<p>" + e(units_text(p.units)) + " of yours " + (p.units == 1 ? "needs" : "need") + " a decision by " +
         e(set.horizon_end.to_string()) + ".";
    if (p.earliest_deadline)
        h += " The first deadline is <strong>" + e(p.earliest_deadline->to_string()) + "</strong>.";
    h += " Total at list prices: <strong>" + e(p.total.to_string()) + "</strong>.</p>\n";
    for (const ProposalGroup& g : p.groups) {
        h += "<h2>" + e(group_title(g.action)) + "</h2>\n<p class=\"small\">" + e(group_explanation(set, g.action)) +
             "</p>\n";
        h += "<table><thead><tr><th>Unit</th><th>Serial</th><th>Coverage ends</th><th>Service</th>"
             "<th class=\"n\">Term</th><th class=\"n\">Qty</th><th class=\"n\">Unit price</th>"
             "<th class=\"n\">Price</th><th>Buy by</th></tr></thead><tbody>\n";
        for (const ProposalUnit& u : g.units) {
            const std::string rows = std::to_string(u.services.size());
            for (std::size_t i = 0; i < u.services.size(); ++i) {
                const ProposedService& s = u.services[i];
                h += "<tr>";
                if (i == 0)
                    h += "<td rowspan=\"" + rows + "\">" + e(u.model) + " (" + e(u.mtm) + ")</td><td rowspan=\"" +
                         rows + "\">" + e(u.serial.empty() ? "-" : u.serial) + "</td><td rowspan=\"" + rows + "\">" +
                         e(u.coverage_end.to_string()) + (u.covered ? "" : " (ended)") + "</td>";
                h += "<td>" + e(s.name) + (s.needs_approval ? " <strong>(subject to approval)</strong>" : "");
                if (s.companion) h += "<div class=\"small\">needed with the service due on this unit</div>";
                if (s.coverage)
                    h += "<div class=\"small\">covers " + e(s.coverage->from.to_string()) + " to " +
                         e(s.coverage->until.to_string()) + "</div>";
                h += "</td><td class=\"n\">" + e(term_text(s.term_years)) + "</td><td class=\"n\">" +
                     std::to_string(s.quantity) + "</td><td class=\"n\">" + e(s.unit_list.to_string()) +
                     "</td><td class=\"n\">" + e(s.line_list.to_string()) + "</td><td>" +
                     e(s.deadline ? s.deadline->to_string() : std::string("no fixed date")) + "</td></tr>\n";
            }
        }
        h += "<tr class=\"total\"><th colspan=\"7\">Subtotal</th><td class=\"n\">" + e(g.total.to_string()) +
             "</td><td></td></tr>\n</tbody></table>\n";
    }
    h += "<table><tbody><tr class=\"total\"><th>Total at list prices</th><td class=\"n\">" + e(p.total.to_string()) +
         "</td></tr></tbody></table>\n";
    if (p.coterm) h += coterm_html(*p.coterm);
    h += "<p class=\"small\">Prices are list prices from the price book " + e(set.catalog_label) +
         "; a line is its unit price times its quantity. A service not bought by its date can no longer be "
         "added. To go ahead, or to ask about any unit, contact " +
         e(from) + (set.partner.contact.empty() ? "" : " (" + e(set.partner.contact) + ")") + ".</p>\n";
    return h + "</section>\n";
}

std::string page(const ProposalSet& set, std::string_view title, const std::vector<const CustomerProposal*>& list) {
    std::string h = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + e(title) +
                    "</title>\n<style>" + std::string(kProposalStyle) + "</style></head><body>\n";
    if (list.empty())
        h += "<p>Nothing falls due by " + e(set.horizon_end.to_string()) + ".</p>\n<p class=\"notice\">" +
             e(sample_catalog_notice()) + "</p>\n";
    for (const CustomerProposal* p : list) h += section_html(set, *p);
    return h + "</body></html>\n";
}

// ---- Mail ------------------------------------------------------------------------------------
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (n > 1) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (n > 2) v |= static_cast<unsigned char>(bytes[i + 2]);
        out += kBase64[(v >> 18) & 63];
        out += kBase64[(v >> 12) & 63];
        out += n > 1 ? kBase64[(v >> 6) & 63] : '=';
        out += n > 2 ? kBase64[v & 63] : '=';
    }
    return out;
}

// Line breaks and other control characters never reach a header (no header can be smuggled in).
std::string header_safe(std::string_view text) {
    std::string out;
    for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    return out;
}

bool plain_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// RFC 2047 encoded words of at most 45 bytes each, cut between UTF-8 characters, folded apart.
std::string encoded_words(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t n = std::min<std::size_t>(45, text.size() - i);
        while (i + n < text.size() && n > 0 && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) --n;
        if (n == 0) n = std::min<std::size_t>(45, text.size() - i);
        if (!out.empty()) out += "\r\n ";
        out += "=?utf-8?B?" + base64(text.substr(i, n)) + "?=";
        i += n;
    }
    return out;
}

std::string header_text(std::string_view text) {
    const std::string safe = header_safe(text);
    return plain_ascii(safe) ? safe : encoded_words(safe);
}

std::string display_name(std::string_view name) {
    const std::string safe = header_safe(name);
    if (!plain_ascii(safe)) return encoded_words(safe);
    std::string quoted = "\"";
    for (char c : safe) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

bool is_address(std::string_view text) {
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view domain = text.substr(at + 1);
    if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && c != '<' && c != '>' && c != '"' && c != '(' && c != ')' && c != ',' &&
               c != ';' && c != ':' && c != '[' && c != ']' && c != '\\';
    });
}

// The first word of free text that is an address ("Jo Smith <jo@example.com>, +1 555").
std::string address_in(std::string_view text) {
    std::string word;
    auto take = [&]() {
        const std::string found = is_address(word) ? word : "";
        word.clear();
        return found;
    };
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')' ||
            c == '\r' || c == '\n') {
            if (std::string found = take(); !found.empty()) return found;
        } else {
            word += c;
        }
    }
    return take();
}

std::string mail_date(Date day) {
    static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int32_t days = day.days_since_epoch();
    const YearMonthDay ymd = day.ymd();
    return std::string(kDays[((days % 7) + 7) % 7]) + ", " + std::to_string(ymd.day) + " " + kMonths[ymd.month - 1] +
           " " + std::to_string(ymd.year) + " 00:00:00 +0000";
}

}  // namespace

std::string proposals_to_html(const ProposalSet& set) {
    std::vector<const CustomerProposal*> list;
    for (const CustomerProposal& p : set.proposals) list.push_back(&p);
    return page(set, "Service renewal proposals " + set.as_of.to_string(), list);
}

std::string proposal_to_html(const ProposalSet& set, const CustomerProposal& proposal) {
    return page(set, "Service renewal proposal for " + customer_label(proposal), {&proposal});
}

std::string proposal_summary_text(const ProposalSet& set, const CustomerProposal& p) {
    std::string text = units_need(p.units) + " a decision by " + set.horizon_end.to_string();
    if (p.earliest_deadline) text += "; first deadline " + p.earliest_deadline->to_string();
    return text + "; total " + p.total.to_string() + " at list prices";
}

std::string proposals_to_mail_merge_csv(const ProposalSet& set) {
    std::string out = "customer,contact,units,earliest_deadline,total,currency,text\r\n";
    for (const CustomerProposal& p : set.proposals) {
        const std::string cells[] = {p.customer,
                                     p.contact,
                                     std::to_string(p.units),
                                     p.earliest_deadline ? p.earliest_deadline->to_string() : "",
                                     p.total.to_plain_string(),
                                     std::string(p.total.currency().code_view()),
                                     proposal_summary_text(set, p)};
        bool first = true;
        for (const std::string& c : cells) {
            out += (first ? "" : ",") + csv_cell(c);
            first = false;
        }
        out += "\r\n";
    }
    return out;
}

std::string proposal_to_eml(const ProposalSet& set, const CustomerProposal& p) {
    std::string from = set.partner.email;
    if (!is_address(from)) from = address_in(set.partner.contact);
    // A draft needs a sender; the partner's mail program puts its own account in on sending.
    if (from.empty()) from = "renewals@example.invalid";
    std::string m;
    auto header = [&m](std::string_view name, const std::string& value) {
        m += std::string(name) + ": " + value + "\r\n";
    };
    header("From", (set.partner.name.empty() ? "" : display_name(set.partner.name) + " ") + "<" + from + ">");
    const std::string to = address_in(p.contact);
    if (!to.empty()) header("To", "<" + to + ">");
    std::string subject = "Service renewal proposal for " + customer_label(p);
    if (p.earliest_deadline) subject += " (first deadline " + p.earliest_deadline->to_string() + ")";
    header("Subject", header_text(subject));
    header("Date", mail_date(set.as_of));
    header("Message-ID", "<proposal." + p.slug + "." + set.as_of.to_string() + "@apos.invalid>");
    header("MIME-Version", "1.0");
    header("X-Unsent", "1");  // mail programs open the file as a draft to edit and send
    header("Content-Type", "text/html; charset=utf-8");
    header("Content-Transfer-Encoding", "base64");
    m += "\r\n";
    const std::string body = base64(proposal_to_html(set, p));
    for (std::size_t i = 0; i < body.size(); i += 76) m += body.substr(i, 76) + "\r\n";
    return m;
}

}  // namespace apos

// [SECTION] JSON -----------------------------------------------------------------------------
namespace apos {

std::string coterm_text(const CotermSuggestion& c) {
    auto months = [](int n) { return std::to_string(n) + (n == 1 ? " month" : " months"); };
    if (c.units.size() < 2) return "Fewer than two units with coverage to align.";
    std::string text = "Coverage ends are now spread over " + months(c.spread_months_before) + " (" +
                       std::to_string(c.spread_days_before) + " days)";
    if (!c.target) return text + "; no term the rules allow brings them closer.";
    return text + "; with these terms, " + months(c.spread_months_after) + " (" + std::to_string(c.spread_days_after) +
           " days).";
}

nlohmann::json coterm_to_json(const CotermSuggestion& c) {
    using nlohmann::json;
    json changes = json::array();
    for (const CotermUnit& u : c.units) {
        if (!u.offering) continue;
        json j = {{"line", u.line},
                  {"serial", u.serial},
                  {"end_before", u.end_before.to_string()},
                  {"end_after", u.end_after.to_string()},
                  {"id", u.offering->id},
                  {"name", u.offering->name},
                  {"term_years", u.term_years}};
        if (u.unit_list) j["unit_list"] = money_to_json(*u.unit_list);
        changes.push_back(std::move(j));
    }
    json left_out = json::array();
    for (const ProposalLeftOut& l : c.left_out)
        left_out.push_back({{"line", l.line}, {"serial", l.serial}, {"reason", l.reason}});
    return {{"units", c.units.size()},
            {"spread_days_before", c.spread_days_before},
            {"spread_days_after", c.spread_days_after},
            {"spread_months_before", c.spread_months_before},
            {"spread_months_after", c.spread_months_after},
            {"target", c.target ? json(c.target->to_string()) : json(nullptr)},
            {"changes", std::move(changes)},
            {"left_out", std::move(left_out)},
            {"text", coterm_text(c)}};
}

nlohmann::json proposals_to_json(const ProposalSet& set) {
    using nlohmann::json;
    json proposals = json::array();
    for (const CustomerProposal& p : set.proposals) {
        json groups = json::array();
        for (const ProposalGroup& g : p.groups) {
            json units = json::array();
            for (const ProposalUnit& u : g.units) {
                json services = json::array();
                for (const ProposedService& s : u.services)
                    services.push_back({{"id", s.offering_id},
                                        {"name", s.name},
                                        {"kind", to_string(s.kind)},
                                        {"term_years", s.term_years},
                                        {"quantity", s.quantity},
                                        {"unit_list", money_to_json(s.unit_list)},
                                        {"line_list", money_to_json(s.line_list)},
                                        {"deadline", s.deadline ? json(s.deadline->to_string()) : json(nullptr)},
                                        {"companion", s.companion}});
                units.push_back({{"line", u.line},
                                 {"serial", u.serial},
                                 {"mtm", u.mtm},
                                 {"coverage_end", u.coverage_end.to_string()},
                                 {"deadline", u.deadline ? json(u.deadline->to_string()) : json(nullptr)},
                                 {"services", std::move(services)},
                                 {"total", money_to_json(u.total)}});
            }
            groups.push_back(
                {{"action", to_string(g.action)}, {"units", std::move(units)}, {"total", money_to_json(g.total)}});
        }
        json left_out = json::array();
        for (const ProposalLeftOut& l : p.left_out)
            left_out.push_back({{"line", l.line}, {"serial", l.serial}, {"reason", l.reason}});
        proposals.push_back(
            {{"customer", p.customer},
             {"contact", p.contact},
             {"slug", p.slug},
             {"units", p.units},
             {"earliest_deadline", p.earliest_deadline ? json(p.earliest_deadline->to_string()) : json(nullptr)},
             {"total", money_to_json(p.total)},
             {"groups", std::move(groups)},
             {"left_out", std::move(left_out)},
             {"text", proposal_summary_text(set, p)}});
    }
    json nothing = json::array();
    for (const CustomerProposal& p : set.nothing_to_propose) {
        json left_out = json::array();
        for (const ProposalLeftOut& l : p.left_out)
            left_out.push_back({{"line", l.line}, {"serial", l.serial}, {"reason", l.reason}});
        nothing.push_back({{"customer", p.customer}, {"left_out", std::move(left_out)}});
    }
    return {{"as_of", set.as_of.to_string()},
            {"horizon_end", set.horizon_end.to_string()},
            {"catalog", set.catalog_label},
            {"notice", std::string(sample_catalog_notice())},
            {"proposals", std::move(proposals)},
            {"customers_without_due", set.customers_without_due},
            {"nothing_to_propose", std::move(nothing)}};
}

}  // namespace apos
