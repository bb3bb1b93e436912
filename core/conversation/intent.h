// Structured debtor intents: what the other side of a call or message thread did or said, as the
// conversation playbook (playbook.h) consumes it.
//
// Intents come from the behaviour model in simulation and from the voice/SMS platform's classifier
// live (DESIGN.md section 2); the playbook never sees free text. An IntentEvent carries the intent
// and the little data some intents need. By construction there is no field for card data (number,
// expiry, security code): payment is taken by keypad (DTMF) capture on the payment processor's side
// or by a secure link, and the playbook only learns whether it completed.
#ifndef RECOUP_CORE_CONVERSATION_INTENT_H_
#define RECOUP_CORE_CONVERSATION_INTENT_H_

#include <cstdint>
#include <string_view>

#include "core/negotiation/negotiation.h"

namespace recoup::conversation {

enum class Intent : uint8_t {
  // Call set-up (calls only).
  kAnswered,   // someone picked up; who it is is not known yet
  kNoAnswer,   // rang out (calls) / no reply within the thread's window (messages)
  kVoicemail,  // an answering machine or voicemail box took the call
  // Who is there.
  kRightParty,        // "speaking": the person claims to be the debtor (not yet verified)
  kWrongParty,        // the number is not the debtor's (wrong number)
  kThirdParty,        // someone else answered; the debtor is not available
  kConfirmsIdentity,  // passed the identity check
  kFailsIdentity,     // failed or declined the identity check
  // Requests the playbook must honour.
  kAsksForHuman,     // wants to speak to a person
  kDisputes,         // disputes the debt (IntentEvent::dispute_in_writing says how)
  kRequestsCease,    // asks to stop communicating about the debt
  kHasAttorney,      // is represented by an attorney for this debt
  kReportsHardship,  // cannot pay because of hardship (illness, job loss, ...)
  kOptsOut,          // "stop calling" / STOP: opts out of the medium (and revokes TCPA consent)
  // Negotiation.
  kProposesTerms,  // puts forward terms (IntentEvent::proposal)
  kAgrees,         // agrees to the request or offer on the table
  kRefuses,        // refuses the request or offer on the table
  // Payment.
  kPaymentCompleted,  // the payment processor reports the keypad or link payment done
  kPaymentFailed,     // declined, abandoned, or the link could not be delivered
  // Any time.
  kHangsUp,  // the line dropped or the person left the thread
};
inline constexpr int kIntentCount = 20;

// "answered", "no_answer", ... (stable: used in logs and test names).
std::string_view IntentName(Intent i);

// How the debtor pays. Never card data: the keypad digits go to the payment processor, not to us.
enum class PaymentMethod : uint8_t {
  kUnspecified,  // the playbook chooses: a secure link (the only method on message channels)
  kSecureLink,   // a payment link sent by SMS (call) or in the thread (messages)
  kKeypad,       // DTMF capture by the processor during the call (calls only)
};
std::string_view PaymentMethodName(PaymentMethod m);  // "unspecified", "secure_link", "keypad"

struct IntentEvent {
  Intent intent = Intent::kHangsUp;
  // kProposesTerms: the debtor's terms. Its hardship / disputes_debt flags route like
  // kReportsHardship / kDisputes (to a human) without a negotiation.
  negotiation::Proposal proposal;
  // kDisputes: the dispute was made in writing (a letter or form the agent is told about). Disputes
  // made in a text or email thread are written whatever this says.
  bool dispute_in_writing = false;
  // kAgrees, kProposesTerms: how the debtor wants to pay if the deal is agreed.
  PaymentMethod payment_method = PaymentMethod::kUnspecified;
};

// Convenience constructors for the common events.
inline IntentEvent MakeIntent(Intent i) {
  IntentEvent e;
  e.intent = i;
  return e;
}
inline IntentEvent MakeProposal(const negotiation::Proposal& p,
                                PaymentMethod method = PaymentMethod::kUnspecified) {
  IntentEvent e;
  e.intent = Intent::kProposesTerms;
  e.proposal = p;
  e.payment_method = method;
  return e;
}
inline IntentEvent MakeAgreement(PaymentMethod method) {
  IntentEvent e;
  e.intent = Intent::kAgrees;
  e.payment_method = method;
  return e;
}

}  // namespace recoup::conversation

#endif  // RECOUP_CORE_CONVERSATION_INTENT_H_
