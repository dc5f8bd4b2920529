// The core scenarios every benchmark harness times: Google Benchmark natively (core_bench.cpp)
// and the plain harness built both natively and with em++ (plain_bench.cpp), so the WASM/native
// ratio compares the very same work.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/date.hpp"
#include "apos/device.hpp"
#include "apos/offers.hpp"
#include "apos/quote.hpp"

namespace apos::bench {

// The planning date of every scenario (the fleets are generated around it too).
Date scenario_as_of();

std::string read_text_file(const std::string& path);
std::vector<CatalogSource> read_catalog_sources(const std::string& catalog_dir);

// Setup shared by the single-device scenarios; each run_* returns a number derived from the
// result so that no compiler can drop the work.
class DeviceScenarios {
public:
    explicit DeviceScenarios(const std::string& catalog_dir);

    std::size_t run_load_catalog() const;
    // evaluate_configuration of one device, offers only: every offer's status, window and price
    std::size_t run_eligibility_one_device() const;        // without words, device class known
    std::size_t run_eligibility_one_device_cold() const;   // the same for a class met the first time
    std::size_t run_eligibility_one_device_words() const;  // with every reason in words and the fixes
    std::size_t run_quote_ten_lines() const;
    std::size_t run_timeline() const;

    const Catalog& catalog() const { return catalog_; }

private:
    std::vector<CatalogSource> sources_;
    Catalog catalog_;
    DeviceFacts thinkpad_;
    std::vector<QuoteRequest> thinkpad_units_;  // one-device configurations of the ThinkPad's class, dates
                                                // and services held varied
    mutable std::size_t next_unit_ = 0;         // the unit the next call evaluates
    QuoteRequest thinkpad_configuration_;       // the ThinkPad alone, for the words scenario
    QuoteRequest quote_request_;
    std::vector<Offer> timeline_selection_;
};

// The file tools/generate_fleet.py writes for `units` rows (seed 1, 1% bad rows); the build
// makes 10k and 100k, the 1M file only on demand.
std::string generated_fleet_path(const std::string& fleet_dir, std::size_t units);

// A small fleet made in memory (round-robin types, ship dates over six years): the original
// BM_Fleet input, kept so its figures stay comparable over time.
std::string synthetic_fleet_csv(const Catalog& catalog, std::size_t units);

struct FleetRun {
    std::int64_t units = 0;  // units evaluated (summary.units)
    std::size_t errors = 0;  // problems reported (bad dates, unknown types, duplicate serials)
};

// Parse + evaluate, as the page and the CLI do for an uploaded file.
FleetRun run_fleet(const Catalog& catalog, std::string_view csv);

}  // namespace apos::bench
