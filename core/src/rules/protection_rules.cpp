// Protection services: Accidental Damage Protection (ADP-*), Keep Your Drive (KYD-*),
// Sealed Battery Warranty (SBTY-*) and the battery warranties beside it (BATT-*).
#include "apos/quote.hpp"
#include "rule_support.hpp"

namespace apos::rules {
namespace {

DateRange adp_window(const Policy& policy, const DeviceFacts& device) {
    return {device.system_purchase, device.system_purchase.plus_days(policy.adp_purchase_days)};
}
DateRange sbty_sales_window(const Policy& policy, const DeviceFacts& device) {
    return {device.base_start, term_end(device.base_start, policy.sbty_window_years)};
}

// ADP-90D: ninety days from the system purchase, both ends included.
RuleOutcome adp_within_90_days(const RuleInput& in) {
    const DateRange window = adp_window(in.catalog.policy, in.device);
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string("ADP had to be bought within " + std::to_string(in.catalog.policy.adp_purchase_days) +
                               " days of the system purchase (" + window.from.to_string() +
                               "); that window closed on " + window.until.to_string() + ".");
        });
    return open_window(window);
}

// ADP-PRODUCTS: Think notebooks, tablets, desktops (AIO, Tiny) and Tiny-in-One monitors.
RuleOutcome adp_products(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    const bool think = type.brand == Brand::Think;
    const bool covered_category = type.category == Category::Notebook || type.category == Category::Tablet ||
                                  type.category == Category::Desktop || type.category == Category::AllInOne ||
                                  type.category == Category::Tiny || type.category == Category::Monitor;
    if (!think || !covered_category)
        return block(in, [&] {
            return std::string(
                "ADP is sold for Think notebooks, tablets, desktops (all-in-one and Tiny included) and Tiny-in-One "
                "monitors; " +
                type.name + " is a " + std::string(to_string(type.category)) + " of the " +
                std::string(to_string(type.brand)) + " brand.");
        });
    return RuleOutcome::pass();
}

// ADP-TABLET-CLAIMS: a limit the customer should hear before buying.
RuleOutcome adp_tablet_claims(const RuleInput& in) {
    if (in.device.machine_type->category != Category::Tablet) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string("On tablets ADP accepts " + std::to_string(in.catalog.policy.adp_tablet_claims_per_year) +
                           " claim per 12 months.");
    });
}

// ADP-REPLACEMENT: the ADP of the unit this one replaced does not carry over.
RuleOutcome adp_replacement(const RuleInput& in) {
    if (!in.device.input.replacement) return RuleOutcome::pass();
    return warning(in, [&] {
        return std::string(
            "This unit is a replacement: the ADP of the unit it replaced does not carry over, so it needs its own.");
    });
}

// ADP-COUNTRY: ADP serves in the country of purchase unless an IWU is added.
RuleOutcome adp_country(const RuleInput& in) {
    if (has_companion(in, OfferKind::Iwu) || holds(in, OfferKind::Iwu))
        return note(in, [&] {
            return std::string("With the International Warranty Upgrade, ADP also serves outside " +
                               in.device.input.country + ".");
        });
    return note(in, [&] {
        return std::string("ADP serves only in the country of purchase (" + in.device.input.country +
                           ") unless an International Warranty Upgrade is added.");
    });
}

// KYD-PRODUCTS: ThinkPad notebooks, ThinkCentre and ThinkStation computers. The guide names
// ThinkPad notebooks, so ThinkPad tablets are out; a Tiny-in-One monitor holds no drive.
RuleOutcome kyd_products(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    const bool thinkpad_notebook = series_is(type, "ThinkPad") && type.category == Category::Notebook;
    const bool desktop_family =
        (series_is(type, "ThinkCentre") || series_is(type, "ThinkStation")) && type.category != Category::Monitor;
    if (thinkpad_notebook || desktop_family) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string(
            "Keep Your Drive is sold for ThinkPad notebooks and ThinkCentre and ThinkStation computers only; " +
            type.name + " (" + std::string(to_string(type.category)) + ") is not one of them.");
    });
}

// KYD-SOLDERED: a soldered drive cannot be kept.
RuleOutcome kyd_soldered(const RuleInput& in) {
    if (!in.device.machine_type->soldered_drive) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string("The drive of machine type " + in.device.machine_type->mt +
                           " is soldered to the board, so it cannot be kept.");
    });
}

// KYD-AT-PURCHASE: best with the system; still allowed within the base warranty, with a warning.
RuleOutcome kyd_at_purchase(const RuleInput& in) {
    const DateRange window{in.device.system_purchase, in.device.base_end};
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string("Keep Your Drive is sold within the base warranty, which ended on " +
                               window.until.to_string() + ".");
        });
    RuleOutcome outcome = open_window(window);
    if (in.as_of > in.device.system_purchase) {
        outcome.verdict = Verdict::Warning;
        if (in.explain)
            outcome.message = "Keep Your Drive is meant to be bought with the system (" +
                              in.device.system_purchase.to_string() + "); it is still allowed until " +
                              window.until.to_string() + ".";
    }
    return outcome;
}

bool is_thinkpad_tablet(const MachineType& type) {
    return series_is(type, "ThinkPad") && type.category == Category::Tablet;
}

// SBTY-PRODUCTS: ThinkPad notebooks with a sealed battery, and ThinkPad tablets.
RuleOutcome sbty_products(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    const bool sealed_notebook =
        series_is(type, "ThinkPad") && type.category == Category::Notebook && type.sealed_battery;
    if (sealed_notebook || is_thinkpad_tablet(type)) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string(
            "Sealed Battery Warranty is for ThinkPad notebooks with a sealed battery and ThinkPad tablets; " +
            type.name + (type.sealed_battery ? " is not one." : " has no sealed battery."));
    });
}

// SBTY-TERMS: up to 3 years on notebooks, 2 on tablets.
RuleOutcome sbty_terms(const RuleInput& in) {
    const bool tablet = is_thinkpad_tablet(*in.device.machine_type);
    const int longest = tablet ? in.catalog.policy.sbty_max_years_tablet : in.catalog.policy.sbty_max_years_notebook;
    if (in.term_years > longest)
        return block(in, [&] {
            return std::string("Sealed Battery Warranty runs at most " + years_text(longest) + " on " +
                               (tablet ? "tablets." : "notebooks."));
        });
    return RuleOutcome::pass();
}

// SBTY-WINDOW: sold during the battery's first year of base warranty.
RuleOutcome sbty_window(const RuleInput& in) {
    const DateRange window = sbty_sales_window(in.catalog.policy, in.device);
    if (in.as_of > window.until)
        return block(in, [&] {
            return std::string(
                "Sealed Battery Warranty is sold during the battery's first year of base warranty, which ended on " +
                window.until.to_string() + ".");
        });
    return open_window(window);
}

// SBTY-TERM-EXCEPTION: exempt from TERM-MATCH, but never longer than the system's warranty.
RuleOutcome sbty_term_exception(const RuleInput& in) {
    const int system_years = warranty_years_on_system(in);
    if (in.term_years > system_years)
        return block(in,
                     [&] {
                         return std::string("A " + std::to_string(in.term_years) +
                                            "-year battery warranty would outlast the system's " +
                                            years_text(system_years) + " warranty: add an extension to at least " +
                                            years_text(in.term_years) + " on the same quote.");
                     })
            .with(Fix::add(OfferKind::Extension, in.term_years));
    return RuleOutcome::pass();
}

// BATT-NONSEALED: the non-sealed battery warranty covers a removable (external) battery, so the
// unit must have one; a sealed battery has its own warranty (SBTY-PRODUCTS).
RuleOutcome battery_non_sealed(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    if (type.external_battery) return RuleOutcome::pass();
    return block(in, [&] {
        return std::string(
            "The non-sealed battery warranty covers a removable battery; " + type.name +
            (type.sealed_battery ? " has only a sealed one: offer the Sealed Battery Warranty." : " has none."));
    });
}

// BATT-EACH: a unit with an external and an internal battery needs a warranty for each, the
// sealed one for the internal battery and the non-sealed one for the external battery.
RuleOutcome battery_each(const RuleInput& in) {
    const MachineType& type = *in.device.machine_type;
    if (!(type.external_battery && type.sealed_battery)) return RuleOutcome::pass();
    const OfferKind other = in.offering.kind == OfferKind::Sbty ? OfferKind::Battery : OfferKind::Sbty;
    if (has_companion(in, other) || holds(in, other)) return RuleOutcome::pass();
    return note(in, [&] {
        return std::string(type.name + " has an internal and an external battery: this warranty covers the " +
                           (in.offering.kind == OfferKind::Sbty
                                ? "internal one; add the non-sealed battery warranty for the external one."
                                : "external one; add the Sealed Battery Warranty for the internal one."));
    });
}

}  // namespace

void protection_deadlines(const Policy& policy, const DeviceFacts& device, std::vector<DeadlineMarker>& out) {
    out.push_back({"ADP purchase deadline", "ADP-90D", adp_window(policy, device).until});
    const MachineType& type = *device.machine_type;
    if (type.sealed_battery || type.category == Category::Tablet)
        out.push_back({"Sealed battery purchase deadline", "SBTY-WINDOW", sbty_sales_window(policy, device).until});
}

}  // namespace apos::rules

namespace apos::rules {

namespace {
// A Tiny-in-One is a ThinkCentre monitor that a Tiny desktop docks into.
bool is_tio_monitor(const MachineType& type) {
    return type.category == Category::Monitor && series_is(type, "ThinkCentre");
}
bool is_tiny(const MachineType& type) { return type.category == Category::Tiny && type.brand == Brand::Think; }
}  // namespace

// ADP-TIO-PAIR: a technician repairs only the unit ADP covers, so a Tiny with ADP docked in a
// Tiny-in-One without it (or the reverse) is only half covered. Both kinds on one quote with ADP on
// one kind only: each ADP line says which units are left out. The guide states the Tiny case; the
// monitor case follows from "ADP on both units" for full coverage.
void tiny_tio_adp_pairs(const std::vector<std::optional<DeviceFacts>>& devices, std::vector<ItemSettlement>& items) {
    std::int64_t tiny_without = 0, tio_without = 0;
    const auto adp_of = [](ItemSettlement& item) -> Offer* {
        for (Offer& offer : item.sold)
            if (offer.offering->kind == OfferKind::Adp) return &offer;
        return nullptr;
    };
    for (std::size_t i = 0; i < devices.size() && i < items.size(); ++i) {
        if (!devices[i]) continue;
        const MachineType& type = *devices[i]->machine_type;
        const std::int64_t units = devices[i]->input.quantity;
        if (adp_of(items[i])) continue;
        if (is_tiny(type)) tiny_without += units;
        if (is_tio_monitor(type)) tio_without += units;
    }
    const Rule* rule = find_rule("ADP-TIO-PAIR");
    const std::string source = rule ? std::string(rule->source) : std::string();
    for (std::size_t i = 0; i < devices.size() && i < items.size(); ++i) {
        if (!devices[i]) continue;
        Offer* adp = adp_of(items[i]);
        if (!adp) continue;
        const MachineType& type = *devices[i]->machine_type;
        std::string message;
        if (is_tiny(type) && tio_without > 0)
            message = "The quote's " + std::to_string(tio_without) +
                      " Tiny-in-One monitor(s) have no ADP: a damage claim on a Tiny docked in one repairs the Tiny "
                      "only. Add ADP to the monitors for full coverage.";
        else if (is_tio_monitor(type) && tiny_without > 0)
            message = "The quote's " + std::to_string(tiny_without) +
                      " Tiny desktop(s) have no ADP: a damage claim repairs the monitor only, not the Tiny in it. "
                      "Add ADP to the Tiny desktops for full coverage.";
        if (!message.empty()) adp->reasons.push_back({"ADP-TIO-PAIR", message, source, Verdict::Note, std::nullopt});
    }
}

}  // namespace apos::rules

namespace apos {

void register_protection_rules(std::vector<Rule>& rules) {
    using K = OfferKind;
    rules.push_back({"ADP-90D",
                     "G:2905, 4627",
                     "ADP is bought within 90 days of the system purchase.",
                     {K::Adp},
                     rules::adp_within_90_days,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"ADP-PRODUCTS",
                     "G:3904, 2836-2875",
                     "ADP covers Think notebooks, tablets, desktops and Tiny-in-One monitors.",
                     {K::Adp},
                     rules::adp_products,
                     RuleReads::ProductOnly});
    rules.push_back({"ADP-TABLET-CLAIMS",
                     "G:2909",
                     "ADP on tablets: one claim per 12 months.",
                     {K::Adp},
                     rules::adp_tablet_claims,
                     RuleReads::ProductOnly});
    rules.push_back({"ADP-REPLACEMENT",
                     "G:2919, 4631",
                     "A replacement system does not inherit ADP.",
                     {K::Adp},
                     rules::adp_replacement,
                     RuleReads::ProductOnly});
    rules.push_back({"ADP-COUNTRY",
                     "G:2911-2913",
                     "ADP serves in the country of purchase unless an IWU is added.",
                     {K::Adp},
                     rules::adp_country,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"ADP-TIO-PAIR",
                     "G:2915-2917",
                     "A Tiny and its Tiny-in-One monitor each need ADP; a quote with ADP on one kind only says so.",
                     {},
                     nullptr});
    rules.push_back({"KYD-PRODUCTS",
                     "G:2983",
                     "Keep Your Drive is for ThinkPad notebooks, ThinkCentre, ThinkStation.",
                     {K::Kyd},
                     rules::kyd_products,
                     RuleReads::ProductOnly});
    rules.push_back({"KYD-SOLDERED",
                     "G:4649",
                     "No Keep Your Drive for soldered drives.",
                     {K::Kyd},
                     rules::kyd_soldered,
                     RuleReads::ProductOnly});
    rules.push_back({"KYD-AT-PURCHASE",
                     "G:3007",
                     "Keep Your Drive goes with the system; later within the base warranty, with a warning.",
                     {K::Kyd},
                     rules::kyd_at_purchase,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"SBTY-PRODUCTS",
                     "G:3066",
                     "Sealed Battery Warranty for sealed-battery ThinkPads and ThinkPad tablets.",
                     {K::Sbty},
                     rules::sbty_products,
                     RuleReads::ProductOnly});
    rules.push_back({"SBTY-TERMS",
                     "G:3068",
                     "Sealed Battery terms: 1-3 years (notebooks), 1-2 (tablets).",
                     {K::Sbty},
                     rules::sbty_terms,
                     RuleReads::ProductOnly});
    rules.push_back({"SBTY-WINDOW",
                     "G:4633, 3101",
                     "Sealed Battery is sold in the battery's first warranty year.",
                     {K::Sbty},
                     rules::sbty_window,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"BATT-NONSEALED",
                     "G:4655-4656",
                     "The non-sealed battery warranty is for units with a removable battery.",
                     {K::Battery},
                     rules::battery_non_sealed,
                     RuleReads::ProductOnly});
    rules.push_back({"BATT-EACH",
                     "G:4653-4657",
                     "A unit with an internal and an external battery needs a battery warranty for each.",
                     {K::Sbty, K::Battery},
                     rules::battery_each,
                     RuleReads::TheUnitAndTheOffersKindNotItsTerm});
    rules.push_back({"SBTY-TERM-EXCEPTION",
                     "G:4637-4639, 4447",
                     "Sealed Battery skips TERM-MATCH but cannot outlast the system warranty.",
                     {K::Sbty, K::Battery},
                     rules::sbty_term_exception,
                     RuleReads::TheUnitAndTheOffersKind});
}

}  // namespace apos
