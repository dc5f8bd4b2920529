// Excel workbooks (.xlsx) as fleet files: a sheet's rows, streamed out of the ZIP archive by
// zlib and expat, go to the same FleetCsvReader as a CSV's rows (mapping, dates, row checks).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"
#include "sheet_rows.hpp"  // looks_like_zip

namespace apos {

// The workbook's sheet names in workbook order; nothing (and why in `error`) when the bytes are
// not a workbook that can be read.
std::optional<std::vector<std::string>> xlsx_sheet_names(std::string_view bytes, std::string& error);

// The rows of a sheet (the first one when `sheet` is empty) as records: cells by their column
// letters (a gap gives empty fields), shared and inline strings as their text, booleans as TRUE
// or FALSE, numbers as written, and date cells (a number styled as a date) as year-month-day.
// Nothing, and why in `error`, when the workbook or the sheet cannot be opened. `bytes` must
// outlive the records.
std::unique_ptr<FleetRecords> open_xlsx_sheet(std::string_view bytes, std::string_view sheet, const FleetLimits& limits,
                                              std::string& error);

// A fleet from a workbook's sheet, or from CSV text when the bytes are not a ZIP archive. A
// workbook that cannot be opened is a fatal parse with its reason as the one error.
FleetParse parse_fleet_file(std::string_view bytes, const FleetLimits& limits = {}, const FleetOptions& options = {},
                            std::string_view sheet = {});

}  // namespace apos
