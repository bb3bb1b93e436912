#include "core/segmentation/segments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace recoup::segmentation {
namespace {

using domain::Account;
using domain::Product;

// Buckets: current+early -> 0, mid -> 1, late+recovery -> 2. Balance bands at 500 and 2000.
// Risk bands at 0.3 and 0.7. Products: cards and loans -> 0, utility/telecom -> 1, rest -> 2.
SegmentRules TestRules() {
  SegmentRules r;
  r.thresholds.stage_bucket = {0, 0, 1, 2, 2};
  r.thresholds.balance_edges = {Money::FromMajorUnits(500), Money::FromMajorUnits(2000)};
  r.thresholds.risk_edges = {0.3, 0.7};
  r.thresholds.product_group = {0, 0, 0, 1, 1, 2, 2, 2, 2, 2};
  SegmentRule early_low;
  early_low.name = "early_low_risk";
  early_low.stage_buckets = 1U << 0;
  early_low.risk_bands = 1U << 0;
  SegmentRule utility;
  utility.name = "utility_small";
  utility.product_groups = 1U << 1;
  utility.balance_bands = 1U << 0;
  SegmentRule high;
  high.name = "high_balance_high_risk";
  high.balance_bands = 1U << 2;
  high.risk_bands = 1U << 2;
  SegmentRule late;
  late.name = "late";
  late.stage_buckets = 1U << 2;
  r.rules = {early_low, utility, high, late};
  return r;
}

Account MakeAccount(int dpd, int64_t balance_major, Product p) {
  Account a;
  a.days_past_due = dpd;
  a.balance.principal = Money::FromMajorUnits(balance_major);
  a.product = p;
  return a;
}

TEST(SegmentsTest, BandsAtEveryEdge) {
  const SegmentRules r = TestRules();
  ASSERT_TRUE(r.Validate().ok()) << r.Validate();
  struct Case {
    int dpd;
    int64_t balance;
    double risk;
    Product product;
    SegmentKey want;
  };
  const Case cases[] = {
      {0, 0, 0.0, Product::kCreditCard, {0, 0, 0, 0}},
      {30, 499, 0.2999, Product::kUtility, {0, 0, 0, 1}},
      {31, 500, 0.3, Product::kTelecom, {1, 1, 1, 1}},
      {60, 1999, 0.6999, Product::kMedical, {1, 1, 1, 2}},
      {61, 2000, 0.7, Product::kOther, {2, 2, 2, 2}},
      {400, 100000, 1.0, Product::kAutoLoan, {2, 2, 2, 0}},
      {10, 10, std::nan(""), Product::kCreditCard, {0, 0, 2, 0}},  // missing score: highest band
  };
  for (const Case& c : cases) {
    const SegmentKey k = KeyFor(r.thresholds, MakeAccount(c.dpd, c.balance, c.product), c.risk);
    EXPECT_EQ(k, c.want) << "dpd " << c.dpd << " balance " << c.balance << " risk " << c.risk;
  }
}

TEST(SegmentsTest, FirstMatchingRuleWinsElseFallback) {
  const SegmentRules r = TestRules();
  struct Case {
    const char* what;
    int dpd;
    int64_t balance;
    double risk;
    Product product;
    const char* want;
    SegmentReason reason;
  };
  const Case cases[] = {
      {"early low risk", 10, 100, 0.1, Product::kUtility, "early_low_risk",
       SegmentReason::kRuleMatched},
      {"utility small, early but risky", 10, 100, 0.5, Product::kUtility, "utility_small",
       SegmentReason::kRuleMatched},
      {"high/high in mid", 45, 5000, 0.9, Product::kCreditCard, "high_balance_high_risk",
       SegmentReason::kRuleMatched},
      {"late", 90, 100, 0.5, Product::kCreditCard, "late", SegmentReason::kRuleMatched},
      {"mid, medium risk", 45, 100, 0.5, Product::kCreditCard, "unsegmented",
       SegmentReason::kNoRuleMatched},
  };
  for (const Case& c : cases) {
    const Segment s = SegmentAccount(r, MakeAccount(c.dpd, c.balance, c.product), c.risk);
    EXPECT_EQ(r.SegmentName(s.id), c.want) << c.what;
    EXPECT_EQ(s.reason, c.reason) << c.what;
  }
  const Segment missing =
      SegmentAccount(r, MakeAccount(45, 5000, Product::kCreditCard), std::nan(""));
  EXPECT_TRUE(missing.score_missing);
  EXPECT_EQ(r.SegmentName(missing.id), "high_balance_high_risk");
  EXPECT_EQ(r.fallback_id(), 4);
  EXPECT_EQ(r.SegmentName(5), "");
  EXPECT_EQ(SegmentReasonName(SegmentReason::kNoRuleMatched), "no_rule_matched");
}

TEST(SegmentsTest, ValidationNamesTheField) {
  struct Case {
    const char* name;
    void (*mutate)(SegmentRules&);
    const char* want;
  };
  const Case cases[] = {
      {"valid", [](SegmentRules&) {}, nullptr},
      {"balance edges not ascending",
       [](SegmentRules& r) { r.thresholds.balance_edges[1] = r.thresholds.balance_edges[0]; },
       "balance_edges[1] must be greater"},
      {"risk edge at 1", [](SegmentRules& r) { r.thresholds.risk_edges[1] = 1.0; },
       "risk_edges[1] must be in (0, 1)"},
      {"risk edge nan", [](SegmentRules& r) { r.thresholds.risk_edges[0] = std::nan(""); },
       "risk_edges[0] must be in (0, 1)"},
      {"risk edges descending",
       [](SegmentRules& r) {
         r.thresholds.risk_edges = {0.5, 0.4};
       },
       "risk_edges[1] must be greater"},
      {"bucket too large", [](SegmentRules& r) { r.thresholds.stage_bucket[2] = 16; },
       "stage_bucket[mid] must be < 16"},
      {"group too large", [](SegmentRules& r) { r.thresholds.product_group[5] = 99; },
       "product_group[medical] must be < 16"},
      {"too many edges", [](SegmentRules& r) { r.thresholds.risk_edges.assign(16, 0.5); },
       "at most 15 risk_edges"},
      {"unnamed rule", [](SegmentRules& r) { r.rules[1].name.clear(); }, "rules[1] has no name"},
      {"repeated name", [](SegmentRules& r) { r.rules[3].name = "early_low_risk"; },
       "rules[3] name 'early_low_risk' repeats rules[0]"},
      {"rule named like fallback", [](SegmentRules& r) { r.rules[0].name = "unsegmented"; },
       "is the fallback's name"},
      {"too many rules", [](SegmentRules& r) { r.rules.resize(64); }, "at most 63 rules"},
      {"empty fallback", [](SegmentRules& r) { r.fallback.clear(); }, "fallback name is empty"},
  };
  for (const Case& c : cases) {
    SegmentRules r = TestRules();
    c.mutate(r);
    const Status st = r.Validate();
    if (c.want == nullptr) {
      EXPECT_TRUE(st.ok()) << c.name << ": " << st;
    } else {
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.name;
      EXPECT_NE(st.message().find(c.want), std::string_view::npos) << c.name << ": " << st;
    }
  }
}

TEST(SegmentsTest, ResegmentationTriggersAndChanges) {
  struct Case {
    AccountEvent event;
    bool triggered;
    ResegmentTrigger trigger;
    uint8_t changes;
  };
  const Case cases[] = {
      {AccountEvent::kPaymentReceived, true, ResegmentTrigger::kPayment,
       kRecomputeFeatures | kRebandBalance | kReassignStrategy},
      {AccountEvent::kPromiseBroken, true, ResegmentTrigger::kBrokenPromise,
       kRecomputeFeatures | kReassignStrategy},
      {AccountEvent::kDisputeOpened, true, ResegmentTrigger::kDispute,
       kPauseContact | kRouteToHuman | kReassignStrategy},
      {AccountEvent::kDisputeResolved, true, ResegmentTrigger::kDispute,
       kRecomputeFeatures | kReassignStrategy},
      {AccountEvent::kHardshipReported, true, ResegmentTrigger::kHardship,
       kRecomputeFeatures | kPauseContact | kRouteToHuman | kReassignStrategy},
      {AccountEvent::kStageChanged, true, ResegmentTrigger::kStageChange,
       kRecomputeFeatures | kRestage | kReassignStrategy},
      {AccountEvent::kPromiseTaken, false, ResegmentTrigger::kPayment, 0},
      {AccountEvent::kPromiseKept, false, ResegmentTrigger::kPayment, 0},
      {AccountEvent::kContactAttempted, false, ResegmentTrigger::kPayment, 0},
  };
  for (const Case& c : cases) {
    const ResegmentPlan p = PlanResegmentation(c.event);
    EXPECT_EQ(p.triggered, c.triggered) << static_cast<int>(c.event);
    EXPECT_EQ(p.changes, c.changes) << static_cast<int>(c.event);
    if (c.triggered) {
      EXPECT_EQ(p.trigger, c.trigger) << static_cast<int>(c.event);
    }
  }
  EXPECT_TRUE(PlanResegmentation(AccountEvent::kDisputeOpened).Has(kRouteToHuman));
  EXPECT_FALSE(PlanResegmentation(AccountEvent::kPaymentReceived).Has(kPauseContact));
  EXPECT_EQ(ResegmentTriggerName(ResegmentTrigger::kBrokenPromise), "broken_promise");
}

}  // namespace
}  // namespace recoup::segmentation
