// Colours that carry meaning (offer status, errors, warnings) for the light and the dark theme,
// and the status badge drawn in the services list.
#pragma once

#include "apos/offers.hpp"
#include "imgui.h"

namespace apos::ui {

bool DarkTheme();  // the current ImGui style has a dark window background
ImVec4 ErrorColor();
ImVec4 WarningColor();
ImVec4 OkColor();
ImVec4 StatusColor(OfferStatus status);
// "eligible", "needs approval", "not sellable".
const char* StatusWords(OfferStatus status);
// A filled pill with the status words, sized to the widest status so that rows line up.
void StatusBadge(OfferStatus status);

}  // namespace apos::ui
