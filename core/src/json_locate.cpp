// A small JSON scanner that walks text along a JSON pointer without building values.
#include "json_locate.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace apos::detail {
namespace {

struct Scanner {
    std::string_view text;
    std::size_t at = 0;

    void skip_space() {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) ++at;
    }
    // Reads a string starting at a quote; returns its unescaped content (escapes kept simple).
    bool read_string(std::string& out) {
        out.clear();
        if (at >= text.size() || text[at] != '"') return false;
        ++at;
        while (at < text.size() && text[at] != '"') {
            if (text[at] == '\\' && at + 1 < text.size()) {
                ++at;
                out += text[at] == 'n' ? '\n' : text[at];
            } else {
                out += text[at];
            }
            ++at;
        }
        if (at >= text.size()) return false;
        ++at;
        return true;
    }
    // Skips one value of any type; iterative depth counting keeps deep input from recursing.
    bool skip_value() {
        skip_space();
        if (at >= text.size()) return false;
        if (text[at] == '"') {
            std::string ignored;
            return read_string(ignored);
        }
        if (text[at] == '{' || text[at] == '[') {
            int depth = 0;
            while (at < text.size()) {
                const char c = text[at];
                if (c == '"') {
                    std::string ignored;
                    if (!read_string(ignored)) return false;
                    continue;
                }
                if (c == '{' || c == '[') ++depth;
                if (c == '}' || c == ']') {
                    --depth;
                    if (depth == 0) {
                        ++at;
                        return true;
                    }
                }
                ++at;
            }
            return false;
        }
        while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' && text[at] != ' ' &&
               text[at] != '\n' && text[at] != '\r' && text[at] != '\t')
            ++at;
        return true;
    }
};

std::vector<std::string> split_pointer(std::string_view pointer) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < pointer.size()) {
        if (pointer[i] != '/') return parts;
        ++i;
        std::string part;
        while (i < pointer.size() && pointer[i] != '/') {
            if (pointer[i] == '~' && i + 1 < pointer.size()) {
                part += pointer[i + 1] == '1' ? '/' : '~';
                i += 2;
            } else {
                part += pointer[i++];
            }
        }
        parts.push_back(part);
    }
    return parts;
}

}  // namespace

int line_of_offset(std::string_view text, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

int line_of_pointer(std::string_view text, std::string_view pointer) {
    Scanner s{text};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") s.at = 3;  // a UTF-8 byte order mark is not JSON
    s.skip_space();
    std::size_t found = s.at;
    for (const std::string& part : split_pointer(pointer)) {
        s.skip_space();
        if (s.at >= text.size()) break;
        if (text[s.at] == '{') {
            ++s.at;
            bool matched = false;
            std::string key;
            while (true) {
                s.skip_space();
                if (!s.read_string(key)) break;
                s.skip_space();
                if (s.at >= text.size() || text[s.at] != ':') break;
                ++s.at;
                s.skip_space();
                if (key == part) {
                    matched = true;
                    break;
                }
                if (!s.skip_value()) break;
                s.skip_space();
                if (s.at < text.size() && text[s.at] == ',') ++s.at;
            }
            if (!matched) break;
            found = s.at;
        } else if (text[s.at] == '[') {
            ++s.at;
            long index = 0;
            for (char c : part) {
                if (c < '0' || c > '9') return line_of_offset(text, found);
                index = index * 10 + (c - '0');
                if (index > 100000000) return line_of_offset(text, found);
            }
            bool ok = true;
            for (long i = 0; i < index && ok; ++i) {
                ok = s.skip_value();
                s.skip_space();
                if (ok && s.at < text.size() && text[s.at] == ',') ++s.at;
                else ok = false;
            }
            if (!ok) break;
            s.skip_space();
            found = s.at;
        } else {
            break;
        }
    }
    return line_of_offset(text, found);
}

JsonSyntaxError json_syntax_error(std::string_view text) {
    // Every value is accepted; only the parse error is kept.
    struct Probe : nlohmann::json_sax<nlohmann::json> {
        JsonSyntaxError found;
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(number_integer_t) override { return true; }
        bool number_unsigned(number_unsigned_t) override { return true; }
        bool number_float(number_float_t, const string_t&) override { return true; }
        bool string(string_t&) override { return true; }
        bool binary(binary_t&) override { return true; }
        bool start_object(std::size_t) override { return true; }
        bool key(string_t&) override { return true; }
        bool end_object() override { return true; }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t at, const std::string& last, const nlohmann::detail::exception& e) override {
            found.offset = std::min(at > 0 ? at - 1 : 0, found.offset);
            found.message = e.what();
            found.token = last;
            return false;
        }
    } probe;
    probe.found.offset = text.size();
    nlohmann::json::sax_parse(text.begin(), text.end(), &probe, nlohmann::detail::input_format_t::json,
                              /*strict=*/true);
    return probe.found;
}

}  // namespace apos::detail
