// Device resolution: machine type lookup plus the base-warranty facts every rule reads.
#include "apos/device.hpp"

#include <algorithm>

#include "rules/rule_support.hpp"

namespace apos {

int whole_years_covered(Date base_start, Date end) {
    int years = 0;
    while (years < 100 && term_end(base_start, years + 1) <= end) ++years;
    return years;
}

std::optional<DeviceError> resolve_unit_facts(const Policy& policy, DeviceFacts& facts, std::vector<FactNote>* notes) {
    const DeviceInput& input = facts.input;
    if (input.quantity < 1 || input.quantity > kMaxQuantity)
        return DeviceError{"quantity", "expected 1 to 1,000,000 units, found " + std::to_string(input.quantity)};
    if (input.purchase_date && *input.purchase_date < input.ship_date)
        return DeviceError{"purchase_date", "the purchase date " + input.purchase_date->to_string() +
                                                " is before the ship date " + input.ship_date.to_string()};
    facts.base_start = rules::base_warranty_start(input, notes);
    facts.base_end = rules::distributor_buffer(policy, input, term_end(facts.base_start, facts.base_years), notes);
    facts.system_purchase = input.purchase_date.value_or(facts.base_start);
    facts.iws = rules::international_warranty_included(policy, *facts.machine_type, facts.system_purchase, notes);
    facts.cap_end = term_end(facts.base_start, facts.cap_years);
    facts.coverage_end = std::max(facts.base_end, input.coverage_end.value_or(facts.base_end));
    facts.covered_years = std::max(facts.base_years, whole_years_covered(facts.base_start, facts.coverage_end));
    return std::nullopt;
}

DeviceResolution resolve_device(const Catalog& catalog, const DeviceInput& input) {
    DeviceResolution result;
    if (input.mtm.size() < 4 || input.mtm.size() > 10)
        return {std::nullopt,
                DeviceError{"mtm", "expected a machine type (4 characters) or a full MTM (up to 10), found \"" +
                                       input.mtm + "\""}};
    // MTMs are plain ASCII; other bytes (a multi-byte letter, a control code) would be cut in half
    // by the 4-character machine type below.
    for (char c : input.mtm)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            return {std::nullopt,
                    DeviceError{
                        "mtm",
                        "expected letters and digits only (a machine type such as 21JK or an MTM such as 21JKCTO1WW)"}};
    const MachineType* type = catalog.find_machine_type(input.mtm);
    if (!type)
        return {std::nullopt,
                DeviceError{"mtm", "machine type \"" + input.mtm.substr(0, 4) + "\" is not in the catalog (" +
                                       std::to_string(catalog.machine_types.size()) + " types are)"}};
    DeviceFacts facts;
    facts.machine_type = type;
    facts.input = input;
    facts.base_years = rules::base_warranty_length_in(*type, input.country,
                                                      rules::base_warranty_length(*type, facts.notes), facts.notes);
    facts.base_level = rules::base_warranty_level(*type, facts.notes);
    facts.cap_years = rules::coverage_cap_years(catalog.policy, *type, facts.notes);
    if (std::optional<DeviceError> error = resolve_unit_facts(catalog.policy, facts, &facts.notes))
        return {std::nullopt, std::move(error)};
    // The facts read in the order of the rule reference (the start before the length it counts from).
    auto place = [](const FactNote& note) {
        const std::vector<Rule>& rules = all_rules();
        return std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == note.rule; }) -
               rules.begin();
    };
    std::stable_sort(facts.notes.begin(), facts.notes.end(),
                     [&](const FactNote& a, const FactNote& b) { return place(a) < place(b); });
    result.facts = std::move(facts);
    return result;
}

}  // namespace apos
