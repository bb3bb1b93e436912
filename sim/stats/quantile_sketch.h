// QuantileSketch: a streaming quantile estimator with a guaranteed relative error (DDSketch,
// Masson, Rim & Lee, VLDB 2019), for latency-like KPIs (waiting time p95, handle time p99) where
// keeping every observation is too expensive.
//
// Error bound. Let the sketch hold n observations and let x_(0) <= ... <= x_(n-1) be them sorted
// ascending. For any q in [0, 1], with r = floor(q * (n - 1)) evaluated in double arithmetic,
// Quantile(q) returns v with
//     |v - x_(r)| <= a * |x_(r)|,       a = relative_accuracy(),
// so zeros are returned exactly and the sign is always right. q = 0 and q = 1 return the exact
// minimum and maximum. The bound is guaranteed for 1e-6 <= a < 1 and observations that are zero or
// normal doubles (|x| >= DBL_MIN); for smaller a, or subnormal |x|, it holds up to double rounding
// (about 1e-13 relative). It does not depend on n or on the distribution. After Merge the bound
// holds for the combined sequence.
//
// How: positive x is counted in bucket k = floor(log(x) / log(gamma)), gamma = (1 + a) / (1 - a),
// i.e. [gamma^k, gamma^(k+1)), whose every member is within a of 2 gamma^(k+1) / (gamma + 1).
// Negative values use a mirrored store keyed by |x|; zeros have their own count. (Internally gamma
// uses a * (1 - 1e-6) so floating-point rounding cannot push the error past a.) Buckets live in
// dense vectors from the smallest to the largest key seen, so memory is about
// log(max|x| / min|x|) / (2a) counters per sign (about 1400 for six decades at a = 0.005), never
// more than twice that, and results are deterministic (no hashing).
#ifndef RECOUP_SIM_STATS_QUANTILE_SKETCH_H_
#define RECOUP_SIM_STATS_QUANTILE_SKETCH_H_

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim {

class QuantileSketch {
 public:
  // `relative_accuracy` a must satisfy 0 < a < 1 (checked); see the bound above.
  explicit QuantileSketch(double relative_accuracy = 0.005);

  // Records `x`, which must be finite (checked). O(1) amortised: a log, a floor, an increment;
  // allocates only when x falls outside the key range seen so far.
  void Add(double x) {
    RECOUP_CHECK(std::isfinite(x));
    if (count_ == 0) {
      min_ = x;
      max_ = x;
    } else {
      if (x < min_) min_ = x;
      if (x > max_) max_ = x;
    }
    ++count_;
    if (x > 0.0) {
      positive_.Add(Key(x), 1);
    } else if (x < 0.0) {
      negative_.Add(Key(-x), 1);
    } else {
      ++zero_count_;
    }
  }
  // Adds every observation of `other`, which must have the same relative_accuracy() (checked).
  // `other` may be *this.
  void Merge(const QuantileSketch& other);

  // Number of observations added (including through Merge).
  int64_t count() const { return count_; }
  // The estimate of the q-quantile described in the header comment. Requires count() > 0 and
  // 0 <= q <= 1 (checked). O(number of buckets).
  double Quantile(double q) const;
  // Exact smallest / largest observation; count() > 0 is checked.
  double min() const;
  double max() const;
  // The `a` given at construction.
  double relative_accuracy() const { return relative_accuracy_; }

 private:
  // Counters for keys offset_ .. offset_ + counts_.size() - 1.
  class Store {
   public:
    void Add(int64_t key, int64_t n) {
      int64_t index = key - offset_;
      if (index < 0 || index >= static_cast<int64_t>(counts_.size())) [[unlikely]] {
        index = Grow(key);
      }
      counts_[static_cast<size_t>(index)] += n;
      total_ += n;
    }
    void Merge(const Store& other);
    // Key of the bucket holding the rank-th smallest (ascending=true) or largest key's item,
    // 0 <= rank < total(). Linear in the number of buckets.
    int64_t KeyAtRank(int64_t rank, bool ascending) const;
    int64_t total() const { return total_; }

   private:
    // Makes room for `key` (amortised: at least doubles the size); returns its index.
    int64_t Grow(int64_t key);

    std::vector<int64_t> counts_;
    int64_t offset_ = 0;
    int64_t total_ = 0;
  };

  int64_t Key(double magnitude) const {
    return static_cast<int64_t>(std::floor(std::log(magnitude) * inverse_log_gamma_));
  }
  // Representative magnitude of bucket `key`.
  double Value(int64_t key) const;

  double relative_accuracy_;
  double log_gamma_;
  double inverse_log_gamma_;
  double value_factor_;  // 2 gamma / (gamma + 1).
  Store positive_;
  Store negative_;  // Keyed by |x|.
  int64_t zero_count_ = 0;
  int64_t count_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_STATS_QUANTILE_SKETCH_H_
