// RollingCounter: the rolling window boundary at bucket resolution, jumps, and time going
// backwards.
#include "sim/org/events/rolling_counter.h"

#include <gtest/gtest.h>

namespace recoup::sim::org::events {
namespace {

const Timestamp kT0 = Timestamp::FromCivilUtc(2026, 1, 5, 10, 0, 0);

TEST(RollingCounterTest, CountExpiresAtBucketStartPlusWindow) {
  RollingCounter counter(Duration::Days(1), Duration::Minutes(1));
  counter.Add(kT0 + Duration::Seconds(30), 5);  // bucket [10:00, 10:01)
  struct Step {
    Duration at;  // after kT0
    int64_t total;
  };
  const Step steps[] = {
      {Duration::Seconds(30), 5},
      {Duration::Hours(23) + Duration::Minutes(59) + Duration::Seconds(59), 5},
      {Duration::Days(1) - Duration::Nanoseconds(1), 5},
      {Duration::Days(1), 0},  // 10:00 next day: the bucket left the window
  };
  for (const Step& s : steps) EXPECT_EQ(counter.Total(kT0 + s.at), s.total) << s.at;
}

TEST(RollingCounterTest, SlidesBucketByBucket) {
  RollingCounter counter(Duration::Hours(1), Duration::Minutes(1));
  for (int m = 0; m < 90; ++m) counter.Add(kT0 + Duration::Minutes(m), m + 1);
  // At 11:29:xx the window holds minutes 30..89, i.e. values 31..90.
  int64_t expected = 0;
  for (int v = 31; v <= 90; ++v) expected += v;
  EXPECT_EQ(counter.Total(kT0 + Duration::Minutes(89) + Duration::Seconds(59)), expected);
  EXPECT_EQ(counter.Total(kT0 + Duration::Minutes(90)), expected - 31);
  EXPECT_EQ(counter.Total(kT0 + Duration::Hours(3)), 0);  // a jump over the whole window
  counter.Add(kT0 + Duration::Hours(3), 2);
  EXPECT_EQ(counter.Total(kT0 + Duration::Hours(3)), 2);
}

TEST(RollingCounterTest, EarlierTimesLandInTheirBucketOrAreDropped) {
  RollingCounter counter(Duration::Hours(1), Duration::Minutes(1));
  counter.Add(kT0 + Duration::Minutes(30), 1);
  counter.Add(kT0 + Duration::Minutes(29), 10);   // backwards, still inside the window
  counter.Add(kT0 - Duration::Minutes(31), 100);  // older than the window: not counted
  EXPECT_EQ(counter.Total(kT0 + Duration::Minutes(30)), 11);
  EXPECT_EQ(counter.Total(kT0 + Duration::Minutes(89)), 1);  // minute 29 left the window
  EXPECT_EQ(counter.Total(kT0 + Duration::Minutes(90)), 0);
}

TEST(RollingCounterTest, BucketsAlignBeforeTheEpoch) {
  RollingCounter counter(Duration::Minutes(2), Duration::Minutes(1));
  const Timestamp t = Timestamp::UnixEpoch() - Duration::Seconds(30);  // bucket [-60 s, 0)
  counter.Add(t, 3);
  EXPECT_EQ(counter.Total(Timestamp::UnixEpoch() + Duration::Seconds(59)), 3);
  EXPECT_EQ(counter.Total(Timestamp::UnixEpoch() + Duration::Seconds(60)), 0);
}

}  // namespace
}  // namespace recoup::sim::org::events
