#include "sim/kernel/resource.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace recoup::sim {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(1'700'000'000);
Duration S(int64_t s) { return Duration::Seconds(s); }
int Since(const Kernel& k) { return static_cast<int>((k.Now() - kStart).ToSeconds()); }

Task<void> Customer(Kernel* k, Resource* r, int64_t arrive, int64_t service, int priority,
                    std::string name, std::vector<std::string>* log) {
  co_await k->Sleep(S(arrive));
  Resource::Grant g = co_await r->Acquire(priority);
  log->push_back(name + "@" + std::to_string(Since(*k)));
  co_await k->Sleep(S(service));
}

TEST(ResourceTest, FifoServesInArrivalOrder) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  k.Spawn(Customer(&k, &r, 0, 10, 0, "a", &log));
  k.Spawn(Customer(&k, &r, 1, 1, 5, "b", &log));
  k.Spawn(Customer(&k, &r, 2, 1, -5, "c", &log));  // priorities are ignored by FIFO
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"a@0", "b@10", "c@11"}));
}

TEST(ResourceTest, PriorityServesLowerValuesFirstAndFifoAmongEquals) {
  Kernel k(kStart);
  Resource r(k, 1, QueueDiscipline::kPriority);
  std::vector<std::string> log;
  k.Spawn(Customer(&k, &r, 0, 10, 0, "first", &log));
  k.Spawn(Customer(&k, &r, 1, 1, 2, "low1", &log));
  k.Spawn(Customer(&k, &r, 2, 1, 1, "mid", &log));
  k.Spawn(Customer(&k, &r, 3, 1, 2, "low2", &log));
  k.Spawn(Customer(&k, &r, 4, 1, 0, "high", &log));
  k.Run();  // service is not pre-empted: "first" keeps its unit
  EXPECT_EQ(log, (std::vector<std::string>{"first@0", "high@10", "mid@11", "low1@12", "low2@13"}));
}

TEST(ResourceTest, CapacityServesSeveralAtOnce) {
  Kernel k(kStart);
  Resource r(k, 2);
  std::vector<std::string> log;
  for (int i = 0; i < 5; ++i) k.Spawn(Customer(&k, &r, 0, 4, 0, std::to_string(i), &log));
  k.Run();
  EXPECT_EQ(log, (std::vector<std::string>{"0@0", "1@0", "2@4", "3@4", "4@8"}));
}

Task<void> Impatient(Kernel* k, Resource* r, int64_t arrive, int64_t patience, int64_t service,
                     std::string name, std::vector<std::string>* log) {
  co_await k->Sleep(S(arrive));
  Resource::Grant g = co_await r->AcquireFor(S(patience));
  if (!g) {
    log->push_back(name + " reneged@" + std::to_string(Since(*k)));
    co_return;
  }
  log->push_back(name + "@" + std::to_string(Since(*k)));
  co_await k->Sleep(S(service));
}

TEST(ResourceTest, WaitersRenegeWhenTheirPatienceRunsOut) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<std::string> log;
  k.Spawn(Impatient(&k, &r, 0, 100, 10, "a", &log));
  k.Spawn(Impatient(&k, &r, 1, 4, 1, "b", &log));   // would wait 9: gives up at 5
  k.Spawn(Impatient(&k, &r, 2, 8, 1, "c", &log));   // unit frees at 10 exactly when c gives up
  k.Spawn(Impatient(&k, &r, 3, 20, 1, "d", &log));  // served after c
  k.Spawn(Impatient(&k, &r, 4, 0, 1, "e", &log));   // no patience: reneges at once
  k.Run();
  // At 10 a's release (scheduled before c's deadline) hands the unit to c.
  EXPECT_EQ(log, (std::vector<std::string>{"a@0", "e reneged@4", "b reneged@5", "c@10", "d@11"}));
  EXPECT_EQ(r.reneged(), 2);
  EXPECT_EQ(r.granted(), 3);
  EXPECT_DOUBLE_EQ(r.reneged_waits().mean(), (4.0 + 0.0) / 2);
  EXPECT_EQ(r.queue_length(), 0);
}

TEST(ResourceTest, StatisticsMatchAHandComputedSchedule) {
  Kernel k(kStart);
  Resource r(k, 2);
  std::vector<std::string> log;
  // Busy units: [0,2): 1, [2,4): 2, [4,6): 2 (a third waits 2..4 then takes a's unit), [6,8): 1.
  k.Spawn(Customer(&k, &r, 0, 4, 0, "a", &log));
  k.Spawn(Customer(&k, &r, 2, 4, 0, "b", &log));
  k.Spawn(Customer(&k, &r, 2, 4, 0, "c", &log));
  k.Run();
  EXPECT_EQ(Since(k), 8);
  // Busy-unit integral = 1*2 + 2*2 + 2*2 + 1*2 = 12 over 8 s and 2 units.
  EXPECT_DOUBLE_EQ(r.Utilization(), 12.0 / 16.0);
  // Line: one waiting during [2,4).
  EXPECT_DOUBLE_EQ(r.MeanQueueLength(), 2.0 / 8.0);
  EXPECT_EQ(r.granted(), 3);
  EXPECT_DOUBLE_EQ(r.served_waits().mean(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.served_waits().max(), 2.0);
}

Task<void> TryTwice(Resource* r, std::vector<bool>* got) {
  Resource::Grant a = r->TryAcquire();
  Resource::Grant b = r->TryAcquire();
  got->push_back(static_cast<bool>(a));
  got->push_back(static_cast<bool>(b));
  a.Release();
  Resource::Grant c = r->TryAcquire();
  got->push_back(static_cast<bool>(c));
  co_return;
}

TEST(ResourceTest, TryAcquireNeverBlocks) {
  Kernel k(kStart);
  Resource r(k, 1);
  std::vector<bool> got;
  k.Spawn(TryTwice(&r, &got));
  k.Run();
  EXPECT_EQ(got, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(r.in_use(), 0);
}

}  // namespace
}  // namespace recoup::sim
