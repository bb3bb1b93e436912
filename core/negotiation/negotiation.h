// Negotiation policy: what a collector (human or AI) may agree to on an account, and the decision on a
// debtor's proposal or stated capacity to pay.
//
// Pure: inputs in, a Decision with a reason code out. Amounts are Money (minor units); schedules sum
// exactly to their total and fall on business days of the given calendar.
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
#include "core/domain/account.h"
#include "core/domain/calendar.h"

namespace recoup::negotiation {

enum class Frequency : uint8_t { kWeekly, kBiweekly, kMonthly };

// Limits of one strategy (product brief: discount up to 15% for a lump sum, up to 6 monthly
// instalments, grace 7-14 days, fee waiver, settlement floor 70% of the original balance, minimum
// payment, approval thresholds, a maximum number of promises to pay).
struct Policy {
  Money min_payment = Money::FromMajorUnits(25);   // smallest instalment or lump sum accepted
  int max_instalments = 6;
  Frequency frequency = Frequency::kMonthly;       // of counter-offered schedules
  int max_lump_sum_discount_bp = 1500;             // basis points of the balance, lump sum only
  int settlement_floor_bp = 7000;                  // of the original balance: never settle below
  int grace_days = 14;                             // first payment at most this many days out
  bool fee_waiver_allowed = true;                  // fees may be waived to close a deal
  // Deals beyond these need a human's approval: the AI escalates instead of agreeing.
  int approval_discount_bp = 1000;                 // discount above this needs approval
  Money approval_amount = Money::FromMajorUnits(5000);  // balances above this need approval
  int max_promises_to_pay = 3;                     // open + broken promises allowed on an account
  int max_consecutive_broken_promises = 2;         // at this many, no new open promise is taken

  // Ok, or InvalidArgument naming the field and the expected range.
  Status Validate() const;
};

// What the debtor put forward.
struct Proposal {
  enum class Kind : uint8_t {
    kPayInFull,     // pay the whole balance (possibly later, within grace)
    kLumpSum,       // one payment of `amount` to settle
    kInstalments,   // `instalments` payments of about `amount` each
    kCapacity,      // "I can pay `amount` per period": find the best plan for it
  } kind = Kind::kPayInFull;
  Money amount;
  int instalments = 1;
  Frequency frequency = Frequency::kMonthly;
  domain::LocalDate first_due;       // requested first payment date (default: today)
  bool hardship = false;             // reported hardship: goes to a human
  bool disputes_debt = false;        // disputes: goes to a human, no negotiation
};

enum class Verdict : uint8_t { kAccept, kCounter, kEscalate };

// Why: stable codes for reports and the org's Compliance Record.
enum class Reason : uint8_t {
  kWithinLimits,          // accepted as proposed
  kFeesWaived,            // accepted with fees waived to meet the limits
  kDiscountTooLarge,      // countered with the largest allowed discount
  kBelowSettlementFloor,  // countered at the floor
  kTooManyInstalments,    // countered with max_instalments
  kInstalmentTooSmall,    // countered with fewer, larger instalments
  kFirstPaymentTooLate,   // countered with a first date inside the grace period
  kNeedsApproval,         // beyond the approval thresholds: human
  kHardship,              // human (hardship assessment)
  kDispute,               // human (dispute handling); collection of the disputed debt stops
  kBrokenPromises,        // too many broken promises: payment now or a human
  kPromiseLimit,          // the account already has the maximum number of promises
  kCapacityTooLow,        // capacity below the minimum payment: hardship path
  kNothingOwed,           // balance is zero
};
std::string_view ReasonName(Reason r);  // "within_limits", "discount_too_large", ...

struct Offer {
  Money total;                              // what the debtor pays in all
  Money discount;                           // balance - total (fees waived included)
  bool fees_waived = false;
  std::vector<domain::Instalment> schedule; // sums exactly to total; dates on business days
};

struct Decision {
  Verdict verdict = Verdict::kEscalate;
  Reason reason = Reason::kNeedsApproval;
  Offer offer;  // the accepted or counter offer; empty for kEscalate
};

// Decides on `proposal` for `account` on `today` (the creditor's calendar). Requires a valid policy
// (checked with Validate; an invalid policy escalates with kNeedsApproval rather than agreeing).
Decision Evaluate(const Policy& policy, const domain::Account& account, const Proposal& proposal,
                  domain::LocalDate today, const domain::HolidayCalendar& calendar);

// `total` split into `count` instalments that differ by at most one minor unit and sum exactly to it,
// the first due on the first business day on or after `first_due`, the rest every `frequency` after
// `first_due` (monthly by calendar month, clamped to month end), each moved to the next business day.
// count >= 1 and total > 0, else InvalidArgument.
StatusOr<std::vector<domain::Instalment>> BuildSchedule(Money total, int count, Frequency frequency,
                                                        domain::LocalDate first_due,
                                                        const domain::HolidayCalendar& calendar);

}  // namespace recoup::negotiation

#endif  // RECOUP_CORE_NEGOTIATION_NEGOTIATION_H_
