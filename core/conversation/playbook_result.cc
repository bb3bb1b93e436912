// Conversation::Finish: the Contact Attempt, Compliance Record, Payment Arrangement, Dispute and
// flag changes of one conversation.
#include "core/conversation/playbook.h"

namespace recoup::conversation {
namespace {

using compliance::Disclosure;

constexpr bool IsOpening(Disclosure d) {
  return d == Disclosure::kCallerIdentification || d == Disclosure::kAiVoice ||
         d == Disclosure::kRecordingNotice || d == Disclosure::kInCallOptOut ||
         d == Disclosure::kOptOutInstructions;
}

bool Contains(const std::vector<DeliveredDisclosure>& delivered, Disclosure d) {
  for (const DeliveredDisclosure& x : delivered) {
    if (x.disclosure == d) return true;
  }
  return false;
}

}  // namespace

StatusOr<ConversationResult> Conversation::Finish(Timestamp end) const {
  if (end < last_event_) {
    return InvalidArgumentError("Finish: end " + end.ToIso8601() + " is before the last event " +
                                last_event_.ToIso8601());
  }
  if (finished()) return BuildResult(end);
  // A driver that stops early: recorded as a hang-up at `end`.
  Conversation ended = *this;
  ended.steps_.clear();
  ended.HangUp(end);
  return ended.BuildResult(end);
}

NotDeliveredReason Conversation::WhyNotDelivered(Disclosure d) const {
  if (voicemail_) return NotDeliveredReason::kLimitedContentMessage;
  if (!connected_) return NotDeliveredReason::kNoConnection;
  if (!IsOpening(d) &&
      (disposition_ == Disposition::kWrongNumber || disposition_ == Disposition::kThirdParty ||
       disposition_ == Disposition::kIdentityNotVerified)) {
    return NotDeliveredReason::kNotRightParty;
  }
  if (handoff_ != Handoff::kNone) return NotDeliveredReason::kTransferredToHuman;
  return NotDeliveredReason::kEndedEarly;
}

ConversationResult Conversation::BuildResult(Timestamp end) const {
  ConversationResult r;
  const compliance::DisclosureSet& required = setup_.disclosures;

  // What every record says about the conversation it comes from.
  const auto identify = [&](auto& record) {
    record.account = account_.id;
    record.person = account_.debtor;
    record.channel = setup_.channel;
    record.voice = setup_.voice;
    record.start = setup_.start;
    record.end = end;
  };

  // Compliance Record.
  ComplianceRecord& c = r.compliance;
  identify(c);
  c.required = required;
  for (size_t i = 0; i < history_.size(); ++i) {
    const IssuedStep& s = history_[i];
    DeliveredDisclosure dd;
    dd.at = s.at;
    dd.order = static_cast<int>(i);
    if (const std::optional<Disclosure> d = DisclosureOf(s.step)) {
      dd.disclosure = *d;
      c.delivered.push_back(dd);
      // The initial mini-Miranda says everything the subsequent one does.
      if (*d == Disclosure::kDebtCollectorInitial &&
          required.Contains(Disclosure::kDebtCollectorSubsequent)) {
        dd.disclosure = Disclosure::kDebtCollectorSubsequent;
        c.delivered.push_back(dd);
      }
    } else if (s.step == Step::kLeaveLimitedContentMessage &&
               required.Contains(Disclosure::kCallerIdentification)) {
      // The limited-content template opens with the business name: the caller identification.
      dd.disclosure = Disclosure::kCallerIdentification;
      c.delivered.push_back(dd);
    }
    if (RevealsDebt(s.step)) c.debt_discussed = true;
  }
  for (int i = 0; i < compliance::kDisclosureCount; ++i) {
    const auto d = static_cast<Disclosure>(i);
    if (!required.Contains(d) || Contains(c.delivered, d)) continue;
    UndeliveredDisclosure u;
    u.disclosure = d;
    u.reason = WhyNotDelivered(d);
    c.not_delivered.push_back(u);
  }
  c.identity_verified = verified_;
  c.identity_attempts = identity_attempts_;
  c.consent_events = consent_events_;
  c.requests = requests_;
  c.handoff = handoff_;
  c.negotiation_reason = negotiation_reason_;

  // Contact Attempt.
  ContactAttemptRecord& a = r.contact_attempt;
  identify(a);
  a.contact_point = setup_.contact_point;
  a.disposition = disposition_;
  a.right_party_contact = verified_;
  if (setup_.channel != domain::Channel::kCall) {
    a.outcome = domain::Outcome::kSent;
  } else if (voicemail_) {
    a.outcome = domain::Outcome::kVoicemailLimited;
  } else if (!connected_) {
    a.outcome = domain::Outcome::kNoAnswer;
  } else if (disposition_ == Disposition::kWrongNumber ||
             disposition_ == Disposition::kThirdParty) {
    a.outcome = domain::Outcome::kWrongParty;
  } else if (verified_) {
    a.outcome = domain::Outcome::kConversation;
  } else {
    a.outcome = domain::Outcome::kAnsweredNoConversation;
  }
  domain::ContactEvent& e = a.ledger_event;
  e.time = setup_.start;
  e.channel = setup_.channel;
  e.outcome = a.outcome;
  e.recipient = domain::Recipient::kConsumer;
  e.voice = setup_.voice;
  e.contact_point = setup_.contact_point;
  e.misdirected = wrong_number_;
  e.debts.Add(account_.id);

  r.arrangement = arrangement_;
  r.dispute = dispute_;
  r.flag_changes = flags_;
  return r;
}

}  // namespace recoup::conversation
