// Timeline bars: one device's coverage segments and purchase deadlines (apos::build_timeline) on
// a zoomable time axis, drawn with ImDrawList. Sizes follow the font, so it reads at any text size.
//
//  [X] A bar per segment (base warranty, earlier coverage, each selected service), label at left
//  [X] Deadline markers labelled with their rule IDs (staggered when they crowd), a today line
//  [X] Year ticks (month ticks when zoomed in far enough)
//  [X] Tooltips: a bar's dates, a marker's date, rule and days from today
//  [X] Mouse wheel zooms around the pointer, drag pans, double-click fits; buttons via ZoomTimeline
#pragma once

#include "apos/timeline.hpp"

namespace apos::ui {

// The visible span of days. It lives in App so that it survives tab switches and frames.
struct TimelineZoom {
    double first_day = 0.0;  // days since 1970-01-01 at the left edge of the bars
    double span_days = 0.0;  // days across the bars; 0 means "fit the whole timeline" on the next draw
    // The timeline the zoom was fitted to: a different device fits again.
    int fitted_start = 0;
    int fitted_end = 0;
};

// Draws `timeline` across the available width.
void TimelineBars(const char* id, const Timeline& timeline, TimelineZoom& zoom);

// Zooms around the middle of the visible span: factor < 1 zooms in, > 1 zooms out.
void ZoomTimeline(TimelineZoom& zoom, double factor);
// Shows the whole timeline again.
inline void FitTimeline(TimelineZoom& zoom) { zoom.span_days = 0.0; }

}  // namespace apos::ui
