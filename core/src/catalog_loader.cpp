// Catalog loading and validation: every error names the file, the JSON pointer, the line
// and what was expected (fields: json_fields.*, enumeration names: catalog_enums.*, lookups:
// catalog_lookup.cpp). Nothing is thrown; a catalog is returned only when it is clean.
#include <algorithm>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "apos/catalog.hpp"
#include "catalog_enums.hpp"
#include "json_depth.hpp"
#include "json_fields.hpp"
#include "json_locate.hpp"

namespace apos {

using nlohmann::json;

// [SECTION] Reading helpers ----------------------------------------------------------------
namespace {

using detail::JsonFields;

struct FileReader {
    const CatalogSource& source;
    std::vector<CatalogError>& errors;

    // A catalog error is located by file and line as well as by its JSON pointer.
    void error(const std::string& path, std::string message) {
        errors.push_back({source.file, path, detail::line_of_pointer(source.text, path), std::move(message)});
    }
    JsonFields object(const json& value, std::string path) {
        return JsonFields(
            value, std::move(path),
            [this](const std::string& at, std::string message) { error(at, std::move(message)); },
            detail::kCatalogFileHabits);
    }
};

constexpr std::int64_t kMaxMinor = 1'000'000'000'000LL;  // 10 billion in major units: beyond any price book

// [SECTION] policy.json ------------------------------------------------------------------
// The policy's plain counts (days, years, units, miles, an hour): each field, where it goes and the range it
// must lie in.
struct PolicyCount {
    const char* key;
    int Policy::*field;
    std::int64_t min;
    std::int64_t max;
};
constexpr PolicyCount kPolicyCounts[] = {
    {"distributor_buffer_days", &Policy::distributor_buffer_days, 0, 365},
    {"adp_purchase_days", &Policy::adp_purchase_days, 0, 3650},
    {"sbty_window_years", &Policy::sbty_window_years, 1, kMaxTermYears},
    {"sbty_max_years_notebook", &Policy::sbty_max_years_notebook, 1, kMaxTermYears},
    {"sbty_max_years_tablet", &Policy::sbty_max_years_tablet, 1, kMaxTermYears},
    {"iwu_min_years", &Policy::iwu_min_years, 1, kMaxTermYears},
    {"iwu_max_years", &Policy::iwu_max_years, 1, kMaxTermYears},
    {"iwu_sbty_max_years", &Policy::iwu_sbty_max_years, 1, kMaxTermYears},
    {"activation_start_days", &Policy::activation_start_days, 0, 365},
    {"onsite_4h_95_miles", &Policy::onsite_4h_95_miles, 1, 10000},
    {"nbd_cutoff_hour", &Policy::nbd_cutoff_hour, 0, 23},
    {"expedited_return_business_days", &Policy::expedited_return_business_days, 1, 30},
    {"pw_opens_days_before_end", &Policy::pw_opens_days_before_end, 0, 3650},
    {"pw_closes_days_after_end", &Policy::pw_closes_days_after_end, 0, 3650},
    {"pw_max_years", &Policy::pw_max_years, 1, kMaxTermYears},
    {"factory_min_units", &Policy::factory_min_units, 1, 1000000},
    {"point_of_sale_days", &Policy::point_of_sale_days, 0, 3650},
    {"first_boot_volume_units", &Policy::first_boot_volume_units, 1, 1000000},
    {"drop_in_box_max_pages", &Policy::drop_in_box_max_pages, 1, 10000},
    {"managed_install_min_units", &Policy::managed_install_min_units, 1, 1000000},
    {"asset_recovery_pos_min_units", &Policy::asset_recovery_pos_min_units, 1, 1000000},
    {"asset_recovery_pos_max_years", &Policy::asset_recovery_pos_max_years, 1, kMaxTermYears},
    {"asset_recovery_standard_units", &Policy::asset_recovery_standard_units, 1, 100000000},
    {"cloud_deploy_min_seats", &Policy::cloud_deploy_min_seats, 1, 100000000},
    {"online_backup_pilot_days", &Policy::online_backup_pilot_days, 0, 3650},
    {"online_backup_pilot_licences", &Policy::online_backup_pilot_licences, 0, 1000000},
    {"online_backup_pilot_gb", &Policy::online_backup_pilot_gb, 0, 1000000},
    {"adp_tablet_claims_per_year", &Policy::adp_tablet_claims_per_year, 1, 100},
};

void read_policy(FileReader& file, const json& root, Catalog& catalog) {
    JsonFields r = file.object(root, "");
    if (!r.ok()) return;
    Policy& p = catalog.policy;
    bool sample = false;
    r.boolean("sample", sample);
    r.string("price_book_label", p.price_book_label);
    catalog.label = p.price_book_label;
    std::string currency;
    r.string("currency", currency);
    if (!currency.empty()) {
        if (auto c = Currency::from_code(currency)) p.currency = *c;
        else file.error("/currency", "expected a 3-letter ISO 4217 code such as USD, found \"" + currency + "\"");
    }
    for (const PolicyCount& count : kPolicyCounts) r.integer(count.key, p.*count.field, count.min, count.max);
    r.integer("reinstatement_fee_rate_bp", p.reinstatement_fee_rate.value, 0, 100000);
    r.integer("reinstatement_fee_flat_minor", p.reinstatement_fee_flat_minor, 0, kMaxMinor);
    r.integer("partner_discount_bp", p.partner_discount.value, 0, 9999);
    if (const json* caps = r.member("max_years", true)) {
        JsonFields c = file.object(*caps, "/max_years");
        c.integer("think_e", p.max_years.think_e, 1, kMaxTermYears);
        c.integer("think", p.max_years.think, 1, kMaxTermYears);
        c.integer("idea_lenovo", p.max_years.idea_lenovo, 1, kMaxTermYears);
    }
    r.date("iws_think_after", p.iws_think_after);
    r.date("iws_idea_select_after", p.iws_idea_select_after);
    r.date("iws_idea_lenovo_after", p.iws_idea_lenovo_after);
    if (const json* miles = r.array("onsite_4h_247_miles")) {
        if (miles->size() != 2)
            file.error("/onsite_4h_247_miles", "expected two distances [4-hour limit, 8-hour limit]");
        else {
            r.read_integer((*miles)[0], "/onsite_4h_247_miles/0", p.onsite_4h_247_miles[0], 1, 10000);
            r.read_integer((*miles)[1], "/onsite_4h_247_miles/1", p.onsite_4h_247_miles[1], 1, 10000);
        }
    }
    std::string school_year_end;
    r.string("school_year_end", school_year_end);
    if (!school_year_end.empty()) {
        const auto probe = Date::parse("2000-" + school_year_end);  // 2000 is leap: 02-29 allowed
        if (school_year_end.size() != 5 || !probe)
            file.error("/school_year_end", "expected a month and day MM-DD, found \"" + school_year_end + "\"");
        else {
            p.school_year_end_month = probe->ymd().month;
            p.school_year_end_day = probe->ymd().day;
        }
    }
    r.countries("iwu_countries", p.iwu_countries);
    r.countries("announced_in", p.announced_in);
    r.countries("imac_countries", p.imac_countries);
    if (const json* assumed = r.array("assumed", false)) {
        for (std::size_t i = 0; i < assumed->size(); ++i) {
            const json& a = (*assumed)[i];
            if (!a.is_string()) file.error("/assumed/" + std::to_string(i), "expected the name of a policy field");
            else if (!root.contains(a.get<std::string>()) || a.get<std::string>()[0] == '$' ||
                     a.get<std::string>() == "sample" || a.get<std::string>() == "assumed" ||
                     a.get<std::string>() == "currency" || a.get<std::string>() == "price_book_label")
                file.error("/assumed/" + std::to_string(i),
                           "names \"" + a.get<std::string>() + "\", which is not a field of this file");
            else p.assumed.push_back(a.get<std::string>());
        }
    }
}

// [SECTION] machine_types.json -------------------------------------------------------------
// The lengths a machine type's base warranty takes in listed countries of purchase (BW-COUNTRY).
void read_country_base_years(JsonFields& m, MachineType& t) {
    const json* list = m.array("base_years_by_country", detail::kOptional);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        JsonFields entry = m.child((*list)[i], m.path("base_years_by_country") + "/" + std::to_string(i));
        if (!entry.ok()) continue;
        std::vector<std::string> countries;
        int years = 0;
        entry.countries("countries", countries);
        if (!entry.integer("base_years", years, 1, kMaxTermYears)) continue;
        for (const std::string& country : countries)
            if (!t.base_years_by_country.emplace(country, years).second)
                entry.error(entry.path("countries"), "country \"" + country + "\" is given a base length twice");
        entry.report_unknown();
    }
}

void read_machine_types(FileReader& file, const json& root, Catalog& catalog) {
    JsonFields r = file.object(root, "");
    const json* list = r.array("machine_types");
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "/machine_types/" + std::to_string(i);
        JsonFields m = file.object((*list)[i], at);
        if (!m.ok()) continue;
        MachineType t;
        m.string("mt", t.mt);
        if (!t.mt.empty()) {
            const bool shape = t.mt.size() == 4 && std::all_of(t.mt.begin(), t.mt.end(), [](char c) {
                                   return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
                               });
            if (!shape)
                file.error(m.path("mt"), "expected 4 characters, digits or capital letters, found \"" + t.mt + "\"");
            else if (catalog.machine_type_index.count(t.mt))
                file.error(m.path("mt"), "duplicate machine type \"" + t.mt + "\" (first at /machine_types/" +
                                             std::to_string(catalog.machine_type_index[t.mt]) + ")");
        }
        m.string("name", t.name, true, 200);
        m.enumeration("brand", kBrands, t.brand);
        m.string("series", t.series, true, 200);
        m.enumeration("category", kCategories, t.category);
        m.string("price_class", t.price_class, true, 100);
        m.integer("base_years", t.base_years, 1, kMaxTermYears);
        m.enumeration("base_level", kLevels, t.base_level);
        m.boolean("sealed_battery", t.sealed_battery);
        m.boolean("soldered_drive", t.soldered_drive);
        m.date("announced", t.announced);
        m.boolean("education", t.education);
        m.boolean("topseller", t.topseller);
        std::int64_t price = 0;
        m.integer("reference_price", price, 0, kMaxMinor);
        t.reference_price = Money(price, catalog.policy.currency);
        m.boolean("onsite_4h_95", t.onsite_4h_95);
        m.boolean("onsite_4h_247", t.onsite_4h_247);
        m.boolean("iws_select", t.iws_select);
        m.boolean("advanced_exchange", t.advanced_exchange);
        m.boolean("external_battery", t.external_battery);
        m.boolean("lid_etchable", t.lid_etchable);
        m.countries("announced_in", t.announced_in);
        read_country_base_years(m, t);
        if (!t.mt.empty() && !catalog.machine_type_index.count(t.mt)) {
            catalog.machine_type_index[t.mt] = catalog.machine_types.size();
            catalog.machine_types.push_back(std::move(t));
        }
    }
}

// [SECTION] offerings.json -----------------------------------------------------------------
void read_offerings(FileReader& file, const json& root, Catalog& catalog) {
    JsonFields r = file.object(root, "");
    const json* list = r.array("offerings");
    if (!list) return;
    std::set<std::string> classes;
    for (const MachineType& t : catalog.machine_types) classes.insert(t.price_class);
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "/offerings/" + std::to_string(i);
        JsonFields o = file.object((*list)[i], at);
        if (!o.ok()) continue;
        Offering offering;
        o.string("id", offering.id, true, 100);
        if (catalog.offering_index.count(offering.id))
            file.error(o.path("id"), "duplicate offering id \"" + offering.id + "\" (first at /offerings/" +
                                         std::to_string(catalog.offering_index[offering.id]) + ")");
        o.string("name", offering.name, true, 200);
        o.enumeration("kind", kKinds, offering.kind);
        o.enumeration("level", kLevels, offering.level);
        o.enumeration("feature", kFeatures, offering.feature, false);
        if (const json* terms = o.array("terms")) {
            if (terms->empty())
                file.error(o.path("terms"), "expected at least one term in years ([0] for a one-off service)");
            for (std::size_t t = 0; t < terms->size(); ++t) {
                int years = 0;
                if (o.read_integer((*terms)[t], o.path("terms") + "/" + std::to_string(t), years, 0, kMaxTermYears)) {
                    if (std::find(offering.terms.begin(), offering.terms.end(), years) != offering.terms.end())
                        file.error(o.path("terms") + "/" + std::to_string(t),
                                   "term " + std::to_string(years) + " is listed twice");
                    else offering.terms.push_back(years);
                }
            }
        }
        o.string("part_prefix", offering.part_prefix, true, 20);
        o.string("group", offering.guide_group);
        if (!offering.guide_group.empty() && offering.guide_group != "Design" && offering.guide_group != "Deploy" &&
            offering.guide_group != "Support" && offering.guide_group != "Protect" &&
            offering.guide_group != "Sustainability")
            file.error(o.path("group"), "expected one of Design, Deploy, Support, Protect, Sustainability, found \"" +
                                            offering.guide_group + "\"");
        o.string("description", offering.description);
        o.string("when_to_sell", offering.when_to_sell, false);
        if (const json* points = o.array("talking_points", false)) {
            for (std::size_t p = 0; p < points->size(); ++p) {
                if (!(*points)[p].is_string())
                    file.error(o.path("talking_points") + "/" + std::to_string(p), "expected a string");
                else offering.talking_points.push_back((*points)[p].get<std::string>());
            }
        }
        o.boolean("per_unit", offering.per_unit);
        if (const json* prices = o.member("prices", true)) {
            const std::string prices_at = o.path("prices");
            if (!prices->is_object() || prices->empty())
                file.error(prices_at, "expected an object {price_class: {term: minor units}} with at least one class");
            else {
                for (auto c = prices->begin(); c != prices->end(); ++c) {
                    const std::string class_at = prices_at + "/" + c.key();
                    // Without machine types (their file failed) every class would look dangling.
                    if (c.key() != "*" && !classes.empty() && !classes.count(c.key()))
                        file.error(class_at,
                                   "price class \"" + c.key() + "\" is used by no machine type (dangling reference)");
                    if (!c.value().is_object()) {
                        file.error(class_at, "expected an object {term: minor units}");
                        continue;
                    }
                    auto& table = offering.prices[c.key()];
                    for (auto t = c.value().begin(); t != c.value().end(); ++t) {
                        const std::string term_at = class_at + "/" + t.key();
                        int years = -1;
                        if (t.key().size() <= 2 && !t.key().empty() &&
                            std::all_of(t.key().begin(), t.key().end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                            years = std::stoi(t.key());
                        if (years < 0 ||
                            std::find(offering.terms.begin(), offering.terms.end(), years) == offering.terms.end()) {
                            file.error(term_at,
                                       "price for term \"" + t.key() + "\", which is not in this offering's terms");
                            continue;
                        }
                        std::int64_t minor = 0;
                        if (o.read_integer(t.value(), term_at, minor, 0, kMaxMinor)) table[years] = minor;
                    }
                    for (int years : offering.terms)
                        if (!c.value().contains(std::to_string(years)))
                            file.error(class_at, "price table misses term " + std::to_string(years) +
                                                     " (every term of \"terms\" needs a price)");
                }
            }
        }
        const bool needs_level = offering.kind == OfferKind::Extension || offering.kind == OfferKind::PostWarranty ||
                                 offering.kind == OfferKind::Reinstatement ||
                                 (offering.kind == OfferKind::Upgrade && offering.feature == Feature::None);
        if (needs_level && !offering.level)
            file.error(at, "a " + std::string(to_string(offering.kind)) + " offering needs a \"level\"");
        if (!offering.id.empty() && !catalog.offering_index.count(offering.id)) {
            catalog.offering_index[offering.id] = catalog.offerings.size();
            catalog.offerings.push_back(std::move(offering));
        }
    }
}

// [SECTION] programs.json --------------------------------------------------------------------
// A list of enumeration values: an array of known names, none twice.
template <typename E, std::size_t N>
void read_enum_list(JsonFields& r, const std::string& key, const EnumNames<E, N>& names, std::vector<E>& out,
                    bool required) {
    const json* list = r.array(key, required);
    if (!list) return;
    if (list->empty()) r.error(r.path(key), "expected at least one of " + names.list());
    for (std::size_t i = 0; i < list->size(); ++i) {
        E value{};
        if (!r.read_enum((*list)[i], r.path(key) + "/" + std::to_string(i), names, value)) continue;
        if (std::find(out.begin(), out.end(), value) != out.end())
            r.error(r.path(key) + "/" + std::to_string(i),
                    "\"" + std::string(names.name(value)) + "\" is listed twice");
        else out.push_back(value);
    }
}

LineFilter read_line_filter(JsonFields& fr) {
    LineFilter filter;
    read_enum_list(fr, "groups", kLineGroups, filter.groups, true);
    bool topseller = false;
    if (fr.member("topseller", false)) {
        fr.boolean("topseller", topseller);
        filter.topseller = topseller;
    }
    read_enum_list(fr, "brands", kBrands, filter.brands, false);
    read_enum_list(fr, "categories", kCategories, filter.categories, false);
    if (const json* prefixes = fr.array("series_prefixes", false)) {
        if (prefixes->empty())
            fr.error(fr.path("series_prefixes"), "expected at least one series name such as \"ThinkPad\"");
        for (std::size_t i = 0; i < prefixes->size(); ++i) {
            const json& p = (*prefixes)[i];
            const std::string at = fr.path("series_prefixes") + "/" + std::to_string(i);
            if (!p.is_string() || p.get_ref<const std::string&>().empty() ||
                p.get_ref<const std::string&>().size() > 100 || p.get_ref<const std::string&>().back() == ' ')
                fr.error(at, "expected a series name of 1 to 100 characters, not ending in a space, found " +
                                 detail::shown_value(p));
            else filter.series_prefixes.push_back(p.get<std::string>());
        }
    }
    fr.integer("unit_price_min", filter.unit_price_min, 0, kMaxMinor);
    fr.integer("unit_price_max", filter.unit_price_max, 0, kMaxMinor);
    if (filter.unit_price_min && filter.unit_price_max && *filter.unit_price_max < *filter.unit_price_min)
        fr.error(fr.path("unit_price_max"),
                 "is below unit_price_min (" + std::to_string(*filter.unit_price_min) + "): no price could match");
    return filter;
}

// "unit_allocation": {"without_purchases": units, "bands": [{"purchases_from_minor": 0, "units": n}, ...]}
std::optional<UnitAllocation> read_unit_allocation(JsonFields& p) {
    const json* j = p.member("unit_allocation", false);
    if (!j) return std::nullopt;
    JsonFields a = p.child(*j, p.path("unit_allocation"));
    if (!a.ok()) return std::nullopt;
    UnitAllocation allocation;
    a.integer("without_purchases", allocation.without_purchases, 0, 1000000);
    if (const json* bands = a.array("bands")) {
        if (bands->empty())
            a.error(a.path("bands"), "expected at least one band, the first from purchases_from_minor 0");
        for (std::size_t b = 0; b < bands->size(); ++b) {
            const std::string at = a.path("bands") + "/" + std::to_string(b);
            JsonFields br = a.child((*bands)[b], at);
            if (!br.ok()) continue;
            AllocationBand band;
            if (!br.integer("purchases_from_minor", band.purchases_from_minor, 0, kMaxMinor)) continue;
            br.integer("units", band.units, 0, 1000000);
            if (allocation.bands.empty() && band.purchases_from_minor != 0)
                a.error(br.path("purchases_from_minor"),
                        "the first band must start at 0 so every purchase amount has a band, found " +
                            std::to_string(band.purchases_from_minor));
            else if (!allocation.bands.empty() &&
                     band.purchases_from_minor <= allocation.bands.back().purchases_from_minor)
                a.error(br.path("purchases_from_minor"),
                        "expected more than the previous band's " +
                            std::to_string(allocation.bands.back().purchases_from_minor) + " (bands ascend), found " +
                            std::to_string(band.purchases_from_minor));
            allocation.bands.push_back(band);
        }
    }
    return allocation;
}

void read_programs(FileReader& file, const json& root, Catalog& catalog) {
    static const std::set<std::string> kProgramRules = {"NCB", "DEAL-REG", "REBATE", "VOL-DISC", "SPIFF", "PDP"};
    JsonFields r = file.object(root, "");
    const json* tables = r.array("tables");
    if (!tables) return;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < tables->size(); ++i) {
        const std::string at = "/tables/" + std::to_string(i);
        JsonFields t = file.object((*tables)[i], at);
        if (!t.ok()) continue;
        ProgramTable table;
        t.string("id", table.id, true, 100);
        if (!ids.insert(table.id).second) file.error(t.path("id"), "duplicate program table id \"" + table.id + "\"");
        t.date("effective_from", table.effective_from);
        t.optional_date("effective_until", table.effective_until);
        if (table.effective_until && *table.effective_until < table.effective_from)
            file.error(t.path("effective_until"),
                       "ends before it starts (effective_from " + table.effective_from.to_string() + ")");
        t.string("stacking_note", table.stacking_note, false);
        if (const json* exclusive = t.array("exclusive", false)) {
            for (std::size_t e = 0; e < exclusive->size(); ++e) {
                const json& pair = (*exclusive)[e];
                const std::string pair_at = t.path("exclusive") + "/" + std::to_string(e);
                if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
                    file.error(pair_at, "expected a pair of program rule IDs [\"NCB\", \"DEAL-REG\"]");
                    continue;
                }
                for (int k = 0; k < 2; ++k)
                    if (!kProgramRules.count(pair[static_cast<std::size_t>(k)].get<std::string>()))
                        file.error(
                            pair_at + "/" + std::to_string(k),
                            "unknown program rule \"" + pair[static_cast<std::size_t>(k)].get<std::string>() + "\"");
                table.exclusive.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
            }
        }
        // Components sharing a cap pool must agree on the cap: pool name -> (cap, where it was first stated).
        std::map<std::string, std::pair<std::optional<std::int64_t>, std::string>> pools;
        if (const json* components = t.array("components")) {
            for (std::size_t c = 0; c < components->size(); ++c) {
                const std::string component_at = t.path("components") + "/" + std::to_string(c);
                JsonFields p = file.object((*components)[c], component_at);
                if (!p.ok()) continue;
                ProgramComponent component;
                p.string("rule", component.rule, true, 20);
                if (!component.rule.empty() && !kProgramRules.count(component.rule))
                    file.error(p.path("rule"), "expected one of NCB, DEAL-REG, REBATE, VOL-DISC, SPIFF, PDP, found \"" +
                                                   component.rule + "\"");
                p.string("name", component.name, true, 200);
                std::string basis;
                p.string("basis", basis);
                if (basis == "units") component.basis = ProgramBasis::Units;
                else if (basis == "partner_price") component.basis = ProgramBasis::PartnerPrice;
                else if (!basis.empty())
                    file.error(p.path("basis"), "expected partner_price or units, found \"" + basis + "\"");
                p.integer("rate_bp", component.rate.value, 0, 10000, component.basis == ProgramBasis::PartnerPrice);
                p.integer("per_unit_minor", component.per_unit_minor, 0, kMaxMinor,
                          component.basis == ProgramBasis::Units);
                p.boolean("opt_in", component.opt_in);
                p.boolean("new_customer_only", component.new_customer_only);
                p.countries("partner_countries", component.partner_countries);
                std::string counted;
                p.string("units_counted", counted, false, 20);
                if (counted == "devices") component.units_counted = UnitCount::Devices;
                else if (counted == "lines" || counted.empty()) component.units_counted = UnitCount::Lines;
                else file.error(p.path("units_counted"), "expected lines or devices, found \"" + counted + "\"");
                p.integer("quote_units_min", component.quote_units_min, 0, 100000000);
                p.integer("quote_units_max", component.quote_units_max, 0, 100000000);
                if (component.quote_units_min && component.quote_units_max &&
                    *component.quote_units_max < *component.quote_units_min)
                    file.error(p.path("quote_units_max"), "is below quote_units_min (" +
                                                              std::to_string(*component.quote_units_min) +
                                                              "): no quote could qualify");
                component.unit_allocation = read_unit_allocation(p);
                p.integer("cap_minor", component.cap_minor, 0, kMaxMinor);
                p.string("cap_pool", component.cap_pool, false, 100);
                if (!component.cap_pool.empty()) {
                    const auto [it, first] = pools.try_emplace(component.cap_pool, component.cap_minor, component.name);
                    if (!component.cap_minor)
                        file.error(p.path("cap_pool"),
                                   "a component in cap pool \"" + component.cap_pool + "\" needs a \"cap_minor\"");
                    else if (!first && it->second.first && *it->second.first != *component.cap_minor)
                        file.error(p.path("cap_minor"),
                                   "cap pool \"" + component.cap_pool + "\" is capped at " +
                                       std::to_string(*it->second.first) + " by \"" + it->second.second +
                                       "\"; every component of the pool must state the same cap, found " +
                                       std::to_string(*component.cap_minor));
                }
                p.integer("round_to_minor", component.round_to_minor, 1, 1000000, false);
                p.string("note", component.note, false);
                if (const json* filters = p.array("applies_to")) {
                    if (filters->empty()) file.error(p.path("applies_to"), "expected at least one filter");
                    for (std::size_t f = 0; f < filters->size(); ++f) {
                        JsonFields fr = file.object((*filters)[f], p.path("applies_to") + "/" + std::to_string(f));
                        if (!fr.ok()) continue;
                        component.applies_to.push_back(read_line_filter(fr));
                    }
                }
                table.components.push_back(std::move(component));
            }
        }
        catalog.program_tables.push_back(std::move(table));
    }
    // Overlapping effective dates would make the table of a quote ambiguous.
    for (std::size_t a = 0; a < catalog.program_tables.size(); ++a)
        for (std::size_t b = a + 1; b < catalog.program_tables.size(); ++b) {
            const ProgramTable& x = catalog.program_tables[a];
            const ProgramTable& y = catalog.program_tables[b];
            const bool x_before_y = x.effective_until && *x.effective_until < y.effective_from;
            const bool y_before_x = y.effective_until && *y.effective_until < x.effective_from;
            if (!x_before_y && !y_before_x)
                file.error("/tables/" + std::to_string(b) + "/effective_from",
                           "effective dates of \"" + y.id + "\" overlap those of \"" + x.id +
                               "\" (each day must have one program table)");
        }
}

// [SECTION] recommendations.json ------------------------------------------------------------
void read_recommendations(FileReader& file, const json& root, Catalog& catalog) {
    JsonFields r = file.object(root, "");
    const json* segments = r.array("segments");
    if (!segments) return;
    std::set<Segment> seen;
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const std::string at = "/segments/" + std::to_string(i);
        JsonFields s = file.object((*segments)[i], at);
        if (!s.ok()) continue;
        SegmentRecommendation rec;
        if (s.enumeration("segment", kSegments, rec.segment) && !seen.insert(rec.segment).second)
            file.error(s.path("segment"), "segment \"" + std::string(to_string(rec.segment)) + "\" appears twice");
        if (const json* tiers = s.array("tiers")) {
            for (std::size_t t = 0; t < tiers->size(); ++t) {
                JsonFields tr = file.object((*tiers)[t], s.path("tiers") + "/" + std::to_string(t));
                if (!tr.ok()) continue;
                RecommendationTier tier;
                tr.string("tier", tier.tier, true, 20);
                if (!tier.tier.empty() && tier.tier != "good" && tier.tier != "better" && tier.tier != "best")
                    file.error(tr.path("tier"), "expected good, better or best, found \"" + tier.tier + "\"");
                tr.string("pitch", tier.pitch, false);
                if (const json* wants = tr.array("wants")) {
                    for (std::size_t w = 0; w < wants->size(); ++w) {
                        JsonFields wr = file.object((*wants)[w], tr.path("wants") + "/" + std::to_string(w));
                        if (!wr.ok()) continue;
                        RecommendationWant want;
                        wr.enumeration("kind", kKinds, want.kind);
                        wr.enumeration("min_level", kLevels, want.min_level);
                        wr.enumeration("feature", kFeatures, want.feature);
                        tier.wants.push_back(want);
                    }
                }
                rec.tiers.push_back(std::move(tier));
            }
        }
        catalog.recommendations.push_back(std::move(rec));
    }
}

std::string_view base_name(std::string_view path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

// [SECTION] Entry point -----------------------------------------------------------------------
CatalogLoadResult load_catalog(const std::vector<CatalogSource>& sources) {
    CatalogLoadResult result;
    Catalog catalog;
    using Reader = void (*)(FileReader&, const json&, Catalog&);
    const std::array<Reader, kCatalogFiles.size()> readers = {read_policy, read_machine_types, read_offerings,
                                                              read_programs, read_recommendations};
    for (std::size_t f = 0; f < kCatalogFiles.size(); ++f) {
        const CatalogSource* source = nullptr;
        for (const CatalogSource& s : sources)
            if (base_name(s.file) == kCatalogFiles[f]) source = &s;
        if (!source) {
            result.errors.push_back({std::string(kCatalogFiles[f]), "", 0, "file is missing from the catalog"});
            continue;
        }
        if (source->text.size() > kMaxCatalogFileBytes) {
            result.errors.push_back({source->file, "", 0,
                                     "the file has " + std::to_string(source->text.size()) + " bytes; the limit is " +
                                         std::to_string(kMaxCatalogFileBytes) + " bytes"});
            continue;
        }
        FileReader file{*source, result.errors};
        // Deep nesting would parse, but dumping it into an error message recurses per level.
        if (const std::size_t deep = detail::find_excess_nesting(source->text); deep != std::string_view::npos) {
            result.errors.push_back({source->file, "", detail::line_of_offset(source->text, deep),
                                     "not valid JSON: arrays or objects nested deeper than " +
                                         std::to_string(detail::kMaxJsonDepth) + " levels"});
            continue;
        }
        json root = json::parse(source->text, nullptr, /*allow_exceptions=*/false);
        if (root.is_discarded()) {
            const detail::JsonSyntaxError stop = detail::json_syntax_error(source->text);
            std::string message = stop.message;
            const auto colon = message.find("syntax error");
            if (colon != std::string::npos) message = message.substr(colon);
            result.errors.push_back(
                {source->file, "", detail::line_of_offset(source->text, stop.offset), "not valid JSON: " + message});
            continue;
        }
        readers[f](file, root, catalog);
    }
    // Cross-file references.
    if (result.errors.empty()) {
        if (catalog.machine_types.empty())
            result.errors.push_back({"machine_types.json", "/machine_types", 0, "the catalog lists no machine type"});
        if (catalog.program_tables.empty())
            result.errors.push_back({"programs.json", "/tables", 0, "the catalog has no program table"});
    }
    if (result.errors.empty()) result.catalog = std::move(catalog);
    return result;
}

}  // namespace apos
