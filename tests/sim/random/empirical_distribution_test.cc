// EmpiricalDistribution: quantiles by interpolation and by resampling, draws, and input errors.
#include "sim/random/empirical_distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string_view>
#include <vector>

#include "sim/random/random_streams.h"

namespace recoup::sim {
namespace {

using Method = EmpiricalDistribution::Method;

TEST(EmpiricalDistributionTest, InterpolatedQuantiles) {
  // Given out of order: sorted it is 1 2 3 4 5, at probabilities 0, 1/4, 1/2, 3/4, 1.
  const EmpiricalDistribution d = EmpiricalDistribution::Create({4, 1, 5, 3, 2}).value();
  EXPECT_EQ(d.method(), Method::kInterpolate);
  EXPECT_EQ(d.size(), 5u);
  EXPECT_EQ(d.min(), 1.0);
  EXPECT_EQ(d.max(), 5.0);
  EXPECT_EQ(d.sorted_sample(), (std::vector<double>{1, 2, 3, 4, 5}));
  const struct {
    double q, expected;
  } cases[] = {{0, 1}, {0.125, 1.5}, {0.25, 2}, {0.5, 3}, {0.6, 3.4}, {0.99, 4.96}, {1, 5}};
  for (const auto& c : cases) EXPECT_NEAR(d.Quantile(c.q), c.expected, 1e-12) << "q=" << c.q;
}

TEST(EmpiricalDistributionTest, InterpolationHandlesTiesAndUnevenGaps) {
  const EmpiricalDistribution d = EmpiricalDistribution::Create({0, 10, 10, 100}).value();
  EXPECT_NEAR(d.Quantile(1.0 / 3), 10, 1e-12);
  EXPECT_NEAR(d.Quantile(0.5), 10, 1e-12);  // Between the two tied 10s.
  EXPECT_NEAR(d.Quantile(5.0 / 6), 55, 1e-9);
  double previous = d.Quantile(0);
  for (int i = 1; i <= 1000; ++i) {
    const double x = d.Quantile(i / 1000.0);
    EXPECT_GE(x, previous) << "quantiles must be monotone";
    previous = x;
  }
}

TEST(EmpiricalDistributionTest, SingleObservationIsAlwaysDrawn) {
  for (Method method : {Method::kInterpolate, Method::kResample}) {
    const EmpiricalDistribution d = EmpiricalDistribution::Create({42}, method).value();
    RandomStream stream = RandomStreams(1).Stream("single");
    for (int i = 0; i < 50; ++i) EXPECT_EQ(d.Sample(stream), 42.0);
    EXPECT_EQ(d.Quantile(0), 42.0);
    EXPECT_EQ(d.Quantile(1), 42.0);
  }
}

TEST(EmpiricalDistributionTest, InterpolatedDrawsStayInRangeWithTheRightMean) {
  const std::vector<double> sample = {3, 7, 8, 20, 21, 50};
  const EmpiricalDistribution d = EmpiricalDistribution::Create(sample).value();
  // X = Q(U) is uniform on each of the n - 1 segments, each with probability 1 / (n - 1):
  // E[X] = mean of segment midpoints; E[X^2] = mean over segments of (a^2 + ab + b^2) / 3.
  double mean = 0;
  double second = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); ++i) {
    const double a = sample[i];
    const double b = sample[i + 1];
    mean += (a + b) / 2 / (sample.size() - 1);
    second += (a * a + a * b + b * b) / 3 / (sample.size() - 1);
  }
  const double variance = second - mean * mean;

  RandomStream stream = RandomStreams(2).Stream("empirical");
  constexpr int kDraws = 200'000;
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = d.Sample(stream);
    ASSERT_GE(x, 3.0);
    ASSERT_LE(x, 50.0);
    sum += x;
  }
  EXPECT_EQ(stream.draw_index(), static_cast<uint64_t>(kDraws));  // One draw per sample.
  EXPECT_NEAR(sum / kDraws, mean, 5 * std::sqrt(variance / kDraws));
}

TEST(EmpiricalDistributionTest, ResampleQuantilesAreTheStepInverse) {
  const EmpiricalDistribution d =
      EmpiricalDistribution::Create({30, 10, 20, 40}, Method::kResample).value();
  EXPECT_EQ(d.method(), Method::kResample);
  const struct {
    double q, expected;
  } cases[] = {{0, 10},    {0.1, 10},  {0.25, 10}, {0.26, 20}, {0.5, 20},
               {0.51, 30}, {0.75, 30}, {0.76, 40}, {1, 40}};
  for (const auto& c : cases) EXPECT_EQ(d.Quantile(c.q), c.expected) << "q=" << c.q;
}

TEST(EmpiricalDistributionTest, ResampleDrawsOnlyObservationsWithEqualFrequency) {
  // 5 appears twice, so it should come up twice as often as 1 or 9.
  const EmpiricalDistribution d =
      EmpiricalDistribution::Create({1, 5, 9, 5}, Method::kResample).value();
  RandomStream stream = RandomStreams(3).Stream("resample");
  constexpr int kDraws = 200'000;
  std::map<double, int> counts;
  for (int i = 0; i < kDraws; ++i) ++counts[d.Sample(stream)];
  ASSERT_EQ(counts.size(), 3u);
  const std::map<double, double> expected = {{1, 0.25}, {5, 0.5}, {9, 0.25}};
  double chi_square = 0;
  for (const auto& [value, p] : expected) {
    const double e = p * kDraws;
    chi_square += (counts[value] - e) * (counts[value] - e) / e;
  }
  // 2 degrees of freedom: P(chi2 > 25) is about 4e-6.
  EXPECT_LT(chi_square, 25.0);
}

TEST(EmpiricalDistributionTest, RejectsEmptyAndNonFiniteSamples) {
  const StatusOr<EmpiricalDistribution> empty = EmpiricalDistribution::Create({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("empty"), std::string_view::npos) << empty.status();

  const StatusOr<EmpiricalDistribution> nan = EmpiricalDistribution::Create({1, 2, NAN});
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(nan.status().message().find("sample[2] is NaN"), std::string_view::npos)
      << nan.status();

  const StatusOr<EmpiricalDistribution> inf =
      EmpiricalDistribution::Create({-INFINITY, 1}, Method::kResample);
  ASSERT_FALSE(inf.ok());
  EXPECT_NE(inf.status().message().find("sample[0] is infinite"), std::string_view::npos)
      << inf.status();
}

TEST(EmpiricalDistributionDeathTest, QuantileOutsideTheUnitIntervalIsABug) {
  const EmpiricalDistribution d = EmpiricalDistribution::Create({1, 2}).value();
  EXPECT_DEATH(d.Quantile(1.5), "q must be in");
  EXPECT_DEATH(d.Quantile(NAN), "q must be in");
}

}  // namespace
}  // namespace recoup::sim
