// A date text field (YYYY-MM-DD, the only form the core accepts). The value changes only when
// the text is a real date; while the text is incomplete the field is outlined in red and the
// previous date stays.
#pragma once

#include <optional>

#include "apos/date.hpp"

namespace apos::ui {

// Returns true when `value` changed.
bool DateField(const char* label, Date& value);
// Same, but an empty field means "no date" (std::nullopt); `empty_hint` is shown greyed.
bool OptionalDateField(const char* label, std::optional<Date>& value, const char* empty_hint);

}  // namespace apos::ui
