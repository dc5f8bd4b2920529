// The labels under the renewal radar: which months and years are named at a given width, and
// that no label is drawn over its neighbour (the narrow column once showed "20262027").
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "widgets/renewal_radar.hpp"

namespace apos::ui {
namespace {

// A fixed-pitch stand-in for the font: 7 pixels a character.
float SevenPixelsAChar(std::string_view text) { return 7.0f * static_cast<float>(text.size()); }
constexpr float kGap = 6.0f;

// `count` months from `first` ("YYYY-MM"), as FleetSummary::expiries_by_month names them.
std::vector<std::string> MonthsFrom(int year, int month, int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) {
        const int m = (month - 1 + i) % 12 + 1;
        const int y = year + (month - 1 + i) / 12;
        out.push_back(std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m));
    }
    return out;
}

std::vector<std::string> Texts(const std::vector<RadarLabel>& labels) {
    std::vector<std::string> out;
    for (const RadarLabel& l : labels) out.push_back(l.text);
    return out;
}

void ExpectApart(const std::vector<RadarLabel>& labels, float slot) {
    for (std::size_t k = 1; k < labels.size(); ++k)
        EXPECT_GE(labels[k].x, labels[k - 1].x + SevenPixelsAChar(labels[k - 1].text) + kGap)
            << "slot " << slot << ": \"" << labels[k - 1].text << "\" (month " << labels[k - 1].month
            << ") runs into \"" << labels[k].text << "\" (month " << labels[k].month << ")";
}

TEST(RadarLabels, AYearEndingInDecemberNamesOnlyTheNextYearWhenTheyWouldTouch) {
    // December 2026 then January 2027, 12 pixels a month: "2026" would end past January's "2027".
    const RadarAxisLabels labels =
        PlaceRadarLabels(MonthsFrom(2026, 12, 25), 0.0f, 12.0f, 300.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(Texts(labels.years), (std::vector<std::string>{"2027", "2028"}));
    EXPECT_EQ(labels.years.front().month, 1u);
    ExpectApart(labels.years, 12.0f);
}

TEST(RadarLabels, TheFirstMonthsYearIsNamedWhenThereIsRoomBeforeJanuary) {
    // June 2026 to June 2027 at 40 pixels a month: both years, every month.
    const RadarAxisLabels labels =
        PlaceRadarLabels(MonthsFrom(2026, 6, 13), 0.0f, 40.0f, 520.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(Texts(labels.years), (std::vector<std::string>{"2026", "2027"}));
    EXPECT_EQ(labels.months.size(), 13u);
    EXPECT_EQ(labels.months.front().text, "Jun");
    EXPECT_EQ(labels.months[7].text, "Jan");
}

TEST(RadarLabels, CrowdedMonthsShowTheQuartersAndTheFirstMonthWhereItFits) {
    // 20 pixels a month: "Mmm" (21) does not fit, so quarters; August is first and named.
    const RadarAxisLabels labels =
        PlaceRadarLabels(MonthsFrom(2026, 8, 12), 0.0f, 20.0f, 260.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(Texts(labels.months), (std::vector<std::string>{"Aug", "Oct", "Jan", "Apr", "Jul"}));
    // December first: January is next door, so December gives way.
    const RadarAxisLabels december =
        PlaceRadarLabels(MonthsFrom(2026, 12, 12), 0.0f, 20.0f, 260.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(Texts(december.months), (std::vector<std::string>{"Jan", "Apr", "Jul", "Oct"}));
}

TEST(RadarLabels, TheLastMonthIsNotNamedWhenItsNameWouldRunPastThePlot) {
    // Twelve months of 30 pixels from January: "Dec" starts at 330 and would end at 351.
    const RadarAxisLabels cut = PlaceRadarLabels(MonthsFrom(2027, 1, 12), 0.0f, 30.0f, 345.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(cut.months.back().text, "Nov");
    const RadarAxisLabels whole =
        PlaceRadarLabels(MonthsFrom(2027, 1, 12), 0.0f, 30.0f, 360.0f, SevenPixelsAChar, kGap);
    EXPECT_EQ(whole.months.back().text, "Dec");
}

TEST(RadarLabels, NoLabelRunsIntoTheNextOrPastThePlotAtAnyWidth) {
    for (int first = 1; first <= 12; ++first)
        for (float slot = 3.0f; slot <= 60.0f; slot += 1.5f) {
            const RadarAxisLabels labels =
                PlaceRadarLabels(MonthsFrom(2026, first, 37), 10.0f, slot, 10.0f + slot * 37, SevenPixelsAChar, kGap);
            ExpectApart(labels.months, slot);
            for (const RadarLabel& l : labels.months)
                EXPECT_LE(l.x + SevenPixelsAChar(l.text), 10.0f + slot * 37) << "slot " << slot << ": " << l.text;
            ExpectApart(labels.years, slot);
            EXPECT_FALSE(labels.years.empty()) << "slot " << slot << ", first month " << first;
        }
}

}  // namespace
}  // namespace apos::ui
