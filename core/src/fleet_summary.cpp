// The fleet summary: units and list value by window bucket, customer, machine type and the
// month coverage ends, built one unit at a time.
#include "apos/fleet.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

namespace apos {

namespace {

// Adds one unit; `customer(name)` and `machine_type(name)` find (or make) the totals of one.
template <typename CustomerTotals, typename MachineTypeTotals>
void add_unit(FleetSummary& summary, const UnitOpportunity& unit, Date as_of, CustomerTotals&& customer,
              MachineTypeTotals&& machine_type) {
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
    add(customer(unit.customer().empty() ? std::string_view("(no customer)") : unit.customer()));
    add(machine_type(unit.machine_type));
    // Expiries by month for the 24 months starting with the as-of month.
    const YearMonthDay start = as_of.ymd();
    const YearMonthDay end = unit.coverage_end.ymd();
    const int offset = (end.year - start.year) * 12 + (end.month - start.month);
    if (offset >= 0 && static_cast<std::size_t>(offset) < summary.expiries_by_month.size()) {
        summary.expiries_by_month[static_cast<std::size_t>(offset)].second += 1;
        summary.expiries_by_month_bucket[static_cast<std::size_t>(offset)][static_cast<std::size_t>(unit.bucket)] += 1;
    }
}

BucketTotals& totals_in_map(std::map<std::string, BucketTotals, std::less<>>& by, std::string_view name) {
    auto it = by.find(name);  // a find first: most units add to a name already there
    if (it == by.end()) it = by.emplace(std::string(name), BucketTotals{}).first;
    return it->second;
}

}  // namespace

void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of) {
    add_unit(
        summary, unit, as_of, [&](std::string_view name) -> auto& { return totals_in_map(summary.by_customer, name); },
        [&](std::string_view name) -> auto& { return totals_in_map(summary.by_machine_type, name); });
}

void add_to_summary(FleetSummary& summary, const UnitOpportunity& unit, Date as_of, SummaryIndex& index) {
    add_unit(
        summary, unit, as_of, [&](std::string_view name) -> auto& { return index.customer(summary, name); },
        [&](std::string_view name) -> auto& { return index.machine_type(summary, name); });
}

BucketTotals& SummaryIndex::customer(FleetSummary& summary, std::string_view name) {
    return find(customers_, summary.by_customer, name);
}

BucketTotals& SummaryIndex::machine_type(FleetSummary& summary, std::string_view name) {
    return find(machine_types_, summary.by_machine_type, name);
}

BucketTotals& SummaryIndex::find(Table& table, Names& map, std::string_view name) {
    // Another map, or this one changed behind the index (moved from, cleared, replaced, added
    // to): its entries may point at nodes that are gone, so they are made again from the map.
    const auto first_of = [&map] { return map.empty() ? nullptr : &map.begin()->second; };
    if (table.map != &map || table.entries.size() != map.size() || table.first != first_of()) {
        table.entries.clear();
        for (auto& [key, totals] : map) table.entries.emplace(std::string_view(key), &totals);
        table.map = &map;
        table.first = first_of();
    }
    if (const auto hit = table.entries.find(name); hit != table.entries.end()) return *hit->second;
    auto& [key, totals] = *map.emplace(std::string(name), BucketTotals{}).first;
    table.entries.emplace(std::string_view(key), &totals);  // the key lives in the map's node
    table.first = first_of();
    return totals;
}

void start_summary(FleetSummary& summary, const Currency& currency, Date as_of) {
    summary.as_of = as_of;
    summary.currency = currency;
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

namespace {

// A summary that no unit or start_summary has set up yet: it has no date to be checked against.
bool started(const FleetSummary& s) { return !s.expiries_by_month.empty(); }

bool add_totals(BucketTotals& into, const BucketTotals& from) {
    if (into.units == 0 && into.value.minor_units() == 0) {
        into = from;  // a fresh entry takes the currency of what it receives, as add_to_summary's do
        return true;
    }
    const std::optional<Money> sum = into.value.plus(from.value);
    if (!sum) return false;
    into.units += from.units;
    into.value = *sum;
    return true;
}

}  // namespace

std::optional<std::string> merge_summary(FleetSummary& into, const FleetSummary& from) {
    if (!started(from)) {
        // Only a slice with no unit can come without a date: its bad rows still count.
        if (from.units != 0) return "a summary with units has no as-of date or months";
        into.rows_with_errors += from.rows_with_errors;
        return std::nullopt;
    }
    if (!started(into)) {
        if (into.units != 0) return "a summary with units has no as-of date or months";
        const std::int64_t bad_rows = into.rows_with_errors;
        into = from;
        into.rows_with_errors += bad_rows;
        return std::nullopt;
    }
    if (into.as_of != from.as_of)
        return "the summaries are of different as-of dates (" + into.as_of.to_string() + " and " +
               from.as_of.to_string() + "): evaluate every part on the same date";
    if (!(into.currency == from.currency))
        return "the summaries are in different currencies (" + std::string(into.currency.code_view()) + " and " +
               std::string(from.currency.code_view()) + "): evaluate every part with the same catalog";
    if (into.expiries_by_month.size() != from.expiries_by_month.size() ||
        into.expiries_by_month_bucket.size() != from.expiries_by_month_bucket.size())
        return "the summaries count expiries over different numbers of months";
    for (std::size_t m = 0; m < into.expiries_by_month.size(); ++m)
        if (into.expiries_by_month[m].first != from.expiries_by_month[m].first)
            return "the summaries' months differ (" + into.expiries_by_month[m].first + " and " +
                   from.expiries_by_month[m].first + ")";

    // Added into a copy, so that a refusal half way leaves `into` as it was.
    FleetSummary merged = into;
    const std::string mixed = "the summaries hold amounts in two currencies";
    merged.units += from.units;
    merged.rows_with_errors += from.rows_with_errors;
    const std::optional<Money> value = merged.value.plus(from.value);
    if (!value) return mixed;
    merged.value = *value;
    for (std::size_t b = 0; b < merged.by_bucket.size(); ++b)
        if (!add_totals(merged.by_bucket[b], from.by_bucket[b])) return mixed;
    for (const auto& [name, totals] : from.by_customer)
        if (!add_totals(merged.by_customer[name], totals)) return mixed;
    for (const auto& [mt, totals] : from.by_machine_type)
        if (!add_totals(merged.by_machine_type[mt], totals)) return mixed;
    for (std::size_t m = 0; m < merged.expiries_by_month.size(); ++m) {
        merged.expiries_by_month[m].second += from.expiries_by_month[m].second;
        for (std::size_t b = 0; b < merged.expiries_by_month_bucket[m].size(); ++b)
            merged.expiries_by_month_bucket[m][b] += from.expiries_by_month_bucket[m][b];
    }
    into = std::move(merged);
    return std::nullopt;
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
