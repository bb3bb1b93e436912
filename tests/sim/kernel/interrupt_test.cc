// Interrupt and cancel semantics of kernel processes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/kernel/kernel.h"
#include "sim/kernel/resource.h"

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }
int Since(const Kernel& k) { return static_cast<int>((k.Now() - kStart).ToSeconds()); }

Task<void> Napper(Kernel* k, std::vector<std::string>* log) {
  try {
    co_await k->Sleep(S(100));
    log->push_back("slept " + std::to_string(Since(*k)));
  } catch (const Interrupted& i) {
    log->push_back("interrupted(" + i.cause() + ") " + std::to_string(Since(*k)));
  }
  co_await k->Sleep(S(5));  // goes on after catching
  log->push_back("done " + std::to_string(Since(*k)));
}

Task<void> InterruptAt(Kernel* k, ProcessRef target, int64_t at, std::string cause) {
  co_await k->Sleep(S(at));
  k->Interrupt(target, cause);
}

TEST(InterruptTest, InterruptEndsASleepAtOnceWithTheCause) {
  Kernel k(kStart);
  std::vector<std::string> log;
  ProcessRef p = k.Spawn(Napper(&k, &log));
  k.Spawn(InterruptAt(&k, p, 7, "callback"));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"interrupted(callback) 7", "done 12"}));
  EXPECT_EQ(p.outcome(), ProcessOutcome::kFinished);
}

Task<void> Holder(Kernel* k, Resource* r, int64_t hold, std::vector<std::string>* log,
                  std::string name) {
  struct Trace {
    std::vector<std::string>* log;
    std::string name;
    ~Trace() { log->push_back(name + " destroyed"); }
  } trace{log, name};
  Resource::Grant g = co_await r->Acquire();
  log->push_back(name + " got unit at " + std::to_string(Since(*k)));
  co_await k->Sleep(S(hold));
  log->push_back(name + " finished");
}

Task<void> Busy(Kernel* k, Resource* r, std::vector<std::string>* log) {
  try {
    Resource::Grant g = co_await r->Acquire();
    log->push_back("granted");
  } catch (const Interrupted&) {
    log->push_back("interrupted at " + std::to_string(Since(*k)) + " holding " +
                   std::to_string(r->in_use()));
  }
  co_await k->Sleep(S(2));  // the interrupt was consumed: this wait is not interrupted
  log->push_back("slept to " + std::to_string(Since(*k)));
}

Task<void> SpawnAndInterrupt(Kernel* k, Resource* r, std::vector<std::string>* log) {
  ProcessRef p = k->Spawn(Busy(k, r, log));
  EXPECT_TRUE(k->Interrupt(p, "early"));  // p has not started: the interrupt waits for its next wait
  co_return;
}

TEST(InterruptTest, InterruptOfARunnableProcessIsDeliveredAtItsNextWait) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  k.Spawn(SpawnAndInterrupt(&k, &r, &log));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"interrupted at 0 holding 0", "slept to 2"}));
  EXPECT_EQ(r.in_use(), 0);
}

Task<void> LineWaiter(Kernel* k, Resource* r, std::vector<std::string>* log) {
  Resource::Grant g = co_await r->Acquire();
  log->push_back("granted at " + std::to_string(Since(*k)));
  try {
    co_await k->Sleep(S(1));
    log->push_back("not interrupted");
  } catch (const Interrupted& i) {
    log->push_back("then interrupted(" + i.cause() + ") holding " + std::to_string(r->in_use()));
  }
}

TEST(InterruptTest, AnInterruptAfterAGrantKeepsTheGrant) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  std::vector<std::string> holder_log;
  k.Spawn(Holder(&k, &r, 5, &holder_log, "a"));  // releases at 5, handing the unit to w
  ProcessRef w = k.Spawn(LineWaiter(&k, &r, &log));
  k.Spawn(InterruptAt(&k, w, 5, "late"));  // runs at 5 after the hand-over, before w resumes
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"granted at 5", "then interrupted(late) holding 1"}));
  EXPECT_EQ(r.in_use(), 0);
}

Task<void> CancelAt(Kernel* k, ProcessRef target, int64_t at) {
  co_await k->Sleep(S(at));
  EXPECT_TRUE(k->Cancel(target));
  EXPECT_FALSE(k->Cancel(target));
}

TEST(InterruptTest, CancelRunsDestructorsAndReleasesHeldUnits) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  ProcessRef a = k.Spawn(Holder(&k, &r, 100, &log, "a"));
  k.Spawn(Holder(&k, &r, 1, &log, "b"));
  k.Spawn(CancelAt(&k, a, 3));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"a got unit at 0", "a destroyed", "b got unit at 3",
                                           "b finished", "b destroyed"}));
  EXPECT_EQ(a.outcome(), ProcessOutcome::kCancelled);
  EXPECT_EQ(r.in_use(), 0);
}

TEST(InterruptTest, CancelOfAWaiterTakesItOutOfTheLine) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  k.Spawn(Holder(&k, &r, 10, &log, "a"));
  ProcessRef b = k.Spawn(Holder(&k, &r, 1, &log, "b"));
  k.Spawn(Holder(&k, &r, 1, &log, "c"));
  k.Spawn(CancelAt(&k, b, 2));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"a got unit at 0", "b destroyed", "a finished",
                                           "a destroyed", "c got unit at 10", "c finished",
                                           "c destroyed"}));
}

Task<void> Watcher(Kernel* k, ProcessRef target, std::string* seen) {
  const ProcessOutcome o = co_await k->Join(target);
  *seen = (o == ProcessOutcome::kCancelled ? "cancelled at " : "other at ") +
          std::to_string(Since(*k));
}

TEST(InterruptTest, JoinersSeeCancellation) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  std::string seen;
  ProcessRef a = k.Spawn(Holder(&k, &r, 100, &log, "a"));
  k.Spawn(Watcher(&k, a, &seen));
  k.Spawn(CancelAt(&k, a, 4));
  k.Run();
  EXPECT_EQ(seen, "cancelled at 4");
}

Task<void> Waiter1(Kernel* k, Resource* r, std::vector<std::string>* log) {
  try {
    Resource::Grant g = co_await r->Acquire();
    log->push_back("waiter granted");
  } catch (const Interrupted& i) {
    log->push_back("waiter interrupted at " + std::to_string(Since(*k)) + ", line " +
                   std::to_string(r->queue_length()));
  }
}

TEST(InterruptTest, AnInterruptedWaiterLeavesTheLineWithoutTheUnit) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  k.Spawn(Holder(&k, &r, 10, &log, "a"));
  ProcessRef w = k.Spawn(Waiter1(&k, &r, &log));
  k.Spawn(InterruptAt(&k, w, 5, "x"));
  k.Run();
  EXPECT_EQ(log[1], "waiter interrupted at 5, line 0");
  EXPECT_EQ(r.granted(), 1);
}

TEST(InterruptTest, DestroyingTheKernelCancelsLiveProcesses) {
  std::vector<std::string> log;
  {
    Kernel k(kStart);
    Resource r(k, 1);
    k.Spawn(Holder(&k, &r, 100, &log, "a"));
    k.Spawn(Holder(&k, &r, 100, &log, "b"));
    k.RunUntil(kStart + S(1));
  }  // r is destroyed first while in use: the processes are cancelled before it goes
  EXPECT_EQ(log, (std::vector<std::string>{"a got unit at 0", "a destroyed", "b destroyed"}));
}

}  // namespace
}  // namespace recoup::sim
