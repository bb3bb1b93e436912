#include "core/segmentation/features.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace recoup::segmentation {
namespace {

constexpr std::array<std::string_view, kFeatureCount> kNames = {
    "log_balance",
    "log_original_balance",
    "balance_ratio",
    "fee_interest_share",
    "months_past_due",
    "stage_current",
    "stage_early",
    "stage_mid",
    "stage_late",
    "stage_recovery",
    "product_credit_card",
    "product_personal_loan",
    "product_auto_loan",
    "product_utility",
    "product_telecom",
    "product_medical",
    "product_student_loan",
    "product_mortgage",
    "product_bnpl",
    "product_other",
    "broken_promises",
    "kept_promises",
    "payments_90d",
    "log_paid_90d",
    "months_since_payment",
    "attempts_30d",
    "conversations_30d",
    "inbound_90d",
    "has_valid_mobile",
    "has_usable_email",
    "disputed",
    "arrangement_active",
};

constexpr double kMonthDays = 30.0;
constexpr double kMaxMonthsSincePayment = 12.0;

double Indicator(bool b) { return b ? 1.0 : 0.0; }

bool IsValidMobile(const domain::Phone& p) {
  return (p.type == domain::PhoneType::kMobile || p.type == domain::PhoneType::kUnknown) &&
         !p.wrong_number && !p.calls_opted_out;
}

bool IsUsableEmail(const domain::Email& e) {
  return !e.opted_out && e.provenance != domain::EmailProvenance::kUnknown;
}

}  // namespace

std::string_view FeatureName(int f) {
  if (f < 0 || f >= kFeatureCount) return "unknown";
  return kNames[static_cast<std::size_t>(f)];
}

std::span<const std::string_view, kFeatureCount> FeatureNames() { return kNames; }

void ExtractFeatures(const domain::Account& account, const domain::Debtor& debtor,
                     const domain::ContactHistory& history, Timestamp now, FeatureRow out) {
  const int decimals = account.currency_decimals;
  const Money total = account.balance.Total();
  const double balance = std::max(0.0, total.ToMajorDouble(decimals));
  const double original = std::max(0.0, account.original_balance.ToMajorDouble(decimals));
  out[kLogBalance] = std::log1p(balance);
  out[kLogOriginalBalance] = std::log1p(original);
  out[kBalanceRatio] = original > 0.0 ? std::clamp(balance / original, 0.0, 2.0) : 1.0;
  const double extras = (account.balance.fees + account.balance.interest).ToMajorDouble(decimals);
  out[kFeeInterestShare] = balance > 0.0 ? std::clamp(extras / balance, 0.0, 1.0) : 0.0;
  out[kMonthsPastDue] = static_cast<double>(std::max(0, account.days_past_due)) / kMonthDays;

  for (int i = kStageCurrent; i <= kStageRecovery; ++i) out[i] = 0.0;
  out[kStageCurrent + static_cast<int>(account.stage())] = 1.0;
  for (int i = kProductCreditCard; i <= kProductOther; ++i) out[i] = 0.0;
  const int product = std::min(static_cast<int>(account.product), domain::kProductCount - 1);
  out[kProductCreditCard + product] = 1.0;

  out[kBrokenPromises] = static_cast<double>(account.broken_promises);
  int kept = 0;
  for (const domain::PromiseToPay& p : account.promises) {
    kept += p.state == domain::PromiseToPay::State::kKept ? 1 : 0;
  }
  out[kKeptPromises] = static_cast<double>(kept);

  const Timestamp since90 = now - Duration::Days(90);
  const Timestamp since30 = now - Duration::Days(30);
  int payments = 0;
  Money paid;
  for (const domain::Payment& p : account.payments) {
    if (p.time > since90 && p.time <= now) {
      ++payments;
      paid += p.amount;
    }
  }
  out[kPayments90d] = static_cast<double>(payments);
  out[kLogPaid90d] = std::log1p(std::max(0.0, paid.ToMajorDouble(decimals)));
  double months_since = kMaxMonthsSincePayment;
  if (account.last_payment != Timestamp::InfinitePast() && account.last_payment <= now) {
    const int64_t days = (now - account.last_payment) / Duration::Days(1);
    months_since = std::min(kMaxMonthsSincePayment, static_cast<double>(days) / kMonthDays);
  }
  out[kMonthsSincePayment] = months_since;

  // Events are ascending: walk back from the newest until the 90-day window closes.
  int attempts = 0;
  int conversations = 0;
  int inbound = 0;
  for (auto it = history.events.rbegin(); it != history.events.rend(); ++it) {
    const domain::ContactEvent& e = *it;
    if (e.time <= since90) break;
    if (e.time > now) continue;
    if (e.initiated_by_consumer) {
      ++inbound;
      continue;
    }
    if (e.time > since30 && e.debts.Contains(account.id)) {
      ++attempts;
      if (e.outcome == domain::Outcome::kConversation &&
          e.recipient == domain::Recipient::kConsumer) {
        ++conversations;
      }
    }
  }
  out[kAttempts30d] = static_cast<double>(attempts);
  out[kConversations30d] = static_cast<double>(conversations);
  out[kInbound90d] = static_cast<double>(inbound);

  bool mobile = false;
  for (const domain::Phone& p : debtor.phones) mobile = mobile || IsValidMobile(p);
  out[kHasValidMobile] = Indicator(mobile && !debtor.calls_opted_out);
  bool email = false;
  for (const domain::Email& e : debtor.emails) email = email || IsUsableEmail(e);
  out[kHasUsableEmail] = Indicator(email && !debtor.emails_opted_out);
  out[kDisputed] = Indicator(account.dispute != domain::DisputeStatus::kNone);
  out[kArrangementActive] = Indicator(account.arrangement.active);
}

}  // namespace recoup::segmentation
