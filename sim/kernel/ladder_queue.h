// The pending-event set as a ladder queue: O(1) amortised push and pop, a drop-in for DaryHeap.
//
// Same interface and order as DaryHeap (event_queue.h): top() is the least (time, seq), so equal
// times leave FIFO. A d-ary heap pays about log(n) cache misses per operation once the set outgrows
// the cache; this structure touches O(1) places per event on average, after Tang, Goh and Thng,
// "Ladder Queue: An O(1) priority queue structure for large-scale discrete event simulation" (ACM
// TOMACS 15(3), 2005). Three tiers, each earlier than the next:
//
//  - bottom: a sorted run consumed from the front, plus a small binary heap (late_) for events that
//    arrive inside the bottom's range behind the run's last event; top() is the lesser front;
//  - rungs (at most kMaxRungs): arrays of buckets, each an unsorted array covering 2^shift ns.
//    When the bottom runs dry, the deepest rung's next non-empty bucket is sorted into it, or, if
//    it holds more than kSpawnThreshold events of different times, spread over a finer rung below.
//    A rung is sized from the actual range of its events (~kPerBucket per bucket), and its last
//    bucket also takes everything up to its parent's boundary, so rungs never resize and skewed or
//    bimodal gaps get refined exactly where the events are;
//  - top: an unsorted list of the events at or after top_start_; rung 0 is built from it when
//    the rungs are used up, which also moves top_start_ past the latest event.
//
// A push goes to the first tier whose lower boundary it reaches (checked top-down), so equal times
// always share a tier and a bucket. Pushing at or before the current minimum lands in the bottom:
// O(1) if not before the run's last event (bursts at one time), else O(log k) in late_, which is
// spread over a new rung once it outgrows the run. Inputs that cannot be spread (all at one time,
// rungs exhausted) stay in the sorted run and the heap, so the worst case is O(log n) amortised.
//
// Not thread-safe. Memory, measured with event_set_bench.cc: about 1.1-1.7x the events' own size
// at 1e5-1e7 pending under the hold model, up to 2.4x with bimodal gaps (bucket arrays are
// power-of-two blocks from a pool; a 16-byte header per bucket). The top tier's blocks go back to
// the heap once it is spread over a rung; small bucket blocks are recycled through the pool, which
// returns whole free slabs once the blocks in use fall under a quarter of them; blocks above 2^10
// events go back to the heap.
#ifndef RECOUP_SIM_KERNEL_LADDER_QUEUE_H_
#define RECOUP_SIM_KERNEL_LADDER_QUEUE_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/base/check.h"
#include "sim/kernel/event_queue.h"

namespace recoup::sim {

class LadderQueue {
 public:
  // Tuning, chosen by measurement (bench/micro/event_set_bench.cc).
  // Target events per bucket of a new rung. 32, not the 4 that is best for the queue alone: the
  // bottom's sorted run is then long enough for the kernel to prefetch processes several events ahead.
  static constexpr std::size_t kPerBucket = 32;
  static constexpr std::size_t kSpawnThreshold = 128;  // larger buckets are spread over a new rung
  static constexpr std::size_t kLateLimit = 256;       // late_ size that triggers a respread
  static constexpr int kMaxRungs = 8;

  LadderQueue() = default;
  ~LadderQueue() {
    clear();
    Release(run_);
  }
  // Moving transfers the events and memory and leaves `other` empty; top() references die.
  LadderQueue(LadderQueue&& other) noexcept { Swap(other); }
  LadderQueue& operator=(LadderQueue&& other) noexcept {
    Swap(other);
    other.clear();
    return *this;
  }
  LadderQueue(const LadderQueue&) = delete;
  LadderQueue& operator=(const LadderQueue&) = delete;

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // Preallocates for `n` pending events (a hint; never required).
  void reserve(std::size_t n) { top_.reserve(n); }
  // Removes every event; keeps the pool's blocks for reuse (the top tier keeps one block).
  void clear();

  // The earliest event by (time, seq). Requires !empty(). Valid until the next push, pop or clear.
  const PendingEvent& top() const {
    RECOUP_DCHECK(size_ > 0);
    return TopInRun() ? run_.data[head_] : late_.front();
  }

  // The event `k` places behind top() in the sorted run, or nullptr when the run is shorter: a
  // prefetch hint for the events after the next (an event pushed meanwhile may come first).
  const PendingEvent* Ahead(std::size_t k) const {
    return head_ + k < run_.size ? &run_.data[head_ + k] : nullptr;
  }

  // Adds `e`; `e.time` may be anything, including earlier than top().time. Requires e.seq to be
  // unique and, like the kernel's insertion counter, larger than every seq pushed before (only the
  // order among events at exactly INT64_MAX ns relies on that; the rest is by (time, seq) alone).
  void push(const PendingEvent& e) {
    if (size_++ == 0) {
      StartWith(e);
      return;
    }
    if (e.time >= top_start_) {
      top_.push_back(e);
      top_min_ = std::min(top_min_, e.time);
      top_max_ = std::max(top_max_, e.time);
      return;
    }
    for (int i = 0; i < depth_; ++i) {
      Rung& r = rungs_[static_cast<std::size_t>(i)];
      if (e.time >= r.lo) {
        Append(r.buckets[r.BucketOf(e.time)], e);
        return;
      }
    }
    PushBottom(e);
  }

  // Removes top(). Requires !empty().
  void pop() {
    RECOUP_DCHECK(size_ > 0);
    if (TopInRun()) {
      ++head_;
    } else {
      std::pop_heap(late_.begin(), late_.end(), Later{});
      late_.pop_back();
    }
    --size_;
    if (head_ == run_.size && late_.empty()) Refill();
  }

  // pop() then push(e): the "hold" step of a simulation loop. Requires !empty().
  void replace_top(const PendingEvent& e) {
    pop();
    push(e);
  }

  // Bytes held, including spare capacity and bucket headers (for benchmarks and capacity planning).
  std::size_t MemoryBytes() const;

 private:
  // An unsorted array of events in a block of the pool.
  struct Bucket {
    PendingEvent* data = nullptr;
    uint32_t size = 0;
    uint32_t capacity = 0;  // 0 or a power of two
  };
  // Blocks of 2^k events. Small ones are carved from slabs and recycled through one free list per
  // size, so memory follows the pending events (a bucket's block returns here when the bucket is
  // consumed); keeping a buffer per bucket instead would retain every bucket's peak, about log(n)
  // times the events under the hold model. Large ones come from and go back to the heap. When the
  // blocks in use fall under a quarter of the slabs, the slabs whose blocks are all free go back
  // to the heap too (Trim), so a queue that drains does not keep its peak.
  class BlockPool {
   public:
    static constexpr int kLargestPooled = 10;                             // 2^10 events
    static constexpr std::size_t kTrimFloorBytes = std::size_t{1} << 20;  // never trims below

    PendingEvent* Allocate(int size_class);  // a block of 2^size_class events
    void Free(PendingEvent* block, int size_class);
    std::size_t MemoryBytes() const;

   private:
    struct Slab {
      std::unique_ptr<PendingEvent[]> events;
      int size_class = 0;
    };
    void Trim();

    std::array<std::vector<PendingEvent*>, kLargestPooled + 1> free_;
    std::vector<Slab> slabs_;
    std::size_t slab_bytes_ = 0;
    std::size_t used_bytes_ = 0;  // in slab blocks handed out
    std::size_t large_bytes_ = 0;
    // Trim when used_bytes_ falls below this: a quarter of the slabs after one is added, half the
    // use after a trim (so that slabs pinned by a few blocks in use are not scanned over and over).
    std::size_t trim_below_ = 0;
  };
  // The top tier's events, in blocks of kBlockEvents from the heap. clear() frees all but one
  // block: a vector would keep the capacity of its fullest epoch for good, and the first epoch of
  // a simulation holds every event scheduled at start-up.
  class TopList {
   public:
    static constexpr std::size_t kBlockEvents = 1024;

    TopList() = default;
    TopList(TopList&& other) noexcept { Swap(other); }
    TopList& operator=(TopList&& other) noexcept {
      Swap(other);
      return *this;
    }
    ~TopList();

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    void push_back(const PendingEvent& e) {
      if (next_ == end_) [[unlikely]] {
        AddBlock();
      }
      *next_++ = e;
      ++size_;
    }
    void clear();
    void reserve(std::size_t n) { blocks_.reserve((n + kBlockEvents - 1) / kBlockEvents); }
    // Calls fn(first, last) on each block's events, in push order.
    template <typename Fn>
    void ForEachRange(Fn&& fn) const {
      for (std::size_t i = 0; i < used_; ++i) {
        PendingEvent* first = blocks_[i];
        fn(first, i + 1 < used_ ? first + kBlockEvents : next_);
      }
    }
    std::size_t MemoryBytes() const {
      return blocks_.size() * kBlockEvents * sizeof(PendingEvent) +
             blocks_.capacity() * sizeof(PendingEvent*);
    }

   private:
    void AddBlock();
    void Swap(TopList& other) noexcept;

    std::vector<PendingEvent*> blocks_;  // the first used_ hold events; the rest are spare
    std::size_t used_ = 0;
    PendingEvent* next_ = nullptr;  // where the next event goes, in blocks_[used_ - 1]
    PendingEvent* end_ = nullptr;
    std::size_t size_ = 0;
  };
  struct Later {  // heap order for late_: the root is the earliest event
    bool operator()(const PendingEvent& a, const PendingEvent& b) const { return Before(b, a); }
  };
  struct Rung {
    int64_t start = 0;     // lower bound of bucket 0
    int64_t lo = 0;        // lower bound of bucket `cur`; earlier events belong below this rung
    int shift = 0;         // bucket width is 2^shift ns
    std::size_t cur = 0;   // first unconsumed bucket; buckets before it are empty
    std::size_t last = 0;  // index of the last bucket, which extends to the parent's boundary
    std::vector<Bucket> buckets;  // at least last + 1 entries; the extra ones are empty

    // The bucket of a time t >= lo.
    std::size_t BucketOf(int64_t t) const {
      const uint64_t i = (static_cast<uint64_t>(t) - static_cast<uint64_t>(start)) >> shift;
      return i < last ? static_cast<std::size_t>(i) : last;
    }
  };

  // Whether top() is the run's front (else late_'s root). Requires size_ > 0.
  bool TopInRun() const {
    return late_.empty() || (head_ < run_.size && !Before(late_.front(), run_.data[head_]));
  }
  void Append(Bucket& b, const PendingEvent& e) {
    if (b.size == b.capacity) [[unlikely]] {
      Grow(b, b.size + 1);
    }
    b.data[b.size++] = e;
  }
  // Moves `b` to a block of at least `capacity` events.
  void Grow(Bucket& b, std::size_t capacity);
  // Returns b's block to the pool and empties it.
  void Release(Bucket& b);
  // push() into an empty queue.
  void StartWith(const PendingEvent& e);
  // push() of an event below every rung.
  void PushBottom(const PendingEvent& e) {
    if (head_ == run_.size) head_ = run_.size = 0;
    if (run_.size == 0 || !Before(e, run_.data[run_.size - 1])) {  // keeps the run sorted
      if (head_ >= 4096 && head_ * 2 >= run_.size) CompactRun();
      Append(run_, e);
      return;
    }
    late_.push_back(e);
    std::push_heap(late_.begin(), late_.end(), Later{});
    // Respread only when late_ outweighs the run, so the respread's cost is paid by late_'s pushes.
    if (late_.size() > late_limit_ && late_.size() > run_.size - head_) SpillBottom();
  }
  void CompactRun();
  // Moves the next events into the bottom, which is empty. Resets the queue when size_ == 0.
  void Refill();
  // Sets up rung `slot` (whose buckets are empty) for `count` events in [lo, hi], lo < hi.
  Rung& BuildRung(int slot, int64_t lo, int64_t hi, std::size_t count);
  // Adds the events of every range each(fn) passes to fn(first, last) to rung `r`.
  template <typename EachRange>
  void Distribute(Rung& r, EachRange each);
  // Moves an overgrown bottom into a new rung, if its times differ and a rung is free.
  void SpillBottom();
  void ResetTopRange() {
    top_min_ = std::numeric_limits<int64_t>::max();
    top_max_ = std::numeric_limits<int64_t>::min();
  }
  void Swap(LadderQueue& other) noexcept;

  std::size_t size_ = 0;
  // Bottom: run_.data[head_, run_.size) sorted ascending, plus the heap late_.
  Bucket run_;
  std::size_t head_ = 0;
  std::vector<PendingEvent> late_;
  std::size_t late_limit_ = kLateLimit;
  // Rungs 0 .. depth_-1, coarsest first; rung i+1 lies inside the bucket rung i consumed last.
  std::array<Rung, kMaxRungs> rungs_;
  int depth_ = 0;
  // Top: events with time >= top_start_, unsorted, and their time range.
  TopList top_;
  int64_t top_start_ = 0;
  int64_t top_min_ = std::numeric_limits<int64_t>::max();
  int64_t top_max_ = std::numeric_limits<int64_t>::min();
  BlockPool pool_;                // owns the blocks of run_ and of every rung bucket
  std::vector<uint32_t> counts_;  // per-bucket counts while distributing
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_LADDER_QUEUE_H_
