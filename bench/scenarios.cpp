// Setup and one run of each core scenario, shared by the Google Benchmark suite and the plain
// (native + WASM) harness.
#include "scenarios.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "apos/evaluation.hpp"
#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/timeline.hpp"

namespace apos::bench {

namespace {

// The harnesses are built without exceptions (as the web app is): a broken setup stops here.
[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "bench setup failed: %s\n", what.c_str());
    std::abort();
}

Catalog load_or_fail(const std::vector<CatalogSource>& sources) {
    CatalogLoadResult loaded = load_catalog(sources);
    if (!loaded.catalog) fail(loaded.errors.empty() ? "catalog did not load" : loaded.errors.front().to_string());
    return std::move(*loaded.catalog);
}

// The configurator's question for one device: its offers, no recommendations or timeline.
constexpr EvaluationParts kOffersWithoutWords{true, false, false, false};
constexpr EvaluationParts kOffersWithWords{true, false, false, true};

Configuration one_device_configuration(const DeviceInput& device) {
    Configuration configuration;
    configuration.as_of = scenario_as_of();
    configuration.items.push_back({device, false, {}});
    return configuration;
}

DeviceFacts resolve_thinkpad(const Catalog& catalog) {
    DeviceInput input;
    input.mtm = "21JKCTO1WW";
    input.serial = "PF4ABC12";
    input.ship_date = *Date::parse("2026-09-01");
    DeviceResolution resolved = resolve_device(catalog, input);
    if (!resolved.facts) fail("the benchmark ThinkPad 21JK does not resolve");
    return *resolved.facts;
}

// Two items of four services each (plus hardware), with the new-customer program.
constexpr std::string_view kTenLineQuote =
    R"({"as_of": "2026-11-26", "customer": {"new_customer": true, "programs": ["NCB"]}, "items": [
  {"device": {"mtm": "21JK", "ship_date": "2026-10-01", "quantity": 20}, "hardware": true,
   "services": [{"kind": "extension", "term_years": 3}, {"id": "adp", "term_years": 3}, {"id": "kyd", "term_years": 3}, {"id": "sbty", "term_years": 3}]},
  {"device": {"mtm": "30FM", "ship_date": "2026-10-01", "quantity": 5}, "hardware": true,
   "services": [{"id": "upg-onsite-4h-95", "term_years": 3}, {"id": "premier", "term_years": 3}, {"id": "kyd", "term_years": 3}, {"id": "ticru", "term_years": 3}]}]})";

QuoteRequest parse_ten_line_quote() {
    QuoteRequestParse parsed = parse_quote_request(kTenLineQuote, std::nullopt);
    if (!parsed.request) fail("the ten-line quote request does not parse");
    return std::move(*parsed.request);
}

}  // namespace

Date scenario_as_of() { return *Date::parse("2026-11-26"); }

std::string read_text_file(const std::string& path) {
    // Sized up front and read in one go: the 1M-unit file (95 MB) is held once, as the page holds
    // an uploaded file, not again in a stream buffer (which would inflate the memory figures).
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) fail("cannot read " + path);
    std::string text(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) fail("cannot read " + path);
    return text;
}

std::vector<CatalogSource> read_catalog_sources(const std::string& catalog_dir) {
    std::vector<CatalogSource> sources;
    for (std::string_view name : kCatalogFiles)
        sources.push_back({std::string(name), read_text_file(catalog_dir + "/" + std::string(name))});
    return sources;
}

DeviceScenarios::DeviceScenarios(const std::string& catalog_dir)
    : sources_(read_catalog_sources(catalog_dir)),
      catalog_(load_or_fail(sources_)),
      thinkpad_(resolve_thinkpad(catalog_)),
      quote_request_(parse_ten_line_quote()) {
    // Units of the benchmark ThinkPad's class as a configuration is edited: ship dates over five
    // years, sometimes a proof of purchase, an earlier extension or services held, a quantity.
    std::mt19937 random(7);
    const OfferKind held[] = {OfferKind::Extension, OfferKind::Adp, OfferKind::Kyd, OfferKind::Premier};
    for (int i = 0; i < 64; ++i) {
        DeviceInput input = thinkpad_.input;
        input.ship_date = scenario_as_of().plus_days(-static_cast<int>(random() % (5 * 365)));
        if (random() % 3 == 0) input.purchase_date = input.ship_date.plus_days(static_cast<int>(random() % 90));
        if (random() % 4 == 0) input.coverage_end = input.ship_date.plus_days(static_cast<int>(365 + random() % 1000));
        for (OfferKind kind : held)
            if (random() % 5 == 0) input.services_held.push_back(kind);
        const int quantities[] = {1, 1, 5, 120};
        input.quantity = quantities[random() % 4];
        if (!resolve_device(catalog_, input).facts) fail("a unit of the benchmark ThinkPad does not resolve");
        thinkpad_units_.push_back(one_device_configuration(input));
    }
    thinkpad_configuration_ = one_device_configuration(thinkpad_.input);
    // The timeline of a partner who picked the first four eligible offers.
    for (const Offer& offer : evaluate_offers(catalog_, thinkpad_, scenario_as_of()))
        if (offer.status == OfferStatus::Eligible && timeline_selection_.size() < 4)
            timeline_selection_.push_back(offer);
}

std::size_t DeviceScenarios::run_load_catalog() const {
    const CatalogLoadResult loaded = load_catalog(sources_);
    return loaded.catalog ? loaded.catalog->offerings.size() : 0;
}

// What the issue's budget counts: every offer's status, window and price, asked as the configurator
// asks it (evaluate_configuration of one device, offers only: no recommendations or timeline) and
// without words, which the page builds for the rows it draws (explain_offer). Warm: the device
// class is known (built by an earlier call) and each call brings another unit of it (ship and
// purchase dates, coverage, services held, quantity), as a partner editing a configuration does;
// so no call repeats the one before it.
std::size_t DeviceScenarios::run_eligibility_one_device() const {
    const Configuration& configuration = thinkpad_units_[next_unit_++ % thinkpad_units_.size()];
    return evaluate_configuration(catalog_, configuration, kOffersWithoutWords).devices[0].offers.size();
}

// Cold: a device class met for the first time, so its plan (the product-only verdicts and the
// prices of every offer) is built in the call, then the unit's part as above.
std::size_t DeviceScenarios::run_eligibility_one_device_cold() const {
    catalog_.compiled_offers.clear();
    const Configuration& configuration = thinkpad_units_[next_unit_++ % thinkpad_units_.size()];
    return evaluate_configuration(catalog_, configuration, kOffersWithoutWords).devices[0].offers.size();
}

// The same evaluation with every offer's reasons in words and each refused offer's fix checked:
// what the configurator did on each change before it left the words to the rows shown.
std::size_t DeviceScenarios::run_eligibility_one_device_words() const {
    return evaluate_configuration(catalog_, thinkpad_configuration_, kOffersWithWords).devices[0].offers.size();
}

std::size_t DeviceScenarios::run_quote_ten_lines() const { return build_quote(catalog_, quote_request_).lines.size(); }

std::size_t DeviceScenarios::run_timeline() const {
    return build_timeline(catalog_, thinkpad_, scenario_as_of(), timeline_selection_).segments.size();
}

std::string generated_fleet_path(const std::string& fleet_dir, std::size_t units) {
    return fleet_dir + "/fleet-" + std::to_string(units) + ".csv";
}

std::string synthetic_fleet_csv(const Catalog& catalog, std::size_t units) {
    std::mt19937 random(42);
    const Date as_of = scenario_as_of();
    std::string csv = "serial,mtm,ship_date,channel,customer\n";
    const auto& types = catalog.machine_types;
    for (std::size_t i = 0; i < units; ++i) {
        const Date ship = as_of.plus_days(-static_cast<int>(random() % (6 * 365)));
        csv += "S" + std::to_string(i) + "," + types[random() % types.size()].mt + "," + ship.to_string() + "," +
               (random() % 3 == 0 ? "distributor" : "direct") + ",Customer " + std::to_string(random() % 300) + "\n";
    }
    return csv;
}

FleetRun run_fleet(const Catalog& catalog, std::string_view csv) {
    const FleetParse parsed = parse_fleet_csv(csv);
    if (parsed.fatal) fail("the fleet CSV was refused as a whole");
    const FleetResult result = evaluate_fleet(catalog, parsed, scenario_as_of());
    return {result.summary.units, result.errors.size()};
}

}  // namespace apos::bench
