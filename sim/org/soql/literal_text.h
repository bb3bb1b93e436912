// The text forms of SOQL's unquoted date and datetime literals.
#ifndef RECOUP_SIM_ORG_SOQL_LITERAL_TEXT_H_
#define RECOUP_SIM_ORG_SOQL_LITERAL_TEXT_H_

#include <string_view>

#include "core/base/time.h"
#include "sim/org/soql/date_literal.h"

namespace recoup::sim::org::soql {

// "YYYY-MM-DD" (the first 10 characters of `text`; the caller checks the length): a real calendar
// date in years 0000-9999. Returns false otherwise.
bool ParseDateText(std::string_view text, CivilDayNumber* day);

// Exactly "YYYY-MM-DDThh:mm:ss[.f{1,3}](Z|+hh:mm|-hh:mm)", 'T' and 'Z' in either case, hours 00-23,
// minutes and seconds 00-59, offsets up to 23:59. An instant outside Timestamp's range saturates to
// InfinitePast()/InfiniteFuture(). Returns false on any other text.
bool ParseDateTimeText(std::string_view text, Timestamp* out);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_LITERAL_TEXT_H_
