// Core benchmarks: what a partner waits for on each click (eligibility, quote, timeline)
// and on loading (catalog, fleets). Figures go to bench/results.json through bench/run.sh.
//
// Besides Google Benchmark's own flags:
//   --fleet_dir=DIR   where fleet-N.csv files are (default: the build's fleets/ folder)
//   --fleet_1m        also run the 1,000,000-unit fleet (needs fleet-1000000.csv: on demand only)
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "probe.hpp"
#include "scenarios.hpp"

namespace {

using apos::bench::DeviceScenarios;

std::string g_fleet_dir = APOS_BENCH_FLEET_DIR;

const DeviceScenarios& scenarios() {
    static const DeviceScenarios s(APOS_CATALOG_DIR);
    return s;
}

void BM_LoadCatalog(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(scenarios().run_load_catalog());
}
BENCHMARK(BM_LoadCatalog)->Unit(benchmark::kMicrosecond);

void BM_EligibilityOneDevice(benchmark::State& state) {
    std::size_t offers = 0;
    for (auto _ : state) {
        offers = scenarios().run_eligibility_one_device();
        benchmark::DoNotOptimize(offers);
    }
    state.counters["offers"] = static_cast<double>(offers);
}
BENCHMARK(BM_EligibilityOneDevice)->Unit(benchmark::kMicrosecond);

void BM_EligibilityOneDeviceCold(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(scenarios().run_eligibility_one_device_cold());
}
BENCHMARK(BM_EligibilityOneDeviceCold)->Unit(benchmark::kMicrosecond);

void BM_EligibilityOneDeviceWords(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(scenarios().run_eligibility_one_device_words());
}
BENCHMARK(BM_EligibilityOneDeviceWords)->Unit(benchmark::kMicrosecond);

void BM_QuoteTenLines(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(scenarios().run_quote_ten_lines());
}
BENCHMARK(BM_QuoteTenLines)->Unit(benchmark::kMicrosecond);

void BM_Timeline(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(scenarios().run_timeline());
}
BENCHMARK(BM_Timeline)->Unit(benchmark::kMicrosecond);

// The original in-memory fleet (kept so its figure can be followed over time).
void BM_Fleet(benchmark::State& state) {
    const std::string csv =
        apos::bench::synthetic_fleet_csv(scenarios().catalog(), static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(apos::bench::run_fleet(scenarios().catalog(), csv));
    state.counters["units_per_s"] = benchmark::Counter(
        static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Fleet)->Arg(10'000)->Unit(benchmark::kMillisecond);

// tools/generate_fleet.py's fleets (realistic mix, 1% bad rows): parse + evaluate per iteration.
// Peak RSS is reset first, so it covers this size alone: catalog, CSV text, parse and result.
void BM_FleetGenerated(benchmark::State& state) {
    const auto rows = static_cast<std::size_t>(state.range(0));
    apos::bench::reset_memory_peak();
    const std::string csv = apos::bench::read_text_file(apos::bench::generated_fleet_path(g_fleet_dir, rows));
    apos::bench::FleetRun run;
    for (auto _ : state) {
        run = apos::bench::run_fleet(scenarios().catalog(), csv);
        benchmark::DoNotOptimize(run);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
    state.counters["units_evaluated"] = static_cast<double>(run.units);
    state.counters["row_errors"] = static_cast<double>(run.errors);
    state.counters["peak_rss_MB"] = apos::bench::memory_peak().megabytes;
}
BENCHMARK(BM_FleetGenerated)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// Takes our two flags out of argv before Google Benchmark sees (and refuses) them.
bool take_own_flags(int& argc, char** argv) {
    bool fleet_1m = false;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--fleet_dir=", 12) == 0) g_fleet_dir = argv[i] + 12;
        else if (std::strcmp(argv[i], "--fleet_1m") == 0) fleet_1m = true;
        else argv[kept++] = argv[i];
    }
    argc = kept;
    return fleet_1m;
}

}  // namespace

int main(int argc, char** argv) {
    if (take_own_flags(argc, argv))
        benchmark::RegisterBenchmark("BM_FleetGenerated", BM_FleetGenerated)
            ->Arg(1'000'000)
            ->Unit(benchmark::kMillisecond);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    scenarios();  // the catalog loads once, outside every timing
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
