// Catalog loading: the sample loads clean; each broken catalog is reported with file, JSON pointer, line and a clear
// message; lookups on the sample.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/catalog.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::ordered_json;
using test::date;

// ---- Helpers ------------------------------------------------------------------------------------

// One change to one catalog file, made on its parsed JSON (key order kept).
struct Edit {
    std::string file;
    std::function<void(ordered_json&)> change;
};

CatalogSource& source_named(std::vector<CatalogSource>& sources, const std::string& file) {
    for (CatalogSource& s : sources)
        if (s.file == file) return s;
    ADD_FAILURE() << "no source " << file;
    return sources.front();
}

// The sample sources with `edits` applied; edited files are re-dumped with indent 2 so that
// every key sits on its own line.
std::vector<CatalogSource> edited_sources(const std::vector<Edit>& edits) {
    std::vector<CatalogSource> sources = test::sample_sources();
    for (const Edit& edit : edits) {
        CatalogSource& source = source_named(sources, edit.file);
        ordered_json j = ordered_json::parse(source.text);
        edit.change(j);
        source.text = j.dump(2);
    }
    return sources;
}

std::string all_errors(const std::vector<CatalogError>& errors) {
    std::string text;
    for (const CatalogError& e : errors) text += "\n  " + e.to_string();
    return text.empty() ? " (none)" : text;
}

const CatalogError* find_error(const std::vector<CatalogError>& errors, const std::string& file,
                               const std::string& path) {
    for (const CatalogError& e : errors)
        if (e.file == file && e.path == path) return &e;
    return nullptr;
}

std::string line_text(const std::string& text, int line) {
    int at = 1;
    std::size_t start = 0;
    while (at < line) {
        start = text.find('\n', start);
        if (start == std::string::npos) return "";
        ++start;
        ++at;
    }
    const std::size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

int line_of(const std::string& text, std::size_t offset) {
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// ---- The sample catalog ------------------------------------------------------------------------------

TEST(CatalogSample, LoadsWithNoError) {
    const CatalogLoadResult result = load_catalog(test::sample_sources());
    EXPECT_TRUE(result.errors.empty()) << all_errors(result.errors);
    ASSERT_TRUE(result.catalog.has_value());
    const Catalog& c = *result.catalog;
    EXPECT_EQ(c.machine_types.size(), 39u);
    EXPECT_EQ(c.offerings.size(), 53u);
    EXPECT_EQ(c.program_tables.size(), 2u);
    EXPECT_EQ(c.recommendations.size(), 5u);
    EXPECT_EQ(c.policy.currency.code_view(), "USD");
    EXPECT_EQ(c.policy.assumed.size(), 8u);
    EXPECT_EQ(c.label, c.policy.price_book_label);
    EXPECT_EQ(c.machine_type_index.size(), c.machine_types.size());
    EXPECT_EQ(c.offering_index.size(), c.offerings.size());
}

TEST(CatalogSample, ReDumpingTheSampleWithIndent2StillLoads) {
    // The broken-catalog cases below re-dump files; this proves the re-dump alone breaks nothing.
    std::vector<Edit> edits;
    for (std::string_view name : kCatalogFiles) edits.push_back({std::string(name), [](ordered_json&) {}});
    const CatalogLoadResult result = load_catalog(edited_sources(edits));
    EXPECT_TRUE(result.errors.empty()) << all_errors(result.errors);
}

// ---- One fault per catalog: where and what ---------------------------------------------------------------

struct FaultCase {
    std::string name;                        // test name
    std::vector<Edit> edits;                 // the fault seeded into the sample
    std::string file;                        // expected error: file
    std::string path;                        //   JSON pointer
    std::string line_holds;                  //   text the reported line must contain
    std::vector<std::string> message_words;  // words the message must contain
    std::size_t error_count = 1;             // the fault is the only error
};

std::ostream& operator<<(std::ostream& out, const FaultCase& c) {
    return out << c.name << " (" << c.file << " " << c.path << ")";
}

std::vector<FaultCase> fault_cases() {
    return {
        {"UnknownFieldInMachineType",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][2]["colour"] = "black"; }}},
         "machine_types.json",
         "/machine_types/2/colour",
         "\"colour\"",
         {"unknown field", "colour", "known fields"}},
        {"DuplicateMachineType",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"].push_back(j["machine_types"][0]); }}},
         "machine_types.json",
         "/machine_types/39/mt",
         "\"21HD\"",
         {"duplicate machine type", "21HD", "/machine_types/0"}},
        {"CountryOfPurchaseGivenTwoLengths",
         {{"machine_types.json",
           [](ordered_json& j) {
               j["machine_types"][0]["base_years_by_country"].push_back({{"countries", {"IN"}}, {"base_years", 2}});
           }}},
         "machine_types.json",
         "/machine_types/0/base_years_by_country/1/countries",
         "\"countries\"",
         {"IN", "twice"}},
        {"CountryBaseLengthOfZeroYears",
         {{"machine_types.json",
           [](ordered_json& j) { j["machine_types"][0]["base_years_by_country"][0]["base_years"] = 0; }}},
         "machine_types.json",
         "/machine_types/0/base_years_by_country/0/base_years",
         "\"base_years\"",
         {"whole number from 1", "0"}},
        {"MachineTypeOfBadShape",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][1]["mt"] = "21f6"; }}},
         "machine_types.json",
         "/machine_types/1/mt",
         "\"21f6\"",
         {"4 characters", "21f6"}},
        {"MissingRequiredField",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][3].erase("name"); }}},
         "machine_types.json",
         "/machine_types/3",
         "{",
         {"missing field", "name"}},
        {"DuplicateOfferingId",
         {{"offerings.json", [](ordered_json& j) { j["offerings"].push_back(j["offerings"][0]); }}},
         "offerings.json",
         "/offerings/53/id",
         "\"ext-mail-in\"",
         {"duplicate offering id", "ext-mail-in", "/offerings/0"}},
        {"DanglingPriceClass",
         {{"offerings.json",
           [](ordered_json& j) {
               j["offerings"][0]["prices"]["ideapd"] = {{"2", 5700}, {"3", 7900}};
           }}},
         "offerings.json",
         "/offerings/0/prices/ideapd",
         "\"ideapd\"",
         {"price class", "ideapd", "used by no machine type", "dangling"}},
        {"PriceTableMissingATerm",
         {{"offerings.json", [](ordered_json& j) { j["offerings"][0]["prices"]["ideapad"].erase("3"); }}},
         "offerings.json",
         "/offerings/0/prices/ideapad",
         "\"ideapad\"",
         {"misses term 3"}},
        {"PriceForATermTheOfferingDoesNotHave",
         {{"offerings.json", [](ordered_json& j) { j["offerings"][0]["prices"]["ideapad"]["4"] = 9900; }}},
         "offerings.json",
         "/offerings/0/prices/ideapad/4",
         "\"4\"",
         {"term \"4\"", "not in this offering's terms"}},
        {"NegativePrice",
         {{"offerings.json", [](ordered_json& j) { j["offerings"][0]["prices"]["ideapad"]["2"] = -1; }}},
         "offerings.json",
         "/offerings/0/prices/ideapad/2",
         "\"2\"",
         {"whole number from 0", "-1"}},
        {"ExtensionWithoutLevel",
         {{"offerings.json", [](ordered_json& j) { j["offerings"][1].erase("level"); }}},
         "offerings.json",
         "/offerings/1",
         "{",
         {"extension offering needs a \"level\""}},
        {"OverlappingProgramTables",
         {{"programs.json", [](ordered_json& j) { j["tables"][1]["effective_from"] = "2026-06-30"; }}},
         "programs.json",
         "/tables/1/effective_from",
         "\"2026-06-30\"",
         {"overlap", "2026-H2-programs", "2017-programs"}},
        {"OpenEndedTableOverlapsALaterOne",
         {{"programs.json", [](ordered_json& j) { j["tables"][0].erase("effective_until"); }}},
         "programs.json",
         "/tables/1/effective_from",
         "\"effective_from\"",
         {"overlap"}},
        {"EffectiveUntilBeforeEffectiveFrom",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["effective_until"] = "2016-12-31"; }}},
         "programs.json",
         "/tables/0/effective_until",
         "\"2016-12-31\"",
         {"ends before it starts", "2017-01-01"}},
        {"BadDateInAnnounced",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][0]["announced"] = "2025-02-30"; }}},
         "machine_types.json",
         "/machine_types/0/announced",
         "\"announced\"",
         {"calendar date YYYY-MM-DD", "2025-02-30"}},
        {"StringForBaseYears",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][0]["base_years"] = "3"; }}},
         "machine_types.json",
         "/machine_types/0/base_years",
         "\"base_years\"",
         {"whole number from 1 to 10", "found \"3\""}},
        {"BaseYearsOutOfRange",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][0]["base_years"] = 11; }}},
         "machine_types.json",
         "/machine_types/0/base_years",
         "\"base_years\"",
         {"whole number from 1 to 10", "11"}},
        {"BrandNotAllowed",
         {{"machine_types.json", [](ordered_json& j) { j["machine_types"][0]["brand"] = "apple"; }}},
         "machine_types.json",
         "/machine_types/0/brand",
         "\"apple\"",
         {"expected one of think, idea, lenovo, chromebook", "\"apple\""}},
        {"UnknownProgramRuleInComponents",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][0]["rule"] = "CASHBACK"; }}},
         "programs.json",
         "/tables/0/components/0/rule",
         "\"CASHBACK\"",
         {"NCB", "CASHBACK"}},
        {"UnknownProgramRuleInExclusivePair",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["exclusive"][0][1] = "FOO"; }}},
         "programs.json",
         "/tables/0/exclusive/0/1",
         "\"FOO\"",
         {"unknown program rule", "FOO"}},
        // programs.json: the filters, counting, allocation and cap pools the letters need. Table 0's
        // components: 0 NCB client, 4 REBATE below $650, 8 VOL-DISC Think systems, 11 VOL-DISC services
        // and visuals, 13 SPIFF services, 14 PDP client.
        {"ProgramFilterUnknownBrand",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][0]["applies_to"][0]["brands"][0] = "apple"; }}},
         "programs.json",
         "/tables/0/components/0/applies_to/0/brands/0",
         "\"apple\"",
         {"expected one of think, idea, lenovo, chromebook", "\"apple\""}},
        {"ProgramFilterBrandListedTwice",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][0]["applies_to"][0]["brands"].push_back("think"); }}},
         "programs.json",
         "/tables/0/components/0/applies_to/0/brands/1",
         "\"think\"",
         {"\"think\"", "twice"}},
        {"ProgramFilterUnknownCategory",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][14]["applies_to"][0]["categories"][0] = "mainframe"; }}},
         "programs.json",
         "/tables/0/components/14/applies_to/0/categories/0",
         "\"mainframe\"",
         {"expected one of notebook", "\"mainframe\""}},
        {"ProgramFilterEmptyCategories",
         {{"programs.json",
           [](ordered_json& j) {
               j["tables"][0]["components"][14]["applies_to"][0]["categories"] = ordered_json::array();
           }}},
         "programs.json",
         "/tables/0/components/14/applies_to/0/categories",
         "\"categories\"",
         {"at least one of notebook"}},
        {"ProgramFilterEmptySeriesPrefix",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][8]["applies_to"][0]["series_prefixes"][0] = ""; }}},
         "programs.json",
         "/tables/0/components/8/applies_to/0/series_prefixes/0",
         "\"\"",
         {"series name of 1 to 100 characters", "\"\""}},
        {"ProgramFilterSeriesPrefixEndsInSpace",
         {{"programs.json",
           [](ordered_json& j) {
               j["tables"][0]["components"][8]["applies_to"][0]["series_prefixes"][0] = "ThinkPad ";
           }}},
         "programs.json",
         "/tables/0/components/8/applies_to/0/series_prefixes/0",
         "\"ThinkPad \"",
         {"not ending in a space", "\"ThinkPad \""}},
        {"ProgramFilterSeriesPrefixesNotAList",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][8]["applies_to"][0]["series_prefixes"] = "ThinkPad"; }}},
         "programs.json",
         "/tables/0/components/8/applies_to/0/series_prefixes",
         "\"series_prefixes\"",
         {"expected an array", "a string"}},
        {"ProgramFilterPriceRangeInverted",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][4]["applies_to"][0]["unit_price_min"] = 70000; }}},
         "programs.json",
         "/tables/0/components/4/applies_to/0/unit_price_max",
         "\"unit_price_max\"",
         {"below unit_price_min", "70000"}},
        {"ProgramUnknownUnitCount",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][11]["units_counted"] = "services"; }}},
         "programs.json",
         "/tables/0/components/11/units_counted",
         "\"services\"",
         {"lines or devices", "\"services\""}},
        {"ProgramUnitRangeInverted",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][8]["quote_units_min"] = 2000; }}},
         "programs.json",
         "/tables/0/components/8/quote_units_max",
         "\"quote_units_max\"",
         {"below quote_units_min", "2000"}},
        {"ProgramAllocationFirstBandNotFromZero",
         {{"programs.json",
           [](ordered_json& j) {
               j["tables"][0]["components"][14]["unit_allocation"]["bands"][0]["purchases_from_minor"] = 100;
           }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation/bands/0/purchases_from_minor",
         "\"purchases_from_minor\"",
         {"first band must start at 0", "100"}},
        {"ProgramAllocationBandsNotAscending",
         {{"programs.json",
           [](ordered_json& j) {
               j["tables"][0]["components"][14]["unit_allocation"]["bands"][2]["purchases_from_minor"] = 1000000;
           }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation/bands/2/purchases_from_minor",
         "\"purchases_from_minor\"",
         {"more than the previous band's 1000000", "found 1000000"}},
        {"ProgramAllocationNegativeUnits",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][14]["unit_allocation"]["bands"][1]["units"] = -2; }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation/bands/1/units",
         "\"units\"",
         {"whole number from 0 to 1000000", "-2"}},
        {"ProgramAllocationWithoutPurchasesMissing",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][14]["unit_allocation"].erase("without_purchases"); }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation",
         "\"unit_allocation\"",
         {"missing field", "without_purchases"}},
        {"ProgramAllocationNoBands",
         {{"programs.json",
           [](ordered_json& j) {
               j["tables"][0]["components"][14]["unit_allocation"]["bands"] = ordered_json::array();
           }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation/bands",
         "\"bands\"",
         {"at least one band"}},
        {"ProgramAllocationUnknownField",
         {{"programs.json",
           [](ordered_json& j) { j["tables"][0]["components"][14]["unit_allocation"]["per_quarter"] = 2; }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation/per_quarter",
         "\"per_quarter\"",
         {"unknown field", "without_purchases, bands"}},
        {"ProgramAllocationNotAnObject",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][14]["unit_allocation"] = 4; }}},
         "programs.json",
         "/tables/0/components/14/unit_allocation",
         "\"unit_allocation\"",
         {"expected an object", "a number"}},
        {"ProgramCapPoolWithoutCap",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][13].erase("cap_minor"); }}},
         "programs.json",
         "/tables/0/components/13/cap_pool",
         "\"cap_pool\"",
         {"\"spiff-per-rep\"", "needs a \"cap_minor\""}},
        {"ProgramCapPoolCapsDisagree",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][13]["cap_minor"] = 500000; }}},
         "programs.json",
         "/tables/0/components/13/cap_minor",
         "\"cap_minor\"",
         {"\"spiff-per-rep\"", "1000000", "same cap", "500000"}},
        {"ProgramCapPoolNotAString",
         {{"programs.json", [](ordered_json& j) { j["tables"][0]["components"][13]["cap_pool"] = 5; }}},
         "programs.json",
         "/tables/0/components/13/cap_pool",
         "\"cap_pool\"",
         {"expected a string", "a number"}},
        {"AssumedNamesAFieldThatDoesNotExist",
         {{"policy.json", [](ordered_json& j) { j["assumed"].push_back("warp_speed"); }}},
         "policy.json",
         "/assumed/8",
         "\"warp_speed\"",
         {"warp_speed", "not a field"}},
        {"NegativePointOfSaleDays",
         {{"policy.json", [](ordered_json& j) { j["point_of_sale_days"] = -1; }}},
         "policy.json",
         "/point_of_sale_days",
         "\"point_of_sale_days\"",
         {"whole number from 0 to 3650", "-1"}},
        {"LowerCaseCurrency",
         {{"policy.json", [](ordered_json& j) { j["currency"] = "usd"; }}},
         "policy.json",
         "/currency",
         "\"usd\"",
         {"ISO 4217", "usd"}},
        {"BadSchoolYearEnd",
         {{"policy.json", [](ordered_json& j) { j["school_year_end"] = "02-30"; }}},
         "policy.json",
         "/school_year_end",
         "\"02-30\"",
         {"MM-DD", "02-30"}},
        {"DuplicateRecommendationSegment",
         {{"recommendations.json", [](ordered_json& j) { j["segments"][1]["segment"] = "education"; }}},
         "recommendations.json",
         "/segments/1/segment",
         "\"education\"",
         {"education", "twice"}},
        {"UnknownRecommendationTier",
         {{"recommendations.json", [](ordered_json& j) { j["segments"][0]["tiers"][0]["tier"] = "premium"; }}},
         "recommendations.json",
         "/segments/0/tiers/0/tier",
         "\"premium\"",
         {"good, better or best", "premium"}},
    };
}

class CatalogFault : public testing::TestWithParam<FaultCase> {};

TEST_P(CatalogFault, IsReportedWithFilePointerLineAndMessage) {
    const FaultCase& c = GetParam();
    const std::vector<CatalogSource> sources = edited_sources(c.edits);
    const CatalogLoadResult result = load_catalog(sources);
    EXPECT_FALSE(result.catalog.has_value()) << "a broken catalog must not load";
    const CatalogError* error = find_error(result.errors, c.file, c.path);
    ASSERT_NE(error, nullptr) << "no error at " << c.file << " " << c.path << "; got:" << all_errors(result.errors);
    EXPECT_EQ(result.errors.size(), c.error_count) << all_errors(result.errors);
    ASSERT_GT(error->line, 0) << error->to_string();
    std::vector<CatalogSource> copy = sources;
    const std::string line = line_text(source_named(copy, c.file).text, error->line);
    EXPECT_NE(line.find(c.line_holds), std::string::npos)
        << error->to_string() << "\n  line " << error->line << " is: " << line
        << "\n  expected it to hold: " << c.line_holds;
    for (const std::string& word : c.message_words)
        EXPECT_NE(error->message.find(word), std::string::npos)
            << error->to_string() << "\n  expected the words: " << word;
    EXPECT_EQ(error->to_string(), c.file + ":" + std::to_string(error->line) + ": " + c.path + ": " + error->message);
}

INSTANTIATE_TEST_SUITE_P(BrokenCatalogs, CatalogFault, testing::ValuesIn(fault_cases()),
                         [](const testing::TestParamInfo<FaultCase>& param_info) { return param_info.param.name; });

// ---- Faults edited straight into the shipped text (original formatting) ----------------------------------

TEST(CatalogFaultInOriginalText, LineIsTheLineOfTheOffendingValue) {
    std::vector<CatalogSource> sources = test::sample_sources();
    CatalogSource& types = source_named(sources, "machine_types.json");
    // The third machine type's base_years becomes a string, in the file's own layout (found after
    // its price_class, since base_years_by_country entries hold a base_years of their own).
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) at = types.text.find("\"price_class\":", at + 1);
    at = types.text.find("\"base_years\":", at);
    ASSERT_NE(at, std::string::npos);
    const std::size_t value = types.text.find_first_of("0123456789", at);
    types.text.insert(value + 1, "\"");
    types.text.insert(value, "\"");
    const CatalogLoadResult result = load_catalog(sources);
    const CatalogError* error = find_error(result.errors, "machine_types.json", "/machine_types/2/base_years");
    ASSERT_NE(error, nullptr) << all_errors(result.errors);
    EXPECT_EQ(result.errors.size(), 1u) << all_errors(result.errors);
    EXPECT_EQ(error->line, line_of(types.text, at));
}

TEST(CatalogInvalidJson, TruncatedFileIsReportedWithTheLineWhereParsingStopped) {
    std::vector<CatalogSource> sources = test::sample_sources();
    CatalogSource& offerings = source_named(sources, "offerings.json");
    const std::size_t cut = offerings.text.find("\"ext-onsite-nbd\"");
    ASSERT_NE(cut, std::string::npos);
    offerings.text.resize(cut + 6);  // ends inside a string, mid-line
    const int last_line = line_of(offerings.text, offerings.text.size() - 1);
    const CatalogLoadResult result = load_catalog(sources);
    EXPECT_FALSE(result.catalog.has_value());
    ASSERT_EQ(result.errors.size(), 1u) << all_errors(result.errors);
    const CatalogError& e = result.errors[0];
    EXPECT_EQ(e.file, "offerings.json");
    EXPECT_EQ(e.line, last_line) << e.to_string();
    EXPECT_NE(e.message.find("not valid JSON"), std::string::npos) << e.to_string();
}

TEST(CatalogInvalidJson, MissingCommaIsReportedAtOrJustAfterItsLine) {
    std::vector<CatalogSource> sources = test::sample_sources();
    CatalogSource& offerings = source_named(sources, "offerings.json");
    const std::size_t at = offerings.text.find("\"kind\": \"extension\",");
    ASSERT_NE(at, std::string::npos);
    const std::size_t comma = offerings.text.find(',', at);
    offerings.text.erase(comma, 1);
    const int line = line_of(offerings.text, at);
    const CatalogLoadResult result = load_catalog(sources);
    ASSERT_EQ(result.errors.size(), 1u) << all_errors(result.errors);
    const CatalogError& e = result.errors[0];
    EXPECT_EQ(e.file, "offerings.json");
    EXPECT_GE(e.line, line) << e.to_string();
    EXPECT_LE(e.line, line + 1) << e.to_string();
    EXPECT_NE(e.message.find("not valid JSON"), std::string::npos) << e.to_string();
}

// A machine_types.json that cannot be read leaves no price classes; the offerings' classes are
// then not "dangling" — they are unknown because of the first error, which should stand alone.
TEST(CatalogInvalidJson, UnreadableMachineTypesDoesNotFloodOfferingsWithDanglingClasses) {
    std::vector<CatalogSource> sources = test::sample_sources();
    CatalogSource& types = source_named(sources, "machine_types.json");
    types.text.erase(types.text.find("\"base_years\": 3,") + 15, 1);  // drop one comma
    const CatalogLoadResult result = load_catalog(sources);
    ASSERT_FALSE(result.errors.empty());
    EXPECT_EQ(result.errors[0].file, "machine_types.json");
    std::size_t dangling = 0;
    for (const CatalogError& e : result.errors) dangling += e.message.find("dangling") != std::string::npos ? 1 : 0;
    EXPECT_EQ(dangling, 0u) << "first error: " << result.errors[0].to_string() << "\n  then "
                            << result.errors.size() - 1 << " more, e.g. " << result.errors.back().to_string();
    EXPECT_EQ(result.errors.size(), 1u);
}

TEST(CatalogMissingFile, IsReportedByName) {
    std::vector<CatalogSource> sources = test::sample_sources();
    sources.erase(std::remove_if(sources.begin(), sources.end(),
                                 [](const CatalogSource& s) { return s.file == "programs.json"; }),
                  sources.end());
    const CatalogLoadResult result = load_catalog(sources);
    EXPECT_FALSE(result.catalog.has_value());
    ASSERT_EQ(result.errors.size(), 1u) << all_errors(result.errors);
    EXPECT_EQ(result.errors[0].file, "programs.json");
    EXPECT_EQ(result.errors[0].line, 0);
    EXPECT_NE(result.errors[0].message.find("missing"), std::string::npos) << result.errors[0].to_string();
}

TEST(CatalogFileNames, AreMatchedByTheirLastComponentAndReportedInFull) {
    std::vector<CatalogSource> sources = test::sample_sources();
    for (CatalogSource& s : sources) s.file = "some/folder/" + s.file;
    EXPECT_TRUE(load_catalog(sources).catalog.has_value());
    CatalogSource& types = source_named(sources, "some/folder/machine_types.json");
    ordered_json j = ordered_json::parse(types.text);
    j["machine_types"][0]["brand"] = "apple";
    types.text = j.dump(2);
    const CatalogLoadResult result = load_catalog(sources);
    ASSERT_EQ(result.errors.size(), 1u) << all_errors(result.errors);
    EXPECT_EQ(result.errors[0].file, "some/folder/machine_types.json");
}

TEST(CatalogSeveralFaults, AreAllReportedNotJustTheFirst) {
    const std::vector<Edit> edits = {
        {"policy.json", [](ordered_json& j) { j["assumed"].push_back("warp_speed"); }},
        {"machine_types.json",
         [](ordered_json& j) {
             j["machine_types"][2]["colour"] = "black";
             j["machine_types"][4]["brand"] = "apple";
             j["machine_types"][5]["announced"] = "2025-02-30";
         }},
        {"offerings.json",
         [](ordered_json& j) {
             j["offerings"].push_back(j["offerings"][0]);
             j["offerings"][0]["prices"]["ideapad"].erase("3");
             j["offerings"][2]["prices"]["ghost-class"] = {{"2", 1}, {"3", 1}, {"4", 1}, {"5", 1}};
         }},
        {"programs.json", [](ordered_json& j) { j["tables"][1]["effective_from"] = "2026-06-30"; }},
        {"recommendations.json", [](ordered_json& j) { j["segments"][0]["tiers"][0]["tier"] = "premium"; }},
    };
    const std::vector<std::pair<std::string, std::string>> seeded = {
        {"policy.json", "/assumed/8"},
        {"machine_types.json", "/machine_types/2/colour"},
        {"machine_types.json", "/machine_types/4/brand"},
        {"machine_types.json", "/machine_types/5/announced"},
        {"offerings.json", "/offerings/53/id"},
        {"offerings.json", "/offerings/0/prices/ideapad"},
        {"offerings.json", "/offerings/2/prices/ghost-class"},
        {"programs.json", "/tables/1/effective_from"},
        {"recommendations.json", "/segments/0/tiers/0/tier"},
    };
    const CatalogLoadResult result = load_catalog(edited_sources(edits));
    EXPECT_FALSE(result.catalog.has_value());
    EXPECT_GE(result.errors.size(), seeded.size()) << all_errors(result.errors);
    for (const auto& [file, path] : seeded) {
        SCOPED_TRACE(file + " " + path);
        const CatalogError* e = find_error(result.errors, file, path);
        ASSERT_NE(e, nullptr) << all_errors(result.errors);
        EXPECT_GT(e->line, 0) << e->to_string();
    }
}

// ---- Lookups on the sample ----------------------------------------------------------------------------------

TEST(CatalogLookup, FindsMachineTypeByFullMtmOrMtInAnyCase) {
    const Catalog& c = test::sample_catalog();
    struct Row {
        const char* key;
        const char* mt;
    };
    const std::vector<Row> rows = {{"21JKCTO1WW", "21JK"}, {"21jkcto1ww", "21JK"}, {"21JK", "21JK"},
                                   {"21jk", "21JK"},       {"f0gh", "F0GH"},       {"21HD0001US", "21HD"}};
    for (const Row& row : rows) {
        SCOPED_TRACE(row.key);
        const MachineType* t = c.find_machine_type(row.key);
        ASSERT_NE(t, nullptr);
        EXPECT_EQ(t->mt, row.mt);
    }
    for (const char* key : {"", "21J", "ZZZZ", "ZZZZCTO1WW", " 21JK"}) {
        SCOPED_TRACE(std::string("\"") + key + "\"");
        EXPECT_EQ(c.find_machine_type(key), nullptr);
    }
}

TEST(CatalogLookup, FindsOfferingsByExactId) {
    const Catalog& c = test::sample_catalog();
    const Offering* adp = c.find_offering("adp");
    ASSERT_NE(adp, nullptr);
    EXPECT_EQ(adp->kind, OfferKind::Adp);
    ASSERT_NE(c.find_offering("ext-onsite-nbd"), nullptr);
    EXPECT_EQ(c.find_offering("ext-onsite-nbd")->level, ServiceLevel::OnsiteNbd);
    EXPECT_EQ(c.find_offering("no-such-offering"), nullptr);
    EXPECT_EQ(c.find_offering(""), nullptr);
}

TEST(CatalogLookup, ProgramTableIsTheOneWhoseDatesHoldTheDay) {
    // programs.json: "2017-programs" 2017-01-01..2026-06-30, "2026-H2-programs" from 2026-07-01 (open).
    const Catalog& c = test::sample_catalog();
    struct Row {
        const char* day;
        const char* table;
    };
    const std::vector<Row> rows = {
        {"2017-01-01", "2017-programs"},
        {"2025-06-15", "2017-programs"},
        {"2026-06-30", "2017-programs"},
        {"2026-07-01", "2026-H2-programs"},
        {"2030-01-01", "2026-H2-programs"},
        {"9999-12-31", "2026-H2-programs"},
        {"2016-12-31", nullptr},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.day);
        const ProgramTable* table = c.program_table_on(date(row.day));
        if (!row.table) {
            EXPECT_EQ(table, nullptr);
            continue;
        }
        ASSERT_NE(table, nullptr);
        EXPECT_EQ(table->id, row.table);
    }
}

TEST(CatalogLookup, EverySegmentHasARecommendation) {
    const Catalog& c = test::sample_catalog();
    for (Segment s : {Segment::Education, Segment::Health, Segment::Government, Segment::Smb, Segment::Enterprise}) {
        SCOPED_TRACE(std::string(to_string(s)));
        const SegmentRecommendation* r = c.recommendation_for(s);
        ASSERT_NE(r, nullptr);
        EXPECT_EQ(r->segment, s);
        EXPECT_FALSE(r->tiers.empty());
    }
}

}  // namespace
}  // namespace apos
