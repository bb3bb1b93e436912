// Strong time types: Timestamp (an instant, int64 nanoseconds since the Unix epoch, UTC) and
// Duration (a signed span, int64 nanoseconds).
//
// Only meaningful arithmetic compiles: Timestamp - Timestamp = Duration, Timestamp +/- Duration =
// Timestamp, Duration arithmetic with Durations and integer scale factors. Timestamp + Timestamp,
// raw integers or Money (money.h) in place of either do not compile (tests/compile_fail proves it).
// Range: about +/-292 years around 1970; overflow is a bug (UBSan reports it in CI).
// There is no clock here: "now" always comes from an Executor (core/ports/executor.h).
#ifndef RECOUP_CORE_BASE_TIME_H_
#define RECOUP_CORE_BASE_TIME_H_

#include <compare>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/base/statusor.h"

namespace recoup {

class Duration {
 public:
  constexpr Duration() = default;

  static constexpr Duration Nanoseconds(int64_t n) { return Duration(n); }
  static constexpr Duration Microseconds(int64_t n) { return Duration(n * 1'000); }
  static constexpr Duration Milliseconds(int64_t n) { return Duration(n * 1'000'000); }
  static constexpr Duration Seconds(int64_t n) { return Duration(n * 1'000'000'000); }
  static constexpr Duration Minutes(int64_t n) { return Seconds(n * 60); }
  static constexpr Duration Hours(int64_t n) { return Seconds(n * 3600); }
  static constexpr Duration Days(int64_t n) { return Seconds(n * 86400); }
  // Rounds to the nearest nanosecond; saturates at Max()/Min() (also for +/-inf; NaN gives zero).
  static Duration FromSecondsDouble(double seconds);
  static constexpr Duration Zero() { return Duration(0); }
  static constexpr Duration Max() { return Duration(std::numeric_limits<int64_t>::max()); }
  static constexpr Duration Min() { return Duration(std::numeric_limits<int64_t>::min()); }

  constexpr int64_t nanos() const { return ns_; }
  constexpr double ToSecondsDouble() const { return static_cast<double>(ns_) * 1e-9; }
  // Whole units, truncated toward zero.
  constexpr int64_t ToSeconds() const { return ns_ / 1'000'000'000; }
  constexpr int64_t ToMilliseconds() const { return ns_ / 1'000'000; }

  constexpr Duration operator-() const { return Duration(-ns_); }
  constexpr Duration& operator+=(Duration d) { ns_ += d.ns_; return *this; }
  constexpr Duration& operator-=(Duration d) { ns_ -= d.ns_; return *this; }
  friend constexpr Duration operator+(Duration a, Duration b) { return Duration(a.ns_ + b.ns_); }
  friend constexpr Duration operator-(Duration a, Duration b) { return Duration(a.ns_ - b.ns_); }
  friend constexpr Duration operator*(Duration a, int64_t k) { return Duration(a.ns_ * k); }
  friend constexpr Duration operator*(int64_t k, Duration a) { return Duration(a.ns_ * k); }
  friend constexpr Duration operator/(Duration a, int64_t k) { return Duration(a.ns_ / k); }
  // How many times b fits in a (truncated).
  friend constexpr int64_t operator/(Duration a, Duration b) { return a.ns_ / b.ns_; }
  friend constexpr Duration operator%(Duration a, Duration b) { return Duration(a.ns_ % b.ns_); }
  friend constexpr auto operator<=>(Duration, Duration) = default;

  // "1.5s", "-250ms", "3d2h" style is not attempted: seconds with nanosecond precision, e.g. "90.5s".
  std::string ToString() const;

 private:
  explicit constexpr Duration(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

class Timestamp {
 public:
  // The Unix epoch, 1970-01-01T00:00:00Z.
  constexpr Timestamp() = default;

  static constexpr Timestamp FromUnixNanos(int64_t ns) { return Timestamp(ns); }
  static constexpr Timestamp FromUnixSeconds(int64_t s) { return Timestamp(s * 1'000'000'000); }
  static constexpr Timestamp UnixEpoch() { return Timestamp(0); }
  // Sentinels for "never" / "the beginning of time".
  static constexpr Timestamp InfiniteFuture() {
    return Timestamp(std::numeric_limits<int64_t>::max());
  }
  static constexpr Timestamp InfinitePast() {
    return Timestamp(std::numeric_limits<int64_t>::min());
  }
  // UTC civil time; fields are not range-checked beyond what the proleptic Gregorian calendar allows
  // (month 1-12, day 1-31 normalised like std::chrono::sys_days).
  static Timestamp FromCivilUtc(int year, int month, int day, int hour = 0, int minute = 0,
                                int second = 0);
  // Parses "YYYY-MM-DDTHH:MM:SS[.fffffffff](Z|+HH:MM|-HH:MM)" or "YYYY-MM-DD" (midnight UTC).
  // Errors name the offending character position (1-based; the first character of a field whose
  // value is out of range) and what was expected; instants outside the representable range
  // (InfinitePast() .. InfiniteFuture(), years 1677..2262) are errors too.
  static StatusOr<Timestamp> ParseIso8601(std::string_view text);

  constexpr int64_t unix_nanos() const { return ns_; }
  constexpr double ToUnixSecondsDouble() const { return static_cast<double>(ns_) * 1e-9; }
  // "2026-11-22T08:00:00Z", with a fraction only when non-zero ("...:00.25Z").
  std::string ToIso8601() const;

  constexpr Timestamp& operator+=(Duration d) { ns_ += d.nanos(); return *this; }
  constexpr Timestamp& operator-=(Duration d) { ns_ -= d.nanos(); return *this; }
  friend constexpr Timestamp operator+(Timestamp t, Duration d) { return Timestamp(t.ns_ + d.nanos()); }
  friend constexpr Timestamp operator+(Duration d, Timestamp t) { return Timestamp(t.ns_ + d.nanos()); }
  friend constexpr Timestamp operator-(Timestamp t, Duration d) { return Timestamp(t.ns_ - d.nanos()); }
  friend constexpr Duration operator-(Timestamp a, Timestamp b) {
    return Duration::Nanoseconds(a.ns_ - b.ns_);
  }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  explicit constexpr Timestamp(int64_t ns) : ns_(ns) {}
  int64_t ns_ = 0;
};

// Scaling by a floating-point factor would silently truncate it (Duration * 1.5 == Duration * 1), so
// it does not compile; use FromSecondsDouble(d.ToSecondsDouble() * f) where rounding is intended.
template <typename F>
  requires std::is_floating_point_v<F>
Duration operator*(Duration, F) = delete;
template <typename F>
  requires std::is_floating_point_v<F>
Duration operator*(F, Duration) = delete;
template <typename F>
  requires std::is_floating_point_v<F>
Duration operator/(Duration, F) = delete;

std::ostream& operator<<(std::ostream& os, Duration d);
std::ostream& operator<<(std::ostream& os, Timestamp t);

}  // namespace recoup

#endif  // RECOUP_CORE_BASE_TIME_H_
