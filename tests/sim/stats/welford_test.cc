// Tests for Welford: exact small cases, agreement with a two-pass computation, Merge, and
// numerically hard data (large offset, small spread).
#include "sim/stats/welford.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace recoup::sim {
namespace {

struct TwoPass {
  double mean;
  double variance;
};

TwoPass ComputeTwoPass(const std::vector<double>& xs) {
  long double sum = 0;
  for (double x : xs) sum += x;
  const long double mean = sum / static_cast<long double>(xs.size());
  long double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return {static_cast<double>(mean),
          xs.size() < 2 ? 0.0 : static_cast<double>(ss / static_cast<long double>(xs.size() - 1))};
}

Welford FromData(const std::vector<double>& xs, size_t begin, size_t end) {
  Welford w;
  for (size_t i = begin; i < end; ++i) w.Add(xs[i]);
  return w;
}

TEST(WelfordTest, EmptyAndSingle) {
  Welford w;
  EXPECT_EQ(w.count(), 0);
  EXPECT_EQ(w.mean(), 0.0);
  EXPECT_EQ(w.variance(), 0.0);
  EXPECT_EQ(w.sum(), 0.0);
  EXPECT_TRUE(std::isnan(w.min()));
  EXPECT_TRUE(std::isnan(w.max()));
  w.Add(-3.5);
  EXPECT_EQ(w.count(), 1);
  EXPECT_EQ(w.mean(), -3.5);
  EXPECT_EQ(w.variance(), 0.0);
  EXPECT_EQ(w.stddev(), 0.0);
  EXPECT_EQ(w.min(), -3.5);
  EXPECT_EQ(w.max(), -3.5);
  EXPECT_EQ(w.sum(), -3.5);
}

TEST(WelfordTest, KnownSmallData) {
  const std::vector<double> xs = {2, 4, 4, 4, 5, 5, 7, 9};
  const Welford w = FromData(xs, 0, xs.size());
  EXPECT_EQ(w.count(), 8);
  EXPECT_DOUBLE_EQ(w.mean(), 5.0);
  EXPECT_DOUBLE_EQ(w.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(w.stddev(), std::sqrt(32.0 / 7.0));
  EXPECT_EQ(w.min(), 2.0);
  EXPECT_EQ(w.max(), 9.0);
  EXPECT_EQ(w.sum(), 40.0);
}

std::vector<double> FixedData() {
  std::vector<double> xs;
  uint64_t state = 12345;
  for (int i = 0; i < 1000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG.
    xs.push_back(static_cast<double>(state >> 11) * 0x1.0p-53 * 200.0 - 50.0);
  }
  return xs;
}

TEST(WelfordTest, MatchesTwoPass) {
  const std::vector<double> xs = FixedData();
  const Welford w = FromData(xs, 0, xs.size());
  const TwoPass exact = ComputeTwoPass(xs);
  EXPECT_NEAR(w.mean(), exact.mean, 1e-12 * std::abs(exact.mean) + 1e-12);
  EXPECT_NEAR(w.variance(), exact.variance, 1e-11 * exact.variance);
  double sum = 0, lo = xs[0], hi = xs[0];
  for (double x : xs) {
    sum += x;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  EXPECT_NEAR(w.sum(), sum, 1e-9);
  EXPECT_EQ(w.min(), lo);
  EXPECT_EQ(w.max(), hi);
}

TEST(WelfordTest, MergeEqualsSequential) {
  const std::vector<double> xs = FixedData();
  const Welford all = FromData(xs, 0, xs.size());
  for (size_t split : {size_t{0}, size_t{1}, size_t{2}, size_t{333}, size_t{999}, xs.size()}) {
    Welford a = FromData(xs, 0, split);
    const Welford b = FromData(xs, split, xs.size());
    a.Merge(b);
    EXPECT_EQ(a.count(), all.count()) << split;
    EXPECT_NEAR(a.mean(), all.mean(), 1e-12) << split;
    EXPECT_NEAR(a.variance(), all.variance(), 1e-11 * all.variance()) << split;
    EXPECT_NEAR(a.sum(), all.sum(), 1e-9) << split;
    EXPECT_EQ(a.min(), all.min()) << split;
    EXPECT_EQ(a.max(), all.max()) << split;
  }
}

TEST(WelfordTest, SelfMergeDoublesTheSequence) {
  const std::vector<double> xs = {1, 2, 3, 4};
  Welford w = FromData(xs, 0, xs.size());
  w.Merge(w);
  const Welford twice = FromData({1, 2, 3, 4, 1, 2, 3, 4}, 0, 8);
  EXPECT_EQ(w.count(), 8);
  EXPECT_DOUBLE_EQ(w.mean(), twice.mean());
  EXPECT_DOUBLE_EQ(w.variance(), twice.variance());
  EXPECT_EQ(w.sum(), 20.0);
}

TEST(WelfordTest, LargeOffsetSmallSpread) {
  // Naive sum-of-squares loses every digit here: x^2 ~ 1e18 while the variance is ~22.
  std::vector<double> xs;
  const double offsets[] = {4, 7, 13, 16};
  for (int i = 0; i < 100000; ++i) xs.push_back(1e9 + offsets[i % 4]);
  const double n = static_cast<double>(xs.size());
  const double exact_variance = 22.5 * n / (n - 1);  // Population variance of {4,7,13,16} is 22.5.
  const Welford w = FromData(xs, 0, xs.size());
  EXPECT_NEAR(w.mean(), 1e9 + 10, 1e-6);
  EXPECT_NEAR(w.variance(), exact_variance, 1e-6 * exact_variance);
  EXPECT_NEAR(w.sum(), (1e9 + 10) * n, 1.0);

  Welford a = FromData(xs, 0, 37);
  a.Merge(FromData(xs, 37, xs.size()));
  EXPECT_NEAR(a.mean(), 1e9 + 10, 1e-6);
  EXPECT_NEAR(a.variance(), exact_variance, 1e-6 * exact_variance);
}

}  // namespace
}  // namespace recoup::sim
