// Small helpers the rule families share: outcomes, product tests and "what else is on the quote".
#pragma once

#include <string>
#include <vector>

#include "apos/offers.hpp"
#include "apos/rules.hpp"
#include "apos/timeline.hpp"

namespace apos {
struct ItemSettlement;  // apos/quote.hpp
}

namespace apos::rules {

// Outcomes take their message as a function: it is only written when the caller wants
// explanations (a fleet of a million units needs the verdicts, not the sentences).
template <typename Message>
RuleOutcome outcome(const RuleInput& in, Verdict verdict, Message&& message,
                    std::optional<Date> changes_on = std::nullopt) {
    return {verdict,   in.explain ? std::string(message()) : std::string(), std::nullopt, changes_on, std::nullopt,
            in.explain};
}
template <typename Message>
RuleOutcome block(const RuleInput& in, Message&& message, std::optional<Date> changes_on = std::nullopt) {
    return outcome(in, Verdict::Block, message, changes_on);
}
template <typename Message>
RuleOutcome note(const RuleInput& in, Message&& message) {
    return outcome(in, Verdict::Note, message);
}
template <typename Message>
RuleOutcome warning(const RuleInput& in, Message&& message) {
    return outcome(in, Verdict::Warning, message);
}
template <typename Message>
RuleOutcome needs_approval(const RuleInput& in, Message&& message) {
    return outcome(in, Verdict::NeedsApproval, message);
}
// A rule that passes today but only inside a purchase window.
inline RuleOutcome open_window(DateRange window) {
    return {Verdict::Pass, {}, window, window.until.plus_days(1), std::nullopt};
}

bool series_is(const MachineType& type, std::string_view prefix);  // "ThinkPad", "ThinkCentre", ...
// A Think computer (not a Tiny-in-One monitor): what FAC-MIN-QTY counts on an order.
bool is_think_pc(const MachineType& type);
bool has_companion(const RuleInput& in, OfferKind kind);
const CompanionService* companion(const RuleInput& in, OfferKind kind);
bool holds(const RuleInput& in, OfferKind kind);  // bought earlier (fleet input) and still valid

// Years of warranty on the system: what it has, or what an extension on the same quote gives.
int warranty_years_on_system(const RuleInput& in);
// Last day of system coverage, counting an extension on the same quote.
Date system_coverage_end(const RuleInput& in);
// The highest level the unit will have with the upgrades and extensions on the same quote.
ServiceLevel level_with_companions(const RuleInput& in);

std::string years_text(int years);  // "1 year", "3 years"

// Device-fact rules, applied while resolving a device (base_warranty_rules.cpp, international_rules.cpp).
// Those that read the unit's dates take their notes by pointer: a fleet's units keep none (null).
Date base_warranty_start(const DeviceInput& input, std::vector<FactNote>* notes);
int base_warranty_length(const MachineType& type, std::vector<FactNote>& notes);
int base_warranty_length_in(const MachineType& type, const std::string& country, int years,
                            std::vector<FactNote>& notes);
ServiceLevel base_warranty_level(const MachineType& type, std::vector<FactNote>& notes);
Date distributor_buffer(const Policy& policy, const DeviceInput& input, Date base_end, std::vector<FactNote>* notes);
int coverage_cap_years(const Policy& policy, const MachineType& type, std::vector<FactNote>& notes);
bool international_warranty_included(const Policy& policy, const MachineType& type, Date sold_on,
                                     std::vector<FactNote>* notes);

// The fee added to a reinstatement (after_warranty_rules.cpp, REIN-FEE).
Money reinstatement_fee(const Policy& policy, Money base_price);
// PW-WINDOW's window around the end of coverage (after_warranty_rules.cpp); later = lapsed.
DateRange post_warranty_window(const Policy& policy, Date coverage_end);
// The school-year end that an SYW extends coverage to (after_warranty_rules.cpp, SYW).
Date next_school_year_end(const Policy& policy, Date coverage_end);

// Purchase deadlines each family contributes to a timeline, computed with the same windows
// its rules use.
void base_warranty_deadlines(const DeviceFacts& device, std::vector<DeadlineMarker>& out);
void extension_deadlines(const DeviceFacts& device, std::vector<DeadlineMarker>& out);
void protection_deadlines(const Policy& policy, const DeviceFacts& device, std::vector<DeadlineMarker>& out);
void after_warranty_deadlines(const Policy& policy, const DeviceFacts& device, std::vector<DeadlineMarker>& out);
void activation_deadline(const Policy& policy, Date as_of, std::vector<DeadlineMarker>& out);

// Settling a quote item's services (general_rules.cpp, ONE-EXTENSION and SOLD-TOGETHER).
struct SlotCandidate {
    const Offering* offering = nullptr;
    int term_years = 0;
    bool sells_alone = false;  // eligible (or needing approval) with no other service beside it
};
std::string service_slot(const Offering& offering);
bool stays_before(const SlotCandidate& a, const SlotCandidate& b);
Reason one_extension_reason(const SlotCandidate& kept, const SlotCandidate& refused);
Reason sold_together_reason(const std::vector<std::string>& fallen);

// ADP-TIO-PAIR (protection_rules.cpp): notes on the ADP lines of a quote where Tiny desktops and
// Tiny-in-One monitors do not both have ADP; run once every item is settled.
void tiny_tio_adp_pairs(const std::vector<std::optional<DeviceFacts>>& devices, std::vector<ItemSettlement>& items);

// Adds a fact note with the rule's registered source.
void add_fact(std::vector<FactNote>& notes, std::string_view rule_id, std::string message);

}  // namespace apos::rules
