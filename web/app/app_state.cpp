// The partner's input as a quote request and as a URL-hash string (both ways).
#include "app/app_state.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace apos::ui {

bool AppState::HasService(std::string_view offering_id, int term_years) const {
    return std::any_of(services.begin(), services.end(), [&](const ServiceRequest& s) {
        return s.id == offering_id && s.term_years == term_years;
    });
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

QuoteRequest ToQuoteRequest(const AppState& state, Date as_of) {
    QuoteRequest request;
    request.as_of = as_of;
    request.segment = state.segment;
    request.programs = state.programs;
    if (!state.device.mtm.empty()) {
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

std::string PercentDecode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
            out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
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
    add("ship", d.ship_date.to_string());
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
    if (state.as_of) add("asof", state.as_of->to_string());
    if (!state.services.empty()) {
        std::string list;
        for (const ServiceRequest& s : state.services)
            list += (list.empty() ? "" : ",") + s.id + ":" + std::to_string(s.term_years);
        add("svc", list);
    }
    if (!state.settings.show_ineligible) add("ineligible", "0");
    return out;
}

StateDecode DecodeStateHash(std::string_view hash, const AppState& base) {
    StateDecode result;
    AppState state = base;
    // A hash names the whole configuration: what it leaves out is the default, not `base`.
    state.device = DeviceInput{};
    state.device.ship_date = base.device.ship_date;
    state.as_of.reset();
    state.segment = Segment::Smb;
    state.programs = CustomerPrograms{};
    state.services.clear();
    state.settings.show_ineligible = true;

    auto& errors = result.errors;
    const auto date = [&errors](std::string_view key, const std::string& value) -> std::optional<Date> {
        auto parsed = Date::parse(value);
        if (!parsed) errors.push_back(std::string(key) + ": expected YYYY-MM-DD, got \"" + value + "\"");
        return parsed;
    };
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    for (std::string_view pair : Split(hash, '&')) {
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
        if (key == "mtm") state.device.mtm = value;
        else if (key == "sn") state.device.serial = value;
        else if (key == "ship") { if (auto d = date(key, value)) state.device.ship_date = *d; }
        else if (key == "buy") { if (auto d = date(key, value)) state.device.purchase_date = *d; }
        else if (key == "asof") { if (auto d = date(key, value)) state.as_of = *d; }
        else if (key == "ch") {
            if (auto c = parse_channel(value)) state.device.channel = *c;
            else errors.push_back("ch: expected direct or distributor, got \"" + value + "\"");
        } else if (key == "cond") {
            if (auto c = parse_condition(value)) state.device.condition = *c;
            else errors.push_back("cond: expected new, open-box or refurbished, got \"" + value + "\"");
        } else if (key == "cc") state.device.country = value;
        else if (key == "qty") {
            const auto n = ParseInt(value);
            if (n && *n >= 1) state.device.quantity = *n;
            else errors.push_back("qty: expected a whole number of at least 1, got \"" + value + "\"");
        } else if (key == "repl") state.device.replacement = value == "1";
        else if (key == "seg") {
            if (auto s = parse_segment(value)) state.segment = *s;
            else errors.push_back("seg: expected education, health, government, smb or enterprise, got \"" + value + "\"");
        } else if (key == "new") state.programs.new_customer = value == "1";
        else if (key == "prog") {
            for (std::string_view p : Split(value, ','))
                if (!p.empty()) state.programs.opted_in.emplace_back(p);
        } else if (key == "svc") {
            for (std::string_view item : Split(value, ',')) {
                const std::size_t colon = item.rfind(':');
                const auto term = colon == std::string_view::npos ? std::nullopt : ParseInt(item.substr(colon + 1));
                if (item.empty() || !term) {
                    errors.push_back("svc: expected offering-id:years, got \"" + std::string(item) + "\"");
                    continue;
                }
                state.ToggleService(item.substr(0, colon), *term);
            }
        } else if (key == "ineligible") state.settings.show_ineligible = value != "0";
    }
    state.device.segment = state.segment;
    if (errors.empty()) result.state = std::move(state);
    return result;
}

}  // namespace apos::ui
