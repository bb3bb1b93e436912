// The decision core's configuration, in one place: what a strategy team tunes and what both the
// simulation (sim/world) and the live adapter run with. Plain data; Validate checks it whole.
#ifndef RECOUP_CORE_WORKFLOW_DECISION_CONFIG_H_
#define RECOUP_CORE_WORKFLOW_DECISION_CONFIG_H_

#include <vector>

#include "core/base/status.h"
#include "core/compliance/profile.h"
#include "core/segmentation/scoring.h"
#include "core/segmentation/segments.h"
#include "core/strategy/assignment.h"
#include "core/strategy/strategy.h"

namespace recoup::workflow {

struct DecisionConfig {
  segmentation::LogisticModel risk_model;      // roll-risk score feeding the risk bands
  segmentation::SegmentRules segments;
  std::vector<strategy::Strategy> strategies;  // ids unique
  strategy::AssignmentConfig assignment;       // rules, default strategy, experiments
  compliance::Profile compliance;

  // Ok, or InvalidArgument naming the part ("strategies[1].offer_limits.grace_days: ...",
  // "assignment.rules[0]: ...", "risk_model: ...", "compliance: ...").
  Status Validate() const;
};

// A working configuration with the product brief's defaults: one early/mid/late strategy with AI
// calls, texts and emails; segments by stage; no experiment.
DecisionConfig DefaultDecisionConfig();

}  // namespace recoup::workflow

#endif  // RECOUP_CORE_WORKFLOW_DECISION_CONFIG_H_
