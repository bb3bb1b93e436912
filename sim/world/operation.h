// The simulated collections operation: one run of a scenario's world under the decision core.
//
// Accounts are data, not processes (DESIGN.md section 2). The core's planner (core/workflow/
// planner.h) schedules each account's next action as a plain kernel event; when it comes due the
// contact is checked by the compliance engine and queued for its channel: AI voice lines, human
// agents on shifts, or the message channels with their daily capacities. A coroutine lives only
// while a contact runs (core/workflow/interaction.h): the org lookup, the conversation with the
// simulated debtor (sim/adapters/sim_channel_port.h) and the writes to the in-process mock org
// (sim/adapters/sim_org_port.h); while the org refuses requests for its limits, calls and messages
// wait in their queues (core/workflow/org_backoff.h). Debtors call back after a voicemail, a
// message or a letter (inbound calls through the same workflow, answered by the AI 24/7 or an
// agent on shift, else on hold or lost to voicemail; operation_inbound.cc). Hand-offs wait in an
// escalation queue for a human, with abandonment; one nobody can take live, or that the debtor
// abandoned, goes to a callback list that agents work later (staffing.callbacks;
// operation_callbacks.cc). Promises and instalments fall due and are kept, paid partly or broken;
// accounts self-cure, roll through the delinquency stages and charge off. Everything that happens
// is reported as rows to a RunSink (sim/recording/run_log.h).
//
// Determinism: every draw comes from keyed streams (account id, attempt number...), events run in
// (time, insertion) order, and nothing reads a clock, so equal inputs give equal rows.
//
//   Operation::Options options;  options.forced_arm = 0;
//   auto op = Operation::Create(world, decisions, run, options, &sink);
//   Status s = (*op)->Run(progress);
#ifndef RECOUP_SIM_WORLD_OPERATION_H_
#define RECOUP_SIM_WORLD_OPERATION_H_

#include <cstdint>
#include <functional>
#include <memory>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/workflow/decision_config.h"
#include "sim/recording/run_log.h"
#include "sim/world/portfolio.h"
#include "sim/world/world_config.h"

namespace recoup::sim::world {

class OperationImpl;

// Progress of a run, for terminals and logs.
struct OperationProgress {
  int day = 0;            // simulated days completed
  int days = 0;           // the horizon
  uint64_t events = 0;    // kernel events run so far
  uint64_t contacts = 0;  // contact attempts so far
};

class Operation {
 public:
  struct Options {
    uint64_t seed = 1;  // the replication's seed (RunSpec::seed is ignored)
    // Counterfactual evaluation of an experiment arm: every account covered by the scenario's
    // experiment is treated under arm `forced_arm`; -1 lets the stable hash split the accounts.
    int forced_arm = -1;
    // Override of the portfolio size (the CLI's --accounts); 0 keeps the scenario's.
    int64_t accounts = 0;
    // Override of the horizon in days (the CLI's --days); 0 keeps the scenario's.
    int horizon_days = 0;
    bool report_api_calls = true;  // ApiCallRow for every org request
  };

  // Builds the world: generates the portfolio, loads it into a fresh mock org, sets up the
  // channels and staffing. InvalidArgument (naming the field) for a world or decision
  // configuration that does not validate. `sink` is not owned and must outlive Run.
  static StatusOr<std::unique_ptr<Operation>> Create(const WorldSpec& world,
                                                     const workflow::DecisionConfig& decisions,
                                                     const RunSpec& run, const Options& options,
                                                     recording::RunSink* sink);
  ~Operation();
  Operation(const Operation&) = delete;
  Operation& operator=(const Operation&) = delete;

  // Runs the horizon, reporting after every simulated day. Call once. Errors: Internal when a
  // workflow task failed (a bug), with what happened.
  Status Run(const std::function<void(const OperationProgress&)>& progress = {});

  // The portfolio: as placed until Run starts (what an independent audit copies), as left at the
  // end after Run.
  const Portfolio& portfolio() const;
  // The number of accounts simulated, and the kernel events run so far.
  int64_t accounts() const;
  uint64_t events() const;

 private:
  explicit Operation(std::unique_ptr<OperationImpl> impl);
  std::unique_ptr<OperationImpl> impl_;
};

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_OPERATION_H_
