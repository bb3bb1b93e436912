// The scenario runner: runs a loaded scenario's replications (and, with a champion/challenger
// experiment, every arm of it) through the simulated operation, audits every run's contacts
// independently, and gathers the KPIs, the arm comparison and what the results file holds.
//
// Experiments are evaluated counterfactually with common random numbers: replication r of arm a
// runs the whole portfolio under arm a with seed run.seed + r, so every arm meets the same debtors
// with the same luck and the paired differences are tight. To show how much that buys, the runner
// also runs each arm with independent seeds (seed + r + 1,000,003 x (arm + 1)) when there are at
// least two replications, and reports the variance of the paired differences against the variance
// of independent ones (RunRequest::variance_check).
#ifndef RECOUP_SCENARIOS_RUNNER_H_
#define RECOUP_SCENARIOS_RUNNER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/statusor.h"
#include "scenarios/scenario.h"
#include "sim/recording/comparison.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/kpis.h"
#include "sim/recording/results.h"
#include "sim/recording/run_log.h"

namespace recoup::scenarios {

struct RunRequest {
  int64_t accounts = 0;          // 0: the scenario's portfolio size
  int days = 0;                  // 0: the scenario's horizon
  std::optional<uint64_t> seed;  // the scenario's run.seed when unset
  int replications = 0;          // 0: the scenario's
  bool variance_check = true;    // independent-seed runs for the variance reduction
  // The HDF5 results file to write (atomically), "" for none; `manifest` describes the run in it
  // (the runner fills in the dates, sizes and arm names); `events` adds the contact event log.
  std::string results_path;
  sim::recording::RunManifest manifest;
  bool events = false;
};

// Where a run is, for progress displays.
struct RunProgress {
  int run = 0;        // 0-based index of the current simulation
  int runs = 0;       // simulations in all
  std::string label;  // "replication 1/3, arm champion"
  int day = 0;
  int days = 0;
  uint64_t events = 0;  // kernel events of the current simulation so far
  uint64_t contacts = 0;
};

// One simulation: one replication of one arm.
struct SimulationResult {
  int replication = 0;
  int arm = -1;  // -1 without an experiment
  uint64_t seed = 0;
  bool independent = false;  // an independent-seed run (variance check only)
  sim::recording::ArmKpis kpis;
  sim::recording::AuditReport audit;
  uint64_t events = 0;
};

struct RunReport {
  std::vector<std::string> arm_names;  // one "" entry without an experiment
  int replications = 0;
  int64_t accounts = 0;
  int days = 0;
  uint64_t seed = 0;
  std::vector<SimulationResult> simulations;              // paired runs first, then independent
  std::vector<sim::recording::ReplicationKpis> paired;    // by replication, every arm
  std::vector<sim::recording::KpiComparison> comparison;  // challenger (arm 1) vs champion (arm 0)
  uint64_t events = 0;                                    // over every simulation
  int64_t violations = 0;                                 // audit violations over every simulation
};

// Runs `scenario` as `request` says. Errors: the operation's (a world or decision configuration
// that does not validate: InvalidArgument naming the field), an audit that cannot be set up, or a
// failed workflow task (Internal).
StatusOr<RunReport> RunScenario(const Scenario& scenario, const RunRequest& request,
                                const std::function<void(const RunProgress&)>& progress = {});

// The KPI table the CLI prints: one column per arm (the mean over replications), and with two arms
// the difference and its 95% interval and the variance reduction. Plain text, aligned.
std::string FormatKpiTable(const RunReport& report);

}  // namespace recoup::scenarios

#endif  // RECOUP_SCENARIOS_RUNNER_H_
