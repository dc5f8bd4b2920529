// Test helper: devices as a configurator meets them, generated from a seed, and one line that says
// everything an offer says; shared by the one-device and configuration-without-words tests.
#pragma once

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "apos/offers.hpp"
#include "test_catalog.hpp"

namespace apos::test {

inline const std::vector<std::string> kDeviceCountries = {"US", "CA", "GB", "DE", "FR", "JP", "BR"};
inline const std::vector<OfferKind> kDeviceHeldKinds = {OfferKind::Extension, OfferKind::Adp,     OfferKind::Kyd,
                                                        OfferKind::Sbty,      OfferKind::Premier, OfferKind::Iwu};

// Any machine type, channel, condition, country and segment, ship dates over seven years before
// `as_of`, sometimes a proof of purchase, an earlier extension, services held, a quantity,
// Drop-in-the-Box pages and install sites.
inline DeviceInput random_device(const Catalog& catalog, std::mt19937& rng, int index, Date as_of) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    DeviceInput in;
    in.mtm = catalog.machine_types[pick(catalog.machine_types.size())].mt;
    if (rng() % 2) in.mtm += "CTO1WW";
    in.serial = rng() % 5 ? "DEV" + std::to_string(index) : "";
    in.channel = rng() % 3 ? Channel::Direct : Channel::Distributor;
    in.condition = rng() % 10 < 8 ? Condition::New : rng() % 2 ? Condition::OpenBox : Condition::Refurbished;
    in.country = kDeviceCountries[rng() % 3 ? 0 : pick(kDeviceCountries.size())];
    in.segment = static_cast<Segment>(pick(5));
    in.replacement = rng() % 20 == 0;
    in.ship_date = as_of.plus_days(-static_cast<int>(rng() % 2600) + 30);
    if (rng() % 4 == 0) in.purchase_date = in.ship_date.plus_days(static_cast<int>(rng() % 240));
    if (rng() % 4 == 0) in.coverage_end = in.ship_date.plus_days(static_cast<int>(rng() % 2200));
    for (OfferKind kind : kDeviceHeldKinds)
        if (rng() % 7 == 0) in.services_held.push_back(kind);
    const int quantities[] = {1, 1, 1, 2, 10, 30, 120, 600, 5000};
    in.quantity = quantities[pick(9)];
    in.pages_per_box = static_cast<int>(rng() % 30);
    in.install_locations = 1 + static_cast<int>(rng() % 4);
    return in;
}

inline std::string describe(const DeviceInput& in) {
    std::ostringstream out;
    out << in.mtm << " ship " << in.ship_date.to_string()
        << (in.purchase_date ? " purchase " + in.purchase_date->to_string() : "")
        << (in.coverage_end ? " coverage_end " + in.coverage_end->to_string() : "") << " " << to_string(in.channel)
        << " " << to_string(in.condition) << " " << in.country << " " << to_string(in.segment) << " qty " << in.quantity
        << (in.replacement ? " replacement" : "") << " held";
    for (OfferKind k : in.services_held) out << " " << to_string(k);
    return out.str();
}

// What an offer answers without words: offering, term, status, window, change day, price, coverage.
inline std::string describe_verdict(const Offer& o) {
    std::ostringstream out;
    out << o.offering->id << " " << o.term_years << "y " << to_string(o.status) << " window "
        << (o.window ? o.window->from.to_string() + ".." + o.window->until.to_string() : "none") << " changes "
        << (o.changes_on ? o.changes_on->to_string() : "-") << " price "
        << (o.unit_price ? std::to_string(o.unit_price->minor_units()) : "none") << " covers "
        << (o.coverage_from ? o.coverage_from->to_string() : "-") << ".."
        << (o.coverage_until ? o.coverage_until->to_string() : "-");
    return out.str();
}

// Everything an offer says, in one line, so that a difference prints both sides: the verdict, the
// part number, each reason (rule, verdict, source, words, hint) and the checked fix.
inline std::string describe(const Offer& o) {
    std::ostringstream out;
    out << describe_verdict(o) << " part " << o.part_number;
    for (const Reason& r : o.reasons) {
        out << " | " << r.rule << " " << static_cast<int>(r.verdict) << " " << r.source << ": " << r.message;
        if (r.fix) out << " fix " << to_string(r.fix->action) << " " << r.fix->term_years << " " << r.fix->offering;
    }
    if (o.fix)
        out << " || fix " << to_string(o.fix->action) << " " << o.fix->offering << " " << o.fix->term_years << " "
            << o.fix->quantity << " " << (o.fix->day ? o.fix->day->to_string() : "-") << ": " << o.fix->label;
    return out.str();
}

}  // namespace apos::test
