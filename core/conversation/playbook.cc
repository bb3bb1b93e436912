#include "core/conversation/playbook.h"

#include <string>
#include <utility>

namespace recoup::conversation {
namespace {

using compliance::Disclosure;

// Opening disclosures, in the order they are delivered (the DisclosureSet order).
constexpr Disclosure kOpening[] = {Disclosure::kCallerIdentification, Disclosure::kAiVoice,
                                   Disclosure::kRecordingNotice, Disclosure::kInCallOptOut,
                                   Disclosure::kOptOutInstructions};

}  // namespace

Conversation::Conversation(const ConversationSetup& setup, const domain::Account& account)
    : setup_(setup), account_(account), last_event_(setup.start) {}

StatusOr<Conversation> Conversation::Start(const ConversationSetup& setup,
                                           const domain::Account& account) {
  if (setup.channel == domain::Channel::kLetter) {
    return InvalidArgumentError(
        "ConversationSetup.channel: a letter is not a conversation (expected call, sms, email or "
        "whatsapp)");
  }
  if (setup.contact_point < 0) {
    return InvalidArgumentError(
        "ConversationSetup.contact_point: expected the index (>= 0) of the phone or email used");
  }
  if (account.attorney_represented) {
    return FailedPreconditionError("account is attorney represented: no contact with the consumer");
  }
  if (account.CeaseInEffect(setup.start)) {
    return FailedPreconditionError("account has a written cease in effect");
  }
  if (account.dispute == domain::DisputeStatus::kOpen || account.original_creditor_hold) {
    return FailedPreconditionError("account is on a dispute hold: collection has stopped");
  }
  Conversation c(setup, account);
  // Room for a whole conversation's steps up front: they were the most frequent reallocation of a
  // simulated run (bench/macro).
  c.steps_.reserve(8);
  c.history_.reserve(24);
  if (setup.channel == domain::Channel::kCall) {
    c.state_ = State::kAwaitingAnswer;
    c.Issue(Step::kDial, setup.start);
  } else {
    // A message thread opens with the opening disclosures and the question for the person.
    c.state_ = State::kAwaitingPerson;
    c.IssueOpening(setup.start);
  }
  return c;
}

Status Conversation::CheckAllowed(const IntentEvent& event, Timestamp now) const {
  // Built only for an error: this runs for every intent of every contact.
  const auto what = [&] {
    return std::string("intent ") + std::string(IntentName(event.intent)) + " in state " +
           std::string(StateName(state_));
  };
  if (finished()) return FailedPreconditionError(what() + ": the conversation has ended");
  if (now < last_event_) {
    return InvalidArgumentError(what() + ": time " + now.ToIso8601() +
                                " is before the previous event " + last_event_.ToIso8601());
  }
  const bool call = setup_.channel == domain::Channel::kCall;
  const State s = state_;
  const bool claimed = s == State::kVerifying || s == State::kCollecting ||
                       s == State::kOfferPresented || s == State::kTakingPayment;
  bool allowed = false;
  switch (event.intent) {
    case Intent::kAnswered:
    case Intent::kVoicemail:
      allowed = s == State::kAwaitingAnswer;
      break;
    case Intent::kNoAnswer:
      allowed = s == State::kAwaitingAnswer || (!call && s == State::kAwaitingPerson);
      break;
    case Intent::kRightParty:
    case Intent::kWrongParty:
    case Intent::kThirdParty:
      allowed = s == State::kAwaitingPerson;
      break;
    case Intent::kConfirmsIdentity:
    case Intent::kFailsIdentity:
      allowed = s == State::kVerifying;
      break;
    case Intent::kAsksForHuman:
    case Intent::kOptsOut:
    case Intent::kRequestsCease:
      allowed = s != State::kAwaitingAnswer;
      break;
    case Intent::kDisputes:
    case Intent::kHasAttorney:
    case Intent::kReportsHardship:
      allowed = claimed;
      break;
    case Intent::kProposesTerms:
    case Intent::kAgrees:
    case Intent::kRefuses:
      allowed = s == State::kCollecting || s == State::kOfferPresented;
      break;
    case Intent::kPaymentCompleted:
    case Intent::kPaymentFailed:
      allowed = s == State::kTakingPayment;
      break;
    case Intent::kHangsUp:
      allowed = true;
      break;
  }
  if (!allowed) return FailedPreconditionError(what() + ": not valid here");
  if ((event.intent == Intent::kAgrees || event.intent == Intent::kProposesTerms) && !call &&
      event.payment_method == PaymentMethod::kKeypad) {
    return InvalidArgumentError(what() + ": keypad payment is only possible on a call");
  }
  return OkStatus();
}

StatusOr<std::vector<Step>> Conversation::On(const IntentEvent& event, Timestamp now) {
  RECOUP_RETURN_IF_ERROR(CheckAllowed(event, now));
  last_event_ = now;
  steps_.clear();
  switch (event.intent) {
    case Intent::kAnswered:
      connected_ = true;
      IssueOpening(now);
      state_ = State::kAwaitingPerson;
      break;
    case Intent::kNoAnswer:
      Issue(Step::kEnd, now);
      Terminate(Disposition::kNoAnswer, State::kEnded, now);
      break;
    case Intent::kVoicemail:
      voicemail_ = true;
      Issue(Step::kLeaveLimitedContentMessage, now);
      Issue(Step::kEnd, now);
      Terminate(Disposition::kVoicemailLeft, State::kEnded, now);
      break;
    case Intent::kRightParty:
      connected_ = true;
      Issue(Step::kVerifyIdentity, now);
      state_ = State::kVerifying;
      break;
    case Intent::kWrongParty:
      connected_ = true;
      wrong_number_ = true;
      if (domain::IsPhoneChannel(setup_.channel)) {
        AddFlag(Flag::kPhoneWrongNumber, now, setup_.contact_point);
      }
      Issue(Step::kEnd, now);
      Terminate(Disposition::kWrongNumber, State::kEnded, now);
      break;
    case Intent::kThirdParty:
      connected_ = true;
      Issue(Step::kEnd, now);
      Terminate(Disposition::kThirdParty, State::kEnded, now);
      break;
    case Intent::kConfirmsIdentity:
      ++identity_attempts_;
      Verified(now);
      break;
    case Intent::kFailsIdentity:
      ++identity_attempts_;
      if (identity_attempts_ < kMaxIdentityAttempts) {
        Issue(Step::kVerifyIdentity, now);
      } else {
        Issue(Step::kEnd, now);
        Terminate(Disposition::kIdentityNotVerified, State::kEnded, now);
      }
      break;
    case Intent::kAsksForHuman:
      connected_ = true;
      AddRequest(RequestKind::kHuman, now, WrittenChannel());
      Transfer(Handoff::kAskedForHuman, Disposition::kTransferredToHuman, now);
      break;
    case Intent::kDisputes:
      Dispute(event, now);
      break;
    case Intent::kRequestsCease:
      connected_ = true;
      StopMedium(RequestKind::kCease, now);
      break;
    case Intent::kOptsOut:
      connected_ = true;
      StopMedium(RequestKind::kOptOut, now);
      break;
    case Intent::kHasAttorney:
      AddFlag(Flag::kAccountAttorneyRepresented, now);
      AddRequest(RequestKind::kAttorney, now, WrittenChannel());
      Issue(Step::kEnd, now);
      Terminate(Disposition::kAttorney, State::kEnded, now);
      break;
    case Intent::kReportsHardship:
      AddRequest(RequestKind::kHardship, now, WrittenChannel());
      Transfer(Handoff::kHardship, Disposition::kHardship, now);
      break;
    case Intent::kProposesTerms:
      if (event.proposal.disputes_debt) {
        Dispute(event, now);
      } else if (event.proposal.hardship) {
        AddRequest(RequestKind::kHardship, now, WrittenChannel());
        Transfer(Handoff::kHardship, Disposition::kHardship, now);
      } else {
        Negotiate(event.proposal, event.payment_method, now);
      }
      break;
    case Intent::kAgrees:
      if (state_ == State::kOfferPresented) {
        Agree(*offer_, offer_reason_, /*countered=*/true, event.payment_method, now);
      } else {
        // Agreeing to the payment request: the balance in full, today.
        negotiation::Proposal in_full;
        in_full.kind = negotiation::Proposal::Kind::kPayInFull;
        in_full.amount = balance();
        in_full.first_due = setup_.today;
        Negotiate(in_full, event.payment_method, now);
      }
      break;
    case Intent::kRefuses:
      if (state_ == State::kCollecting && !fallback_offered_) {
        OfferFallback(now);
      } else {
        Issue(Step::kEnd, now);
        Terminate(Disposition::kRefused, State::kEnded, now);
      }
      break;
    case Intent::kPaymentCompleted:
      arrangement_->payment = PaymentStatus::kCompleted;
      Issue(Step::kConfirmPayment, now);
      Issue(Step::kEnd, now);
      Terminate(Disposition::kPaid, State::kEnded, now);
      break;
    case Intent::kPaymentFailed:
      if (payment_attempts_ < kMaxPaymentAttempts) {
        ++payment_attempts_;
        Issue(arrangement_->method == PaymentMethod::kKeypad ? Step::kCaptureKeypadPayment
                                                             : Step::kSendPaymentLink,
              now);
      } else {
        arrangement_->payment = PaymentStatus::kFailed;
        Issue(Step::kEnd, now);
        Terminate(Disposition::kArrangementAgreed, State::kEnded, now);
      }
      break;
    case Intent::kHangsUp:
      HangUp(now);
      break;
  }
  return steps_;
}

void Conversation::Issue(Step s, Timestamp now) {
  steps_.push_back(s);
  IssuedStep issued;
  issued.step = s;
  issued.at = now;
  history_.push_back(issued);
}

void Conversation::IssueOpening(Timestamp now) {
  for (Disclosure d : kOpening) {
    if (setup_.disclosures.Contains(d)) Issue(StepFor(d), now);
  }
  Issue(Step::kAskForPerson, now);
}

void Conversation::Verified(Timestamp now) {
  verified_ = true;
  const compliance::DisclosureSet& required = setup_.disclosures;
  if (required.Contains(Disclosure::kDebtCollectorInitial)) {
    Issue(Step::kDebtCollectorDisclosure, now);  // also covers the subsequent form
  } else if (required.Contains(Disclosure::kDebtCollectorSubsequent)) {
    Issue(Step::kDebtCollectorReminder, now);
  }
  Issue(Step::kStateBalance, now);
  if (required.Contains(Disclosure::kTimeBarred)) Issue(Step::kTimeBarredNotice, now);
  if (required.Contains(Disclosure::kValidationInformation)) {
    Issue(Step::kValidationInformation, now);
  }
  Issue(Step::kRequestPayment, now);
  state_ = State::kCollecting;
}

void Conversation::Terminate(Disposition d, State final_state, Timestamp /*now*/) {
  disposition_ = d;
  state_ = final_state;
  // A keypad capture cannot outlive the call; a sent link still can be used.
  if (arrangement_ && arrangement_->payment == PaymentStatus::kPending &&
      arrangement_->method == PaymentMethod::kKeypad) {
    arrangement_->payment = PaymentStatus::kNotTaken;
  }
}

void Conversation::Transfer(Handoff h, Disposition d, Timestamp now) {
  handoff_ = h;
  Issue(Step::kTransferToHuman, now);
  Terminate(d, State::kTransferred, now);
}

void Conversation::HangUp(Timestamp now) {
  if (state_ == State::kAwaitingAnswer) connected_ = true;  // picked up, then dropped
  Issue(Step::kEnd, now);
  const Disposition d = arrangement_ ? Disposition::kArrangementAgreed
                        : verified_  ? Disposition::kHungUp
                                     : Disposition::kHungUpUnverified;
  Terminate(d, State::kEnded, now);
}

void Conversation::Negotiate(const negotiation::Proposal& proposal, PaymentMethod method,
                             Timestamp now) {
  if (++proposals_ > kMaxProposals) {
    Transfer(Handoff::kNegotiationRounds, Disposition::kEscalated, now);
    return;
  }
  const negotiation::Decision d =
      negotiation::Evaluate(setup_.policy, account_, proposal, setup_.today, setup_.calendar);
  switch (d.verdict) {
    case negotiation::Verdict::kAccept:
      if (!d.offer.schedule.empty()) {
        Agree(d.offer, d.reason, /*countered=*/false, method, now);
        return;
      }
      break;  // an accepted offer without a schedule cannot be taken: a human decides
    case negotiation::Verdict::kCounter:
      if (!d.offer.schedule.empty()) {
        offer_ = d.offer;
        offer_reason_ = d.reason;
        Issue(Step::kPresentOffer, now);
        state_ = State::kOfferPresented;
        return;
      }
      break;
    case negotiation::Verdict::kEscalate:
      break;
  }
  negotiation_reason_ = d.reason;
  if (d.reason == negotiation::Reason::kHardship ||
      d.reason == negotiation::Reason::kCapacityTooLow) {
    Transfer(Handoff::kHardship, Disposition::kHardship, now);
  } else {
    Transfer(Handoff::kNegotiation, Disposition::kEscalated, now);
  }
}

void Conversation::OfferFallback(Timestamp now) {
  fallback_offered_ = true;
  // The single counter to a refusal: the longest plan the policy allows, at its own frequency.
  negotiation::Proposal plan;
  plan.kind = negotiation::Proposal::Kind::kInstalments;
  plan.instalments = setup_.policy.max_instalments;
  plan.amount = Money::Zero();  // unstated
  plan.frequency = setup_.policy.frequency;
  plan.first_due = setup_.today;
  const negotiation::Decision d =
      negotiation::Evaluate(setup_.policy, account_, plan, setup_.today, setup_.calendar);
  if (d.verdict != negotiation::Verdict::kEscalate && !d.offer.schedule.empty()) {
    offer_ = d.offer;
    offer_reason_ = d.reason;
    Issue(Step::kPresentOffer, now);
    state_ = State::kOfferPresented;
    return;
  }
  Issue(Step::kEnd, now);
  Terminate(Disposition::kRefused, State::kEnded, now);
}

void Conversation::Agree(const negotiation::Offer& offer, negotiation::Reason reason,
                         bool countered, PaymentMethod method, Timestamp now) {
  const PaymentMethod resolved =
      method == PaymentMethod::kUnspecified ? PaymentMethod::kSecureLink : method;
  offer_ = offer;
  PaymentArrangementRecord record;
  record.account = account_.id;
  record.agreed_at = now;
  record.offer = offer;
  record.reason = reason;
  record.countered = countered;
  record.method = resolved;
  record.first_payment = offer.schedule.front().amount;
  record.payment = PaymentStatus::kPending;
  arrangement_ = std::move(record);
  if (resolved == PaymentMethod::kSecureLink && setup_.channel == domain::Channel::kCall) {
    ConsentEvent e;
    e.kind = ConsentEventKind::kPaymentLinkTextAccepted;
    e.at = now;
    consent_events_.push_back(e);
  }
  Issue(Step::kConfirmArrangement, now);
  Issue(resolved == PaymentMethod::kKeypad ? Step::kCaptureKeypadPayment : Step::kSendPaymentLink,
        now);
  payment_attempts_ = 1;
  state_ = State::kTakingPayment;
}

}  // namespace recoup::conversation
