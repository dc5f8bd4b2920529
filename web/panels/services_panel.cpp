// Services panel: every offering the core evaluated for the device, grouped as the guide groups
// them (Design, Deploy, Support, Protect). One row per offering: a checkbox that puts it on the
// quote, its status badge, a term choice, the price, the purchase window in words and, for
// every "no", the reason in plain words (rule ID and source on hover). The selected offering's details sit on the
// right (services_detail_panel.cpp).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "apos/offers.hpp"
#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // GetItemID
#include "panels/panels.hpp"
#include "panels/service_words.hpp"
#include "widgets/elided_text.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/status_badge.hpp"

namespace apos::ui {

namespace {

// The guide's groups, the time-critical one first: warranty services (Protect) have purchase
// windows that close; project services (Deploy, Design) and Support are bought any time.
constexpr const char* kGuideGroups[] = {"Protect", "Support", "Deploy", "Design"};

struct OfferingRow {
    const Offering* offering = nullptr;
    std::vector<const Offer*> terms;  // in the catalog's term order
};

// The offering shown on the right, and the term each row shows while it is not on the quote.
// View state only: the quote itself lives in AppState.
std::string& DetailOffering() {
    static std::string id;
    return id;
}
std::map<std::string, int>& ShownTerms() {
    static std::map<std::string, int> terms;
    return terms;
}

std::vector<OfferingRow> RowsOf(const std::vector<Offer>& offers) {
    std::vector<OfferingRow> rows;
    for (const Offer& offer : offers) {
        if (rows.empty() || rows.back().offering != offer.offering) rows.push_back({offer.offering, {}});
        rows.back().terms.push_back(&offer);
    }
    return rows;
}

std::optional<int> SelectedTerm(const AppState& state, const std::string& offering_id) {
    for (const ServiceRequest& s : state.services)
        if (s.id == offering_id) return s.term_years;
    return std::nullopt;
}

// The term a row shows: the one on the quote, else the one last looked at, else the first that
// can be sold (eligible before needs-approval), else the first.
const Offer* ShownOffer(const AppState& state, const OfferingRow& row) {
    const auto by_term = [&row](int term) -> const Offer* {
        for (const Offer* offer : row.terms)
            if (offer->term_years == term) return offer;
        return nullptr;
    };
    if (const auto selected = SelectedTerm(state, row.offering->id))
        if (const Offer* offer = by_term(*selected)) return offer;
    if (const auto it = ShownTerms().find(row.offering->id); it != ShownTerms().end())
        if (const Offer* offer = by_term(it->second)) return offer;
    for (OfferStatus wanted : {OfferStatus::Eligible, OfferStatus::NeedsApproval})
        for (const Offer* offer : row.terms)
            if (offer->status == wanted && offer->unit_price) return offer;
    return row.terms.front();
}

bool AnySellable(const OfferingRow& row) {
    return std::any_of(row.terms.begin(), row.terms.end(),
                       [](const Offer* o) { return o->status != OfferStatus::Ineligible; });
}

// What the partner asked for this frame; applied after the list is drawn.
struct Choice {
    std::string offering;
    int term = 0;
    bool remove = false;             // take the offering off the quote
    const Offer* fix_for = nullptr;  // apply this refused offer's fix (and put it on the quote)
};

void ApplyChoice(App& app, const Choice& choice) {
    const Catalog& catalog = *app.GetCatalog();
    AppState& state = app.EditState();
    if (choice.fix_for) {
        app.status_message = state.ApplyFix(catalog, *choice.fix_for, *choice.fix_for->fix);
        return;
    }
    if (choice.remove) {
        std::erase_if(state.services, [&](const ServiceRequest& s) { return s.id == choice.offering; });
        return;
    }
    if (const Offering* offering = catalog.find_offering(choice.offering)) {
        const std::string replaced = state.ChooseService(catalog, *offering, choice.term);
        if (!replaced.empty()) app.status_message = replaced;
    }
}

// A refused offer's one-click fix, as the core checked it: the change in words (wrapped, the
// column is narrow), then a short button that makes it and puts the offer on the quote.
void FixButton(const Offer& offer, std::optional<Choice>& choice) {
    if (!offer.fix || offer.fix->action == FixAction::None || offer.fix->action == FixAction::WaitUntil) return;
    const std::string words = "To sell it: " + offer.fix->label + ".";
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(words.c_str());
    ImGui::PopTextWrapPos();
    ReportMessage(words.c_str());
    const std::string button = "Apply##fix:" + offer.offering->id + ":" + std::to_string(offer.term_years);
    if (ImGui::SmallButton(button.c_str())) choice = Choice{offer.offering->id, offer.term_years, false, &offer};
}

void ReasonLine(const Offer& offer, std::optional<Choice>& choice) {
    const Reason* shown = nullptr;
    const Verdict wanted = offer.status == OfferStatus::Ineligible ? Verdict::Block : Verdict::NeedsApproval;
    if (offer.status != OfferStatus::Eligible)
        for (const Reason& r : offer.reasons)
            if (r.verdict == wanted) {
                shown = &r;
                break;
            }
    if (!shown) return;
    ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(offer.status));
    ImGui::PushTextWrapPos(0.0f);
    // Plain words for the rep; the rule ID and source wait in the tooltip.
    ImGui::Text("%s %s", offer.status == OfferStatus::Ineligible ? "\xE2\x9C\x97" : "!", shown->message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ReasonsTooltip(offer);
    // Only a change the partner can make is shown; "nothing can" is what the reason already says.
    if (offer.status == OfferStatus::Ineligible && offer.fix) {
        if (offer.fix->action == FixAction::WaitUntil) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", offer.fix->label.c_str());
            ImGui::PopTextWrapPos();
        } else if (offer.fix->action != FixAction::None) FixButton(offer, choice);
    }
}

// `compact`: a narrow list (large text, small screen) has two columns, and the status and price
// sit under the name instead of in columns of their own.
void DrawRow(App& app, const OfferingRow& row, std::optional<Choice>& choice, bool compact) {
    const AppState& state = app.State();
    const Offering& offering = *row.offering;
    // The row's offer with its words: built for the rows drawn only (Offers() has none).
    const Offer& offer = app.Explained(*ShownOffer(state, row));
    const bool on_quote = state.HasService(offering.id, offer.term_years);
    ImGui::PushID(offering.id.c_str());

    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // The checkbox's name ends in "##<offering>:<term>": tests and the DOM mirror find rows by it.
    // The box is drawn without its label and the name beside it, cut with "..." when the column is
    // narrow (whole on hover); the widget table still gets the whole name for tests and the mirror.
    const std::string key = "##" + offering.id + ":" + std::to_string(offer.term_years);
    bool checked = on_quote;
    const bool disabled = offer.status == OfferStatus::Ineligible && !on_quote;
    ImGui::BeginDisabled(disabled);
    bool toggled = ImGui::Checkbox(key.c_str(), &checked);
    NameItem(ImGui::GetItemID(), (offering.name + key).c_str());
    ImGui::EndDisabled();
    bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled);
    ReasonsTooltip(offer);
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    const ImVec4 name_color = ImGui::GetStyleColorVec4(disabled ? ImGuiCol_TextDisabled : ImGuiCol_Text);
    ElidedText(offering.name.c_str(), 0.0f, &name_color);
    // A click on the name works as a click on the box, as a checkbox label does.
    if (!disabled && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
        checked = !checked;
        toggled = true;
    }
    hovered = hovered || ImGui::IsItemHovered();
    if (toggled) {
        choice = Choice{offering.id, offer.term_years, !checked};
        DetailOffering() = offering.id;
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) DetailOffering() = offering.id;
    const WindowWords window = DescribeWindow(offer, app.AsOf());
    ImGui::Indent(ImGui::GetFrameHeight());
    ImGui::PushTextWrapPos(0.0f);  // a narrow column wraps the words instead of cutting them
    ImGui::TextColored(window.urgent ? WarningColor() : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), "%s",
                       window.text.c_str());
    ImGui::PopTextWrapPos();
    ReasonLine(offer, choice);
    ImGui::Unindent(ImGui::GetFrameHeight());

    if (compact) ImGui::Indent(ImGui::GetFrameHeight());
    else ImGui::TableNextColumn();
    const float cell_right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    StatusBadge(offer.status);
    // The badge as a message for the DOM mirror and tests: "Status of ADP: eligible".
    ReportMessage(("Status of " + offering.name + ": " + StatusWords(offer.status) + "##status:" + offering.id + ":" +
                   std::to_string(offer.term_years))
                      .c_str());
    ReasonsTooltip(offer);
    if (compact) {
        // Beside the badge when it fits in the cell, else under it.
        const std::string price = offer.unit_price ? offer.unit_price->to_string() : "no price";
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(price.c_str()).x <=
            cell_right)
            ImGui::SameLine();
        if (offer.unit_price) ImGui::TextUnformatted(price.c_str());
        else ImGui::TextDisabled("%s", price.c_str());
        ImGui::Unindent(ImGui::GetFrameHeight());
    }

    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string preview = TermWords(offer.term_years);
    const ImGuiID combo_id = ImGui::GetID("##term");
    const bool open = ImGui::BeginCombo("##term", preview.c_str());
    ReportItem(combo_id, ("Term of " + offering.name + "##term:" + offering.id).c_str(), true, open);
    if (open) {
        // Each term with its own status and price; picking a sellable one puts it on the quote.
        for (const Offer* term : row.terms) {
            const std::string price = term->unit_price ? term->unit_price->to_string() : "no price";
            const std::string item = TermWords(term->term_years) + "   " + StatusWords(term->status) + "   " + price +
                                     "##" + std::to_string(term->term_years);
            ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(term->status));
            if (ImGui::Selectable(item.c_str(), term->term_years == offer.term_years)) {
                ShownTerms()[offering.id] = term->term_years;
                DetailOffering() = offering.id;
                if (term->status != OfferStatus::Ineligible) choice = Choice{offering.id, term->term_years, false};
                else if (on_quote) choice = Choice{offering.id, 0, true};
            }
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ReasonsTooltip(app.Explained(*term));
        }
        if (on_quote && ImGui::Selectable("Remove from quote")) choice = Choice{offering.id, 0, true};
        ImGui::EndCombo();
    }

    if (!compact) {
        ImGui::TableNextColumn();
        if (offer.unit_price) ImGui::TextUnformatted(offer.unit_price->to_string().c_str());
        else ImGui::TextDisabled("no price");
    }
    ImGui::PopID();
}

}  // namespace

void DrawServicesPanel(App& app) {
    ImGui::TextUnformatted("Services");
    ImGui::SameLine();
    bool show_ineligible = app.State().settings.show_ineligible;
    if (ImGui::Checkbox("Show ineligible", &show_ineligible))
        app.EditState().settings.show_ineligible = show_ineligible;
    const char* hint = "(hover a row for every rule behind its answer)";
    SameLineIfFits(ImGui::CalcTextSize(hint).x);
    const ImVec4 quiet = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ElidedText(hint, 0.0f, &quiet);
    ImGui::Separator();

    const std::vector<Offer>& offers = app.Offers();
    if (offers.empty()) {
        ImGui::TextDisabled(app.State().device.mtm.empty() ? "Enter a machine type to see which services can be sold."
                            : !app.State().ship_date_set
                                ? "Enter the ship date to see which services can be sold."
                                : "No services until the device is resolved (see the device panel).");
        return;
    }
    const std::vector<OfferingRow> rows = RowsOf(offers);
    // Nothing chosen yet: explain the first service on the quote, else the first row. A service
    // asked for by kind ("an extension") has no id of its own: the first row then.
    const auto has_row = [&rows](const std::string& id) {
        return std::any_of(rows.begin(), rows.end(), [&id](const OfferingRow& r) { return r.offering->id == id; });
    };
    if (!has_row(DetailOffering())) {
        DetailOffering() = rows.front().offering->id;
        for (const ServiceRequest& s : app.State().services)
            if (has_row(s.id)) {
                DetailOffering() = s.id;
                break;
            }
    }

    // The details sit beside the list when both have room (the list keeps about 26 characters of
    // name); on a narrow canvas or with large text they follow the list instead, full width.
    const float room = ImGui::GetContentRegionAvail().x;
    const bool detail_beside = room >= ImGui::GetFontSize() * 40.0f;
    const float detail_width = detail_beside ? std::max(room * 0.30f, ImGui::GetFontSize() * 14.0f) : 0.0f;
    ImGui::BeginChild("offer list", ImVec2(-detail_width, 0.0f), false);
    std::optional<Choice> choice;
    std::vector<std::string> groups(std::begin(kGuideGroups), std::end(kGuideGroups));
    for (const OfferingRow& row : rows)
        if (std::find(groups.begin(), groups.end(), row.offering->guide_group) == groups.end())
            groups.push_back(row.offering->guide_group);
    for (const std::string& group : groups) {
        std::vector<const OfferingRow*> in_group;
        int sellable = 0;
        for (const OfferingRow& row : rows) {
            if (row.offering->guide_group != group) continue;
            const bool can_sell = AnySellable(row);
            sellable += can_sell ? 1 : 0;
            if (can_sell || app.State().settings.show_ineligible || SelectedTerm(app.State(), row.offering->id))
                in_group.push_back(&row);
        }
        const int total = static_cast<int>(std::count_if(
            rows.begin(), rows.end(), [&](const OfferingRow& r) { return r.offering->guide_group == group; }));
        if (total == 0) continue;
        const std::string header =
            group + "  (" + std::to_string(sellable) + " of " + std::to_string(total) + " can be sold)##" + group;
        if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) continue;
        if (in_group.empty()) {
            ImGui::TextDisabled("Nothing here can be sold for this device today.");
            continue;
        }
        const ImGuiTableFlags flags =
            ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH;
        // Fixed columns as wide as what they show; the name needs room for a few words at least,
        // else the status and price move under it (two columns).
        const float font = ImGui::GetFontSize();
        // (A cell's own padding is outside its width, but ImGui rounds: a little to spare.)
        const float spare = ImGui::GetStyle().CellPadding.x;
        const float status_width =
            ImGui::CalcTextSize("needs approval").x + ImGui::GetStyle().FramePadding.x * 2.0f + spare;
        const float price_width = ImGui::CalcTextSize("USD 99,999.00").x + spare;
        const bool compact = status_width + price_width + font * 5.0f + font * 12.0f > ImGui::GetContentRegionAvail().x;
        if (!ImGui::BeginTable(group.c_str(), compact ? 2 : 4, flags)) continue;
        ImGui::TableSetupColumn("Service", ImGuiTableColumnFlags_WidthStretch, 4.0f);
        if (!compact) ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, status_width);
        ImGui::TableSetupColumn("Term", ImGuiTableColumnFlags_WidthFixed, font * 5.0f);
        if (!compact) ImGui::TableSetupColumn("List price", ImGuiTableColumnFlags_WidthFixed, price_width);
        for (const OfferingRow* row : in_group) DrawRow(app, *row, choice, compact);
        ImGui::EndTable();
    }
    if (!detail_beside) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextDisabled("About the service last clicked");
        for (const OfferingRow& row : rows)
            if (row.offering->id == DetailOffering()) DrawServiceDetail(app, *row.offering, row.terms);
    }
    ImGui::EndChild();
    if (detail_beside) {
        ImGui::SameLine();
        ImGui::BeginChild("offer detail", ImVec2(0.0f, 0.0f), true);
        for (const OfferingRow& row : rows)
            if (row.offering->id == DetailOffering()) DrawServiceDetail(app, *row.offering, row.terms);
        ImGui::EndChild();
    }

    if (choice) ApplyChoice(app, *choice);
}

}  // namespace apos::ui
