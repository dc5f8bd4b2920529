// The strict reader of quote requests (JSON in): every field checked, unknown ones refused,
// each problem reported with where it is.
#include "apos/json_io.hpp"

#include <cctype>
#include <set>

#include "json_depth.hpp"

namespace apos {

using nlohmann::json;

namespace {

struct Fields {
    const json& object;
    std::string where;
    std::vector<InputError>& errors;
    std::set<std::string> known;

    const json* get(const std::string& key) {
        known.insert(key);
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }
    std::string at(const std::string& key) const { return where + "/" + key; }
    void error(const std::string& key, std::string message) { errors.push_back({at(key), std::move(message)}); }
    void unknown() {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!known.count(it.key())) errors.push_back({at(it.key()), "unknown field \"" + it.key() + "\""});
    }
    std::optional<std::string> text(const std::string& key, std::size_t max_length = 200) {
        const json* j = get(key);
        if (!j) return std::nullopt;
        if (!j->is_string()) {
            error(key, "expected a string");
            return std::nullopt;
        }
        if (j->get_ref<const std::string&>().size() > max_length) {
            error(key, "longer than " + std::to_string(max_length) + " characters");
            return std::nullopt;
        }
        return j->get<std::string>();
    }
    std::optional<Date> date(const std::string& key) {
        const auto t = text(key, 40);
        if (!t) return std::nullopt;
        const auto d = Date::parse(*t);
        if (!d) error(key, "expected a calendar date YYYY-MM-DD, found \"" + *t + "\"");
        return d;
    }
    std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max) {
        const json* j = get(key);
        if (!j) return std::nullopt;
        if (!j->is_number_integer() ||
            (j->is_number_unsigned() && (j->get<std::uint64_t>() > static_cast<std::uint64_t>(max) ||
                                         static_cast<std::int64_t>(j->get<std::uint64_t>()) < min)) ||
            (!j->is_number_unsigned() && (j->get<std::int64_t>() < min || j->get<std::int64_t>() > max))) {
            error(key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                           ", found " + detail::shown_value(*j));
            return std::nullopt;
        }
        return j->get<std::int64_t>();
    }
    std::optional<bool> boolean(const std::string& key) {
        const json* j = get(key);
        if (!j) return std::nullopt;
        if (!j->is_boolean()) {
            error(key, "expected true or false");
            return std::nullopt;
        }
        return j->get<bool>();
    }
    template <typename E>
    std::optional<E> enumeration(const std::string& key, std::optional<E> (*parse)(std::string_view),
                                 const char* expected) {
        const auto t = text(key, 40);
        if (!t) return std::nullopt;
        const auto v = parse(*t);
        if (!v) error(key, std::string("expected one of ") + expected + ", found \"" + *t + "\"");
        return v;
    }
};

constexpr const char* kKindNames =
    "extension, upgrade, adp, kyd, sbty, iwu, premier, ticru, post-warranty, reinstatement, school-year, deployment, "
    "recovery, support";
constexpr const char* kLevelNames =
    "mail-in, carry-in, depot, expedited-depot, onsite-2nd-day, onsite-nbd, onsite-8h-247, onsite-4h-95, onsite-4h-247";

}  // namespace

std::optional<DeviceInput> device_input_from_json(const json& object, const std::string& where,
                                                  std::vector<InputError>& errors) {
    if (!object.is_object()) {
        errors.push_back({where, "expected an object with mtm and ship_date"});
        return std::nullopt;
    }
    const std::size_t before = errors.size();
    Fields f{object, where, errors, {}};
    DeviceInput d;
    if (auto v = f.text("mtm", 10)) d.mtm = *v;
    else if (!f.get("mtm")) f.errors.push_back({where, "missing field \"mtm\""});
    if (auto v = f.text("serial", 40)) d.serial = *v;
    if (auto v = f.date("ship_date")) d.ship_date = *v;
    else if (!f.get("ship_date")) f.errors.push_back({where, "missing field \"ship_date\""});
    d.purchase_date = f.date("purchase_date");
    if (auto v = f.enumeration<Channel>("channel", parse_channel, "direct, distributor")) d.channel = *v;
    if (auto v = f.enumeration<Condition>("condition", parse_condition, "new, open-box, refurbished")) d.condition = *v;
    if (auto v = f.enumeration<Segment>("segment", parse_segment, "education, health, government, smb, enterprise"))
        d.segment = *v;
    if (auto v = f.text("country", 2)) {
        if (v->size() != 2 || !std::isupper(static_cast<unsigned char>((*v)[0])) ||
            !std::isupper(static_cast<unsigned char>((*v)[1])))
            f.error("country", "expected a 2-letter country code such as US, found \"" + *v + "\"");
        else d.country = *v;
    }
    if (auto v = f.integer("quantity", 1, kMaxQuantity)) d.quantity = static_cast<int>(*v);
    if (auto v = f.boolean("replacement")) d.replacement = *v;
    d.coverage_end = f.date("coverage_end");
    if (auto v = f.integer("pages_per_box", 0, 100000)) d.pages_per_box = static_cast<int>(*v);
    if (auto v = f.integer("install_locations", 1, 100000)) d.install_locations = static_cast<int>(*v);
    if (const json* held = f.get("services_held")) {
        if (!held->is_array()) f.error("services_held", "expected an array of service kinds");
        else
            for (std::size_t i = 0; i < held->size(); ++i) {
                const json& k = (*held)[i];
                const auto kind = k.is_string() ? parse_offer_kind(k.get<std::string>()) : std::nullopt;
                if (!kind)
                    errors.push_back({f.at("services_held") + "/" + std::to_string(i),
                                      std::string("expected one of ") + kKindNames});
                else d.services_held.push_back(*kind);
            }
    }
    f.unknown();
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
    Fields top{root, "", errors, {}};
    if (auto d = top.date("as_of")) request.as_of = *d;
    else if (default_as_of && !top.get("as_of")) request.as_of = *default_as_of;
    else if (!top.get("as_of")) errors.push_back({"/as_of", "missing: give \"as_of\" in the request or --as-of"});
    if (const json* customer = top.get("customer")) {
        if (!customer->is_object()) top.error("customer", "expected an object");
        else {
            Fields c{*customer, "/customer", errors, {}};
            if (auto v =
                    c.enumeration<Segment>("segment", parse_segment, "education, health, government, smb, enterprise"))
                request.segment = *v;
            if (auto v = c.boolean("new_customer")) request.programs.new_customer = *v;
            // PDP allocation: last quarter's purchases from distribution, in minor units (cents).
            if (auto v = c.text("partner_country", 2)) {  // read by programs with partner_countries (programs.json)
                if (v->size() == 2 && std::isupper(static_cast<unsigned char>((*v)[0])) &&
                    std::isupper(static_cast<unsigned char>((*v)[1])))
                    request.programs.partner_country = *v;
                else c.error("partner_country", "expected a 2-letter country code such as CA, found \"" + *v + "\"");
            }
            request.programs.previous_quarter_purchases_minor =
                c.integer("previous_quarter_purchases_minor", 0, kMaxPurchasesMinor);
            if (const json* programs = c.get("programs")) {
                static const std::set<std::string> kOptIn = {"NCB", "DEAL-REG", "PDP", "SPIFF"};
                if (!programs->is_array()) c.error("programs", "expected an array such as [\"NCB\"]");
                else
                    for (std::size_t i = 0; i < programs->size(); ++i) {
                        const json& p = (*programs)[i];
                        if (!p.is_string() || !kOptIn.count(p.get<std::string>()))
                            errors.push_back({"/customer/programs/" + std::to_string(i),
                                              "expected one of NCB, DEAL-REG, PDP, SPIFF"});
                        else request.programs.opted_in.push_back(p.get<std::string>());
                    }
            }
            c.unknown();
        }
    }
    const json* items = top.get("items");
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
            Fields f{item, at, errors, {}};
            QuoteItemRequest parsed;
            if (const json* device = f.get("device")) {
                if (auto d = device_input_from_json(*device, at + "/device", errors)) {
                    parsed.device = *d;
                    // The customer's segment is the device's, unless the device names its own.
                    if (!device->contains("segment")) parsed.device.segment = request.segment;
                }
            } else errors.push_back({at, "missing field \"device\""});
            if (auto v = f.boolean("hardware")) parsed.include_hardware = *v;
            if (const json* services = f.get("services")) {
                if (!services->is_array()) f.error("services", "expected an array");
                else
                    for (std::size_t s = 0; s < services->size(); ++s) {
                        const std::string sat = at + "/services/" + std::to_string(s);
                        if (!(*services)[s].is_object()) {
                            errors.push_back({sat, "expected {\"id\"} or {\"kind\", \"term_years\", \"level\"}"});
                            continue;
                        }
                        Fields sf{(*services)[s], sat, errors, {}};
                        ServiceRequest service;
                        if (auto v = sf.text("id", 100)) service.id = *v;
                        service.kind = sf.enumeration<OfferKind>("kind", parse_offer_kind, kKindNames);
                        if (auto v = sf.integer("term_years", 0, kMaxTermYears))
                            service.term_years = static_cast<int>(*v);
                        service.level = sf.enumeration<ServiceLevel>("level", parse_service_level, kLevelNames);
                        if (service.id.empty() && !service.kind && !sf.get("kind"))
                            errors.push_back({sat, "needs an \"id\" or a \"kind\""});
                        sf.unknown();
                        parsed.services.push_back(service);
                    }
            }
            f.unknown();
            request.items.push_back(std::move(parsed));
        }
    top.unknown();
    if (errors.empty()) result.request = std::move(request);
    return result;
}

}  // namespace apos
