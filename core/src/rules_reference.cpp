// Writes the rule registry out as the `apos rules` JSON and the docs/RULES.md Markdown.
#include "apos/rules_reference.hpp"

#include <string_view>

namespace apos {

namespace {

// A table cell: a pipe would end the cell and a line break the row.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else out += c;
    }
    return out;
}

}  // namespace

nlohmann::json rules_reference_json(const std::vector<Rule>& rules) {
    nlohmann::json list = nlohmann::json::array();
    for (const Rule& rule : rules)
        list.push_back({{"id", rule.id}, {"family", rule.family}, {"summary", rule.summary}, {"source", rule.source}});
    return {{"rules", list}};
}

std::string rules_reference_markdown(const std::vector<Rule>& rules) {
    std::string out =
        "# Rule reference\n"
        "\n"
        "Every rule the configurator applies, by family: its stable ID (the one quotes, eligibility\n"
        "answers and tests name), a one-line summary and the source lines it rests on (`G:` the client\n"
        "services guide, `P:` the partner programs page, `A:` the APOS resource center). The partner\n"
        "programs have no check function: their rates are data in `catalog/programs.json`.\n"
        "\n"
        "This file is generated from the rule registry by `apos rules --format markdown`; do not edit\n"
        "it by hand. After changing a rule, regenerate it with\n"
        "`build/native/bin/apos rules --format markdown > docs/RULES.md` (the `rules_reference_current`\n"
        "test fails while it is out of date).\n";
    std::vector<std::string_view> families;
    for (const Rule& rule : rules) {
        bool seen = false;
        for (std::string_view f : families) seen = seen || f == rule.family;
        if (!seen) families.push_back(rule.family);
    }
    for (std::string_view family : families) {
        out += "\n## " + std::string(family.empty() ? std::string_view("Other") : family) + "\n\n";
        out += "| ID | Rule | Source |\n|---|---|---|\n";
        for (const Rule& rule : rules)
            if (rule.family == family)
                out += "| " + cell(rule.id) + " | " + cell(rule.summary) + " | " + cell(rule.source) + " |\n";
    }
    return out;
}

}  // namespace apos
