// Welford: streaming mean, variance, extremes and sum of a sequence of observations in one pass and
// O(1) memory, numerically stable (Welford's update; Chan et al.'s pairwise formula for Merge).
//
// Use it for per-entity tallies (waiting times, handle times) and to summarise replications. It
// weights every observation equally; for a signal held over simulated time use TimeWeighted.
#ifndef RECOUP_SIM_STATS_WELFORD_H_
#define RECOUP_SIM_STATS_WELFORD_H_

#include <cstdint>

namespace recoup::sim {

class Welford {
 public:
  Welford() = default;

  // Records one observation. `x` should be finite; a NaN or infinity poisons every statistic.
  void Add(double x);
  // Folds `other` in: afterwards *this summarises the concatenation of both sequences (up to
  // floating-point rounding, which Chan et al.'s formula keeps at the level of Add). Merging an
  // empty accumulator is a no-op; `other` may be *this.
  void Merge(const Welford& other);

  // Number of observations added (including through Merge).
  int64_t count() const { return count_; }
  // Arithmetic mean; 0 when count() == 0.
  double mean() const { return shift_ + mean_; }
  // Sample variance, sum of squared deviations / (n - 1); 0 when count() < 2.
  double variance() const;
  // Square root of variance(); 0 when count() < 2.
  double stddev() const;
  // Smallest / largest observation; NaN when count() == 0.
  double min() const;
  double max() const;
  // Sum of the observations, with Neumaier compensation; 0 when count() == 0.
  double sum() const { return sum_ + sum_compensation_; }

 private:
  int64_t count_ = 0;
  // The first observation. Statistics are kept for x - shift_, which keeps full precision when the
  // data sit far from zero relative to their spread (e.g. 1e9 + small offsets).
  double shift_ = 0.0;
  double mean_ = 0.0;  // Mean of x - shift_.
  double m2_ = 0.0;    // Sum of squared deviations from the running mean.
  double min_ = 0.0;
  double max_ = 0.0;
  double sum_ = 0.0;
  double sum_compensation_ = 0.0;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_STATS_WELFORD_H_
