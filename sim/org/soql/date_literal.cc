// SOQL date literal ranges (see date_literal.h).
#include "sim/org/soql/date_literal.h"

#include <cctz/civil_time.h>

#include <array>
#include <chrono>

#include "core/base/check.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

struct LiteralInfo {
  DateLiteralKind kind;
  std::string_view name;
  bool takes_n;
};

constexpr std::array<LiteralInfo, 44> kLiterals = {{
    {DateLiteralKind::kYesterday, "YESTERDAY", false},
    {DateLiteralKind::kToday, "TODAY", false},
    {DateLiteralKind::kTomorrow, "TOMORROW", false},
    {DateLiteralKind::kLastWeek, "LAST_WEEK", false},
    {DateLiteralKind::kThisWeek, "THIS_WEEK", false},
    {DateLiteralKind::kNextWeek, "NEXT_WEEK", false},
    {DateLiteralKind::kLastMonth, "LAST_MONTH", false},
    {DateLiteralKind::kThisMonth, "THIS_MONTH", false},
    {DateLiteralKind::kNextMonth, "NEXT_MONTH", false},
    {DateLiteralKind::kLast90Days, "LAST_90_DAYS", false},
    {DateLiteralKind::kNext90Days, "NEXT_90_DAYS", false},
    {DateLiteralKind::kLastNDays, "LAST_N_DAYS", true},
    {DateLiteralKind::kNextNDays, "NEXT_N_DAYS", true},
    {DateLiteralKind::kNDaysAgo, "N_DAYS_AGO", true},
    {DateLiteralKind::kLastNWeeks, "LAST_N_WEEKS", true},
    {DateLiteralKind::kNextNWeeks, "NEXT_N_WEEKS", true},
    {DateLiteralKind::kNWeeksAgo, "N_WEEKS_AGO", true},
    {DateLiteralKind::kLastNMonths, "LAST_N_MONTHS", true},
    {DateLiteralKind::kNextNMonths, "NEXT_N_MONTHS", true},
    {DateLiteralKind::kNMonthsAgo, "N_MONTHS_AGO", true},
    {DateLiteralKind::kThisQuarter, "THIS_QUARTER", false},
    {DateLiteralKind::kLastQuarter, "LAST_QUARTER", false},
    {DateLiteralKind::kNextQuarter, "NEXT_QUARTER", false},
    {DateLiteralKind::kLastNQuarters, "LAST_N_QUARTERS", true},
    {DateLiteralKind::kNextNQuarters, "NEXT_N_QUARTERS", true},
    {DateLiteralKind::kNQuartersAgo, "N_QUARTERS_AGO", true},
    {DateLiteralKind::kThisYear, "THIS_YEAR", false},
    {DateLiteralKind::kLastYear, "LAST_YEAR", false},
    {DateLiteralKind::kNextYear, "NEXT_YEAR", false},
    {DateLiteralKind::kLastNYears, "LAST_N_YEARS", true},
    {DateLiteralKind::kNextNYears, "NEXT_N_YEARS", true},
    {DateLiteralKind::kNYearsAgo, "N_YEARS_AGO", true},
    {DateLiteralKind::kThisFiscalQuarter, "THIS_FISCAL_QUARTER", false},
    {DateLiteralKind::kLastFiscalQuarter, "LAST_FISCAL_QUARTER", false},
    {DateLiteralKind::kNextFiscalQuarter, "NEXT_FISCAL_QUARTER", false},
    {DateLiteralKind::kLastNFiscalQuarters, "LAST_N_FISCAL_QUARTERS", true},
    {DateLiteralKind::kNextNFiscalQuarters, "NEXT_N_FISCAL_QUARTERS", true},
    {DateLiteralKind::kNFiscalQuartersAgo, "N_FISCAL_QUARTERS_AGO", true},
    {DateLiteralKind::kThisFiscalYear, "THIS_FISCAL_YEAR", false},
    {DateLiteralKind::kLastFiscalYear, "LAST_FISCAL_YEAR", false},
    {DateLiteralKind::kNextFiscalYear, "NEXT_FISCAL_YEAR", false},
    {DateLiteralKind::kLastNFiscalYears, "LAST_N_FISCAL_YEARS", true},
    {DateLiteralKind::kNextNFiscalYears, "NEXT_N_FISCAL_YEARS", true},
    {DateLiteralKind::kNFiscalYearsAgo, "N_FISCAL_YEARS_AGO", true},
}};

const LiteralInfo& Info(DateLiteralKind kind) {
  const auto index = static_cast<size_t>(kind);
  RECOUP_CHECK(index < kLiterals.size() && kLiterals[index].kind == kind);
  return kLiterals[index];
}

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

enum class Unit : uint8_t { kDay, kWeek, kMonth, kQuarter, kYear, kFiscalQuarter, kFiscalYear };

// The literal as (unit, first period, end period) relative to the current period (0).
struct Shape {
  Unit unit;
  int64_t first;
  int64_t end;
};

Shape ShapeOf(const DateLiteral& literal) {
  const int64_t n = literal.n;
  switch (literal.kind) {
    case DateLiteralKind::kYesterday:
      return {Unit::kDay, -1, 0};
    case DateLiteralKind::kToday:
      return {Unit::kDay, 0, 1};
    case DateLiteralKind::kTomorrow:
      return {Unit::kDay, 1, 2};
    case DateLiteralKind::kLastWeek:
      return {Unit::kWeek, -1, 0};
    case DateLiteralKind::kThisWeek:
      return {Unit::kWeek, 0, 1};
    case DateLiteralKind::kNextWeek:
      return {Unit::kWeek, 1, 2};
    case DateLiteralKind::kLastMonth:
      return {Unit::kMonth, -1, 0};
    case DateLiteralKind::kThisMonth:
      return {Unit::kMonth, 0, 1};
    case DateLiteralKind::kNextMonth:
      return {Unit::kMonth, 1, 2};
    case DateLiteralKind::kLast90Days:
      return {Unit::kDay, -90, 1};
    case DateLiteralKind::kNext90Days:
      return {Unit::kDay, 1, 91};
    case DateLiteralKind::kLastNDays:
      return {Unit::kDay, -n, 1};
    case DateLiteralKind::kNextNDays:
      return {Unit::kDay, 1, 1 + n};
    case DateLiteralKind::kNDaysAgo:
      return {Unit::kDay, -n, -n + 1};
    case DateLiteralKind::kLastNWeeks:
      return {Unit::kWeek, -n, 0};
    case DateLiteralKind::kNextNWeeks:
      return {Unit::kWeek, 1, 1 + n};
    case DateLiteralKind::kNWeeksAgo:
      return {Unit::kWeek, -n, -n + 1};
    case DateLiteralKind::kLastNMonths:
      return {Unit::kMonth, -n, 0};
    case DateLiteralKind::kNextNMonths:
      return {Unit::kMonth, 1, 1 + n};
    case DateLiteralKind::kNMonthsAgo:
      return {Unit::kMonth, -n, -n + 1};
    case DateLiteralKind::kThisQuarter:
      return {Unit::kQuarter, 0, 1};
    case DateLiteralKind::kLastQuarter:
      return {Unit::kQuarter, -1, 0};
    case DateLiteralKind::kNextQuarter:
      return {Unit::kQuarter, 1, 2};
    case DateLiteralKind::kLastNQuarters:
      return {Unit::kQuarter, -n, 0};
    case DateLiteralKind::kNextNQuarters:
      return {Unit::kQuarter, 1, 1 + n};
    case DateLiteralKind::kNQuartersAgo:
      return {Unit::kQuarter, -n, -n + 1};
    case DateLiteralKind::kThisYear:
      return {Unit::kYear, 0, 1};
    case DateLiteralKind::kLastYear:
      return {Unit::kYear, -1, 0};
    case DateLiteralKind::kNextYear:
      return {Unit::kYear, 1, 2};
    case DateLiteralKind::kLastNYears:
      return {Unit::kYear, -n, 0};
    case DateLiteralKind::kNextNYears:
      return {Unit::kYear, 1, 1 + n};
    case DateLiteralKind::kNYearsAgo:
      return {Unit::kYear, -n, -n + 1};
    case DateLiteralKind::kThisFiscalQuarter:
      return {Unit::kFiscalQuarter, 0, 1};
    case DateLiteralKind::kLastFiscalQuarter:
      return {Unit::kFiscalQuarter, -1, 0};
    case DateLiteralKind::kNextFiscalQuarter:
      return {Unit::kFiscalQuarter, 1, 2};
    case DateLiteralKind::kLastNFiscalQuarters:
      return {Unit::kFiscalQuarter, -n, 0};
    case DateLiteralKind::kNextNFiscalQuarters:
      return {Unit::kFiscalQuarter, 1, 1 + n};
    case DateLiteralKind::kNFiscalQuartersAgo:
      return {Unit::kFiscalQuarter, -n, -n + 1};
    case DateLiteralKind::kThisFiscalYear:
      return {Unit::kFiscalYear, 0, 1};
    case DateLiteralKind::kLastFiscalYear:
      return {Unit::kFiscalYear, -1, 0};
    case DateLiteralKind::kNextFiscalYear:
      return {Unit::kFiscalYear, 1, 2};
    case DateLiteralKind::kLastNFiscalYears:
      return {Unit::kFiscalYear, -n, 0};
    case DateLiteralKind::kNextNFiscalYears:
      return {Unit::kFiscalYear, 1, 1 + n};
    case DateLiteralKind::kNFiscalYearsAgo:
      return {Unit::kFiscalYear, -n, -n + 1};
  }
  RECOUP_CHECK_MSG(false, "unknown date literal kind");
  return {Unit::kDay, 0, 1};
}

// Day number of the first day of month index m (= year * 12 + month - 1).
CivilDayNumber MonthStart(int64_t month_index) {
  const int64_t year = FloorDiv(month_index, 12);
  const int month = static_cast<int>(month_index - year * 12) + 1;
  return DayNumber(year, month, 1);
}

// Days that Timestamp can represent with margin: 1678-01-01 .. 2261-12-31.
const CivilDayNumber kMinDay = DayNumber(1678, 1, 1);
const CivilDayNumber kMaxDay = DayNumber(2261, 12, 31);

}  // namespace

std::optional<DateLiteralKind> FindDateLiteral(std::string_view name, bool* takes_n) {
  for (const LiteralInfo& info : kLiterals) {
    if (EqualsIgnoreCaseAscii(info.name, name)) {
      *takes_n = info.takes_n;
      return info.kind;
    }
  }
  return std::nullopt;
}

std::string_view DateLiteralName(DateLiteralKind kind) { return Info(kind).name; }
bool DateLiteralTakesN(DateLiteralKind kind) { return Info(kind).takes_n; }

std::string FormatDateLiteral(const DateLiteral& literal) {
  std::string text(DateLiteralName(literal.kind));
  if (DateLiteralTakesN(literal.kind)) {
    text += ':';
    text += std::to_string(literal.n);
  }
  return text;
}

CivilDayNumber DayNumber(int64_t year, int month, int day) {
  // H. Hinnant's days_from_civil.
  const int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDayNumber(CivilDayNumber day, int64_t* year, int* month, int* day_of_month) {
  // H. Hinnant's civil_from_days.
  const int64_t z = day + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  *month = m;
  *day_of_month = d;
}

Timestamp StartOfDay(CivilDayNumber day, const cctz::time_zone& zone) {
  if (day < kMinDay) return Timestamp::InfinitePast();
  if (day > kMaxDay) return Timestamp::InfiniteFuture();
  int64_t year = 0;
  int month = 0;
  int dom = 0;
  CivilFromDayNumber(day, &year, &month, &dom);
  const cctz::time_zone::civil_lookup lookup =
      zone.lookup(cctz::civil_second(year, month, dom, 0, 0, 0));
  // A skipped midnight: the day starts at the transition, the first instant that is on that day.
  const auto instant =
      lookup.kind == cctz::time_zone::civil_lookup::SKIPPED ? lookup.trans : lookup.pre;
  return Timestamp::FromUnixSeconds(instant.time_since_epoch().count());
}

CivilDayNumber DayOf(Timestamp t, const cctz::time_zone& zone) {
  const int64_t seconds = FloorDiv(t.unix_nanos(), 1'000'000'000);
  const cctz::time_point<cctz::seconds> tp{cctz::seconds(seconds)};
  const cctz::civil_second cs = cctz::convert(tp, zone);
  return DayNumber(cs.year(), cs.month(), cs.day());
}

DateRange EvaluateDateLiteral(const DateLiteral& literal, const DateContext& context) {
  RECOUP_CHECK(context.fiscal_year_start_month >= 1 && context.fiscal_year_start_month <= 12);
  RECOUP_CHECK(literal.n >= 0 && literal.n <= INT32_MAX);
  const Shape shape = ShapeOf(literal);
  const CivilDayNumber today = DayOf(context.now, context.time_zone);
  DateRange range;
  switch (shape.unit) {
    case Unit::kDay:
      range.first_day = today + shape.first;
      range.end_day = today + shape.end;
      break;
    case Unit::kWeek: {
      // 1970-01-01 was a Thursday: weekday 0 = Sunday is (day + 4) mod 7.
      const int64_t weekday = ((today + 4) % 7 + 7) % 7;
      const int64_t since_start = (weekday - static_cast<int64_t>(context.week_start) + 7) % 7;
      const CivilDayNumber week = today - since_start;
      range.first_day = week + 7 * shape.first;
      range.end_day = week + 7 * shape.end;
      break;
    }
    default: {
      int64_t year = 0;
      int month = 0;
      int dom = 0;
      CivilFromDayNumber(today, &year, &month, &dom);
      const int64_t month_index = year * 12 + (month - 1);
      int64_t length = 1;
      int64_t origin = 0;  // month index (mod length) where periods start
      switch (shape.unit) {
        case Unit::kMonth:
          length = 1;
          break;
        case Unit::kQuarter:
          length = 3;
          break;
        case Unit::kYear:
          length = 12;
          break;
        case Unit::kFiscalQuarter:
          length = 3;
          origin = (context.fiscal_year_start_month - 1) % 3;
          break;
        case Unit::kFiscalYear:
          length = 12;
          origin = context.fiscal_year_start_month - 1;
          break;
        default:
          break;
      }
      const int64_t period = origin + FloorDiv(month_index - origin, length) * length;
      range.first_day = MonthStart(period + length * shape.first);
      range.end_day = MonthStart(period + length * shape.end);
      break;
    }
  }
  range.start = StartOfDay(range.first_day, context.time_zone);
  range.end = StartOfDay(range.end_day, context.time_zone);
  return range;
}

}  // namespace recoup::sim::org::soql
