// Table-driven rule scenarios: every file in tests/data/scenarios/ holds rows of
// (device, as-of, offer and term, companions) -> expected status, rule and window.
// Each row is its own test case, named after the rule it is about (ctest -R KYD_PRODUCTS), and a
// failing row prints itself whole, so the table is the documentation of the rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>

#include <nlohmann/json.hpp>

#include "apos/json_io.hpp"
#include "apos/offers.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::json;

struct Row {
    std::string file;
    std::size_t number = 0;  // 1-based position in its file
    json scenario;
    std::string error;      // set when the file itself could not be read as a scenario table
    std::string test_name;  // unique gtest name, starting with the rule ID
};

// Kept to one line: gtest lists parameters beside the test names, and ctest reads that list.
void PrintTo(const Row& row, std::ostream* out) { *out << row.file << " row " << row.number; }

// "KYD-PRODUCTS: a ThinkPad ..." -> "KYD-PRODUCTS"; empty when the name does not start with an ID.
std::string leading_rule_id(const std::string& name) {
    const std::size_t colon = name.find(':');
    if (colon == std::string::npos || colon == 0 || name[0] < 'A' || name[0] > 'Z') return {};
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return {};
    }
    return name.substr(0, colon);
}

// Letters and digits stay, every other run of characters becomes one underscore.
std::string identifier(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) out += c;
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

// The rule a row is about: the ID its name starts with, else the rule it expects, else the first
// it expects to stay silent or to leave a device fact, else the file's own name.
std::string row_test_name(const Row& row) {
    const json& s = row.scenario;
    const std::string name = s.is_object() ? s.value("name", std::string()) : std::string();
    std::string rule = leading_rule_id(name);
    std::string rest = rule.empty() ? name : name.substr(rule.size() + 1);
    if (rule.empty() && s.is_object()) {
        const json expect = s.value("expect", json::object());
        const json facts = s.value("expect_device", json::object()).value("facts_include", json::array());
        const json absent = expect.value("absent", json::array());
        if (expect.contains("rule") && expect["rule"].is_string()) rule = expect["rule"].get<std::string>();
        else if (!absent.empty() && absent[0].is_string()) rule = absent[0].get<std::string>();
        else if (!facts.empty() && facts[0].is_string()) rule = facts[0].get<std::string>();
    }
    if (rule.empty()) rule = std::filesystem::path(row.file).stem().string();
    std::string id = identifier(rule);
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "ROW_" + id;
    const std::string words = identifier(rest);
    return words.empty() ? id + "_row_" + std::to_string(row.number) : id + "_" + words;
}

std::vector<Row> load_rows() {
    std::vector<Row> rows;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(APOS_TEST_DATA_DIR) + "/scenarios"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        const json doc = json::parse(test::read_file(path.string()), nullptr, false);
        const std::string file = path.filename().string();
        if (doc.is_discarded() || !doc.is_object() || !doc.contains("scenarios") || !doc["scenarios"].is_array()) {
            Row bad{
                file, 0, json(), path.string() + " is not a scenario file (an object with a \"scenarios\" array)", {}};
            bad.test_name = "BAD_FILE_" + identifier(file);
            rows.push_back(std::move(bad));
            continue;
        }
        std::size_t number = 0;
        for (const json& s : doc["scenarios"]) {
            Row row{file, ++number, s, {}, {}};
            row.test_name = row_test_name(row);
            rows.push_back(std::move(row));
        }
    }
    // Names that sanitise alike get _2, _3, ... in file order, so a name never changes between runs.
    std::set<std::string> taken;
    for (Row& row : rows) {
        std::string name = row.test_name;
        for (int n = 2; taken.count(name); ++n) name = row.test_name + "_" + std::to_string(n);
        row.test_name = name;
        taken.insert(name);
    }
    return rows;
}

const std::vector<Row>& all_rows() {
    static const std::vector<Row> rows = load_rows();
    return rows;
}

std::string reasons_text(const Offer& offer) {
    std::string text;
    for (const Reason& r : offer.reasons) text += "\n    " + r.rule + ": " + r.message;
    return text.empty() ? " (none)" : text;
}

const char* severity_name(Verdict v) {
    switch (v) {
        case Verdict::Block: return "block";
        case Verdict::NeedsApproval: return "approval";
        case Verdict::Warning: return "warning";
        case Verdict::Note: return "note";
        default: return "pass";
    }
}

void check_device(const DeviceFacts& facts, const json& expect, const std::string& row) {
    const json device = device_facts_to_json(facts);
    for (auto it = expect.begin(); it != expect.end(); ++it) {
        if (it.key() == "facts_include" || it.key() == "facts_exclude") {
            for (const json& rule : it.value()) {
                const bool present = std::any_of(facts.notes.begin(), facts.notes.end(),
                                                 [&](const FactNote& n) { return n.rule == rule; });
                EXPECT_EQ(present, it.key() == "facts_include")
                    << row << "\n  fact " << rule << (present ? " present" : " missing");
            }
            continue;
        }
        EXPECT_EQ(device.value(it.key(), json()), it.value()) << row << "\n  device field " << it.key();
    }
}

TEST(Scenarios, TheTablesHaveRows) { ASSERT_FALSE(all_rows().empty()); }

class ScenarioRow : public testing::TestWithParam<Row> {};

TEST_P(ScenarioRow, HoldsOnTheSampleCatalog) {
    const Catalog& catalog = test::sample_catalog();
    const Row& r = GetParam();
    ASSERT_TRUE(r.error.empty()) << r.error;
    const json& s = r.scenario;
    const std::string row = r.file + " row " + std::to_string(r.number) + ": " +
                            (s.is_object() ? s.value("name", "?") : "?") + "\n  " + s.dump();
    ASSERT_TRUE(s.is_object()) << row << "\n  a row is a JSON object";
    std::vector<InputError> errors;
    const auto input = device_input_from_json(s.at("device"), "device", errors);
    ASSERT_TRUE(input) << row << "\n  bad device: " << (errors.empty() ? "" : errors[0].to_string());
    const DeviceResolution resolved = resolve_device(catalog, *input);
    ASSERT_TRUE(resolved.facts) << row << "\n  " << resolved.error->field << ": " << resolved.error->message;
    if (s.contains("expect_device")) check_device(*resolved.facts, s["expect_device"], row);
    if (!s.contains("offer")) return;

    const Offering* offering = catalog.find_offering(s["offer"].get<std::string>());
    ASSERT_NE(offering, nullptr) << row << "\n  no such offering";
    std::vector<CompanionService> companions;
    for (const json& c : s.value("with", json::array())) {
        const Offering* other = catalog.find_offering(c.at("id").get<std::string>());
        ASSERT_NE(other, nullptr) << row << "\n  no such companion " << c.dump();
        companions.push_back({other, c.value("term", 0)});
    }
    const Date as_of = test::date(s.at("as_of").get<std::string>().c_str());
    const Offer offer = evaluate_offer(catalog, *resolved.facts, *offering, s.value("term", 0), as_of, companions);
    const json& expect = s.at("expect");
    const std::string got = "\n  got " + std::string(to_string(offer.status)) + reasons_text(offer);

    if (expect.contains("status")) {
        EXPECT_EQ(to_string(offer.status), expect["status"].get<std::string>()) << row << got;
    }
    if (expect.contains("rule")) {
        const std::string rule = expect["rule"];
        const auto it =
            std::find_if(offer.reasons.begin(), offer.reasons.end(), [&](const Reason& x) { return x.rule == rule; });
        EXPECT_NE(it, offer.reasons.end()) << row << "\n  expected a reason from " << rule << got;
        if (it != offer.reasons.end() && expect.contains("severity")) {
            EXPECT_EQ(severity_name(it->verdict), expect["severity"].get<std::string>()) << row << got;
        }
        if (it != offer.reasons.end() && expect.contains("message_contains")) {
            EXPECT_NE(it->message.find(expect["message_contains"].get<std::string>()), std::string::npos) << row << got;
        }
    }
    for (const json& absent : expect.value("absent", json::array())) {
        const bool present =
            std::any_of(offer.reasons.begin(), offer.reasons.end(), [&](const Reason& x) { return x.rule == absent; });
        EXPECT_FALSE(present) << row << "\n  did not expect a reason from " << absent << got;
    }
    if (expect.contains("window_until")) {
        ASSERT_TRUE(offer.window) << row << "\n  expected a purchase window" << got;
        EXPECT_EQ(offer.window->until.to_string(), expect["window_until"].get<std::string>()) << row << got;
    }
    if (expect.contains("days_left")) {
        EXPECT_EQ(offer.days_left(as_of).value_or(-99999), expect["days_left"].get<int>()) << row << got;
    }
    if (expect.contains("price_minor")) {
        ASSERT_TRUE(offer.unit_price) << row << got;
        EXPECT_EQ(offer.unit_price->minor_units(), expect["price_minor"].get<std::int64_t>()) << row << got;
    }
    if (expect.contains("coverage_until")) {
        ASSERT_TRUE(offer.coverage_until) << row << "\n  expected a coverage end" << got;
        EXPECT_EQ(offer.coverage_until->to_string(), expect["coverage_until"].get<std::string>()) << row << got;
    }
}

INSTANTIATE_TEST_SUITE_P(Rules, ScenarioRow, testing::ValuesIn(all_rows()),
                         [](const testing::TestParamInfo<Row>& param_info) { return param_info.param.test_name; });

}  // namespace
}  // namespace apos
