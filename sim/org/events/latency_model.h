// LatencyModel: how long the org takes to answer each kind of request, for the simulation (the
// OrgPort adapter charges it as simulated time) and for the HTTP server's optional injected delay.
//
// Each operation kind (org_operation.h) has a distribution, set by configuration:
//   constant   value_ms
//   lognormal  median_ms and p99_ms: exp(N(mu, sigma^2)) with mu = ln(median) and
//              sigma = (ln(p99) - ln(median)) / z(0.99), z the standard normal quantile; p99 ==
//              median gives a constant. The contract's suggestion for REST is median 150 ms, p99
//              1.5 s (reference/salesforce-api.md section 7; our assumption, not Salesforce's).
//   empirical  samples_ms, interpolated (default) or resampled (EmpiricalDistribution).
// Defaults (DefaultLatencyConfig): lognormal 150 ms / 1.5 s for every REST operation, 100 ms /
// 800 ms for token, 5 s / 120 s for bulk.
//
// Draws: Sample(op, request_id, attempt) is the inverse CDF of the distribution at one uniform
// draw, the draw at index `attempt` of the keyed stream ("org.latency.<op>", request_id). It
// therefore depends only on (seed, operation, request id, attempt): reproducible, and independent
// of the order in which requests are simulated or of any other stream.
//
// Immutable after Create: every method is const and thread-safe.
#ifndef RECOUP_SIM_ORG_EVENTS_LATENCY_MODEL_H_
#define RECOUP_SIM_ORG_EVENTS_LATENCY_MODEL_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/org_operation.h"
#include "sim/random/empirical_distribution.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::org::events {

// One operation's distribution, as configuration states it (milliseconds).
struct LatencySpec {
  std::string kind = "lognormal";      // "constant" | "lognormal" | "empirical"
  double value_ms = 0;                 // constant: >= 0
  double median_ms = 150;              // lognormal: > 0
  double p99_ms = 1'500;               // lognormal: >= median_ms
  std::vector<double> samples_ms;      // empirical: non-empty, each >= 0
  std::string method = "interpolate";  // empirical: "interpolate" | "resample"
};

struct LatencyConfig {
  LatencySpec default_spec;                       // operations not listed below
  std::map<std::string, LatencySpec> operations;  // keyed by operation name ("query", ...)
};

// The defaults described above.
LatencyConfig DefaultLatencyConfig();

class LatencyModel {
 public:
  // Validates `config` and builds the model. InvalidArgument naming the field, e.g.
  // "latency.operations.query.p99_ms: must be >= median_ms (150), got 100",
  // "latency.operations.foo: unknown operation; expected one of retrieve, query, ...",
  // "latency.default.kind: unknown kind 'normal'; expected constant, lognormal or empirical",
  // "latency.operations.bulk.samples_ms[3]: must be finite and >= 0, got -1".
  static StatusOr<LatencyModel> Create(const LatencyConfig& config, uint64_t seed);

  // The latency of attempt `attempt` (0 for the first try) of request `request_id` doing `op`.
  // Always >= 0.
  Duration Sample(OrgOperation op, uint64_t request_id, uint64_t attempt = 0) const;

  // The distribution's quantile at `q` in (0, 1) (checked), in milliseconds: what Sample returns
  // for a uniform draw equal to q.
  double QuantileMs(OrgOperation op, double q) const;

 private:
  enum class Kind : uint8_t { kConstant, kLognormal, kEmpirical };
  struct Distribution {
    Kind kind = Kind::kConstant;
    double value_ms = 0;
    double mu = 0;
    double sigma = 0;
    std::optional<EmpiricalDistribution> empirical;
  };

  LatencyModel() = default;

  std::array<Distribution, kOrgOperationCount> distributions_;
  std::array<uint64_t, kOrgOperationCount> stream_keys_{};
};

// The standard normal quantile z(q) for q in (0, 1): -sqrt(2) erfc^-1(2q).
double StandardNormalQuantile(double q);

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_LATENCY_MODEL_H_
