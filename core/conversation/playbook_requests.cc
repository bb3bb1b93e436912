// The debtor's requests that stop or hand over the conversation: dispute, cease, opt-out; and the
// bookkeeping of flags and requests they write.
#include "core/conversation/playbook.h"

namespace recoup::conversation {

void Conversation::Dispute(const IntentEvent& event, Timestamp now) {
  const bool in_writing = event.dispute_in_writing || WrittenChannel();
  if (verified_) {
    DisputeRecord record;
    record.account = account_.id;
    record.person = account_.debtor;
    record.at = now;
    record.in_writing = in_writing;
    dispute_ = record;
    AddFlag(Flag::kAccountDisputeOpen, now);
  }
  AddRequest(RequestKind::kDispute, now, in_writing);
  Transfer(Handoff::kDispute, Disposition::kDisputed, now);
}

void Conversation::StopMedium(RequestKind kind, Timestamp now) {
  const int8_t cp = setup_.contact_point;
  auto revoke_tcpa = [&] {
    AddFlag(Flag::kPhoneRobocallConsentRevoked, now, cp);
    AddFlag(Flag::kPhoneSmsConsentRevoked, now, cp);
    ConsentEvent calls;
    calls.kind = ConsentEventKind::kRobocallConsentRevoked;
    calls.at = now;
    ConsentEvent texts = calls;
    texts.kind = ConsentEventKind::kSmsConsentRevoked;
    consent_events_.push_back(calls);
    consent_events_.push_back(texts);
  };
  switch (setup_.channel) {
    case domain::Channel::kCall:
      AddFlag(Flag::kPhoneCallsOptedOut, now, cp);
      if (verified_) AddFlag(Flag::kDebtorCallsOptedOut, now);
      if (domain::IsRobocall(setup_.voice)) revoke_tcpa();
      break;
    case domain::Channel::kSms:
      AddFlag(Flag::kPhoneTextsOptedOut, now, cp);
      if (verified_) AddFlag(Flag::kDebtorTextsOptedOut, now);
      revoke_tcpa();
      break;
    case domain::Channel::kWhatsApp: {
      // WhatsApp is its own medium for Reg F (RF-MEDIUM): the stop blocks WhatsApp and withdraws
      // its opt-in, and texts are not opted out as a medium. But a stop by any reasonable means
      // revokes the number's TCPA consents to calls and texts unless the person limits its scope
      // (TCPA-REVOKE, 47 CFR 64.1200(a)(10)), and a reply in a WhatsApp thread is such a means.
      AddFlag(Flag::kPhoneWhatsAppOptedOut, now, cp);
      if (verified_) AddFlag(Flag::kDebtorWhatsAppOptedOut, now);
      AddFlag(Flag::kPhoneWhatsAppConsentRevoked, now, cp);
      ConsentEvent whatsapp;
      whatsapp.kind = ConsentEventKind::kWhatsAppConsentRevoked;
      whatsapp.at = now;
      consent_events_.push_back(whatsapp);
      revoke_tcpa();
      break;
    }
    case domain::Channel::kEmail:
      AddFlag(Flag::kEmailOptedOut, now, cp);
      if (verified_) AddFlag(Flag::kDebtorEmailsOptedOut, now);
      break;
    case domain::Channel::kLetter:
      break;  // rejected by Start
  }
  const bool cease = kind == RequestKind::kCease;
  if (cease && verified_ && WrittenChannel()) AddFlag(Flag::kAccountWrittenCease, now);
  AddRequest(kind, now, WrittenChannel());
  // Before verification the person must not learn there is a debt: confirm the opt-out only.
  Issue(cease && verified_ ? Step::kConfirmCease : Step::kConfirmOptOut, now);
  Issue(Step::kEnd, now);
  Terminate(cease ? Disposition::kCeaseRequested : Disposition::kOptedOut, State::kEnded, now);
}

void Conversation::AddFlag(Flag f, Timestamp now, int8_t contact_point) {
  FlagChange change;
  change.flag = f;
  change.contact_point = contact_point;
  change.at = now;
  flags_.push_back(change);
}

void Conversation::AddRequest(RequestKind kind, Timestamp now, bool in_writing) {
  DebtorRequest r;
  r.kind = kind;
  r.at = now;
  r.identity_verified = verified_;
  r.in_writing = in_writing;
  requests_.push_back(r);
}

}  // namespace recoup::conversation
