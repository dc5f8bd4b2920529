// The selected offering in detail: what it is, when to sell it and the talking points from the
// catalog, then every term with its status, price, coverage, window and reasons.
#include <string>
#include <vector>

#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "panels/service_words.hpp"
#include "widgets/elided_text.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

void DrawServiceDetail(App& app, const Offering& offering, const std::vector<const Offer*>& terms) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(offering.name.c_str());
    ImGui::TextDisabled("%s \xC2\xB7 %s%s", offering.guide_group.c_str(), std::string(to_string(offering.kind)).c_str(),
                        offering.per_unit ? " \xC2\xB7 per unit" : " \xC2\xB7 per order");
    ImGui::Separator();
    if (!offering.description.empty()) ImGui::TextUnformatted(offering.description.c_str());
    if (!offering.when_to_sell.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("When to sell");
        ImGui::TextUnformatted(offering.when_to_sell.c_str());
    }
    if (!offering.talking_points.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("Talking points");
        // A bullet, then the point wrapped at the pane's edge (BulletText would not wrap it).
        for (const std::string& point : offering.talking_points) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::TextUnformatted(point.c_str());
        }
    }
    ImGui::Spacing();
    ImGui::TextDisabled("Terms for this device");
    for (const Offer* listed : terms) {
        // The offer opened here with its words (the list's offers have none).
        const Offer* offer = &app.Explained(*listed);
        ImGui::PushID(offer->term_years);
        const std::string price = offer->unit_price ? offer->unit_price->to_string() : "no price";
        // The term opens the node; its status and price follow, cut with "..." in a narrow pane
        // (a tree node's own label would be cut bare).
        const std::string rest = std::string(StatusWords(offer->status)) + "  \xC2\xB7  " + price;
        ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(offer->status));
        const std::string term = TermWords(offer->term_years) + "##term";
        const bool open = ImGui::TreeNodeEx(term.c_str(), ImGuiTreeNodeFlags_None);
        ReasonsTooltip(*offer);
        ImGui::SameLine();
        const ImVec4 status_color = StatusColor(offer->status);
        ElidedText(rest.c_str(), 0.0f, &status_color);
        ImGui::PopStyleColor();
        ReasonsTooltip(*offer);
        if (open) {
            ImGui::TextDisabled("%s", DescribeWindow(*offer, app.AsOf()).text.c_str());
            if (!offer->part_number.empty()) ImGui::TextDisabled("Part %s", offer->part_number.c_str());
            if (offer->coverage_from && offer->coverage_until)
                ImGui::TextDisabled("Would cover %s \xE2\x80\x93 %s", offer->coverage_from->to_string().c_str(),
                                    offer->coverage_until->to_string().c_str());
            for (const Reason& r : offer->reasons) {
                const ImVec4 color = r.verdict == Verdict::Block           ? ErrorColor()
                                     : r.verdict == Verdict::NeedsApproval ? WarningColor()
                                                                           : ImGui::GetStyleColorVec4(ImGuiCol_Text);
                ImGui::TextColored(color, "%s", r.message.c_str());
                ImGui::TextDisabled("  rule %s%s%s", r.rule.c_str(), r.source.empty() ? "" : ", source ",
                                    r.source.c_str());
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
}

}  // namespace apos::ui
