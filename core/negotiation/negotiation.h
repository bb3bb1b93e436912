// Negotiation policy: what a collector (human or AI) may agree to on an account, and the decision
// on a debtor's proposal or stated capacity to pay.
//
// Pure: inputs in, a Decision with a reason code out. Amounts are Money (minor units); schedules
// sum exactly to their total and fall on strictly increasing business days of the given calendar.
// Percentages are basis points (1 bp = 0.01%) applied in integer arithmetic: a discount limit is
// rounded down and a floor rounded up to the minor unit, so the debtor never gets more than a
// limit. The user-facing reference is docs/negotiation.md.
//
//   Decision d = Evaluate(policy, account, proposal, today, HolidayCalendar::UsFederal());
//   switch (d.verdict) { case Verdict::kAccept: ...; case Verdict::kCounter: offer d.offer; ... }
#ifndef RECOUP_CORE_NEGOTIATION_NEGOTIATION_H_
#define RECOUP_CORE_NEGOTIATION_NEGOTIATION_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/domain/account.h"
#include "core/domain/calendar.h"

namespace recoup::negotiation {

enum class Frequency : uint8_t { kWeekly, kBiweekly, kMonthly };

// Limits of one strategy (product brief: discount up to 15% for a lump sum, up to 6 monthly
// instalments, grace 7-14 days, fee waiver, settlement floor 70% of the original balance, minimum
// payment, approval thresholds, a maximum number of promises to pay).
struct Policy {
  // Valid ranges are checked by Validate (the bounds are the constants below).
  Money min_payment = Money::FromMajorUnits(25);  // smallest instalment or lump sum accepted (> 0);
                                                  // a balance below it may still be paid in full
  int max_instalments = 6;                        // 1..kMaxPolicyInstalments, any frequency
  // The frequency of plans the collector offers unprompted (e.g. a conversation's opening offer).
  // Evaluate keeps the debtor's Proposal::frequency in what it accepts and counters: a capacity is
  // stated per the debtor's period, and a counter changes as little of the proposal as it can.
  Frequency frequency = Frequency::kMonthly;
  int max_lump_sum_discount_bp = 1500;  // 0..10000 of the balance, lump sum only
  int settlement_floor_bp = 7000;       // 0..10000 of the original balance (of the
                                        // balance if that is zero): never settle below,
                                        // not even by waiving fees
  int grace_days = 14;                  // 0..kMaxGraceDays: first payment at most this
                                        // many calendar days after today
  bool fee_waiver_allowed = true;       // fees may be waived to close a deal
  // Deals beyond these need a human's approval: the AI escalates instead of agreeing.
  int approval_discount_bp = 1000;                      // 0..10000: a lump-sum discount above this
                                                        // (beyond waivable fees) needs approval
  Money approval_amount = Money::FromMajorUnits(5000);  // >= 0: balances above this need approval
  int max_promises_to_pay = 3;                          // >= 1: pending + broken promises allowed
  int max_consecutive_broken_promises = 2;              // >= 1: at this many, no new open promise

  static constexpr int kMaxPolicyInstalments = 120;
  static constexpr int kMaxGraceDays = 366;

  // Ok, or InvalidArgument naming the field ("Policy.grace_days") and the expected range.
  Status Validate() const;
};

// What the debtor put forward.
struct Proposal {
  enum class Kind : uint8_t {
    kPayInFull,    // pay the whole balance (possibly later, within grace); `amount` is unused
    kLumpSum,      // one payment of `amount` to settle (an amount >= the balance is pay in full)
    kInstalments,  // `instalments` payments of about `amount` each (amount zero: unstated). The
                   // plan always totals the balance: `amount` only matters when it is too small
                   // to pay the balance in that many instalments (see Evaluate)
    kCapacity,     // "I can pay `amount` per `frequency` period": find the best plan for it
  } kind = Kind::kPayInFull;
  Money amount;
  int instalments = 1;                        // values below 1 are read as 1
  Frequency frequency = Frequency::kMonthly;  // of the debtor's plan or capacity
  // Requested first payment date; any date before today (including the default-constructed
  // 1970-01-01) means today.
  domain::LocalDate first_due;
  bool hardship = false;       // reported hardship: goes to a human
  bool disputes_debt = false;  // disputes: goes to a human, no negotiation
};

enum class Verdict : uint8_t { kAccept, kCounter, kEscalate };

// Why: stable codes for reports and the org's Compliance Record.
enum class Reason : uint8_t {
  kWithinLimits,          // accepted as proposed; for a capacity, the plan that fits it
  kFeesWaived,            // accepted with fees waived to meet the limits
  kDiscountTooLarge,      // countered with the largest allowed discount
  kBelowSettlementFloor,  // countered at the floor
  kTooManyInstalments,    // countered with max_instalments
  kInstalmentTooSmall,    // countered with fewer, larger instalments (below min_payment), or with
                          // the plan nearest a stated amount too small to pay the balance
  kFirstPaymentTooLate,   // countered with a first date inside the grace period
  kNeedsApproval,         // beyond the approval thresholds: human
  kHardship,              // human (hardship assessment)
  kDispute,               // human (dispute handling); collection of the disputed debt stops
  kBrokenPromises,        // too many broken promises: payment now or a human
  kPromiseLimit,          // the account already has the maximum number of promises
  kCapacityTooLow,        // capacity below the minimum payment: hardship path
  kNothingOwed,           // balance is zero (or a credit)
};
// The snake_case name of the enumerator without its k: "within_limits", "discount_too_large", ...
// "unknown" for a value outside the enum.
std::string_view ReasonName(Reason r);

struct Offer {
  Money total;                               // what the debtor pays in all
  Money discount;                            // balance - total (fees waived included)
  bool fees_waived = false;                  // the discount (> 0) is within the account's fees
                                             // and is granted as a fee waiver
  std::vector<domain::Instalment> schedule;  // sums exactly to total; dates on business days
};

struct Decision {
  Verdict verdict = Verdict::kEscalate;
  Reason reason = Reason::kNeedsApproval;
  Offer offer;  // the accepted or counter offer; empty for kEscalate
};

// Decides on `proposal` for `account` on `today` (the creditor's calendar). Requires a valid policy
// (checked with Validate; an invalid policy escalates with kNeedsApproval rather than agreeing).
//
// B is account.balance.Total(), F its fees (waivable only if fee_waiver_allowed). Checks, in order:
//  1. B <= 0: escalate kNothingOwed.
//  2. proposal.disputes_debt, or account.dispute == kOpen: escalate kDispute.
//  3. proposal.hardship: escalate kHardship.
//  4. account.broken_promises >= max_consecutive_broken_promises: escalate kBrokenPromises, unless
//     the proposal is payment in full today (kPayInFull, or kLumpSum with amount >= B, with
//     first_due on or before today).
//  5. pending + broken account.promises >= max_promises_to_pay: escalate kPromiseLimit (same
//     exemption as 4: a payment in full today is not an open promise).
//  6. B > approval_amount: escalate kNeedsApproval.
//  7. The proposal itself:
//   - Dates. The first payment is due on the first business day on or after the requested date;
//     the latest allowed is the last business day on or before today + grace_days (but never
//     before the first business day on or after today). Later: counter with the latest allowed
//     date, kFirstPaymentTooLate, unless an amount or count is also countered (then that reason).
//   - kPayInFull: one instalment of B: accept kWithinLimits.
//   - kLumpSum A < B, discount D = B - A. The lowest amount accepted without approval is
//     L = min(B, max(B - max(approval discount, waivable F), floor, min(min_payment, B))), with
//     approval discount = floor(B * min(approval_discount_bp, max_lump_sum_discount_bp) / 10000)
//     and floor = ceil(original_balance * settlement_floor_bp / 10000) (B in place of an
//     original_balance <= 0; a balance already below the floor settles only in full). A >= L:
//     accept, kFeesWaived
//     with fees_waived if 0 < D <= waivable F, else kWithinLimits. A below L but within
//     max_lump_sum_discount_bp (rounded down) and the same floor: escalate kNeedsApproval. Below
//     that: counter with L, kBelowSettlementFloor if the floor sets L, else kDiscountTooLarge.
//   - kInstalments n: plans total B (no discount, no fee waiver). If amount > 0 and
//     amount < floor(B / n), the stated amount cannot pay B in n (a shortfall of the split's
//     rounding only, 3 x 33.33 for 100.00, is the same plan): counter kInstalmentTooSmall with the
//     capacity plan for `amount` (below), or the longest allowed plan if none fits. Else if
//     n > max_instalments: counter with max_instalments, kTooManyInstalments; else if
//     floor(B / n) < min_payment: counter with max(1, floor(B / min_payment)) instalments,
//     kInstalmentTooSmall (when both apply, the smaller count and kInstalmentTooSmall).
//   - kCapacity C per period: C < min_payment and C < B: escalate kCapacityTooLow. Else the
//     fewest n with ceil(B / n) <= C, n <= max_instalments and floor(B / n) >= min_payment (n = 1
//     needs only B <= C). None: if waiving part of F (allowed, respecting the floor) makes such a
//     plan exist, counter with it, kFeesWaived; else escalate kNeedsApproval (a longer plan or a
//     write-off is a human's call).
//     The verdict is kAccept when every instalment equals C exactly and the date is in grace, else
//     kCounter (kWithinLimits, or kFirstPaymentTooLate when the date moved). A fee waiver is the
//     smallest that makes a plan fit: max_instalments (or fewer) instalments of at most C.
// Schedules use proposal.frequency; offers are empty when escalating. A proposal that cannot be
// scheduled (a Frequency outside the enum) escalates kNeedsApproval.
Decision Evaluate(const Policy& policy, const domain::Account& account, const Proposal& proposal,
                  domain::LocalDate today, const domain::HolidayCalendar& calendar);

// `total` split into `count` instalments that differ by at most one minor unit (the larger first)
// and sum exactly to it, the first due on the first business day on or after `first_due`, the rest
// every `frequency` after `first_due` (weekly +7 days, biweekly +14, monthly by calendar month from
// `first_due`, clamped to month end: Jan 31 -> Feb 28 -> Mar 31), each moved to the next business
// day. Dates are strictly increasing: if moving a date forward would put it on or before the
// previous instalment's (only possible with long runs of holidays), it goes to the first business
// day after the previous one. Errors (InvalidArgument): total <= 0; count < 1 or count >
// kMaxScheduleInstalments; count > total in minor units (an instalment would be zero: 0.05 in 6).
inline constexpr int kMaxScheduleInstalments = 1000;
StatusOr<std::vector<domain::Instalment>> BuildSchedule(Money total, int count, Frequency frequency,
                                                        domain::LocalDate first_due,
                                                        const domain::HolidayCalendar& calendar);

}  // namespace recoup::negotiation

#endif  // RECOUP_CORE_NEGOTIATION_NEGOTIATION_H_
