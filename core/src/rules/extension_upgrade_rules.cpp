// Warranty extensions and service-level upgrades: EXT-*, UPG-*, NBD-CUTOFF.
#include <algorithm>

#include "rule_support.hpp"

namespace apos::rules {

void extension_deadlines(const DeviceFacts& device, std::vector<DeadlineMarker>& out) {
    out.push_back({"Last day for extensions and upgrades", "EXT-WINDOW", device.base_end});
}

void activation_deadline(const Policy& policy, Date as_of, std::vector<DeadlineMarker>& out) {
    out.push_back({"Four-hour service may start by", "UPG-ACTIVATION", as_of.plus_days(policy.activation_start_days)});
}

namespace {

DateRange while_base_in_force(const DeviceFacts& device) {
    return {std::min(device.system_purchase, device.base_start), device.base_end};
}

// EXT-WINDOW: extensions are sold only while the original base warranty runs.
RuleOutcome extension_window(const RuleInput& in) {
    const DateRange window = while_base_in_force(in.device);
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string("The base warranty ended on " + window.until.to_string() +
                               "; an extension had to be bought before then (post-warranty may still apply).");
        });
    return open_window(window);
}

// EXT-FROM-BASE-START: the term is the total from the base start, so it must beat today's coverage.
RuleOutcome extension_counts_from_base_start(const RuleInput& in) {
    const int held = in.device.covered_years;
    if (in.term_years <= held)
        return block(in,
                     [&] {
                         return std::string("Extension terms count from the base start: " + years_text(in.term_years) +
                                            " in total adds nothing to the " + years_text(held) + " already covered.");
                     })
            .with(Fix::term(held + 1));
    return RuleOutcome::pass();
}

// EXT-CONSUMABLES: a reminder for the quote.
RuleOutcome extension_excludes_consumables(const RuleInput& in) {
    return note(in, [&] {
        return std::string(
            "Consumables such as batteries, styluses and digitizer pens are not covered by the extension.");
    });
}

// UPG-WINDOW: level upgrades are sold with the hardware or while the base warranty runs.
RuleOutcome upgrade_window(const RuleInput& in) {
    if (in.offering.kind != OfferKind::Upgrade) return RuleOutcome::pass();
    const DateRange window = while_base_in_force(in.device);
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string("Upgrades are sold only during the base warranty, which ended on " +
                               window.until.to_string() + ".");
        });
    return open_window(window);
}

bool is_level(const RuleInput& in, ServiceLevel level) { return in.offering.level && *in.offering.level == level; }

// UPG-4H-95: only ThinkStation types the catalog marks; response depends on the distance to the hub.
RuleOutcome onsite_4h_95(const RuleInput& in) {
    if (!is_level(in, ServiceLevel::Onsite4h95)) return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    if (type.category != Category::Workstation || !type.onsite_4h_95)
        return block(in, [&] {
            return std::string("Onsite 4-hour 9/5 is sold only for ThinkStation machine types marked for it; " +
                               type.mt + " is not.");
        });
    const int miles = in.catalog.policy.onsite_4h_95_miles;
    return note(in, [&] {
        return std::string("Response: 4 business hours within " + std::to_string(miles) +
                           " miles of the service hub, next business day beyond.");
    });
}

// UPG-4H-247: ThinkStation yes; ThinkPad and ThinkCentre only with an approval; nothing else.
RuleOutcome onsite_4h_247(const RuleInput& in) {
    if (!is_level(in, ServiceLevel::Onsite4h247)) return RuleOutcome::pass();
    const MachineType& type = *in.device.machine_type;
    const auto& miles = in.catalog.policy.onsite_4h_247_miles;
    const std::string response = "Response: 4 hours within " + std::to_string(miles[0]) + " miles, 8 hours within " +
                                 std::to_string(miles[1]) + " miles, next business day beyond.";
    if (type.category == Category::Workstation && type.onsite_4h_247)
        return note(in, [&] { return std::string(response); });
    const bool thinkpad_notebook = series_is(type, "ThinkPad") && type.category == Category::Notebook;
    const bool thinkcentre_desktop =
        series_is(type, "ThinkCentre") &&
        (type.category == Category::Desktop || type.category == Category::Tiny || type.category == Category::AllInOne);
    if (thinkpad_notebook || thinkcentre_desktop)
        return needs_approval(in, [&] {
            return std::string("Onsite 4-hour 24/7 on " + type.series +
                               " is decided case by case: ask for an approval. " + response);
        });
    return block(in, [&] {
        return std::string(
            "Onsite 4-hour 24/7 is sold for marked ThinkStation types, and case by case for ThinkPad notebooks and "
            "ThinkCentre desktops; not for " +
            type.name + ".");
    });
}

// UPG-ACTIVATION: four-hour service needs its site activated first.
RuleOutcome four_hour_activation(const RuleInput& in) {
    if (!is_level(in, ServiceLevel::Onsite4h95) && !is_level(in, ServiceLevel::Onsite4h247)) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("Activate the service location: four-hour service may begin up to " +
                           std::to_string(in.catalog.policy.activation_start_days) +
                           " days after activation, and a moved unit needs a new activation.");
    });
}

// UPG-2ND-DAY: the second-day onsite step exists for Idea products only, and it is also as far as
// Idea service goes: the guide calls Idea coverage best-effort second-day repair, so no extension,
// upgrade, post-warranty, reinstatement or school-year level above it is sold on an Idea unit.
RuleOutcome onsite_second_day(const RuleInput& in) {
    if (!in.offering.level) return RuleOutcome::pass();
    const ServiceLevel level = *in.offering.level;
    const bool idea = in.device.machine_type->brand == Brand::Idea;
    if (level == ServiceLevel::Onsite2ndDay && !idea)
        return block(in, [&] {
            return std::string("Onsite 2nd business day is an upgrade from Depot for Idea products only.");
        });
    if (idea && level > ServiceLevel::Onsite2ndDay)
        return block(in, [&] {
            return std::string(
                "Idea coverage is best-effort second-day repair: Onsite 2nd business day is the highest level sold "
                "on " +
                in.device.machine_type->name + ", not " + std::string(level_label(level)) + ".");
        });
    return RuleOutcome::pass();
}

// UPG-ADV-EXCHANGE: overnight replacement is for the Chromebook N23 types the catalog marks.
RuleOutcome advanced_exchange(const RuleInput& in) {
    if (in.offering.feature != Feature::AdvancedExchange) return RuleOutcome::pass();
    if (!in.device.machine_type->advanced_exchange)
        return block(in,
                     [&] { return std::string("Advanced Exchange is sold for Chromebook N23 machine types only."); });
    return note(in, [&] {
        return std::string(
            "A replacement unit ships overnight (Monday to Friday); the customer returns the faulty one prepaid.");
    });
}

// UPG-EXPEDITED: a promise with a refund, shown as a term of the offer.
RuleOutcome expedited_depot(const RuleInput& in) {
    if (!is_level(in, ServiceLevel::ExpeditedDepot)) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("The repaired unit is back within " +
                           std::to_string(in.catalog.policy.expedited_return_business_days) +
                           " business days, or the service price is refunded.");
    });
}

// NBD-CUTOFF: late calls roll to the next business day (used by the response estimate).
RuleOutcome next_business_day_cutoff(const RuleInput& in) {
    if (!is_level(in, ServiceLevel::OnsiteNbd)) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("Calls logged after " + std::to_string(in.catalog.policy.nbd_cutoff_hour) +
                           ":00 local time get a technician one business day later.");
    });
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_extension_upgrade_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    const std::vector<OfferKind> levelled = {K::Extension, K::Upgrade, K::PostWarranty, K::Reinstatement,
                                             K::SchoolYear};
    rules.push_back({"EXT-WINDOW",
                     "G:2611",
                     "Extensions are bought while the original base warranty is in force.",
                     {K::Extension},
                     rules::extension_window,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"EXT-FROM-BASE-START",
                     "G:2609-2615",
                     "Extension terms count from the base start and must add time.",
                     {K::Extension},
                     rules::extension_counts_from_base_start,
                     RuleReads::TheUnitAndTheOffersKind});
    rules.push_back({"EXT-CONSUMABLES",
                     "G:2617",
                     "Extensions do not cover consumables.",
                     {K::Extension},
                     rules::extension_excludes_consumables,
                     RuleReads::ProductOnly});
    rules.push_back({"UPG-WINDOW",
                     "G:2623-2625",
                     "Level upgrades are bought with the hardware or within the base term.",
                     {K::Upgrade},
                     rules::upgrade_window,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"UPG-4H-95", "G:2495-2509", "Onsite 4h 9/5 only for marked ThinkStation types.", levelled,
                     rules::onsite_4h_95, RuleReads::ProductOnly});
    rules.push_back({"UPG-4H-247", "G:2553-2582",
                     "Onsite 4h 24/7 for ThinkStation; ThinkPad and ThinkCentre case by case.", levelled,
                     rules::onsite_4h_247, RuleReads::ProductOnly});
    rules.push_back({"UPG-ACTIVATION", "G:2515-2523", "Four-hour service needs an activated location.", levelled,
                     rules::four_hour_activation, RuleReads::ProductOnly});
    rules.push_back({"UPG-2ND-DAY", "G:4796-4800, 4635",
                     "Onsite 2nd day is a Depot upgrade for Idea products, and the highest Idea level.", levelled,
                     rules::onsite_second_day, RuleReads::ProductOnly});
    rules.push_back({"UPG-ADV-EXCHANGE",
                     "G:3906-3910",
                     "Advanced Exchange is for Chromebook N23 types.",
                     {K::Upgrade},
                     rules::advanced_exchange,
                     RuleReads::ProductOnly});
    rules.push_back({"UPG-EXPEDITED", "G:2403-2407, 4937-4938", "Expedited Depot: back by day three or refunded.",
                     levelled, rules::expedited_depot, RuleReads::ProductOnly});
    rules.push_back({"NBD-CUTOFF", "G:2459-2461", "Onsite NBD calls after 3 p.m. take a day more.", levelled,
                     rules::next_business_day_cutoff, RuleReads::ProductOnly});
}

}  // namespace apos
