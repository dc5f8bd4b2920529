// Renewal proposals against the per-unit evaluation: on a generated fleet every unit due within the
// horizon is listed once (in a group or among the left-out), its services are what the fleet would
// quote, priced at list, and every total is the exact sum of its lines; the outputs show no partner
// price, program or margin.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "apos/evaluation.hpp"
#include "apos/json_io.hpp"
#include "apos/proposals.hpp"
#include "apos/quote_export.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

// Units as installed bases hold them, spread over 25 customers (one of them with a name that
// needs escaping), some bought days ago (ADP still open), some long lapsed.
FleetParse generated_fleet(std::uint32_t seed, int units) {
    const Catalog& catalog = test::sample_catalog();
    std::mt19937 rng(seed);
    FleetParse parsed;
    parsed.extra_columns = {"Contact Email"};
    for (int i = 0; i < units; ++i) {
        FleetRow row;
        row.line = i + 2;
        DeviceInput& in = row.device;
        in.mtm = catalog.machine_types[rng() % catalog.machine_types.size()].mt;
        in.serial = "PRO" + std::to_string(i);
        in.channel = rng() % 3 ? Channel::Direct : Channel::Distributor;
        in.condition = rng() % 10 ? Condition::New : Condition::Refurbished;
        const int ages[] = {20, 60, 300, 700, 1000, 1400, 2200};
        in.ship_date = kAsOf.plus_days(-static_cast<int>(rng() % static_cast<unsigned>(ages[rng() % 7])));
        if (rng() % 5 == 0) in.coverage_end = in.ship_date.plus_days(static_cast<int>(rng() % 1800));
        const int quantities[] = {1, 1, 1, 3, 20};
        in.quantity = quantities[rng() % 5];
        const int customer = static_cast<int>(rng() % 25);
        row.customer = customer == 7 ? "O'Neil & <Sons>" : "Customer " + std::to_string(customer);
        row.extra = {customer % 2 ? "buyer" + std::to_string(customer) + "@example.com" : ""};
        parsed.rows.push_back(std::move(row));
    }
    return parsed;
}

std::string describe(const UnitOpportunity& u) {
    std::ostringstream out;
    out << u.serial() << " " << u.mtm() << " end " << u.coverage_end.to_string() << " windows [";
    for (const ClosingWindow& w : u.windows()) out << " " << to_string(w.kind()) << "@" << w.closes.to_string();
    out << " ] best [";
    for (const BestOffer& o : u.best_offers()) out << " " << o.offering->id << "/" << o.term_years;
    out << " ]";
    return out.str();
}

// The definition of "due" written out again from the unit's own fields.
bool due(const UnitOpportunity& u, Date horizon_end) {
    if (u.best_offers().empty()) return false;
    if (u.coverage_end <= horizon_end) return true;
    for (const ClosingWindow& w : u.windows())
        if (w.closes <= horizon_end) return true;
    return false;
}

ProposalAction expected_action(OfferKind kind) {
    if (kind == OfferKind::Extension) return ProposalAction::Extend;
    if (kind == OfferKind::Adp) return ProposalAction::AddAdp;
    if (kind == OfferKind::PostWarranty) return ProposalAction::PostWarranty;
    if (kind == OfferKind::Reinstatement) return ProposalAction::Reinstate;
    return ProposalAction::AddOther;
}

struct Fixture {
    FleetParse parsed;
    FleetResult result;
    ProposalSet set;
};

Fixture run(std::uint32_t seed, int units, int horizon_days) {
    Fixture f;
    f.parsed = generated_fleet(seed, units);
    f.result = evaluate_fleet(test::sample_catalog(), f.parsed, kAsOf);
    ProposalOptions options;
    options.as_of = kAsOf;
    options.horizon_end = kAsOf.plus_days(horizon_days);
    options.partner = {"Northwind IT", "+1 555 0100, sales@northwind.example", ""};
    f.set = build_fleet_proposals(test::sample_catalog(), f.parsed, f.result, options);
    return f;
}

class ProposalHorizon : public ::testing::TestWithParam<int> {};

TEST_P(ProposalHorizon, EveryDueUnitAppearsOnceAndTotalsAddUp) {
    const Catalog& catalog = test::sample_catalog();
    const int days = GetParam();
    const Fixture f = run(20261130u + static_cast<std::uint32_t>(days), 500, days);
    const Date horizon_end = kAsOf.plus_days(days);
    std::map<int, const UnitOpportunity*> by_line;
    std::map<int, FleetRow> rows;
    for (const UnitOpportunity& u : f.result.units) by_line[u.line] = &u;
    for (std::size_t i = 0; i < f.parsed.rows.size(); ++i) rows[f.parsed.rows.line(i)] = f.parsed.rows[i];

    std::map<int, int> seen;  // line -> times listed
    std::int64_t listed = 0;
    for (const CustomerProposal& p : f.set.proposals) {
        std::int64_t proposal_sum = 0, proposal_units = 0;
        std::optional<Date> earliest;
        for (const ProposalGroup& g : p.groups) {
            std::int64_t group_sum = 0;
            for (const ProposalUnit& u : g.units) {
                ++seen[u.line];
                ++proposal_units;
                const UnitOpportunity& unit = *by_line.at(u.line);
                SCOPED_TRACE(describe(unit));
                EXPECT_EQ(unit.customer(), p.customer);
                ASSERT_FALSE(u.services.empty());
                // What the fleet would quote for the unit, of which only what is due is proposed.
                const std::vector<ServiceRequest> quoted =
                    proposed_services(catalog, rows.at(u.line).device, unit, kAsOf);
                const DeviceFacts facts = *resolve_device(catalog, rows.at(u.line).device).facts;
                std::int64_t unit_sum = 0;
                int due_services = 0;
                std::optional<Date> unit_deadline;
                for (const ProposedService& s : u.services) {
                    EXPECT_TRUE(std::any_of(quoted.begin(), quoted.end(), [&](const ServiceRequest& r) {
                        return r.id == s.offering_id && r.term_years == s.term_years;
                    })) << s.offering_id;
                    const Offering& offering = *catalog.find_offering(s.offering_id);
                    const std::optional<Money> list = offer_list_price(catalog, facts, offering, s.term_years);
                    ASSERT_TRUE(list.has_value());
                    EXPECT_EQ(s.unit_list.minor_units(), list->minor_units()) << "list price, " << s.offering_id;
                    EXPECT_EQ(s.line_list.minor_units(), s.unit_list.minor_units() * s.quantity);
                    const bool renewal = s.kind == OfferKind::Extension || s.kind == OfferKind::PostWarranty ||
                                         s.kind == OfferKind::Reinstatement;
                    // A companion is not due itself: a due service sells only beside it (TERM-MATCH).
                    const bool is_due =
                        (s.deadline && *s.deadline <= horizon_end) || (renewal && unit.coverage_end <= horizon_end);
                    EXPECT_NE(is_due, s.companion) << s.offering_id;
                    due_services += is_due ? 1 : 0;
                    if (!s.companion && s.deadline && (!unit_deadline || *s.deadline < *unit_deadline))
                        unit_deadline = s.deadline;
                    unit_sum += s.line_list.minor_units();
                }
                EXPECT_GT(due_services, 0);
                EXPECT_EQ(u.total.minor_units(), unit_sum);
                EXPECT_EQ(u.deadline, unit_deadline);
                EXPECT_EQ(g.action, u.action);
                // The group is the kind of a service with the unit's earliest deadline.
                EXPECT_TRUE(std::any_of(u.services.begin(), u.services.end(), [&](const ProposedService& s) {
                    return !s.companion && s.deadline == u.deadline && expected_action(s.kind) == u.action;
                }));
                if (u.deadline && (!earliest || *u.deadline < *earliest)) earliest = u.deadline;
                group_sum += unit_sum;
            }
            EXPECT_EQ(g.total.minor_units(), group_sum) << to_string(g.action);
            proposal_sum += group_sum;
        }
        for (const ProposalLeftOut& l : p.left_out) {
            ++seen[l.line];
            EXPECT_FALSE(l.reason.empty());
        }
        EXPECT_EQ(p.total.minor_units(), proposal_sum) << p.customer;
        EXPECT_EQ(p.units, proposal_units);
        EXPECT_EQ(p.earliest_deadline, earliest) << p.customer;
        listed += proposal_units;
    }
    std::int64_t due_units = 0;
    for (const UnitOpportunity& u : f.result.units) {
        const int times = seen.count(u.line) ? seen.at(u.line) : 0;
        if (due(u, horizon_end)) {
            ++due_units;
            EXPECT_EQ(times, 1) << describe(u);
        } else {
            EXPECT_EQ(times, 0) << "not due, still listed: " << describe(u);
        }
    }
    EXPECT_GT(listed, due_units / 2) << "most due units get a proposal";
    EXPECT_GT(listed, 0);
}

INSTANTIATE_TEST_SUITE_P(Horizons, ProposalHorizon, ::testing::Values(30, 90, 365),
                         [](const ::testing::TestParamInfo<int>& param_info) {
                             return "Days" + std::to_string(param_info.param);
                         });

TEST(ProposalOutputs, ShowListPricesOnlyAndNeverThePartnersEconomics) {
    const Catalog& catalog = test::sample_catalog();
    const Fixture f = run(7, 300, 365);
    ASSERT_FALSE(f.set.proposals.empty());
    ASSERT_TRUE(std::any_of(f.set.proposals.begin(), f.set.proposals.end(), [](const CustomerProposal& p) {
        return p.customer == "O'Neil & <Sons>";
    })) << "the fixture holds the customer whose name needs escaping";
    std::vector<std::string> texts = {proposals_to_html(f.set), proposals_to_mail_merge_csv(f.set)};
    for (const CustomerProposal& p : f.set.proposals) texts.push_back(proposal_to_html(f.set, p));
    // Partner amounts of the same lines, where they differ from every list amount shown.
    std::set<std::string> list_texts, partner_texts;
    std::map<int, FleetRow> rows;
    for (std::size_t i = 0; i < f.parsed.rows.size(); ++i) rows[f.parsed.rows.line(i)] = f.parsed.rows[i];
    for (const CustomerProposal& p : f.set.proposals)
        for (const ProposalGroup& g : p.groups)
            for (const ProposalUnit& u : g.units) {
                QuoteRequest request;
                request.as_of = kAsOf;
                QuoteItemRequest item{rows.at(u.line).device, false, {}};
                for (const ProposedService& s : u.services)
                    item.services.push_back({s.offering_id, std::nullopt, s.term_years, std::nullopt});
                request.items.push_back(item);
                const Quote quote = build_quote(catalog, request);
                for (const QuoteLine& l : quote.lines) {
                    list_texts.insert(l.line_list.to_string());
                    list_texts.insert(l.unit_list.to_string());
                    partner_texts.insert(l.line_partner.to_string());
                }
                list_texts.insert(u.total.to_string());
            }
    for (const CustomerProposal& p : f.set.proposals) list_texts.insert(p.total.to_string());
    for (const std::string& text : texts) {
        // The words a reader sees: the page's CSS has a "margin" of its own.
        std::string lower = text;
        if (const std::size_t style = lower.find("<style>"); style != std::string::npos)
            lower.erase(style, lower.find("</style>") - style);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        for (const char* word : {"partner price", "margin", "program", "benefit", "discount"})
            EXPECT_EQ(lower.find(word), std::string::npos) << word;
        for (const std::string& amount : partner_texts)
            if (!list_texts.count(amount)) {
                EXPECT_EQ(text.find(amount), std::string::npos) << amount;
            }
    }
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (i != 1) {
            EXPECT_NE(texts[i].find(std::string(sample_catalog_notice())), std::string::npos) << "page " << i;
        }
    // One printed page per customer: a break after every section but the last.
    const std::string all = proposals_to_html(f.set);
    std::size_t sections = 0;
    for (std::size_t at = all.find("<section class=\"proposal\""); at != std::string::npos;
         at = all.find("<section class=\"proposal\"", at + 1))
        ++sections;
    EXPECT_EQ(sections, f.set.proposals.size());
    EXPECT_NE(all.find("break-after:page"), std::string::npos);
    EXPECT_NE(all.find("O&#39;Neil &amp; &lt;Sons&gt;"), std::string::npos);
    EXPECT_EQ(all.find("<Sons>"), std::string::npos);
}

TEST(ProposalOptions, OnlyTheCustomersAskedForAndUnknownNamesReported) {
    const Fixture all = run(11, 200, 365);
    ASSERT_GE(all.set.proposals.size(), 2u);
    ProposalOptions options;
    options.as_of = kAsOf;
    options.horizon_end = kAsOf.plus_days(365);
    options.customers = {all.set.proposals[1].customer, "Nobody Ltd"};
    const ProposalSet some = build_fleet_proposals(test::sample_catalog(), all.parsed, all.result, options);
    ASSERT_EQ(some.proposals.size(), 1u);
    EXPECT_EQ(some.proposals[0].customer, all.set.proposals[1].customer);
    EXPECT_EQ(some.proposals[0].total, all.set.proposals[1].total);
    EXPECT_EQ(some.unknown_customers, std::vector<std::string>{"Nobody Ltd"});
}

TEST(ProposalOptions, ContactComesFromTheFleetsContactColumn) {
    const Fixture f = run(13, 200, 365);
    for (const CustomerProposal& p : f.set.proposals) {
        const int number = p.customer.rfind("Customer ", 0) == 0 ? std::stoi(p.customer.substr(9)) : 7;
        if (number % 2) EXPECT_EQ(p.contact, "buyer" + std::to_string(number) + "@example.com") << p.customer;
        else EXPECT_EQ(p.contact, "") << p.customer;
    }
}

struct SlugRow {
    const char* customer;
    const char* slug;
};
class ProposalSlug : public ::testing::TestWithParam<SlugRow> {};
TEST_P(ProposalSlug, FileNameOfACustomer) {
    EXPECT_EQ(proposal_slug(GetParam().customer), GetParam().slug) << GetParam().customer;
}
INSTANTIATE_TEST_SUITE_P(Names, ProposalSlug,
                         ::testing::Values(SlugRow{"Acme School", "acme-school"},
                                           SlugRow{"O'Neil & <Sons>", "o-neil-sons"}, SlugRow{"", "customer"},
                                           SlugRow{"../../etc/passwd", "etc-passwd"},
                                           SlugRow{"Müller GmbH", "m-ller-gmbh"}));

TEST(ProposalMail, DraftHasMimeHeadersCrlfAndNoToWithoutAnAddress) {
    Fixture f = run(17, 200, 365);
    ASSERT_FALSE(f.set.proposals.empty());
    f.set.partner = {"Zoë's IT", "call +1 555 0100", "renew@northwind.example"};
    for (CustomerProposal& p : f.set.proposals) {
        const std::string eml = proposal_to_eml(f.set, p);
        const std::size_t head_end = eml.find("\r\n\r\n");
        ASSERT_NE(head_end, std::string::npos);
        const std::string head = eml.substr(0, head_end + 2);
        for (std::size_t i = 0; i < eml.size(); ++i)
            if (eml[i] == '\n') {
                ASSERT_TRUE(i > 0 && eml[i - 1] == '\r') << "bare LF at " << i;
            }
        EXPECT_NE(head.find("From: =?utf-8?B?"), std::string::npos) << head;
        EXPECT_NE(head.find("<renew@northwind.example>"), std::string::npos);
        EXPECT_NE(head.find("Date: Thu, 26 Nov 2026 00:00:00 +0000\r\n"), std::string::npos) << head;
        EXPECT_NE(head.find("MIME-Version: 1.0\r\n"), std::string::npos);
        EXPECT_NE(head.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
        EXPECT_NE(head.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
        EXPECT_EQ(head.find("To:") != std::string::npos, !p.contact.empty()) << head;
        for (std::size_t at = head_end + 4; at < eml.size(); at = eml.find("\r\n", at) + 2)
            EXPECT_LE(eml.find("\r\n", at) - at, 76u);
    }
}

// The co-terming suggestion goes into a customer's proposal only when the partner asks for it,
// only when it narrows the spread, and then names every unit it sets a term for, with the term,
// the new end and the spread before and after (issue 16, item 5).
TEST(ProposalCoterm, InTheCustomersPageOnlyWhenAskedAndOnlyWhenItNarrows) {
    const Catalog& catalog = test::sample_catalog();
    const Fixture plain = run(19, 300, 365);
    ProposalOptions options;
    options.as_of = kAsOf;
    options.horizon_end = kAsOf.plus_days(365);
    options.include_coterm = true;
    const std::vector<ProposalSource> sources = fleet_proposal_sources(plain.parsed, plain.result);
    const ProposalSet set = build_proposals(catalog, sources, options);
    ASSERT_EQ(set.proposals.size(), plain.set.proposals.size());
    int with_coterm = 0;
    for (std::size_t i = 0; i < set.proposals.size(); ++i) {
        const CustomerProposal& p = set.proposals[i];
        SCOPED_TRACE(p.customer);
        // The suggestion is beside the proposal: the proposal itself is the same.
        EXPECT_EQ(p.total, plain.set.proposals[i].total);
        EXPECT_FALSE(plain.set.proposals[i].coterm);
        EXPECT_EQ(proposal_to_html(plain.set, plain.set.proposals[i]).find("Bringing your coverage end dates"),
                  std::string::npos);
        const CotermSuggestion direct = suggest_coterm(catalog, kAsOf, sources, p.customer);
        const bool narrows = direct.target && direct.spread_days_after < direct.spread_days_before;
        ASSERT_EQ(p.coterm.has_value(), narrows) << coterm_text(direct);
        if (!p.coterm) continue;
        ++with_coterm;
        const std::string html = proposal_to_html(set, p);
        EXPECT_NE(html.find("Bringing your coverage end dates together"), std::string::npos);
        EXPECT_NE(html.find(std::to_string(p.coterm->spread_days_before) + " days"), std::string::npos);
        EXPECT_NE(html.find(std::to_string(p.coterm->spread_days_after) + " days"), std::string::npos);
        for (const CotermUnit& u : p.coterm->units) {
            if (!u.offering) continue;
            const std::size_t row = html.find("<tr><td>" + u.serial + "</td><td>" + u.end_before.to_string());
            ASSERT_NE(row, std::string::npos) << u.serial;
            const std::string tr = html.substr(row, html.find("</tr>", row) - row);
            EXPECT_NE(tr.find(u.end_after.to_string()), std::string::npos) << tr;
            EXPECT_NE(tr.find(std::to_string(u.term_years) + (u.term_years == 1 ? " year" : " years")),
                      std::string::npos)
                << tr;
            ASSERT_TRUE(u.unit_list) << u.serial;
            EXPECT_NE(tr.find(u.unit_list->to_string()), std::string::npos) << tr;
        }
    }
    EXPECT_GT(with_coterm, 0) << "the fixture has customers whose coverage ends can be brought together";
}

TEST(ProposalHorizonEnd, DaysFromTheAsOfDate) {
    EXPECT_EQ(proposal_horizon_end(kAsOf, 30), test::date("2026-12-26"));
    EXPECT_EQ(proposal_horizon_end(kAsOf, 365), test::date("2027-11-26"));
}

}  // namespace
}  // namespace apos
