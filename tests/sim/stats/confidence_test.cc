// Tests for confidence intervals: t quantiles against table values, replication intervals,
// BatchMeans sizing and coverage, TimeBatchMeans on signals with known batch averages.
#include "sim/stats/confidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace recoup::sim {
namespace {

// Uniform in [0, 1) from a fixed-seed engine, identical on every standard library.
class Uniform {
 public:
  explicit Uniform(uint64_t seed) : engine_(seed) {}
  double operator()() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

 private:
  std::mt19937_64 engine_;
};

TEST(StudentTQuantileTest, TableValues) {
  EXPECT_NEAR(StudentTQuantile(0.975, 10), 2.228138852, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.995, 5), 4.032142983, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.95, 1), 6.313751515, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.975, 4), 2.776445105, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.975, 1e9), 1.959963985, 1e-8);
  EXPECT_NEAR(StudentTQuantile(0.025, 10), -2.228138852, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.5, 3), 0.0, 1e-12);
}

TEST(ReplicationIntervalTest, HandComputed) {
  const std::vector<double> values = {1, 2, 3, 4, 5};
  const ConfidenceInterval ci = ReplicationInterval(values, 0.95);
  // mean 3, s = sqrt(2.5), n = 5: half width = t_{0.975,4} * sqrt(2.5) / sqrt(5).
  EXPECT_DOUBLE_EQ(ci.mean, 3.0);
  EXPECT_NEAR(ci.half_width, 2.776445105 * std::sqrt(0.5), 1e-9);
  EXPECT_EQ(ci.level, 0.95);
  EXPECT_EQ(ci.dof, 4.0);
  EXPECT_NEAR(ci.lower(), 3.0 - 1.963243161, 1e-8);
  EXPECT_NEAR(ci.upper(), 3.0 + 1.963243161, 1e-8);
  EXPECT_TRUE(ci.Contains(1.05));
  EXPECT_FALSE(ci.Contains(1.0));
  EXPECT_FALSE(ci.Contains(5.0));
  const ConfidenceInterval wider = ReplicationInterval(values, 0.99);
  EXPECT_GT(wider.half_width, ci.half_width);
}

TEST(ConfidenceDeathTest, Contracts) {
  const std::vector<double> one = {1.0};
  EXPECT_DEATH((void)ReplicationInterval(one, 0.95), "at least 2");
  const std::vector<double> two = {1.0, 2.0};
  EXPECT_DEATH((void)ReplicationInterval(two, 1.0), "level");
  EXPECT_DEATH((void)StudentTQuantile(0.0, 3), "0 < p < 1");
  EXPECT_DEATH((void)StudentTQuantile(0.5, 0), "dof > 0");
  EXPECT_DEATH({ BatchMeans bad(1); }, "min_batches");
  BatchMeans b;
  b.Add(1.0);
  EXPECT_DEATH((void)b.Interval(0.95), "at least 2");
  EXPECT_DEATH({ TimeBatchMeans bad(Timestamp(), Duration::Zero()); }, "positive width");
}

TEST(BatchMeansTest, BatchCountsAndSizes) {
  BatchMeans b(32);
  std::vector<double> xs;
  Uniform u(1);
  for (int n = 1; n <= 5000; ++n) {
    const double x = u();
    xs.push_back(x);
    b.Add(x);
    ASSERT_EQ(b.count(), n);
    if (n == 63) {
      EXPECT_EQ(b.batches(), 63);
      EXPECT_EQ(b.batch_size(), 1);
    }
    if (n == 64 || n == 65) {
      EXPECT_EQ(b.batches(), 32);
      EXPECT_EQ(b.batch_size(), 2);
    }
    if (n == 127) {
      EXPECT_EQ(b.batches(), 63);
      EXPECT_EQ(b.batch_size(), 2);
    }
    if (n == 128) {
      EXPECT_EQ(b.batches(), 32);
      EXPECT_EQ(b.batch_size(), 4);
    }
    // Invariants: complete batches fill a prefix, sizes are powers of two, the count is in range.
    ASSERT_EQ(b.batches(), n / b.batch_size()) << n;
    ASSERT_EQ(b.batch_size() & (b.batch_size() - 1), 0) << n;
    ASSERT_LE(b.batches(), 63) << n;
    if (n >= 32) {
      ASSERT_GE(b.batches(), 32) << n;
    }
  }
  // The interval's centre is the mean of the observations in complete batches only; mean() is
  // the mean of all of them.
  const size_t complete = static_cast<size_t>(b.batches() * b.batch_size());
  ASSERT_LT(complete, xs.size());  // 5000 is not a multiple of the batch size.
  double complete_sum = 0, all_sum = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    all_sum += xs[i];
    if (i < complete) complete_sum += xs[i];
  }
  const ConfidenceInterval ci = b.Interval(0.9);
  EXPECT_NEAR(ci.mean, complete_sum / static_cast<double>(complete), 1e-12);
  EXPECT_NEAR(b.mean(), all_sum / static_cast<double>(xs.size()), 1e-12);
  EXPECT_NE(ci.mean, b.mean());
  EXPECT_EQ(ci.dof, b.batches() - 1);
  EXPECT_EQ(ci.level, 0.9);
}

TEST(BatchMeansTest, IidIntervalCoversMeanAndShrinksLikeOneOverRootN) {
  // Exponential(1) observations: true mean 1, standard deviation 1.
  Uniform u(2024);
  BatchMeans b(32);
  constexpr int64_t kSmall = int64_t{1} << 16;
  constexpr int64_t kLarge = int64_t{1} << 20;
  ConfidenceInterval small{};
  for (int64_t n = 1; n <= kLarge; ++n) {
    b.Add(-std::log(1.0 - u()));
    if (n == kSmall) small = b.Interval(0.95);
  }
  const ConfidenceInterval large = b.Interval(0.95);
  EXPECT_TRUE(small.Contains(1.0)) << small.mean << " +/- " << small.half_width;
  EXPECT_TRUE(large.Contains(1.0)) << large.mean << " +/- " << large.half_width;
  EXPECT_EQ(small.dof, 31);  // 2^16 and 2^20 both give 32 batches.
  EXPECT_EQ(large.dof, 31);
  // For iid data the half width is about t * sigma / sqrt(n).
  const double t = StudentTQuantile(0.975, 31);
  EXPECT_NEAR(small.half_width, t / std::sqrt(double{kSmall}),
              0.35 * t / std::sqrt(double{kSmall}));
  EXPECT_NEAR(large.half_width, t / std::sqrt(double{kLarge}),
              0.35 * t / std::sqrt(double{kLarge}));
  // 16x the data: about a quarter of the half width.
  const double ratio = small.half_width / large.half_width;
  EXPECT_GT(ratio, 2.5);
  EXPECT_LT(ratio, 6.5);
}

TEST(BatchMeansTest, AutocorrelatedDataWidensTheInterval) {
  // AR(1) with phi = 0.9 around 5: the variance of the mean is (1 + phi) / (1 - phi) = 19 times
  // the iid value, so an interval that treats observations as independent is far too narrow.
  Uniform u(77);
  BatchMeans b(20);
  std::vector<double> xs;
  double y = 0.0;
  for (int i = 0; i < 200000; ++i) {
    y = 0.9 * y + (u() - 0.5);
    xs.push_back(5.0 + y);
    b.Add(xs.back());
  }
  const ConfidenceInterval batched = b.Interval(0.95);
  const ConfidenceInterval naive = ReplicationInterval(xs, 0.95);
  EXPECT_TRUE(batched.Contains(5.0)) << batched.mean << " +/- " << batched.half_width;
  EXPECT_GT(batched.half_width, 2.5 * naive.half_width);
}

// A step function: value_k holds on [times_k, times_{k+1}); times_0 = 0.
struct Steps {
  std::vector<double> times;  // Seconds since start.
  std::vector<double> values;

  double Integral(double from, double to) const {
    double area = 0;
    for (size_t k = 0; k < times.size(); ++k) {
      const double end = k + 1 < times.size() ? times[k + 1] : to;
      const double lo = std::max(from, times[k]);
      const double hi = std::min(to, end);
      if (hi > lo) area += values[k] * (hi - lo);
    }
    return area;
  }
};

const Timestamp kStart = Timestamp::FromUnixSeconds(500);

Timestamp At(double seconds) { return kStart + Duration::FromSecondsDouble(seconds); }

TEST(TimeBatchMeansTest, SquareWave) {
  // 1 on [2j, 2j+1), 0 on [2j+1, 2j+2): batches of 1s alternate 1, 0; from 2s on, all are 0.5.
  TimeBatchMeans b(kStart, Duration::Seconds(1), /*min_batches=*/4, /*initial_value=*/1.0);
  for (int s = 1; s <= 1000; ++s) b.Set(At(s), s % 2 == 0 ? 1.0 : 0.0);
  // 1000 s: widths 1, 2, 4, ... 128 s; 1000 / 128 = 7 complete batches, each 64 periods.
  EXPECT_EQ(b.batches(), 7);
  EXPECT_EQ(b.batch_width(), Duration::Seconds(128));
  const ConfidenceInterval ci = b.Interval(At(1000), 0.95);
  EXPECT_NEAR(ci.mean, 0.5, 1e-12);
  EXPECT_NEAR(ci.half_width, 0.0, 1e-12);
  EXPECT_EQ(ci.dof, 6);
  EXPECT_NEAR(b.Mean(At(1000)), 0.5, 1e-12);
  EXPECT_NEAR(b.Mean(At(1000.5)), 500.5 / 1000.5, 1e-12);
  EXPECT_EQ(b.current(), 1.0);

  // Before any merge, the 1s batches alternate: 4 batches 1,0,1,0 at t = 4.5s.
  TimeBatchMeans early(kStart, Duration::Seconds(1), 4, 1.0);
  for (int s = 1; s <= 4; ++s) early.Set(At(s), s % 2 == 0 ? 1.0 : 0.0);
  const ConfidenceInterval e = early.Interval(At(4.5), 0.95);
  EXPECT_EQ(e.dof, 3);
  EXPECT_NEAR(e.mean, 0.5, 1e-12);
  EXPECT_NEAR(e.half_width, StudentTQuantile(0.975, 3) * std::sqrt(1.0 / 3.0) / 2.0, 1e-12);
}

TEST(TimeBatchMeansTest, MisalignedChangesMatchExactBatchAverages) {
  // Random change instants (not on batch boundaries) and values; the batch averages must equal the
  // exact integrals of the step function over each batch.
  Uniform u(31337);
  Steps steps;
  steps.times.push_back(0);
  steps.values.push_back(2.0);
  TimeBatchMeans b(kStart, Duration::Milliseconds(300), /*min_batches=*/8, 2.0);
  double t = 0;
  while (t < 900) {
    t += 5.0 * u();
    t = std::round(t * 1e6) / 1e6;  // Microseconds: exactly representable as a Duration.
    const double value = std::floor(10.0 * u());
    steps.times.push_back(t);
    steps.values.push_back(value);
    b.Set(At(t), value);
  }
  const double until = t + 0.123;
  const ConfidenceInterval ci = b.Interval(At(until), 0.9);

  TimeBatchMeans advanced = b;  // Interval() looks at the batches complete by `until`.
  advanced.Set(At(until), b.current());
  const double width = advanced.batch_width().ToSecondsDouble();
  const int k = advanced.batches();
  ASSERT_GE(k, 8);
  ASSERT_LE(k, 15);
  EXPECT_EQ(advanced.batch_width(), Duration::Milliseconds(300) * 256);  // 900s / (8 * 0.3s).
  std::vector<double> expected;
  for (int i = 0; i < k; ++i)
    expected.push_back(steps.Integral(i * width, (i + 1) * width) / width);
  const ConfidenceInterval want = ReplicationInterval(expected, 0.9);
  EXPECT_NEAR(ci.mean, want.mean, 1e-9);
  EXPECT_NEAR(ci.half_width, want.half_width, 1e-9);
  EXPECT_GT(ci.half_width, 0.0);
  EXPECT_EQ(ci.dof, k - 1);
  EXPECT_NEAR(b.Mean(At(until)), steps.Integral(0, until) / until, 1e-9);
}

TEST(TimeBatchMeansTest, LongJumpWithConstantValue) {
  TimeBatchMeans b(kStart, Duration::Milliseconds(1), 16, 3.0);
  b.Set(At(3600), 3.0);  // One hour in a single step: many batch completions and merges.
  EXPECT_GE(b.batches(), 16);
  EXPECT_LE(b.batches(), 31);
  EXPECT_EQ(b.batches(), (At(3600) - kStart) / b.batch_width());
  const ConfidenceInterval ci = b.Interval(At(3600), 0.95);
  EXPECT_NEAR(ci.mean, 3.0, 1e-12);
  EXPECT_NEAR(ci.half_width, 0.0, 1e-9);
  EXPECT_NEAR(b.Mean(At(3600)), 3.0, 1e-12);
}

}  // namespace
}  // namespace recoup::sim
