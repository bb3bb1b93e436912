// The call and message playbook: a pure state machine driven by structured debtor intents.
//
// One Conversation runs one outbound call or message thread about one account. Its driver (a
// workflow coroutine; the simulated debtor or the live voice/SMS platform on the other side)
// performs the Steps the conversation issues and reports what happened as IntentEvents; Finish
// yields the records to write back (records.h). No I/O, clock or randomness: every time comes in as
// an argument.
//
//   AwaitingAnswer --answered--> AwaitingPerson --right party--> Verifying --confirms--> Collecting
//   Collecting --proposes/agrees--> (accept) TakingPayment | (counter) OfferPresented
//   OfferPresented --agrees--> TakingPayment; TakingPayment --payment completed--> Ended
//   any live state --hangs up / opts out / cease / attorney--> Ended; --human/dispute/hardship-->
//   Transferred. docs/conversation.md has the full table.
//
// Rules it enforces:
//  - The opening disclosures of the required set (caller identification, AI voice, recording
//    notice, in-call opt-out, message opt-out instructions; in that order) come before anything
//    else, and are safe for whoever answers.
//  - Nothing about the debt (that there is one, its creditor, balance, the mini-Miranda) before the
//    identity check passes (RF-THIRDPARTY): RevealsDebt(step) steps only after kConfirmsIdentity.
//  - After verification: the debt-collector disclosure (initial, else subsequent, if required),
//  then
//    the balance, the time-barred notice and validation information (if required), then the
//    request.
//  - A wrong or third party learns nothing and the conversation ends (a wrong number is flagged).
//  - Disputes, hardship, requests for a human and negotiation beyond the policy go to a human.
//  - Attorney representation, cease and opt-out requests are honoured in any live state (before
//    verification too: a request to stop is never lost) and end the conversation.
//  - Payment by keypad (calls only) or a secure link; the playbook never sees card data.
//  - A voicemail gets only the fixed limited-content template (voicemail.h), never generated text.
#ifndef RECOUP_CORE_CONVERSATION_PLAYBOOK_H_
#define RECOUP_CORE_CONVERSATION_PLAYBOOK_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/compliance/disclosures.h"
#include "core/conversation/intent.h"
#include "core/conversation/records.h"
#include "core/conversation/step.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/negotiation/negotiation.h"

namespace recoup::conversation {

enum class State : uint8_t {
  kAwaitingAnswer,  // calls: dialled, waiting for the line
  kAwaitingPerson,  // asked for the debtor (calls) / opening message sent (messages)
  kVerifying,       // the person claims to be the debtor; identity check asked
  kCollecting,      // verified; balance stated and payment requested
  kOfferPresented,  // our counter-offer is on the table
  kTakingPayment,   // terms agreed; first payment by keypad or link under way
  kEnded,           // terminal
  kTransferred,     // terminal for the AI: a human has the conversation
};
std::string_view StateName(State s);  // "awaiting_answer", ...

// Limits of one conversation (decided here because the specification was silent).
inline constexpr int kMaxIdentityAttempts = 2;  // a second failed check ends the conversation
inline constexpr int kMaxProposals = 3;         // a 4th debtor proposal goes to a human
inline constexpr int kMaxPaymentAttempts = 2;   // a failed payment is retried once

// What the conversation is about and under which rules. Copied into the Conversation.
struct ConversationSetup {
  domain::Channel channel = domain::Channel::kCall;  // kCall, kSms, kEmail, kWhatsApp (not kLetter)
  domain::VoiceMode voice = domain::VoiceMode::kAiVoice;  // calls only
  int8_t contact_point = 0;  // index of the dialled phone / texted phone / email in the Debtor
  // The disclosures compliance requires for this communication (compliance::RequiredDisclosures).
  compliance::DisclosureSet disclosures;
  negotiation::Policy policy;        // the strategy's offer limits
  domain::LocalDate today;           // in the creditor's calendar, for schedules
  domain::HolidayCalendar calendar;  // business days of schedules
  Timestamp start;                   // when the call was placed / the first message sent
};

class Conversation {
 public:
  // Starts a conversation about `account` with its debtor. Errors: InvalidArgument for a letter
  // channel or a negative contact point; FailedPrecondition when the account carries a flag that
  // forbids collecting on it (attorney represented, written cease in effect at setup.start, open
  // dispute, original-creditor hold): compliance should not have allowed the contact, and the
  // playbook fails closed. The first steps are in steps(): {kDial} for a call; for a message
  // thread, the opening disclosures and kAskForPerson (sent at setup.start).
  static StatusOr<Conversation> Start(const ConversationSetup& setup,
                                      const domain::Account& account);

  // Consumes what the debtor did at `now` and returns the steps to perform next, in order (also in
  // steps()). Errors leave the conversation unchanged: FailedPrecondition for an intent that is not
  // valid in the current state (kAgrees before any request or offer, kConfirmsIdentity when no
  // check was asked, anything after the end...); InvalidArgument for `now` before the previous
  // event or the start, or keypad payment on a message channel.
  StatusOr<std::vector<Step>> On(const IntentEvent& event, Timestamp now);

  // The steps issued by the latest transition (by Start before the first event).
  const std::vector<Step>& steps() const { return steps_; }
  // Every step issued so far, in order, with the time of the event that issued it.
  struct IssuedStep {
    Step step = Step::kEnd;
    Timestamp at;
  };
  const std::vector<IssuedStep>& history() const { return history_; }

  State state() const { return state_; }
  bool finished() const { return state_ == State::kEnded || state_ == State::kTransferred; }
  bool identity_verified() const { return verified_; }
  // What kStateBalance says: the account's total balance.
  Money balance() const { return account_.balance.Total(); }
  // The offer kPresentOffer / kConfirmArrangement read out: the latest counter-offer or the agreed
  // terms; empty before any.
  const std::optional<negotiation::Offer>& offer() const { return offer_; }

  // The records to write back, as of `end` (>= the last event, else InvalidArgument). May be called
  // at any time and more than once; an unfinished conversation is recorded as if the person hung
  // up at `end` (a driver that gives up still writes a Compliance Record).
  StatusOr<ConversationResult> Finish(Timestamp end) const;

 private:
  Conversation(const ConversationSetup& setup, const domain::Account& account);

  Status CheckAllowed(const IntentEvent& event, Timestamp now) const;
  void Issue(Step s, Timestamp now);
  void Terminate(Disposition d, State final_state, Timestamp now);
  void Transfer(Handoff h, Disposition d, Timestamp now);
  void HangUp(Timestamp now);
  void Verified(Timestamp now);
  void IssueOpening(Timestamp now);
  void Negotiate(const negotiation::Proposal& proposal, PaymentMethod method, Timestamp now);
  void OfferFallback(Timestamp now);
  void Agree(const negotiation::Offer& offer, negotiation::Reason reason, bool countered,
             PaymentMethod method, Timestamp now);
  void Dispute(const IntentEvent& event, Timestamp now);
  void StopMedium(RequestKind kind, Timestamp now);
  void AddFlag(Flag f, Timestamp now, int8_t contact_point = -1);
  void AddRequest(RequestKind kind, Timestamp now, bool in_writing);
  bool WrittenChannel() const { return setup_.channel != domain::Channel::kCall; }
  ConversationResult BuildResult(Timestamp end) const;
  NotDeliveredReason WhyNotDelivered(compliance::Disclosure d) const;

  ConversationSetup setup_;
  domain::Account account_;
  State state_ = State::kAwaitingAnswer;
  std::vector<Step> steps_;
  std::vector<IssuedStep> history_;
  Timestamp last_event_;
  bool connected_ = false;  // answered (calls) / replied (messages)
  bool voicemail_ = false;
  bool wrong_number_ = false;
  bool verified_ = false;
  int identity_attempts_ = 0;
  int proposals_ = 0;
  bool fallback_offered_ = false;
  int payment_attempts_ = 0;
  std::optional<negotiation::Offer> offer_;
  negotiation::Reason offer_reason_ = negotiation::Reason::kWithinLimits;
  std::optional<PaymentArrangementRecord> arrangement_;
  std::optional<DisputeRecord> dispute_;
  std::vector<FlagChange> flags_;
  std::vector<DebtorRequest> requests_;
  std::vector<ConsentEvent> consent_events_;
  Handoff handoff_ = Handoff::kNone;
  std::optional<negotiation::Reason> negotiation_reason_;
  Disposition disposition_ = Disposition::kNoAnswer;
};

}  // namespace recoup::conversation

#endif  // RECOUP_CORE_CONVERSATION_PLAYBOOK_H_
