#include "core/strategy/strategy.h"

#include <string>

namespace recoup::strategy {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

Status FieldError(std::string_view strategy, const std::string& field, std::string_view what) {
  return InvalidArgumentError("strategy '" + std::string(strategy) + "': " + field + " " +
                              std::string(what));
}

}  // namespace

Status Strategy::Validate() const {
  if (name.empty())
    return InvalidArgumentError("strategy " + std::to_string(id) + ": name is empty");
  for (std::size_t s = 0; s < sequences.size(); ++s) {
    const std::string stage(domain::StageName(static_cast<domain::Stage>(s)));
    for (std::size_t i = 0; i < sequences[s].size(); ++i) {
      const ContactStep& step = sequences[s][i];
      const std::string field = "sequences." + stage + "[" + std::to_string(i) + "]";
      if (step.day_offset < 0) return FieldError(name, field + ".day_offset", "must be >= 0");
      for (std::size_t k = 0; k < step.slots.size(); ++k) {
        const TimeSlot& slot = step.slots[k];
        if (slot.start_minute < 0 || slot.end_minute > kMinutesPerDay ||
            slot.start_minute >= slot.end_minute) {
          return FieldError(name, field + ".slots[" + std::to_string(k) + "]",
                            "must satisfy 0 <= start_minute < end_minute <= 1440");
        }
      }
    }
  }
  if (escalation.max_consecutive_broken_promises < 0) {
    return FieldError(name, "escalation.max_consecutive_broken_promises", "must be >= 0");
  }
  if (escalation.max_attempts_without_rpc < 0) {
    return FieldError(name, "escalation.max_attempts_without_rpc", "must be >= 0");
  }
  if (Status st = offer_limits.Validate(); !st.ok()) {
    return st.WithContext("strategy '" + name + "': offer_limits");
  }
  if (ai.min_days_past_due < 0 || ai.min_days_past_due > ai.max_days_past_due) {
    return FieldError(name, "ai.min_days_past_due",
                      "must satisfy 0 <= min_days_past_due <= max_days_past_due");
  }
  if (ai.min_balance.IsNegative() || ai.max_balance < ai.min_balance) {
    return FieldError(name, "ai.min_balance", "must satisfy 0 <= min_balance <= max_balance");
  }
  return OkStatus();
}

std::string_view AiQueueReasonName(AiQueueReason r) {
  switch (r) {
    case AiQueueReason::kEligible:
      return "eligible";
    case AiQueueReason::kAiDisabled:
      return "ai_disabled";
    case AiQueueReason::kDaysPastDue:
      return "days_past_due";
    case AiQueueReason::kActiveDispute:
      return "active_dispute";
    case AiQueueReason::kCeaseInEffect:
      return "cease_in_effect";
    case AiQueueReason::kBalanceOutOfRange:
      return "balance_out_of_range";
    case AiQueueReason::kNoValidPhone:
      return "no_valid_phone";
  }
  return "unknown";
}

AiQueueReason CheckAiEligibility(const AiEligibility& rules, const domain::Account& account,
                                 const domain::Debtor& debtor, Timestamp now) {
  if (!rules.enabled) return AiQueueReason::kAiDisabled;
  if (account.charged_off || account.days_past_due < rules.min_days_past_due ||
      account.days_past_due > rules.max_days_past_due) {
    return AiQueueReason::kDaysPastDue;
  }
  if (account.dispute == domain::DisputeStatus::kOpen) return AiQueueReason::kActiveDispute;
  if (account.CeaseInEffect(now)) return AiQueueReason::kCeaseInEffect;
  const Money balance = account.balance.Total();
  if (balance < rules.min_balance || balance > rules.max_balance) {
    return AiQueueReason::kBalanceOutOfRange;
  }
  if (debtor.calls_opted_out) return AiQueueReason::kNoValidPhone;
  for (const domain::Phone& p : debtor.phones) {
    if (p.e164.empty() || p.wrong_number || p.calls_opted_out) continue;
    if (rules.require_robocall_consent && !p.robocall_consent.ActiveAt(now)) continue;
    return AiQueueReason::kEligible;
  }
  return AiQueueReason::kNoValidPhone;
}

std::string_view EscalationReasonName(EscalationReason r) {
  switch (r) {
    case EscalationReason::kNone:
      return "none";
    case EscalationReason::kDispute:
      return "dispute";
    case EscalationReason::kHardship:
      return "hardship";
    case EscalationReason::kRefusal:
      return "refusal";
    case EscalationReason::kBrokenPromises:
      return "broken_promises";
    case EscalationReason::kNoRightPartyContact:
      return "no_right_party_contact";
  }
  return "unknown";
}

int AttemptsSinceRightPartyContact(const domain::Account& account,
                                   const domain::ContactHistory& history) {
  int attempts = 0;
  for (auto it = history.events.rbegin(); it != history.events.rend(); ++it) {
    const domain::ContactEvent& e = *it;
    if (!e.debts.Contains(account.id)) continue;
    const bool rpc =
        e.outcome == domain::Outcome::kConversation && e.recipient == domain::Recipient::kConsumer;
    if (rpc) break;
    if (e.initiated_by_consumer || e.misdirected) continue;
    ++attempts;
  }
  return attempts;
}

EscalationReason CheckEscalation(const EscalationTriggers& triggers, const domain::Account& account,
                                 const domain::ContactHistory& history,
                                 const ConversationSignals& signals) {
  if (triggers.dispute_to_human && account.dispute == domain::DisputeStatus::kOpen) {
    return EscalationReason::kDispute;
  }
  if (triggers.hardship_to_human && signals.hardship) return EscalationReason::kHardship;
  if (triggers.refusal_to_human && signals.refused_to_pay) return EscalationReason::kRefusal;
  if (triggers.max_consecutive_broken_promises > 0 &&
      account.broken_promises >= triggers.max_consecutive_broken_promises) {
    return EscalationReason::kBrokenPromises;
  }
  if (triggers.max_attempts_without_rpc > 0 &&
      AttemptsSinceRightPartyContact(account, history) >= triggers.max_attempts_without_rpc) {
    return EscalationReason::kNoRightPartyContact;
  }
  return EscalationReason::kNone;
}

}  // namespace recoup::strategy
