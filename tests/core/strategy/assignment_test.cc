#include "core/strategy/assignment.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace recoup::strategy {
namespace {

using domain::Account;
using domain::ContactHistory;
using segmentation::Segment;

Segment SegmentWithId(uint16_t id) {
  Segment s;
  s.id = id;
  return s;
}

Experiment ThreeArms() {
  Experiment e;
  e.id = 42;
  e.name = "early_digital_vs_calls";
  e.arms = {{"champion", 10, 8000}, {"challenger_a", 11, 1500}, {"challenger_b", 12, 500}};
  return e;
}

AssignmentConfig TestConfig() {
  AssignmentConfig c;
  c.default_strategy = 1;
  c.experiments = {ThreeArms()};
  AssignmentRule broken;
  broken.name = "broken_promises";
  broken.min_broken_promises = 2;
  broken.strategy = 20;
  AssignmentRule arrangement;
  arrangement.name = "in_arrangement";
  arrangement.arrangement = ArrangementCondition::kActive;
  arrangement.strategy = 21;
  AssignmentRule unreachable;
  unreachable.name = "unreachable";
  unreachable.min_attempts_without_rpc = 3;
  unreachable.strategy = 22;
  AssignmentRule early;
  early.name = "early_segments";
  early.segments = (uint64_t{1} << 0) | (uint64_t{1} << 2);
  early.experiment = 0;
  AssignmentRule late;
  late.name = "late_segment";
  late.segments = uint64_t{1} << 3;
  late.arrangement = ArrangementCondition::kNone;
  late.strategy = 30;
  c.rules = {broken, arrangement, unreachable, early, late};
  return c;
}

TEST(AssignmentTest, HashIsFixedAndPlatformIndependent) {
  // Golden values: any change to the hash reshuffles every running experiment.
  EXPECT_EQ(Mix64(0), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(Mix64(1), 0x910a2dec89025cc1ULL);
  static_assert(ArmHash(5, 42) == Mix64(5 ^ Mix64(42)));
  EXPECT_NE(ArmHash(5, 42), ArmHash(42, 5));
  for (uint64_t a = 0; a < 1000; ++a) {
    const int b = ArmBucket(a, 42);
    ASSERT_GE(b, 0);
    ASSERT_LT(b, kBasisPoints);
  }
}

TEST(AssignmentTest, SplitsWithinToleranceAndStable) {
  const Experiment e = ThreeArms();
  ASSERT_TRUE(e.Validate().ok());
  constexpr int kAccounts = 100000;
  std::array<int, 3> counts{};
  for (domain::AccountId id = 1; id <= kAccounts; ++id) {
    const int arm = e.ArmFor(id);
    ASSERT_GE(arm, 0);
    ASSERT_LT(arm, 3);
    ++counts[static_cast<std::size_t>(arm)];
    ASSERT_EQ(e.ArmFor(id), arm);  // stable
  }
  for (std::size_t i = 0; i < 3; ++i) {
    const double p = e.arms[i].weight_bp / 10000.0;
    const double sd = std::sqrt(p * (1 - p) / kAccounts);
    const double share = static_cast<double>(counts[i]) / kAccounts;
    EXPECT_NEAR(share, p, 4 * sd) << e.arms[i].name;
  }
  // Another experiment id assigns independently: about 80% x 80% stay champion in both.
  Experiment other = e;
  other.id = 43;
  int both_champion = 0;
  for (domain::AccountId id = 1; id <= kAccounts; ++id) {
    both_champion += (e.ArmFor(id) == 0 && other.ArmFor(id) == 0) ? 1 : 0;
  }
  EXPECT_NEAR(static_cast<double>(both_champion) / kAccounts, 0.64, 0.01);
}

TEST(AssignmentTest, ZeroWeightArmNeverChosenAndFullArmAlways) {
  Experiment e;
  e.id = 7;
  e.name = "all_champion";
  e.arms = {{"champion", 1, 10000}, {"off", 2, 0}};
  ASSERT_TRUE(e.Validate().ok());
  for (domain::AccountId id = 0; id < 20000; ++id) ASSERT_EQ(e.ArmFor(id), 0);
}

TEST(AssignmentTest, RulesInOrderWithHistoryConditions) {
  const AssignmentConfig c = TestConfig();
  ASSERT_TRUE(c.Validate().ok()) << c.Validate();
  struct Case {
    const char* name;
    uint16_t segment;
    int broken_promises;
    bool arrangement;
    int attempts_without_rpc;
    StrategyId want;
    AssignmentReason reason;
    int rule;
  };
  const Case cases[] = {
      {"broken promises first", 3, 2, true, 5, 20, AssignmentReason::kRuleMatched, 0},
      {"arrangement", 3, 1, true, 0, 21, AssignmentReason::kRuleMatched, 1},
      {"unreachable", 5, 0, false, 3, 22, AssignmentReason::kRuleMatched, 2},
      {"two attempts is not unreachable", 5, 0, false, 2, 1, AssignmentReason::kDefault, -1},
      {"late without arrangement", 3, 0, false, 0, 30, AssignmentReason::kRuleMatched, 4},
      {"unknown segment", 9, 0, false, 0, 1, AssignmentReason::kDefault, -1},
      {"segment id beyond the mask", 200, 0, false, 0, 1, AssignmentReason::kDefault, -1},
  };
  for (const Case& tc : cases) {
    Account a;
    a.id = 99;
    a.broken_promises = tc.broken_promises;
    a.arrangement.active = tc.arrangement;
    ContactHistory h;
    for (int i = 0; i < tc.attempts_without_rpc; ++i) {
      domain::ContactEvent e;
      e.time = Timestamp::FromUnixSeconds(1000 + i);
      e.debts.Add(99);
      h.Record(e);
    }
    const Assignment got = Assign(c, SegmentWithId(tc.segment), a, h);
    EXPECT_EQ(got.strategy, tc.want) << tc.name;
    EXPECT_EQ(got.reason, tc.reason) << tc.name;
    EXPECT_EQ(got.rule, tc.rule) << tc.name;
    EXPECT_EQ(got.arm, -1) << tc.name;
    EXPECT_EQ(got.arm_name, "") << tc.name;
  }
}

TEST(AssignmentTest, ExperimentRuleGivesTheHashedArm) {
  const AssignmentConfig c = TestConfig();
  std::array<int, 3> seen{};
  for (domain::AccountId id = 1; id <= 2000; ++id) {
    Account a;
    a.id = id;
    const Assignment got = Assign(c, SegmentWithId(id % 2 == 0 ? 0 : 2), a, ContactHistory{});
    ASSERT_EQ(got.reason, AssignmentReason::kExperimentArm);
    ASSERT_EQ(got.rule, 3);
    ASSERT_EQ(got.experiment_id, 42u);
    const int arm = c.experiments[0].ArmFor(id);
    ASSERT_EQ(got.arm, arm);
    ASSERT_EQ(got.strategy, c.experiments[0].arms[static_cast<std::size_t>(arm)].strategy);
    ASSERT_EQ(got.arm_name, c.experiments[0].arms[static_cast<std::size_t>(arm)].name);
    ++seen[static_cast<std::size_t>(arm)];
  }
  for (int n : seen) EXPECT_GT(n, 0);
  EXPECT_EQ(AssignmentReasonName(AssignmentReason::kExperimentArm), "experiment_arm");
}

TEST(AssignmentTest, ValidationNamesTheField) {
  std::vector<Strategy> strategies;
  for (StrategyId id : {1, 10, 11, 12, 20, 21, 22, 30}) {
    Strategy s;
    s.id = id;
    s.name = "s" + std::to_string(id);
    strategies.push_back(s);
  }
  struct Case {
    const char* name;
    void (*mutate)(AssignmentConfig&);
    const char* want;
  };
  const Case cases[] = {
      {"valid", [](AssignmentConfig&) {}, nullptr},
      {"weights sum to 9999", [](AssignmentConfig& c) { c.experiments[0].arms[2].weight_bp = 499; },
       "arm weights sum to 9999 basis points, expected 10000"},
      {"negative weight",
       [](AssignmentConfig& c) {
         c.experiments[0].arms[1].weight_bp = -500;
         c.experiments[0].arms[2].weight_bp = 2500;
       },
       "arms[1].weight_bp must be >= 0"},
      {"no arms", [](AssignmentConfig& c) { c.experiments[0].arms.clear(); }, "has no arms"},
      {"repeated arm", [](AssignmentConfig& c) { c.experiments[0].arms[2].name = "champion"; },
       "arms[2].name 'champion' repeats arms[0]"},
      {"repeated experiment id",
       [](AssignmentConfig& c) { c.experiments.push_back(c.experiments[0]); },
       "experiments[1] id 42 repeats experiments[0]"},
      {"experiment index out of range", [](AssignmentConfig& c) { c.rules[3].experiment = 1; },
       "rules[3] ('early_segments').experiment 1"},
      {"unknown rule strategy", [](AssignmentConfig& c) { c.rules[0].strategy = 77; },
       "rules[0] ('broken_promises').strategy 77 is not a known strategy"},
      {"unknown arm strategy", [](AssignmentConfig& c) { c.experiments[0].arms[1].strategy = 77; },
       "arm 'challenger_a' names unknown strategy 77"},
      {"unknown default", [](AssignmentConfig& c) { c.default_strategy = 77; },
       "default_strategy 77"},
      {"negative condition", [](AssignmentConfig& c) { c.rules[1].min_broken_promises = -1; },
       "minimum counts must be >= 0"},
  };
  for (const Case& tc : cases) {
    AssignmentConfig c = TestConfig();
    tc.mutate(c);
    const Status st = c.Validate(strategies);
    if (tc.want == nullptr) {
      EXPECT_TRUE(st.ok()) << tc.name << ": " << st;
    } else {
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << tc.name;
      EXPECT_NE(st.message().find(tc.want), std::string_view::npos) << tc.name << ": " << st;
    }
  }
  // Without a strategy list, unknown ids are not checked.
  AssignmentConfig c = TestConfig();
  c.default_strategy = 77;
  EXPECT_TRUE(c.Validate().ok());
}

}  // namespace
}  // namespace recoup::strategy
