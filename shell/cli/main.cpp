// apos: the configurator's core on the command line (../shared/DESIGN.md, "CLI (contract)").
// JSON on stdout, errors on stderr; exit 0 success, 1 invalid input, 2 usage error.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/evaluation.hpp"
#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/marks.hpp"
#include "apos/offers.hpp"
#include "apos/proposals.hpp"
#include "apos/quote.hpp"
#include "apos/recommendations.hpp"
#include "apos/rules_reference.hpp"
#include "apos/timeline.hpp"
#include "catalog_files.hpp"
#include "fleet_batches.hpp"
#include "fleet_xlsx.hpp"
#include "fleet_xlsx_writer.hpp"

namespace {

constexpr int kOk = 0;
constexpr int kInvalidInput = 1;
constexpr int kUsage = 2;

constexpr const char* kUsageText = R"(usage:
  apos catalog check [--catalog DIR]
  apos catalog list  [--catalog DIR]
  apos eligibility --mtm MTM --ship-date YYYY-MM-DD [--purchase-date D] [--channel direct|distributor]
                   [--condition new|open-box|refurbished] [--country CC] [--segment S] [--quantity N]
                   [--serial S] [--as-of D] [--catalog DIR]
  apos quote --request FILE|- [--as-of D] [--catalog DIR]
  apos evaluate --request FILE|- [--as-of D] [--catalog DIR]   (every device's offers beside what sold, and the quote)
  apos fleet --csv FILE|- [--as-of D] [--format json|csv|summary|xlsx] [--threads N] [--catalog DIR]
             [--sheet NAME] [--out FILE] (an .xlsx FILE is read as a workbook: its first sheet or
             --sheet NAME; --format xlsx writes the opportunities to the workbook --out FILE)
             [--map serial="Serial Number",mtm="Machine Type Model",...] [--date-order dmy|mdy]
             (--map names a column by its header; when two share it, "Name#k" is the k-th
             column so named, and "#N" alone the file's N-th column: serial="Serial Number#2")
             [--line-offset K] [--summary-to FILE] [--errors grouped|each] [--marks FILE]
             (--threads: evaluate on N threads, default every core; --marks: a follow-up marks
             file whose marks fill the csv/xlsx follow_up column, by serial)
  apos fleet merge SUMMARY.json... (summaries of parts of one fleet, added up)
  apos proposals --csv FILE --horizon DAYS|YYYY-MM-DD --out DIR [--as-of D] [--customer NAME]...
                 [--partner-name N] [--partner-contact C] [--partner-email ADDR] [--catalog DIR]
                 [--map ...] [--date-order dmy|mdy]
                 (writes DIR/proposals.html, DIR/mail-merge.csv and DIR/<customer>.eml)
  apos rules [--format json|markdown]
)";

struct UsageError {
    std::string message;
};

// --flag value pairs after the command words; every flag must be one the command knows.
std::map<std::string, std::string> parse_flags(const std::vector<std::string>& args, std::size_t from,
                                               const std::vector<std::string>& known) {
    std::map<std::string, std::string> flags;
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) throw UsageError{"unexpected argument \"" + a + "\""};
        const std::string name = a.substr(2);
        bool is_known = false;
        for (const std::string& k : known) is_known = is_known || k == name;
        if (!is_known) throw UsageError{"unknown option --" + name};
        if (i + 1 >= args.size()) throw UsageError{"--" + name + " needs a value"};
        if (flags.count(name)) throw UsageError{"--" + name + " given twice"};
        flags[name] = args[++i];
    }
    return flags;
}

apos::Date today() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    return *apos::Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

void print(const nlohmann::json& value) { std::cout << apos::json_text(value, 2) << "\n"; }

int invalid(const std::string& message) {
    std::cerr << "apos: " << message << "\n";
    return kInvalidInput;
}

struct LoadedCatalog {
    std::optional<apos::Catalog> catalog;
    std::vector<apos::CatalogError> errors;
};

LoadedCatalog load(const std::map<std::string, std::string>& flags) {
    const auto it = flags.find("catalog");
    const std::string folder = it != flags.end() ? it->second : APOS_DEFAULT_CATALOG_DIR;
    std::vector<apos::CatalogError> problems;
    const std::vector<apos::CatalogSource> sources = apos::files::read_catalog_folder(folder, problems);
    if (!problems.empty()) return {std::nullopt, std::move(problems)};
    apos::CatalogLoadResult result = apos::load_catalog(sources);
    for (apos::CatalogError& e : result.errors)
        if (e.file.find('/') == std::string::npos) e.file = folder + "/" + e.file;
    return {std::move(result.catalog), std::move(result.errors)};
}

int report_catalog_errors(const LoadedCatalog& loaded) {
    for (const apos::CatalogError& e : loaded.errors) std::cerr << e.to_string() << "\n";
    std::cerr << "apos: the catalog has " << loaded.errors.size() << " error" << (loaded.errors.size() == 1 ? "" : "s")
              << "\n";
    return kInvalidInput;
}

std::optional<apos::Date> date_flag(const std::map<std::string, std::string>& flags, const std::string& name,
                                    std::string& error) {
    const auto it = flags.find(name);
    if (it == flags.end()) return std::nullopt;
    auto date = apos::Date::parse(it->second);
    if (!date) error = "--" + name + ": expected a calendar date YYYY-MM-DD, found \"" + it->second + "\"";
    return date;
}

int catalog_command(const std::string& sub, const std::map<std::string, std::string>& flags) {
    const LoadedCatalog loaded = load(flags);
    if (sub == "check") {
        nlohmann::json errors = nlohmann::json::array();
        for (const apos::CatalogError& e : loaded.errors)
            errors.push_back({{"file", e.file}, {"line", e.line}, {"path", e.path}, {"message", e.message}});
        if (!loaded.catalog) {
            print({{"ok", false}, {"errors", errors}});
            return report_catalog_errors(loaded);
        }
        const apos::Catalog& c = *loaded.catalog;
        std::size_t rules = 0;
        for (const apos::Rule& r : apos::all_rules()) rules += r.id.empty() ? 0 : 1;
        print({{"ok", true},
               {"label", c.label},
               {"machine_types", c.machine_types.size()},
               {"offerings", c.offerings.size()},
               {"program_tables", c.program_tables.size()},
               {"rules", rules}});
        return kOk;
    }
    if (!loaded.catalog) return report_catalog_errors(loaded);
    print(apos::catalog_list_to_json(*loaded.catalog));
    return kOk;
}

int eligibility_command(const std::map<std::string, std::string>& flags) {
    if (!flags.count("mtm")) throw UsageError{"eligibility needs --mtm"};
    if (!flags.count("ship-date")) throw UsageError{"eligibility needs --ship-date"};
    // The flags become the same device object a quote request holds, so both paths check alike.
    nlohmann::json device = {{"mtm", flags.at("mtm")}, {"ship_date", flags.at("ship-date")}};
    const std::map<std::string, std::string> names = {{"purchase-date", "purchase_date"},
                                                      {"channel", "channel"},
                                                      {"condition", "condition"},
                                                      {"country", "country"},
                                                      {"segment", "segment"},
                                                      {"serial", "serial"}};
    for (const auto& [flag, field] : names)
        if (flags.count(flag)) device[field] = flags.at(flag);
    if (flags.count("quantity")) {
        const std::string& q = flags.at("quantity");
        if (q.empty() || q.size() > 9 || q.find_first_not_of("0123456789") != std::string::npos)
            return invalid("--quantity: expected a whole number of units, found \"" + q + "\"");
        device["quantity"] = std::stoll(q);
    }
    std::vector<apos::InputError> errors;
    const auto input = apos::device_input_from_json(device, "device", errors);
    std::string date_error;
    const apos::Date as_of = date_flag(flags, "as-of", date_error).value_or(today());
    if (!date_error.empty()) return invalid(date_error);
    if (!input) {
        for (const apos::InputError& e : errors) {
            std::string where = e.where.substr(e.where.find('/') + 1);
            for (const auto& [flag, field] : names)
                if (field == where) where = flag;
            if (where == "ship_date") where = "ship-date";
            std::cerr << "apos: --" << where << ": " << e.message << "\n";
        }
        return kInvalidInput;
    }
    const LoadedCatalog loaded = load(flags);
    if (!loaded.catalog) return report_catalog_errors(loaded);
    const apos::Catalog& catalog = *loaded.catalog;
    apos::Configuration configuration;
    configuration.as_of = as_of;
    configuration.segment = input->segment;
    configuration.items.push_back({*input, false, {}});
    const apos::Evaluation evaluation = apos::evaluate_configuration(catalog, configuration);
    const apos::DeviceEvaluation& unit = evaluation.devices.front();
    if (!unit.facts) return invalid("--" + unit.error->field + ": " + unit.error->message);
    print(apos::eligibility_report_json(catalog, evaluation, 0));
    return kOk;
}

// `quote` prints the quote of a request; `evaluate` the whole evaluation (every device's report and
// the quote) of the same request.
int quote_command(const std::map<std::string, std::string>& flags, bool whole_evaluation) {
    if (!flags.count("request"))
        throw UsageError{std::string(whole_evaluation ? "evaluate" : "quote") +
                         " needs --request FILE (or - for standard input)"};
    std::string date_error;
    const auto as_of = date_flag(flags, "as-of", date_error);
    if (!date_error.empty()) return invalid(date_error);
    std::string read_error;
    const auto text = apos::files::read_text(flags.at("request"), apos::kMaxRequestBytes, read_error);
    if (!text) return invalid(read_error);
    const apos::QuoteRequestParse parsed =
        apos::parse_quote_request(*text, as_of ? as_of : std::optional<apos::Date>(today()));
    if (!parsed.request) {
        for (const apos::InputError& e : parsed.errors) std::cerr << "apos: request " << e.to_string() << "\n";
        return kInvalidInput;
    }
    apos::QuoteRequest request = *parsed.request;
    if (as_of) request.as_of = *as_of;  // --as-of wins over the request's own date
    const LoadedCatalog loaded = load(flags);
    if (!loaded.catalog) return report_catalog_errors(loaded);
    const apos::Evaluation evaluation =
        apos::evaluate_configuration(*loaded.catalog, request, {whole_evaluation, whole_evaluation, whole_evaluation});
    const apos::Quote& quote = evaluation.quote;
    print(whole_evaluation ? apos::evaluation_to_json(*loaded.catalog, evaluation) : apos::quote_to_json(quote));
    for (const apos::QuoteItemResult& item : quote.items)
        if (item.error) return invalid("request item: " + item.error->field + ": " + item.error->message);
    return kOk;
}

// A part of a larger file (cut after its header by a runner) names its rows by their lines in
// the whole file: K is added to every line number it reports.
int line_offset_flag(const std::map<std::string, std::string>& flags) {
    const auto it = flags.find("line-offset");
    if (it == flags.end()) return 0;
    const std::string& k = it->second;
    if (k.empty() || k.size() > 9 || k.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError{"--line-offset: expected a whole number of lines, 0 or more, found \"" + k + "\""};
    return std::stoi(k);
}

// How to read a fleet file: --map and --date-order (the fleet and proposals commands take both).
apos::FleetOptions fleet_options(const std::map<std::string, std::string>& flags) {
    apos::FleetOptions options;
    if (flags.count("map")) {
        std::string map_error;
        if (!apos::parse_fleet_map(flags.at("map"), options, map_error)) throw UsageError{"--map: " + map_error};
    }
    if (flags.count("date-order")) {
        const auto order = apos::parse_date_order(flags.at("date-order"));
        if (!order) throw UsageError{"--date-order must be dmy or mdy, not \"" + flags.at("date-order") + "\""};
        options.date_order = *order;
    }
    return options;
}

int fleet_command(const std::map<std::string, std::string>& flags) {
    if (!flags.count("csv")) throw UsageError{"fleet needs --csv FILE (or - for standard input)"};
    const std::string format = flags.count("format") ? flags.at("format") : "json";
    if (format != "json" && format != "csv" && format != "summary" && format != "xlsx")
        throw UsageError{"--format must be json, csv, summary or xlsx, not \"" + format + "\""};
    if (format == "xlsx" && !flags.count("out")) throw UsageError{"--format xlsx needs --out FILE.xlsx"};
    if (format != "xlsx" && flags.count("out")) throw UsageError{"--out is for --format xlsx"};
    const std::string sheet = flags.count("sheet") ? flags.at("sheet") : "";
    const int line_offset = line_offset_flag(flags);
    const std::string errors_style = flags.count("errors") ? flags.at("errors") : "grouped";
    if (errors_style != "grouped" && errors_style != "each")
        throw UsageError{"--errors must be grouped or each, not \"" + errors_style + "\""};
    const bool errors_each = errors_style == "each";
    const apos::FleetOptions options = fleet_options(flags);
    std::string date_error;
    const apos::Date as_of = date_flag(flags, "as-of", date_error).value_or(today());
    if (!date_error.empty()) return invalid(date_error);
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (flags.count("threads")) {
        const std::string& n = flags.at("threads");
        if (n.empty() || n.size() > 3 ||
            !std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }) || std::stoi(n) < 1 ||
            std::stoi(n) > 256)
            throw UsageError{"--threads must be a whole number from 1 to 256, not \"" + n + "\""};
        threads = static_cast<unsigned>(std::stoi(n));
    }
    apos::FleetLimits limits;
    limits.line_offset = line_offset;
    std::string read_error;
    const auto text = apos::files::read_text(flags.at("csv"), limits.max_bytes, read_error);
    if (!text) return invalid(read_error);
    // Follow-up marks (the page's "Export marks..." file) for the follow_up column; a unit with
    // no mark there keeps the cell its row came with.
    std::optional<apos::FollowUpMarks> marks;
    if (flags.count("marks")) {
        if (format != "csv" && format != "xlsx") throw UsageError{"--marks is for --format csv or xlsx"};
        const auto marks_text = apos::files::read_text(flags.at("marks"), 64u * 1024 * 1024, read_error);
        if (!marks_text) return invalid(read_error);
        apos::MarksParse parsed = apos::parse_marks_json(*marks_text);
        if (!parsed.marks) {
            for (const apos::InputError& e : parsed.errors)
                std::cerr << "apos: " << flags.at("marks") << ": " << e.to_string() << "\n";
            return kInvalidInput;
        }
        marks = std::move(parsed.marks);
    }
    const LoadedCatalog loaded = load(flags);
    if (!loaded.catalog) return report_catalog_errors(loaded);
    const std::string& file = flags.at("csv");
    auto report_fatal = [&](const std::vector<apos::FleetRowError>& errors) {
        for (const apos::FleetRowError& e : errors)
            std::cerr << "apos: " << file << ":" << e.line << ": " << e.message << "\n";
        return kInvalidInput;
    };
    // A workbook (by its ZIP signature, whatever the file's name) gives its sheet's rows to the
    // same reader; --sheet names a sheet, so it also says the file must be a workbook.
    const bool workbook = apos::looks_like_zip(*text) || !sheet.empty();
    auto make_reader = [&]() -> std::unique_ptr<apos::FleetCsvReader> {
        if (!workbook) return std::make_unique<apos::FleetCsvReader>(*text, limits, options);
        std::string error;
        auto records = apos::open_xlsx_sheet(*text, sheet, limits, error);
        if (!records) {
            std::cerr << "apos: " << file << ": " << error << "\n";
            return nullptr;
        }
        return std::make_unique<apos::FleetCsvReader>(std::move(records), limits, options);
    };
    // Units are read, evaluated and written one at a time: a million of them never sit in
    // memory. Only a file that may break a limit on the way is read through once first, so that
    // nothing is written for a file that is refused (a sheet has at most 1,048,576 rows).
    const std::size_t line_feeds = workbook ? 0 : apos::count_line_feeds(*text);
    if (workbook ? limits.max_rows < (1u << 20) : line_feeds > limits.max_rows) {
        const auto counter = make_reader();
        if (!counter) return kInvalidInput;
        std::vector<apos::FleetRowError> errors = counter->header_errors();
        apos::FleetRow row;
        while (counter->next(row, errors)) {}
        if (counter->fatal()) return report_fatal(errors);
    }
    const auto reader_ptr = make_reader();
    if (!reader_ptr) return kInvalidInput;
    apos::FleetCsvReader& reader = *reader_ptr;
    if (reader.fatal()) return report_fatal(reader.header_errors());
    // Room for the serials seen up front: the duplicate check's table is not rebuilt as it fills.
    reader.expect_rows(line_feeds);
    // --format xlsx: the CSV export's rows, typed cell by cell, go to the workbook as they come.
    std::unique_ptr<apos::XlsxTableWriter> workbook_out;
    int typed_columns = 0;
    if (format == "xlsx") {
        workbook_out = std::make_unique<apos::XlsxTableWriter>(
            flags.at("out"), "Opportunities", std::string(loaded.catalog->policy.currency.code_view()));
        if (!workbook_out->error().empty()) return invalid(workbook_out->error());
        const std::string own = apos::fleet_csv_header({});
        typed_columns = static_cast<int>(std::count(own.begin(), own.end(), ',')) + 1;
    }
    std::string out;
    auto write = [&out, &workbook_out, typed_columns](std::string& chunk) {
        if (workbook_out) {
            workbook_out->add_csv(chunk, typed_columns);
            return;
        }
        out += chunk;
        if (out.size() < (1u << 20)) return;
        std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
    };
    if (format == "csv") {
        out = apos::fleet_csv_header(reader.extra_columns());
    } else if (format == "xlsx") {
        workbook_out->add_csv(apos::fleet_csv_header(reader.extra_columns()), typed_columns);
    } else if (format == "json") {
        // The JSON object is written by hand around the units: header fields, then units, then
        // errors and summary (the same keys as fleet_to_json; JSON does not order them).
        nlohmann::json header = apos::fleet_header_to_json(*loaded.catalog, as_of, reader.extra_columns());
        header["format"] = apos::fleet_format_to_json(reader.format());
        std::string head = apos::json_text(header, 1);
        head.pop_back();  // the closing brace
        while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
        out = head + ",\n \"units\": [";
    }
    // Each unit's JSON starts with a separator; the first unit of the file drops its comma.
    bool first_written = false;
    auto format_unit = [&](std::string& batch, const apos::UnitOpportunity& unit, const apos::FleetRow& row) {
        if (format == "summary") return;
        if (format == "csv" || format == "xlsx") {
            if (!marks) return apos::append_fleet_unit_csv_row(batch, *loaded.catalog, unit, row, row.follow_up);
            return apos::append_fleet_unit_csv_row(batch, *loaded.catalog, unit, row,
                                                   apos::follow_up_cell(*marks, unit, row));
        }
        batch += ",\n  ";
        batch += apos::json_text(apos::fleet_unit_to_json(unit, row.extra));
    };
    auto write_units = [&](std::string& chunk) {
        if (format == "json" && !first_written && !chunk.empty()) chunk.erase(0, 1);
        first_written = first_written || !chunk.empty();
        write(chunk);
    };
    apos::cli::FleetBatchRun run =
        apos::cli::run_fleet_batches(*loaded.catalog, as_of, reader, threads, format_unit, write_units);
    const std::vector<apos::FleetRowError>& errors = run.errors;
    const std::int64_t units = run.units;
    apos::FleetSummary& summary = run.summary;
    if (format == "summary") out = apos::json_text(apos::fleet_summary_to_json(summary), 2) + "\n";
    if (format == "json") {
        out += "\n ],\n \"errors\": " + apos::json_text(apos::fleet_errors_to_json(errors)) +
               ",\n \"error_groups\": " + apos::json_text(apos::fleet_error_groups_to_json(errors)) +
               ",\n \"summary\": " + apos::json_text(apos::fleet_summary_to_json(summary)) + "\n}\n";
    }
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (workbook_out) {
        if (auto error = workbook_out->close()) return invalid(flags.at("out") + ": " + *error);
    }
    if (flags.count("summary-to")) {
        std::ofstream summary_file(flags.at("summary-to"), std::ios::binary | std::ios::trunc);
        summary_file << apos::json_text(apos::fleet_summary_to_json(summary), 2) << "\n";
        if (!summary_file.flush()) return invalid("cannot write the summary to " + flags.at("summary-to"));
    }
    // Problems of the same kind in a column are one line with a count, not one line per row
    // (--errors each: one line per row, for a runner that gathers the rows of many parts).
    if (errors_each)
        for (const apos::FleetRowError& e : errors)
            std::cerr << "apos: " << file << ":" << e.line << (e.column.empty() ? "" : ": " + e.column) << ": "
                      << e.message << "\n";
    else
        for (const apos::FleetErrorGroup& g : apos::group_fleet_errors(errors)) {
            if (g.rows == 1)
                std::cerr << "apos: " << file << ":" << g.first_line << (g.column.empty() ? "" : ": " + g.column)
                          << ": " << g.example << "\n";
            else std::cerr << "apos: " << file << ": " << apos::to_string(g) << "\n";
        }
    // A quote CSV's lines are merged into units: say how many of each, so nothing looks lost.
    if (const std::string quote = apos::describe_quote_reading(reader.format()); !quote.empty())
        std::cerr << "apos: " << file << ": " << quote << "\n";
    if (!errors.empty())
        std::cerr << "apos: " << units << " units evaluated, " << summary.rows_with_errors << " rows skipped\n";
    // A whole file without one readable unit is refused; a part of a larger file (a runner's
    // --line-offset) may hold only bad rows, and its summary still adds up.
    if (units == 0 && !flags.count("line-offset")) {
        std::cerr << "apos: " << file << ": no unit could be read"
                  << (errors.empty() ? " (the file has a header and no rows)" : "") << "\n";
        return kInvalidInput;
    }
    return kOk;
}

// Summaries of the parts of one fleet (apos fleet --format summary, each part on the same as-of
// date) added up into the summary of the whole.
int fleet_merge_command(const std::vector<std::string>& files) {
    if (files.empty()) throw UsageError{"fleet merge needs one or more summary files (apos fleet --format summary)"};
    for (const std::string& f : files)
        if (f.rfind("--", 0) == 0) throw UsageError{"fleet merge takes summary files only, not " + f};
    apos::FleetSummary merged;
    bool first = true;
    for (const std::string& file : files) {
        std::string read_error;
        const auto text = apos::files::read_text(file, 128u * 1024 * 1024, read_error);
        if (!text) return invalid(read_error);
        const apos::FleetSummaryParse parsed = apos::parse_fleet_summary(*text);
        if (!parsed.summary) {
            for (const apos::InputError& e : parsed.errors)
                std::cerr << "apos: " << file << ": " << e.to_string() << "\n";
            return invalid(file + " is not a fleet summary that can be merged");
        }
        if (first) {
            merged = *parsed.summary;
            first = false;
        } else if (const std::optional<std::string> refused = apos::merge_summary(merged, *parsed.summary)) {
            return invalid(file + ": " + *refused);
        }
    }
    print(apos::fleet_summary_to_json(merged));
    return kOk;
}

// Renewal proposals per customer: what falls due within the horizon, as a printable page, mail-merge
// lines and an e-mail draft per customer; stdout has the same in JSON with a co-terming suggestion.
int proposals_command(const std::vector<std::string>& args) {
    // --customer may be given more than once: it is taken out before the other flags are read.
    std::vector<std::string> customers;
    std::vector<std::string> rest = {args[0]};
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--customer") {
            if (i + 1 >= args.size()) throw UsageError{"--customer needs a value"};
            customers.push_back(args[++i]);
        } else {
            rest.push_back(args[i]);
        }
    }
    const std::map<std::string, std::string> flags =
        parse_flags(rest, 1,
                    {"csv", "as-of", "horizon", "out", "partner-name", "partner-contact", "partner-email", "catalog",
                     "map", "date-order"});
    if (!flags.count("csv")) throw UsageError{"proposals needs --csv FILE (or - for standard input)"};
    if (!flags.count("horizon")) throw UsageError{"proposals needs --horizon DAYS (30, 60, 90, ...) or a date"};
    if (!flags.count("out")) throw UsageError{"proposals needs --out DIR for the files it writes"};
    const apos::FleetOptions options = fleet_options(flags);
    std::string date_error;
    const apos::Date as_of = date_flag(flags, "as-of", date_error).value_or(today());
    if (!date_error.empty()) return invalid(date_error);
    // The horizon: a number of days from the as-of date (1 to 3650), or the last day itself.
    const std::string& horizon = flags.at("horizon");
    apos::Date horizon_end;
    if (const auto day = apos::Date::parse(horizon)) {
        if (*day < as_of) throw UsageError{"--horizon " + horizon + " is before the as-of date " + as_of.to_string()};
        horizon_end = *day;
    } else {
        if (horizon.empty() || horizon.size() > 4 || horizon.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(horizon) < 1 || std::stoi(horizon) > 3650)
            throw UsageError{
                "--horizon must be a number of days from 1 to 3650 (30, 60, 90, 180, 365) or a date "
                "YYYY-MM-DD, not \"" +
                horizon + "\""};
        horizon_end = apos::proposal_horizon_end(as_of, std::stoi(horizon));
    }
    std::string read_error;
    const auto text = apos::files::read_text(flags.at("csv"), apos::FleetLimits{}.max_bytes, read_error);
    if (!text) return invalid(read_error);
    const LoadedCatalog loaded = load(flags);
    if (!loaded.catalog) return report_catalog_errors(loaded);
    const apos::Catalog& catalog = *loaded.catalog;
    const apos::FleetParse parsed = apos::parse_fleet_csv(*text, {}, options);
    const std::string& file = flags.at("csv");
    if (parsed.fatal) {
        for (const apos::FleetRowError& e : parsed.errors)
            std::cerr << "apos: " << file << ":" << e.line << ": " << e.message << "\n";
        return kInvalidInput;
    }
    const apos::FleetResult result = apos::evaluate_fleet(catalog, parsed, as_of);
    for (const apos::FleetErrorGroup& g : apos::group_fleet_errors(result.errors))
        std::cerr << "apos: " << file << ": skipped: " << apos::to_string(g) << "\n";
    apos::ProposalOptions proposal_options;
    proposal_options.as_of = as_of;
    proposal_options.horizon_end = horizon_end;
    proposal_options.customers = customers;
    if (flags.count("partner-name")) proposal_options.partner.name = flags.at("partner-name");
    if (flags.count("partner-contact")) proposal_options.partner.contact = flags.at("partner-contact");
    if (flags.count("partner-email")) proposal_options.partner.email = flags.at("partner-email");
    const apos::ProposalSet set = apos::build_fleet_proposals(catalog, parsed, result, proposal_options);
    if (!set.unknown_customers.empty()) {
        std::set<std::string> known;
        for (const apos::UnitOpportunity& u : result.units) known.insert(std::string(u.customer()));
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + ("\"" + k + "\"");
        for (const std::string& name : set.unknown_customers)
            std::cerr << "apos: --customer \"" << name << "\": no unit of " << file << " belongs to it\n";
        std::cerr << "apos: the customers of " << file << " are " << list << "\n";
        return kInvalidInput;
    }
    // Everything is made before anything is written, so a refused run leaves no half set of files.
    std::vector<std::pair<std::string, std::string>> files = {
        {"proposals.html", apos::proposals_to_html(set)}, {"mail-merge.csv", apos::proposals_to_mail_merge_csv(set)}};
    for (const apos::CustomerProposal& p : set.proposals)
        files.emplace_back(p.slug + ".eml", apos::proposal_to_eml(set, p));
    const std::filesystem::path out_dir(flags.at("out"));
    std::error_code made;
    std::filesystem::create_directories(out_dir, made);
    if (made || !std::filesystem::is_directory(out_dir))
        return invalid("--out " + flags.at("out") + ": cannot create the folder" +
                       (made ? " (" + made.message() + ")" : ""));
    for (const auto& [name, content] : files) {
        std::ofstream out(out_dir / name, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out.flush()) return invalid("--out " + flags.at("out") + ": cannot write " + name);
    }
    if (proposal_options.partner.email.empty() && proposal_options.partner.contact.find('@') == std::string::npos)
        std::cerr << "apos: no --partner-email: the e-mail drafts are from renewals@example.invalid\n";
    nlohmann::json answer = apos::proposals_to_json(set);
    // The co-terming suggestion is for the partner (it goes on a quote), so it is in this answer only.
    const std::vector<apos::ProposalSource> sources = apos::fleet_proposal_sources(parsed, result);
    for (std::size_t i = 0; i < set.proposals.size(); ++i) {
        answer["proposals"][i]["coterm"] =
            apos::coterm_to_json(apos::suggest_coterm(catalog, as_of, sources, set.proposals[i].customer));
        answer["proposals"][i]["file"] = set.proposals[i].slug + ".eml";
    }
    nlohmann::json written = nlohmann::json::array();
    for (const auto& f : files) written.push_back(f.first);
    answer["files"] = written;
    print(answer);
    return kOk;
}

// The rule registry needs no catalog: the rules are code, only their numbers are data.
int rules_command(const std::map<std::string, std::string>& flags) {
    const std::string format = flags.count("format") ? flags.at("format") : "json";
    if (format != "json" && format != "markdown")
        throw UsageError{"--format must be json or markdown, not \"" + format + "\""};
    if (format == "markdown") std::cout << apos::rules_reference_markdown(apos::all_rules());
    else print(apos::rules_reference_json(apos::all_rules()));
    return kOk;
}

int run(const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsageText;
        return args.empty() ? kUsage : kOk;
    }
    const std::string& command = args[0];
    if (command == "catalog") {
        if (args.size() < 2 || (args[1] != "check" && args[1] != "list"))
            throw UsageError{"catalog needs check or list"};
        return catalog_command(args[1], parse_flags(args, 2, {"catalog"}));
    }
    if (command == "eligibility")
        return eligibility_command(parse_flags(args, 1,
                                               {"mtm", "ship-date", "purchase-date", "channel", "condition", "country",
                                                "segment", "quantity", "serial", "as-of", "catalog"}));
    if (command == "quote") return quote_command(parse_flags(args, 1, {"request", "as-of", "catalog"}), false);
    if (command == "evaluate") return quote_command(parse_flags(args, 1, {"request", "as-of", "catalog"}), true);
    if (command == "fleet" && args.size() > 1 && args[1] == "merge")
        return fleet_merge_command(std::vector<std::string>(args.begin() + 2, args.end()));
    if (command == "fleet")
        return fleet_command(parse_flags(args, 1,
                                         {"csv", "as-of", "format", "catalog", "line-offset", "summary-to", "threads",
                                          "map", "date-order", "errors", "sheet", "out", "marks"}));
    if (command == "proposals") return proposals_command(args);
    if (command == "rules") return rules_command(parse_flags(args, 1, {"format"}));
    throw UsageError{"unknown command \"" + command + "\""};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return run(args);
    } catch (const UsageError& e) {
        std::cerr << "apos: " << e.message << "\n" << kUsageText;
        return kUsage;
    } catch (const std::exception& e) {
        // Not expected: the core does not throw. Still, never end without a word.
        std::cerr << "apos: internal error: " << e.what() << "\n";
        return kInvalidInput;
    }
}
