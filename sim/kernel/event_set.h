// The kernel's pending-event set: a 4-ary heap while few events are pending, a ladder queue when many.
//
// Both give the same order, ascending (time, seq), so which one holds the events never changes a
// result. Measured (bench/micro/event_set_bench.cc, kernel_bench.cc): with a few hundred pending
// events, as in a call centre with a hundred agents, the heap is cheapest; with 1e5 and more the
// ladder's O(1) operations win by 2-3x. The set moves its events to the ladder when it grows past
// kToLadder and back below kToHeap; the gap between the two keeps moves rare (each is O(n) and
// happens at most once per ~kToLadder - kToHeap operations).
#ifndef RECOUP_SIM_KERNEL_EVENT_SET_H_
#define RECOUP_SIM_KERNEL_EVENT_SET_H_

#include <cstddef>

#include "sim/kernel/event_queue.h"
#include "sim/kernel/ladder_queue.h"

namespace recoup::sim {

class EventSet {
 public:
  static constexpr std::size_t kToLadder = 512;
  static constexpr std::size_t kToHeap = 128;

  bool empty() const { return on_ladder_ ? ladder_.empty() : heap_.empty(); }
  std::size_t size() const { return on_ladder_ ? ladder_.size() : heap_.size(); }
  bool on_ladder() const { return on_ladder_; }

  // The earliest event by (time, seq). Requires !empty(). Valid until the next push or pop.
  const PendingEvent& top() const { return on_ladder_ ? ladder_.top() : heap_.top(); }
  // The event likely `k` places behind top(), or nullptr; see LadderQueue::Ahead. The heap holds few
  // events, all in cache, so it gives no hint.
  const PendingEvent* ahead(std::size_t k) const { return on_ladder_ ? ladder_.Ahead(k) : nullptr; }

  void push(const PendingEvent& e) {
    if (on_ladder_) {
      ladder_.push(e);
      return;
    }
    heap_.push(e);
    if (heap_.size() > kToLadder) {
      while (!heap_.empty()) {
        ladder_.push(heap_.top());
        heap_.pop();
      }
      on_ladder_ = true;
    }
  }

  void pop() {
    if (!on_ladder_) {
      heap_.pop();
      return;
    }
    ladder_.pop();
    if (ladder_.size() < kToHeap) {
      while (!ladder_.empty()) {
        heap_.push(ladder_.top());
        ladder_.pop();
      }
      on_ladder_ = false;
    }
  }

 private:
  DaryHeap<4> heap_;
  LadderQueue ladder_;
  bool on_ladder_ = false;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_EVENT_SET_H_
