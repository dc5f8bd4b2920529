// Quote requests (CLI --request, JS API): a good request parses whole; every bad field is reported at its JSON pointer;
// device country codes.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apos/json_io.hpp"
#include "test_catalog.hpp"

namespace apos {
namespace {

using nlohmann::ordered_json;
using test::date;

const char* const kGoodRequest = R"({
  "as_of": "2025-06-15",
  "customer": {"segment": "education", "new_customer": true, "programs": ["NCB", "PDP"]},
  "items": [
    {
      "device": {"mtm": "21JKCTO1WW", "serial": "PF123456", "ship_date": "2025-03-02", "purchase_date": "2025-03-10",
                 "channel": "distributor", "condition": "new", "country": "DE", "quantity": 25, "segment": "education"},
      "hardware": true,
      "services": [
        {"id": "ext-onsite-nbd"},
        {"kind": "upgrade", "term_years": 3, "level": "onsite-nbd"}
      ]
    },
    {
      "device": {"mtm": "20BU", "ship_date": "2024-02-29"},
      "services": []
    }
  ]
})";

std::string errors_text(const std::vector<InputError>& errors) {
    std::string text;
    for (const InputError& e : errors) text += "\n  " + e.to_string();
    return text.empty() ? " (none)" : text;
}

const InputError* find_error(const std::vector<InputError>& errors, const std::string& where) {
    for (const InputError& e : errors)
        if (e.where == where) return &e;
    return nullptr;
}

// ---- A good request -------------------------------------------------------------------------------

TEST(QuoteRequestParse, GoodRequestParsesEveryField) {
    const QuoteRequestParse parsed = parse_quote_request(kGoodRequest, std::nullopt);
    ASSERT_TRUE(parsed.errors.empty()) << errors_text(parsed.errors);
    ASSERT_TRUE(parsed.request.has_value());
    const QuoteRequest& r = *parsed.request;
    EXPECT_EQ(r.as_of, date("2025-06-15"));
    EXPECT_EQ(r.segment, Segment::Education);
    EXPECT_TRUE(r.programs.new_customer);
    EXPECT_EQ(r.programs.opted_in, (std::vector<std::string>{"NCB", "PDP"}));
    ASSERT_EQ(r.items.size(), 2u);

    const QuoteItemRequest& first = r.items[0];
    EXPECT_EQ(first.device.mtm, "21JKCTO1WW");
    EXPECT_EQ(first.device.serial, "PF123456");
    EXPECT_EQ(first.device.ship_date, date("2025-03-02"));
    EXPECT_EQ(first.device.purchase_date, date("2025-03-10"));
    EXPECT_EQ(first.device.channel, Channel::Distributor);
    EXPECT_EQ(first.device.condition, Condition::New);
    EXPECT_EQ(first.device.country, "DE");
    EXPECT_EQ(first.device.quantity, 25);
    EXPECT_EQ(first.device.segment, Segment::Education);
    EXPECT_TRUE(first.include_hardware);
    ASSERT_EQ(first.services.size(), 2u);
    EXPECT_EQ(first.services[0].id, "ext-onsite-nbd");
    EXPECT_FALSE(first.services[0].kind.has_value());
    EXPECT_EQ(first.services[1].id, "");
    EXPECT_EQ(first.services[1].kind, OfferKind::Upgrade);
    EXPECT_EQ(first.services[1].term_years, 3);
    EXPECT_EQ(first.services[1].level, ServiceLevel::OnsiteNbd);

    const QuoteItemRequest& second = r.items[1];
    EXPECT_EQ(second.device.mtm, "20BU");
    EXPECT_EQ(second.device.ship_date, date("2024-02-29"));
    EXPECT_FALSE(second.device.purchase_date.has_value());
    EXPECT_FALSE(second.include_hardware);
    EXPECT_TRUE(second.services.empty());
}

TEST(QuoteRequestParse, OmittedOptionalFieldsTakeTheirDefaults) {
    const QuoteRequestParse parsed = parse_quote_request(
        R"({"as_of": "2025-06-15", "items": [{"device": {"mtm": "21HD", "ship_date": "2025-01-10"}}]})", std::nullopt);
    ASSERT_TRUE(parsed.request.has_value()) << errors_text(parsed.errors);
    const QuoteRequest& r = *parsed.request;
    EXPECT_EQ(r.segment, Segment::Smb);
    EXPECT_FALSE(r.programs.new_customer);
    EXPECT_TRUE(r.programs.opted_in.empty());
    const DeviceInput& d = r.items[0].device;
    EXPECT_EQ(d.channel, Channel::Direct);
    EXPECT_EQ(d.condition, Condition::New);
    EXPECT_EQ(d.country, "US");
    EXPECT_EQ(d.quantity, 1);
    EXPECT_FALSE(r.items[0].include_hardware);
    EXPECT_TRUE(r.items[0].services.empty());
}

TEST(QuoteRequestParse, QuantityLimitsAreInclusive) {
    for (int quantity : {1, 1000000}) {
        SCOPED_TRACE(quantity);
        ordered_json j = ordered_json::parse(kGoodRequest);
        j["items"][0]["device"]["quantity"] = quantity;
        const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
        ASSERT_TRUE(parsed.request.has_value()) << errors_text(parsed.errors);
        EXPECT_EQ(parsed.request->items[0].device.quantity, quantity);
    }
}

// ---- as_of and its default ---------------------------------------------------------------------------

TEST(QuoteRequestAsOf, MissingWithNoDefaultIsAnError) {
    ordered_json j = ordered_json::parse(kGoodRequest);
    j.erase("as_of");
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
    EXPECT_FALSE(parsed.request.has_value());
    ASSERT_EQ(parsed.errors.size(), 1u) << errors_text(parsed.errors);
    EXPECT_EQ(parsed.errors[0].where, "/as_of");
    EXPECT_NE(parsed.errors[0].message.find("missing"), std::string::npos);
}

TEST(QuoteRequestAsOf, MissingTakesTheDefault) {
    ordered_json j = ordered_json::parse(kGoodRequest);
    j.erase("as_of");
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), date("2026-07-01"));
    ASSERT_TRUE(parsed.request.has_value()) << errors_text(parsed.errors);
    EXPECT_EQ(parsed.request->as_of, date("2026-07-01"));
}

TEST(QuoteRequestAsOf, NullTakesTheDefault) {
    ordered_json j = ordered_json::parse(kGoodRequest);
    j["as_of"] = nullptr;
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), date("2026-07-01"));
    ASSERT_TRUE(parsed.request.has_value()) << errors_text(parsed.errors);
    EXPECT_EQ(parsed.request->as_of, date("2026-07-01"));
}

TEST(QuoteRequestAsOf, GivenInTheRequestWinsOverTheDefault) {
    const QuoteRequestParse parsed = parse_quote_request(kGoodRequest, date("2026-07-01"));
    ASSERT_TRUE(parsed.request.has_value()) << errors_text(parsed.errors);
    EXPECT_EQ(parsed.request->as_of, date("2025-06-15"));
}

TEST(QuoteRequestAsOf, BadDateIsAnErrorEvenWithADefault) {
    ordered_json j = ordered_json::parse(kGoodRequest);
    j["as_of"] = "2025-13-01";
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), date("2026-07-01"));
    EXPECT_FALSE(parsed.request.has_value());
    ASSERT_EQ(parsed.errors.size(), 1u) << errors_text(parsed.errors);
    EXPECT_EQ(parsed.errors[0].where, "/as_of");
}

// ---- Bad fields: each error carries the JSON pointer of the field -------------------------------------------

struct BadField {
    std::string what;
    std::function<void(ordered_json&)> change;  // applied to the good request
    std::string where;
    std::string message_word;
};

TEST(QuoteRequestErrors, EachBadFieldIsReportedAtItsJsonPointer) {
    const std::vector<BadField> rows = {
        {"impossible ship date", [](ordered_json& j) { j["items"][0]["device"]["ship_date"] = "2025-02-30"; },
         "/items/0/device/ship_date", "calendar date"},
        {"ship date not ISO", [](ordered_json& j) { j["items"][1]["device"]["ship_date"] = "03/02/2025"; },
         "/items/1/device/ship_date", "YYYY-MM-DD"},
        {"bad purchase date", [](ordered_json& j) { j["items"][0]["device"]["purchase_date"] = "2025-3-10"; },
         "/items/0/device/purchase_date", "YYYY-MM-DD"},
        {"unknown top-level field", [](ordered_json& j) { j["colour"] = "blue"; }, "/colour", "unknown field"},
        {"unknown customer field", [](ordered_json& j) { j["customer"]["vip"] = true; }, "/customer/vip",
         "unknown field"},
        {"unknown item field", [](ordered_json& j) { j["items"][0]["discount"] = 5; }, "/items/0/discount",
         "unknown field"},
        {"unknown device field", [](ordered_json& j) { j["items"][0]["device"]["color"] = "black"; },
         "/items/0/device/color", "unknown field"},
        {"unknown service field", [](ordered_json& j) { j["items"][0]["services"][1]["years"] = 3; },
         "/items/0/services/1/years", "unknown field"},
        {"negative quantity", [](ordered_json& j) { j["items"][0]["device"]["quantity"] = -1; },
         "/items/0/device/quantity", "from 1 to 1000000"},
        {"quantity 1000001", [](ordered_json& j) { j["items"][0]["device"]["quantity"] = 1000001; },
         "/items/0/device/quantity", "from 1 to 1000000"},
        {"quantity as text", [](ordered_json& j) { j["items"][0]["device"]["quantity"] = "3"; },
         "/items/0/device/quantity", "whole number"},
        {"fractional quantity", [](ordered_json& j) { j["items"][0]["device"]["quantity"] = 2.5; },
         "/items/0/device/quantity", "whole number"},
        {"huge quantity", [](ordered_json& j) { j["items"][0]["device"]["quantity"] = 18446744073709551615ULL; },
         "/items/0/device/quantity", "from 1 to 1000000"},
        {"unknown segment", [](ordered_json& j) { j["customer"]["segment"] = "retail"; }, "/customer/segment",
         "education"},
        {"unknown device segment", [](ordered_json& j) { j["items"][0]["device"]["segment"] = "Education"; },
         "/items/0/device/segment", "education"},
        {"unknown channel", [](ordered_json& j) { j["items"][0]["device"]["channel"] = "web"; },
         "/items/0/device/channel", "distributor"},
        {"unknown program FOO",
         [](ordered_json& j) {
             j["customer"]["programs"] = {"NCB", "FOO"};
         },
         "/customer/programs/1", "NCB, DEAL-REG, PDP"},
        {"program that needs no opt-in", [](ordered_json& j) { j["customer"]["programs"] = {"REBATE"}; },
         "/customer/programs/0", "NCB, DEAL-REG, PDP"},
        {"programs not an array", [](ordered_json& j) { j["customer"]["programs"] = "NCB"; }, "/customer/programs",
         "array"},
        {"new_customer not a boolean", [](ordered_json& j) { j["customer"]["new_customer"] = "yes"; },
         "/customer/new_customer", "true or false"},
        {"customer not an object", [](ordered_json& j) { j["customer"] = "education"; }, "/customer", "object"},
        {"services not an array",
         [](ordered_json& j) {
             j["items"][0]["services"] = {{"id", "adp"}};
         },
         "/items/0/services", "array"},
        {"service not an object", [](ordered_json& j) { j["items"][0]["services"][0] = "adp"; }, "/items/0/services/0",
         "\"id\""},
        {"service with neither id nor kind",
         [](ordered_json& j) { j["items"][0]["services"][0] = ordered_json::object(); }, "/items/0/services/0",
         "\"id\" or a \"kind\""},
        {"unknown service kind", [](ordered_json& j) { j["items"][0]["services"][1]["kind"] = "insurance"; },
         "/items/0/services/1/kind", "extension"},
        {"unknown service kind names the last kind too",
         [](ordered_json& j) { j["items"][0]["services"][1]["kind"] = "insurance"; }, "/items/0/services/1/kind",
         "support, battery, found \"insurance\""},
        {"unknown service level", [](ordered_json& j) { j["items"][0]["services"][1]["level"] = "onsite-1h"; },
         "/items/0/services/1/level", "onsite-nbd"},
        {"term of 11 years", [](ordered_json& j) { j["items"][0]["services"][1]["term_years"] = 11; },
         "/items/0/services/1/term_years", "from 0 to 10"},
        {"hardware not a boolean", [](ordered_json& j) { j["items"][0]["hardware"] = "yes"; }, "/items/0/hardware",
         "true or false"},
        {"empty items", [](ordered_json& j) { j["items"] = ordered_json::array(); }, "/items", "non-empty array"},
        {"missing items", [](ordered_json& j) { j.erase("items"); }, "/items", "non-empty array"},
        {"items not an array",
         [](ordered_json& j) {
             j["items"] = {{"device", 1}};
         },
         "/items", "non-empty array"},
        {"item not an object", [](ordered_json& j) { j["items"][1] = 42; }, "/items/1", "object"},
        {"item without device", [](ordered_json& j) { j["items"][1].erase("device"); }, "/items/1",
         "missing field \"device\""},
        {"device without mtm", [](ordered_json& j) { j["items"][1]["device"].erase("mtm"); }, "/items/1/device",
         "missing field \"mtm\""},
        {"device without ship date", [](ordered_json& j) { j["items"][1]["device"].erase("ship_date"); },
         "/items/1/device", "missing field \"ship_date\""},
        {"device not an object", [](ordered_json& j) { j["items"][1]["device"] = "20BU"; }, "/items/1/device",
         "object"},
        {"mtm longer than 10", [](ordered_json& j) { j["items"][0]["device"]["mtm"] = "21JKCTO1WWX"; },
         "/items/0/device/mtm", "longer"},
        {"lower-case country", [](ordered_json& j) { j["items"][0]["device"]["country"] = "de"; },
         "/items/0/device/country", "2-letter"},
    };
    for (const BadField& row : rows) {
        SCOPED_TRACE(row.what);
        ordered_json j = ordered_json::parse(kGoodRequest);
        row.change(j);
        const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
        EXPECT_FALSE(parsed.request.has_value());
        const InputError* error = find_error(parsed.errors, row.where);
        if (!error) {
            ADD_FAILURE() << "no error at " << row.where << "; got:" << errors_text(parsed.errors);
            continue;
        }
        EXPECT_EQ(parsed.errors.size(), 1u) << errors_text(parsed.errors);
        EXPECT_NE(error->message.find(row.message_word), std::string::npos)
            << error->to_string() << "\n  expected the words: " << row.message_word;
    }
}

TEST(QuoteRequestErrors, ZeroIsBelowTheLowerBoundOfOneBasedCounts) {
    // quantity and install_locations count from 1; a literal 0 must be refused like -1.
    struct Row {
        const char* field;
        const char* where;
    };
    const std::vector<Row> rows = {{"quantity", "/items/0/device/quantity"},
                                   {"install_locations", "/items/0/device/install_locations"}};
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.field) + ": 0");
        ordered_json j = ordered_json::parse(kGoodRequest);
        j["items"][0]["device"][row.field] = 0;
        const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
        EXPECT_FALSE(parsed.request.has_value()) << "accepted " << row.field << " 0";
        const InputError* error = find_error(parsed.errors, row.where);
        if (!error) {
            ADD_FAILURE() << "no error at " << row.where << "; got:" << errors_text(parsed.errors);
            continue;
        }
        EXPECT_NE(error->message.find("from 1 to"), std::string::npos) << error->to_string();
    }
}

TEST(QuoteRequestErrors, TextThatIsNotAJsonObjectIsRejectedAtTheRoot) {
    struct Row {
        const char* text;
        const char* message_word;
    };
    const std::vector<Row> rows = {
        {"not json", "not valid JSON"},
        {"", "not valid JSON"},
        {R"({"as_of": "2025-06-15", "items": [)", "not valid JSON"},
        {"[1, 2]", "expected an object"},
        {"[]", "expected an object"},
        {"\"a string\"", "expected an object"},
        {"42", "expected an object"},
        {"null", "expected an object"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string("text: ") + row.text);
        const QuoteRequestParse parsed = parse_quote_request(row.text, date("2025-06-15"));
        EXPECT_FALSE(parsed.request.has_value());
        ASSERT_EQ(parsed.errors.size(), 1u) << errors_text(parsed.errors);
        EXPECT_EQ(parsed.errors[0].where, "/");
        EXPECT_NE(parsed.errors[0].message.find(row.message_word), std::string::npos) << parsed.errors[0].to_string();
    }
}

TEST(QuoteRequestErrors, SeveralBadFieldsAreAllReported) {
    ordered_json j = ordered_json::parse(kGoodRequest);
    j["items"][0]["device"]["ship_date"] = "2025-02-30";
    j["items"][1]["device"]["quantity"] = -3;
    j["customer"]["segment"] = "retail";
    j["colour"] = "blue";
    const QuoteRequestParse parsed = parse_quote_request(j.dump(), std::nullopt);
    EXPECT_FALSE(parsed.request.has_value());
    EXPECT_EQ(parsed.errors.size(), 4u) << errors_text(parsed.errors);
    for (const char* where :
         {"/items/0/device/ship_date", "/items/1/device/quantity", "/customer/segment", "/colour"}) {
        SCOPED_TRACE(where);
        EXPECT_NE(find_error(parsed.errors, where), nullptr) << errors_text(parsed.errors);
    }
}

// ---- device_input_from_json -----------------------------------------------------------------------------------

TEST(DeviceInputFromJson, CountryMustBeTwoCapitalLetters) {
    struct Row {
        ordered_json country;
        bool ok;
    };
    const std::vector<Row> rows = {
        {"US", true}, {"DE", true}, {"JP", true},  {"us", false}, {"Us", false}, {"uS", false}, {"USA", false},
        {"U", false}, {"", false},  {"1A", false}, {"U.", false}, {" U", false}, {12, false},   {true, false},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE("country " + row.country.dump());
        const nlohmann::json device = {
            {"mtm", "21HD"}, {"ship_date", "2025-01-10"}, {"country", nlohmann::json::parse(row.country.dump())}};
        std::vector<InputError> errors;
        const auto input = device_input_from_json(device, "/items/3/device", errors);
        if (row.ok) {
            ASSERT_TRUE(input.has_value()) << errors_text(errors);
            EXPECT_TRUE(errors.empty()) << errors_text(errors);
            EXPECT_EQ(input->country, row.country.get<std::string>());
        } else {
            EXPECT_FALSE(input.has_value());
            ASSERT_EQ(errors.size(), 1u) << errors_text(errors);
            EXPECT_EQ(errors[0].where, "/items/3/device/country");
        }
    }
}

TEST(DeviceInputFromJson, CountryDefaultsToUS) {
    std::vector<InputError> errors;
    const auto input = device_input_from_json({{"mtm", "21HD"}, {"ship_date", "2025-01-10"}}, "/d", errors);
    ASSERT_TRUE(input.has_value()) << errors_text(errors);
    EXPECT_EQ(input->country, "US");
}

TEST(DeviceInputFromJson, ErrorsAreAppendedAfterEarlierOnesAndReportedAtWhere) {
    std::vector<InputError> errors = {{"/earlier", "an earlier error"}};
    const auto input = device_input_from_json(nlohmann::json::array(), "/items/0/device", errors);
    EXPECT_FALSE(input.has_value());
    ASSERT_EQ(errors.size(), 2u) << errors_text(errors);
    EXPECT_EQ(errors[0].where, "/earlier");
    EXPECT_EQ(errors[1].where, "/items/0/device");
}

TEST(DeviceInputFromJson, ReadsFleetFields) {
    std::vector<InputError> errors;
    const nlohmann::json device = {{"mtm", "21HD"},
                                   {"ship_date", "2022-01-10"},
                                   {"replacement", true},
                                   {"coverage_end", "2026-01-09"},
                                   {"services_held", {"adp", "kyd"}},
                                   {"pages_per_box", 12},
                                   {"install_locations", 3},
                                   {"condition", "refurbished"}};
    const auto input = device_input_from_json(device, "/d", errors);
    ASSERT_TRUE(input.has_value()) << errors_text(errors);
    EXPECT_TRUE(input->replacement);
    EXPECT_EQ(input->coverage_end, date("2026-01-09"));
    EXPECT_EQ(input->services_held, (std::vector<OfferKind>{OfferKind::Adp, OfferKind::Kyd}));
    EXPECT_EQ(input->pages_per_box, 12);
    EXPECT_EQ(input->install_locations, 3);
    EXPECT_EQ(input->condition, Condition::Refurbished);
}

TEST(DeviceInputFromJson, UnknownServiceHeldIsReportedAtItsIndex) {
    std::vector<InputError> errors;
    const nlohmann::json device = {
        {"mtm", "21HD"}, {"ship_date", "2022-01-10"}, {"services_held", {"adp", "warranty"}}};
    EXPECT_FALSE(device_input_from_json(device, "/d", errors).has_value());
    ASSERT_EQ(errors.size(), 1u) << errors_text(errors);
    EXPECT_EQ(errors[0].where, "/d/services_held/1");
}

}  // namespace
}  // namespace apos

// Fuzz finding: a multi-byte letter in the MTM once produced an error message cut inside the
// character, which JSON output then refused. The MTM is now checked for letters and digits.
TEST(QuoteRequestErrors, MtmWithANonAsciiLetterIsAnItemErrorAndTheQuotePrints) {
    const std::string text =
        apos::test::read_file(std::string(APOS_TEST_DATA_DIR) + "/regressions/request-mtm-split-multibyte.json");
    const apos::QuoteRequestParse parsed = apos::parse_quote_request(text, std::nullopt);
    ASSERT_TRUE(parsed.request);
    const apos::Quote quote = apos::build_quote(apos::test::sample_catalog(), *parsed.request);
    ASSERT_TRUE(quote.items.at(0).error);
    EXPECT_EQ(quote.items[0].error->field, "mtm");
    EXPECT_NE(quote.items[0].error->message.find("letters and digits"), std::string::npos);
    EXPECT_NO_THROW((void)quote_to_json(quote).dump());  // strict dump: the message is valid UTF-8
}
