// The rule reference: every registered rule with its family, summary and source, as the JSON of
// `apos rules` and as the Markdown of docs/RULES.md (values only; the caller writes them).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/rules.hpp"

namespace apos {

// {"rules": [{"id", "family", "summary", "source"}, ...]} in registry order.
nlohmann::json rules_reference_json(const std::vector<Rule>& rules);

// A title, a paragraph on what the file is and how to regenerate it, then one
// | ID | Rule | Source | table per family, families in order of first appearance.
std::string rules_reference_markdown(const std::vector<Rule>& rules);

}  // namespace apos
