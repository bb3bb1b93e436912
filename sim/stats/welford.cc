#include "sim/stats/welford.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace recoup::sim {
namespace {

// Neumaier's improved Kahan summation step: sum += x, with the lost low part kept in `comp`.
void CompensatedAdd(double x, double& sum, double& comp) {
  const double t = sum + x;
  if (std::abs(sum) >= std::abs(x)) {
    comp += (sum - t) + x;
  } else {
    comp += (x - t) + sum;
  }
  sum = t;
}

}  // namespace

void Welford::Add(double x) {
  ++count_;
  if (count_ == 1) {
    shift_ = x;
    mean_ = 0.0;
    m2_ = 0.0;
    min_ = x;
    max_ = x;
  } else {
    const double y = x - shift_;
    const double delta = y - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (y - mean_);
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  CompensatedAdd(x, sum_, sum_compensation_);
}

void Welford::Merge(const Welford& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  // Copy first: `other` may alias *this.
  const Welford b = other;
  const double na = static_cast<double>(count_);
  const double nb = static_cast<double>(b.count_);
  const double n = na + nb;
  // b's mean relative to our shift.
  const double delta = ((b.shift_ - shift_) + b.mean_) - mean_;
  mean_ += delta * (nb / n);
  m2_ += b.m2_ + delta * delta * (na * nb / n);
  count_ += b.count_;
  min_ = std::min(min_, b.min_);
  max_ = std::max(max_, b.max_);
  CompensatedAdd(b.sum_, sum_, sum_compensation_);
  CompensatedAdd(b.sum_compensation_, sum_, sum_compensation_);
}

double Welford::variance() const {
  if (count_ < 2) return 0.0;
  return std::max(0.0, m2_ / static_cast<double>(count_ - 1));
}

double Welford::stddev() const { return std::sqrt(variance()); }

double Welford::min() const {
  return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : min_;
}

double Welford::max() const {
  return count_ == 0 ? std::numeric_limits<double>::quiet_NaN() : max_;
}

}  // namespace recoup::sim
