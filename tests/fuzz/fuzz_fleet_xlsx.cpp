// Fuzzes the .xlsx fleet reader. The first byte picks the shape: the input as a whole file (the
// ZIP directory, inflation and the part lookups), or the input as a sheet's XML and, after the
// first NUL, the shared strings, put into a stored workbook here so expat's side and the cell
// handling are reached without the fuzzer having to find a ZIP layout. The sheet's rows must
// give what the reader makes of them row at a time, and a date cell is always an ISO date.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"
#include "fleet_xlsx.hpp"

namespace {

void put16(std::string& out, unsigned v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// A ZIP archive with every part stored (no compression).
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string out, directory;
    for (const auto& [name, data] : parts) {
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        const auto offset = static_cast<std::uint32_t>(out.size());
        out += "PK\x03\x04";
        put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0);
        put32(out, crc), put32(out, static_cast<std::uint32_t>(data.size())),
            put32(out, static_cast<std::uint32_t>(data.size()));
        put16(out, static_cast<unsigned>(name.size())), put16(out, 0);
        out += name + data;
        directory += "PK\x01\x02";
        put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, 0);
        put32(directory, crc), put32(directory, static_cast<std::uint32_t>(data.size())),
            put32(directory, static_cast<std::uint32_t>(data.size()));
        put16(directory, static_cast<unsigned>(name.size())), put16(directory, 0), put16(directory, 0);
        put16(directory, 0), put16(directory, 0), put32(directory, 0), put32(directory, offset);
        directory += name;
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    out += "PK\x05\x06";
    put16(out, 0), put16(out, 0), put16(out, static_cast<unsigned>(parts.size())),
        put16(out, static_cast<unsigned>(parts.size()));
    put32(out, static_cast<std::uint32_t>(directory.size())), put32(out, directory_offset), put16(out, 0);
    return out;
}

constexpr const char* kWorkbook = R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
                                  R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                                  R"(<sheets><sheet name="Fuzz" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
constexpr const char* kStyles =
    R"(<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yy"/></numFmts>)"
    R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    if (input.empty()) return 0;
    const auto pick = static_cast<unsigned char>(input[0]);
    input.remove_prefix(1);
    std::string bytes;
    if (pick & 1) {
        bytes.assign(input);
    } else {
        const std::size_t cut = std::min(input.find('\0'), input.size());
        bytes = stored_zip({{"xl/workbook.xml", kWorkbook},
                            {"xl/_rels/workbook.xml.rels", kRels},
                            {"xl/styles.xml", kStyles},
                            {"xl/sharedStrings.xml", std::string(input.substr(std::min(cut + 1, input.size())))},
                            {"xl/worksheets/sheet1.xml", std::string(input.substr(0, cut))}});
    }
    apos::FleetLimits limits;
    limits.max_rows = 2000;
    limits.max_bytes = 1u << 20;
    std::string error;
    auto records = apos::open_xlsx_sheet(bytes, (pick & 2) ? "fuzz" : "", limits, error);
    if (!records) {
        if (error.empty()) __builtin_trap();  // a refusal always says why
        return 0;
    }
    // The records themselves: each date cell is a calendar date in ISO form.
    std::vector<std::string> fields;
    int line = 0, last_line = 0;
    std::string problem;
    auto copy = records->fork();
    for (int n = 0; n < 3000 && copy->next(fields, line, problem); ++n) {
        if (line <= last_line) __builtin_trap();  // rows come in sheet order
        last_line = line;
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (copy->date_cell(i) && !apos::Date::parse(fields[i])) __builtin_trap();
    }
    const apos::FleetParse whole = apos::parse_fleet_file(bytes, limits, {}, (pick & 2) ? "fuzz" : "");
    apos::FleetCsvReader reader(std::move(records), limits, {});
    std::vector<apos::FleetRowError> errors = reader.header_errors();
    std::size_t rows = 0;
    apos::FleetRow row;
    while (reader.next(row, errors)) ++rows;
    if (rows != whole.rows.size() || errors.size() != whole.errors.size()) __builtin_trap();
    return 0;
}
