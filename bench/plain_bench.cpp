// Plain benchmark harness, built natively and with em++ (Google Benchmark has no Emscripten
// build): times the shared scenarios, takes the median of repeated runs and prints one JSON
// line per scenario, so bench/run.sh can put WASM and native side by side.
//
//   apos_bench_plain [--catalog DIR] [--repeats N]                  the single-device scenarios
//   apos_bench_plain --fleet N [--fleet-dir DIR] [--repeats N]      parse + evaluate fleet-N.csv
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "probe.hpp"
#include "scenarios.hpp"

namespace {

using apos::bench::DeviceScenarios;

struct Options {
    std::string catalog_dir = APOS_CATALOG_DIR;
    std::string fleet_dir = APOS_BENCH_FLEET_DIR;
    std::size_t fleet_units = 0;  // 0: the single-device scenarios
    int repeats = 0;              // 0: the scenario's default
};

[[noreturn]] void usage_error(const std::string& message) {
    std::fprintf(stderr, "apos_bench_plain: %s\n(usage: see the top of bench/plain_bench.cpp)\n", message.c_str());
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--catalog") options.catalog_dir = value();
        else if (arg == "--fleet-dir") options.fleet_dir = value();
        else if (arg == "--fleet")
            options.fleet_units = static_cast<std::size_t>(std::strtoull(value().c_str(), nullptr, 10));
        else if (arg == "--repeats") options.repeats = std::atoi(value().c_str());
        else usage_error("unknown option " + arg);
    }
    return options;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

struct Timing {
    std::vector<double> wall_us;
    std::vector<double> cpu_us;
};

template <typename Work>
Timing time_runs(int runs, Work&& work) {
    Timing timing;
    for (int run = 0; run < runs; ++run) {
        const double wall_start = apos::bench::wall_us();
        const double cpu_start = apos::bench::process_cpu_us();
        work();
        timing.cpu_us.push_back(apos::bench::process_cpu_us() - cpu_start);
        timing.wall_us.push_back(apos::bench::wall_us() - wall_start);
    }
    return timing;
}

// Short calls are timed in batches of ~20 ms (clock resolution, and under Node the JIT's tier-up
// happens during the warm-up batch rather than inside a measured one).
template <typename Call>
void run_device_scenario(const char* name, int runs, Call&& call) {
    volatile std::size_t sink = call();  // the first call pays for cold caches: not used to size batches
    const double probe_start = apos::bench::wall_us();
    sink = sink + call();
    const double one_call_us = std::max(apos::bench::wall_us() - probe_start, 0.05);
    const int calls_per_run = std::clamp(static_cast<int>(20'000.0 / one_call_us), 1, 100'000);
    auto batch = [&] {
        for (int i = 0; i < calls_per_run; ++i) sink = sink + call();
    };
    batch();  // warm-up
    const Timing timing = time_runs(runs, batch);
    std::printf(
        "{\"harness\":\"plain\",\"platform\":\"%s\",\"scenario\":\"%s\",\"runs\":%d,\"calls_per_run\":%d,"
        "\"median_wall_us\":%.3f,\"median_cpu_us\":%.3f,\"min_wall_us\":%.3f}\n",
        apos::bench::platform_name(), name, runs, calls_per_run, median(timing.wall_us) / calls_per_run,
        median(timing.cpu_us) / calls_per_run,
        *std::min_element(timing.wall_us.begin(), timing.wall_us.end()) / calls_per_run);
    std::fflush(stdout);
}

void run_device_scenarios(const Options& options) {
    const DeviceScenarios scenarios(options.catalog_dir);
    const int runs = options.repeats > 0 ? options.repeats : 15;
    run_device_scenario("load_catalog", runs, [&] { return scenarios.run_load_catalog(); });
    run_device_scenario("eligibility_one_device", runs, [&] { return scenarios.run_eligibility_one_device(); });
    run_device_scenario("eligibility_one_device_cold", runs,
                        [&] { return scenarios.run_eligibility_one_device_cold(); });
    run_device_scenario("eligibility_one_device_words", runs,
                        [&] { return scenarios.run_eligibility_one_device_words(); });
    run_device_scenario("quote_ten_lines", runs, [&] { return scenarios.run_quote_ten_lines(); });
    run_device_scenario("timeline", runs, [&] { return scenarios.run_timeline(); });
}

void run_fleet_scenario(const Options& options) {
    apos::bench::reset_memory_peak();
    const DeviceScenarios scenarios(options.catalog_dir);
    const std::string csv =
        apos::bench::read_text_file(apos::bench::generated_fleet_path(options.fleet_dir, options.fleet_units));
    const int runs = options.repeats > 0 ? options.repeats : 3;
    apos::bench::FleetRun last;
    const Timing timing = time_runs(runs, [&] { last = apos::bench::run_fleet(scenarios.catalog(), csv); });
    const apos::bench::MemoryPeak memory = apos::bench::memory_peak();
    const double median_wall_us = median(timing.wall_us);
    const double median_cpu_us = median(timing.cpu_us);
    std::printf(
        "{\"harness\":\"plain\",\"platform\":\"%s\",\"scenario\":\"fleet_generated\",\"rows\":%zu,\"runs\":%d,"
        "\"median_wall_ms\":%.3f,\"median_cpu_ms\":%.3f,\"rows_per_wall_s\":%.0f,\"rows_per_cpu_s\":%.0f,"
        "\"units\":%lld,\"errors\":%zu,"
        "\"csv_mb\":%.1f,\"memory_mb\":%.1f,\"memory_kind\":\"%s\"}\n",
        apos::bench::platform_name(), options.fleet_units, runs, median_wall_us / 1e3, median_cpu_us / 1e3,
        static_cast<double>(options.fleet_units) / (median_wall_us / 1e6),
        static_cast<double>(options.fleet_units) / (median_cpu_us / 1e6), static_cast<long long>(last.units),
        last.errors, static_cast<double>(csv.size()) / 1e6, memory.megabytes, memory.kind);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    apos::bench::report_out_of_memory();
    if (options.fleet_units > 0) run_fleet_scenario(options);
    else run_device_scenarios(options);
    return 0;
}
