// Tests of Money (core/base/money.h): parsing, formatting, arithmetic and exact splitting.
#include "core/base/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace recoup {
namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();

Money Minor(int64_t m) { return Money::FromMinorUnits(m); }

// |m| in minor units, defined for INT64_MIN too.
uint64_t Magnitude(Money m) {
  const int64_t v = m.minor_units();
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

TEST(MoneyTest, Construction) {
  EXPECT_EQ(Money().minor_units(), 0);
  EXPECT_EQ(Money::Zero(), Money());
  EXPECT_EQ(Money::FromMajorUnits(12).minor_units(), 1200);
  EXPECT_EQ(Money::FromMajorUnits(-3).minor_units(), -300);
  EXPECT_EQ(Money::FromMajorUnits(12, 0).minor_units(), 12);
  EXPECT_EQ(Money::FromMajorUnits(12, 3).minor_units(), 12'000);
  EXPECT_TRUE(Money::Zero().IsZero());
  EXPECT_FALSE(Minor(1).IsZero());
  EXPECT_TRUE(Minor(-1).IsNegative());
  EXPECT_FALSE(Minor(0).IsNegative());
  static_assert(Money::FromMajorUnits(1) == Money::FromMinorUnits(100));
}

TEST(MoneyTest, Arithmetic) {
  const Money a = Minor(1050);
  const Money b = Minor(-25);
  EXPECT_EQ(a + b, Minor(1025));
  EXPECT_EQ(a - b, Minor(1075));
  EXPECT_EQ(-a, Minor(-1050));
  EXPECT_EQ(a * 3, Minor(3150));
  EXPECT_EQ(4 * b, Minor(-100));
  Money c = a;
  c += b;
  EXPECT_EQ(c, Minor(1025));
  c -= a;
  EXPECT_EQ(c, b);
  EXPECT_LT(b, a);
  EXPECT_GT(a, Money::Zero());
  EXPECT_LE(Minor(5), Minor(5));
  EXPECT_NE(Minor(5), Minor(6));
  EXPECT_DOUBLE_EQ(Minor(1050).ToMajorDouble(), 10.5);
  EXPECT_DOUBLE_EQ(Minor(-5).ToMajorDouble(), -0.05);
  EXPECT_DOUBLE_EQ(Minor(1050).ToMajorDouble(0), 1050.0);
}

struct ParseCase {
  const char* text;
  int decimals;
  int64_t minor;
};

TEST(MoneyTest, ParseValid) {
  const ParseCase cases[] = {
      {"1234.56", 2, 123456},
      {"-0.5", 2, -50},
      {"12", 2, 1200},
      {"+7.05", 2, 705},
      {"0.01", 2, 1},
      {"-0.05", 2, -5},
      {"0", 2, 0},
      {"-0", 2, 0},
      {"007.10", 2, 710},
      {"1234", 0, 1234},
      {"-1234", 0, -1234},
      {"1.234", 3, 1234},
      {"1.2", 3, 1200},
      {"92233720368547758.07", 2, kMaxI64},
      {"-92233720368547758.07", 2, -kMaxI64},
      {"9223372036854775807", 0, kMaxI64},
      {"9.223372036854775807", 18, kMaxI64},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.text);
    const StatusOr<Money> m = Money::Parse(c.text, c.decimals);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->minor_units(), c.minor);
  }
}

struct InvalidCase {
  const char* text;
  int decimals;
  const char* message;  // after 'amount "<text>" '
};

TEST(MoneyTest, ParseErrorsNameThePosition) {
  const InvalidCase cases[] = {
      {"", 2, "at character 1: expected a digit"},
      {"-", 2, "at character 2: expected a digit"},
      {"abc", 2, "at character 1: expected a digit"},
      {".5", 2, "at character 1: expected a digit"},
      {"1.", 2, "at character 3: expected a digit after '.'"},
      {"1.234", 2, "at character 5: expected at most 2 decimal places"},
      {"1.5", 0, "at character 3: expected at most 0 decimal places"},
      {"1,000.00", 2, "at character 2: expected end of amount"},
      {"12 ", 2, "at character 3: expected end of amount"},
      {"1e5", 2, "at character 2: expected end of amount"},
      {"$5", 2, "at character 1: expected a digit"},
      {"--5", 2, "at character 2: expected a digit"},
      {"92233720368547758.08", 2,
       "at character 1: expected an amount of magnitude at most 92233720368547758.07"},
      {"-92233720368547758.08", 2, "at character 2: expected an amount of magnitude at most"},
      {"92233720368547759", 2, "at character 1: expected an amount of magnitude at most"},
      {"99999999999999999999", 2, "at character 1: expected an amount of magnitude at most"},
      {"9223372036854775808", 0, "at character 1: expected an amount of magnitude at most"},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.text);
    const StatusOr<Money> m = Money::Parse(c.text, c.decimals);
    ASSERT_FALSE(m.ok()) << m->ToString();
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    const std::string expected_prefix = std::string("amount \"") + c.text + "\" " + c.message;
    EXPECT_EQ(m.status().message().substr(0, expected_prefix.size()), expected_prefix)
        << m.status();
  }
}

struct FormatCase {
  int64_t minor;
  int decimals;
  const char* text;
};

TEST(MoneyTest, ToStringAndRoundTrip) {
  const FormatCase cases[] = {
      {123456, 2, "1234.56"},
      {-5, 2, "-0.05"},
      {-50, 2, "-0.50"},
      {0, 2, "0.00"},
      {100, 2, "1.00"},
      {5, 0, "5"},
      {-123, 0, "-123"},
      {1, 3, "0.001"},
      {kMaxI64, 2, "92233720368547758.07"},
      {kMinI64, 2, "-92233720368547758.08"},
  };
  for (const FormatCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Minor(c.minor).ToString(c.decimals), c.text);
    if (c.minor == kMinI64) continue;  // its magnitude is not representable, so not parseable
    const StatusOr<Money> back = Money::Parse(c.text, c.decimals);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->minor_units(), c.minor);
  }
  std::ostringstream os;
  os << Minor(-120);
  EXPECT_EQ(os.str(), "-1.20");
}

// The invariants of SplitEvenly: `parts` amounts, exact sum, spread <= 1 minor unit, the larger in
// magnitude first, and none of the opposite sign.
void ExpectEvenSplit(Money amount, int parts) {
  SCOPED_TRACE(amount.ToString() + " in " + std::to_string(parts));
  const std::vector<Money> split = amount.SplitEvenly(parts);
  ASSERT_EQ(split.size(), static_cast<size_t>(parts));
  Money sum;
  for (size_t i = 0; i < split.size(); ++i) {
    sum += split[i];
    if (amount.IsNegative()) {
      EXPECT_LE(split[i], Money::Zero());
    } else {
      EXPECT_GE(split[i], Money::Zero());
    }
    if (i > 0) {
      EXPECT_LE(Magnitude(split[i]), Magnitude(split[i - 1]));
    }
    EXPECT_LE(Magnitude(split[i]) - Magnitude(split.back()), 1u);
  }
  EXPECT_EQ(sum, amount);
}

struct SplitCase {
  int64_t minor;
  int parts;
  std::vector<int64_t> expected;
};

TEST(MoneyTest, SplitEvenlyExamples) {
  const SplitCase cases[] = {
      {1000, 3, {334, 333, 333}},
      {100, 3, {34, 33, 33}},
      {-100, 3, {-34, -33, -33}},
      {2, 5, {1, 1, 0, 0, 0}},
      {-2, 5, {-1, -1, 0, 0, 0}},
      {0, 4, {0, 0, 0, 0}},
      {7, 1, {7}},
      {20000, 4, {5000, 5000, 5000, 5000}},
  };
  for (const SplitCase& c : cases) {
    const std::vector<Money> split = Minor(c.minor).SplitEvenly(c.parts);
    std::vector<int64_t> got;
    for (const Money m : split) got.push_back(m.minor_units());
    EXPECT_EQ(got, c.expected) << c.minor << " in " << c.parts;
    ExpectEvenSplit(Minor(c.minor), c.parts);
  }
}

TEST(MoneyTest, SplitEvenlyInvariantsHoldEverywhere) {
  for (const int64_t minor : {int64_t{1}, int64_t{-1}, int64_t{99}, int64_t{-99}, int64_t{100'001},
                              int64_t{-7'654'321}, kMaxI64, kMinI64, kMinI64 + 1}) {
    for (const int parts : {1, 2, 3, 4, 6, 7, 12, 13, 100, 1000}) {
      ExpectEvenSplit(Minor(minor), parts);
    }
  }
}

TEST(MoneyDeathTest, SplitEvenlyNeedsAPart) {
  EXPECT_DEATH((void)Minor(100).SplitEvenly(0), "SplitEvenly needs at least one part");
  EXPECT_DEATH((void)Minor(100).SplitEvenly(-2), "SplitEvenly needs at least one part");
}

TEST(MoneyDeathTest, DecimalsOutOfRangeAbort) {
  EXPECT_DEATH((void)Money::Parse("1", 19), "decimals must be in 0..18");
  EXPECT_DEATH((void)Minor(1).ToString(-1), "decimals must be in 0..18");
}

}  // namespace
}  // namespace recoup
