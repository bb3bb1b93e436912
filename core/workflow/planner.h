// The pre-contact pipeline as one pure function: score, segment, assign a strategy (with its
// champion/challenger arm), and pick the next best action. The simulation's operation and the live
// adapter both call it whenever an account's situation changes; compliance is checked separately,
// when the contact is about to happen (interaction.h).
//
//   Planner planner(config);           // config validated, outlives the planner
//   Plan p = planner.PlanFor(in);      // p.action.kind: contact / escalate / none
#ifndef RECOUP_CORE_WORKFLOW_PLANNER_H_
#define RECOUP_CORE_WORKFLOW_PLANNER_H_

#include <vector>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/segmentation/scoring.h"
#include "core/segmentation/segments.h"
#include "core/strategy/assignment.h"
#include "core/strategy/next_action.h"
#include "core/workflow/decision_config.h"

namespace recoup::workflow {

struct PlanInputs {
  const domain::Account* account = nullptr;
  const domain::Debtor* debtor = nullptr;
  const domain::ContactHistory* history = nullptr;
  Timestamp now;
  domain::LocalDate today;  // in the calendar the sequence is planned in
  Timestamp stage_entered;  // when the account entered its current stage (<= now)
  strategy::ConversationSignals signals;
  // Evaluate an experiment arm counterfactually: every account in an experiment gets arm
  // `forced_arm` (index into the experiment's arms) instead of its hashed arm. -1: the hash
  // decides.
  int forced_arm = -1;
};

struct Plan {
  double risk = 0;  // the roll-risk score
  segmentation::Segment segment;
  strategy::Assignment assignment;               // strategy and arm (after forced_arm)
  const strategy::Strategy* strategy = nullptr;  // the assigned strategy (points into the config)
  strategy::NextAction action;
};

class Planner {
 public:
  // InvalidArgument when `config` does not validate (DecisionConfig::Validate's message).
  static StatusOr<Planner> Create(const DecisionConfig& config);

  // The plan for one account. Requires every pointer of `in` set.
  Plan PlanFor(const PlanInputs& in) const;

  const DecisionConfig& config() const { return *config_; }
  // The strategy with `id`, or nullptr.
  const strategy::Strategy* StrategyById(strategy::StrategyId id) const;

 private:
  Planner(const DecisionConfig& config, segmentation::Scorer scorer)
      : config_(&config), scorer_(std::move(scorer)) {}
  const DecisionConfig* config_;
  segmentation::Scorer scorer_;
};

}  // namespace recoup::workflow

#endif  // RECOUP_CORE_WORKFLOW_PLANNER_H_
