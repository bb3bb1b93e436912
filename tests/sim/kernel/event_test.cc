#include "sim/kernel/event.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/kernel/kernel.h"

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }
int Since(const Kernel& k) { return static_cast<int>((k.Now() - kStart).ToSeconds()); }

Task<void> WaitOne(Kernel* k, OneShotEvent* e, std::vector<std::string>* log, std::string name) {
  co_await e->Wait();
  log->push_back(name + " " + std::to_string(Since(*k)));
}
Task<void> TriggerAt(Kernel* k, OneShotEvent* e, int64_t at) {
  co_await k->Sleep(S(at));
  EXPECT_TRUE(e->Trigger());
  EXPECT_FALSE(e->Trigger());
}

TEST(EventTest, OneShotWakesAllWaitersInOrderAndStaysTriggered) {
  Kernel k(kStart);
  OneShotEvent e(k);
  std::vector<std::string> log;
  k.Spawn(WaitOne(&k, &e, &log, "a"));
  k.Spawn(WaitOne(&k, &e, &log, "b"));
  k.Spawn(TriggerAt(&k, &e, 4));
  k.RunUntil(kStart + S(10));
  k.Spawn(WaitOne(&k, &e, &log, "late"));  // already triggered: no wait
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"a 4", "b 4", "late 10"}));
}

Task<void> WaitBroadcast(Kernel* k, BroadcastEvent* e, std::vector<std::string>* log,
                         std::string name, int times) {
  for (int i = 0; i < times; ++i) {
    co_await e->Wait();
    log->push_back(name + " " + std::to_string(Since(*k)));
  }
}
Task<void> NotifyEvery(Kernel* k, BroadcastEvent* e, int64_t every, int times,
                       std::vector<int>* woken) {
  for (int i = 0; i < times; ++i) {
    co_await k->Sleep(S(every));
    woken->push_back(e->NotifyAll());
  }
}

TEST(EventTest, BroadcastWakesOnlyCurrentWaitersEachTime) {
  Kernel k(kStart);
  BroadcastEvent e(k);
  std::vector<std::string> log;
  std::vector<int> woken;
  k.Spawn(WaitBroadcast(&k, &e, &log, "a", 3));
  k.Spawn(WaitBroadcast(&k, &e, &log, "b", 1));
  k.Spawn(NotifyEvery(&k, &e, 2, 4, &woken));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"a 2", "b 2", "a 4", "a 6"}));
  EXPECT_EQ(woken, (std::vector<int>{2, 1, 1, 0}));
}

Task<void> TimedWaiter(Kernel* k, OneShotEvent* e, int64_t timeout, std::vector<std::string>* log) {
  const bool fired = co_await e->WaitFor(S(timeout));
  log->push_back((fired ? "fired " : "timeout ") + std::to_string(Since(*k)));
}

TEST(EventTest, WaitForTimesOutAtTheDeadlineOrReturnsWhenFired) {
  Kernel k(kStart);
  OneShotEvent e(k);
  std::vector<std::string> log;
  k.Spawn(TimedWaiter(&k, &e, 3, &log));
  k.Spawn(TimedWaiter(&k, &e, 8, &log));
  k.Spawn(TimedWaiter(&k, &e, 0, &log));  // zero timeout: does not wait
  k.Spawn(TriggerAt(&k, &e, 5));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"timeout 0", "timeout 3", "fired 5"}));
  EXPECT_EQ(Since(k), 5);  // the stale deadline at 8 ran nothing
}

Task<void> AnyWaiter(Kernel* k, OneShotEvent* a, OneShotEvent* b, int64_t timeout,
                     std::vector<std::string>* log) {
  EventAwaiter any = AnyOf(*k, {a, b}, S(timeout));  // named: GCC 12 rejects braced lists in co_await
  const int i = co_await any;
  log->push_back(std::to_string(i) + " at " + std::to_string(Since(*k)));
}

TEST(EventTest, AnyOfReturnsTheFirstEventOrTimesOut) {
  Kernel k(kStart);
  OneShotEvent a(k), b(k);
  std::vector<std::string> log;
  k.Spawn(AnyWaiter(&k, &a, &b, 100, &log));
  k.Spawn(AnyWaiter(&k, &a, &b, 2, &log));
  k.Spawn(TriggerAt(&k, &b, 6));
  k.Spawn(TriggerAt(&k, &a, 9));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"-1 at 2", "1 at 6"}));
  EXPECT_FALSE(a.has_waiters());
  EXPECT_FALSE(b.has_waiters());  // the other node was unlinked when the wait ended
}

Task<void> AllWaiter(Kernel* k, OneShotEvent* a, OneShotEvent* b, int64_t timeout,
                     std::vector<std::string>* log) {
  Task<bool> all_of = AllOf(*k, {a, b}, S(timeout));
  const bool all = co_await std::move(all_of);
  log->push_back(std::string(all ? "all" : "timeout") + " at " + std::to_string(Since(*k)));
}

TEST(EventTest, AllOfWaitsForEveryEventOrTimesOut) {
  Kernel k(kStart);
  OneShotEvent a(k), b(k);
  std::vector<std::string> log;
  k.Spawn(AllWaiter(&k, &a, &b, 100, &log));
  k.Spawn(AllWaiter(&k, &a, &b, 7, &log));
  k.Spawn(TriggerAt(&k, &a, 3));
  k.Spawn(TriggerAt(&k, &b, 9));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"timeout at 7", "all at 9"}));
}

Task<void> JoinAny(Kernel* k, ProcessRef p, OneShotEvent* other, std::vector<std::string>* log) {
  EventAwaiter any = AnyOf(*k, {&p.done_event(), other});
  const int i = co_await any;
  log->push_back("any " + std::to_string(i) + " at " + std::to_string(Since(*k)));
}
Task<void> SleepFor(Kernel* k, int64_t s) { co_await k->Sleep(S(s)); }

TEST(EventTest, AnyOfWorksWithProcessCompletion) {
  Kernel k(kStart);
  OneShotEvent never(k);
  std::vector<std::string> log;
  k.Spawn(JoinAny(&k, k.Spawn(SleepFor(&k, 12)), &never, &log));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"any 0 at 12"}));
}

}  // namespace
}  // namespace recoup::sim
