// Bad input a partner can hand us (tests/data/bad, answers in its expected.json), and inputs too big
// to commit, generated here: nothing crashes, every error says where and what, limits hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/catalog.hpp"
#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "apos/quote_export.hpp"
#include "app/app_state.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::json;

const std::string kBadDir = std::string(APOS_TEST_DATA_DIR) + "/bad";
constexpr std::size_t kMaxMessage = 400;  // a clear error is short, whatever the input held

// ---- The corpus -------------------------------------------------------------------------------------

struct BadFile {
    std::string name;  // file name in tests/data/bad
    json expect;       // its entry in expected.json
};

std::ostream& operator<<(std::ostream& out, const BadFile& f) { return out << f.name << " " << f.expect.dump(); }

const json& expected_json() {
    static const json expected = json::parse(test::read_file(kBadDir + "/expected.json"));
    return expected;
}

std::vector<BadFile> bad_files() {
    std::vector<BadFile> files;
    for (const auto& [name, expect] : expected_json().at("cases").items()) files.push_back({name, expect});
    return files;
}

std::string test_name(const std::string& file) {
    std::string out;
    for (char c : file.substr(0, file.rfind('.'))) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    for (unsigned char c : text.substr(0, 300)) {
        if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
        else out += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
    }
    return text.size() > 300 ? out + "...(" + std::to_string(text.size()) + " bytes)" : out;
}

std::string catalog_errors(const std::vector<CatalogError>& errors) {
    std::string text;
    for (const CatalogError& e : errors) text += "\n  " + printable(e.to_string());
    return text.empty() ? " (none)" : text;
}

std::string input_errors(const std::vector<InputError>& errors) {
    std::string text;
    for (const InputError& e : errors) text += "\n  " + printable(e.to_string());
    return text.empty() ? " (none)" : text;
}

std::string fleet_errors(const std::vector<FleetRowError>& errors) {
    std::string text;
    for (const FleetRowError& e : errors)
        text += "\n  line " + std::to_string(e.line) + " [" + e.column + "] " + printable(e.message);
    return text.empty() ? " (none)" : text;
}

bool holds(const std::string& text, const std::string& phrase) { return text.find(phrase) != std::string::npos; }

// Every exporter runs on the answer: none may throw (a throw ends the CLI and the page).
void export_quote(const Quote& quote) {
    EXPECT_NO_THROW((void)quote_to_json(quote).dump()) << "quote_to_json().dump() threw";
    EXPECT_NO_THROW((void)quote_to_csv(quote));
    EXPECT_NO_THROW((void)quote_to_html(quote));
}

// ---- Entry points, one per kind ----------------------------------------------------------------------------

void check_catalog(const BadFile& f, const std::string& text) {
    const std::string replaces = f.expect.at("replaces");
    ASSERT_TRUE(f.name.rfind("catalog-" + replaces.substr(0, replaces.find('.')) + "-", 0) == 0)
        << "the name must say which file it replaces";
    std::vector<CatalogSource> sources = test::sample_sources();
    bool replaced = false;
    for (CatalogSource& s : sources)
        if (s.file == replaces) {
            s.text = text;
            replaced = true;
        }
    ASSERT_TRUE(replaced) << "no sample file " << replaces;
    const CatalogLoadResult result = load_catalog(sources);
    if (f.expect.value("loads", false)) {
        EXPECT_TRUE(result.catalog.has_value());
        EXPECT_TRUE(result.errors.empty()) << catalog_errors(result.errors);
        return;
    }
    EXPECT_FALSE(result.catalog.has_value()) << "a broken catalog must not load";
    const json& e = f.expect.at("error");
    const auto found = std::find_if(result.errors.begin(), result.errors.end(), [&](const CatalogError& c) {
        return c.file == e.at("file").get<std::string>() && c.path == e.at("path").get<std::string>() &&
               holds(c.message, e.at("phrase"));
    });
    ASSERT_NE(found, result.errors.end()) << "expected " << e.dump() << "; got:" << catalog_errors(result.errors);
    EXPECT_EQ(found->line, e.at("line").get<int>()) << printable(found->to_string());
    for (const CatalogError& c : result.errors)
        EXPECT_LE(c.message.size(), kMaxMessage) << "error message too long: " << printable(c.to_string());
}

void check_request(const BadFile& f, const std::string& text) {
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    for (const InputError& e : parsed.errors)
        EXPECT_LE(e.message.size(), kMaxMessage) << "error message too long: " << printable(e.to_string());
    if (f.expect.contains("error")) {
        const json& e = f.expect.at("error");
        EXPECT_FALSE(parsed.request.has_value());
        const auto found = std::find_if(parsed.errors.begin(), parsed.errors.end(), [&](const InputError& i) {
            return i.where == e.at("where").get<std::string>() && holds(i.message, e.at("phrase"));
        });
        EXPECT_NE(found, parsed.errors.end()) << "expected " << e.dump() << "; got:" << input_errors(parsed.errors);
        return;
    }
    ASSERT_TRUE(parsed.request.has_value()) << "expected the request to parse; got:" << input_errors(parsed.errors);
    const Quote quote = build_quote(test::sample_catalog(), *parsed.request);
    export_quote(quote);
    const json& q = f.expect.at("quote");
    if (q.contains("lines")) {
        EXPECT_EQ(quote.lines.size(), q.at("lines").get<std::size_t>()) << quote_to_json(quote).dump(1);
    }
    if (q.contains("lines_at_most")) {
        EXPECT_LE(quote.lines.size(), q.at("lines_at_most").get<std::size_t>());
    }
    if (q.contains("item_error")) {
        const json& e = q.at("item_error");
        const std::size_t item = e.at("item");
        ASSERT_LT(item, quote.items.size());
        ASSERT_TRUE(quote.items[item].error.has_value()) << quote_to_json(quote).dump(1);
        EXPECT_EQ(quote.items[item].error->field, e.at("field").get<std::string>());
        EXPECT_PRED2(holds, quote.items[item].error->message, e.at("phrase").get<std::string>());
    }
    if (q.contains("rejected")) {
        bool found = false;
        for (const RejectedService& r : quote.rejected)
            for (const Reason& reason : r.reasons) found = found || holds(reason.message, q.at("rejected"));
        EXPECT_TRUE(found) << "no rejection saying " << q.at("rejected") << ":\n" << quote_to_json(quote).dump(1);
    }
}

void check_fleet(const BadFile& f, const std::string& text) {
    const FleetParse parsed = parse_fleet_csv(text);
    EXPECT_EQ(parsed.fatal, f.expect.at("fatal").get<bool>()) << fleet_errors(parsed.errors);
    std::vector<FleetRowError> errors = parsed.errors;
    std::size_t units = 0;
    if (!parsed.fatal) {
        const Date as_of = test::date(f.expect.at("as_of").get<std::string>().c_str());
        const FleetResult result = evaluate_fleet(test::sample_catalog(), parsed, as_of);
        errors = result.errors;
        units = result.units.size();
        try {
            // json_text is what every presenter writes JSON with; invalid UTF-8 becomes U+FFFD.
            (void)json_text(fleet_to_json(test::sample_catalog(), parsed, result));
        } catch (const std::exception& e) {
            ADD_FAILURE()
                << "CORE BUG: fleet_to_json(...).dump() throws on this fleet (the CLI and the page end on an uncaught "
                   "exception): "
                << e.what();
        }
        EXPECT_NO_THROW((void)fleet_to_csv(test::sample_catalog(), parsed, result));
    }
    for (const FleetRowError& e : errors)
        EXPECT_LE(e.message.size(), kMaxMessage) << "error message too long: " << printable(e.message);
    if (f.expect.contains("units")) {
        EXPECT_EQ(units, f.expect.at("units").get<std::size_t>()) << fleet_errors(errors);
    }
    if (!f.expect.contains("error")) {
        EXPECT_TRUE(errors.empty()) << fleet_errors(errors);
        return;
    }
    const json& e = f.expect.at("error");
    const auto found = std::find_if(errors.begin(), errors.end(), [&](const FleetRowError& r) {
        return r.line == e.at("line").get<int>() && r.column == e.at("column").get<std::string>() &&
               holds(r.message, e.at("phrase"));
    });
    EXPECT_NE(found, errors.end()) << "expected " << e.dump() << "; got:" << fleet_errors(errors);
}

void check_date(const BadFile& f, const std::string& text) {
    const std::optional<Date> parsed = Date::parse(text);
    if (f.expect.contains("valid")) {
        ASSERT_TRUE(parsed.has_value()) << printable(text);
        EXPECT_EQ(parsed->to_string(), f.expect.at("valid").get<std::string>());
        EXPECT_EQ(Date::parse(parsed->to_string()), parsed) << "prints and parses back";
        return;
    }
    EXPECT_FALSE(parsed.has_value()) << printable(text) << " parsed as " << parsed->to_string();
    // What a partner sees: the same text as a quote request's as_of.
    const json request = {{"as_of", text}, {"items", {{{"device", {{"mtm", "21HD"}, {"ship_date", "2025-01-01"}}}}}}};
    const QuoteRequestParse result =
        parse_quote_request(request.dump(-1, ' ', false, json::error_handler_t::replace), std::nullopt);
    const json& e = f.expect.at("error");
    const auto found = std::find_if(result.errors.begin(), result.errors.end(), [&](const InputError& i) {
        return i.where == e.at("where").get<std::string>() && holds(i.message, e.at("phrase"));
    });
    EXPECT_NE(found, result.errors.end()) << "expected " << e.dump() << "; got:" << input_errors(result.errors);
}

// A state string as the page's URL hash, setState() and the desktop's --state hand it over.
void check_state(const BadFile& f, const std::string& text) {
    ui::AppState base;
    base.device.ship_date = test::date("2026-01-15");  // not carried over: a state without "ship" has no ship date
    base.ship_date_set = true;
    const ui::StateDecode decoded = ui::DecodeStateHash(text, base);
    std::string got;
    for (const std::string& e : decoded.errors) {
        EXPECT_LE(e.size(), kMaxMessage) << "error message too long: " << printable(e);
        got += "\n  " + printable(e);
    }
    if (f.expect.contains("encodes_to")) {
        ASSERT_TRUE(decoded.state.has_value()) << "expected the state to be read; got:" << got;
        EXPECT_EQ(ui::EncodeStateHash(*decoded.state), f.expect.at("encodes_to").get<std::string>());
        return;
    }
    EXPECT_FALSE(decoded.state.has_value()) << "a state with errors must not be applied";
    EXPECT_EQ(decoded.errors, f.expect.at("errors").get<std::vector<std::string>>()) << "got:" << got;
}

class BadInputFile : public testing::TestWithParam<BadFile> {};

TEST_P(BadInputFile, IsAnsweredWithItsExpectedErrorAndNoCrash) {
    const BadFile& f = GetParam();
    const std::string text = test::read_file(kBadDir + "/" + f.name);
    const std::string kind = f.expect.at("kind");
    ASSERT_EQ(f.name.rfind(kind + "-", 0), 0u) << "the file name starts with its kind";
    if (kind == "catalog") check_catalog(f, text);
    else if (kind == "request") check_request(f, text);
    else if (kind == "fleet") check_fleet(f, text);
    else if (kind == "date") check_date(f, text);
    else if (kind == "state") check_state(f, text);
    else FAIL() << "unknown kind " << kind;
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputFile, testing::ValuesIn(bad_files()),
                         [](const testing::TestParamInfo<BadFile>& param_info) {
                             return test_name(param_info.param.name);
                         });

TEST(BadInputCorpus, EveryFileHasAnExpectedAnswerAndEveryKindIsCovered) {
    std::vector<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(kBadDir))
        if (entry.path().filename() != "expected.json") on_disk.push_back(entry.path().filename().string());
    std::sort(on_disk.begin(), on_disk.end());
    std::vector<std::string> expected;
    std::map<std::string, int> per_kind;
    for (const BadFile& f : bad_files()) {
        expected.push_back(f.name);
        ++per_kind[f.expect.at("kind").get<std::string>()];
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(on_disk, expected) << "tests/data/bad and its expected.json list the same files";
    EXPECT_GE(expected.size(), 60u);
    for (const char* kind : {"catalog", "request", "fleet", "date", "state"}) EXPECT_GE(per_kind[kind], 10) << kind;
}

// ---- Generated at run time: sizes and depths too big to commit -----------------------------------------------

constexpr std::size_t kFiftyMb = 50u * 1024 * 1024;

TEST(BadInputLimits, FiftyMegabyteFleetIsRefusedByTheByteLimit) {
    std::string csv = "serial,mtm,ship_date\n";
    while (csv.size() < kFiftyMb) csv += "S" + std::to_string(csv.size()) + ",21HD,2025-01-10\n";
    FleetLimits limits;
    limits.max_bytes = 16u * 1024 * 1024;
    const FleetParse parsed = parse_fleet_csv(csv, limits);
    EXPECT_TRUE(parsed.fatal);
    EXPECT_TRUE(parsed.rows.empty());
    ASSERT_EQ(parsed.errors.size(), 1u) << fleet_errors(parsed.errors);
    EXPECT_PRED2(holds, parsed.errors[0].message, "the limit is");
}

TEST(BadInputLimits, FiftyMegabyteFleetStopsAtTheRowLimit) {
    std::string csv = "serial,mtm,ship_date\n";
    while (csv.size() < kFiftyMb) csv += "S" + std::to_string(csv.size()) + ",21HD,2025-01-10\n";
    FleetLimits limits;
    limits.max_rows = 1000;
    const FleetParse parsed = parse_fleet_csv(csv, limits);  // under the default 256 MB
    EXPECT_TRUE(parsed.fatal);
    EXPECT_EQ(parsed.rows.size(), 1000u);
    ASSERT_EQ(parsed.errors.size(), 1u) << fleet_errors(parsed.errors);
    EXPECT_EQ(parsed.errors[0].line, 1002);
    EXPECT_EQ(parsed.errors[0].message, "more than 1000 rows; the rest was not read");
}

TEST(BadInputLimits, FiftyMegabytesOfBadRowsKeepABoundedErrorList) {
    // Only good rows count toward max_rows: a file of bad rows lists one error per row, so the
    // error list grows with the file (up to max_bytes) instead of with max_rows.
    std::string csv = "serial,mtm,ship_date\n";
    while (csv.size() < kFiftyMb) csv += "S" + std::to_string(csv.size()) + ",21HD,2025-02-30\n";
    FleetLimits limits;
    limits.max_rows = 1000;
    const FleetParse parsed = parse_fleet_csv(csv, limits);
    EXPECT_TRUE(parsed.rows.empty());
    EXPECT_LE(parsed.errors.size(), limits.max_rows + 1)
        << "CORE BUG: parse_fleet_csv lists " << parsed.errors.size() << " row errors for max_rows " << limits.max_rows
        << "; bad rows are not counted toward the row limit, so errors grow without bound up to max_bytes";
}

TEST(BadInputLimits, FiftyMegabyteRequestGetsAShortClearError) {
    // A 50 MB serial: the request size limit answers first, and the answer does not echo the 50 MB.
    std::string text =
        R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10", "serial": ")";
    text.append(kFiftyMb, 'S');
    text += R"("}, "services": []}]})";
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    EXPECT_FALSE(parsed.request.has_value());
    ASSERT_EQ(parsed.errors.size(), 1u) << input_errors(parsed.errors);
    EXPECT_EQ(parsed.errors[0].where, "/");
    EXPECT_TRUE(holds(parsed.errors[0].message, "the limit is")) << parsed.errors[0].message;
    EXPECT_LT(parsed.errors[0].message.size(), 200u);
}

TEST(BadInputLimits, RequestSizeIsLimitedByTheCore) {
    // A well-formed request padded to 50 MB: only the CLI refuses it (16 MB); the core parses it
    // whole, and the page's JS API hands it straight to the core.
    std::string text =
        R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10"}, "services": []}]})";
    text.append(kFiftyMb, ' ');
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    const bool limited = !parsed.request && !parsed.errors.empty() && holds(parsed.errors[0].message, "the limit is");
    EXPECT_TRUE(limited) << "CORE GAP: parse_quote_request has no size limit; a 50 MB request "
                         << (parsed.request ? "parses" : "fails with: " + input_errors(parsed.errors));
}

TEST(BadInputLimits, FiftyMegabyteCatalogFileGetsAShortClearError) {
    std::vector<CatalogSource> sources = test::sample_sources();
    for (CatalogSource& s : sources)
        if (s.file == "policy.json") {
            const std::size_t at = s.text.find("\"SAMPLE price book");
            ASSERT_NE(at, std::string::npos);
            s.text.insert(at + 1, std::string(kFiftyMb, 'x'));
        }
    const CatalogLoadResult result = load_catalog(sources);
    EXPECT_FALSE(result.catalog.has_value());
    ASSERT_EQ(result.errors.size(), 1u) << catalog_errors(result.errors);
    EXPECT_EQ(result.errors[0].path, "/price_book_label");
    EXPECT_EQ(result.errors[0].message, "text longer than 4000 characters");
}

// The page hands catalog files to the core as they were fetched: the core itself refuses an
// oversized file (the CLI also stops reading it at the same limit).
TEST(BadInputLimits, CatalogFileAtTheSizeLimitLoadsAndOneByteOverIsRefusedUnread) {
    struct Row {
        const char* name;
        std::size_t bytes;
        bool loads;
    };
    for (const Row& row :
         {Row{"at the limit", kMaxCatalogFileBytes, true}, Row{"one byte over", kMaxCatalogFileBytes + 1, false}}) {
        std::vector<CatalogSource> sources = test::sample_sources();
        for (CatalogSource& s : sources)
            if (s.file == "policy.json") s.text.resize(row.bytes, ' ');  // trailing blanks: still the same JSON
        const CatalogLoadResult result = load_catalog(sources);
        EXPECT_EQ(result.catalog.has_value(), row.loads)
            << row.name << ", " << row.bytes << " bytes:" << catalog_errors(result.errors);
        if (row.loads) continue;
        ASSERT_EQ(result.errors.size(), 1u) << row.name << ":" << catalog_errors(result.errors);
        EXPECT_EQ(result.errors[0].to_string(),
                  "policy.json: /: the file has 67108865 bytes; the limit is 67108864 bytes")
            << row.name;
    }
}

struct EchoCase {
    std::string name;
    std::string kind;  // "request" or "catalog"
    std::string from;  // text to replace in the good input
    std::string to;    // with this; "@" becomes a 1 MB string
};

std::ostream& operator<<(std::ostream& out, const EchoCase& c) { return out << c.name; }

class BadInputEcho : public testing::TestWithParam<EchoCase> {};

// An error may quote what it found, but not a megabyte of it.
TEST_P(BadInputEcho, ErrorMessageDoesNotEchoAHugeValue) {
    const EchoCase& c = GetParam();
    std::string to = c.to;
    to.replace(to.find('@'), 1, std::string(1024 * 1024, 'A'));
    std::vector<std::string> messages;
    if (c.kind == "request") {
        std::string text =
            R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10", "quantity": 2, "channel": "direct"}}]})";
        text.replace(text.find(c.from), c.from.size(), to);
        for (const InputError& e : parse_quote_request(text, std::nullopt).errors) messages.push_back(e.to_string());
    } else {
        std::vector<CatalogSource> sources = test::sample_sources();
        for (CatalogSource& s : sources)
            if (s.file == "machine_types.json") s.text.replace(s.text.find(c.from), c.from.size(), to);
        for (const CatalogError& e : load_catalog(sources).errors) messages.push_back(e.to_string());
    }
    ASSERT_FALSE(messages.empty());
    for (const std::string& m : messages)
        EXPECT_LE(m.size(), kMaxMessage) << "CORE BUG: the error echoes the whole value (" << m.size()
                                         << " bytes): " << printable(m);
}

INSTANTIATE_TEST_SUITE_P(
    BadInput, BadInputEcho,
    testing::Values(EchoCase{"RequestQuantityString", "request", "\"quantity\": 2", "\"quantity\": \"@\""},
                    EchoCase{"RequestChannelString", "request", "\"channel\": \"direct\"", "\"channel\": \"@\""},
                    EchoCase{"CatalogBrandString", "catalog", "\"brand\": \"think\"", "\"brand\": \"@\""},
                    EchoCase{"CatalogBaseYearsArray", "catalog", "\"base_years\": 3", "\"base_years\": [\"@\"]"}),
    [](const testing::TestParamInfo<EchoCase>& param_info) { return param_info.param.name; });

struct DeepCase {
    std::string name;
    std::string open;  // one nesting level
    std::string close;
    std::size_t depth;
};

std::ostream& operator<<(std::ostream& out, const DeepCase& c) { return out << c.name; }

std::string nested(const DeepCase& c) {
    std::string text;
    text.reserve((c.open.size() + c.close.size() + 1) * c.depth + 1);
    for (std::size_t i = 0; i < c.depth; ++i) text += c.open;
    text += "1";
    for (std::size_t i = 0; i < c.depth; ++i) text += c.close;
    return text;
}

class BadInputDeep : public testing::TestWithParam<DeepCase> {};

// nlohmann parses deep nesting iteratively, but dump() (used in error messages), copies and
// comparisons recurse per level: the core refuses more than 512 levels before parsing.
TEST_P(BadInputDeep, RequestFieldIsRefusedWithoutRecursion) {
    const std::string text =
        R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10", "quantity": )" +
        nested(GetParam()) + "}}]}";
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    EXPECT_FALSE(parsed.request.has_value());
    ASSERT_EQ(parsed.errors.size(), 1u) << input_errors(parsed.errors);
    EXPECT_EQ(parsed.errors[0].where, "/");
    EXPECT_EQ(parsed.errors[0].message, "not valid JSON: arrays or objects nested deeper than 512 levels");
}

TEST_P(BadInputDeep, CatalogFieldIsRefusedWithoutRecursion) {
    std::vector<CatalogSource> sources = test::sample_sources();
    for (CatalogSource& s : sources)
        if (s.file == "machine_types.json") {
            const std::size_t at = s.text.find("\"think\"");
            s.text.replace(at, 7, nested(GetParam()));
        }
    const CatalogLoadResult result = load_catalog(sources);
    EXPECT_FALSE(result.catalog.has_value());
    ASSERT_EQ(result.errors.size(), 1u) << catalog_errors(result.errors);
    EXPECT_EQ(result.errors[0].file, "machine_types.json");
    EXPECT_EQ(result.errors[0].line, 8) << "the line of the brand that nests too deep";
    EXPECT_PRED2(holds, result.errors[0].message, "nested deeper than 512 levels");
}

INSTANTIATE_TEST_SUITE_P(BadInput, BadInputDeep,
                         testing::Values(DeepCase{"Arrays1M", "[", "]", 1'000'000},
                                         DeepCase{"Objects100k", "{\"a\":", "}", 100'000},
                                         DeepCase{"Mixed513", "[{\"a\":", "}]", 257}),
                         [](const testing::TestParamInfo<DeepCase>& param_info) { return param_info.param.name; });

TEST(BadInputDepth, FiveHundredTwelveLevelsStillParse) {
    // The limit refuses nesting, not ordinary requests: 512 levels are read (and rejected for their shape).
    std::string deep(511, '[');
    deep += std::string(511, ']');
    const QuoteRequestParse parsed =
        parse_quote_request(R"({"as_of": "2025-06-15", "items": )" + deep + "}", std::nullopt);
    ASSERT_EQ(parsed.errors.size(), 1u) << input_errors(parsed.errors);
    EXPECT_EQ(parsed.errors[0].where, "/items/0");
    // Brackets inside strings do not count.
    const std::string brackets(5000, '[');
    const QuoteRequestParse quoted = parse_quote_request(
        R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10", "serial": ")" +
            brackets + R"("}}]})",
        std::nullopt);
    ASSERT_EQ(quoted.errors.size(), 1u) << input_errors(quoted.errors);
    EXPECT_EQ(quoted.errors[0].where, "/items/0/device/serial");
}

}  // namespace
}  // namespace apos
