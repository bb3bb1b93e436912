// Tests for TimeWeighted on hand-computed step functions.
#include "sim/stats/time_weighted.h"

#include <gtest/gtest.h>

namespace recoup::sim {
namespace {

const Timestamp kT0 = Timestamp::FromUnixSeconds(1'000);

Timestamp At(double seconds) { return kT0 + Duration::FromSecondsDouble(seconds); }

TEST(TimeWeightedTest, StepFunction) {
  TimeWeighted s(kT0);
  s.Set(At(2), 3.0);  // 0 on [0,2)
  s.Set(At(5), 1.0);  // 3 on [2,5)
  s.Add(At(6), 2.0);  // 1 on [5,6), then 3
  EXPECT_EQ(s.current(), 3.0);
  EXPECT_DOUBLE_EQ(s.Integral(At(6)), 0 * 2 + 3 * 3 + 1 * 1);
  EXPECT_DOUBLE_EQ(s.Integral(At(10)), 0 * 2 + 3 * 3 + 1 * 1 + 3 * 4);
  EXPECT_DOUBLE_EQ(s.Mean(At(10)), 22.0 / 10.0);
  EXPECT_EQ(s.max(), 3.0);
  EXPECT_EQ(s.start(), kT0);
  EXPECT_EQ(s.last_change(), At(6));
}

TEST(TimeWeightedTest, InitialValueAndNoElapsedTime) {
  TimeWeighted s(kT0, 4.0);
  EXPECT_EQ(s.Mean(kT0), 4.0);
  EXPECT_EQ(s.Integral(kT0), 0.0);
  s.Set(kT0, 7.0);
  EXPECT_EQ(s.Mean(kT0), 7.0);
  EXPECT_DOUBLE_EQ(s.Integral(At(0.5)), 3.5);
}

TEST(TimeWeightedTest, SameInstantChangesOnlyLastHolds) {
  TimeWeighted s(kT0);
  s.Set(At(1), 5.0);
  s.Set(At(1), 1.0);
  s.Add(At(1), -2.0);  // 1 - 2 = -1 from 1s on.
  EXPECT_DOUBLE_EQ(s.Integral(At(3)), -2.0);
  EXPECT_DOUBLE_EQ(s.Mean(At(4)), -3.0 / 4.0);
  EXPECT_EQ(s.max(), 5.0);  // Zero-duration values count for max().
}

TEST(TimeWeightedTest, NanosecondResolution) {
  TimeWeighted s(kT0);
  s.Set(kT0 + Duration::Nanoseconds(1), 1.0);
  s.Set(kT0 + Duration::Nanoseconds(3), 0.0);
  EXPECT_DOUBLE_EQ(s.Integral(kT0 + Duration::Seconds(1)), 2e-9);
}

TEST(TimeWeightedTest, ResetForWarmUpDeletion) {
  TimeWeighted s(kT0);
  s.Set(At(1), 10.0);
  s.Set(At(2), 2.0);
  s.Reset(At(4));
  EXPECT_EQ(s.start(), At(4));
  EXPECT_EQ(s.current(), 2.0);
  EXPECT_EQ(s.max(), 2.0);
  EXPECT_EQ(s.Integral(At(4)), 0.0);
  s.Set(At(5), 4.0);
  EXPECT_DOUBLE_EQ(s.Integral(At(8)), 2.0 * 1 + 4.0 * 3);
  EXPECT_DOUBLE_EQ(s.Mean(At(8)), 14.0 / 4.0);
  EXPECT_EQ(s.max(), 4.0);
}

TEST(TimeWeightedDeathTest, TimeMustNotRunBackwards) {
  TimeWeighted s(kT0);
  s.Set(At(5), 1.0);
  EXPECT_DEATH(s.Set(At(4), 2.0), "last_change_");
  EXPECT_DEATH(s.Integral(At(4)), "last_change_");
  EXPECT_DEATH(s.Reset(At(4)), "last_change_");
}

}  // namespace
}  // namespace recoup::sim
