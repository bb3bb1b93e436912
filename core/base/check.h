// Checks: invariants whose failure is a bug, not bad input. A failed check prints the place and the
// condition to stderr and aborts. Bad input is reported with Status instead (status.h).
#ifndef RECOUP_CORE_BASE_CHECK_H_
#define RECOUP_CORE_BASE_CHECK_H_

#include <string_view>

namespace recoup::check_internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              std::string_view message);
}  // namespace recoup::check_internal

// Aborts with file:line and the condition when `cond` is false. Always on.
#define RECOUP_CHECK(cond)                                                          \
  do {                                                                              \
    if (!(cond)) [[unlikely]]                                                       \
      ::recoup::check_internal::CheckFailed(__FILE__, __LINE__, #cond, {});         \
  } while (false)

// As RECOUP_CHECK, with an explanation (anything convertible to std::string_view).
#define RECOUP_CHECK_MSG(cond, msg)                                                 \
  do {                                                                              \
    if (!(cond)) [[unlikely]]                                                       \
      ::recoup::check_internal::CheckFailed(__FILE__, __LINE__, #cond, (msg));      \
  } while (false)

// Debug-only check for hot paths; compiled out with NDEBUG.
#ifdef NDEBUG
#define RECOUP_DCHECK(cond) \
  do {                      \
  } while (false && (cond))
#else
#define RECOUP_DCHECK(cond) RECOUP_CHECK(cond)
#endif

#endif  // RECOUP_CORE_BASE_CHECK_H_
