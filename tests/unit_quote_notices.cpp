// Quote-wide notes (ADP-TIO-PAIR, G:2915-2917): a Tiny and its Tiny-in-One monitor are covered only
// when each has ADP; one row per quote, each citing its source and printed whole on failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

// 12E3: ThinkCentre M90q Tiny; 12NA: Tiny-in-One 24 monitor; both 3-year bases, so ADP is 3 years.
struct PairRow {
    std::string source;
    std::string items;   // the request's "items" array
    int tiny_noted = 0;  // ADP lines of Tiny desktops that carry the note
    int tio_noted = 0;   // ADP lines of Tiny-in-One monitors that carry the note
    std::string words;   // the note holds these words (empty: no note expected)
};

std::ostream& operator<<(std::ostream& out, const PairRow& r) {
    return out << r.source << ": items " << r.items << " -> Tiny notes " << r.tiny_noted << ", TIO notes "
               << r.tio_noted;
}

std::string tiny(int quantity, bool adp) {
    return R"({"device": {"mtm": "12E3", "ship_date": "2026-01-01", "quantity": )" + std::to_string(quantity) +
           R"(}, "services": [)" + (adp ? R"({"id": "adp", "term_years": 3})" : "") + "]}";
}
std::string tio(int quantity, bool adp) {
    return R"({"device": {"mtm": "12NA", "ship_date": "2026-01-01", "quantity": )" + std::to_string(quantity) +
           R"(}, "services": [)" + (adp ? R"({"id": "adp", "term_years": 3})" : "") + "]}";
}

const std::vector<PairRow>& rows() {
    static const std::vector<PairRow> table = {
        {"G:2915-2916", "[" + tiny(4, true) + "," + tio(4, false) + "]", 1, 0, "4 Tiny-in-One monitor(s) have no ADP"},
        {"G:2916-2917", "[" + tiny(4, false) + "," + tio(4, true) + "]", 0, 1, "4 Tiny desktop(s) have no ADP"},
        {"G:2917", "[" + tiny(4, true) + "," + tio(4, true) + "]", 0, 0, ""},
        // No monitor on the quote: nothing says the Tiny will be docked in one.
        {"G:2915-2917", "[" + tiny(4, true) + "]", 0, 0, ""},
        {"G:2915-2917", "[" + tio(2, true) + "]", 0, 0, ""},
        // Neither has ADP: no ADP line to carry a note, and nothing is half covered.
        {"G:2915-2917", "[" + tiny(4, false) + "," + tio(4, false) + "]", 0, 0, ""},
        // Units counted over every item: 3 Tiny desktops of a second item are left out.
        {"G:2916-2917", "[" + tiny(5, true) + "," + tiny(3, false) + "," + tio(8, true) + "]", 0, 1,
         "3 Tiny desktop(s) have no ADP"},
    };
    return table;
}

Quote quote_of(const std::string& items) {
    const std::string text = R"({"as_of": "2026-01-15", "items": )" + items + "}";
    const QuoteRequestParse parsed = parse_quote_request(text, std::nullopt);
    if (!parsed.request) ADD_FAILURE() << (parsed.errors.empty() ? "?" : parsed.errors[0].to_string());
    return build_quote(test::sample_catalog(), parsed.request.value_or(QuoteRequest{}));
}

const Reason* pair_note(const QuoteLine& line) {
    const auto it =
        std::find_if(line.notes.begin(), line.notes.end(), [](const Reason& r) { return r.rule == "ADP-TIO-PAIR"; });
    return it == line.notes.end() ? nullptr : &*it;
}

class AdpTioPair : public testing::TestWithParam<PairRow> {};

TEST_P(AdpTioPair, TheAdpLineSaysWhichUnitsAreLeftOut) {
    const PairRow& r = GetParam();
    const Quote q = quote_of(r.items);
    ASSERT_TRUE(q.rejected.empty()) << r << "\n  refused: " << q.rejected[0].reasons.at(0).message;
    int tiny_noted = 0, tio_noted = 0;
    for (const QuoteLine& line : q.lines) {
        const Reason* note = pair_note(line);
        if (!note) continue;
        EXPECT_EQ(note->rule, "ADP-TIO-PAIR");
        EXPECT_EQ(line.id, "adp") << r << "\n  note on line " << line.id;
        EXPECT_EQ(note->verdict, Verdict::Note) << r;
        EXPECT_NE(note->message.find(r.words), std::string::npos) << r << "\n  note: " << note->message;
        const std::string mt = q.items.at(line.item).device->machine_type->mt;
        (mt == "12E3" ? tiny_noted : tio_noted) += 1;
    }
    EXPECT_EQ(tiny_noted, r.tiny_noted) << r;
    EXPECT_EQ(tio_noted, r.tio_noted) << r;
}

INSTANTIATE_TEST_SUITE_P(Rows, AdpTioPair, testing::ValuesIn(rows()));

TEST(AdpTioPair, TheNoteCitesTheGuideAndLeavesTheLineSold) {
    const Quote q = quote_of("[" + tiny(1, true) + "," + tio(1, false) + "]");
    ASSERT_EQ(q.lines.size(), 1u);
    const Reason* note = pair_note(q.lines[0]);
    ASSERT_NE(note, nullptr) << "expected an ADP-TIO-PAIR note on the Tiny's ADP line";
    EXPECT_EQ(note->rule, "ADP-TIO-PAIR");
    EXPECT_EQ(note->source, "G:2915-2917");
    EXPECT_EQ(q.lines[0].status, OfferStatus::Eligible);
    EXPECT_GT(q.totals.list.minor_units(), 0);
}

}  // namespace
}  // namespace apos
