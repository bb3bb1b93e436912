// Money: an amount in integer minor units (cents, pence, centavos) of the portfolio's currency.
//
// No floating point ever touches a balance. Only meaningful arithmetic compiles: Money +/- Money,
// Money * integer, comparisons. Money + int64, Money + Duration, or an implicit conversion from an
// integer do not compile (tests/compile_fail proves it). Overflow is a bug (UBSan reports it in CI).
#ifndef RECOUP_CORE_BASE_MONEY_H_
#define RECOUP_CORE_BASE_MONEY_H_

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/base/statusor.h"

namespace recoup {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromMinorUnits(int64_t minor) { return Money(minor); }
  // Whole major units (dollars): FromMajorUnits(12) == 12.00 with 2 decimals.
  static constexpr Money FromMajorUnits(int64_t major, int decimals = 2) {
    int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    return Money(major * scale);
  }
  static constexpr Money Zero() { return Money(0); }
  // Parses "1234.56", "-0.5", "+12", "12" with at most `decimals` fractional digits. Errors name the
  // character position and what was expected, including amounts whose magnitude exceeds int64.
  // `decimals` is 0..18 (checked), here and in ToString / ToMajorDouble.
  static StatusOr<Money> Parse(std::string_view text, int decimals = 2);

  constexpr int64_t minor_units() const { return minor_; }
  constexpr bool IsZero() const { return minor_ == 0; }
  constexpr bool IsNegative() const { return minor_ < 0; }
  // For reporting only (ratios, KPIs), never for arithmetic on balances.
  double ToMajorDouble(int decimals = 2) const;
  // "1234.56" / "-0.05"; with decimals == 0, "1234".
  std::string ToString(int decimals = 2) const;

  // Splits this amount into `parts` amounts that differ by at most one minor unit and sum exactly to
  // it, the larger in magnitude first (for -1.00 in 3: -0.34, -0.33, -0.33). parts must be >= 1
  // (checked).
  std::vector<Money> SplitEvenly(int parts) const;

  constexpr Money operator-() const { return Money(-minor_); }
  constexpr Money& operator+=(Money m) { minor_ += m.minor_; return *this; }
  constexpr Money& operator-=(Money m) { minor_ -= m.minor_; return *this; }
  friend constexpr Money operator+(Money a, Money b) { return Money(a.minor_ + b.minor_); }
  friend constexpr Money operator-(Money a, Money b) { return Money(a.minor_ - b.minor_); }
  friend constexpr Money operator*(Money a, int64_t k) { return Money(a.minor_ * k); }
  friend constexpr Money operator*(int64_t k, Money a) { return Money(a.minor_ * k); }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  explicit constexpr Money(int64_t minor) : minor_(minor) {}
  int64_t minor_ = 0;
};

// No floating point scales a balance: Money * 1.5 would silently truncate 1.5 to 1, so it does not
// compile. Scale by an integer, or convert explicitly where rounding is intended and reviewed.
template <typename F>
  requires std::is_floating_point_v<F>
Money operator*(Money, F) = delete;
template <typename F>
  requires std::is_floating_point_v<F>
Money operator*(F, Money) = delete;

std::ostream& operator<<(std::ostream& os, Money m);

}  // namespace recoup

#endif  // RECOUP_CORE_BASE_MONEY_H_
