// Policy validation, reason names and Evaluate: the gates every proposal passes (nothing owed,
// dispute, hardship, promises, approval amount), then the limits of each kind of proposal.

#include "core/negotiation/negotiation.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

namespace recoup::negotiation {
namespace {

using domain::LocalDate;

constexpr int64_t kBpScale = 10000;

// floor(x * bp / 10000) for x >= 0 and 0 <= bp <= 10000, exact and without overflow.
int64_t MulBpDown(int64_t x, int bp) {
  return (x / kBpScale) * bp + (x % kBpScale) * bp / kBpScale;
}

// ceil(x * bp / 10000) for x >= 0 and 0 <= bp <= 10000, exact and without overflow.
int64_t MulBpUp(int64_t x, int bp) {
  return (x / kBpScale) * bp + ((x % kBpScale) * bp + kBpScale - 1) / kBpScale;
}

Status RangeError(std::string_view field, std::string_view expected, const std::string& got) {
  return InvalidArgumentError("Policy." + std::string(field) + " must be " + std::string(expected) +
                              ", got " + got);
}

Status CheckBp(std::string_view field, int value) {
  if (value < 0 || value > kBpScale) {
    return RangeError(field, "in [0, 10000] basis points", std::to_string(value));
  }
  return OkStatus();
}

Decision Escalate(Reason reason) {
  Decision d;
  d.verdict = Verdict::kEscalate;
  d.reason = reason;
  return d;
}

// What Evaluate works out once per proposal and every kind of proposal uses.
struct Terms {
  int64_t balance = 0;        // B > 0, minor units
  int64_t waivable_fees = 0;  // the fees, in [0, B], if the policy allows waiving them, else 0
  int64_t floor = 0;          // lowest settlement total, rounded up (may exceed B)
  LocalDate anchor;           // date the schedule starts from, inside the grace period
  bool too_late = false;      // the requested date was moved back into the grace period
  Frequency frequency = Frequency::kMonthly;
};

// The offer to make and why.
struct Plan {
  int64_t total = 0;
  int count = 1;
  bool fees_waived = false;
  bool countered = false;  // the amount or count differs from the proposal: `reason` says why
  Reason reason = Reason::kWithinLimits;
  bool must_counter = false;  // an offer the debtor did not propose as such (capacity)
};

Plan CounterPlan(int64_t total, int count, Reason reason) {
  Plan plan;
  plan.total = total;
  plan.count = count;
  plan.countered = true;
  plan.reason = reason;
  return plan;
}

Plan AsProposedPlan(int64_t total, int count) {
  Plan plan;
  plan.total = total;
  plan.count = count;
  return plan;
}

Decision Conclude(const Plan& plan, const Terms& terms, const domain::HolidayCalendar& calendar) {
  Decision d;
  if (plan.countered) {
    d.verdict = Verdict::kCounter;
    d.reason = plan.reason;
  } else if (terms.too_late) {
    d.verdict = Verdict::kCounter;
    d.reason = Reason::kFirstPaymentTooLate;
  } else {
    d.verdict = plan.must_counter ? Verdict::kCounter : Verdict::kAccept;
    d.reason = plan.reason;
  }
  StatusOr<std::vector<domain::Instalment>> schedule = BuildSchedule(
      Money::FromMinorUnits(plan.total), plan.count, terms.frequency, terms.anchor, calendar);
  // Totals and counts are positive and counts never exceed totals by construction, so only a
  // frequency outside the enum fails here: nothing can be agreed on it.
  if (!schedule.ok()) return Escalate(Reason::kNeedsApproval);
  d.offer.total = Money::FromMinorUnits(plan.total);
  d.offer.discount = Money::FromMinorUnits(terms.balance - plan.total);
  d.offer.fees_waived = plan.fees_waived;
  d.offer.schedule = std::move(schedule).value();
  return d;
}

// The largest total <= `total` payable in n <= max_count instalments that each lie within
// [min_payment, cap] (a single instalment only needs to be <= cap and >= min(min_payment, total)),
// with the fewest such n; {0, 0} if none.
std::pair<int64_t, int> LargestPayable(int64_t total, int64_t cap, int64_t min_payment,
                                       int max_count) {
  std::pair<int64_t, int> best(0, 0);
  if (cap <= 0) return best;
  for (int n = 1; n <= max_count; ++n) {
    const int64_t high = cap <= total / n ? cap * n : total;
    int64_t low = std::min(min_payment, total);
    if (n > 1) {
      if (min_payment > total / n) break;  // n * min_payment > total: so for every larger n
      low = min_payment * n;
    }
    if (high >= low && high > best.first) best = {high, n};
    if (best.first == total) break;
  }
  return best;
}

// The most instalments a plan for `total` may have: max_instalments, fewer if they would fall
// below min_payment, at least one.
int LongestAllowed(int64_t total, const Policy& policy) {
  const int64_t by_minimum = std::max<int64_t>(1, total / policy.min_payment.minor_units());
  return static_cast<int>(std::min<int64_t>(policy.max_instalments, by_minimum));
}

Decision EvaluateLumpSum(const Policy& policy, int64_t amount, const Terms& terms,
                         const domain::HolidayCalendar& calendar) {
  const int64_t b = terms.balance;
  if (amount >= b) return Conclude(AsProposedPlan(b, 1), terms, calendar);  // payment in full
  const int max_bp = policy.max_lump_sum_discount_bp;
  const int64_t approval_discount = MulBpDown(b, std::min(policy.approval_discount_bp, max_bp));
  const int64_t max_discount = MulBpDown(b, max_bp);
  const int64_t min_lump = std::min(policy.min_payment.minor_units(), b);
  const int64_t lowest_ok = std::min(
      b, std::max({b - std::max(approval_discount, terms.waivable_fees), terms.floor, min_lump}));
  const int64_t lowest_approvable = std::min(
      b, std::max({b - std::max(max_discount, terms.waivable_fees), terms.floor, min_lump}));
  Plan plan;
  if (amount >= lowest_ok) {
    plan = AsProposedPlan(amount, 1);
  } else if (amount >= lowest_approvable) {
    return Escalate(Reason::kNeedsApproval);
  } else {
    plan = CounterPlan(
        lowest_ok, 1,
        terms.floor >= lowest_ok ? Reason::kBelowSettlementFloor : Reason::kDiscountTooLarge);
  }
  const int64_t discount = b - plan.total;
  plan.fees_waived = discount > 0 && discount <= terms.waivable_fees;
  if (plan.fees_waived && !plan.countered) plan.reason = Reason::kFeesWaived;
  return Conclude(plan, terms, calendar);
}

Decision EvaluateInstalments(const Policy& policy, const Proposal& proposal, const Terms& terms,
                             const domain::HolidayCalendar& calendar) {
  const int64_t b = terms.balance;
  const int64_t min_payment = policy.min_payment.minor_units();
  const int n = std::max(1, proposal.instalments);
  const int longest = LongestAllowed(b, policy);
  const int64_t stated = proposal.amount.minor_units();
  // Below the smaller instalment of an even split: the stated amount cannot pay B in n instalments
  // (an amount short only by the split's rounding, 3 x 33.33 for 100.00, is the same plan).
  if (stated > 0 && stated < b / n) {
    const auto [payable, count] = LargestPayable(b, stated, min_payment, policy.max_instalments);
    return Conclude(CounterPlan(b, payable == b ? count : longest, Reason::kInstalmentTooSmall),
                    terms, calendar);
  }
  if (n > policy.max_instalments || (n > 1 && b / n < min_payment)) {
    const Reason reason = n > policy.max_instalments && longest == policy.max_instalments
                              ? Reason::kTooManyInstalments
                              : Reason::kInstalmentTooSmall;
    return Conclude(CounterPlan(b, longest, reason), terms, calendar);
  }
  return Conclude(AsProposedPlan(b, n), terms, calendar);
}

Decision EvaluateCapacity(const Policy& policy, int64_t capacity, const Terms& terms,
                          const domain::HolidayCalendar& calendar) {
  const int64_t b = terms.balance;
  const int64_t min_payment = policy.min_payment.minor_units();
  if (capacity < min_payment && capacity < b) return Escalate(Reason::kCapacityTooLow);
  const auto [payable, count] = LargestPayable(b, capacity, min_payment, policy.max_instalments);
  if (payable == b) {
    Plan plan = AsProposedPlan(b, count);
    plan.must_counter = b % count != 0 || b / count != capacity;
    return Conclude(plan, terms, calendar);
  }
  // Waive the least part of the fees that makes a plan fit, never below the settlement floor.
  if (count > 0 && b - payable <= terms.waivable_fees && payable >= terms.floor) {
    Plan plan = CounterPlan(payable, count, Reason::kFeesWaived);
    plan.fees_waived = true;
    return Conclude(plan, terms, calendar);
  }
  return Escalate(Reason::kNeedsApproval);
}

bool IsPayInFullToday(const Proposal& proposal, Money balance, LocalDate today) {
  const bool in_full = proposal.kind == Proposal::Kind::kPayInFull ||
                       (proposal.kind == Proposal::Kind::kLumpSum && proposal.amount >= balance);
  return in_full && proposal.first_due <= today;
}

int OpenOrBrokenPromises(const domain::Account& account) {
  return static_cast<int>(
      std::count_if(account.promises.begin(), account.promises.end(), [](const auto& p) {
        return p.state == domain::PromiseToPay::State::kPending ||
               p.state == domain::PromiseToPay::State::kBroken;
      }));
}

// The last business day a first payment may fall on: the last one on or before today + grace_days,
// but never before the first business day on or after today (which is always allowed).
LocalDate LatestFirstDate(const Policy& policy, LocalDate today,
                          const domain::HolidayCalendar& calendar) {
  const LocalDate earliest = calendar.OnOrAfter(today);
  LocalDate latest = today + policy.grace_days;
  while (latest > earliest && !calendar.IsBusinessDay(latest)) --latest;
  return std::max(latest, earliest);
}

}  // namespace

Status Policy::Validate() const {
  if (min_payment.minor_units() <= 0) {
    return RangeError("min_payment", "> 0", min_payment.ToString());
  }
  if (max_instalments < 1 || max_instalments > kMaxPolicyInstalments) {
    return RangeError("max_instalments", "in [1, " + std::to_string(kMaxPolicyInstalments) + "]",
                      std::to_string(max_instalments));
  }
  if (frequency != Frequency::kWeekly && frequency != Frequency::kBiweekly &&
      frequency != Frequency::kMonthly) {
    return RangeError("frequency", "weekly, biweekly or monthly",
                      std::to_string(static_cast<int>(frequency)));
  }
  RECOUP_RETURN_IF_ERROR(CheckBp("max_lump_sum_discount_bp", max_lump_sum_discount_bp));
  RECOUP_RETURN_IF_ERROR(CheckBp("settlement_floor_bp", settlement_floor_bp));
  if (grace_days < 0 || grace_days > kMaxGraceDays) {
    return RangeError("grace_days", "in [0, " + std::to_string(kMaxGraceDays) + "] days",
                      std::to_string(grace_days));
  }
  RECOUP_RETURN_IF_ERROR(CheckBp("approval_discount_bp", approval_discount_bp));
  if (approval_amount.IsNegative()) {
    return RangeError("approval_amount", ">= 0", approval_amount.ToString());
  }
  if (max_promises_to_pay < 1) {
    return RangeError("max_promises_to_pay", ">= 1", std::to_string(max_promises_to_pay));
  }
  if (max_consecutive_broken_promises < 1) {
    return RangeError("max_consecutive_broken_promises", ">= 1",
                      std::to_string(max_consecutive_broken_promises));
  }
  return OkStatus();
}

std::string_view ReasonName(Reason r) {
  switch (r) {
    case Reason::kWithinLimits:
      return "within_limits";
    case Reason::kFeesWaived:
      return "fees_waived";
    case Reason::kDiscountTooLarge:
      return "discount_too_large";
    case Reason::kBelowSettlementFloor:
      return "below_settlement_floor";
    case Reason::kTooManyInstalments:
      return "too_many_instalments";
    case Reason::kInstalmentTooSmall:
      return "instalment_too_small";
    case Reason::kFirstPaymentTooLate:
      return "first_payment_too_late";
    case Reason::kNeedsApproval:
      return "needs_approval";
    case Reason::kHardship:
      return "hardship";
    case Reason::kDispute:
      return "dispute";
    case Reason::kBrokenPromises:
      return "broken_promises";
    case Reason::kPromiseLimit:
      return "promise_limit";
    case Reason::kCapacityTooLow:
      return "capacity_too_low";
    case Reason::kNothingOwed:
      return "nothing_owed";
  }
  return "unknown";
}

Decision Evaluate(const Policy& policy, const domain::Account& account, const Proposal& proposal,
                  LocalDate today, const domain::HolidayCalendar& calendar) {
  if (!policy.Validate().ok()) return Escalate(Reason::kNeedsApproval);
  const Money balance = account.balance.Total();
  if (balance.minor_units() <= 0) return Escalate(Reason::kNothingOwed);
  if (proposal.disputes_debt || account.dispute == domain::DisputeStatus::kOpen) {
    return Escalate(Reason::kDispute);
  }
  if (proposal.hardship) return Escalate(Reason::kHardship);
  const bool pay_now = IsPayInFullToday(proposal, balance, today);
  if (!pay_now && account.broken_promises >= policy.max_consecutive_broken_promises) {
    return Escalate(Reason::kBrokenPromises);
  }
  if (!pay_now && OpenOrBrokenPromises(account) >= policy.max_promises_to_pay) {
    return Escalate(Reason::kPromiseLimit);
  }
  if (balance > policy.approval_amount) return Escalate(Reason::kNeedsApproval);

  Terms terms;
  terms.balance = balance.minor_units();
  terms.waivable_fees =
      policy.fee_waiver_allowed
          ? std::clamp<int64_t>(account.balance.fees.minor_units(), 0, terms.balance)
          : 0;
  const int64_t floor_base = account.original_balance.minor_units() > 0
                                 ? account.original_balance.minor_units()
                                 : terms.balance;
  terms.floor = MulBpUp(floor_base, policy.settlement_floor_bp);
  terms.frequency = proposal.frequency;
  const LocalDate latest = LatestFirstDate(policy, today, calendar);
  const LocalDate requested = std::max(proposal.first_due, today);
  terms.too_late = calendar.OnOrAfter(requested) > latest;
  terms.anchor = terms.too_late ? latest : requested;

  switch (proposal.kind) {
    case Proposal::Kind::kPayInFull:
      return Conclude(AsProposedPlan(terms.balance, 1), terms, calendar);
    case Proposal::Kind::kLumpSum:
      return EvaluateLumpSum(policy, proposal.amount.minor_units(), terms, calendar);
    case Proposal::Kind::kInstalments:
      return EvaluateInstalments(policy, proposal, terms, calendar);
    case Proposal::Kind::kCapacity:
      return EvaluateCapacity(policy, proposal.amount.minor_units(), terms, calendar);
  }
  return Escalate(Reason::kNeedsApproval);  // a Kind outside the enum
}

}  // namespace recoup::negotiation
