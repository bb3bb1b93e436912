#include "sim/kernel/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace recoup::sim {
namespace {

template <typename Heap>
std::vector<PendingEvent> Drain(Heap& h) {
  std::vector<PendingEvent> out;
  while (!h.empty()) {
    out.push_back(h.top());
    h.pop();
  }
  return out;
}

template <int kArity>
void CheckAgainstSort() {
  std::mt19937_64 rng(42);
  DaryHeap<kArity> heap;
  std::vector<PendingEvent> all;
  uint64_t seq = 0;
  for (int i = 0; i < 5000; ++i) {
    // Few distinct times, so ties are common and must come out in insertion order.
    const PendingEvent e{static_cast<int64_t>(rng() % 50), ++seq, static_cast<uint64_t>(i)};
    heap.push(e);
    all.push_back(e);
    if (i % 7 == 3) {  // interleave replace_top and pop with pushes
      const PendingEvent top = heap.top();
      all.erase(std::find_if(all.begin(), all.end(),
                             [&](const PendingEvent& x) { return x.seq == top.seq; }));
      const PendingEvent r{top.time + static_cast<int64_t>(rng() % 10), ++seq, 0};
      heap.replace_top(r);
      all.push_back(r);
    }
  }
  std::sort(all.begin(), all.end(), Before);
  const std::vector<PendingEvent> got = Drain(heap);
  ASSERT_EQ(got.size(), all.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].time, all[i].time) << i;
    EXPECT_EQ(got[i].seq, all[i].seq) << i;
  }
}

TEST(EventQueueTest, BinaryHeapMatchesSortedOrder) { CheckAgainstSort<2>(); }
TEST(EventQueueTest, FourAryHeapMatchesSortedOrder) { CheckAgainstSort<4>(); }
TEST(EventQueueTest, EightAryHeapMatchesSortedOrder) { CheckAgainstSort<8>(); }

TEST(EventQueueTest, SimultaneousEventsLeaveInInsertionOrder) {
  DaryHeap<4> heap;
  for (uint64_t s = 1; s <= 20; ++s) heap.push({100, s, s});
  uint64_t expected = 1;
  while (!heap.empty()) {
    EXPECT_EQ(heap.top().payload, expected++);
    heap.pop();
  }
}

}  // namespace
}  // namespace recoup::sim
