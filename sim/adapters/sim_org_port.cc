// SimOrgPort (sim_org_port.h): requests with simulated latency, faults and limits.
#include "sim/adapters/sim_org_port.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "core/runtime/sleep.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::adapters {
namespace {

using org::events::FaultKind;
using org::events::OrgOperation;

constexpr std::string_view CallName(uint8_t call) {
  constexpr std::string_view kNames[] = {"lookup_account", "contact_attempt", "compliance",
                                         "arrangement",    "dispute",         "payment"};
  return kNames[call];
}

Status FaultStatus(const org::events::Fault& fault, std::string_view object) {
  if (fault.response.has_value()) return StatusFromSfError(*fault.response, object);
  return UnavailableError(std::string(object) + ": timeout: no answer from the org within " +
                          fault.hang.ToString());
}

}  // namespace

// A stable hash of what identifies a call (docs/random.md: entity ids are stable properties, not
// creation order).
uint64_t OrgRequestId(std::string_view call, std::string_view account_external_id, Timestamp sent) {
  const uint64_t time_key = Mix64(static_cast<uint64_t>(sent.unix_nanos()));
  return Mix64(HashStreamName(call) ^ Mix64(HashStreamName(account_external_id) ^ time_key));
}

Status SetActivityRetention(org::Org& org, org::Retention retention) {
  StatusOr<CollectionsSchema> schema = CollectionsSchema::Resolve(org.schema());
  if (!schema.ok()) return schema.status();
  org::Org::Session session = org.Lock();
  for (const org::ObjectDef* object : {schema->attempt, schema->compliance}) {
    if (Status s = session.store().SetRetention(*object, retention); !s.ok()) return s;
  }
  return OkStatus();
}

StatusOr<std::unique_ptr<SimOrgPort>> SimOrgPort::Create(Executor& executor, org::Org& org,
                                                         org::events::LatencyModel latency,
                                                         org::events::FaultModel faults,
                                                         org::events::ApiLimits* limits,
                                                         SimOrgPortOptions options) {
  const std::string user_text = options.user.empty() ? std::string() : options.user.ToLong();
  if (!org.ResolveUser(user_text).ok()) {
    return InvalidArgumentError("sim org port: user '" + user_text + "' is not a user of the org");
  }
  if (!(options.commit_fraction >= 0.0 && options.commit_fraction <= 1.0)) {
    return InvalidArgumentError("sim org port: commit_fraction must be in [0, 1], got " +
                                std::to_string(options.commit_fraction));
  }
  StatusOr<CollectionsSchema> schema = CollectionsSchema::Resolve(org.schema());
  if (!schema.ok()) return schema.status();
  return std::unique_ptr<SimOrgPort>(new SimOrgPort(executor, org, std::move(latency),
                                                    std::move(faults), limits, options,
                                                    std::move(schema).value()));
}

StatusOr<std::unique_ptr<SimOrgPort>> SimOrgPort::Create(Executor& executor, org::Org& org,
                                                         const SimOrgPortConfig& config,
                                                         org::events::ApiLimits* limits) {
  StatusOr<org::events::LatencyModel> latency =
      org::events::LatencyModel::Create(config.latency, config.seed);
  if (!latency.ok()) return latency.status();
  StatusOr<org::events::FaultModel> faults =
      org::events::FaultModel::Create(config.faults, config.seed);
  if (!faults.ok()) return faults.status();
  return Create(executor, org, std::move(latency).value(), std::move(faults).value(), limits,
                config.options);
}

SimOrgPort::SimOrgPort(Executor& executor, org::Org& org, org::events::LatencyModel latency,
                       org::events::FaultModel faults, org::events::ApiLimits* limits,
                       SimOrgPortOptions options, CollectionsSchema schema)
    : executor_(executor),
      org_(org),
      latency_(std::move(latency)),
      faults_(std::move(faults)),
      limits_(limits),
      options_(options),
      schema_(schema) {}

SimOrgPort::Exchange SimOrgPort::Send(OrgOperation op, Call call,
                                      std::string_view account_external_id) {
  const Timestamp sent = executor_.Now();
  if (sent != occurrences_at_) {
    occurrences_.clear();
    occurrences_at_ = sent;
  }
  const uint64_t request_id =
      OrgRequestId(CallName(static_cast<uint8_t>(call)), account_external_id, sent);
  const uint64_t attempt = occurrences_[request_id]++;
  ++stats_.calls;

  const Duration latency = latency_.Sample(op, request_id, attempt);
  const std::optional<org::events::Fault> fault = faults_.Draw(op, request_id, attempt);
  const std::string_view object = call == Call::kLookup        ? "Collection_Account__c"
                                  : call == Call::kAttempt     ? "Contact_Attempt__c"
                                  : call == Call::kCompliance  ? "Compliance_Record__c"
                                  : call == Call::kArrangement ? "Payment_Arrangement__c"
                                  : call == Call::kDispute     ? "Dispute__c"
                                                               : "Payment_Transaction__c";
  Exchange exchange;
  exchange.answer_at = sent + latency;
  exchange.handled_at =
      sent + Duration::Nanoseconds(
                 std::llround(static_cast<double>(latency.nanos()) * options_.commit_fraction));
  if (fault.has_value()) {
    ++stats_.faults[static_cast<size_t>(fault->kind)];
    if (fault->kind == FaultKind::kTimeout) {
      exchange.answer_at = sent + fault->hang;
      exchange.handled_at = std::min(exchange.handled_at, exchange.answer_at);
      exchange.lost_answer = FaultStatus(*fault, object);
    }
  }
  stats_.latency += exchange.answer_at - sent;

  // Admission, in the HTTP server's order: session, then the limits.
  if (fault.has_value() && (fault->kind == FaultKind::kSessionExpired ||
                            fault->kind == FaultKind::kRequestLimitExceeded)) {
    exchange.refusal = FaultStatus(*fault, object);
    return exchange;
  }
  if (limits_ != nullptr) {
    org::SfStatus counted = limits_->CountRequest(sent);
    if (!counted.ok()) {
      ++stats_.limit_refusals;
      exchange.refusal = StatusFromSfError(counted.error(), object);
      return exchange;
    }
    ++stats_.counted;
    org::SfOr<org::events::ApiLimits::RequestGuard> begun = limits_->BeginRequest(sent);
    if (!begun.ok()) {
      ++stats_.limit_refusals;
      exchange.refusal = StatusFromSfError(begun.error(), object);
      return exchange;
    }
    exchange.guard = std::move(begun).value();
  } else {
    ++stats_.counted;
  }
  if (fault.has_value() && (fault->kind == FaultKind::kUnableToLockRow ||
                            fault->kind == FaultKind::kServerUnavailable)) {
    exchange.refusal = FaultStatus(*fault, object);
  }
  return exchange;
}

StatusOr<std::string> SimOrgPort::Apply(const OrgWrite& write) {
  org::Org::Session session = org_.Lock();
  org::RecordStore& store = session.store();
  const std::string& object = write.object->name();
  if (FindAccountRow(schema_, store, write.account_external_id) == org::kNoRow) {
    return NotFoundError(object + ": no Collection_Account__c with External_Id__c '" +
                         write.account_external_id + "'");
  }
  const Timestamp now = executor_.Now();
  if (write.upsert_field != nullptr) {
    org::SfOr<org::UpsertResult> upserted = store.Upsert(
        *write.object, *write.upsert_field, write.upsert_key, write.input, now, options_.user);
    if (!upserted.ok()) return StatusFromSfError(upserted.error(), object);
    ++stats_.writes;
    return upserted->id.ToLong();
  }
  org::SfOr<org::SfId> created = store.Create(*write.object, write.input, now, options_.user);
  if (!created.ok()) return StatusFromSfError(created.error(), object);
  ++stats_.writes;
  return created->ToLong();
}

StatusOr<OrgAccountView> SimOrgPort::Read(const std::string& external_id) {
  org::Org::Session session = org_.Lock();
  const org::RecordStore& store = session.store();
  const org::RowIndex row = FindAccountRow(schema_, store, external_id);
  if (row == org::kNoRow) {
    return NotFoundError("Collection_Account__c: no record with External_Id__c '" + external_id +
                         "'");
  }
  return AccountViewOf(schema_, store, row);
}

Task<StatusOr<OrgAccountView>> SimOrgPort::LookupAccount(std::string external_id) {
  if (external_id.empty()) {
    co_return InvalidArgumentError("LookupAccount: external_id must not be empty");
  }
  Exchange exchange = Send(OrgOperation::kRetrieve, Call::kLookup, external_id);
  SleepUntil to_org(executor_, exchange.handled_at);
  co_await to_org;
  StatusOr<OrgAccountView> result =
      exchange.refusal.ok() ? Read(external_id) : StatusOr<OrgAccountView>(exchange.refusal);
  SleepUntil to_caller(executor_, exchange.answer_at);
  co_await to_caller;
  exchange.guard.Finish(executor_.Now());
  if (!exchange.lost_answer.ok()) co_return exchange.lost_answer;
  co_return result;
}

Task<StatusOr<std::string>> SimOrgPort::Write(StatusOr<OrgWrite> write, OrgOperation op,
                                              Call call) {
  if (!write.ok()) co_return write.status();  // the adapter's own checks: nothing is sent
  Exchange exchange = Send(op, call, write->account_external_id);
  SleepUntil to_org(executor_, exchange.handled_at);
  co_await to_org;
  StatusOr<std::string> result =
      exchange.refusal.ok() ? Apply(*write) : StatusOr<std::string>(exchange.refusal);
  SleepUntil to_caller(executor_, exchange.answer_at);
  co_await to_caller;
  exchange.guard.Finish(executor_.Now());
  if (!exchange.lost_answer.ok()) co_return exchange.lost_answer;
  co_return result;
}

Task<StatusOr<std::string>> SimOrgPort::RecordContactAttempt(OrgContactAttempt attempt) {
  StatusOr<std::string> id =
      co_await Write(ContactAttemptWrite(schema_, attempt), OrgOperation::kCreate, Call::kAttempt);
  co_return id;
}

Task<StatusOr<std::string>> SimOrgPort::RecordCompliance(OrgComplianceRecord record) {
  StatusOr<std::string> id =
      co_await Write(ComplianceWrite(schema_, record), OrgOperation::kCreate, Call::kCompliance);
  co_return id;
}

Task<StatusOr<std::string>> SimOrgPort::RecordArrangement(OrgArrangement arrangement) {
  StatusOr<std::string> id = co_await Write(ArrangementWrite(schema_, arrangement),
                                            OrgOperation::kCreate, Call::kArrangement);
  co_return id;
}

Task<StatusOr<std::string>> SimOrgPort::RecordDispute(OrgDispute dispute) {
  StatusOr<std::string> id =
      co_await Write(DisputeWrite(schema_, dispute), OrgOperation::kCreate, Call::kDispute);
  co_return id;
}

Task<StatusOr<std::string>> SimOrgPort::RecordPayment(OrgPayment payment) {
  StatusOr<std::string> id =
      co_await Write(PaymentWrite(schema_, payment), OrgOperation::kUpsert, Call::kPayment);
  co_return id;
}

}  // namespace recoup::sim::adapters
