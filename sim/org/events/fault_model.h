// FaultModel: injected failures of org requests, for the simulation (the OrgPort adapter) and the
// HTTP server's fault-injection options. Each operation kind (org_operation.h) has a rate per
// fault:
//   unable_to_lock_row      UNABLE_TO_LOCK_ROW 400 "unable to obtain exclusive access to this
//                           record or 1 records" (retryable row-lock contention)
//   server_unavailable      SERVER_UNAVAILABLE 503 (maintenance or overload; retryable)
//   timeout                 no answer: the caller waits `timeout_after` and gives up (the HTTP
//                           server holds the request that long, then closes the connection)
//   session_expired         INVALID_SESSION_ID 401 "Session expired or invalid" (the caller should
//                           fetch a new token and retry once)
//   request_limit_exceeded  REQUEST_LIMIT_EXCEEDED 403 "TotalRequests Limit exceeded."
// Rates are probabilities per request attempt, each in [0, 1], summing to at most 1 per operation.
//
// Draws: Draw(op, request_id, attempt) uses the one uniform draw at index `attempt` of the keyed
// stream ("org.fault.<op>", request_id) and picks the fault whose slice of [0, 1) it falls in (in
// the order listed above), or none. So a request's fate depends only on (seed, operation, request
// id, attempt), independently of event order and of the latency stream.
//
// Immutable after Create: every method is const and thread-safe.
#ifndef RECOUP_SIM_ORG_EVENTS_FAULT_MODEL_H_
#define RECOUP_SIM_ORG_EVENTS_FAULT_MODEL_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/org_operation.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::events {

struct FaultRates {
  double unable_to_lock_row = 0;
  double server_unavailable = 0;
  double timeout = 0;
  double session_expired = 0;
  double request_limit_exceeded = 0;
};

struct FaultConfig {
  FaultRates default_rates;                      // operations not listed below
  std::map<std::string, FaultRates> operations;  // keyed by operation name ("create", ...)
  double timeout_after_ms = 120'000;             // how long a timed-out request hangs; > 0
};

enum class FaultKind : uint8_t {
  kUnableToLockRow,
  kServerUnavailable,
  kTimeout,
  kSessionExpired,
  kRequestLimitExceeded,
};

// "unable_to_lock_row", ... (the FaultRates field names).
std::string_view FaultKindName(FaultKind kind);

struct Fault {
  FaultKind kind;
  // The Salesforce error to answer with; nullopt for kTimeout (no answer at all).
  std::optional<SfError> response;
  // kTimeout: how long the request hangs before the caller gives up; zero otherwise.
  Duration hang;
};

class FaultModel {
 public:
  // Validates `config`. InvalidArgument naming the field, e.g.
  // "faults.operations.create.timeout: must be in [0, 1], got -0.1",
  // "faults.default: the rates sum to 1.2, more than 1",
  // "faults.operations.foo: unknown operation; expected one of retrieve, query, ...",
  // "faults.timeout_after_ms: must be finite and > 0, got 0".
  static StatusOr<FaultModel> Create(const FaultConfig& config, uint64_t seed);

  // The fault injected into attempt `attempt` (0 for the first try) of request `request_id` doing
  // `op`, or nullopt when it succeeds.
  std::optional<Fault> Draw(OrgOperation op, uint64_t request_id, uint64_t attempt = 0) const;

  const FaultRates& RatesFor(OrgOperation op) const { return rates_[OrgOperationIndex(op)]; }

  // The fault of `kind` as Draw returns it.
  Fault MakeFault(FaultKind kind) const;

 private:
  FaultModel() = default;

  std::array<FaultRates, kOrgOperationCount> rates_{};
  std::array<uint64_t, kOrgOperationCount> stream_keys_{};
  std::array<bool, kOrgOperationCount> any_faults_{};
  Duration timeout_after_;
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_FAULT_MODEL_H_
