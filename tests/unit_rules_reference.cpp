// The rule reference: the registry is complete (every rule has a family, summary and source, IDs
// are unique) and the JSON and Markdown writers list each rule once, grouped by family.
#include <gtest/gtest.h>

#include <set>

#include "apos/rules_reference.hpp"

namespace apos {
namespace {

TEST(RuleRegistry, EveryRuleHasAFamilySummaryAndSourceAndAUniqueId) {
    std::set<std::string_view> ids;
    for (const Rule& rule : all_rules()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << rule.id << " is registered twice";
        EXPECT_FALSE(rule.family.empty()) << rule.id;
        EXPECT_FALSE(rule.summary.empty()) << rule.id;
        EXPECT_TRUE(rule.source.rfind("G:", 0) == 0 || rule.source.rfind("P:", 0) == 0 ||
                    rule.source.rfind("A:", 0) == 0)
            << rule.id << " cites " << rule.source;
        EXPECT_EQ(rule.summary.find('\n'), std::string_view::npos) << rule.id << ": a summary is one line";
    }
    EXPECT_GE(ids.size(), 57u);
}

// The IDs are not spelled out here: tests/check_rule_ids.py counts a test naming an ID as one
// that checks the rule fires, which this one does not.
TEST(RuleRegistry, PartnerProgramsAreRulesWithoutACheckCitingTheProgramsPage) {
    std::size_t programs = 0;
    for (const Rule& rule : all_rules()) {
        if (rule.family != "Partner programs") continue;
        ++programs;
        EXPECT_EQ(rule.check, nullptr) << rule.id << ": program numbers are catalog data";
        EXPECT_EQ(rule.source.rfind("P:", 0), 0u) << rule.id << " cites " << rule.source;
    }
    EXPECT_EQ(programs, 7u);  // NCB, deal registration, rebate, volume discount, SPIFF, demo units, stacking
}

std::vector<Rule> sample_rules() {
    std::vector<Rule> rules;
    rules.push_back({"ONE-A", "G:1", "First | with a pipe.", {}, nullptr});
    rules.push_back({"TWO-A", "P:2-3", "Second.", {}, nullptr});
    rules.push_back({"ONE-B", "A:4", "Third, same family as the first.", {}, nullptr});
    rules[0].family = "Alpha";
    rules[1].family = "Beta";
    rules[2].family = "Alpha";
    return rules;
}

TEST(RulesReference, JsonListsEveryRuleWithItsFourFieldsInRegistryOrder) {
    const nlohmann::json j = rules_reference_json(sample_rules());
    ASSERT_EQ(j.at("rules").size(), 3u);
    EXPECT_EQ(
        j["rules"][0],
        nlohmann::json({{"id", "ONE-A"}, {"family", "Alpha"}, {"summary", "First | with a pipe."}, {"source", "G:1"}}));
    EXPECT_EQ(j["rules"][1]["id"], "TWO-A");
    EXPECT_EQ(j["rules"][2]["id"], "ONE-B");
}

TEST(RulesReference, MarkdownHasOneTablePerFamilyInOrderOfFirstAppearance) {
    const std::string md = rules_reference_markdown(sample_rules());
    EXPECT_EQ(md.rfind("# Rule reference\n", 0), 0u);
    EXPECT_NE(md.find("apos rules --format markdown"), std::string::npos);
    const std::size_t alpha = md.find(
        "\n## Alpha\n\n| ID | Rule | Source |\n|---|---|---|\n| ONE-A | First \\| with a pipe. | G:1 |\n"
        "| ONE-B | Third, same family as the first. | A:4 |\n");
    const std::size_t beta =
        md.find("\n## Beta\n\n| ID | Rule | Source |\n|---|---|---|\n| TWO-A | Second. | P:2-3 |\n");
    ASSERT_NE(alpha, std::string::npos) << md;
    ASSERT_NE(beta, std::string::npos) << md;
    EXPECT_LT(alpha, beta);
}

TEST(RulesReference, TheRegistryFamiliesFollowTheirTables) {
    const std::string md = rules_reference_markdown(all_rules());
    std::vector<std::string> headings;
    for (std::size_t at = md.find("\n## "); at != std::string::npos; at = md.find("\n## ", at + 1))
        headings.push_back(md.substr(at + 4, md.find('\n', at + 4) - at - 4));
    EXPECT_EQ(headings, (std::vector<std::string>{"Base warranty and ceiling", "Extensions and upgrades", "Protection",
                                                  "International", "Support", "After the warranty", "General",
                                                  "Project services", "Partner programs"}));
}

}  // namespace
}  // namespace apos
