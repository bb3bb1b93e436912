// BuildSchedule: exact sums in minor units, errors, business days across US federal holidays and
// weekends, month-end clamping and strictly increasing dates.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/negotiation/negotiation.h"
#include "tests/core/negotiation/test_util.h"

namespace recoup::negotiation {
namespace {

using testing::ExpectWellFormed;
using testing::LocalDate;
using testing::M;

std::vector<Money> Amounts(const std::vector<domain::Instalment>& schedule) {
  std::vector<Money> out;
  for (const domain::Instalment& i : schedule) out.push_back(i.amount);
  return out;
}

std::vector<LocalDate> Dates(const std::vector<domain::Instalment>& schedule) {
  std::vector<LocalDate> out;
  for (const domain::Instalment& i : schedule) out.push_back(i.due);
  return out;
}

TEST(BuildScheduleTest, AwkwardTotalsSplitExactly) {
  struct Case {
    std::string total;
    int count;
    std::vector<std::string> amounts;
  };
  const Case cases[] = {
      {"100.01", 3, {"33.34", "33.34", "33.33"}},
      {"100.00", 3, {"33.34", "33.33", "33.33"}},
      {"0.05", 5, {"0.01", "0.01", "0.01", "0.01", "0.01"}},
      {"0.07", 6, {"0.02", "0.01", "0.01", "0.01", "0.01", "0.01"}},
      {"1000.00", 6, {"166.67", "166.67", "166.67", "166.67", "166.66", "166.66"}},
      {"0.01", 1, {"0.01"}},
  };
  const domain::HolidayCalendar plain;
  for (const Case& c : cases) {
    const auto schedule =
        BuildSchedule(M(c.total), c.count, Frequency::kMonthly, LocalDate(2026, 3, 2), plain);
    ASSERT_TRUE(schedule.ok()) << c.total << ": " << schedule.status();
    std::vector<Money> expected;
    for (const std::string& a : c.amounts) expected.push_back(M(a));
    EXPECT_EQ(Amounts(*schedule), expected) << c.total << " in " << c.count;
    ExpectWellFormed(*schedule, M(c.total), plain);
  }
}

TEST(BuildScheduleTest, RejectsWhatCannotBeScheduled) {
  struct Case {
    std::string total;
    int count;
    Frequency frequency;
    std::string message;
  };
  const Case cases[] = {
      {"0.05", 6, Frequency::kMonthly, "cannot be split into 6"},  // an instalment would be 0
      {"0", 1, Frequency::kMonthly, "total must be > 0"},
      {"-10.00", 2, Frequency::kMonthly, "total must be > 0"},
      {"100.00", 0, Frequency::kMonthly, "count must be in [1, 1000]"},
      {"100.00", -2, Frequency::kWeekly, "count must be in [1, 1000]"},
      {"100.00", 1001, Frequency::kWeekly, "count must be in [1, 1000]"},
      {"100.00", 2, static_cast<Frequency>(5), "unknown frequency"},
  };
  for (const Case& c : cases) {
    const auto schedule = BuildSchedule(M(c.total), c.count, c.frequency, LocalDate(2026, 3, 2),
                                        domain::HolidayCalendar::UsFederal());
    ASSERT_FALSE(schedule.ok()) << c.total << " in " << c.count;
    EXPECT_EQ(schedule.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(schedule.status().message().find(c.message), std::string_view::npos)
        << schedule.status();
  }
}

TEST(BuildScheduleTest, DatesFallOnBusinessDays) {
  struct Case {
    std::string name;
    Frequency frequency;
    LocalDate first;
    std::vector<LocalDate> dates;
  };
  const Case cases[] = {
      {"monthly on the 3rd: July 4 2026 is observed Friday July 3",
       Frequency::kMonthly,
       LocalDate(2026, 6, 3),
       {LocalDate(2026, 6, 3), LocalDate(2026, 7, 6), LocalDate(2026, 8, 3), LocalDate(2026, 9, 3),
        LocalDate(2026, 10, 5), LocalDate(2026, 11, 3), LocalDate(2026, 12, 3)}},
      {"monthly on the 25th: Christmas and weekends",
       Frequency::kMonthly,
       LocalDate(2026, 7, 25),
       {LocalDate(2026, 7, 27), LocalDate(2026, 8, 25), LocalDate(2026, 9, 25),
        LocalDate(2026, 10, 26), LocalDate(2026, 11, 25), LocalDate(2026, 12, 28)}},
      {"Jan 31 monthly clamps to month end and comes back",
       Frequency::kMonthly,
       LocalDate(2026, 1, 31),
       {LocalDate(2026, 2, 2), LocalDate(2026, 3, 2), LocalDate(2026, 3, 31),
        LocalDate(2026, 4, 30), LocalDate(2026, 6, 1), LocalDate(2026, 6, 30)}},
      {"Jan 31 monthly in a leap year",
       Frequency::kMonthly,
       LocalDate(2028, 1, 31),
       {LocalDate(2028, 1, 31), LocalDate(2028, 2, 29), LocalDate(2028, 3, 31)}},
      {"weekly across Thanksgiving",
       Frequency::kWeekly,
       LocalDate(2026, 11, 19),
       {LocalDate(2026, 11, 19), LocalDate(2026, 11, 27), LocalDate(2026, 12, 3)}},
      {"biweekly across New Year 2028 observed on Dec 31 2027",
       Frequency::kBiweekly,
       LocalDate(2027, 12, 17),
       {LocalDate(2027, 12, 17), LocalDate(2028, 1, 3), LocalDate(2028, 1, 14)}},
      {"Christmas 2027 is observed Friday Dec 24",
       Frequency::kWeekly,
       LocalDate(2027, 12, 17),
       {LocalDate(2027, 12, 17), LocalDate(2027, 12, 27), LocalDate(2028, 1, 3)}},
  };
  const auto us = domain::HolidayCalendar::UsFederal();
  for (const Case& c : cases) {
    const int count = static_cast<int>(c.dates.size());
    const auto schedule = BuildSchedule(M("1000.00"), count, c.frequency, c.first, us);
    ASSERT_TRUE(schedule.ok()) << c.name << ": " << schedule.status();
    EXPECT_EQ(Dates(*schedule), c.dates) << c.name;
    ExpectWellFormed(*schedule, M("1000.00"), us);
  }
}

TEST(BuildScheduleTest, DatesStayStrictlyIncreasingThroughLongClosures) {
  // Closed every day from March 9 to March 20 2026: the weeks of the 9th, the 16th and the 23rd
  // would all fall on Monday March 23, so the later ones go to the next business days.
  std::vector<LocalDate> closed;
  for (LocalDate d(2026, 3, 9); d <= LocalDate(2026, 3, 20); ++d) closed.push_back(d);
  const domain::HolidayCalendar calendar(closed);
  const auto schedule =
      BuildSchedule(M("50.00"), 5, Frequency::kWeekly, LocalDate(2026, 3, 2), calendar);
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  EXPECT_EQ(
      Dates(*schedule),
      (std::vector<LocalDate>{LocalDate(2026, 3, 2), LocalDate(2026, 3, 23), LocalDate(2026, 3, 24),
                              LocalDate(2026, 3, 25), LocalDate(2026, 3, 30)}));
  ExpectWellFormed(*schedule, M("50.00"), calendar);
}

// Property: for many totals, counts, frequencies and starts, every schedule is well formed, starts
// on the first business day on or after the start, and has exactly `count` instalments.
TEST(BuildScheduleTest, EverySplitSumsExactlyOnBusinessDays) {
  const auto us = domain::HolidayCalendar::UsFederal();
  const Frequency frequencies[] = {Frequency::kWeekly, Frequency::kBiweekly, Frequency::kMonthly};
  int checked = 0;
  for (int64_t minor : {1, 2, 7, 99, 100, 101, 10001, 123457, 99999999}) {
    for (int count = 1; count <= 13; ++count) {
      if (count > minor) continue;
      for (Frequency f : frequencies) {
        for (LocalDate start(2026, 12, 20); start <= LocalDate(2027, 1, 3); start += 2) {
          const Money total = Money::FromMinorUnits(minor);
          const auto schedule = BuildSchedule(total, count, f, start, us);
          ASSERT_TRUE(schedule.ok()) << schedule.status();
          ASSERT_EQ(schedule->size(), static_cast<size_t>(count));
          EXPECT_EQ(schedule->front().due, us.OnOrAfter(start));
          ExpectWellFormed(*schedule, total, us);
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace recoup::negotiation
