// Fuzzes the state string (URL hash, JS setState(), desktop --state): reading it never crashes and
// either gives a state or says why not, in short one-line messages. A state that is read writes
// back to a string that reads as the same state and writes the same again; only when writing made
// it longer than the limit (a raw byte becomes %XX, up to three times longer) may the reread fail,
// and then with the length message alone.
#include <cstdint>
#include <string>
#include <string_view>

#include "app/app_state.hpp"

namespace {

using apos::ui::AppState;

// Everything the state string carries (app_state.hpp: settings other than show_ineligible and the
// fleet's units are not in it).
bool SameLinkState(const AppState& a, const AppState& b) {
    const apos::DeviceInput& x = a.device;
    const apos::DeviceInput& y = b.device;
    if (x.mtm != y.mtm || x.serial != y.serial || x.ship_date != y.ship_date || x.purchase_date != y.purchase_date ||
        x.channel != y.channel || x.condition != y.condition || x.country != y.country || x.quantity != y.quantity ||
        x.replacement != y.replacement || x.segment != y.segment)
        return false;
    if (a.as_of != b.as_of || a.segment != b.segment || a.programs.new_customer != b.programs.new_customer ||
        a.programs.opted_in != b.programs.opted_in || a.settings.show_ineligible != b.settings.show_ineligible ||
        a.services.size() != b.services.size())
        return false;
    for (std::size_t i = 0; i < a.services.size(); ++i)
        if (a.services[i].id != b.services[i].id || a.services[i].term_years != b.services[i].term_years) return false;
    return true;
}

bool OneLineOfText(const std::string& message) {
    if (message.empty() || message.size() > 400) return false;  // as unit_bad_inputs.cpp: short, whatever came in
    for (const unsigned char c : message)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

const AppState& Base() {
    static const AppState base = [] {
        AppState state;
        state.device.ship_date = *apos::Date::parse("2026-01-15");
        return state;
    }();
    return base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const apos::ui::StateDecode read = apos::ui::DecodeStateHash(text, Base());
    if (read.state.has_value() == !read.errors.empty()) __builtin_trap();  // a state, or the reasons why not
    if (read.errors.size() > apos::ui::kMaxStateErrors + 1) __builtin_trap();
    for (const std::string& message : read.errors)
        if (!OneLineOfText(message)) __builtin_trap();
    if (!read.state) return 0;

    const std::string written = apos::ui::EncodeStateHash(*read.state);
    const apos::ui::StateDecode reread = apos::ui::DecodeStateHash(written, Base());
    if (written.size() > apos::ui::kMaxStateChars) {
        if (reread.state || reread.errors.size() != 1 || reread.errors[0].rfind("state: ", 0) != 0) __builtin_trap();
        return 0;
    }
    if (!reread.state || !SameLinkState(*read.state, *reread.state)) __builtin_trap();
    if (apos::ui::EncodeStateHash(*reread.state) != written) __builtin_trap();
    return 0;
}
