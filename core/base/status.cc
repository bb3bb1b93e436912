#include "core/base/status.h"

namespace recoup {

std::string StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kCancelled: return "CANCELLED";
    case StatusCode::kUnknown: return "UNKNOWN";
    case StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::kDeadlineExceeded: return "DEADLINE_EXCEEDED";
    case StatusCode::kNotFound: return "NOT_FOUND";
    case StatusCode::kAlreadyExists: return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied: return "PERMISSION_DENIED";
    case StatusCode::kResourceExhausted: return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case StatusCode::kAborted: return "ABORTED";
    case StatusCode::kOutOfRange: return "OUT_OF_RANGE";
    case StatusCode::kUnimplemented: return "UNIMPLEMENTED";
    case StatusCode::kInternal: return "INTERNAL";
    case StatusCode::kUnavailable: return "UNAVAILABLE";
    case StatusCode::kDataLoss: return "DATA_LOSS";
    case StatusCode::kUnauthenticated: return "UNAUTHENTICATED";
  }
  return "UNKNOWN_CODE(" + std::to_string(static_cast<int>(code)) + ")";
}

Status::Status(StatusCode code, std::string_view message) {
  if (code != StatusCode::kOk) rep_ = std::make_unique<Rep>(Rep{code, std::string(message)});
}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return StatusCodeName(rep_->code) + ": " + rep_->message;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return Status();
  std::string msg(context);
  msg += ": ";
  msg += rep_->message;
  return Status(rep_->code, msg);
}

Status InvalidArgumentError(std::string_view m) { return {StatusCode::kInvalidArgument, m}; }
Status NotFoundError(std::string_view m) { return {StatusCode::kNotFound, m}; }
Status FailedPreconditionError(std::string_view m) { return {StatusCode::kFailedPrecondition, m}; }
Status OutOfRangeError(std::string_view m) { return {StatusCode::kOutOfRange, m}; }
Status InternalError(std::string_view m) { return {StatusCode::kInternal, m}; }
Status UnavailableError(std::string_view m) { return {StatusCode::kUnavailable, m}; }
Status ResourceExhaustedError(std::string_view m) { return {StatusCode::kResourceExhausted, m}; }
Status DeadlineExceededError(std::string_view m) { return {StatusCode::kDeadlineExceeded, m}; }
Status CancelledError(std::string_view m) { return {StatusCode::kCancelled, m}; }
Status AlreadyExistsError(std::string_view m) { return {StatusCode::kAlreadyExists, m}; }
Status PermissionDeniedError(std::string_view m) { return {StatusCode::kPermissionDenied, m}; }
Status UnauthenticatedError(std::string_view m) { return {StatusCode::kUnauthenticated, m}; }
Status AbortedError(std::string_view m) { return {StatusCode::kAborted, m}; }

std::ostream& operator<<(std::ostream& os, const Status& status) { return os << status.ToString(); }

}  // namespace recoup
