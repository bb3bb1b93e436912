#include "sim/kernel/ladder_queue.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim {
namespace {

constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();
constexpr int kFirstClass = 2;            // the smallest block: 4 events
constexpr int kLastClass = 31;            // the largest block: 2^31 events
constexpr std::size_t kSlabEvents = 512;  // small blocks are carved from slabs of this many events

// The first time after `t`, saturating. An event at kMaxTime may then land above an equal-time
// event pushed earlier; the order stays right because seq grows with every push.
int64_t After(int64_t t) { return t == kMaxTime ? t : t + 1; }

struct ByTimeSeq {
  bool operator()(const PendingEvent& a, const PendingEvent& b) const { return Before(a, b); }
};

int ClassOf(uint32_t capacity) { return std::countr_zero(capacity); }

}  // namespace

PendingEvent* LadderQueue::BlockPool::Allocate(int size_class) {
  RECOUP_CHECK(size_class <= kLastClass);
  const std::size_t block = std::size_t{1} << size_class;
  if (size_class > kLargestPooled) {
    large_bytes_ += block * sizeof(PendingEvent);
    return std::allocator<PendingEvent>().allocate(block);
  }
  std::vector<PendingEvent*>& free = free_[static_cast<std::size_t>(size_class)];
  if (free.empty()) {
    const std::size_t blocks = std::max<std::size_t>(1, kSlabEvents / block);
    slabs_.push_back({std::make_unique<PendingEvent[]>(blocks * block), size_class});
    slab_bytes_ += blocks * block * sizeof(PendingEvent);
    trim_below_ = std::max(trim_below_, slab_bytes_ / 4);
    for (std::size_t i = blocks; i-- > 0;) free.push_back(slabs_.back().events.get() + i * block);
  }
  used_bytes_ += block * sizeof(PendingEvent);
  PendingEvent* p = free.back();
  free.pop_back();
  return p;
}

void LadderQueue::BlockPool::Free(PendingEvent* block, int size_class) {
  const std::size_t bytes = (std::size_t{1} << size_class) * sizeof(PendingEvent);
  if (size_class > kLargestPooled) {
    std::allocator<PendingEvent>().deallocate(block, std::size_t{1} << size_class);
    large_bytes_ -= bytes;
    return;
  }
  free_[static_cast<std::size_t>(size_class)].push_back(block);
  used_bytes_ -= bytes;
  if (used_bytes_ < trim_below_ && slab_bytes_ > kTrimFloorBytes) Trim();
}

void LadderQueue::BlockPool::Trim() {
  // A slab can go when each of its blocks is on its size's free list: count them with the free
  // lists sorted by address. Reordering the free lists changes which memory later buckets get,
  // never an event's order.
  const std::less<> less;  // a total order on pointers into different slabs
  for (std::vector<PendingEvent*>& f : free_) std::sort(f.begin(), f.end(), less);
  std::vector<std::pair<PendingEvent*, PendingEvent*>> dead;  // [first, last) of the slabs freed
  for (Slab& slab : slabs_) {
    const std::size_t block = std::size_t{1} << slab.size_class;
    const std::size_t blocks = std::max<std::size_t>(1, kSlabEvents / block);
    const std::vector<PendingEvent*>& f = free_[static_cast<std::size_t>(slab.size_class)];
    PendingEvent* const first = slab.events.get();
    PendingEvent* const last = first + blocks * block;
    const auto lo = std::lower_bound(f.begin(), f.end(), first, less);
    const auto hi = std::lower_bound(lo, f.end(), last, less);
    if (static_cast<std::size_t>(hi - lo) != blocks) continue;
    dead.emplace_back(first, last);
    slab_bytes_ -= blocks * block * sizeof(PendingEvent);
  }
  if (!dead.empty()) {
    std::sort(dead.begin(), dead.end(),
              [&less](const auto& a, const auto& b) { return less(a.first, b.first); });
    // Whether `p` lies in a slab being freed.
    const auto in_dead = [&dead, &less](const PendingEvent* p) {
      const auto starts_after = [&less](const PendingEvent* x, const auto& d) {
        return less(x, d.first);
      };
      auto it = std::upper_bound(dead.begin(), dead.end(), p, starts_after);
      return it != dead.begin() && less(p, (--it)->second);
    };
    for (std::vector<PendingEvent*>& f : free_) std::erase_if(f, in_dead);
    std::erase_if(slabs_, [&](const Slab& slab) { return in_dead(slab.events.get()); });
  }
  trim_below_ = used_bytes_ / 2;
}

LadderQueue::TopList::~TopList() {
  clear();
  for (PendingEvent* b : blocks_) std::allocator<PendingEvent>().deallocate(b, kBlockEvents);
}

void LadderQueue::TopList::AddBlock() {
  if (used_ == blocks_.size()) {
    blocks_.push_back(std::allocator<PendingEvent>().allocate(kBlockEvents));
  }
  next_ = blocks_[used_++];
  end_ = next_ + kBlockEvents;
}

void LadderQueue::TopList::clear() {
  // One spare block stays, for queues whose top tier never outgrows it.
  for (std::size_t i = 1; i < blocks_.size(); ++i) {
    std::allocator<PendingEvent>().deallocate(blocks_[i], kBlockEvents);
  }
  if (blocks_.size() > 1) blocks_.erase(blocks_.begin() + 1, blocks_.end());
  used_ = 0;
  next_ = end_ = nullptr;
  size_ = 0;
}

void LadderQueue::TopList::Swap(TopList& other) noexcept {
  using std::swap;
  swap(blocks_, other.blocks_);
  swap(used_, other.used_);
  swap(next_, other.next_);
  swap(end_, other.end_);
  swap(size_, other.size_);
}

std::size_t LadderQueue::BlockPool::MemoryBytes() const {
  std::size_t bytes = slab_bytes_ + large_bytes_ + slabs_.capacity() * sizeof(slabs_[0]);
  for (const std::vector<PendingEvent*>& f : free_) bytes += f.capacity() * sizeof(f[0]);
  return bytes;
}

void LadderQueue::Grow(Bucket& b, std::size_t capacity) {
  int size_class = kFirstClass;
  while ((std::size_t{1} << size_class) < capacity) ++size_class;
  PendingEvent* data = pool_.Allocate(size_class);
  std::copy(b.data, b.data + b.size, data);
  if (b.data != nullptr) pool_.Free(b.data, ClassOf(b.capacity));
  b.data = data;
  b.capacity = uint32_t{1} << size_class;
}

void LadderQueue::Release(Bucket& b) {
  if (b.data != nullptr) pool_.Free(b.data, ClassOf(b.capacity));
  b = Bucket{};
}

void LadderQueue::Swap(LadderQueue& other) noexcept {
  using std::swap;
  swap(size_, other.size_);
  swap(run_, other.run_);
  swap(head_, other.head_);
  swap(late_, other.late_);
  swap(late_limit_, other.late_limit_);
  swap(rungs_, other.rungs_);
  swap(depth_, other.depth_);
  swap(top_, other.top_);
  swap(top_start_, other.top_start_);
  swap(top_min_, other.top_min_);
  swap(top_max_, other.top_max_);
  swap(pool_, other.pool_);
  swap(counts_, other.counts_);
}

void LadderQueue::clear() {
  for (int i = 0; i < depth_; ++i) {
    Rung& r = rungs_[static_cast<std::size_t>(i)];
    for (std::size_t b = r.cur; b <= r.last; ++b) Release(r.buckets[b]);
  }
  depth_ = 0;
  top_.clear();
  ResetTopRange();
  run_.size = 0;
  head_ = 0;
  late_.clear();
  late_limit_ = kLateLimit;
  size_ = 0;
}

std::size_t LadderQueue::MemoryBytes() const {
  std::size_t bytes = sizeof(*this) + pool_.MemoryBytes() +
                      late_.capacity() * sizeof(PendingEvent) + top_.MemoryBytes();
  for (const Rung& r : rungs_) bytes += r.buckets.capacity() * sizeof(Bucket);
  return bytes;
}

void LadderQueue::StartWith(const PendingEvent& e) {
  RECOUP_DCHECK(depth_ == 0 && top_.empty() && late_.empty());
  run_.size = 0;
  head_ = 0;
  Append(run_, e);
  top_start_ = After(e.time);
}

void LadderQueue::CompactRun() {
  std::copy(run_.data + head_, run_.data + run_.size, run_.data);
  run_.size -= static_cast<uint32_t>(head_);
  head_ = 0;
}

LadderQueue::Rung& LadderQueue::BuildRung(int slot, int64_t lo, int64_t hi, std::size_t count) {
  RECOUP_DCHECK(lo < hi && count > 0);
  Rung& r = rungs_[static_cast<std::size_t>(slot)];
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  const uint64_t target = std::max<uint64_t>(1, count / kPerBucket);
  // The narrowest power-of-two width giving at most `target` buckets over [lo, hi].
  r.shift = std::min(static_cast<int>(std::bit_width(span / target)), 63);
  r.start = lo;
  r.lo = lo;
  r.cur = 0;
  r.last = static_cast<std::size_t>(span >> r.shift);
  if (r.buckets.size() <= r.last) r.buckets.resize(r.last + 1);
  return r;
}

template <typename EachRange>
void LadderQueue::Distribute(Rung& r, EachRange each) {
  // Counting first gives each bucket its final block at once: growing them one push at a time would
  // leave the pool holding every intermediate size as well (about twice the memory).
  counts_.assign(r.last + 1, 0);
  each([&](const PendingEvent* first, const PendingEvent* last) {
    for (; first != last; ++first) ++counts_[r.BucketOf(first->time)];
  });
  for (std::size_t i = 0; i <= r.last; ++i) {
    Bucket& b = r.buckets[i];
    if (b.size + counts_[i] > b.capacity) Grow(b, b.size + counts_[i]);
  }
  each([&](const PendingEvent* first, const PendingEvent* last) {
    for (; first != last; ++first) {
      Bucket& b = r.buckets[r.BucketOf(first->time)];
      b.data[b.size++] = *first;
    }
  });
}

void LadderQueue::Refill() {
  head_ = 0;
  run_.size = 0;
  late_limit_ = kLateLimit;
  if (size_ == 0) {  // keep run_'s block for the next StartWith
    RECOUP_DCHECK(top_.empty() && late_.empty());
    depth_ = 0;
    ResetTopRange();
    return;
  }
  for (;;) {
    if (depth_ == 0) {  // everything left is in top_: open a new epoch
      RECOUP_DCHECK(!top_.empty());
      const int64_t lo = top_min_;
      const int64_t hi = top_max_;
      top_start_ = After(hi);
      ResetTopRange();
      if (top_.size() <= kSpawnThreshold || lo == hi) {
        if (run_.capacity < top_.size()) Grow(run_, top_.size());
        PendingEvent* out = run_.data;
        top_.ForEachRange([&out](const PendingEvent* first, const PendingEvent* last) {
          out = std::copy(first, last, out);
        });
        run_.size = static_cast<uint32_t>(top_.size());
        top_.clear();
        break;
      }
      Distribute(BuildRung(0, lo, hi, top_.size()), [this](auto fn) { top_.ForEachRange(fn); });
      top_.clear();
      depth_ = 1;
      continue;
    }
    Rung& r = rungs_[static_cast<std::size_t>(depth_ - 1)];
    while (r.cur <= r.last && r.buckets[r.cur].size == 0) ++r.cur;
    if (r.cur > r.last) {  // defensive: the last bucket holds the rung's latest event until taken
      --depth_;
      continue;
    }
    Bucket taken = std::exchange(r.buckets[r.cur++], Bucket{});
    if (r.cur > r.last) {
      --depth_;
    } else {
      r.lo = static_cast<int64_t>(static_cast<uint64_t>(r.start) +
                                  (static_cast<uint64_t>(r.cur) << r.shift));
    }
    if (taken.size > kSpawnThreshold && depth_ < kMaxRungs) {
      const auto [min, max] = std::minmax_element(
          taken.data, taken.data + taken.size,
          [](const PendingEvent& a, const PendingEvent& b) { return a.time < b.time; });
      if (min->time < max->time) {  // spread it over a finer rung (possibly in the slot just freed)
        Distribute(BuildRung(depth_, min->time, max->time, taken.size),
                   [&taken](auto fn) { fn(taken.data, taken.data + taken.size); });
        Release(taken);
        ++depth_;
        continue;
      }
    }
    Release(run_);
    run_ = taken;
    break;
  }
  // A bucket holds its events in push order; one whose times are all equal is already sorted.
  if (!std::is_sorted(run_.data, run_.data + run_.size, ByTimeSeq{})) {
    std::sort(run_.data, run_.data + run_.size, ByTimeSeq{});
  }
}

void LadderQueue::SpillBottom() {
  late_limit_ *= 2;  // if this fails, try again only after as many more arrivals
  if (depth_ == kMaxRungs) return;
  int64_t lo = late_.front().time;
  int64_t hi = lo;
  for (const PendingEvent& e : late_) hi = std::max(hi, e.time);
  if (head_ < run_.size) {  // the run is sorted, and late_'s root is its minimum
    lo = std::min(lo, run_.data[head_].time);
    hi = std::max(hi, run_.data[run_.size - 1].time);
  }
  if (lo == hi) return;
  // The new rung is the deepest: it covers [lo, boundary of the rung above), like the bottom did.
  Rung& r = BuildRung(depth_, lo, hi, late_.size() + (run_.size - head_));
  Distribute(r, [this](auto fn) {
    fn(run_.data + head_, run_.data + run_.size);
    fn(late_.data(), late_.data() + late_.size());
  });
  ++depth_;
  late_.clear();
  Refill();
}

}  // namespace recoup::sim
