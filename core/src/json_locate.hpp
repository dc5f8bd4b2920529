// Finds the line of a JSON value from its JSON pointer, so that catalog errors can say
// "offerings.json:214" (nlohmann/json keeps no positions once parsed).
#pragma once

#include <string_view>

namespace apos::detail {

// 1-based line where the value at `pointer` ("/offerings/3/prices") starts in `text`;
// the line of the deepest part found when the full path does not exist; 0 if unparsable.
int line_of_pointer(std::string_view text, std::string_view pointer);

// 1-based line of byte `offset`.
int line_of_offset(std::string_view text, std::size_t offset);

}  // namespace apos::detail
