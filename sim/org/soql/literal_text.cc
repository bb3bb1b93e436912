// Date and datetime literal text of SOQL (see literal_text.h).
#include "sim/org/soql/literal_text.h"

#include <array>
#include <limits>

namespace recoup::sim::org::soql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at text[at]; -1 when they are not all digits.
int ReadDigits(std::string_view text, size_t at, size_t count) {
  if (at + count > text.size()) return -1;
  int v = 0;
  for (size_t k = 0; k < count; ++k) {
    if (!IsDigit(text[at + k])) return -1;
    v = v * 10 + (text[at + k] - '0');
  }
  return v;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

}  // namespace

bool ParseDateText(std::string_view text, CivilDayNumber* day) {
  const int y = ReadDigits(text, 0, 4);
  const int m = ReadDigits(text, 5, 2);
  const int d = ReadDigits(text, 8, 2);
  if (y < 0 || m < 0 || d < 0 || text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *day = DayNumber(y, m, d);
  return true;
}

bool ParseDateTimeText(std::string_view text, Timestamp* out) {
  CivilDayNumber day = 0;
  if (text.size() < 20 || !ParseDateText(text, &day)) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  const int hh = ReadDigits(text, 11, 2);
  const int mi = ReadDigits(text, 14, 2);
  const int ss = ReadDigits(text, 17, 2);
  if (hh < 0 || mi < 0 || ss < 0 || text[13] != ':' || text[16] != ':') return false;
  if (hh > 23 || mi > 59 || ss > 59) return false;
  size_t at = 19;
  int64_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t digits = 0;
    int64_t scale = 100'000'000;
    while (at < text.size() && IsDigit(text[at])) {
      if (++digits > 3) return false;
      nanos += (text[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    if (digits == 0) return false;
  }
  if (at >= text.size()) return false;
  int64_t offset_seconds = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    const int oh = ReadDigits(text, at + 1, 2);
    const int om = ReadDigits(text, at + 4, 2);
    if (oh < 0 || om < 0 || text[at + 3] != ':' || oh > 23 || om > 59) return false;
    offset_seconds = (oh * 3600 + om * 60) * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return false;
  }
  if (at != text.size()) return false;
  const int64_t seconds = day * 86400 + hh * 3600 + mi * 60 + ss - offset_seconds;
  constexpr int64_t kMaxSeconds = std::numeric_limits<int64_t>::max() / 1'000'000'000 - 1;
  if (seconds > kMaxSeconds) {
    *out = Timestamp::InfiniteFuture();
  } else if (seconds < -kMaxSeconds) {
    *out = Timestamp::InfinitePast();
  } else {
    *out = Timestamp::FromUnixNanos(seconds * 1'000'000'000 + nanos);
  }
  return true;
}

}  // namespace recoup::sim::org::soql
