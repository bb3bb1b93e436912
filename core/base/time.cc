#include "core/base/time.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace recoup {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

// Floor division for negative timestamps (before 1970).
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t DaysFromCivil(int year, int month, int day) {
  using namespace std::chrono;
  const sys_days d = year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
  return d.time_since_epoch().count();
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ >= text_.size(); }
  size_t pos() const { return pos_; }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  // Reads exactly `n` digits into *out; `what` names the field ("month").
  Status Digits(int n, int* out, const char* what) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (AtEnd() || text_[pos_] < '0' || text_[pos_] > '9') {
        return Expected("a " + std::to_string(n) + "-digit " + what);
      }
      v = v * 10 + (text_[pos_++] - '0');
    }
    *out = v;
    return OkStatus();
  }
  Status Literal(char c) {
    if (Peek() != c) return Expected(std::string("'") + c + "'");
    ++pos_;
    return OkStatus();
  }
  Status Expected(const std::string& what) const { return ExpectedAt(pos_, what); }
  // An error naming the character at `pos` (0-based; reported 1-based).
  Status ExpectedAt(size_t pos, const std::string& what) const {
    return InvalidArgumentError("timestamp \"" + std::string(text_) + "\" at character " +
                                std::to_string(pos + 1) + ": expected " + what);
  }
  void Advance() { ++pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Reads exactly `n` digits in lo..hi; an error names the first character of the field.
Status Field(Cursor& c, int n, int lo, int hi, const char* what, int* out) {
  const size_t start = c.pos();
  RECOUP_RETURN_IF_ERROR(c.Digits(n, out, what));
  if (*out < lo || *out > hi) {
    return c.ExpectedAt(start, std::string(what) + " in " + std::to_string(lo) + ".." +
                                   std::to_string(hi));
  }
  return OkStatus();
}

}  // namespace

Duration Duration::FromSecondsDouble(double seconds) {
  if (std::isnan(seconds)) return Zero();
  const double ns = std::round(seconds * 1e9);
  if (ns >= 9.2233720368547758e18) return Max();
  if (ns <= -9.2233720368547758e18) return Min();
  return Nanoseconds(static_cast<int64_t>(ns));
}

std::string Duration::ToString() const {
  const int64_t whole = ns_ / kNanosPerSecond;
  int64_t frac = ns_ % kNanosPerSecond;
  std::string out = (ns_ < 0 && whole == 0) ? "-0" : std::to_string(whole);
  if (frac != 0) {
    if (frac < 0) frac = -frac;
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "s";
}

Timestamp Timestamp::FromCivilUtc(int year, int month, int day, int hour, int minute, int second) {
  const int64_t secs = DaysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600LL +
                       minute * 60LL + second;
  return FromUnixSeconds(secs);
}

StatusOr<Timestamp> Timestamp::ParseIso8601(std::string_view text) {
  Cursor c(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  RECOUP_RETURN_IF_ERROR(Field(c, 4, 0, 9999, "year", &year));
  RECOUP_RETURN_IF_ERROR(c.Literal('-'));
  RECOUP_RETURN_IF_ERROR(Field(c, 2, 1, 12, "month", &month));
  RECOUP_RETURN_IF_ERROR(c.Literal('-'));
  const size_t day_pos = c.pos();
  RECOUP_RETURN_IF_ERROR(Field(c, 2, 1, 31, "day", &day));
  {
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                             std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
      return c.ExpectedAt(day_pos, "a day that exists in " + std::to_string(year) + "-" +
                                       (month < 10 ? "0" : "") + std::to_string(month));
    }
  }
  int64_t nanos = 0;
  int64_t offset_seconds = 0;
  if (!c.AtEnd()) {
    RECOUP_RETURN_IF_ERROR(c.Literal('T'));
    RECOUP_RETURN_IF_ERROR(Field(c, 2, 0, 23, "hour", &hour));
    RECOUP_RETURN_IF_ERROR(c.Literal(':'));
    RECOUP_RETURN_IF_ERROR(Field(c, 2, 0, 59, "minute", &minute));
    RECOUP_RETURN_IF_ERROR(c.Literal(':'));
    RECOUP_RETURN_IF_ERROR(Field(c, 2, 0, 59, "second", &second));
    if (c.Peek() == '.') {
      c.Advance();
      int digits = 0;
      while (c.Peek() >= '0' && c.Peek() <= '9') {
        if (digits == 9) return c.Expected("at most 9 fractional digits");
        nanos = nanos * 10 + (c.Peek() - '0');
        ++digits;
        c.Advance();
      }
      if (digits == 0) return c.Expected("a fractional digit");
      for (int i = digits; i < 9; ++i) nanos *= 10;
    }
    if (c.Peek() == 'Z') {
      c.Advance();
    } else if (c.Peek() == '+' || c.Peek() == '-') {
      const int sign = c.Peek() == '+' ? 1 : -1;
      c.Advance();
      int oh = 0, om = 0;
      RECOUP_RETURN_IF_ERROR(Field(c, 2, 0, 23, "offset hour", &oh));
      RECOUP_RETURN_IF_ERROR(c.Literal(':'));
      RECOUP_RETURN_IF_ERROR(Field(c, 2, 0, 59, "offset minute", &om));
      offset_seconds = sign * (oh * 3600 + om * 60);
    } else {
      return c.Expected("'Z' or a UTC offset (+HH:MM / -HH:MM)");
    }
  }
  if (!c.AtEnd()) return c.Expected("end of timestamp");
  // Seconds fit easily (years 0..9999); nanoseconds since 1970 only for about +/-292 years.
  int64_t secs = DaysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600LL + minute * 60LL +
                 second - offset_seconds;
  if (secs < 0 && nanos > 0) {  // so that InfinitePast() itself does not overflow on the way
    ++secs;
    nanos -= kNanosPerSecond;
  }
  int64_t total = 0;
  if (__builtin_mul_overflow(secs, kNanosPerSecond, &total) ||
      __builtin_add_overflow(total, nanos, &total)) {
    return c.ExpectedAt(0, "an instant from " + Timestamp::InfinitePast().ToIso8601() + " to " +
                               Timestamp::InfiniteFuture().ToIso8601());
  }
  return FromUnixNanos(total);
}

std::string Timestamp::ToIso8601() const {
  using namespace std::chrono;
  // No secs * kNanosPerSecond here: it overflows for InfinitePast().
  const int64_t secs = FloorDiv(ns_, kNanosPerSecond);
  int64_t nanos = ns_ % kNanosPerSecond;
  if (nanos < 0) nanos += kNanosPerSecond;
  const int64_t days = FloorDiv(secs, kSecondsPerDay);
  const int64_t sod = secs - days * kSecondsPerDay;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60));
  std::string out(buf);
  if (nanos != 0) {
    std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(nanos));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}

std::ostream& operator<<(std::ostream& os, Duration d) { return os << d.ToString(); }
std::ostream& operator<<(std::ostream& os, Timestamp t) { return os << t.ToIso8601(); }

}  // namespace recoup
