// Follow-up marks: their names, the export cell, the marks file (read with a place for every
// problem), the merge rule and the open-work summary.
#include "apos/marks.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "json_locate.hpp"

namespace apos {

using nlohmann::json;

namespace {

struct KindName {
    MarkKind kind;
    std::string_view id;
    std::string_view label;
};
constexpr std::array<KindName, kMarkKindCount> kKinds = {{{MarkKind::ProposalSent, "sent", "Proposal sent"},
                                                          {MarkKind::Renewed, "renewed", "Renewed"},
                                                          {MarkKind::WontRenew, "wont_renew", "Won't renew"}}};

constexpr std::size_t kMaxMarksBytes = 64u * 1024 * 1024;  // a million marks with short reasons
constexpr std::size_t kMaxErrors = 20;
constexpr std::size_t kMaxReason = 500;  // a sentence or two; more is a pasted document

bool settled(MarkKind kind) { return kind != MarkKind::ProposalSent; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string kinds_list() {
    std::string out;
    for (const KindName& k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k.id);
    return out;
}

}  // namespace

std::string_view to_string(MarkKind kind) {
    for (const KindName& k : kKinds)
        if (k.kind == kind) return k.id;
    return "sent";
}

std::optional<MarkKind> parse_mark_kind(std::string_view text) {
    for (const KindName& k : kKinds)
        if (k.id == text) return k.kind;
    return std::nullopt;
}

std::string_view mark_label(MarkKind kind) {
    for (const KindName& k : kKinds)
        if (k.kind == kind) return k.label;
    return "Proposal sent";
}

bool is_open_work(const FollowUpMark* mark) { return !mark || !settled(mark->kind); }

// ---- Cell -----------------------------------------------------------------------------------------
std::string mark_cell(const FollowUpMark& mark) {
    std::string cell = std::string(to_string(mark.kind)) + " " + mark.date.to_string();
    if (mark.kind == MarkKind::WontRenew && !mark.reason.empty()) cell += ": " + mark.reason;
    return cell;
}

std::optional<FollowUpMark> parse_mark_cell(std::string_view text, std::string& error) {
    text = trim(text);
    const std::size_t space = text.find(' ');
    const std::string_view kind_text = text.substr(0, space);
    const std::optional<MarkKind> kind = parse_mark_kind(kind_text);
    if (!kind) {
        error = "unknown mark \"" + std::string(kind_text) + "\" (expected " + kinds_list() + ", then a date)";
        return std::nullopt;
    }
    std::string_view rest = space == std::string_view::npos ? std::string_view() : trim(text.substr(space + 1));
    const std::size_t colon = rest.find(':');
    const std::string_view date_text = trim(rest.substr(0, colon));
    const std::optional<Date> date = Date::parse(date_text);
    if (!date) {
        error = date_text.empty() ? "the mark \"" + std::string(kind_text) + "\" has no date (YYYY-MM-DD)"
                                  : "expected a date YYYY-MM-DD after \"" + std::string(kind_text) + "\", not \"" +
                                        std::string(date_text) + "\"";
        return std::nullopt;
    }
    FollowUpMark mark{*kind, *date, {}};
    if (colon != std::string_view::npos) {
        if (*kind != MarkKind::WontRenew) {
            error = "only wont_renew takes a reason after the date";
            return std::nullopt;
        }
        mark.reason = std::string(trim(rest.substr(colon + 1)));
    }
    return mark;
}

FleetMarks marks_from_fleet(const FleetParse& parsed) {
    FleetMarks out;
    FleetRow row;
    for (std::size_t i = 0; i < parsed.rows.size(); ++i) {
        if (trim(parsed.rows.follow_up(i)).empty()) continue;  // most rows: no need to read the rest
        parsed.rows.get(i, row);
        std::string error;
        if (std::optional<FollowUpMark> mark = parse_mark_cell(row.follow_up, error)) {
            if (!row.device.serial.empty()) out.marks[row.device.serial] = std::move(*mark);
        } else {
            out.errors.push_back({row.line, "follow_up", error, "the follow-up mark cannot be read", row.follow_up});
        }
    }
    return out;
}

std::string follow_up_cell(const FollowUpMarks& marks, const UnitOpportunity& unit, const FleetRow& row) {
    const auto it = marks.find(unit.serial());
    return it != marks.end() ? mark_cell(it->second) : row.follow_up;
}

std::string fleet_to_csv(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result,
                         const FollowUpMarks& marks) {
    std::string out = fleet_csv_header(parsed.extra_columns);
    FleetRow row;
    for (const UnitOpportunity& u : result.units) {
        const std::optional<std::size_t> index = parsed.rows.index_of_line(u.line);
        if (index) parsed.rows.get(*index, row);
        else row = FleetRow{};
        append_fleet_unit_csv_row(out, catalog, u, row, follow_up_cell(marks, u, row));
    }
    return out;
}

// ---- File -----------------------------------------------------------------------------------------
std::string marks_to_json(const FollowUpMarks& marks) {
    json list = json::array();
    for (const auto& [serial, mark] : marks) {
        json entry = {{"serial", serial}, {"kind", std::string(to_string(mark.kind))}, {"date", mark.date.to_string()}};
        if (mark.kind == MarkKind::WontRenew) entry["reason"] = mark.reason;
        list.push_back(std::move(entry));
    }
    const json root = {{"format", std::string(kMarksFormat)}, {"version", kMarksVersion}, {"marks", std::move(list)}};
    return root.dump(1) + "\n";
}

MarksParse parse_marks_json(std::string_view text) {
    MarksParse out;
    auto error = [&](std::string where, std::string message) {
        if (out.errors.size() < kMaxErrors) out.errors.push_back({std::move(where), std::move(message)});
    };
    if (auto refused = check_json_text(text, kMaxMarksBytes)) return {std::nullopt, {*refused}};
    const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        const detail::JsonSyntaxError stop = detail::json_syntax_error(text);
        error("line " + std::to_string(detail::line_of_offset(text, stop.offset)),
              "not valid JSON" + (stop.token.empty() ? std::string() : " (near \"" + stop.token + "\")"));
        return out;
    }
    if (!root.is_object()) {
        error("/", "expected an object with \"format\": \"" + std::string(kMarksFormat) + "\"");
        return out;
    }
    const auto format = root.find("format");
    if (format == root.end() || !format->is_string() || format->get<std::string>() != kMarksFormat) {
        error("/format", "not a follow-up marks file (expected \"format\": \"" + std::string(kMarksFormat) + "\")");
        return out;
    }
    const auto version = root.find("version");
    if (version == root.end() || !version->is_number_integer()) {
        error("/version", "missing (expected " + std::to_string(kMarksVersion) + ")");
        return out;
    }
    if (version->get<std::int64_t>() != kMarksVersion) {
        error("/version", "version " + version->dump() + " is not one this configurator reads (it reads " +
                              std::to_string(kMarksVersion) + "); update the configurator");
        return out;
    }
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it.key() != "format" && it.key() != "version" && it.key() != "marks")
            error("/" + it.key(), "unknown field \"" + it.key() + "\"");
    const auto list = root.find("marks");
    if (list == root.end() || !list->is_array()) {
        error("/marks", "expected a list of marks");
        return out;
    }
    FollowUpMarks marks;
    std::map<std::string, std::size_t, std::less<>> first_index;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& entry = (*list)[i];
        const std::string where = "/marks/" + std::to_string(i);
        if (!entry.is_object()) {
            error(where, "expected an object {serial, kind, date}");
            continue;
        }
        for (auto it = entry.begin(); it != entry.end(); ++it)
            if (it.key() != "serial" && it.key() != "kind" && it.key() != "date" && it.key() != "reason")
                error(where + "/" + it.key(), "unknown field \"" + it.key() + "\"");
        const auto serial = entry.find("serial");
        std::string serial_text;
        if (serial == entry.end() || !serial->is_string() || trim(serial->get<std::string>()).empty())
            error(where + "/serial", "missing (every mark belongs to a serial)");
        else serial_text = std::string(trim(serial->get<std::string>()));
        const auto kind = entry.find("kind");
        std::optional<MarkKind> kind_value;
        if (kind == entry.end() || !kind->is_string())
            error(where + "/kind", "missing (expected " + kinds_list() + ")");
        else if (!(kind_value = parse_mark_kind(kind->get<std::string>())))
            error(where + "/kind", "unknown kind \"" + kind->get<std::string>() + "\" (expected " + kinds_list() + ")");
        const auto date = entry.find("date");
        std::optional<Date> date_value;
        if (date == entry.end() || !date->is_string()) error(where + "/date", "missing (expected YYYY-MM-DD)");
        else if (!(date_value = Date::parse(date->get<std::string>())))
            error(where + "/date", "expected a date YYYY-MM-DD, not \"" + date->get<std::string>() + "\"");
        std::string reason;
        if (const auto r = entry.find("reason"); r != entry.end()) {
            if (!r->is_string()) error(where + "/reason", "expected text");
            else if (kind_value && *kind_value != MarkKind::WontRenew)
                error(where + "/reason", "only a wont_renew mark has a reason");
            else if (r->get<std::string>().size() > kMaxReason)
                error(where + "/reason", "longer than " + std::to_string(kMaxReason) + " characters");
            else reason = r->get<std::string>();
        }
        if (serial_text.empty() || !kind_value || !date_value) continue;
        if (const auto seen = first_index.find(serial_text); seen != first_index.end()) {
            error(where + "/serial",
                  "serial " + serial_text + " already has a mark at /marks/" + std::to_string(seen->second));
            continue;
        }
        first_index.emplace(serial_text, i);
        marks.emplace(serial_text, FollowUpMark{*kind_value, *date_value, std::move(reason)});
    }
    if (out.errors.empty()) out.marks = std::move(marks);
    return out;
}

bool looks_like_marks_file(std::string_view bytes) {
    // Past a byte order mark and white space, a JSON object that names the format near its start.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const std::size_t start = bytes.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || bytes[start] != '{') return false;
    return bytes.substr(0, 4096).find(kMarksFormat) != std::string_view::npos;
}

// ---- Merge ----------------------------------------------------------------------------------------
MarksMerge merge_marks(FollowUpMarks& into, const FollowUpMarks& from) {
    MarksMerge merge;
    for (const auto& [serial, incoming] : from) {
        const auto it = into.find(serial);
        if (it == into.end()) {
            into.emplace(serial, incoming);
            ++merge.added;
            continue;
        }
        FollowUpMark& kept = it->second;
        if (kept == incoming) {
            ++merge.same;
            continue;
        }
        bool take = incoming.date > kept.date;
        if (incoming.date == kept.date) take = settled(incoming.kind) || !settled(kept.kind);
        if (take) {
            kept = incoming;
            ++merge.replaced;
        } else {
            ++merge.kept;
        }
    }
    return merge;
}

std::string to_string(const MarksMerge& merge) {
    std::string out;
    auto part = [&](std::int64_t n, const char* words) {
        if (n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + words;
    };
    part(merge.added, "added");
    part(merge.replaced, "replaced");
    part(merge.kept, "kept (newer here)");
    part(merge.same, "already here");
    return out.empty() ? "nothing new" : out;
}

// ---- Radar ----------------------------------------------------------------------------------------
FleetSummary open_work_summary(const FleetResult& result, const FollowUpMarks& marks) {
    // Without marks every unit is open work: the fleet's own summary, not a second pass over it.
    if (marks.empty()) return result.summary;
    FleetSummary summary;
    start_summary(summary, result.summary.currency, result.as_of);
    summary.rows_with_errors = result.summary.rows_with_errors;
    for (const UnitOpportunity& unit : result.units) {
        const auto it = marks.find(unit.serial());
        if (is_open_work(it == marks.end() ? nullptr : &it->second)) add_to_summary(summary, unit, result.as_of);
    }
    return summary;
}

}  // namespace apos
