// Services panel (placeholder until the real one lands): every offer the core evaluated for the
// device, with its status, purchase window and list price. Ticking an offer puts it on the quote.
#include <string>

#include "apos/offers.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"

namespace apos::ui {

namespace {

ImVec4 StatusColor(OfferStatus status) {
    switch (status) {
        case OfferStatus::Eligible: return ImVec4(0.10f, 0.50f, 0.15f, 1.0f);
        case OfferStatus::NeedsApproval: return ImVec4(0.70f, 0.45f, 0.00f, 1.0f);
        case OfferStatus::Ineligible: break;
    }
    return ImVec4(0.65f, 0.10f, 0.10f, 1.0f);
}

void ReasonsTooltip(const Offer& offer) {
    if (offer.reasons.empty() || !ImGui::IsItemHovered()) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    for (const Reason& r : offer.reasons)
        ImGui::BulletText("%s: %s (%s)", r.rule.c_str(), r.message.c_str(), r.source.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace

void DrawServicesPanel(App& app) {
    ImGui::TextUnformatted("Services");
    ImGui::SameLine();
    bool show_ineligible = app.State().settings.show_ineligible;
    if (ImGui::Checkbox("Show ineligible", &show_ineligible)) app.EditState().settings.show_ineligible = show_ineligible;
    ImGui::Separator();

    const std::vector<Offer>& offers = app.Offers();
    if (offers.empty()) {
        ImGui::TextDisabled("Enter a device to see its services.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("offers", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Service", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Buy until", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("List price", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();

    // Take what is needed from the offers first: toggling edits the state, which recomputes them.
    std::string toggle_id;
    int toggle_term = 0;
    for (const Offer& offer : offers) {
        if (offer.status == OfferStatus::Ineligible && !app.State().settings.show_ineligible) continue;
        const Offering& offering = *offer.offering;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // Visible label: name and term; the id after "##" keeps rows apart and lets tests find them.
        const std::string term = offer.term_years > 0 ? ", " + std::to_string(offer.term_years) + " yr" : "";
        const std::string label = offering.name + term + "##" + offering.id + ":" + std::to_string(offer.term_years);
        bool selected = app.State().HasService(offering.id, offer.term_years);
        ImGui::BeginDisabled(offer.status == OfferStatus::Ineligible && !selected);
        if (ImGui::Checkbox(label.c_str(), &selected)) {
            toggle_id = offering.id;
            toggle_term = offer.term_years;
        }
        ImGui::EndDisabled();
        ReasonsTooltip(offer);

        ImGui::TableNextColumn();
        ImGui::TextColored(StatusColor(offer.status), "%s", std::string(to_string(offer.status)).c_str());
        ReasonsTooltip(offer);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(offer.window ? offer.window->until.to_string().c_str() : "\xE2\x80\x93");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(offer.unit_price ? offer.unit_price->to_string().c_str() : "no price");
    }
    ImGui::EndTable();
    if (!toggle_id.empty()) app.EditState().ToggleService(toggle_id, toggle_term);
}

}  // namespace apos::ui
