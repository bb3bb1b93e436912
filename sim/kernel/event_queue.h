// Pending events and the d-ary min-heap that holds them while few are pending (event_set.h).
//
// Order is deterministic: earlier time first, then earlier insertion (FIFO among simultaneous
// events). The payload is opaque here; the kernel tags it with what to run (kernel.h). Cancellation is
// lazy: the kernel marks targets stale instead of searching the heap (see Kernel::PushProcessWake).
// The arity was chosen by measurement (BM_HeapHold in bench/micro/kernel_bench.cc): 4 was the fastest
// of 2, 4 and 8 at 1e3 and 1e5 pending events, and within run-to-run noise of 8 at 1e6 (docs/kernel.md).
#ifndef RECOUP_SIM_KERNEL_EVENT_QUEUE_H_
#define RECOUP_SIM_KERNEL_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim {

struct PendingEvent {
  int64_t time;      // Unix nanoseconds (Timestamp::unix_nanos()).
  uint64_t seq;      // Insertion sequence, unique per kernel; breaks ties FIFO.
  uint64_t payload;  // What to run; interpreted by the kernel.
};

inline bool Before(const PendingEvent& a, const PendingEvent& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

template <int kArity>
class DaryHeap {
  static_assert(kArity >= 2, "a heap needs at least two children per node");

 public:
  bool empty() const { return v_.empty(); }
  std::size_t size() const { return v_.size(); }
  void reserve(std::size_t n) { v_.reserve(n); }
  void clear() { v_.clear(); }

  // The earliest event. Requires !empty().
  const PendingEvent& top() const {
    RECOUP_DCHECK(!v_.empty());
    return v_.front();
  }

  void push(const PendingEvent& e) {
    std::size_t i = v_.size();
    v_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!Before(e, v_[parent])) break;
      v_[i] = v_[parent];
      i = parent;
    }
    v_[i] = e;
  }

  // Removes the earliest event. Requires !empty().
  void pop() {
    RECOUP_DCHECK(!v_.empty());
    const PendingEvent last = v_.back();
    v_.pop_back();
    if (!v_.empty()) SiftDown(last);
  }

  // pop() followed by push(e), in one sift: the "hold" operation of a simulation loop.
  void replace_top(const PendingEvent& e) {
    RECOUP_DCHECK(!v_.empty());
    SiftDown(e);
  }

 private:
  // Places `e` into the hole at the root and sifts it down.
  void SiftDown(const PendingEvent& e) {
    const std::size_t n = v_.size();
    std::size_t i = 0;
    while (true) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (Before(v_[c], v_[best])) best = c;
      }
      if (!Before(v_[best], e)) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = e;
  }

  std::vector<PendingEvent> v_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_EVENT_QUEUE_H_
