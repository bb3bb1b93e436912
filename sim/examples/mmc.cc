#include "sim/examples/mmc.h"

#include <cmath>
#include <memory>
#include <string>

#include "sim/kernel/kernel.h"
#include "sim/kernel/resource.h"
#include "sim/random/distributions.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::examples {
namespace {

constexpr Timestamp kStart = Timestamp::FromUnixSeconds(0);

Status Validate(const MmcParams& p) {
  auto positive = [](double v) { return std::isfinite(v) && v > 0; };
  if (!positive(p.lam)) return InvalidArgumentError("lam: expected a rate > 0, got " + std::to_string(p.lam));
  if (!positive(p.mu)) return InvalidArgumentError("mu: expected a rate > 0, got " + std::to_string(p.mu));
  if (p.c < 1) return InvalidArgumentError("c: expected at least 1 agent, got " + std::to_string(p.c));
  if (p.theta && !(std::isfinite(*p.theta) && *p.theta >= 0)) {
    return InvalidArgumentError("theta: expected an abandonment rate >= 0, got " +
                                std::to_string(*p.theta));
  }
  if (!(std::isfinite(p.t_sl) && p.t_sl >= 0)) {
    return InvalidArgumentError("t: expected a service-level threshold >= 0 seconds, got " +
                                std::to_string(p.t_sl));
  }
  if (p.min_batches < 2) return InvalidArgumentError("batches: expected at least 2");
  const int64_t warmup = p.warmup.value_or(p.customers / 10);
  if (warmup < 0) return InvalidArgumentError("warmup: expected >= 0 customers");
  if (p.customers < warmup + 4 * p.min_batches) {
    return InvalidArgumentError("customers: expected at least warmup + " +
                                std::to_string(4 * p.min_batches) + " = " +
                                std::to_string(warmup + 4 * p.min_batches) + ", got " +
                                std::to_string(p.customers));
  }
  const bool abandons = p.theta && *p.theta > 0;
  if (!abandons && p.lam >= static_cast<double>(p.c) * p.mu) {
    return InvalidArgumentError(
        "lam: an M/M/c queue without abandonment needs lam < c * mu (" + std::to_string(p.lam) +
        " >= " + std::to_string(static_cast<double>(p.c) * p.mu) + "): it has no steady state");
  }
  return OkStatus();
}

// Everything the processes share; lives on SimulateMmc's stack for the whole run.
struct Model {
  Model(const MmcParams& p, int64_t warmup_customers)
      : params(p),
        warmup(warmup_customers),
        kernel(kStart),
        agents(kernel, p.c, QueueDiscipline::kFifo, "agents"),
        streams(p.seed),
        service(streams.Family("mmc.service")),
        patience(streams.Family("mmc.patience")),
        wq(p.min_batches),
        waited(p.min_batches),
        within_sl(p.min_batches),
        abandoned(p.min_batches) {}

  void BusyChanged() {
    if (utilization && kernel.Now() <= measure_until) {
      utilization->Set(kernel.Now(), static_cast<double>(agents.in_use()));
    }
  }

  const MmcParams& params;
  const int64_t warmup;
  Kernel kernel;
  Resource agents;
  RandomStreams streams;
  StreamFamily service;
  StreamFamily patience;
  BatchMeans wq;
  BatchMeans waited;
  BatchMeans within_sl;
  BatchMeans abandoned;
  std::unique_ptr<TimeBatchMeans> utilization;  // from the end of warm-up
  Timestamp measure_until = Timestamp::InfiniteFuture();
};

Task<void> Customer(Model* m, int64_t id) {
  RandomStream service = m->service.For(static_cast<uint64_t>(id));
  const Timestamp arrived = m->kernel.Now();
  Resource::Grant agent;
  if (m->params.theta && *m->params.theta > 0) {
    RandomStream patience = m->patience.For(static_cast<uint64_t>(id));
    const Duration limit = Duration::FromSecondsDouble(Exponential(patience, *m->params.theta));
    Resource::AcquireAwaiter acquire = m->agents.AcquireFor(limit);
    agent = co_await acquire;
  } else {
    Resource::AcquireAwaiter acquire = m->agents.Acquire();
    agent = co_await acquire;
  }
  if (id >= m->warmup) {
    const double wait = (m->kernel.Now() - arrived).ToSecondsDouble();
    m->wq.Add(wait);
    m->waited.Add(wait > 0 ? 1.0 : 0.0);
    m->within_sl.Add(wait <= m->params.t_sl ? 1.0 : 0.0);
    m->abandoned.Add(agent ? 0.0 : 1.0);
  }
  if (!agent) co_return;
  m->BusyChanged();
  co_await m->kernel.Sleep(Duration::FromSecondsDouble(Exponential(service, m->params.mu)));
  agent.Release();
  m->BusyChanged();
}

Task<void> Arrivals(Model* m) {
  RandomStream gaps = m->streams.Stream("mmc.arrival", 0);
  const double mean_gap = 1.0 / m->params.lam;
  for (int64_t id = 0; id < m->params.customers; ++id) {
    co_await m->kernel.Sleep(Duration::FromSecondsDouble(Exponential(gaps, m->params.lam)));
    if (id == m->warmup) {
      // Time batches start well below the measured horizon / min_batches and merge as it grows.
      const double horizon = static_cast<double>(m->params.customers - m->warmup) * mean_gap;
      m->utilization = std::make_unique<TimeBatchMeans>(
          m->kernel.Now(), Duration::FromSecondsDouble(horizon / (64.0 * m->params.min_batches)),
          m->params.min_batches, static_cast<double>(m->agents.in_use()));
    }
    m->kernel.Spawn(Customer(m, id));
  }
  m->measure_until = m->kernel.Now();
}

MmcMetric Summarise(const BatchMeans& b) {
  return MmcMetric{b.mean(), b.Interval(0.95), b.Interval(0.99)};
}

}  // namespace

StatusOr<MmcResult> SimulateMmc(const MmcParams& params) {
  RECOUP_RETURN_IF_ERROR(Validate(params));
  const int64_t warmup = params.warmup.value_or(params.customers / 10);
  Model m(params, warmup);
  m.kernel.Spawn(Arrivals(&m), "arrivals");
  m.kernel.Run();

  MmcResult r;
  r.customers = params.customers;
  r.warmup = warmup;
  r.measured = m.wq.count();
  r.events_processed = m.kernel.events_processed();
  r.trace_hash = m.kernel.trace_hash();
  r.simulated_seconds = (m.kernel.Now() - kStart).ToSecondsDouble();
  r.mean_wq = Summarise(m.wq);
  r.p_wait = Summarise(m.waited);
  r.service_level = Summarise(m.within_sl);
  r.p_abandon = Summarise(m.abandoned);
  const double c = static_cast<double>(params.c);
  auto per_agent = [c](ConfidenceInterval ci) {
    ci.mean /= c;
    ci.half_width /= c;
    return ci;
  };
  r.utilization = MmcMetric{m.utilization->Mean(m.measure_until) / c,
                            per_agent(m.utilization->Interval(m.measure_until, 0.95)),
                            per_agent(m.utilization->Interval(m.measure_until, 0.99))};
  return r;
}

}  // namespace recoup::sim::examples
