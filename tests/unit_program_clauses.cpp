// Every clause of the partner program letters (P:<line>) as one named test row: the lines of a
// quote, the customer, and the amount in cents the clause says the program pays. Each row runs
// against both program tables of the sample catalog, which must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "apos/programs.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Currency kUsd = *Currency::from_code("USD");

// Devices the sample catalog does not hold, for the letters' server, storage and named-model
// clauses. The catalog has no server category; DCG filters select by line group only.
MachineType test_type(const char* mt, const char* name, Brand brand, const char* series, Category category, bool topseller) {
    MachineType t;
    t.mt = mt;
    t.name = name;
    t.brand = brand;
    t.series = series;
    t.category = category;
    t.topseller = topseller;
    return t;
}

const std::map<std::string, MachineType>& extra_types() {
    static const std::map<std::string, MachineType> types = {
        {"8871", test_type("8871", "System x3650 M5 (topseller)", Brand::Think, "System x", Category::Desktop, true)},
        {"5462", test_type("5462", "System x3550 M5 (not topseller)", Brand::Think, "System x", Category::Desktop, false)},
        {"6535", test_type("6535", "Storage V3700 V2", Brand::Think, "Storwize", Category::Desktop, false)},
        {"V130", test_type("V130", "Lenovo V130-15IKB (topseller)", Brand::Lenovo, "Lenovo V130", Category::Notebook, true)},
        {"V13X", test_type("V13X", "Lenovo V130-14IKB (not topseller)", Brand::Lenovo, "Lenovo V130", Category::Notebook, false)},
        {"N21C", test_type("N21C", "Lenovo N21 Chromebook (topseller)", Brand::Chromebook, "Chromebook N21", Category::Chromebook, true)},
        {"VXL1", test_type("VXL1", "VXL Itona thin client", Brand::Lenovo, "VXL Itona", Category::Desktop, false)},
    };
    return types;
}

const MachineType& type_of(const std::string& mt) {
    if (const MachineType* t = test::sample_catalog().find_machine_type(mt)) return *t;
    const auto it = extra_types().find(mt);
    if (it == extra_types().end()) throw std::runtime_error("no machine type " + mt + " in the sample catalog or the test's list");
    return it->second;
}

// One quote line: the device's machine type, the line group, the quote item, units and the unit
// partner price; `total_minor` overrides units x unit price where the quote rounded the line.
struct LineSpec {
    std::string mt;
    LineGroup group;
    std::size_t item;
    std::int64_t units;
    std::int64_t unit_minor;
    std::int64_t total_minor = 0;
};

struct ClauseRow {
    const char* name;    // the test's name
    const char* source;  // letter lines, "P:<line>"
    const char* clause;  // the clause in our words
    std::vector<LineSpec> lines;
    CustomerPrograms customer;
    const char* rule;            // program whose amounts are summed; "" = the whole result
    const char* component;       // part of the component name; "" = every component of the rule
    std::int64_t expected_minor;
    std::int64_t expected_units = -1;  // units the matching amounts count; -1 = not checked
    const char* note_has = "";         // text the matching amounts' notes must hold
};

std::ostream& operator<<(std::ostream& out, const ClauseRow& r) {
    out << r.name << " [" << r.source << "] " << r.clause << "; " << r.rule << (r.component[0] ? "/" : "") << r.component
        << " expected " << r.expected_minor << " cents; lines:";
    for (const LineSpec& l : r.lines)
        out << " {" << l.mt << " " << to_string(l.group) << " item " << l.item << " " << l.units << " x " << l.unit_minor << "}";
    out << "; customer new=" << r.customer.new_customer << " programs=";
    for (const std::string& p : r.customer.opted_in) out << p << ",";
    if (r.customer.previous_quarter_purchases_minor) out << " purchases=" << *r.customer.previous_quarter_purchases_minor;
    return out;
}

CustomerPrograms opted(std::vector<std::string> programs, bool new_customer = false,
                       std::optional<std::int64_t> purchases = std::nullopt) {
    return CustomerPrograms{new_customer, std::move(programs), purchases};
}
const CustomerPrograms kNone{};
const CustomerPrograms kNcb = opted({"NCB"}, true);
const CustomerPrograms kDealReg = opted({"DEAL-REG"});
CustomerPrograms pdp(std::optional<std::int64_t> purchases) { return opted({"PDP"}, false, purchases); }

constexpr LineGroup kSys = LineGroup::ClientSystem;
constexpr LineGroup kSvc = LineGroup::ClientService;
constexpr LineGroup kOpt = LineGroup::ClientOption;
constexpr LineGroup kDcgSys = LineGroup::DcgSystem;
constexpr LineGroup kDcgOpt = LineGroup::DcgOption;
constexpr LineGroup kDcgSvc = LineGroup::DcgService;
constexpr LineGroup kStorage = LineGroup::Storage;

// Sample machine types used below: 21HD ThinkPad T14 (topseller), 20BU ThinkPad T450 (not),
// 12NA ThinkCentre Tiny-in-One monitor (topseller visual), 12DL ThinkCentre M70t (topseller),
// 82R1 IdeaPad 1 (topseller), 80QQ IdeaPad 100 (not), 83A1 Lenovo V15 (topseller),
// 82YT Lenovo V14 (not), 80YS N23 Chromebook (topseller), 21JN ThinkPad E16 (topseller).
const std::vector<ClauseRow>& rows() {
    static const std::vector<ClauseRow> table = {
        // ---- NCB: 5% client group, 10% DCG group, new customers the partner nominated ----
        {"Ncb_ThinkNonTopsellerNotebook_5pct", "P:26, 46", "commercial (Think) notebooks qualify, topseller or not",
         {{"20BU", kSys, 0, 2, 100'000}}, kNcb, "NCB", "client", 10'000},
        {"Ncb_TopsellerIdeaPadSystem_5pct", "P:26, 46", "topseller consumer notebooks qualify",
         {{"82R1", kSys, 0, 1, 40'000}}, kNcb, "NCB", "client", 2'000},
        {"Ncb_NonTopsellerIdeaPadSystem_Zero", "P:26, 46", "consumer systems that are not topsellers do not qualify",
         {{"80QQ", kSys, 0, 1, 50'000}}, kNcb, "NCB", "", 0},
        {"Ncb_NonTopsellerLenovoV14_Zero", "P:26, 46", "a non-Think system qualifies only as a topseller",
         {{"82YT", kSys, 0, 3, 40'000}}, kNcb, "NCB", "", 0},
        {"Ncb_ServicesForThinkDevice_5pct", "P:26, 46", "services for Think devices qualify",
         {{"20BU", kSvc, 0, 3, 20'000}}, kNcb, "NCB", "client", 3'000},
        {"Ncb_ServicesForIdeaPad_Zero", "P:46", "services qualify only for Think devices, even on a topseller IdeaPad",
         {{"82R1", kSvc, 0, 5, 10'000}}, kNcb, "NCB", "", 0},
        {"Ncb_ThinkVisual_5pct", "P:26", "visuals qualify",
         {{"12NA", kSys, 0, 1, 20'000}}, kNcb, "NCB", "client", 1'000},
        {"Ncb_ThinkPeripheral_5pct", "P:26, 46", "Think peripherals and options qualify",
         {{"21HD", kOpt, 0, 4, 5'000}}, kNcb, "NCB", "client", 1'000},
        {"Ncb_DcgSystemsAndStorage_10pct", "P:28", "ThinkServer and System x systems and storage: 10%",
         {{"8871", kDcgSys, 0, 1, 500'000}, {"6535", kStorage, 1, 1, 500'000}}, kNcb, "NCB", "DCG", 100'000},
        {"Ncb_DcgOptionsAndEnterpriseServices_10pct", "P:28", "server options and enterprise services: 10%",
         {{"8871", kDcgOpt, 0, 2, 25'000}, {"8871", kDcgSvc, 0, 1, 50'000}}, kNcb, "NCB", "DCG", 10'000},
        {"Ncb_ExistingCustomer_Zero", "P:21", "the bonus is for a new customer only",
         {{"20BU", kSys, 0, 2, 100'000}}, opted({"NCB"}, false), "NCB", "", 0},
        {"Ncb_NotNominated_Zero", "P:43, 49", "the customer must be nominated (the request lists NCB)",
         {{"20BU", kSys, 0, 2, 100'000}}, opted({}, true), "NCB", "", 0},
        {"Ncb_RoundedToWholeDollars", "P:284-288", "each amount is rounded once to whole dollars (10% of $10,885 = $1,088.50)",
         {{"8871", kDcgSys, 0, 1, 1'088'500}}, kNcb, "NCB", "", 108'900},

        // ---- DEAL-REG: 5% client group, 8% DCG group, no new customer needed ----
        {"DealReg_ThinkSystem_5pct", "P:62-63, 83", "commercial (Think) systems qualify",
         {{"20BU", kSys, 0, 1, 100'000}}, kDealReg, "DEAL-REG", "client", 5'000},
        {"DealReg_TopsellerIdeaPadSystem_5pct", "P:63, 83", "topseller consumer systems qualify",
         {{"82R1", kSys, 0, 1, 40'000}}, kDealReg, "DEAL-REG", "client", 2'000},
        {"DealReg_NonTopsellerIdeaPadSystem_Zero", "P:63, 83", "consumer systems that are not topsellers do not qualify",
         {{"80QQ", kSys, 0, 1, 50'000}}, kDealReg, "DEAL-REG", "", 0},
        {"DealReg_ServicesForThinkDevice_5pct", "P:63, 83", "services for Think devices qualify",
         {{"21HD", kSvc, 0, 2, 50'000}}, kDealReg, "DEAL-REG", "client", 5'000},
        {"DealReg_ServicesForIdeaPad_Zero", "P:83", "services qualify only for Think devices",
         {{"82R1", kSvc, 0, 2, 50'000}}, kDealReg, "DEAL-REG", "", 0},
        {"DealReg_DcgSystemsAndStorage_8pct", "P:64-65", "servers, server options, storage, enterprise services: 8%",
         {{"8871", kDcgSys, 0, 1, 1'000'000}}, kDealReg, "DEAL-REG", "DCG", 80'000},

        // ---- NCB and DEAL-REG on one deal: one or the other, by customer ----
        {"Exclusive_NewCustomerGetsNcb", "P:9", "NCB or deal registration, depending on the customer: a new customer gets NCB",
         {{"8871", kDcgSvc, 0, 1, 100'000}}, opted({"NCB", "DEAL-REG"}, true), "NCB", "", 10'000},
        {"Exclusive_NewCustomerLosesDealReg", "P:9", "... and no deal registration on the same deal",
         {{"8871", kDcgSvc, 0, 1, 100'000}}, opted({"NCB", "DEAL-REG"}, true), "DEAL-REG", "", 0},
        {"Exclusive_ExistingCustomerKeepsDealReg", "P:9, 58", "an existing customer cannot have NCB, so the deal keeps deal registration",
         {{"8871", kDcgSvc, 0, 1, 100'000}}, opted({"NCB", "DEAL-REG"}, false), "DEAL-REG", "", 8'000},

        // ---- REBATE: topseller client systems 1.5% below $650, 2.5% from $650.00 ----
        {"Rebate_Band_649_00_OnePointFivePct", "P:90", "$649 or less: 1.5% (10 x $649.00 = $6,490.00 -> $97.35)",
         {{"21JN", kSys, 0, 10, 64'900}}, kNone, "REBATE", "Topseller", 9'700},
        {"Rebate_Band_649_01_OnePointFivePct", "P:90-92", "between the bands the lower one applies: $649.01 -> 1.5%",
         {{"21JN", kSys, 0, 10, 64'901}}, kNone, "REBATE", "Topseller", 9'700},
        {"Rebate_Band_649_50_OnePointFivePct", "P:90-92", "between the bands the lower one applies: $649.50 -> 1.5%",
         {{"21JN", kSys, 0, 10, 64'950}}, kNone, "REBATE", "Topseller", 9'700},
        {"Rebate_Band_649_99_OnePointFivePct", "P:90-92", "between the bands the lower one applies: $649.99 -> 1.5%",
         {{"21JN", kSys, 0, 10, 64'999}}, kNone, "REBATE", "Topseller", 9'700},
        {"Rebate_Band_650_00_TwoPointFivePct", "P:92", "$650 or greater: 2.5% (10 x $650.00 = $6,500.00 -> $162.50, half up)",
         {{"21JN", kSys, 0, 10, 65'000}}, kNone, "REBATE", "Topseller", 16'300},
        {"Rebate_TopsellerIdeaPadSystem_OnePointFivePct", "P:87, 117", "client topseller systems of any brand",
         {{"82R1", kSys, 0, 10, 39'900}}, kNone, "REBATE", "Topseller", 6'000},
        {"Rebate_NonTopsellerSystem_Zero", "P:87, 117", "only topseller systems earn the client rebate",
         {{"20BU", kSys, 0, 1, 100'000}}, kNone, "REBATE", "", 0},
        {"Rebate_TopsellerVisualIsNoSystem_Zero", "P:117", "client topseller systems are notebooks, desktops and workstations",
         {{"12NA", kSys, 0, 10, 23'120}}, kNone, "REBATE", "", 0},
        {"Rebate_DcgSystemsOptionsStorage_TwoPointFivePct", "P:94", "2.5% on all DCG systems, options and storage",
         {{"5462", kDcgSys, 0, 1, 400'000}, {"5462", kDcgOpt, 0, 2, 50'000}, {"6535", kStorage, 1, 1, 200'000}}, kNone, "REBATE", "DCG", 17'500},
        {"Rebate_TopsellerPcServices_FivePct", "P:96", "5% on topseller PC services",
         {{"21HD", kSvc, 0, 10, 10'000}}, kNone, "REBATE", "Services", 5'000},
        {"Rebate_NonTopsellerPcServices_Zero", "P:96", "PC services earn it only on topseller devices",
         {{"20BU", kSvc, 0, 10, 10'000}}, kNone, "REBATE", "", 0},
        {"Rebate_DcgServices_FivePctAndTwoPointFivePct", "P:94, 96", "DCG services earn the 5% services rebate and the 2.5% DCG rebate",
         {{"5462", kDcgSvc, 0, 1, 100'000}}, kNone, "REBATE", "", 7'500},

        // ---- VOL-DISC: 4%, each category of the letter counted on its own ----
        {"VolDisc_ThinkTopsellerSystems_4_None", "P:168-169", "fewer than 5 topseller ThinkPad/ThinkCentre/ThinkStation systems",
         {{"21HD", kSys, 0, 4, 100'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ThinkTopsellerSystems_5_FourPct", "P:168-169", "5 topseller Think systems: 4%",
         {{"21HD", kSys, 0, 3, 100'000}, {"12DL", kSys, 1, 2, 100'000}}, kNone, "VOL-DISC", "ThinkPad", 20'000, 5},
        {"VolDisc_ThinkTopsellerSystems_1000_FourPct", "P:168-169", "1,000 topseller Think systems: 4%",
         {{"21HD", kSys, 0, 1000, 100'000}}, kNone, "VOL-DISC", "ThinkPad", 4'000'000, 1000},
        {"VolDisc_ThinkTopsellerSystems_1001_None", "P:168-169", "more than 1,000 systems is beyond the range",
         {{"21HD", kSys, 0, 1001, 100'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ThinkNonTopsellerSystems_Zero", "P:169", "Think systems must be topsellers",
         {{"20BU", kSys, 0, 10, 100'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ThinkVisualIsNoSystem_NotInSystemCategory", "P:169, 179", "a Think monitor counts with visuals, not systems",
         {{"12NA", kSys, 0, 5, 20'000}}, kNone, "VOL-DISC", "ThinkPad", 0, 0},
        {"VolDisc_TopsellerIdeaPad_Zero", "P:172, 196", "IdeaPad is not on the letter's list",
         {{"82R1", kSys, 0, 10, 40'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_TopsellerLenovoV15_Zero", "P:172, 196", "the letter names V110 and V130, not V14/V15",
         {{"83A1", kSys, 0, 10, 44'720}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_TopsellerN23Chromebook_Zero", "P:172, 196", "the letter names the N21 Chromebook, not the N23",
         {{"80YS", kSys, 0, 10, 20'720}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_NamedModels_5_FourPct", "P:170-172", "5 topseller V130 systems: 4%",
         {{"V130", kSys, 0, 5, 50'000}}, kNone, "VOL-DISC", "V130", 10'000, 5},
        {"VolDisc_NamedModels_99999_FourPct", "P:170-172", "the named models run to 99,999 units",
         {{"N21C", kSys, 0, 99'999, 20'000}}, kNone, "VOL-DISC", "N21", 79'999'200, 99'999},
        {"VolDisc_NamedModels_100000_None", "P:170-172", "100,000 named-model units is beyond the range",
         {{"N21C", kSys, 0, 100'000, 20'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_NamedModels_RelatedServices_FourPct", "P:172", "their services earn 4% and add no units: 5 devices",
         {{"V130", kSys, 0, 5, 50'000}, {"V130", kSvc, 0, 5, 10'000}}, kNone, "VOL-DISC", "V130", 12'000, 5},
        {"VolDisc_NamedModels_OneLaptopFiveServices_None", "P:172", "one V130 with five services is one unit, not six",
         {{"V130", kSys, 0, 1, 50'000}, {"V130", kSvc, 0, 1, 10'000}, {"V130", kSvc, 0, 1, 10'000}, {"V130", kSvc, 0, 1, 10'000},
          {"V130", kSvc, 0, 1, 10'000}, {"V130", kSvc, 0, 1, 10'000}},
         kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_NamedModelsNotTopseller_Zero", "P:172", "the named models must be topsellers",
         {{"V13X", kSys, 0, 10, 50'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_CategoriesNotPooled", "P:168-172", "3 ThinkPads and 3 V130s: each category below 5, no discount",
         {{"21HD", kSys, 0, 3, 100'000}, {"V130", kSys, 1, 3, 50'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ThinkOptions_5_FourPct", "P:173-174", "5 options for ThinkPad/ThinkCentre/ThinkStation: 4%",
         {{"21HD", kOpt, 0, 5, 5'000}}, kNone, "VOL-DISC", "options", 1'000, 5},
        {"VolDisc_ThinkOptions_4_None", "P:173-174", "4 options is below the range",
         {{"21HD", kOpt, 0, 4, 5'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_VxlThinClientOptions_FourPct", "P:174", "options for VXL thin clients count too",
         {{"VXL1", kOpt, 0, 5, 10'000}}, kNone, "VOL-DISC", "options", 2'000, 5},
        {"VolDisc_IdeaPadOptions_Zero", "P:174", "options for IdeaPad are not listed",
         {{"82R1", kOpt, 0, 5, 10'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ServicesFiveDevices_FourPct", "P:178-179", "services covering 5 Think devices: 4%",
         {{"21HD", kSvc, 0, 5, 10'000}}, kNone, "VOL-DISC", "services and visuals", 2'000, 5},
        {"VolDisc_OneLaptopFiveServices_None", "P:168-169, 178-179", "one ThinkPad with five services is one unit in each category",
         {{"21HD", kSys, 0, 1, 100'000}, {"21HD", kSvc, 0, 1, 10'000}, {"21HD", kSvc, 0, 1, 10'000}, {"21HD", kSvc, 0, 1, 10'000},
          {"21HD", kSvc, 0, 1, 10'000}, {"21HD", kSvc, 0, 1, 10'000}},
         kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_TwoServicesOnThreeDevices_None", "P:178-179", "two services on 3 devices cover 3 devices, not 6",
         {{"20BU", kSvc, 0, 3, 10'000}, {"20BU", kSvc, 0, 3, 10'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_ServicesAcrossItemsAdd_FourPct", "P:178-179", "3 + 2 covered devices on two items make 5",
         {{"20BU", kSvc, 0, 3, 10'000}, {"21HD", kSvc, 1, 2, 10'000}}, kNone, "VOL-DISC", "services and visuals", 2'000, 5},
        {"VolDisc_ThinkVisuals_FourPct", "P:179", "5 Think visuals: 4%",
         {{"12NA", kSys, 0, 5, 20'000}}, kNone, "VOL-DISC", "services and visuals", 4'000, 5},
        {"VolDisc_IdeaPadServices_Zero", "P:179, 196", "services count only for Think devices",
         {{"82R1", kSvc, 0, 10, 10'000}}, kNone, "VOL-DISC", "", 0, 0},
        {"VolDisc_SystemsAndTheirServices_EachCategory", "P:168-169, 178-179", "5 ThinkPads and their services: 4% in each category",
         {{"21HD", kSys, 0, 5, 100'000}, {"21HD", kSvc, 0, 5, 10'000}}, kNone, "VOL-DISC", "", 22'000, 10},

        // ---- SPIFF: per unit to the partner's rep, at most $10,000 a quarter ----
        {"Spiff_Servers_150PerUnit", "P:286", "$150 per server",
         {{"5462", kDcgSys, 0, 2, 500'000}}, kNone, "SPIFF", "", 30'000, 2},
        {"Spiff_DcgServices_20PerUnit", "P:286", "$20 per service unit",
         {{"5462", kDcgSvc, 0, 3, 50'000}}, kNone, "SPIFF", "", 6'000, 3},
        {"Spiff_TopsellerClientServices_20PerUnit", "P:206, 231", "topseller products and their services",
         {{"21HD", kSvc, 0, 3, 10'000}}, kNone, "SPIFF", "", 6'000, 3},
        {"Spiff_NonTopsellerClientServices_Zero", "P:231", "only select topseller products qualify",
         {{"20BU", kSvc, 0, 3, 10'000}}, kNone, "SPIFF", "", 0},
        {"Spiff_CappedAt10kPerRep", "P:206, 218", "at most $10,000 per rep per quarter (100 servers would be $15,000)",
         {{"5462", kDcgSys, 0, 100, 500'000}}, kNone, "SPIFF", "", 1'000'000},
        {"Spiff_CapSharedByServersAndServices", "P:218", "the $10,000 is one cap for servers and services together ($9,000 + $2,000)",
         {{"5462", kDcgSys, 0, 60, 500'000}, {"5462", kDcgSvc, 0, 100, 10'000}}, kNone, "SPIFF", "", 1'000'000},

        // ---- PDP: demo units per quarter, set by the previous quarter's purchases ----
        {"Pdp_NewlyAuthorised_1Unit_35pct", "P:136", "a newly authorised partner (no purchases stated): 1 unit at 35%",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(std::nullopt), "PDP", "client", 35'000, 1, "Counted 1 of 5"},
        {"Pdp_Below10k_NoUnits", "P:136-137", "the letter allocates no units below $10,000 to an established partner",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(999'999), "PDP", "", 0, 0},
        {"Pdp_Band_10000_2Units", "P:137", "$10,000 to $50,000: 2 units",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(1'000'000), "PDP", "client", 70'000, 2, "Counted 2 of 5"},
        {"Pdp_Band_50000_2Units", "P:137", "$50,000.00 is still the 2-unit band",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(5'000'000), "PDP", "client", 70'000, 2},
        {"Pdp_Band_50000_01_3Units", "P:138", "above $50,000 to $100,000: 3 units",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(5'000'001), "PDP", "client", 105'000, 3},
        {"Pdp_Band_100000_3Units", "P:138", "$100,000.00 is still the 3-unit band",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(10'000'000), "PDP", "client", 105'000, 3},
        {"Pdp_Band_Over100000_4Units", "P:139", "over $100,000: 4 units",
         {{"21HD", kSys, 0, 5, 100'000}}, pdp(10'000'001), "PDP", "client", 140'000, 4, "Counted 4 of 5"},
        {"Pdp_FewerUnitsThanAllocated_AllCounted", "P:139", "2 units on a 4-unit allocation: both at 35%",
         {{"21HD", kSys, 0, 2, 100'000}}, pdp(20'000'000), "PDP", "client", 70'000, 2, "Counted 2 of 2"},
        {"Pdp_LowestPricedUnitsFirst", "P:137", "over the allocation the lowest-priced units are the discounted ones",
         {{"21HD", kSys, 0, 2, 140'000}, {"82R1", kSys, 1, 2, 40'000}, {"12DL", kSys, 2, 1, 70'000}}, pdp(1'000'000), "PDP", "client",
         28'000, 2, "lowest-priced first"},
        {"Pdp_NonTopsellerSystem_Zero", "P:135, 156", "only topseller notebooks, desktops and workstations",
         {{"20BU", kSys, 0, 1, 100'000}}, pdp(std::nullopt), "PDP", "", 0},
        {"Pdp_TopsellerVisual_Zero", "P:135, 156", "a monitor is not a notebook, desktop or workstation",
         {{"12NA", kSys, 0, 1, 20'000}}, pdp(std::nullopt), "PDP", "", 0},
        {"Pdp_NotRequested_Zero", "P:153", "the partner must ask for demo units (the request lists PDP)",
         {{"21HD", kSys, 0, 1, 100'000}}, kNone, "PDP", "", 0},
        {"Pdp_DcgSystem_1UnitAt50pct", "P:135-139", "one select topseller server or storage system at 50%, whatever the band",
         {{"8871", kDcgSys, 0, 3, 1'000'000}}, pdp(20'000'000), "PDP", "DCG", 500'000, 1},
        {"Pdp_DcgNonTopsellerServer_Zero", "P:135", "servers must be select topsellers",
         {{"5462", kDcgSys, 0, 1, 1'000'000}}, pdp(std::nullopt), "PDP", "", 0},
        {"Pdp_EnterpriseOptions_6UnitsAt50pct", "P:135-139", "six enterprise options at 50%",
         {{"5462", kDcgOpt, 0, 10, 10'000}}, pdp(std::nullopt), "PDP", "options", 30'000, 6},
        {"Pdp_DcgCapped15k", "P:141", "DCG demo units are capped at $15,000 (50% of $40,000 = $20,000)",
         {{"8871", kDcgSys, 0, 1, 4'000'000}}, pdp(std::nullopt), "PDP", "", 1'500'000},
        {"Pdp_DcgCapSharedWithOptions", "P:141", "one $15,000 cap for servers and options together ($14,000 + $3,000)",
         {{"8871", kDcgSys, 0, 1, 2'800'000}, {"8871", kDcgOpt, 0, 6, 100'000}}, pdp(std::nullopt), "PDP", "", 1'500'000},

        // ---- STACK: the worked example, to the cent ----
        {"Stack_DcgRebate_272", "P:284", "DCG rebate 2.5% x $10,885 = $272",
         {{"8871", kDcgSys, 0, 3, 258'167, 774'500}, {"8871", kDcgSvc, 0, 3, 104'667, 314'000}}, kNcb, "REBATE", "DCG", 27'200},
        {"Stack_ServicesRebate_157", "P:285", "services rebate 5% x $3,140 = $157",
         {{"8871", kDcgSys, 0, 3, 258'167, 774'500}, {"8871", kDcgSvc, 0, 3, 104'667, 314'000}}, kNcb, "REBATE", "Services", 15'700},
        {"Stack_Spiff_510", "P:286", "SPIFF 3 x $150 + 3 x $20 = $510",
         {{"8871", kDcgSys, 0, 3, 258'167, 774'500}, {"8871", kDcgSvc, 0, 3, 104'667, 314'000}}, kNcb, "SPIFF", "", 51'000},
        {"Stack_Ncb_1089", "P:287", "NCB 10% x $10,885 = $1,089",
         {{"8871", kDcgSys, 0, 3, 258'167, 774'500}, {"8871", kDcgSvc, 0, 3, 104'667, 314'000}}, kNcb, "NCB", "", 108'900},
        {"Stack_Total_2028", "P:288", "the programs add up to $2,028",
         {{"8871", kDcgSys, 0, 3, 258'167, 774'500}, {"8871", kDcgSvc, 0, 3, 104'667, 314'000}}, kNcb, "", "", 202'800},
    };
    return table;
}

class ProgramClause : public ::testing::TestWithParam<ClauseRow> {};

TEST_P(ProgramClause, PaysWhatTheLetterSays) {
    const ClauseRow& row = GetParam();
    std::vector<ProgramLine> lines;
    for (const LineSpec& l : row.lines) {
        const Money unit(l.unit_minor, kUsd);
        const Money total = l.total_minor ? Money(l.total_minor, kUsd) : unit.times(l.units);
        lines.push_back(make_program_line(type_of(l.mt), l.group, l.item, l.units, unit, total));
    }
    for (const char* day : {"2026-01-15", "2026-07-01"}) {
        const ProgramTable* table = test::sample_catalog().program_table_on(test::date(day));
        ASSERT_NE(table, nullptr) << "no program table on " << day;
        SCOPED_TRACE(std::string("table ") + table->id + "; row " + ::testing::PrintToString(row));
        const ProgramResult result = apply_programs(*table, lines, row.customer, kUsd);
        std::int64_t amount = 0;
        std::int64_t units = 0;
        std::string notes;
        if (row.rule[0] == '\0') amount = result.total.minor_units();
        for (const ProgramAmount& a : result.amounts) {
            if (row.rule[0] == '\0' || a.rule != row.rule || a.name.find(row.component) == std::string::npos) continue;
            amount += a.amount.minor_units();
            units += a.units;
            notes += a.note + "\n";
        }
        EXPECT_EQ(amount, row.expected_minor) << row.source << ": " << row.clause;
        if (row.expected_units >= 0) { EXPECT_EQ(units, row.expected_units) << row.source << ": units counted"; }
        if (row.note_has[0] != '\0') { EXPECT_NE(notes.find(row.note_has), std::string::npos) << "notes: " << notes; }
    }
}

INSTANTIATE_TEST_SUITE_P(Letters, ProgramClause, ::testing::ValuesIn(rows()),
                         [](const ::testing::TestParamInfo<ClauseRow>& param_info) { return std::string(param_info.param.name); });

// The component names the rows select by must exist, or a row could pass on an empty match.
TEST(ProgramClauses, EveryRowNamesAComponentOfTheTable) {
    const ProgramTable* table = test::sample_catalog().program_table_on(test::date("2026-01-15"));
    ASSERT_NE(table, nullptr);
    for (const ClauseRow& row : rows()) {
        if (row.rule[0] == '\0') continue;
        const bool found = std::any_of(table->components.begin(), table->components.end(), [&](const ProgramComponent& c) {
            return c.rule == row.rule && c.name.find(row.component) != std::string::npos;
        });
        EXPECT_TRUE(found) << row.name << ": no " << row.rule << " component named like \"" << row.component << "\"";
    }
}

}  // namespace
}  // namespace apos
