// An account: one debt, its balance by component, its delinquency and its debt-level flags, and what
// has been agreed and paid on it.
#ifndef RECOUP_CORE_DOMAIN_ACCOUNT_H_
#define RECOUP_CORE_DOMAIN_ACCOUNT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/money.h"
#include "core/base/time.h"
#include "core/domain/calendar.h"
#include "core/domain/contact.h"

namespace recoup::domain {

enum class Product : uint8_t { kCreditCard, kPersonalLoan, kAutoLoan, kUtility, kTelecom, kMedical,
                               kStudentLoan, kMortgage, kBuyNowPayLater, kOther };
inline constexpr int kProductCount = 10;
std::string_view ProductName(Product p);  // "credit_card", "personal_loan", ...

// Delinquency stage (product brief: early 1-30, mid 31-60, late 61+; recovery after charge-off).
enum class Stage : uint8_t { kCurrent, kEarly, kMid, kLate, kRecovery };
inline constexpr int kStageCount = 5;
std::string_view StageName(Stage s);
// The stage for `days_past_due` (0 -> current, 1-30 early, 31-60 mid, 61+ late) unless charged off.
Stage StageFor(int days_past_due, bool charged_off);

// Who is collecting: Reg F binds third-party collectors; first-party creditors apply it by policy.
enum class CollectorRole : uint8_t { kFirstPartyCreditor, kThirdPartyCollector, kDebtBuyer };

struct Balance {
  Money principal;
  Money fees;
  Money interest;
  Money Total() const { return principal + fees + interest; }
};

enum class DisputeStatus : uint8_t { kNone, kOpen, kVerified };

struct PromiseToPay {
  Money amount;
  LocalDate due;  // in the creditor's calendar
  Timestamp taken;
  enum class State : uint8_t { kPending, kKept, kPartial, kBroken } state = State::kPending;
};

struct Instalment {
  LocalDate due;
  Money amount;
};

struct Arrangement {
  Money total;              // what the person agreed to pay in all
  Money settled_balance;    // the balance it resolves (greater than total for a settlement)
  std::vector<Instalment> instalments;
  bool fees_waived = false;
  bool active = false;
  int missed = 0;
};

struct Payment {
  Timestamp time;
  Money amount;
};

struct Account {
  AccountId id = 0;
  PersonId debtor = 0;
  // What is owed, how late, and the arrangement: together at the front, so that the operation's
  // daily pass over the portfolio (aging and the receivables snapshot) reads two cache lines of
  // an account rather than four. The fields are ordered to leave no padding: 256 bytes in all.
  Balance balance;
  Money original_balance;   // at placement / charge-off: the base of settlement floors
  int days_past_due = 0;
  bool charged_off = false;
  Product product = Product::kOther;
  CollectorRole collector = CollectorRole::kThirdPartyCollector;
  // Debt-level flags.
  bool attorney_represented = false;                       // for this debt (1006.6(b)(2))
  DisputeStatus dispute = DisputeStatus::kNone;
  bool original_creditor_hold = false;                     // 1006.38(c) request pending
  bool time_barred = false;
  int currency_decimals = 2;
  Arrangement arrangement;
  int broken_promises = 0;          // consecutive broken promises
  Timestamp written_cease = Timestamp::InfiniteFuture();  // 1006.6(c): refuses to pay / stop
  Timestamp validation_notice_sent = Timestamp::InfinitePast();
  Timestamp last_payment = Timestamp::InfinitePast();
  // History.
  std::vector<PromiseToPay> promises;
  std::vector<Payment> payments;
  std::string external_id;  // e.g. the org's record Id
  std::string creditor;

  Stage stage() const { return StageFor(days_past_due, charged_off); }
  bool CeaseInEffect(Timestamp now) const { return written_cease <= now; }
};
static_assert(sizeof(Account) <= 256, "a portfolio keeps one Account per debt");

}  // namespace recoup::domain

#endif  // RECOUP_CORE_DOMAIN_ACCOUNT_H_
