// Rules that cut across families: GEN-OPEN-BOX, TERM-MATCH, GEN-REGISTRATION, DCG-SUPPORT, and the
// two that settle a quote item's services together: ONE-EXTENSION and SOLD-TOGETHER.
#include "rule_support.hpp"

namespace apos::rules {

// ONE-EXTENSION: a unit has one warranty extension and one service level. Offerings that would
// set the same thing share a slot; of two asked for in one slot, one is kept.
std::string service_slot(const Offering& offering) {
    switch (offering.kind) {
        case OfferKind::Extension:
        case OfferKind::Upgrade:
        case OfferKind::PostWarranty:
        case OfferKind::Reinstatement: return std::string(to_string(offering.kind));
        case OfferKind::SchoolYear:
            if (offering.level) return "school-year-level";
            break;
        default: break;
    }
    return "offering:" + offering.id;
}

// Which of two services in one slot stays, whatever their order in the request: one that can be
// sold on its own, then the longer term, then the higher level, then the offering id (a tie-break
// that only makes the answer repeatable).
bool stays_before(const SlotCandidate& a, const SlotCandidate& b) {
    if (a.sells_alone != b.sells_alone) return a.sells_alone;
    if (a.term_years != b.term_years) return a.term_years > b.term_years;
    const int level_a = a.offering->level ? static_cast<int>(*a.offering->level) : -1;
    const int level_b = b.offering->level ? static_cast<int>(*b.offering->level) : -1;
    if (level_a != level_b) return level_a > level_b;
    return a.offering->id < b.offering->id;
}

Reason one_extension_reason(const SlotCandidate& kept, const SlotCandidate& refused) {
    const Rule* rule = find_rule("ONE-EXTENSION");
    const bool same = kept.offering == refused.offering;
    std::string message =
        same ? refused.offering->name + " is asked for twice; the " + years_text(kept.term_years) + " term is kept."
             : "A unit takes one " + std::string(to_string(refused.offering->kind)) + ": " + kept.offering->name +
                   " for " + years_text(kept.term_years) + " is kept on this item instead of " +
                   refused.offering->name + " for " + years_text(refused.term_years) + ".";
    return {"ONE-EXTENSION", std::move(message), std::string(rule->source), Verdict::Block,
            Fix::remove(kept.offering->id)};
}

Reason sold_together_reason(const std::vector<std::string>& fallen) {
    const Rule* rule = find_rule("SOLD-TOGETHER");
    std::string names;
    for (std::size_t i = 0; i < fallen.size(); ++i)
        names += (i == 0 ? "" : i + 1 == fallen.size() ? " and " : ", ") + fallen[i];
    return {"SOLD-TOGETHER",
            "It was allowed only beside " + names +
                ", which cannot be sold on this unit; only services that are sold count for the others.",
            std::string(rule->source), Verdict::Block, std::nullopt};
}

namespace {

// GEN-OPEN-BOX: open-box and refurbished units get no upgrades, extensions or protection.
RuleOutcome open_box(const RuleInput& in) {
    if (in.device.input.condition == Condition::New) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string("The unit is " + std::string(to_string(in.device.input.condition)) +
                           ": upgrades, extensions and protection services are sold for new units only.");
    });
}

// TERM-MATCH: an upgrade runs exactly as long as the system's warranty (earlier or same quote).
RuleOutcome term_match(const RuleInput& in) {
    const Date warranty_end = system_coverage_end(in);
    if (warranty_end < in.as_of)
        return block(in, [&] {
            return std::string("The system's warranty ended on " + warranty_end.to_string() +
                               ", so there is no warranty term left to match.");
        });
    const int system_years = warranty_years_on_system(in);
    if (in.term_years == system_years) return RuleOutcome::pass();
    if (in.term_years > system_years)
        return block(in,
                     [&] {
                         return std::string("A " + std::to_string(in.term_years) + "-year term needs " +
                                            years_text(in.term_years) + " of warranty on the system, which has " +
                                            years_text(system_years) + ": add a " + std::to_string(in.term_years) +
                                            "-year extension on the same quote.");
                     })
            .with(Fix::add(OfferKind::Extension, in.term_years));
    return block(in,
                 [&] {
                     return std::string("A " + std::to_string(in.term_years) + "-year term must match the system's " +
                                        years_text(system_years) + " warranty.");
                 })
        .with(Fix::term(system_years));
}

// GEN-REGISTRATION: protection services count only once registered to the serial number.
RuleOutcome registration(const RuleInput& in) {
    if (in.device.input.serial.empty())
        return warning(in, [&] {
            return std::string(
                "Register the service to the unit's serial number, which is not given yet; unregistered units fall "
                "back "
                "to the base level.");
        });
    return note(in, [&] {
        return std::string("Register the service to serial " + in.device.input.serial +
                           "; until then the base level applies.");
    });
}

// DCG-SUPPORT: server support (TopSeller Max Support) is sold for servers only, and a server's
// warranty and protection come from it, not from the client guide's warranty services, which name
// client systems only. Project services (asset recovery, installation) are left to their own rules:
// some of them take servers.
RuleOutcome dcg_support(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    const bool server = type.category == Category::Server;
    if (in.offering.feature == Feature::ServerSupport) {
        if (server) return RuleOutcome::pass();
        return block(in, [&] { return in.offering.name + " is server support; " + type.name + " is not a server."; });
    }
    if (!server) return RuleOutcome::pass();
    switch (in.offering.kind) {
        case OfferKind::Deployment:
        case OfferKind::Recovery:
        case OfferKind::Support: return RuleOutcome::pass();
        default: break;
    }
    return block(in, [&] {
        return in.offering.name + " is a client warranty service; a server such as " + type.name +
               " takes server support (TopSeller Max Support) instead.";
    });
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_general_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back(
        {"GEN-OPEN-BOX",
         "G:4643",
         "Open-box and refurbished units get no upgrades, extensions or protection.",
         {K::Extension, K::Upgrade, K::Adp, K::Kyd, K::Sbty, K::Battery, K::Iwu, K::SchoolYear, K::Ticru, K::Premier},
         rules::open_box,
         RuleReads::ProductOnly});
    rules.push_back({"TERM-MATCH",
                     "G:4637",
                     "An upgrade's term equals the warranty term on the system.",
                     {K::Upgrade, K::Adp, K::Kyd, K::Ticru},
                     rules::term_match,
                     RuleReads::TheUnitAndTheOffersKind});
    rules.push_back({"ONE-EXTENSION",
                     "G:2609-2615, 2623-2625",
                     "A unit takes one extension and one service level; of two, the one that sells, then the longer, "
                     "then the higher stays.",
                     {},
                     nullptr});
    rules.push_back({"SOLD-TOGETHER",
                     "G:4637",
                     "Only services that are themselves sold count for the others on a quote item; what relied on a "
                     "refused one falls with it.",
                     {},
                     nullptr});
    rules.push_back(
        {"DCG-SUPPORT",
         "G:2-3, P:279-280",
         "Server support is sold for servers only; a server takes no client warranty, upgrade or protection service.",
         {K::Extension, K::Upgrade, K::Adp, K::Kyd, K::Sbty, K::Battery, K::Iwu, K::Premier, K::Ticru, K::PostWarranty,
          K::Reinstatement, K::SchoolYear, K::Support},
         rules::dcg_support,
         RuleReads::ProductOnly});
    rules.push_back({"GEN-REGISTRATION",
                     "G:2879-2883",
                     "ADP, KYD and SBTY must be registered to the serial.",
                     {K::Adp, K::Kyd, K::Sbty},
                     rules::registration,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
}

}  // namespace apos
