// A quote as a spreadsheet (CSV, formula-safe) and as a printable HTML page (every catalog and
// user string escaped). Both state the sample-catalog notice and the rounding used.
#pragma once

#include <string>
#include <string_view>

#include "apos/quote.hpp"

namespace apos {

std::string quote_to_csv(const Quote& quote);
std::string quote_to_html(const Quote& quote);

// &, <, >, " and ' as entities.
std::string html_escape(std::string_view text);

}  // namespace apos
