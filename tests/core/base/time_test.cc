// Tests of Duration and Timestamp (core/base/time.h): arithmetic, conversions, ISO 8601 text.
#include "core/base/time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

namespace recoup {
namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();

// ---------------------------------------------------------------------------------- Duration

TEST(DurationTest, FactoriesScaleToNanoseconds) {
  EXPECT_EQ(Duration::Nanoseconds(7).nanos(), 7);
  EXPECT_EQ(Duration::Microseconds(7).nanos(), 7'000);
  EXPECT_EQ(Duration::Milliseconds(7).nanos(), 7'000'000);
  EXPECT_EQ(Duration::Seconds(7).nanos(), 7'000'000'000);
  EXPECT_EQ(Duration::Minutes(2), Duration::Seconds(120));
  EXPECT_EQ(Duration::Hours(2), Duration::Minutes(120));
  EXPECT_EQ(Duration::Days(2), Duration::Hours(48));
  EXPECT_EQ(Duration(), Duration::Zero());
  EXPECT_EQ(Duration::Max().nanos(), kMaxI64);
  EXPECT_EQ(Duration::Min().nanos(), kMinI64);
  static_assert(Duration::Seconds(1) + Duration::Milliseconds(500) == Duration::Milliseconds(1500));
}

TEST(DurationTest, Arithmetic) {
  const Duration a = Duration::Seconds(10);
  const Duration b = Duration::Seconds(3);
  EXPECT_EQ(a + b, Duration::Seconds(13));
  EXPECT_EQ(a - b, Duration::Seconds(7));
  EXPECT_EQ(b - a, Duration::Seconds(-7));
  EXPECT_EQ(-a, Duration::Seconds(-10));
  EXPECT_EQ(a * 3, Duration::Seconds(30));
  EXPECT_EQ(3 * a, Duration::Seconds(30));
  EXPECT_EQ(a / 4, Duration::Milliseconds(2500));
  EXPECT_EQ(a / b, 3);  // truncated
  EXPECT_EQ(a % b, Duration::Seconds(1));
  EXPECT_EQ(-a / b, -3);
  Duration c = a;
  c += b;
  EXPECT_EQ(c, Duration::Seconds(13));
  c -= a;
  EXPECT_EQ(c, b);
}

TEST(DurationTest, Comparisons) {
  EXPECT_LT(Duration::Seconds(-1), Duration::Zero());
  EXPECT_LT(Duration::Milliseconds(999), Duration::Seconds(1));
  EXPECT_GE(Duration::Max(), Duration::Days(365 * 200));
  EXPECT_GT(Duration::Zero(), Duration::Min());
  EXPECT_NE(Duration::Nanoseconds(1), Duration::Zero());
}

TEST(DurationTest, WholeUnitsTruncateTowardZero) {
  EXPECT_EQ(Duration::Milliseconds(1999).ToSeconds(), 1);
  EXPECT_EQ(Duration::Milliseconds(-1999).ToSeconds(), -1);
  EXPECT_EQ(Duration::Microseconds(2500).ToMilliseconds(), 2);
  EXPECT_EQ(Duration::Microseconds(-2500).ToMilliseconds(), -2);
  EXPECT_DOUBLE_EQ(Duration::Milliseconds(1500).ToSecondsDouble(), 1.5);
  EXPECT_DOUBLE_EQ(Duration::Milliseconds(-250).ToSecondsDouble(), -0.25);
}

struct FromDoubleCase {
  double seconds;
  int64_t nanos;
};

TEST(DurationTest, FromSecondsDoubleRoundsToNearestNanosecond) {
  const FromDoubleCase cases[] = {
      {0.0, 0},
      {1.5, 1'500'000'000},
      {-1.5, -1'500'000'000},
      {1e-9, 1},
      {-1e-9, -1},
      {0.3e-9, 0},
      {0.7e-9, 1},
      {-0.7e-9, -1},
      {1.0000000004, 1'000'000'000},
      {1.0000000006, 1'000'000'001},
      {86400.0, 86'400'000'000'000},
      {9.2e9, 9'200'000'000'000'000'000},  // about 291.5 years: still representable
  };
  for (const FromDoubleCase& c : cases) {
    SCOPED_TRACE(c.seconds);
    EXPECT_EQ(Duration::FromSecondsDouble(c.seconds).nanos(), c.nanos);
  }
}

TEST(DurationTest, FromSecondsDoubleSaturates) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(Duration::FromSecondsDouble(9.3e9), Duration::Max());
  EXPECT_EQ(Duration::FromSecondsDouble(-9.3e9), Duration::Min());
  EXPECT_EQ(Duration::FromSecondsDouble(1e300), Duration::Max());
  EXPECT_EQ(Duration::FromSecondsDouble(-1e300), Duration::Min());
  EXPECT_EQ(Duration::FromSecondsDouble(inf), Duration::Max());
  EXPECT_EQ(Duration::FromSecondsDouble(-inf), Duration::Min());
  EXPECT_EQ(Duration::FromSecondsDouble(std::nan("")), Duration::Zero());
  // 2^63 ns is the first value that does not fit.
  EXPECT_EQ(Duration::FromSecondsDouble(9223372036.854775808), Duration::Max());
}

TEST(DurationTest, FromSecondsDoubleRoundTripsWholeMilliseconds) {
  for (int64_t ms = -5000; ms <= 5000; ms += 7) {
    const Duration d = Duration::Milliseconds(ms);
    EXPECT_EQ(Duration::FromSecondsDouble(d.ToSecondsDouble()), d) << ms;
  }
}

struct ToStringCase {
  Duration d;
  const char* text;
};

TEST(DurationTest, ToString) {
  const ToStringCase cases[] = {
      {Duration::Zero(), "0s"},
      {Duration::Seconds(90), "90s"},
      {Duration::Milliseconds(1500), "1.5s"},
      {Duration::Nanoseconds(1), "0.000000001s"},
      {Duration::Microseconds(250), "0.00025s"},
      {Duration::Seconds(-3), "-3s"},
      {Duration::Milliseconds(-1500), "-1.5s"},
      {Duration::Milliseconds(-500), "-0.5s"},
      {Duration::Nanoseconds(-1), "-0.000000001s"},
      {Duration::Days(1), "86400s"},
      {Duration::Max(), "9223372036.854775807s"},
      {Duration::Min(), "-9223372036.854775808s"},
  };
  for (const ToStringCase& c : cases) {
    EXPECT_EQ(c.d.ToString(), c.text);
  }
  std::ostringstream os;
  os << Duration::Milliseconds(-2250);
  EXPECT_EQ(os.str(), "-2.25s");
}

// --------------------------------------------------------------------------------- Timestamp

TEST(TimestampTest, ConstructionAndArithmetic) {
  const Timestamp epoch;
  EXPECT_EQ(epoch, Timestamp::UnixEpoch());
  EXPECT_EQ(epoch.unix_nanos(), 0);
  const Timestamp t = Timestamp::FromUnixSeconds(1'700'000'000);
  EXPECT_EQ(t.unix_nanos(), 1'700'000'000'000'000'000);
  EXPECT_EQ(Timestamp::FromUnixNanos(5).unix_nanos(), 5);

  const Duration d = Duration::Minutes(90);
  EXPECT_EQ((t + d) - t, d);
  EXPECT_EQ(d + t, t + d);
  EXPECT_EQ((t - d) - t, -d);
  EXPECT_EQ(t - (t + d), -d);
  Timestamp moving = t;
  moving += d;
  EXPECT_EQ(moving, t + d);
  moving -= d * 2;
  EXPECT_EQ(moving, t - d);
  EXPECT_LT(t - d, t);
  EXPECT_GT(Timestamp::InfiniteFuture(), t);
  EXPECT_LT(Timestamp::InfinitePast(), Timestamp::FromUnixSeconds(-1));
  EXPECT_DOUBLE_EQ(Timestamp::FromUnixNanos(1'500'000'000).ToUnixSecondsDouble(), 1.5);
}

TEST(TimestampTest, FromCivilUtc) {
  EXPECT_EQ(Timestamp::FromCivilUtc(1970, 1, 1), Timestamp::UnixEpoch());
  EXPECT_EQ(Timestamp::FromCivilUtc(1970, 1, 2, 0, 0, 1), Timestamp::FromUnixSeconds(86'401));
  EXPECT_EQ(Timestamp::FromCivilUtc(2001, 9, 9, 1, 46, 40), Timestamp::FromUnixSeconds(1'000'000'000));
  EXPECT_EQ(Timestamp::FromCivilUtc(1969, 12, 31, 23, 59, 59), Timestamp::FromUnixSeconds(-1));
  EXPECT_EQ(Timestamp::FromCivilUtc(1900, 1, 1), Timestamp::FromUnixSeconds(-2'208'988'800));
  EXPECT_EQ(Timestamp::FromCivilUtc(2024, 3, 1) - Timestamp::FromCivilUtc(2024, 2, 28),
            Duration::Days(2));
  EXPECT_EQ(Timestamp::FromCivilUtc(2023, 3, 1) - Timestamp::FromCivilUtc(2023, 2, 28),
            Duration::Days(1));
}

struct ParseCase {
  const char* text;
  Timestamp expected;
};

TEST(TimestampTest, ParseIso8601ValidForms) {
  const Timestamp base = Timestamp::FromCivilUtc(2026, 11, 22, 8, 0, 0);
  const ParseCase cases[] = {
      {"2026-11-22T08:00:00Z", base},
      {"2026-11-22T08:00:00+00:00", base},
      {"2026-11-22T08:00:00-00:00", base},
      {"2026-11-22T10:00:00+02:00", base},
      {"2026-11-22T02:30:00-05:30", base},
      {"2026-11-22T08:00:00.25Z", base + Duration::Milliseconds(250)},
      {"2026-11-22T08:00:00.5+01:00", base - Duration::Hours(1) + Duration::Milliseconds(500)},
      {"2026-11-22T08:00:00.123456789Z", base + Duration::Nanoseconds(123'456'789)},
      {"2026-11-22T08:00:00.000000001Z", base + Duration::Nanoseconds(1)},
      {"2026-11-22", Timestamp::FromCivilUtc(2026, 11, 22)},
      {"2024-02-29", Timestamp::FromCivilUtc(2024, 2, 29)},
      {"2000-02-29T23:59:59Z", Timestamp::FromCivilUtc(2000, 2, 29, 23, 59, 59)},
      {"2026-03-08T00:30:00+14:00", Timestamp::FromCivilUtc(2026, 3, 7, 10, 30, 0)},
      {"2026-12-31T23:00:00-02:00", Timestamp::FromCivilUtc(2027, 1, 1, 1, 0, 0)},
      {"1970-01-01T00:00:00Z", Timestamp::UnixEpoch()},
      {"1969-12-31T23:59:59.999999999Z", Timestamp::FromUnixNanos(-1)},
      {"1900-01-01T00:00:00Z", Timestamp::FromUnixSeconds(-2'208'988'800)},
      {"2262-04-11T23:47:16.854775807Z", Timestamp::InfiniteFuture()},
      {"1677-09-21T00:12:43.145224192Z", Timestamp::InfinitePast()},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.text);
    const StatusOr<Timestamp> parsed = Timestamp::ParseIso8601(c.text);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, c.expected) << parsed->ToIso8601() << " vs " << c.expected.ToIso8601();
  }
}

struct InvalidCase {
  const char* text;
  const char* message;  // the part after 'timestamp "<text>" '
};

TEST(TimestampTest, ParseIso8601ErrorsNameThePosition) {
  const InvalidCase cases[] = {
      {"", "at character 1: expected a 4-digit year"},
      {"26-11-22", "at character 3: expected a 4-digit year"},
      {"2026/11/22", "at character 5: expected '-'"},
      {"2026-1-22", "at character 7: expected a 2-digit month"},
      {"2026-13-01", "at character 6: expected month in 1..12"},
      {"2026-00-01", "at character 6: expected month in 1..12"},
      {"2026-11-32", "at character 9: expected day in 1..31"},
      {"2026-02-30", "at character 9: expected a day that exists in 2026-02"},
      {"2023-02-29", "at character 9: expected a day that exists in 2023-02"},
      {"2100-02-29", "at character 9: expected a day that exists in 2100-02"},
      {"2026-11-22 08:00:00Z", "at character 11: expected 'T'"},
      {"2026-11-22x", "at character 11: expected 'T'"},
      {"2026-11-22T8:00:00Z", "at character 13: expected a 2-digit hour"},
      {"2026-11-22T24:00:00Z", "at character 12: expected hour in 0..23"},
      {"2026-11-22T08-00:00Z", "at character 14: expected ':'"},
      {"2026-11-22T08:60:00Z", "at character 15: expected minute in 0..59"},
      {"2026-11-22T08:00:60Z", "at character 18: expected second in 0..59"},
      {"2026-11-22T08:00", "at character 17: expected ':'"},
      {"2026-11-22T08:00:00", "at character 20: expected 'Z' or a UTC offset (+HH:MM / -HH:MM)"},
      {"2026-11-22T08:00:00z", "at character 20: expected 'Z' or a UTC offset"},
      {"2026-11-22T08:00:00.Z", "at character 21: expected a fractional digit"},
      {"2026-11-22T08:00:00.1234567891Z", "at character 30: expected at most 9 fractional digits"},
      {"2026-11-22T08:00:00+0200", "at character 23: expected ':'"},
      {"2026-11-22T08:00:00+2:00", "at character 22: expected a 2-digit offset hour"},
      {"2026-11-22T08:00:00+24:00", "at character 21: expected offset hour in 0..23"},
      {"2026-11-22T08:00:00+02:60", "at character 24: expected offset minute in 0..59"},
      {"2026-11-22T08:00:00Zjunk", "at character 21: expected end of timestamp"},
      {"3000-01-01",
       "at character 1: expected an instant from 1677-09-21T00:12:43.145224192Z to "
       "2262-04-11T23:47:16.854775807Z"},
      {"1600-01-01T00:00:00Z", "at character 1: expected an instant from 1677-09-21"},
      {"2262-04-11T23:47:16.854775808Z", "at character 1: expected an instant from"},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.text);
    const StatusOr<Timestamp> parsed = Timestamp::ParseIso8601(c.text);
    ASSERT_FALSE(parsed.ok()) << parsed->ToIso8601();
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    const std::string expected_prefix = std::string("timestamp \"") + c.text + "\" " + c.message;
    EXPECT_EQ(parsed.status().message().substr(0, expected_prefix.size()), expected_prefix)
        << parsed.status();
  }
}

struct FormatCase {
  Timestamp t;
  const char* text;
};

TEST(TimestampTest, ToIso8601) {
  const FormatCase cases[] = {
      {Timestamp::UnixEpoch(), "1970-01-01T00:00:00Z"},
      {Timestamp::FromCivilUtc(2026, 11, 22, 8, 0, 0), "2026-11-22T08:00:00Z"},
      {Timestamp::FromCivilUtc(2026, 11, 22, 8) + Duration::Milliseconds(250),
       "2026-11-22T08:00:00.25Z"},
      {Timestamp::FromUnixNanos(1), "1970-01-01T00:00:00.000000001Z"},
      {Timestamp::FromUnixNanos(-1), "1969-12-31T23:59:59.999999999Z"},
      {Timestamp::FromUnixSeconds(-1), "1969-12-31T23:59:59Z"},
      {Timestamp::FromUnixSeconds(-86'400), "1969-12-31T00:00:00Z"},
      {Timestamp::FromCivilUtc(1900, 1, 1), "1900-01-01T00:00:00Z"},
      {Timestamp::FromCivilUtc(2024, 2, 29, 12, 34, 56), "2024-02-29T12:34:56Z"},
      {Timestamp::FromCivilUtc(1904, 2, 29), "1904-02-29T00:00:00Z"},
      {Timestamp::FromCivilUtc(1900, 2, 29), "1900-03-01T00:00:00Z"},  // 1900 is not a leap year
      {Timestamp::InfiniteFuture(), "2262-04-11T23:47:16.854775807Z"},
      {Timestamp::InfinitePast(), "1677-09-21T00:12:43.145224192Z"},
  };
  for (const FormatCase& c : cases) {
    EXPECT_EQ(c.t.ToIso8601(), c.text);
  }
  std::ostringstream os;
  os << Timestamp::FromCivilUtc(2024, 2, 29);
  EXPECT_EQ(os.str(), "2024-02-29T00:00:00Z");
}

TEST(TimestampTest, ParseOfToIso8601RoundTrips) {
  // Every leap day the type can represent, and the instant just around it.
  for (int year = 1680; year <= 2260; year += 4) {
    const bool leap = year % 100 != 0 || year % 400 == 0;
    const Timestamp day = Timestamp::FromCivilUtc(year, 2, 29, 23, 59, 59);
    const std::string text = day.ToIso8601();
    EXPECT_EQ(text.substr(5, 5), leap ? "02-29" : "03-01") << text;
    for (const Duration d : {Duration::Zero(), Duration::Nanoseconds(1), -Duration::Nanoseconds(1)}) {
      const StatusOr<Timestamp> back = Timestamp::ParseIso8601((day + d).ToIso8601());
      ASSERT_TRUE(back.ok()) << back.status();
      EXPECT_EQ(*back, day + d);
    }
  }
  // A deterministic spread over the whole range, before and after 1970.
  uint64_t state = 0x9E3779B97F4A7C15u;
  for (int i = 0; i < 2000; ++i) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    const Timestamp t = Timestamp::FromUnixNanos(static_cast<int64_t>(state));
    const StatusOr<Timestamp> back = Timestamp::ParseIso8601(t.ToIso8601());
    ASSERT_TRUE(back.ok()) << t.ToIso8601() << ": " << back.status();
    EXPECT_EQ(*back, t) << t.ToIso8601();
  }
}

TEST(TimestampTest, OffsetsNormaliseToUtc) {
  const StatusOr<Timestamp> t = Timestamp::ParseIso8601("1969-12-31T20:00:00.5-05:00");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->ToIso8601(), "1970-01-01T01:00:00.5Z");
}

}  // namespace
}  // namespace recoup
