// How the panels put an offer's values into words: the purchase window ("54 days left to buy",
// "closed on 2026-03-02", "opens on 2027-07-22"), a term ("3 yr", "one-off") and the reasons
// tooltip. Wording only: every date and number comes from the core's Offer.
#pragma once

#include <string>

#include "apos/offers.hpp"

namespace apos::ui {

struct WindowWords {
    std::string text;
    bool urgent = false;  // closes within 30 days: shown in amber
};
WindowWords DescribeWindow(const Offer& offer, Date as_of);

std::string TermWords(int term_years);

// On hover of the last item: every reason of `offer` with its rule ID, verdict and source.
void ReasonsTooltip(const Offer& offer);

}  // namespace apos::ui
