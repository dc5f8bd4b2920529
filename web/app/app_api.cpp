// The JSON API behind the page's configure(), eligibility(), quote(), setState(), widgets().
// Shapes are the CLI's (core/json_io); input errors name the field and leave the state as it was.
#include <cmath>

#include "apos/json_io.hpp"
#include "apos/recommendations.hpp"
#include "apos/timeline.hpp"
#include "app/app.hpp"
#include "imgui_internal.h"  // ImGuiItemStatusFlags_Checkable, ... (test-engine flags)

namespace apos::ui {

using nlohmann::json;

namespace {

std::string Result(const std::vector<std::pair<std::string, std::string>>& errors) {
    json list = json::array();
    for (const auto& [where, message] : errors) list.push_back({{"where", where}, {"message", message}});
    return json_text(json{{"ok", errors.empty()}, {"errors", list}});
}

}  // namespace

std::string App::ConfigureJson(std::string_view request_json) {
    // The text is parsed and written out again here before the core reads it: the core's size
    // and nesting limits must hold for this parse too (dumping deep nesting recurses per level).
    if (const auto refused = check_json_text(request_json, kMaxRequestBytes))
        return Result({{refused->where, refused->message}});
    json request = json::parse(request_json.begin(), request_json.end(), nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded() || !request.is_object())
        return Result({{"/", "expected a JSON object: a quote request, or {device, services}"}});
    // The one-item short form {as_of, customer, device, services} becomes a quote request.
    if (!request.contains("items") && request.contains("device")) {
        json item = {{"device", request["device"]}};
        if (request.contains("services")) item["services"] = request["services"];
        request.erase("device");
        request.erase("services");
        request["items"] = json::array({item});
    }
    const bool explicit_as_of = request.contains("as_of");
    QuoteRequestParse parsed = parse_quote_request_value(request, AsOf());
    std::vector<std::pair<std::string, std::string>> errors;
    for (const InputError& e : parsed.errors) errors.emplace_back(e.where, e.message);
    if (errors.empty() && parsed.request && parsed.request->items.empty())
        errors.emplace_back(
            "/items",
            "give at least one item: the first is the configured device, the others go on the quote beside it");
    // The configuration must fit in its link (getState(), the URL hash), which reads this many back.
    if (errors.empty() && parsed.request && parsed.request->items.front().services.size() > kMaxStateServices)
        errors.emplace_back("/items/0/services",
                            "at most " + std::to_string(kMaxStateServices) + " services in the configurator");
    if (!errors.empty() || !parsed.request) return Result(errors);

    QuoteRequest& q = *parsed.request;
    AppState next = state_;
    next.device = q.items.front().device;
    next.ship_date_set = true;  // the request reader requires one
    next.services = q.items.front().services;
    next.fleet_items.assign(q.items.begin() + 1, q.items.end());
    next.fleet_units_left_out = 0;  // a whole configuration: nothing is missing from it
    next.segment = q.segment;
    next.programs = q.programs;
    next.as_of = explicit_as_of ? std::optional<Date>(q.as_of) : std::nullopt;
    EditState() = std::move(next);
    return Result({});
}

std::string App::EligibilityJson() {
    if (!catalog_) return json_text(json{{"error", {{"field", "catalog"}, {"message", "no valid catalog loaded"}}}});
    Recompute();
    if (!facts_) {
        const DeviceError error = facts_error_.value_or(DeviceError{"mtm", "no device"});
        return json_text(json{{"error", {{"field", error.field}, {"message", error.message}}}});
    }
    // The configured device's report as `apos eligibility` prints it, and every device of the
    // configuration (units added from the fleet follow it) under "devices".
    // The page's own evaluation leaves the words out; the report carries every reason, so it is
    // asked again with them.
    const Evaluation with_words = evaluate_configuration(*catalog_, ToQuoteRequest(state_, AsOf()));
    json report = eligibility_report_json(*catalog_, with_words, 0);
    json devices = json::array();
    for (std::size_t i = 0; i < with_words.devices.size(); ++i)
        devices.push_back(eligibility_report_json(*catalog_, with_words, i));
    report["devices"] = std::move(devices);
    return json_text(report);
}

std::string App::QuoteJson() {
    if (!catalog_) return json_text(json{{"error", {{"field", "catalog"}, {"message", "no valid catalog loaded"}}}});
    Recompute();
    return json_text(quote_to_json(evaluation_.quote));
}

std::string App::SetStateHash(std::string_view hash) {
    StateDecode decoded = DecodeStateHash(hash, state_);
    std::vector<std::pair<std::string, std::string>> errors;
    for (const std::string& e : decoded.errors) errors.emplace_back("#", e);
    // Shown in the panel too (a broken link): the configuration on screen is kept as it was.
    link_errors = decoded.errors;
    if (decoded.state) EditState() = std::move(*decoded.state);
    return Result(errors);
}

namespace {

// ImGui works in framebuffer pixels; the page thinks in CSS pixels (to a tenth).
float CssPixels(float v, float scale) { return std::round(v / scale * 10.0f) / 10.0f; }

// The box of an item or window as the page's debug API gives it: x, y, w, h in CSS pixels.
void PutBox(json& item, ImVec2 min, ImVec2 max, float scale) {
    item["x"] = CssPixels(min.x, scale);
    item["y"] = CssPixels(min.y, scale);
    item["w"] = CssPixels(max.x - min.x, scale);
    item["h"] = CssPixels(max.y - min.y, scale);
}

}  // namespace

std::string App::CatalogErrorsJson() const {
    json list = json::array();
    for (const CatalogError& e : catalog_errors_)
        list.push_back({{"file", e.file}, {"path", e.path}, {"line", e.line}, {"message", e.message}});
    return json_text(list);
}

std::string App::LayoutProblemsJson() const {
    const float scale = scale_ > 0.0f ? scale_ : 1.0f;
    json list = json::array();
    for (const LayoutProblem& p : widgets_.LastProblems()) {
        json item = {
            {"kind", p.kind}, {"window", p.window}, {"label", p.label}, {"clip_right", CssPixels(p.clip_right, scale)}};
        PutBox(item, p.min, p.max, scale);
        list.push_back(std::move(item));
    }
    return json_text(list);
}

std::string App::WidgetsJson() const {
    const float scale = scale_ > 0.0f ? scale_ : 1.0f;
    json list = json::array();
    for (const WidgetRecord& w : widgets_.LastFrame()) {
        if (!w.has_info) continue;
        const std::string::size_type hidden = w.name.find("##");
        const std::string label = w.name.substr(0, hidden);
        const bool checkable = (w.status & ImGuiItemStatusFlags_Checkable) != 0;
        const bool openable = (w.status & ImGuiItemStatusFlags_Openable) != 0;
        const bool inputable = (w.item_flags & ImGuiItemFlags_Inputable) != 0;
        const bool message = (w.status & kMessageStatus) != 0;
        json item = {{"id", w.id},
                     {"label", label},
                     {"name", w.name},
                     {"window", w.window},
                     {"visible", w.visible},
                     {"whole", w.whole},
                     {"role", message     ? "message"
                              : checkable ? "checkbox"
                              : openable  ? "expandable"
                              : inputable ? "text field"
                                          : "button"},
                     {"checkable", checkable},
                     {"openable", openable}};
        if (checkable) item["checked"] = (w.status & ImGuiItemStatusFlags_Checked) != 0;
        if (openable) item["opened"] = (w.status & ImGuiItemStatusFlags_Opened) != 0;
        // The keyboard focus (ImGui's navigation frame shows it) and the field being edited.
        if (const ImGuiContext* g = ImGui::GetCurrentContext()) {
            item["focused"] = w.id == g->NavId && !g->NavDisableHighlight;
            item["editing"] = w.id == g->ActiveId;
        }
        PutBox(item, w.min, w.max, scale);
        list.push_back(std::move(item));
    }
    // Tooltips on screen (their text lines carry no label of their own), so a test can tell
    // whether one covers something.
    if (const ImGuiContext* g = ImGui::GetCurrentContext())
        for (const ImGuiWindow* window : g->Windows)
            if (window->Active && (window->Flags & ImGuiWindowFlags_Tooltip) != 0) {
                json tip = {{"id", window->ID}, {"label", ""},   {"name", ""},       {"window", window->Name},
                            {"visible", true},  {"whole", true}, {"role", "tooltip"}};
                PutBox(tip, window->Pos, ImVec2(window->Pos.x + window->Size.x, window->Pos.y + window->Size.y), scale);
                list.push_back(std::move(tip));
            }
    return json_text(list);
}

}  // namespace apos::ui
