#include "sim/kernel/kernel.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/runtime/sleep.h"

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }
double Since(const Kernel& k) { return (k.Now() - kStart).ToSecondsDouble(); }

struct Log {
  std::vector<std::string> lines;
  void Add(const Kernel& k, const std::string& what) {
    lines.push_back(std::to_string(static_cast<int>(Since(k))) + " " + what);
  }
};

Task<void> Sleeper(Kernel* k, Log* log, std::string name, int64_t every, int times) {
  for (int i = 0; i < times; ++i) {
    co_await k->Sleep(S(every));
    log->Add(*k, name);
  }
}

TEST(KernelTest, SleepsAdvanceTimeAndSimultaneousWakesRunInSchedulingOrder) {
  Kernel k(kStart);
  Log log;
  k.Spawn(Sleeper(&k, &log, "a", 2, 3));
  k.Spawn(Sleeper(&k, &log, "b", 3, 2));
  k.Run();
  // Both wake at 6: b asked (at 3) before a did (at 4), so b runs first.
  EXPECT_EQ(log.lines, (std::vector<std::string>{"2 a", "3 b", "4 a", "6 b", "6 a"}));
  EXPECT_EQ(Since(k), 6.0);
  EXPECT_EQ(k.live_processes(), 0u);
}

Task<int> Add(Kernel* k, int a, int b) {
  co_await k->Sleep(S(1));
  co_return a + b;
}
Task<int> Throws(Kernel* k) {
  co_await k->Sleep(S(1));
  throw std::runtime_error("boom");
}
Task<void> Caller(Kernel* k, int* out, std::string* error) {
  const int x = co_await Add(k, 2, 3);
  const int y = co_await Add(k, x, 10);
  *out = y;
  try {
    const int z = co_await Throws(k);
    *out = z;
  } catch (const std::runtime_error& e) {
    *error = e.what();
  }
}

TEST(KernelTest, NestedTasksReturnValuesAndCarryExceptions) {
  Kernel k(kStart);
  int out = 0;
  std::string error;
  k.Spawn(Caller(&k, &out, &error));
  k.Run();
  EXPECT_EQ(out, 15);
  EXPECT_EQ(error, "boom");
  EXPECT_EQ(Since(k), 3.0);
}

Task<void> DeepChain(Kernel* k, int depth, int* leaves) {
  if (depth == 0) {
    co_await k->Sleep(S(0));
    ++*leaves;
    co_return;
  }
  co_await DeepChain(k, depth - 1, leaves);
}

TEST(KernelTest, DeepAwaitChainsDoNotGrowTheStack) {
  Kernel k(kStart);
  int leaves = 0;
#if defined(__SANITIZE_ADDRESS__) && !defined(__clang__)
  // GCC does not emit symmetric transfer as a tail call in ASan builds, so there the stack does grow
  // with the depth; the chain is still checked for correctness, at a depth that fits.
  constexpr int kDepth = 1000;
#else
  constexpr int kDepth = 100000;  // symmetric transfer: no stack overflow
#endif
  k.Spawn(DeepChain(&k, kDepth, &leaves));
  k.Run();
  EXPECT_EQ(leaves, 1);
}

Task<void> CoreSleeper(Executor* ex, Log* log, Kernel* k) {
  co_await SleepFor(*ex, S(5));  // the core's leaf awaitable, through the Executor port
  log->Add(*k, "core");
  co_await SleepUntil(*ex, ex->Now() - S(1));  // in the past: does not suspend
  log->Add(*k, "past");
}

TEST(KernelTest, ImplementsTheExecutorPort) {
  Kernel k(kStart);
  Log log;
  k.Spawn(CoreSleeper(&k, &log, &k));
  k.Run();
  EXPECT_EQ(log.lines, (std::vector<std::string>{"5 core", "5 past"}));
}

TEST(KernelTest, CallbacksRunInOrderAndCanBeCancelled) {
  Kernel k(kStart);
  std::vector<int> ran;
  k.CallAt(kStart + S(2), [&] { ran.push_back(2); });
  const CallId c = k.CallAt(kStart + S(1), [&] { ran.push_back(1); });
  k.CallAt(kStart + S(2), [&] { ran.push_back(3); });
  EXPECT_TRUE(k.CancelCall(c));
  EXPECT_FALSE(k.CancelCall(c));
  k.Run();
  EXPECT_EQ(ran, (std::vector<int>{2, 3}));
  EXPECT_EQ(k.events_processed(), 2u);
}

TEST(KernelTest, RunUntilStopsAtTheLimitAndSetsTheClock) {
  Kernel k(kStart);
  Log log;
  k.Spawn(Sleeper(&k, &log, "a", 10, 5));
  k.RunUntil(kStart + S(25));
  EXPECT_EQ(log.lines.size(), 2u);
  EXPECT_EQ(Since(k), 25.0);
  k.RunUntil(kStart + S(30));  // an event exactly at the limit runs
  EXPECT_EQ(log.lines.size(), 3u);
  k.Run();
  EXPECT_EQ(log.lines.size(), 5u);
}

Task<void> Stopper(Kernel* k) {
  co_await k->Sleep(S(3));
  k->Stop();
}

TEST(KernelTest, StopEndsRunAfterTheCurrentEvent) {
  Kernel k(kStart);
  Log log;
  k.Spawn(Sleeper(&k, &log, "a", 1, 10));
  k.Spawn(Stopper(&k));
  k.Run();
  EXPECT_EQ(Since(k), 3.0);
  EXPECT_LT(log.lines.size(), 10u);
  k.Run();
  EXPECT_EQ(log.lines.size(), 10u);
}

Task<void> Fails(Kernel* k) {
  co_await k->Sleep(S(1));
  throw std::logic_error("model bug");
}

TEST(KernelTest, AnUnobservedFailureIsRethrownByRun) {
  Kernel k(kStart);
  k.Spawn(Fails(&k));  // handle dropped: nobody can observe the failure
  EXPECT_THROW(k.Run(), std::logic_error);
}

TEST(KernelTest, AFailureSeenThroughAHandleIsNotRethrown) {
  Kernel k(kStart);
  ProcessRef p = k.Spawn(Fails(&k), "f");
  EXPECT_NO_THROW(k.Run());
  EXPECT_EQ(p.outcome(), ProcessOutcome::kFailed);
  EXPECT_THROW(std::rethrow_exception(p.exception()), std::logic_error);
  EXPECT_EQ(p.name(), "f");
}

Task<void> Joiner(Kernel* k, ProcessRef child, std::string* result) {
  try {
    const ProcessOutcome o = co_await k->Join(child);
    *result = o == ProcessOutcome::kFinished ? "finished" : "cancelled";
  } catch (const std::logic_error& e) {
    *result = std::string("caught ") + e.what();
  }
  *result += " at " + std::to_string(static_cast<int>(Since(*k)));
}

TEST(KernelTest, JoinWaitsForTheEndAndRethrowsFailures) {
  Kernel k(kStart);
  Log log;
  std::string a, b;
  k.Spawn(Joiner(&k, k.Spawn(Sleeper(&k, &log, "x", 4, 1)), &a));
  k.Spawn(Joiner(&k, k.Spawn(Fails(&k)), &b));
  k.Run();
  EXPECT_EQ(a, "finished at 4");
  EXPECT_EQ(b, "caught model bug at 1");
}

uint64_t TraceOf(int n) {
  Kernel k(kStart);
  Log log;
  for (int i = 0; i < n; ++i) k.Spawn(Sleeper(&k, &log, "p", 1 + i % 3, 4));
  k.Run();
  return k.trace_hash();
}

TEST(KernelTest, TraceHashIsReproducibleAndSensitive) {
  EXPECT_EQ(TraceOf(10), TraceOf(10));
  EXPECT_NE(TraceOf(10), TraceOf(11));
}

}  // namespace
}  // namespace recoup::sim

namespace recoup::sim {
namespace {

TEST(KernelTest, RunEventsRunsAtMostTheGivenNumber) {
  Kernel k(kStart);
  Log log;
  k.Spawn(Sleeper(&k, &log, "a", 1, 10));  // 1 start + 10 wakes
  EXPECT_EQ(k.RunEvents(4), 4u);
  EXPECT_EQ(log.lines.size(), 3u);
  EXPECT_EQ(k.RunEvents(100), 7u);
  EXPECT_EQ(k.RunEvents(100), 0u);
  EXPECT_EQ(k.events_processed(), 11u);
}

}  // namespace
}  // namespace recoup::sim
