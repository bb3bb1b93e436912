// Distributions: the continuous and discrete distributions the simulated world draws from, as thin
// helpers over Boost.Random fed by a RandomStream (DESIGN.md section 3).
//
// Each helper takes the stream by reference and its parameters per call; constructing the Boost
// distribution per call costs nothing measurable for these (their tables are static), so there is
// no distribution object to keep next to the stream. The values are a deterministic function of the
// stream's position and the parameters for a given Boost version: Boost.Random's algorithms are not
// guaranteed stable across Boost releases, so results are reproducible per toolchain (Boost 1.74
// here).
//
// Parameters are preconditions, not input: scenarios validate them when loaded. They are checked in
// debug builds only (hot paths); out-of-range parameters in release builds give unspecified values.
// The number of draws a helper consumes is unspecified unless stated (rejection samplers loop).
#ifndef RECOUP_SIM_RANDOM_DISTRIBUTIONS_H_
#define RECOUP_SIM_RANDOM_DISTRIBUTIONS_H_

#include <boost/random/beta_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/base/check.h"
#include "core/base/statusor.h"
#include "sim/random/random_stream.h"

namespace recoup::sim {

// Uniform on the open interval (low, high) up to rounding (low < high, finite). One draw.
inline double Uniform(RandomStream& stream, double low, double high) {
  RECOUP_DCHECK(low < high);
  return low + (high - low) * stream.Uniform01();
}

// Exponential with `rate` > 0 (events per unit): mean 1 / rate, variance 1 / rate^2, values >= 0.
// Marsaglia-Tsang ziggurat (Boost): one draw almost always (about 98.9% of calls).
inline double Exponential(RandomStream& stream, double rate) {
  RECOUP_DCHECK(rate > 0 && std::isfinite(rate));
  return boost::random::exponential_distribution<double>(rate)(stream);
}

// Normal with `mean` and standard deviation `stddev` >= 0 (ziggurat, Boost).
inline double Normal(RandomStream& stream, double mean, double stddev) {
  RECOUP_DCHECK(stddev >= 0);
  return boost::random::normal_distribution<double>(mean, stddev)(stream);
}

// Lognormal: exp(N(mu, sigma^2)), i.e. `mu` and `sigma` >= 0 are the mean and standard deviation of
// the underlying normal, not of the result (for those use LognormalFromMeanStddev). Values > 0.
inline double Lognormal(RandomStream& stream, double mu, double sigma) {
  RECOUP_DCHECK(sigma >= 0);
  return boost::random::lognormal_distribution<double>(mu, sigma)(stream);
}

// The (mu, sigma) of the normal underlying a lognormal.
struct LognormalParams {
  double mu = 0;
  double sigma = 0;
};

// The lognormal parameters whose result has this `mean` (> 0) and standard deviation `stddev` (>=
// 0): sigma^2 = log(1 + stddev^2 / mean^2), mu = log(mean) - sigma^2 / 2. InvalidArgument (naming
// the parameter) for a non-finite value, mean <= 0 or stddev < 0.
StatusOr<LognormalParams> LognormalFromMeanStddev(double mean, double stddev);

// Lognormal with the given parameters (from LognormalFromMeanStddev).
inline double Lognormal(RandomStream& stream, const LognormalParams& params) {
  return Lognormal(stream, params.mu, params.sigma);
}

// Gamma with `shape` k > 0 and `scale` theta > 0: mean k theta, variance k theta^2. Values >= 0.
inline double Gamma(RandomStream& stream, double shape, double scale) {
  RECOUP_DCHECK(shape > 0 && scale > 0);
  return boost::random::gamma_distribution<double>(shape, scale)(stream);
}

// Beta with `alpha` > 0 and `beta` > 0 on [0, 1]: mean alpha / (alpha + beta).
inline double Beta(RandomStream& stream, double alpha, double beta) {
  RECOUP_DCHECK(alpha > 0 && beta > 0);
  return boost::random::beta_distribution<double>(alpha, beta)(stream);
}

// Weibull with `shape` k > 0 and `scale` lambda > 0: P(X > x) = exp(-(x / lambda)^k), mean
// lambda Gamma(1 + 1/k). Values >= 0. One draw.
inline double Weibull(RandomStream& stream, double shape, double scale) {
  RECOUP_DCHECK(shape > 0 && scale > 0);
  return boost::random::weibull_distribution<double>(shape, scale)(stream);
}

// Poisson with `mean` >= 0 (finite): inversion below mean 10, PTRD rejection above (Boost). A mean
// of exactly 0 returns 0 and consumes no draw.
inline int64_t Poisson(RandomStream& stream, double mean) {
  RECOUP_DCHECK(mean >= 0 && std::isfinite(mean));
  if (mean <= 0) return 0;
  return boost::random::poisson_distribution<int64_t, double>(mean)(stream);
}

// True with probability `p` in [0, 1]: Uniform01() < p, so p = 0 is never and p = 1 always true.
// Exactly one draw.
inline bool Bernoulli(RandomStream& stream, double p) {
  RECOUP_DCHECK(p >= 0 && p <= 1);
  return stream.Uniform01() < p;
}

// A distribution over indices 0..n-1 with probabilities proportional to given weights (Walker's
// alias method, Boost): O(n) to build, O(1) per draw. Immutable after Create; Sample is const, so
// one instance may serve any number of streams.
class DiscreteDistribution {
 public:
  // InvalidArgument (naming the offending index) if `weights` is empty, has a negative, NaN or
  // infinite weight, or sums to zero. Zero weights are allowed: those indices are never drawn.
  static StatusOr<DiscreteDistribution> Create(const std::vector<double>& weights);

  // An index in [0, size()), index i with probability probabilities()[i].
  std::size_t Sample(RandomStream& stream) const { return distribution_(stream); }

  // The number of outcomes (the number of weights given).
  std::size_t size() const { return size_; }

  // The normalized weights (summing to 1 up to rounding).
  std::vector<double> probabilities() const { return distribution_.probabilities(); }

 private:
  explicit DiscreteDistribution(const std::vector<double>& weights)
      : distribution_(weights.begin(), weights.end()), size_(weights.size()) {}

  boost::random::discrete_distribution<std::size_t, double> distribution_;
  std::size_t size_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_RANDOM_DISTRIBUTIONS_H_
