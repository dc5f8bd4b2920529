// Naming a column in --map when headers repeat or are missing ("Serial Number#2", "#3"), and the
// "Same as" command line a mapping step shows: each argument quoted so a POSIX shell reads it back.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "apos/fleet.hpp"
#include "fleet_text.hpp"

namespace apos {
namespace {

using test::describe;

constexpr std::size_t at(FleetField f) { return static_cast<std::size_t>(f); }

// Two columns share a name, one has none, one holds quotes of both kinds.
const std::vector<std::string> kHeaders = {"Serial Number", "Machine Type Model",    "Serial Number", "",
                                           "Ship Date",     "Owner's \"main\" site", "serial number"};

struct ColumnCase {
    const char* name;
    const char* reference;
    int column;           // expected header index, or -1
    const char* problem;  // a piece of the error, or "" for none
};

const ColumnCase kColumnCases[] = {
    {"unique_name_as_written", "Machine Type Model", 1, ""},
    {"unique_name_case_and_punctuation_aside", "machine-type model", 1, ""},
    {"name_as_written_wins_over_a_looser_twin", "serial number", 6, ""},
    {"shared_name_without_position_is_refused", "Serial Number", -1, "2 columns named \"Serial Number\""},
    {"shared_name_first", "Serial Number#1", 0, ""},
    {"shared_name_second", "Serial Number#2", 2, ""},
    {"shared_name_past_the_last", "Serial Number#3", -1, "2 columns named \"Serial Number\""},
    {"position_alone", "#4", 3, ""},
    {"position_alone_first", "#1", 0, ""},
    {"position_past_the_last", "#8", -1, "the file has 7 columns"},
    {"position_zero", "#0", -1, "the file has 7 columns"},
    {"name_with_quotes", "Owner's \"main\" site", 5, ""},
    {"unique_name_with_position_one", "Ship Date#1", 4, ""},
    {"no_such_name", "Customer", -1, ""},
    {"no_such_name_with_position", "Customer#2", -1, ""},
    {"hash_without_digits_is_punctuation", "Ship Date#", 4, ""},
};

TEST(FleetColumnNames, EachFormOfAColumnReference) {
    for (const ColumnCase& c : kColumnCases) {
        SCOPED_TRACE(std::string(c.name) + ": \"" + c.reference + "\"");
        std::string error;
        EXPECT_EQ(find_fleet_column(kHeaders, c.reference, error), c.column);
        if (*c.problem == '\0') EXPECT_EQ(error, "");
        else EXPECT_NE(error.find(c.problem), std::string::npos) << error;
    }
}

TEST(FleetColumnNames, EveryColumnsReferenceReadsBackAsThatColumn) {
    const std::vector<std::string> expected = {"Serial Number#1", "Machine Type Model",    "Serial Number#2", "#4",
                                               "Ship Date",       "Owner's \"main\" site", "serial number"};
    for (std::size_t c = 0; c < kHeaders.size(); ++c) {
        const std::string ref = fleet_column_reference(kHeaders, static_cast<int>(c));
        EXPECT_EQ(ref, expected[c]) << "column " << c + 1;
        std::string error;
        EXPECT_EQ(find_fleet_column(kHeaders, ref, error), static_cast<int>(c)) << ref << ": " << error;
    }
    EXPECT_EQ(fleet_column_reference(kHeaders, -1), "");
    EXPECT_EQ(fleet_column_reference(kHeaders, 7), "");
}

// An asset tool's export with the serial twice: the system's and the one on the chassis label.
const char* const kTwoSerials =
    "Serial Number,Machine Type Model,Serial Number,Ship Date\n"
    "SYS-1,21HD,PF1LABEL,2024-05-14\n"
    "SYS-2,20BU,PF2LABEL,2023-01-31\n";

TEST(FleetColumnNames, TheReaderAsksWhichOfTwoColumnsOfOneName) {
    const FleetParse p = parse_fleet_csv(kTwoSerials);
    ASSERT_TRUE(p.fatal) << describe(p);
    ASSERT_TRUE(needs_fleet_mapping(p.format));
    EXPECT_EQ(p.format.candidates[at(FleetField::Serial)], (std::vector<int>{0, 2}));
    ASSERT_FALSE(p.errors.empty());
    // The way out it names is one --map reads.
    EXPECT_NE(p.errors[0].message.find("\"Serial Number#1\", \"Serial Number#2\""), std::string::npos)
        << p.errors[0].message;
    EXPECT_NE(p.errors[0].message.find("--map serial=\"Serial Number#1\""), std::string::npos) << p.errors[0].message;
}

TEST(FleetColumnNames, MapByPositionReadsTheSecondColumnOfAName) {
    for (const char* map : {"serial=\"Serial Number#2\"", "serial=#3"}) {
        SCOPED_TRACE(map);
        FleetOptions options;
        std::string error;
        ASSERT_TRUE(parse_fleet_map(map, options, error)) << error;
        const FleetParse p = parse_fleet_csv(kTwoSerials, {}, options);
        ASSERT_FALSE(p.fatal) << describe(p);
        ASSERT_EQ(p.rows.size(), 2u) << describe(p);
        EXPECT_EQ(p.rows[0].device.serial, "PF1LABEL");
        EXPECT_EQ(p.rows[1].device.serial, "PF2LABEL");
        // The other column of that name is kept, as every column the fields do not use.
        EXPECT_EQ(p.extra_columns, (std::vector<std::string>{"Serial Number"}));
        EXPECT_EQ(p.rows[0].extra, (std::vector<std::string>{"SYS-1"}));
    }
}

TEST(FleetColumnNames, MapWithASharedNameAloneIsRefusedWithTheWayOut) {
    FleetOptions options;
    std::string error;
    ASSERT_TRUE(parse_fleet_map("serial=\"Serial Number\"", options, error)) << error;
    const FleetParse p = parse_fleet_csv(kTwoSerials, {}, options);
    ASSERT_TRUE(p.fatal);
    ASSERT_FALSE(p.errors.empty());
    EXPECT_NE(p.errors[0].message.find("\"Serial Number#1\" to \"Serial Number#2\""), std::string::npos)
        << p.errors[0].message;
}

TEST(FleetColumnNames, AMappingStepsChoiceOfTheSecondTwinReadsBackAsIt) {
    const FleetParse first = parse_fleet_csv(kTwoSerials);
    std::array<int, kFleetFieldCount> columns = suggested_fleet_columns(first.format);
    columns[at(FleetField::Serial)] = 2;
    const FleetOptions chosen = fleet_options_for(first.format, columns, DateOrder::Unknown);
    const std::string map = fleet_map_text(chosen);
    EXPECT_NE(map.find("serial=\"Serial Number#2\""), std::string::npos) << map;
    FleetOptions again;
    std::string error;
    ASSERT_TRUE(parse_fleet_map(map, again, error)) << error;
    const FleetParse p = parse_fleet_csv(kTwoSerials, {}, again);
    ASSERT_FALSE(p.fatal) << describe(p);
    EXPECT_EQ(p.format.column[at(FleetField::Serial)], 2);
    EXPECT_EQ(p.rows[0].device.serial, "PF1LABEL");
}

// ---- Shell quoting -------------------------------------------------------------------------------
struct QuoteCase {
    const char* name;
    const char* word;
    const char* quoted;
};

const QuoteCase kQuoteCases[] = {
    {"plain_word_stays", "fleet.csv", "fleet.csv"},
    {"path_stays", "/data/base-2024_v2.csv", "/data/base-2024_v2.csv"},
    {"space", "my fleet.csv", "'my fleet.csv'"},
    {"single_quote", "Owner's site", "'Owner'\\''s site'"},
    {"only_a_single_quote", "'", "''\\'''"},
    {"double_quotes_and_dollar", "serial=\"S/N\",customer=\"$HOME\"", "'serial=\"S/N\",customer=\"$HOME\"'"},
    {"backquote_and_backslash", "a`b\\c", "'a`b\\c'"},
    {"empty_word", "", "''"},
    {"glob_and_semicolon", "*.csv;rm", "'*.csv;rm'"},
};

TEST(FleetColumnNames, ShellQuoteOfEachKindOfWord) {
    for (const QuoteCase& c : kQuoteCases) EXPECT_EQ(shell_quote(c.word), c.quoted) << c.name << ": " << c.word;
}

#ifndef _WIN32
// What /bin/sh makes of a quoted word: the word itself, or the quoting is wrong.
std::string as_the_shell_reads(const std::string& quoted) {
    const std::string command = "printf '%s' " + quoted;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return "(no shell)";
    std::string out;
    char buffer[256];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
    return out;
}

TEST(FleetColumnNames, TheShellReadsEachQuotedWordBackAsItWas) {
    for (const QuoteCase& c : kQuoteCases) {
        if (*c.word == '\0') continue;  // printf with an empty argument prints nothing either way
        EXPECT_EQ(as_the_shell_reads(shell_quote(c.word)), c.word) << c.name;
    }
}
#endif

TEST(FleetColumnNames, TheCommandLineQuotesTheFileSheetAndMap) {
    FleetOptions options;
    options.columns = {{FleetField::Serial, "Owner's serial"}, {FleetField::Mtm, "MTM"}, {FleetField::Customer, ""}};
    options.date_order = DateOrder::MonthDayYear;
    EXPECT_EQ(fleet_command_line("base 2024.xlsx", "Bob's units", options),
              "apos fleet --csv 'base 2024.xlsx' --sheet 'Bob'\\''s units' --map "
              "'serial=\"Owner'\\''s serial\",mtm=\"MTM\",customer=' --date-order mdy");
    EXPECT_EQ(fleet_command_line("fleet.csv", "", FleetOptions{}), "apos fleet --csv fleet.csv");
}

}  // namespace
}  // namespace apos
