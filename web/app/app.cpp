// App: catalog loading, the partner's state and the core results derived from it.
// No rule or price logic here: every value comes from the core (resolve_device,
// evaluate_offers, build_quote) and is only cached until the state changes.
#include "app/app.hpp"

#include <algorithm>
#include <chrono>

#include "apos/json_io.hpp"

namespace apos::ui {

namespace {

// The quote evaluates each selected service with the others as companions (TERM-MATCH,
// IWU-REQUIRES); the list does the same so that it never disagrees with the quote. Other terms
// of the same offering are not companions: one offering is bought at one term.
void ReevaluateWithSelection(const Catalog& catalog, const DeviceFacts& facts, Date as_of,
                             const std::vector<ServiceRequest>& selected, std::vector<Offer>& offers) {
    if (selected.empty()) return;
    for (Offer& offer : offers) {
        std::vector<CompanionService> companions;
        for (const ServiceRequest& s : selected) {
            const Offering* other = catalog.find_offering(s.id);
            if (other && other != offer.offering) companions.push_back({other, s.term_years});
        }
        if (!companions.empty())
            offer = evaluate_offer(catalog, facts, *offer.offering, offer.term_years, as_of, companions);
    }
}

}  // namespace

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
    pending_sources_.clear();
    catalog_errors_ = std::move(result.errors);
    // A bad catalog never replaces a good one: the partner keeps working with the last good one.
    if (result.catalog) catalog_ = std::move(result.catalog);
    dirty_ = true;
    // Evaluated fleet units point into the old catalog's offerings: evaluate them again.
    if (result.catalog && (fleet_.Stage() == FleetStage::Done || fleet_.Stage() == FleetStage::Evaluating))
        fleet_.Restart();
}

// ---- Input --------------------------------------------------------------------------------------
void App::SetToday(Date today) {
    if (today == today_) return;
    // The first ship date offered is today; after that it is the partner's value.
    if (state_.device.ship_date == Date{} || state_.device.ship_date == today_) state_.device.ship_date = today;
    today_ = today;
    dirty_ = true;
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
    Recompute();
    return offers_;
}

const std::vector<RecommendedBundle>& App::Recommendations() {
    Recompute();
    return recommendations_;
}

const Quote& App::CurrentQuote() {
    Recompute();
    return quote_;
}

void App::Recompute() {
    if (!dirty_) return;
    dirty_ = false;
    quote_recomputed_ = true;
    facts_.reset();
    facts_error_.reset();
    offers_.clear();
    recommendations_.clear();
    quote_ = Quote{};
    if (!catalog_) return;

    const Date as_of = AsOf();
    if (state_.device.mtm.empty()) {
        facts_error_ = DeviceError{"mtm", "enter a machine type (4 characters) or a full MTM"};
    } else {
        DeviceResolution resolution = resolve_device(*catalog_, state_.device);
        facts_ = std::move(resolution.facts);
        facts_error_ = std::move(resolution.error);
        if (facts_) {
            offers_ = evaluate_offers(*catalog_, *facts_, as_of);
            ReevaluateWithSelection(*catalog_, *facts_, as_of, state_.services, offers_);
            recommendations_ = recommend(*catalog_, *facts_, as_of, state_.segment);
        }
    }
    quote_ = build_quote(*catalog_, ToQuoteRequest(state_, as_of));
}

void App::Refresh() {
    // Fleet work gets a slice of each frame so the page stays live: half of a 60 Hz frame, or half
    // of the last frame when drawing is slow (software WebGL), else a million rows would take many
    // times their evaluation time; never more than 50 ms, so input is still answered every frame.
    const double now_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
    const double frame_ms = last_refresh_ms_ > 0.0 ? now_ms - last_refresh_ms_ : 16.0;
    last_refresh_ms_ = now_ms;
    fleet_.Advance(GetCatalog(), AsOf(), std::clamp(frame_ms * 0.5, 8.0, 50.0));
    Recompute();
    // The quote's JSON only after a recomputation: building it every frame cost about 0.7 ms.
    if (catalog_ && quote_recomputed_) {
        quote_recomputed_ = false;
        std::string json = quote_to_json(quote_).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (json != quote_json_) {
            quote_json_ = std::move(json);
            if (host.quote_changed) host.quote_changed(quote_json_);
        }
    }
    std::string hash = EncodeStateHash(state_);
    if (!hash_written_ || hash != last_hash_) {
        last_hash_ = std::move(hash);
        hash_written_ = true;
        if (host.write_hash) host.write_hash(last_hash_);
    }
}

// ---- Fleet --------------------------------------------------------------------------------------
void App::LoadFleetFile(std::string name, std::string bytes) {
    fleet_.Load(std::move(name), std::move(bytes));
    open_fleet_view = true;
}

std::string App::FleetSummaryJson() const {
    nlohmann::json out = {{"stage", to_string(fleet_.Stage())},
                          {"file", fleet_.FileName()},
                          {"done", fleet_.Done()},
                          {"total", fleet_.Total()},
                          {"bad_rows", fleet_.BadRowCount()}};
    if (const FleetParse* parsed = fleet_.Parsed()) out["fatal"] = parsed->fatal;
    if (const FleetResult* result = fleet_.Result()) {
        out["as_of"] = result->as_of.to_string();
        out["units"] = result->units.size();
        out["summary"] = fleet_summary_to_json(result->summary);
    }
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace apos::ui
