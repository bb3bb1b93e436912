#include "sim/kernel/ladder_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "sim/kernel/event_queue.h"

namespace recoup::sim {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kSecond = 1'000'000'000;

// a + b, saturating at the ends of the int64 range.
int64_t Add(int64_t a, int64_t b) {
  if (b > 0 && a > kMax - b) return kMax;
  if (b < 0 && a < kMin - b) return kMin;
  return a + b;
}

struct ByTimeSeq {
  bool operator()(const PendingEvent& a, const PendingEvent& b) const { return Before(a, b); }
};

std::vector<PendingEvent> Drain(LadderQueue& q) {
  std::vector<PendingEvent> out;
  while (!q.empty()) {
    out.push_back(q.top());
    q.pop();
  }
  return out;
}

// A LadderQueue shadowed by an ordered set: every operation is mirrored, and Check() compares
// size and top(); DrainMatchesSort() drains the queue against std::sort of what the set holds.
class CheckedQueue {
 public:
  void Push(int64_t t) {
    ++seq_;
    q_.push({t, seq_, seq_ * 3});
    oracle_.insert({t, seq_, seq_ * 3});
  }
  void Pop() {
    q_.pop();
    oracle_.erase(oracle_.begin());
  }
  void ReplaceTop(int64_t t) {
    ++seq_;
    q_.replace_top({t, seq_, seq_ * 3});
    oracle_.erase(oracle_.begin());
    oracle_.insert({t, seq_, seq_ * 3});
  }
  testing::AssertionResult Check() const {
    if (q_.size() != oracle_.size() || q_.empty() != oracle_.empty()) {
      return testing::AssertionFailure() << "size " << q_.size() << " want " << oracle_.size();
    }
    if (oracle_.empty()) return testing::AssertionSuccess();
    const PendingEvent& got = q_.top();
    const PendingEvent& want = *oracle_.begin();
    if (got.time != want.time || got.seq != want.seq || got.payload != want.payload) {
      return testing::AssertionFailure() << "top (" << got.time << ", " << got.seq << ") want ("
                                         << want.time << ", " << want.seq << ")";
    }
    return testing::AssertionSuccess();
  }
  void DrainMatchesSort() {
    std::vector<PendingEvent> want(oracle_.begin(), oracle_.end());
    std::sort(want.begin(), want.end(), ByTimeSeq{});  // the pending events by (time, seq)
    const std::vector<PendingEvent> got = Drain(q_);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].time, want[i].time) << "drain position " << i;
      ASSERT_EQ(got[i].seq, want[i].seq) << "drain position " << i;
    }
    oracle_.clear();
  }
  std::size_t size() const { return oracle_.size(); }
  bool empty() const { return oracle_.empty(); }
  int64_t min_time() const { return oracle_.begin()->time; }

 private:
  LadderQueue q_;
  std::set<PendingEvent, ByTimeSeq> oracle_;
  uint64_t seq_ = 0;
};

// How a randomized run chooses the times it pushes.
struct Mix {
  const char* name;
  int64_t gap;      // typical gap after the current minimum, in ns
  int ties_pct;     // % of pushes on a coarse grid (many equal times)
  int far_pct;      // % of pushes 1e9 x the typical gap ahead
  int early_pct;    // % of pushes at or before the current minimum
  int burst_pct;    // % of steps that push a burst of equal-time events
  int log_gap_pct;  // % of pushes with a log-uniform gap from 1 ns to 2^60 ns (skewed)
  int extreme_pct;  // % of pushes at the ends of the int64 range, 0 or +-1
};

constexpr int64_t kExtremes[] = {kMax, kMin, 0, kMax - 1, kMin + 1, -1, 1};

constexpr Mix kMixes[] = {
    // name, gap, ties%, far%, early%, burst%, log-gap%, extreme%
    {"hold", kSecond, 0, 0, 0, 0, 0, 0},           // the kernel's hold model
    {"ties", kSecond, 70, 0, 5, 2, 0, 0},          // mostly equal times
    {"far_future", kSecond, 10, 5, 0, 0, 0, 0},    // a sprinkle of 1e9-gap events
    {"early", 1000, 10, 1, 30, 1, 0, 0},           // many pushes at or before the minimum
    {"skewed", kSecond, 5, 1, 5, 1, 40, 0},        // gaps spanning 18 orders of magnitude
    {"tiny_gaps", 10, 30, 5, 20, 5, 5, 0},         // ns-scale gaps, far events, bursts
    {"extremes", kSecond, 10, 1, 10, 1, 0, 40},    // int64 limits, 0 and +-1
    {"everything", kSecond, 20, 3, 10, 3, 10, 2},  // all of the above
};

// One randomized run, checked after every operation: grow to `size` (mostly pushes), `size` steps
// of push / pop / replace_top around it, shrink to size / 10 (mostly pops), then drain.
void RunAgainstOracle(const Mix& mix, uint64_t seed, std::size_t size) {
  SCOPED_TRACE(testing::Message() << mix.name << " seed " << seed << " size " << size);
  std::mt19937_64 rng(seed);
  std::exponential_distribution<double> exp1(1.0);
  CheckedQueue q;
  int64_t now = 1'700'000'000 * kSecond;
  const auto pct = [&](int p) { return static_cast<int>(rng() % 100) < p; };
  const auto next_time = [&]() -> int64_t {
    const int64_t base = q.empty() ? now : q.min_time();
    if (pct(mix.extreme_pct)) return kExtremes[rng() % std::size(kExtremes)];
    if (pct(mix.early_pct)) {
      switch (rng() % 3) {
        case 0:
          return base;  // at the minimum
        case 1:
          return Add(base, -1 - static_cast<int64_t>(rng() % 1000));  // just before it
        default:
          return Add(base, -static_cast<int64_t>(rng() % (1000 * kSecond)));  // long before
      }
    }
    if (pct(mix.far_pct)) {
      return Add(base, mix.gap * 1'000'000'000 + static_cast<int64_t>(rng() % 7));
    }
    if (pct(mix.log_gap_pct)) {
      return Add(base, (int64_t{1} << (rng() % 61)) + static_cast<int64_t>(rng() % 3));
    }
    const int64_t t = Add(base, static_cast<int64_t>(exp1(rng) * static_cast<double>(mix.gap)));
    const int64_t grid = std::max<int64_t>(1, mix.gap / 4);
    return pct(mix.ties_pct) ? t / grid * grid : t;
  };
  enum Phase { kGrow, kChurn, kShrink } phase = kGrow;
  std::size_t churned = 0;
  for (std::size_t step = 0;; ++step) {
    if (phase == kGrow && (q.size() >= size || step >= 3 * size)) phase = kChurn;
    if (phase == kChurn && ++churned > size) phase = kShrink;
    if (phase == kShrink && q.size() <= size / 10) break;
    const int grow_pct =
        phase == kGrow ? 90 : (phase == kShrink ? 25 : (q.size() < size ? 55 : 45));
    if (phase != kShrink && q.size() < 2 * size && pct(mix.burst_pct)) {
      const int64_t t = next_time();
      const std::size_t n = 1 + rng() % std::min<std::size_t>(300, size);
      for (std::size_t i = 0; i < n; ++i) q.Push(t);
    } else if (q.empty() || pct(grow_pct)) {
      q.Push(next_time());
    } else if (pct(50)) {  // hold: pop the minimum, push one later event
      q.ReplaceTop(next_time());
    } else {
      q.Pop();
    }
    ASSERT_TRUE(q.Check()) << "step " << step;
    if (!q.empty()) now = q.min_time();
  }
  q.DrainMatchesSort();
}

TEST(LadderQueueTest, RandomizedOperationsMatchOrderedOracle) {
  for (const Mix& mix : kMixes) {
    for (const std::size_t size : {50u, 3000u}) {
      for (uint64_t seed = 1; seed <= 2; ++seed) {
        RunAgainstOracle(mix, seed * 7919 + size, size);
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST(LadderQueueTest, RandomizedOperationsAtLargeSizeMatchOrderedOracle) {
  for (const Mix& mix : {kMixes[1], kMixes[4], kMixes[7]}) {  // ties, skewed, everything
    RunAgainstOracle(mix, 2026, 100'000);
    if (HasFatalFailure()) return;
  }
}

TEST(LadderQueueTest, ManyShortRunsMatchOrderedOracle) {
  // Many short sequences: exercises the empty -> non-empty transitions and small sizes.
  for (uint64_t seed = 100; seed < 700; ++seed) {
    RunAgainstOracle(kMixes[seed % std::size(kMixes)], seed, 1 + seed % 40);
    if (HasFatalFailure()) return;
  }
}

TEST(LadderQueueTest, DrainMatchesStdSortForRandomAndExtremeTimes) {
  std::mt19937_64 rng(5);
  for (const std::size_t n : {1u, 2u, 3u, 65u, 1000u, 100'000u}) {
    CheckedQueue q;
    for (std::size_t i = 0; i < n; ++i) {
      // Full int64 range, a narrow band (ties), a 1 s band and the extremes, interleaved.
      const auto r = static_cast<int64_t>(rng());
      const int64_t times[] = {r, r % 16, r % kSecond, kExtremes[i / 4 % std::size(kExtremes)]};
      q.Push(times[i % 4]);
    }
    q.DrainMatchesSort();
    if (HasFatalFailure()) return;
  }
}

TEST(LadderQueueTest, SimultaneousEventsLeaveInInsertionOrder) {
  LadderQueue q;
  for (uint64_t s = 1; s <= 100'000; ++s) q.push({100, s, s});
  uint64_t expected = 1;
  while (!q.empty()) {
    ASSERT_EQ(q.top().payload, expected++);
    q.pop();
  }
  EXPECT_EQ(expected, 100'001u);
}

TEST(LadderQueueTest, ZeroDelayEventsRunAfterPendingEqualTimes) {
  // Seqs 1..1000: odd ones at time 100, even ones at 150. While draining, every tenth time-150
  // event schedules another at its own time; those must run after all pending time-150 events, in
  // order.
  LadderQueue q;
  uint64_t seq = 0;
  for (int i = 0; i < 1000; ++i) {
    ++seq;
    q.push({seq % 2 == 1 ? 100 : 150, seq, 0});
  }
  std::vector<uint64_t> order;
  while (!q.empty()) {
    const PendingEvent e = q.top();
    order.push_back(e.seq);
    if (e.seq % 10 == 0 && e.seq <= 1000) {
      q.replace_top({e.time, ++seq, 0});
    } else {
      q.pop();
    }
  }
  std::vector<uint64_t> expected;
  for (uint64_t s = 1; s <= 999; s += 2) expected.push_back(s);
  for (uint64_t s = 2; s <= 1000; s += 2) expected.push_back(s);
  for (uint64_t s = 1001; s <= 1100; ++s) expected.push_back(s);
  EXPECT_EQ(order, expected);
}

TEST(LadderQueueTest, DecreasingTimesEachEarlierThanAllOthers) {
  LadderQueue q;
  constexpr int kN = 50'000;
  for (int i = 0; i < kN; ++i) {
    q.push({int64_t{kN - i} * 1000, static_cast<uint64_t>(i + 1), 0});
    ASSERT_EQ(q.top().time, int64_t{kN - i} * 1000);
  }
  for (int64_t expected = 1000; !q.empty(); expected += 1000) {
    ASSERT_EQ(q.top().time, expected);
    q.pop();
  }
}

TEST(LadderQueueTest, LongEqualTimeRunWithAppendsAndEarlierBatches) {
  // A long run at one time consumed from the front while more events at that time are appended
  // (the run compacts) and batches of earlier events arrive (the bottom's heap).
  CheckedQueue q;
  for (int i = 0; i < 20'000; ++i) q.Push(1000);
  for (int i = 0; i < 200'000; ++i) {
    if (i % 1000 < 400) {
      q.Push(999 - i % 7);  // earlier than the run
    } else {
      q.ReplaceTop(1000);
    }
    ASSERT_TRUE(q.Check()) << i;
  }
  q.DrainMatchesSort();
}

TEST(LadderQueueTest, FarFutureEventWaitsBehindNearOnes) {
  // One event 1e9 typical gaps ahead while a hold loop runs: it must come out last, exactly once.
  LadderQueue q;
  std::mt19937_64 rng(3);
  std::exponential_distribution<double> exp1(1.0);
  uint64_t seq = 0;
  q.push({kSecond * 1'000'000'000, ++seq, 7});
  for (int i = 0; i < 10'000; ++i) q.push({static_cast<int64_t>(exp1(rng) * kSecond), ++seq, 1});
  int64_t last = 0;
  for (int i = 0; i < 500'000; ++i) {
    const PendingEvent top = q.top();
    ASSERT_GE(top.time, last);
    ASSERT_EQ(top.payload, 1u) << "the far event surfaced early at step " << i;
    last = top.time;
    q.replace_top({top.time + static_cast<int64_t>(exp1(rng) * kSecond), ++seq, 1});
  }
  ASSERT_EQ(q.size(), 10'001u);
  std::size_t seen_far = 0;
  for (const PendingEvent& e : Drain(q)) seen_far += e.payload == 7;
  EXPECT_EQ(seen_far, 1u);
}

TEST(LadderQueueTest, HoldModelPopsInOrderAndLosesNothing) {
  for (const std::size_t n : {1u, 2u, 10u, 1000u, 200'000u}) {
    LadderQueue q;
    std::mt19937_64 rng(n);
    std::exponential_distribution<double> exp1(1.0);
    uint64_t seq = 0;
    uint64_t payload_sum = 0;
    for (uint64_t i = 0; i < n; ++i) {
      q.push({static_cast<int64_t>(exp1(rng) * kSecond), ++seq, i});
      payload_sum += i;
    }
    PendingEvent last{0, 0, 0};
    for (std::size_t i = 0; i < 5 * n + 1000; ++i) {
      const PendingEvent top = q.top();
      ASSERT_FALSE(Before(top, last)) << "n " << n << " step " << i;
      last = top;
      q.replace_top({top.time + static_cast<int64_t>(exp1(rng) * kSecond), ++seq, top.payload});
    }
    ASSERT_EQ(q.size(), n);
    uint64_t drained_sum = 0;
    for (const PendingEvent& e : Drain(q)) drained_sum += e.payload;
    EXPECT_EQ(drained_sum, payload_sum) << "n " << n;
  }
}

TEST(LadderQueueTest, ClearReuseAndSingleEvent) {
  LadderQueue q;
  uint64_t seq = 0;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5000; ++i) q.push({(i * 7919) % 1000 * kSecond, ++seq, 0});
    for (int i = 0; i < 1000; ++i) q.pop();
    q.clear();
    EXPECT_TRUE(q.empty());
    EXPECT_EQ(q.size(), 0u);
  }
  q.push({10, ++seq, 1});
  q.replace_top({5, ++seq, 2});  // earlier than the event it replaces
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.top().payload, 2u);
  q.push({5, ++seq, 3});
  q.push({3, ++seq, 4});
  EXPECT_EQ(q.top().payload, 4u);
  q.pop();
  EXPECT_EQ(q.top().payload, 2u);
  q.replace_top({kMax, ++seq, 5});
  EXPECT_EQ(q.top().payload, 3u);
  q.pop();
  EXPECT_EQ(q.top().payload, 5u);
  q.pop();
  EXPECT_TRUE(q.empty());
}

TEST(LadderQueueTest, MoveTransfersEventsAndLeavesSourceEmpty) {
  LadderQueue a;
  uint64_t seq = 0;
  for (int i = 0; i < 10'000; ++i) {
    ++seq;
    a.push({static_cast<int64_t>(seq * 7919 % 10'007), seq, seq});
  }
  a.pop();  // builds rungs, so the moved state is not trivial
  LadderQueue b(std::move(a));
  EXPECT_EQ(b.size(), 9999u);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): documented to be empty
  a.push({1, ++seq, 0});   // the source stays usable
  EXPECT_EQ(a.top().time, 1);
  LadderQueue c;
  c.push({5, ++seq, 0});
  c = std::move(b);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  ASSERT_EQ(c.size(), 9999u);
  int64_t last = kMin;
  for (const PendingEvent& e : Drain(c)) {
    EXPECT_GE(e.time, last);
    last = e.time;
  }
}

TEST(LadderQueueTest, AheadLooksIntoTheSortedRun) {
  LadderQueue q;
  EXPECT_EQ(q.Ahead(0), nullptr);
  EXPECT_EQ(q.Ahead(1), nullptr);
  // In a plain sorted run, Ahead(k) is exactly the top after k pops, and nullptr past the run.
  for (uint64_t s = 1; s <= 10; ++s) q.push({100, s, s});
  ASSERT_NE(q.Ahead(0), nullptr);
  EXPECT_EQ(q.Ahead(0)->seq, q.top().seq);
  EXPECT_EQ(q.Ahead(10), nullptr);
  for (int i = 0; i < 9; ++i) {
    ASSERT_NE(q.Ahead(1), nullptr);
    const uint64_t after_one = q.Ahead(1)->seq;
    const PendingEvent* two = q.Ahead(2);
    const uint64_t after_two = two != nullptr ? two->seq : 0;
    q.pop();
    EXPECT_EQ(q.top().seq, after_one);
    if (two != nullptr) {
      EXPECT_EQ(q.Ahead(1)->seq, after_two);
    }
  }
  EXPECT_EQ(q.Ahead(1), nullptr);
}

TEST(LadderQueueTest, MemoryIsProportionalToEvents) {
  LadderQueue q;
  for (uint64_t i = 0; i < 100'000; ++i) {
    q.push({static_cast<int64_t>(i * 7919 % 100'000), i + 1, 0});
  }
  q.pop();  // builds the rungs
  const std::size_t bytes = q.MemoryBytes();
  EXPECT_GE(bytes, q.size() * sizeof(PendingEvent));
  EXPECT_LE(bytes, q.size() * 4 * sizeof(PendingEvent));
}

TEST(LadderQueueTest, DrainingGivesMemoryBackAndOrderHoldsAfterwards) {
  // The top tier's blocks go back to the heap when it is spread over rungs, and the pool's slabs
  // when the blocks in use fall under a quarter of them; a second fill reuses what is left.
  LadderQueue q;
  std::mt19937_64 rng(7);
  uint64_t seq = 0;
  for (int round = 0; round < 2; ++round) {
    const int64_t base = q.empty() ? 0 : q.top().time;
    for (int i = 0; i < 200'000; ++i) {
      q.push({base + static_cast<int64_t>(rng() % (1'000'000 * kSecond)), ++seq, seq});
    }
    PendingEvent last = q.top();
    q.pop();
    const std::size_t full = q.MemoryBytes();
    while (q.size() > 100) {
      ASSERT_FALSE(Before(q.top(), last)) << "round " << round;
      last = q.top();
      q.pop();
    }
    EXPECT_LT(q.MemoryBytes(), full / 4) << "round " << round;
    EXPECT_LT(q.MemoryBytes(), 1'200'000u) << "round " << round;
  }
  PendingEvent last = q.top();
  for (const PendingEvent& e : Drain(q)) {
    ASSERT_FALSE(Before(e, last));
    last = e;
  }
}

}  // namespace
}  // namespace recoup::sim
