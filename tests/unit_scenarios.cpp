// Table-driven rule scenarios: every file in tests/data/scenarios/ holds rows of
// (device, as-of, offer and term, companions) -> expected status, rule and window.
// A failing row prints itself whole, so the table is the documentation of the rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "apos/json_io.hpp"
#include "apos/offers.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::json;

struct Row {
    std::string file;
    json scenario;
};

std::vector<Row> all_rows() {
    std::vector<Row> rows;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(APOS_TEST_DATA_DIR) + "/scenarios"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        const json doc = json::parse(test::read_file(path.string()), nullptr, false);
        if (doc.is_discarded() || !doc.contains("scenarios")) {
            ADD_FAILURE() << path << " is not a scenario file";
            continue;
        }
        for (const json& s : doc["scenarios"]) rows.push_back({path.filename().string(), s});
    }
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
                const bool present = std::any_of(facts.notes.begin(), facts.notes.end(), [&](const FactNote& n) { return n.rule == rule; });
                EXPECT_EQ(present, it.key() == "facts_include") << row << "\n  fact " << rule << (present ? " present" : " missing");
            }
            continue;
        }
        EXPECT_EQ(device.value(it.key(), json()), it.value()) << row << "\n  device field " << it.key();
    }
}

TEST(Scenarios, EveryRowHoldsOnTheSampleCatalog) {
    const Catalog& catalog = test::sample_catalog();
    const std::vector<Row> rows = all_rows();
    ASSERT_FALSE(rows.empty());
    for (const Row& r : rows) {
        const json& s = r.scenario;
        const std::string row = r.file + ": " + s.value("name", "?") + "\n  " + s.dump();
        std::vector<InputError> errors;
        const auto input = device_input_from_json(s.at("device"), "device", errors);
        ASSERT_TRUE(input) << row << "\n  bad device: " << (errors.empty() ? "" : errors[0].to_string());
        const DeviceResolution resolved = resolve_device(catalog, *input);
        ASSERT_TRUE(resolved.facts) << row << "\n  " << resolved.error->field << ": " << resolved.error->message;
        if (s.contains("expect_device")) check_device(*resolved.facts, s["expect_device"], row);
        if (!s.contains("offer")) continue;

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

        if (expect.contains("status")) EXPECT_EQ(to_string(offer.status), expect["status"].get<std::string>()) << row << got;
        if (expect.contains("rule")) {
            const std::string rule = expect["rule"];
            const auto it = std::find_if(offer.reasons.begin(), offer.reasons.end(), [&](const Reason& x) { return x.rule == rule; });
            EXPECT_NE(it, offer.reasons.end()) << row << "\n  expected a reason from " << rule << got;
            if (it != offer.reasons.end() && expect.contains("severity"))
                EXPECT_EQ(severity_name(it->verdict), expect["severity"].get<std::string>()) << row << got;
            if (it != offer.reasons.end() && expect.contains("message_contains"))
                EXPECT_NE(it->message.find(expect["message_contains"].get<std::string>()), std::string::npos) << row << got;
        }
        for (const json& absent : expect.value("absent", json::array())) {
            const bool present = std::any_of(offer.reasons.begin(), offer.reasons.end(), [&](const Reason& x) { return x.rule == absent; });
            EXPECT_FALSE(present) << row << "\n  did not expect a reason from " << absent << got;
        }
        if (expect.contains("window_until")) {
            ASSERT_TRUE(offer.window) << row << "\n  expected a purchase window" << got;
            EXPECT_EQ(offer.window->until.to_string(), expect["window_until"].get<std::string>()) << row << got;
        }
        if (expect.contains("days_left")) EXPECT_EQ(offer.days_left(as_of).value_or(-99999), expect["days_left"].get<int>()) << row << got;
        if (expect.contains("price_minor")) {
            ASSERT_TRUE(offer.unit_price) << row << got;
            EXPECT_EQ(offer.unit_price->minor_units(), expect["price_minor"].get<std::int64_t>()) << row << got;
        }
        if (expect.contains("coverage_until")) EXPECT_EQ(offer.coverage_until->to_string(), expect["coverage_until"].get<std::string>()) << row << got;
    }
}

}  // namespace
}  // namespace apos
