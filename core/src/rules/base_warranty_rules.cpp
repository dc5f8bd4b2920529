// Base warranty and coverage ceiling: BW-START, BW-BUFFER, BW-LENGTH, BW-COUNTRY, BW-LEVELS,
// BW-NO-DOWNGRADE, CAP-MAX-YEARS. Most of these are device facts, applied in resolve_device.
#include "rule_support.hpp"

namespace apos::rules {

// BW-START: the day after the ship date, unless a proof of purchase says otherwise.
Date base_warranty_start(const DeviceInput& input, std::vector<FactNote>* notes) {
    if (input.purchase_date) {
        if (notes)
            add_fact(*notes, "BW-START",
                     "Starts on the proof-of-purchase date " + input.purchase_date->to_string() + ".");
        return *input.purchase_date;
    }
    const Date start = input.ship_date.plus_days(1);
    if (notes)
        add_fact(*notes, "BW-START",
                 "Starts the day after shipment (" + input.ship_date.to_string() + "): " + start.to_string() + ".");
    return start;
}

// BW-LENGTH: the machine type sets the years.
int base_warranty_length(const MachineType& type, std::vector<FactNote>& notes) {
    add_fact(notes, "BW-LENGTH",
             "Machine type " + type.mt + " comes with " + years_text(type.base_years) + " of base warranty.");
    return type.base_years;
}

// BW-COUNTRY: the country where the unit was bought decides the length; a machine type lists the
// countries whose length differs from its usual one, and every other country keeps `years`.
int base_warranty_length_in(const MachineType& type, const std::string& country, int years,
                            std::vector<FactNote>& notes) {
    const auto it = type.base_years_by_country.find(country);
    if (it == type.base_years_by_country.end() || it->second == years) return years;
    add_fact(notes, "BW-COUNTRY",
             "Bought in " + country + ": machine type " + type.mt + " has " + years_text(it->second) +
                 " of base warranty there instead of " + years_text(years) + ".");
    return it->second;
}

// BW-LEVELS: the machine type sets the level (Idea and Chromebook mail-in, desktops onsite, TIO depot).
ServiceLevel base_warranty_level(const MachineType& type, std::vector<FactNote>& notes) {
    add_fact(notes, "BW-LEVELS", "Base service level is " + std::string(level_label(type.base_level)) + ".");
    return type.base_level;
}

// BW-BUFFER: distributor stock sits on a shelf before it sells; the buffer keeps the full term when
// the warranty counts from the build. A proof of purchase starts the term on the sale day instead
// (BW-START), so the shelf time costs nothing and no buffer is added.
Date distributor_buffer(const Policy& policy, const DeviceInput& input, Date base_end, std::vector<FactNote>* notes) {
    if (input.channel != Channel::Distributor) return base_end;
    if (input.purchase_date) {
        if (notes)
            add_fact(
                *notes, "BW-BUFFER",
                "Bought through a distributor, but the warranty starts on the proof-of-purchase date, so no buffer is "
                "added; base warranty ends " +
                    base_end.to_string() + ".");
        return base_end;
    }
    const Date end = base_end.plus_days(policy.distributor_buffer_days);
    if (notes)
        add_fact(*notes, "BW-BUFFER",
                 "Bought through a distributor: " + std::to_string(policy.distributor_buffer_days) +
                     " days added, base warranty ends " + end.to_string() + ".");
    return end;
}

// CAP-MAX-YEARS (device side): the longest life coverage for this brand and series.
int coverage_cap_years(const Policy& policy, const MachineType& type, std::vector<FactNote>& notes) {
    int years = policy.max_years.idea_lenovo;
    if (type.brand == Brand::Think)
        years = series_is(type, "ThinkPad E") ? policy.max_years.think_e : policy.max_years.think;
    add_fact(notes, "CAP-MAX-YEARS", "Coverage may reach at most " + years_text(years) + " from the base start.");
    return years;
}

void base_warranty_deadlines(const DeviceFacts& device, std::vector<DeadlineMarker>& out) {
    out.push_back({"Life coverage limit", "CAP-MAX-YEARS", device.cap_end});
}

namespace {

bool raises_level(OfferKind kind) { return kind == OfferKind::Upgrade; }

// BW-NO-DOWNGRADE: nothing may lower the level the unit already has; an upgrade must raise it.
RuleOutcome no_downgrade(const RuleInput& in) {
    if (!in.offering.level) return RuleOutcome::pass();
    const ServiceLevel offered = *in.offering.level;
    const ServiceLevel base = in.device.base_level;
    if (raises_level(in.offering.kind) && offered <= base)
        return block(in, [&] {
            return std::string("The base warranty already gives " + std::string(level_label(base)) +
                               "; an upgrade to " + std::string(level_label(offered)) + " would add nothing.");
        });
    if (offered < base)
        return block(in, [&] {
            return std::string(std::string(level_label(offered)) + " is below the unit's " +
                               std::string(level_label(base)) + " base level, and a level cannot be lowered.");
        });
    return RuleOutcome::pass();
}

// CAP-MAX-YEARS (offer side): terms count from the base start and stop at the ceiling.
RuleOutcome coverage_cap(const RuleInput& in) {
    if (in.term_years <= 0 && in.offering.kind != OfferKind::SchoolYear) return RuleOutcome::pass();
    const Date reaches = in.coverage().until;
    if (reaches > in.device.cap_end)
        return block(in,
                     [&] {
                         return std::string("This coverage would run to " + reaches.to_string() + ", past the " +
                                            std::to_string(in.device.cap_years) + "-year ceiling for " +
                                            in.device.machine_type->series + " (ends " + in.device.cap_end.to_string() +
                                            ").");
                     })
            .with(Fix::term(in.device.cap_years));
    return RuleOutcome::pass();
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_base_warranty_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"BW-START",
                     "G:2105",
                     "Base warranty starts the day after shipment, or on the proof-of-purchase date.",
                     {},
                     nullptr});
    rules.push_back({"BW-BUFFER",
                     "G:2105-2107, 2113-2115",
                     "Distributor units counted from the build get 45 extra days so the full term is covered.",
                     {},
                     nullptr});
    rules.push_back({"BW-LENGTH", "G:2109", "The machine type sets the base warranty length.", {}, nullptr});
    rules.push_back({"BW-COUNTRY",
                     "G:2281",
                     "The country of purchase sets the base warranty length where it differs from the machine "
                     "type's usual one.",
                     {},
                     nullptr});
    rules.push_back(
        {"BW-LEVELS", "G:2366-2371, 2434, 2869-2873", "The machine type sets the base service level.", {}, nullptr});
    rules.push_back({"BW-NO-DOWNGRADE",
                     "G:2102",
                     "The base level can only be raised, never lowered.",
                     {K::Extension, K::Upgrade, K::PostWarranty, K::Reinstatement, K::SchoolYear},
                     rules::no_downgrade,
                     RuleReads::ProductOnly});
    rules.push_back({"CAP-MAX-YEARS",
                     "G:2111-2113",
                     "Life coverage stops at 4 years (ThinkPad E), 5 (other Think) or 3 (Idea, Lenovo).",
                     {K::Extension, K::Upgrade, K::Adp, K::Kyd, K::Sbty, K::Iwu, K::Premier, K::Ticru, K::SchoolYear},
                     rules::coverage_cap,
                     RuleReads::TheUnitAndTheOffersKind});
}

}  // namespace apos
