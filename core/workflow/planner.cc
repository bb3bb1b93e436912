#include "core/workflow/planner.h"

#include <array>
#include <utility>

#include "core/base/check.h"
#include "core/segmentation/features.h"

namespace recoup::workflow {

StatusOr<Planner> Planner::Create(const DecisionConfig& config) {
  if (Status s = config.Validate(); !s.ok()) return s;
  StatusOr<segmentation::Scorer> scorer = segmentation::Scorer::Create(config.risk_model);
  if (!scorer.ok()) return scorer.status();
  return Planner(config, std::move(scorer).value());
}

const strategy::Strategy* Planner::StrategyById(strategy::StrategyId id) const {
  for (const strategy::Strategy& s : config_->strategies) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Plan Planner::PlanFor(const PlanInputs& in) const {
  RECOUP_CHECK(in.account != nullptr && in.debtor != nullptr && in.history != nullptr);
  Plan plan;
  std::array<double, segmentation::kFeatureCount> x;
  segmentation::ExtractFeatures(*in.account, *in.debtor, *in.history, in.now, x);
  plan.risk = scorer_.Score(x);
  plan.segment = segmentation::SegmentAccount(config_->segments, *in.account, plan.risk);
  plan.assignment = strategy::Assign(config_->assignment, plan.segment, *in.account, *in.history);
  if (in.forced_arm >= 0 && plan.assignment.arm >= 0) {
    const strategy::AssignmentRule& rule =
        config_->assignment.rules[static_cast<std::size_t>(plan.assignment.rule)];
    const strategy::Experiment& experiment =
        config_->assignment.experiments[static_cast<std::size_t>(rule.experiment)];
    RECOUP_CHECK(static_cast<std::size_t>(in.forced_arm) < experiment.arms.size());
    const strategy::Arm& arm = experiment.arms[static_cast<std::size_t>(in.forced_arm)];
    plan.assignment.arm = in.forced_arm;
    plan.assignment.arm_name = arm.name;
    plan.assignment.strategy = arm.strategy;
  }
  plan.strategy = StrategyById(plan.assignment.strategy);
  RECOUP_CHECK_MSG(plan.strategy != nullptr, "a validated config names only known strategies");
  strategy::NbaContext ctx;
  ctx.now = in.now;
  ctx.today = in.today;
  ctx.stage_entered = in.stage_entered;
  ctx.signals = in.signals;
  plan.action = strategy::NextBestAction(*plan.strategy, *in.account, *in.debtor, *in.history, ctx);
  return plan;
}

}  // namespace recoup::workflow
