// Base warranty length by country of purchase (BW-COUNTRY, G:2281): one row per case, each
// citing its source and printed whole on failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "apos/device.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

struct CountryRow {
    std::string source;  // guide line the row follows
    std::string mtm;
    std::string country;
    Channel channel = Channel::Direct;
    int base_years = 0;         // expected length
    std::string base_end;       // expected last day (ship 2026-01-01, base from 2026-01-02)
    bool country_fact = false;  // BW-COUNTRY explains the length
};

std::ostream& operator<<(std::ostream& out, const CountryRow& r) {
    return out << r.source << ": " << r.mtm << " bought in " << r.country << " via " << to_string(r.channel) << " -> "
               << r.base_years << " years to " << r.base_end << (r.country_fact ? " (BW-COUNTRY)" : "");
}

// 21HD: 3 years, 1 in IN (sample); 12DL: 1 year, 3 in GB (sample); 21JK lists no country.
const std::vector<CountryRow> kRows = {
    {"G:2281", "21HD", "US", Channel::Direct, 3, "2029-01-01", false},
    {"G:2281", "21HD", "IN", Channel::Direct, 1, "2027-01-01", true},
    {"G:2281", "12DL", "US", Channel::Direct, 1, "2027-01-01", false},
    {"G:2281", "12DL", "GB", Channel::Direct, 3, "2029-01-01", true},
    {"G:2281", "21JK", "IN", Channel::Direct, 1, "2027-01-01", false},
    // The country's length is the one the distributor buffer is added to (G:2105-2107).
    {"G:2281, 2105-2107", "21HD", "IN", Channel::Distributor, 1, "2027-02-15", true},
};

class BaseWarrantyByCountry : public testing::TestWithParam<CountryRow> {};

TEST_P(BaseWarrantyByCountry, LengthFollowsTheCountryOfPurchase) {
    const CountryRow& r = GetParam();
    DeviceInput input;
    input.mtm = r.mtm;
    input.country = r.country;
    input.channel = r.channel;
    input.ship_date = test::date("2026-01-01");
    const DeviceResolution resolved = resolve_device(test::sample_catalog(), input);
    ASSERT_TRUE(resolved.facts) << r;
    const DeviceFacts& facts = *resolved.facts;
    EXPECT_EQ(facts.base_years, r.base_years) << r;
    EXPECT_EQ(facts.base_end.to_string(), r.base_end) << r;
    const bool fact =
        std::any_of(facts.notes.begin(), facts.notes.end(), [](const FactNote& n) { return n.rule == "BW-COUNTRY"; });
    EXPECT_EQ(fact, r.country_fact) << r;
}

INSTANTIATE_TEST_SUITE_P(Rows, BaseWarrantyByCountry, testing::ValuesIn(kRows));

TEST(BaseWarrantyByCountry, TheFactNamesTheCountryAndBothLengths) {
    DeviceInput input;
    input.mtm = "21HD";
    input.country = "IN";
    input.ship_date = test::date("2026-01-01");
    const DeviceResolution resolved = resolve_device(test::sample_catalog(), input);
    ASSERT_TRUE(resolved.facts);
    const auto& notes = resolved.facts->notes;
    const auto it = std::find_if(notes.begin(), notes.end(), [](const FactNote& n) { return n.rule == "BW-COUNTRY"; });
    ASSERT_NE(it, notes.end());
    EXPECT_NE(it->message.find("IN"), std::string::npos) << it->message;
    EXPECT_NE(it->message.find("1 year"), std::string::npos) << it->message;
    EXPECT_NE(it->message.find("3 years"), std::string::npos) << it->message;
    EXPECT_EQ(it->source, "G:2281");
}

}  // namespace
}  // namespace apos
