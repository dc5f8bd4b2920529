// Quotes: requested services per device, priced, with the partner's programs and margin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/device.hpp"
#include "apos/offers.hpp"
#include "apos/programs.hpp"

namespace apos {

// A service asked for either by offering id or by kind (+ term, + level).
struct ServiceRequest {
    std::string id;
    std::optional<OfferKind> kind;
    int term_years = 0;
    std::optional<ServiceLevel> level;
};

struct QuoteItemRequest {
    DeviceInput device;
    bool include_hardware = false;  // add the machine itself at its reference price
    std::vector<ServiceRequest> services;
};

struct QuoteRequest {
    Date as_of;
    Segment segment = Segment::Smb;
    CustomerPrograms programs;
    std::vector<QuoteItemRequest> items;
    // The last day the quote holds; services that must be bought before it are named on the quote.
    std::optional<Date> valid_until;
};

struct QuoteLine {
    std::size_t item = 0;  // index of the item in the request
    std::string id;        // offering id, or "hardware:<mt>"
    std::string name;
    std::string part_number;
    std::optional<OfferKind> kind;  // absent for hardware
    int term_years = 0;
    std::int64_t quantity = 1;
    Money unit_list;
    Money line_list;
    Money line_partner;
    OfferStatus status = OfferStatus::Eligible;
    std::vector<Reason> notes;  // notes, warnings and approvals to show on the quote
    std::optional<DateRange> coverage;
    std::optional<Date> buy_by;  // the last day the service can be bought (its purchase window's end)
};

struct RejectedService {
    std::size_t item = 0;
    ServiceRequest request;
    std::string label;  // what was asked, in words
    std::vector<Reason> reasons;
    std::string offering;  // the offering it was matched to (empty: none matched)
    int term_years = 0;
    std::optional<Fix> fix;              // the one change that would let it sell (see evaluation.hpp)
    std::vector<std::string> fell_with;  // refused services it relied on (SOLD-TOGETHER)
};

// What the evaluation settled for one quote item (evaluation.cpp): the sold services, each
// evaluated beside the others, with the request each answers, and the refused ones.
struct ItemSettlement {
    std::vector<Offer> sold;
    std::vector<const ServiceRequest*> sold_requests;  // parallel to `sold`
    std::vector<RejectedService> rejected;             // `item` is left 0 for the caller to set
};

struct QuoteTotals {
    Money list;
    Money partner_price;
    Money partner_benefit;  // sum of program amounts
    BasisPoints margin;     // benefit / partner price
};

struct QuoteItemResult {
    std::optional<DeviceFacts> device;
    std::optional<DeviceError> error;
};

// A service on a quote that must be bought before the quote's valid-until date.
struct QuoteDeadline {
    std::size_t line = 0;  // index into the quote's lines
    Date buy_by;
    std::string reason;  // why that day, in the customer's words
};

struct Quote {
    Date as_of;
    std::string catalog_label;
    std::string rounding;  // how amounts were rounded, stated on the quote
    std::vector<QuoteItemResult> items;
    std::vector<QuoteLine> lines;
    std::vector<RejectedService> rejected;
    ProgramResult programs;
    QuoteTotals totals;
    std::optional<Date> valid_until;
    std::vector<QuoteDeadline> deadlines;  // earliest first; only lines that close before valid_until
};

// Prices what the evaluation settled (one entry per item; an item whose device did not resolve has
// its error in `devices`). Callers want evaluate_configuration() or build_quote().
Quote price_quote(const Catalog& catalog, const QuoteRequest& request,
                  const std::vector<std::optional<DeviceFacts>>& devices,
                  const std::vector<std::optional<DeviceError>>& errors, const std::vector<ItemSettlement>& items);

// The quote of a request: evaluate_configuration(catalog, request).quote without the per-device views.
Quote build_quote(const Catalog& catalog, const QuoteRequest& request);

}  // namespace apos
