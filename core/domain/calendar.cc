#include "core/domain/calendar.h"

#include <algorithm>

namespace recoup::domain {
namespace {

// The n-th (1-based) `wd` of month, or the last one with n == -1.
LocalDate NthWeekday(cctz::civil_year y, int month, cctz::weekday wd, int n) {
  if (n > 0) {
    const LocalDate first(y.year(), month, 1);
    const LocalDate on_or_after = cctz::next_weekday(first - 1, wd);
    return on_or_after + 7 * (n - 1);
  }
  const LocalDate last = LocalDate(y.year(), month + 1, 1) - 1;
  return cctz::prev_weekday(last + 1, wd);
}

// Saturday -> Friday before, Sunday -> Monday after.
LocalDate Observed(LocalDate d) {
  switch (cctz::get_weekday(d)) {
    case cctz::weekday::saturday:
      return d - 1;
    case cctz::weekday::sunday:
      return d + 1;
    default:
      return d;
  }
}

bool IsUsFederalHolidayInYear(LocalDate d, cctz::civil_year y) {
  const int year = static_cast<int>(y.year());
  const LocalDate fixed[] = {
      Observed(LocalDate(year, 1, 1)),  Observed(LocalDate(year, 7, 4)),
      Observed(LocalDate(year, 11, 11)), Observed(LocalDate(year, 12, 25))};
  for (const LocalDate h : fixed) {
    if (d == h) return true;
  }
  if (year >= 2021 && d == Observed(LocalDate(year, 6, 19))) return true;
  using cctz::weekday;
  return d == NthWeekday(y, 1, weekday::monday, 3) ||    // Martin Luther King Jr. Day
         d == NthWeekday(y, 2, weekday::monday, 3) ||    // Washington's Birthday
         d == NthWeekday(y, 5, weekday::monday, -1) ||   // Memorial Day
         d == NthWeekday(y, 9, weekday::monday, 1) ||    // Labor Day
         d == NthWeekday(y, 10, weekday::monday, 2) ||   // Columbus Day
         d == NthWeekday(y, 11, weekday::thursday, 4);  // Thanksgiving Day
}

// Whether `d` lies in a range of days that can hold an observed federal holiday; most days do not,
// and this skips the weekday arithmetic for them (IsUsFederalHoliday is called for every planned
// contact).
bool MayBeUsFederalHoliday(LocalDate d) {
  const int day = d.day();
  switch (d.month()) {
    case 1: return day <= 2 || (day >= 15 && day <= 21);         // New Year's Day, MLK Day
    case 2: return day >= 15 && day <= 21;                       // Washington's Birthday
    case 5: return day >= 25;                                    // Memorial Day
    case 6: return day >= 18 && day <= 20;                       // Juneteenth
    case 7: return day >= 3 && day <= 5;                         // Independence Day
    case 9: return day <= 7;                                     // Labor Day
    case 10: return day >= 8 && day <= 14;                       // Columbus Day
    case 11: return (day >= 10 && day <= 12) || (day >= 22 && day <= 28);  // Veterans, Thanksgiving
    case 12: return (day >= 24 && day <= 26) || day == 31;       // Christmas; New Year observed
    default: return false;
  }
}

}  // namespace

bool IsWeekend(LocalDate d) {
  const cctz::weekday wd = cctz::get_weekday(d);
  return wd == cctz::weekday::saturday || wd == cctz::weekday::sunday;
}

bool IsUsFederalHoliday(LocalDate d) {
  if (!MayBeUsFederalHoliday(d)) return false;
  const cctz::civil_year y(d);
  // New Year's Day on a Saturday is observed on December 31 of the year before.
  return IsUsFederalHolidayInYear(d, y) || (d.month() == 12 && d.day() == 31 &&
                                            Observed(LocalDate(d.year() + 1, 1, 1)) == d);
}

HolidayCalendar::HolidayCalendar(std::vector<LocalDate> holidays) : holidays_(std::move(holidays)) {
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

HolidayCalendar HolidayCalendar::UsFederal() {
  HolidayCalendar c;
  c.us_federal_ = true;
  return c;
}

bool HolidayCalendar::IsHoliday(LocalDate d) const {
  if (us_federal_ && IsUsFederalHoliday(d)) return true;
  return std::binary_search(holidays_.begin(), holidays_.end(), d);
}

bool HolidayCalendar::IsBusinessDay(LocalDate d) const { return !IsWeekend(d) && !IsHoliday(d); }

LocalDate HolidayCalendar::OnOrAfter(LocalDate d) const {
  while (!IsBusinessDay(d)) ++d;
  return d;
}

LocalDate HolidayCalendar::AddBusinessDays(LocalDate d, int n) const {
  for (int i = 0; i < n; ++i) d = OnOrAfter(d + 1);
  return d;
}

LocalDate AddMonths(LocalDate d, int months) {
  const cctz::civil_month m = cctz::civil_month(d) + months;
  const LocalDate first(m);
  const LocalDate last = LocalDate(cctz::civil_month(m + 1)) - 1;
  return std::min(first + (d.day() - 1), last);
}

}  // namespace recoup::domain
