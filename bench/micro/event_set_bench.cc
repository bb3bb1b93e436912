// Pending-event set micro-benchmarks: the ladder queue (sim/kernel/ladder_queue.h) against the
// d-ary heaps (event_queue.h) and the bare std::priority_queue<double> reference of DESIGN.md
// section 6.
//
// Every loop is the hold model: N pending events; each step pops the earliest (top() then pop, or
// replace_top) and pushes it again at its time plus a random gap. Three gap workloads:
//  - Hold:    Exp(1) seconds, as in kernel_bench.cc (the budget's reference loop);
//  - Ties:    Exp(1) rounded up to a 100 ms grid, so ~N/10 events share the earliest timestamps;
//  - Bimodal: 90% Exp(mean 1 ms), 10% Exp(mean 10 s): a dense near future over a sparse far one.
// Times are int64 ns (Duration::FromSecondsDouble); draws come from keyed streams + Boost ziggurat,
// the same for every structure, so ratios within one run measure the structures alone. The budget
// is BM_LadderHold >= 0.8x the rate of BM_BarePriorityQueue at each N; "bytes_per_event" is the
// ladder's memory including spare capacity.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

#include "core/base/time.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/ladder_queue.h"
#include "sim/random/distributions.h"
#include "sim/random/random_streams.h"

namespace recoup::sim {
namespace {

constexpr uint64_t kSeed = 20261122;

enum class Gaps { kExp1, kTies, kBimodal };

// The next gap in seconds (for the double reference loop).
double GapSeconds(RandomStream& rng, Gaps gaps) {
  switch (gaps) {
    case Gaps::kExp1:
      return Exponential(rng, 1.0);
    case Gaps::kTies:
      return std::ceil(Exponential(rng, 1.0) * 10.0) / 10.0;
    case Gaps::kBimodal:
      return Bernoulli(rng, 0.9) ? Exponential(rng, 1000.0) : Exponential(rng, 0.1);
  }
  return 0;
}

// The next gap in ns. kTies stays on an exact 100 ms grid.
int64_t GapNanos(RandomStream& rng, Gaps gaps) {
  if (gaps == Gaps::kTies) {
    return static_cast<int64_t>(std::ceil(Exponential(rng, 1.0) * 10.0)) * 100'000'000;
  }
  return Duration::FromSecondsDouble(GapSeconds(rng, gaps)).nanos();
}

// The reference loop of DESIGN.md section 6 (copied from kernel_bench.cc), for any gap workload.
void BareLoop(benchmark::State& state, Gaps gaps) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RandomStream rng = RandomStreams(kSeed).Stream("bench.bare");
  std::vector<double> init;
  init.reserve(n);
  for (std::size_t i = 0; i < n; ++i) init.push_back(GapSeconds(rng, gaps));
  std::priority_queue<double, std::vector<double>, std::greater<>> pq(std::greater<>(),
                                                                      std::move(init));
  for (auto _ : state) {
    const double t = pq.top();
    pq.pop();
    pq.push(t + GapSeconds(rng, gaps));
  }
  benchmark::DoNotOptimize(pq.top());
  state.SetItemsProcessed(state.iterations());
}

// The hold loop on a pending-event set with DaryHeap's interface.
template <typename Queue>
void HoldLoop(benchmark::State& state, Gaps gaps, const char* stream) {
  const auto n = static_cast<std::size_t>(state.range(0));
  RandomStream rng = RandomStreams(kSeed).Stream(stream);
  Queue queue;
  queue.reserve(n);
  uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) queue.push({GapNanos(rng, gaps), ++seq, i});
  for (auto _ : state) {
    const PendingEvent top = queue.top();
    queue.replace_top({top.time + GapNanos(rng, gaps), ++seq, top.payload});
  }
  benchmark::DoNotOptimize(queue.top());
  state.SetItemsProcessed(state.iterations());
  if constexpr (requires { queue.MemoryBytes(); }) {
    state.counters["bytes_per_event"] =
        static_cast<double>(queue.MemoryBytes()) / static_cast<double>(queue.size());
  }
}

void BM_BarePriorityQueue(benchmark::State& state) { BareLoop(state, Gaps::kExp1); }
template <int kArity>
void BM_HeapHold(benchmark::State& state) {
  HoldLoop<DaryHeap<kArity>>(state, Gaps::kExp1, "bench.heap");
}
void BM_LadderHold(benchmark::State& state) {
  HoldLoop<LadderQueue>(state, Gaps::kExp1, "bench.heap");
}

void BM_BareTies(benchmark::State& state) { BareLoop(state, Gaps::kTies); }
void BM_HeapTies(benchmark::State& state) {
  HoldLoop<DaryHeap<4>>(state, Gaps::kTies, "bench.heap");
}
void BM_LadderTies(benchmark::State& state) {
  HoldLoop<LadderQueue>(state, Gaps::kTies, "bench.heap");
}

void BM_BareBimodal(benchmark::State& state) { BareLoop(state, Gaps::kBimodal); }
void BM_HeapBimodal(benchmark::State& state) {
  HoldLoop<DaryHeap<4>>(state, Gaps::kBimodal, "bench.heap");
}
void BM_LadderBimodal(benchmark::State& state) {
  HoldLoop<LadderQueue>(state, Gaps::kBimodal, "bench.heap");
}

// The budget's sizes, then 1e7 for scale.
void Sizes(benchmark::internal::Benchmark* b) {
  for (const int64_t n : {1'000, 100'000, 1'000'000, 10'000'000}) b->Arg(n);
}

BENCHMARK(BM_BarePriorityQueue)->Apply(Sizes);
BENCHMARK(BM_HeapHold<4>)->Apply(Sizes);
BENCHMARK(BM_HeapHold<8>)->Apply(Sizes);
BENCHMARK(BM_LadderHold)->Apply(Sizes);
BENCHMARK(BM_BareTies)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HeapTies)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_LadderTies)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_BareBimodal)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_HeapBimodal)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(BM_LadderBimodal)->Arg(1'000)->Arg(100'000)->Arg(1'000'000);

}  // namespace
}  // namespace recoup::sim

BENCHMARK_MAIN();
