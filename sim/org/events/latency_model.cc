#include "sim/org/events/latency_model.h"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <sstream>
#include <utility>

#include "core/base/check.h"

namespace recoup::sim::org::events {
namespace {

std::string Number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

Status FieldError(const std::string& path, const std::string& what) {
  return InvalidArgumentError(path + ": " + what);
}

}  // namespace

double StandardNormalQuantile(double q) {
  RECOUP_CHECK_MSG(q > 0 && q < 1, "StandardNormalQuantile: q must be in (0, 1)");
  return -std::sqrt(2.0) * boost::math::erfc_inv(2 * q);
}

LatencyConfig DefaultLatencyConfig() {
  LatencyConfig config;
  config.default_spec = LatencySpec{};  // lognormal, median 150 ms, p99 1.5 s
  LatencySpec token;
  token.median_ms = 100;
  token.p99_ms = 800;
  config.operations["token"] = token;
  LatencySpec bulk;
  bulk.median_ms = 5'000;
  bulk.p99_ms = 120'000;
  config.operations["bulk"] = bulk;
  return config;
}

StatusOr<LatencyModel> LatencyModel::Create(const LatencyConfig& config, uint64_t seed) {
  for (const auto& [name, spec] : config.operations) {
    if (!ParseOrgOperation(name).has_value()) {
      return FieldError("latency.operations." + name,
                        "unknown operation; expected one of " + OrgOperationNameList());
    }
  }
  LatencyModel model;
  const RandomStreams streams(seed);
  for (const OrgOperation op : kAllOrgOperations) {
    const std::string name(OrgOperationName(op));
    const auto listed = config.operations.find(name);
    const LatencySpec& spec =
        listed != config.operations.end() ? listed->second : config.default_spec;
    const std::string path =
        listed != config.operations.end() ? "latency.operations." + name : "latency.default";
    Distribution& d = model.distributions_[OrgOperationIndex(op)];
    if (spec.kind == "constant") {
      if (!std::isfinite(spec.value_ms) || spec.value_ms < 0) {
        return FieldError(path + ".value_ms",
                          "must be finite and >= 0, got " + Number(spec.value_ms));
      }
      d.kind = Kind::kConstant;
      d.value_ms = spec.value_ms;
    } else if (spec.kind == "lognormal") {
      if (!std::isfinite(spec.median_ms) || spec.median_ms <= 0) {
        return FieldError(path + ".median_ms",
                          "must be finite and > 0, got " + Number(spec.median_ms));
      }
      if (!std::isfinite(spec.p99_ms)) {
        return FieldError(path + ".p99_ms", "must be finite, got " + Number(spec.p99_ms));
      }
      if (spec.p99_ms < spec.median_ms) {
        return FieldError(path + ".p99_ms", "must be >= median_ms (" + Number(spec.median_ms) +
                                                "), got " + Number(spec.p99_ms));
      }
      d.kind = Kind::kLognormal;
      d.mu = std::log(spec.median_ms);
      d.sigma = (std::log(spec.p99_ms) - d.mu) / StandardNormalQuantile(0.99);
    } else if (spec.kind == "empirical") {
      if (spec.samples_ms.empty()) {
        return FieldError(path + ".samples_ms", "must hold at least one sample");
      }
      for (std::size_t i = 0; i < spec.samples_ms.size(); ++i) {
        const double v = spec.samples_ms[i];
        if (!std::isfinite(v) || v < 0) {
          return FieldError(path + ".samples_ms[" + std::to_string(i) + "]",
                            "must be finite and >= 0, got " + Number(v));
        }
      }
      EmpiricalDistribution::Method method;
      if (spec.method == "interpolate") {
        method = EmpiricalDistribution::Method::kInterpolate;
      } else if (spec.method == "resample") {
        method = EmpiricalDistribution::Method::kResample;
      } else {
        return FieldError(path + ".method",
                          "unknown method '" + spec.method + "'; expected interpolate or resample");
      }
      StatusOr<EmpiricalDistribution> empirical =
          EmpiricalDistribution::Create(spec.samples_ms, method);
      if (!empirical.ok()) return empirical.status().WithContext(path + ".samples_ms");
      d.kind = Kind::kEmpirical;
      d.empirical = std::move(empirical).value();
    } else {
      return FieldError(path + ".kind", "unknown kind '" + spec.kind +
                                            "'; expected constant, lognormal or empirical");
    }
    model.stream_keys_[OrgOperationIndex(op)] = streams.Family("org.latency." + name).key();
  }
  return model;
}

double LatencyModel::QuantileMs(OrgOperation op, double q) const {
  RECOUP_CHECK_MSG(q > 0 && q < 1, "LatencyModel::QuantileMs: q must be in (0, 1)");
  const Distribution& d = distributions_[OrgOperationIndex(op)];
  switch (d.kind) {
    case Kind::kConstant:
      return d.value_ms;
    case Kind::kLognormal:
      return d.sigma == 0 ? std::exp(d.mu) : std::exp(d.mu + d.sigma * StandardNormalQuantile(q));
    case Kind::kEmpirical:
      return d.empirical->Quantile(q);
  }
  return 0;
}

Duration LatencyModel::Sample(OrgOperation op, uint64_t request_id, uint64_t attempt) const {
  const Distribution& d = distributions_[OrgOperationIndex(op)];
  if (d.kind == Kind::kConstant) return Duration::FromSecondsDouble(d.value_ms / 1000.0);
  RandomStream stream(stream_keys_[OrgOperationIndex(op)], request_id);
  stream.Seek(attempt);
  // One uniform draw through the inverse CDF (for kResample, EmpiricalDistribution::Quantile is the
  // inverse of the step ECDF, so this is plain resampling).
  const double ms = QuantileMs(op, stream.Uniform01());
  return Duration::FromSecondsDouble(ms / 1000.0);
}

}  // namespace recoup::sim::org::events
