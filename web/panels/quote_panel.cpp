// Quote panel: the core's quote for the selected services — lines, rejected services with their
// reasons, each partner program's amount and the program table used, totals and margin, the
// rounding statement and the sample-catalog notice — with the exports: JSON to the clipboard,
// CSV and printable HTML as files, and a link that reopens this configuration.
#include <string>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "apos/quote_export.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "panels/service_words.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

void DrawExports(App& app) {
    if (ImGui::Button("Copy JSON")) {
        ImGui::SetClipboardText(app.QuoteJson().c_str());
        app.status_message = "Quote JSON copied to the clipboard";
    }
    ImGui::SameLine();
    if (ImGui::Button("Download CSV") && app.host.save_file)
        app.status_message = app.host.save_file("apos-quote.csv", "text/csv", quote_to_csv(app.CurrentQuote()));
    ImGui::SameLine();
    if (ImGui::Button("Printable HTML") && app.host.save_file)
        app.status_message = app.host.save_file("apos-quote.html", "text/html", quote_to_html(app.CurrentQuote()));
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) {
        // The page's address with this configuration in its hash (the same string getState() gives).
        const std::string base = app.host.page_url ? app.host.page_url() : std::string();
        const std::string link = base + "#" + app.StateHash();
        ImGui::SetClipboardText(link.c_str());
        app.status_message = "Link copied: " + link;
    }
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

void DrawLines(const Quote& quote) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("lines", 8, flags)) return;
    ImGui::TableSetupColumn("Service", ImGuiTableColumnFlags_WidthStretch, 3.2f);
    ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Term", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn("Unit list", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Line list", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Partner price", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Notes", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const QuoteLine& line : quote.lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(line.name.c_str());
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
        ImGui::BulletText("%s", rejected.label.c_str());
        ImGui::Indent();
        for (const Reason& r : rejected.reasons) {
            ImGui::TextColored(StatusColor(OfferStatus::Ineligible), "%s: %s", r.rule.c_str(), r.message.c_str());
            if (!r.source.empty()) ImGui::TextDisabled("source %s", r.source.c_str());
        }
        // The change that would let it sell, as the core checked it (the services list has the button).
        if (rejected.fix && rejected.fix->action != FixAction::None)
            ImGui::Text("To sell it: %s.", rejected.fix->label.c_str());
        ImGui::Unindent();
    }
    ImGui::PopTextWrapPos();
}

void DrawPrograms(const Quote& quote) {
    const ProgramResult& programs = quote.programs;
    ImGui::Spacing();
    ImGui::TextUnformatted("Partner programs");
    ImGui::SameLine();
    ImGui::TextDisabled("table %s", programs.table_id.empty() ? "(none in force)" : programs.table_id.c_str());
    if (!programs.amounts.empty() &&
        ImGui::BeginTable("programs", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("Program", ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableSetupColumn("Basis", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("Rate", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableHeadersRow();
        for (const ProgramAmount& amount : programs.amounts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s (%s)", amount.name.c_str(), amount.rule.c_str());
            if (!amount.note.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", amount.note.c_str());
            ImGui::TableNextColumn();
            if (amount.basis == "units") ImGui::Text("%lld units", static_cast<long long>(amount.units));
            else ImGui::Text("%s partner price", amount.basis_amount.to_string().c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(amount.basis == "units" ? (amount.per_unit.to_string() + "/unit").c_str()
                                                           : amount.rate.to_percent_string().c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s%s", amount.amount.to_string().c_str(), amount.capped ? " (capped)" : "");
        }
        ImGui::EndTable();
    } else if (programs.amounts.empty()) {
        ImGui::TextDisabled("No program pays on these lines for this customer.");
    }
    for (const std::string& notice : programs.notices) ImGui::TextDisabled("%s", notice.c_str());
}

void DrawTotals(const Quote& quote) {
    const QuoteTotals& totals = quote.totals;
    ImGui::Separator();
    if (!ImGui::BeginTable("totals", 4, ImGuiTableFlags_SizingStretchSame)) return;
    const auto total = [](const char* name, const std::string& value) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", name);
        ImGui::Text("%s", value.c_str());
    };
    total("List total", totals.list.to_string());
    total("Partner price", totals.partner_price.to_string());
    total("Partner earns (programs)", totals.partner_benefit.to_string());
    total("Margin", totals.margin.to_percent_string());
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
