// The one reader of JSON object fields, shared by quote requests and catalog files: each field is
// checked against what is expected, never-asked fields are unknown, and every problem goes to the
// caller's sink with its JSON pointer (the caller adds file:line or keeps the pointer).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/date.hpp"
#include "catalog_enums.hpp"
#include "json_depth.hpp"

namespace apos::detail {

// Receives each problem: the JSON pointer of the value at fault and what is wrong with it.
using FieldErrorSink = std::function<void(const std::string& pointer, std::string message)>;

// Where requests and catalog files differ in how their fields are written.
struct FieldHabits {
    bool null_is_absent = false;     // the page sends null for a field left empty
    bool skip_dollar_keys = false;   // "$schema" and "$comment" are for editors, not for us
    bool list_known_fields = false;  // an unknown field's error names the fields that are known
};
inline constexpr FieldHabits kRequestHabits{true, false, false};
inline constexpr FieldHabits kCatalogFileHabits{false, true, true};

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

// "a string", "an array", "null": what a value is, for "expected ..., found ..." messages.
std::string type_name(const nlohmann::json& value);

// Reads the members of one JSON object. Each reading method leaves `out` as it is when the
// member is absent or wrong, and says whether it read a value. Fields never asked for are
// reported as unknown by report_unknown(), or at the latest when the reader goes away.
class JsonFields {
public:
    JsonFields(const nlohmann::json& value, std::string pointer, FieldErrorSink sink, FieldHabits habits);
    ~JsonFields() { report_unknown(); }
    JsonFields(const JsonFields&) = delete;
    JsonFields& operator=(const JsonFields&) = delete;

    // A reader of an object inside this one, with the same sink and habits.
    JsonFields child(const nlohmann::json& value, std::string pointer) const {
        return JsonFields(value, std::move(pointer), sink_, habits_);
    }

    bool ok() const { return ok_; }  // the value is an object
    std::string path(const std::string& key) const { return pointer_ + "/" + key; }
    void error(const std::string& pointer, std::string message) const { sink_(pointer, std::move(message)); }
    void report_unknown();

    // The member `key`, or nullptr when it is absent (a missing required member is reported).
    const nlohmann::json* member(const std::string& key, bool required);
    const nlohmann::json* array(const std::string& key, bool required = kRequired);

    bool string(const std::string& key, std::string& out, bool required = kRequired, std::size_t max_length = 4000);
    bool boolean(const std::string& key, bool& out, bool required = kOptional);
    bool date(const std::string& key, Date& out, bool required = kRequired);
    bool optional_date(const std::string& key, std::optional<Date>& out);
    // One 2-letter country code ("US"), and a list of them (absent keeps `out` as it is).
    bool country(const std::string& key, std::string& out);
    void countries(const std::string& key, std::vector<std::string>& out);

    template <typename Int>
    bool integer(const std::string& key, Int& out, std::int64_t min, std::int64_t max, bool required = kRequired) {
        const nlohmann::json* j = member(key, required);
        return j && read_integer(*j, path(key), out, min, max);
    }
    template <typename Int>
    bool integer(const std::string& key, std::optional<Int>& out, std::int64_t min, std::int64_t max) {
        Int value{};
        if (!integer(key, value, min, max, kOptional)) return false;
        out = value;
        return true;
    }
    template <typename Int>
    bool read_integer(const nlohmann::json& j, const std::string& where, Int& out, std::int64_t min,
                      std::int64_t max) const {
        const auto v = whole_number(j, where, min, max);
        if (v) out = static_cast<Int>(*v);
        return v.has_value();
    }

    template <typename E, std::size_t N>
    bool enumeration(const std::string& key, const EnumNames<E, N>& names, E& out, bool required = kRequired) {
        const nlohmann::json* j = member(key, required);
        return j && read_enum(*j, path(key), names, out);
    }
    template <typename E, std::size_t N>
    bool enumeration(const std::string& key, const EnumNames<E, N>& names, std::optional<E>& out) {
        E value{};
        if (!enumeration(key, names, value, kOptional)) return false;
        out = value;
        return true;
    }
    template <typename E, std::size_t N>
    bool read_enum(const nlohmann::json& j, const std::string& where, const EnumNames<E, N>& names, E& out) const {
        if (j.is_string())
            if (auto v = names.parse(j.get_ref<const std::string&>())) {
                out = *v;
                return true;
            }
        error(where, "expected one of " + names.list() + ", found " + shown_value(j));
        return false;
    }

private:
    // The member `key` if it is of `type`; one of another type is reported as "expected <expected>, found ...".
    const nlohmann::json* typed(const std::string& key, bool required, nlohmann::json::value_t type,
                                const char* expected);
    std::optional<std::int64_t> whole_number(const nlohmann::json& j, const std::string& where, std::int64_t min,
                                             std::int64_t max) const;

    const nlohmann::json& value_;
    std::string pointer_;
    FieldErrorSink sink_;
    FieldHabits habits_;
    bool ok_ = false;
    bool unknown_reported_ = false;
    std::set<std::string> asked_;
    std::string expected_;  // the asked keys in order, for the unknown-field message
};

}  // namespace apos::detail
