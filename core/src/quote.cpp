// Quote building: resolve each item's device, match each requested service to an offering
// and term, evaluate it with its companions, price the lines, then apply partner programs.
#include "apos/quote.hpp"

#include <algorithm>

namespace apos {
namespace {

struct ResolvedService {
    const ServiceRequest* request = nullptr;
    const Offering* offering = nullptr;
    int term_years = 0;
    std::string problem;  // why the request matches no offering
};

std::string describe(const ServiceRequest& request) {
    if (!request.id.empty()) return request.id + (request.term_years ? " " + std::to_string(request.term_years) + "y" : "");
    std::string text = request.kind ? std::string(to_string(*request.kind)) : "service";
    if (request.level) text += " " + std::string(to_string(*request.level));
    if (request.term_years) text += " " + std::to_string(request.term_years) + "y";
    return text;
}

bool offers_term(const Offering& offering, int term) {
    return std::find(offering.terms.begin(), offering.terms.end(), term) != offering.terms.end();
}

// Finds the offering and term a request means. By kind, the first candidate that is
// eligible for this device wins, so "extension 3y" picks the level the unit can take.
ResolvedService resolve_service(const Catalog& catalog, const DeviceFacts& device, const ServiceRequest& request, Date as_of) {
    ResolvedService resolved;
    resolved.request = &request;
    if (!request.id.empty()) {
        const Offering* offering = catalog.find_offering(request.id);
        if (!offering) {
            resolved.problem = "no offering \"" + request.id + "\" in the catalog";
            return resolved;
        }
        int term = request.term_years;
        if (term == 0 && offering->terms.size() == 1) term = offering->terms.front();
        if (!offers_term(*offering, term)) {
            resolved.problem = offering->name + " is not sold for " + std::to_string(term) + " years (terms offered: ";
            for (std::size_t i = 0; i < offering->terms.size(); ++i)
                resolved.problem += (i ? ", " : "") + std::to_string(offering->terms[i]);
            resolved.problem += ")";
            return resolved;
        }
        resolved.offering = offering;
        resolved.term_years = term;
        return resolved;
    }
    if (!request.kind) {
        resolved.problem = "a service needs an \"id\" or a \"kind\"";
        return resolved;
    }
    const Offering* fallback = nullptr;
    int fallback_term = 0;
    for (const Offering& offering : catalog.offerings) {
        if (offering.kind != *request.kind) continue;
        if (request.level && (!offering.level || *offering.level != *request.level)) continue;
        int term = request.term_years;
        if (term == 0 && offering.terms.size() == 1) term = offering.terms.front();
        if (!offers_term(offering, term)) continue;
        if (!fallback) {
            fallback = &offering;
            fallback_term = term;
        }
        if (evaluate_offer(catalog, device, offering, term, as_of).status != OfferStatus::Ineligible) {
            resolved.offering = &offering;
            resolved.term_years = term;
            return resolved;
        }
    }
    if (!fallback) {
        resolved.problem = "no offering in the catalog matches " + describe(request);
        return resolved;
    }
    resolved.offering = fallback;
    resolved.term_years = fallback_term;
    return resolved;
}

}  // namespace

Quote build_quote(const Catalog& catalog, const QuoteRequest& request) {
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
        program_lines.push_back(make_program_line(type, group, line.item, line.quantity, line.unit_list.apply_rate(partner_share), line.line_partner));
        quote.lines.push_back(std::move(line));
    };

    for (std::size_t i = 0; i < request.items.size(); ++i) {
        const QuoteItemRequest& item = request.items[i];
        DeviceResolution resolution = resolve_device(catalog, item.device);
        QuoteItemResult item_result;
        if (!resolution.facts) {
            item_result.error = resolution.error;
            for (const ServiceRequest& service : item.services)
                quote.rejected.push_back({i, service, describe(service),
                                          {{"INPUT", "the device could not be resolved: " + resolution.error->field + ": " +
                                                         resolution.error->message, "", Verdict::Block}}});
            quote.items.push_back(std::move(item_result));
            continue;
        }
        const DeviceFacts& device = *resolution.facts;
        const MachineType& type = *device.machine_type;
        if (item.include_hardware) {
            QuoteLine line;
            line.item = i;
            line.id = "hardware:" + type.mt;
            line.name = type.name;
            line.part_number = item.device.mtm;
            line.quantity = item.device.quantity;
            line.unit_list = type.reference_price;
            add_line(std::move(line), LineGroup::ClientSystem, type);
        }

        std::vector<ResolvedService> services;
        for (const ServiceRequest& service : item.services) services.push_back(resolve_service(catalog, device, service, request.as_of));
        std::vector<CompanionService> everything;
        for (const ResolvedService& s : services)
            if (s.offering) everything.push_back({s.offering, s.term_years});

        for (std::size_t s = 0; s < services.size(); ++s) {
            const ResolvedService& service = services[s];
            if (!service.offering) {
                quote.rejected.push_back({i, *service.request, describe(*service.request), {{"INPUT", service.problem, "", Verdict::Block}}});
                continue;
            }
            std::vector<CompanionService> companions;
            for (std::size_t k = 0; k < services.size(); ++k)
                if (k != s && services[k].offering) companions.push_back({services[k].offering, services[k].term_years});
            Offer offer = evaluate_offer(catalog, device, *service.offering, service.term_years, request.as_of, companions);
            if (offer.status == OfferStatus::Ineligible) {
                std::vector<Reason> blocks;
                for (Reason& r : offer.reasons)
                    if (r.verdict == Verdict::Block) blocks.push_back(std::move(r));
                quote.rejected.push_back({i, *service.request, service.offering->name + " " + std::to_string(service.term_years) + "y",
                                          std::move(blocks)});
                continue;
            }
            QuoteLine line;
            line.item = i;
            line.id = service.offering->id;
            line.name = service.offering->name;
            line.part_number = offer.part_number;
            line.kind = service.offering->kind;
            line.term_years = service.term_years;
            line.quantity = service.offering->per_unit ? item.device.quantity : 1;
            line.unit_list = *offer.unit_price;
            line.status = offer.status;
            line.notes = std::move(offer.reasons);
            line.coverage = DateRange{*offer.coverage_from, *offer.coverage_until};
            add_line(std::move(line), LineGroup::ClientService, type);
        }
        item_result.device = std::move(resolution.facts);
        quote.items.push_back(std::move(item_result));
    }

    quote.totals.list = Money(0, currency);
    quote.totals.partner_price = Money(0, currency);
    for (const QuoteLine& line : quote.lines) {
        quote.totals.list = quote.totals.list.plus(line.line_list);
        quote.totals.partner_price = quote.totals.partner_price.plus(line.line_partner);
    }
    if (const ProgramTable* table = catalog.program_table_on(request.as_of)) {
        quote.programs = apply_programs(*table, program_lines, request.programs, currency);
    } else {
        quote.programs.total = Money(0, currency);
        quote.programs.notices.push_back("No program table is in force on " + request.as_of.to_string() + ".");
    }
    quote.totals.partner_benefit = quote.programs.total;
    const std::int64_t partner = quote.totals.partner_price.minor_units();
    quote.totals.margin = BasisPoints{partner > 0 ? divide_half_up(quote.totals.partner_benefit.minor_units() * 10000, partner) : 0};
    return quote;
}

}  // namespace apos
