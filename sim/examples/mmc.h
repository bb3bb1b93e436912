// The call-centre example: an M/M/c queue, with exponential patience (Erlang A) when theta is given.
//
// Customers arrive in a Poisson stream (rate lam per second of simulated time), wait FIFO for one of c
// agents, and are served for an Exp(mu) time; with theta, each waiting customer abandons after an
// Exp(theta) patience. Each customer is a kernel process acquiring a Resource, so this example runs
// the kernel's whole wait path, and it is the model behind the M/M/c benchmark.
//
// Randomness comes from keyed streams: inter-arrival times from ("mmc.arrival", 0), customer i's
// service and patience from ("mmc.service", i) and ("mmc.patience", i), so a customer's luck does not
// depend on anything else in the run.
//
// Estimates exclude the first `warmup` customers (the queue starts empty). Per-customer metrics are
// recorded when a customer's wait ends; their confidence intervals come from batch means over those
// customers, and utilisation from time-batch means up to the last arrival.
#ifndef RECOUP_SIM_EXAMPLES_MMC_H_
#define RECOUP_SIM_EXAMPLES_MMC_H_

#include <cstdint>
#include <optional>

#include "core/base/statusor.h"
#include "sim/stats/confidence.h"

namespace recoup::sim::examples {

struct MmcParams {
  double lam = 0;                      // arrival rate, per second (> 0)
  double mu = 0;                       // service rate per agent, per second (> 0)
  int64_t c = 0;                       // agents (>= 1)
  std::optional<double> theta;         // abandonment rate, per second (>= 0); none: Erlang C
  double t_sl = 20;                    // service-level threshold, seconds (>= 0)
  int64_t customers = 100'000;         // arrivals to simulate (> warmup, warmup + 2 * batches)
  std::optional<int64_t> warmup;       // customers excluded at the start; default customers / 10
  uint64_t seed = 1;
  int min_batches = 32;                // batch-means batches (>= 2)
};

struct MmcMetric {
  double value = 0;
  ConfidenceInterval ci95;  // batch means
  // Half-width at another level from the same batches.
  ConfidenceInterval ci99;
};

struct MmcResult {
  int64_t customers = 0;  // arrivals simulated
  int64_t measured = 0;   // customers after warm-up
  int64_t warmup = 0;
  uint64_t events_processed = 0;
  uint64_t trace_hash = 0;
  double simulated_seconds = 0;  // until the last customer left
  MmcMetric mean_wq;        // mean time in queue of all arrivals (abandoners: time until they left)
  MmcMetric p_wait;         // share of arrivals that found every agent busy
  MmcMetric service_level;  // share of arrivals with time in queue <= t_sl (abandoners included)
  MmcMetric p_abandon;      // share of arrivals that abandoned (0 without theta)
  MmcMetric utilization;    // time-average busy agents / c, up to the last arrival
};

// Validates `params` (an error names the parameter and what was expected; an Erlang C system with
// lam >= c * mu has no steady state and is rejected) and runs the simulation. Deterministic: the
// same params give the same result, trace_hash included.
StatusOr<MmcResult> SimulateMmc(const MmcParams& params);

}  // namespace recoup::sim::examples

#endif  // RECOUP_SIM_EXAMPLES_MMC_H_
