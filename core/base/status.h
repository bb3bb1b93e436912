// Status: the result of an operation that can fail for business or input reasons.
//
// Business errors travel as values (Status / StatusOr<T>); exceptions mean bugs and never cross a port
// (DESIGN.md section 4). An OK status carries no allocation; an error carries a code and a message
// that names the place and what was expected (file:line:column, flag, field).
#ifndef RECOUP_CORE_BASE_STATUS_H_
#define RECOUP_CORE_BASE_STATUS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace recoup {

// Canonical error space (the gRPC/Abseil codes, a subset that recoup uses).
enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// "INVALID_ARGUMENT" etc.; "UNKNOWN_CODE(n)" for values outside the enum.
std::string StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  // An error (or OK when code == kOk, in which case the message is dropped).
  Status(StatusCode code, std::string_view message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // Empty for OK.
  std::string_view message() const { return rep_ ? std::string_view(rep_->message) : ""; }
  // "OK" or "INVALID_ARGUMENT: message".
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>" (OK stays OK). Used to add the place.
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<Rep> rep_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string_view message);
Status NotFoundError(std::string_view message);
Status FailedPreconditionError(std::string_view message);
Status OutOfRangeError(std::string_view message);
Status InternalError(std::string_view message);
Status UnavailableError(std::string_view message);
Status ResourceExhaustedError(std::string_view message);
Status DeadlineExceededError(std::string_view message);
Status CancelledError(std::string_view message);
Status AlreadyExistsError(std::string_view message);
Status PermissionDeniedError(std::string_view message);
Status UnauthenticatedError(std::string_view message);
Status AbortedError(std::string_view message);

std::ostream& operator<<(std::ostream& os, const Status& status);

namespace status_internal {
// Lets the macros accept both Status and StatusOr<T>.
inline const Status& AsStatus(const Status& s) { return s; }
template <typename T>
const Status& AsStatus(const T& status_or) {
  return status_or.status();
}
}  // namespace status_internal

}  // namespace recoup

#define RECOUP_STATUS_CONCAT_INNER_(a, b) a##b
#define RECOUP_STATUS_CONCAT_(a, b) RECOUP_STATUS_CONCAT_INNER_(a, b)

// Returns the error from the enclosing function if `expr` (a Status or StatusOr) is not OK.
#define RECOUP_RETURN_IF_ERROR(expr)                                                       \
  do {                                                                                     \
    if (auto&& recoup_status_ = (expr); !recoup_status_.ok()) {                            \
      return ::recoup::Status(::recoup::status_internal::AsStatus(recoup_status_));        \
    }                                                                                      \
  } while (false)

// Coroutine form: `co_return`s the error from the enclosing Task<Status> / Task<StatusOr<T>>.
#define RECOUP_CO_RETURN_IF_ERROR(expr)                                                    \
  do {                                                                                     \
    if (auto&& recoup_status_ = (expr); !recoup_status_.ok()) {                            \
      co_return ::recoup::Status(::recoup::status_internal::AsStatus(recoup_status_));     \
    }                                                                                      \
  } while (false)

// `lhs = value of expr` or return its error. `lhs` may declare a variable: `auto x`.
#define RECOUP_ASSIGN_OR_RETURN(lhs, expr) \
  RECOUP_ASSIGN_OR_RETURN_IMPL_(RECOUP_STATUS_CONCAT_(recoup_so_, __LINE__), lhs, expr, return)

// Coroutine form of RECOUP_ASSIGN_OR_RETURN.
#define RECOUP_CO_ASSIGN_OR_RETURN(lhs, expr) \
  RECOUP_ASSIGN_OR_RETURN_IMPL_(RECOUP_STATUS_CONCAT_(recoup_so_, __LINE__), lhs, expr, co_return)

#define RECOUP_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr, ret) \
  auto tmp = (expr);                                       \
  if (!tmp.ok()) ret ::recoup::Status(tmp.status());       \
  lhs = std::move(tmp).value()

#endif  // RECOUP_CORE_BASE_STATUS_H_
