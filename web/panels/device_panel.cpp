// Device panel: what the partner knows about the unit (machine type with type-ahead over the
// catalog, serial, dates with a calendar, channel, condition, country, quantity) and about the
// customer (segment, new customer, registered programs); below, the base-warranty facts the
// core derived, each with the rule behind it on hover.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/calendar_popup.hpp"
#include "widgets/enum_combo.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/status_badge.hpp"
#include "widgets/text_field.hpp"
#include "widgets/type_ahead.hpp"

namespace apos::ui {

namespace {

constexpr std::array kChannels = {Channel::Direct, Channel::Distributor};
constexpr std::array kConditions = {Condition::New, Condition::OpenBox, Condition::Refurbished};
constexpr std::array kSegments = {Segment::Education, Segment::Health, Segment::Government, Segment::Smb,
                                  Segment::Enterprise};
// PDP: the partner's purchases from distribution last quarter set how many demo units the program
// discounts. Whole currency units; empty means not stated (the newly authorised allocation). The
// text is kept as typed until it reads as an amount, so nothing entered is lost.
bool DrawPurchasesField(App& app, CustomerPrograms& programs) {
    static std::string text;
    static std::optional<std::int64_t> shown;
    if (shown != programs.previous_quarter_purchases_minor) {
        shown = programs.previous_quarter_purchases_minor;
        const Currency currency = app.GetCatalog() ? app.GetCatalog()->policy.currency : Currency{};
        text = shown ? Money(*shown, currency).to_plain_string() : std::string();
    }
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.5f);
    const bool edited = TextField("Purchases (PDP)", text, "last quarter, not stated");
    ImGui::PopItemWidth();
    const Currency currency = app.GetCatalog() ? app.GetCatalog()->policy.currency : Currency{};
    const auto minor = text.empty() ? std::optional<std::int64_t>() : parse_major_units(text, currency);
    if (!text.empty() && (!minor || *minor < 0)) {
        const std::string message = "Last quarter's purchases: expected an amount such as 25000 or 25000.00";
        ImGui::TextColored(ErrorColor(), "%s", message.c_str());
        ReportMessage(message.c_str());
        return false;
    }
    if (!edited) return false;
    programs.previous_quarter_purchases_minor = minor;
    shown = minor;
    return true;
}

// The partner's own country (not the unit's): some programs are offered to partners of a few
// countries only, and the quote says when one does not apply. Kept as typed until it is a code.
bool DrawPartnerCountryField(CustomerPrograms& programs) {
    static std::string text;
    static std::string shown;
    if (shown != programs.partner_country) {
        shown = programs.partner_country;
        text = shown;
    }
    ImGui::PushItemWidth(ImGui::GetFontSize() * 3.5f);
    const bool edited = TextField("Partner country", text, "US", ImGuiInputTextFlags_CharsUppercase);
    ImGui::PopItemWidth();
    const bool code = text.size() == 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
                      std::isupper(static_cast<unsigned char>(text[1]));
    if (!text.empty() && !code) {
        const std::string message = "Partner country: expected a 2-letter code such as US or CA";
        ImGui::TextColored(ErrorColor(), "%s", message.c_str());
        ReportMessage(message.c_str());
        return false;
    }
    if (!edited) return false;
    programs.partner_country = text.empty() ? std::string("US") : text;
    shown = programs.partner_country;
    return true;
}

// The opt-in programs a partner registers a deal for (programs.json components with opt_in).
constexpr std::array<const char*, 4> kOptInPrograms = {"NCB", "DEAL-REG", "PDP", "SPIFF"};

std::vector<TypeAheadChoice> MachineTypeChoices(const Catalog& catalog) {
    std::vector<TypeAheadChoice> choices;
    for (const MachineType& type : catalog.machine_types)
        choices.push_back(
            {type.mt, type.mt + "  " + type.name + "  \xC2\xB7 " + type.series, type.name + " " + type.series});
    return choices;
}

// A typed full MTM is more precise than its 4-character machine type: keep it when it starts
// with the picked type, otherwise the pick replaces the text.
std::string Upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string PickedMtm(const std::string& typed, const std::string& mt) {
    const std::string upper = Upper(typed);
    return upper.size() > mt.size() && upper.compare(0, mt.size(), mt) == 0 ? upper : mt;
}

bool ProgramCheckbox(const char* rule, std::vector<std::string>& opted_in) {
    const auto at = std::find(opted_in.begin(), opted_in.end(), rule);
    bool on = at != opted_in.end();
    if (!ImGui::Checkbox(rule, &on)) return false;
    if (on) opted_in.emplace_back(rule);
    else opted_in.erase(at);
    return true;
}

// One fact with the rules that decided it: the rule IDs are shown, their notes on hover.
// One fact; hovering its row shows the rules that decided it, with what they said and where.
void FactRow(const DeviceFacts& facts, const char* name, const std::string& value,
             std::initializer_list<const char*> rules) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const float top = ImGui::GetCursorScreenPos().y;
    ImGui::TextDisabled("%s", name);
    ImGui::TableNextColumn();
    // The value wraps in its column (a narrow panel, large text) rather than running past the edge.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    const float bottom = ImGui::GetItemRectMax().y;
    const ImVec2 mouse = ImGui::GetMousePos();
    if (!ImGui::IsWindowHovered() || mouse.y < top || mouse.y >= bottom) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    for (const FactNote& note : facts.notes)
        for (const char* rule : rules)
            if (note.rule == rule) {
                ImGui::TextUnformatted(note.rule.c_str());
                ImGui::Indent();
                ImGui::TextUnformatted(note.message.c_str());
                ImGui::TextDisabled("Source: %s", note.source.c_str());
                ImGui::Unindent();
            }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void DrawFacts(App& app, const std::string& typed, const std::vector<TypeAheadChoice>& choices) {
    if (app.State().device.mtm.empty()) {
        ImGui::TextDisabled("Enter a machine type to see its base warranty.");
        return;
    }
    const auto& error = app.FactsError();
    // Text that still matches machine types (a prefix, part of a name) is a search being typed:
    // say how to finish it, quietly; the error is for text that matches nothing.
    if (const int matches = CountTypeAheadMatches(typed, choices); error && error->field == "mtm" && matches > 0) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled(
            "%d machine type%s match \"%s\": pick one from the list (click it, or arrow keys and Enter).", matches,
            matches == 1 ? "" : "s", typed.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (error && error->field == "ship_date" && !app.State().ship_date_set) {
        // Not a fault: the flow's next step. Quiet, like the machine type's own hint.
        const char* text = "Ship date not set: enter it above (YYYY-MM-DD or Pick) to see the base warranty.";
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", text);
        ImGui::PopTextWrapPos();
        ReportMessage(text);
        return;
    }
    if (error) {
        // The typed text stays in the field above; this says what is wrong with it.
        const std::string text = error->field == "mtm" && !app.State().device.mtm.empty()
                                     ? "Machine type \"" + app.State().device.mtm + "\": " + error->message +
                                           ". Type a few characters and pick one from the list."
                                     : error->field + ": " + error->message;
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ErrorColor(), "%s", text.c_str());
        ImGui::PopTextWrapPos();
        ReportMessage(text.c_str());
        return;
    }
    const auto& facts = app.Facts();
    if (!facts) return;
    const MachineType& type = *facts->machine_type;
    ImGui::Text("%s", type.name.c_str());
    ImGui::TextDisabled("%s \xC2\xB7 %s \xC2\xB7 %s", type.mt.c_str(), type.series.c_str(),
                        std::string(to_string(type.category)).c_str());
    ImGui::TextDisabled("Hover a fact for the rule behind it.");
    if (!ImGui::BeginTable("facts", 2, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("fact", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    FactRow(*facts, "Base warranty",
            std::string(level_label(facts->base_level)) + ", " + std::to_string(facts->base_years) + " yr",
            {"BW-LENGTH", "BW-LEVELS"});
    FactRow(*facts, "Starts", facts->base_start.to_string(), {"BW-START"});
    FactRow(*facts, "Ends", facts->base_end.to_string(), {"BW-LENGTH", "BW-BUFFER"});
    FactRow(*facts, "Int'l warranty", facts->iws ? "included" : "not included", {"IWS-INCLUDED"});
    FactRow(*facts, "Coverage ceiling", facts->cap_end.to_string() + " (" + std::to_string(facts->cap_years) + " yr)",
            {"CAP-MAX-YEARS"});
    ImGui::EndTable();
}

}  // namespace

void DrawDevicePanel(App& app) {
    ImGui::TextUnformatted("Device");
    ImGui::Separator();

    AppState state = app.State();
    DeviceInput& device = state.device;
    bool changed = false;
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.5f);

    static std::vector<TypeAheadChoice> choices;
    static const Catalog* choices_for = nullptr;
    if (choices_for != app.GetCatalog()) {
        choices_for = app.GetCatalog();
        choices = choices_for ? MachineTypeChoices(*choices_for) : std::vector<TypeAheadChoice>{};
    }
    // The field keeps the text as typed ("ThinkPad T" reads as a name search); the device gets it
    // in capitals, as machine types are written. A value from elsewhere (a link) replaces it.
    static std::string typed;
    if (Upper(typed) != device.mtm) typed = device.mtm;
    const TypeAheadResult mtm = TypeAheadField("MTM", typed, choices, "type MT, MTM, name or series");
    app.focus_ring.SetEntry(mtm.id);  // Tab from the page lands here: the first field of the flow
    if (mtm.field_hovered && !mtm.list_open && !ImGui::IsItemActive())
        ImGui::SetTooltip("Machine type (4 characters), full MTM or model name, e.g. 21JK, 21JKCTO1WW or ThinkPad T14");
    if (mtm.edited) {
        device.mtm = Upper(typed);
        changed = true;
    }
    if (mtm.picked) {
        device.mtm = PickedMtm(device.mtm, mtm.picked->key);
        typed = device.mtm;
        changed = true;
    }
    changed |= TextField("Serial", device.serial, "optional");
    // No ship date is assumed (today would be a guess): the field starts empty and says so.
    std::optional<Date> ship = state.ship_date_set ? std::optional<Date>(device.ship_date) : std::nullopt;
    if (OptionalDatePicker("Ship date", ship, app.AsOf(), "not set: enter the ship date")) {
        state.ship_date_set = ship.has_value();
        if (ship) device.ship_date = *ship;
        changed = true;
    }
    changed |= OptionalDatePicker("Purchase date", device.purchase_date, app.AsOf(), "none");
    changed |= EnumCombo("Channel", device.channel, kChannels);
    changed |= EnumCombo("Condition", device.condition, kConditions);
    changed |= TextField("Country", device.country, "US", ImGuiInputTextFlags_CharsUppercase);
    if (ImGui::InputInt("Quantity", &device.quantity)) {
        // The quote request's range, which the page's link also reads back.
        device.quantity = std::clamp(device.quantity, 1, kMaxQuantity);
        changed = true;
    }
    ImGui::PopItemWidth();

    ImGui::Spacing();
    ImGui::TextUnformatted("Customer");
    ImGui::Separator();
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.5f);
    // One segment in the UI: the customer's (programs) and the device's (rules) move together.
    if (EnumCombo("Segment", state.segment, kSegments)) {
        device.segment = state.segment;
        changed = true;
    }
    ImGui::PopItemWidth();
    changed |= ImGui::Checkbox("New customer", &state.programs.new_customer);
    ImGui::TextDisabled("Registered for:");
    for (const char* rule : kOptInPrograms) {
        SameLineIfFits(CheckboxWidth(rule));  // a narrow column or large text wraps them
        changed |= ProgramCheckbox(rule, state.programs.opted_in);
    }
    changed |= DrawPurchasesField(app, state.programs);
    changed |= DrawPartnerCountryField(state.programs);
    if (changed) app.EditState() = std::move(state);

    ImGui::Spacing();
    ImGui::TextUnformatted("Base warranty");
    ImGui::Separator();
    DrawFacts(app, typed, choices);
}

}  // namespace apos::ui
