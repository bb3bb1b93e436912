#include "core/workflow/inbound.h"

namespace recoup::workflow {

compliance::ContactRequest InboundCallRequest(int contact_point, domain::VoiceMode voice) {
  compliance::ContactRequest r;
  r.channel = domain::Channel::kCall;
  r.voice = voice;
  r.contact_point = contact_point;
  r.purpose = compliance::Purpose::kCollection;
  r.recorded = true;
  r.inbound = true;
  return r;
}

bool AiMayAnswerInbound(const strategy::AiEligibility& rules, const domain::Account& account,
                        const domain::Debtor& debtor, Timestamp now) {
  strategy::AiEligibility answering = rules;
  answering.require_robocall_consent = false;
  const strategy::AiQueueReason why = strategy::CheckAiEligibility(answering, account, debtor, now);
  // kNoValidPhone is the last check: every criterion about the account passed, only the phones
  // (which answering does not dial) failed.
  return why == strategy::AiQueueReason::kEligible || why == strategy::AiQueueReason::kNoValidPhone;
}

}  // namespace recoup::workflow
