#include "core/strategy/next_action.h"

#include <algorithm>
#include <iterator>

namespace recoup::strategy {
namespace {

// First day past due of each stage (domain::StageFor); recovery assumes charge-off at 180 DPD.
constexpr std::array<int, domain::kStageCount> kStageFirstDay = {0, 1, 31, 61, 180};

// The fallback chain. WhatsApp is not on it: it is used only where a step names it (WhatsApp
// Business needs an account, approved templates and the person's opt-in, which an operation that
// lists no WhatsApp step has not set up), and a WhatsApp step falls back to texts and down.
constexpr domain::Channel kFallbackChain[] = {domain::Channel::kCall, domain::Channel::kSms,
                                              domain::Channel::kEmail, domain::Channel::kLetter};

// Where the fallbacks of a step on `channel` start in kFallbackChain: the channel after it; for
// WhatsApp, texts (the other electronic message to a phone).
std::size_t FirstFallback(domain::Channel channel) {
  switch (channel) {
    case domain::Channel::kCall:
    case domain::Channel::kWhatsApp:
      return 1;
    case domain::Channel::kSms:
      return 2;
    case domain::Channel::kEmail:
      return 3;
    case domain::Channel::kLetter:
      break;
  }
  return std::size(kFallbackChain);
}

ChannelSkip CheckPhone(const domain::Phone& p, domain::Channel channel, domain::VoiceMode voice,
                       const domain::Debtor& debtor, Timestamp now) {
  if (p.e164.empty()) return ChannelSkip::kNoContactPoint;
  if (p.wrong_number) return ChannelSkip::kWrongNumber;
  if (p.place == domain::Place::kWork && debtor.no_contact_at_work) {
    return ChannelSkip::kWorkContactBlocked;
  }
  if (channel == domain::Channel::kCall) {
    if (p.calls_opted_out) return ChannelSkip::kContactPointOptedOut;
    if (domain::IsRobocall(voice) && !p.robocall_consent.ActiveAt(now))
      return ChannelSkip::kNoConsent;
    return ChannelSkip::kUsed;
  }
  // Texts and WhatsApp: each medium has its own opt-out and consent; neither reaches a landline
  // (WhatsApp accounts of consumers are registered on mobile numbers).
  const bool whatsapp = channel == domain::Channel::kWhatsApp;
  if (whatsapp ? p.whatsapp_opted_out : p.texts_opted_out) {
    return ChannelSkip::kContactPointOptedOut;
  }
  if (p.type == domain::PhoneType::kLandline) return ChannelSkip::kLandline;
  const domain::Consent& consent = whatsapp ? p.whatsapp_consent : p.sms_consent;
  if (!consent.ActiveAt(now)) return ChannelSkip::kNoConsent;
  return ChannelSkip::kUsed;
}

ChannelSkip CheckEmail(const domain::Email& e, Timestamp now) {
  if (e.address.empty()) return ChannelSkip::kNoContactPoint;
  if (e.opted_out) return ChannelSkip::kContactPointOptedOut;
  if (e.employer_provided) return ChannelSkip::kWorkContactBlocked;
  switch (e.provenance) {
    case domain::EmailProvenance::kConsumerUsed:
    case domain::EmailProvenance::kPriorCollector:
      return ChannelSkip::kUsed;
    case domain::EmailProvenance::kCreditorNotice:
      return now >= e.notice_optout_deadline ? ChannelSkip::kUsed : ChannelSkip::kNoConsent;
    case domain::EmailProvenance::kUnknown:
      return ChannelSkip::kNoConsent;
  }
  return ChannelSkip::kNoConsent;
}

template <typename Points, typename Check>
ChannelSkip FirstUsable(const Points& points, Check check, int* point) {
  if (points.empty()) return ChannelSkip::kNoContactPoint;
  ChannelSkip first = ChannelSkip::kNoContactPoint;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const ChannelSkip s = check(points[i]);
    if (s == ChannelSkip::kUsed) {
      *point = static_cast<int>(i);
      return s;
    }
    if (i == 0) first = s;
  }
  return first;
}

int64_t WholeDaysBetween(Timestamp from, Timestamp to) {
  return to <= from ? 0 : (to - from) / Duration::Days(1);
}

}  // namespace

std::string_view ActionReasonName(ActionReason r) {
  switch (r) {
    case ActionReason::kScheduledStep:
      return "scheduled_step";
    case ActionReason::kFallbackChannel:
      return "fallback_channel";
    case ActionReason::kEscalation:
      return "escalation";
    case ActionReason::kNoSequence:
      return "no_sequence";
    case ActionReason::kSequenceComplete:
      return "sequence_complete";
    case ActionReason::kNoUsableChannel:
      return "no_usable_channel";
  }
  return "unknown";
}

std::string_view ChannelSkipName(ChannelSkip s) {
  switch (s) {
    case ChannelSkip::kNotConsidered:
      return "not_considered";
    case ChannelSkip::kUsed:
      return "used";
    case ChannelSkip::kDebtorOptedOut:
      return "debtor_opted_out";
    case ChannelSkip::kNoContactPoint:
      return "no_contact_point";
    case ChannelSkip::kWrongNumber:
      return "wrong_number";
    case ChannelSkip::kContactPointOptedOut:
      return "contact_point_opted_out";
    case ChannelSkip::kNoConsent:
      return "no_consent";
    case ChannelSkip::kLandline:
      return "landline";
    case ChannelSkip::kWorkContactBlocked:
      return "work_contact_blocked";
  }
  return "unknown";
}

Timestamp EstimatedStageEntry(const domain::Account& account, Timestamp now) {
  const int first = kStageFirstDay[static_cast<std::size_t>(account.stage())];
  const int days = std::max(0, account.days_past_due - first);
  return now - Duration::Days(days);
}

ChannelSkip CheckChannel(domain::Channel channel, domain::VoiceMode voice,
                         const domain::Debtor& debtor, Timestamp now, int* point) {
  *point = -1;
  switch (channel) {
    case domain::Channel::kCall:
    case domain::Channel::kSms:
    case domain::Channel::kWhatsApp: {
      const bool opted_out = channel == domain::Channel::kCall  ? debtor.calls_opted_out
                             : channel == domain::Channel::kSms ? debtor.texts_opted_out
                                                                : debtor.whatsapp_opted_out;
      if (opted_out) return ChannelSkip::kDebtorOptedOut;
      return FirstUsable(
          debtor.phones,
          [&](const domain::Phone& p) { return CheckPhone(p, channel, voice, debtor, now); },
          point);
    }
    case domain::Channel::kEmail:
      if (debtor.emails_opted_out) return ChannelSkip::kDebtorOptedOut;
      return FirstUsable(
          debtor.emails, [&](const domain::Email& e) { return CheckEmail(e, now); }, point);
    case domain::Channel::kLetter:
      if (debtor.address.country.empty() && debtor.address.postal_code.empty()) {
        return ChannelSkip::kNoContactPoint;
      }
      return ChannelSkip::kUsed;
  }
  return ChannelSkip::kNoContactPoint;
}

NextAction NextBestAction(const Strategy& strategy, const domain::Account& account,
                          const domain::Debtor& debtor, const domain::ContactHistory& history,
                          const NbaContext& ctx) {
  NextAction a;
  a.escalation = CheckEscalation(strategy.escalation, account, history, ctx.signals);
  if (a.escalation != EscalationReason::kNone) {
    a.kind = ActionKind::kEscalate;
    a.reason = ActionReason::kEscalation;
    return a;
  }
  const std::vector<ContactStep>& sequence = strategy.SequenceFor(account.stage());
  if (sequence.empty()) {
    a.reason = ActionReason::kNoSequence;
    return a;
  }
  std::size_t done = 0;
  Timestamp last_attempt = Timestamp::InfinitePast();
  for (const domain::ContactEvent& e : history.events) {
    if (e.time < ctx.stage_entered || e.time > ctx.now) continue;
    if (e.initiated_by_consumer || !e.debts.Contains(account.id)) continue;
    ++done;
    last_attempt = e.time;
  }
  if (done >= sequence.size()) {
    a.reason = ActionReason::kSequenceComplete;
    return a;
  }
  const ContactStep& step = sequence[done];
  a.step = static_cast<int>(done);
  const Timestamp anchor =
      step.anchor == Anchor::kLastContact && last_attempt != Timestamp::InfinitePast()
          ? last_attempt
          : ctx.stage_entered;
  const int64_t wait = std::max<int64_t>(0, step.day_offset - WholeDaysBetween(anchor, ctx.now));
  a.earliest_day = ctx.today + wait;
  a.slots = step.slots;
  // The step's channel, then its fallbacks down the chain.
  domain::Channel candidates[domain::kChannelCount];
  std::size_t n = 0;
  candidates[n++] = step.channel;
  for (std::size_t k = FirstFallback(step.channel); k < std::size(kFallbackChain); ++k) {
    candidates[n++] = kFallbackChain[k];
  }
  for (std::size_t k = 0; k < n; ++k) {
    const domain::Channel channel = candidates[k];
    int point = -1;
    const ChannelSkip s = CheckChannel(channel, step.voice, debtor, ctx.now, &point);
    a.skipped[static_cast<std::size_t>(channel)] = s;
    if (s != ChannelSkip::kUsed) continue;
    a.kind = ActionKind::kContact;
    a.reason =
        channel == step.channel ? ActionReason::kScheduledStep : ActionReason::kFallbackChannel;
    a.channel = channel;
    a.voice = channel == domain::Channel::kCall ? step.voice : domain::VoiceMode::kHuman;
    a.contact_point = point;
    return a;
  }
  a.kind = ActionKind::kNone;
  a.reason = ActionReason::kNoUsableChannel;
  a.slots = {};
  return a;
}

}  // namespace recoup::strategy
