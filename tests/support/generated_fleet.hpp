// Test helper: a deterministic fleet CSV (rows apart, so slices can be cut on row boundaries)
// that exercises every input column, shared by the summary and round-trip tests.
#pragma once

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "test_catalog.hpp"

namespace apos::test {

inline const char* const kGeneratedFleetHeader =
    "serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,customer,quantity,notes\n";

// A deterministic fleet as separate rows (so that slices are cut on row boundaries), with every
// machine type of the sample catalog, ship dates over six years, a few hundred customers, units
// that repeat, a quoted note that spans lines, and bad rows of several kinds. Rows 600..619 are
// all bad, so a slice can hold nothing else.
inline std::vector<std::string> generated_rows(int count, Date as_of = date("2026-11-26")) {
    const Catalog& catalog = sample_catalog();
    std::uint64_t state = 0x2545F4914F6CDD1Dull;
    auto next = [&state](std::uint64_t below) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % below;
    };
    const char* channels[] = {"direct", "distributor"};
    const char* countries[] = {"US", "US", "US", "CA", "GB", "DE"};
    const char* services[] = {"", "", "", "adp", "extension", "kyd;adp"};
    std::vector<std::string> rows;
    for (int i = 0; i < count; ++i) {
        std::ostringstream row;
        const MachineType& mt = catalog.machine_types[next(catalog.machine_types.size())];
        const Date ship = as_of.plus_days(-static_cast<std::int32_t>(next(6 * 365)));
        const bool bad_block = i >= 600 && i < 620;
        const std::uint64_t kind = bad_block ? 1 + next(3) : next(40);
        row << "S" << i << ",";
        if (kind == 2) row << "ZZ99";
        else row << mt.mt;
        row << "," << (kind == 1 ? std::string("2025-02-30") : ship.to_string()) << ",";
        if (next(4) == 0) row << ship.plus_days(10).to_string();
        row << "," << channels[next(2)] << ",new," << countries[next(6)] << ",";
        if (next(8) == 0) row << ship.plus_years(4).to_string();
        row << "," << services[next(6)] << ",Customer " << next(300) << "," << (kind == 3 ? "-2" : "1") << ","
            << (i % 97 == 5 ? "\"first line\nsecond line, with a comma\"" : "plain") << "\n";
        rows.push_back(row.str());
        // A duplicate serial next to its first row (in the same slice as it in every split below).
        if (i % 211 == 7) rows.push_back(rows.back());
    }
    return rows;
}

// The same rows under the header, as one file.
inline std::string generated_fleet_text(int count) {
    std::string text = kGeneratedFleetHeader;
    for (const std::string& row : generated_rows(count)) text += row;
    return text;
}

}  // namespace apos::test
