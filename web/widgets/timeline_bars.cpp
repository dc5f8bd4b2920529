// TimelineBars: draws what apos::build_timeline returned; it computes no dates of its own, only
// where a day lands on screen. Layout, top to bottom: marker lanes (deadlines in words, "Today"), one row
// per coverage segment, the time axis with year ticks.
#include "widgets/timeline_bars.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"  // SetItemUsingMouseWheel: the wheel zooms instead of scrolling the window

namespace apos::ui {

namespace {

constexpr double kMinSpanDays = 14.0;
constexpr double kMaxSpanDays = 365.25 * 40.0;
constexpr int kMaxLanes = 8;  // a lane per marker at most: labels never overlap

// Mid-saturation colours that read on the light and the dark theme alike.
ImU32 SegmentColor(const CoverageSegment& segment) {
    if (segment.base) return IM_COL32(96, 125, 170, 255);  // base warranty and coverage bought earlier
    switch (segment.kind) {
        case OfferKind::Extension: return IM_COL32(46, 150, 90, 255);
        case OfferKind::Upgrade: return IM_COL32(30, 140, 150, 255);
        case OfferKind::Adp: return IM_COL32(225, 130, 40, 255);
        case OfferKind::Kyd: return IM_COL32(140, 95, 190, 255);
        case OfferKind::Sbty: return IM_COL32(170, 120, 60, 255);
        case OfferKind::PostWarranty:
        case OfferKind::Reinstatement: return IM_COL32(90, 160, 60, 255);
        default: return IM_COL32(70, 120, 200, 255);
    }
}

constexpr ImU32 kDeadlineColor = IM_COL32(200, 110, 20, 255);
constexpr ImU32 kTodayColor = IM_COL32(215, 40, 40, 255);

ImU32 StyleColor(ImGuiCol which, float alpha = 1.0f) {
    ImVec4 c = ImGui::GetStyle().Colors[which];
    c.w *= alpha;
    return ImGui::GetColorU32(c);
}

double DayOf(Date d) { return static_cast<double>(d.days_since_epoch()); }

Date DateAt(double day) { return Date{}.plus_days(static_cast<std::int32_t>(std::floor(day))); }

double JanuaryFirst(int year) {
    const auto d = Date::from_ymd(std::clamp(year, 1, 9999), 1, 1);
    return d ? DayOf(*d) : 0.0;
}

double FirstOfMonth(int year, int month) {
    const auto d = Date::from_ymd(std::clamp(year, 1, 9999), month, 1);
    return d ? DayOf(*d) : 0.0;
}

std::string DaysFromToday(Date day, Date today) {
    const int days = days_between(today, day);
    if (days == 0) return "today";
    char text[48];
    std::snprintf(text, sizeof text, days > 0 ? "in %d days" : "%d days ago", days > 0 ? days : -days);
    return text;
}

void Clamp(TimelineZoom& zoom) { zoom.span_days = std::clamp(zoom.span_days, kMinSpanDays, kMaxSpanDays); }

// A dashed vertical line (ImDrawList has no dash pattern).
void DashedLine(ImDrawList* draw, float x, float y0, float y1, ImU32 color, float dash, float thickness) {
    for (float y = y0; y < y1; y += dash * 2.0f)
        draw->AddLine(ImVec2(x, y), ImVec2(x, std::min(y + dash, y1)), color, thickness);
}

// A marker label in the lanes above the bars: deadlines and "Today".
struct Flag {
    double day = 0.0;
    std::string text;
    ImU32 color = 0;
    const DeadlineMarker* deadline = nullptr;  // null for "Today"
    int lane = 0;
    bool text_left = false;  // the label sits left of its marker (it would leave the bars on the right)
};

}  // namespace

void ZoomTimeline(TimelineZoom& zoom, double factor) {
    if (zoom.span_days <= 0.0) return;  // not fitted yet: nothing to zoom from
    const double middle = zoom.first_day + zoom.span_days / 2.0;
    zoom.span_days *= factor;
    Clamp(zoom);
    zoom.first_day = middle - zoom.span_days / 2.0;
}

void TimelineBars(const char* id, const Timeline& timeline, TimelineZoom& zoom) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float font = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float row_height = ImGui::GetFrameHeight() + style.ItemSpacing.y * 0.5f;
    const float bar_pad = std::max(2.0f, row_height * 0.18f);

    // Fit on first use and whenever the device (the timeline's extent) changes.
    const int start = timeline.start.days_since_epoch(), end = timeline.end.days_since_epoch();
    if (zoom.fitted_start != start || zoom.fitted_end != end) {
        zoom.fitted_start = start;
        zoom.fitted_end = end;
        zoom.span_days = 0.0;
    }
    if (zoom.span_days <= 0.0) {
        const double pad = std::max(20.0, (end - start) * 0.04);
        zoom.first_day = start - pad;
        zoom.span_days = (end - start) + 2.0 * pad;
        Clamp(zoom);
    }

    // Label column: as wide as the longest label, but never more than 40% of the width.
    const float width = std::max(ImGui::GetContentRegionAvail().x, font * 20.0f);
    float label_width = 0.0f;
    for (const CoverageSegment& s : timeline.segments)
        label_width = std::max(label_width, ImGui::CalcTextSize(s.label.c_str()).x);
    label_width = std::min(label_width + style.ItemSpacing.x * 2.0f, width * 0.4f);
    const float bars_width = width - label_width;

    // Marker labels, placed in the first lane where they do not overlap the previous one.
    std::vector<Flag> flags;
    flags.push_back({DayOf(timeline.today), "Today", kTodayColor, nullptr, 0});
    for (const DeadlineMarker& d : timeline.deadlines) flags.push_back({DayOf(d.day), d.label, kDeadlineColor, &d, 0});
    std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) { return a.day < b.day; });
    const auto x_of_day = [&](double day, float x0) {
        return x0 + static_cast<float>((day - zoom.first_day) / zoom.span_days) * bars_width;
    };
    int lanes = 1;
    {
        float lane_end[kMaxLanes];
        std::fill(std::begin(lane_end), std::end(lane_end), -1e30f);
        const float tri = font * 0.35f, gap = font * 0.4f;
        for (Flag& f : flags) {
            const float x = x_of_day(f.day, 0.0f);
            const float text_w = ImGui::CalcTextSize(f.text.c_str()).x;
            f.text_left = x + tri + 2.0f + text_w > bars_width;
            const float x0 = f.text_left ? x - tri - 2.0f - text_w : x - tri;
            const float x1 = f.text_left ? x + tri : x + tri + 2.0f + text_w;
            f.lane = 0;
            while (f.lane < kMaxLanes - 1 && lane_end[f.lane] + gap > x0) ++f.lane;
            lane_end[f.lane] = std::max(lane_end[f.lane], x1);
            lanes = std::max(lanes, f.lane + 1);
        }
    }

    const float lanes_height = static_cast<float>(lanes) * line;
    const float rows_height = static_cast<float>(timeline.segments.size()) * row_height;
    const float axis_height = line + font * 0.4f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, lanes_height + rows_height + axis_height);

    ImGui::InvisibleButton(id, size);
    ImGui::SetItemUsingMouseWheel();
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiIO& io = ImGui::GetIO();
    const float bars_x0 = origin.x + label_width;
    const float bars_x1 = origin.x + width;

    // ---- Input: wheel zooms around the pointer, drag pans, double-click fits ----
    if (hovered && io.MouseWheel != 0.0f && io.MousePos.x >= bars_x0) {
        const double pointer_day = zoom.first_day + (io.MousePos.x - bars_x0) / bars_width * zoom.span_days;
        zoom.span_days *= std::pow(0.85, io.MouseWheel);
        Clamp(zoom);
        zoom.first_day = pointer_day - (io.MousePos.x - bars_x0) / bars_width * zoom.span_days;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) && io.MouseDelta.x != 0.0f)
        zoom.first_day -= io.MouseDelta.x / bars_width * zoom.span_days;
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) FitTimeline(zoom);
    if (hovered || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);

    const auto x_of = [&](double day) { return x_of_day(day, bars_x0); };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rows_y0 = origin.y + lanes_height;
    const float rows_y1 = rows_y0 + rows_height;
    const float axis_y = rows_y1;

    // ---- Row backgrounds and labels ----
    for (std::size_t i = 0; i < timeline.segments.size(); ++i) {
        const float y = rows_y0 + static_cast<float>(i) * row_height;
        if (i % 2 == 1)
            draw->AddRectFilled(ImVec2(origin.x, y), ImVec2(bars_x1, y + row_height),
                                StyleColor(ImGuiCol_TableRowBgAlt));
        const char* label = timeline.segments[i].label.c_str();
        const ImVec2 text_pos(origin.x + style.ItemSpacing.x * 0.5f, y + (row_height - font) * 0.5f);
        draw->PushClipRect(ImVec2(origin.x, y), ImVec2(bars_x0 - style.ItemSpacing.x * 0.5f, y + row_height), true);
        draw->AddText(text_pos, StyleColor(ImGuiCol_Text), label);
        draw->PopClipRect();
    }
    draw->AddLine(ImVec2(bars_x0, origin.y), ImVec2(bars_x0, axis_y), StyleColor(ImGuiCol_Border));

    draw->PushClipRect(ImVec2(bars_x0, origin.y), ImVec2(bars_x1, origin.y + size.y), true);

    // ---- Year ticks (and month ticks when a month is wide enough to notice) ----
    const double last_day = zoom.first_day + zoom.span_days;
    const int first_year = DateAt(zoom.first_day).ymd().year;
    const int last_year = DateAt(last_day).ymd().year + 1;
    const float px_per_month = bars_width / static_cast<float>(zoom.span_days) * 30.4f;
    const bool months = px_per_month > font * 1.2f;
    const bool month_names = px_per_month > ImGui::CalcTextSize("May").x + font * 0.6f;
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Very long spans label every other year (or fewer) so the labels never collide.
    const float px_per_year = px_per_month * 12.0f;
    const int year_step = px_per_year > ImGui::CalcTextSize("0000").x * 1.6f       ? 1
                          : px_per_year * 2 > ImGui::CalcTextSize("0000").x * 1.6f ? 2
                                                                                   : 5;
    for (int year = first_year; year <= last_year; ++year) {
        const float x = x_of(JanuaryFirst(year));
        draw->AddLine(ImVec2(x, rows_y0), ImVec2(x, axis_y + font * 0.4f), StyleColor(ImGuiCol_Border), 1.0f);
        if (year % year_step == 0) {
            char text[8];
            std::snprintf(text, sizeof text, "%d", year);
            draw->AddText(ImVec2(x + 3.0f, axis_y + font * 0.2f), StyleColor(ImGuiCol_Text), text);
        }
        if (!months) continue;
        for (int month = 2; month <= 12; ++month) {
            const float mx = x_of(FirstOfMonth(year, month));
            draw->AddLine(ImVec2(mx, axis_y), ImVec2(mx, axis_y + font * 0.25f), StyleColor(ImGuiCol_Border), 1.0f);
            if (month_names)
                draw->AddText(ImVec2(mx + 2.0f, axis_y + font * 0.2f), StyleColor(ImGuiCol_TextDisabled),
                              kMonths[month - 1]);
        }
    }
    draw->AddLine(ImVec2(bars_x0, axis_y), ImVec2(bars_x1, axis_y), StyleColor(ImGuiCol_Border));

    // ---- Coverage bars ----
    int hovered_segment = -1;
    for (std::size_t i = 0; i < timeline.segments.size(); ++i) {
        const CoverageSegment& s = timeline.segments[i];
        const float y = rows_y0 + static_cast<float>(i) * row_height;
        // A range is inclusive: the bar ends at the end of its last day.
        const ImVec2 a(x_of(DayOf(s.range.from)), y + bar_pad);
        const ImVec2 b(std::max(x_of(DayOf(s.range.until) + 1.0), a.x + 2.0f), y + row_height - bar_pad);
        draw->AddRectFilled(a, b, SegmentColor(s), style.FrameRounding);
        if (hovered && io.MousePos.y >= y && io.MousePos.y < y + row_height &&
            ((io.MousePos.x >= a.x && io.MousePos.x <= b.x) || io.MousePos.x < bars_x0))
            hovered_segment = static_cast<int>(i);
    }

    // ---- Deadlines and today: lines through the rows, flags in the lanes ----
    const float grab = std::max(4.0f, font * 0.3f);
    const Flag* hovered_flag = nullptr;
    for (const Flag& f : flags) {
        const float x = x_of(f.day);
        const float flag_y = origin.y + static_cast<float>(f.lane) * line;
        const bool today = f.deadline == nullptr;
        if (today) draw->AddLine(ImVec2(x, flag_y), ImVec2(x, axis_y), f.color, 2.0f);
        else DashedLine(draw, x, flag_y + font * 0.5f, axis_y, f.color, font * 0.3f, 1.5f);
        const float tri = font * 0.35f;
        draw->AddTriangleFilled(ImVec2(x - tri, flag_y + font * 0.15f), ImVec2(x + tri, flag_y + font * 0.15f),
                                ImVec2(x, flag_y + font * 0.15f + tri * 1.4f), f.color);
        const float text_w = ImGui::CalcTextSize(f.text.c_str()).x;
        const float text_x = f.text_left ? x - tri - 2.0f - text_w : x + tri + 2.0f;
        draw->AddText(ImVec2(text_x, flag_y), f.color, f.text.c_str());
        const bool on_line = std::fabs(io.MousePos.x - x) <= grab && io.MousePos.y >= flag_y && io.MousePos.y <= axis_y;
        const bool on_text = io.MousePos.x >= std::min(text_x, x - tri) &&
                             io.MousePos.x <= std::max(text_x + text_w, x + tri) && io.MousePos.y >= flag_y &&
                             io.MousePos.y < flag_y + line;
        if (hovered && io.MousePos.x >= bars_x0 && (on_line || on_text)) hovered_flag = &f;
    }
    draw->PopClipRect();

    // ---- Tooltips: a marker wins over the bar under it ----
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f))
        return;  // no tooltip while panning
    if (hovered_flag) {
        ImGui::BeginTooltip();
        if (hovered_flag->deadline) {
            const DeadlineMarker& d = *hovered_flag->deadline;
            ImGui::TextUnformatted(d.label.c_str());
            ImGui::Text("%s (%s)", d.day.to_string().c_str(), DaysFromToday(d.day, timeline.today).c_str());
            ImGui::TextDisabled("Rule %s", d.rule.c_str());
        } else {
            ImGui::Text("Today (as of): %s", timeline.today.to_string().c_str());
        }
        ImGui::EndTooltip();
    } else if (hovered_segment >= 0) {
        const CoverageSegment& s = timeline.segments[static_cast<std::size_t>(hovered_segment)];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(s.label.c_str());
        ImGui::Text("%s \xE2\x80\x93 %s (%d days)", s.range.from.to_string().c_str(), s.range.until.to_string().c_str(),
                    days_between(s.range.from, s.range.until) + 1);
        if (s.range.contains(timeline.today))
            ImGui::TextDisabled("In force today; ends %s", DaysFromToday(s.range.until, timeline.today).c_str());
        else if (s.range.from > timeline.today)
            ImGui::TextDisabled("Starts %s", DaysFromToday(s.range.from, timeline.today).c_str());
        else ImGui::TextDisabled("Ended %s", DaysFromToday(s.range.until, timeline.today).c_str());
        ImGui::EndTooltip();
    } else if (hovered && io.MousePos.x >= bars_x0) {
        ImGui::SetTooltip(
            "%s", DateAt(zoom.first_day + (io.MousePos.x - bars_x0) / bars_width * zoom.span_days).to_string().c_str());
    }
}

}  // namespace apos::ui
