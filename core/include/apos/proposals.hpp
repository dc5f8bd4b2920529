// Renewal proposals: from a fleet's evaluated units, per customer what to buy before which date
// (list prices only), a co-terming suggestion, and the texts partners send (HTML, mail-merge CSV,
// e-mail draft). No partner price, program or margin ever reaches these outputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/fleet.hpp"

namespace apos {

// What the customer is asked to do with a unit, most urgent first in a proposal's order.
enum class ProposalAction {
    Extend,        // an extension, bought while the base warranty runs (EXT-WINDOW)
    AddAdp,        // accidental damage protection within its days from purchase (ADP-90D)
    AddOther,      // another service whose purchase window closes (upgrade, KYD, SBTY, ...)
    PostWarranty,  // coverage ending or just ended (PW-WINDOW)
    Reinstate      // past the post-warranty window, with the fee (REIN-FEE)
};
std::string_view to_string(ProposalAction);  // "extend", "add-adp", ...

// The partner who sends the proposal (from the settings or the CLI's flags).
struct ProposalPartner {
    std::string name;
    std::string contact;  // free text shown on the proposal (phone, address, web)
    std::string email;    // the drafts' From address; empty: an address found in `contact`, if any
};

struct ProposalOptions {
    Date as_of;
    Date horizon_end;                    // windows closing and coverage ending on or before this day
    std::vector<std::string> customers;  // empty: every customer of the fleet
    ProposalPartner partner;
    // Adds each customer's co-terming suggestion to their proposal (a partner's choice: the CLI
    // keeps it in its answer for the partner only).
    bool include_coterm = false;
};

// One unit of the fleet as the proposals read it: its input (to quote it) and its evaluation.
// The input is `device`, or else row `row` of `rows`, unpacked only for the units a proposal
// quotes (a fleet's rows stay packed).
struct ProposalSource {
    const DeviceInput* device = nullptr;
    const UnitOpportunity* unit = nullptr;
    std::string contact;  // the customer's contact from the fleet file (may be empty)
    const FleetRows* rows = nullptr;
    std::size_t row = 0;
    DeviceInput input() const { return device ? *device : (*rows)[row].device; }
};

struct ProposedService {
    std::string offering_id;
    std::string name;
    OfferKind kind{};
    int term_years = 0;
    std::int64_t quantity = 1;
    Money unit_list;
    Money line_list;
    std::optional<Date> deadline;  // last day to buy it (its purchase window's end)
    std::optional<DateRange> coverage;
    bool needs_approval = false;
    bool companion = false;  // not due itself: a due service sells only with it (TERM-MATCH)
};

struct ProposalUnit {
    int line = 0;
    std::string serial;
    std::string mtm;
    std::string model;  // the machine type's name
    int quantity = 1;
    Date coverage_end;
    bool covered = false;
    ProposalAction action = ProposalAction::Extend;  // the group it is listed in (its most urgent service)
    std::optional<Date> deadline;                    // the earliest deadline of its services
    std::vector<ProposedService> services;
    Money total;
};

struct ProposalGroup {
    ProposalAction action = ProposalAction::Extend;
    std::vector<ProposalUnit> units;  // earliest deadline first
    Money total;
};

// A unit inside the horizon that nothing can be proposed for, and why (it stays findable).
struct ProposalLeftOut {
    int line = 0;
    std::string serial;
    std::string reason;
};

// ---- Co-terming ---------------------------------------------------------------------------
struct CotermUnit {
    int line = 0;
    std::string serial;
    Date end_before;
    Date end_after;
    const Offering* offering = nullptr;  // null: no change for this unit
    int term_years = 0;
    std::optional<Money> unit_list;
};

struct CotermSuggestion {
    std::string customer;
    std::vector<CotermUnit> units;  // the units measured (covered or renewable)
    std::int32_t spread_days_before = 0;
    std::int32_t spread_days_after = 0;
    int spread_months_before = 0;  // whole calendar months between the earliest and latest end
    int spread_months_after = 0;
    std::optional<Date> target;  // the end date the terms were chosen around; none: no change
    std::vector<ProposalLeftOut> left_out;
};

struct CustomerProposal {
    std::string customer;  // as written in the fleet file ("" when the file has none)
    std::string contact;
    std::string slug;  // file-name form, unique within the set
    std::vector<ProposalGroup> groups;
    std::int64_t units = 0;
    std::optional<Date> earliest_deadline;
    Money total;
    std::vector<ProposalLeftOut> left_out;
    // With ProposalOptions::include_coterm: the terms that bring this customer's coverage ends
    // together, only when they narrow the spread. Shown as a suggestion; not in `total`.
    std::optional<CotermSuggestion> coterm;
};

struct ProposalSet {
    Date as_of;
    Date horizon_end;
    ProposalPartner partner;
    std::string catalog_label;
    Currency currency;
    int adp_purchase_days = 90;
    std::vector<CustomerProposal> proposals;         // customers in name order
    std::vector<std::string> unknown_customers;      // asked for, but not in the fleet
    std::vector<std::string> customers_without_due;  // asked for (or in the fleet) with nothing due
    // Customers whose due units all came out with nothing that can be proposed (see left_out).
    std::vector<CustomerProposal> nothing_to_propose;
};

// Whether a unit belongs in a proposal of this horizon: a purchase window of it closes, or its
// coverage ends (or has ended), on or before `horizon_end`, and something sells on it.
bool unit_due(const UnitOpportunity& unit, Date horizon_end);

// One proposal per customer that has due units. Every due unit is listed once, in the group of
// its most urgent service, or among `left_out` with the reason.
ProposalSet build_proposals(const Catalog& catalog, const std::vector<ProposalSource>& units,
                            const ProposalOptions& options);

// The same from a parsed and evaluated fleet: units are matched to their rows by line; the
// customer's contact comes from an extra column named contact, email, contact_email or similar.
ProposalSet build_fleet_proposals(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result,
                                  const ProposalOptions& options);

// Every evaluated unit of a fleet with its row's device and the customer's contact (see
// build_fleet_proposals): what build_proposals and suggest_coterm read.
std::vector<ProposalSource> fleet_proposal_sources(const FleetParse& parsed, const FleetResult& result);

// The last day of a horizon of `days` days from the as-of date (the page's 30 / 60 / 90 / ...).
Date proposal_horizon_end(Date as_of, int days);

// "Acme School" -> "acme-school"; nothing left -> "customer".
std::string proposal_slug(std::string_view customer);

// ---- Co-terming ---------------------------------------------------------------------------
// For one customer's units: per unit the extension or post-warranty terms the evaluation sells
// (whole years, caps and windows applied), chosen so that coverage ends fall closest together.
// Tries each candidate end as a target and takes per unit the sold term ending nearest to it;
// keeps the best target only when it narrows the spread, so it never widens it.
CotermSuggestion suggest_coterm(const Catalog& catalog, Date as_of, const std::vector<ProposalSource>& units,
                                std::string_view customer);
// Whole calendar months from `from` to `to` (to >= from): 2026-01-15 -> 2026-03-14 is 1.
int whole_months_between(Date from, Date to);

// ---- Outputs ------------------------------------------------------------------------------
// Every proposal of the set as one printable page, one customer per printed page.
std::string proposals_to_html(const ProposalSet& set);
// One customer's proposal as its own page (the body of its e-mail draft).
std::string proposal_to_html(const ProposalSet& set, const CustomerProposal& proposal);
// customer, contact, units, earliest_deadline, total, currency, text: one line per proposal.
std::string proposals_to_mail_merge_csv(const ProposalSet& set);
// An e-mail draft (RFC 5322 + MIME, CRLF lines, base64 HTML body) dated on the as-of date;
// To only when the customer's contact is an address.
std::string proposal_to_eml(const ProposalSet& set, const CustomerProposal& proposal);
// The short text of the mail merge and the draft's subject line.
std::string proposal_summary_text(const ProposalSet& set, const CustomerProposal& proposal);

}  // namespace apos
