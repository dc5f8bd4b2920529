// How the fleet job reads .xlsx workbooks. Natively apos_xlsx is linked in
// (workbook_reader_xlsx.cpp); the page asks a reader module it loads only once a workbook arrives
// (platform/workbook_web.cpp), so that zlib and expat stay out of its first download.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"

namespace apos::ui {

// The workbook's sheet names, or nothing with why in `error` (as xlsx_sheet_names).
std::optional<std::vector<std::string>> WorkbookSheetNames(std::string_view bytes, std::string& error);

// A sheet's records (the first sheet when `sheet` is empty), or nothing with why in `error` (as
// open_xlsx_sheet). `bytes` must outlive the records.
std::unique_ptr<FleetRecords> OpenWorkbookSheet(std::string_view bytes, std::string_view sheet,
                                                const FleetLimits& limits, std::string& error);

}  // namespace apos::ui
