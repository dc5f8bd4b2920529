// One device through the catalog's compiled device classes: evaluate_offers answers, offer by offer,
// what evaluate_offer answers on its own (status, window, change day, price, coverage, and the
// reasons in words when asked) for a generated set of devices, and keeps doing so once the catalog
// is copied, assigned or edited and cleared.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "apos/offers.hpp"
#include "generated_devices.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");
using test::describe;

DeviceInput random_device(const Catalog& catalog, std::mt19937& rng, int index) {
    return test::random_device(catalog, rng, index, kAsOf);
}

// evaluate_offer, one offering and term at a time: the reference the device classes must match.
std::vector<std::string> reference(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain) {
    std::vector<std::string> out;
    for (const Offering& offering : catalog.offerings)
        for (int term : offering.terms)
            out.push_back(describe(evaluate_offer(catalog, device, offering, term, as_of, {}, explain)));
    return out;
}

std::vector<std::string> through_classes(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain) {
    std::vector<std::string> out;
    for (const Offer& o : evaluate_offers(catalog, device, as_of, explain)) out.push_back(describe(o));
    return out;
}

// Compares both paths on one device; returns how many offers differ (each difference is reported).
int differences(const Catalog& catalog, const DeviceFacts& device, Date as_of, bool explain) {
    const std::vector<std::string> expected = reference(catalog, device, as_of, explain);
    const std::vector<std::string> got = through_classes(catalog, device, as_of, explain);
    EXPECT_EQ(got.size(), expected.size()) << describe(device.input);
    int different = 0;
    for (std::size_t i = 0; i < std::min(got.size(), expected.size()); ++i) {
        if (got[i] == expected[i]) continue;
        ++different;
        ADD_FAILURE() << "on " << describe(device.input) << " as of " << as_of.to_string()
                      << "\n  classes:   " << got[i] << "\n  reference: " << expected[i];
    }
    return different;
}

TEST(OneDevice, EveryOfferOfAGeneratedSetOfDevicesMatchesTheReferenceThroughTheClasses) {
    const Catalog catalog = test::sample_catalog();  // a copy: its own, empty, classes
    EXPECT_EQ(catalog.compiled_offers.classes(), 0u);
    std::mt19937 rng(20261130);
    int devices = 0, eligible = 0, blocked = 0;
    for (int i = 0; i < 1500; ++i) {
        const DeviceResolution resolved = resolve_device(catalog, random_device(catalog, rng, i));
        if (!resolved.facts) continue;
        ++devices;
        // Three as-of dates, the same device twice in a row: a class met again answers from the cache.
        const Date as_of = kAsOf.plus_days(i % 3 == 0 ? 0 : i % 3 == 1 ? -200 : 400);
        for (int again = 0; again < 2; ++again) {
            ASSERT_EQ(differences(catalog, *resolved.facts, as_of, false), 0);
        }
        if (i % 10 == 0) {
            ASSERT_EQ(differences(catalog, *resolved.facts, as_of, true), 0);
        }
        for (const Offer& o : evaluate_offers(catalog, *resolved.facts, as_of, false))
            (o.status == OfferStatus::Eligible ? eligible : blocked) += 1;
    }
    // The set exercises both answers, and the classes were built and kept (within the cache's size).
    EXPECT_GT(devices, 1300);
    EXPECT_GT(eligible, 20000);
    EXPECT_GT(blocked, 20000);
    EXPECT_GT(catalog.compiled_offers.classes(), 0u);
}

// A device of one class with new dates, quantity and services each time: what a partner editing a
// configuration does. The class is built once and its answers follow the unit.
TEST(OneDevice, OneClassWithTheUnitChangingMatchesTheReference) {
    const Catalog catalog = test::sample_catalog();
    std::mt19937 rng(3);
    DeviceInput in = random_device(catalog, rng, 0);
    in.mtm = "21JKCTO1WW";
    in.country = "US";
    in.condition = Condition::New;
    std::size_t classes = 0;
    for (int i = 0; i < 300; ++i) {
        const DeviceInput other = random_device(catalog, rng, i);
        in.ship_date = other.ship_date;
        in.purchase_date = other.purchase_date;
        in.coverage_end = other.coverage_end;
        in.services_held = other.services_held;
        in.quantity = other.quantity;
        const DeviceResolution resolved = resolve_device(catalog, in);
        ASSERT_TRUE(resolved.facts) << describe(in);
        ASSERT_EQ(differences(catalog, *resolved.facts, kAsOf, false), 0);
        if (i == 0) classes = catalog.compiled_offers.classes();
    }
    EXPECT_EQ(catalog.compiled_offers.classes(), classes);  // no class built after the first
}

// The catalog changes: a copy, an assignment and an edit in place followed by clear() each answer as
// the changed catalog does. Without clear() the edit is not seen, which shows the cache is read.
TEST(OneDevice, AnswersFollowTheCatalogWhenItChanges) {
    Catalog catalog = test::sample_catalog();
    DeviceInput in;
    in.mtm = "21JK";
    in.ship_date = kAsOf.plus_days(-100);
    const DeviceFacts device = *resolve_device(catalog, in).facts;
    ASSERT_EQ(differences(catalog, device, kAsOf, false), 0);
    ASSERT_GT(catalog.compiled_offers.classes(), 0u);

    // The first offering this device may buy gets a new price, in place.
    const Offering* sold = nullptr;
    for (const Offer& o : evaluate_offers(catalog, device, kAsOf, false))
        if (o.status == OfferStatus::Eligible && !sold) sold = o.offering;
    ASSERT_NE(sold, nullptr);
    Offering& edited = catalog.offerings[static_cast<std::size_t>(sold - catalog.offerings.data())];
    for (auto& [price_class, terms] : edited.prices)
        for (auto& [term, minor] : terms) minor += 1234;
    auto price_of = [&](const Catalog& c) {
        for (const Offer& o : evaluate_offers(c, device, kAsOf, false))
            if (o.offering->id == edited.id && o.unit_price) return o.unit_price->minor_units();
        return std::int64_t{-1};
    };
    const std::int64_t stale = price_of(catalog);
    catalog.compiled_offers.clear();
    EXPECT_EQ(price_of(catalog), stale + 1234) << "clear() lets the edited price through";
    ASSERT_EQ(differences(catalog, device, kAsOf, false), 0);

    // A policy number a unit rule reads (the distributor buffer), in place, then cleared.
    catalog.policy.distributor_buffer_days += 30;
    catalog.compiled_offers.clear();
    ASSERT_EQ(differences(catalog, device, kAsOf, false), 0);

    // A copy starts with no classes and answers as its own catalog does.
    Catalog copy = catalog;
    EXPECT_EQ(copy.compiled_offers.classes(), 0u);
    Offering& copied = copy.offerings[static_cast<std::size_t>(sold - catalog.offerings.data())];
    copied.terms.erase(copied.terms.begin());
    ASSERT_EQ(differences(copy, device, kAsOf, false), 0);
    ASSERT_EQ(differences(catalog, device, kAsOf, false), 0);

    // Assigning a catalog empties the classes of the one assigned to.
    catalog = copy;
    EXPECT_EQ(catalog.compiled_offers.classes(), 0u);
    ASSERT_EQ(differences(catalog, device, kAsOf, false), 0);
}

}  // namespace
}  // namespace apos
