#include "sim/random/distributions.h"

#include <cmath>
#include <string>

#include "core/base/status.h"

namespace recoup::sim {

StatusOr<LognormalParams> LognormalFromMeanStddev(double mean, double stddev) {
  if (!std::isfinite(mean) || mean <= 0) {
    return InvalidArgumentError("LognormalFromMeanStddev: mean must be finite and > 0, got " +
                                std::to_string(mean));
  }
  if (!std::isfinite(stddev) || stddev < 0) {
    return InvalidArgumentError("LognormalFromMeanStddev: stddev must be finite and >= 0, got " +
                                std::to_string(stddev));
  }
  const double ratio = stddev / mean;
  // log1p keeps small coefficients of variation accurate.
  const double variance = std::log1p(ratio * ratio);
  return LognormalParams{.mu = std::log(mean) - variance / 2, .sigma = std::sqrt(variance)};
}

StatusOr<DiscreteDistribution> DiscreteDistribution::Create(const std::vector<double>& weights) {
  if (weights.empty()) {
    return InvalidArgumentError("DiscreteDistribution: no weights (need at least one outcome)");
  }
  double total = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double w = weights[i];
    if (!std::isfinite(w) || w < 0) {
      return InvalidArgumentError("DiscreteDistribution: weight[" + std::to_string(i) +
                                  "] must be finite and >= 0, got " + std::to_string(w));
    }
    total += w;
  }
  if (!(total > 0) || !std::isfinite(total)) {
    return InvalidArgumentError(
        "DiscreteDistribution: weights must have a positive, finite sum, got " +
        std::to_string(total));
  }
  return DiscreteDistribution(weights);
}

}  // namespace recoup::sim
