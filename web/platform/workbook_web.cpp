// The page's workbook reading: the bytes go to the reader module (apos-xlsx.wasm, built from
// web/xlsx_reader/), which the page's JS loads when a workbook first arrives
// (web/js/xlsx_reader.js); its packed answer (sheet_rows.hpp) comes back as records.
#include <emscripten/emscripten.h>

#include <cstdlib>

#include "app/workbook_reader.hpp"
#include "sheet_rows.hpp"

extern "C" {
// web/js/library_xlsx.js: the reader module's packed answer, copied into this module's heap (the
// caller frees it), its size in *size. Names only, or the records of `sheet` ("": the first).
char* apos_js_xlsx_read(const char* bytes, int size, const char* sheet, int names_only, double max_bytes,
                        int* answer_size);
}

namespace apos::ui {

namespace {

std::string AskReader(std::string_view bytes, std::string_view sheet, bool names_only, std::size_t max_bytes) {
    const std::string sheet_text(sheet);
    int size = 0;
    char* answer = apos_js_xlsx_read(bytes.data(), static_cast<int>(bytes.size()), sheet_text.c_str(),
                                     names_only ? 1 : 0, static_cast<double>(max_bytes), &size);
    if (!answer) return pack_workbook_error("the page's workbook reader could not be asked");
    std::string packed(answer, static_cast<std::size_t>(size));
    std::free(answer);
    return packed;
}

}  // namespace

std::optional<std::vector<std::string>> WorkbookSheetNames(std::string_view bytes, std::string& error) {
    return unpack_sheet_names(AskReader(bytes, {}, true, FleetLimits{}.max_bytes), error);
}

std::unique_ptr<FleetRecords> OpenWorkbookSheet(std::string_view bytes, std::string_view sheet,
                                                const FleetLimits& limits, std::string& error) {
    return unpack_sheet_records(AskReader(bytes, sheet, false, limits.max_bytes), error);
}

}  // namespace apos::ui
