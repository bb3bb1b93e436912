// Kernel micro-benchmarks (DESIGN.md section 6). Budgets are ratios within one run:
//  - hold model: N processes, each repeatedly sleeping Exp(1), at N = 1e3, 1e5, 1e6, at >= 0.8x the
//    rate of a bare std::priority_queue loop (pop the minimum, push t + Exp(1)) at the same N;
//  - M/M/c: >= 3 M customers/s on one core.
// Both loops draw Exp(1) the same way (keyed stream + Boost ziggurat), so the ratio measures the
// kernel's own overhead. bench/micro/kernel_gate.py runs this binary and checks the budgets.
// BM_HeapHold compares pending-event structures (d-ary heaps) on the same hold workload.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "sim/examples/mmc.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/kernel.h"
#include "sim/random/distributions.h"
#include "sim/random/random_streams.h"

namespace recoup::sim {
namespace {

constexpr uint64_t kSeed = 20261122;

void BM_BarePriorityQueue(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RandomStream rng = RandomStreams(kSeed).Stream("bench.bare");
  std::vector<double> init;
  init.reserve(n);
  for (std::size_t i = 0; i < n; ++i) init.push_back(Exponential(rng, 1.0));
  std::priority_queue<double, std::vector<double>, std::greater<>> pq(std::greater<>(),
                                                                      std::move(init));
  for (auto _ : state) {
    const double t = pq.top();
    pq.pop();
    pq.push(t + Exponential(rng, 1.0));
  }
  benchmark::DoNotOptimize(pq.top());
  state.SetItemsProcessed(state.iterations());
}

Task<void> Holder(Kernel* k, RandomStream rng) {
  for (;;) co_await k->Sleep(Duration::FromSecondsDouble(Exponential(rng, 1.0)));
}

void BM_HoldModel(benchmark::State& state) {
  const auto n = static_cast<uint64_t>(state.range(0));
  Kernel k;
  const StreamFamily streams = RandomStreams(kSeed).Family("bench.hold");
  for (uint64_t i = 0; i < n; ++i) k.Spawn(Holder(&k, streams.For(i)));
  k.RunEvents(2 * n);  // every process started and asleep
  constexpr uint64_t kChunk = 1000;
  for (auto _ : state) k.RunEvents(kChunk);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kChunk));
  state.counters["pending"] = static_cast<double>(k.pending_entries());
}

template <int kArity>
void BM_HeapHold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RandomStream rng = RandomStreams(kSeed).Stream("bench.heap");
  DaryHeap<kArity> heap;
  heap.reserve(n);
  uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    heap.push({Duration::FromSecondsDouble(Exponential(rng, 1.0)).nanos(), ++seq, i});
  }
  for (auto _ : state) {
    const PendingEvent top = heap.top();
    heap.replace_top({top.time + Duration::FromSecondsDouble(Exponential(rng, 1.0)).nanos(), ++seq,
                      top.payload});
  }
  benchmark::DoNotOptimize(heap.top());
  state.SetItemsProcessed(state.iterations());
}

void BM_Mmc(benchmark::State& state) {
  examples::MmcParams p;
  p.lam = 90;
  p.mu = 1;
  p.c = 100;
  if (state.range(0) > 0) p.theta = 0.5;
  p.customers = 1'000'000;
  int64_t customers = 0;
  uint64_t events = 0;
  for (auto _ : state) {
    const StatusOr<examples::MmcResult> r = examples::SimulateMmc(p);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    customers += r->customers;
    events += r->events_processed;
  }
  state.counters["customers_per_s"] =
      benchmark::Counter(static_cast<double>(customers), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_BarePriorityQueue)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HoldModel)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HeapHold<2>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HeapHold<4>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HeapHold<8>)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_Mmc)->ArgName("erlang_a")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recoup::sim

BENCHMARK_MAIN();
