// Strategy assignment: the first rule matching an account's segment and history names a strategy or
// an experiment; an experiment picks a champion/challenger arm from a stable hash of
// (account id, experiment id) against configured splits in basis points.
//
// No randomness (DESIGN.md section 3): the arm of an account is a pure function of the two ids and
// the splits, the same on every platform, run and shard, so a challenger sees the same debtors in
// every replication and an account never changes arm while the splits stay the same.
//
//   Assignment a = Assign(config, segment, account, history);
//   // a.strategy, a.arm_name ("champion"), a.reason
#ifndef RECOUP_CORE_STRATEGY_ASSIGNMENT_H_
#define RECOUP_CORE_STRATEGY_ASSIGNMENT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/segmentation/segments.h"
#include "core/strategy/strategy.h"

namespace recoup::strategy {

inline constexpr int kBasisPoints = 10000;

// SplitMix64's output function (Steele, Lea, Flood 2014; the 64-bit finaliser with the constants
// 0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb): a fixed bijection on uint64.
constexpr uint64_t Mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The arm hash: Mix64(account ^ Mix64(experiment)). Platform-independent (unsigned 64-bit
// arithmetic only); unlike std::hash it is the same everywhere and forever.
constexpr uint64_t ArmHash(domain::AccountId account, uint64_t experiment) {
  return Mix64(account ^ Mix64(experiment));
}

// The account's bucket in [0, kBasisPoints): ArmHash % 10000 (bias below 1e-15).
constexpr int ArmBucket(domain::AccountId account, uint64_t experiment) {
  return static_cast<int>(ArmHash(account, experiment) % kBasisPoints);
}

struct Arm {
  std::string name;  // "champion", "challenger_a", ...
  StrategyId strategy = 0;
  int weight_bp = 0;  // share of accounts in basis points, >= 0
};

// A champion/challenger test. Arms take consecutive bucket ranges in order: with weights
// {9000, 1000}, buckets [0, 9000) get arms[0] and [9000, 10000) arms[1]. By convention arms[0] is
// the champion.
struct Experiment {
  uint64_t id = 0;  // hashed with the account id: changing it reshuffles every account
  std::string name;
  std::vector<Arm> arms;

  // Ok, or InvalidArgument: no arms, empty or repeated arm names, a negative weight, weights not
  // summing to exactly 10000.
  Status Validate() const;
  // Index of the arm `account` falls in. Requires a valid experiment.
  int ArmFor(domain::AccountId account) const;
};

enum class ArrangementCondition : uint8_t { kAny, kActive, kNone };

// One assignment rule: all conditions must hold.
struct AssignmentRule {
  std::string name;
  uint64_t segments = ~uint64_t{0};  // bit i set: segment id i matches (fallback id included)
  int min_broken_promises = 0;       // Account::broken_promises >= this
  int min_attempts_without_rpc = 0;  // AttemptsSinceRightPartyContact >= this (0: not read)
  ArrangementCondition arrangement = ArrangementCondition::kAny;
  StrategyId strategy = 0;  // the strategy, when experiment < 0
  int experiment = -1;      // index into AssignmentConfig::experiments, or -1
};

struct AssignmentConfig {
  std::vector<AssignmentRule> rules;  // first match wins
  StrategyId default_strategy = 0;    // when no rule matches
  std::vector<Experiment> experiments;

  // Ok, or InvalidArgument naming the field: an invalid experiment, a repeated experiment id, a
  // rule's experiment index out of range, negative conditions, or (when `strategies` is not empty)
  // a strategy id used by a rule, an arm or the default that is not among `strategies`.
  Status Validate(std::span<const Strategy> strategies = {}) const;
};

enum class AssignmentReason : uint8_t {
  kRuleMatched,    // rules[rule] named the strategy
  kExperimentArm,  // rules[rule] named an experiment; the account's arm named the strategy
  kDefault,        // no rule matched
};
std::string_view AssignmentReasonName(AssignmentReason r);  // "rule_matched", ...

struct Assignment {
  StrategyId strategy = 0;
  AssignmentReason reason = AssignmentReason::kDefault;
  int rule = -1;               // index of the matching rule, -1 for the default
  int arm = -1;                // index of the arm within the experiment, -1 without one
  uint64_t experiment_id = 0;  // meaningful when arm >= 0
  std::string_view arm_name;   // view into the config; "" without an experiment
};

// The strategy for an account in `segment` with this history, under a valid `config` (Validate).
// `config` must outlive the returned Assignment (arm_name points into it). Allocates nothing.
Assignment Assign(const AssignmentConfig& config, const segmentation::Segment& segment,
                  const domain::Account& account, const domain::ContactHistory& history);

}  // namespace recoup::strategy

#endif  // RECOUP_CORE_STRATEGY_ASSIGNMENT_H_
