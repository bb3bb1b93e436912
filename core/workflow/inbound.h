// Inbound calls: the debtor calls the operation back (after a voicemail, a text or email they read,
// a letter). The call itself is RunContact (interaction.h) with the request built here; what is
// decided here is what the core decides before anyone picks up: the request that answering it
// stands for, and whether the AI may take it. Which line or agent is free is the caller's business
// (the simulated operation's queues, the live telephony platform's routing).
#ifndef RECOUP_CORE_WORKFLOW_INBOUND_H_
#define RECOUP_CORE_WORKFLOW_INBOUND_H_

#include "core/base/time.h"
#include "core/compliance/engine.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/strategy/strategy.h"

namespace recoup::workflow {

// The request for answering the debtor's call from phone `contact_point` (an index into
// Debtor::phones) with `voice` (kAiVoice for the AI, kHuman for an agent): a collection call,
// recorded, compliance::ContactRequest::inbound set (so the engine judges the holds, not the
// calling window or the call frequency).
compliance::ContactRequest InboundCallRequest(int contact_point, domain::VoiceMode voice);

// Whether the AI may answer the account's inbound call at `now`: the strategy's AI admission
// (strategy::CheckAiEligibility: AI enabled, days past due and balance within the AI-authorised
// range, no open dispute, no cease) without its outbound-only criterion, a phone the AI may dial
// (robocall consent, calls opt-out): answering a call places none. Always false when the strategy
// does not use the AI (`rules.enabled` false).
bool AiMayAnswerInbound(const strategy::AiEligibility& rules, const domain::Account& account,
                        const domain::Debtor& debtor, Timestamp now);

}  // namespace recoup::workflow

#endif  // RECOUP_CORE_WORKFLOW_INBOUND_H_
