// Helpers shared by the negotiation tests: money literals, accounts, proposals, and the invariants
// every offer must satisfy (sums, business days, strictly increasing dates).
#ifndef RECOUP_TESTS_CORE_NEGOTIATION_TEST_UTIL_H_
#define RECOUP_TESTS_CORE_NEGOTIATION_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "core/negotiation/negotiation.h"

namespace recoup::negotiation::testing {

using domain::LocalDate;

// "123.45" as Money (the literal must parse).
inline Money M(std::string_view text) { return Money::Parse(text).value(); }

// An account owing principal + fees, placed at `original` ("0": unknown, the balance is the base).
inline domain::Account Acct(std::string_view principal, std::string_view fees = "0",
                            std::string_view original = "0") {
  domain::Account a;
  a.balance.principal = M(principal);
  a.balance.fees = M(fees);
  a.original_balance = M(original);
  return a;
}

inline Proposal PayInFull(LocalDate due = LocalDate()) {
  Proposal p;
  p.kind = Proposal::Kind::kPayInFull;
  p.first_due = due;
  return p;
}

inline Proposal LumpSum(std::string_view amount, LocalDate due = LocalDate()) {
  Proposal p;
  p.kind = Proposal::Kind::kLumpSum;
  p.amount = M(amount);
  p.first_due = due;
  return p;
}

inline Proposal Instalments(int n, std::string_view amount = "0", LocalDate due = LocalDate()) {
  Proposal p;
  p.kind = Proposal::Kind::kInstalments;
  p.instalments = n;
  p.amount = M(amount);
  p.first_due = due;
  return p;
}

inline Proposal Capacity(std::string_view amount, LocalDate due = LocalDate()) {
  Proposal p;
  p.kind = Proposal::Kind::kCapacity;
  p.amount = M(amount);
  p.first_due = due;
  return p;
}

// Every instalment positive, the sum exactly `total`, amounts within one minor unit of each other,
// dates on business days and strictly increasing.
inline void ExpectWellFormed(const std::vector<domain::Instalment>& schedule, Money total,
                             const domain::HolidayCalendar& calendar) {
  ASSERT_FALSE(schedule.empty());
  Money sum;
  Money low = schedule.front().amount;
  Money high = schedule.front().amount;
  for (size_t i = 0; i < schedule.size(); ++i) {
    const domain::Instalment& s = schedule[i];
    EXPECT_GT(s.amount, Money::Zero()) << "instalment " << i;
    EXPECT_TRUE(calendar.IsBusinessDay(s.due)) << "instalment " << i << " on " << s.due;
    if (i > 0) {
      EXPECT_LT(schedule[i - 1].due, s.due) << "instalment " << i;
    }
    sum += s.amount;
    low = std::min(low, s.amount);
    high = std::max(high, s.amount);
  }
  EXPECT_EQ(sum, total);
  EXPECT_LE((high - low).minor_units(), 1);
}

}  // namespace recoup::negotiation::testing

#endif  // RECOUP_TESTS_CORE_NEGOTIATION_TEST_UTIL_H_
