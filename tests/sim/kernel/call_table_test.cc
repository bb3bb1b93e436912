// InlineFunction (inline_function.h), CallTable (call_table.h) and Kernel::CallAt on top of them:
// where captures are stored, that each is destroyed exactly once (run, cancelled or never run), and
// that the table gives memory back when the calls drain.
#include "sim/kernel/call_table.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/kernel/inline_function.h"
#include "sim/kernel/kernel.h"

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }

// Counts its live copies in *live; non-trivial to move, so InlineFunction must relocate it.
struct Tracked {
  explicit Tracked(int* counter) : live(counter) { ++*live; }
  Tracked(Tracked&& o) noexcept : live(o.live) { ++*live; }
  Tracked(const Tracked& o) : live(o.live) { ++*live; }
  ~Tracked() { --*live; }
  int* live;
};

TEST(InlineFunctionTest, StoresSmallCapturesInlineAndLargeOnesOnTheHeap) {
  using F = InlineFunction<16>;
  int x = 0;
  auto two_words = [p = &x, q = &x] { *p += *q + 1; };
  auto four_words = [p = &x, a = 1L, b = 2L, c = 3L] { *p += static_cast<int>(a + b + c); };
  static_assert(F::kStoredInline<decltype(two_words)>);
  static_assert(!F::kStoredInline<decltype(four_words)>);
  static_assert(InlineFunction<32>::kStoredInline<decltype(four_words)>);
  static_assert(sizeof(F) == 24 && sizeof(InlineFunction<32>) == 40);
  F a(two_words);
  F b(four_words);
  a();
  b();
  EXPECT_EQ(x, 7);
  F c = std::move(b);  // a heap callable moves by pointer
  EXPECT_FALSE(b);     // NOLINT(bugprone-use-after-move): moved-from is empty
  c();
  EXPECT_EQ(x, 13);
}

TEST(InlineFunctionTest, MoveOnlyCapturesAndRelocation) {
  std::string out;
  auto owned = std::make_unique<std::string>("owned");
  InlineFunction<16> f([p = std::move(owned), &out] { out += *p; });  // unique_ptr + reference
  InlineFunction<16> g;
  EXPECT_FALSE(g);
  g = std::move(f);
  g();
  // A std::string capture is not trivially copyable: moving runs its move constructor.
  InlineFunction<32> h([s = std::string(20, 'x'), &out] { out += s; });
  InlineFunction<32> i(std::move(h));
  i();
  EXPECT_EQ(out, "owned" + std::string(20, 'x'));
}

TEST(InlineFunctionTest, DestroysWhatItHoldsExactlyOnce) {
  int live = 0;
  {
    InlineFunction<16> small([t = Tracked(&live)] {});
    InlineFunction<16> big([t = Tracked(&live), pad = std::array<int64_t, 4>{}] { (void)pad; });
    EXPECT_EQ(live, 2);
    InlineFunction<16> moved = std::move(small);
    InlineFunction<16> moved_big = std::move(big);
    EXPECT_EQ(live, 2);
    moved.Reset();
    EXPECT_EQ(live, 1);
    EXPECT_FALSE(moved);
    moved = std::move(moved_big);
    EXPECT_EQ(live, 1);
    moved.Emplace([t = Tracked(&live)] {});  // replaces: destroys the heap one
    EXPECT_EQ(live, 1);
  }
  EXPECT_EQ(live, 0);
}

TEST(CallTableTest, FillsTheLowestBlockFirstAndReleasesEmptyBlocks) {
  using Table = CallTable<16>;
  constexpr uint32_t kBlock = Table::kBlockSlots;
  Table t;
  std::vector<uint32_t> slots;
  for (uint32_t i = 0; i < 5 * kBlock; ++i) slots.push_back(t.Acquire());
  for (uint32_t i = 0; i < slots.size(); ++i) ASSERT_EQ(slots[i], i);  // in order at first
  const std::size_t full = t.MemoryBytes();
  for (uint32_t s = 2 * kBlock; s < 5 * kBlock; ++s) t.Release(s);
  // Three blocks emptied: two freed, one kept as the spare.
  EXPECT_LT(t.MemoryBytes(), full - sizeof(Table::Slot) * 2 * kBlock + 1);
  t.Release(7);
  t.Release(kBlock + 3);
  EXPECT_EQ(t.Acquire(), 7u);  // the lowest block with a free slot
  EXPECT_EQ(t.Acquire(), kBlock + 3);
  EXPECT_EQ(t.Acquire(), 2 * kBlock);  // then a released block comes back, in order
  EXPECT_EQ(t.Acquire(), 2 * kBlock + 1);
  t[7].seq = 42;
  EXPECT_TRUE(t.Holds(7, 42));
  EXPECT_FALSE(t.Holds(7, 43));
  EXPECT_FALSE(t.Holds(4 * kBlock, 0));    // in a released block
  EXPECT_FALSE(t.Holds(100 * kBlock, 0));  // beyond every block
}

TEST(KernelCallTest, SmallAndBigCallsRunInTimeThenSchedulingOrder) {
  Kernel k(kStart);
  std::vector<std::string> ran;
  const std::array<int64_t, 6> pad{};  // 48 bytes: beyond both tables' buffers, on the heap
  k.CallAt(kStart + S(2), [&ran] { ran.push_back("small@2"); });
  k.CallAt(kStart + S(1), [&ran, a = int64_t{1}, b = int64_t{2}] {  // 24 bytes: the big table
    ran.push_back("big@" + std::to_string(b - a));
  });
  k.CallAt(kStart + S(2), [&ran, pad] { ran.push_back("huge@2." + std::to_string(pad[0])); });
  k.CallAt(kStart + S(1), [&ran] { ran.push_back("small@1"); });
  std::function<void()> fn = [&ran] { ran.push_back("function@0"); };
  k.CallAt(kStart, fn);  // a std::function is a callable like any other
  k.Run();
  EXPECT_EQ(ran,
            (std::vector<std::string>{"function@0", "big@1", "small@1", "small@2", "huge@2.0"}));
}

TEST(KernelCallTest, CapturesAreDestroyedWhenRunCancelledOrNeverRun) {
  int live = 0;
  int ran = 0;
  {
    Kernel k(kStart);
    const auto small = [&](int64_t at) {
      return k.CallAt(kStart + S(at), [t = Tracked(&live), &ran] { ++ran; });
    };
    const auto big = [&](int64_t at) {
      return k.CallAt(kStart + S(at),
                      [t = Tracked(&live), &ran, pad = int64_t{0}] { ran += 1 + pad; });
    };
    const auto huge = [&](int64_t at) {
      return k.CallAt(kStart + S(at), [t = Tracked(&live), &ran, pad = std::array<int64_t, 8>{}] {
        ran += 1 + pad[0];
      });
    };
    small(1);
    const CallId cancel_small = small(2);
    big(1);
    const CallId cancel_big = big(2);
    huge(1);
    const CallId cancel_huge = huge(2);
    small(10);
    big(10);
    huge(10);
    EXPECT_EQ(live, 9);
    EXPECT_TRUE(k.CancelCall(cancel_small));
    EXPECT_TRUE(k.CancelCall(cancel_big));
    EXPECT_TRUE(k.CancelCall(cancel_huge));
    EXPECT_FALSE(k.CancelCall(cancel_big));
    EXPECT_EQ(live, 6);
    k.RunUntil(kStart + S(5));
    EXPECT_EQ(ran, 3);
    EXPECT_EQ(live, 3);  // the three at 10 s never run
  }
  EXPECT_EQ(live, 0);
  EXPECT_EQ(ran, 3);
}

TEST(KernelCallTest, MoveOnlyCapturesAndCallsThatScheduleCalls) {
  Kernel k(kStart);
  std::vector<int> seen;
  auto box = std::make_unique<int>(5);
  k.CallAt(kStart + S(1), [&k, &seen, box = std::move(box)]() mutable {
    seen.push_back(*box);
    // Scheduled while running: may take the slot just freed.
    k.CallAt(k.Now(), [&seen, b = std::move(box)] { seen.push_back(*b + 1); });
  });
  k.Run();
  EXPECT_EQ(seen, (std::vector<int>{5, 6}));
}

TEST(KernelCallTest, CancelledCallsInReleasedBlocksStayStale) {
  // Cancelling every call empties (and frees) their blocks while the stale entries are pending.
  Kernel k(kStart);
  int ran = 0;
  std::vector<CallId> ids;
  for (int i = 0; i < 3000; ++i) {
    ids.push_back(k.CallAt(kStart + S(1 + i % 7), [&ran] { ++ran; }));
  }
  for (const CallId& id : ids) EXPECT_TRUE(k.CancelCall(id));
  k.CallAt(kStart + S(3), [&ran] { ran += 100; });
  k.Run();
  EXPECT_EQ(ran, 100);
  EXPECT_EQ(k.events_processed(), 1u);
  for (const CallId& id : ids) EXPECT_FALSE(k.CancelCall(id));
}

}  // namespace
}  // namespace recoup::sim
