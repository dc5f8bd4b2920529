// App: catalog loading, the partner's state and the core results derived from it.
// No rule or price logic here: every value comes from the core's one evaluation of the
// configuration (evaluate_configuration) and is only cached until the state changes.
#include "app/app.hpp"

#include <algorithm>

#include "apos/json_io.hpp"

namespace apos::ui {

App& TheApp() {
    static App app;
    return app;
}

// ---- Catalog ------------------------------------------------------------------------------------
void App::BeginCatalog() { pending_sources_.clear(); }

void App::AddCatalogFile(std::string file, std::string text) {
    pending_sources_.push_back({std::move(file), std::move(text)});
}

void App::CommitCatalog() {
    CatalogLoadResult result = load_catalog(pending_sources_);
    catalog_errors_ = std::move(result.errors);
    // A bad catalog never replaces a good one: the partner keeps working with the last good one.
    // Its files stay too: fleet workers load the same catalog from them.
    if (result.catalog) {
        catalog_ = std::move(result.catalog);
        catalog_sources_ = std::move(pending_sources_);
    }
    pending_sources_.clear();
    dirty_ = true;
    // Evaluated fleet units point into the old catalog's offerings: evaluate them again.
    if (result.catalog) fleet_.CatalogReplaced();
}

// ---- Input --------------------------------------------------------------------------------------
void App::SetToday(Date today) {
    // Only "today" moves (the as-of date when none is set); the ship date is never guessed from it.
    if (today == today_) return;
    today_ = today;
    dirty_ = true;
}

std::string App::PreferencesJson() const {
    nlohmann::json out{{"dark", state_.settings.dark_theme}, {"text_size", state_.settings.text_size}};
    // The partner's own name and contact for proposals, and the urgency limits per segment.
    const ProposalPartner& partner = state_.settings.partner;
    if (!partner.name.empty() || !partner.contact.empty() || !partner.email.empty())
        out["partner"] = {{"name", partner.name}, {"contact", partner.contact}, {"email", partner.email}};
    const auto limits = [](const UrgencyHorizons& h) {
        return nlohmann::json::array({h.urgent_days, h.soon_days, h.plan_days});
    };
    if (state_.settings.default_urgency != UrgencyHorizons{}) out["urgency"] = limits(state_.settings.default_urgency);
    if (!state_.settings.segments.empty()) {
        nlohmann::json segments = nlohmann::json::array();
        for (const SegmentUrgency& s : state_.settings.segments)
            segments.push_back({{"name", s.name}, {"limits", limits(s.horizons)}, {"color", s.color}});
        out["segments"] = std::move(segments);
    }
    if (!fleet_maps_.empty()) {
        nlohmann::json maps = nlohmann::json::array();
        for (const RememberedFleetMap& m : fleet_maps_)
            maps.push_back({{"headers", m.key}, {"map", m.map}, {"date_order", std::string(to_string(m.order))}});
        out["fleet_maps"] = std::move(maps);
    }
    if (!fleet_sheets_.empty()) {
        nlohmann::json sheets = nlohmann::json::array();
        for (const auto& [key, sheet] : fleet_sheets_) sheets.push_back({{"sheets", key}, {"sheet", sheet}});
        out["fleet_sheets"] = std::move(sheets);
    }
    if (fleet_marks.keep) out["keep_marks"] = true;  // only once chosen: the marks live in the host's store
    if (!fold_choices.empty()) out["folds"] = fold_choices;
    if (keep_fleet_file) out["keep_fleet"] = true;
    return json_text(out);
}

void App::ApplyPreferences(std::string_view json) {
    const nlohmann::json in = nlohmann::json::parse(json, nullptr, false);
    if (!in.is_object()) return;
    if (const auto dark = in.find("dark"); dark != in.end() && dark->is_boolean())
        state_.settings.dark_theme = dark->get<bool>();
    // A size outside what the settings bar offers is someone else's value: ignored.
    if (const auto size = in.find("text_size"); size != in.end() && size->is_number()) {
        const float px = size->get<float>();
        if (px >= 13.0f && px <= 22.0f) state_.settings.text_size = px;
    }
    const auto text = [](const nlohmann::json& object, const char* key) {
        const auto it = object.find(key);
        // Field lengths as the settings' fields allow; longer is someone else's value.
        return it != object.end() && it->is_string() && it->get<std::string>().size() <= 200 ? it->get<std::string>()
                                                                                             : std::string();
    };
    if (const auto partner = in.find("partner"); partner != in.end() && partner->is_object())
        state_.settings.partner = {text(*partner, "name"), text(*partner, "contact"), text(*partner, "email")};
    // Limits the core accepts (urgency_horizons_problem); anything else keeps the defaults.
    const auto limits = [](const nlohmann::json& j) -> std::optional<UrgencyHorizons> {
        if (!j.is_array() || j.size() != 3 || !j[0].is_number_integer() || !j[1].is_number_integer() ||
            !j[2].is_number_integer())
            return std::nullopt;
        const UrgencyHorizons h{j[0].get<int>(), j[1].get<int>(), j[2].get<int>()};
        if (urgency_horizons_problem(h)) return std::nullopt;
        return h;
    };
    if (const auto urgency = in.find("urgency"); urgency != in.end())
        if (const auto h = limits(*urgency)) state_.settings.default_urgency = *h;
    if (const auto segments = in.find("segments"); segments != in.end() && segments->is_array()) {
        state_.settings.segments.clear();
        for (const nlohmann::json& s : *segments) {
            if (!s.is_object() || state_.settings.segments.size() >= kMaxSegments) continue;
            const std::string name = text(s, "name");
            const auto h = s.contains("limits") ? limits(s["limits"]) : std::nullopt;
            if (name.empty() || !h || FindSegment(state_.settings, name)) continue;
            SegmentUrgency entry{name, *h};
            if (s.contains("color") && s["color"].is_number_unsigned()) entry.color = s["color"].get<std::uint32_t>();
            state_.settings.segments.push_back(std::move(entry));
        }
    }
    // Remembered mappings whose --map text the core reads; anything else is dropped.
    if (const auto maps = in.find("fleet_maps"); maps != in.end() && maps->is_array()) {
        fleet_maps_.clear();
        for (const nlohmann::json& m : *maps) {
            if (!m.is_object() || !m.contains("headers") || !m.contains("map") || !m["headers"].is_string() ||
                !m["map"].is_string())
                continue;
            FleetOptions options;
            std::string error;
            if (!parse_fleet_map(m["map"].get<std::string>(), options, error)) continue;
            RememberedFleetMap r{m["headers"].get<std::string>(), m["map"].get<std::string>(), DateOrder::Unknown};
            if (m.contains("date_order") && m["date_order"].is_string())
                r.order = parse_date_order(m["date_order"].get<std::string>()).value_or(DateOrder::Unknown);
            RememberFleetMap(std::move(r));
        }
    }
    if (const auto sheets = in.find("fleet_sheets"); sheets != in.end() && sheets->is_array()) {
        fleet_sheets_.clear();
        for (const nlohmann::json& m : *sheets)
            if (m.is_object() && m.contains("sheets") && m.contains("sheet") && m["sheets"].is_string() &&
                m["sheet"].is_string())
                fleet_sheets_.emplace_back(m["sheets"].get<std::string>(), m["sheet"].get<std::string>());
    }
    if (const auto keep = in.find("keep_marks"); keep != in.end() && keep->is_boolean())
        fleet_marks.keep = keep->get<bool>();
    if (const auto keep = in.find("keep_fleet"); keep != in.end() && keep->is_boolean())
        keep_fleet_file = keep->get<bool>();
    // Sections' keys are short names of our own; anything else is someone else's value.
    if (const auto folds = in.find("folds"); folds != in.end() && folds->is_object()) {
        fold_choices.clear();
        for (const auto& [key, open] : folds->items())
            if (open.is_boolean() && key.size() <= 40 && fold_choices.size() < 32)
                fold_choices.insert_or_assign(key, open.get<bool>());
    }
    last_preferences_ = PreferencesJson();
}

// ---- Derived ------------------------------------------------------------------------------------
const std::optional<DeviceFacts>& App::Facts() {
    Recompute();
    return facts_;
}

const std::optional<DeviceError>& App::FactsError() {
    Recompute();
    return facts_error_;
}

const std::vector<Offer>& App::Offers() {
    static const std::vector<Offer> kNone;
    const DeviceEvaluation* device = ConfiguredDevice();
    return device ? device->offers : kNone;
}

const Offer& App::Explained(const Offer& offer) {
    const std::pair<const Offering*, int> key{offer.offering, offer.term_years};
    if (const auto known = explained_.find(key); known != explained_.end()) return known->second;
    std::optional<Offer> words;
    if (catalog_ && offer.offering) words = explain_offer(*catalog_, evaluation_, 0, *offer.offering, offer.term_years);
    return explained_.emplace(key, words ? std::move(*words) : offer).first->second;
}

const std::vector<RecommendedBundle>& App::Recommendations() {
    static const std::vector<RecommendedBundle> kNone;
    const DeviceEvaluation* device = ConfiguredDevice();
    return device ? device->recommendations : kNone;
}

const Quote& App::CurrentQuote() {
    Recompute();
    return evaluation_.quote;
}

const Evaluation& App::CurrentEvaluation() {
    Recompute();
    return evaluation_;
}

void App::Recompute() {
    if (!dirty_) return;
    dirty_ = false;
    quote_recomputed_ = true;
    evaluation_ = Evaluation{};
    explained_.clear();
    facts_.reset();
    facts_error_.reset();
    if (!catalog_) return;

    // Offers without words: the services panel builds them for the rows it draws (Explained).
    EvaluationParts parts;
    parts.words = false;
    evaluation_ = evaluate_configuration(*catalog_, ToQuoteRequest(state_, AsOf()), parts);
    if (state_.device.mtm.empty()) {
        facts_error_ = DeviceError{"mtm", "enter a machine type (4 characters) or a full MTM"};
    } else if (!state_.ship_date_set) {
        // An unknown machine type is said first (the core's words); the date it is checked with
        // does not matter for that answer, and none is assumed for anything else.
        DeviceInput probe = state_.device;
        probe.ship_date = AsOf();
        const DeviceResolution typed = resolve_device(*catalog_, probe);
        if (typed.error && typed.error->field == "mtm") facts_error_ = typed.error;
        else
            facts_error_ = DeviceError{"ship_date", "not set: enter the ship date (the day the unit left the factory)"};
    } else if (!evaluation_.devices.empty()) {
        // The configured device is the configuration's first item (fleet units follow it).
        facts_ = evaluation_.devices.front().facts;
        facts_error_ = evaluation_.devices.front().error;
    }
}

const DeviceEvaluation* App::ConfiguredDevice() {
    Recompute();
    if (state_.device.mtm.empty() || !state_.ship_date_set || evaluation_.devices.empty() ||
        !evaluation_.devices.front().facts)
        return nullptr;
    return &evaluation_.devices.front();
}

void App::UseFleetWorkers(FleetWorkers* workers) { fleet_.UseWorkers(workers, &catalog_sources_); }

void App::AdvanceFleet(double budget_ms) {
    fleet_.Advance(GetCatalog(), AsOf(), budget_ms);
    // Cancelled or finished: the next frame is drawn (FleetJob::Busy is false), and merges marks.
}

void App::Refresh() {
    // A drawn frame does a little fleet work; most of it happens between drawn frames
    // (AdvanceFleet), so that a drawn frame stays short.
    fleet_.Advance(GetCatalog(), AsOf(), kFleetMsPerDrawnFrame);
    MergeFleetMarks(*this);
    Recompute();
    // The quote's JSON only after a recomputation: building it every frame cost about 0.7 ms.
    if (catalog_ && quote_recomputed_) {
        quote_recomputed_ = false;
        std::string json = json_text(quote_to_json(evaluation_.quote));
        if (json != quote_json_) {
            quote_json_ = std::move(json);
            if (host.quote_changed) host.quote_changed(quote_json_);
        }
    }
    if (std::string preferences = PreferencesJson(); preferences != last_preferences_) {
        const bool first = last_preferences_.empty();
        last_preferences_ = std::move(preferences);
        // The defaults are not written on the first frame: nothing is stored until the user chooses.
        if (!first && host.save_preferences) host.save_preferences(last_preferences_);
    }
    std::string hash = EncodeStateHash(state_);
    if (!hash_written_ || hash != last_hash_) {
        last_hash_ = std::move(hash);
        hash_written_ = true;
        if (host.write_hash) host.write_hash(last_hash_);
    }
}

// ---- Fleet --------------------------------------------------------------------------------------
void App::LoadFleetFile(std::string name, std::string bytes, std::string sheet) {
    // A follow-up marks file (picked or dropped like a fleet) is merged into the marks instead:
    // any JSON object, since no fleet file starts with '{' (a wrong one is then refused as a
    // marks file, and the loaded fleet stays).
    const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (looks_like_marks_file(bytes) || (first != std::string::npos && bytes[first] == '{')) {
        ImportMarksFile(*this, name, bytes);
        return;
    }
    const bool asked = !sheet.empty();
    if (host.fleet_taken) host.fleet_taken();
    fleet_.Load(std::move(name), std::move(bytes), std::move(sheet));
    open_fleet_view = true;
    // Not parsed yet: the sheet chosen before for a workbook with these sheets is read instead.
    const std::vector<std::string>& sheets = fleet_.Sheets();
    if (asked || sheets.size() < 2) return;
    if (const std::string* chosen = FindFleetSheet(fleet_header_key(sheets));
        chosen && std::find(sheets.begin(), sheets.end(), *chosen) != sheets.end()) {
        fleet_.ChooseSheet(*chosen);
        status_message = "Reading the sheet \"" + *chosen + "\" you chose before for this workbook";
    }
}

void App::SetKeepFleetFile(bool keep) {
    if (keep == keep_fleet_file || !host.keep_fleet) return;
    keep_fleet_file = keep;
    host.keep_fleet(keep);
    const bool loaded = fleet_.Stage() != FleetStage::Empty;
    status_message = !keep ? "The fleet file is no longer kept: the stored copy was deleted"
                     : loaded
                         ? "\"" + fleet_.FileName() + "\" is kept in this browser, and each fleet file opened after it"
                         : "The next fleet file opened is kept in this browser";
}

void App::ChooseFleetSheet(std::string sheet) {
    const std::vector<std::string>& sheets = fleet_.Sheets();
    if (std::find(sheets.begin(), sheets.end(), sheet) == sheets.end()) return;
    const std::string key = fleet_header_key(sheets);
    constexpr std::size_t kMaxRemembered = 32;
    std::erase_if(fleet_sheets_, [&](const auto& m) { return m.first == key; });
    fleet_sheets_.emplace_back(key, sheet);
    if (fleet_sheets_.size() > kMaxRemembered) fleet_sheets_.erase(fleet_sheets_.begin());
    fleet_.ChooseSheet(std::move(sheet));
}

const std::string* App::FindFleetSheet(std::string_view key) const {
    for (const auto& [k, sheet] : fleet_sheets_)
        if (k == key) return &sheet;
    return nullptr;
}

const App::RememberedFleetMap* App::FindFleetMap(std::string_view key) const {
    for (const RememberedFleetMap& m : fleet_maps_)
        if (m.key == key) return &m;
    return nullptr;
}

void App::RememberFleetMap(RememberedFleetMap mapping) {
    // A few dozen header shapes are plenty; the one used longest ago goes first.
    constexpr std::size_t kMaxRemembered = 32;
    std::erase_if(fleet_maps_, [&](const RememberedFleetMap& m) { return m.key == mapping.key; });
    fleet_maps_.push_back(std::move(mapping));
    if (fleet_maps_.size() > kMaxRemembered)
        fleet_maps_.erase(fleet_maps_.begin(),
                          fleet_maps_.begin() + static_cast<std::ptrdiff_t>(fleet_maps_.size() - kMaxRemembered));
}

void App::ForgetFleetMap(std::string_view key) {
    std::erase_if(fleet_maps_, [&](const RememberedFleetMap& m) { return m.key == key; });
}

std::string App::FleetUnitsJson() const {
    nlohmann::json units = nlohmann::json::array();
    if (const FleetResult* result = fleet_.Result())
        for (const UnitOpportunity& u : result->units) {
            units.push_back(fleet_unit_to_json(u, {}));
            if (const FollowUpMark* mark = MarkOf(fleet_marks, u.serial()))
                units.back()["follow_up"] = mark_cell(*mark);
        }
    return json_text(units);
}

std::string App::FleetSummaryJson() const {
    nlohmann::json out = {{"stage", to_string(fleet_.Stage())},
                          {"file", fleet_.FileName()},
                          {"done", fleet_.Done()},
                          {"total", fleet_.Total()},
                          {"bad_rows", fleet_.BadRowCount()}};
    if (!fleet_.WorkersFailure().empty()) out["workers_failure"] = fleet_.WorkersFailure();
    if (const FleetParse* parsed = fleet_.Parsed()) {
        out["fatal"] = parsed->fatal;
        out["format"] = fleet_format_to_json(parsed->format);
        if (parsed->format.quote) out["read_as"] = describe_quote_reading(parsed->format);
    }
    if (!fleet_.Sheets().empty()) {
        out["sheets"] = fleet_.Sheets();
        out["sheet"] = fleet_.Sheet().empty() ? fleet_.Sheets().front() : fleet_.Sheet();
    }
    if (!fleet_.Options().columns.empty()) out["map"] = fleet_map_text(fleet_.Options());
    if (fleet_.Options().date_order != DateOrder::Unknown)
        out["date_order"] = std::string(to_string(fleet_.Options().date_order));
    if (const FleetResult* result = fleet_.Result()) {
        out["as_of"] = result->as_of.to_string();
        out["units"] = result->units.size();
        out["summary"] = fleet_summary_to_json(result->summary);
        out["workers"] = fleet_.WorkersUsed();
        std::int64_t open_units = 0;
        for (const UnitOpportunity& u : result->units) open_units += is_open_work(MarkOf(fleet_marks, u.serial()));
        out["open_work_units"] = open_units;
    }
    nlohmann::json by_kind = nlohmann::json::object();
    for (const auto& [serial, mark] : fleet_marks.marks) {
        const std::string kind(to_string(mark.kind));
        by_kind[kind] = by_kind.value(kind, 0) + 1;
    }
    out["marks"] = {{"kept", fleet_marks.keep}, {"count", fleet_marks.marks.size()}, {"by_kind", by_kind}};
    return json_text(out);
}

}  // namespace apos::ui
