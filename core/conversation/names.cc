// Stable snake_case names of the conversation enums (written to records and logs).
#include <cstddef>
#include <iterator>
#include <string_view>

#include "core/conversation/intent.h"
#include "core/conversation/playbook.h"
#include "core/conversation/records.h"
#include "core/conversation/step.h"

namespace recoup::conversation {
namespace {

template <typename E, size_t N>
std::string_view Lookup(E e, const std::string_view (&names)[N]) {
  const auto i = static_cast<size_t>(e);
  return i < N ? names[i] : std::string_view("unknown");
}

}  // namespace

std::string_view IntentName(Intent i) {
  static constexpr std::string_view kNames[] = {
      "answered",         "no_answer",         "voicemail",         "right_party",
      "wrong_party",      "third_party",       "confirms_identity", "fails_identity",
      "asks_for_human",   "disputes",          "requests_cease",    "has_attorney",
      "reports_hardship", "opts_out",          "proposes_terms",    "agrees",
      "refuses",          "payment_completed", "payment_failed",    "hangs_up"};
  static_assert(std::size(kNames) == kIntentCount);
  return Lookup(i, kNames);
}

std::string_view PaymentMethodName(PaymentMethod m) {
  static constexpr std::string_view kNames[] = {"unspecified", "secure_link", "keypad"};
  return Lookup(m, kNames);
}

std::string_view StepName(Step s) {
  static constexpr std::string_view kNames[] = {"dial",
                                                "identify_caller",
                                                "disclose_ai",
                                                "recording_notice",
                                                "in_call_opt_out_notice",
                                                "opt_out_instructions",
                                                "ask_for_person",
                                                "verify_identity",
                                                "debt_collector_disclosure",
                                                "debt_collector_reminder",
                                                "state_balance",
                                                "time_barred_notice",
                                                "validation_information",
                                                "request_payment",
                                                "present_offer",
                                                "confirm_arrangement",
                                                "send_payment_link",
                                                "capture_keypad_payment",
                                                "confirm_payment",
                                                "transfer_to_human",
                                                "leave_limited_content_message",
                                                "confirm_opt_out",
                                                "confirm_cease",
                                                "end"};
  static_assert(std::size(kNames) == kStepCount);
  return Lookup(s, kNames);
}

std::string_view StateName(State s) {
  static constexpr std::string_view kNames[] = {
      "awaiting_answer", "awaiting_person", "verifying", "collecting",
      "offer_presented", "taking_payment",  "ended",     "transferred"};
  return Lookup(s, kNames);
}

std::string_view DispositionName(Disposition d) {
  static constexpr std::string_view kNames[] = {"no_answer",
                                                "voicemail_left",
                                                "wrong_number",
                                                "third_party",
                                                "hung_up_unverified",
                                                "identity_not_verified",
                                                "hung_up",
                                                "refused",
                                                "arrangement_agreed",
                                                "paid",
                                                "disputed",
                                                "hardship",
                                                "transferred_to_human",
                                                "escalated",
                                                "attorney",
                                                "cease_requested",
                                                "opted_out"};
  return Lookup(d, kNames);
}

std::string_view NotDeliveredReasonName(NotDeliveredReason r) {
  static constexpr std::string_view kNames[] = {"no_connection", "limited_content_message",
                                                "not_right_party", "ended_early",
                                                "transferred_to_human"};
  return Lookup(r, kNames);
}

std::string_view RequestKindName(RequestKind k) {
  static constexpr std::string_view kNames[] = {"cease",   "opt_out", "attorney",
                                                "dispute", "human",   "hardship"};
  return Lookup(k, kNames);
}

std::string_view ConsentEventKindName(ConsentEventKind k) {
  static constexpr std::string_view kNames[] = {"robocall_consent_revoked", "sms_consent_revoked",
                                                "payment_link_text_accepted",
                                                "whatsapp_consent_revoked"};
  return Lookup(k, kNames);
}

std::string_view HandoffName(Handoff h) {
  static constexpr std::string_view kNames[] = {
      "none", "asked_for_human", "dispute", "hardship", "negotiation", "negotiation_rounds"};
  return Lookup(h, kNames);
}

std::string_view PaymentStatusName(PaymentStatus s) {
  static constexpr std::string_view kNames[] = {"pending", "completed", "failed", "not_taken"};
  return Lookup(s, kNames);
}

std::string_view FlagName(Flag f) {
  static constexpr std::string_view kNames[] = {
      "phone_wrong_number",           "phone_calls_opted_out",
      "phone_texts_opted_out",        "phone_robocall_consent_revoked",
      "phone_sms_consent_revoked",    "email_opted_out",
      "debtor_calls_opted_out",       "debtor_texts_opted_out",
      "debtor_emails_opted_out",      "account_written_cease",
      "account_attorney_represented", "account_dispute_open",
      "phone_whatsapp_opted_out",     "phone_whatsapp_consent_revoked",
      "debtor_whatsapp_opted_out"};
  return Lookup(f, kNames);
}

}  // namespace recoup::conversation
