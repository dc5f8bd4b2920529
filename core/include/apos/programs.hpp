// The generic partner-program engine: applies the catalog's program table (NCB, DEAL-REG,
// REBATE, VOL-DISC, SPIFF, PDP) to priced lines. Programs stack (STACK).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "apos/catalog.hpp"

namespace apos {

// A line as the programs see it: what it is, which device it is for, what it costs. The
// program table's filters select lines by these facts.
struct ProgramLine {
    LineGroup group = LineGroup::ClientService;
    std::size_t item = 0;        // quote item: the lines of one item cover the same devices
    Brand brand = Brand::Think;  // of the device the line is (or is for)
    std::string series;          // of that device, e.g. "ThinkPad E"
    Category category = Category::Notebook;
    bool topseller = false;
    std::int64_t units = 0;
    Money unit_partner_price;
    Money partner_price;  // unit_partner_price x units, rounded once for the line
};

// The program line of a quote line: hardware lines are LineGroup::ClientSystem, service lines
// LineGroup::ClientService (DcgSystem and DcgService for a server); `type` is the device's machine type and `item` its
// quote item.
ProgramLine make_program_line(const MachineType& type, LineGroup group, std::size_t item, std::int64_t units,
                              Money unit_partner_price, Money partner_price);

// The largest previous-quarter purchase amount a request may state, in minor units (10 billion).
inline constexpr std::int64_t kMaxPurchasesMinor = 1'000'000'000'000LL;

struct CustomerPrograms {
    bool new_customer = false;
    // Rule IDs the partner registered for: "NCB", "DEAL-REG", "PDP", and "SPIFF" when the partner's
    // rep is an authorised SMB Partner Advantage rep registered for the SPIFF program.
    std::vector<std::string> opted_in;
    // PDP: the partner's purchases from distribution in the previous quarter, in minor units.
    // Absent means a newly authorised partner, which the program tables give their
    // "without_purchases" allocation (one client demo unit in the sample tables).
    std::optional<std::int64_t> previous_quarter_purchases_minor;
    // The partner's country: some programs serve partners in listed countries only (last, so
    // brace-initialised values keep their places).
    std::string partner_country = "US";
};

struct ProgramAmount {
    std::string rule;
    std::string name;
    std::string basis;   // "partner_price" | "units"
    Money basis_amount;  // sum of partner prices, or units expressed as count in `units`
    std::int64_t units = 0;
    BasisPoints rate;  // when basis is partner_price
    Money per_unit;    // when basis is units
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

// How many units a component's allocation grants for the customer's stated purchases.
std::int64_t allocated_units(const UnitAllocation& allocation, const CustomerPrograms& customer);

ProgramResult apply_programs(const ProgramTable& table, const std::vector<ProgramLine>& lines,
                             const CustomerPrograms& customer, const Currency& currency);

}  // namespace apos
