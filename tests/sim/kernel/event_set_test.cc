#include "sim/kernel/event_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace recoup::sim {
namespace {

// Grows past the ladder threshold, shrinks below the heap threshold, several times, checking every
// pop against a sorted reference: the move between structures must not change the order.
TEST(EventSetTest, MovingBetweenHeapAndLadderKeepsTheOrder) {
  std::mt19937_64 rng(7);
  EventSet set;
  std::vector<PendingEvent> ref;  // kept sorted descending: the next event is at the back
  auto by_time_seq_desc = [](const PendingEvent& a, const PendingEvent& b) { return Before(b, a); };
  uint64_t seq = 0;
  int64_t now = 0;
  int moves_up = 0, moves_down = 0;
  bool was_on_ladder = false;
  for (int cycle = 0; cycle < 6; ++cycle) {
    const std::size_t grow_to = cycle % 2 == 0 ? 3000 : 700;
    while (set.size() < grow_to) {
      const PendingEvent e{now + static_cast<int64_t>(rng() % 1000), ++seq, seq};  // many ties
      set.push(e);
      ref.insert(std::upper_bound(ref.begin(), ref.end(), e, by_time_seq_desc), e);
      if (set.on_ladder() != was_on_ladder) (set.on_ladder() ? moves_up : moves_down)++;
      was_on_ladder = set.on_ladder();
    }
    while (set.size() > 50) {
      ASSERT_EQ(set.top().seq, ref.back().seq) << "cycle " << cycle;
      now = set.top().time;
      set.pop();
      ref.pop_back();
      if (set.on_ladder() != was_on_ladder) (set.on_ladder() ? moves_up : moves_down)++;
      was_on_ladder = set.on_ladder();
    }
  }
  EXPECT_EQ(moves_up, 6);
  EXPECT_EQ(moves_down, 6);
  while (!set.empty()) {
    ASSERT_EQ(set.top().seq, ref.back().seq);
    set.pop();
    ref.pop_back();
  }
  EXPECT_TRUE(ref.empty());
}

}  // namespace
}  // namespace recoup::sim
