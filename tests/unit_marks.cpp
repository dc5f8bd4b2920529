// Follow-up marks: the cell and the file read back what was written, every bad file is refused
// with its place and what is wrong, the merge rule per case, which units stay open work, and the
// follow_up column of the opportunities export surviving a re-import.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "apos/marks.hpp"
#include "fleet_text.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using test::describe;

const Date kAsOf = test::date("2026-11-26");

FollowUpMark sent(const char* date) { return {MarkKind::ProposalSent, test::date(date), {}}; }
FollowUpMark renewed(const char* date) { return {MarkKind::Renewed, test::date(date), {}}; }
FollowUpMark wont(const char* date, const char* reason) { return {MarkKind::WontRenew, test::date(date), reason}; }

std::string errors_text(const std::vector<InputError>& errors) {
    std::string out;
    for (const InputError& e : errors) out += e.to_string() + "\n";
    return out;
}

// ---- Cell -----------------------------------------------------------------------------------------
TEST(MarkCell, EachKindReadsBackAsWritten) {
    for (const FollowUpMark& mark : {sent("2026-11-26"), renewed("2026-12-01"),
                                     wont("2026-12-02", "moved to another vendor: cheaper"), wont("2026-12-03", "")}) {
        const std::string cell = mark_cell(mark);
        std::string error;
        const std::optional<FollowUpMark> back = parse_mark_cell(cell, error);
        ASSERT_TRUE(back) << cell << ": " << error;
        EXPECT_EQ(*back, mark) << cell;
    }
    EXPECT_EQ(mark_cell(wont("2026-12-02", "budget")), "wont_renew 2026-12-02: budget");
    EXPECT_EQ(mark_cell(sent("2026-11-26")), "sent 2026-11-26");
}

struct BadCell {
    const char* text;
    const char* says;  // a part of the error
};

class MarkCellRefused : public ::testing::TestWithParam<BadCell> {};

TEST_P(MarkCellRefused, SaysWhatIsWrong) {
    std::string error;
    EXPECT_FALSE(parse_mark_cell(GetParam().text, error)) << GetParam().text;
    EXPECT_NE(error.find(GetParam().says), std::string::npos) << GetParam().text << " -> " << error;
}

INSTANTIATE_TEST_SUITE_P(Cells, MarkCellRefused,
                         ::testing::Values(BadCell{"done 2026-11-26", "unknown mark \"done\""},
                                           BadCell{"sent", "has no date"},
                                           BadCell{"renewed 26/11/2026", "not \"26/11/2026\""},
                                           BadCell{"sent 2026-02-30", "not \"2026-02-30\""},
                                           BadCell{"renewed 2026-11-26: happy", "only wont_renew takes a reason"}));

// ---- File -----------------------------------------------------------------------------------------
TEST(MarksFile, ReadsBackWhatWasWritten) {
    FollowUpMarks marks;
    marks["PF1"] = sent("2026-11-20");
    marks["PF2"] = renewed("2026-11-25");
    marks["PF3"] = wont("2026-11-26", "replaced by \"new\" fleet, 200 units");
    const std::string text = marks_to_json(marks);
    EXPECT_NE(text.find("\"format\": \"apos-follow-up-marks\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"version\": 1"), std::string::npos) << text;
    EXPECT_TRUE(looks_like_marks_file(text));
    const MarksParse back = parse_marks_json(text);
    ASSERT_TRUE(back.marks) << errors_text(back.errors);
    EXPECT_EQ(*back.marks, marks);
}

TEST(MarksFile, AnEmptySetIsAFileToo) {
    const MarksParse back = parse_marks_json(marks_to_json({}));
    ASSERT_TRUE(back.marks) << errors_text(back.errors);
    EXPECT_TRUE(back.marks->empty());
}

struct BadFile {
    const char* name;
    const char* text;
    const char* where;  // the place the first error names
    const char* says;   // a part of its message
};

class MarksFileRefused : public ::testing::TestWithParam<BadFile> {};

// A bad file gives no marks at all, and its first error names the place and the fault.
TEST_P(MarksFileRefused, NamesWhereAndWhat) {
    const BadFile& bad = GetParam();
    const MarksParse parsed = parse_marks_json(bad.text);
    EXPECT_FALSE(parsed.marks) << bad.name;
    ASSERT_FALSE(parsed.errors.empty()) << bad.name;
    EXPECT_EQ(parsed.errors.front().where, bad.where) << bad.name << ": " << errors_text(parsed.errors);
    EXPECT_NE(parsed.errors.front().message.find(bad.says), std::string::npos)
        << bad.name << ": " << errors_text(parsed.errors);
}

INSTANTIATE_TEST_SUITE_P(
    Files, MarksFileRefused,
    ::testing::Values(
        BadFile{"not json", "{\n \"format\": \"apos-follow-up-marks\",\n \"version\": 1,\n \"marks\": [oops]\n}",
                "line 4", "not valid JSON"},
        BadFile{"a list", "[]", "/", "expected an object"},
        BadFile{"a fleet summary", R"({"units": 3})", "/format", "not a follow-up marks file"},
        BadFile{"no version", R"({"format": "apos-follow-up-marks", "marks": []})", "/version", "missing"},
        BadFile{"a later version", R"({"format": "apos-follow-up-marks", "version": 2, "marks": []})", "/version",
                "version 2 is not one"},
        BadFile{"no list", R"({"format": "apos-follow-up-marks", "version": 1})", "/marks", "expected a list"},
        BadFile{"unknown kind",
                R"({"format": "apos-follow-up-marks", "version": 1, "marks": [
                   {"serial": "A", "kind": "sent", "date": "2026-11-01"},
                   {"serial": "B", "kind": "lost", "date": "2026-11-01"}]})",
                "/marks/1/kind", "unknown kind \"lost\""},
        BadFile{"bad date",
                R"({"format": "apos-follow-up-marks", "version": 1, "marks": [
                   {"serial": "A", "kind": "renewed", "date": "2026-13-01"}]})",
                "/marks/0/date", "not \"2026-13-01\""},
        BadFile{
            "no serial",
            R"({"format": "apos-follow-up-marks", "version": 1, "marks": [{"kind": "sent", "date": "2026-11-01"}]})",
            "/marks/0/serial", "missing"},
        BadFile{"twice the same serial",
                R"({"format": "apos-follow-up-marks", "version": 1, "marks": [
                   {"serial": "A", "kind": "sent", "date": "2026-11-01"},
                   {"serial": "A", "kind": "renewed", "date": "2026-11-05"}]})",
                "/marks/1/serial", "already has a mark at /marks/0"},
        BadFile{"a reason on renewed",
                R"({"format": "apos-follow-up-marks", "version": 1, "marks": [
                   {"serial": "A", "kind": "renewed", "date": "2026-11-01", "reason": "x"}]})",
                "/marks/0/reason", "only a wont_renew mark"},
        BadFile{"unknown field",
                R"({"format": "apos-follow-up-marks", "version": 1, "marks": [
                   {"serial": "A", "kind": "sent", "date": "2026-11-01", "by": "me"}]})",
                "/marks/0/by", "unknown field"}));

TEST(MarksFile, OnlyAMarksFileIsTakenForOne) {
    EXPECT_FALSE(looks_like_marks_file("serial,mtm,ship_date\nA,21HD,2025-01-01\n"));
    EXPECT_FALSE(looks_like_marks_file(R"({"units": 1})"));
    EXPECT_TRUE(looks_like_marks_file("\xEF\xBB\xBF  {\"format\": \"apos-follow-up-marks\"}"));
}

// ---- Merge ----------------------------------------------------------------------------------------
struct MergeCase {
    const char* name;
    FollowUpMark kept;
    FollowUpMark incoming;
    bool incoming_wins;
};

class MarksMergeRule : public ::testing::TestWithParam<MergeCase> {};

TEST_P(MarksMergeRule, TheLaterDateWinsThenTheMoreSettledThenTheImported) {
    const MergeCase& c = GetParam();
    FollowUpMarks into{{"A", c.kept}};
    const MarksMerge merge = merge_marks(into, {{"A", c.incoming}});
    EXPECT_EQ(into.at("A"), c.incoming_wins ? c.incoming : c.kept)
        << c.name << ": kept " << mark_cell(c.kept) << ", imported " << mark_cell(c.incoming);
    EXPECT_EQ(merge.replaced, c.incoming_wins ? 1 : 0) << c.name;
    EXPECT_EQ(merge.kept, c.incoming_wins ? 0 : 1) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MarksMergeRule,
    ::testing::Values(MergeCase{"newer import", sent("2026-11-01"), renewed("2026-11-20"), true},
                      MergeCase{"older import", renewed("2026-11-20"), sent("2026-11-01"), false},
                      MergeCase{"older import of a settled mark", sent("2026-11-20"), wont("2026-11-01", "x"), false},
                      MergeCase{"same day, answer after proposal", sent("2026-11-20"), renewed("2026-11-20"), true},
                      MergeCase{"same day, proposal after answer", wont("2026-11-20", "x"), sent("2026-11-20"), false},
                      MergeCase{"same day, both settled", renewed("2026-11-20"), wont("2026-11-20", "budget"), true},
                      MergeCase{"same day, another reason", wont("2026-11-20", "a"), wont("2026-11-20", "b"), true}));

TEST(MarksMerge, CountsEveryMarkAndAddsTheNewOnes) {
    FollowUpMarks into{{"A", sent("2026-11-01")}, {"B", renewed("2026-11-20")}, {"C", sent("2026-11-05")}};
    const MarksMerge merge = merge_marks(into, {{"A", renewed("2026-11-10")},
                                                {"B", sent("2026-11-02")},
                                                {"C", sent("2026-11-05")},
                                                {"D", sent("2026-11-26")}});
    EXPECT_EQ(merge.added, 1);
    EXPECT_EQ(merge.replaced, 1);
    EXPECT_EQ(merge.kept, 1);
    EXPECT_EQ(merge.same, 1);
    EXPECT_EQ(into.size(), 4u);
    EXPECT_EQ(to_string(merge), "1 added, 1 replaced, 1 kept (newer here), 1 already here");
    EXPECT_EQ(to_string(MarksMerge{}), "nothing new");
}

// ---- Open work ----------------------------------------------------------------------------------
TEST(OpenWork, SentStaysOpenSettledLeaves) {
    EXPECT_TRUE(is_open_work(nullptr));
    const FollowUpMark s = sent("2026-11-26"), r = renewed("2026-11-26"), w = wont("2026-11-26", "x");
    EXPECT_TRUE(is_open_work(&s));
    EXPECT_FALSE(is_open_work(&r));
    EXPECT_FALSE(is_open_work(&w));
}

// ---- The export column, and the open-work summary of a generated fleet -------------------------
std::string generated_text(int rows) {
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(rows, kAsOf)) text += row;
    return text;
}

TEST(MarksInTheExport, AReImportedFileKeepsItsMarks) {
    const Catalog& catalog = test::sample_catalog();
    const FleetParse first = parse_fleet_csv(generated_text(300));
    ASSERT_FALSE(first.fatal) << describe(first);
    const FleetResult result = evaluate_fleet(catalog, first, kAsOf);
    ASSERT_GT(result.units.size(), 10u);
    FollowUpMarks marks;
    marks[std::string(result.units[0].serial())] = sent("2026-11-26");
    marks[std::string(result.units[3].serial())] = renewed("2026-11-27");
    marks[std::string(result.units[7].serial())] = wont("2026-11-28", "fleet retired, \"all\" of it; next year");
    const std::string exported = fleet_to_csv(catalog, first, result, marks);

    const FleetParse again = parse_fleet_csv(exported);
    ASSERT_FALSE(again.fatal) << describe(again);
    EXPECT_EQ(again.format.follow_up_column, 22) << "follow_up follows services";
    for (const std::string& extra : again.extra_columns) EXPECT_NE(extra, "follow_up");
    const FleetMarks back = marks_from_fleet(again);
    EXPECT_TRUE(back.errors.empty());
    EXPECT_EQ(back.marks, marks);
    // Exported again without marks of its own, the file passes its cells through.
    const FleetResult again_result = evaluate_fleet(catalog, again, kAsOf);
    const FleetParse third = parse_fleet_csv(fleet_to_csv(catalog, again, again_result));
    EXPECT_EQ(marks_from_fleet(third).marks, marks);
}

TEST(MarksInTheExport, AnUnreadableCellIsALineProblemAndIsWrittenBackAsItWas) {
    const Catalog& catalog = test::sample_catalog();
    const FleetParse parsed = parse_fleet_csv(
        "serial,mtm,ship_date,Follow-up\n"
        "A1,21HD,2025-01-15,sent 2026-11-20\n"
        "A2,21HD,2025-01-15,called twice\n"
        "A3,21HD,2025-01-15,\n");
    ASSERT_FALSE(parsed.fatal) << describe(parsed);
    ASSERT_EQ(parsed.rows.size(), 3u) << describe(parsed);
    EXPECT_TRUE(parsed.extra_columns.empty());
    const FleetMarks marks = marks_from_fleet(parsed);
    ASSERT_EQ(marks.errors.size(), 1u);
    EXPECT_EQ(marks.errors[0].line, 3);
    EXPECT_EQ(marks.errors[0].column, "follow_up");
    EXPECT_NE(marks.errors[0].message.find("unknown mark \"called\""), std::string::npos) << marks.errors[0].message;
    ASSERT_EQ(marks.marks.size(), 1u);
    EXPECT_EQ(marks.marks.at("A1"), sent("2026-11-20"));
    const FleetResult result = evaluate_fleet(catalog, parsed, kAsOf);
    const std::string out = fleet_to_csv(catalog, parsed, result, {{"A1", renewed("2026-11-26")}});
    EXPECT_NE(out.find(",renewed 2026-11-26\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find(",called twice\r\n"), std::string::npos) << out;
}

TEST(MarksOnTheRadar, OpenWorkLeavesOutTheSettledUnitsOnly) {
    const Catalog& catalog = test::sample_catalog();
    const FleetParse parsed = parse_fleet_csv(generated_text(400));
    const FleetResult result = evaluate_fleet(catalog, parsed, kAsOf);
    ASSERT_GT(result.units.size(), 20u);
    FollowUpMarks marks;
    std::int64_t settled_units = 0;
    std::int64_t settled_minor = 0;
    for (std::size_t i = 0; i < result.units.size(); i += 3) {
        const UnitOpportunity& u = result.units[i];
        if (i % 2 == 0) {
            marks[std::string(u.serial())] = sent("2026-11-20");  // stays open work
        } else {
            marks[std::string(u.serial())] = i % 4 == 1 ? renewed("2026-11-21") : wont("2026-11-21", "x");
            settled_units += 1;  // the summary counts units (rows), their value counts the quantity
            settled_minor += u.value.minor_units();
        }
    }
    ASSERT_GT(settled_units, 0);
    const FleetSummary open = open_work_summary(result, marks);
    EXPECT_EQ(open.units, result.summary.units - settled_units);
    EXPECT_EQ(open.value.minor_units(), result.summary.value.minor_units() - settled_minor);
    // No marks: the open work is the whole fleet.
    EXPECT_TRUE(fleet_summary_to_json(open_work_summary(result, {})) == fleet_summary_to_json(result.summary));
}

}  // namespace
}  // namespace apos
