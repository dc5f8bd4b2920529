// The generic partner-program engine: applies the catalog's program table (NCB, DEAL-REG,
// REBATE, VOL-DISC, SPIFF, PDP) to priced lines. Programs stack (STACK).
#pragma once

#include <string>
#include <vector>

#include "apos/catalog.hpp"

namespace apos {

// A line as the programs see it.
struct ProgramLine {
    LineGroup group = LineGroup::ClientService;
    bool topseller = false;
    std::int64_t units = 0;
    Money unit_partner_price;
    Money partner_price;  // unit_partner_price x units
};

struct CustomerPrograms {
    bool new_customer = false;
    std::vector<std::string> opted_in;  // rule IDs the partner registered the deal for: "NCB", "DEAL-REG", "PDP"
};

struct ProgramAmount {
    std::string rule;
    std::string name;
    std::string basis;     // "partner_price" | "units"
    Money basis_amount;    // sum of partner prices, or units expressed as count in `units`
    std::int64_t units = 0;
    BasisPoints rate;      // when basis is partner_price
    Money per_unit;        // when basis is units
    Money amount;
    bool capped = false;
    std::string note;
};

struct ProgramResult {
    std::string table_id;  // which program table was used
    std::vector<ProgramAmount> amounts;
    std::vector<std::string> notices;  // e.g. "NCB and DEAL-REG do not combine; DEAL-REG dropped"
    Money total;
};

ProgramResult apply_programs(const ProgramTable& table, const std::vector<ProgramLine>& lines,
                             const CustomerPrograms& customer, const Currency& currency);

}  // namespace apos
