// Rule segments: an account is placed in a band on each of four axes by configurable thresholds
// (stage bucket, balance band, risk band, product group), then the first rule whose band sets all
// contain the account's bands names its segment. Also: which account events trigger
// re-segmentation and what must be recomputed.
//
// Everything here is data plus a pure function; segmentation of one account is a handful of
// comparisons and allocates nothing.
//
//   SegmentRules rules = ...;               // from a scenario or the org
//   RECOUP_RETURN_IF_ERROR(rules.Validate());
//   Segment s = SegmentAccount(rules, account, risk_score);
//   std::string_view name = rules.SegmentName(s.id);
#ifndef RECOUP_CORE_SEGMENTATION_SEGMENTS_H_
#define RECOUP_CORE_SEGMENTATION_SEGMENTS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/domain/account.h"

namespace recoup::segmentation {

// At most this many bands/buckets/groups per axis (band sets are 16-bit masks).
inline constexpr int kMaxBands = 16;
// At most this many rules (segment ids fit the 64-bit masks of strategy assignment).
inline constexpr int kMaxSegmentRules = 63;

// Thresholds that place an account on each axis.
struct SegmentThresholds {
  // Stage bucket of each domain::Stage (index = Stage value). Default: one bucket per stage.
  std::array<uint8_t, domain::kStageCount> stage_bucket = {0, 1, 2, 3, 4};
  // Strictly ascending edges on the total balance: band = number of edges <= balance. With edges
  // {500.00, 2000.00}: below 500 -> 0, [500, 2000) -> 1, 2000 and up -> 2. At most kMaxBands - 1.
  std::vector<Money> balance_edges;
  // Strictly ascending edges in (0, 1) on the risk score, the same way: band = edges <= score.
  // A score that is not a number goes to the highest band (fails toward caution).
  std::vector<double> risk_edges;
  // Product group of each domain::Product (index = Product value). Default: all in group 0.
  std::array<uint8_t, domain::kProductCount> product_group{};
};

// Where an account falls on each axis.
struct SegmentKey {
  uint8_t stage_bucket = 0;
  uint8_t balance_band = 0;
  uint8_t risk_band = 0;
  uint8_t product_group = 0;
  friend bool operator==(const SegmentKey&, const SegmentKey&) = default;
};

inline constexpr uint16_t kAnyBand = 0xffff;

// A named segment: matches when every axis value's bit is set in its mask (bit b = band b).
struct SegmentRule {
  std::string name;
  uint16_t stage_buckets = kAnyBand;
  uint16_t balance_bands = kAnyBand;
  uint16_t risk_bands = kAnyBand;
  uint16_t product_groups = kAnyBand;
  bool Matches(const SegmentKey& k) const {
    return ((stage_buckets >> k.stage_bucket) & 1U) != 0 &&
           ((balance_bands >> k.balance_band) & 1U) != 0 &&
           ((risk_bands >> k.risk_band) & 1U) != 0 &&
           ((product_groups >> k.product_group) & 1U) != 0;
  }
};

struct SegmentRules {
  SegmentThresholds thresholds;
  std::vector<SegmentRule> rules;        // first match wins
  std::string fallback = "unsegmented";  // the segment when no rule matches

  // Ok, or InvalidArgument naming the field: edges not strictly ascending, risk edges outside
  // (0, 1) or not finite, too many edges, buckets/groups >= kMaxBands, more than kMaxSegmentRules
  // rules, empty or repeated segment names (the fallback included).
  Status Validate() const;
  // The id of the fallback segment: rules.size().
  uint16_t fallback_id() const { return static_cast<uint16_t>(rules.size()); }
  // The name of segment `id` (a rule's name, or `fallback` for fallback_id()); "" when out of
  // range.
  std::string_view SegmentName(uint16_t id) const;
};

// Why the account is in its segment.
enum class SegmentReason : uint8_t {
  kRuleMatched,    // rules[id] was the first rule to match
  kNoRuleMatched,  // no rule matched: the fallback segment
};
std::string_view SegmentReasonName(SegmentReason r);  // "rule_matched", "no_rule_matched"

struct Segment {
  uint16_t id = 0;  // index of the matching rule, or SegmentRules::fallback_id()
  SegmentKey key;
  SegmentReason reason = SegmentReason::kNoRuleMatched;
  bool score_missing = false;  // the risk score was NaN and went to the highest band
  friend bool operator==(const Segment&, const Segment&) = default;
};

// The bands of `account` with risk score `risk` (a probability in [0, 1]). `rules` must be valid
// (Validate); an invalid configuration is a bug here, not a business error.
SegmentKey KeyFor(const SegmentThresholds& thresholds, const domain::Account& account, double risk);

// The segment of `account` with risk score `risk` under valid `rules`.
Segment SegmentAccount(const SegmentRules& rules, const domain::Account& account, double risk);

// Events on an account that may move it to another segment or strategy.
enum class AccountEvent : uint8_t {
  kPaymentReceived,
  kPromiseTaken,
  kPromiseKept,
  kPromiseBroken,
  kDisputeOpened,
  kDisputeResolved,
  kHardshipReported,
  kContactAttempted,
  kStageChanged,  // days past due crossed a stage boundary, or the account was charged off
};

// What a triggering event stands for.
enum class ResegmentTrigger : uint8_t {
  kPayment,
  kBrokenPromise,
  kDispute,
  kHardship,
  kStageChange
};
std::string_view ResegmentTriggerName(ResegmentTrigger t);  // "payment", "broken_promise", ...

// What has to be redone after a triggering event (bit flags).
enum ResegmentChange : uint8_t {
  kRecomputeFeatures = 1U << 0,  // feature vector and scores are stale
  kRebandBalance = 1U << 1,      // the balance band may have moved
  kRestage = 1U << 2,            // the stage bucket may have moved
  kReassignStrategy = 1U << 3,   // assignment must run again on the new segment
  kPauseContact = 1U << 4,       // stop the contact sequence until the account is reviewed
  kRouteToHuman = 1U << 5,       // the account leaves the AI queue for a human collector
};

struct ResegmentPlan {
  bool triggered = false;
  ResegmentTrigger trigger = ResegmentTrigger::kPayment;  // meaningful only when triggered
  uint8_t changes = 0;                                    // ResegmentChange bits
  bool Has(ResegmentChange c) const { return (changes & c) != 0; }
};

// Whether `event` triggers re-segmentation and what changes:
//   payment received     -> payment: features, balance band, reassign
//   promise broken       -> broken_promise: features, reassign
//   dispute opened       -> dispute: pause contact, route to human, reassign
//   dispute resolved     -> dispute: features, reassign (contact may resume)
//   hardship reported    -> hardship: pause contact, route to human, features, reassign
//   stage changed        -> stage_change: features, restage, reassign
//   promise taken or kept, contact attempted -> not triggered
//   (a kept promise arrives with its payment, which triggers on its own).
ResegmentPlan PlanResegmentation(AccountEvent event);

}  // namespace recoup::segmentation

#endif  // RECOUP_CORE_SEGMENTATION_SEGMENTS_H_
