// LatencyModel: exact quantiles of each distribution kind, sample quantiles against them with a
// fixed seed, keyed-stream reproducibility, and configuration errors.
#include "sim/org/events/latency_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace recoup::sim::org::events {
namespace {

LatencyModel MakeModel(const LatencyConfig& config, uint64_t seed = 42) {
  StatusOr<LatencyModel> model = LatencyModel::Create(config, seed);
  EXPECT_TRUE(model.ok()) << model.status();
  return std::move(model).value();
}

TEST(StandardNormalQuantileTest, KnownValues) {
  EXPECT_NEAR(StandardNormalQuantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(StandardNormalQuantile(0.99), 2.3263478740408408, 1e-12);
  EXPECT_NEAR(StandardNormalQuantile(0.975), 1.9599639845400538, 1e-12);
  EXPECT_NEAR(StandardNormalQuantile(0.01), -2.3263478740408408, 1e-12);
}

TEST(LatencyModelTest, LognormalHitsItsMedianAndP99Exactly) {
  const LatencyModel model = MakeModel(DefaultLatencyConfig());
  struct Case {
    OrgOperation op;
    double median_ms;
    double p99_ms;
  };
  const Case cases[] = {{OrgOperation::kRetrieve, 150, 1'500},
                        {OrgOperation::kQuery, 150, 1'500},
                        {OrgOperation::kToken, 100, 800},
                        {OrgOperation::kBulk, 5'000, 120'000}};
  for (const Case& c : cases) {
    EXPECT_NEAR(model.QuantileMs(c.op, 0.5), c.median_ms, c.median_ms * 1e-12);
    EXPECT_NEAR(model.QuantileMs(c.op, 0.99), c.p99_ms, c.p99_ms * 1e-12);
  }
}

// Sample quantiles of 200,000 draws against the configured ones. The standard error of the sample
// q-quantile is sqrt(q(1-q)/n) / f(x_q); for the lognormal(150 ms, 1.5 s) that is 0.44 ms at the
// median and 13 ms at p99 (f(x_q) = phi(z_q) / (x_q sigma), sigma = ln(10) / 2.326 = 0.99). The
// tolerances are about 5 standard errors (2 ms and 70 ms): a correct model fails with probability
// below 1e-6 for any seed, while a wrong sigma (e.g. log10 instead of ln) misses by far more.
TEST(LatencyModelTest, SampleQuantilesMatchTheDistribution) {
  const LatencyModel model = MakeModel(DefaultLatencyConfig(), 2026);
  constexpr int kDraws = 200'000;
  std::vector<double> ms;
  ms.reserve(kDraws);
  for (uint64_t id = 0; id < kDraws; ++id) {
    const Duration d = model.Sample(OrgOperation::kCreate, id);
    ASSERT_GE(d, Duration::Zero());
    ms.push_back(d.ToSecondsDouble() * 1000);
  }
  std::sort(ms.begin(), ms.end());
  const auto quantile = [&ms](double q) {
    return ms[static_cast<std::size_t>(q * (ms.size() - 1))];
  };
  EXPECT_NEAR(quantile(0.5), 150.0, 2.0);
  EXPECT_NEAR(quantile(0.99), 1'500.0, 70.0);
  // The mean of a lognormal is exp(mu + sigma^2 / 2) = 150 e^(0.98/2) = 245 ms; its standard
  // error here is about 0.7 ms (sd 294 ms / sqrt(n)), tolerance 5 ms.
  double sum = 0;
  for (const double v : ms) sum += v;
  const double sigma = std::log(10.0) / StandardNormalQuantile(0.99);
  EXPECT_NEAR(sum / kDraws, 150.0 * std::exp(sigma * sigma / 2), 5.0);
}

TEST(LatencyModelTest, ConstantAndEmpirical) {
  LatencyConfig config;
  config.default_spec.kind = "constant";
  config.default_spec.value_ms = 25;
  LatencySpec interpolate;
  interpolate.kind = "empirical";
  interpolate.samples_ms = {300, 100, 200};
  config.operations["query"] = interpolate;
  LatencySpec resample = interpolate;
  resample.method = "resample";
  config.operations["bulk"] = resample;
  const LatencyModel model = MakeModel(config);

  for (uint64_t id = 0; id < 100; ++id) {
    EXPECT_EQ(model.Sample(OrgOperation::kCreate, id), Duration::Milliseconds(25));
    const double q = model.Sample(OrgOperation::kQuery, id).ToSecondsDouble() * 1000;
    EXPECT_GE(q, 100 - 1e-6);
    EXPECT_LE(q, 300 + 1e-6);
    const Duration b = model.Sample(OrgOperation::kBulk, id);
    EXPECT_TRUE(b == Duration::Milliseconds(100) || b == Duration::Milliseconds(200) ||
                b == Duration::Milliseconds(300))
        << b;
  }
  EXPECT_DOUBLE_EQ(model.QuantileMs(OrgOperation::kQuery, 0.25), 150);
  EXPECT_DOUBLE_EQ(model.QuantileMs(OrgOperation::kBulk, 0.5), 200);
  EXPECT_DOUBLE_EQ(model.QuantileMs(OrgOperation::kBulk, 0.7), 300);
}

TEST(LatencyModelTest, DrawsDependOnlyOnSeedOperationRequestAndAttempt) {
  const LatencyModel a = MakeModel(DefaultLatencyConfig(), 1);
  const LatencyModel b = MakeModel(DefaultLatencyConfig(), 1);
  const LatencyModel other_seed = MakeModel(DefaultLatencyConfig(), 2);
  // Reversed call order, interleaved with other draws, gives the same values.
  std::vector<Duration> forward;
  for (uint64_t id = 0; id < 50; ++id) forward.push_back(a.Sample(OrgOperation::kUpdate, id, 0));
  for (uint64_t id = 50; id-- > 0;) {
    (void)b.Sample(OrgOperation::kQuery, id);
    EXPECT_EQ(b.Sample(OrgOperation::kUpdate, id, 0), forward[id]);
  }
  int differ_seed = 0;
  int differ_attempt = 0;
  int differ_op = 0;
  for (uint64_t id = 0; id < 50; ++id) {
    differ_seed += other_seed.Sample(OrgOperation::kUpdate, id) != forward[id];
    differ_attempt += a.Sample(OrgOperation::kUpdate, id, 1) != forward[id];
    differ_op += a.Sample(OrgOperation::kUpsert, id) != forward[id];
  }
  EXPECT_EQ(differ_seed, 50);
  EXPECT_EQ(differ_attempt, 50);
  EXPECT_EQ(differ_op, 50);
}

TEST(LatencyModelTest, ConfigurationErrorsNameTheField) {
  struct Case {
    void (*mutate)(LatencyConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](LatencyConfig& c) { c.default_spec.kind = "normal"; },
       "latency.default.kind: unknown kind 'normal'; expected constant, lognormal or empirical"},
      {[](LatencyConfig& c) { c.operations["query"].p99_ms = 100; },
       "latency.operations.query.p99_ms: must be >= median_ms (150), got 100"},
      {[](LatencyConfig& c) { c.operations["create"].median_ms = 0; },
       "latency.operations.create.median_ms: must be finite and > 0, got 0"},
      {[](LatencyConfig& c) { c.default_spec.median_ms = -5; },
       "latency.default.median_ms: must be finite and > 0, got -5"},
      {[](LatencyConfig& c) { c.default_spec.p99_ms = std::nan(""); },
       "latency.default.p99_ms: must be finite, got nan"},
      {[](LatencyConfig& c) {
         c.operations["delete"].kind = "constant";
         c.operations["delete"].value_ms = -1;
       },
       "latency.operations.delete.value_ms: must be finite and >= 0, got -1"},
      {[](LatencyConfig& c) { c.operations["bulk"].kind = "empirical"; },
       "latency.operations.bulk.samples_ms: must hold at least one sample"},
      {[](LatencyConfig& c) {
         c.operations["bulk"].kind = "empirical";
         c.operations["bulk"].samples_ms = {1, 2, 3, -1};
       },
       "latency.operations.bulk.samples_ms[3]: must be finite and >= 0, got -1"},
      {[](LatencyConfig& c) {
         c.operations["bulk"].kind = "empirical";
         c.operations["bulk"].samples_ms = {1};
         c.operations["bulk"].method = "bootstrap";
       },
       "latency.operations.bulk.method: unknown method 'bootstrap'; expected interpolate or "
       "resample"},
      {[](LatencyConfig& c) { c.operations["fetch"] = LatencySpec{}; },
       "latency.operations.fetch: unknown operation; expected one of retrieve, query, create, "
       "update, upsert, delete, composite, bulk, publish, token"},
  };
  for (const Case& c : cases) {
    LatencyConfig config = DefaultLatencyConfig();
    c.mutate(config);
    const StatusOr<LatencyModel> model = LatencyModel::Create(config, 1);
    ASSERT_FALSE(model.ok()) << c.message;
    EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(model.status().message(), c.message);
  }
  LatencyConfig flat = DefaultLatencyConfig();
  flat.default_spec.p99_ms = flat.default_spec.median_ms;  // p99 == median: a constant
  const LatencyModel constant = MakeModel(flat);
  EXPECT_EQ(constant.Sample(OrgOperation::kCreate, 3), Duration::Milliseconds(150));
}

}  // namespace
}  // namespace recoup::sim::org::events
