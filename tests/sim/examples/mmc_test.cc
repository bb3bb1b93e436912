// The M/M/c example against the exact Erlang C and Erlang A values, computed here from the formulas
// (not by the code under test): every estimate's 99% confidence interval must contain the exact value.
#include "sim/examples/mmc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace recoup::sim::examples {
namespace {

struct Exact {
  double mean_wq, p_wait, service_level, p_abandon, utilization;
};

// Erlang C via the Erlang B recursion: C = c B / (c - a (1 - B)), a = lam / mu.
Exact ErlangC(double lam, double mu, int c, double t) {
  const double a = lam / mu;
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double pw = c * b / (c - a * (1 - b));
  const double gap = c * mu - lam;
  return {pw / gap, pw, 1 - pw * std::exp(-gap * t), 0.0, a / c};
}

// Erlang A (M/M/c+M) from its birth-death chain: pi_n proportional to prod lam / (min(k,c) mu +
// max(k-c,0) theta). An arrival that finds j = n - c >= 0 waiting stays in queue
// W = min(patience, S_j), where S_j is a sum of Exp(c mu + k theta), k = j..0 (it advances when someone
// ahead is served or abandons), so P(W > t) = exp(-theta t) P(S_j > t). P(S_j > t) is computed by
// uniformising the pure-death chain of those stages.
Exact ErlangA(double lam, double mu, int c, double theta, double t) {
  const int n_max = c + 4000;
  std::vector<double> w(n_max + 1);
  w[0] = 1;
  for (int n = 1; n <= n_max; ++n) {
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    w[n] = w[n - 1] * lam / death;
  }
  double total = 0;
  for (double x : w) total += x;
  double pw = 0, queue = 0, busy = 0;
  for (int n = 0; n <= n_max; ++n) {
    const double pi = w[n] / total;
    if (n >= c) pw += pi;
    queue += std::max(n - c, 0) * pi;
    busy += std::min(n, c) * pi;
  }
  // Survival of S_j for all j at once: u_m(j) = P(not through all stages after m uniformised jumps).
  int j_max = 0;
  while (j_max + c < n_max && w[c + j_max] / total > 1e-16) ++j_max;
  const double rate_max = c * mu + j_max * theta;
  std::vector<double> u(j_max + 1, 1.0), next(j_max + 1);
  std::vector<double> survive(j_max + 1, 0.0);
  const double lt = rate_max * t;
  double pois = std::exp(-lt);  // Poisson(m; lt), m = 0
  double mass = 0;
  for (int m = 0; mass < 1 - 1e-15 && m < 100000; ++m) {
    for (int j = 0; j <= j_max; ++j) survive[j] += pois * u[j];
    mass += pois;
    for (int j = 0; j <= j_max; ++j) {
      const double down = (c * mu + j * theta) / rate_max;
      next[j] = (1 - down) * u[j] + down * (j > 0 ? u[j - 1] : 0.0);
    }
    u.swap(next);
    pois *= lt / (m + 1);
  }
  double late = 0;
  for (int j = 0; j <= j_max; ++j) late += w[c + j] / total * std::exp(-theta * t) * survive[j];
  return {queue / lam, pw, 1 - late, theta * queue / lam, busy / c};
}

struct Case {
  std::string name;
  double lam, mu;
  int c;
  double theta;  // < 0: none (Erlang C)
  double t;
  int64_t customers;
  uint64_t seed;
};

class MmcAgainstErlang : public ::testing::TestWithParam<Case> {};

void ExpectCovered(const std::string& what, const MmcMetric& m, double exact) {
  EXPECT_TRUE(m.ci99.Contains(exact))
      << what << ": exact " << exact << " not in 99% interval " << m.ci99.mean << " +/- "
      << m.ci99.half_width << " (point estimate " << m.value << ")";
  EXPECT_GT(m.ci99.half_width, m.ci95.half_width - 1e-15) << what;
}

TEST_P(MmcAgainstErlang, ExactValuesLieInsideThe99PercentIntervals) {
  const Case& k = GetParam();
  MmcParams p;
  p.lam = k.lam;
  p.mu = k.mu;
  p.c = k.c;
  if (k.theta >= 0) p.theta = k.theta;
  p.t_sl = k.t;
  p.customers = k.customers;
  p.seed = k.seed;
  StatusOr<MmcResult> r = SimulateMmc(p);
  ASSERT_TRUE(r.ok()) << r.status();
  const Exact e = k.theta >= 0 ? ErlangA(k.lam, k.mu, k.c, k.theta, k.t) : ErlangC(k.lam, k.mu, k.c, k.t);
  ExpectCovered("mean_wq", r->mean_wq, e.mean_wq);
  ExpectCovered("p_wait", r->p_wait, e.p_wait);
  ExpectCovered("service_level", r->service_level, e.service_level);
  ExpectCovered("utilization", r->utilization, e.utilization);
  if (k.theta > 0) {
    ExpectCovered("p_abandon", r->p_abandon, e.p_abandon);
  } else {
    EXPECT_EQ(r->p_abandon.value, 0.0);
  }
  // The intervals are informative, not vacuous: relative half-widths of a few percent at most.
  EXPECT_LT(r->p_wait.ci95.half_width, 0.05);
  EXPECT_LT(r->utilization.ci95.half_width, 0.02);
  EXPECT_EQ(r->measured, k.customers - k.customers / 10);
}

INSTANTIATE_TEST_SUITE_P(
    Erlang, MmcAgainstErlang,
    ::testing::Values(Case{"C_c10_rho09", 9, 1, 10, -1, 0.5, 400'000, 1},
                      Case{"C_c1_rho07", 0.7, 1, 1, -1, 1.0, 400'000, 2},
                      Case{"C_c50_rho095", 47.5, 1, 50, -1, 0.1, 400'000, 3},
                      Case{"A_c20_overloaded", 22, 1, 20, 0.5, 0.2, 400'000, 4},
                      Case{"A_c5_theta1", 4, 1, 5, 1.0, 0.5, 400'000, 5},
                      Case{"A_c100_theta02", 95, 1, 100, 0.2, 0.05, 400'000, 6}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });

TEST(ErlangFormulasTest, ErlangAWithoutAbandonmentIsErlangC) {
  // Cross-check of the two exact computations in this file (theta -> 0 on a stable system).
  const Exact c = ErlangC(9, 1, 10, 0.5);
  const Exact a = ErlangA(9, 1, 10, 1e-12, 0.5);
  EXPECT_NEAR(a.p_wait, c.p_wait, 1e-9);
  EXPECT_NEAR(a.mean_wq, c.mean_wq, 1e-6);
  EXPECT_NEAR(a.service_level, c.service_level, 1e-6);
  EXPECT_NEAR(c.p_wait, 0.6687, 1e-4);  // the textbook value of C(10, 9)
}

TEST(MmcTest, SameSeedSameTraceDifferentSeedDifferentTrace) {
  MmcParams p;
  p.lam = 18;
  p.mu = 1;
  p.c = 20;
  p.theta = 0.5;
  p.customers = 50'000;
  p.seed = 11;
  const StatusOr<MmcResult> a = SimulateMmc(p);
  const StatusOr<MmcResult> b = SimulateMmc(p);
  p.seed = 12;
  const StatusOr<MmcResult> c = SimulateMmc(p);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->trace_hash, b->trace_hash);
  EXPECT_EQ(a->events_processed, b->events_processed);
  EXPECT_EQ(a->mean_wq.value, b->mean_wq.value);
  EXPECT_NE(a->trace_hash, c->trace_hash);
}

TEST(MmcTest, InvalidParametersAreRejectedWithTheirName) {
  MmcParams p;
  p.lam = 10;
  p.mu = 1;
  p.c = 10;  // lam == c * mu, no abandonment: no steady state
  p.customers = 10'000;
  StatusOr<MmcResult> r = SimulateMmc(p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("lam"), std::string::npos) << r.status();
  p.c = 0;
  r = SimulateMmc(p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("c:"), std::string::npos) << r.status();
  p.c = 20;
  p.theta = -1;
  r = SimulateMmc(p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("theta"), std::string::npos) << r.status();
  p.theta.reset();
  p.customers = 10;
  r = SimulateMmc(p);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("customers"), std::string::npos) << r.status();
}

}  // namespace
}  // namespace recoup::sim::examples
