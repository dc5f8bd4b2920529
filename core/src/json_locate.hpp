// Finds the line of a JSON value from its JSON pointer, so that catalog errors can say
// "offerings.json:214" (nlohmann/json keeps no positions once parsed).
#pragma once

#include <string>
#include <string_view>

namespace apos::detail {

// 1-based line where the value at `pointer` ("/offerings/3/prices") starts in `text`;
// the line of the deepest part found when the full path does not exist; 0 if unparsable.
int line_of_pointer(std::string_view text, std::string_view pointer);

// 1-based line of byte `offset`.
int line_of_offset(std::string_view text, std::size_t offset);

// Where and why the JSON parser stops on text it refuses (nlohmann/json says it only to a SAX
// handler when exceptions are off, as in the WebAssembly build).
struct JsonSyntaxError {
    std::size_t offset = 0;  // byte where the parser stopped
    std::string message;     // "syntax error while parsing value - ..."
    std::string token;       // the last token read
};
JsonSyntaxError json_syntax_error(std::string_view text);

}  // namespace apos::detail
