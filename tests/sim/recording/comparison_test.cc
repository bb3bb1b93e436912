// Champion vs challenger: paired intervals and the variance reduction of common random numbers.
#include "sim/recording/comparison.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/recording/kpi_definitions.h"

namespace recoup::sim::recording {
namespace {

double SampleVariance(const std::vector<double>& x) {
  double mean = 0;
  for (const double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double ss = 0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return ss / static_cast<double>(x.size() - 1);
}

TEST(ComparisonTest, PairedIntervalAndVarianceRatio) {
  const std::vector<double> champion = {1, 2, 3, 4};
  const std::vector<double> challenger = {1.5, 2.4, 3.6, 4.3};
  const std::vector<double> champion_ind = {1, 3, 2, 4.5};
  const std::vector<double> challenger_ind = {2.5, 1.8, 4.1, 3.2};
  const KpiComparison c =
      CompareKpi("rpc_rate", "ratio", champion, challenger, champion_ind, challenger_ind, 0.95);
  EXPECT_EQ(c.kpi, "rpc_rate");
  EXPECT_EQ(c.replications, 4);
  EXPECT_DOUBLE_EQ(c.champion_mean, 2.5);
  EXPECT_DOUBLE_EQ(c.challenger_mean, 2.95);
  EXPECT_NEAR(c.difference, 0.45, 1e-12);
  EXPECT_NEAR(c.var_paired, 0.05 / 3, 1e-12);
  // t_{0.975, 3} = 3.182446305.
  EXPECT_NEAR(c.half_width, 3.182446305 * std::sqrt(0.05 / 3 / 4), 1e-8);
  EXPECT_NEAR(c.ci_low(), 0.45 - c.half_width, 1e-12);
  EXPECT_NEAR(c.ci_high(), 0.45 + c.half_width, 1e-12);
  const double var_ind = SampleVariance(champion_ind) + SampleVariance(challenger_ind);
  EXPECT_NEAR(c.var_independent, var_ind, 1e-12);
  EXPECT_NEAR(c.variance_ratio, var_ind / (0.05 / 3), 1e-9);
  EXPECT_EQ(c.independent_replications, 4);
  EXPECT_GT(c.independent_half_width, c.half_width);
}

TEST(ComparisonTest, UndefinedWithTooFewReplications) {
  const std::vector<double> one = {1};
  const std::vector<double> two = {2};
  const KpiComparison c = CompareKpi("x", "ratio", one, two, {}, {}, 0.95);
  EXPECT_DOUBLE_EQ(c.difference, 1);
  EXPECT_TRUE(std::isnan(c.half_width));
  EXPECT_TRUE(std::isnan(c.var_paired));
  EXPECT_TRUE(std::isnan(c.var_independent));
  EXPECT_TRUE(std::isnan(c.variance_ratio));
  EXPECT_EQ(c.independent_replications, 0);
}

TEST(ComparisonTest, IdenticalDifferencesGiveAnInfiniteRatio) {
  const std::vector<double> a = {1, 2, 3};
  const std::vector<double> b = {2, 3, 4};
  const KpiComparison c = CompareKpi("x", "ratio", a, b, a, b, 0.95);
  EXPECT_DOUBLE_EQ(c.half_width, 0);
  EXPECT_TRUE(std::isinf(c.variance_ratio));
}

// Outcomes driven by a large per-replication "luck" term shared by both arms under common random
// numbers: pairing cancels it, independent seeds do not.
TEST(ComparisonTest, CommonRandomNumbersShrinkTheVariance) {
  std::vector<double> champion, challenger, champion_ind, challenger_ind;
  for (int r = 0; r < 20; ++r) {
    const double luck = static_cast<double>((r * 37) % 23) - 11.0;      // spread ~ +-11
    const double other = static_cast<double>((r * 53 + 7) % 19) - 9.0;  // another seed's luck
    const double noise = 0.1 * static_cast<double>((r * 13) % 5 - 2);   // arm-specific
    champion.push_back(100 + luck);
    challenger.push_back(102 + luck + noise);
    champion_ind.push_back(100 + luck);
    challenger_ind.push_back(102 + other + noise);
  }
  const KpiComparison c =
      CompareKpi("x", "ratio", champion, challenger, champion_ind, challenger_ind, 0.95);
  EXPECT_NEAR(c.difference, 2.0, 0.1);
  EXPECT_TRUE(c.ci_low() <= 2.0 && 2.0 <= c.ci_high());
  EXPECT_GT(c.variance_ratio, 100);
  EXPECT_GT(c.independent_half_width, 10 * c.half_width);
}

ReplicationKpis Rep(int r, double champion, double challenger) {
  ReplicationKpis rep;
  rep.replication = r;
  rep.seed = 100 + r;
  rep.arms.push_back({0, std::vector<double>(kKpiCount, champion), {}});
  rep.arms.push_back({1, std::vector<double>(kKpiCount, challenger), {}});
  return rep;
}

TEST(ComparisonTest, CompareArmsCoversEveryKpi) {
  const std::vector<ReplicationKpis> paired = {Rep(0, 1, 2), Rep(1, 2, 4), Rep(2, 3, 5)};
  const std::vector<ReplicationKpis> independent = {Rep(3, 1, 3), Rep(4, 4, 6), Rep(5, 2, 3)};
  StatusOr<std::vector<KpiComparison>> rows =
      CompareArms(paired, 0, 1, independent, independent, 0.95);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(kKpiCount));
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const KpiComparison& c = (*rows)[i];
    EXPECT_EQ(c.kpi, KpiDefinitions()[i].name);
    EXPECT_EQ(c.unit, KpiDefinitions()[i].unit);
    EXPECT_EQ(c.champion_arm, 0);
    EXPECT_EQ(c.challenger_arm, 1);
    EXPECT_NEAR(c.difference, 5.0 / 3, 1e-12);
    EXPECT_EQ(c.independent_replications, 3);
  }
}

TEST(ComparisonTest, CompareArmsErrors) {
  std::vector<ReplicationKpis> paired = {Rep(0, 1, 2), Rep(1, 2, 4)};
  EXPECT_FALSE(CompareArms(paired, 1, 1).ok());
  EXPECT_FALSE(CompareArms({}, 0, 1).ok());
  paired[1].arms.pop_back();
  const StatusOr<std::vector<KpiComparison>> rows = CompareArms(paired, 0, 1);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("paired replication 1 (seed 101): no arm 1"),
            std::string_view::npos);
}

}  // namespace
}  // namespace recoup::sim::recording
