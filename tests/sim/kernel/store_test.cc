#include "sim/kernel/store.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }
int Since(const Kernel& k) { return static_cast<int>((k.Now() - kStart).ToSeconds()); }

Task<void> Producer(Kernel* k, Store<int>* s, std::vector<int> items, int64_t every,
                    std::vector<std::string>* log) {
  for (int item : items) {
    co_await k->Sleep(S(every));
    co_await s->Put(item);
    log->push_back("put " + std::to_string(item) + "@" + std::to_string(Since(*k)));
  }
}
Task<void> Consumer(Kernel* k, Store<int>* s, int count, int64_t work,
                    std::vector<std::string>* log) {
  for (int i = 0; i < count; ++i) {
    const int item = co_await s->Get();
    log->push_back("got " + std::to_string(item) + "@" + std::to_string(Since(*k)));
    co_await k->Sleep(S(work));
  }
}

TEST(StoreTest, ItemsFlowFifoAndGettersWaitForThem) {
  Kernel k(kStart);
  Store<int> s(k);
  std::vector<std::string> log;
  k.Spawn(Consumer(&k, &s, 3, 0, &log));
  k.Spawn(Producer(&k, &s, {7, 8, 9}, 2, &log));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"put 7@2", "got 7@2", "put 8@4", "got 8@4", "put 9@6",
                                           "got 9@6"}));
  EXPECT_DOUBLE_EQ(s.get_waits().mean(), 2.0);
}

TEST(StoreTest, ABoundedStoreMakesPuttersWait) {
  Kernel k(kStart);
  Store<int> s(k, 2);
  std::vector<std::string> log;
  k.Spawn(Producer(&k, &s, {1, 2, 3, 4}, 0, &log));
  k.Spawn(Consumer(&k, &s, 4, 5, &log));
  k.Run();
  // 1 goes straight to the waiting consumer; 2 and 3 fill the store; 4 waits until the get at 5.
  EXPECT_EQ(log, (std::vector<std::string>{"put 1@0", "got 1@0", "put 2@0", "put 3@0", "got 2@5",
                                           "put 4@5", "got 3@10", "got 4@15"}));
}

Task<void> TimedConsumer(Kernel* k, Store<int>* s, int64_t timeout, std::vector<std::string>* log) {
  const std::optional<int> item = co_await s->GetFor(S(timeout));
  log->push_back((item ? "got " + std::to_string(*item) : std::string("timeout")) + "@" +
                 std::to_string(Since(*k)));
}

TEST(StoreTest, GetForTimesOut) {
  Kernel k(kStart);
  Store<int> s(k);
  std::vector<std::string> log;
  k.Spawn(TimedConsumer(&k, &s, 3, &log));
  k.Spawn(TimedConsumer(&k, &s, 10, &log));
  k.Spawn(Producer(&k, &s, {42}, 5, &log));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"timeout@3", "put 42@5", "got 42@5"}));
}

Task<void> CancelAt(Kernel* k, ProcessRef target, int64_t at) {
  co_await k->Sleep(S(at));
  k->Cancel(target);
}

TEST(StoreTest, AnItemHandedToACancelledGetterIsNotLost) {
  Kernel k(kStart);
  Store<int> s(k);
  std::vector<std::string> log;
  ProcessRef c = k.Spawn(Consumer(&k, &s, 1, 0, &log));
  // At 5 the put hands 42 to the waiting consumer; the cancel, scheduled earlier for 5, runs after
  // the put but before the consumer resumes, so the item must go back into the store.
  k.Spawn(Producer(&k, &s, {42}, 5, &log));
  k.Spawn(CancelAt(&k, c, 5));
  k.Run();
  EXPECT_EQ(c.outcome(), ProcessOutcome::kCancelled);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.TryGet(), std::optional<int>(42));
}

TEST(StoreTest, TryPutAndTryGetNeverBlock) {
  Kernel k(kStart);
  Store<std::string> s(k, 1);
  std::string a = "a", b = "b";
  EXPECT_TRUE(s.TryPut(a));
  EXPECT_FALSE(s.TryPut(b));
  EXPECT_EQ(b, "b");  // a failed TryPut keeps the item
  EXPECT_EQ(s.TryGet(), std::optional<std::string>("a"));
  EXPECT_EQ(s.TryGet(), std::nullopt);
}

}  // namespace
}  // namespace recoup::sim
