// The shared JSON field reader (json_fields.hpp): the checks that are not templates.
#include "json_fields.hpp"

#include <algorithm>

namespace apos::detail {

using nlohmann::json;

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_float: return "a decimal number";
        default: return "a number";
    }
}

JsonFields::JsonFields(const json& value, std::string pointer, FieldErrorSink sink, FieldHabits habits)
    : value_(value), pointer_(std::move(pointer)), sink_(std::move(sink)), habits_(habits) {
    ok_ = value_.is_object();
    if (!ok_) error(pointer_, "expected an object, found " + type_name(value_));
}

void JsonFields::report_unknown() {
    if (!ok_ || unknown_reported_) return;
    unknown_reported_ = true;
    for (auto it = value_.begin(); it != value_.end(); ++it) {
        const std::string& key = it.key();
        if (asked_.count(key) || (habits_.skip_dollar_keys && (key == "$schema" || key == "$comment"))) continue;
        const bool list = habits_.list_known_fields && !expected_.empty();
        error(path(key), "unknown field \"" + key + "\"" + (list ? " (known fields: " + expected_ + ")" : ""));
    }
}

const json* JsonFields::member(const std::string& key, bool required) {
    if (asked_.insert(key).second) expected_ += (expected_.empty() ? "" : ", ") + key;
    if (!ok_) return nullptr;
    const auto it = value_.find(key);
    if (it == value_.end() || (habits_.null_is_absent && it->is_null())) {
        if (required) error(pointer_, "missing field \"" + key + "\"");
        return nullptr;
    }
    return &*it;
}

const json* JsonFields::typed(const std::string& key, bool required, json::value_t type, const char* expected) {
    const json* j = member(key, required);
    if (!j || j->type() == type) return j;
    error(path(key), std::string("expected ") + expected + ", found " + type_name(*j));
    return nullptr;
}

const json* JsonFields::array(const std::string& key, bool required) {
    return typed(key, required, json::value_t::array, "an array");
}

bool JsonFields::string(const std::string& key, std::string& out, bool required, std::size_t max_length) {
    const json* j = typed(key, required, json::value_t::string, "a string");
    if (!j) return false;
    const std::string& text = j->get_ref<const std::string&>();
    if (text.size() > max_length) {
        error(path(key), "text longer than " + std::to_string(max_length) + " characters");
        return false;
    }
    out = text;
    return true;
}

bool JsonFields::boolean(const std::string& key, bool& out, bool required) {
    const json* j = typed(key, required, json::value_t::boolean, "true or false");
    if (j) out = j->get<bool>();
    return j != nullptr;
}

bool JsonFields::date(const std::string& key, Date& out, bool required) {
    const json* j = typed(key, required, json::value_t::string, "a date YYYY-MM-DD");
    if (!j) return false;
    const auto d = Date::parse(j->get_ref<const std::string&>());
    if (!d) {
        error(path(key), "expected a calendar date YYYY-MM-DD, found " + shown_value(*j));
        return false;
    }
    out = *d;
    return true;
}

bool JsonFields::optional_date(const std::string& key, std::optional<Date>& out) {
    Date d;
    if (!date(key, d, kOptional)) return false;
    out = d;
    return true;
}

namespace {
bool is_country_code(const json& c) {
    if (!c.is_string()) return false;
    const std::string& s = c.get_ref<const std::string&>();
    return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}
std::string country_error(const json& c) {
    return "expected a 2-letter country code such as \"US\", found " + shown_value(c);
}
}  // namespace

bool JsonFields::country(const std::string& key, std::string& out) {
    const json* j = member(key, kOptional);
    if (!j) return false;
    if (!is_country_code(*j)) {
        error(path(key), country_error(*j));
        return false;
    }
    out = j->get<std::string>();
    return true;
}

void JsonFields::countries(const std::string& key, std::vector<std::string>& out) {
    const json* list = array(key, kOptional);
    if (!list) return;
    out.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& c = (*list)[i];
        if (!is_country_code(c)) error(path(key) + "/" + std::to_string(i), country_error(c));
        else out.push_back(c.get<std::string>());
    }
}

std::optional<std::int64_t> JsonFields::whole_number(const json& j, const std::string& where, std::int64_t min,
                                                     std::int64_t max) const {
    const std::string expected = "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!j.is_number_integer()) {
        error(where, expected + ", found " + shown_value(j));
        return std::nullopt;
    }
    // An unsigned value above max would turn negative as an int64.
    const bool too_big = j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    const std::int64_t v = too_big ? max : j.get<std::int64_t>();
    if (too_big || v < min || v > max) {
        error(where, expected + ", found " + shown_value(j));
        return std::nullopt;
    }
    return v;
}

}  // namespace apos::detail
