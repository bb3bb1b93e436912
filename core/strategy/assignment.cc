#include "core/strategy/assignment.h"

#include <string>

namespace recoup::strategy {
namespace {

bool KnownStrategy(std::span<const Strategy> strategies, StrategyId id) {
  if (strategies.empty()) return true;
  for (const Strategy& s : strategies) {
    if (s.id == id) return true;
  }
  return false;
}

}  // namespace

Status Experiment::Validate() const {
  const std::string where = "experiment '" + name + "' (id " + std::to_string(id) + ")";
  if (arms.empty()) return InvalidArgumentError(where + ": has no arms");
  int64_t total = 0;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const std::string field = where + ": arms[" + std::to_string(i) + "]";
    if (arms[i].name.empty()) return InvalidArgumentError(field + ".name is empty");
    for (std::size_t j = 0; j < i; ++j) {
      if (arms[j].name == arms[i].name) {
        return InvalidArgumentError(field + ".name '" + arms[i].name + "' repeats arms[" +
                                    std::to_string(j) + "]");
      }
    }
    if (arms[i].weight_bp < 0) return InvalidArgumentError(field + ".weight_bp must be >= 0");
    total += arms[i].weight_bp;
  }
  if (total != kBasisPoints) {
    return InvalidArgumentError(where + ": arm weights sum to " + std::to_string(total) +
                                " basis points, expected 10000");
  }
  return OkStatus();
}

int Experiment::ArmFor(domain::AccountId account) const {
  const int bucket = ArmBucket(account, id);
  int upper = 0;
  const int n = static_cast<int>(arms.size());
  for (int i = 0; i < n; ++i) {
    upper += arms[static_cast<std::size_t>(i)].weight_bp;
    if (bucket < upper) return i;
  }
  return n - 1;  // unreachable for a valid experiment (weights sum to 10000)
}

Status AssignmentConfig::Validate(std::span<const Strategy> strategies) const {
  for (std::size_t i = 0; i < experiments.size(); ++i) {
    RECOUP_RETURN_IF_ERROR(experiments[i].Validate());
    for (std::size_t j = 0; j < i; ++j) {
      if (experiments[j].id == experiments[i].id) {
        return InvalidArgumentError("assignment: experiments[" + std::to_string(i) + "] id " +
                                    std::to_string(experiments[i].id) + " repeats experiments[" +
                                    std::to_string(j) + "]");
      }
    }
    for (const Arm& arm : experiments[i].arms) {
      if (!KnownStrategy(strategies, arm.strategy)) {
        return InvalidArgumentError("assignment: experiment '" + experiments[i].name + "' arm '" +
                                    arm.name + "' names unknown strategy " +
                                    std::to_string(arm.strategy));
      }
    }
  }
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const AssignmentRule& r = rules[i];
    const std::string field = "assignment: rules[" + std::to_string(i) + "] ('" + r.name + "')";
    if (r.experiment >= static_cast<int>(experiments.size()) || r.experiment < -1) {
      return InvalidArgumentError(field + ".experiment " + std::to_string(r.experiment) +
                                  " is not -1 or an index into experiments");
    }
    if (r.min_broken_promises < 0 || r.min_attempts_without_rpc < 0) {
      return InvalidArgumentError(field + ": minimum counts must be >= 0");
    }
    if (r.experiment < 0 && !KnownStrategy(strategies, r.strategy)) {
      return InvalidArgumentError(field + ".strategy " + std::to_string(r.strategy) +
                                  " is not a known strategy");
    }
  }
  if (!KnownStrategy(strategies, default_strategy)) {
    return InvalidArgumentError("assignment: default_strategy " + std::to_string(default_strategy) +
                                " is not a known strategy");
  }
  return OkStatus();
}

std::string_view AssignmentReasonName(AssignmentReason r) {
  switch (r) {
    case AssignmentReason::kRuleMatched:
      return "rule_matched";
    case AssignmentReason::kExperimentArm:
      return "experiment_arm";
    case AssignmentReason::kDefault:
      return "default";
  }
  return "unknown";
}

Assignment Assign(const AssignmentConfig& config, const segmentation::Segment& segment,
                  const domain::Account& account, const domain::ContactHistory& history) {
  Assignment a;
  const uint64_t segment_bit = segment.id < 64 ? uint64_t{1} << segment.id : 0;
  int attempts_without_rpc = -1;  // computed on first use
  const int n = static_cast<int>(config.rules.size());
  for (int i = 0; i < n; ++i) {
    const AssignmentRule& r = config.rules[static_cast<std::size_t>(i)];
    if ((r.segments & segment_bit) == 0) continue;
    if (account.broken_promises < r.min_broken_promises) continue;
    if (r.arrangement == ArrangementCondition::kActive && !account.arrangement.active) continue;
    if (r.arrangement == ArrangementCondition::kNone && account.arrangement.active) continue;
    if (r.min_attempts_without_rpc > 0) {
      if (attempts_without_rpc < 0) {
        attempts_without_rpc = AttemptsSinceRightPartyContact(account, history);
      }
      if (attempts_without_rpc < r.min_attempts_without_rpc) continue;
    }
    a.rule = i;
    if (r.experiment < 0) {
      a.strategy = r.strategy;
      a.reason = AssignmentReason::kRuleMatched;
      return a;
    }
    const Experiment& e = config.experiments[static_cast<std::size_t>(r.experiment)];
    a.arm = e.ArmFor(account.id);
    const Arm& arm = e.arms[static_cast<std::size_t>(a.arm)];
    a.strategy = arm.strategy;
    a.experiment_id = e.id;
    a.arm_name = arm.name;
    a.reason = AssignmentReason::kExperimentArm;
    return a;
  }
  a.strategy = config.default_strategy;
  a.reason = AssignmentReason::kDefault;
  return a;
}

}  // namespace recoup::strategy
