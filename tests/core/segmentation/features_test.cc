#include "core/segmentation/features.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>
#include <string>

namespace recoup::segmentation {
namespace {

using domain::Account;
using domain::ContactEvent;
using domain::ContactHistory;
using domain::Debtor;

const Timestamp kNow = Timestamp::FromCivilUtc(2026, 6, 15, 12);

std::array<double, kFeatureCount> Extract(const Account& a, const Debtor& d,
                                          const ContactHistory& h) {
  std::array<double, kFeatureCount> x;
  x.fill(-999.0);  // every entry must be overwritten
  ExtractFeatures(a, d, h, kNow, x);
  return x;
}

TEST(FeaturesTest, NamesAreUniqueAndIndexed) {
  std::set<std::string> names;
  for (int i = 0; i < kFeatureCount; ++i) names.insert(std::string(FeatureName(i)));
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kFeatureCount));
  EXPECT_EQ(kFeatureCount, 32);
  EXPECT_EQ(FeatureName(kLogBalance), "log_balance");
  EXPECT_EQ(FeatureName(kStageMid), "stage_mid");
  EXPECT_EQ(FeatureName(kProductBuyNowPayLater), "product_bnpl");
  EXPECT_EQ(FeatureName(kArrangementActive), "arrangement_active");
  EXPECT_EQ(FeatureName(kFeatureCount), "unknown");
  EXPECT_EQ(FeatureName(-1), "unknown");
  EXPECT_EQ(FeatureNames()[kHasValidMobile], "has_valid_mobile");
}

TEST(FeaturesTest, BalanceDelinquencyAndOneHots) {
  Account a;
  a.id = 7;
  a.balance.principal = Money::FromMajorUnits(900);
  a.balance.fees = Money::FromMajorUnits(100);
  a.original_balance = Money::FromMajorUnits(2000);
  a.days_past_due = 45;
  a.product = domain::Product::kTelecom;
  const auto x = Extract(a, Debtor{}, ContactHistory{});
  EXPECT_DOUBLE_EQ(x[kLogBalance], std::log1p(1000.0));
  EXPECT_DOUBLE_EQ(x[kLogOriginalBalance], std::log1p(2000.0));
  EXPECT_DOUBLE_EQ(x[kBalanceRatio], 0.5);
  EXPECT_DOUBLE_EQ(x[kFeeInterestShare], 0.1);
  EXPECT_DOUBLE_EQ(x[kMonthsPastDue], 1.5);
  for (int i = kStageCurrent; i <= kStageRecovery; ++i) EXPECT_EQ(x[i], i == kStageMid ? 1.0 : 0.0);
  for (int i = kProductCreditCard; i <= kProductOther; ++i) {
    EXPECT_EQ(x[i], i == kProductTelecom ? 1.0 : 0.0) << FeatureName(i);
  }
  EXPECT_EQ(x[kMonthsSincePayment], 12.0);  // never paid
  for (double v : x) EXPECT_TRUE(std::isfinite(v));
}

TEST(FeaturesTest, ZeroOriginalBalanceAndChargedOff) {
  Account a;
  a.days_past_due = 200;
  a.charged_off = true;
  const auto x = Extract(a, Debtor{}, ContactHistory{});
  EXPECT_EQ(x[kBalanceRatio], 1.0);
  EXPECT_EQ(x[kFeeInterestShare], 0.0);
  EXPECT_EQ(x[kStageRecovery], 1.0);
  EXPECT_EQ(x[kLogBalance], 0.0);
}

TEST(FeaturesTest, PaymentsAndPromisesInWindows) {
  Account a;
  a.broken_promises = 2;
  a.promises.resize(3);
  a.promises[0].state = domain::PromiseToPay::State::kKept;
  a.promises[2].state = domain::PromiseToPay::State::kKept;
  a.payments = {{kNow - Duration::Days(10), Money::FromMajorUnits(50)},
                {kNow - Duration::Days(89), Money::FromMajorUnits(49)},
                {kNow - Duration::Days(90), Money::FromMajorUnits(1000)},  // outside (now-90d, now]
                {kNow + Duration::Days(1), Money::FromMajorUnits(1000)}};  // future: ignored
  a.last_payment = kNow - Duration::Days(45);
  const auto x = Extract(a, Debtor{}, ContactHistory{});
  EXPECT_EQ(x[kBrokenPromises], 2.0);
  EXPECT_EQ(x[kKeptPromises], 2.0);
  EXPECT_EQ(x[kPayments90d], 2.0);
  EXPECT_DOUBLE_EQ(x[kLogPaid90d], std::log1p(99.0));
  EXPECT_DOUBLE_EQ(x[kMonthsSincePayment], 1.5);
}

TEST(FeaturesTest, ContactCountsByWindowAccountAndInitiator) {
  Account a;
  a.id = 11;
  ContactHistory h;
  auto ev = [&](int days_ago, domain::Outcome o, bool inbound, domain::AccountId debt) {
    ContactEvent e;
    e.time = kNow - Duration::Days(days_ago);
    e.outcome = o;
    e.initiated_by_consumer = inbound;
    if (debt != 0) e.debts.Add(debt);
    h.Record(e);
  };
  ev(1, domain::Outcome::kNoAnswer, false, 11);
  ev(2, domain::Outcome::kConversation, false, 11);
  ev(3, domain::Outcome::kConversation, false, 12);  // another debt
  ev(40, domain::Outcome::kNoAnswer, false, 11);     // outside 30 days
  ev(5, domain::Outcome::kInboundFromConsumer, true, 0);
  ev(80, domain::Outcome::kInboundFromConsumer, true, 0);
  ev(100, domain::Outcome::kInboundFromConsumer, true, 0);  // outside 90 days
  const auto x = Extract(a, Debtor{}, h);
  EXPECT_EQ(x[kAttempts30d], 2.0);
  EXPECT_EQ(x[kConversations30d], 1.0);
  EXPECT_EQ(x[kInbound90d], 2.0);
}

TEST(FeaturesTest, ContactabilityFlags) {
  struct Case {
    const char* name;
    domain::PhoneType type;
    bool wrong;
    bool opted_out;
    bool person_opted_out;
    double want;
  };
  const Case cases[] = {
      {"mobile", domain::PhoneType::kMobile, false, false, false, 1.0},
      {"unknown type counts as mobile", domain::PhoneType::kUnknown, false, false, false, 1.0},
      {"landline", domain::PhoneType::kLandline, false, false, false, 0.0},
      {"wrong number", domain::PhoneType::kMobile, true, false, false, 0.0},
      {"number opted out", domain::PhoneType::kMobile, false, true, false, 0.0},
      {"person opted out", domain::PhoneType::kMobile, false, false, true, 0.0},
  };
  for (const Case& c : cases) {
    Debtor d;
    d.phones.resize(1);
    d.phones[0].type = c.type;
    d.phones[0].wrong_number = c.wrong;
    d.phones[0].calls_opted_out = c.opted_out;
    d.calls_opted_out = c.person_opted_out;
    EXPECT_EQ(Extract(Account{}, d, ContactHistory{})[kHasValidMobile], c.want) << c.name;
  }
  Debtor d;
  d.emails.resize(1);
  EXPECT_EQ(Extract(Account{}, d, {})[kHasUsableEmail], 0.0);  // unknown provenance
  d.emails[0].provenance = domain::EmailProvenance::kConsumerUsed;
  EXPECT_EQ(Extract(Account{}, d, {})[kHasUsableEmail], 1.0);
  d.emails_opted_out = true;
  EXPECT_EQ(Extract(Account{}, d, {})[kHasUsableEmail], 0.0);
  Account a;
  a.dispute = domain::DisputeStatus::kOpen;
  a.arrangement.active = true;
  const auto x = Extract(a, Debtor{}, {});
  EXPECT_EQ(x[kDisputed], 1.0);
  EXPECT_EQ(x[kArrangementActive], 1.0);
}

}  // namespace
}  // namespace recoup::segmentation
