// Good / better / best: the core's bundles for this device and the customer's segment
// (apos::recommend), each with its pitch, its offers, the list total per unit and what could
// not be included; "Add to quote" puts the whole bundle on the quote.
#include <algorithm>
#include <string>

#include "apos/recommendations.hpp"
#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "panels/service_words.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

std::string Title(const std::string& tier) {
    std::string out = tier;
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

}  // namespace

void DrawRecommendationsPanel(App& app) {
    ImGui::TextUnformatted("Recommended for");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", std::string(to_string(app.State().segment)).c_str());
    ImGui::Separator();
    const std::vector<RecommendedBundle>& bundles = app.Recommendations();
    if (bundles.empty()) {
        ImGui::TextDisabled("Bundles appear once the device is resolved.");
        return;
    }
    const RecommendedBundle* to_add = nullptr;
    ImGui::PushTextWrapPos(0.0f);
    for (const RecommendedBundle& bundle : bundles) {
        ImGui::PushID(bundle.tier.c_str());
        ImGui::Spacing();
        ImGui::Text("%s", Title(bundle.tier).c_str());
        ImGui::SameLine();
        if (bundle.offers.empty()) ImGui::TextDisabled("nothing can be sold today");
        else ImGui::TextDisabled("%s per unit (list)", bundle.unit_total.to_string().c_str());
        if (!bundle.pitch.empty()) ImGui::TextUnformatted(bundle.pitch.c_str());
        for (const Offer& offer : bundle.offers) {
            // A bullet and the words wrapped beside it (BulletText would run past a narrow panel).
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::Text("%s, %s", offer.offering->name.c_str(), TermWords(offer.term_years).c_str());
            ReasonsTooltip(offer);
        }
        for (const std::string& missing : bundle.missing)
            ImGui::TextColored(StatusColor(OfferStatus::Ineligible),
                               "\xE2\x9C\x97 %s: cannot be sold for this device today", missing.c_str());
        const bool all_on_quote = std::all_of(bundle.offers.begin(), bundle.offers.end(), [&app](const Offer& o) {
            return app.State().HasService(o.offering->id, o.term_years);
        });
        ImGui::BeginDisabled(bundle.offers.empty() || all_on_quote);
        const std::string button =
            (all_on_quote && !bundle.offers.empty() ? "On the quote##" : "Add to quote##") + bundle.tier;
        if (ImGui::Button(button.c_str())) to_add = &bundle;
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::PopTextWrapPos();
    if (!to_add) return;
    // One term per offering, one extension and one level per unit: the bundle's choices replace
    // what they collide with, and the partner reads what was replaced.
    AppState& state = app.EditState();
    std::string replaced;
    for (const Offer& offer : to_add->offers) {
        const std::string message = state.ChooseService(*app.GetCatalog(), *offer.offering, offer.term_years);
        if (!message.empty()) replaced += (replaced.empty() ? "" : " ") + message;
    }
    app.status_message = replaced.empty() ? Title(to_add->tier) + " bundle added to the quote." : replaced;
}

}  // namespace apos::ui
