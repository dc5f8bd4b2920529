// Proposals panel: the loaded fleet turned into renewal proposals per customer by the core
// (build_proposals, suggest_coterm) for a horizon and the customers chosen; printed through the
// host's print view, saved as the mail-merge CSV and one e-mail draft per customer. Nothing is
// sent from here. Also each unit's segment and its urgency under the segment's limits (the fleet
// table and radar use them), the table's customer and model filters, and the settings window for
// the partner's details and the limits per segment.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "apos/json_io.hpp"
#include "apos/urgency.hpp"
#include "app/app.hpp"
#include "app/widget_table.hpp"
#include "imgui.h"
#include "panels/panels.hpp"
#include "widgets/calendar_popup.hpp"
#include "widgets/renewal_radar.hpp"
#include "widgets/same_line_if_fits.hpp"
#include "widgets/status_badge.hpp"
#include "widgets/text_field.hpp"

namespace apos::ui {

namespace {

constexpr int kHorizonDays[] = {30, 60, 90, 180, 365};

std::string Grouped(std::size_t n) { return group_thousands(static_cast<std::int64_t>(n)); }

std::string HorizonsKey(const Settings& settings) {
    std::string key = std::to_string(settings.default_urgency.urgent_days) + "/" +
                      std::to_string(settings.default_urgency.soon_days) + "/" +
                      std::to_string(settings.default_urgency.plan_days);
    for (const SegmentUrgency& s : settings.segments)
        key += "|" + s.name + ":" + std::to_string(s.horizons.urgent_days) + "/" +
               std::to_string(s.horizons.soon_days) + "/" + std::to_string(s.horizons.plan_days);
    return key;
}

// "Closing in 0-60 days" for a segment that calls at 60 days; the fleet's own words otherwise.
std::string UrgencyLabel(WindowBucket bucket, const UrgencyHorizons& h) {
    char text[64];
    switch (bucket) {
        case WindowBucket::Closing0To30: std::snprintf(text, sizeof text, "Closing in 0-%d days", h.urgent_days); break;
        case WindowBucket::Closing31To60:
            std::snprintf(text, sizeof text, "Closing in %d-%d days", h.urgent_days + 1, h.soon_days);
            break;
        case WindowBucket::Closing61To90:
            std::snprintf(text, sizeof text, "Closing in %d-%d days", h.soon_days + 1, h.plan_days);
            break;
        default: return BucketLabel(bucket);
    }
    return text;
}

// The segment the partner gave the unit's customer in the page, else the file's.
const std::string& SegmentOfUnit(App& app, std::size_t index, const UnitOpportunity& unit) {
    const auto& given = app.fleet_choices.segment_of_customer;
    if (const auto it = given.find(std::string(unit.customer())); it != given.end()) return it->second;
    const FleetSegments& segments = CurrentFleetSegments(app);
    static const std::string kNone;
    return index < segments.of_unit.size() ? segments.names[segments.of_unit[index]] : kNone;
}

// ---- Building the proposals ----------------------------------------------------------------
Date HorizonEnd(const ProposalsView& view, Date as_of) {
    if (view.horizon_days == 0 && view.horizon_date && *view.horizon_date >= as_of) return *view.horizon_date;
    return proposal_horizon_end(as_of, view.horizon_days > 0 ? view.horizon_days : 90);
}

std::string ProposalsKey(App& app, const ProposalsView& view, const FleetResult& result) {
    const ProposalPartner& partner = app.State().settings.partner;
    std::string key = std::to_string(app.Fleet().Generation()) + "|" + result.as_of.to_string() + "|" +
                      HorizonEnd(view, result.as_of).to_string() + "|" + (view.include_coterm ? "c" : "-") + "|" +
                      partner.name + "|" + partner.contact + "|" + partner.email;
    if (view.chosen_only)
        for (const std::string& c : view.chosen) key += "|" + c;
    return key;
}

void Prepare(App& app, ProposalsView& view, const FleetParse& parsed, const FleetResult& result) {
    ProposalOptions options;
    options.as_of = result.as_of;
    options.horizon_end = HorizonEnd(view, result.as_of);
    options.partner = app.State().settings.partner;
    options.include_coterm = view.include_coterm;
    if (view.chosen_only) options.customers.assign(view.chosen.begin(), view.chosen.end());
    view.sources = fleet_proposal_sources(parsed, result);
    view.set = build_proposals(*app.GetCatalog(), view.sources, options);
    // The partner sees every customer's suggestion, also when it is left out of the customer's page.
    std::map<std::string, std::vector<ProposalSource>> by_customer;
    for (const ProposalSource& s : view.sources) by_customer[std::string(s.unit->customer())].push_back(s);
    view.coterms.clear();
    for (const CustomerProposal& p : view.set->proposals)
        view.coterms.push_back(suggest_coterm(*app.GetCatalog(), result.as_of, by_customer[p.customer], p.customer));
    view.key = ProposalsKey(app, view, result);
    app.status_message =
        "Prepared " + Grouped(view.set->proposals.size()) + " proposals up to " + view.set->horizon_end.to_string();
}

// Puts the suggested terms on the app's quote: each unit as a fleet item with that term; a unit
// already on the quote keeps its other services, and its service of the same kind is replaced.
void CotermToQuote(App& app, const FleetParse& parsed, const CotermSuggestion& coterm) {
    const Catalog& catalog = *app.GetCatalog();
    AppState& state = app.EditState();
    std::size_t added = 0, changed = 0;
    for (const CotermUnit& u : coterm.units) {
        if (!u.offering) continue;
        const std::optional<FleetRow> row = parsed.rows.find_line(u.line);
        if (!row) continue;
        ServiceRequest request;
        request.id = u.offering->id;
        request.term_years = u.term_years;
        const auto same_unit = [&](const QuoteItemRequest& item) {
            return item.device.serial == row->device.serial && item.device.mtm == row->device.mtm &&
                   item.device.ship_date == row->device.ship_date;
        };
        const auto item = std::find_if(state.fleet_items.begin(), state.fleet_items.end(), same_unit);
        if (item == state.fleet_items.end()) {
            QuoteItemRequest fresh;
            fresh.device = row->device;
            fresh.services.push_back(std::move(request));
            state.fleet_items.push_back(std::move(fresh));
            ++added;
            continue;
        }
        std::erase_if(item->services, [&](const ServiceRequest& s) {
            const Offering* held = catalog.find_offering(s.id);
            return held && held->kind == u.offering->kind;
        });
        item->services.push_back(std::move(request));
        ++changed;
    }
    app.status_message =
        "Co-terming for " + (coterm.customer.empty() ? std::string("(no customer)") : coterm.customer) + ": " +
        Grouped(added) + " units added to the quote, " + Grouped(changed) + " changed (see the Configurator tab)";
}

void DrawHorizon(App& app, ProposalsView& view, Date as_of) {
    ImGui::TextUnformatted("Windows closing and coverage ending within");
    ImGui::SameLine();
    for (const int days : kHorizonDays) {
        const std::string label = std::to_string(days) + " days##horizon";
        if (ImGui::RadioButton(label.c_str(), view.horizon_days == days)) view.horizon_days = days;
        ImGui::SameLine();
    }
    if (ImGui::RadioButton("until a date##horizon", view.horizon_days == 0)) {
        view.horizon_days = 0;
        if (!view.horizon_date) view.horizon_date = proposal_horizon_end(as_of, 120);
    }
    if (view.horizon_days == 0) {
        ImGui::SameLine();
        Date day = view.horizon_date.value_or(proposal_horizon_end(as_of, 120));
        if (DatePicker("Last day##horizon-date", day, app.Today())) view.horizon_date = day;
        if (day < as_of) {
            ImGui::SameLine();
            ImGui::TextColored(ErrorColor(), "before the as-of date %s: 90 days are used", as_of.to_string().c_str());
        }
    }
}

void DrawCustomerChoice(App& app, ProposalsView& view) {
    const FleetSegments& segments = CurrentFleetSegments(app);
    if (ImGui::RadioButton("All customers", !view.chosen_only)) view.chosen_only = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("Chosen customers", view.chosen_only)) view.chosen_only = true;
    ImGui::SameLine();
    const FleetTableState& table = app.fleet_table;
    ImGui::BeginDisabled(table.selected_count == 0);
    if (ImGui::Button("Choose the customers of the selected units")) {
        const FleetResult* result = app.Fleet().Result();
        for (std::size_t i = 0; result && i < table.selected.size() && i < result->units.size(); ++i)
            if (table.selected[i]) view.chosen.emplace(result->units[i].customer());
        view.chosen_only = true;
    }
    ImGui::EndDisabled();
    if (!view.chosen_only) return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    TextField("##customer-filter", view.customer_filter, "Find a customer");
    ImGui::SameLine();
    ImGui::TextDisabled("%s of %s chosen", Grouped(view.chosen.size()).c_str(),
                        Grouped(segments.customers.size()).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear##chosen")) view.chosen.clear();
    const float height = ImGui::GetTextLineHeightWithSpacing() * 6.0f;
    ImGui::BeginChild("customers to choose", ImVec2(0.0f, height), true);
    const auto matches = [&](const std::string& name) {
        if (view.customer_filter.empty()) return true;
        return std::search(name.begin(), name.end(), view.customer_filter.begin(), view.customer_filter.end(),
                           [](char a, char b) {
                               return std::tolower(static_cast<unsigned char>(a)) ==
                                      std::tolower(static_cast<unsigned char>(b));
                           }) != name.end();
    };
    std::vector<const std::string*> shown;
    for (const std::string& c : segments.customers)
        if (matches(c)) shown.push_back(&c);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& name = *shown[static_cast<std::size_t>(i)];
            bool on = view.chosen.count(name) > 0;
            const std::string label = (name.empty() ? std::string("(no customer)") : name) + "##choose";
            if (ImGui::Checkbox(label.c_str(), &on)) {
                if (on) view.chosen.insert(name);
                else view.chosen.erase(name);
            }
        }
    ImGui::EndChild();
}

void DrawProposalList(App& app, ProposalsView& view, const FleetParse& parsed) {
    const ProposalSet& set = *view.set;
    const float font = ImGui::GetFontSize();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_Resizable;
    const float height = std::max(ImGui::GetContentRegionAvail().y, font * 10.0f);
    if (!ImGui::BeginTable("proposals", 7, flags, ImVec2(0.0f, height))) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("Customer", 0, font * 11.0f);
    ImGui::TableSetupColumn("Contact", 0, font * 10.0f);
    ImGui::TableSetupColumn("Units", 0, font * 3.5f);
    ImGui::TableSetupColumn("First deadline", 0, font * 7.0f);
    ImGui::TableSetupColumn("Total (list)", 0, font * 8.0f);
    ImGui::TableSetupColumn("Co-terming: ends spread over", 0, font * 19.0f);
    ImGui::TableSetupColumn("Send it yourself", 0, font * 20.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(set.proposals.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const CustomerProposal& p = set.proposals[static_cast<std::size_t>(i)];
            const CotermSuggestion& coterm = view.coterms[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            ImGui::PushID(i);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.customer.empty() ? "(no customer)" : p.customer.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.contact.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(group_thousands(p.units).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.earliest_deadline ? p.earliest_deadline->to_string().c_str() : "");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.total.to_string().c_str());
            ImGui::TableNextColumn();
            const bool narrows = coterm.target && coterm.spread_days_after < coterm.spread_days_before;
            if (coterm.units.size() < 2) {
                ImGui::TextDisabled("one unit to align");
            } else if (!narrows) {
                ImGui::Text("%d months; no term narrows it", coterm.spread_months_before);
            } else {
                std::size_t terms = 0;
                for (const CotermUnit& u : coterm.units) terms += u.offering ? 1 : 0;
                // "11 -> 5 months (1 term)": the spread now and with the suggested terms.
                ImGui::Text("%d \xE2\x86\x92 %d months (%s term%s)", coterm.spread_months_before,
                            coterm.spread_months_after, Grouped(terms).c_str(), terms == 1 ? "" : "s");
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::TextUnformatted(coterm_text(coterm).c_str());
                    for (const CotermUnit& u : coterm.units)
                        if (u.offering)
                            ImGui::BulletText("%s: %s %d years, ends %s (now %s)", u.serial.c_str(),
                                              u.offering->name.c_str(), u.term_years, u.end_after.to_string().c_str(),
                                              u.end_before.to_string().c_str());
                    ImGui::EndTooltip();
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Terms to quote")) CotermToQuote(app, parsed, coterm);
            }
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("Print") && app.host.print_html) app.host.print_html(proposal_to_html(set, p));
            ImGui::SameLine();
            const std::string eml = p.slug + ".eml";
            const std::string draft = "E-mail draft##" + eml;
            if (ImGui::SmallButton(draft.c_str()) && app.host.save_file)
                app.status_message = app.host.save_file(eml, "message/rfc822", proposal_to_eml(set, p));
            ImGui::PopID();
        }
    ImGui::EndTable();
}

}  // namespace

// ---- Segments, urgency and filters (the fleet table and radar) ---------------------------------
const FleetSegments& CurrentFleetSegments(App& app) {
    FleetSegments& s = app.fleet_segments;
    const FleetJob& job = app.Fleet();
    const FleetResult* result = job.Result();
    const FleetParse* parsed = job.Parsed();
    if (s.generation == job.Generation()) return s;
    s = FleetSegments{};
    s.generation = job.Generation();
    s.names.push_back("");
    if (!result || !parsed) return s;
    const std::optional<std::size_t> column = segment_column(parsed->extra_columns);
    s.has_column = column.has_value();
    // Customers and models: the core's summary has counted each already (a unit without a
    // customer under "(no customer)", which is "" here); going over a million units for them took
    // a long frame.
    for (const auto& [name, totals] : result->summary.by_customer)
        s.customers.push_back(name == "(no customer)" ? std::string() : name);
    for (const auto& [model, totals] : result->summary.by_machine_type) s.models.push_back(model);
    std::sort(s.customers.begin(), s.customers.end());
    if (!column) return s;  // no unit has a segment of its own: of_unit stays empty ("" for each)
    std::map<std::string, std::uint16_t> index;
    s.of_unit.reserve(result->units.size());
    FleetRow row;  // one row's storage for every unit
    for (const UnitOpportunity& u : result->units) {
        std::uint16_t at = 0;
        if (const std::optional<std::size_t> i = parsed->rows.index_of_line(u.line)) {
            parsed->rows.get(*i, row);
            std::string name = row_segment(row, column);
            // A file with thousands of distinct values is not a list of segments: the rest share "".
            if (!name.empty() && (index.count(name) || s.names.size() < 1000)) {
                const auto [it, fresh] = index.emplace(name, static_cast<std::uint16_t>(s.names.size()));
                if (fresh) s.names.push_back(name);
                at = it->second;
            }
        }
        s.of_unit.push_back(at);
    }
    return s;
}

WindowBucket UnitUrgency(App& app, std::size_t unit_index, const UnitOpportunity& unit) {
    return urgency_bucket(unit, HorizonsFor(app.State().settings, SegmentOfUnit(app, unit_index, unit)));
}

void DrawUnitUrgency(App& app, std::size_t unit_index, const UnitOpportunity& unit) {
    const std::string& segment = SegmentOfUnit(app, unit_index, unit);
    const UrgencyHorizons& horizons = HorizonsFor(app.State().settings, segment);
    const WindowBucket bucket = urgency_bucket(unit, horizons);
    const float font = ImGui::GetFontSize();
    std::string label = UrgencyLabel(bucket, horizons);
    if (!segment.empty()) label += " (" + segment + ")";
    // The chip carries the words as its name, so the page's widget list (and its tests) read them.
    const std::string id = label + "##urgency";
    ImGui::ColorButton(id.c_str(), ImGui::ColorConvertU32ToFloat4(BucketColor(bucket)), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(font * 0.8f, font * 0.8f));
    ReportItem(ImGui::GetID(id.c_str()), label.c_str(), false, false);
    ImGui::SameLine();
    ImGui::TextUnformatted(UrgencyLabel(bucket, horizons).c_str());
    if (!segment.empty()) {
        ImGui::SameLine();
        const SegmentUrgency* entry = FindSegment(app.State().settings, segment);
        if (entry) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(entry->color), "%s", segment.c_str());
        else ImGui::TextDisabled("%s", segment.c_str());
    }
}

const std::vector<BucketCounts>& RadarStacks(App& app, const FleetResult& result) {
    FleetSegments& s = const_cast<FleetSegments&>(CurrentFleetSegments(app));
    const Settings& settings = app.State().settings;
    if (settings.segments.empty() && settings.default_urgency == UrgencyHorizons{} &&
        app.fleet_choices.segment_of_customer.empty())
        return app.fleet_marks.open_month_buckets;
    std::string key =
        HorizonsKey(settings) + "#" + std::to_string(s.generation) + "#" + std::to_string(app.fleet_marks.revision);
    for (const auto& [customer, segment] : app.fleet_choices.segment_of_customer) key += "|" + customer + "=" + segment;
    if (key == s.stacks_key) return s.stacks;
    s.stacks_key = key;
    // The same months as the fleet's summary (coverage ending per month from the as-of month).
    s.stacks.assign(result.summary.expiries_by_month.size(), BucketCounts{});
    s.totals = {};
    const YearMonthDay start = result.as_of.ymd();
    for (std::size_t i = 0; i < result.units.size(); ++i) {
        const UnitOpportunity& u = result.units[i];
        if (!is_open_work(MarkOf(app.fleet_marks, u.serial()))) continue;  // marked renewed or won't renew
        const auto bucket = static_cast<std::size_t>(UnitUrgency(app, i, u));
        // The key's totals as the summary's are made (one currency; the first unit's).
        BucketTotals& totals = s.totals[bucket];
        if (totals.units == 0) totals.value = Money(0, u.value.currency());
        totals.units += 1;
        if (const std::optional<Money> sum = totals.value.plus(u.value)) totals.value = *sum;
        const YearMonthDay end = u.coverage_end.ymd();
        const int offset = (end.year - start.year) * 12 + (end.month - start.month);
        if (offset < 0 || static_cast<std::size_t>(offset) >= s.stacks.size()) continue;
        s.stacks[static_cast<std::size_t>(offset)][bucket] += 1;
    }
    return s.stacks;
}

RadarKey RadarLegend(App& app, const FleetResult& result) {
    RadarKey key;
    const Settings& settings = app.State().settings;
    const std::vector<BucketCounts>& own = app.fleet_marks.open_month_buckets;
    const bool segment_limits = &RadarStacks(app, result) != &own;
    const FleetSummary& open = OpenWorkSummary(app, result);
    key.totals = segment_limits ? CurrentFleetSegments(app).totals : open.by_bucket;
    // The segments in use (the file's, and those given to customers in the page) whose limits
    // differ from the limits of every other unit.
    const UrgencyHorizons& base = settings.default_urgency;
    std::vector<std::pair<std::string, UrgencyHorizons>> differing;
    const auto consider = [&](const std::string& name) {
        if (name.empty()) return;
        const UrgencyHorizons& h = HorizonsFor(settings, name);
        if (h == base) return;
        for (const auto& [seen, limits] : differing)
            if (seen == name) return;
        differing.emplace_back(name, h);
    };
    for (const std::string& name : CurrentFleetSegments(app).names) consider(name);
    for (const auto& [customer, name] : app.fleet_choices.segment_of_customer) consider(name);
    for (int b = 0; b < kWindowBucketCount; ++b) {
        const auto bucket = static_cast<WindowBucket>(b);
        const auto at = static_cast<std::size_t>(b);
        key.labels[at] = UrgencyLabel(bucket, base);
        const bool closing = bucket == WindowBucket::Closing0To30 || bucket == WindowBucket::Closing31To60 ||
                             bucket == WindowBucket::Closing61To90;
        if (!closing || differing.empty()) continue;
        // "0-60" for a segment: the same bucket's days under its limits.
        const auto days = [&](const UrgencyHorizons& h) {
            const std::string words = UrgencyLabel(bucket, h);  // "Closing in 0-60 days"
            return words.substr(
                std::string_view("Closing in ").size(),
                words.size() - std::string_view("Closing in ").size() - std::string_view(" days").size());
        };
        for (const auto& [name, limits] : differing) key.by_segment[at] += name + ": " + days(limits) + " days\n";
        key.by_segment[at].pop_back();
        key.labels[at] += differing.size() == 1 ? " (" + differing[0].first + ": " + days(differing[0].second) + ")"
                                                : " (" + std::to_string(differing.size()) + " segments differ)";
    }
    return key;
}

bool DrawFleetChoices(App& app) {
    FleetChoices& choices = app.fleet_choices;
    const FleetSegments& segments = CurrentFleetSegments(app);
    const Catalog* catalog = app.GetCatalog();
    bool changed = false;
    const float font = ImGui::GetFontSize();
    SameLineIfFits(font * 9.0f);
    ImGui::SetNextItemWidth(font * 9.0f);
    // Combos are named for the page's widget list by hand (ImGui 1.86 does not report them).
    const ImGuiID customer_id = ImGui::GetID("##customer-choice");
    const bool customer_open =
        ImGui::BeginCombo("##customer-choice", choices.customer.empty() ? "All customers" : choices.customer.c_str());
    ReportItem(customer_id, "Customer filter", true, customer_open);
    if (customer_open) {
        if (ImGui::Selectable("All customers", choices.customer.empty())) {
            choices.customer.clear();
            changed = true;
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(segments.customers.size()));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const std::string& c = segments.customers[static_cast<std::size_t>(i)];
                if (c.empty()) continue;
                if (ImGui::Selectable(c.c_str(), c == choices.customer)) {
                    choices.customer = c;
                    changed = true;
                }
            }
        ImGui::EndCombo();
    }
    SameLineIfFits(font * 10.0f);
    const auto model_label = [&](const std::string& mt) {
        const MachineType* found = catalog ? catalog->find_machine_type(mt) : nullptr;
        return found ? found->name + " (" + mt + ")" : mt;
    };
    ImGui::SetNextItemWidth(font * 10.0f);
    const std::string shown = choices.model.empty() ? "All models" : model_label(choices.model);
    const ImGuiID model_id = ImGui::GetID("##model-choice");
    const bool model_open = ImGui::BeginCombo("##model-choice", shown.c_str());
    ReportItem(model_id, "Model filter", true, model_open);
    if (model_open) {
        if (ImGui::Selectable("All models", choices.model.empty())) {
            choices.model.clear();
            changed = true;
        }
        for (const std::string& mt : segments.models)
            if (ImGui::Selectable(model_label(mt).c_str(), mt == choices.model)) {
                choices.model = mt;
                changed = true;
            }
        ImGui::EndCombo();
    }
    // With one customer shown, the partner may give it a segment of the settings for this visit.
    if (!choices.customer.empty()) {
        const Settings& settings = app.State().settings;
        const auto found = choices.segment_of_customer.find(choices.customer);
        const std::string given = found != choices.segment_of_customer.end() ? found->second : std::string();
        const std::string preview = given.empty() ? "Segment: as in the file" : "Segment: " + given;
        SameLineIfFits(font * 12.0f);
        ImGui::SetNextItemWidth(font * 12.0f);
        const ImGuiID segment_id = ImGui::GetID("##customer-segment");
        const bool segment_open = ImGui::BeginCombo("##customer-segment", preview.c_str());
        ReportItem(segment_id, "Customer segment", true, segment_open);
        if (segment_open) {
            if (ImGui::Selectable("As in the file", given.empty())) choices.segment_of_customer.erase(choices.customer);
            for (const SegmentUrgency& s : settings.segments)
                if (ImGui::Selectable((s.name + "##segment-choice").c_str(), given == s.name))
                    choices.segment_of_customer[choices.customer] = s.name;
            if (settings.segments.empty()) ImGui::TextDisabled("Add segments in Settings: Partner & urgency...");
            ImGui::EndCombo();
        }
    }
    return changed;
}

bool PassesFleetChoices(const App& app, const UnitOpportunity& unit) {
    const FleetChoices& choices = app.fleet_choices;
    if (!choices.customer.empty() && unit.customer() != choices.customer) return false;
    if (!choices.model.empty() && unit.machine_type != choices.model) return false;
    return true;
}

// ---- Settings: the partner and the limits per segment ------------------------------------------
namespace {

bool DrawLimits(const char* id, UrgencyHorizons& h) {
    UrgencyHorizons edited = h;
    const float width = ImGui::GetFontSize() * 6.0f;
    // Named "##<id>-urgent" and so on: each field of the window has a name of its own.
    const std::string name = std::string("##") + id;
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    changed |= ImGui::InputInt((name + "-urgent").c_str(), &edited.urgent_days, 0, 0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    changed |= ImGui::InputInt((name + "-soon").c_str(), &edited.soon_days, 0, 0);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    changed |= ImGui::InputInt((name + "-plan").c_str(), &edited.plan_days, 0, 0);
    // Only limits the core accepts are kept; the field shows the refused value until fixed.
    if (changed && !urgency_horizons_problem(edited)) {
        h = edited;
        return true;
    }
    if (const auto problem = urgency_horizons_problem(h)) ImGui::TextColored(ErrorColor(), "%s", problem->c_str());
    return false;
}

}  // namespace

void DrawPartnerAndUrgencySettings(App& app) {
    Settings settings = app.State().settings;
    bool changed = false;
    ImGui::TextUnformatted("Renewal proposals are sent in your name:");
    const float field = ImGui::GetFontSize() * 22.0f;
    ImGui::SetNextItemWidth(field);
    changed |= TextField("Your company##partner-name", settings.partner.name, "shown as the sender");
    ImGui::SetNextItemWidth(field);
    changed |= TextField("Contact##partner-contact", settings.partner.contact, "phone, address, web");
    ImGui::SetNextItemWidth(field);
    changed |= TextField("E-mail##partner-email", settings.partner.email, "the drafts' From address");
    ImGui::Separator();
    ImGui::TextUnformatted("Urgency: days before a purchase window closes (urgent / soon / plan)");
    ImGui::TextDisabled("Units of a segment not listed here use the first line.");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Every other unit");
    ImGui::SameLine(ImGui::GetFontSize() * 11.0f);
    changed |= DrawLimits("default", settings.default_urgency);
    int remove = -1;
    for (std::size_t i = 0; i < settings.segments.size(); ++i) {
        SegmentUrgency& s = settings.segments[i];
        ImGui::PushID(static_cast<int>(i));
        ImVec4 colour = ImGui::ColorConvertU32ToFloat4(s.color);
        if (ImGui::ColorEdit3(("##colour-" + s.name).c_str(), &colour.x, ImGuiColorEditFlags_NoInputs)) {
            s.color = ImGui::ColorConvertFloat4ToU32(colour);
            changed = true;
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(s.name.c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 11.0f);
        changed |= DrawLimits(("segment-" + s.name).c_str(), s.horizons);
        ImGui::SameLine();
        if (ImGui::SmallButton(("Remove##segment-" + s.name).c_str())) remove = static_cast<int>(i);
        ImGui::PopID();
    }
    if (remove >= 0) {
        settings.segments.erase(settings.segments.begin() + remove);
        changed = true;
    }
    // The segments of the loaded fleet that have no limits yet, one click each.
    const FleetSegments& segments = CurrentFleetSegments(app);
    bool listed = false;
    for (std::size_t i = 1; i < segments.names.size() && settings.segments.size() < kMaxSegments; ++i) {
        if (FindSegment(settings, segments.names[i])) continue;
        if (!listed) ImGui::TextDisabled("Segments in the loaded fleet:");
        listed = true;
        ImGui::SameLine();
        const std::string add = "Add " + segments.names[i] + "##add-segment";
        if (ImGui::SmallButton(add.c_str())) {
            settings.segments.push_back({segments.names[i], settings.default_urgency, SegmentUrgency{}.color});
            changed = true;
        }
    }
    if (!segments.has_column)
        ImGui::TextDisabled(
            "A fleet file gives each unit's segment in a column named segment, tier or customer group.");
    if (changed) app.EditState().settings = settings;
}

// ---- The panel ---------------------------------------------------------------------------------
void DrawProposalsPanel(App& app) {
    FleetJob& job = app.Fleet();
    const FleetResult* result = job.Result();
    const FleetParse* parsed = job.Parsed();
    if (job.Stage() != FleetStage::Done || !result || !parsed || !app.GetCatalog()) {
        ImGui::TextWrapped(
            "Load a fleet in the Fleet tab first: its units become one renewal proposal per customer, with the "
            "services due within the horizon you choose, at list prices.");
        return;
    }
    ProposalsView& view = app.proposals_view;
    DrawHorizon(app, view, result->as_of);
    DrawCustomerChoice(app, view);
    ImGui::Checkbox("Put the co-terming suggestion in each customer's page", &view.include_coterm);
    const ProposalPartner& partner = app.State().settings.partner;
    ImGui::TextDisabled("From: %s%s%s  (Settings: \"Partner & urgency...\")",
                        partner.name.empty() ? "your service partner (no name set)" : partner.name.c_str(),
                        partner.contact.empty() ? "" : ", ", partner.contact.c_str());

    const bool fresh = view.set && view.key == ProposalsKey(app, view, *result);
    if (ImGui::Button("Prepare proposals")) Prepare(app, view, *parsed, *result);
    if (view.set && !fresh) {
        ImGui::SameLine();
        ImGui::TextColored(WarningColor(), "The choices changed: prepare again to use them.");
    }
    if (!view.set) return;
    const ProposalSet& set = *view.set;
    ImGui::SameLine();
    ImGui::BeginDisabled(set.proposals.empty());
    if (ImGui::Button("Print all") && app.host.print_html) app.host.print_html(proposals_to_html(set));
    ImGui::SameLine();
    // The same page as a file: a host without a print view (the desktop window) prints it from a browser.
    if (ImGui::Button("Download HTML##proposals") && app.host.save_file)
        app.status_message = app.host.save_file("apos-proposals.html", "text/html", proposals_to_html(set));
    ImGui::SameLine();
    if (ImGui::Button("Download mail-merge CSV") && app.host.save_file)
        app.status_message =
            app.host.save_file("apos-proposals-mail-merge.csv", "text/csv", proposals_to_mail_merge_csv(set));
    ImGui::SameLine();
    // One file per customer, saved one after another: an archive would have to be unpacked before a
    // mail program can open the drafts, while each .eml opens as a draft with a double-click.
    const std::string all = "Download " + Grouped(set.proposals.size()) + " e-mail drafts###alldrafts";
    if (ImGui::Button(all.c_str()) && app.host.save_file) {
        for (const CustomerProposal& p : set.proposals)
            app.host.save_file(p.slug + ".eml", "message/rfc822", proposal_to_eml(set, p));
        app.status_message = "Saved " + Grouped(set.proposals.size()) + " e-mail drafts (one .eml file each)";
    }
    ImGui::EndDisabled();

    std::int64_t units = 0;
    for (const CustomerProposal& p : set.proposals) units += p.units;
    ImGui::Text(
        "%s proposals, %s units due by %s. Nothing is sent from this page: print, or open the drafts in your "
        "mail program.",
        Grouped(set.proposals.size()).c_str(), group_thousands(units).c_str(), set.horizon_end.to_string().c_str());
    if (!set.customers_without_due.empty() || !set.nothing_to_propose.empty() || !set.unknown_customers.empty())
        ImGui::TextDisabled(
            "Left out: %s customers with nothing due, %s with nothing that can be proposed, %s not in "
            "the fleet.",
            Grouped(set.customers_without_due.size()).c_str(), Grouped(set.nothing_to_propose.size()).c_str(),
            Grouped(set.unknown_customers.size()).c_str());
    DrawProposalList(app, view, *parsed);
}

}  // namespace apos::ui
