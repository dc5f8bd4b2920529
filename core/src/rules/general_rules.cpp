// Rules that cut across families: GEN-OPEN-BOX, TERM-MATCH, GEN-REGISTRATION.
#include "rule_support.hpp"

namespace apos::rules {
namespace {

// GEN-OPEN-BOX: open-box and refurbished units get no upgrades, extensions or protection.
RuleOutcome open_box(const RuleInput& in) {
    if (in.device.input.condition == Condition::New) return RuleOutcome::pass();
    return block(in, [&] { return std::string("The unit is " + std::string(to_string(in.device.input.condition)) +
                 ": upgrades, extensions and protection services are sold for new units only."); });
}

// TERM-MATCH: an upgrade runs exactly as long as the system's warranty (earlier or same quote).
RuleOutcome term_match(const RuleInput& in) {
    const Date warranty_end = system_coverage_end(in);
    if (warranty_end < in.as_of)
        return block(in, [&] { return std::string("The system's warranty ended on " + warranty_end.to_string() + ", so there is no warranty term left to match."); });
    const int system_years = warranty_years_on_system(in);
    if (in.term_years == system_years) return RuleOutcome::pass();
    if (in.term_years > system_years)
        return block(in, [&] { return std::string("A " + std::to_string(in.term_years) + "-year term needs " + years_text(in.term_years) +
                     " of warranty on the system, which has " + years_text(system_years) + ": add a " + std::to_string(in.term_years) +
                     "-year extension on the same quote."); });
    return block(in, [&] { return std::string("A " + std::to_string(in.term_years) + "-year term must match the system's " + years_text(system_years) + " warranty."); });
}

// GEN-REGISTRATION: protection services count only once registered to the serial number.
RuleOutcome registration(const RuleInput& in) {
    if (in.device.input.serial.empty())
        return warning(in, [&] { return std::string("Register the service to the unit's serial number, which is not given yet; unregistered units fall back "
                       "to the base level."); });
    return note(in, [&] { return std::string("Register the service to serial " + in.device.input.serial + "; until then the base level applies."); });
}

}  // namespace
}  // namespace apos::rules

namespace apos {

void register_general_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"GEN-OPEN-BOX", "G:4643", "Open-box and refurbished units get no upgrades, extensions or protection.",
                     {K::Extension, K::Upgrade, K::Adp, K::Kyd, K::Sbty, K::Iwu, K::SchoolYear, K::Ticru, K::Premier}, rules::open_box});
    rules.push_back({"TERM-MATCH", "G:4637", "An upgrade's term equals the warranty term on the system.", {K::Upgrade, K::Adp, K::Kyd, K::Ticru},
                     rules::term_match});
    rules.push_back({"GEN-REGISTRATION", "G:2879-2883", "ADP, KYD and SBTY must be registered to the serial.", {K::Adp, K::Kyd, K::Sbty},
                     rules::registration});
}

}  // namespace apos
