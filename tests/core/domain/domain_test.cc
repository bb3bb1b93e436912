#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"

namespace recoup::domain {
namespace {

TEST(DomainTest, StageFromDaysPastDue) {
  EXPECT_EQ(StageFor(0, false), Stage::kCurrent);
  EXPECT_EQ(StageFor(1, false), Stage::kEarly);
  EXPECT_EQ(StageFor(30, false), Stage::kEarly);
  EXPECT_EQ(StageFor(31, false), Stage::kMid);
  EXPECT_EQ(StageFor(60, false), Stage::kMid);
  EXPECT_EQ(StageFor(61, false), Stage::kLate);
  EXPECT_EQ(StageFor(10, true), Stage::kRecovery);
  EXPECT_EQ(StageName(Stage::kMid), "mid");
  EXPECT_EQ(ProductName(Product::kBuyNowPayLater), "bnpl");
  EXPECT_EQ(ChannelName(Channel::kSms), "sms");
  // WhatsApp was appended: stored channel values of the others did not move.
  EXPECT_EQ(ChannelName(Channel::kWhatsApp), "whatsapp");
  EXPECT_EQ(static_cast<int>(Channel::kLetter), 3);
  EXPECT_EQ(static_cast<int>(Channel::kWhatsApp), kChannelCount - 1);
  for (int c = 0; c < kChannelCount; ++c) {
    EXPECT_NE(ChannelName(static_cast<Channel>(c)), "unknown") << c;
  }
  EXPECT_TRUE(IsPhoneChannel(Channel::kWhatsApp));
  EXPECT_TRUE(IsPhoneChannel(Channel::kSms));
  EXPECT_FALSE(IsPhoneChannel(Channel::kEmail));
  EXPECT_FALSE(IsPhoneChannel(Channel::kLetter));
}

TEST(DomainTest, HistoryStaysSortedAndStable) {
  ContactHistory h;
  const Timestamp t0 = Timestamp::FromCivilUtc(2026, 11, 2, 15);
  ContactEvent a;
  a.time = t0 + Duration::Hours(2);
  ContactEvent b;
  b.time = t0;
  ContactEvent c = a;
  c.outcome = Outcome::kConversation;
  h.Record(a);
  h.Record(b);
  h.Record(c);
  ASSERT_EQ(h.events.size(), 3u);
  EXPECT_EQ(h.events[0].time, t0);
  EXPECT_EQ(h.events[1].outcome, Outcome::kNoAnswer);     // a, recorded before c at the same time
  EXPECT_EQ(h.events[2].outcome, Outcome::kConversation);
}

TEST(DomainTest, DebtSetHoldsUpToFourDistinctDebts) {
  DebtSet s;
  EXPECT_TRUE(s.Add(7));
  EXPECT_TRUE(s.Add(7));
  EXPECT_EQ(s.size(), 1);
  EXPECT_TRUE(s.Add(8));
  EXPECT_TRUE(s.Add(9));
  EXPECT_TRUE(s.Add(10));
  EXPECT_FALSE(s.Add(11));
  EXPECT_TRUE(s.Contains(10));
  EXPECT_FALSE(s.Contains(11));
  EXPECT_EQ(s.size(), 4);
  EXPECT_EQ(s[0], 7u);
  EXPECT_EQ(s[3], 10u);
}

TEST(DomainTest, DebtSetCopiesAndMovesKeepEveryDebt) {
  DebtSet one;
  EXPECT_TRUE(one.empty());
  EXPECT_FALSE(one.Contains(0));  // an empty set holds no id, not even 0
  one.Add(0);
  EXPECT_TRUE(one.Contains(0));
  DebtSet many;
  for (AccountId id : {5u, 6u, 7u}) many.Add(id);
  DebtSet copy = many;  // deep: changing the copy leaves the original alone
  copy.Add(8);
  EXPECT_EQ(many.size(), 3);
  EXPECT_FALSE(many.Contains(8));
  EXPECT_TRUE(copy.Contains(8));
  DebtSet moved = std::move(copy);
  EXPECT_EQ(moved.size(), 4);
  EXPECT_TRUE(moved.Contains(5) && moved.Contains(8));
  moved = one;  // a heap set assigned an inline one
  EXPECT_EQ(moved.size(), 1);
  EXPECT_TRUE(moved.Contains(0));
  one = many;   // and the other way round
  EXPECT_EQ(one.size(), 3);
  EXPECT_TRUE(one.Contains(7));
  const DebtSet& same = one;
  one = same;   // self-assignment keeps the set
  EXPECT_EQ(one.size(), 3);
  std::vector<ContactEvent> events(3);
  events[1].debts = many;
  events.insert(events.begin(), ContactEvent{});  // moves the events with their heap sets
  EXPECT_TRUE(events[2].debts.Contains(6));
  EXPECT_EQ(sizeof(ContactEvent), 24u);
}

TEST(DomainTest, ConsentActiveWindowAndBalanceTotal) {
  const Timestamp t = Timestamp::FromCivilUtc(2026, 1, 1);
  Consent c{.source = ConsentSource::kCreditTransaction, .given = t, .revoked = t + Duration::Days(3)};
  EXPECT_FALSE(c.ActiveAt(t - Duration::Seconds(1)));
  EXPECT_TRUE(c.ActiveAt(t));
  EXPECT_FALSE(c.ActiveAt(t + Duration::Days(3)));
  EXPECT_FALSE(Consent{}.ActiveAt(t));
  Balance b{Money::FromMinorUnits(10000), Money::FromMinorUnits(2500), Money::FromMinorUnits(130)};
  EXPECT_EQ(b.Total(), Money::FromMinorUnits(12630));
}

}  // namespace
}  // namespace recoup::domain
