// A cheap guard run before nlohmann::json::parse: nlohmann parses deep nesting without recursion,
// but dump(), copies and comparisons of such a value recurse once per level and can overflow
// the stack. Text nested deeper than kMaxJsonDepth is refused before it becomes a value.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace apos::detail {

inline constexpr std::size_t kMaxJsonDepth = 512;

// Byte offset of the '[' or '{' that opens level max_depth + 1 (brackets inside strings do not
// count); std::string_view::npos when the text never nests that deep.
std::size_t find_excess_nesting(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// A value as error messages show it: at most 80 characters, invalid UTF-8 replaced.
std::string shown_value(const nlohmann::json& value);

}  // namespace apos::detail
