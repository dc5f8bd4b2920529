// Test helpers for fleet files: a test data file's bytes, and a parsed fleet as one line of text
// (rows by line and serial, then errors), so a failed assertion shows what the reader made of it.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "apos/fleet.hpp"

namespace apos::test {

// The bytes of a file in tests/data/imports/ (empty when it is missing: the test then fails on it).
inline std::string read_data(const std::string& name) {
    std::ifstream in(std::string(APOS_TEST_DATA_DIR) + "/imports/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every row of a parse, unpacked (FleetRows has no iterator: its rows are copies).
inline std::vector<FleetRow> all_rows(const FleetParse& p) {
    std::vector<FleetRow> rows(p.rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) p.rows.get(i, rows[i]);
    return rows;
}

inline std::string describe(const FleetParse& p) {
    std::ostringstream out;
    out << (p.fatal ? "FATAL " : "") << p.rows.size() << " rows [";
    for (const FleetRow& r : all_rows(p)) out << " " << r.line << ":" << r.device.serial;
    out << " ] errors [";
    for (const FleetRowError& e : p.errors) out << " {" << e.line << " " << e.column << " " << e.message << "}";
    out << " ]";
    return out.str();
}

}  // namespace apos::test
