// Core benchmarks: what a partner waits for on each click (eligibility, quote, timeline)
// and on loading (catalog, fleets). Figures go to bench/results.json through bench/run.sh.
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <sstream>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"
#include "apos/timeline.hpp"

namespace {

std::vector<apos::CatalogSource> catalog_sources() {
    std::vector<apos::CatalogSource> sources;
    for (std::string_view name : apos::kCatalogFiles) {
        std::ifstream in(std::string(APOS_CATALOG_DIR) + "/" + std::string(name));
        std::ostringstream text;
        text << in.rdbuf();
        sources.push_back({std::string(name), text.str()});
    }
    return sources;
}

const apos::Catalog& catalog() {
    static const apos::Catalog c = *apos::load_catalog(catalog_sources()).catalog;
    return c;
}

apos::DeviceFacts thinkpad() {
    apos::DeviceInput input;
    input.mtm = "21JKCTO1WW";
    input.serial = "PF4ABC12";
    input.ship_date = *apos::Date::parse("2026-09-01");
    return *apos::resolve_device(catalog(), input).facts;
}

const apos::Date kAsOf = *apos::Date::parse("2026-11-26");

void BM_LoadCatalog(benchmark::State& state) {
    const auto sources = catalog_sources();
    for (auto _ : state) benchmark::DoNotOptimize(apos::load_catalog(sources));
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMicrosecond);

void BM_EligibilityOneDevice(benchmark::State& state) {
    const apos::DeviceFacts device = thinkpad();
    std::size_t offers = 0;
    for (auto _ : state) {
        auto result = apos::evaluate_offers(catalog(), device, kAsOf);
        offers = result.size();
        benchmark::DoNotOptimize(result);
    }
    state.counters["offers"] = static_cast<double>(offers);
}
BENCHMARK(BM_EligibilityOneDevice)->Unit(benchmark::kMicrosecond);

void BM_QuoteTenLines(benchmark::State& state) {
    const char* text = R"({"as_of": "2026-11-26", "customer": {"new_customer": true, "programs": ["NCB"]}, "items": [
      {"device": {"mtm": "21JK", "ship_date": "2026-10-01", "quantity": 20}, "hardware": true,
       "services": [{"kind": "extension", "term_years": 3}, {"id": "adp", "term_years": 3}, {"id": "kyd", "term_years": 3}, {"id": "sbty", "term_years": 3}]},
      {"device": {"mtm": "30FM", "ship_date": "2026-10-01", "quantity": 5}, "hardware": true,
       "services": [{"id": "upg-onsite-4h-95", "term_years": 3}, {"id": "premier", "term_years": 3}, {"id": "kyd", "term_years": 3}, {"id": "ticru", "term_years": 3}]}]})";
    const apos::QuoteRequest request = *apos::parse_quote_request(text, std::nullopt).request;
    for (auto _ : state) benchmark::DoNotOptimize(apos::build_quote(catalog(), request));
}
BENCHMARK(BM_QuoteTenLines)->Unit(benchmark::kMicrosecond);

void BM_Timeline(benchmark::State& state) {
    const apos::DeviceFacts device = thinkpad();
    const auto offers = apos::evaluate_offers(catalog(), device, kAsOf);
    std::vector<apos::Offer> selected;
    for (const auto& o : offers)
        if (o.status == apos::OfferStatus::Eligible && selected.size() < 4) selected.push_back(o);
    for (auto _ : state) benchmark::DoNotOptimize(apos::build_timeline(catalog(), device, kAsOf, selected));
}
BENCHMARK(BM_Timeline)->Unit(benchmark::kMicrosecond);

// A synthetic fleet in memory: machine types round-robin, ship dates over six years.
std::string synthetic_fleet(std::size_t units) {
    std::mt19937 random(42);
    std::string csv = "serial,mtm,ship_date,channel,customer\n";
    const auto& types = catalog().machine_types;
    for (std::size_t i = 0; i < units; ++i) {
        const apos::Date ship = kAsOf.plus_days(-static_cast<int>(random() % (6 * 365)));
        csv += "S" + std::to_string(i) + "," + types[random() % types.size()].mt + "," + ship.to_string() + "," +
               (random() % 3 == 0 ? "distributor" : "direct") + ",Customer " + std::to_string(random() % 300) + "\n";
    }
    return csv;
}

void BM_Fleet(benchmark::State& state) {
    const std::string csv = synthetic_fleet(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        const apos::FleetParse parsed = apos::parse_fleet_csv(csv);
        benchmark::DoNotOptimize(apos::evaluate_fleet(catalog(), parsed, kAsOf));
    }
    state.counters["units_per_s"] = benchmark::Counter(static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Fleet)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
