// RenewalRadar: bars of the counts the core summed; the widget only scales them to pixels.
#include "widgets/renewal_radar.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace apos::ui {

namespace {

ImU32 StyleColor(ImGuiCol which) { return ImGui::GetColorU32(ImGui::GetStyle().Colors[which]); }

// A round step (1, 2, 5 x 10^n) so the axis reads 0 / 50 / 100 rather than 0 / 47 / 94.
std::int64_t NiceCeiling(std::int64_t value) {
    std::int64_t step = 1;
    while (true) {
        for (const std::int64_t m : {1, 2, 5})
            if (step * m >= value) return step * m;
        step *= 10;
    }
}

// Keeps, in order, the candidates that leave `gap` pixels after the label kept before them and end
// before `right_edge`. The first month's label gives way to the next one (a quarter, a January)
// when the two would touch.
std::vector<RadarLabel> KeepThoseThatFit(std::vector<RadarLabel> candidates, float right_edge,
                                         const std::function<float(std::string_view)>& width, float gap) {
    std::vector<RadarLabel> kept;
    float end = 0.0f;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        RadarLabel& label = candidates[k];
        const float right = label.x + width(label.text);
        if (k == 0 && k + 1 < candidates.size() && right + gap > candidates[k + 1].x) continue;
        if ((!kept.empty() && label.x < end + gap) || right > right_edge) continue;
        end = right;
        kept.push_back(std::move(label));
    }
    return kept;
}

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

RadarAxisLabels PlaceRadarLabels(const std::vector<std::string>& months, float x0, float slot, float right,
                                 const std::function<float(std::string_view)>& width, float gap) {
    // Every month when "Mmm" fits in a slot, else the quarters (Jan, Apr, Jul, Oct).
    const bool every_month = slot >= width("Mmm") + gap;
    std::vector<RadarLabel> month_labels;
    std::vector<RadarLabel> year_labels;
    for (std::size_t i = 0; i < months.size(); ++i) {
        const std::string& name = months[i];  // "YYYY-MM"
        const int month = name.size() >= 7 ? std::atoi(name.c_str() + 5) : 0;
        if (month < 1 || month > 12) continue;
        const float x = x0 + slot * static_cast<float>(i);
        if (every_month || month % 3 == 1 || i == 0) month_labels.push_back({i, kMonthNames[month - 1], x});
        if (month == 1 || i == 0) year_labels.push_back({i, name.substr(0, 4), x});
    }
    return {KeepThoseThatFit(std::move(month_labels), right, width, gap),
            KeepThoseThatFit(std::move(year_labels), right, width, gap)};
}

ImU32 BucketColor(WindowBucket bucket) {
    switch (bucket) {
        case WindowBucket::Closing0To30: return IM_COL32(214, 58, 48, 255);
        case WindowBucket::Closing31To60: return IM_COL32(236, 138, 36, 255);
        case WindowBucket::Closing61To90: return IM_COL32(222, 190, 40, 255);
        case WindowBucket::OpenLater: return IM_COL32(64, 158, 92, 255);
        case WindowBucket::Lapsed: return IM_COL32(128, 128, 128, 255);
        case WindowBucket::Nothing: break;
    }
    return IM_COL32(176, 188, 206, 255);
}

const char* BucketLabel(WindowBucket bucket) {
    switch (bucket) {
        case WindowBucket::Closing0To30: return "Closing in 0-30 days";
        case WindowBucket::Closing31To60: return "Closing in 31-60 days";
        case WindowBucket::Closing61To90: return "Closing in 61-90 days";
        case WindowBucket::OpenLater: return "Open later";
        case WindowBucket::Lapsed: return "Lapsed";
        case WindowBucket::Nothing: break;
    }
    return "Nothing to sell";
}

void RenewalRadar(const char* id, const std::vector<std::pair<std::string, std::int64_t>>& months,
                  const std::vector<BucketCounts>& stacks, float height) {
    const float font = ImGui::GetFontSize();
    const float width = std::max(ImGui::GetContentRegionAvail().x, font * 16.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    if (months.empty()) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    std::int64_t peak = 0;
    for (const auto& m : months) peak = std::max(peak, m.second);
    const std::int64_t top = NiceCeiling(std::max<std::int64_t>(peak, 1));

    char text[32];
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(top));
    const float axis_width = ImGui::CalcTextSize(text).x + font * 0.5f;
    const float label_height = ImGui::GetTextLineHeight() * 2.0f;  // month, and the year under January
    const ImVec2 plot0(origin.x + axis_width, origin.y + font * 0.5f);
    const ImVec2 plot1(origin.x + width, origin.y + height - label_height);
    const float plot_height = plot1.y - plot0.y;
    const float slot = (plot1.x - plot0.x) / static_cast<float>(months.size());
    const float bar = std::max(2.0f, slot * 0.72f);

    // Axis: 0, half and top, with faint grid lines.
    for (const std::int64_t v : {std::int64_t{0}, top / 2, top}) {
        const float y = plot1.y - plot_height * static_cast<float>(v) / static_cast<float>(top);
        draw->AddLine(ImVec2(plot0.x, y), ImVec2(plot1.x, y), StyleColor(ImGuiCol_Border));
        std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v));
        draw->AddText(ImVec2(origin.x, y - font * 0.5f), StyleColor(ImGuiCol_TextDisabled), text);
    }

    int hovered_month = -1;
    for (std::size_t i = 0; i < months.size(); ++i) {
        const float x = plot0.x + slot * static_cast<float>(i) + (slot - bar) * 0.5f;
        float y = plot1.y;
        if (i < stacks.size()) {
            for (int b = 0; b < kWindowBucketCount; ++b) {
                const std::int64_t n = stacks[i][static_cast<std::size_t>(b)];
                if (n == 0) continue;
                const float h = plot_height * static_cast<float>(n) / static_cast<float>(top);
                draw->AddRectFilled(ImVec2(x, y - h), ImVec2(x + bar, y), BucketColor(static_cast<WindowBucket>(b)));
                y -= h;
            }
        }
        if (hovered && ImGui::GetIO().MousePos.x >= plot0.x + slot * static_cast<float>(i) &&
            ImGui::GetIO().MousePos.x < plot0.x + slot * static_cast<float>(i + 1))
            hovered_month = static_cast<int>(i);
    }

    // Month names, and the year under January (and the first month): none drawn over another.
    std::vector<std::string> names;
    names.reserve(months.size());
    for (const auto& m : months) names.push_back(m.first);
    const auto text_width = [](std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; };
    const RadarAxisLabels labels =
        PlaceRadarLabels(names, plot0.x + (slot - bar) * 0.5f, slot, plot1.x, text_width, font * 0.4f);
    for (const RadarLabel& label : labels.months)
        draw->AddText(ImVec2(label.x, plot1.y + 2.0f), StyleColor(ImGuiCol_Text), label.text.c_str());
    for (const RadarLabel& label : labels.years)
        draw->AddText(ImVec2(label.x, plot1.y + 2.0f + ImGui::GetTextLineHeight()), StyleColor(ImGuiCol_TextDisabled),
                      label.text.c_str());

    if (hovered_month >= 0) {
        const auto& m = months[static_cast<std::size_t>(hovered_month)];
        const float x = plot0.x + slot * static_cast<float>(hovered_month);
        draw->AddRect(ImVec2(x, plot0.y), ImVec2(x + slot, plot1.y), StyleColor(ImGuiCol_TextDisabled));
        ImGui::BeginTooltip();
        ImGui::Text("%s: coverage ends for %lld units", m.first.c_str(), static_cast<long long>(m.second));
        if (static_cast<std::size_t>(hovered_month) < stacks.size())
            for (int b = 0; b < kWindowBucketCount; ++b) {
                const std::int64_t n = stacks[static_cast<std::size_t>(hovered_month)][static_cast<std::size_t>(b)];
                if (n == 0) continue;
                ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(BucketColor(static_cast<WindowBucket>(b))),
                                   ImGuiColorEditFlags_NoTooltip, ImVec2(font, font));
                ImGui::SameLine();
                ImGui::Text("%s: %lld", BucketLabel(static_cast<WindowBucket>(b)), static_cast<long long>(n));
            }
        ImGui::EndTooltip();
    }
}

}  // namespace apos::ui
