#include "sim/org/events/fault_model.h"

#include <cmath>
#include <sstream>
#include <utility>

#include "sim/random/random_streams.h"

namespace recoup::sim::org::events {
namespace {

constexpr std::array<FaultKind, 5> kFaultOrder = {
    FaultKind::kUnableToLockRow, FaultKind::kServerUnavailable, FaultKind::kTimeout,
    FaultKind::kSessionExpired, FaultKind::kRequestLimitExceeded};

double RateOf(const FaultRates& rates, FaultKind kind) {
  switch (kind) {
    case FaultKind::kUnableToLockRow:
      return rates.unable_to_lock_row;
    case FaultKind::kServerUnavailable:
      return rates.server_unavailable;
    case FaultKind::kTimeout:
      return rates.timeout;
    case FaultKind::kSessionExpired:
      return rates.session_expired;
    case FaultKind::kRequestLimitExceeded:
      return rates.request_limit_exceeded;
  }
  return 0;
}

std::string Number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

Status ValidateRates(const std::string& path, const FaultRates& rates) {
  double sum = 0;
  for (const FaultKind kind : kFaultOrder) {
    const double rate = RateOf(rates, kind);
    if (!std::isfinite(rate) || rate < 0 || rate > 1) {
      return InvalidArgumentError(path + "." + std::string(FaultKindName(kind)) +
                                  ": must be in [0, 1], got " + Number(rate));
    }
    sum += rate;
  }
  // Rates are probabilities of disjoint outcomes; allow for rounding in configured decimals.
  if (sum > 1 + 1e-9) {
    return InvalidArgumentError(path + ": the rates sum to " + Number(sum) + ", more than 1");
  }
  return OkStatus();
}

}  // namespace

std::string_view FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kUnableToLockRow:
      return "unable_to_lock_row";
    case FaultKind::kServerUnavailable:
      return "server_unavailable";
    case FaultKind::kTimeout:
      return "timeout";
    case FaultKind::kSessionExpired:
      return "session_expired";
    case FaultKind::kRequestLimitExceeded:
      return "request_limit_exceeded";
  }
  return "unknown";
}

StatusOr<FaultModel> FaultModel::Create(const FaultConfig& config, uint64_t seed) {
  if (!std::isfinite(config.timeout_after_ms) || config.timeout_after_ms <= 0) {
    return InvalidArgumentError("faults.timeout_after_ms: must be finite and > 0, got " +
                                Number(config.timeout_after_ms));
  }
  RECOUP_RETURN_IF_ERROR(ValidateRates("faults.default", config.default_rates));
  for (const auto& [name, rates] : config.operations) {
    if (!ParseOrgOperation(name).has_value()) {
      return InvalidArgumentError("faults.operations." + name +
                                  ": unknown operation; expected one of " + OrgOperationNameList());
    }
    RECOUP_RETURN_IF_ERROR(ValidateRates("faults.operations." + name, rates));
  }
  FaultModel model;
  model.timeout_after_ = Duration::FromSecondsDouble(config.timeout_after_ms / 1000.0);
  const RandomStreams streams(seed);
  for (const OrgOperation op : kAllOrgOperations) {
    const std::string name(OrgOperationName(op));
    const auto listed = config.operations.find(name);
    model.rates_[OrgOperationIndex(op)] =
        listed != config.operations.end() ? listed->second : config.default_rates;
    model.stream_keys_[OrgOperationIndex(op)] = streams.Family("org.fault." + name).key();
    double sum = 0;
    for (const FaultKind kind : kFaultOrder)
      sum += RateOf(model.rates_[OrgOperationIndex(op)], kind);
    model.any_faults_[OrgOperationIndex(op)] = sum > 0;
  }
  return model;
}

Fault FaultModel::MakeFault(FaultKind kind) const {
  switch (kind) {
    case FaultKind::kUnableToLockRow:
      return {kind,
              MakeSfError(400, "UNABLE_TO_LOCK_ROW",
                          "unable to obtain exclusive access to this record or 1 records"),
              Duration::Zero()};
    case FaultKind::kServerUnavailable:
      return {kind,
              MakeSfError(503, "SERVER_UNAVAILABLE",
                          "Server is temporarily unavailable. Please try again later."),
              Duration::Zero()};
    case FaultKind::kTimeout:
      return {kind, std::nullopt, timeout_after_};
    case FaultKind::kSessionExpired:
      return {kind, MakeSfError(401, "INVALID_SESSION_ID", "Session expired or invalid"),
              Duration::Zero()};
    case FaultKind::kRequestLimitExceeded:
      return {kind, MakeSfError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
              Duration::Zero()};
  }
  return {kind, std::nullopt, Duration::Zero()};
}

std::optional<Fault> FaultModel::Draw(OrgOperation op, uint64_t request_id,
                                      uint64_t attempt) const {
  const FaultRates& rates = rates_[OrgOperationIndex(op)];
  if (!any_faults_[OrgOperationIndex(op)]) return std::nullopt;  // no draw needed
  RandomStream stream(stream_keys_[OrgOperationIndex(op)], request_id);
  stream.Seek(attempt);
  const double u = stream.Uniform01();
  double upper = 0;
  for (const FaultKind kind : kFaultOrder) {
    upper += RateOf(rates, kind);
    if (u < upper) return MakeFault(kind);
  }
  return std::nullopt;
}

}  // namespace recoup::sim::org::events
