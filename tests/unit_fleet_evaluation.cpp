// Fleet evaluation: window buckets at their day boundaries, post-warranty vs reinstatement
// (PW-WINDOW, REIN-FEE), ADP-90D as the next window, expiries by month, the summary as the sum
// of its units, and the fleet path giving the same answers as the single-device path.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "apos/fleet.hpp"
#include "apos/offers.hpp"
#include "generated_fleet.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

const Date kAsOf = test::date("2026-11-26");

DeviceInput device(const char* mtm, const char* ship) {
    DeviceInput in;
    in.mtm = mtm;
    in.ship_date = test::date(ship);
    in.serial = std::string("T-") + mtm;
    return in;
}

DeviceFacts facts_of(const DeviceInput& in) {
    const DeviceResolution r = resolve_device(test::sample_catalog(), in);
    if (!r.facts) {
        ADD_FAILURE() << in.mtm << ": " << r.error->message;
        return {};
    }
    return *r.facts;
}

std::string describe(const UnitOpportunity& u) {
    std::ostringstream out;
    out << u.mtm() << " coverage_end " << u.coverage_end.to_string() << " bucket " << to_string(u.bucket)
        << (u.lapsed ? " lapsed" : "") << " windows [";
    for (const ClosingWindow& w : u.windows())
        out << " " << to_string(w.kind()) << "/" << w.offering->id << "@" << w.closes.to_string() << "(" << w.days_left
            << ")";
    out << " ] best [";
    for (const BestOffer& o : u.best_offers())
        out << " " << o.offering->id << " " << o.term_years << "y " << o.unit_price_minor();
    out << " ] value " << u.value.minor_units();
    if (u.reinstatement_price()) out << " rein " << u.reinstatement_price()->minor_units();
    return out.str();
}

const BestOffer* best_of_kind(const UnitOpportunity& u, OfferKind kind) {
    for (const BestOffer& o : u.best_offers())
        if (o.offering->kind == kind) return &o;
    return nullptr;
}

// ---- Buckets ---------------------------------------------------------------------------------

TEST(FleetEvaluation, BucketBoundariesByDaysLeftOfTheEarliestWindow) {
    struct Row {
        const char* mtm;
        const char* ship;
        const char* closes;  // the earliest window's last day
        int days_left;
        WindowBucket bucket;
        OfferKind kind;  // the kind whose window it is (ADP rows) or any kind closing on that day
        bool check_kind;
    };
    // 21JK: ThinkPad E, 1-year base from 2025-06-02 to 2026-06-01; ADP long closed, so the
    // extension/upgrade/KYD/SBTY windows all close with the base warranty on 2026-06-01.
    // 21HD: ThinkPad T, 3-year base from 2026-01-02; ADP (90 days) closes first, on 2026-04-02.
    const Row rows[] = {
        {"21JK", "2025-06-01", "2026-06-01", 0, WindowBucket::Closing0To30, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 30, WindowBucket::Closing0To30, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 31, WindowBucket::Closing31To60, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 60, WindowBucket::Closing31To60, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 61, WindowBucket::Closing61To90, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 90, WindowBucket::Closing61To90, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 91, WindowBucket::OpenLater, OfferKind::Extension, false},
        {"21JK", "2025-06-01", "2026-06-01", 200, WindowBucket::OpenLater, OfferKind::Extension, false},
        {"21HD", "2026-01-01", "2026-04-02", 0, WindowBucket::Closing0To30, OfferKind::Adp, true},
        {"21HD", "2026-01-01", "2026-04-02", 30, WindowBucket::Closing0To30, OfferKind::Adp, true},
        {"21HD", "2026-01-01", "2026-04-02", 31, WindowBucket::Closing31To60, OfferKind::Adp, true},
        {"21HD", "2026-01-01", "2026-04-02", 60, WindowBucket::Closing31To60, OfferKind::Adp, true},
        {"21HD", "2026-01-01", "2026-04-02", 61, WindowBucket::Closing61To90, OfferKind::Adp, true},
        {"21HD", "2026-01-01", "2026-04-02", 90, WindowBucket::Closing61To90, OfferKind::Adp, true},
    };
    for (const Row& r : rows) {
        const Date closes = test::date(r.closes);
        const Date as_of = closes.plus_days(-r.days_left);
        const UnitOpportunity u = evaluate_unit(test::sample_catalog(), facts_of(device(r.mtm, r.ship)), as_of);
        SCOPED_TRACE(std::string(r.mtm) + " as of " + as_of.to_string() + " (" + std::to_string(r.days_left) +
                     " days before " + r.closes + "): " + describe(u));
        ASSERT_FALSE(u.windows().empty());
        EXPECT_EQ(u.windows().front().closes, closes);
        EXPECT_EQ(u.windows().front().days_left, r.days_left);
        EXPECT_EQ(u.bucket, r.bucket);
        if (r.check_kind) {
            EXPECT_EQ(u.windows().front().kind(), r.kind);
            EXPECT_EQ(u.windows().front().offering->id, "adp");
        }
        for (std::size_t i = 1; i < u.windows().size(); ++i)
            EXPECT_LE(u.windows()[i - 1].closes, u.windows()[i].closes) << "windows sorted";
    }
}

TEST(FleetEvaluation, AdpClosingFirstIsTheNextWindow) {
    // Purchase date later than the ship date: ADP counts from the purchase (ADP-90D).
    DeviceInput in = device("21HD", "2026-08-01");
    in.purchase_date = test::date("2026-09-15");
    const UnitOpportunity u = evaluate_unit(test::sample_catalog(), facts_of(in), kAsOf);
    ASSERT_FALSE(u.windows().empty()) << describe(u);
    EXPECT_EQ(u.windows().front().kind(), OfferKind::Adp) << describe(u);
    EXPECT_EQ(u.windows().front().closes, test::date("2026-12-14")) << describe(u);  // 2026-09-15 + 90 days
    EXPECT_EQ(u.windows().front().days_left, 18);
    EXPECT_EQ(u.bucket, WindowBucket::Closing0To30);
    EXPECT_NE(best_of_kind(u, OfferKind::Adp), nullptr) << describe(u);
    // Once ADP has closed, the next window is a later one and ADP is no longer offered.
    const UnitOpportunity later = evaluate_unit(test::sample_catalog(), facts_of(in), test::date("2026-12-15"));
    EXPECT_EQ(best_of_kind(later, OfferKind::Adp), nullptr) << describe(later);
    for (const ClosingWindow& w : later.windows()) EXPECT_NE(w.kind(), OfferKind::Adp) << describe(later);
}

TEST(FleetEvaluation, SealedBatteryWindowIsTheFirstYearOfTheBaseWarranty) {
    // SBTY-WINDOW on a 3-year ThinkPad T: sold until base start + 1 year - 1 day.
    const DeviceInput in = device("21HD", "2025-12-31");  // base start 2026-01-01
    const UnitOpportunity open = evaluate_unit(test::sample_catalog(), facts_of(in), test::date("2026-12-31"));
    const auto sbty = std::find_if(open.windows().begin(), open.windows().end(),
                                   [](const ClosingWindow& w) { return w.kind() == OfferKind::Sbty; });
    ASSERT_NE(sbty, open.windows().end()) << describe(open);
    EXPECT_EQ(sbty->closes, test::date("2026-12-31"));
    EXPECT_EQ(sbty->days_left, 0);
    const UnitOpportunity closed = evaluate_unit(test::sample_catalog(), facts_of(in), test::date("2027-01-01"));
    EXPECT_EQ(best_of_kind(closed, OfferKind::Sbty), nullptr) << describe(closed);
}

TEST(FleetEvaluation, ExtensionWindowEndsWithTheBaseWarrantyIncludingTheDistributorBuffer) {
    // EXT-WINDOW: as-of <= base end; a distributor unit gets 45 more days (BW-BUFFER).
    struct Row {
        Channel channel;
        const char* as_of;
        bool extension;
    };
    const Row rows[] = {{Channel::Direct, "2026-06-01", true},
                        {Channel::Direct, "2026-06-02", false},
                        {Channel::Distributor, "2026-07-16", true},
                        {Channel::Distributor, "2026-07-17", false}};
    for (const Row& r : rows) {
        DeviceInput in = device("21JK", "2025-06-01");
        in.channel = r.channel;
        const UnitOpportunity u = evaluate_unit(test::sample_catalog(), facts_of(in), test::date(r.as_of));
        EXPECT_EQ(best_of_kind(u, OfferKind::Extension) != nullptr, r.extension)
            << (r.channel == Channel::Direct ? "direct" : "distributor") << " as of " << r.as_of << ": " << describe(u);
    }
}

// ---- Post-warranty and reinstatement ------------------------------------------------------------

std::int64_t expected_reinstatement(const char* offering_id, const std::string& price_class) {
    const Catalog& c = test::sample_catalog();
    const Offering* o = c.find_offering(offering_id);
    if (!o) {
        ADD_FAILURE() << "no offering " << offering_id;
        return 0;
    }
    const std::int64_t base = o->prices.at(price_class).at(1);
    // price = catalog price x (1 + rate) + flat, the rate part rounded half-up to the cent.
    return base + divide_half_up(base * c.policy.reinstatement_fee_rate.value, 10000) +
           c.policy.reinstatement_fee_flat_minor;
}

TEST(FleetEvaluation, PostWarrantySellsUntilSixtyDaysAfterExpiryThenReinstatement) {
    // 21HD: 3-year base from 2020-01-02 to 2023-01-01; life limit 5 years (2025-01-01).
    const DeviceFacts facts = facts_of(device("21HD", "2020-01-01"));
    ASSERT_EQ(facts.coverage_end, test::date("2023-01-01"));
    const Date expiry = facts.coverage_end;
    struct Row {
        int days_after;
        bool post_warranty;
        bool lapsed;
        bool covered;
    };
    const Row rows[] = {{-91, false, false, true}, {-90, true, false, true}, {0, true, false, true},
                        {1, true, false, false},   {60, true, false, false}, {61, false, true, false}};
    for (const Row& r : rows) {
        const Date as_of = expiry.plus_days(r.days_after);
        const UnitOpportunity u = evaluate_unit(test::sample_catalog(), facts, as_of);
        SCOPED_TRACE(std::to_string(r.days_after) + " days after expiry (" + as_of.to_string() + "): " + describe(u));
        EXPECT_EQ(best_of_kind(u, OfferKind::PostWarranty) != nullptr, r.post_warranty);
        EXPECT_EQ(u.lapsed, r.lapsed);
        EXPECT_EQ(u.covered, r.covered);
        EXPECT_EQ(u.reinstatement_price().has_value(), r.lapsed);
        if (r.post_warranty) {
            const auto pw = std::find_if(u.windows().begin(), u.windows().end(),
                                         [](const ClosingWindow& w) { return w.kind() == OfferKind::PostWarranty; });
            ASSERT_NE(pw, u.windows().end());
            EXPECT_EQ(pw->closes, expiry.plus_days(60));
            EXPECT_EQ(pw->days_left, 60 - r.days_after);
        }
    }
    // Day 60: still post-warranty, closing today.
    const UnitOpportunity last_day = evaluate_unit(test::sample_catalog(), facts, expiry.plus_days(60));
    EXPECT_EQ(last_day.bucket, WindowBucket::Closing0To30) << describe(last_day);
    EXPECT_EQ(best_of_kind(last_day, OfferKind::Reinstatement), nullptr) << describe(last_day);
    EXPECT_GT(last_day.value.minor_units(), 0);

    // Day 61: lapsed, reinstated with the fee; the cheapest reinstatement is rein-depot.
    const UnitOpportunity lapsed = evaluate_unit(test::sample_catalog(), facts, expiry.plus_days(61));
    ASSERT_TRUE(lapsed.reinstatement_price()) << describe(lapsed);
    const std::int64_t depot = expected_reinstatement("rein-depot", "thinkpad");
    EXPECT_EQ(depot, 10900 + 2725 + 5000);  // the sample policy: 25 % + USD 50.00
    EXPECT_EQ(lapsed.reinstatement_price()->minor_units(), depot) << describe(lapsed);
    EXPECT_EQ(lapsed.reinstatement_price()->currency(), test::sample_catalog().policy.currency);
    const BestOffer* rein = best_of_kind(lapsed, OfferKind::Reinstatement);
    ASSERT_NE(rein, nullptr) << describe(lapsed);
    EXPECT_GE(lapsed.value.minor_units(), rein->unit_price_minor()) << "the reinstatement counts toward the value";
    if (lapsed.windows().empty()) {
        EXPECT_EQ(lapsed.bucket, WindowBucket::Lapsed) << describe(lapsed);
    }
    // Every eligible reinstatement carries the fee.
    for (const Offer& o : evaluate_offers(test::sample_catalog(), facts, expiry.plus_days(61))) {
        if (o.offering->kind != OfferKind::Reinstatement || o.status != OfferStatus::Eligible) continue;
        EXPECT_EQ(o.unit_price->minor_units(), expected_reinstatement(o.offering->id.c_str(), "thinkpad"))
            << o.offering->id;
    }
}

TEST(FleetEvaluation, AUnitKeepsOneCurrencyForItsValueAndItsReinstatementPrice) {
    UnitOpportunity u;
    u.value = Money(0, test::sample_catalog().policy.currency);
    EXPECT_TRUE(u.set_reinstatement_price(Money(12345, u.value.currency())));
    ASSERT_TRUE(u.reinstatement_price());
    EXPECT_EQ(u.reinstatement_price()->minor_units(), 12345);
    EXPECT_EQ(u.reinstatement_price()->currency(), u.value.currency());
    // A price in another currency is refused, and the one held stays.
    const Currency other = *Currency::from_code(u.value.currency().code_view() == "EUR" ? "USD" : "EUR");
    EXPECT_FALSE(u.set_reinstatement_price(Money(1, other)));
    EXPECT_EQ(u.reinstatement_price()->minor_units(), 12345);
    // Copies keep it; none clears it.
    const UnitOpportunity copy = u;
    EXPECT_EQ(copy.reinstatement_price(), u.reinstatement_price());
    EXPECT_TRUE(u.set_reinstatement_price(std::nullopt));
    EXPECT_FALSE(u.reinstatement_price());
    EXPECT_TRUE(copy.reinstatement_price());
}

TEST(FleetEvaluation, ValueCountsOneRenewalPathTimesQuantity) {
    // 60 days after expiry: post-warranty (no extension possible any more) is the renewal path;
    // reinstatement is not offered yet. With quantity 3 every counted price triples.
    DeviceInput in = device("21HD", "2020-01-01");
    const UnitOpportunity one = evaluate_unit(test::sample_catalog(), facts_of(in), test::date("2023-03-02"));
    in.quantity = 3;
    const UnitOpportunity three = evaluate_unit(test::sample_catalog(), facts_of(in), test::date("2023-03-02"));
    EXPECT_EQ(three.quantity, 3);
    EXPECT_EQ(three.value.minor_units(), 3 * one.value.minor_units()) << describe(one);
    std::int64_t counted = 0;
    for (const BestOffer& o : one.best_offers()) {
        const OfferKind k = o.offering->kind;
        if (k == OfferKind::PostWarranty && best_of_kind(one, OfferKind::Extension)) continue;
        if (k == OfferKind::Reinstatement &&
            (best_of_kind(one, OfferKind::Extension) || best_of_kind(one, OfferKind::PostWarranty)))
            continue;
        counted += o.unit_price_minor();
    }
    EXPECT_EQ(one.value.minor_units(), counted) << describe(one);
}

TEST(FleetEvaluation, ExtendedCoverageEndMovesThePostWarrantyWindow) {
    // coverage_end from the fleet file (an extension bought earlier) replaces the base end.
    DeviceInput in = device("21HD", "2020-01-01");
    in.coverage_end = test::date("2024-01-01");
    in.services_held = {OfferKind::Extension};
    const DeviceFacts facts = facts_of(in);
    EXPECT_EQ(facts.coverage_end, test::date("2024-01-01"));
    const UnitOpportunity day60 = evaluate_unit(test::sample_catalog(), facts, test::date("2024-03-01"));
    EXPECT_NE(best_of_kind(day60, OfferKind::PostWarranty), nullptr) << describe(day60);
    EXPECT_FALSE(day60.lapsed);
    // Day 61: lapsed; a 1-year reinstatement would run to 2025-03-01, past the 5-year life limit
    // (2025-01-01), so there is nothing to reinstate either.
    const UnitOpportunity day61 = evaluate_unit(test::sample_catalog(), facts, test::date("2024-03-02"));
    EXPECT_TRUE(day61.lapsed) << describe(day61);
    EXPECT_FALSE(day61.reinstatement_price()) << describe(day61);
    if (day61.windows().empty()) {
        EXPECT_EQ(day61.bucket, WindowBucket::Lapsed) << describe(day61);
    }
}

TEST(FleetEvaluation, AnEarlierCoverageEndThanTheBaseEndIsIgnored) {
    DeviceInput in = device("21HD", "2025-01-01");
    in.coverage_end = test::date("2025-06-01");
    EXPECT_EQ(facts_of(in).coverage_end, test::date("2028-01-01"));
}

// ---- Summary -------------------------------------------------------------------------------

FleetParse parse(const std::string& text) {
    FleetParse p = parse_fleet_csv(text);
    EXPECT_FALSE(p.fatal);
    for (const FleetRowError& e : p.errors) ADD_FAILURE() << "line " << e.line << " " << e.column << ": " << e.message;
    return p;
}

TEST(FleetEvaluation, ExpiriesByMonthCountUnitsPerMonthOfCoverageEnd) {
    // 24 months from the as-of month (2026-11 .. 2028-10); earlier or later ends are not listed.
    const FleetParse p = parse(
        "serial,mtm,ship_date,coverage_end,quantity\n"
        "A,21HD,2019-01-01,2026-10-31,1\n"  // before the as-of month: not listed
        "B,21HD,2019-01-01,2026-11-01,1\n"  // as-of month, already past: listed
        "C,21HD,2019-01-01,2026-11-30,5\n"  // quantity does not multiply the count of units (rows)
        "D,21HD,2019-01-01,2026-12-31,1\n"
        "E,21HD,2019-01-01,2027-01-01,1\n"
        "F,21HD,2019-01-01,2028-10-31,1\n"  // the 24th month
        "G,21HD,2019-01-01,2028-11-01,1\n"  // the 25th: not listed
        "H,21JK,2025-12-01,,1\n");          // base end 2026-12-01
    const FleetResult r = evaluate_fleet(test::sample_catalog(), p, kAsOf);
    ASSERT_EQ(r.units.size(), 8u);
    const auto& months = r.summary.expiries_by_month;
    ASSERT_EQ(months.size(), 24u);
    EXPECT_EQ(months.front().first, "2026-11");
    EXPECT_EQ(months[1].first, "2026-12");
    EXPECT_EQ(months[2].first, "2027-01");
    EXPECT_EQ(months.back().first, "2028-10");
    std::map<std::string, std::int64_t> expected = {{"2026-11", 2}, {"2026-12", 2}, {"2027-01", 1}, {"2028-10", 1}};
    for (const auto& [month, units] : months) EXPECT_EQ(units, expected.count(month) ? expected[month] : 0) << month;
}

FleetSummary empty_summary_like(const FleetSummary& reference) {
    // What evaluate_fleet starts from: zero money in the catalog currency, the 24 month labels.
    FleetSummary s;
    s.value = Money(0, test::sample_catalog().policy.currency);
    for (BucketTotals& b : s.by_bucket) b.value = s.value;
    for (const auto& [month, units] : reference.expiries_by_month) s.expiries_by_month.emplace_back(month, 0);
    return s;
}

std::string small_fleet_csv() {
    // Every machine type x ship dates over six years x both channels, some with a purchase date,
    // an earlier extension (coverage_end), services held, quantities and customers.
    const Catalog& c = test::sample_catalog();
    std::string text = "serial,mtm,ship_date,purchase_date,channel,coverage_end,services,customer,quantity,asset\n";
    const char* ships[] = {"2020-12-01", "2021-09-15", "2022-11-20", "2023-08-31", "2023-12-29", "2024-02-29",
                           "2024-10-01", "2025-06-01", "2025-11-30", "2026-03-15", "2026-08-28", "2026-11-01"};
    int n = 0;
    for (const MachineType& mt : c.machine_types)
        for (const char* ship : ships) {
            ++n;
            const Date s = test::date(ship);
            std::string purchase = n % 3 == 0 ? s.plus_days(n % 40).to_string() : "";
            std::string coverage = n % 5 == 0 ? term_end(s.plus_days(1), 4).to_string() : "";
            std::string services = n % 5 == 0 ? "extension" : n % 7 == 0 ? "adp;kyd" : "";
            char customer[32];
            std::snprintf(customer, sizeof customer, "Customer %04d", n % 17);
            text += "U" + std::to_string(n) + "," + mt.mt + "," + ship + "," + purchase + "," +
                    (n % 2 ? "direct" : "distributor") + "," + coverage + "," + services + "," +
                    (n % 11 == 0 ? "" : customer) + "," + std::to_string(1 + n % 4) + ",tag" + std::to_string(n) + "\n";
        }
    return text;
}

TEST(FleetEvaluation, SummaryIsTheSumOfItsUnits) {
    const FleetParse p = parse(small_fleet_csv());
    const FleetResult r = evaluate_fleet(test::sample_catalog(), p, kAsOf);
    ASSERT_EQ(r.units.size(), p.rows.size());
    FleetSummary sum = empty_summary_like(r.summary);
    for (const UnitOpportunity& u : r.units) add_to_summary(sum, u, kAsOf);

    EXPECT_EQ(sum.units, r.summary.units);
    EXPECT_EQ(sum.value, r.summary.value);
    // Independent re-sum by hand, not through add_to_summary.
    std::array<std::int64_t, kWindowBucketCount> units{}, value{};
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> customers, types;
    std::int64_t total = 0;
    for (const UnitOpportunity& u : r.units) {
        const auto b = static_cast<std::size_t>(u.bucket);
        units[b] += 1;
        value[b] += u.value.minor_units();
        auto& cu = customers[u.customer().empty() ? std::string("(no customer)") : std::string(u.customer())];
        cu.first += 1;
        cu.second += u.value.minor_units();
        auto& ty = types[std::string(u.machine_type)];
        ty.first += 1;
        ty.second += u.value.minor_units();
        total += u.value.minor_units();
    }
    EXPECT_EQ(r.summary.value.minor_units(), total);
    for (int b = 0; b < kWindowBucketCount; ++b) {
        const auto i = static_cast<std::size_t>(b);
        EXPECT_EQ(r.summary.by_bucket[i].units, units[i]) << to_string(static_cast<WindowBucket>(b));
        EXPECT_EQ(r.summary.by_bucket[i].value.minor_units(), value[i]) << to_string(static_cast<WindowBucket>(b));
        EXPECT_EQ(sum.by_bucket[i].units, r.summary.by_bucket[i].units);
        EXPECT_EQ(sum.by_bucket[i].value, r.summary.by_bucket[i].value);
    }
    ASSERT_EQ(r.summary.by_customer.size(), customers.size());
    for (const auto& [name, t] : r.summary.by_customer) {
        EXPECT_EQ(t.units, customers[name].first) << name;
        EXPECT_EQ(t.value.minor_units(), customers[name].second) << name;
        EXPECT_EQ(sum.by_customer.at(name).value, t.value) << name;
    }
    ASSERT_EQ(r.summary.by_machine_type.size(), types.size());
    for (const auto& [mt, t] : r.summary.by_machine_type) {
        EXPECT_EQ(t.units, types[mt].first) << mt;
        EXPECT_EQ(t.value.minor_units(), types[mt].second) << mt;
    }
    EXPECT_EQ(sum.expiries_by_month, r.summary.expiries_by_month);
    // The fleet covers several buckets, so the test is not vacuous.
    int used = 0;
    for (const BucketTotals& b : r.summary.by_bucket) used += b.units > 0;
    EXPECT_GE(used, 4);
}

// Each summary's totals per customer and machine type, as plain text to compare in one go.
std::string totals_by_name(const FleetSummary& s) {
    std::string out;
    for (const auto* by : {&s.by_customer, &s.by_machine_type})
        for (const auto& [name, t] : *by) out += name + "=" + std::to_string(t.units) + "/" + t.value.to_string() + ";";
    return out + "|" + std::to_string(s.units) + "/" + s.value.to_string();
}

TEST(FleetEvaluation, SummaryIndexGivesPlainSumsWhenItsSummaryIsMovedClearedOrSwapped) {
    const FleetParse p = parse(small_fleet_csv());
    const FleetResult r = evaluate_fleet(test::sample_catalog(), p, kAsOf);
    ASSERT_GE(r.units.size(), 40u);
    const std::size_t half = r.units.size() / 2;
    auto plain_sum = [&](std::size_t from, std::size_t to) {
        FleetSummary s = empty_summary_like(r.summary);
        for (std::size_t i = from; i < to; ++i) add_to_summary(s, r.units[i], kAsOf);
        return s;
    };
    SummaryIndex index;
    FleetSummary first = empty_summary_like(r.summary);
    for (std::size_t i = 0; i < half; ++i) add_to_summary(first, r.units[i], kAsOf, index);
    EXPECT_EQ(totals_by_name(first), totals_by_name(plain_sum(0, half)));

    // Moved away: the index must not write into the nodes the moved-to summary now owns.
    FleetSummary kept = std::move(first);
    first = empty_summary_like(r.summary);
    for (std::size_t i = half; i < r.units.size(); ++i) add_to_summary(first, r.units[i], kAsOf, index);
    EXPECT_EQ(totals_by_name(first), totals_by_name(plain_sum(half, r.units.size())));
    EXPECT_EQ(totals_by_name(kept), totals_by_name(plain_sum(0, half)));

    // Back to the kept summary (another map for the index), then its customers cleared by hand.
    for (std::size_t i = half; i < r.units.size(); ++i) add_to_summary(kept, r.units[i], kAsOf, index);
    EXPECT_EQ(totals_by_name(kept), totals_by_name(plain_sum(0, r.units.size())));
    kept.by_customer.clear();
    add_to_summary(kept, r.units[0], kAsOf, index);
    ASSERT_EQ(kept.by_customer.size(), 1u);
    EXPECT_EQ(kept.by_customer.begin()->second.units, 1);

    // Replaced by another summary of as many customers and machine types: the index must see it.
    FleetSummary other = plain_sum(0, 1);
    ASSERT_EQ(other.by_customer.size(), kept.by_customer.size());
    kept = std::move(other);
    add_to_summary(kept, r.units[0], kAsOf, index);
    EXPECT_EQ(totals_by_name(kept), totals_by_name([&] {
                  FleetSummary twice = plain_sum(0, 1);
                  add_to_summary(twice, r.units[0], kAsOf);
                  return twice;
              }()));
}

// An evaluation stopped after some rows (a cancel) and resumed from what it took gives what one
// that never stopped gives: the same units in order, errors and summary.
TEST(FleetEvaluation, AResumedEvaluationEndsAsOneThatNeverStopped) {
    std::string text = test::kGeneratedFleetHeader;
    for (const std::string& row : test::generated_rows(3000)) text += row;
    text += "ZZ1,9999,2025-01-10,,direct,new,US,,,Customer X,1,\n";  // a machine type the catalog lacks
    const FleetParse parsed = parse_fleet_csv(text);                 // with the generated bad rows among its errors
    ASSERT_FALSE(parsed.fatal);
    const FleetResult whole = evaluate_fleet(test::sample_catalog(), parsed, kAsOf);
    ASSERT_GT(whole.errors.size(), parsed.errors.size()) << "no row the evaluation refused";
    for (const std::size_t stop : {std::size_t{0}, std::size_t{1}, std::size_t{1234}, parsed.rows.size() - 1}) {
        SCOPED_TRACE("stopped after " + std::to_string(stop) + " rows");
        FleetEvaluation first(test::sample_catalog(), parsed, kAsOf);
        first.step(stop);
        ASSERT_EQ(first.done(), stop);
        FleetEvaluation rest(test::sample_catalog(), parsed, first.take(), stop);
        while (!rest.step(500)) {}
        const FleetResult resumed = rest.take();
        ASSERT_EQ(resumed.units.size(), whole.units.size());
        for (std::size_t i = 0; i < whole.units.size(); ++i) {
            ASSERT_EQ(resumed.units[i].line, whole.units[i].line) << "unit " << i;
            EXPECT_EQ(resumed.units[i].bucket, whole.units[i].bucket) << "line " << whole.units[i].line;
            EXPECT_EQ(resumed.units[i].value, whole.units[i].value) << "line " << whole.units[i].line;
        }
        ASSERT_EQ(resumed.errors.size(), whole.errors.size());
        for (std::size_t i = 0; i < whole.errors.size(); ++i)
            EXPECT_EQ(std::to_string(resumed.errors[i].line) + " " + resumed.errors[i].message,
                      std::to_string(whole.errors[i].line) + " " + whole.errors[i].message);
        EXPECT_EQ(totals_by_name(resumed.summary), totals_by_name(whole.summary));
        EXPECT_EQ(resumed.summary.rows_with_errors, whole.summary.rows_with_errors);
        EXPECT_EQ(resumed.summary.expiries_by_month, whole.summary.expiries_by_month);
        EXPECT_EQ(resumed.summary.expiries_by_month_bucket, whole.summary.expiries_by_month_bucket);
        for (std::size_t b = 0; b < whole.summary.by_bucket.size(); ++b)
            EXPECT_EQ(resumed.summary.by_bucket[b].units, whole.summary.by_bucket[b].units) << b;
    }
}

TEST(FleetEvaluation, AddToSummaryWorksOnADefaultSummary) {
    // fleet.hpp: "tests re-sum units with it". A default FleetSummary has no month slots, so this
    // must neither crash nor write out of bounds (run in a child process: a crash fails this test only).
    const UnitOpportunity u = evaluate_unit(test::sample_catalog(), facts_of(device("21JK", "2025-12-01")), kAsOf);
    ASSERT_EQ(u.coverage_end, test::date("2026-12-01"));  // inside the 24 months
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            FleetSummary s;
            add_to_summary(s, u, kAsOf);
            std::exit(s.units == 1 && s.value == u.value ? 0 : 3);
        },
        ::testing::ExitedWithCode(0), "");
}

// ---- Fleet path == single-device path ------------------------------------------------------

bool same_window(const std::optional<DateRange>& a, const std::optional<DateRange>& b) {
    return a.has_value() == b.has_value() && (!a || (a->from == b->from && a->until == b->until));
}

bool renewal_kind(OfferKind k) {
    return k != OfferKind::Deployment && k != OfferKind::Recovery && k != OfferKind::Support;
}

TEST(FleetEvaluation, FleetUnitsMatchThePerUnitEvaluation) {
    const Catalog& c = test::sample_catalog();
    const FleetParse p = parse(small_fleet_csv());
    const FleetResult r = evaluate_fleet(c, p, kAsOf);
    ASSERT_EQ(r.units.size(), p.rows.size());
    std::size_t best_checked = 0;
    for (std::size_t i = 0; i < r.units.size(); ++i) {
        const UnitOpportunity& u = r.units[i];
        const FleetRow& row = p.rows[i];
        ASSERT_EQ(u.line, row.line);
        SCOPED_TRACE("line " + std::to_string(row.line) + " " + row.device.serial + ": " + describe(u));
        EXPECT_EQ(u.serial(), row.device.serial);
        EXPECT_EQ(u.customer(), row.customer);
        EXPECT_EQ(u.quantity, row.device.quantity);
        const DeviceFacts facts = facts_of(row.device);
        EXPECT_EQ(u.coverage_end, facts.coverage_end);

        // The same unit through evaluate_unit directly.
        const UnitOpportunity direct = evaluate_unit(c, facts, kAsOf);
        EXPECT_EQ(direct.bucket, u.bucket);
        EXPECT_EQ(direct.value, u.value);
        EXPECT_EQ(direct.lapsed, u.lapsed);
        EXPECT_EQ(direct.reinstatement_price(), u.reinstatement_price());
        ASSERT_EQ(direct.best_offers().size(), u.best_offers().size());
        ASSERT_EQ(direct.windows().size(), u.windows().size());

        // Every best offer is eligible in the single-device evaluation, same term, window and price,
        // and no eligible offer of its kind has more coverage (or the same at a lower price).
        const std::vector<Offer> offers = evaluate_offers(c, facts, kAsOf);
        for (const BestOffer& best : u.best_offers()) {
            const auto same = std::find_if(offers.begin(), offers.end(), [&](const Offer& o) {
                return o.offering == best.offering && o.term_years == best.term_years;
            });
            ASSERT_NE(same, offers.end()) << best.offering->id;
            EXPECT_EQ(same->status, OfferStatus::Eligible) << best.offering->id << " " << best.term_years << "y";
            EXPECT_TRUE(same_window(same->window, best.window())) << best.offering->id;
            EXPECT_EQ(same->unit_price, u.unit_price(best)) << best.offering->id;
            for (const Offer& o : offers) {
                if (o.offering->kind != best.offering->kind || o.status != OfferStatus::Eligible || !o.unit_price)
                    continue;
                EXPECT_TRUE(o.term_years < best.term_years ||
                            (o.term_years == best.term_years && o.unit_price->minor_units() >= best.unit_price_minor()))
                    << o.offering->id << " " << o.term_years << "y beats " << best.offering->id << " "
                    << best.term_years << "y";
            }
            ++best_checked;
        }
        // Every renewal kind with an eligible, priced offer has a best offer; windows are the earliest
        // closing eligible window of each kind.
        for (const Offer& o : offers) {
            if (!renewal_kind(o.offering->kind) || o.status != OfferStatus::Eligible || !o.unit_price) continue;
            EXPECT_NE(best_of_kind(u, o.offering->kind), nullptr) << "no best offer for eligible " << o.offering->id;
            if (!o.window) continue;
            const auto w = std::find_if(u.windows().begin(), u.windows().end(),
                                        [&](const ClosingWindow& cw) { return cw.kind() == o.offering->kind; });
            ASSERT_NE(w, u.windows().end()) << "no window for " << o.offering->id;
            EXPECT_LE(w->closes, o.window->until) << o.offering->id;
            EXPECT_EQ(w->days_left, days_between(kAsOf, w->closes));
        }
        for (const ClosingWindow& w : u.windows()) {
            const bool found = std::any_of(offers.begin(), offers.end(), [&](const Offer& o) {
                return o.offering == w.offering && o.status == OfferStatus::Eligible && o.window &&
                       o.window->until == w.closes;
            });
            EXPECT_TRUE(found) << "window " << w.offering->id << " " << w.closes.to_string()
                               << " is not an eligible offer's window";
        }
        // The bucket follows from the earliest window.
        if (!u.windows().empty()) {
            const int d = u.windows().front().days_left;
            const WindowBucket expected = d <= 30   ? WindowBucket::Closing0To30
                                          : d <= 60 ? WindowBucket::Closing31To60
                                          : d <= 90 ? WindowBucket::Closing61To90
                                                    : WindowBucket::OpenLater;
            EXPECT_EQ(u.bucket, expected);
        } else {
            EXPECT_EQ(u.bucket, u.lapsed ? WindowBucket::Lapsed : WindowBucket::Nothing);
        }
    }
    EXPECT_GT(best_checked, r.units.size());
}

TEST(FleetEvaluation, RepeatedDevicesKeepTheirOwnSerialCustomerAndLine) {
    // evaluate_fleet may reuse the answer of an identical device; each unit must still be its own row
    // and equal the single-device answer (the MTM suffix and case, serial and customer do not matter).
    const Catalog& c = test::sample_catalog();
    const FleetParse p = parse(
        "serial,mtm,ship_date,customer,quantity\n"
        "R1,21HD,2026-01-01,Alpha,1\n"
        ",21hdcto1ww,2026-01-01,Beta,1\n"
        "R3,21HD123US,2026-01-01,,1\n"
        "R4,21HD,2026-01-01,Alpha,2\n"  // a different quantity is a different answer
        "R5,21HD,2026-01-02,Alpha,1\n"
        "R6,21HD,2026-01-01,Gamma,1\n");
    const FleetResult r = evaluate_fleet(c, p, test::date("2026-03-01"));
    ASSERT_EQ(r.units.size(), 6u);
    for (std::size_t i = 0; i < r.units.size(); ++i) {
        const UnitOpportunity& u = r.units[i];
        const FleetRow& row = p.rows[i];
        const UnitOpportunity direct = evaluate_unit(c, facts_of(row.device), test::date("2026-03-01"));
        SCOPED_TRACE("line " + std::to_string(row.line) + ": " + describe(u) + " / direct: " + describe(direct));
        EXPECT_EQ(u.line, row.line);
        EXPECT_EQ(u.serial(), row.device.serial);
        EXPECT_EQ(u.mtm(), row.device.mtm);
        EXPECT_EQ(u.customer(), row.customer);
        EXPECT_EQ(u.quantity, row.device.quantity);
        EXPECT_EQ(u.value, direct.value);
        EXPECT_EQ(u.bucket, direct.bucket);
        EXPECT_EQ(u.coverage_end, direct.coverage_end);
        ASSERT_EQ(u.best_offers().size(), direct.best_offers().size());
        for (std::size_t k = 0; k < u.best_offers().size(); ++k) {
            EXPECT_EQ(u.best_offers()[k].offering, direct.best_offers()[k].offering);
            EXPECT_EQ(u.best_offers()[k].term_years, direct.best_offers()[k].term_years);
            EXPECT_TRUE(same_window(u.best_offers()[k].window(), direct.best_offers()[k].window()));
            EXPECT_EQ(u.unit_price(u.best_offers()[k]), direct.unit_price(direct.best_offers()[k]));
        }
        ASSERT_EQ(u.windows().size(), direct.windows().size());
        for (std::size_t k = 0; k < u.windows().size(); ++k) {
            EXPECT_EQ(u.windows()[k].offering, direct.windows()[k].offering);
            EXPECT_EQ(u.windows()[k].closes, direct.windows()[k].closes);
        }
    }
    EXPECT_EQ(r.units[3].value.minor_units(), 2 * r.units[0].value.minor_units());
    EXPECT_EQ(r.summary.by_customer.at("Alpha").units, 3);
    EXPECT_EQ(r.summary.by_customer.at("(no customer)").units, 1);
}

TEST(FleetEvaluation, ARememberedDeviceDoesNotHideABadMtmSuffix) {
    // The first four characters pick the machine type, but a unit whose MTM has a character the
    // resolver refuses must get its error even right after a good unit of the same type.
    const Catalog& c = test::sample_catalog();
    FleetEvaluator evaluator(c, test::date("2026-03-01"));
    std::vector<FleetRowError> errors;
    FleetRow good;
    good.line = 2;
    good.device = device("21HD", "2026-01-01");
    ASSERT_TRUE(evaluator.evaluate(good, errors)) << (errors.empty() ? "" : errors.front().message);
    FleetRow bad = good;
    bad.line = 3;
    bad.device.mtm = "21HD\xC3\x89X";  // a multi-byte letter after the machine type
    EXPECT_FALSE(evaluator.evaluate(bad, errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, "mtm");
    EXPECT_EQ(evaluator.summary().units, 1);
}

TEST(FleetEvaluation, ThePerRowEvaluatorAndTheWholeFleetAgree) {
    // apos fleet streams rows through FleetEvaluator; the page evaluates a parsed fleet: same
    // units, same errors, same summary.
    const Catalog& c = test::sample_catalog();
    const std::string text =
        "serial,mtm,ship_date,customer,quantity,site\n"
        "A1,21HD,2026-01-01,Alpha,1,North\n"
        "A2,XXXX,2026-01-01,Alpha,1,North\n"
        "A3,21F6,2023-05-01,Beta,2,South\n"
        "A4,21HD,2026-02-30,Beta,1,South\n"
        "A5,21HD,2026-01-01,,1,\n";
    const Date as_of = test::date("2026-03-01");
    const FleetResult whole = evaluate_fleet(c, parse_fleet_csv(text), as_of);

    FleetCsvReader reader(text);
    ASSERT_FALSE(reader.fatal());
    EXPECT_EQ(reader.extra_columns(), std::vector<std::string>{"site"});
    FleetEvaluator evaluator(c, as_of);
    std::vector<FleetRowError> errors;
    std::vector<UnitOpportunity> units;
    FleetRow row;
    while (reader.next(row, errors))
        if (const UnitOpportunity* unit = evaluator.evaluate(row, errors)) units.push_back(*unit);
    const std::int64_t bad_rows = sort_and_count_error_rows(errors);

    ASSERT_EQ(units.size(), whole.units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        EXPECT_EQ(units[i].line, whole.units[i].line);
        EXPECT_EQ(units[i].value, whole.units[i].value) << "line " << units[i].line;
        EXPECT_EQ(units[i].bucket, whole.units[i].bucket) << "line " << units[i].line;
    }
    ASSERT_EQ(errors.size(), whole.errors.size());
    for (std::size_t i = 0; i < errors.size(); ++i) {
        EXPECT_EQ(errors[i].line, whole.errors[i].line);
        EXPECT_EQ(errors[i].message, whole.errors[i].message);
    }
    EXPECT_EQ(bad_rows, 2);
    EXPECT_EQ(bad_rows, whole.summary.rows_with_errors);
    EXPECT_EQ(evaluator.summary().units, whole.summary.units);
    EXPECT_EQ(evaluator.summary().value, whole.summary.value);
    EXPECT_EQ(evaluator.summary().by_customer.size(), whole.summary.by_customer.size());
}

}  // namespace
}  // namespace apos

namespace apos {
namespace {

// What the fleet view puts on a quote for a unit must sell as a whole: no service rejected.
TEST(FleetProposal, ProposedServicesSellTogetherOnOneQuoteItem) {
    const char* csv =
        "serial,mtm,ship_date,channel,coverage_end,services\n"
        "P1,21JK,2026-10-01,direct,,\n"       // new ThinkPad E: extension, ADP, KYD, SBTY all open
        "P2,12DL,2024-01-10,distributor,,\n"  // ThinkCentre past its base: post-warranty or reinstatement
        "P3,30FM,2024-02-01,direct,,\n"       // ThinkStation in its base term
        "P4,20UV,2026-09-15,direct,,adp\n"    // tablet already holding ADP
        "P5,21HD,2023-11-20,direct,,\n";      // 3-year ThinkPad near its end
    const Date as_of = test::date("2026-11-26");
    const FleetParse parsed = parse_fleet_csv(csv);
    ASSERT_TRUE(parsed.errors.empty());
    const FleetResult result = evaluate_fleet(test::sample_catalog(), parsed, as_of);
    ASSERT_EQ(result.units.size(), 5u);
    std::size_t proposed_total = 0;
    for (std::size_t i = 0; i < result.units.size(); ++i) {
        const UnitOpportunity& unit = result.units[i];
        QuoteRequest request;
        request.as_of = as_of;
        QuoteItemRequest item;
        item.device = parsed.rows[i].device;
        item.services = proposed_services(test::sample_catalog(), item.device, unit, as_of);
        proposed_total += item.services.size();
        if (!unit.best_offers().empty()) {
            EXPECT_FALSE(item.services.empty()) << unit.serial();
        }
        request.items.push_back(item);
        const Quote quote = build_quote(test::sample_catalog(), request);
        EXPECT_TRUE(quote.rejected.empty())
            << unit.serial() << ": "
            << (quote.rejected.empty() ? "" : quote.rejected[0].label + ": " + quote.rejected[0].reasons[0].rule);
        EXPECT_EQ(quote.lines.size(), item.services.size()) << unit.serial();
    }
    EXPECT_GE(proposed_total, 8u);  // not trivially empty
}

TEST(FleetProposal, RadarMonthsSplitByBucketAddUpToTheMonths) {
    const FleetParse parsed =
        parse_fleet_csv("serial,mtm,ship_date\nA,21JK,2025-12-03\nB,21JK,2025-12-20\nC,12DL,2024-12-10\n");
    const FleetResult result = evaluate_fleet(test::sample_catalog(), parsed, test::date("2026-11-26"));
    ASSERT_EQ(result.summary.expiries_by_month_bucket.size(), result.summary.expiries_by_month.size());
    std::int64_t seen = 0;
    for (std::size_t m = 0; m < result.summary.expiries_by_month.size(); ++m) {
        std::int64_t split = 0;
        for (std::int64_t n : result.summary.expiries_by_month_bucket[m]) split += n;
        EXPECT_EQ(split, result.summary.expiries_by_month[m].second) << result.summary.expiries_by_month[m].first;
        seen += split;
    }
    EXPECT_GE(seen, 1);
}

TEST(FleetEvaluation, UnitsComeInTheOrderOfTheirLinesWhenEvaluatedInSteps) {
    // The page's units table shows a fleet in file order without sorting it: that order is the
    // evaluation's own, step by step, bad rows left out.
    std::string text = test::kGeneratedFleetHeader;
    const std::vector<std::string> rows = test::generated_rows(3000);
    for (std::size_t i = 0; i < rows.size(); ++i)
        text += i % 97 == 5 ? "BAD" + std::to_string(i) + ",XXXX,2026-01-01\n" : rows[i];
    const FleetParse parsed = parse_fleet_csv(text);
    FleetEvaluation evaluation(test::sample_catalog(), parsed, kAsOf);
    while (!evaluation.step(61)) {}
    const FleetResult result = evaluation.take();
    ASSERT_GT(result.units.size(), 2000u);
    EXPECT_FALSE(result.errors.empty());
    for (std::size_t i = 1; i < result.units.size(); ++i)
        ASSERT_LT(result.units[i - 1].line, result.units[i].line) << "unit " << i;
}

}  // namespace
}  // namespace apos
