// What the partner has entered: the device, the as-of date, the customer, the selected services
// and view settings. Everything shown is derived from this by the core (see app.hpp). The URL
// hash and the JS API's getState()/setState() carry exactly this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apos/catalog.hpp"
#include "apos/date.hpp"
#include "apos/device.hpp"
#include "apos/evaluation.hpp"
#include "apos/programs.hpp"
#include "apos/proposals.hpp"
#include "apos/quote.hpp"
#include "apos/urgency.hpp"

namespace apos::ui {

// View settings. Only show_ineligible travels in the URL hash; the others are the user's
// reading preferences for this session.
// One customer segment's urgency: the days at which its units turn urgent, soon and to plan
// (urgency.hpp), and the colour its name is tagged with in the fleet table. `name` is matched to
// the fleet file's segment column without regard to case.
struct SegmentUrgency {
    std::string name;
    UrgencyHorizons horizons;
    std::uint32_t color = 0xFF9C6B3Au;  // ImGui's ABGR order
};

struct Settings {
    bool show_ineligible = true;  // list offers that cannot be sold, with their reasons
    bool dark_theme = false;
    float text_size = 15.0f;   // logical (CSS) pixels; the font is rebuilt at this x content scale
    bool keyboard_nav = true;  // arrow keys move between controls (ImGuiConfigFlags_NavEnableKeyboard)
    // Who sends the renewal proposals (as the CLI's --partner-name, --partner-contact, --partner-email).
    ProposalPartner partner;
    UrgencyHorizons default_urgency;       // units without a segment, or of a segment not listed
    std::vector<SegmentUrgency> segments;  // at most kMaxSegments
};
inline constexpr std::size_t kMaxSegments = 32;

// The limits for a unit of `segment` ("" = none): its entry in `segments`, else the default.
const UrgencyHorizons& HorizonsFor(const Settings& settings, std::string_view segment);
// The entry of `segment` in `segments` (case ignored), or null.
const SegmentUrgency* FindSegment(const Settings& settings, std::string_view segment);

struct AppState {
    DeviceInput device;  // device.segment is what the rules see; the UI keeps it equal to `segment`
    // The partner entered device.ship_date. None is assumed: a wrong guess (today) would quietly
    // move every purchase window, so the device waits for a date and the panel says so.
    bool ship_date_set = false;
    std::optional<Date> as_of;       // absent: today (the host's local date)
    Segment segment = Segment::Smb;  // the customer's segment (programs, recommendations)
    CustomerPrograms programs;
    std::vector<ServiceRequest> services;  // chosen offers: offering id + term
    // Units added from the fleet view, each with its best renewal offers; quoted after the device.
    // Not in the URL hash (a fleet can be thousands of units).
    std::vector<QuoteItemRequest> fleet_items;
    // How many such units the quote had when its link was copied: the link carries this count (key
    // "fleet"), not the units, so the page that opens it can say plainly what is missing.
    std::size_t fleet_units_left_out = 0;
    Settings settings;

    bool HasService(std::string_view offering_id, int term_years) const;
    void ToggleService(std::string_view offering_id, int term_years);
    // Puts `offering` at `term_years` on the quote. What it replaces (the same offering at another
    // term, or one that sets the same thing: a unit takes one extension and one service level) is
    // taken off, and the message says so for the partner; empty when nothing was replaced.
    std::string ChooseService(const Catalog& catalog, const Offering& offering, int term_years);
    // Applies the core's fix for a refused offer and puts the offer on the quote; returns the
    // message for the partner.
    std::string ApplyFix(const Catalog& catalog, const Offer& refused, const Fix& fix);
};

// The quote request the core prices: one item (this device and its services), or none while the
// machine type or the ship date is missing; then the units added from the fleet view.
QuoteRequest ToQuoteRequest(const AppState& state, Date as_of);

// The URL-hash form: "mtm=20XW0012US&ship=2025-01-15&ch=distributor&svc=ext-onsite-nbd:3".
// Values are percent-encoded; defaults are left out; unknown keys are ignored (newer links).
std::string EncodeStateHash(const AppState& state);

// Limits of a state string, whoever hands it over (the URL hash, setState(), --state).
// 8,192 characters: links travel through mail, chat and ticket systems and proxies that often cut
// URLs near 8 KB, and the longest state the page builds (every field at the quote request's
// limits, one term of each of the sample catalog's 34 offerings) is under 1,000 characters
// (unit_state_hash.cpp measures it). Browsers would take far more (2 MB).
inline constexpr std::size_t kMaxStateChars = 8192;
// One term per offering is quoted: 100 leaves room for partner catalogs three times the sample's.
inline constexpr std::size_t kMaxStateServices = 100;
// Opt-in programs (NCB, DEAL-REG, PDP, SPIFF today): a short list, with room for a few more.
inline constexpr std::size_t kMaxStatePrograms = 16;
// Errors listed for one state string; the rest are counted ("... and 12 more problems").
inline constexpr std::size_t kMaxStateErrors = 10;

struct StateDecode {
    std::optional<AppState> state;    // set only when there are no errors
    std::vector<std::string> errors;  // "ship: expected YYYY-MM-DD, got \"2025-13-01\""
};
// `base` supplies what the hash does not say (settings); no "ship" key means no ship date yet. Each known key
// may appear once; a string over a limit is refused whole, before any value is read.
StateDecode DecodeStateHash(std::string_view hash, const AppState& base);

}  // namespace apos::ui
