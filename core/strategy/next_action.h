// Next best action: the next step of an account's contact sequence, on the first usable channel of
// the fallback chain voice -> SMS -> email -> letter (starting at the step's channel), honouring
// consent and opt-outs, with a reason code for every channel skipped. Escalation triggers are
// checked first. WhatsApp is used only by a step that names it, and falls back to SMS -> email ->
// letter; no other channel falls back to WhatsApp.
//
// This picks a channel and a contact point; it is not the compliance engine. Compliance
// (core/compliance) is the final gate on the contact this proposes (time of day, frequency, flags).
//
//   NbaContext ctx;
//   ctx.now = executor.Now(); ctx.today = ...; ctx.stage_entered = ...;
//   NextAction a = NextBestAction(strategy, account, debtor, history, ctx);
//   if (a.kind == ActionKind::kContact) schedule(a.channel, a.contact_point, a.earliest_day,
//   a.slots);
#ifndef RECOUP_CORE_STRATEGY_NEXT_ACTION_H_
#define RECOUP_CORE_STRATEGY_NEXT_ACTION_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/strategy/strategy.h"

namespace recoup::strategy {

enum class ActionKind : uint8_t {
  kContact,   // contact the debtor: channel, contact point, earliest day, slots
  kEscalate,  // hand to a human (see NextAction::escalation)
  kNone,      // nothing to do in this stage (see reason)
};

enum class ActionReason : uint8_t {
  kScheduledStep,     // the step's own channel
  kFallbackChannel,   // the step's channel was unusable: a later channel of the chain
  kEscalation,        // an escalation trigger fired
  kNoSequence,        // the stage has no contact steps
  kSequenceComplete,  // every step of the stage's sequence has been attempted
  kNoUsableChannel,   // no channel from the step's down the chain is usable
};
std::string_view ActionReasonName(ActionReason r);  // "scheduled_step", "fallback_channel", ...

// Why a channel was not used. For channels with several contact points, the reason reported is the
// one for the first contact point on file (every point was rejected).
enum class ChannelSkip : uint8_t {
  kNotConsidered,         // not tried: before the step's channel, or after the chosen one
  kUsed,                  // the chosen channel
  kDebtorOptedOut,        // the person opted out of the medium (Debtor::*_opted_out)
  kNoContactPoint,        // no phone / email / postal address on file
  kWrongNumber,           // the number is known not to be the person's
  kContactPointOptedOut,  // this number or address opted out of the medium (calls, texts,
                          // WhatsApp, email: each on its own)
  kNoConsent,             // AI voice without robocall consent; SMS without SMS consent; WhatsApp
                          // without the WhatsApp opt-in; email of unknown provenance or before
                          // the creditor notice's opt-out deadline
  kLandline,              // texts or WhatsApp to a landline
  kWorkContactBlocked,  // a work number when contact at work is blocked; an employer-provided email
};
std::string_view ChannelSkipName(
    ChannelSkip s);  // "not_considered", "used", "debtor_opted_out", ...

struct NbaContext {
  Timestamp now;
  domain::LocalDate today;  // the date of `now` in the calendar the sequence is planned in
  Timestamp stage_entered;  // when the account entered its current stage (<= now)
  ConversationSignals signals;
};

struct NextAction {
  ActionKind kind = ActionKind::kNone;
  ActionReason reason = ActionReason::kNoSequence;
  EscalationReason escalation = EscalationReason::kNone;
  int step = -1;  // index in the stage's sequence; -1 when none
  domain::Channel channel = domain::Channel::kLetter;
  domain::VoiceMode voice = domain::VoiceMode::kHuman;  // for calls: the step's voice
  int contact_point = -1;           // index into Debtor::phones or emails; -1 for letters
  domain::LocalDate earliest_day;   // kContact: not before this day (>= today)
  std::span<const TimeSlot> slots;  // kContact: the step's preferred slots (view into strategy)
  std::array<ChannelSkip, domain::kChannelCount> skipped{};  // index = domain::Channel value
};

// An estimate of when the account entered its stage, for callers that do not track it: `now` minus
// the days past due beyond the stage's first day (early 1, mid 31, late 61; charge-off assumed at
// 180 days past due for recovery; current: `now`).
Timestamp EstimatedStageEntry(const domain::Account& account, Timestamp now);

// The usable contact point of `channel` for `debtor` at `now`, or the reason there is none.
// `voice` matters for calls (robocalls need consent). Returns the index (-1 for letters) in
// `*point`.
ChannelSkip CheckChannel(domain::Channel channel, domain::VoiceMode voice,
                         const domain::Debtor& debtor, Timestamp now, int* point);

// The next action for `account` under `strategy`:
//  1. an escalation trigger (CheckEscalation) -> kEscalate;
//  2. the stage's sequence; step k = the number of outbound attempts on the account since
//     ctx.stage_entered (consumer-initiated events excluded); none left -> kNone;
//  3. the step's channel, else the next usable one down voice -> SMS -> email -> letter (from SMS
//     for a WhatsApp step); channels not tried stay kNotConsidered in `skipped`.
// earliest_day = today + max(0, day_offset - whole days elapsed since the anchor).
NextAction NextBestAction(const Strategy& strategy, const domain::Account& account,
                          const domain::Debtor& debtor, const domain::ContactHistory& history,
                          const NbaContext& ctx);

}  // namespace recoup::strategy

#endif  // RECOUP_CORE_STRATEGY_NEXT_ACTION_H_
