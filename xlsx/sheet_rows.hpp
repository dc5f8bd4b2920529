// A workbook sheet's records packed into one byte string and read back as FleetRecords, so that a
// reader that lives apart (the page's workbook module, loaded only when a workbook is dropped) can
// hand over exactly what apos_xlsx read: each record's line, fields and date cells, the sheet's
// name and the problem that ended it. Needs only the core: no zlib, no expat.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/fleet.hpp"

namespace apos {

// Whether the bytes start as a ZIP archive does (every .xlsx is one).
bool looks_like_zip(std::string_view bytes);

// The three answers a workbook reader gives, packed: why the workbook (or sheet) cannot be read,
// the workbook's sheet names, or every record of one sheet (read to its end).
std::string pack_workbook_error(std::string_view error);
std::string pack_sheet_names(const std::vector<std::string>& names);
std::string pack_sheet_records(FleetRecords& records);

// The packed answers read back. Either gives nothing, with `error` set, for a packed error (its
// text) or for bytes that are not the answer asked for.
std::optional<std::vector<std::string>> unpack_sheet_names(std::string_view packed, std::string& error);
std::unique_ptr<FleetRecords> unpack_sheet_records(std::string packed, std::string& error);

// A fleet from a sheet's records, or a fatal parse with `open_error` as its one error when the
// sheet could not be opened (`records` null): parse_fleet_file's second half, for any reader.
FleetParse parse_fleet_sheet(std::unique_ptr<FleetRecords> records, const std::string& open_error,
                             const FleetLimits& limits = {}, const FleetOptions& options = {});

}  // namespace apos
