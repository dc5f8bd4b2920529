// The strict reader of quote requests (JSON in): every field checked, unknown ones refused,
// each problem reported with where it is.
#include "apos/json_io.hpp"

#include <set>

#include "json_depth.hpp"
#include "json_fields.hpp"

namespace apos {

using nlohmann::json;

namespace {

using detail::JsonFields;
using detail::kOptional;
using detail::kRequestHabits;
using detail::kRequired;

// A request's errors keep the JSON pointer as their location.
detail::FieldErrorSink into(std::vector<InputError>& errors) {
    return [&errors](const std::string& pointer, std::string message) {
        errors.push_back({pointer, std::move(message)});
    };
}

}  // namespace

std::optional<DeviceInput> device_input_from_json(const json& object, const std::string& where,
                                                  std::vector<InputError>& errors) {
    if (!object.is_object()) {
        errors.push_back({where, "expected an object with mtm and ship_date"});
        return std::nullopt;
    }
    const std::size_t before = errors.size();
    JsonFields f(object, where, into(errors), kRequestHabits);
    DeviceInput d;
    f.string("mtm", d.mtm, kRequired, 10);
    f.string("serial", d.serial, kOptional, 40);
    f.date("ship_date", d.ship_date, kRequired);
    f.optional_date("purchase_date", d.purchase_date);
    f.enumeration("channel", kChannels, d.channel, kOptional);
    f.enumeration("condition", kConditions, d.condition, kOptional);
    f.enumeration("segment", kSegments, d.segment, kOptional);
    f.country("country", d.country);
    f.integer("quantity", d.quantity, 1, kMaxQuantity, kOptional);
    f.boolean("replacement", d.replacement);
    f.optional_date("coverage_end", d.coverage_end);
    f.integer("pages_per_box", d.pages_per_box, 0, 100000, kOptional);
    f.integer("install_locations", d.install_locations, 1, 100000, kOptional);
    if (const json* held = f.member("services_held", kOptional)) {
        if (!held->is_array()) f.error(f.path("services_held"), "expected an array of service kinds");
        else
            for (std::size_t i = 0; i < held->size(); ++i) {
                OfferKind kind{};
                if (f.read_enum((*held)[i], f.path("services_held") + "/" + std::to_string(i), kKinds, kind))
                    d.services_held.push_back(kind);
            }
    }
    f.report_unknown();
    if (errors.size() != before) return std::nullopt;
    return d;
}

std::optional<InputError> check_json_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes)
        return InputError{"/", "the input has " + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(max_bytes) + " bytes"};
    // Deep nesting would parse, but dumping it into an error message recurses per level.
    if (detail::find_excess_nesting(text) != std::string_view::npos)
        return InputError{"/", "not valid JSON: arrays or objects nested deeper than " +
                                   std::to_string(detail::kMaxJsonDepth) + " levels"};
    return std::nullopt;
}

QuoteRequestParse parse_quote_request(std::string_view text, std::optional<Date> default_as_of) {
    if (auto refused = check_json_text(text, kMaxRequestBytes)) return {std::nullopt, {*refused}};
    const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return {std::nullopt, {{"/", "not valid JSON"}}};
    return parse_quote_request_value(root, default_as_of);
}

QuoteRequestParse parse_quote_request_value(const json& root, std::optional<Date> default_as_of) {
    QuoteRequestParse result;
    auto& errors = result.errors;
    if (!root.is_object()) {
        errors.push_back({"/", "expected an object with \"items\""});
        return result;
    }
    QuoteRequest request;
    JsonFields top(root, "", into(errors), kRequestHabits);
    if (!top.date("as_of", request.as_of, kOptional) && !top.member("as_of", kOptional)) {
        if (default_as_of) request.as_of = *default_as_of;
        else errors.push_back({"/as_of", "missing: give \"as_of\" in the request or --as-of"});
    }
    if (top.optional_date("valid_until", request.valid_until) && request.valid_until &&
        *request.valid_until < request.as_of)
        errors.push_back(
            {"/valid_until", "the quote cannot stop being valid before its as-of date " + request.as_of.to_string()});
    if (const json* customer = top.member("customer", kOptional)) {
        JsonFields c = top.child(*customer, "/customer");
        c.enumeration("segment", kSegments, request.segment, kOptional);
        c.boolean("new_customer", request.programs.new_customer);
        c.country("partner_country", request.programs.partner_country);  // for programs with partner_countries
        // PDP allocation: last quarter's purchases from distribution, in minor units (cents).
        c.integer("previous_quarter_purchases_minor", request.programs.previous_quarter_purchases_minor, 0,
                  kMaxPurchasesMinor);
        if (const json* programs = c.member("programs", kOptional)) {
            static const std::set<std::string> kOptIn = {"NCB", "DEAL-REG", "PDP", "SPIFF"};
            if (!programs->is_array()) c.error(c.path("programs"), "expected an array such as [\"NCB\"]");
            else
                for (std::size_t i = 0; i < programs->size(); ++i) {
                    const json& p = (*programs)[i];
                    if (!p.is_string() || !kOptIn.count(p.get<std::string>()))
                        c.error(c.path("programs") + "/" + std::to_string(i),
                                "expected one of NCB, DEAL-REG, PDP, SPIFF");
                    else request.programs.opted_in.push_back(p.get<std::string>());
                }
        }
        c.report_unknown();
    }
    const json* items = top.member("items", kOptional);
    if (!items || !items->is_array() || items->empty())
        errors.push_back({"/items", "expected a non-empty array of items"});
    else if (items->size() > 10000) errors.push_back({"/items", "at most 10,000 items per quote"});
    else
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string at = "/items/" + std::to_string(i);
            const json& item = (*items)[i];
            if (!item.is_object()) {
                errors.push_back({at, "expected an object with \"device\" and \"services\""});
                continue;
            }
            JsonFields f = top.child(item, at);
            QuoteItemRequest parsed;
            if (const json* device = f.member("device", kRequired)) {
                if (auto d = device_input_from_json(*device, at + "/device", errors)) {
                    parsed.device = *d;
                    // The customer's segment is the device's, unless the device names its own.
                    if (!device->contains("segment")) parsed.device.segment = request.segment;
                }
            }
            f.boolean("hardware", parsed.include_hardware);
            if (const json* services = f.member("services", kOptional)) {
                if (!services->is_array()) f.error(f.path("services"), "expected an array");
                else
                    for (std::size_t s = 0; s < services->size(); ++s) {
                        const std::string sat = f.path("services") + "/" + std::to_string(s);
                        if (!(*services)[s].is_object()) {
                            errors.push_back({sat, "expected {\"id\"} or {\"kind\", \"term_years\", \"level\"}"});
                            continue;
                        }
                        JsonFields sf = f.child((*services)[s], sat);
                        ServiceRequest service;
                        sf.string("id", service.id, kOptional, 100);
                        sf.enumeration("kind", kKinds, service.kind);
                        sf.integer("term_years", service.term_years, 0, kMaxTermYears, kOptional);
                        sf.enumeration("level", kLevels, service.level);
                        if (service.id.empty() && !service.kind && !sf.member("kind", kOptional))
                            errors.push_back({sat, "needs an \"id\" or a \"kind\""});
                        sf.report_unknown();
                        parsed.services.push_back(service);
                    }
            }
            f.report_unknown();
            request.items.push_back(std::move(parsed));
        }
    top.report_unknown();
    if (errors.empty()) result.request = std::move(request);
    return result;
}

}  // namespace apos
