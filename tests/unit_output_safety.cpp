// Output safety: CSV exports never hand a spreadsheet a formula, HTML exports never hand a browser
// markup, whatever the catalog, the request or the fleet file held.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/fleet.hpp"
#include "apos/json_io.hpp"
#include "apos/quote.hpp"
#include "apos/quote_export.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::ordered_json;

const std::string kScript = "<script>alert(1)</script>";
const std::string kFormula = "=cmd|' /C calc'!A0";

// A small RFC 4180 reader: records of unquoted cells.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.back().push_back(std::move(cell));
            cell.clear();
            records.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.empty() || !records.back().empty()) records.back().push_back(cell);
    if (records.back().empty()) records.pop_back();
    return records;
}

bool starts_like_a_formula(const std::string& cell) {
    return !cell.empty() &&
           (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r');
}

void expect_no_formula_cells(const std::string& csv) {
    for (const auto& record : read_csv(csv))
        for (const std::string& cell : record)
            EXPECT_FALSE(starts_like_a_formula(cell)) << "cell runs as a formula: " << cell;
}

bool has_cell(const std::string& csv, const std::string& wanted) {
    for (const auto& record : read_csv(csv))
        for (const std::string& cell : record)
            if (cell == wanted) return true;
    return false;
}

// ---- csv_cell, row by row ----------------------------------------------------------------------------------

struct CellCase {
    std::string in;
    std::string out;
};

std::ostream& operator<<(std::ostream& out, const CellCase& c) { return out << "csv_cell(\"" << c.in << "\")"; }

class OutputSafetyCell : public testing::TestWithParam<CellCase> {};

TEST_P(OutputSafetyCell, IsNeutralisedAndQuotedAsNeeded) { EXPECT_EQ(csv_cell(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    OutputSafety, OutputSafetyCell,
    testing::Values(CellCase{"Acme", "Acme"}, CellCase{"", ""}, CellCase{"=1+1", "'=1+1"}, CellCase{"+1+1", "'+1+1"},
                    CellCase{"-2+3", "'-2+3"}, CellCase{"@SUM(A1)", "'@SUM(A1)"}, CellCase{"\t=1", "'\t=1"},
                    CellCase{"\r=1", "\"'\r=1\""}, CellCase{kFormula, "'" + kFormula},
                    CellCase{"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
                    CellCase{"a,b", "\"a,b\""}, CellCase{"a\nb", "\"a\nb\""},
                    CellCase{"say \"hi\"", "\"say \"\"hi\"\"\""}, CellCase{"x=1", "x=1"}));

// ---- The fleet export ----------------------------------------------------------------------------------------

TEST(OutputSafety, FleetCsvNeutralisesFormulaCustomersSerialsAndExtraColumns) {
    const std::vector<std::string> customers = {kFormula, "+1+1", "-2+3", "@SUM(A1)",
                                                "=HYPERLINK(\"http://evil\",\"x\")"};
    std::string csv = "serial,mtm,ship_date,customer,note\r\n";
    for (std::size_t i = 0; i < customers.size(); ++i) {
        std::string quoted = "\"";
        for (char c : customers[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        csv += "S" + std::to_string(i) + ",21HD,2025-01-10," + quoted + "\",\"\t=1+" + std::to_string(i) + "\"\r\n";
    }
    csv += "=SERIAL(),21F6,2025-01-10,\"\r=CR\",@note\r\n";
    const FleetParse parsed = parse_fleet_csv(csv);
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
    ASSERT_EQ(parsed.rows.size(), customers.size() + 1);
    const FleetResult result = evaluate_fleet(test::sample_catalog(), parsed, test::date("2026-11-26"));
    ASSERT_EQ(result.units.size(), customers.size() + 1);
    const std::string out = fleet_to_csv(test::sample_catalog(), parsed, result);
    expect_no_formula_cells(out);
    for (const std::string& c : customers) EXPECT_TRUE(has_cell(out, "'" + c)) << "customer " << c << " in:\n" << out;
    EXPECT_TRUE(has_cell(out, "'=SERIAL()")) << out;
    EXPECT_TRUE(has_cell(out, "'\r=CR")) << out;
    EXPECT_TRUE(has_cell(out, "'\t=1+0")) << out;
    EXPECT_TRUE(has_cell(out, "'@note")) << out;
}

// ---- The quote exports ---------------------------------------------------------------------------------------

// The sample catalog with hostile offering names and price book label.
const Catalog& hostile_catalog() {
    static const Catalog catalog = [] {
        std::vector<CatalogSource> sources = test::sample_sources();
        for (CatalogSource& s : sources) {
            ordered_json j = ordered_json::parse(s.text);
            if (s.file == "offerings.json") {
                for (ordered_json& o : j["offerings"]) {
                    if (o["id"] == "ext-depot") o["name"] = kScript;
                    if (o["id"] == "adp") o["name"] = kFormula;
                }
            } else if (s.file == "policy.json") {
                j["price_book_label"] = "=HYPERLINK(\"http://evil\")<img src=x onerror=alert(2)>";
            } else {
                continue;
            }
            s.text = j.dump(2);
        }
        CatalogLoadResult loaded = load_catalog(sources);
        if (!loaded.catalog) {
            for (const CatalogError& e : loaded.errors) ADD_FAILURE() << e.to_string();
            abort();
        }
        return std::move(*loaded.catalog);
    }();
    return catalog;
}

Quote hostile_quote() {
    const QuoteRequestParse parsed = parse_quote_request(R"({"as_of": "2025-04-01", "items": [
        {"device": {"mtm": "21F6<b>x", "serial": "<svg onload=alert(3)>", "ship_date": "2025-03-02", "quantity": 3},
         "hardware": true, "services": [{"id": "ext-depot", "term_years": 3}, {"id": "adp", "term_years": 3}, {"id": "ext-depot", "term_years": 9}]}]})",
                                                         std::nullopt);
    EXPECT_TRUE(parsed.request) << parsed.errors.front().to_string();
    return build_quote(hostile_catalog(), *parsed.request);
}

TEST(OutputSafety, QuoteHtmlEscapesCatalogAndRequestStrings) {
    const Quote quote = hostile_quote();
    ASSERT_GE(quote.lines.size(), 3u) << quote_to_json(quote).dump(1);
    ASSERT_FALSE(quote.rejected.empty()) << "the 9-year request is rejected, with the offering's name in its label";
    const std::string html = quote_to_html(quote);
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
    EXPECT_EQ(html.find("<b>x"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("=cmd|&#39; /C calc&#39;!A0"), std::string::npos);
    EXPECT_NE(html.find("&lt;svg onload=alert(3)&gt;"), std::string::npos);
    EXPECT_NE(html.find("21F6&lt;b&gt;x"), std::string::npos);
    // Only the page's own tags: every '<' opens a tag the exporter wrote.
    for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
        const std::string tag = html.substr(at + 1, html.find_first_of(" >", at) - at - 1);
        static const std::vector<std::string> allowed = {"!doctype", "html", "head", "meta",   "title", "style", "body",
                                                         "h1",       "h2",   "p",    "table",  "thead", "tbody", "tr",
                                                         "th",       "td",   "div",  "strong", "ul",    "li"};
        const std::string name = tag.empty() || tag[0] != '/' ? tag : tag.substr(1);
        EXPECT_NE(std::find(allowed.begin(), allowed.end(), name), allowed.end()) << "unexpected tag <" << tag << ">";
    }
}

TEST(OutputSafety, QuoteCsvNeutralisesCatalogAndRequestStrings) {
    const Quote quote = hostile_quote();
    const std::string csv = quote_to_csv(quote);
    expect_no_formula_cells(csv);
    EXPECT_TRUE(has_cell(csv, "'" + kFormula)) << csv;
    EXPECT_TRUE(has_cell(csv, kScript)) << "CSV keeps text as text: " << csv;
    EXPECT_TRUE(has_cell(csv, "'=HYPERLINK(\"http://evil\")<img src=x onerror=alert(2)>")) << csv;
    EXPECT_EQ(csv.find("\n="), std::string::npos);
    EXPECT_EQ(csv.find(",="), std::string::npos);
}

TEST(OutputSafety, HtmlEscapeEscapesEveryMarkupCharacter) {
    EXPECT_EQ(html_escape("<a href=\"x\" title='y'>&amp;</a>"),
              "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    EXPECT_EQ(html_escape(""), "");
    EXPECT_EQ(html_escape("plain"), "plain");
}

}  // namespace
}  // namespace apos
