// The rule registry: collects each family's table once, family by family (the order of
// docs/RULES.md), and the helpers every family shares.
#include "rule_support.hpp"

#include <algorithm>
#include <array>

namespace apos {

namespace {

// One entry per rule table: the family name is given here once rather than on every rule line.
struct FamilyTable {
    std::string_view family;
    void (*add)(std::vector<Rule>&);
};

constexpr FamilyTable kFamilies[] = {
    {"Base warranty and ceiling", register_base_warranty_rules},
    {"Extensions and upgrades", register_extension_upgrade_rules},
    {"Protection", register_protection_rules},
    {"International", register_international_rules},
    {"Support", register_support_rules},
    {"After the warranty", register_after_warranty_rules},
    {"General", register_general_rules},
    {"Project services", register_project_service_rules},
    {"Partner programs", register_partner_program_rules},
};

}  // namespace

const std::vector<Rule>& all_rules() {
    static const std::vector<Rule> rules = [] {
        std::vector<Rule> list;
        for (const FamilyTable& table : kFamilies) {
            const std::size_t first = list.size();
            table.add(list);
            for (std::size_t i = first; i < list.size(); ++i) list[i].family = table.family;
        }
        return list;
    }();
    return rules;
}

const std::vector<const Rule*>& rules_for(OfferKind kind) {
    static const std::array<std::vector<const Rule*>, kOfferKindCount> by_kind = [] {
        std::array<std::vector<const Rule*>, kOfferKindCount> table;
        for (const Rule& rule : all_rules())
            for (OfferKind k : rule.kinds)
                if (rule.check) table[static_cast<std::size_t>(k)].push_back(&rule);
        return table;
    }();
    return by_kind[static_cast<std::size_t>(kind)];
}

const Rule* find_rule(std::string_view id) {
    for (const Rule& rule : all_rules())
        if (rule.id == id) return &rule;
    return nullptr;
}

namespace rules {

bool series_is(const MachineType& type, std::string_view prefix) {
    return type.series.compare(0, prefix.size(), prefix) == 0;
}

const CompanionService* companion(const RuleInput& in, OfferKind kind) {
    for (const CompanionService& c : in.companions)
        if (c.offering && c.offering->kind == kind) return &c;
    return nullptr;
}

bool has_companion(const RuleInput& in, OfferKind kind) { return companion(in, kind) != nullptr; }

bool holds(const RuleInput& in, OfferKind kind) {
    // The ADP of the unit a replacement stands in for does not carry over (ADP-REPLACEMENT).
    if (kind == OfferKind::Adp && in.device.input.replacement) return false;
    const auto& held = in.device.input.services_held;
    return std::find(held.begin(), held.end(), kind) != held.end();
}

int warranty_years_on_system(const RuleInput& in) {
    int years = in.device.covered_years;
    for (const CompanionService& c : in.companions)
        if (c.offering && c.offering->kind == OfferKind::Extension) years = std::max(years, c.term_years);
    return years;
}

Date system_coverage_end(const RuleInput& in) {
    Date end = in.device.coverage_end;
    for (const CompanionService& c : in.companions)
        if (c.offering && c.offering->kind == OfferKind::Extension) end = std::max(end, term_end(in.device.base_start, c.term_years));
    return end;
}

ServiceLevel level_with_companions(const RuleInput& in) {
    ServiceLevel level = in.device.base_level;
    for (const CompanionService& c : in.companions)
        if (c.offering && c.offering->level &&
            (c.offering->kind == OfferKind::Upgrade || c.offering->kind == OfferKind::Extension))
            level = std::max(level, *c.offering->level);
    return level;
}

std::string years_text(int years) { return std::to_string(years) + (years == 1 ? " year" : " years"); }

void add_fact(std::vector<FactNote>& notes, std::string_view rule_id, std::string message) {
    const Rule* rule = find_rule(rule_id);
    notes.push_back({std::string(rule_id), std::move(message), rule ? std::string(rule->source) : std::string()});
}

}  // namespace rules
}  // namespace apos
