#include "sim/org/events/rolling_counter.h"

#include <algorithm>

#include "core/base/check.h"

namespace recoup::sim::org::events {

RollingCounter::RollingCounter(Duration window, Duration resolution)
    : window_(window), resolution_ns_(resolution.nanos()) {
  RECOUP_CHECK_MSG(resolution_ns_ > 0, "RollingCounter: resolution must be > 0");
  RECOUP_CHECK_MSG(window > Duration::Zero(), "RollingCounter: window must be > 0");
  RECOUP_CHECK_MSG(window.nanos() % resolution_ns_ == 0,
                   "RollingCounter: window must be a whole multiple of resolution");
  const int64_t buckets = window.nanos() / resolution_ns_;
  RECOUP_CHECK_MSG(buckets <= kMaxBuckets, "RollingCounter: too many buckets");
  counts_.assign(static_cast<std::size_t>(buckets), 0);
}

int64_t RollingCounter::BucketOf(Timestamp t) const {
  // Floor division, so buckets stay aligned before the epoch too.
  const int64_t ns = t.unix_nanos();
  int64_t bucket = ns / resolution_ns_;
  if (ns % resolution_ns_ < 0) --bucket;
  return bucket;
}

std::size_t RollingCounter::SlotOf(int64_t bucket) const {
  const int64_t size = static_cast<int64_t>(counts_.size());
  int64_t slot = bucket % size;
  if (slot < 0) slot += size;
  return static_cast<std::size_t>(slot);
}

void RollingCounter::AdvanceTo(int64_t bucket) {
  if (newest_bucket_ == kNoBucket) {
    newest_bucket_ = bucket;
    return;
  }
  if (bucket <= newest_bucket_) return;
  const int64_t size = static_cast<int64_t>(counts_.size());
  if (bucket - newest_bucket_ >= size) {
    std::fill(counts_.begin(), counts_.end(), 0);
    total_ = 0;
  } else {
    for (int64_t b = newest_bucket_ + 1; b <= bucket; ++b) {
      int64_t& slot = counts_[SlotOf(b)];
      total_ -= slot;
      slot = 0;
    }
  }
  newest_bucket_ = bucket;
}

void RollingCounter::Add(Timestamp now, int64_t count) {
  RECOUP_CHECK_MSG(count >= 0, "RollingCounter::Add: negative count");
  const int64_t bucket = BucketOf(now);
  AdvanceTo(bucket);
  if (bucket <= newest_bucket_ - static_cast<int64_t>(counts_.size())) return;  // already expired
  counts_[SlotOf(bucket)] += count;
  total_ += count;
}

int64_t RollingCounter::Total(Timestamp now) {
  AdvanceTo(BucketOf(now));
  return total_;
}

}  // namespace recoup::sim::org::events
