// A date input: a YYYY-MM-DD text field with a calendar button beside it. The calendar is a
// month grid (previous / next month, today, keyboard usable through ImGui navigation). Text that
// is not a real date stays in the field, with an inline error under it, until it is fixed or
// the date is changed another way: nothing the user typed is thrown away.
#pragma once

#include <optional>

#include "apos/date.hpp"

namespace apos::ui {

// Returns true when `value` changed. `today` is where the calendar opens without a value.
bool DatePicker(const char* label, Date& value, Date today);
// Same, but the field may be emptied (std::nullopt); `empty_hint` is shown greyed when empty.
bool OptionalDatePicker(const char* label, std::optional<Date>& value, Date today, const char* empty_hint);

}  // namespace apos::ui
