// Date literal ranges at the edges: month and year ends, weeks (Sunday start), quarters, fiscal
// years, local midnight in the user's zone, DST days of 23 and 25 hours, skipped midnights,
// saturation. Expected values were worked out by hand from the Salesforce definitions.
#include "sim/org/soql/date_literal.h"

#include <cctz/time_zone.h>
#include <gtest/gtest.h>

#include <string>

namespace recoup::sim::org::soql {
namespace {

cctz::time_zone Zone(const char* name) {
  cctz::time_zone tz;
  EXPECT_TRUE(cctz::load_time_zone(name, &tz)) << name;
  return tz;
}

Timestamp Ts(const char* iso) {
  StatusOr<Timestamp> t = Timestamp::ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : Timestamp();
}

std::string FormatDay(CivilDayNumber day) {
  int64_t y = 0;
  int m = 0;
  int d = 0;
  CivilFromDayNumber(day, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  return buf;
}

struct DayCase {
  const char* now;  // an instant; "today" is its calendar day in America/New_York
  DateLiteralKind kind;
  int64_t n;
  const char* first;  // inclusive
  const char* end;    // exclusive
  Weekday week_start = Weekday::kSunday;
  int fiscal_start = 1;
};

class DateLiteralDaysTest : public ::testing::TestWithParam<DayCase> {};

TEST_P(DateLiteralDaysTest, Range) {
  const DayCase& c = GetParam();
  DateContext context;
  context.now = Ts(c.now);
  context.time_zone = Zone("America/New_York");
  context.week_start = c.week_start;
  context.fiscal_year_start_month = c.fiscal_start;
  const DateLiteral literal{c.kind, c.n};
  const DateRange range = EvaluateDateLiteral(literal, context);
  EXPECT_EQ(FormatDay(range.first_day), c.first) << FormatDateLiteral(literal) << " at " << c.now;
  EXPECT_EQ(FormatDay(range.end_day), c.end) << FormatDateLiteral(literal) << " at " << c.now;
}

using K = DateLiteralKind;
// 2025-01-01T03:00:00Z is still 2024-12-31 (22:00 EST) in New York; 2025-01-01T05:00:00Z is
// midnight of 2025-01-01 there. 2025-01-01 is a Wednesday.
constexpr const char* kNewYearsEve = "2025-01-01T03:00:00Z";
constexpr const char* kNewYearsDay = "2025-01-01T05:00:00Z";
const DayCase kDayCases[] = {
    // Days around the year end, in the user's zone rather than UTC.
    {kNewYearsEve, K::kToday, 0, "2024-12-31", "2025-01-01"},
    {kNewYearsDay, K::kToday, 0, "2025-01-01", "2025-01-02"},
    {"2025-01-01T04:59:59Z", K::kToday, 0, "2024-12-31", "2025-01-01"},
    {kNewYearsEve, K::kYesterday, 0, "2024-12-30", "2024-12-31"},
    {kNewYearsEve, K::kTomorrow, 0, "2025-01-01", "2025-01-02"},
    {kNewYearsEve, K::kLastNDays, 1, "2024-12-30", "2025-01-01"},  // yesterday and today
    {kNewYearsEve, K::kLastNDays, 0, "2024-12-31", "2025-01-01"},
    {kNewYearsEve, K::kNextNDays, 1, "2025-01-01", "2025-01-02"},  // tomorrow only
    {kNewYearsEve, K::kNDaysAgo, 0, "2024-12-31", "2025-01-01"},
    {kNewYearsEve, K::kNDaysAgo, 366, "2023-12-31", "2024-01-01"},  // 2024 is a leap year
    {kNewYearsEve, K::kLast90Days, 0, "2024-10-02", "2025-01-01"},  // 91 days with today
    {kNewYearsEve, K::kNext90Days, 0, "2025-01-01", "2025-04-01"},  // 90 days from tomorrow
    {"2024-03-01T12:00:00Z", K::kLastNDays, 365, "2023-03-02", "2024-03-02"},
    // Months and years.
    {kNewYearsEve, K::kThisMonth, 0, "2024-12-01", "2025-01-01"},
    {kNewYearsEve, K::kNextMonth, 0, "2025-01-01", "2025-02-01"},
    {kNewYearsEve, K::kLastMonth, 0, "2024-11-01", "2024-12-01"},
    {kNewYearsDay, K::kLastMonth, 0, "2024-12-01", "2025-01-01"},
    {"2025-01-31T17:00:00Z", K::kNextMonth, 0, "2025-02-01", "2025-03-01"},
    {"2025-01-31T17:00:00Z", K::kLastNMonths, 2, "2024-11-01", "2025-01-01"},
    {"2025-01-31T17:00:00Z", K::kNextNMonths, 1, "2025-02-01", "2025-03-01"},
    {"2025-01-31T17:00:00Z", K::kNMonthsAgo, 13, "2023-12-01", "2024-01-01"},
    {"2024-02-29T17:00:00Z", K::kThisMonth, 0, "2024-02-01", "2024-03-01"},
    {kNewYearsEve, K::kThisYear, 0, "2024-01-01", "2025-01-01"},
    {kNewYearsEve, K::kNextYear, 0, "2025-01-01", "2026-01-01"},
    {kNewYearsEve, K::kLastYear, 0, "2023-01-01", "2024-01-01"},
    {kNewYearsEve, K::kLastNYears, 2, "2022-01-01", "2024-01-01"},
    {kNewYearsEve, K::kNextNYears, 2, "2025-01-01", "2027-01-01"},
    {kNewYearsEve, K::kNYearsAgo, 1, "2023-01-01", "2024-01-01"},
    // Weeks start on Sunday: 2024-12-29 is the Sunday of New Year's Day's week.
    {kNewYearsDay, K::kThisWeek, 0, "2024-12-29", "2025-01-05"},
    {kNewYearsDay, K::kLastWeek, 0, "2024-12-22", "2024-12-29"},
    {kNewYearsDay, K::kNextWeek, 0, "2025-01-05", "2025-01-12"},
    {kNewYearsDay, K::kLastNWeeks, 2, "2024-12-15", "2024-12-29"},
    {kNewYearsDay, K::kNextNWeeks, 2, "2025-01-05", "2025-01-19"},
    {kNewYearsDay, K::kNWeeksAgo, 1, "2024-12-22", "2024-12-29"},
    {"2025-01-05T12:00:00Z", K::kThisWeek, 0, "2025-01-05", "2025-01-12"},  // a Sunday
    {"2025-01-05T04:00:00Z", K::kThisWeek, 0, "2024-12-29", "2025-01-05"},  // Saturday 23:00 local
    {"2025-01-05T12:00:00Z", K::kThisWeek, 0, "2024-12-30", "2025-01-06", Weekday::kMonday},
    {kNewYearsDay, K::kThisWeek, 0, "2024-12-30", "2025-01-06", Weekday::kMonday},
    // Calendar quarters.
    {"2025-05-15T12:00:00Z", K::kThisQuarter, 0, "2025-04-01", "2025-07-01"},
    {"2025-05-15T12:00:00Z", K::kLastQuarter, 0, "2025-01-01", "2025-04-01"},
    {"2025-05-15T12:00:00Z", K::kNextQuarter, 0, "2025-07-01", "2025-10-01"},
    {"2025-05-15T12:00:00Z", K::kLastNQuarters, 2, "2024-10-01", "2025-04-01"},
    {"2025-05-15T12:00:00Z", K::kNextNQuarters, 3, "2025-07-01", "2026-04-01"},
    {"2025-05-15T12:00:00Z", K::kNQuartersAgo, 4, "2024-04-01", "2024-07-01"},
    {kNewYearsEve, K::kThisQuarter, 0, "2024-10-01", "2025-01-01"},
    {kNewYearsEve, K::kNextQuarter, 0, "2025-01-01", "2025-04-01"},
    // Fiscal periods: with the default January start they equal the calendar ones.
    {"2025-05-15T12:00:00Z", K::kThisFiscalQuarter, 0, "2025-04-01", "2025-07-01"},
    {"2025-05-15T12:00:00Z", K::kThisFiscalYear, 0, "2025-01-01", "2026-01-01"},
    {"2025-03-15T12:00:00Z", K::kThisFiscalYear, 0, "2024-04-01", "2025-04-01", Weekday::kSunday,
     4},
    {"2025-04-01T12:00:00Z", K::kThisFiscalYear, 0, "2025-04-01", "2026-04-01", Weekday::kSunday,
     4},
    {"2025-03-15T12:00:00Z", K::kThisFiscalQuarter, 0, "2025-01-01", "2025-04-01", Weekday::kSunday,
     4},
    {"2025-01-15T12:00:00Z", K::kThisFiscalQuarter, 0, "2024-11-01", "2025-02-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kLastNFiscalQuarters, 1, "2024-08-01", "2024-11-01",
     Weekday::kSunday, 2},
    {"2025-01-15T12:00:00Z", K::kNextFiscalQuarter, 0, "2025-02-01", "2025-05-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kThisFiscalYear, 0, "2024-02-01", "2025-02-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kLastFiscalYear, 0, "2023-02-01", "2024-02-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kNFiscalYearsAgo, 2, "2022-02-01", "2023-02-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kNextNFiscalYears, 1, "2025-02-01", "2026-02-01", Weekday::kSunday,
     2},
    {"2025-01-15T12:00:00Z", K::kNFiscalQuartersAgo, 5, "2023-08-01", "2023-11-01",
     Weekday::kSunday, 2},
    {"2025-12-15T12:00:00Z", K::kThisFiscalYear, 0, "2025-12-01", "2026-12-01", Weekday::kSunday,
     12},
};

INSTANTIATE_TEST_SUITE_P(Soql, DateLiteralDaysTest, ::testing::ValuesIn(kDayCases));

DateRange Evaluate(DateLiteralKind kind, int64_t n, const char* now, const char* zone) {
  DateContext context;
  context.now = Ts(now);
  context.time_zone = Zone(zone);
  return EvaluateDateLiteral(DateLiteral{kind, n}, context);
}

TEST(DateLiteralInstantsTest, LocalMidnightsInTheUserZone) {
  const DateRange r = Evaluate(K::kToday, 0, "2025-01-15T12:00:00Z", "America/New_York");
  EXPECT_EQ(r.start, Ts("2025-01-15T05:00:00Z"));
  EXPECT_EQ(r.end, Ts("2025-01-16T05:00:00Z"));
  const DateRange utc = Evaluate(K::kToday, 0, "2025-01-15T12:00:00Z", "UTC");
  EXPECT_EQ(utc.start, Ts("2025-01-15T00:00:00Z"));
  const DateRange tokyo = Evaluate(K::kThisMonth, 0, "2025-01-31T16:00:00Z", "Asia/Tokyo");
  EXPECT_EQ(FormatDay(tokyo.first_day), "2025-02-01");  // already February 1 in Tokyo
  EXPECT_EQ(tokyo.start, Ts("2025-01-31T15:00:00Z"));
  EXPECT_EQ(tokyo.end, Ts("2025-02-28T15:00:00Z"));
}

TEST(DateLiteralInstantsTest, DstDaysHave23And25Hours) {
  // Spring forward in New York on 2025-03-09: 02:00 EST -> 03:00 EDT.
  const DateRange spring = Evaluate(K::kToday, 0, "2025-03-09T12:00:00Z", "America/New_York");
  EXPECT_EQ(spring.start, Ts("2025-03-09T05:00:00Z"));
  EXPECT_EQ(spring.end, Ts("2025-03-10T04:00:00Z"));
  EXPECT_EQ(spring.end - spring.start, Duration::Hours(23));
  // Fall back on 2025-11-02: 02:00 EDT -> 01:00 EST.
  const DateRange fall = Evaluate(K::kToday, 0, "2025-11-02T12:00:00Z", "America/New_York");
  EXPECT_EQ(fall.start, Ts("2025-11-02T04:00:00Z"));
  EXPECT_EQ(fall.end - fall.start, Duration::Hours(25));
  // A week that contains the change is 7 days minus an hour.
  const DateRange week = Evaluate(K::kThisWeek, 0, "2025-03-12T12:00:00Z", "America/New_York");
  EXPECT_EQ(week.start, Ts("2025-03-09T05:00:00Z"));
  EXPECT_EQ(week.end, Ts("2025-03-16T04:00:00Z"));
  // Europe: the last Sunday of March, 01:00 UTC.
  const DateRange london = Evaluate(K::kThisMonth, 0, "2025-03-15T12:00:00Z", "Europe/London");
  EXPECT_EQ(london.start, Ts("2025-03-01T00:00:00Z"));
  EXPECT_EQ(london.end, Ts("2025-03-31T23:00:00Z"));  // April 1 00:00 BST
}

TEST(DateLiteralInstantsTest, SkippedMidnightStartsAtTheTransition) {
  // Chile moved from 00:00 -04 to 01:00 -03 on 2022-09-11: that day has no midnight.
  const DateRange r = Evaluate(K::kToday, 0, "2022-09-11T15:00:00Z", "America/Santiago");
  EXPECT_EQ(FormatDay(r.first_day), "2022-09-11");
  EXPECT_EQ(r.start, Ts("2022-09-11T04:00:00Z"));
  EXPECT_EQ(r.end, Ts("2022-09-12T03:00:00Z"));
  const DateRange yesterday =
      Evaluate(K::kYesterday, 0, "2022-09-12T15:00:00Z", "America/Santiago");
  EXPECT_EQ(yesterday.start, Ts("2022-09-11T04:00:00Z"));
  // Cuba skips 00:00-01:00 on 2024-03-10.
  const DateRange havana = Evaluate(K::kToday, 0, "2024-03-10T12:00:00Z", "America/Havana");
  EXPECT_EQ(havana.start, Ts("2024-03-10T05:00:00Z"));
}

TEST(DateLiteralInstantsTest, FarRangesSaturate) {
  const DateRange past = Evaluate(K::kLastNYears, 1000, "2025-01-15T12:00:00Z", "UTC");
  EXPECT_EQ(FormatDay(past.first_day), "1025-01-01");
  EXPECT_EQ(past.start, Timestamp::InfinitePast());
  EXPECT_EQ(past.end, Ts("2025-01-01T00:00:00Z"));
  const DateRange future = Evaluate(K::kNextNDays, INT32_MAX, "2025-01-15T12:00:00Z", "UTC");
  EXPECT_EQ(future.start, Ts("2025-01-16T00:00:00Z"));
  EXPECT_EQ(future.end, Timestamp::InfiniteFuture());
  const DateRange months = Evaluate(K::kNMonthsAgo, INT32_MAX, "2025-01-15T12:00:00Z", "UTC");
  EXPECT_LT(months.first_day, months.end_day);
  EXPECT_EQ(months.start, Timestamp::InfinitePast());
}

TEST(DateLiteralNamesTest, LookupAndFormat) {
  bool takes_n = false;
  EXPECT_EQ(FindDateLiteral("last_n_days", &takes_n), K::kLastNDays);
  EXPECT_TRUE(takes_n);
  EXPECT_EQ(FindDateLiteral("This_Fiscal_Year", &takes_n), K::kThisFiscalYear);
  EXPECT_FALSE(takes_n);
  EXPECT_FALSE(FindDateLiteral("LAST_N_DAY", &takes_n).has_value());
  EXPECT_EQ(FormatDateLiteral({K::kNWeeksAgo, 3}), "N_WEEKS_AGO:3");
  EXPECT_EQ(FormatDateLiteral({K::kLast90Days, 0}), "LAST_90_DAYS");
}

TEST(DayNumberTest, RoundTripsAndKnownValues) {
  EXPECT_EQ(DayNumber(1970, 1, 1), 0);
  EXPECT_EQ(DayNumber(2000, 3, 1), 11017);
  EXPECT_EQ(DayNumber(1969, 12, 31), -1);
  for (CivilDayNumber d = -800000; d < 800000; d += 997) {
    int64_t y = 0;
    int m = 0;
    int dd = 0;
    CivilFromDayNumber(d, &y, &m, &dd);
    EXPECT_EQ(DayNumber(y, m, dd), d);
  }
}

}  // namespace
}  // namespace recoup::sim::org::soql
