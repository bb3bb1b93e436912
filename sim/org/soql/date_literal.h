// SOQL date literals (TODAY, LAST_N_DAYS:30, THIS_FISCAL_QUARTER, ...) and their evaluation to a
// range of days and of instants, given "now" and the querying user's time zone.
//
// Every literal is a half-open range [first day, end day) of calendar days in the user's time zone;
// for datetime fields it is the range of instants [start of first day, start of end day) in that
// zone (so a day is 23 or 25 hours long across a DST change; a day whose midnight is skipped by a
// DST change starts at the transition). The comparison operators use the range as Salesforce does:
// `= L` inside, `!= L` outside, `< L` before the start, `<= L` before the end, `> L` at or after
// the end, `>= L` at or after the start.
//
// Ranges (today = the user's current calendar day; "period" = day, week, month, quarter or year):
//   YESTERDAY, TODAY, TOMORROW           one day: today-1, today, today+1
//   THIS_<P>, LAST_<P>, NEXT_<P>         the current period, the one before, the one after
//   LAST_90_DAYS, LAST_N_DAYS:n          [today-n, today+1): n days before today AND today (n+1
//   days) NEXT_90_DAYS, NEXT_N_DAYS:n          [today+1, today+1+n): starts tomorrow, today
//   excluded N_DAYS_AGO:n                         the single day today-n LAST_N_<P>S:n the n whole
//   periods before the current one NEXT_N_<P>S:n                        the n whole periods after
//   the current one N_<P>S_AGO:n                         the single period n periods before the
//   current one
// Weeks start on Sunday (the US locale; Salesforce takes the first day of the week from the user's
// locale) unless DateContext::week_start says otherwise. Quarters are calendar quarters (Jan-Mar,
// ...). FISCAL_QUARTER and FISCAL_YEAR use standard fiscal years starting in
// DateContext::fiscal_year_start_month (1 = January, the Salesforce default, which makes them equal
// to the calendar ones); custom fiscal years are not modelled. n is a non-negative integer below
// 2^31. Instants outside what Timestamp can hold (before 1678 or after 2261) saturate to
// Timestamp::InfinitePast() / InfiniteFuture().
#ifndef RECOUP_SIM_ORG_SOQL_DATE_LITERAL_H_
#define RECOUP_SIM_ORG_SOQL_DATE_LITERAL_H_

#include <cctz/time_zone.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/time.h"

namespace recoup::sim::org::soql {

enum class DateLiteralKind : uint8_t {
  kYesterday,
  kToday,
  kTomorrow,
  kLastWeek,
  kThisWeek,
  kNextWeek,
  kLastMonth,
  kThisMonth,
  kNextMonth,
  kLast90Days,
  kNext90Days,
  kLastNDays,
  kNextNDays,
  kNDaysAgo,
  kLastNWeeks,
  kNextNWeeks,
  kNWeeksAgo,
  kLastNMonths,
  kNextNMonths,
  kNMonthsAgo,
  kThisQuarter,
  kLastQuarter,
  kNextQuarter,
  kLastNQuarters,
  kNextNQuarters,
  kNQuartersAgo,
  kThisYear,
  kLastYear,
  kNextYear,
  kLastNYears,
  kNextNYears,
  kNYearsAgo,
  kThisFiscalQuarter,
  kLastFiscalQuarter,
  kNextFiscalQuarter,
  kLastNFiscalQuarters,
  kNextNFiscalQuarters,
  kNFiscalQuartersAgo,
  kThisFiscalYear,
  kLastFiscalYear,
  kNextFiscalYear,
  kLastNFiscalYears,
  kNextNFiscalYears,
  kNFiscalYearsAgo,
};

struct DateLiteral {
  DateLiteralKind kind = DateLiteralKind::kToday;
  int64_t n = 0;  // only for the ":n" forms
  friend bool operator==(const DateLiteral&, const DateLiteral&) = default;
};

// Looks a literal up by name, case-insensitively ("today", "LAST_N_DAYS"). *takes_n is set when the
// literal needs ":n".
std::optional<DateLiteralKind> FindDateLiteral(std::string_view name, bool* takes_n);

// The canonical (upper-case) name, and "NAME" or "NAME:n" for a literal.
std::string_view DateLiteralName(DateLiteralKind kind);
bool DateLiteralTakesN(DateLiteralKind kind);
std::string FormatDateLiteral(const DateLiteral& literal);

enum class Weekday : uint8_t { kSunday = 0, kMonday = 1 };

// What a literal is evaluated against. `time_zone` is the querying user's zone.
struct DateContext {
  Timestamp now;
  cctz::time_zone time_zone = cctz::utc_time_zone();
  Weekday week_start = Weekday::kSunday;
  int fiscal_year_start_month = 1;  // 1..12
};

// A calendar day as the number of days since 1970-01-01 (negative before).
using CivilDayNumber = int64_t;

struct DateRange {
  CivilDayNumber first_day = 0;  // inclusive
  CivilDayNumber end_day = 0;    // exclusive
  Timestamp start;               // start of first_day in the zone (inclusive)
  Timestamp end;                 // start of end_day in the zone (exclusive)
};

// Evaluates `literal` as described above. Pure; requires 1 <= fiscal_year_start_month <= 12 and
// 0 <= n < 2^31 (checked).
DateRange EvaluateDateLiteral(const DateLiteral& literal, const DateContext& context);

// The first instant of calendar day `day` in `zone` (the DST-gap rule above), saturating.
Timestamp StartOfDay(CivilDayNumber day, const cctz::time_zone& zone);

// The calendar day of instant `t` in `zone`.
CivilDayNumber DayOf(Timestamp t, const cctz::time_zone& zone);

// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31, not range-checked),
// and back.
CivilDayNumber DayNumber(int64_t year, int month, int day);
void CivilFromDayNumber(CivilDayNumber day, int64_t* year, int* month, int* day_of_month);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_DATE_LITERAL_H_
