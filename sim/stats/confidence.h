// Confidence intervals for simulation output: Student-t intervals over independent replications,
// and batch means for a single long run (observation sequences and time-weighted signals).
//
// Batch means cuts a steady-state run into contiguous batches whose means are treated as roughly
// independent and normal. Both BatchMeans and TimeBatchMeans work without knowing the run length:
// they start with small batches and, whenever 2 * min_batches batches are complete, merge adjacent
// pairs (the batch size or width doubles), so there are always between min_batches and
// 2 * min_batches - 1 complete batches once min_batches have been filled. Warm-up deletion is the
// caller's job (start adding after the warm-up). Intervals are symmetric: mean +/- half_width.
#ifndef RECOUP_SIM_STATS_CONFIDENCE_H_
#define RECOUP_SIM_STATS_CONFIDENCE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "core/base/check.h"
#include "core/base/time.h"
#include "sim/stats/welford.h"

namespace recoup::sim {

// A two-sided confidence interval mean +/- half_width at confidence `level` (e.g. 0.95), from a
// Student t with `dof` degrees of freedom. half_width >= 0, in the units of the data.
struct ConfidenceInterval {
  double mean = 0.0;
  double half_width = 0.0;
  double level = 0.0;
  double dof = 0.0;

  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
  // lower() <= x <= upper().
  bool Contains(double x) const { return lower() <= x && x <= upper(); }
};

// The p-quantile of Student's t distribution with `dof` degrees of freedom (dof may be
// fractional). Requires 0 < p < 1 and dof > 0 (checked). E.g. StudentTQuantile(0.975, 10) =
// 2.228138852; for large dof it tends to the normal quantile (1.959963985 at p = 0.975).
double StudentTQuantile(double p, double dof);

// Interval for the expectation from independent, identically distributed `values` (one per
// replication): sample mean +/- t_{(1+level)/2, n-1} * s / sqrt(n). Requires n >= 2 and
// 0 < level < 1 (checked).
ConfidenceInterval ReplicationInterval(std::span<const double> values, double level);

// Batch means over an observation sequence of unknown length (waiting times in arrival order...).
// Batch k holds observations [k * batch_size(), (k + 1) * batch_size()); observations after the
// last complete batch form a partial batch that Interval() ignores.
class BatchMeans {
 public:
  // `min_batches` must be >= 2 (checked). Starts with batch size 1.
  explicit BatchMeans(int min_batches = 32);

  // Records the next observation. O(1) amortised (a merge of 2 * min_batches batches happens at
  // most once per min_batches * batch_size() observations).
  void Add(double x);

  // Observations added, including those in the trailing partial batch.
  int64_t count() const { return all_.count(); }
  // Complete batches, count() / batch_size(): always <= 2 * min_batches - 1, and >= min_batches
  // once count() >= min_batches.
  int batches() const { return static_cast<int>(batch_means_.size()); }
  // Observations per complete batch; a power of two.
  int64_t batch_size() const { return batch_size_; }
  // Mean of ALL observations added (partial batch included); 0 when none.
  double mean() const { return all_.mean(); }
  // Mean of the complete batches' means +/- t_{(1+level)/2, batches-1} * s_batch / sqrt(batches).
  // Requires batches() >= 2 and 0 < level < 1 (checked).
  ConfidenceInterval Interval(double level) const;

 private:
  int min_batches_;
  int64_t batch_size_ = 1;
  std::vector<double> batch_means_;  // Complete batches, oldest first.
  double partial_sum_ = 0.0;
  int64_t partial_count_ = 0;
  Welford all_;
};

// Batch means for a piecewise-constant signal over simulated time (queue length, utilisation).
// Batch k covers [start + k * w, start + (k + 1) * w) for the current width w; its mean is the
// signal's time average over that span, so a change inside a batch is weighted by the time it
// holds and an interval spanning a boundary is split between the batches exactly (nanosecond
// timestamps).
class TimeBatchMeans {
 public:
  // Observes from `start` with the signal at `initial_value`. `initial_width` > 0 and
  // `min_batches` >= 2 are checked. Pick initial_width well below run length / min_batches.
  TimeBatchMeans(Timestamp start, Duration initial_width, int min_batches = 32,
                 double initial_value = 0.0);

  // The signal becomes `value` at `t`; `t` must be >= the last change (checked). O(1) amortised:
  // O(1) plus O(1) amortised per batch completed by the elapsed time.
  void Set(Timestamp t, double value) {
    RECOUP_CHECK(t >= last_change_);
    if (t < batch_end_) [[likely]] {
      Accumulate(t);
    } else {
      AdvanceAcrossBatches(t);
    }
    value_ = value;
  }

  // The value now held.
  double current() const { return value_; }
  // Complete batches as of the last Set; see BatchMeans::batches().
  int batches() const { return static_cast<int>(batch_means_.size()); }
  // Current batch width (initial_width times a power of two).
  Duration batch_width() const { return width_; }
  // Time average over [start, until], the current value holding until `until`; current() when
  // until == start. `until` must be >= the last change (checked).
  double Mean(Timestamp until) const;
  // Interval over the batches complete by `until` (the current value holding until then; the
  // trailing partial batch is ignored): mean of batch means +/- t_{(1+level)/2, k-1} * s / sqrt(k).
  // Requires until >= the last change, at least 2 complete batches and 0 < level < 1 (checked).
  ConfidenceInterval Interval(Timestamp until, double level) const;

 private:
  // Adds value_ over [last_change_, t] with t <= batch_end_.
  void Accumulate(Timestamp t) {
    const double area = value_ * (t - last_change_).ToSecondsDouble();
    partial_integral_ += area;
    total_integral_ += area;
    last_change_ = t;
  }
  // As Set's time advance when t >= batch_end_: closes every batch that ends by t.
  void AdvanceAcrossBatches(Timestamp t);

  Timestamp start_;
  Duration width_;
  int min_batches_;
  double value_;
  Timestamp last_change_;
  Timestamp batch_end_;              // End of the batch in progress.
  double partial_integral_ = 0.0;    // Over [batch start, last_change_], value x seconds.
  double total_integral_ = 0.0;      // Over [start_, last_change_], value x seconds.
  std::vector<double> batch_means_;  // Complete batches' time averages, oldest first.
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_STATS_CONFIDENCE_H_
