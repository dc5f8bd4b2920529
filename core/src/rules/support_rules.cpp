// Support services: Premier Support (PREM-*) and technician-installed CRU (TICRU-PRODUCTS).
#include "rule_support.hpp"

namespace apos::rules {
namespace {

bool is_desktop_notebook_or_workstation(Category c) {
    return c == Category::Desktop || c == Category::AllInOne || c == Category::Tiny || c == Category::Notebook ||
           c == Category::Workstation;
}

// PREM-PRODUCTS: Idea and Think desktops, notebooks and workstations.
RuleOutcome premier_products(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    const bool brand = type.brand == Brand::Think || type.brand == Brand::Idea;
    if (brand && is_desktop_notebook_or_workstation(type.category)) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string("Premier Support is sold for Think and Idea desktops, notebooks and workstations; not for " +
                           type.name + ".");
    });
}

// PREM-ONSITE: Premier rides on Onsite NBD (or better) for the same term. Idea units, which the
// guide lists for Premier but whose onsite service stops at second day (UPG-2ND-DAY), ride on
// Onsite 2nd day instead.
RuleOutcome premier_onsite(const RuleInput& in) {
    const bool idea = in.device.machine_type->brand == Brand::Idea;
    const ServiceLevel needed = idea ? ServiceLevel::Onsite2ndDay : ServiceLevel::OnsiteNbd;
    const ServiceLevel level = level_with_companions(in);
    if (level < needed)
        return block(in,
                     [&] {
                         return std::string(idea ? "Premier Support on Idea products needs Onsite 2nd business day "
                                                   "coverage: add that upgrade on the same quote."
                                                 : "Premier Support needs Onsite next-business-day coverage or better: "
                                                   "add an onsite upgrade on the same quote.");
                     })
            .with(Fix::add(OfferKind::Upgrade, in.term_years));
    if (system_coverage_end(in) < in.as_of)
        return block(in, [&] {
            return std::string("Premier Support rides on running onsite coverage, and the warranty ended on " +
                               system_coverage_end(in).to_string() + ".");
        });
    const int years = warranty_years_on_system(in);
    const CompanionService* upgrade = companion(in, OfferKind::Upgrade);
    const int onsite_years = in.device.base_level >= needed ? years : (upgrade ? upgrade->term_years : years);
    if (in.term_years != onsite_years)
        return block(in,
                     [&] {
                         return std::string("Premier Support must match the onsite coverage term (" +
                                            years_text(onsite_years) + "), not " + years_text(in.term_years) + ".");
                     })
            .with(Fix::term(onsite_years));
    return RuleOutcome::pass();
}

// TICRU-PRODUCTS: Think notebooks, desktops, workstations and AIOs, on top of onsite service.
RuleOutcome ticru_products(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    if (type.brand != Brand::Think || !is_desktop_notebook_or_workstation(type.category))
        return block(in, [&] {
            return std::string(
                "Technician-installed CRU is sold for Think notebooks, desktops, all-in-ones and workstations only.");
        });
    const ServiceLevel level = level_with_companions(in);
    if (level < ServiceLevel::Onsite2ndDay)
        return block(in,
                     [&] {
                         return std::string(
                             "Technician-installed CRU comes on top of onsite service: add an onsite upgrade first.");
                     })
            .with(Fix::add(OfferKind::Upgrade, in.term_years));
    if (type.category == Category::Workstation && level >= ServiceLevel::Onsite4h95)
        return note(in, [&] {
            return std::string(
                "Some four-hour ThinkStation upgrades already include technician-installed CRU: check before adding "
                "it.");
        });
    return RuleOutcome::pass();
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_support_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"PREM-PRODUCTS",
                     "G:1941",
                     "Premier Support for Idea and Think desktops, notebooks, workstations.",
                     {K::Premier},
                     rules::premier_products,
                     RuleReads::ProductOnly});
    rules.push_back({"PREM-ONSITE",
                     "G:1916-1918, 1941, 4635",
                     "Premier Support goes with Onsite NBD or better (Idea: Onsite 2nd day) for the same term.",
                     {K::Premier},
                     rules::premier_onsite,
                     RuleReads::TheUnitAndTheOffersKind});
    rules.push_back({"TICRU-PRODUCTS",
                     "G:4576-4578",
                     "Technician-installed CRU for Think systems on onsite service.",
                     {K::Ticru},
                     rules::ticru_products,
                     RuleReads::ProductOnly});
}

}  // namespace apos
