#include "core/domain/calendar.h"

#include <gtest/gtest.h>

namespace recoup::domain {
namespace {

TEST(CalendarTest, UsFederalHolidaysAsObserved) {
  struct Case {
    LocalDate date;
    bool holiday;
  };
  const Case cases[] = {
      {LocalDate(2026, 1, 1), true},    // New Year's Day (Thursday)
      {LocalDate(2026, 1, 19), true},   // MLK Day, 3rd Monday of January
      {LocalDate(2026, 2, 16), true},   // Washington's Birthday
      {LocalDate(2026, 5, 25), true},   // Memorial Day, last Monday of May
      {LocalDate(2026, 6, 19), true},   // Juneteenth (Friday)
      {LocalDate(2026, 7, 3), true},    // July 4 2026 is a Saturday: observed Friday July 3
      {LocalDate(2026, 7, 4), false},
      {LocalDate(2026, 9, 7), true},    // Labor Day
      {LocalDate(2026, 10, 12), true},  // Columbus Day
      {LocalDate(2026, 11, 11), true},  // Veterans Day (Wednesday)
      {LocalDate(2026, 11, 26), true},  // Thanksgiving, 4th Thursday
      {LocalDate(2026, 12, 25), true},
      {LocalDate(2027, 12, 24), true},  // Christmas 2027 is a Saturday
      {LocalDate(2027, 12, 31), true},  // New Year's Day 2028 is a Saturday: observed Dec 31 2027
      {LocalDate(2022, 1, 17), true},
      {LocalDate(2021, 12, 31), true},  // New Year's Day 2022 is a Saturday
      {LocalDate(2020, 6, 19), false},  // Juneteenth became a federal holiday in 2021
      {LocalDate(2023, 6, 19), true},
      {LocalDate(2026, 11, 25), false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsUsFederalHoliday(c.date), c.holiday) << c.date;
  }
}

// Every year has each holiday once: counting the observed days of each holiday year (a New Year's
// Day observed on December 31 belongs to the next year) over two centuries checks every day, so a
// day the fast path skipped by mistake would show as a missing holiday.
TEST(CalendarTest, EveryYearHasEachFederalHolidayOnce) {
  for (int year = 1950; year <= 2150; ++year) {
    int holidays = 0;
    for (LocalDate d(year, 1, 1); d <= LocalDate(year, 12, 31); ++d) {
      if (!IsUsFederalHoliday(d)) continue;
      const bool next_years_new_year = d.month() == 12 && d.day() == 31;
      if (!next_years_new_year) ++holidays;
    }
    if (IsUsFederalHoliday(LocalDate(year - 1, 12, 31))) ++holidays;
    EXPECT_EQ(holidays, year >= 2021 ? 11 : 10) << year;
  }
}

TEST(CalendarTest, BusinessDaysSkipWeekendsAndHolidays) {
  const HolidayCalendar us = HolidayCalendar::UsFederal();
  // Reg F: receipt presumed 5 days after sending, excluding weekends and federal holidays.
  // Sent Wednesday 2026-11-25: Thu 26 Thanksgiving, Fri 27, Mon 30, Tue 1, Wed 2, Thu 3.
  EXPECT_EQ(us.AddBusinessDays(LocalDate(2026, 11, 25), 5), LocalDate(2026, 12, 3));
  EXPECT_EQ(us.AddBusinessDays(LocalDate(2026, 11, 20), 1), LocalDate(2026, 11, 23));  // Fri -> Mon
  EXPECT_EQ(us.AddBusinessDays(LocalDate(2026, 11, 21), 0), LocalDate(2026, 11, 21));
  EXPECT_EQ(us.OnOrAfter(LocalDate(2026, 7, 3)), LocalDate(2026, 7, 6));
  EXPECT_FALSE(us.IsBusinessDay(LocalDate(2026, 11, 22)));  // Sunday
  EXPECT_TRUE(us.IsBusinessDay(LocalDate(2026, 11, 23)));
  const HolidayCalendar plain;
  EXPECT_TRUE(plain.IsBusinessDay(LocalDate(2026, 11, 26)));
  const HolidayCalendar custom({LocalDate(2026, 11, 23), LocalDate(2026, 11, 23)});
  EXPECT_EQ(custom.OnOrAfter(LocalDate(2026, 11, 22)), LocalDate(2026, 11, 24));
}

TEST(CalendarTest, AddMonthsClampsToTheMonthsLength) {
  EXPECT_EQ(AddMonths(LocalDate(2026, 1, 31), 1), LocalDate(2026, 2, 28));
  EXPECT_EQ(AddMonths(LocalDate(2028, 1, 31), 1), LocalDate(2028, 2, 29));
  EXPECT_EQ(AddMonths(LocalDate(2026, 11, 15), 3), LocalDate(2027, 2, 15));
  EXPECT_EQ(AddMonths(LocalDate(2026, 3, 31), -1), LocalDate(2026, 2, 28));
}

}  // namespace
}  // namespace recoup::domain
