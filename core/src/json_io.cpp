// JSON shapes shared by the CLI, the JS API and the exports (DESIGN.md's contract), and the
// strict reader for quote requests.
#include "apos/json_io.hpp"

#include <cctype>
#include <set>
#include <unordered_map>

#include "json_depth.hpp"

namespace apos {

using nlohmann::json;

// [SECTION] Output ---------------------------------------------------------------------------
json money_to_json(const Money& m) {
    return {{"minor", m.minor_units()}, {"currency", std::string(m.currency().code_view())}, {"text", m.to_string()}};
}

namespace {

json range_to_json(const DateRange& r) { return {{"from", r.from.to_string()}, {"until", r.until.to_string()}}; }

json reasons_to_json(const std::vector<Reason>& reasons) {
    json out = json::array();
    for (const Reason& r : reasons) {
        const char* severity = r.verdict == Verdict::Block           ? "block"
                               : r.verdict == Verdict::NeedsApproval ? "approval"
                               : r.verdict == Verdict::Warning       ? "warning"
                                                                     : "note";
        out.push_back({{"rule", r.rule}, {"message", r.message}, {"source", r.source}, {"severity", severity}});
    }
    return out;
}

json optional_date(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

}  // namespace

json fix_to_json(const std::optional<Fix>& fix) {
    if (!fix) return nullptr;
    json out = {{"action", to_string(fix->action)}, {"label", fix->label}};
    if (fix->action == FixAction::AddService) out["kind"] = to_string(fix->kind);
    if (!fix->offering.empty()) out["offering"] = fix->offering;
    if (fix->term_years > 0) out["term_years"] = fix->term_years;
    if (fix->quantity > 0) out["quantity"] = fix->quantity;
    if (fix->day) out["day"] = fix->day->to_string();
    return out;
}

json machine_type_to_json(const MachineType& t) {
    return {{"mt", t.mt},
            {"name", t.name},
            {"brand", to_string(t.brand)},
            {"series", t.series},
            {"category", to_string(t.category)},
            {"price_class", t.price_class},
            {"base_years", t.base_years},
            {"base_level", to_string(t.base_level)},
            {"sealed_battery", t.sealed_battery},
            {"soldered_drive", t.soldered_drive},
            {"announced", t.announced.to_string()},
            {"education", t.education},
            {"topseller", t.topseller},
            {"reference_price", money_to_json(t.reference_price)},
            {"onsite_4h_95", t.onsite_4h_95},
            {"onsite_4h_247", t.onsite_4h_247}};
}

json catalog_list_to_json(const Catalog& catalog) {
    json out = json::array();
    for (const MachineType& t : catalog.machine_types) out.push_back(machine_type_to_json(t));
    return out;
}

json device_facts_to_json(const DeviceFacts& d) {
    const MachineType& t = *d.machine_type;
    json facts = json::array();
    for (const FactNote& n : d.notes) facts.push_back({{"rule", n.rule}, {"message", n.message}, {"source", n.source}});
    json held = json::array();
    for (OfferKind k : d.input.services_held) held.push_back(to_string(k));
    return {{"mtm", d.input.mtm},
            {"mt", t.mt},
            {"name", t.name},
            {"brand", to_string(t.brand)},
            {"series", t.series},
            {"category", to_string(t.category)},
            {"serial", d.input.serial},
            {"ship_date", d.input.ship_date.to_string()},
            {"purchase_date", optional_date(d.input.purchase_date)},
            {"channel", to_string(d.input.channel)},
            {"condition", to_string(d.input.condition)},
            {"country", d.input.country},
            {"quantity", d.input.quantity},
            {"segment", to_string(d.input.segment)},
            {"replacement", d.input.replacement},
            {"services_held", held},
            {"base_start", d.base_start.to_string()},
            {"base_end", d.base_end.to_string()},
            {"base_years", d.base_years},
            {"base_level", to_string(d.base_level)},
            {"iws", d.iws},
            {"system_purchase", d.system_purchase.to_string()},
            {"coverage_end", d.coverage_end.to_string()},
            {"covered_years", d.covered_years},
            {"cap_years", d.cap_years},
            {"cap_end", d.cap_end.to_string()},
            {"facts", facts}};
}

json offer_to_json(const Offer& o, Date as_of) {
    const Offering& off = *o.offering;
    json j = {{"id", off.id},
              {"name", off.name},
              {"kind", to_string(off.kind)},
              {"level", off.level ? json(std::string(to_string(*off.level))) : json(nullptr)},
              {"group", off.guide_group},
              {"term_years", o.term_years},
              {"status", to_string(o.status)},
              {"reasons", reasons_to_json(o.reasons)},
              {"window", o.window ? range_to_json(*o.window) : json(nullptr)},
              {"days_left", o.window ? json(days_between(as_of, o.window->until)) : json(nullptr)},
              {"changes_on", optional_date(o.changes_on)},
              {"price", o.unit_price ? money_to_json(*o.unit_price) : json(nullptr)},
              {"part_number", o.part_number},
              {"coverage", o.coverage_from ? range_to_json({*o.coverage_from, *o.coverage_until}) : json(nullptr)},
              {"fix", fix_to_json(o.fix)}};
    if (off.feature != Feature::None) j["feature"] = to_string(off.feature);
    return j;
}

json eligibility_to_json(const Catalog& catalog, const DeviceFacts& device, Date as_of, const std::vector<Offer>& offers) {
    json list = json::array();
    for (const Offer& o : offers) list.push_back(offer_to_json(o, as_of));
    return {{"as_of", as_of.to_string()}, {"catalog", catalog.label}, {"device", device_facts_to_json(device)}, {"offers", list}};
}

json eligibility_report_json(const Catalog& catalog, const Evaluation& evaluation, std::size_t device) {
    const DeviceEvaluation& d = evaluation.devices.at(device);
    if (!d.facts) {
        const DeviceError error = d.error.value_or(DeviceError{"mtm", "no device"});
        return {{"as_of", evaluation.as_of.to_string()}, {"item", device}, {"error", {{"field", error.field}, {"message", error.message}}}};
    }
    json out = eligibility_to_json(catalog, *d.facts, evaluation.as_of, d.offers);
    out["item"] = device;
    json sold = json::array();
    for (const Offer& o : d.sold) sold.push_back({{"id", o.offering->id}, {"term_years", o.term_years}, {"status", to_string(o.status)}});
    out["sold"] = sold;
    out["recommendations"] = recommendations_to_json(d.recommendations, evaluation.as_of);
    out["timeline"] = d.timeline ? timeline_to_json(*d.timeline) : json(nullptr);
    return out;
}

json evaluation_to_json(const Catalog& catalog, const Evaluation& evaluation) {
    json devices = json::array();
    for (std::size_t i = 0; i < evaluation.devices.size(); ++i) devices.push_back(eligibility_report_json(catalog, evaluation, i));
    return {{"as_of", evaluation.as_of.to_string()}, {"catalog", catalog.label}, {"devices", devices}, {"quote", quote_to_json(evaluation.quote)}};
}

json quote_to_json(const Quote& q) {
    json items = json::array();
    for (const QuoteItemResult& item : q.items) {
        if (item.device) items.push_back({{"device", device_facts_to_json(*item.device)}});
        else items.push_back({{"error", {{"field", item.error->field}, {"message", item.error->message}}}});
    }
    json lines = json::array();
    for (const QuoteLine& l : q.lines) {
        lines.push_back({{"item", l.item},
                         {"id", l.id},
                         {"name", l.name},
                         {"part_number", l.part_number},
                         {"kind", l.kind ? json(std::string(to_string(*l.kind))) : json("hardware")},
                         {"term_years", l.term_years},
                         {"quantity", l.quantity},
                         {"status", to_string(l.status)},
                         {"unit_list", money_to_json(l.unit_list)},
                         {"line_list", money_to_json(l.line_list)},
                         {"line_partner", money_to_json(l.line_partner)},
                         {"coverage", l.coverage ? range_to_json(*l.coverage) : json(nullptr)},
                         {"notes", reasons_to_json(l.notes)}});
    }
    json rejected = json::array();
    for (const RejectedService& r : q.rejected) {
        json j = {{"item", r.item}, {"service", r.label}, {"reasons", reasons_to_json(r.reasons)}, {"fix", fix_to_json(r.fix)}};
        if (!r.offering.empty()) {
            j["id"] = r.offering;
            j["term_years"] = r.term_years;
        }
        if (!r.fell_with.empty()) j["fell_with"] = r.fell_with;
        rejected.push_back(std::move(j));
    }
    json amounts = json::array();
    for (const ProgramAmount& a : q.programs.amounts) {
        json j = {{"rule", a.rule}, {"name", a.name}, {"basis", a.basis}, {"units", a.units}, {"amount", money_to_json(a.amount)},
                  {"capped", a.capped}};
        if (a.basis == "units") j["per_unit"] = money_to_json(a.per_unit);
        else {
            j["basis_amount"] = money_to_json(a.basis_amount);
            j["rate_bp"] = a.rate.value;
            j["rate"] = a.rate.to_percent_string();
        }
        if (!a.note.empty()) j["note"] = a.note;
        amounts.push_back(j);
    }
    return {{"as_of", q.as_of.to_string()},
            {"catalog", q.catalog_label},
            {"notice", "Sample catalog: prices and part numbers are illustrative, not an offer."},
            {"rounding", q.rounding},
            {"currency", std::string(q.totals.list.currency().code_view())},
            {"items", items},
            {"lines", lines},
            {"rejected", rejected},
            {"programs", {{"table", q.programs.table_id}, {"amounts", amounts}, {"notices", q.programs.notices},
                          {"total", money_to_json(q.programs.total)}}},
            {"totals", {{"list", money_to_json(q.totals.list)},
                        {"partner_price", money_to_json(q.totals.partner_price)},
                        {"partner_benefit", money_to_json(q.totals.partner_benefit)},
                        {"margin_bp", q.totals.margin.value},
                        {"margin", q.totals.margin.to_percent_string()}}}};
}

json timeline_to_json(const Timeline& t) {
    json segments = json::array();
    for (const CoverageSegment& s : t.segments)
        segments.push_back({{"label", s.label}, {"offering", s.offering}, {"kind", to_string(s.kind)}, {"base", s.base},
                            {"from", s.range.from.to_string()}, {"until", s.range.until.to_string()}});
    json deadlines = json::array();
    for (const DeadlineMarker& d : t.deadlines) deadlines.push_back({{"label", d.label}, {"rule", d.rule}, {"day", d.day.to_string()}});
    return {{"start", t.start.to_string()}, {"end", t.end.to_string()}, {"today", t.today.to_string()},
            {"segments", segments}, {"deadlines", deadlines}};
}

json recommendations_to_json(const std::vector<RecommendedBundle>& bundles, Date as_of) {
    json out = json::array();
    for (const RecommendedBundle& b : bundles) {
        json offers = json::array();
        for (const Offer& o : b.offers) offers.push_back({{"id", o.offering->id}, {"kind", to_string(o.offering->kind)}, {"term_years", o.term_years},
                                                          {"price", o.unit_price ? money_to_json(*o.unit_price) : json(nullptr)}});
        (void)as_of;
        out.push_back({{"tier", b.tier}, {"pitch", b.pitch}, {"offers", offers}, {"unit_total", money_to_json(b.unit_total)}, {"missing", b.missing}});
    }
    return out;
}

// [SECTION] Fleet ----------------------------------------------------------------------------
namespace {

std::string offer_label(const BestOffer& o) {
    std::string text = o.offering->id;
    if (o.term_years > 0) text += " " + std::to_string(o.term_years) + "y";
    text += " " + o.unit_price.to_string();
    return text;
}

}  // namespace

json fleet_unit_to_json(const UnitOpportunity& u, const std::vector<std::string>& extra_values) {
    json best = json::array();
    for (const BestOffer& o : u.best_offers)
        best.push_back({{"id", o.offering->id}, {"kind", to_string(o.offering->kind)}, {"term_years", o.term_years},
                        {"price", money_to_json(o.unit_price)}, {"window", o.window ? range_to_json(*o.window) : json(nullptr)}});
    json windows = json::array();
    for (const ClosingWindow& w : u.windows)
        windows.push_back({{"kind", to_string(w.kind)}, {"offering", w.offering->id}, {"closes", w.closes.to_string()}, {"days_left", w.days_left}});
    json j = {{"line", u.line},
              {"serial", u.serial},
              {"mtm", u.mtm},
              {"mt", u.machine_type},
              {"customer", u.customer},
              {"quantity", u.quantity},
              {"coverage_end", u.coverage_end.to_string()},
              {"covered", u.covered},
              {"lapsed", u.lapsed},
              {"bucket", to_string(u.bucket)},
              {"best_offers", best},
              {"windows", windows},
              {"reinstatement_price", u.reinstatement_price ? money_to_json(*u.reinstatement_price) : json(nullptr)},
              {"value", money_to_json(u.value)}};
    if (!extra_values.empty()) j["extra"] = extra_values;
    return j;
}

json fleet_summary_to_json(const FleetSummary& s) {
    auto totals = [](const BucketTotals& t) { return json{{"units", t.units}, {"value", money_to_json(t.value)}}; };
    json buckets = json::object();
    for (int b = 0; b < kWindowBucketCount; ++b)
        buckets[std::string(to_string(static_cast<WindowBucket>(b)))] = totals(s.by_bucket[static_cast<std::size_t>(b)]);
    json customers = json::object();
    for (const auto& [name, t] : s.by_customer) customers[name] = totals(t);
    json types = json::object();
    for (const auto& [mt, t] : s.by_machine_type) types[mt] = totals(t);
    json months = json::array();
    for (std::size_t m = 0; m < s.expiries_by_month.size(); ++m) {
        json month = {{"month", s.expiries_by_month[m].first}, {"units", s.expiries_by_month[m].second}};
        if (m < s.expiries_by_month_bucket.size()) {
            json split = json::object();
            for (int b = 0; b < kWindowBucketCount; ++b)
                if (const auto n = s.expiries_by_month_bucket[m][static_cast<std::size_t>(b)]) split[std::string(to_string(static_cast<WindowBucket>(b)))] = n;
            month["by_bucket"] = split;
        }
        months.push_back(month);
    }
    return {{"units", s.units},
            {"rows_with_errors", s.rows_with_errors},
            {"value", money_to_json(s.value)},
            {"by_bucket", buckets},
            {"by_customer", customers},
            {"by_machine_type", types},
            {"expiries_by_month", months}};
}

json fleet_header_to_json(const Catalog& catalog, Date as_of, const std::vector<std::string>& extra_columns) {
    return {{"as_of", as_of.to_string()},
            {"catalog", catalog.label},
            {"notice", "Sample catalog: prices and part numbers are illustrative, not an offer."},
            {"extra_columns", extra_columns}};
}

json fleet_errors_to_json(const std::vector<FleetRowError>& errors) {
    json out = json::array();
    for (const FleetRowError& e : errors) out.push_back({{"line", e.line}, {"column", e.column}, {"message", e.message}});
    return out;
}

json fleet_to_json(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result) {
    std::unordered_map<int, const FleetRow*> rows;
    for (const FleetRow& r : parsed.rows) rows[r.line] = &r;
    json units = json::array();
    for (const UnitOpportunity& u : result.units) {
        const auto it = rows.find(u.line);
        units.push_back(fleet_unit_to_json(u, it != rows.end() ? it->second->extra : std::vector<std::string>{}));
    }
    json out = fleet_header_to_json(catalog, result.as_of, parsed.extra_columns);
    out["units"] = std::move(units);
    out["errors"] = fleet_errors_to_json(result.errors);
    out["summary"] = fleet_summary_to_json(result.summary);
    return out;
}

std::string csv_cell(std::string_view value) {
    std::string cell(value);
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r'))
        cell.insert(0, "'");
    if (cell.find_first_of(",\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    }
    return cell;
}

std::string fleet_csv_header(const std::vector<std::string>& extra_columns) {
    std::string out = "line,serial,mtm,customer,quantity,coverage_end,covered,lapsed,bucket,next_window,closes,days_left,best_offers,"
                      "reinstatement_price,value,currency";
    for (const std::string& extra : extra_columns) out += "," + csv_cell(extra);
    return out + "\r\n";
}

std::string fleet_unit_csv_row(const Catalog& catalog, const UnitOpportunity& u, const std::vector<std::string>& extra_values) {
    std::string best;
    for (const BestOffer& o : u.best_offers) best += (best.empty() ? "" : "; ") + offer_label(o);
    const ClosingWindow* next = u.windows.empty() ? nullptr : &u.windows.front();
    const std::string cells[] = {std::to_string(u.line), u.serial, u.mtm, u.customer, std::to_string(u.quantity),
                                 u.coverage_end.to_string(), u.covered ? "yes" : "no", u.lapsed ? "yes" : "no",
                                 std::string(to_string(u.bucket)), next ? std::string(to_string(next->kind)) : "",
                                 next ? next->closes.to_string() : "", next ? std::to_string(next->days_left) : "", best,
                                 u.reinstatement_price ? u.reinstatement_price->to_plain_string() : "", u.value.to_plain_string(),
                                 std::string(catalog.policy.currency.code_view())};
    std::string out;
    for (const std::string& cell : cells) out += (out.empty() ? "" : ",") + csv_cell(cell);
    for (const std::string& extra : extra_values) out += "," + csv_cell(extra);
    return out + "\r\n";
}

std::string fleet_to_csv(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result) {
    std::unordered_map<int, const FleetRow*> rows;
    for (const FleetRow& r : parsed.rows) rows[r.line] = &r;
    std::string out = fleet_csv_header(parsed.extra_columns);
    static const std::vector<std::string> no_extra;
    for (const UnitOpportunity& u : result.units) {
        const auto it = rows.find(u.line);
        out += fleet_unit_csv_row(catalog, u, it != rows.end() ? it->second->extra : no_extra);
    }
    return out;
}

json quote_request_to_json(const QuoteRequest& request) {
    json programs = json::array();
    for (const std::string& p : request.programs.opted_in) programs.push_back(p);
    json items = json::array();
    for (const QuoteItemRequest& item : request.items) {
        const DeviceInput& d = item.device;
        json held = json::array();
        for (OfferKind k : d.services_held) held.push_back(to_string(k));
        json device = {{"mtm", d.mtm},
                       {"ship_date", d.ship_date.to_string()},
                       {"channel", to_string(d.channel)},
                       {"condition", to_string(d.condition)},
                       {"country", d.country},
                       {"quantity", d.quantity},
                       {"segment", to_string(d.segment)},
                       {"replacement", d.replacement},
                       {"pages_per_box", d.pages_per_box},
                       {"install_locations", d.install_locations},
                       {"services_held", held}};
        if (!d.serial.empty()) device["serial"] = d.serial;
        if (d.purchase_date) device["purchase_date"] = d.purchase_date->to_string();
        if (d.coverage_end) device["coverage_end"] = d.coverage_end->to_string();
        json services = json::array();
        for (const ServiceRequest& s : item.services) {
            json service = {{"term_years", s.term_years}};
            if (!s.id.empty()) service["id"] = s.id;
            if (s.kind) service["kind"] = to_string(*s.kind);
            if (s.level) service["level"] = to_string(*s.level);
            services.push_back(std::move(service));
        }
        items.push_back({{"device", std::move(device)}, {"hardware", item.include_hardware}, {"services", std::move(services)}});
    }
    json customer = {{"segment", to_string(request.segment)}, {"new_customer", request.programs.new_customer}, {"programs", programs}};
    if (request.programs.previous_quarter_purchases_minor)
        customer["previous_quarter_purchases_minor"] = *request.programs.previous_quarter_purchases_minor;
    if (request.programs.partner_country != "US") customer["partner_country"] = request.programs.partner_country;
    return {{"as_of", request.as_of.to_string()}, {"customer", std::move(customer)}, {"items", std::move(items)}};
}

// [SECTION] Input ----------------------------------------------------------------------------
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
            error(key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", found " + detail::shown_value(*j));
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
    std::optional<E> enumeration(const std::string& key, std::optional<E> (*parse)(std::string_view), const char* expected) {
        const auto t = text(key, 40);
        if (!t) return std::nullopt;
        const auto v = parse(*t);
        if (!v) error(key, std::string("expected one of ") + expected + ", found \"" + *t + "\"");
        return v;
    }
};

constexpr const char* kKindNames =
    "extension, upgrade, adp, kyd, sbty, iwu, premier, ticru, post-warranty, reinstatement, school-year, deployment, recovery, support";
constexpr const char* kLevelNames =
    "mail-in, carry-in, depot, expedited-depot, onsite-2nd-day, onsite-nbd, onsite-8h-247, onsite-4h-95, onsite-4h-247";

}  // namespace

std::optional<DeviceInput> device_input_from_json(const json& object, const std::string& where, std::vector<InputError>& errors) {
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
    if (auto v = f.enumeration<Segment>("segment", parse_segment, "education, health, government, smb, enterprise")) d.segment = *v;
    if (auto v = f.text("country", 2)) {
        if (v->size() != 2 || !std::isupper(static_cast<unsigned char>((*v)[0])) || !std::isupper(static_cast<unsigned char>((*v)[1])))
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
                if (!kind) errors.push_back({f.at("services_held") + "/" + std::to_string(i), std::string("expected one of ") + kKindNames});
                else d.services_held.push_back(*kind);
            }
    }
    f.unknown();
    if (errors.size() != before) return std::nullopt;
    return d;
}

std::string json_text(const json& value, int indent) { return value.dump(indent, ' ', false, json::error_handler_t::replace); }

std::optional<InputError> check_json_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes)
        return InputError{"/", "the input has " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes) + " bytes"};
    // Deep nesting would parse, but dumping it into an error message recurses per level.
    if (detail::find_excess_nesting(text) != std::string_view::npos)
        return InputError{"/", "not valid JSON: arrays or objects nested deeper than " + std::to_string(detail::kMaxJsonDepth) + " levels"};
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
            if (auto v = c.enumeration<Segment>("segment", parse_segment, "education, health, government, smb, enterprise")) request.segment = *v;
            if (auto v = c.boolean("new_customer")) request.programs.new_customer = *v;
            if (auto v = c.text("partner_country", 2)) {  // read by programs with partner_countries (programs.json)
                if (v->size() == 2 && std::isupper(static_cast<unsigned char>((*v)[0])) && std::isupper(static_cast<unsigned char>((*v)[1])))
                    request.programs.partner_country = *v;
                else c.error("partner_country", "expected a 2-letter country code such as CA, found \"" + *v + "\"");
            }
            // PDP allocation: last quarter's purchases from distribution, in minor units (cents).
            request.programs.previous_quarter_purchases_minor = c.integer("previous_quarter_purchases_minor", 0, kMaxPurchasesMinor);
            if (const json* programs = c.get("programs")) {
                static const std::set<std::string> kOptIn = {"NCB", "DEAL-REG", "PDP"};
                if (!programs->is_array()) c.error("programs", "expected an array such as [\"NCB\"]");
                else
                    for (std::size_t i = 0; i < programs->size(); ++i) {
                        const json& p = (*programs)[i];
                        if (!p.is_string() || !kOptIn.count(p.get<std::string>()))
                            errors.push_back({"/customer/programs/" + std::to_string(i), "expected one of NCB, DEAL-REG, PDP"});
                        else request.programs.opted_in.push_back(p.get<std::string>());
                    }
            }
            c.unknown();
        }
    }
    const json* items = top.get("items");
    if (!items || !items->is_array() || items->empty()) errors.push_back({"/items", "expected a non-empty array of items"});
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
                        if (auto v = sf.integer("term_years", 0, kMaxTermYears)) service.term_years = static_cast<int>(*v);
                        service.level = sf.enumeration<ServiceLevel>("level", parse_service_level, kLevelNames);
                        if (service.id.empty() && !service.kind && !sf.get("kind")) errors.push_back({sat, "needs an \"id\" or a \"kind\""});
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
