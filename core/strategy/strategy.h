// Collection strategies as data: a contact sequence per delinquency stage (channel, day offset,
// preferred local time slots), escalation triggers, offer limits and the rules that admit an
// account to the AI queue. Also the two pure checks a strategy carries: is the account AI-queue
// eligible, and has an escalation trigger fired.
//
// A strategy says what the operation would like to do; compliance (core/compliance) is the final
// gate on every contact. Nothing here reads a clock: `now` is passed in.
#ifndef RECOUP_CORE_STRATEGY_STRATEGY_H_
#define RECOUP_CORE_STRATEGY_STRATEGY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/negotiation/negotiation.h"

namespace recoup::strategy {

using StrategyId = uint32_t;

// A preferred window of the debtor's local day, [start_minute, end_minute) after local midnight.
struct TimeSlot {
  int start_minute = 0;
  int end_minute = 24 * 60;
};

// What a step's day offset counts from.
enum class Anchor : uint8_t {
  kStageEntry,   // the day the account entered its current stage
  kLastContact,  // the day of the last outbound attempt on the account (stage entry if none)
};

// One contact in a stage's sequence.
struct ContactStep {
  domain::Channel channel = domain::Channel::kSms;
  domain::VoiceMode voice = domain::VoiceMode::kAiVoice;  // calls only
  Anchor anchor = Anchor::kStageEntry;
  int day_offset = 0;           // >= 0 days after the anchor
  std::vector<TimeSlot> slots;  // preferred local windows; empty = whenever compliance allows
};

// When an account leaves automated treatment for a human (or legal / agency in late stage).
struct EscalationTriggers {
  int max_consecutive_broken_promises = 2;  // >= this many consecutive broken promises; 0 = off
  int max_attempts_without_rpc = 10;        // outbound attempts since the last right-party
                                            // conversation on the account; 0 = off
  bool refusal_to_human = true;             // a right-party refusal to pay goes to a human
  bool hardship_to_human = true;            // reported hardship goes to a human
  bool dispute_to_human = true;             // an open dispute goes to a human
};

// Admission to the AI queue (product brief: 0-60 days past due, no active dispute, valid phone, no
// cease-and-desist, balance within the AI-authorised range).
struct AiEligibility {
  bool enabled = true;                              // false: this strategy never uses the AI queue
  int min_days_past_due = 0;                        // inclusive
  int max_days_past_due = 60;                       // inclusive
  Money min_balance = Money::FromMajorUnits(1);     // inclusive, on the total balance
  Money max_balance = Money::FromMajorUnits(5000);  // inclusive
  // An AI voice call is an artificial voice under the TCPA: require active robocall consent on the
  // phone that makes the account eligible.
  bool require_robocall_consent = true;
};

struct Strategy {
  StrategyId id = 0;
  std::string name;
  // The contact sequence of each stage (index = domain::Stage value). An empty sequence means no
  // outbound contact in that stage.
  std::array<std::vector<ContactStep>, domain::kStageCount> sequences;
  EscalationTriggers escalation;
  negotiation::Policy offer_limits;  // what a collector may agree to on this strategy's accounts
  AiEligibility ai;

  // Ok, or InvalidArgument naming the field: empty name, negative day offsets, slots outside
  // [0, 1440] or empty, negative trigger counts, invalid offer limits
  // (negotiation::Policy::Validate, prefixed with "offer_limits"), AI day or balance range inverted
  // or negative.
  Status Validate() const;
  const std::vector<ContactStep>& SequenceFor(domain::Stage s) const {
    return sequences[static_cast<std::size_t>(s)];
  }
};

// Why an account is not eligible for the AI queue (kEligible when it is). Checks run in this order
// and the first failure is reported.
enum class AiQueueReason : uint8_t {
  kEligible,
  kAiDisabled,         // the strategy does not use the AI queue
  kDaysPastDue,        // outside [min_days_past_due, max_days_past_due] (or charged off)
  kActiveDispute,      // dispute status is kOpen (a verified debt may be collected again)
  kCeaseInEffect,      // written cease-and-desist in effect at `now`
  kBalanceOutOfRange,  // total balance outside [min_balance, max_balance]
  kNoValidPhone,       // no phone that is not a wrong number, not opted out (number or person),
                       // with a robocall consent active at `now` when required
};
std::string_view AiQueueReasonName(AiQueueReason r);  // "eligible", "days_past_due", ...

// The first failing criterion of `rules` for the account at `now`, or kEligible.
AiQueueReason CheckAiEligibility(const AiEligibility& rules, const domain::Account& account,
                                 const domain::Debtor& debtor, Timestamp now);

// Signals from the last conversation that the workflow passes in (they are not in the records).
struct ConversationSignals {
  bool refused_to_pay = false;
  bool hardship = false;
};

enum class EscalationReason : uint8_t {
  kNone,
  kDispute,              // open dispute and dispute_to_human
  kHardship,             // hardship signal and hardship_to_human
  kRefusal,              // refusal signal and refusal_to_human
  kBrokenPromises,       // consecutive broken promises reached the limit
  kNoRightPartyContact,  // attempts without a right-party conversation reached the limit
};
std::string_view EscalationReasonName(EscalationReason r);  // "none", "dispute", ...

// Outbound attempts on `account` since its last right-party conversation (ContactEvent::debts
// contains the account id; consumer-initiated events and misdirected calls are not attempts).
int AttemptsSinceRightPartyContact(const domain::Account& account,
                                   const domain::ContactHistory& history);

// The first trigger of `triggers` that fires, in the order of EscalationReason, or kNone.
EscalationReason CheckEscalation(const EscalationTriggers& triggers, const domain::Account& account,
                                 const domain::ContactHistory& history,
                                 const ConversationSignals& signals);

}  // namespace recoup::strategy

#endif  // RECOUP_CORE_STRATEGY_STRATEGY_H_
