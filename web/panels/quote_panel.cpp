// Quote panel: the core's quote for the selected services — lines, rejected services with their
// reasons, each partner program's amount and the program table used, totals and margin, the
// rounding statement and the sample-catalog notice — with the exports: JSON to the clipboard,
// CSV as a file, the customer's and the partner's printouts (print view or download), and a
// link that reopens this configuration (and says when it cannot carry the fleet's units).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "apos/quote_export.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "panels/service_words.hpp"
#include "widgets/elided_text.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

void DrawExports(App& app) {
    if (ImGui::Button("Copy JSON")) {
        ImGui::SetClipboardText(app.QuoteJson().c_str());
        app.status_message = "Quote JSON copied to the clipboard";
    }
    SameLineIfFits(ButtonWidth("Download CSV"));
    if (ImGui::Button("Download CSV") && app.host.save_file)
        app.status_message = app.host.save_file("apos-quote.csv", "text/csv", quote_to_csv(app.CurrentQuote()));
    SameLineIfFits(ButtonWidth("Copy link"));
    if (ImGui::Button("Copy link")) {
        // The page's address with this configuration in its hash (the same string getState() gives).
        const std::string base = app.host.page_url ? app.host.page_url() : std::string();
        const std::string link = base + "#" + app.StateHash();
        ImGui::SetClipboardText(link.c_str());
        app.status_message = "Link copied: " + link;
        // Units from the fleet are not in a link (a fleet can be thousands of units): say so.
        if (const std::size_t units = app.State().fleet_items.size(); units > 0)
            app.status_message = "Link copied. It does NOT carry the " + std::to_string(units) + " unit" +
                                 (units == 1 ? "" : "s") +
                                 " added from the fleet, only the configured device: use Download CSV or a "
                                 "printed quote to keep them. " +
                                 link;
    }
    if (ImGui::IsItemHovered() && !app.State().fleet_items.empty())
        ImGui::SetTooltip("The link carries the configured device and its services, not the units from the fleet.");
    // Two printouts: the customer's (list prices only) and the partner's own (partner price,
    // programs, margin). Print opens the browser's print view (its "Save as PDF" makes the PDF).
    const auto printout = [&app](const char* who, const char* file, std::string (*make)(const Quote&)) {
        ImGui::TextDisabled("%s", who);
        SameLineIfFits(ButtonWidth("Print"));
        // "Print##apos-quote-customer.html": one name per printout for tests and the DOM mirror.
        const std::string print = std::string("Print##") + file, download = std::string("Download##") + file;
        if (ImGui::Button(print.c_str()) && app.host.print_html) {
            app.host.print_html(make(app.CurrentQuote()));
            app.status_message = std::string(who) + " opened in the print view";
        }
        SameLineIfFits(ButtonWidth("Download"));
        if (ImGui::Button(download.c_str()) && app.host.save_file)
            app.status_message = app.host.save_file(file, "text/html", make(app.CurrentQuote()));
    };
    printout("Customer quote", "apos-quote-customer.html", quote_to_customer_html);
    SameLineIfFits(ImGui::CalcTextSize("Internal quote").x + ButtonWidth("Print") + ButtonWidth("Download") +
                   ImGui::GetStyle().ItemSpacing.x * 3.0f);
    printout("Internal quote", "apos-quote-internal.html", quote_to_html);
}

void NotesTooltip(const QuoteLine& line) {
    if (line.notes.empty() || !ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    for (const Reason& r : line.notes) {
        ImGui::TextColored(
            r.verdict == Verdict::NeedsApproval ? WarningColor() : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
            r.rule.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(r.message.c_str());
        if (!r.source.empty()) ImGui::TextDisabled("  source %s", r.source.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// Narrow (large text, a small screen): each line as a short block of wrapped text instead of a
// table whose number columns would be cut.
void DrawLinesStacked(const Quote& quote, bool name_units) {
    for (const QuoteLine& line : quote.lines) {
        ImGui::Separator();
        ElidedText(line.name.c_str());
        NotesTooltip(line);
        ImGui::PushTextWrapPos(0.0f);
        if (name_units) ImGui::TextDisabled("for %s", quote_item_unit(quote, line.item).c_str());
        ImGui::TextDisabled("%s \xC2\xB7 %s \xC2\xB7 qty %lld", line.part_number.c_str(),
                            line.kind ? TermWords(line.term_years).c_str() : "", static_cast<long long>(line.quantity));
        ImGui::Text("List %s (unit %s), partner price %s", line.line_list.to_string().c_str(),
                    line.unit_list.to_string().c_str(), line.line_partner.to_string().c_str());
        if (line.status == OfferStatus::NeedsApproval) ImGui::TextColored(WarningColor(), "needs approval");
        ImGui::PopTextWrapPos();
    }
}

void DrawLines(const Quote& quote) {
    // Lines from the fleet name their unit; with one device there is only one to name.
    const bool name_units = quote.items.size() > 1;
    // The number columns are as wide as their widest value (never cut); the service name takes
    // what is left, and is cut with "..." when it must be. Too little left: stack the lines.
    const float pad = ImGui::GetStyle().CellPadding.x * 2.0f;
    const auto widest = [&](const char* header, auto text_of) {
        float width = ImGui::CalcTextSize(header).x;
        for (const QuoteLine& line : quote.lines) width = std::max(width, ImGui::CalcTextSize(text_of(line).c_str()).x);
        return width + pad;
    };
    const float part = widest("Part", [](const QuoteLine& l) { return l.part_number; });
    const float term = widest("Term", [](const QuoteLine& l) { return l.kind ? TermWords(l.term_years) : ""; });
    const float qty = widest("Qty", [](const QuoteLine& l) { return std::to_string(l.quantity); });
    const float unit = widest("Unit list", [](const QuoteLine& l) { return l.unit_list.to_string(); });
    const float list = widest("Line list", [](const QuoteLine& l) { return l.line_list.to_string(); });
    const float partner = widest("Partner price", [](const QuoteLine& l) { return l.line_partner.to_string(); });
    const float notes = ImGui::CalcTextSize("needs approval").x + pad;
    const float fixed = part + term + qty + unit + list + partner + notes;
    if (fixed + ImGui::GetFontSize() * 8.0f > ImGui::GetContentRegionAvail().x) {
        DrawLinesStacked(quote, name_units);
        return;
    }
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("lines", 8, flags)) return;
    ImGui::TableSetupColumn("Service", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthFixed, part - pad);
    ImGui::TableSetupColumn("Term", ImGuiTableColumnFlags_WidthFixed, term - pad);
    ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthFixed, qty - pad);
    ImGui::TableSetupColumn("Unit list", ImGuiTableColumnFlags_WidthFixed, unit - pad);
    ImGui::TableSetupColumn("Line list", ImGuiTableColumnFlags_WidthFixed, list - pad);
    ImGui::TableSetupColumn("Partner price", ImGuiTableColumnFlags_WidthFixed, partner - pad);
    ImGui::TableSetupColumn("Notes", ImGuiTableColumnFlags_WidthFixed, notes - pad);
    ImGui::TableHeadersRow();
    for (const QuoteLine& line : quote.lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ElidedText(line.name.c_str());
        if (name_units) {
            const std::string for_unit = "for " + quote_item_unit(quote, line.item);
            const ImVec4 quiet = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
            ElidedText(for_unit.c_str(), 0.0f, &quiet);
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.part_number.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.kind ? TermWords(line.term_years).c_str() : "");
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(line.quantity));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.unit_list.to_string().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.line_list.to_string().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.line_partner.to_string().c_str());
        ImGui::TableNextColumn();
        if (line.status == OfferStatus::NeedsApproval) ImGui::TextColored(WarningColor(), "needs approval");
        else if (!line.notes.empty())
            ImGui::TextDisabled("%zu note%s", line.notes.size(), line.notes.size() == 1 ? "" : "s");
        NotesTooltip(line);
    }
    ImGui::EndTable();
}

void DrawRejected(const Quote& quote) {
    if (quote.rejected.empty()) return;
    ImGui::Spacing();
    ImGui::TextColored(ErrorColor(), "Not on the quote (cannot be sold):");
    ImGui::PushTextWrapPos(0.0f);
    for (const RejectedService& rejected : quote.rejected) {
        ImGui::Bullet();  // and the label wrapped beside it (BulletText does not wrap)
        ImGui::SameLine();
        ImGui::TextUnformatted(rejected.label.c_str());
        ImGui::Indent();
        for (const Reason& r : rejected.reasons) {
            // The reason in plain words; the rule and its source are for whoever hovers.
            ImGui::TextColored(StatusColor(OfferStatus::Ineligible), "%s", r.message.c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("Rule %s%s%s", r.rule.c_str(), r.source.empty() ? "" : ", source ", r.source.c_str());
        }
        // The change that would let it sell, as the core checked it (the services list has the button).
        if (rejected.fix && rejected.fix->action != FixAction::None)
            ImGui::Text("To sell it: %s.", rejected.fix->label.c_str());
        ImGui::Unindent();
    }
    ImGui::PopTextWrapPos();
}

// One program's figures as the quote shows them: its name, what it pays on, the rate, the amount.
struct ProgramWords {
    std::string name, basis, rate, amount;
};

ProgramWords WordsOf(const ProgramAmount& amount) {
    return {amount.name + " (" + amount.rule + ")",
            amount.basis == "units" ? std::to_string(amount.units) + " units"
                                    : amount.basis_amount.to_string() + " partner price",
            amount.basis == "units" ? amount.per_unit.to_string() + "/unit" : amount.rate.to_percent_string(),
            amount.amount.to_string() + (amount.capped ? " (capped)" : "")};
}

void DrawPrograms(const Quote& quote) {
    const ProgramResult& programs = quote.programs;
    ImGui::Spacing();
    ImGui::TextUnformatted("Partner programs");
    const std::string table = "table " + (programs.table_id.empty() ? "(none in force)" : programs.table_id);
    SameLineIfFits(ImGui::CalcTextSize(table.c_str()).x);
    ImGui::TextDisabled("%s", table.c_str());
    if (programs.amounts.empty()) ImGui::TextDisabled("No program pays on these lines for this customer.");
    std::vector<ProgramWords> rows;
    for (const ProgramAmount& amount : programs.amounts) rows.push_back(WordsOf(amount));
    // The number columns are as wide as their widest value; the name takes the rest, cut with
    // "..." down to a few words. Less room than that: one short block per program.
    const float pad = ImGui::GetStyle().CellPadding.x * 2.0f;
    const auto widest = [&rows, pad](const char* header, std::string ProgramWords::*field) {
        float width = ImGui::CalcTextSize(header).x;
        for (const ProgramWords& row : rows) width = std::max(width, ImGui::CalcTextSize((row.*field).c_str()).x);
        return width + pad;
    };
    const float basis = widest("Basis", &ProgramWords::basis), rate = widest("Rate", &ProgramWords::rate);
    const float amount = widest("Amount", &ProgramWords::amount);
    const bool stacked = basis + rate + amount + ImGui::GetFontSize() * 8.0f > ImGui::GetContentRegionAvail().x;
    if (!rows.empty() && stacked) {
        ImGui::PushTextWrapPos(0.0f);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            ImGui::TextUnformatted(rows[i].name.c_str());
            if (!programs.amounts[i].note.empty() && ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", programs.amounts[i].note.c_str());
            ImGui::Indent();
            ImGui::Text("%s on %s at %s", rows[i].amount.c_str(), rows[i].basis.c_str(), rows[i].rate.c_str());
            ImGui::Unindent();
        }
        ImGui::PopTextWrapPos();
    } else if (!rows.empty() &&
               ImGui::BeginTable("programs", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Program", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Basis", ImGuiTableColumnFlags_WidthFixed, basis - pad);
        ImGui::TableSetupColumn("Rate", ImGuiTableColumnFlags_WidthFixed, rate - pad);
        ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed, amount - pad);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool cut = ElidedText(rows[i].name.c_str());
            // The cut name shows whole on hover already; an uncut one shows the program's note.
            if (!cut && !programs.amounts[i].note.empty() && ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", programs.amounts[i].note.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(rows[i].basis.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(rows[i].rate.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(rows[i].amount.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& notice : programs.notices) ImGui::TextDisabled("%s", notice.c_str());
    ImGui::PopTextWrapPos();
}

void DrawTotals(const Quote& quote) {
    const QuoteTotals& totals = quote.totals;
    ImGui::Separator();
    const std::pair<const char*, std::string> cells[] = {
        {"List total", totals.list.to_string()},
        {"Partner price", totals.partner_price.to_string()},
        {"Partner earns (programs)", totals.partner_benefit.to_string()},
        {"Margin", totals.margin.to_percent_string()}};
    // Four across when the widest figure fits a quarter of the width, else two, else one.
    float cell = 0.0f;
    for (const auto& [name, value] : cells)
        cell = std::max({cell, ImGui::CalcTextSize(name).x, ImGui::CalcTextSize(value.c_str()).x});
    cell += ImGui::GetStyle().CellPadding.x * 2.0f + ImGui::GetStyle().ItemSpacing.x;
    const float room = ImGui::GetContentRegionAvail().x;
    const int columns = cell * 4.0f <= room ? 4 : cell * 2.0f <= room ? 2 : 1;
    if (!ImGui::BeginTable("totals", columns, ImGuiTableFlags_SizingStretchSame)) return;
    for (const auto& [name, value] : cells) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::TextUnformatted(value.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void DrawQuotePanel(App& app) {
    DrawExports(app);
    const Quote& quote = app.CurrentQuote();
    // Always on screen: prices and part numbers come from a sample price book.
    ImGui::PushTextWrapPos(0.0f);
    if (const Catalog* catalog = app.GetCatalog())
        ImGui::TextColored(WarningColor(), "\xE2\x80\xA2 %s", catalog->label.c_str());
    ImGui::PopTextWrapPos();

    if (quote.lines.empty() && quote.rejected.empty()) {
        ImGui::TextDisabled("Tick services (or add a recommended bundle) to quote them.");
        return;
    }
    DrawLines(quote);
    DrawRejected(quote);
    DrawPrograms(quote);
    DrawTotals(quote);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", quote.rounding.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace apos::ui
