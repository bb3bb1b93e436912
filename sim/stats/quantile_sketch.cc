#include "sim/stats/quantile_sketch.h"

#include <algorithm>
#include <utility>

namespace recoup::sim {
namespace {

// Internal accuracy is this fraction of the stated one, leaving room for rounding in log/exp.
constexpr double kAccuracySafety = 1.0 - 1e-6;
// Buckets allocated the first time a store sees a key.
constexpr int64_t kInitialBuckets = 128;

}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy) : relative_accuracy_(relative_accuracy) {
  RECOUP_CHECK_MSG(relative_accuracy > 0.0 && relative_accuracy < 1.0,
                   "QuantileSketch relative accuracy must be in (0, 1)");
  const double a = relative_accuracy * kAccuracySafety;
  const double gamma = (1.0 + a) / (1.0 - a);
  log_gamma_ = std::log1p(2.0 * a / (1.0 - a));
  inverse_log_gamma_ = 1.0 / log_gamma_;
  value_factor_ = 2.0 * gamma / (gamma + 1.0);
}

void QuantileSketch::Merge(const QuantileSketch& other) {
  RECOUP_CHECK_MSG(other.relative_accuracy_ == relative_accuracy_,
                   "QuantileSketch::Merge needs equal relative accuracy");
  if (other.count_ == 0) return;
  if (&other == this) {
    const QuantileSketch copy = other;
    Merge(copy);
    return;
  }
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  zero_count_ += other.zero_count_;
  positive_.Merge(other.positive_);
  negative_.Merge(other.negative_);
}

double QuantileSketch::Quantile(double q) const {
  RECOUP_CHECK_MSG(count_ > 0, "QuantileSketch::Quantile of an empty sketch");
  RECOUP_CHECK_MSG(q >= 0.0 && q <= 1.0, "QuantileSketch::Quantile needs 0 <= q <= 1");
  const int64_t rank = static_cast<int64_t>(std::floor(q * static_cast<double>(count_ - 1)));
  if (rank <= 0) return min_;
  if (rank >= count_ - 1) return max_;
  double v;
  if (rank < negative_.total()) {
    // Ascending order of x is descending order of |x|.
    v = -Value(negative_.KeyAtRank(rank, /*ascending=*/false));
  } else if (rank < negative_.total() + zero_count_) {
    return 0.0;
  } else {
    v = Value(positive_.KeyAtRank(rank - negative_.total() - zero_count_, /*ascending=*/true));
  }
  // The true order statistic lies in [min, max]; clamping can only move v closer to it.
  return std::clamp(v, min_, max_);
}

double QuantileSketch::min() const {
  RECOUP_CHECK(count_ > 0);
  return min_;
}

double QuantileSketch::max() const {
  RECOUP_CHECK(count_ > 0);
  return max_;
}

double QuantileSketch::Value(int64_t key) const {
  return std::exp(static_cast<double>(key) * log_gamma_) * value_factor_;
}

void QuantileSketch::Store::Merge(const Store& other) {
  if (other.total_ == 0) return;
  // Grow once to cover other's whole key range, then add bucket by bucket.
  const int64_t other_size = static_cast<int64_t>(other.counts_.size());
  int64_t first = 0;
  while (other.counts_[static_cast<size_t>(first)] == 0) ++first;
  int64_t last = other_size - 1;
  while (other.counts_[static_cast<size_t>(last)] == 0) --last;
  for (int64_t i = first; i <= last; ++i) {
    const int64_t n = other.counts_[static_cast<size_t>(i)];
    if (n != 0) Add(other.offset_ + i, n);
  }
}

int64_t QuantileSketch::Store::KeyAtRank(int64_t rank, bool ascending) const {
  RECOUP_CHECK(rank >= 0 && rank < total_);
  const int64_t size = static_cast<int64_t>(counts_.size());
  int64_t seen = 0;
  for (int64_t j = 0; j < size; ++j) {
    const int64_t i = ascending ? j : size - 1 - j;
    seen += counts_[static_cast<size_t>(i)];
    if (seen > rank) return offset_ + i;
  }
  RECOUP_CHECK_MSG(false, "QuantileSketch store total out of sync");
  return 0;
}

int64_t QuantileSketch::Store::Grow(int64_t key) {
  const int64_t size = static_cast<int64_t>(counts_.size());
  if (size == 0) {
    offset_ = key - kInitialBuckets / 2;
    counts_.assign(static_cast<size_t>(kInitialBuckets), 0);
    return key - offset_;
  }
  const int64_t low = offset_;
  const int64_t high = offset_ + size - 1;
  if (key < low) {
    const int64_t new_size = std::max(high - key + 1, 2 * size);
    const int64_t new_offset = high - new_size + 1;
    std::vector<int64_t> grown(static_cast<size_t>(new_size), 0);
    std::copy(counts_.begin(), counts_.end(), grown.begin() + (low - new_offset));
    counts_ = std::move(grown);
    offset_ = new_offset;
  } else {
    const int64_t new_size = std::max(key - low + 1, 2 * size);
    counts_.resize(static_cast<size_t>(new_size), 0);
  }
  return key - offset_;
}

}  // namespace recoup::sim
