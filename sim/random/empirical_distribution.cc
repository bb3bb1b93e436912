#include "sim/random/empirical_distribution.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/base/check.h"
#include "core/base/status.h"

namespace recoup::sim {

StatusOr<EmpiricalDistribution> EmpiricalDistribution::Create(std::vector<double> sample,
                                                              Method method) {
  if (sample.empty()) {
    return InvalidArgumentError("EmpiricalDistribution: the sample is empty (need >= 1 value)");
  }
  for (std::size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample[i])) {
      return InvalidArgumentError("EmpiricalDistribution: sample[" + std::to_string(i) + "] is " +
                                  (std::isnan(sample[i]) ? "NaN" : "infinite") +
                                  "; every value must be finite");
    }
  }
  std::sort(sample.begin(), sample.end());
  return EmpiricalDistribution(std::move(sample), method);
}

double EmpiricalDistribution::Sample(RandomStream& stream) const {
  if (method_ == Method::kResample) return sorted_[stream.Below(sorted_.size())];
  return Quantile(stream.Uniform01());
}

double EmpiricalDistribution::Quantile(double q) const {
  RECOUP_CHECK_MSG(q >= 0 && q <= 1, "EmpiricalDistribution::Quantile: q must be in [0, 1]");
  const std::size_t n = sorted_.size();
  if (method_ == Method::kResample) {
    // Smallest k (1-based) with k / n >= q, as a 0-based index.
    const double k = std::ceil(q * static_cast<double>(n));
    const std::size_t index = k <= 1 ? 0 : static_cast<std::size_t>(k) - 1;
    return sorted_[std::min(index, n - 1)];
  }
  if (n == 1 || q >= 1) return sorted_.back();
  const double position = q * static_cast<double>(n - 1);
  const std::size_t lower = std::min(static_cast<std::size_t>(position), n - 2);
  const double fraction = position - static_cast<double>(lower);
  const double a = sorted_[lower];
  const double b = sorted_[lower + 1];
  // The clamp keeps rounding from leaving [a, b], so quantiles are monotone in q.
  return std::clamp(a + fraction * (b - a), a, b);
}

}  // namespace recoup::sim
