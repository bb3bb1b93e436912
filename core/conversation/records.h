// The records one conversation writes back to the system of record (product brief step 5): a
// Contact Attempt, a Compliance Record (always, for every conversation, including no answer and
// wrong party), a Payment Arrangement and a Dispute when there is one, and the flag changes to
// apply to the account, the debtor and the contact point.
//
// Plain values: the org adapter maps them to Salesforce objects, the simulator applies them to its
// world with ApplyFlagChanges. Nothing here holds card data.
#ifndef RECOUP_CORE_CONVERSATION_RECORDS_H_
#define RECOUP_CORE_CONVERSATION_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/time.h"
#include "core/compliance/disclosures.h"
#include "core/conversation/intent.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/negotiation/negotiation.h"

namespace recoup::conversation {

// How the attempt ended, finer than domain::Outcome (the Contact Attempt's disposition field).
enum class Disposition : uint8_t {
  kNoAnswer,             // no answer (calls) / no reply (messages)
  kVoicemailLeft,        // limited-content message left
  kWrongNumber,          // the number is not the debtor's
  kThirdParty,           // someone else answered; nothing about the debt was said
  kHungUpUnverified,     // ended before identity was verified
  kIdentityNotVerified,  // failed the identity check
  kHungUp,               // verified, then ended without an outcome
  kRefused,              // verified and refused to pay (and the one fallback offer)
  kArrangementAgreed,    // terms agreed; first payment not (yet) completed
  kPaid,                 // terms agreed and the first payment completed
  kDisputed,             // dispute recorded, transferred to a human
  kHardship,             // hardship reported, transferred to a human
  kTransferredToHuman,   // asked for a human
  kEscalated,            // negotiation beyond the AI's limits, transferred to a human
  kAttorney,             // represented by an attorney: ended
  kCeaseRequested,       // asked to stop communicating: ended
  kOptedOut,             // opted out of the medium: ended
};
std::string_view DispositionName(Disposition d);  // "no_answer", "voicemail_left", ...

// The Contact Attempt record.
struct ContactAttemptRecord {
  domain::AccountId account = 0;
  domain::PersonId person = 0;
  domain::Channel channel = domain::Channel::kCall;
  domain::VoiceMode voice = domain::VoiceMode::kAiVoice;
  int8_t contact_point = -1;  // index into Debtor::phones (calls, texts) or Debtor::emails
  Timestamp start;
  Timestamp end;
  Duration duration() const { return end - start; }
  Disposition disposition = Disposition::kNoAnswer;
  domain::Outcome outcome = domain::Outcome::kNoAnswer;  // for the contact ledger (Reg F counts)
  bool right_party_contact = false;                      // identity verified (the RPC definition)
  // The entry for the person's ContactHistory: time = start; debts = {account} when the attempt is
  // attributed to it (a connected call or message); misdirected for a wrong number.
  domain::ContactEvent ledger_event;
};

// Why a required disclosure was not delivered.
enum class NotDeliveredReason : uint8_t {
  kNoConnection,           // nobody answered
  kLimitedContentMessage,  // a voicemail: only the fixed LCM template may be said (RF-LCM)
  kNotRightParty,          // wrong or third party, or identity not verified: debt content withheld
  kEndedEarly,             // the conversation ended (hang-up, opt-out, attorney...) before the step
  kTransferredToHuman,     // handed to a human before the step: the human delivers it
};
std::string_view NotDeliveredReasonName(NotDeliveredReason r);

struct DeliveredDisclosure {
  compliance::Disclosure disclosure = compliance::Disclosure::kCallerIdentification;
  Timestamp at;   // when the playbook issued the step
  int order = 0;  // 0-based position among this conversation's steps
};

struct UndeliveredDisclosure {
  compliance::Disclosure disclosure = compliance::Disclosure::kCallerIdentification;
  NotDeliveredReason reason = NotDeliveredReason::kEndedEarly;
};

// A request the debtor (or whoever answered) made, as the back office must see it.
enum class RequestKind : uint8_t { kCease, kOptOut, kAttorney, kDispute, kHuman, kHardship };
std::string_view RequestKindName(RequestKind k);

struct DebtorRequest {
  RequestKind kind = RequestKind::kHuman;
  Timestamp at;
  bool identity_verified =
      false;                // made by the verified debtor (else honoured, flagged for review)
  bool in_writing = false;  // made in writing (a message thread, or a written dispute)
};

enum class ConsentEventKind : uint8_t {
  kRobocallConsentRevoked,   // TCPA consent to AI / prerecorded calls on the number revoked
  kSmsConsentRevoked,        // TCPA consent to texts on the number revoked
  kPaymentLinkTextAccepted,  // on a call, the debtor asked for the payment link by text
  kWhatsAppConsentRevoked,   // the opt-in to WhatsApp messages on the number revoked (new: last)
};
std::string_view ConsentEventKindName(ConsentEventKind k);

struct ConsentEvent {
  ConsentEventKind kind = ConsentEventKind::kRobocallConsentRevoked;
  Timestamp at;
};

// Why the AI handed over to a human.
enum class Handoff : uint8_t {
  kNone,
  kAskedForHuman,
  kDispute,
  kHardship,
  kNegotiation,
  kNegotiationRounds
};
std::string_view HandoffName(Handoff h);

// The Compliance Record: produced for every conversation (product brief step 5).
struct ComplianceRecord {
  domain::AccountId account = 0;
  domain::PersonId person = 0;
  domain::Channel channel = domain::Channel::kCall;
  domain::VoiceMode voice = domain::VoiceMode::kAiVoice;
  Timestamp start;
  Timestamp end;
  compliance::DisclosureSet required;                // what compliance asked for
  std::vector<DeliveredDisclosure> delivered;        // in delivery order
  std::vector<UndeliveredDisclosure> not_delivered;  // required but not delivered, in enum order
  bool identity_verified = false;
  int identity_attempts = 0;
  bool debt_discussed = false;  // a step that reveals the debt was issued (only after verification)
  std::vector<ConsentEvent> consent_events;
  std::vector<DebtorRequest> requests;
  Handoff handoff = Handoff::kNone;
  std::optional<negotiation::Reason> negotiation_reason;  // of an escalating negotiation
};

enum class PaymentStatus : uint8_t {
  kPending,    // a link was sent; the debtor may still pay with it
  kCompleted,  // the processor reported the first payment
  kFailed,     // declined or abandoned twice
  kNotTaken,   // the conversation ended before the payment step finished (keypad)
};
std::string_view PaymentStatusName(PaymentStatus s);

// The Payment Arrangement record: the agreed Offer and how its first payment is taken.
struct PaymentArrangementRecord {
  domain::AccountId account = 0;
  Timestamp agreed_at;
  negotiation::Offer offer;  // total, discount, fee waiver, schedule
  negotiation::Reason reason = negotiation::Reason::kWithinLimits;
  bool countered = false;  // the debtor agreed to our counter-offer
  PaymentMethod method = PaymentMethod::kSecureLink;
  Money first_payment;  // offer.schedule.front().amount
  PaymentStatus payment = PaymentStatus::kPending;
};

// The Dispute record. Collection of the disputed debt stops (RF-DISPUTE); resolution is human-only.
struct DisputeRecord {
  domain::AccountId account = 0;
  domain::PersonId person = 0;
  Timestamp at;
  bool in_writing = false;  // a written dispute triggers 1006.38(d); an oral one is still recorded
};

// A flag to set. Boolean flags become true; time flags (consent revocation, written cease) are set
// to `at`. `contact_point` indexes Debtor::phones (phone flags) or Debtor::emails (kEmailOptedOut).
// Values are stored in results files (FlagRow): new flags go at the end.
enum class Flag : uint8_t {
  kPhoneWrongNumber,
  kPhoneCallsOptedOut,
  kPhoneTextsOptedOut,
  kPhoneRobocallConsentRevoked,
  kPhoneSmsConsentRevoked,
  kEmailOptedOut,
  kDebtorCallsOptedOut,
  kDebtorTextsOptedOut,
  kDebtorEmailsOptedOut,
  kAccountWrittenCease,
  kAccountAttorneyRepresented,
  kAccountDisputeOpen,
  // WhatsApp is a medium of its own (RF-MEDIUM): its opt-outs and opt-in do not touch texts.
  kPhoneWhatsAppOptedOut,
  kPhoneWhatsAppConsentRevoked,
  kDebtorWhatsAppOptedOut,
};
std::string_view FlagName(Flag f);

struct FlagChange {
  Flag flag = Flag::kPhoneWrongNumber;
  int8_t contact_point = -1;  // phone / email flags only
  Timestamp at;
  friend bool operator==(const FlagChange&, const FlagChange&) = default;
};

// Everything one conversation writes back.
struct ConversationResult {
  ContactAttemptRecord contact_attempt;
  ComplianceRecord compliance;
  std::optional<PaymentArrangementRecord> arrangement;
  std::optional<DisputeRecord> dispute;
  std::vector<FlagChange> flag_changes;
};

// Applies `changes` to `account` and `debtor` (revocations and a written cease keep an earlier time
// already recorded). OutOfRange, naming the change, if a contact point is not in the debtor's
// phones / emails, in which case nothing is applied.
Status ApplyFlagChanges(const std::vector<FlagChange>& changes, domain::Account& account,
                        domain::Debtor& debtor);

}  // namespace recoup::conversation

#endif  // RECOUP_CORE_CONVERSATION_RECORDS_H_
