// The generic partner-program engine. Each component sums the partner price (or units) of
// the lines it applies to, applies its rate once, rounds as the table says, then caps.
// What a program pays on is data (catalog/programs.json); this file knows no program by name.
#include "apos/programs.hpp"

#include <algorithm>
#include <map>

namespace apos {

ProgramLine make_program_line(const MachineType& type, LineGroup group, std::size_t item, std::int64_t units,
                              Money unit_partner_price, Money partner_price) {
    ProgramLine line;
    line.group = group;
    line.item = item;
    line.brand = type.brand;
    line.series = type.series;
    line.category = type.category;
    line.topseller = type.topseller;
    line.units = units;
    line.unit_partner_price = unit_partner_price;
    line.partner_price = partner_price;
    return line;
}

std::int64_t allocated_units(const UnitAllocation& allocation, const CustomerPrograms& customer) {
    if (!customer.previous_quarter_purchases_minor) return allocation.without_purchases;
    std::int64_t units = 0;
    for (const AllocationBand& band : allocation.bands)
        if (*customer.previous_quarter_purchases_minor >= band.purchases_from_minor) units = band.units;
    return units;
}

namespace {

template <typename T>
bool listed(const std::vector<T>& list, const T& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

// "ThinkPad" matches the series "ThinkPad" and "ThinkPad E", not "ThinkPadX": a prefix ends at a
// word, so "Lenovo V1" can never pick up "Lenovo V15".
bool series_matches(const std::vector<std::string>& prefixes, const std::string& series) {
    if (prefixes.empty()) return true;
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
        return series.size() >= p.size() && series.compare(0, p.size(), p) == 0 &&
               (series.size() == p.size() || series[p.size()] == ' ');
    });
}

bool matches(const LineFilter& filter, const ProgramLine& line) {
    if (std::find(filter.groups.begin(), filter.groups.end(), line.group) == filter.groups.end()) return false;
    if (filter.topseller && *filter.topseller != line.topseller) return false;
    if (!listed(filter.brands, line.brand) || !listed(filter.categories, line.category)) return false;
    if (!series_matches(filter.series_prefixes, line.series)) return false;
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

// Whether a rule the customer opted into has a component this customer qualifies for.
bool can_pay(const ProgramTable& table, const std::string& rule, const CustomerPrograms& customer) {
    return std::any_of(table.components.begin(), table.components.end(), [&](const ProgramComponent& c) {
        return c.rule == rule && (!c.new_customer_only || customer.new_customer);
    });
}

// Units toward the component's quote_units range: every matching line's units, or each quote
// item once (its largest matching line), so five services on one laptop count one device.
std::int64_t counted_units(const ProgramComponent& component, const std::vector<const ProgramLine*>& matching) {
    if (component.units_counted == UnitCount::Lines) {
        std::int64_t units = 0;
        for (const ProgramLine* line : matching) units += line->units;
        return units;
    }
    std::map<std::size_t, std::int64_t> per_item;
    for (const ProgramLine* line : matching) per_item[line->item] = std::max(per_item[line->item], line->units);
    std::int64_t units = 0;
    for (const auto& [item, n] : per_item) units += n;
    return units;
}

std::string units_range(const ProgramComponent& component) {
    if (component.quote_units_min && component.quote_units_max)
        return "from " + std::to_string(*component.quote_units_min) + " to " +
               std::to_string(*component.quote_units_max) + " units";
    if (component.quote_units_min) return "from " + std::to_string(*component.quote_units_min) + " units";
    return "up to " + std::to_string(component.quote_units_max.value_or(0)) + " units";
}

std::string plural(std::int64_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// The allocation's basis when the quote holds more units than allowed: the lowest-priced units
// first (quote order among equal prices), so the quote never shows more than the program pays.
Money cheapest_units(std::vector<const ProgramLine*> matching, std::int64_t allowed, const Currency& currency) {
    std::stable_sort(matching.begin(), matching.end(), [](const ProgramLine* a, const ProgramLine* b) {
        return a->unit_partner_price.minor_units() < b->unit_partner_price.minor_units();
    });
    Money basis(0, currency);
    for (const ProgramLine* line : matching) {
        if (allowed == 0) break;
        const std::int64_t taken = std::min(allowed, line->units);
        // A line in another currency cannot count toward the basis (and so is never paid on).
        const std::optional<Money> sum = basis.plus(line->unit_partner_price.times(taken));
        if (!sum) continue;
        basis = *sum;
        allowed -= taken;
    }
    return basis;
}

std::string allocation_reason(const CustomerPrograms& customer, const Currency& currency, std::int64_t allowed) {
    const std::string whose =
        customer.previous_quarter_purchases_minor
            ? "previous-quarter purchases of " + Money(*customer.previous_quarter_purchases_minor, currency).to_string()
            : "a partner stating no previous-quarter purchases (newly authorised)";
    return "the allocation for " + whose + " is " + plural(allowed, "unit");
}

}  // namespace

ProgramResult apply_programs(const ProgramTable& table, const std::vector<ProgramLine>& lines,
                             const CustomerPrograms& customer, const Currency& currency) {
    ProgramResult result;
    result.table_id = table.id;
    result.total = Money(0, currency);

    // A deal gets only one of two exclusive programs: the first of the pair wins when it can pay
    // (NCB only pays for a new customer; for any other customer the deal keeps DEAL-REG).
    std::vector<std::string> dropped;
    for (const auto& [first, second] : table.exclusive)
        if (opted_in(customer, first) && opted_in(customer, second) && can_pay(table, first, customer)) {
            dropped.push_back(second);
            result.notices.push_back(first + " and " + second + " do not combine on one deal; " + second +
                                     " was left out.");
        }

    std::map<std::string, std::int64_t> pool_paid;  // cap pool -> paid so far on this quote
    for (const ProgramComponent& component : table.components) {
        if (component.opt_in && (!opted_in(customer, component.rule) ||
                                 std::find(dropped.begin(), dropped.end(), component.rule) != dropped.end()))
            continue;
        if (component.new_customer_only && !customer.new_customer) continue;
        if (!component.partner_countries.empty() && !listed(component.partner_countries, customer.partner_country)) {
            std::string where;
            for (const std::string& c : component.partner_countries) where += (where.empty() ? "" : ", ") + c;
            const std::string notice = component.rule + " runs for partners in " + where +
                                       " only; this partner is in " + customer.partner_country + ".";
            if (std::find(result.notices.begin(), result.notices.end(), notice) == result.notices.end())
                result.notices.push_back(notice);
            continue;
        }
        std::vector<const ProgramLine*> matching;
        Money basis(0, currency);
        std::int64_t line_units = 0;
        for (const ProgramLine& line : lines) {
            if (!applies(component, line)) continue;
            const std::optional<Money> sum = basis.plus(line.partner_price);
            if (!sum) continue;  // another currency: the line cannot count toward this component
            matching.push_back(&line);
            basis = *sum;
            line_units += line.units;
        }
        std::int64_t units = counted_units(component, matching);
        if (units == 0) continue;
        if ((component.quote_units_min && units < *component.quote_units_min) ||
            (component.quote_units_max && units > *component.quote_units_max)) {
            result.notices.push_back(component.name + " applies " + units_range(component) + "; this quote has " +
                                     std::to_string(units) + ".");
            continue;
        }
        std::string note = component.note;
        if (component.unit_allocation) {
            const std::int64_t allowed = allocated_units(*component.unit_allocation, customer);
            if (allowed == 0) {
                result.notices.push_back(component.name + ": no units, as " + allocation_reason(customer, currency, 0) +
                                         "; the quote has " + plural(line_units, "matching unit") + ".");
                continue;
            }
            if (allowed < line_units) basis = cheapest_units(matching, allowed, currency);
            const std::int64_t counted = std::min(allowed, line_units);
            note += (note.empty() ? "" : " ") + std::string("Counted ") + std::to_string(counted) + " of " +
                    plural(line_units, "matching unit") + (allowed < line_units ? ", the lowest-priced first" : "") +
                    ": " + allocation_reason(customer, currency, allowed) + ".";
            units = counted;
        }
        ProgramAmount amount;
        amount.rule = component.rule;
        amount.name = component.name;
        amount.units = units;
        amount.basis_amount = basis;
        amount.note = std::move(note);
        if (component.basis == ProgramBasis::Units) {
            amount.basis = "units";
            amount.per_unit = Money(component.per_unit_minor, currency);
            amount.amount = amount.per_unit.times(units);
        } else {
            amount.basis = "partner_price";
            amount.rate = component.rate;
            amount.amount = basis.apply_rate(component.rate, component.round_to_minor);
        }
        if (component.cap_minor) {
            // A pool's cap is shared: what earlier components of the pool paid is used up.
            const std::int64_t paid = component.cap_pool.empty() ? 0 : pool_paid[component.cap_pool];
            const std::int64_t room = std::max<std::int64_t>(0, *component.cap_minor - paid);
            if (amount.amount.minor_units() > room) {
                amount.amount = Money(room, currency);
                amount.capped = true;
                if (!component.cap_pool.empty())
                    amount.note += (amount.note.empty() ? "" : " ") + std::string("Capped: the components of \"") +
                                   component.cap_pool + "\" share one cap of " +
                                   Money(*component.cap_minor, currency).to_string() + ".";
            }
            if (!component.cap_pool.empty()) pool_paid[component.cap_pool] = paid + amount.amount.minor_units();
        }
        const std::optional<Money> total = result.total.plus(amount.amount);
        if (!total) {
            result.notices.push_back(component.name + " is paid in another currency than the quote and is left out.");
            continue;
        }
        result.total = *total;
        result.amounts.push_back(std::move(amount));
    }
    return result;
}

}  // namespace apos
