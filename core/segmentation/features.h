// The scoring feature vector: a fixed, documented list of kFeatureCount numbers derived from an
// account, its debtor and the debtor's contact history on a given instant.
//
// The order and names are part of the model data format: a model's coefficient list is validated
// against FeatureNames() (scoring.h). Changing, adding or reordering a feature is a breaking change
// to every stored model. Extraction allocates nothing: it fills a caller-provided array, so it can
// run in the pre-contact pipeline at millions of accounts per second.
//
//   std::array<double, kFeatureCount> x;
//   ExtractFeatures(account, debtor, history, now, x);
//   double p = scorer.Score(x);
#ifndef RECOUP_CORE_SEGMENTATION_FEATURES_H_
#define RECOUP_CORE_SEGMENTATION_FEATURES_H_

#include <cstddef>
#include <span>
#include <string_view>

#include "core/base/time.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"

namespace recoup::segmentation {

// Index of each feature in the vector. Units and derivations:
//   kLogBalance            ln(1 + total balance in major units)
//   kLogOriginalBalance    ln(1 + original balance in major units)
//   kBalanceRatio          total / original balance, clamped to [0, 2]; 1 when original is zero
//   kFeeInterestShare      (fees + interest) / total balance, 0 when the balance is not positive
//   kMonthsPastDue         days past due / 30 (0 when not past due)
//   kStage*                one-hot of Account::stage() (current, early, mid, late, recovery)
//   kProduct*              one-hot of Account::product (the 10 domain::Product values in order)
//   kBrokenPromises        consecutive broken promises (Account::broken_promises)
//   kKeptPromises          promises in state kKept
//   kPayments90d           payments with time in (now - 90 days, now]
//   kLogPaid90d            ln(1 + amount of those payments in major units)
//   kMonthsSincePayment    (now - last_payment) / 30 days, clamped to [0, 12]; 12 when never paid
//   kAttempts30d           outbound events on this account in (now - 30 days, now]
//   kConversations30d      of those, conversations with the consumer (right-party contacts)
//   kInbound90d            consumer-initiated events in (now - 90 days, now] (any account)
//   kHasValidMobile        1 if a phone is mobile or of unknown type, not a wrong number and not
//                          opted out of calls; 0 otherwise
//   kHasUsableEmail        1 if an email is not opted out and of known provenance; 0 otherwise
//   kDisputed              1 if the account's dispute status is not kNone
//   kArrangementActive     1 if Account::arrangement.active
// "On this account" means ContactEvent::debts contains the account id.
enum Feature : int {
  kLogBalance = 0,
  kLogOriginalBalance,
  kBalanceRatio,
  kFeeInterestShare,
  kMonthsPastDue,
  kStageCurrent,
  kStageEarly,
  kStageMid,
  kStageLate,
  kStageRecovery,
  kProductCreditCard,
  kProductPersonalLoan,
  kProductAutoLoan,
  kProductUtility,
  kProductTelecom,
  kProductMedical,
  kProductStudentLoan,
  kProductMortgage,
  kProductBuyNowPayLater,
  kProductOther,
  kBrokenPromises,
  kKeptPromises,
  kPayments90d,
  kLogPaid90d,
  kMonthsSincePayment,
  kAttempts30d,
  kConversations30d,
  kInbound90d,
  kHasValidMobile,
  kHasUsableEmail,
  kDisputed,
  kArrangementActive,
  kFeatureCount,  // not a feature: the length of the vector (32)
};

static_assert(kStageRecovery - kStageCurrent + 1 == domain::kStageCount);
static_assert(kProductOther - kProductCreditCard + 1 == domain::kProductCount);

using FeatureRow = std::span<double, kFeatureCount>;
using ConstFeatureRow = std::span<const double, kFeatureCount>;

// The snake_case name of feature `f` ("log_balance", "stage_mid", "product_credit_card", ...);
// "unknown" outside [0, kFeatureCount).
std::string_view FeatureName(int f);

// All names in vector order (kFeatureCount entries, static storage).
std::span<const std::string_view, kFeatureCount> FeatureNames();

// Fills `out` with the features of `account` at `now`. Every entry is written and finite.
// `history` is the debtor's contact history (events ascending in time, as ContactHistory keeps
// them).
void ExtractFeatures(const domain::Account& account, const domain::Debtor& debtor,
                     const domain::ContactHistory& history, Timestamp now, FeatureRow out);

}  // namespace recoup::segmentation

#endif  // RECOUP_CORE_SEGMENTATION_FEATURES_H_
