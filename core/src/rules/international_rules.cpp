// International service: IWS-INCLUDED (a device fact), IWU-REQUIRES, IWU-COUNTRY, IWU-NOT-NEEDED.
#include "rule_support.hpp"

#include <algorithm>

namespace apos::rules {

// IWS-INCLUDED: International Warranty Service comes with the unit, depending on brand and dates.
// Think and general Idea/Lenovo notebooks: announced and sold after the brand's date; the select Idea
// notebooks (a list of models, flagged iws_select): sold after theirs.
bool international_warranty_included(const Policy& policy, const MachineType& type, Date sold_on,
                                     std::vector<FactNote>* notes) {
    // The reason is written only when notes are kept (a fleet's units keep none).
    auto decide = [&](bool included, auto&& why) {
        if (notes)
            add_fact(
                *notes, "IWS-INCLUDED",
                (included ? "International Warranty Service is included: " : "No International Warranty Service: ") +
                    std::string(why()));
        return included;
    };
    if (type.category == Category::Tablet)
        return decide(false, [&] { return std::string("tablets are not supported."); });
    if (sold_on.ymd().year < 2015)
        return decide(false, [&] { return std::string("units sold before 2015 are not supported."); });
    if (type.brand == Brand::Think) {
        const bool included = type.announced > policy.iws_think_after && sold_on > policy.iws_think_after;
        return decide(included, [&] {
            return std::string(included ? "Think product announced and sold after " +
                                              policy.iws_think_after.to_string() + "."
                                        : "Think products qualify when announced and sold after " +
                                              policy.iws_think_after.to_string() + ".");
        });
    }
    const bool desktop = type.category == Category::Desktop || type.category == Category::AllInOne ||
                         type.category == Category::Tiny || type.category == Category::Workstation;
    if (desktop) return decide(false, [&] { return std::string("Idea and Lenovo desktops are not supported."); });
    if (type.iws_select && sold_on > policy.iws_idea_select_after)
        return decide(true, [&] {
            return std::string("select Idea notebook sold after " + policy.iws_idea_select_after.to_string() + ".");
        });
    // The guide speaks of new Idea/Lenovo notebooks sold after the date, as it speaks of new Think
    // products announced and sold after theirs: a model announced before it stays out, however late it sells.
    const bool included = type.announced > policy.iws_idea_lenovo_after && sold_on > policy.iws_idea_lenovo_after;
    return decide(included, [&] {
        return std::string(included ? "Idea/Lenovo notebook announced and sold after " +
                                          policy.iws_idea_lenovo_after.to_string() + "."
                                    : "Idea/Lenovo notebooks qualify when announced and sold after " +
                                          policy.iws_idea_lenovo_after.to_string() + ".");
    });
}

namespace {

// IWU-REQUIRES: carries ADP, KYD or SBTY abroad, so one of them must be there; terms must match.
// The term matches the system warranty when ADP or KYD is carried. Carrying Sealed Battery alone,
// it matches the battery warranty's own term (at most 3 years), which may be shorter than the
// system's: the guide supports the battery part for that term.
RuleOutcome iwu_requires(const RuleInput& in) {
    const Policy& policy = in.catalog.policy;
    if (in.device.machine_type->brand != Brand::Think)
        return block(
            in, [&] { return std::string("The International Warranty Upgrade is sold for Think products only."); });
    if (in.term_years < policy.iwu_min_years || in.term_years > policy.iwu_max_years)
        return block(in,
                     [&] {
                         return std::string("International Warranty Upgrade terms run from " +
                                            years_text(policy.iwu_min_years) + " to " +
                                            years_text(policy.iwu_max_years) + ".");
                     })
            .with(Fix::term(warranty_years_on_system(in)));
    const bool adp = has_companion(in, OfferKind::Adp) || holds(in, OfferKind::Adp);
    const bool kyd = has_companion(in, OfferKind::Kyd) || holds(in, OfferKind::Kyd);
    const bool sbty = has_companion(in, OfferKind::Sbty) || holds(in, OfferKind::Sbty);
    if (!adp && !kyd && !sbty)
        return block(in,
                     [&] {
                         return std::string(
                             "An International Warranty Upgrade needs ADP, Keep Your Drive or Sealed Battery, bought "
                             "earlier or on the same quote.");
                     })
            .with(Fix::add(OfferKind::Adp, in.term_years));
    if (system_coverage_end(in) < in.as_of)
        return block(in, [&] {
            return std::string("The system's warranty ended on " + system_coverage_end(in).to_string() +
                               "; there is nothing left to carry abroad.");
        });
    const int system_years = warranty_years_on_system(in);
    if (adp || kyd) {
        if (in.term_years != system_years)
            return block(in,
                         [&] {
                             return std::string("The upgrade's term (" + years_text(in.term_years) +
                                                ") must equal the warranty term on the system (" +
                                                years_text(system_years) + ").");
                         })
                .with(Fix::term(system_years));
        return RuleOutcome::pass();
    }
    // Sealed Battery alone.
    if (in.term_years > policy.iwu_sbty_max_years)
        return block(in,
                     [&] {
                         return std::string("For Sealed Battery the international upgrade runs at most " +
                                            years_text(policy.iwu_sbty_max_years) + ".");
                     })
            .with(Fix::term(policy.iwu_sbty_max_years));
    if (in.term_years > system_years)
        return block(in,
                     [&] {
                         return std::string("The upgrade's term (" + years_text(in.term_years) +
                                            ") cannot outrun the warranty term on the system (" +
                                            years_text(system_years) + ").");
                     })
            .with(Fix::term(system_years));
    if (const CompanionService* battery = companion(in, OfferKind::Sbty);
        battery && in.term_years != battery->term_years)
        return block(in,
                     [&] {
                         return std::string("The upgrade's term (" + years_text(in.term_years) +
                                            ") must equal the Sealed Battery Warranty's term (" +
                                            years_text(battery->term_years) + ").");
                     })
            .with(Fix::term(battery->term_years));
    if (!has_companion(in, OfferKind::Sbty))
        return note(in, [&] {
            return std::string("Match the upgrade's term to the Sealed Battery Warranty bought earlier (at most " +
                               years_text(policy.iwu_sbty_max_years) + ").");
        });
    return RuleOutcome::pass();
}

bool listed(const std::vector<std::string>& countries, const std::string& country) {
    return std::find(countries.begin(), countries.end(), country) != countries.end();
}

// IWU-COUNTRY: the upgrade is sold only where it is offered (policy list) and for a machine type
// launched in that country (its own list, else the catalog's default list).
RuleOutcome iwu_country(const RuleInput& in) {
    const std::string& country = in.device.input.country;
    if (!listed(in.catalog.policy.iwu_countries, country))
        return block(
            in, [&] { return std::string("The International Warranty Upgrade is not offered in " + country + "."); });
    const MachineType& type = *in.device.machine_type;
    const auto& announced = type.announced_in.empty() ? in.catalog.policy.announced_in : type.announced_in;
    if (!listed(announced, country))
        return block(in, [&] {
            return std::string("Machine type " + type.mt + " was not announced in " + country +
                               ", so it cannot take the upgrade there.");
        });
    return RuleOutcome::pass();
}

// IWU-NOT-NEEDED: say what the upgrade does not add, so nobody buys it for the wrong reason.
RuleOutcome iwu_not_needed(const RuleInput& in) {
    return note(in, [&] {
        return std::string(
            "Extensions, onsite levels and Premier Support already travel with Think products; the upgrade only "
            "carries ADP, "
            "Keep Your Drive and Sealed Battery abroad.");
    });
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_international_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"IWS-INCLUDED",
                     "G:2299-2309, 4625",
                     "International Warranty Service is included by brand and dates.",
                     {},
                     nullptr});
    rules.push_back(
        {"IWU-REQUIRES",
         "G:2318-2332",
         "IWU needs ADP, KYD or SBTY, a matching term (SBTY alone: its own, up to 3 years), Think brand, 1-5 years.",
         {K::Iwu},
         rules::iwu_requires,
         RuleReads::TheUnitAndTheOffersKind});
    rules.push_back({"IWU-COUNTRY",
                     "G:2321-2322",
                     "IWU: the country supports it and the machine type was announced there.",
                     {K::Iwu},
                     rules::iwu_country,
                     RuleReads::ProductOnly});
    rules.push_back({"IWU-NOT-NEEDED",
                     "G:2341-2347",
                     "Extensions, onsite and Premier are international already.",
                     {K::Iwu},
                     rules::iwu_not_needed,
                     RuleReads::ProductOnly});
}

}  // namespace apos
