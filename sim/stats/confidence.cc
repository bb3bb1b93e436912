#include "sim/stats/confidence.h"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace recoup::sim {
namespace {

void CheckLevel(double level) {
  RECOUP_CHECK_MSG(level > 0.0 && level < 1.0, "confidence level must be in (0, 1)");
}

// Student-t interval over equally weighted, roughly independent means.
ConfidenceInterval IntervalOf(std::span<const double> values, double level) {
  CheckLevel(level);
  RECOUP_CHECK_MSG(values.size() >= 2, "a confidence interval needs at least 2 values");
  Welford w;
  for (double v : values) w.Add(v);
  const double n = static_cast<double>(w.count());
  const double dof = n - 1.0;
  const double t = StudentTQuantile(0.5 + 0.5 * level, dof);
  return ConfidenceInterval{
      .mean = w.mean(), .half_width = t * w.stddev() / std::sqrt(n), .level = level, .dof = dof};
}

// Replaces 2k batch means by k means of adjacent pairs (equal-sized batches, so plain averages).
void CollapsePairs(std::vector<double>& batch_means) {
  const size_t half = batch_means.size() / 2;
  for (size_t i = 0; i < half; ++i) {
    batch_means[i] = 0.5 * (batch_means[2 * i] + batch_means[2 * i + 1]);
  }
  batch_means.resize(half);
}

}  // namespace

double StudentTQuantile(double p, double dof) {
  RECOUP_CHECK_MSG(p > 0.0 && p < 1.0, "StudentTQuantile needs 0 < p < 1");
  RECOUP_CHECK_MSG(dof > 0.0, "StudentTQuantile needs dof > 0");
  const boost::math::students_t distribution(dof);
  return boost::math::quantile(distribution, p);
}

ConfidenceInterval ReplicationInterval(std::span<const double> values, double level) {
  return IntervalOf(values, level);
}

// BatchMeans --------------------------------------------------------------------------------------

BatchMeans::BatchMeans(int min_batches) : min_batches_(min_batches) {
  RECOUP_CHECK_MSG(min_batches >= 2, "BatchMeans needs min_batches >= 2");
  batch_means_.reserve(2 * static_cast<size_t>(min_batches));
}

void BatchMeans::Add(double x) {
  all_.Add(x);
  partial_sum_ += x;
  if (++partial_count_ < batch_size_) return;
  batch_means_.push_back(partial_sum_ / static_cast<double>(batch_size_));
  partial_sum_ = 0.0;
  partial_count_ = 0;
  if (batches() == 2 * min_batches_) {
    CollapsePairs(batch_means_);
    batch_size_ *= 2;
  }
}

ConfidenceInterval BatchMeans::Interval(double level) const {
  RECOUP_CHECK_MSG(batches() >= 2, "BatchMeans::Interval needs at least 2 complete batches");
  return IntervalOf(batch_means_, level);
}

// TimeBatchMeans ----------------------------------------------------------------------------------

TimeBatchMeans::TimeBatchMeans(Timestamp start, Duration initial_width, int min_batches,
                               double initial_value)
    : start_(start),
      width_(initial_width),
      min_batches_(min_batches),
      value_(initial_value),
      last_change_(start),
      batch_end_(start + initial_width) {
  RECOUP_CHECK_MSG(initial_width > Duration::Zero(), "TimeBatchMeans needs a positive width");
  RECOUP_CHECK_MSG(min_batches >= 2, "TimeBatchMeans needs min_batches >= 2");
  batch_means_.reserve(2 * static_cast<size_t>(min_batches));
}

void TimeBatchMeans::AdvanceAcrossBatches(Timestamp t) {
  while (t >= batch_end_) {
    Accumulate(batch_end_);
    batch_means_.push_back(partial_integral_ / width_.ToSecondsDouble());
    partial_integral_ = 0.0;
    if (batches() == 2 * min_batches_) {
      CollapsePairs(batch_means_);
      width_ = width_ * 2;
    }
    // The batch in progress starts where the last complete one ended.
    batch_end_ = start_ + width_ * static_cast<int64_t>(batch_means_.size() + 1);
  }
  Accumulate(t);
}

double TimeBatchMeans::Mean(Timestamp until) const {
  RECOUP_CHECK(until >= last_change_);
  const Duration elapsed = until - start_;
  if (elapsed == Duration::Zero()) return value_;
  const double integral = total_integral_ + value_ * (until - last_change_).ToSecondsDouble();
  return integral / elapsed.ToSecondsDouble();
}

ConfidenceInterval TimeBatchMeans::Interval(Timestamp until, double level) const {
  RECOUP_CHECK(until >= last_change_);
  TimeBatchMeans advanced = *this;
  advanced.Set(until, value_);
  RECOUP_CHECK_MSG(advanced.batches() >= 2,
                   "TimeBatchMeans::Interval needs at least 2 complete batches");
  return IntervalOf(advanced.batch_means_, level);
}

}  // namespace recoup::sim
