// The generic partner-program engine. Each component sums the partner price (or units) of
// the lines it applies to, applies its rate once, rounds as the table says, then caps.
#include "apos/programs.hpp"

#include <algorithm>

namespace apos {
namespace {

bool matches(const LineFilter& filter, const ProgramLine& line) {
    if (std::find(filter.groups.begin(), filter.groups.end(), line.group) == filter.groups.end()) return false;
    if (filter.topseller && *filter.topseller != line.topseller) return false;
    const std::int64_t unit = line.unit_partner_price.minor_units();
    if (filter.unit_price_min && unit < *filter.unit_price_min) return false;
    if (filter.unit_price_max && unit > *filter.unit_price_max) return false;
    return true;
}

bool applies(const ProgramComponent& component, const ProgramLine& line) {
    return std::any_of(component.applies_to.begin(), component.applies_to.end(),
                       [&](const LineFilter& f) { return matches(f, line); });
}

bool opted_in(const CustomerPrograms& customer, const std::string& rule) {
    return std::find(customer.opted_in.begin(), customer.opted_in.end(), rule) != customer.opted_in.end();
}

}  // namespace

ProgramResult apply_programs(const ProgramTable& table, const std::vector<ProgramLine>& lines, const CustomerPrograms& customer,
                             const Currency& currency) {
    ProgramResult result;
    result.table_id = table.id;
    result.total = Money(0, currency);

    // A deal gets only one of two exclusive programs: the first of the pair wins.
    std::vector<std::string> dropped;
    for (const auto& [first, second] : table.exclusive)
        if (opted_in(customer, first) && opted_in(customer, second)) {
            dropped.push_back(second);
            result.notices.push_back(first + " and " + second + " do not combine on one deal; " + second + " was left out.");
        }

    for (const ProgramComponent& component : table.components) {
        if (component.opt_in && (!opted_in(customer, component.rule) ||
                                 std::find(dropped.begin(), dropped.end(), component.rule) != dropped.end()))
            continue;
        if (component.new_customer_only && !customer.new_customer) continue;
        Money basis(0, currency);
        std::int64_t units = 0;
        for (const ProgramLine& line : lines) {
            if (!applies(component, line)) continue;
            basis = basis.plus(line.partner_price);
            units += line.units;
        }
        if (units == 0) continue;
        if ((component.quote_units_min && units < *component.quote_units_min) ||
            (component.quote_units_max && units > *component.quote_units_max)) {
            result.notices.push_back(component.name + " applies from " + std::to_string(component.quote_units_min.value_or(0)) + " to " +
                                     std::to_string(component.quote_units_max.value_or(0)) + " units; this quote has " +
                                     std::to_string(units) + ".");
            continue;
        }
        ProgramAmount amount;
        amount.rule = component.rule;
        amount.name = component.name;
        amount.units = units;
        amount.basis_amount = basis;
        amount.note = component.note;
        if (component.basis == ProgramBasis::Units) {
            amount.basis = "units";
            amount.per_unit = Money(component.per_unit_minor, currency);
            amount.amount = amount.per_unit.times(units);
        } else {
            amount.basis = "partner_price";
            amount.rate = component.rate;
            amount.amount = basis.apply_rate(component.rate, component.round_to_minor);
        }
        if (component.cap_minor && amount.amount.minor_units() > *component.cap_minor) {
            amount.amount = Money(*component.cap_minor, currency);
            amount.capped = true;
        }
        result.total = result.total.plus(amount.amount);
        result.amounts.push_back(std::move(amount));
    }
    return result;
}

}  // namespace apos
