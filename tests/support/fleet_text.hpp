// Test helper: a parsed fleet as one line of text (rows by line and serial, then errors), so a
// failed assertion shows what the reader made of the file.
#pragma once

#include <sstream>
#include <string>

#include "apos/fleet.hpp"

namespace apos::test {

inline std::string describe(const FleetParse& p) {
    std::ostringstream out;
    out << (p.fatal ? "FATAL " : "") << p.rows.size() << " rows [";
    for (const FleetRow& r : p.rows) out << " " << r.line << ":" << r.device.serial;
    out << " ] errors [";
    for (const FleetRowError& e : p.errors) out << " {" << e.line << " " << e.column << " " << e.message << "}";
    out << " ]";
    return out.str();
}

}  // namespace apos::test
