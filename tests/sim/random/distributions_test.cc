// Distributions: each helper's sample mean and variance against the exact moments, edge cases and
// parameter errors.
#include "sim/random/distributions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/random/random_streams.h"

namespace recoup::sim {
namespace {

// E[X], E[X^2], E[X^3], E[X^4].
struct RawMoments {
  double m1, m2, m3, m4;
};

RawMoments FromGenerator(const std::function<double(int)>& raw_moment) {
  return {raw_moment(1), raw_moment(2), raw_moment(3), raw_moment(4)};
}

RawMoments GammaMoments(double shape, double scale) {
  return FromGenerator([=](int n) {
    double m = 1;
    for (int r = 0; r < n; ++r) m *= scale * (shape + r);
    return m;
  });
}

RawMoments BetaMoments(double a, double b) {
  return FromGenerator([=](int n) {
    double m = 1;
    for (int r = 0; r < n; ++r) m *= (a + r) / (a + b + r);
    return m;
  });
}

RawMoments WeibullMoments(double shape, double scale) {
  return FromGenerator([=](int n) { return std::pow(scale, n) * std::tgamma(1 + n / shape); });
}

RawMoments LognormalMoments(double mu, double sigma) {
  return FromGenerator([=](int n) { return std::exp(n * mu + n * n * sigma * sigma / 2); });
}

RawMoments ExponentialMoments(double rate) {
  return FromGenerator([=](int n) { return std::tgamma(n + 1.0) / std::pow(rate, n); });
}

RawMoments NormalMoments(double mu, double s) {
  return {mu, mu * mu + s * s, mu * mu * mu + 3 * mu * s * s,
          std::pow(mu, 4) + 6 * mu * mu * s * s + 3 * std::pow(s, 4)};
}

RawMoments UniformMoments(double a, double b) {
  return FromGenerator(
      [=](int n) { return (std::pow(b, n + 1) - std::pow(a, n + 1)) / ((n + 1) * (b - a)); });
}

RawMoments PoissonMoments(double m) {
  return {m, m + m * m, m * m * m + 3 * m * m + m, std::pow(m, 4) + 6 * m * m * m + 7 * m * m + m};
}

RawMoments DiscreteMoments(const std::vector<double>& weights) {
  double total = 0;
  for (double w : weights) total += w;
  return FromGenerator([&](int n) {
    double m = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) m += weights[i] / total * std::pow(i, n);
    return m;
  });
}

struct MomentCase {
  std::string name;
  std::function<double(RandomStream&)> draw;
  RawMoments exact;
};

LognormalParams MustLognormal(double mean, double stddev) {
  return LognormalFromMeanStddev(mean, stddev).value();
}

// The discrete distribution used in the moment table (weights 1 : 0 : 3 : 6).
const std::vector<double> kDiscreteWeights = {1, 0, 3, 6};

std::vector<MomentCase> MomentCases() {
  const auto discrete = std::make_shared<DiscreteDistribution>(
      DiscreteDistribution::Create(kDiscreteWeights).value());
  return {
      {"Uniform(2,5)", [](RandomStream& s) { return Uniform(s, 2, 5); }, UniformMoments(2, 5)},
      {"Exponential(1)", [](RandomStream& s) { return Exponential(s, 1); }, ExponentialMoments(1)},
      {"Exponential(0.25)", [](RandomStream& s) { return Exponential(s, 0.25); },
       ExponentialMoments(0.25)},
      {"Normal(3,2)", [](RandomStream& s) { return Normal(s, 3, 2); }, NormalMoments(3, 2)},
      {"Lognormal(0.5,0.4)", [](RandomStream& s) { return Lognormal(s, 0.5, 0.4); },
       LognormalMoments(0.5, 0.4)},
      {"LognormalFromMeanStddev(100,30)",
       [](RandomStream& s) { return Lognormal(s, MustLognormal(100, 30)); },
       LognormalMoments(MustLognormal(100, 30).mu, MustLognormal(100, 30).sigma)},
      {"Gamma(0.5,2)", [](RandomStream& s) { return Gamma(s, 0.5, 2); }, GammaMoments(0.5, 2)},
      {"Gamma(1,3)", [](RandomStream& s) { return Gamma(s, 1, 3); }, GammaMoments(1, 3)},
      {"Gamma(4.5,0.5)", [](RandomStream& s) { return Gamma(s, 4.5, 0.5); },
       GammaMoments(4.5, 0.5)},
      {"Beta(2,5)", [](RandomStream& s) { return Beta(s, 2, 5); }, BetaMoments(2, 5)},
      {"Beta(0.5,0.5)", [](RandomStream& s) { return Beta(s, 0.5, 0.5); }, BetaMoments(0.5, 0.5)},
      {"Weibull(1.5,2)", [](RandomStream& s) { return Weibull(s, 1.5, 2); },
       WeibullMoments(1.5, 2)},
      {"Weibull(0.8,1)", [](RandomStream& s) { return Weibull(s, 0.8, 1); },
       WeibullMoments(0.8, 1)},
      {"Poisson(3)", [](RandomStream& s) { return static_cast<double>(Poisson(s, 3)); },
       PoissonMoments(3)},
      {"Poisson(50)", [](RandomStream& s) { return static_cast<double>(Poisson(s, 50)); },
       PoissonMoments(50)},
      {"Bernoulli(0.3)",
       [](RandomStream& s) { return Bernoulli(s, 0.3) ? 1.0 : 0.0; },
       {0.3, 0.3, 0.3, 0.3}},
      {"Discrete(1,0,3,6)",
       [discrete](RandomStream& s) { return static_cast<double>(discrete->Sample(s)); },
       DiscreteMoments(kDiscreteWeights)},
  };
}

TEST(DistributionsTest, SampleMeanAndVarianceMatchExactMoments) {
  constexpr int kDraws = 200'000;
  const RandomStreams streams(20240601);
  for (const MomentCase& c : MomentCases()) {
    SCOPED_TRACE(c.name);
    const RawMoments& m = c.exact;
    const double mean = m.m1;
    const double variance = m.m2 - m.m1 * m.m1;
    const double mu4 = m.m4 - 4 * m.m1 * m.m3 + 6 * m.m1 * m.m1 * m.m2 - 3 * std::pow(m.m1, 4);
    ASSERT_GT(variance, 0);
    ASSERT_GT(mu4 - variance * variance, 0);

    RandomStream stream = streams.Stream(c.name);
    double sample_mean = 0;
    double sum_sq_dev = 0;  // Welford.
    for (int i = 1; i <= kDraws; ++i) {
      const double x = c.draw(stream);
      ASSERT_TRUE(std::isfinite(x));
      const double delta = x - sample_mean;
      sample_mean += delta / i;
      sum_sq_dev += delta * (x - sample_mean);
    }
    const double sample_variance = sum_sq_dev / (kDraws - 1);
    // Five standard errors of the sample mean and of the sample variance.
    EXPECT_NEAR(sample_mean, mean, 5 * std::sqrt(variance / kDraws));
    EXPECT_NEAR(sample_variance, variance, 5 * std::sqrt((mu4 - variance * variance) / kDraws));
  }
}

TEST(DistributionsTest, SameStreamGivesSameValues) {
  RandomStream a = RandomStreams(1).Stream("same", 2);
  RandomStream b = RandomStreams(1).Stream("same", 2);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(Exponential(a, 2), Exponential(b, 2));
    ASSERT_EQ(Gamma(a, 2.5, 1), Gamma(b, 2.5, 1));
    ASSERT_EQ(Poisson(a, 20), Poisson(b, 20));
  }
}

TEST(DistributionsTest, ExponentialIsNonNegativeAndUsesAboutOneDrawPerValue) {
  RandomStream stream = RandomStreams(2).Stream("exp");
  constexpr int kValues = 100'000;
  for (int i = 0; i < kValues; ++i) ASSERT_GE(Exponential(stream, 1), 0.0);
  // The ziggurat accepts about 98.9% of first attempts.
  EXPECT_GE(stream.draw_index(), static_cast<uint64_t>(kValues));
  EXPECT_LT(stream.draw_index(), static_cast<uint64_t>(kValues * 1.05));
}

TEST(DistributionsTest, RangesAreRespected) {
  RandomStream stream = RandomStreams(3).Stream("ranges");
  for (int i = 0; i < 10'000; ++i) {
    const double u = Uniform(stream, -1, 1);
    EXPECT_TRUE(u > -1 && u < 1) << u;
    const double b = Beta(stream, 0.5, 0.5);
    EXPECT_TRUE(b >= 0 && b <= 1) << b;
    EXPECT_GT(Lognormal(stream, 0, 1), 0.0);
    EXPECT_GE(Weibull(stream, 0.8, 1), 0.0);
    EXPECT_GE(Gamma(stream, 0.3, 1), 0.0);
    EXPECT_GE(Poisson(stream, 0.5), 0);
  }
}

TEST(DistributionsTest, DegenerateParameters) {
  RandomStream stream = RandomStreams(4).Stream("degenerate");
  const uint64_t before = stream.draw_index();
  EXPECT_EQ(Poisson(stream, 0), 0);
  EXPECT_EQ(stream.draw_index(), before);  // No draw consumed.
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_FALSE(Bernoulli(stream, 0));
    ASSERT_TRUE(Bernoulli(stream, 1));
  }
  EXPECT_EQ(stream.draw_index(), before + 20'000);  // Exactly one draw each.
  EXPECT_DOUBLE_EQ(Lognormal(stream, LognormalParams{.mu = std::log(7.0), .sigma = 0}), 7.0);
}

TEST(LognormalFromMeanStddevTest, ConvertsParameters) {
  const LognormalParams p = LognormalFromMeanStddev(100, 30).value();
  EXPECT_NEAR(std::exp(p.mu + p.sigma * p.sigma / 2), 100, 1e-9);
  EXPECT_NEAR(std::sqrt(std::expm1(p.sigma * p.sigma)) * 100, 30, 1e-9);
  const LognormalParams unit = LognormalFromMeanStddev(1, 0).value();
  EXPECT_EQ(unit.mu, 0.0);
  EXPECT_EQ(unit.sigma, 0.0);
}

TEST(LognormalFromMeanStddevTest, RejectsInvalidParameters) {
  struct Bad {
    double mean, stddev;
    const char* names;
  };
  for (const Bad& bad :
       {Bad{0, 1, "mean"}, Bad{-5, 1, "mean"}, Bad{NAN, 1, "mean"}, Bad{INFINITY, 1, "mean"},
        Bad{1, -1, "stddev"}, Bad{1, NAN, "stddev"}, Bad{1, INFINITY, "stddev"}}) {
    const StatusOr<LognormalParams> result = LognormalFromMeanStddev(bad.mean, bad.stddev);
    ASSERT_FALSE(result.ok()) << bad.mean << " " << bad.stddev;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(result.status().message().find(bad.names), std::string_view::npos) << result.status();
  }
}

TEST(DiscreteDistributionTest, FrequenciesMatchWeightsAndZeroWeightsNeverOccur) {
  const DiscreteDistribution d = DiscreteDistribution::Create({2, 0, 1, 1, 4}).value();
  EXPECT_EQ(d.size(), 5u);
  const std::vector<double> p = d.probabilities();
  ASSERT_EQ(p.size(), 5u);
  const std::vector<double> expected_p = {0.25, 0, 0.125, 0.125, 0.5};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(p[i], expected_p[i], 1e-12);

  RandomStream stream = RandomStreams(5).Stream("discrete");
  constexpr int kDraws = 400'000;
  std::vector<int> counts(5, 0);
  for (int i = 0; i < kDraws; ++i) {
    const std::size_t k = d.Sample(stream);
    ASSERT_LT(k, 5u);
    ++counts[k];
  }
  EXPECT_EQ(counts[1], 0);
  double chi_square = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    if (expected_p[i] == 0) continue;
    const double e = expected_p[i] * kDraws;
    chi_square += (counts[i] - e) * (counts[i] - e) / e;
  }
  // 3 degrees of freedom: P(chi2 > 30) is about 1.4e-6.
  EXPECT_LT(chi_square, 30.0);
}

TEST(DiscreteDistributionTest, SingleOutcome) {
  const DiscreteDistribution d = DiscreteDistribution::Create({3.5}).value();
  RandomStream stream = RandomStreams(6).Stream("single");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.Sample(stream), 0u);
}

TEST(DiscreteDistributionTest, RejectsInvalidWeights) {
  struct Bad {
    std::vector<double> weights;
    const char* fragment;
  };
  const std::vector<Bad> cases = {
      {{}, "no weights"},
      {{1, -1}, "weight[1]"},
      {{NAN}, "weight[0]"},
      {{1, 2, INFINITY}, "weight[2]"},
      {{0, 0}, "positive, finite sum"},
      {{1e308, 1e308}, "positive, finite sum"},
  };
  for (const Bad& bad : cases) {
    const StatusOr<DiscreteDistribution> d = DiscreteDistribution::Create(bad.weights);
    ASSERT_FALSE(d.ok()) << bad.fragment;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(d.status().message().find(bad.fragment), std::string_view::npos) << d.status();
  }
}

}  // namespace
}  // namespace recoup::sim
