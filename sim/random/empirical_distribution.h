// EmpiricalDistribution: draws that reproduce an observed sample (payment amounts, call
// durations...) when no parametric family fits, fed by a RandomStream.
//
// Two methods, chosen at Create:
//  - kInterpolate (default): the inverse of the piecewise-linear empirical CDF through the order
//    statistics x(0) <= ... <= x(n-1), with x(i) at probability i / (n - 1) (the "type 7" quantile
//    of Hyndman and Fan, R's and NumPy's default). Draws are continuous on [x(0), x(n-1)]: never
//    outside the observed range, and values between observations are possible. One draw per sample.
//  - kResample: plain resampling (the bootstrap): each draw is one of the observations, each with
//    probability 1 / n. Use it for discrete data (counts, categories coded as numbers).
#ifndef RECOUP_SIM_RANDOM_EMPIRICAL_DISTRIBUTION_H_
#define RECOUP_SIM_RANDOM_EMPIRICAL_DISTRIBUTION_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "core/base/statusor.h"
#include "sim/random/random_stream.h"

namespace recoup::sim {

class EmpiricalDistribution {
 public:
  enum class Method { kInterpolate, kResample };

  // The distribution of `sample` (any order; copied and sorted). InvalidArgument if `sample` is
  // empty or holds a NaN or infinite value (the message names its index in `sample`).
  static StatusOr<EmpiricalDistribution> Create(std::vector<double> sample,
                                                Method method = Method::kInterpolate);

  // One draw: Quantile(stream.Uniform01()) for kInterpolate (exactly one stream draw); a uniformly
  // chosen observation, via stream.Below(size()), for kResample.
  double Sample(RandomStream& stream) const;

  // The inverse CDF at `q` in [0, 1] (checked). kInterpolate: linear interpolation between order
  // statistics, Quantile(0) = min(), Quantile(1) = max(). kResample: the inverse of the step ECDF,
  // the smallest observation x with (number of observations <= x) / n >= q; Quantile(0) = min().
  double Quantile(double q) const;

  Method method() const { return method_; }
  // The number of observations (>= 1).
  std::size_t size() const { return sorted_.size(); }
  double min() const { return sorted_.front(); }
  double max() const { return sorted_.back(); }
  // The observations in ascending order.
  const std::vector<double>& sorted_sample() const { return sorted_; }

 private:
  EmpiricalDistribution(std::vector<double> sorted, Method method)
      : sorted_(std::move(sorted)), method_(method) {}

  std::vector<double> sorted_;
  Method method_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_RANDOM_EMPIRICAL_DISTRIBUTION_H_
