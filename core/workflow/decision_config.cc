#include "core/workflow/decision_config.h"

#include <string>
#include <string_view>
#include <utility>

#include "core/base/check.h"

namespace recoup::workflow {
namespace {

using domain::Channel;
using domain::Stage;
using domain::VoiceMode;
using strategy::Anchor;
using strategy::ContactStep;
using strategy::TimeSlot;

constexpr int Hm(int hour, int minute = 0) { return hour * 60 + minute; }

// Local windows the default strategy prefers: calls in the morning and the early evening (when
// debtors answer most, collections-domain.md P6), texts in the daytime.
const std::vector<TimeSlot>& CallSlots() {
  static const std::vector<TimeSlot> kSlots = {{Hm(9), Hm(12)}, {Hm(16), Hm(20)}};
  return kSlots;
}
const std::vector<TimeSlot>& TextSlots() {
  static const std::vector<TimeSlot> kSlots = {{Hm(10), Hm(19)}};
  return kSlots;
}

ContactStep AiCall(int day) {
  return ContactStep{Channel::kCall, VoiceMode::kAiVoice, Anchor::kStageEntry, day, CallSlots()};
}
ContactStep HumanCall(int day) {
  return ContactStep{Channel::kCall, VoiceMode::kHuman, Anchor::kStageEntry, day, {}};
}
ContactStep Sms(int day) {
  return ContactStep{Channel::kSms, VoiceMode::kAiVoice, Anchor::kStageEntry, day, TextSlots()};
}
ContactStep Email(int day) {
  return ContactStep{Channel::kEmail, VoiceMode::kAiVoice, Anchor::kStageEntry, day, {}};
}
ContactStep Letter(int day) {
  return ContactStep{Channel::kLetter, VoiceMode::kAiVoice, Anchor::kStageEntry, day, {}};
}

std::vector<ContactStep>& Sequence(strategy::Strategy& s, Stage stage) {
  return s.sequences[static_cast<std::size_t>(stage)];
}

strategy::Strategy StandardStrategy() {
  strategy::Strategy s;
  s.id = 1;
  s.name = "standard";
  // Early (1-30 days past due): text first, then AI calls with an email; keeps calling through
  // the stage at a pace well inside Reg F's 7-in-7.
  Sequence(s, Stage::kEarly) = {Sms(0),  AiCall(1),  Email(2),  AiCall(3),  AiCall(6), AiCall(10),
                                Sms(12), AiCall(15), Email(18), AiCall(21), AiCall(27)};
  // Mid (31-60): AI calls with texts in between.
  Sequence(s, Stage::kMid) = {AiCall(0), Sms(1),     AiCall(4),  Email(6), AiCall(8),
                              Sms(11),   AiCall(14), AiCall(20), Sms(23),  AiCall(26)};
  // Late (61+): human collectors and letters (past the AI queue's days-past-due range).
  Sequence(s, Stage::kLate) = {HumanCall(0),  Letter(1),  HumanCall(5),
                               HumanCall(12), Letter(20), HumanCall(25)};
  // Recovery (charged off): a letter, then a human call.
  Sequence(s, Stage::kRecovery) = {Letter(0), HumanCall(7), Letter(30)};
  // Current accounts get no outbound contact. Escalation, offer limits and AI eligibility keep
  // their struct defaults (the product brief's values).
  return s;
}

segmentation::LogisticModel RollRiskModel() {
  // Roll risk: the probability that the account moves to the next delinquency bucket. Illustrative
  // coefficients with the signs the collections literature reports (older, larger, with broken
  // promises and disputes: riskier; recent payments, conversations and arrangements: safer).
  static constexpr std::pair<std::string_view, double> kCoefficients[] = {
      {"log_balance", 0.08},
      {"balance_ratio", 0.30},
      {"fee_interest_share", 0.50},
      {"months_past_due", 0.45},
      {"stage_mid", 0.25},
      {"stage_late", 0.50},
      {"broken_promises", 0.45},
      {"kept_promises", -0.30},
      {"payments_90d", -0.35},
      {"log_paid_90d", -0.08},
      {"months_since_payment", 0.06},
      {"attempts_30d", 0.02},
      {"conversations_30d", -0.25},
      {"inbound_90d", -0.20},
      {"has_valid_mobile", -0.30},
      {"has_usable_email", -0.10},
      {"disputed", 0.40},
      {"arrangement_active", -1.20},
  };
  StatusOr<segmentation::LogisticModel> model =
      segmentation::ModelFromNamedCoefficients("roll_risk", -1.6, kCoefficients);
  RECOUP_CHECK_MSG(model.ok(), model.status().message());
  return *std::move(model);
}

segmentation::SegmentRules StageSegments() {
  segmentation::SegmentRules rules;
  // One bucket per stage (the struct default); balance and risk bands for reports and for rules a
  // scenario may add: balance < 500, 500-2000, 2000+; risk < 0.3, 0.3-0.6, 0.6+.
  rules.thresholds.balance_edges = {Money::FromMajorUnits(500), Money::FromMajorUnits(2000)};
  rules.thresholds.risk_edges = {0.3, 0.6};
  for (int s = 0; s < domain::kStageCount; ++s) {
    segmentation::SegmentRule rule;
    rule.name = std::string(domain::StageName(static_cast<Stage>(s)));
    rule.stage_buckets = static_cast<uint16_t>(1U << s);
    rules.rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace

Status DecisionConfig::Validate() const {
  if (Status st = risk_model.Validate(); !st.ok()) return st.WithContext("risk_model");
  if (Status st = segments.Validate(); !st.ok()) return st.WithContext("segments");
  if (strategies.empty())
    return InvalidArgumentError("strategies: at least one strategy is needed");
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    const std::string where = "strategies[" + std::to_string(i) + "]";
    if (Status st = strategies[i].Validate(); !st.ok()) return st.WithContext(where);
    for (std::size_t j = 0; j < i; ++j) {
      if (strategies[j].id == strategies[i].id) {
        return InvalidArgumentError(where + ".id: " + std::to_string(strategies[i].id) +
                                    " repeats strategies[" + std::to_string(j) + "]");
      }
      if (strategies[j].name == strategies[i].name) {
        return InvalidArgumentError(where + ".name: '" + strategies[i].name +
                                    "' repeats strategies[" + std::to_string(j) + "]");
      }
    }
  }
  // AssignmentConfig's messages start with "assignment: ".
  RECOUP_RETURN_IF_ERROR(assignment.Validate(strategies));
  if (Status st = compliance.Validate(); !st.ok()) return st.WithContext("compliance");
  return OkStatus();
}

DecisionConfig DefaultDecisionConfig() {
  DecisionConfig config;
  config.risk_model = RollRiskModel();
  config.segments = StageSegments();
  config.strategies.push_back(StandardStrategy());
  config.assignment.default_strategy = config.strategies.front().id;
  return config;
}

}  // namespace recoup::workflow
