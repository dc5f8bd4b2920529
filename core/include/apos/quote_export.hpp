// A quote as a spreadsheet (CSV, formula-safe) and as a printable HTML page (every catalog and
// user string escaped). Both state the sample-catalog notice and the rounding used.
#pragma once

#include <string>
#include <string_view>

#include "apos/quote.hpp"

namespace apos {

std::string quote_to_csv(const Quote& quote);
// The partner's internal quote: partner prices, programs, margin, rule notes.
std::string quote_to_html(const Quote& quote);
// The customer's quote: list prices, terms, coverage dates, the unit each line is for and the
// sample notice; no partner price, programs, margin or rule IDs.
std::string quote_to_customer_html(const Quote& quote);
// The unit a quote item is: "ThinkPad T14 Gen 4 (21HD), serial PF3ABC12"; empty without a device.
std::string quote_item_unit(const Quote& quote, std::size_t item);

// The notice every printout and export of the sample catalog carries.
std::string_view sample_catalog_notice();

// &, <, >, " and ' as entities.
std::string html_escape(std::string_view text);

}  // namespace apos
