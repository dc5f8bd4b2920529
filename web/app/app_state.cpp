// The partner's input as a quote request and as a URL-hash string (both ways). No ImGui here:
// the unit tests and the state fuzz target link this file with the core alone.
#include "app/app_state.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>

namespace apos::ui {

const SegmentUrgency* FindSegment(const Settings& settings, std::string_view segment) {
    if (segment.empty()) return nullptr;
    const auto same = [&](const std::string& name) {
        return name.size() == segment.size() &&
               std::equal(name.begin(), name.end(), segment.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
    };
    for (const SegmentUrgency& s : settings.segments)
        if (same(s.name)) return &s;
    return nullptr;
}

const UrgencyHorizons& HorizonsFor(const Settings& settings, std::string_view segment) {
    const SegmentUrgency* found = FindSegment(settings, segment);
    return found ? found->horizons : settings.default_urgency;
}

bool AppState::HasService(std::string_view offering_id, int term_years) const {
    return std::any_of(services.begin(), services.end(),
                       [&](const ServiceRequest& s) { return s.id == offering_id && s.term_years == term_years; });
}

void AppState::ToggleService(std::string_view offering_id, int term_years) {
    const auto it = std::find_if(services.begin(), services.end(), [&](const ServiceRequest& s) {
        return s.id == offering_id && s.term_years == term_years;
    });
    if (it != services.end()) {
        services.erase(it);
        return;
    }
    ServiceRequest request;
    request.id = std::string(offering_id);
    request.term_years = term_years;
    services.push_back(std::move(request));
}

std::string AppState::ChooseService(const Catalog& catalog, const Offering& offering, int term_years) {
    std::string replaced;
    std::erase_if(services, [&](const ServiceRequest& s) {
        const Offering* other = catalog.find_offering(s.id);
        if (other == &offering) return true;  // another term of the same offering: quietly replaced
        if (!other || !same_slot(*other, offering)) return false;
        replaced += (replaced.empty() ? "" : ", ") + other->name + " (" + std::to_string(s.term_years) + "y)";
        return true;
    });
    ServiceRequest request;
    request.id = offering.id;
    request.term_years = term_years;
    services.push_back(std::move(request));
    if (replaced.empty()) return {};
    return offering.name + " (" + std::to_string(term_years) + "y) replaces " + replaced + ": a unit takes one " +
           std::string(to_string(offering.kind)) + ".";
}

std::string AppState::ApplyFix(const Catalog& catalog, const Offer& refused, const Fix& fix) {
    if (!refused.offering) return {};
    int term = refused.term_years;
    std::string message = fix.label + ".";
    switch (fix.action) {
        case FixAction::AddService:
            if (const Offering* added = catalog.find_offering(fix.offering)) {
                const std::string replaced = ChooseService(catalog, *added, fix.term_years);
                if (!replaced.empty()) message += " " + replaced;
            }
            break;
        case FixAction::ChooseTerm: term = fix.term_years; break;
        case FixAction::RemoveService:
            std::erase_if(services, [&](const ServiceRequest& s) { return s.id == fix.offering; });
            break;
        case FixAction::RaiseQuantity: device.quantity = static_cast<int>(fix.quantity); break;
        case FixAction::WaitUntil:
        case FixAction::None: return {};  // nothing the partner can click
    }
    const std::string replaced = ChooseService(catalog, *refused.offering, term);
    if (!replaced.empty()) message += " " + replaced;
    return message;
}

QuoteRequest ToQuoteRequest(const AppState& state, Date as_of) {
    QuoteRequest request;
    request.as_of = as_of;
    request.segment = state.segment;
    request.programs = state.programs;
    if (!state.device.mtm.empty() && state.ship_date_set) {
        QuoteItemRequest item;
        item.device = state.device;
        item.services = state.services;
        request.items.push_back(std::move(item));
    }
    request.items.insert(request.items.end(), state.fleet_items.begin(), state.fleet_items.end());
    return request;
}

// ---- Hash encoding ----------------------------------------------------------------------------
namespace {

// Unreserved characters stay readable; everything else (including ',', ':', '&', '=') is %XX.
std::string PercentEncode(std::string_view text) {
    std::string out;
    for (const unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            out += buffer;
        }
    }
    return out;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Every '%' must start two hex digits: "%zz" or a cut-off "%4" is refused rather than guessed at.
// '+' is a space, as in form-encoded links. Returns the offset of a bad '%' through `bad_at`.
std::optional<std::string> PercentDecode(std::string_view text, std::size_t& bad_at) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i] == '+' ? ' ' : text[i];
            continue;
        }
        if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
            bad_at = i;
            return std::nullopt;
        }
        out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
        i += 2;
    }
    return out;
}

// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or code points
// above U+10FFFF (what the JSON outputs and ImGui's text functions expect).
bool IsUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        // 0x80-0xC1 and 0xF5-0xFF never start a character.
        const std::size_t length = lead < 0x80                    ? 1
                                   : lead >= 0xC2 && lead <= 0xDF ? 2
                                   : lead >= 0xE0 && lead <= 0xEF ? 3
                                   : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                                  : 0;
        if (length == 0 || i + length > text.size()) return false;
        char32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};  // below: an overlong form
        if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

// 12034 -> "12,034": limits read the way the README states them.
std::string Grouped(std::size_t number) { return group_thousands(static_cast<std::uint64_t>(number)); }

// A value as an error quotes it: at most 40 bytes (a link can be long), cut at a character
// boundary; control characters and bytes that are not UTF-8 are shown as \xNN, so that the message
// itself is always one line of valid text.
std::string Quoted(std::string_view value) {
    constexpr std::size_t kShown = 40;
    std::size_t cut = std::min(value.size(), kShown);
    while (cut > 0 && cut < value.size() && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    const std::string_view shown = value.substr(0, cut);
    const bool utf8 = IsUtf8(shown);
    std::string out = "\"";
    for (const unsigned char c : shown) {
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && !utf8)) {
            char buffer[5];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
            out += buffer;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += cut < value.size() ? "...\" (" + Grouped(value.size()) + " characters)" : "\"";
    return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (!text.empty()) {
        const std::size_t at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + 1);
    }
    return parts;
}

std::optional<int> ParseInt(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The keys a link may carry. A key outside this list is ignored (a link from a newer version).
constexpr std::string_view kKnownKeys[] = {"mtm",  "sn",  "ship", "buy",  "asof", "ch",         "cond", "cc",  "qty",
                                           "repl", "seg", "new",  "prog", "svc",  "ineligible", "ppq",  "pcc", "fleet"};

bool IsKnownKey(std::string_view key) {
    return std::find(std::begin(kKnownKeys), std::end(kKnownKeys), key) != std::end(kKnownKeys);
}

}  // namespace

std::string EncodeStateHash(const AppState& state) {
    std::string out;
    const auto add = [&out](std::string_view key, std::string_view value) {
        if (!out.empty()) out += '&';
        out += key;
        out += '=';
        out += PercentEncode(value);
    };
    const DeviceInput& d = state.device;
    if (!d.mtm.empty()) add("mtm", d.mtm);
    if (!d.serial.empty()) add("sn", d.serial);
    if (state.ship_date_set) add("ship", d.ship_date.to_string());
    if (d.purchase_date) add("buy", d.purchase_date->to_string());
    if (d.channel != Channel::Direct) add("ch", to_string(d.channel));
    if (d.condition != Condition::New) add("cond", to_string(d.condition));
    if (d.country != "US") add("cc", d.country);
    if (d.quantity != 1) add("qty", std::to_string(d.quantity));
    if (d.replacement) add("repl", "1");
    if (state.segment != Segment::Smb) add("seg", to_string(state.segment));
    if (state.programs.new_customer) add("new", "1");
    if (!state.programs.opted_in.empty()) {
        std::string list;
        for (const std::string& p : state.programs.opted_in) list += (list.empty() ? "" : ",") + p;
        add("prog", list);
    }
    if (state.programs.previous_quarter_purchases_minor)
        add("ppq", std::to_string(*state.programs.previous_quarter_purchases_minor));
    if (state.programs.partner_country != "US") add("pcc", state.programs.partner_country);
    if (state.as_of) add("asof", state.as_of->to_string());
    if (!state.services.empty()) {
        std::string list;
        for (const ServiceRequest& s : state.services)
            list += (list.empty() ? "" : ",") + s.id + ":" + std::to_string(s.term_years);
        add("svc", list);
    }
    if (!state.settings.show_ineligible) add("ineligible", "0");
    // Fleet units are too many for a link: it names how many it leaves out instead.
    const std::size_t left_out = state.fleet_items.empty() ? state.fleet_units_left_out : state.fleet_items.size();
    if (left_out > 0) add("fleet", std::to_string(left_out));
    return out;
}

StateDecode DecodeStateHash(std::string_view hash, const AppState& base) {
    StateDecode result;
    auto& errors = result.errors;
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    // Refused whole and unread. Counted in bytes: the page's hashes are ASCII (percent-encoded).
    if (hash.size() > kMaxStateChars) {
        errors.push_back("state: " + Grouped(hash.size()) + " characters, the limit is " + Grouped(kMaxStateChars));
        return result;
    }

    AppState state = base;
    // A hash names the whole configuration: what it leaves out is the default, not `base`.
    state.device = DeviceInput{};
    state.ship_date_set = false;
    state.as_of.reset();
    state.segment = Segment::Smb;
    state.programs = CustomerPrograms{};
    state.services.clear();
    state.settings.show_ineligible = true;
    state.fleet_units_left_out = 0;

    const std::vector<std::string_view> pairs = Split(hash, '&');
    // A key given twice would leave one value silently winning: name it and read neither.
    std::map<std::string_view, int> times;
    for (std::string_view pair : pairs)
        if (const std::string_view key = pair.substr(0, pair.find('=')); IsKnownKey(key)) ++times[key];
    for (const auto& [key, count] : times)
        if (count > 1)
            errors.push_back(std::string(key) + ": given " + std::to_string(count) + " times, expected once");

    const auto date = [&errors](std::string_view key, const std::string& value) -> std::optional<Date> {
        auto parsed = Date::parse(value);
        if (!parsed) errors.push_back(std::string(key) + ": expected YYYY-MM-DD, got " + Quoted(value));
        return parsed;
    };
    const auto flag = [&errors](std::string_view key, const std::string& value) -> std::optional<bool> {
        if (value == "0" || value == "1") return value == "1";
        errors.push_back(std::string(key) + ": expected 0 or 1, got " + Quoted(value));
        return std::nullopt;
    };

    for (std::string_view pair : pairs) {
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        if (!IsKnownKey(key) || times[key] > 1) continue;
        const std::string_view raw = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        std::size_t bad_at = 0;
        const std::optional<std::string> decoded = PercentDecode(raw, bad_at);
        if (!decoded) {
            errors.push_back(std::string(key) + ": bad percent-encoding " + Quoted(raw.substr(bad_at, 3)) +
                             ", expected % and two hex digits");
            continue;
        }
        const std::string& value = *decoded;
        // Values are shown in one-line fields and exported: UTF-8 without control characters (then
        // so is every part split off at ',' or ':').
        if (!IsUtf8(value)) {
            errors.push_back(std::string(key) + ": not valid UTF-8 text");
            continue;
        }
        if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
            errors.push_back(std::string(key) + ": control characters are not allowed, got " + Quoted(value));
            continue;
        }
        if (key == "mtm") {
            state.device.mtm = value;
        } else if (key == "sn") {
            state.device.serial = value;
        } else if (key == "cc") {
            state.device.country = value;
        } else if (key == "pcc") {
            // The partner's own country: programs offered only in some countries read it (NCB, DEAL-REG).
            if (value.size() == 2 && std::isupper(static_cast<unsigned char>(value[0])) &&
                std::isupper(static_cast<unsigned char>(value[1])))
                state.programs.partner_country = std::string(value);
            else errors.push_back("pcc: expected the partner's 2-letter country code such as CA, got " + Quoted(value));
        } else if (key == "ship") {
            if (auto d = date(key, value)) {
                state.device.ship_date = *d;
                state.ship_date_set = true;
            }
        } else if (key == "buy") {
            if (auto d = date(key, value)) state.device.purchase_date = *d;
        } else if (key == "asof") {
            if (auto d = date(key, value)) state.as_of = *d;
        } else if (key == "ch") {
            if (auto c = parse_channel(value)) state.device.channel = *c;
            else errors.push_back("ch: expected direct or distributor, got " + Quoted(value));
        } else if (key == "cond") {
            if (auto c = parse_condition(value)) state.device.condition = *c;
            else errors.push_back("cond: expected new, open-box or refurbished, got " + Quoted(value));
        } else if (key == "seg") {
            if (auto s = parse_segment(value)) state.segment = *s;
            else
                errors.push_back("seg: expected education, health, government, smb or enterprise, got " +
                                 Quoted(value));
        } else if (key == "qty") {
            const auto n = ParseInt(value);
            if (n && *n >= 1 && *n <= kMaxQuantity) state.device.quantity = *n;
            else
                errors.push_back("qty: expected a whole number from 1 to " + Grouped(kMaxQuantity) + ", got " +
                                 Quoted(value));
        } else if (key == "fleet") {
            const auto n = ParseInt(value);
            if (n && *n >= 1 && *n <= kMaxQuantity) state.fleet_units_left_out = static_cast<std::size_t>(*n);
            else
                errors.push_back("fleet: expected the number of fleet units left out, 1 to " + Grouped(kMaxQuantity) +
                                 ", got " + Quoted(value));
        } else if (key == "repl") {
            if (auto v = flag(key, value)) state.device.replacement = *v;
        } else if (key == "new") {
            if (auto v = flag(key, value)) state.programs.new_customer = *v;
        } else if (key == "ineligible") {
            if (auto v = flag(key, value)) state.settings.show_ineligible = *v;
        } else if (key == "ppq") {
            // PDP: last quarter's purchases in minor units (digits only, at most the request's limit).
            const bool digits = !value.empty() && value.size() <= 15 &&
                                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            const std::int64_t minor = digits ? std::stoll(std::string(value)) : -1;
            if (minor >= 0 && minor <= kMaxPurchasesMinor) state.programs.previous_quarter_purchases_minor = minor;
            else errors.push_back("ppq: expected last quarter's purchases in cents (digits), got " + Quoted(value));
        } else if (key == "prog") {
            const std::vector<std::string_view> names = Split(value, ',');
            if (names.size() > kMaxStatePrograms) {
                errors.push_back("prog: " + Grouped(names.size()) + " programs, the limit is " +
                                 Grouped(kMaxStatePrograms));
                continue;
            }
            for (std::string_view p : names)
                if (!p.empty()) state.programs.opted_in.emplace_back(p);
        } else if (key == "svc") {
            const std::vector<std::string_view> items = Split(value, ',');
            if (items.size() > kMaxStateServices) {
                errors.push_back("svc: " + Grouped(items.size()) + " services, the limit is " +
                                 Grouped(kMaxStateServices));
                continue;
            }
            for (std::string_view item : items) {
                const std::size_t colon = item.rfind(':');
                const auto term = colon == std::string_view::npos ? std::nullopt : ParseInt(item.substr(colon + 1));
                if (item.empty() || !term || *term < 0 || *term > kMaxTermYears) {
                    errors.push_back("svc: expected offering-id:years with years from 0 to " +
                                     std::to_string(kMaxTermYears) + ", got " + Quoted(item));
                    continue;
                }
                // Kept as listed (no toggling): a state reads back exactly as it was written.
                ServiceRequest service;
                service.id = std::string(item.substr(0, colon));
                service.term_years = *term;
                state.services.push_back(std::move(service));
            }
        }
    }
    state.device.segment = state.segment;
    if (errors.size() > kMaxStateErrors) {
        const std::size_t more = errors.size() - kMaxStateErrors;
        errors.resize(kMaxStateErrors);
        errors.push_back("and " + Grouped(more) + " more problem" + (more == 1 ? "" : "s"));
    }
    if (errors.empty()) result.state = std::move(state);
    return result;
}

}  // namespace apos::ui
