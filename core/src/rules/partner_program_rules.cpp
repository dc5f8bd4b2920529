// Partner programs as registry entries: their rates and thresholds are catalog data
// (catalog/programs.json) applied by programs.cpp, so they are listed here without a check.
#include "apos/rules.hpp"

namespace apos {

void register_partner_program_rules(std::vector<Rule>& rules) {
    rules.push_back({"NCB",
                     "P:5-9, 19-28, 43, 51",
                     "New customer bonus for a nominated new customer: 5% on client systems and services, 10% on "
                     "server, storage and "
                     "enterprise lines; up to 35 nominations a week; a back-end rebate gives up the upfront discount; "
                     "partners in the "
                     "US and Canada only.",
                     {},
                     nullptr});
    rules.push_back(
        {"DEAL-REG",
         "P:7-9, 56-65",
         "Registered deal with a Lenovo rep engaged: 5% on client systems and services, 8% on server, storage and "
         "enterprise lines; a deal earns this or NCB, not both; partners in the US and Canada only.",
         {},
         nullptr});
    rules.push_back(
        {"REBATE",
         "P:85-96, 104",
         "Reseller rebate, no registration: 1.5% on topseller products up to $649, 2.5% from $650, 2.5% on DCG "
         "systems, options and storage, 5% on topseller PC services and DCG services.",
         {},
         nullptr});
    rules.push_back(
        {"VOL-DISC",
         "P:164-179, 196",
         "4% off topseller systems, options, services and visuals bought 5 or more at a time, counted per category "
         "(up to 1,000 units; 99,999 for the B series, N21, Miix, Flex, V and Tab3 list).",
         {},
         nullptr});
    rules.push_back(
        {"SPIFF",
         "P:204-218, 225-231, 286",
         "Per-unit incentive for a registered SMB Partner Advantage sales rep on topseller systems and their services "
         "($150 a server, $20 a service in the worked example), at most $10,000 per rep per quarter.",
         {},
         nullptr});
    rules.push_back(
        {"PDP",
         "P:125-141",
         "Demo units each quarter: 1 to 4 topseller client systems at 35% off, by the previous quarter's purchases; "
         "DCG units at 50% off, capped at $15K per partner.",
         {},
         nullptr});
    rules.push_back(
        {"STACK",
         "P:275-290",
         "The programs add up on one quote: the worked server example earns $2,028 on a $10,885 partner price, an "
         "18.6% margin.",
         {},
         nullptr});
}

}  // namespace apos
