#include "core/segmentation/segments.h"

#include <cmath>
#include <string>

namespace recoup::segmentation {
namespace {

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

}  // namespace

Status SegmentRules::Validate() const {
  const SegmentThresholds& t = thresholds;
  for (std::size_t i = 0; i < t.stage_bucket.size(); ++i) {
    if (t.stage_bucket[i] >= kMaxBands) {
      return InvalidArgumentError("segment rules: stage_bucket[" +
                                  std::string(domain::StageName(static_cast<domain::Stage>(i))) +
                                  "] must be < " + std::to_string(kMaxBands));
    }
  }
  for (std::size_t i = 0; i < t.product_group.size(); ++i) {
    if (t.product_group[i] >= kMaxBands) {
      return InvalidArgumentError(
          "segment rules: product_group[" +
          std::string(domain::ProductName(static_cast<domain::Product>(i))) + "] must be < " +
          std::to_string(kMaxBands));
    }
  }
  if (t.balance_edges.size() >= kMaxBands) {
    return InvalidArgumentError("segment rules: at most " + std::to_string(kMaxBands - 1) +
                                " balance_edges");
  }
  for (std::size_t i = 1; i < t.balance_edges.size(); ++i) {
    if (!(t.balance_edges[i - 1] < t.balance_edges[i])) {
      return InvalidArgumentError("segment rules: balance_edges[" + std::to_string(i) +
                                  "] must be greater than the edge before it");
    }
  }
  if (t.risk_edges.size() >= kMaxBands) {
    return InvalidArgumentError("segment rules: at most " + std::to_string(kMaxBands - 1) +
                                " risk_edges");
  }
  for (std::size_t i = 0; i < t.risk_edges.size(); ++i) {
    const double e = t.risk_edges[i];
    if (!std::isfinite(e) || e <= 0.0 || e >= 1.0) {
      return InvalidArgumentError("segment rules: risk_edges[" + std::to_string(i) +
                                  "] must be in (0, 1)");
    }
    if (i > 0 && !(t.risk_edges[i - 1] < e)) {
      return InvalidArgumentError("segment rules: risk_edges[" + std::to_string(i) +
                                  "] must be greater than the edge before it");
    }
  }
  if (rules.size() > kMaxSegmentRules) {
    return InvalidArgumentError("segment rules: at most " + std::to_string(kMaxSegmentRules) +
                                " rules, got " + std::to_string(rules.size()));
  }
  if (fallback.empty()) return InvalidArgumentError("segment rules: fallback name is empty");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string& n = rules[i].name;
    if (n.empty()) {
      return InvalidArgumentError("segment rules: rules[" + std::to_string(i) + "] has no name");
    }
    if (n == fallback) {
      return InvalidArgumentError("segment rules: rules[" + std::to_string(i) + "] name " +
                                  Quote(n) + " is the fallback's name");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (rules[j].name == n) {
        return InvalidArgumentError("segment rules: rules[" + std::to_string(i) + "] name " +
                                    Quote(n) + " repeats rules[" + std::to_string(j) + "]");
      }
    }
  }
  return OkStatus();
}

std::string_view SegmentRules::SegmentName(uint16_t id) const {
  if (id < rules.size()) return rules[id].name;
  if (id == fallback_id()) return fallback;
  return "";
}

std::string_view SegmentReasonName(SegmentReason r) {
  switch (r) {
    case SegmentReason::kRuleMatched:
      return "rule_matched";
    case SegmentReason::kNoRuleMatched:
      return "no_rule_matched";
  }
  return "unknown";
}

SegmentKey KeyFor(const SegmentThresholds& thresholds, const domain::Account& account,
                  double risk) {
  SegmentKey k;
  k.stage_bucket = thresholds.stage_bucket[static_cast<std::size_t>(account.stage())];
  const Money balance = account.balance.Total();
  uint8_t band = 0;
  for (const Money edge : thresholds.balance_edges) band += edge <= balance ? 1 : 0;
  k.balance_band = band;
  if (std::isnan(risk)) {
    k.risk_band = static_cast<uint8_t>(thresholds.risk_edges.size());
  } else {
    band = 0;
    for (const double edge : thresholds.risk_edges) band += edge <= risk ? 1 : 0;
    k.risk_band = band;
  }
  const auto product = static_cast<std::size_t>(account.product);
  k.product_group =
      product < thresholds.product_group.size() ? thresholds.product_group[product] : 0;
  return k;
}

Segment SegmentAccount(const SegmentRules& rules, const domain::Account& account, double risk) {
  Segment s;
  s.key = KeyFor(rules.thresholds, account, risk);
  s.score_missing = std::isnan(risk);
  const std::size_t n = rules.rules.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (rules.rules[i].Matches(s.key)) {
      s.id = static_cast<uint16_t>(i);
      s.reason = SegmentReason::kRuleMatched;
      return s;
    }
  }
  s.id = rules.fallback_id();
  s.reason = SegmentReason::kNoRuleMatched;
  return s;
}

std::string_view ResegmentTriggerName(ResegmentTrigger t) {
  switch (t) {
    case ResegmentTrigger::kPayment:
      return "payment";
    case ResegmentTrigger::kBrokenPromise:
      return "broken_promise";
    case ResegmentTrigger::kDispute:
      return "dispute";
    case ResegmentTrigger::kHardship:
      return "hardship";
    case ResegmentTrigger::kStageChange:
      return "stage_change";
  }
  return "unknown";
}

ResegmentPlan PlanResegmentation(AccountEvent event) {
  auto plan = [](ResegmentTrigger t, unsigned changes) {
    ResegmentPlan p;
    p.triggered = true;
    p.trigger = t;
    p.changes = static_cast<uint8_t>(changes);
    return p;
  };
  switch (event) {
    case AccountEvent::kPaymentReceived:
      return plan(ResegmentTrigger::kPayment,
                  kRecomputeFeatures | kRebandBalance | kReassignStrategy);
    case AccountEvent::kPromiseBroken:
      return plan(ResegmentTrigger::kBrokenPromise, kRecomputeFeatures | kReassignStrategy);
    case AccountEvent::kDisputeOpened:
      return plan(ResegmentTrigger::kDispute, kPauseContact | kRouteToHuman | kReassignStrategy);
    case AccountEvent::kDisputeResolved:
      return plan(ResegmentTrigger::kDispute, kRecomputeFeatures | kReassignStrategy);
    case AccountEvent::kHardshipReported:
      return plan(ResegmentTrigger::kHardship,
                  kRecomputeFeatures | kPauseContact | kRouteToHuman | kReassignStrategy);
    case AccountEvent::kStageChanged:
      return plan(ResegmentTrigger::kStageChange,
                  kRecomputeFeatures | kRestage | kReassignStrategy);
    case AccountEvent::kPromiseTaken:
    case AccountEvent::kPromiseKept:
    case AccountEvent::kContactAttempted:
      return ResegmentPlan{};
  }
  return ResegmentPlan{};
}

}  // namespace recoup::segmentation
