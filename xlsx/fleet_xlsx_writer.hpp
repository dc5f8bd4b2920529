// Writes a table (the fleet's opportunity export, or any CSV of our own) as an .xlsx workbook
// through Debian's libxlsxwriter, row by row in its constant-memory mode: date columns as date
// cells, money columns as numbers in the currency's format, counts as numbers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apos {

class XlsxTableWriter {
public:
    // `currency`: the code shown beside money cells ("USD"). Check error() before writing.
    XlsxTableWriter(const std::string& path, const std::string& sheet, const std::string& currency);
    ~XlsxTableWriter();
    XlsxTableWriter(const XlsxTableWriter&) = delete;
    XlsxTableWriter& operator=(const XlsxTableWriter&) = delete;

    // The header row. Only the first `typed_columns` columns are typed by their names (the
    // others, such as a file's own extra columns, stay text); -1: every column.
    void header(const std::vector<std::string>& names, int typed_columns = -1);
    void row(const std::vector<std::string>& cells);
    // Rows of CSV text as csv_out.cpp writes it (commas, "" in quotes, CRLF); the first row of
    // the table is its header (typed as above).
    void add_csv(std::string_view text, int typed_columns = -1);
    // Writes the file out; the first problem met on the way, if any.
    std::optional<std::string> close();
    const std::string& error() const { return error_; }

private:
    struct State;
    std::unique_ptr<State> state_;
    std::string error_;
};

}  // namespace apos
