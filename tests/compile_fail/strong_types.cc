// Compile-fail proofs for the strong types of core/base (time.h, money.h): mixing them, or using raw
// numbers in their place, must not compile.
//
// Compiled once per case with -DRECOUP_CASE=N (tests/compile_fail/CMakeLists.txt). Case 0 is the
// control: valid uses that must compile, so that a broken include path or flag cannot make every other
// case "fail" for the wrong reason. Each other case has exactly one bad line, marked
// "expect-error: case N"; expect_compile_error.cmake requires the compiler to reject the file with an
// error on that very line that mentions an operator or a conversion.
#include <cstdint>

#include "core/base/money.h"
#include "core/base/time.h"

#ifndef RECOUP_CASE
#error "compile with -DRECOUP_CASE=N"
#endif

namespace {

using recoup::Duration;
using recoup::Money;
using recoup::Timestamp;

[[maybe_unused]] void Use(const Timestamp t, const Duration d, const Money m, const int64_t n) {
#if RECOUP_CASE == 0
  // The control: every meaningful operation compiles.
  [[maybe_unused]] const Timestamp later = t + d;
  [[maybe_unused]] const Timestamp earlier = t - d;
  [[maybe_unused]] const Timestamp also_later = d + t;
  [[maybe_unused]] const Duration span = later - earlier;
  [[maybe_unused]] const Duration scaled = d * n + n * d - d / n + d % d;
  [[maybe_unused]] const int64_t ratio = d / d;
  [[maybe_unused]] const bool ordered = t < later && d <= span && m > Money::Zero();
  [[maybe_unused]] const Money total = m + m - m * n + n * m - m;
  [[maybe_unused]] const Money whole = Money::FromMinorUnits(n);
  [[maybe_unused]] const Duration from_double = Duration::FromSecondsDouble(1.5);
  [[maybe_unused]] const Duration secs = Duration::Seconds(5);
  Timestamp moving = t;
  moving += d;
  Money balance = m;
  balance -= m;
  balance = balance * 2;
#elif RECOUP_CASE == 1
  [[maybe_unused]] auto x = t + t;  // expect-error: case 1
#elif RECOUP_CASE == 2
  [[maybe_unused]] auto x = t + n;  // expect-error: case 2
#elif RECOUP_CASE == 3
  [[maybe_unused]] auto x = d + n;  // expect-error: case 3
#elif RECOUP_CASE == 4
  [[maybe_unused]] auto x = m + n;  // expect-error: case 4
#elif RECOUP_CASE == 5
  [[maybe_unused]] auto x = m + d;  // expect-error: case 5
#elif RECOUP_CASE == 6
  [[maybe_unused]] auto x = t + m;  // expect-error: case 6
#elif RECOUP_CASE == 7
  [[maybe_unused]] Money x = 5;  // expect-error: case 7
#elif RECOUP_CASE == 8
  [[maybe_unused]] Duration x = 5;  // expect-error: case 8
#elif RECOUP_CASE == 9
  [[maybe_unused]] bool x = t < d;  // expect-error: case 9
#elif RECOUP_CASE == 10
  [[maybe_unused]] auto x = m * m;  // expect-error: case 10
#elif RECOUP_CASE == 11
  [[maybe_unused]] auto x = m * 1.5;  // expect-error: case 11
#elif RECOUP_CASE == 12
  [[maybe_unused]] auto x = d * 0.5;  // expect-error: case 12
#elif RECOUP_CASE == 13
  [[maybe_unused]] Timestamp x = n;  // expect-error: case 13
#elif RECOUP_CASE == 14
  [[maybe_unused]] int64_t x = d;  // expect-error: case 14
#elif RECOUP_CASE == 15
  [[maybe_unused]] bool x = m == n;  // expect-error: case 15
#elif RECOUP_CASE == 16
  [[maybe_unused]] auto x = d - t;  // expect-error: case 16
#else
#error "unknown RECOUP_CASE"
#endif
  (void)t;
  (void)d;
  (void)m;
  (void)n;
}

}  // namespace
