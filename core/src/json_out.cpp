// The JSON shapes the CLI, the JS API and the exports share (the contract in ../shared/DESIGN.md): values of
// the core written out as JSON, and the one way JSON becomes text (json_text).
#include "apos/json_io.hpp"

#include <unordered_map>

namespace apos {

using nlohmann::json;

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

json eligibility_to_json(const Catalog& catalog, const DeviceFacts& device, Date as_of,
                         const std::vector<Offer>& offers) {
    json list = json::array();
    for (const Offer& o : offers) list.push_back(offer_to_json(o, as_of));
    return {{"as_of", as_of.to_string()},
            {"catalog", catalog.label},
            {"device", device_facts_to_json(device)},
            {"offers", list}};
}

json eligibility_report_json(const Catalog& catalog, const Evaluation& evaluation, std::size_t device) {
    const DeviceEvaluation& d = evaluation.devices.at(device);
    if (!d.facts) {
        const DeviceError error = d.error.value_or(DeviceError{"mtm", "no device"});
        return {{"as_of", evaluation.as_of.to_string()},
                {"item", device},
                {"error", {{"field", error.field}, {"message", error.message}}}};
    }
    json out = eligibility_to_json(catalog, *d.facts, evaluation.as_of, d.offers);
    out["item"] = device;
    json sold = json::array();
    for (const Offer& o : d.sold)
        sold.push_back({{"id", o.offering->id}, {"term_years", o.term_years}, {"status", to_string(o.status)}});
    out["sold"] = sold;
    out["recommendations"] = recommendations_to_json(d.recommendations, evaluation.as_of);
    out["timeline"] = d.timeline ? timeline_to_json(*d.timeline) : json(nullptr);
    return out;
}

json evaluation_to_json(const Catalog& catalog, const Evaluation& evaluation) {
    json devices = json::array();
    for (std::size_t i = 0; i < evaluation.devices.size(); ++i)
        devices.push_back(eligibility_report_json(catalog, evaluation, i));
    return {{"as_of", evaluation.as_of.to_string()},
            {"catalog", catalog.label},
            {"devices", devices},
            {"quote", quote_to_json(evaluation.quote)}};
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
        json j = {{"item", r.item},
                  {"service", r.label},
                  {"reasons", reasons_to_json(r.reasons)},
                  {"fix", fix_to_json(r.fix)}};
        if (!r.offering.empty()) {
            j["id"] = r.offering;
            j["term_years"] = r.term_years;
        }
        if (!r.fell_with.empty()) j["fell_with"] = r.fell_with;
        rejected.push_back(std::move(j));
    }
    json amounts = json::array();
    for (const ProgramAmount& a : q.programs.amounts) {
        json j = {{"rule", a.rule},
                  {"name", a.name},
                  {"basis", a.basis},
                  {"units", a.units},
                  {"amount", money_to_json(a.amount)},
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
    json out = {{"as_of", q.as_of.to_string()},
                {"catalog", q.catalog_label},
                {"notice", "Sample catalog: prices and part numbers are illustrative, not an offer."},
                {"rounding", q.rounding},
                {"currency", std::string(q.totals.list.currency().code_view())},
                {"items", items},
                {"lines", lines},
                {"rejected", rejected},
                {"programs",
                 {{"table", q.programs.table_id},
                  {"amounts", amounts},
                  {"notices", q.programs.notices},
                  {"total", money_to_json(q.programs.total)}}},
                {"totals",
                 {{"list", money_to_json(q.totals.list)},
                  {"partner_price", money_to_json(q.totals.partner_price)},
                  {"partner_benefit", money_to_json(q.totals.partner_benefit)},
                  {"margin_bp", q.totals.margin.value},
                  {"margin", q.totals.margin.to_percent_string()}}}};
    // Only a quote with a valid-until date has deadlines to name (older answers keep their shape).
    if (q.valid_until) {
        json deadlines = json::array();
        for (const QuoteDeadline& d : q.deadlines) {
            const QuoteLine& l = q.lines[d.line];
            deadlines.push_back({{"line", d.line},
                                 {"item", l.item},
                                 {"id", l.id},
                                 {"name", l.name},
                                 {"buy_by", d.buy_by.to_string()},
                                 {"reason", d.reason}});
        }
        out["valid_until"] = {
            {"date", q.valid_until->to_string()},
            {"earliest_deadline", q.deadlines.empty() ? json(nullptr) : json(q.deadlines.front().buy_by.to_string())},
            {"deadlines", std::move(deadlines)}};
    }
    return out;
}

json timeline_to_json(const Timeline& t) {
    json segments = json::array();
    for (const CoverageSegment& s : t.segments)
        segments.push_back({{"label", s.label},
                            {"offering", s.offering},
                            {"kind", to_string(s.kind)},
                            {"base", s.base},
                            {"from", s.range.from.to_string()},
                            {"until", s.range.until.to_string()}});
    json deadlines = json::array();
    for (const DeadlineMarker& d : t.deadlines)
        deadlines.push_back({{"label", d.label}, {"rule", d.rule}, {"day", d.day.to_string()}});
    return {{"start", t.start.to_string()},
            {"end", t.end.to_string()},
            {"today", t.today.to_string()},
            {"segments", segments},
            {"deadlines", deadlines}};
}

json recommendations_to_json(const std::vector<RecommendedBundle>& bundles, Date as_of) {
    json out = json::array();
    for (const RecommendedBundle& b : bundles) {
        json offers = json::array();
        for (const Offer& o : b.offers)
            offers.push_back({{"id", o.offering->id},
                              {"kind", to_string(o.offering->kind)},
                              {"term_years", o.term_years},
                              {"price", o.unit_price ? money_to_json(*o.unit_price) : json(nullptr)}});
        (void)as_of;
        out.push_back({{"tier", b.tier},
                       {"pitch", b.pitch},
                       {"offers", offers},
                       {"unit_total", money_to_json(b.unit_total)},
                       {"missing", b.missing}});
    }
    return out;
}

// [SECTION] Fleet ----------------------------------------------------------------------------
json fleet_unit_to_json(const UnitOpportunity& u, const std::vector<std::string>& extra_values) {
    json best = json::array();
    for (const BestOffer& o : u.best_offers())
        best.push_back({{"id", o.offering->id},
                        {"kind", to_string(o.offering->kind)},
                        {"term_years", o.term_years},
                        {"price", money_to_json(u.unit_price(o))},
                        {"window", o.window() ? range_to_json(*o.window()) : json(nullptr)}});
    json windows = json::array();
    for (const ClosingWindow& w : u.windows())
        windows.push_back({{"kind", to_string(w.kind())},
                           {"offering", w.offering->id},
                           {"closes", w.closes.to_string()},
                           {"days_left", w.days_left}});
    json j = {
        {"line", u.line},
        {"serial", u.serial()},
        {"mtm", u.mtm()},
        {"mt", u.machine_type},
        {"customer", u.customer()},
        {"quantity", u.quantity},
        {"coverage_end", u.coverage_end.to_string()},
        {"covered", u.covered},
        {"lapsed", u.lapsed},
        {"bucket", to_string(u.bucket)},
        {"best_offers", best},
        {"windows", windows},
        {"reinstatement_price", u.reinstatement_price() ? money_to_json(*u.reinstatement_price()) : json(nullptr)},
        {"value", money_to_json(u.value)}};
    if (!extra_values.empty()) j["extra"] = extra_values;
    return j;
}

json fleet_summary_to_json(const FleetSummary& s) {
    auto totals = [](const BucketTotals& t) { return json{{"units", t.units}, {"value", money_to_json(t.value)}}; };
    json buckets = json::object();
    for (int b = 0; b < kWindowBucketCount; ++b)
        buckets[std::string(to_string(static_cast<WindowBucket>(b)))] =
            totals(s.by_bucket[static_cast<std::size_t>(b)]);
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
                if (const auto n = s.expiries_by_month_bucket[m][static_cast<std::size_t>(b)])
                    split[std::string(to_string(static_cast<WindowBucket>(b)))] = n;
            month["by_bucket"] = split;
        }
        months.push_back(month);
    }
    return {{"as_of", s.as_of.to_string()},
            {"currency", std::string(s.currency.code_view())},
            {"units", s.units},
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
    for (const FleetRowError& e : errors)
        out.push_back({{"line", e.line}, {"column", e.column}, {"message", e.message}});
    return out;
}

json fleet_format_to_json(const FleetFormat& format) {
    json columns = json::object();
    json dates = json::object();
    for (FleetField field : kFleetFields) {
        const auto i = static_cast<std::size_t>(field);
        const int c = format.column[i];
        if (c < 0 || static_cast<std::size_t>(c) >= format.headers.size()) continue;
        columns[std::string(to_string(field))] = format.headers[static_cast<std::size_t>(c)];
        if (!is_date_field(field)) continue;
        json d = {{"forms", describe_date_forms(format.date_forms[i], format.date_order[i])}};
        if (format.date_order[i] != DateOrder::Unknown) {
            d["order"] = std::string(to_string(format.date_order[i]));
            d["order_from"] = format.order_source[i];
        }
        dates[std::string(to_string(field))] = std::move(d);
    }
    json out = {{"columns", std::move(columns)}, {"dates", std::move(dates)}};
    if (format.sheet.empty()) {
        out["encoding"] = std::string(to_string(format.encoding));
        out["delimiter"] = std::string(1, format.delimiter);
    } else {
        out["sheet"] = format.sheet;  // a workbook: no text encoding or delimiter
    }
    if (format.ship_date_from_purchase) out["ship_date_from"] = "purchase_date";
    if (format.quote) out["shape"] = "quote";  // one unit per quote item (describe_quote_reading)
    return out;
}

json fleet_error_groups_to_json(const std::vector<FleetRowError>& errors) {
    json out = json::array();
    for (const FleetErrorGroup& g : group_fleet_errors(errors))
        out.push_back({{"column", g.column},
                       {"problem", g.problem},
                       {"value", g.value},
                       {"first_line", g.first_line},
                       {"rows", g.rows},
                       {"text", to_string(g)}});
    return out;
}

json fleet_to_json(const Catalog& catalog, const FleetParse& parsed, const FleetResult& result) {
    json units = json::array();
    FleetRow row;
    for (const UnitOpportunity& u : result.units) {
        const std::optional<std::size_t> index = parsed.rows.index_of_line(u.line);
        if (index) parsed.rows.get(*index, row);
        units.push_back(fleet_unit_to_json(u, index ? row.extra : std::vector<std::string>{}));
    }
    json out = fleet_header_to_json(catalog, result.as_of, parsed.extra_columns);
    out["format"] = fleet_format_to_json(parsed.format);
    out["units"] = std::move(units);
    out["errors"] = fleet_errors_to_json(result.errors);
    out["error_groups"] = fleet_error_groups_to_json(result.errors);
    out["summary"] = fleet_summary_to_json(result.summary);
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
        items.push_back(
            {{"device", std::move(device)}, {"hardware", item.include_hardware}, {"services", std::move(services)}});
    }
    json customer = {{"segment", to_string(request.segment)},
                     {"new_customer", request.programs.new_customer},
                     {"programs", programs}};
    if (request.programs.previous_quarter_purchases_minor)
        customer["previous_quarter_purchases_minor"] = *request.programs.previous_quarter_purchases_minor;
    if (request.programs.partner_country != "US") customer["partner_country"] = request.programs.partner_country;
    json out = {{"as_of", request.as_of.to_string()}, {"customer", std::move(customer)}, {"items", std::move(items)}};
    if (request.valid_until) out["valid_until"] = request.valid_until->to_string();
    return out;
}

std::string json_text(const json& value, int indent) {
    return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace apos
