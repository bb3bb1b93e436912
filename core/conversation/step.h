// Steps: the actions the conversation playbook (playbook.h) tells its driver to perform, in order.
//
// A step names fixed, reviewed content or an action; the playbook never produces free text. The
// driver (a workflow coroutine, the simulated debtor, or the live voice/SMS platform) performs the
// steps it is given and reports what the debtor did as an IntentEvent (intent.h).
#ifndef RECOUP_CORE_CONVERSATION_STEP_H_
#define RECOUP_CORE_CONVERSATION_STEP_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/compliance/disclosures.h"

namespace recoup::conversation {

enum class Step : uint8_t {
  kDial,  // place the call; report kAnswered, kNoAnswer, kVoicemail or kHangsUp
  // Opening disclosures: safe for anyone who answers (nothing about a debt).
  kIdentifyCaller,      // business name (not indicating debt collection) and agent name
  kDiscloseAi,          // the voice / agent is an AI
  kRecordingNotice,     // the call is recorded
  kInCallOptOutNotice,  // how to stop these calls (automated opt-out)
  kOptOutInstructions,  // how to opt out of these messages
  kAskForPerson,        // ask for the debtor by name, without saying why
  kVerifyIdentity,      // ask for the identity check (date of birth, postcode, ...)
  // After verification only: everything below may reveal the debt.
  kDebtCollectorDisclosure,  // initial mini-Miranda: collecting a debt, information used for it
  kDebtCollectorReminder,    // subsequent: "this communication is from a debt collector"
  kStateBalance,             // creditor, balance and status (Conversation::balance())
  kTimeBarredNotice,         // the debt is time-barred: we cannot sue
  kValidationInformation,    // validation information and the right to dispute
  kRequestPayment,           // ask for payment of the balance
  kPresentOffer,             // read out Conversation::offer() (a counter-offer)
  kConfirmArrangement,       // read back the agreed terms (Conversation::offer())
  kSendPaymentLink,          // send a secure payment link for the first payment
  kCaptureKeypadPayment,     // hand over to the processor's keypad capture for the first payment
  kConfirmPayment,           // confirm the payment was received
  // Endings.
  kTransferToHuman,             // warm transfer / hand the thread to a human (terminal for the AI)
  kLeaveLimitedContentMessage,  // the fixed limited-content voicemail template (voicemail.h)
  kConfirmOptOut,               // the single confirmation of the medium opt-out
  kConfirmCease,                // say communication about the debt on this medium is ending
  kEnd,                         // close politely and hang up / close the thread
};
inline constexpr int kStepCount = 24;

// "dial", "identify_caller", ... (stable).
std::string_view StepName(Step s);

// The disclosure a step delivers, if any.
constexpr std::optional<compliance::Disclosure> DisclosureOf(Step s) {
  using compliance::Disclosure;
  switch (s) {
    case Step::kIdentifyCaller:
      return Disclosure::kCallerIdentification;
    case Step::kDiscloseAi:
      return Disclosure::kAiVoice;
    case Step::kRecordingNotice:
      return Disclosure::kRecordingNotice;
    case Step::kInCallOptOutNotice:
      return Disclosure::kInCallOptOut;
    case Step::kOptOutInstructions:
      return Disclosure::kOptOutInstructions;
    case Step::kDebtCollectorDisclosure:
      return Disclosure::kDebtCollectorInitial;
    case Step::kDebtCollectorReminder:
      return Disclosure::kDebtCollectorSubsequent;
    case Step::kTimeBarredNotice:
      return Disclosure::kTimeBarred;
    case Step::kValidationInformation:
      return Disclosure::kValidationInformation;
    default:
      return std::nullopt;
  }
}

// The step that delivers a disclosure (the inverse of DisclosureOf).
constexpr Step StepFor(compliance::Disclosure d) {
  using compliance::Disclosure;
  switch (d) {
    case Disclosure::kCallerIdentification:
      return Step::kIdentifyCaller;
    case Disclosure::kAiVoice:
      return Step::kDiscloseAi;
    case Disclosure::kRecordingNotice:
      return Step::kRecordingNotice;
    case Disclosure::kInCallOptOut:
      return Step::kInCallOptOutNotice;
    case Disclosure::kOptOutInstructions:
      return Step::kOptOutInstructions;
    case Disclosure::kDebtCollectorInitial:
      return Step::kDebtCollectorDisclosure;
    case Disclosure::kDebtCollectorSubsequent:
      return Step::kDebtCollectorReminder;
    case Disclosure::kTimeBarred:
      return Step::kTimeBarredNotice;
    case Disclosure::kValidationInformation:
      return Step::kValidationInformation;
  }
  return Step::kEnd;  // unreachable for valid enumerators
}

// True for steps that may reveal that a debt exists (its creditor, amount or the fact of
// collection). The playbook issues them only after identity verification (RF-THIRDPARTY,
// RF-MINIMIRANDA).
constexpr bool RevealsDebt(Step s) {
  switch (s) {
    case Step::kDebtCollectorDisclosure:
    case Step::kDebtCollectorReminder:
    case Step::kStateBalance:
    case Step::kTimeBarredNotice:
    case Step::kValidationInformation:
    case Step::kRequestPayment:
    case Step::kPresentOffer:
    case Step::kConfirmArrangement:
    case Step::kSendPaymentLink:
    case Step::kCaptureKeypadPayment:
    case Step::kConfirmPayment:
    case Step::kConfirmCease:
      return true;
    default:
      return false;
  }
}

}  // namespace recoup::conversation

#endif  // RECOUP_CORE_CONVERSATION_STEP_H_
