// SfError and SfOr<T>: a Salesforce API error as a value, shared by every part of the mock org.
//
// The org's model, its SOQL engine, its event bus and its HTTP server all report failures the way
// Salesforce does (reference/salesforce-api.md section 3.8): an HTTP status, an errorCode such as
// "MALFORMED_QUERY", a message, and the fields involved. The HTTP layer turns an SfError into the body
// `[{"message": ..., "errorCode": ..., "fields": [...]}]` (or, inside sObject Collections results,
// `{"statusCode": ..., "message": ..., "fields": [...]}`). Nothing here throws.
#ifndef RECOUP_SIM_ORG_SF_ERROR_H_
#define RECOUP_SIM_ORG_SF_ERROR_H_

#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim::org {

struct SfError {
  int http_status = 400;    // the HTTP status a single-resource request answers with
  std::string error_code;   // Salesforce's code, e.g. "INVALID_FIELD", "REQUIRED_FIELD_MISSING"
  std::string message;      // human-readable; names the object, field or query position at fault
  std::vector<std::string> fields;  // the fields at fault (may be empty)

  friend bool operator==(const SfError&, const SfError&) = default;
};

// Builds an SfError (a shorthand for the common case).
inline SfError MakeSfError(int http_status, std::string error_code, std::string message,
                           std::vector<std::string> fields = {}) {
  return SfError{http_status, std::move(error_code), std::move(message), std::move(fields)};
}

// Either a T or an SfError. Reading the value of an error is a bug and fails a check.
template <typename T>
class [[nodiscard]] SfOr {
 public:
  SfOr(SfError error) : rep_(std::move(error)) {}  // NOLINT: implicit, like StatusOr
  template <typename U = T,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                        !std::is_same_v<std::decay_t<U>, SfError> &&
                                        !std::is_same_v<std::decay_t<U>, SfOr>>>
  SfOr(U&& value) : rep_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT

  bool ok() const { return rep_.index() == 0; }
  const SfError& error() const {
    RECOUP_CHECK_MSG(!ok(), "SfOr::error() on a value");
    return std::get<1>(rep_);
  }
  const T& value() const& {
    RECOUP_CHECK_MSG(ok(), "SfOr::value() on an error");
    return std::get<0>(rep_);
  }
  T& value() & {
    RECOUP_CHECK_MSG(ok(), "SfOr::value() on an error");
    return std::get<0>(rep_);
  }
  T&& value() && {
    RECOUP_CHECK_MSG(ok(), "SfOr::value() on an error");
    return std::get<0>(std::move(rep_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, SfError> rep_;
};

// The result of an operation that returns nothing but may fail: empty optional-like.
class [[nodiscard]] SfStatus {
 public:
  SfStatus() = default;
  SfStatus(SfError error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  bool ok() const { return !failed_; }
  const SfError& error() const {
    RECOUP_CHECK_MSG(failed_, "SfStatus::error() on success");
    return error_;
  }

 private:
  SfError error_;
  bool failed_ = false;
};

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_SF_ERROR_H_
