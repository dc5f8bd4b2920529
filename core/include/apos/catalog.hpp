// The catalog: machine types, offerings with price tables, policy numbers and partner
// program tables. Loaded once from JSON text, validated, then read-only.
// The JSON field of every member is named in its comment; catalog/README.md documents them.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "apos/date.hpp"
#include "apos/money.hpp"

namespace apos {

// ---- Enumerations (each has its JSON spelling) --------------------------------------
enum class Brand { Think, Idea, Lenovo, Chromebook };
// Server: the DCG systems of the partner programs' worked example (P:279-280), not a client PC.
enum class Category { Notebook, Desktop, AllInOne, Tiny, Workstation, Tablet, Monitor, Chromebook, Server };
// Ordered from the least to the most service (BW-NO-DOWNGRADE compares these).
enum class ServiceLevel {
    MailIn,
    CarryIn,
    Depot,
    ExpeditedDepot,
    Onsite2ndDay,
    OnsiteNbd,
    Onsite8h247,
    Onsite4h95,
    Onsite4h247
};
enum class OfferKind {
    Extension,
    Upgrade,
    Adp,
    Kyd,
    Sbty,
    Iwu,
    Premier,
    Ticru,
    PostWarranty,
    Reinstatement,
    SchoolYear,
    Deployment,
    Recovery,
    Support,
    Battery
};
// How many kinds there are, for tables indexed by OfferKind (Battery is the last one).
inline constexpr std::size_t kOfferKindCount = static_cast<std::size_t>(OfferKind::Battery) + 1;
enum class Channel { Direct, Distributor };
enum class Condition { New, OpenBox, Refurbished };
enum class Segment { Education, Health, Government, Smb, Enterprise };

std::string_view to_string(Brand);
std::string_view to_string(Category);
std::string_view to_string(ServiceLevel);
std::string_view to_string(OfferKind);
std::string_view to_string(Channel);
std::string_view to_string(Condition);
std::string_view to_string(Segment);
std::optional<Brand> parse_brand(std::string_view);
std::optional<Category> parse_category(std::string_view);
std::optional<ServiceLevel> parse_service_level(std::string_view);
std::optional<OfferKind> parse_offer_kind(std::string_view);
std::optional<Channel> parse_channel(std::string_view);
std::optional<Condition> parse_condition(std::string_view);
std::optional<Segment> parse_segment(std::string_view);
// Human label of a level: "Onsite 4h 24/7".
std::string_view level_label(ServiceLevel);

// ---- Machine types (machine_types.json) -----------------------------------------------
struct MachineType {
    std::string mt;                  // "mt": 4 characters, the first four of every MTM
    std::string name;                // "name"
    Brand brand{};                   // "brand": think | idea | lenovo | chromebook
    std::string series;              // "series": "ThinkPad E", "ThinkCentre M", "IdeaPad 5", ...
    Category category{};             // "category"
    std::string price_class;         // "price_class": key into every offering's price table
    int base_years = 1;              // "base_years"
    ServiceLevel base_level{};       // "base_level"
    bool sealed_battery = false;     // "sealed_battery"
    bool soldered_drive = false;     // "soldered_drive"
    Date announced;                  // "announced"
    bool education = false;          // "education": sold as education hardware (SYW)
    bool topseller = false;          // "topseller"
    Money reference_price;           // "reference_price": minor units in the catalog currency
    bool onsite_4h_95 = false;       // "onsite_4h_95": marked for Onsite 4h 9/5 (UPG-4H-95)
    bool onsite_4h_247 = false;      // "onsite_4h_247": marked for Onsite 4h 24/7 (UPG-4H-247)
    bool iws_select = false;         // "iws_select": one of the select Idea notebooks with IWS from 2016-02-29
    bool advanced_exchange = false;  // "advanced_exchange": Advanced Exchange may be sold (UPG-ADV-EXCHANGE)
    bool external_battery = false;   // "external_battery": a removable battery beside the internal one (BATT-EACH)
    bool lid_etchable = true;  // "lid_etchable": false for ThinkPad lids whose material cannot be etched (ETCH-LID)
    std::vector<std::string>
        announced_in;  // "announced_in": countries the type was announced in; empty = policy.announced_in (IWU-COUNTRY)
    // "base_years_by_country": [{"countries", "base_years"}]: where the country of purchase gives
    // another base length than `base_years` (BW-COUNTRY); a country listed twice is an error.
    std::map<std::string, int> base_years_by_country;
};

// ---- Offerings (offerings.json) -----------------------------------------------------
// Project services that are not tied to one unit's warranty carry a `feature` that their
// rules key on; warranty-type offerings leave it empty.
enum class Feature {
    None,
    AdvancedExchange,
    Imaging,
    Encryption,
    CustomBios,
    LaserEtching,
    FirstBoot,
    DropInBox,
    ManagedInstall,
    CloudDeploy,
    AssetRecoveryPos,
    AssetRecoveryStandard,
    OnlineDataBackup,
    SmartImage,
    DeploymentAutomation,
    QuickImage,
    CloudRecovery,
    ImageManagement,
    AssetTag,
    AssetTagStandalone,
    Imac,
    WhiteGlove,
    AnnualRefresh,
    HelpDesk,
    AccountManager,
    Whiteboard,
    Co2Offset,
    ServerSupport  // DCG support for a server (TopSeller Max Support), priced as a DCG service line
};
std::string_view to_string(Feature);
std::optional<Feature> parse_feature(std::string_view);

struct Offering {
    std::string id;                           // "id": unique, e.g. "ext-onsite-nbd"
    std::string name;                         // "name": shown to the partner
    OfferKind kind{};                         // "kind"
    std::optional<ServiceLevel> level;        // "level": for extensions, upgrades, post-warranty
    Feature feature = Feature::None;          // "feature"
    std::vector<int> terms;                   // "terms": years; [0] for one-off services
    std::string part_prefix;                  // "part_prefix": sample part numbers are prefix + class + term
    std::string guide_group;                  // "group": Design | Deploy | Support | Protect | Sustainability
    std::string description;                  // "description"
    std::string when_to_sell;                 // "when_to_sell"
    std::vector<std::string> talking_points;  // "talking_points"
    // "prices": { price_class: { "term": minor units } } ; "*" is the class of any machine type.
    std::map<std::string, std::map<int, std::int64_t>> prices;
    bool per_unit = true;  // "per_unit": price is per device unit (else per order)
};

// ---- Policy numbers (policy.json): every number a rule uses --------------------------
struct CapYears {
    int think_e = 4;      // "think_e"
    int think = 5;        // "think"
    int idea_lenovo = 3;  // "idea_lenovo" (Chromebooks count here too)
};

struct Policy {
    Currency currency;                                 // "currency"
    std::string price_book_label;                      // "price_book_label": e.g. "SAMPLE - illustrative prices"
    int distributor_buffer_days = 45;                  // "distributor_buffer_days" (BW-BUFFER)
    CapYears max_years;                                // "max_years" (CAP-MAX-YEARS)
    int adp_purchase_days = 90;                        // "adp_purchase_days" (ADP-90D)
    int sbty_window_years = 1;                         // "sbty_window_years" (SBTY-WINDOW)
    int sbty_max_years_notebook = 3;                   // "sbty_max_years_notebook" (SBTY-TERMS)
    int sbty_max_years_tablet = 2;                     // "sbty_max_years_tablet" (SBTY-TERMS)
    int iwu_min_years = 1;                             // "iwu_min_years" (IWU-REQUIRES)
    int iwu_max_years = 5;                             // "iwu_max_years"
    int iwu_sbty_max_years = 3;                        // "iwu_sbty_max_years"
    Date iws_think_after;                              // "iws_think_after": 2015-09-11 (IWS-INCLUDED)
    Date iws_idea_select_after;                        // "iws_idea_select_after": 2016-02-28
    Date iws_idea_lenovo_after;                        // "iws_idea_lenovo_after": 2017-09-15
    int activation_start_days = 30;                    // "activation_start_days" (UPG-ACTIVATION)
    int onsite_4h_95_miles = 100;                      // "onsite_4h_95_miles" (UPG-4H-95)
    std::array<int, 2> onsite_4h_247_miles{100, 200};  // "onsite_4h_247_miles" (UPG-4H-247)
    int nbd_cutoff_hour = 15;                          // "nbd_cutoff_hour" (NBD-CUTOFF)
    int expedited_return_business_days = 3;            // "expedited_return_business_days" (UPG-EXPEDITED)
    int pw_opens_days_before_end = 90;                 // "pw_opens_days_before_end" (PW-WINDOW, assumed)
    int pw_closes_days_after_end = 60;                 // "pw_closes_days_after_end" (PW-WINDOW)
    int pw_max_years = 2;  // "pw_max_years": post-warranty adds 1 to this many years (PW-TERM-BY-AGE)
    BasisPoints reinstatement_fee_rate{2500};       // "reinstatement_fee_rate_bp" (REIN-FEE, assumed)
    std::int64_t reinstatement_fee_flat_minor = 0;  // "reinstatement_fee_flat_minor" (REIN-FEE, assumed)
    int school_year_end_month = 6;                  // "school_year_end": "06-30" (SYW, assumed)
    int school_year_end_day = 30;
    int factory_min_units = 100;         // "factory_min_units": more than 99 (FAC-MIN-QTY)
    int point_of_sale_days = 30;         // "point_of_sale_days": services sold with the hardware, days after the system
                                         // purchase (FAC-MIN-QTY, FBS-VOLUME, DIB-PAGES, ARS-POS; assumed)
    int first_boot_volume_units = 100;   // "first_boot_volume_units" (FBS-VOLUME)
    int drop_in_box_max_pages = 20;      // "drop_in_box_max_pages" (DIB-PAGES)
    int managed_install_min_units = 25;  // "managed_install_min_units" (MI-MIN-QTY)
    int asset_recovery_pos_min_units = 10;    // "asset_recovery_pos_min_units" (ARS-POS)
    int asset_recovery_pos_max_years = 5;     // "asset_recovery_pos_max_years" (ARS-POS)
    int asset_recovery_standard_units = 500;  // "asset_recovery_standard_units" (ARS-STD)
    int cloud_deploy_min_seats = 4000;        // "cloud_deploy_min_seats" (CLOUD-DEPLOY)
    int online_backup_pilot_days = 30;        // "online_backup_pilot_days" (OLDB-PILOT)
    int online_backup_pilot_licences = 10;    // "online_backup_pilot_licences"
    int online_backup_pilot_gb = 100;         // "online_backup_pilot_gb"
    int adp_tablet_claims_per_year = 1;       // "adp_tablet_claims_per_year" (ADP-TABLET-CLAIMS)
    BasisPoints partner_discount{2000};       // "partner_discount_bp": list -> partner price (assumed)
    std::vector<std::string> iwu_countries;   // "iwu_countries": countries that support the International Warranty
                                              // Upgrade (IWU-COUNTRY, sample)
    std::vector<std::string>
        announced_in;  // "announced_in": where a machine type without its own list was announced (IWU-COUNTRY, sample)
    std::vector<std::string> imac_countries{"US", "CA"};  // "imac_countries": where IMAC is delivered (IMAC-COUNTRY)
    std::vector<std::string> assumed;  // "assumed": names of the numbers above that are not in the sources
};

// ---- Partner programs (programs.json) ----------------------------------------------
// Groups a quote line can belong to; programs select lines by group. The quote makes client
// system and client service lines; the other groups are there for the letters' DCG and option
// clauses (and for tests of them).
enum class LineGroup { ClientSystem, ClientService, DcgSystem, DcgOption, DcgService, Storage, ClientOption };
std::string_view to_string(LineGroup);
std::optional<LineGroup> parse_line_group(std::string_view);

enum class ProgramBasis { PartnerPrice, Units };
// How a component counts units against its quote_units_min/max: `Lines` adds the units of every
// matching line; `Devices` counts each quote item once (its largest matching line), so services
// count the devices they cover, not one unit per service line.
enum class UnitCount { Lines, Devices };

// A line counts when every condition that is set holds; empty lists and unset fields ask nothing.
struct LineFilter {
    std::vector<LineGroup> groups;  // "groups": any of these
    std::optional<bool> topseller;  // "topseller": when set, must match the device's flag
    std::vector<Brand> brands;      // "brands": the device's brand is one of these
    std::vector<std::string>
        series_prefixes;               // "series_prefixes": the device's series is one of these or
                                       //   starts with one followed by a space ("ThinkPad" matches "ThinkPad E")
    std::vector<Category> categories;  // "categories": the device's category is one of these
    std::optional<std::int64_t> unit_price_min;  // "unit_price_min": partner unit price, minor units
    std::optional<std::int64_t> unit_price_max;  // "unit_price_max"
};

// PDP: how many units of a component a partner may have discounted, from its purchases in the
// previous quarter. The band with the largest purchases_from_minor not above the purchases applies.
struct AllocationBand {
    std::int64_t purchases_from_minor = 0;  // "purchases_from_minor"
    std::int64_t units = 0;                 // "units"
};
struct UnitAllocation {
    std::int64_t without_purchases = 0;  // "without_purchases": units when the partner states no purchases
    std::vector<AllocationBand> bands;   // "bands": ascending, the first from 0
};

struct ProgramComponent {
    std::string rule;                                 // "rule": NCB | DEAL-REG | REBATE | VOL-DISC | SPIFF | PDP
    std::string name;                                 // "name"
    ProgramBasis basis = ProgramBasis::PartnerPrice;  // "basis": partner_price | units
    BasisPoints rate;                                 // "rate_bp" (basis partner_price)
    std::int64_t per_unit_minor = 0;                  // "per_unit_minor" (basis units)
    std::vector<LineFilter> applies_to;               // "applies_to": a line counts when any filter matches
    bool opt_in = false;                              // "opt_in": only when the customer lists `rule` in programs
    bool new_customer_only = false;                   // "new_customer_only"
    std::vector<std::string> partner_countries;   // "partner_countries": partners in these countries only; empty = any
    UnitCount units_counted = UnitCount::Lines;   // "units_counted": lines | devices
    std::optional<std::int64_t> quote_units_min;  // "quote_units_min": matching units in the quote
    std::optional<std::int64_t> quote_units_max;  // "quote_units_max"
    std::optional<UnitAllocation> unit_allocation;  // "unit_allocation": most units discounted (PDP)
    std::optional<std::int64_t> cap_minor;          // "cap_minor": most this component pays on one quote
    std::string cap_pool;                           // "cap_pool": components naming the same pool share one cap_minor
    std::int64_t round_to_minor = 1;                // "round_to_minor": 100 = whole currency units
    std::string note;                               // "note"
};

struct ProgramTable {
    std::string id;                                              // "id"
    Date effective_from;                                         // "effective_from"
    std::optional<Date> effective_until;                         // "effective_until" (absent: open)
    std::vector<ProgramComponent> components;                    // "components"
    std::vector<std::pair<std::string, std::string>> exclusive;  // "exclusive": [[a, b]] never both
    std::string stacking_note;                                   // "stacking_note" (STACK)
};

// ---- Recommendations (recommendations.json) -----------------------------------------
struct RecommendationWant {
    OfferKind kind{};                       // "kind"
    std::optional<ServiceLevel> min_level;  // "min_level": for upgrades, the least level wanted
    std::optional<Feature> feature;         // "feature": only offerings with this feature fill the want
};
struct RecommendationTier {
    std::string tier;                       // "tier": good | better | best
    std::vector<RecommendationWant> wants;  // "wants"
    std::string pitch;                      // "pitch": why this bundle, for this segment
};
struct SegmentRecommendation {
    Segment segment{};                      // "segment"
    std::vector<RecommendationTier> tiers;  // "tiers"
};

// ---- The whole catalog ---------------------------------------------------------------
// One catalog object's offers compiled per device class (offers.cpp): what the rules that read only
// the product said of each offer, and its price, kept from the class's first evaluation so later
// evaluations of that class run only the rules that read the unit. A copy, a move or an assignment
// of the catalog starts empty; code that edits a catalog in place after evaluating with it calls
// clear(). Safe to share between threads.
class CompiledOffers {
public:
    struct Cache;  // defined in offers.cpp
    CompiledOffers();
    CompiledOffers(const CompiledOffers&);
    CompiledOffers& operator=(const CompiledOffers&);
    ~CompiledOffers();
    void clear() const;
    std::size_t classes() const;  // device classes held now
    Cache& cache() const { return *cache_; }

private:
    std::unique_ptr<Cache> cache_;
};

struct Catalog {
    std::string label;  // policy.price_book_label
    Policy policy;
    std::vector<MachineType> machine_types;
    std::vector<Offering> offerings;
    std::vector<ProgramTable> program_tables;
    std::vector<SegmentRecommendation> recommendations;

    const MachineType* find_machine_type(std::string_view mtm_or_mt) const;
    const Offering* find_offering(std::string_view id) const;
    const ProgramTable* program_table_on(Date day) const;
    const SegmentRecommendation* recommendation_for(Segment) const;

    // Built by the loader for fast lookups.
    std::unordered_map<std::string, std::size_t> machine_type_index;
    std::unordered_map<std::string, std::size_t> offering_index;
    // Filled by evaluate_offers as device classes are evaluated; never part of what was loaded.
    CompiledOffers compiled_offers;
};

// ---- Loading ------------------------------------------------------------------------
struct CatalogSource {
    std::string file;  // name used in error messages, e.g. "catalog/offerings.json"
    std::string text;  // the JSON text
};

struct CatalogError {
    std::string file;
    std::string path;               // JSON pointer, e.g. "/machine_types/3/base_years"
    int line = 0;                   // 1-based, 0 when unknown
    std::string message;            // what is wrong and what was expected
    std::string to_string() const;  // "file:line: /path: message"
};

struct CatalogLoadResult {
    std::optional<Catalog> catalog;  // set only when there are no errors
    std::vector<CatalogError> errors;
};

// Each catalog file is refused above this size, unread: the loader holds the text and its parse
// at once, and a price book of a thousand machine types is a few megabytes.
inline constexpr std::size_t kMaxCatalogFileBytes = 64u * 1024 * 1024;

// The longest term a catalog, a quote request or a link may name, in years.
inline constexpr int kMaxTermYears = 10;

// The file names a catalog folder holds, in load order.
inline constexpr std::array<std::string_view, 5> kCatalogFiles = {"policy.json", "machine_types.json", "offerings.json",
                                                                  "programs.json", "recommendations.json"};

// Parses and validates the catalog files (matched by the file name's last component).
CatalogLoadResult load_catalog(const std::vector<CatalogSource>& sources);

}  // namespace apos
