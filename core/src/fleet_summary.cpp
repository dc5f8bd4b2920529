// The fleet summary: units and list value by window bucket, customer, machine type and the
// month coverage ends, built one unit at a time.
#include "apos/fleet.hpp"

#include <cstdio>

namespace apos {

void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of) {
    if (summary.expiries_by_month.empty()) start_summary(summary, unit.value.currency(), as_of);
    if (summary.expiries_by_month_bucket.size() != summary.expiries_by_month.size())
        summary.expiries_by_month_bucket.resize(summary.expiries_by_month.size());  // a summary set up by hand
    summary.units += 1;
    // A summary holds one currency (that of its first unit): a unit valued in another one is
    // counted but its value is left out rather than added under the wrong code.
    auto add_value = [&](Money& total) {
        if (const std::optional<Money> sum = total.plus(unit.value)) total = *sum;
    };
    add_value(summary.value);
    auto add = [&](BucketTotals& totals) {
        if (totals.units == 0) totals.value = Money(0, unit.value.currency());
        totals.units += 1;
        add_value(totals.value);
    };
    add(summary.by_bucket[static_cast<std::size_t>(unit.bucket)]);
    auto totals_of = [](std::map<std::string, BucketTotals, std::less<>>& by, std::string_view name) -> BucketTotals& {
        auto it = by.find(name);  // a find first: most units add to a name already there
        if (it == by.end()) it = by.emplace(std::string(name), BucketTotals{}).first;
        return it->second;
    };
    add(totals_of(summary.by_customer,
                  unit.customer.empty() ? std::string_view("(no customer)") : std::string_view(unit.customer)));
    add(totals_of(summary.by_machine_type, unit.machine_type));
    // Expiries by month for the 24 months starting with the as-of month.
    const YearMonthDay start = as_of.ymd();
    const YearMonthDay end = unit.coverage_end.ymd();
    const int offset = (end.year - start.year) * 12 + (end.month - start.month);
    if (offset >= 0 && static_cast<std::size_t>(offset) < summary.expiries_by_month.size()) {
        summary.expiries_by_month[static_cast<std::size_t>(offset)].second += 1;
        summary.expiries_by_month_bucket[static_cast<std::size_t>(offset)][static_cast<std::size_t>(unit.bucket)] += 1;
    }
}

void start_summary(FleetSummary& summary, const Currency& currency, Date as_of) {
    summary.value = Money(0, currency);
    for (BucketTotals& b : summary.by_bucket) b.value = Money(0, currency);
    summary.expiries_by_month.clear();
    summary.expiries_by_month_bucket.assign(24, {});
    YearMonthDay month = as_of.ymd();
    for (int i = 0; i < 24; ++i) {
        char label[16];
        std::snprintf(label, sizeof label, "%04d-%02d", month.year, month.month);
        summary.expiries_by_month.emplace_back(label, 0);
        if (++month.month > 12) {
            month.month = 1;
            ++month.year;
        }
    }
}

std::int64_t sort_and_count_error_rows(std::vector<FleetRowError>& errors) {
    std::stable_sort(errors.begin(), errors.end(),
                     [](const FleetRowError& a, const FleetRowError& b) { return a.line < b.line; });
    return count_error_rows(errors);
}

std::int64_t count_error_rows(const std::vector<FleetRowError>& errors) {
    std::int64_t rows = 0;
    int last = -1;
    for (const FleetRowError& e : errors)
        if (e.line != last) {
            ++rows;
            last = e.line;
        }
    return rows;
}

}  // namespace apos
