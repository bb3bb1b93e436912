// StatusOr<T>: either a value of T or a non-OK Status explaining why there is none.
//
// Reading the value of an errored StatusOr is a bug and fails a check (it never throws).
#ifndef RECOUP_CORE_BASE_STATUSOR_H_
#define RECOUP_CORE_BASE_STATUSOR_H_

#include <optional>
#include <type_traits>
#include <utility>

#include "core/base/check.h"
#include "core/base/status.h"

namespace recoup {

template <typename T>
class [[nodiscard]] StatusOr {
  static_assert(!std::is_same_v<std::remove_cv_t<T>, Status>, "StatusOr<Status> is meaningless");

 public:
  using value_type = T;

  // An error. `status` must not be OK (that would leave neither value nor error): checked.
  StatusOr(const Status& status) : status_(status) { RECOUP_CHECK_MSG(!status_.ok(), "StatusOr from OK"); }
  StatusOr(Status&& status) : status_(std::move(status)) {
    RECOUP_CHECK_MSG(!status_.ok(), "StatusOr from OK");
  }
  // A value.
  template <typename U = T,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                        !std::is_same_v<std::decay_t<U>, Status> &&
                                        !std::is_same_v<std::decay_t<U>, StatusOr>>>
  StatusOr(U&& value) : value_(std::forward<U>(value)) {}

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  const T& value() const& {
    CheckOk();
    return *value_;
  }
  T& value() & {
    CheckOk();
    return *value_;
  }
  T&& value() && {
    CheckOk();
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The value, or `fallback` converted to T. The && form moves the value out (move-only T).
  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <typename U>
  T value_or(U&& fallback) && {
    return ok() ? std::move(*value_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void CheckOk() const { RECOUP_CHECK_MSG(ok(), status_.ToString()); }

  Status status_;
  std::optional<T> value_;
};

}  // namespace recoup

#endif  // RECOUP_CORE_BASE_STATUSOR_H_
