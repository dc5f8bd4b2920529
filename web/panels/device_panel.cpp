// Device panel (placeholder until the real one lands): what the partner knows about the unit,
// and the base-warranty facts the core derives from it.
#include <array>
#include <utility>

#include "app/app.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/date_field.hpp"
#include "widgets/enum_combo.hpp"
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

constexpr std::array kChannels = {Channel::Direct, Channel::Distributor};
constexpr std::array kConditions = {Condition::New, Condition::OpenBox, Condition::Refurbished};
constexpr std::array kSegments = {Segment::Education, Segment::Health, Segment::Government, Segment::Smb,
                                  Segment::Enterprise};

void DrawFacts(App& app) {
    if (const auto& error = app.FactsError()) {
        ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.10f, 1.0f), "%s: %s", error->field.c_str(), error->message.c_str());
        return;
    }
    const auto& facts = app.Facts();
    if (!facts) return;
    const MachineType& type = *facts->machine_type;
    ImGui::Text("%s (%s)", type.name.c_str(), type.mt.c_str());
    ImGui::Text("Base warranty: %s, %d yr", std::string(level_label(facts->base_level)).c_str(), facts->base_years);
    ImGui::Text("Covered: %s \xE2\x80\x93 %s", facts->base_start.to_string().c_str(), facts->base_end.to_string().c_str());
    ImGui::Text("International warranty: %s", facts->iws ? "yes" : "no");
    ImGui::Text("Coverage can reach: %s", facts->cap_end.to_string().c_str());
}

}  // namespace

void DrawDevicePanel(App& app) {
    ImGui::TextUnformatted("Device");
    ImGui::Separator();

    AppState state = app.State();
    DeviceInput& device = state.device;
    bool changed = false;
    ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.0f);
    changed |= TextField("MTM", device.mtm, "e.g. 21HD or 21HDCTO1WW", ImGuiInputTextFlags_CharsUppercase);
    changed |= TextField("Serial", device.serial, "optional");
    changed |= DateField("Ship date", device.ship_date);
    changed |= OptionalDateField("Purchase date", device.purchase_date, "none");
    changed |= EnumCombo("Channel", device.channel, kChannels);
    changed |= EnumCombo("Condition", device.condition, kConditions);
    changed |= TextField("Country", device.country, "US", ImGuiInputTextFlags_CharsUppercase);
    if (ImGui::InputInt("Quantity", &device.quantity)) {
        if (device.quantity < 1) device.quantity = 1;
        changed = true;
    }
    // One segment in the UI: the customer's (programs) and the device's (rules) move together.
    if (EnumCombo("Segment", state.segment, kSegments)) {
        device.segment = state.segment;
        changed = true;
    }
    changed |= OptionalDateField("As of", state.as_of, "today");
    ImGui::PopItemWidth();
    if (changed) app.EditState() = std::move(state);

    ImGui::Spacing();
    ImGui::Separator();
    DrawFacts(app);
}

}  // namespace apos::ui
