// After the warranty: post-warranty (PW-*), reinstatement (REIN-FEE), School Year Warranty (SYW).
#include "rule_support.hpp"

namespace apos::rules {

Money reinstatement_fee(const Policy& policy, Money base_price) {
    // The flat part is in the price's currency, so the two parts add up as minor units.
    const Money rated = base_price.apply_rate(policy.reinstatement_fee_rate);
    return Money(rated.minor_units() + policy.reinstatement_fee_flat_minor, base_price.currency());
}

Date next_school_year_end(const Policy& policy, Date coverage_end) {
    const int year = coverage_end.ymd().year;
    // The school-year end always exists in a leap year; in other years 02-29 becomes 02-28.
    auto school_year_end_in = [&](int y) {
        int day = policy.school_year_end_day;
        if (policy.school_year_end_month == 2 && day == 29 && !is_leap_year(y)) day = 28;
        return *Date::from_ymd(y, policy.school_year_end_month, day);
    };
    const Date this_year = school_year_end_in(year);
    return this_year > coverage_end ? this_year : school_year_end_in(year + 1);
}

DateRange post_warranty_window(const Policy& policy, Date coverage_end) {
    return {coverage_end.plus_days(-policy.pw_opens_days_before_end),
            coverage_end.plus_days(policy.pw_closes_days_after_end)};
}

namespace {

// PW-WINDOW: from 90 days before the end of coverage (assumed) to 60 days after it.
RuleOutcome post_warranty_window_rule(const RuleInput& in) {
    const DateRange window = post_warranty_window(in.catalog.policy, in.device.coverage_end);
    if (in.as_of < window.from)
        return block(
                   in,
                   [&] {
                       return std::string("Post-warranty opens " +
                                          std::to_string(in.catalog.policy.pw_opens_days_before_end) +
                                          " days before coverage ends (" + in.device.coverage_end.to_string() +
                                          "), on " + window.from.to_string() + ".");
                   },
                   window.from)
            .with(Fix::wait_until(window.from));
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string("Coverage ended on " + in.device.coverage_end.to_string() + "; post-warranty closed " +
                               std::to_string(in.catalog.policy.pw_closes_days_after_end) + " days later, on " +
                               window.until.to_string() + ". Reinstatement with a fee is the way back.");
        });
    return open_window(window);
}

// PW-TERM-BY-AGE: one or two years, as long as life coverage stays under the ceiling.
RuleOutcome post_warranty_term_by_age(const RuleInput& in) {
    if (in.term_years < 1 || in.term_years > in.catalog.policy.pw_max_years)
        return block(in, [&] {
            return std::string("Post-warranty adds 1 to " + years_text(in.catalog.policy.pw_max_years) + ", not " +
                               years_text(in.term_years) + ".");
        });
    const Date reaches = term_end(in.device.coverage_end.plus_days(1), in.term_years);
    if (reaches > in.device.cap_end)
        return block(in, [&] {
            return std::string("Adding " + years_text(in.term_years) + " would run to " + reaches.to_string() +
                               ", past the unit's " + years_text(in.device.cap_years) + " life limit (" +
                               in.device.cap_end.to_string() + ").");
        });
    return RuleOutcome::pass();
}

// REIN-FEE: once the post-warranty window has closed, coverage comes back only with a fee.
RuleOutcome reinstatement_fee_rule(const RuleInput& in) {
    const Policy& policy = in.catalog.policy;
    const Date lapsed_after = post_warranty_window(policy, in.device.coverage_end).until;
    if (in.as_of <= lapsed_after)
        return block(
            in,
            [&] {
                return std::string("Coverage has not lapsed past the post-warranty window (open until " +
                                   lapsed_after.to_string() + "): sell post-warranty instead.");
            },
            lapsed_after.plus_days(1));
    const Date reaches = term_end(in.as_of, in.term_years);
    if (reaches > in.device.cap_end)
        return block(in, [&] {
            return std::string("Reinstating " + years_text(in.term_years) + " would run to " + reaches.to_string() +
                               ", past the unit's life limit (" + in.device.cap_end.to_string() + ").");
        });
    return note(in, [&] {
        return std::string("Coverage lapsed on " + in.device.coverage_end.to_string() +
                           ": the price includes a reinstatement fee of " +
                           policy.reinstatement_fee_rate.to_percent_string() + " plus " +
                           Money(policy.reinstatement_fee_flat_minor, policy.currency).to_string() + ".");
    });
}

// SYW: education hardware with coverage in force can run to the next school-year end.
RuleOutcome school_year_warranty(const RuleInput& in) {
    if (!in.device.machine_type->education)
        return block(in, [&] {
            return std::string("School Year Warranty is sold on education hardware; " + in.device.machine_type->name +
                               " is not marked as such.");
        });
    if (in.as_of > in.device.coverage_end)
        return block(in, [&] {
            return std::string("School Year Warranty extends coverage that is still running; coverage ended on " +
                               in.device.coverage_end.to_string() + ".");
        });
    if (!in.offering.level && !has_companion(in, OfferKind::Adp) && !holds(in, OfferKind::Adp))
        return block(in,
                     [&] {
                         return std::string(
                             "The ADP school-year option needs ADP on the unit, bought earlier or on the same quote.");
                     })
            .with(Fix::add(OfferKind::Adp, warranty_years_on_system(in)));
    return {Verdict::Note,
            in.explain ? "Coverage runs on to the school-year end, " +
                             next_school_year_end(in.catalog.policy, in.device.coverage_end).to_string() + "."
                       : std::string(),
            DateRange{in.device.system_purchase, in.device.coverage_end}, in.device.coverage_end.plus_days(1),
            std::nullopt};
}

}  // namespace

void after_warranty_deadlines(const Policy& policy, const DeviceFacts& device, std::vector<DeadlineMarker>& out) {
    const DateRange window = post_warranty_window(policy, device.coverage_end);
    out.push_back({"Post-warranty opens", "PW-WINDOW", window.from});
    out.push_back({"Post-warranty closes", "PW-WINDOW", window.until});
}

}  // namespace apos::rules

namespace apos {

void register_after_warranty_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"PW-WINDOW",
                     "G:4807-4809",
                     "Post-warranty from 90 days before the end (assumed) to 60 days after.",
                     {K::PostWarranty},
                     rules::post_warranty_window_rule,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"PW-TERM-BY-AGE",
                     "G:4807-4811",
                     "Post-warranty adds 1 or 2 years within the life limit.",
                     {K::PostWarranty},
                     rules::post_warranty_term_by_age,
                     RuleReads::TheUnitAndTheOffersKind});
    rules.push_back({"REIN-FEE",
                     "A:91",
                     "Past the post-warranty window, coverage is reinstated for a fee.",
                     {K::Reinstatement},
                     rules::reinstatement_fee_rule,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"SYW",
                     "G:3946-3954",
                     "School Year Warranty runs education coverage to the school-year end.",
                     {K::SchoolYear},
                     rules::school_year_warranty});
}

}  // namespace apos
