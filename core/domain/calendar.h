// Civil dates and business days: the calendar arithmetic that collection rules are written in.
//
// A LocalDate is a date on the wall calendar of some place (cctz::civil_day); which place is the
// caller's business (compliance uses the consumer's zone, schedules use the creditor's). Business days
// are Monday to Friday except US federal holidays as observed (a Saturday holiday is observed on the
// Friday before, a Sunday one on the Monday after), which is what Reg F's "excluding legal public
// holidays, Saturdays and Sundays" and bank settlement calendars mean for a US portfolio. Other
// countries pass their own holiday list (HolidayCalendar).
#ifndef RECOUP_CORE_DOMAIN_CALENDAR_H_
#define RECOUP_CORE_DOMAIN_CALENDAR_H_

#include <cctz/civil_time.h>

#include <vector>

namespace recoup::domain {

using LocalDate = cctz::civil_day;

// Holidays of a calendar, as observed (the days on which business is closed).
class HolidayCalendar {
 public:
  // No holidays: only weekends are closed.
  HolidayCalendar() = default;
  // The given dates (any order, duplicates ignored).
  explicit HolidayCalendar(std::vector<LocalDate> holidays);
  // US federal holidays (5 USC 6103) as observed, for every year: New Year's Day, Martin Luther King
  // Jr. Day, Washington's Birthday, Juneteenth (from 2021), Memorial Day, Independence Day, Labor Day,
  // Columbus Day, Veterans Day, Thanksgiving Day, Christmas Day.
  static HolidayCalendar UsFederal();

  bool IsHoliday(LocalDate d) const;
  bool IsBusinessDay(LocalDate d) const;
  // The first business day on or after `d`.
  LocalDate OnOrAfter(LocalDate d) const;
  // `d` moved forward by `n` >= 0 business days: AddBusinessDays(Friday, 1) is the next Monday (or
  // Tuesday after a Monday holiday). With n == 0, `d` itself even if it is not a business day.
  LocalDate AddBusinessDays(LocalDate d, int n) const;

 private:
  bool us_federal_ = false;
  std::vector<LocalDate> holidays_;  // sorted, unique
};

bool IsWeekend(LocalDate d);
// True if `d` is a US federal holiday as observed.
bool IsUsFederalHoliday(LocalDate d);
// Adds whole calendar months, clamping the day to the month's length (Jan 31 + 1 month = Feb 28/29).
LocalDate AddMonths(LocalDate d, int months);

}  // namespace recoup::domain

#endif  // RECOUP_CORE_DOMAIN_CALENDAR_H_
