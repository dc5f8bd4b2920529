// Quote pricing: the lines of what the evaluation settled as sold (evaluation.cpp), their
// partner prices, the partner programs and the totals.
#include "apos/quote.hpp"

#include <algorithm>

namespace apos {
namespace {

// Why a service must be bought by its day: the window rule of its kind, in plain words.
std::string deadline_reason(const Catalog& catalog, OfferKind kind) {
    switch (kind) {
        case OfferKind::Extension:
        case OfferKind::Upgrade: return "only while the base warranty is in force";
        case OfferKind::Adp:
            return "only within " + std::to_string(catalog.policy.adp_purchase_days) + " days of the system purchase";
        case OfferKind::PostWarranty:
            return "only up to " + std::to_string(catalog.policy.pw_closes_days_after_end) +
                   " days after coverage ends";
        default: return "only until its purchase window closes";
    }
}

// Lines whose purchase window closes before the quote stops being valid, earliest first.
std::vector<QuoteDeadline> quote_deadlines(const Catalog& catalog, const std::vector<QuoteLine>& lines,
                                           Date valid_until) {
    std::vector<QuoteDeadline> deadlines;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].buy_by && *lines[i].buy_by < valid_until && lines[i].kind)
            deadlines.push_back({i, *lines[i].buy_by, deadline_reason(catalog, *lines[i].kind)});
    std::stable_sort(deadlines.begin(), deadlines.end(),
                     [](const QuoteDeadline& a, const QuoteDeadline& b) { return a.buy_by < b.buy_by; });
    return deadlines;
}

}  // namespace

Quote price_quote(const Catalog& catalog, const QuoteRequest& request,
                  const std::vector<std::optional<DeviceFacts>>& devices,
                  const std::vector<std::optional<DeviceError>>& errors, const std::vector<ItemSettlement>& items) {
    Quote quote;
    quote.as_of = request.as_of;
    quote.catalog_label = catalog.label;
    const Currency currency = catalog.policy.currency;
    const BasisPoints partner_share{10000 - catalog.policy.partner_discount.value};
    quote.rounding = "Partner prices are list minus " + catalog.policy.partner_discount.to_percent_string() +
                     ", rounded half-up to the minor unit once per line; each program amount is rounded half-up once, "
                     "to the step its program table states.";
    std::vector<ProgramLine> program_lines;

    auto add_line = [&](QuoteLine line, LineGroup group, const MachineType& type) {
        line.line_list = line.unit_list.times(line.quantity);
        line.line_partner = line.line_list.apply_rate(partner_share);
        program_lines.push_back(make_program_line(type, group, line.item, line.quantity,
                                                  line.unit_list.apply_rate(partner_share), line.line_partner));
        quote.lines.push_back(std::move(line));
    };

    for (std::size_t i = 0; i < request.items.size(); ++i) {
        const QuoteItemRequest& item = request.items[i];
        // A server and its services are DCG lines for the programs (P:284-287); everything else is client.
        const bool dcg = devices[i] && devices[i]->machine_type->category == Category::Server;
        QuoteItemResult item_result;
        item_result.device = devices[i];
        item_result.error = errors[i];
        for (const RejectedService& r : items[i].rejected) quote.rejected.push_back(r);
        quote.items.push_back(std::move(item_result));
        if (!devices[i]) continue;
        const DeviceFacts& device = *devices[i];
        const MachineType& type = *device.machine_type;
        if (item.include_hardware) {
            QuoteLine line;
            line.item = i;
            line.id = "hardware:" + type.mt;
            line.name = type.name;
            line.part_number = item.device.mtm;
            line.quantity = item.device.quantity;
            line.unit_list = type.reference_price;
            add_line(std::move(line), dcg ? LineGroup::DcgSystem : LineGroup::ClientSystem, type);
        }
        for (const Offer& offer : items[i].sold) {
            const Offering& offering = *offer.offering;
            QuoteLine line;
            line.item = i;
            line.id = offering.id;
            line.name = offering.name;
            line.part_number = offer.part_number;
            line.kind = offering.kind;
            line.term_years = offer.term_years;
            line.quantity = offering.per_unit ? item.device.quantity : 1;
            line.unit_list = *offer.unit_price;
            line.status = offer.status;
            line.notes = offer.reasons;
            line.coverage = DateRange{*offer.coverage_from, *offer.coverage_until};
            if (offer.window) line.buy_by = offer.window->until;
            add_line(std::move(line), dcg ? LineGroup::DcgService : LineGroup::ClientService, type);
        }
    }

    quote.valid_until = request.valid_until;
    if (request.valid_until) quote.deadlines = quote_deadlines(catalog, quote.lines, *request.valid_until);

    quote.totals.list = Money(0, currency);
    quote.totals.partner_price = Money(0, currency);
    std::vector<std::string> left_out;  // lines whose amounts cannot join the totals
    for (const QuoteLine& line : quote.lines) {
        const std::optional<Money> list = quote.totals.list.plus(line.line_list);
        const std::optional<Money> partner = quote.totals.partner_price.plus(line.line_partner);
        if (!list || !partner) {
            left_out.push_back(line.name + " is priced in another currency than the quote (" +
                               std::string(currency.code_view()) + ") and is left out of the totals.");
            continue;
        }
        quote.totals.list = *list;
        quote.totals.partner_price = *partner;
    }
    if (const ProgramTable* table = catalog.program_table_on(request.as_of)) {
        quote.programs = apply_programs(*table, program_lines, request.programs, currency);
    } else {
        quote.programs.total = Money(0, currency);
        quote.programs.notices.push_back("No program table is in force on " + request.as_of.to_string() + ".");
    }
    quote.programs.notices.insert(quote.programs.notices.end(), left_out.begin(), left_out.end());
    quote.totals.partner_benefit = quote.programs.total;
    const std::int64_t partner = quote.totals.partner_price.minor_units();
    quote.totals.margin =
        BasisPoints{partner > 0 ? divide_half_up(quote.totals.partner_benefit.minor_units() * 10000, partner) : 0};
    return quote;
}

}  // namespace apos
