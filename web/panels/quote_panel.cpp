// Quote panel (placeholder until the real one lands): the core's quote for the selected
// services, with copy and download of the same JSON the page's quote() returns.
#include <string>

#include "apos/quote.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"

namespace apos::ui {

void DrawQuotePanel(App& app) {
    ImGui::TextUnformatted("Quote");
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy JSON")) {
        ImGui::SetClipboardText(app.QuoteJson().c_str());
        app.status_message = "Quote JSON copied to the clipboard";
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Download JSON") && app.host.save_file)
        app.status_message = app.host.save_file("apos-quote.json", "application/json", app.QuoteJson());
    ImGui::Separator();

    const Quote& quote = app.CurrentQuote();
    if (quote.lines.empty() && quote.rejected.empty()) {
        ImGui::TextDisabled("Tick services to quote them.");
        return;
    }
    if (ImGui::BeginTable("lines", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Line", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Qty", ImGuiTableColumnFlags_WidthStretch, 0.5f);
        ImGui::TableSetupColumn("List", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableSetupColumn("Partner", ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        for (const QuoteLine& line : quote.lines) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.name.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(line.quantity));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.line_list.to_string().c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.line_partner.to_string().c_str());
        }
        ImGui::EndTable();
    }
    for (const RejectedService& rejected : quote.rejected) {
        const std::string why = rejected.reasons.empty() ? "" : ": " + rejected.reasons.front().message;
        ImGui::TextColored(ImVec4(0.65f, 0.10f, 0.10f, 1.0f), "\xE2\x9C\x97 %s%s", rejected.label.c_str(), why.c_str());
    }
    ImGui::Separator();
    const QuoteTotals& totals = quote.totals;
    ImGui::Text("List %s   Partner price %s", totals.list.to_string().c_str(), totals.partner_price.to_string().c_str());
    ImGui::Text("Partner benefit %s   Margin %s", totals.partner_benefit.to_string().c_str(),
                totals.margin.to_percent_string().c_str());
    ImGui::TextDisabled("%s", quote.rounding.c_str());
}

}  // namespace apos::ui
