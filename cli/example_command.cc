#include "cli/example_command.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/examples/mmc.h"

namespace recoup::cli {
namespace {

struct MmcOptions {
  double lam = 0;
  double mu = 0;
  int64_t c = 0;
  std::optional<double> theta;
  int64_t customers = 1'000'000;
  std::optional<int64_t> warmup;
  uint64_t seed = 1;
  double t_sl = 20;
  int batches = 32;
};

nlohmann::ordered_json Metric(const sim::examples::MmcMetric& m) { return m.value; }

int RunMmc(const MmcOptions& o) {
  sim::examples::MmcParams p;
  p.lam = o.lam;
  p.mu = o.mu;
  p.c = o.c;
  p.theta = o.theta;
  p.t_sl = o.t_sl;
  p.customers = o.customers;
  p.warmup = o.warmup;
  p.seed = o.seed;
  p.min_batches = o.batches;

  const auto t0 = std::chrono::steady_clock::now();
  StatusOr<sim::examples::MmcResult> result = sim::examples::SimulateMmc(p);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!result.ok()) {
    std::cerr << "recoup example mmc: " << result.status().message() << "\n";
    return 2;
  }
  const sim::examples::MmcResult& r = *result;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(r.trace_hash));

  nlohmann::ordered_json params = {{"lam", p.lam},      {"mu", p.mu},         {"c", p.c},
                           {"theta", nullptr},  {"t_sl", p.t_sl},     {"seed", p.seed},
                           {"warmup", r.warmup}, {"batches", p.min_batches}};
  if (p.theta) params["theta"] = *p.theta;
  nlohmann::ordered_json out = {
      {"engine", "recoup sim kernel: heap/ladder event set, coroutine processes"},
      {"model", p.theta ? "M/M/c+M (Erlang A)" : "M/M/c (Erlang C)"},
      {"params", params},
      {"customers", r.customers},
      {"measured_customers", r.measured},
      {"events_processed", r.events_processed},
      {"simulated_s", r.simulated_seconds},
      {"wall_s", wall_s},
      {"events_per_s", static_cast<double>(r.events_processed) / wall_s},
      {"customers_per_s", static_cast<double>(r.customers) / wall_s},
      {"mean_wq", Metric(r.mean_wq)},
      {"p_wait", Metric(r.p_wait)},
      {"service_level", Metric(r.service_level)},
      {"p_abandon", Metric(r.p_abandon)},
      {"utilization", Metric(r.utilization)},
      {"mean_wq_ci95", r.mean_wq.ci95.half_width},
      {"p_wait_ci95", r.p_wait.ci95.half_width},
      {"service_level_ci95", r.service_level.ci95.half_width},
      {"p_abandon_ci95", r.p_abandon.ci95.half_width},
      {"utilization_ci95", r.utilization.ci95.half_width},
      {"trace_hash", hash},
  };
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace

void AddExampleCommand(CLI::App& app, int* exit_code) {
  CLI::App* example = app.add_subcommand("example", "Run a small model that exercises the kernel");
  example->require_subcommand(1);

  auto opts = std::make_shared<MmcOptions>();
  CLI::App* mmc = example->add_subcommand(
      "mmc",
      "Call centre as an M/M/c queue (Erlang C), or M/M/c+M with --theta (Erlang A). Rates are per "
      "second of simulated time. Prints one JSON object: estimates with 95% confidence half-widths "
      "(batch means) and the engine's speed.");
  mmc->add_option("--lam", opts->lam, "Arrival rate (> 0)")->required();
  mmc->add_option("--mu", opts->mu, "Service rate per agent (> 0)")->required();
  mmc->add_option("-c,--agents", opts->c, "Number of agents (>= 1)")->required();
  mmc->add_option("--theta", opts->theta, "Abandonment rate: exponential patience (>= 0)");
  mmc->add_option("--customers", opts->customers, "Arrivals to simulate")
      ->capture_default_str();
  mmc->add_option("--warmup", opts->warmup,
                  "Customers excluded at the start (default: customers / 10)");
  mmc->add_option("--seed", opts->seed, "Seed of the keyed random streams")->capture_default_str();
  mmc->add_option("--t", opts->t_sl, "Service-level threshold in seconds: P(wait <= T)")
      ->capture_default_str();
  mmc->add_option("--batches", opts->batches, "Minimum number of batches for batch means (>= 2)")
      ->capture_default_str();
  mmc->callback([opts, exit_code] { *exit_code = RunMmc(*opts); });
}

}  // namespace recoup::cli
