// SimOrgPort: the simulation's OrgPort (core/ports/org_port.h). It reads and writes the in-process
// mock org (sim/org/service/org.h) and charges every call the simulated time a REST request to
// Salesforce would take, with the org's faults and API limits, on the Executor the workflows run on
// (the discrete-event kernel, sim/kernel/kernel.h).
//
// One call is one API request. Sent at t0 = executor.Now(), it goes like this:
//   1. Draws, from keyed streams (latency_model.h, fault_model.h): the latency L of the call's
//      operation and its fault, if any. Operations: LookupAccount is a retrieve by external Id
//      ("retrieve"), the four record creates are "create", RecordPayment is "upsert".
//   2. Admission at t0, in the HTTP server's order: an expired session (fault session_expired) is
//      refused before counting; then the request is counted against the daily limit (ApiLimits::
//      CountRequest; a refused request is not counted) and the long-running-request cap
//      (BeginRequest); an injected request_limit_exceeded fault refuses it like the real limit.
//   3. The org handles it at ts = t0 + commit_fraction * L: LookupAccount reads the account then;
//      a write is applied then, with CreatedDate / LastModifiedDate = ts, as the acting user. So
//      another process sees the record from ts on, and record Ids follow the order of ts.
//   4. The caller resumes at t0 + L with the result.
// Faults: UNABLE_TO_LOCK_ROW and SERVER_UNAVAILABLE are counted, write nothing, and answer
// kUnavailable at t0 + L. A timeout is counted and DOES write (at min(ts, t0 + hang)): the org
// commits but the answer is lost, and the caller gives up at t0 + timeout_after with kUnavailable.
// So a caller that retries after a timeout must be idempotent: RecordPayment upserts by the
// payment's external Id (a retry updates the same record, never duplicates it); the other creates
// are not idempotent and a retry after a timeout adds a second record, as it would in Salesforce.
// Refused requests (session, limits) answer at t0 + L and write nothing.
//
// Errors (org_port.h): kUnavailable (row lock, server unavailable, timeout), kResourceExhausted
// (daily limit, long-request cap, injected limit), kUnauthenticated (expired session),
// kNotFound (no live Collection_Account__c with that External_Id__c; checked before any write),
// kInvalidArgument (the org refused the record: "<Object>: <errorCode>: <message> (fields: F)"; or
// the adapter's own checks of org_record_mapping.h, which send no request and take no time).
//
// Determinism: a request's draws are keyed by (seed, operation, request id, attempt) with request
// id = a hash of (call kind, account external Id, t0) and attempt = how many calls with that
// request id were already sent at t0 (identical calls in one instant). Nothing depends on a clock
// or on the order of unrelated calls, so the same seed and the same calls give the same latencies,
// faults and record Ids; and calls for one account keep their luck when other accounts' calls
// change (common random numbers). Two SimOrgPorts with the same seed on one org would draw alike
// for identical calls in one instant: share one port per run.
//
// Threading: single-threaded, like the kernel. The port holds the org's session only while it
// reads or writes (never across a co_await). The Org, the Executor and the ApiLimits must outlive
// the port, and the port every Task it returns.
#ifndef RECOUP_SIM_ADAPTERS_SIM_ORG_PORT_H_
#define RECOUP_SIM_ADAPTERS_SIM_ORG_PORT_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "core/ports/executor.h"
#include "core/ports/org_port.h"
#include "core/runtime/task.h"
#include "sim/adapters/org_record_mapping.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"
#include "sim/org/events/org_operation.h"
#include "sim/org/ids.h"
#include "sim/org/service/org.h"

namespace recoup::sim::adapters {

struct SimOrgPortOptions {
  // The org user the port acts as (CreatedById, LastModifiedById, OwnerId): one of the org's users.
  org::SfId user = org::OrgUserId(0);
  // The share of a call's latency that passes before the org handles it, in [0, 1]; the rest is the
  // answer's way back. 0.5 is our assumption (neither Salesforce nor the contract gives a split).
  double commit_fraction = 0.5;
};

// Everything to build the port's models from configuration (the scenario's org section).
struct SimOrgPortConfig {
  org::events::LatencyConfig latency = org::events::DefaultLatencyConfig();
  org::events::FaultConfig faults;  // none by default
  uint64_t seed = 0;                // the run's seed: the models' keyed streams derive from it
  SimOrgPortOptions options;
};

// The request id SimOrgPort keys a call's draws with, for the call sent at `sent` for the account
// `account_external_id`: Mix64(FNV-1a(call) ^ Mix64(FNV-1a(account_external_id) ^ Mix64(sent ns)))
// (random_streams.h). `call` is one of "lookup_account", "contact_attempt", "compliance",
// "arrangement", "dispute", "payment". Frozen: changing it changes every simulated result.
uint64_t OrgRequestId(std::string_view call, std::string_view account_external_id, Timestamp sent);

// Sets the retention (sim/org/record_store.h) of the two objects the port only ever writes and
// nothing in a run reads back, Contact_Attempt__c and Compliance_Record__c, on `org`.
// Retention::kCountOnly validates and counts their records exactly as kFull does (same checks,
// errors and Ids, so the run's results do not change) without keeping them: the in-process
// simulation's default (scenario key org.retain_activity: false). Call it before either object has
// records. InvalidArgument when the schema lacks them (CollectionsSchema::Resolve's message) or
// RecordStore::SetRetention refuses.
Status SetActivityRetention(org::Org& org, org::Retention retention);

// What the port has done, for reports and tests.
struct SimOrgPortStats {
  uint64_t calls = 0;           // requests sent (admitted or not)
  uint64_t counted = 0;         // counted against the daily API limit
  uint64_t limit_refusals = 0;  // refused by ApiLimits (daily limit or long-request cap)
  uint64_t writes = 0;          // writes the org committed (including those whose answer was lost)
  std::array<uint64_t, 5> faults{};  // by FaultKind (index = enum value)
  Duration latency;                  // sum of the time callers waited, over all requests
};

class SimOrgPort final : public OrgPort {
 public:
  // InvalidArgument when options.user is not a user of `org` ("sim org port: user <id> is not a
  // user of the org"), when commit_fraction is not in [0, 1], or when the org's schema lacks the
  // collections objects and fields the port writes (CollectionsSchema::Resolve's message).
  // `limits` may be null (no API limits); not owned.
  static StatusOr<std::unique_ptr<SimOrgPort>> Create(Executor& executor, org::Org& org,
                                                      org::events::LatencyModel latency,
                                                      org::events::FaultModel faults,
                                                      org::events::ApiLimits* limits,
                                                      SimOrgPortOptions options = {});
  // Builds the models from `config` (their validation errors, naming the field, come back as is).
  static StatusOr<std::unique_ptr<SimOrgPort>> Create(Executor& executor, org::Org& org,
                                                      const SimOrgPortConfig& config,
                                                      org::events::ApiLimits* limits);

  SimOrgPort(const SimOrgPort&) = delete;
  SimOrgPort& operator=(const SimOrgPort&) = delete;

  // --- OrgPort (contracts in org_port.h and above).
  // Reads Collection_Account__c through the External_Id__c unique index (a direct store lookup, no
  // SOQL), as a retrieve by external Id. kNotFound when no live record has it.
  Task<StatusOr<OrgAccountView>> LookupAccount(std::string external_id) override;
  Task<StatusOr<std::string>> RecordContactAttempt(OrgContactAttempt attempt) override;
  Task<StatusOr<std::string>> RecordCompliance(OrgComplianceRecord record) override;
  Task<StatusOr<std::string>> RecordArrangement(OrgArrangement arrangement) override;
  Task<StatusOr<std::string>> RecordDispute(OrgDispute dispute) override;
  // Upserts Payment_Transaction__c by External_Id__c; returns the record's Id (the same Id on a
  // retry of the same payment).
  Task<StatusOr<std::string>> RecordPayment(OrgPayment payment) override;

  const SimOrgPortStats& stats() const { return stats_; }

 private:
  // The kinds of call, for request ids.
  enum class Call : uint8_t { kLookup, kAttempt, kCompliance, kArrangement, kDispute, kPayment };

  // One request's fate, decided when it is sent.
  struct Exchange {
    Timestamp handled_at;  // when the org reads or writes
    Timestamp answer_at;   // when the caller resumes
    Status refusal;        // not OK: the org refuses the request (no read, no write)
    Status lost_answer;    // not OK: the org handles it, but the caller gets this (timeout)
    org::events::ApiLimits::RequestGuard guard;
  };

  SimOrgPort(Executor& executor, org::Org& org, org::events::LatencyModel latency,
             org::events::FaultModel faults, org::events::ApiLimits* limits,
             SimOrgPortOptions options, CollectionsSchema schema);

  Exchange Send(org::events::OrgOperation op, Call call, std::string_view account_external_id);
  // The part of a write that runs at the org (at Now()).
  StatusOr<std::string> Apply(const OrgWrite& write);
  StatusOr<OrgAccountView> Read(const std::string& external_id);
  // Sends `write` as `op` and waits for the answer.
  Task<StatusOr<std::string>> Write(StatusOr<OrgWrite> write, org::events::OrgOperation op,
                                    Call call);

  Executor& executor_;
  org::Org& org_;
  const org::events::LatencyModel latency_;
  const org::events::FaultModel faults_;
  org::events::ApiLimits* const limits_;
  const SimOrgPortOptions options_;
  const CollectionsSchema schema_;
  // Calls already sent at occurrences_at_, by request id (cleared when time moves on).
  Timestamp occurrences_at_ = Timestamp::InfinitePast();
  std::map<uint64_t, uint64_t> occurrences_;
  SimOrgPortStats stats_;
};

}  // namespace recoup::sim::adapters

#endif  // RECOUP_SIM_ADAPTERS_SIM_ORG_PORT_H_
