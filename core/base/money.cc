#include "core/base/money.h"

#include <cstdlib>
#include <limits>

#include "core/base/check.h"

namespace recoup {
namespace {
// 10^n for the number of decimals of a currency; 10^19 does not fit in 64 bits.
int64_t Pow10(int n) {
  RECOUP_CHECK_MSG(n >= 0 && n <= 18, "Money decimals must be in 0..18");
  int64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}
}  // namespace

StatusOr<Money> Money::Parse(std::string_view text, int decimals) {
  auto err = [&](size_t pos, const std::string& what) {
    return InvalidArgumentError("amount \"" + std::string(text) + "\" at character " +
                                std::to_string(pos + 1) + ": expected " + what);
  };
  const int64_t scale = Pow10(decimals);
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  // |amount| <= kMax, so that major * scale + fraction never overflows (and -amount neither).
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const size_t first_digit = i;
  auto too_large = [&] {
    return err(first_digit, "an amount of magnitude at most " + Money(kMax).ToString(decimals));
  };
  int64_t major = 0;
  size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    const int digit = text[i] - '0';
    if (major > (kMax / scale - digit) / 10) return too_large();
    major = major * 10 + digit;
    ++i;
    ++digits;
  }
  if (digits == 0) return err(i, "a digit");
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_digits == decimals) {
        return err(i, "at most " + std::to_string(decimals) + " decimal places");
      }
      frac = frac * 10 + (text[i++] - '0');
      ++frac_digits;
    }
    if (frac_digits == 0) return err(i, "a digit after '.'");
  }
  if (i != text.size()) return err(i, "end of amount");
  const int64_t frac_minor = frac * Pow10(decimals - frac_digits);
  if (frac_minor > kMax - major * scale) return too_large();
  const int64_t minor = major * scale + frac_minor;
  return Money(negative ? -minor : minor);
}

double Money::ToMajorDouble(int decimals) const {
  return static_cast<double>(minor_) / static_cast<double>(Pow10(decimals));
}

std::string Money::ToString(int decimals) const {
  const int64_t scale = Pow10(decimals);
  const uint64_t abs = minor_ < 0 ? 0 - static_cast<uint64_t>(minor_) : static_cast<uint64_t>(minor_);
  std::string out = minor_ < 0 ? "-" : "";
  out += std::to_string(abs / static_cast<uint64_t>(scale));
  if (decimals > 0) {
    std::string frac = std::to_string(abs % static_cast<uint64_t>(scale));
    out += "." + std::string(static_cast<size_t>(decimals) - frac.size(), '0') + frac;
  }
  return out;
}

std::vector<Money> Money::SplitEvenly(int parts) const {
  RECOUP_CHECK_MSG(parts >= 1, "SplitEvenly needs at least one part");
  const int64_t base = minor_ / parts;
  int64_t rest = minor_ - base * parts;  // same sign as minor_, |rest| < parts
  std::vector<Money> out(static_cast<size_t>(parts), Money(base));
  for (size_t i = 0; rest != 0; ++i) {
    const int64_t step = rest > 0 ? 1 : -1;
    out[i].minor_ += step;
    rest -= step;
  }
  return out;
}

std::ostream& operator<<(std::ostream& os, Money m) { return os << m.ToString(); }

}  // namespace recoup
