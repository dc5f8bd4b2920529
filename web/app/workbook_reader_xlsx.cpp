// The fleet job's workbook reading where apos_xlsx is linked in (desktop window, native UI tests).
#include "app/workbook_reader.hpp"

#include "fleet_xlsx.hpp"

namespace apos::ui {

std::optional<std::vector<std::string>> WorkbookSheetNames(std::string_view bytes, std::string& error) {
    return xlsx_sheet_names(bytes, error);
}

std::unique_ptr<FleetRecords> OpenWorkbookSheet(std::string_view bytes, std::string_view sheet,
                                                const FleetLimits& limits, std::string& error) {
    return open_xlsx_sheet(bytes, sheet, limits, error);
}

}  // namespace apos::ui
