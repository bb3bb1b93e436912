// Policy::Validate, ReasonName, the gates Evaluate applies before any limit (and their order), and
// the first-payment date rules (grace period, business days).
#include "core/negotiation/negotiation.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "tests/core/negotiation/test_util.h"

namespace recoup::negotiation {
namespace {

using testing::Acct;
using testing::Capacity;
using testing::ExpectWellFormed;
using testing::Instalments;
using testing::LocalDate;
using testing::LumpSum;
using testing::M;
using testing::PayInFull;

const LocalDate kToday(2026, 3, 4);  // a Wednesday

TEST(PolicyTest, DefaultsAreValid) { EXPECT_TRUE(Policy().Validate().ok()); }

TEST(PolicyTest, ValidateNamesTheFieldAndTheRange) {
  struct Case {
    std::function<void(Policy&)> mutate;
    std::string field;
  };
  const Case cases[] = {
      {[](Policy& p) { p.min_payment = Money::Zero(); }, "Policy.min_payment must be > 0"},
      {[](Policy& p) { p.min_payment = M("-1"); }, "Policy.min_payment"},
      {[](Policy& p) { p.max_instalments = 0; }, "Policy.max_instalments must be in [1, 120]"},
      {[](Policy& p) { p.max_instalments = 121; }, "Policy.max_instalments"},
      {[](Policy& p) { p.frequency = static_cast<Frequency>(9); }, "Policy.frequency"},
      {[](Policy& p) { p.max_lump_sum_discount_bp = -1; }, "Policy.max_lump_sum_discount_bp"},
      {[](Policy& p) { p.max_lump_sum_discount_bp = 10001; }, "Policy.max_lump_sum_discount_bp"},
      {[](Policy& p) { p.settlement_floor_bp = 10001; }, "Policy.settlement_floor_bp"},
      {[](Policy& p) { p.settlement_floor_bp = -1; }, "Policy.settlement_floor_bp"},
      {[](Policy& p) { p.grace_days = -1; }, "Policy.grace_days must be in [0, 366] days"},
      {[](Policy& p) { p.grace_days = 367; }, "Policy.grace_days"},
      {[](Policy& p) { p.approval_discount_bp = -5; }, "Policy.approval_discount_bp"},
      {[](Policy& p) { p.approval_discount_bp = 10001; }, "Policy.approval_discount_bp"},
      {[](Policy& p) { p.approval_amount = M("-0.01"); }, "Policy.approval_amount must be >= 0"},
      {[](Policy& p) { p.max_promises_to_pay = 0; }, "Policy.max_promises_to_pay"},
      {[](Policy& p) { p.max_consecutive_broken_promises = 0; },
       "Policy.max_consecutive_broken_promises"},
  };
  for (const Case& c : cases) {
    Policy p;
    c.mutate(p);
    const Status s = p.Validate();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_NE(s.message().find(c.field), std::string_view::npos) << s;
  }
  // The bounds themselves are valid.
  Policy edge;
  edge.max_instalments = 120;
  edge.grace_days = 0;
  edge.max_lump_sum_discount_bp = 10000;
  edge.settlement_floor_bp = 0;
  edge.approval_amount = Money::Zero();
  EXPECT_TRUE(edge.Validate().ok()) << edge.Validate();
}

TEST(ReasonTest, NamesAreStableAndDistinct) {
  const std::pair<Reason, std::string_view> names[] = {
      {Reason::kWithinLimits, "within_limits"},
      {Reason::kFeesWaived, "fees_waived"},
      {Reason::kDiscountTooLarge, "discount_too_large"},
      {Reason::kBelowSettlementFloor, "below_settlement_floor"},
      {Reason::kTooManyInstalments, "too_many_instalments"},
      {Reason::kInstalmentTooSmall, "instalment_too_small"},
      {Reason::kFirstPaymentTooLate, "first_payment_too_late"},
      {Reason::kNeedsApproval, "needs_approval"},
      {Reason::kHardship, "hardship"},
      {Reason::kDispute, "dispute"},
      {Reason::kBrokenPromises, "broken_promises"},
      {Reason::kPromiseLimit, "promise_limit"},
      {Reason::kCapacityTooLow, "capacity_too_low"},
      {Reason::kNothingOwed, "nothing_owed"},
  };
  std::set<std::string_view> seen;
  for (const auto& [reason, name] : names) {
    EXPECT_EQ(ReasonName(reason), name);
    seen.insert(ReasonName(reason));
  }
  EXPECT_EQ(seen.size(), std::size(names));
  EXPECT_EQ(ReasonName(static_cast<Reason>(200)), "unknown");
}

domain::PromiseToPay Promise(domain::PromiseToPay::State state) {
  domain::PromiseToPay p;
  p.amount = M("50");
  p.state = state;
  return p;
}

// The gates, in order; each row also breaks every later gate to prove which one wins.
TEST(EvaluateTest, GatesEscalateInOrder) {
  using State = domain::PromiseToPay::State;
  struct Case {
    std::string name;
    domain::Account account;
    Proposal proposal;
    Reason reason;
  };
  auto big = [] { return Acct("6000.00"); };  // above the approval amount
  auto promised = [](domain::Account a, int broken_streak, std::vector<State> states) {
    a.broken_promises = broken_streak;
    for (State s : states) a.promises.push_back(Promise(s));
    return a;
  };
  auto with = [](Proposal p, bool hardship, bool dispute) {
    p.hardship = hardship;
    p.disputes_debt = dispute;
    return p;
  };
  domain::Account disputed = Acct("100.00");
  disputed.dispute = domain::DisputeStatus::kOpen;
  domain::Account credit = Acct("-5.00");
  const std::vector<State> three = {State::kPending, State::kBroken, State::kBroken};
  const Case cases[] = {
      {"zero balance", Acct("0"), with(LumpSum("10"), true, true), Reason::kNothingOwed},
      {"credit balance", credit, PayInFull(), Reason::kNothingOwed},
      {"dispute", promised(big(), 5, three), with(Capacity("1"), true, true), Reason::kDispute},
      {"open dispute on the account", disputed, PayInFull(), Reason::kDispute},
      {"hardship", promised(big(), 5, three), with(Capacity("1"), true, false), Reason::kHardship},
      {"broken streak", promised(big(), 2, three), LumpSum("10"), Reason::kBrokenPromises},
      {"broken streak, pay in full later", promised(Acct("100"), 2, {}), PayInFull(kToday + 1),
       Reason::kBrokenPromises},
      {"broken streak, plan", promised(Acct("100"), 3, {}), Instalments(2),
       Reason::kBrokenPromises},
      {"promise limit", promised(big(), 1, three), Instalments(2), Reason::kPromiseLimit},
      {"promise limit, pay in full later", promised(Acct("100"), 0, three), PayInFull(kToday + 2),
       Reason::kPromiseLimit},
      {"above approval amount", big(), PayInFull(), Reason::kNeedsApproval},
  };
  for (const Case& c : cases) {
    const Decision d =
        Evaluate(Policy(), c.account, c.proposal, kToday, domain::HolidayCalendar::UsFederal());
    EXPECT_EQ(d.verdict, Verdict::kEscalate) << c.name;
    EXPECT_EQ(ReasonName(d.reason), ReasonName(c.reason)) << c.name;
    EXPECT_TRUE(d.offer.schedule.empty()) << c.name;
    EXPECT_EQ(d.offer.total, Money::Zero()) << c.name;
  }
}

TEST(EvaluateTest, PromiseGatesLetPaymentInFullTodayThroughAndCountOnlyOpenOrBroken) {
  using State = domain::PromiseToPay::State;
  const auto us = domain::HolidayCalendar::UsFederal();
  domain::Account a = Acct("100.00");
  a.broken_promises = 2;
  for (State s : {State::kPending, State::kBroken, State::kBroken})
    a.promises.push_back(Promise(s));
  for (const Proposal& p : {PayInFull(), PayInFull(kToday), LumpSum("100.00"), LumpSum("150")}) {
    const Decision d = Evaluate(Policy(), a, p, kToday, us);
    EXPECT_EQ(d.verdict, Verdict::kAccept) << ReasonName(d.reason);
    EXPECT_EQ(d.offer.total, M("100.00"));
  }
  // Kept and partial promises do not count towards the limit; a streak below the limit passes.
  domain::Account b = Acct("100.00");
  b.broken_promises = 1;
  for (State s : {State::kKept, State::kPartial, State::kKept, State::kBroken, State::kPending}) {
    b.promises.push_back(Promise(s));
  }
  EXPECT_EQ(Evaluate(Policy(), b, Instalments(2), kToday, us).verdict, Verdict::kAccept);
  b.promises.push_back(Promise(State::kBroken));
  EXPECT_EQ(Evaluate(Policy(), b, Instalments(2), kToday, us).reason, Reason::kPromiseLimit);
}

TEST(EvaluateTest, ApprovalAmountIsInclusive) {
  const auto us = domain::HolidayCalendar::UsFederal();
  EXPECT_EQ(Evaluate(Policy(), Acct("5000.00"), PayInFull(), kToday, us).verdict, Verdict::kAccept);
  const Decision d = Evaluate(Policy(), Acct("4999.99", "0.02"), PayInFull(), kToday, us);
  EXPECT_EQ(d.verdict, Verdict::kEscalate);
  EXPECT_EQ(d.reason, Reason::kNeedsApproval);
}

TEST(EvaluateTest, InvalidPolicyOrUnschedulableProposalEscalates) {
  const auto us = domain::HolidayCalendar::UsFederal();
  Policy bad;
  bad.grace_days = -3;
  const Decision d = Evaluate(bad, Acct("100.00"), PayInFull(), kToday, us);
  EXPECT_EQ(d.verdict, Verdict::kEscalate);
  EXPECT_EQ(d.reason, Reason::kNeedsApproval);
  Proposal odd = Instalments(2);
  odd.frequency = static_cast<Frequency>(7);
  const Decision e = Evaluate(Policy(), Acct("100.00"), odd, kToday, us);
  EXPECT_EQ(e.verdict, Verdict::kEscalate);
  EXPECT_EQ(e.reason, Reason::kNeedsApproval);
}

// Pay in full and the first-payment date: inside the grace period, on business days.
TEST(EvaluateTest, FirstPaymentDateStaysInTheGracePeriod) {
  struct Case {
    std::string name;
    int grace_days;
    LocalDate today;
    LocalDate requested;
    Verdict verdict;
    Reason reason;
    LocalDate due;
  };
  const Case cases[] = {
      {"default date is today", 14, kToday, LocalDate(), Verdict::kAccept, Reason::kWithinLimits,
       kToday},
      {"past date is today", 14, kToday, LocalDate(2026, 1, 5), Verdict::kAccept,
       Reason::kWithinLimits, kToday},
      {"last day of grace", 14, kToday, LocalDate(2026, 3, 18), Verdict::kAccept,
       Reason::kWithinLimits, LocalDate(2026, 3, 18)},
      {"one day late", 14, kToday, LocalDate(2026, 3, 19), Verdict::kCounter,
       Reason::kFirstPaymentTooLate, LocalDate(2026, 3, 18)},
      {"grace ends on a Sunday", 11, kToday, LocalDate(2026, 3, 15), Verdict::kCounter,
       Reason::kFirstPaymentTooLate, LocalDate(2026, 3, 13)},
      {"Saturday inside grace moves to Monday", 14, kToday, LocalDate(2026, 3, 7), Verdict::kAccept,
       Reason::kWithinLimits, LocalDate(2026, 3, 9)},
      {"grace ends on Christmas", 14, LocalDate(2026, 12, 11), LocalDate(2026, 12, 25),
       Verdict::kCounter, Reason::kFirstPaymentTooLate, LocalDate(2026, 12, 24)},
      {"far future", 7, kToday, LocalDate(2027, 1, 1), Verdict::kCounter,
       Reason::kFirstPaymentTooLate, LocalDate(2026, 3, 11)},
      {"zero grace on a Saturday: Monday", 0, LocalDate(2026, 3, 7), LocalDate(), Verdict::kAccept,
       Reason::kWithinLimits, LocalDate(2026, 3, 9)},
      {"July 4 observed", 4, LocalDate(2026, 7, 2), LocalDate(2026, 7, 3), Verdict::kAccept,
       Reason::kWithinLimits, LocalDate(2026, 7, 6)},
      {"grace ends on July 4 observed", 3, LocalDate(2026, 7, 2), LocalDate(2026, 7, 3),
       Verdict::kCounter, Reason::kFirstPaymentTooLate, LocalDate(2026, 7, 2)},
  };
  const auto us = domain::HolidayCalendar::UsFederal();
  for (const Case& c : cases) {
    Policy p;
    p.grace_days = c.grace_days;
    const Decision d = Evaluate(p, Acct("300.00", "20.00"), PayInFull(c.requested), c.today, us);
    EXPECT_EQ(d.verdict, c.verdict) << c.name;
    EXPECT_EQ(ReasonName(d.reason), ReasonName(c.reason)) << c.name;
    ASSERT_EQ(d.offer.schedule.size(), 1u) << c.name;
    EXPECT_EQ(d.offer.schedule[0].due, c.due) << c.name;
    EXPECT_EQ(d.offer.total, M("320.00")) << c.name;
    EXPECT_EQ(d.offer.discount, Money::Zero()) << c.name;
    EXPECT_FALSE(d.offer.fees_waived) << c.name;
    ExpectWellFormed(d.offer.schedule, d.offer.total, us);
  }
}

}  // namespace
}  // namespace recoup::negotiation
