// RollingCounter: how many things happened in the last `window` of (injected) time, for the org's
// rolling allocations (24 h of API requests, 1 h of published events, ...).
//
// Time is cut into buckets of `resolution` aligned on the Unix epoch; a count added at time t lands
// in t's bucket and counts until the start of that bucket plus `window`. So with a 24 h window and
// 1 min resolution a request made at 10:00:30 counts until 10:00:00 the next day: the window is
// rolling to within one bucket, and memory is window / resolution counters (1,440 for 24 h by the
// minute), whatever the traffic. Add and Total are O(1) amortized (a jump of more than a window
// clears the ring once).
//
// Time may go backwards a little (two server threads inject "now" in either order): a count for an
// earlier bucket still inside the window lands in that bucket; one already outside the window is
// not counted (it would have expired already).
//
// Not thread-safe: the owner (ApiLimits) serialises access.
#ifndef RECOUP_SIM_ORG_EVENTS_ROLLING_COUNTER_H_
#define RECOUP_SIM_ORG_EVENTS_ROLLING_COUNTER_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "core/base/time.h"

namespace recoup::sim::org::events {

class RollingCounter {
 public:
  // The most buckets a counter may have (window / resolution); bounds its memory to 8 MiB.
  static constexpr int64_t kMaxBuckets = int64_t{1} << 20;

  // Requires resolution > 0, window > 0, window a whole multiple of resolution and at most
  // kMaxBuckets buckets (checked: configuration is validated before it gets here).
  RollingCounter(Duration window, Duration resolution);

  // Adds `count` (>= 0, checked) at time `now`.
  void Add(Timestamp now, int64_t count);

  // The sum of the counts that still count at `now`.
  int64_t Total(Timestamp now);

  Duration window() const { return window_; }
  Duration resolution() const { return Duration::Nanoseconds(resolution_ns_); }

 private:
  static constexpr int64_t kNoBucket = std::numeric_limits<int64_t>::min();

  int64_t BucketOf(Timestamp t) const;
  std::size_t SlotOf(int64_t bucket) const;
  void AdvanceTo(int64_t bucket);

  Duration window_;
  int64_t resolution_ns_;
  std::vector<int64_t> counts_;  // ring indexed by bucket mod size
  int64_t newest_bucket_ = kNoBucket;
  int64_t total_ = 0;
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_ROLLING_COUNTER_H_
