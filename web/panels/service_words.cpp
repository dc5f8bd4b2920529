// Words for offers (see service_words.hpp).
#include "panels/service_words.hpp"

#include "imgui.h"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

const char* VerdictWord(Verdict verdict) {
    switch (verdict) {
        case Verdict::Block: return "blocks";
        case Verdict::NeedsApproval: return "needs approval";
        case Verdict::Warning: return "warning";
        case Verdict::Note: return "note";
        case Verdict::Pass: break;
    }
    return "ok";
}

}  // namespace

WindowWords DescribeWindow(const Offer& offer, Date as_of) {
    const std::string kind(to_string(offer.offering->kind));
    if (offer.window) {
        if (as_of < offer.window->from) return {"opens on " + offer.window->from.to_string(), false};
        if (as_of > offer.window->until) return {"closed on " + offer.window->until.to_string(), false};
        const int left = offer.days_left(as_of).value_or(0);
        if (left <= 0) return {"last day to buy: today", true};
        // The closing date itself is in the detail view; the row stays short.
        return {std::to_string(left) + (left == 1 ? " day" : " days") + " left to buy", left <= 30};
    }
    // No window: the answer may still change on a known day (a post-warranty window opening).
    if (offer.changes_on && offer.changes_on > as_of) {
        if (offer.status == OfferStatus::Ineligible) return {"opens on " + offer.changes_on->to_string(), false};
        return {"answer changes on " + offer.changes_on->to_string(), false};
    }
    return {"no purchase deadline", false};
}

std::string TermWords(int term_years) { return term_years > 0 ? std::to_string(term_years) + " yr" : "one-off"; }

void ReasonsTooltip(const Offer& offer) {
    if (offer.reasons.empty() || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::Text("%s, %s: %s", offer.offering->name.c_str(), TermWords(offer.term_years).c_str(),
                StatusWords(offer.status));
    ImGui::Separator();
    for (const Reason& r : offer.reasons) {
        const ImVec4 color = r.verdict == Verdict::Block           ? ErrorColor()
                             : r.verdict == Verdict::NeedsApproval ? WarningColor()
                                                                   : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        // What the rule says first; which rule and where it is written, quieter, after it.
        ImGui::TextColored(color, "%s", r.message.c_str());
        ImGui::Indent();
        ImGui::TextDisabled("%s, rule %s%s%s", VerdictWord(r.verdict), r.rule.c_str(),
                            r.source.empty() ? "" : ", source ", r.source.c_str());
        ImGui::Unindent();
    }
    // What would make it a yes, or that nothing on the quote can.
    if (offer.fix) {
        ImGui::Separator();
        ImGui::TextUnformatted(offer.fix->label.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

}  // namespace apos::ui
