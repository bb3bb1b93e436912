// OrgPort: the port through which workflows read and write the system of record (a Salesforce org).
//
// The decision core speaks in domain terms (an account, a contact attempt, a compliance verdict); the
// adapters map that to the org's objects (reference/salesforce-api.md section 8.2). The simulation's
// adapter (sim/adapters/sim_org_port.h) writes to the in-process mock org and charges simulated
// latency; the live adapter will speak REST to a sandbox. Each call is one API request. The live
// adapter does not exist yet.
//
// Errors come back as Status, never as exceptions:
//   kUnavailable        retryable: row lock (UNABLE_TO_LOCK_ROW), SERVER_UNAVAILABLE, a timeout
//   kResourceExhausted  the org's daily API limit or its long-request concurrency limit
//   kUnauthenticated    the session expired and could not be renewed
//   kNotFound           no such account in the org
//   kInvalidArgument    the org refused the record (a validation error; the message says which field)
// Coroutine rule (DESIGN.md section 2): every parameter is taken by value.
#ifndef RECOUP_CORE_PORTS_ORG_PORT_H_
#define RECOUP_CORE_PORTS_ORG_PORT_H_

#include <cstdint>
#include <string>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"
#include "core/runtime/task.h"

namespace recoup {

// What an agent (human or AI) sees of an account during a call: the lookup the 2-second budget of
// the product brief applies to.
struct OrgAccountView {
  std::string record_id;       // the org's 18-character Id
  std::string external_id;     // the account's external Id (domain::Account::external_id)
  Money balance;
  int days_past_due = 0;
  std::string status;          // the org's status picklist value
  std::string segment;
};

// One contact attempt (a Contact_Attempt__c record).
struct OrgContactAttempt {
  domain::AccountId account = 0;
  std::string account_external_id;
  domain::Channel channel = domain::Channel::kCall;
  domain::VoiceMode voice = domain::VoiceMode::kHuman;
  Timestamp attempted_at;
  domain::Outcome outcome = domain::Outcome::kNoAnswer;
  bool right_party_contact = false;
  bool inbound = false;  // direction: the consumer initiated it (an inbound call we answered)
};

// The compliance verdict behind a contact (a Compliance_Record__c record; one for every AI contact).
struct OrgComplianceRecord {
  domain::AccountId account = 0;
  std::string account_external_id;
  std::string rule;      // the rule id of the verdict (compliance::RuleId), "" when allowed
  std::string result;    // "allow", "deny" or "defer"
  std::string reason;
  Timestamp checked_at;
};

// An arrangement agreed in a conversation (a Payment_Arrangement__c record).
struct OrgArrangement {
  domain::AccountId account = 0;
  std::string account_external_id;
  Money amount;          // the total agreed
  int instalments = 0;
  domain::LocalDate next_due_date;
  std::string status;    // "Active", "Kept", "Broken"
};

// A dispute raised by the consumer (a Dispute__c record).
struct OrgDispute {
  domain::AccountId account = 0;
  std::string account_external_id;
  std::string reason;
  Timestamp opened_at;
  std::string status;    // "Open", "Verified", "Closed"
};

// A payment received or failed (a Payment_Transaction__c record, upserted by its external Id).
struct OrgPayment {
  domain::AccountId account = 0;
  std::string account_external_id;
  std::string external_id;  // unique per payment: a retry of the same payment updates, never duplicates
  Money amount;
  Timestamp paid_at;
  std::string method;       // "Card", "ACH", ...
  std::string status;       // "Settled", "Declined", "Returned"
};

class OrgPort {
 public:
  virtual ~OrgPort() = default;

  // Reads the account by its external Id.
  virtual Task<StatusOr<OrgAccountView>> LookupAccount(std::string external_id) = 0;
  // Writes one record each; the returned string is the new record's 18-character Id.
  virtual Task<StatusOr<std::string>> RecordContactAttempt(OrgContactAttempt attempt) = 0;
  virtual Task<StatusOr<std::string>> RecordCompliance(OrgComplianceRecord record) = 0;
  virtual Task<StatusOr<std::string>> RecordArrangement(OrgArrangement arrangement) = 0;
  virtual Task<StatusOr<std::string>> RecordDispute(OrgDispute dispute) = 0;
  virtual Task<StatusOr<std::string>> RecordPayment(OrgPayment payment) = 0;
};

}  // namespace recoup

#endif  // RECOUP_CORE_PORTS_ORG_PORT_H_
