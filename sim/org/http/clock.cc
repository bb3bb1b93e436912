#include "sim/org/http/clock.h"

#include <chrono>
#include <cstdio>

namespace recoup::sim::org::http {
namespace {

struct Civil {
  int64_t year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
  int64_t nanos;  // within the second, 0..999'999'999
  int weekday;    // 0 = Sunday
};

// Howard Hinnant's civil_from_days: days since 1970-01-01 to (y, m, d), proleptic Gregorian.
Civil ToCivil(Timestamp t) {
  const int64_t ns = t.unix_nanos();
  int64_t secs = ns / 1'000'000'000;
  int64_t frac = ns % 1'000'000'000;
  if (frac < 0) {
    frac += 1'000'000'000;
    --secs;
  }
  int64_t days = secs / 86400;
  int64_t sod = secs % 86400;
  if (sod < 0) {
    sod += 86400;
    --days;
  }
  Civil c;
  c.hour = static_cast<int>(sod / 3600);
  c.minute = static_cast<int>(sod % 3600 / 60);
  c.second = static_cast<int>(sod % 60);
  c.nanos = frac;
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  return c;
}

}  // namespace

Timestamp SystemNow() {
  // clang-format off (the opt-out must stay on the line it excuses)
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();  // determinism: allow(http/ is the org's clock)
  // clang-format on
  return Timestamp::FromUnixNanos(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

int64_t MonotonicNanos() {
  // clang-format off (the opt-out must stay on the line it excuses)
  const auto since_origin = std::chrono::steady_clock::now().time_since_epoch();  // determinism: allow(latency measurement)
  // clang-format on
  return std::chrono::duration_cast<std::chrono::nanoseconds>(since_origin).count();
}

std::string FormatHttpDate(Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = ToCivil(t);
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d GMT",
                              kDays[c.weekday], c.day, kMonths[c.month - 1],
                              static_cast<long long>(c.year), c.hour, c.minute, c.second);
  return std::string(buf, static_cast<size_t>(n));
}

std::string FormatLogTime(Timestamp t) {
  const Civil c = ToCivil(t);
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                              static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute,
                              c.second, static_cast<long long>(c.nanos / 1000));
  return std::string(buf, static_cast<size_t>(n));
}

std::string FormatSalesforceDateTime(Timestamp t) {
  const Civil c = ToCivil(t);
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03lld+0000",
                              static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute,
                              c.second, static_cast<long long>(c.nanos / 1'000'000));
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace recoup::sim::org::http
