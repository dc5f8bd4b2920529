// Reads a fleet summary back from its JSON (the parts of a large fleet are summed from these):
// every field checked, and counts that do not add up refused, since a summary is merged blind.
#include <cstdint>
#include <limits>

#include "apos/json_io.hpp"

namespace apos {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxSummaryBytes = 128u * 1024 * 1024;  // a summary of millions of customers
constexpr std::size_t kMaxErrors = 20;

class SummaryReader {
public:
    explicit SummaryReader(std::vector<InputError>& errors) : errors_(errors) {}

    void error(const std::string& where, std::string message) {
        if (errors_.size() < kMaxErrors) errors_.push_back({where.empty() ? "/" : where, std::move(message)});
    }

    const json* member(const json& object, const std::string& key, const std::string& where) {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            error(where + "/" + key, "missing");
            return nullptr;
        }
        return &*it;
    }

    // Fields a summary does not have are refused: a file of another kind is not merged by accident.
    void only(const json& object, std::initializer_list<const char*> keys, const std::string& where) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const char* k : keys) known = known || it.key() == k;
            if (!known) error(where + "/" + it.key(), "unknown field \"" + it.key() + "\"");
        }
    }

    std::optional<std::int64_t> count(const json* j, const std::string& where) {
        if (!j) return std::nullopt;
        if (!j->is_number_integer() || (!j->is_number_unsigned() && j->get<std::int64_t>() < 0) ||
            (j->is_number_unsigned() &&
             j->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
            error(where, "expected a whole number, 0 or more");
            return std::nullopt;
        }
        return j->get<std::int64_t>();
    }

    std::optional<Money> money(const json* j, const std::string& where, const Currency& currency) {
        if (!j) return std::nullopt;
        if (!j->is_object()) {
            error(where, "expected an amount {\"minor\", \"currency\"}");
            return std::nullopt;
        }
        only(*j, {"minor", "currency", "text"}, where);
        const json* minor = member(*j, "minor", where);
        const json* code = member(*j, "currency", where);
        if (!minor || !code) return std::nullopt;
        if (!minor->is_number_integer() ||
            (minor->is_number_unsigned() &&
             minor->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
            error(where + "/minor", "expected a whole number of minor units");
            return std::nullopt;
        }
        if (!code->is_string() || code->get_ref<const std::string&>() != currency.code_view()) {
            error(where + "/currency",
                  "expected the summary's currency " + std::string(currency.code_view()) + ", found " + code->dump());
            return std::nullopt;
        }
        return Money(minor->get<std::int64_t>(), currency);
    }

    std::optional<BucketTotals> totals(const json& j, const std::string& where, const Currency& currency) {
        if (!j.is_object()) {
            error(where, "expected {\"units\", \"value\"}");
            return std::nullopt;
        }
        only(j, {"units", "value"}, where);
        const auto units = count(member(j, "units", where), where + "/units");
        const auto value = money(member(j, "value", where), where + "/value", currency);
        if (!units || !value) return std::nullopt;
        return BucketTotals{*units, *value};
    }

    // A map of names to totals (customers, machine types), with the units it adds up to.
    std::int64_t named_totals(const json* j, const std::string& where, const Currency& currency,
                              std::map<std::string, BucketTotals, std::less<>>& out) {
        std::int64_t units = 0;
        if (!j) return units;
        if (!j->is_object()) {
            error(where, "expected an object of names");
            return units;
        }
        for (auto it = j->begin(); it != j->end(); ++it)
            if (auto t = totals(it.value(), where + "/" + it.key(), currency)) {
                units += t->units;
                out.emplace(it.key(), *t);
            }
        return units;
    }

private:
    std::vector<InputError>& errors_;
};

std::optional<WindowBucket> bucket_named(std::string_view name) {
    for (int b = 0; b < kWindowBucketCount; ++b)
        if (to_string(static_cast<WindowBucket>(b)) == name) return static_cast<WindowBucket>(b);
    return std::nullopt;
}

FleetSummaryParse read_summary(const json& root, const std::string& where) {
    FleetSummaryParse result;
    SummaryReader r(result.errors);
    if (!root.is_object()) {
        r.error(where, "expected a fleet summary object (apos fleet --format summary)");
        return result;
    }
    r.only(root,
           {"as_of", "currency", "units", "rows_with_errors", "value", "by_bucket", "by_customer", "by_machine_type",
            "expiries_by_month"},
           where);
    const json* as_of_json = r.member(root, "as_of", where);
    const json* code_json = r.member(root, "currency", where);
    std::optional<Date> as_of;
    std::optional<Currency> currency;
    if (as_of_json) {
        if (as_of_json->is_string()) as_of = Date::parse(as_of_json->get<std::string>());
        if (!as_of) r.error(where + "/as_of", "expected a calendar date YYYY-MM-DD, found " + as_of_json->dump());
    }
    if (code_json) {
        if (code_json->is_string()) currency = Currency::from_code(code_json->get<std::string>());
        if (!currency) r.error(where + "/currency", "expected an ISO 4217 currency code, found " + code_json->dump());
    }
    if (!as_of || !currency) return result;  // everything else is read against these

    FleetSummary s;
    start_summary(s, *currency, *as_of);
    const auto units = r.count(r.member(root, "units", where), where + "/units");
    const auto bad_rows = r.count(r.member(root, "rows_with_errors", where), where + "/rows_with_errors");
    const auto value = r.money(r.member(root, "value", where), where + "/value", *currency);

    std::int64_t bucket_units = 0;
    std::optional<Money> bucket_value = Money(0, *currency);
    if (const json* buckets = r.member(root, "by_bucket", where)) {
        if (!buckets->is_object()) r.error(where + "/by_bucket", "expected an object of window buckets");
        else {
            for (auto it = buckets->begin(); it != buckets->end(); ++it)
                if (!bucket_named(it.key()))
                    r.error(where + "/by_bucket/" + it.key(), "not a window bucket (closing-0-30 ... nothing-to-sell)");
            for (int b = 0; b < kWindowBucketCount; ++b) {
                const std::string name(to_string(static_cast<WindowBucket>(b)));
                const json* entry = r.member(*buckets, name, where + "/by_bucket");
                if (!entry) continue;
                if (auto t = r.totals(*entry, where + "/by_bucket/" + name, *currency)) {
                    s.by_bucket[static_cast<std::size_t>(b)] = *t;
                    bucket_units += t->units;
                    if (bucket_value) bucket_value = bucket_value->plus(t->value);
                }
            }
        }
    }
    const std::int64_t customer_units =
        r.named_totals(r.member(root, "by_customer", where), where + "/by_customer", *currency, s.by_customer);
    const std::int64_t type_units = r.named_totals(r.member(root, "by_machine_type", where), where + "/by_machine_type",
                                                   *currency, s.by_machine_type);

    if (const json* months = r.member(root, "expiries_by_month", where)) {
        if (!months->is_array() || months->size() != s.expiries_by_month.size()) {
            r.error(where + "/expiries_by_month",
                    "expected " + std::to_string(s.expiries_by_month.size()) + " months from the as-of month");
        } else {
            for (std::size_t m = 0; m < months->size(); ++m) {
                const json& month = (*months)[m];
                const std::string at = where + "/expiries_by_month/" + std::to_string(m);
                if (!month.is_object()) {
                    r.error(at, "expected {\"month\", \"units\", \"by_bucket\"}");
                    continue;
                }
                r.only(month, {"month", "units", "by_bucket"}, at);
                const json* label = r.member(month, "month", at);
                if (label && (!label->is_string() || *label != s.expiries_by_month[m].first))
                    r.error(at + "/month", "expected \"" + s.expiries_by_month[m].first + "\" (month " +
                                               std::to_string(m + 1) + " from the as-of date), found " + label->dump());
                const auto month_units = r.count(r.member(month, "units", at), at + "/units");
                if (month_units) s.expiries_by_month[m].second = *month_units;
                std::int64_t split_units = 0;
                const auto split = month.find("by_bucket");
                if (split != month.end() && !split->is_object()) r.error(at + "/by_bucket", "expected an object");
                else if (split != month.end())
                    for (auto it = split->begin(); it != split->end(); ++it) {
                        const auto bucket = bucket_named(it.key());
                        if (!bucket) {
                            r.error(at + "/by_bucket/" + it.key(), "not a window bucket");
                            continue;
                        }
                        if (auto n = r.count(&it.value(), at + "/by_bucket/" + it.key())) {
                            s.expiries_by_month_bucket[m][static_cast<std::size_t>(*bucket)] = *n;
                            split_units += *n;
                        }
                    }
                if (month_units && split_units != *month_units)
                    r.error(at, "its buckets hold " + std::to_string(split_units) + " units, not " +
                                    std::to_string(*month_units));
            }
        }
    }

    if (units) {
        s.units = *units;
        auto check = [&](std::int64_t sum, const char* what) {
            if (sum != *units)
                r.error(where + "/" + what,
                        "holds " + std::to_string(sum) + " units in all, not the summary's " + std::to_string(*units));
        };
        check(bucket_units, "by_bucket");
        check(customer_units, "by_customer");
        check(type_units, "by_machine_type");
    }
    if (value) {
        s.value = *value;
        if (bucket_value && !(*bucket_value == *value))
            r.error(where + "/by_bucket",
                    "its values add up to " + bucket_value->to_string() + ", not the summary's " + value->to_string());
    }
    if (bad_rows) s.rows_with_errors = *bad_rows;
    if (result.errors.empty()) result.summary = std::move(s);
    return result;
}

}  // namespace

FleetSummaryParse parse_fleet_summary(std::string_view text) {
    if (auto refused = check_json_text(text, kMaxSummaryBytes)) return {std::nullopt, {*refused}};
    const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return {std::nullopt, {{"/", "not valid JSON"}}};
    // A whole `apos fleet` answer carries its summary beside the units.
    if (root.is_object() && root.contains("summary") && !root.contains("by_bucket"))
        return read_summary(root.at("summary"), "/summary");
    return read_summary(root, "");
}

}  // namespace apos
