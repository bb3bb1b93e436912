// The contact workflow: one contact from the last compliance check to the last record
// written back, as a coroutine over the ports (DESIGN.md section 2). The same code runs in the
// simulation (Executor = the kernel, ChannelPort = the behaviour model, OrgPort = the mock org) and
// live (real time, the voice/SMS platform, a Salesforce org).
//
// RunContact, for a call, message or letter about one account:
//  1. calls: reads the account from the org (the real-time re-read of the product brief, measured
//     against the lookup budget); a failed lookup means no call (fails closed);
//  2. checks compliance at that instant (the request may have waited in a queue): anything but
//     allow means no contact, and the verdict is returned;
//  3. calls and messages: runs the conversation playbook, performing its steps on the channel and
//     feeding it the person's intents until it ends; letters are sent as they are;
//  4. writes back: the Contact Attempt, a Compliance Record for every AI contact (calls with an
//     artificial voice and automated messages), the Payment Arrangement, the Dispute and a payment
//     taken during the contact. Retryable org errors (kUnavailable) are retried after a second, up
//     to `max_write_attempts`; the payment is upserted by its external Id, so a retry never
//     duplicates it.
// The caller applies the outcome to its own state (contact ledger, flags, promises).
//
// Inbound calls (request.inbound; inbound.h builds the request): the debtor called us. The same
// steps run, with these differences: compliance judges only what still applies to answering a call
// (the holds: a cease, an attorney, a bankruptcy... mean no conversation, and the verdict is
// returned), never the calling window or the call frequency; the channel session is opened
// inbound and the playbook starts answered (no dial), so the opening disclosures (caller
// identification, AI voice, recording notice, in-call opt-out) and the identity check come before
// anything about the debt exactly as on our calls; the ledger event is marked
// initiated_by_consumer and the Contact Attempt carries the inbound direction.
#ifndef RECOUP_CORE_WORKFLOW_INTERACTION_H_
#define RECOUP_CORE_WORKFLOW_INTERACTION_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "core/base/time.h"
#include "core/compliance/engine.h"
#include "core/conversation/records.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"
#include "core/negotiation/negotiation.h"
#include "core/ports/channel_port.h"
#include "core/ports/executor.h"
#include "core/ports/org_port.h"
#include "core/runtime/task.h"

namespace recoup::workflow {

// The ports a workflow runs on. Not owned; they outlive every task.
struct Ports {
  Executor* executor = nullptr;
  ChannelPort* channel = nullptr;
  OrgPort* org = nullptr;
};

enum class ApiCallKind : uint8_t {
  kLookup,
  kContactAttempt,
  kCompliance,
  kArrangement,
  kDispute,
  kPayment
};

// One OrgPort request as the workflow saw it.
struct ApiCall {
  ApiCallKind kind = ApiCallKind::kLookup;
  Timestamp sent;
  Duration latency;  // until the answer (or the give-up) came back
  StatusCode code = StatusCode::kOk;
  bool during_call = false;  // the lookup made while the contact is being set up
};

// Everything one contact needs. The pointed-to objects are owned by the caller and must stay alive
// (and at the same address) until the task ends, the debtor only until debtor_done is called; the
// workflow only reads them.
struct ContactInputs {
  const domain::Account* account = nullptr;
  const domain::Debtor* debtor = nullptr;
  const domain::ContactHistory* history = nullptr;
  const compliance::ComplianceEngine* engine = nullptr;
  const negotiation::Policy* policy = nullptr;        // the strategy's offer limits
  const domain::HolidayCalendar* calendar = nullptr;  // business days of schedules
  compliance::ContactRequest request;                 // channel, voice, contact point, purpose
  domain::LocalDate today;                            // the creditor's calendar day
  bool lookup_before_call = true;
  int max_write_attempts = 3;  // >= 1
  // Called exactly once (when set), as soon as RunContact has read *debtor for the last time:
  // before the conversation's first exchange, before a letter's write-back, or when the contact
  // ends earlier (failed lookup, compliance said no). From then on `debtor` may dangle, so a
  // caller that keeps a copy of the debtor for the contact can free it while a message thread
  // waits days for its reply. The other pointers must stay valid until the task ends.
  std::function<void()> debtor_done;
  // Called once (when set) with the account lookup's ApiCall as soon as its answer comes, before
  // anything else happens in the contact: a caller backing off from an org that refuses for its
  // limits (org_backoff.h) learns of the answer then, not when the conversation ends. The call
  // is in ContactOutcome::api_calls as well.
  std::function<void(const ApiCall&)> lookup_done;
};

struct ContactOutcome {
  // The verdict at the moment of contact. Not allowed: nothing was sent, `result` is empty.
  compliance::Verdict verdict;
  // Not OK: the account lookup failed and the call was not placed (verdict is then a deny with
  // Rule::kNone and this status's message as the reason).
  Status lookup;
  bool contacted = false;
  // Calls and messages: the conversation's records. Letters: only contact_attempt is filled.
  std::optional<conversation::ConversationResult> result;
  std::vector<ApiCall> api_calls;
  int failed_writes = 0;  // records the org never accepted after every attempt
  Timestamp ended;        // when the last write came back
};

// Runs one contact (above). Never throws; errors are in the outcome.
Task<ContactOutcome> RunContact(ContactInputs in, Ports ports);

// Records a payment made outside a contact (an instalment, a self-cure), retrying retryable
// errors like RunContact. Returns the request as the workflow saw it (the last attempt).
Task<ApiCall> RecordPayment(OrgPayment payment, Ports ports, int max_attempts);

}  // namespace recoup::workflow

#endif  // RECOUP_CORE_WORKFLOW_INTERACTION_H_
