// The page's workbook reader module (apos-xlsx.wasm): apos_xlsx with zlib and expat, and nothing
// else. The page loads it only when a workbook arrives and asks it through
// web/js/library_xlsx.js; answers are packed as sheet_rows.hpp describes.
#include <emscripten/emscripten.h>

#include <string>
#include <string_view>

#include "fleet_xlsx.hpp"
#include "sheet_rows.hpp"

namespace {
std::string g_answer;  // the last answer, until the next question
}

extern "C" {

// The workbook's sheet names (names_only), or the records of `sheet` (empty: the first) read to
// the sheet's end; either packed, or the packed reason it cannot be read. The answer stays valid
// until the next call; apos_xlsx_answer_size() gives its size.
EMSCRIPTEN_KEEPALIVE const char* apos_xlsx_read(const char* bytes, int size, const char* sheet, int names_only,
                                                double max_bytes) {
    std::string().swap(g_answer);
    const std::string_view workbook(bytes, static_cast<std::size_t>(size));
    std::string error;
    if (names_only) {
        const auto names = apos::xlsx_sheet_names(workbook, error);
        g_answer = names ? apos::pack_sheet_names(*names) : apos::pack_workbook_error(error);
        return g_answer.data();
    }
    apos::FleetLimits limits;
    if (max_bytes > 0) limits.max_bytes = static_cast<std::size_t>(max_bytes);
    const auto records = apos::open_xlsx_sheet(workbook, sheet ? sheet : "", limits, error);
    g_answer = records ? apos::pack_sheet_records(*records) : apos::pack_workbook_error(error);
    return g_answer.data();
}

EMSCRIPTEN_KEEPALIVE int apos_xlsx_answer_size() { return static_cast<int>(g_answer.size()); }

}  // extern "C"
