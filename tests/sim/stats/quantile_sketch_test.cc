// Tests for QuantileSketch: the stated bound |Quantile(q) - x_(floor(q(n-1)))| <= a |x_(...)|
// against exact order statistics on several data sets (including negatives, zeros and a huge
// dynamic range), and Merge.
#include "sim/stats/quantile_sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace recoup::sim {
namespace {

const double kQuantiles[] = {0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 1.0};

// Uniform in [0, 1) from a fixed-seed engine, identical on every standard library.
class Uniform {
 public:
  explicit Uniform(uint64_t seed) : engine_(seed) {}
  double operator()() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Standard normal by Box-Muller.
  double Normal() {
    const double u1 = 1.0 - (*this)();
    const double u2 = (*this)();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  std::mt19937_64 engine_;
};

double ExactQuantile(std::vector<double> sorted, double q) {
  const int64_t n = static_cast<int64_t>(sorted.size());
  const int64_t rank = static_cast<int64_t>(std::floor(q * static_cast<double>(n - 1)));
  return sorted[static_cast<size_t>(rank)];
}

QuantileSketch Sketch(const std::vector<double>& xs, double a) {
  QuantileSketch s(a);
  for (double x : xs) s.Add(x);
  return s;
}

// Checks the bound at kQuantiles and on a fine grid of q; returns the largest relative error seen.
double CheckBound(const QuantileSketch& s, std::vector<double> xs, const std::string& label) {
  std::sort(xs.begin(), xs.end());
  const double a = s.relative_accuracy();
  EXPECT_EQ(s.count(), static_cast<int64_t>(xs.size())) << label;
  std::vector<double> qs(std::begin(kQuantiles), std::end(kQuantiles));
  for (int i = 0; i <= 1000; ++i) qs.push_back(i / 1000.0);
  double worst = 0.0;
  for (double q : qs) {
    const double exact = ExactQuantile(xs, q);
    const double v = s.Quantile(q);
    EXPECT_LE(std::abs(v - exact), a * std::abs(exact))
        << label << " q=" << q << " exact=" << exact << " got=" << v;
    if (exact != 0.0) worst = std::max(worst, std::abs(v - exact) / std::abs(exact));
  }
  EXPECT_EQ(s.Quantile(0.0), xs.front()) << label;
  EXPECT_EQ(s.Quantile(1.0), xs.back()) << label;
  return worst;
}

std::vector<double> UniformGrid() {
  std::vector<double> xs;
  for (int i = 1; i <= 10000; ++i) xs.push_back(i * 0.25);
  return xs;
}

std::vector<double> LogNormal(uint64_t seed, int n) {
  Uniform u(seed);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(std::exp(1.0 + 2.0 * u.Normal()));
  return xs;
}

// Negative, zero and positive values; a tenth exact zeros.
std::vector<double> Mixed(uint64_t seed, int n) {
  Uniform u(seed);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(i % 10 == 0 ? 0.0 : 30.0 * u.Normal() - 5.0);
  return xs;
}

// Magnitudes from 1e-300 to 1e300, both signs.
std::vector<double> HugeRange(uint64_t seed, int n) {
  Uniform u(seed);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) {
    const double magnitude = std::pow(10.0, 600.0 * u() - 300.0);
    xs.push_back(u() < 0.3 ? -magnitude : magnitude);
  }
  return xs;
}

TEST(QuantileSketchTest, UniformGrid) {
  const std::vector<double> xs = UniformGrid();
  const double worst = CheckBound(Sketch(xs, 0.005), xs, "grid");
  // The sketch really approximates (bucketing is not a no-op) and uses most of its error budget.
  EXPECT_GT(worst, 0.001);
}

TEST(QuantileSketchTest, LogNormalAtSeveralAccuracies) {
  const std::vector<double> xs = LogNormal(42, 20000);
  for (double a : {0.005, 0.0001, 0.01, 0.05, 0.3}) {
    CheckBound(Sketch(xs, a), xs, "lognormal a=" + std::to_string(a));
  }
}

TEST(QuantileSketchTest, NegativeZeroAndPositive) {
  const std::vector<double> xs = Mixed(7, 20001);
  const QuantileSketch s = Sketch(xs, 0.005);
  CheckBound(s, xs, "mixed");
  // A rank inside the run of zeros returns exactly 0.
  std::vector<double> sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  const auto zeros = std::equal_range(sorted.begin(), sorted.end(), 0.0);
  const double q_zero = (static_cast<double>(zeros.first - sorted.begin()) + 5.0) /
                        static_cast<double>(xs.size() - 1);
  EXPECT_EQ(s.Quantile(q_zero), 0.0);
}

TEST(QuantileSketchTest, HugeDynamicRange) {
  const std::vector<double> xs = HugeRange(99, 5000);
  CheckBound(Sketch(xs, 0.005), xs, "huge range");
  CheckBound(Sketch(xs, 0.02), xs, "huge range a=0.02");
}

TEST(QuantileSketchTest, ConstantAndSingleValues) {
  const std::vector<double> single = {-2.5};
  const QuantileSketch one = Sketch(single, 0.005);
  for (double q : kQuantiles) EXPECT_EQ(one.Quantile(q), -2.5);
  std::vector<double> constant(1000, 3.7);
  const QuantileSketch c = Sketch(constant, 0.005);
  // Clamping to [min, max] makes a constant sequence exact.
  for (double q : kQuantiles) EXPECT_EQ(c.Quantile(q), 3.7);
  const QuantileSketch zeros = Sketch(std::vector<double>(50, 0.0), 0.005);
  EXPECT_EQ(zeros.Quantile(0.5), 0.0);
  EXPECT_EQ(zeros.min(), 0.0);
  EXPECT_EQ(zeros.max(), 0.0);
}

TEST(QuantileSketchTest, MergeEqualsSequential) {
  std::vector<double> xs = Mixed(11, 6000);
  const std::vector<double> more = LogNormal(12, 6000);
  xs.insert(xs.end(), more.begin(), more.end());
  const QuantileSketch all = Sketch(xs, 0.005);
  for (size_t split : {size_t{0}, size_t{1}, size_t{5000}, xs.size()}) {
    QuantileSketch a = Sketch(std::vector<double>(xs.begin(), xs.begin() + split), 0.005);
    const QuantileSketch b = Sketch(std::vector<double>(xs.begin() + split, xs.end()), 0.005);
    a.Merge(b);
    EXPECT_EQ(a.count(), all.count());
    for (int i = 0; i <= 100; ++i) {
      // Same buckets, same counts: identical answers, not just within the bound.
      EXPECT_EQ(a.Quantile(i / 100.0), all.Quantile(i / 100.0)) << "split " << split;
    }
    CheckBound(a, xs, "merged at " + std::to_string(split));
  }
}

TEST(QuantileSketchTest, SelfMerge) {
  const std::vector<double> xs = LogNormal(5, 1000);
  QuantileSketch s = Sketch(xs, 0.01);
  s.Merge(s);
  std::vector<double> twice = xs;
  twice.insert(twice.end(), xs.begin(), xs.end());
  CheckBound(s, twice, "self merge");
}

TEST(QuantileSketchDeathTest, ContractChecks) {
  EXPECT_DEATH({ QuantileSketch bad(0.0); }, "relative accuracy");
  EXPECT_DEATH({ QuantileSketch bad(1.0); }, "relative accuracy");
  QuantileSketch empty;
  EXPECT_DEATH((void)empty.Quantile(0.5), "empty");
  QuantileSketch s(0.01);
  s.Add(1.0);
  EXPECT_DEATH((void)s.Quantile(1.5), "0 <= q <= 1");
  EXPECT_DEATH(s.Add(std::nan("")), "isfinite");
  QuantileSketch other(0.02);
  EXPECT_DEATH(s.Merge(other), "equal relative accuracy");
}

}  // namespace
}  // namespace recoup::sim
