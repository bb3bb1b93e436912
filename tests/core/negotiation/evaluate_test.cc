// Evaluate's limits per kind of proposal: lump-sum discounts, fee waivers and the settlement floor
// (with their rounding), instalment counts and minimum payments, and capacity plans.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/negotiation/negotiation.h"
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

const LocalDate kToday(2026, 3, 4);          // a Wednesday
const LocalDate kLastGraceDay(2026, 3, 18);  // today + 14 days, a Wednesday

Policy With(const std::function<void(Policy&)>& mutate) {
  Policy p;
  mutate(p);
  return p;
}

struct Case {
  std::string name;
  Policy policy;
  domain::Account account;
  Proposal proposal;
  Verdict verdict;
  Reason reason;
  std::string total;  // of the offer ("" when escalating)
  int count = 0;      // instalments in the offer
  bool fees_waived = false;
};

void RunCases(const std::vector<Case>& cases) {
  const auto us = domain::HolidayCalendar::UsFederal();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Decision d = Evaluate(c.policy, c.account, c.proposal, kToday, us);
    EXPECT_EQ(d.verdict, c.verdict);
    EXPECT_EQ(ReasonName(d.reason), ReasonName(c.reason));
    if (c.verdict == Verdict::kEscalate) {
      EXPECT_TRUE(d.offer.schedule.empty());
      continue;
    }
    EXPECT_EQ(d.offer.total, M(c.total));
    EXPECT_EQ(d.offer.discount, c.account.balance.Total() - d.offer.total);
    EXPECT_EQ(d.offer.fees_waived, c.fees_waived);
    ASSERT_EQ(d.offer.schedule.size(), static_cast<size_t>(c.count));
    ExpectWellFormed(d.offer.schedule, d.offer.total, us);
    EXPECT_GE(d.offer.schedule.front().due, kToday);
    EXPECT_LE(d.offer.schedule.front().due, kLastGraceDay);
  }
}

TEST(LumpSumTest, DiscountsFeeWaiversAndTheFloor) {
  using V = Verdict;
  using R = Reason;
  const Policy def;
  const Policy no_waiver = With([](Policy& p) { p.fee_waiver_allowed = false; });
  const Policy half = With([](Policy& p) {
    p.max_lump_sum_discount_bp = 5000;
    p.approval_discount_bp = 5000;
  });
  const auto fees100 = Acct("900.00", "100.00", "1000.00");  // balance 1000, fees 100
  const auto nofees = Acct("1000.00", "0", "1000.00");
  const auto fees200 = Acct("800.00", "200.00", "1000.00");
  const auto odd = Acct("333.33", "0", "333.33");
  const LocalDate late = kToday + 30;
  RunCases({
      {"full amount", def, fees100, LumpSum("1000.00"), V::kAccept, R::kWithinLimits, "1000", 1},
      {"more than owed takes the balance", def, fees100, LumpSum("1200"), V::kAccept,
       R::kWithinLimits, "1000.00", 1},
      {"discount within fees", def, fees100, LumpSum("950.00"), V::kAccept, R::kFeesWaived,
       "950.00", 1, true},
      {"discount equal to fees and approval", def, fees100, LumpSum("900.00"), V::kAccept,
       R::kFeesWaived, "900.00", 1, true},
      {"just above approval", def, fees100, LumpSum("899.99"), V::kEscalate, R::kNeedsApproval, ""},
      {"max discount needs approval", def, fees100, LumpSum("850.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"beyond max", def, fees100, LumpSum("849.99"), V::kCounter, R::kDiscountTooLarge, "900.00",
       1, true},
      {"zero", def, fees100, LumpSum("0"), V::kCounter, R::kDiscountTooLarge, "900.00", 1, true},
      {"negative", def, fees100, LumpSum("-5"), V::kCounter, R::kDiscountTooLarge, "900", 1, true},
      {"within approval, no fees", def, nofees, LumpSum("905.00"), V::kAccept, R::kWithinLimits,
       "905.00", 1},
      {"at approval, no fees", def, nofees, LumpSum("900.00"), V::kAccept, R::kWithinLimits,
       "900.00", 1},
      {"beyond max, no fees", def, nofees, LumpSum("800"), V::kCounter, R::kDiscountTooLarge,
       "900.00", 1},
      {"below floor", def, Acct("1000.00", "0", "1300.00"), LumpSum("905.00"), V::kCounter,
       R::kBelowSettlementFloor, "910.00", 1},
      {"at floor", def, Acct("1000.00", "0", "1300.00"), LumpSum("910.00"), V::kAccept,
       R::kWithinLimits, "910.00", 1},
      {"no waiver: approval", no_waiver, fees200, LumpSum("850.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"no waiver: within approval", no_waiver, fees200, LumpSum("900.00"), V::kAccept,
       R::kWithinLimits, "900.00", 1},
      {"no waiver: beyond max", no_waiver, fees200, LumpSum("800.00"), V::kCounter,
       R::kDiscountTooLarge, "900.00", 1},
      {"all fees waived beyond approval", def, fees200, LumpSum("800.00"), V::kAccept,
       R::kFeesWaived, "800.00", 1, true},
      {"beyond fees and max", def, fees200, LumpSum("799.99"), V::kCounter, R::kDiscountTooLarge,
       "800.00", 1, true},
      {"floor beats fee waiver", def, Acct("800.00", "200.00", "1200.00"), LumpSum("800.00"),
       V::kCounter, R::kBelowSettlementFloor, "840.00", 1, true},
      {"balance under the floor", def, Acct("1000.00", "0", "2000.00"), LumpSum("990.00"),
       V::kCounter, R::kBelowSettlementFloor, "1000.00", 1},
      {"no original: floor on the balance", half, Acct("1000.00"), LumpSum("650.00"), V::kCounter,
       R::kBelowSettlementFloor, "700.00", 1},
      // 10% of 333.33 is 33.333: rounded down to 33.33; 15% is 49.9995: rounded down to 49.99.
      {"approval discount rounds down", def, odd, LumpSum("300.00"), V::kAccept, R::kWithinLimits,
       "300.00", 1},
      {"one cent over approval", def, odd, LumpSum("299.99"), V::kEscalate, R::kNeedsApproval, ""},
      {"max discount rounds down", def, odd, LumpSum("283.34"), V::kEscalate, R::kNeedsApproval,
       ""},
      {"one cent over max", def, odd, LumpSum("283.33"), V::kCounter, R::kDiscountTooLarge,
       "300.00", 1},
      // 70% of 333.33 is 233.331: the floor rounds up to 233.34.
      {"floor rounds up", half, odd, LumpSum("233.33"), V::kCounter, R::kBelowSettlementFloor,
       "233.34", 1},
      {"at the rounded floor", half, odd, LumpSum("233.34"), V::kAccept, R::kWithinLimits, "233.34",
       1},
      {"below the minimum payment", def, Acct("27.00"), LumpSum("24.50"), V::kCounter,
       R::kDiscountTooLarge, "25.00", 1},
      {"fee waiver, late", def, fees100, LumpSum("950.00", late), V::kCounter,
       R::kFirstPaymentTooLate, "950.00", 1, true},
      {"too large and late", def, nofees, LumpSum("700.00", late), V::kCounter,
       R::kDiscountTooLarge, "900.00", 1},
  });
}

TEST(InstalmentsTest, CountsAndMinimumPayments) {
  using V = Verdict;
  using R = Reason;
  const Policy def;
  const Policy max3 = With([](Policy& p) { p.max_instalments = 3; });
  const Policy min250 = With([](Policy& p) { p.min_payment = M("250"); });
  const LocalDate late = kToday + 20;
  RunCases({
      {"3 instalments", def, Acct("600.00"), Instalments(3), V::kAccept, R::kWithinLimits, "600.00",
       3},
      {"max instalments", def, Acct("600.00"), Instalments(6), V::kAccept, R::kWithinLimits,
       "600.00", 6},
      {"too many", def, Acct("600.00"), Instalments(12), V::kCounter, R::kTooManyInstalments,
       "600.00", 6},
      {"too many for a max of 3", max3, Acct("600.00"), Instalments(4), V::kCounter,
       R::kTooManyInstalments, "600.00", 3},
      {"zero is read as one", def, Acct("600.00"), Instalments(0), V::kAccept, R::kWithinLimits,
       "600.00", 1},
      {"stated amount fits", def, Acct("600.00"), Instalments(3, "200.00"), V::kAccept,
       R::kWithinLimits, "600.00", 3},
      {"stated amount more than needed", def, Acct("600.00"), Instalments(3, "250.00"), V::kAccept,
       R::kWithinLimits, "600.00", 3},
      {"below the minimum payment", def, Acct("100.00"), Instalments(6), V::kCounter,
       R::kInstalmentTooSmall, "100.00", 4},
      {"too many and too small", def, Acct("100.00"), Instalments(12), V::kCounter,
       R::kInstalmentTooSmall, "100.00", 4},
      {"raised minimum", min250, Acct("600.00"), Instalments(3), V::kCounter,
       R::kInstalmentTooSmall, "600.00", 2},
      {"3 x 33.33 is the even split", def, Acct("100.00"), Instalments(3, "33.33"), V::kAccept,
       R::kWithinLimits, "100.00", 3},
      {"6 x 166.66 is the even split", def, Acct("1000.00"), Instalments(6, "166.66"), V::kAccept,
       R::kWithinLimits, "1000.00", 6},
      {"small balance split", def, Acct("20.00"), Instalments(2), V::kCounter,
       R::kInstalmentTooSmall, "20.00", 1},
      {"small balance at once", def, Acct("20.00"), Instalments(1), V::kAccept, R::kWithinLimits,
       "20.00", 1},
      {"4 x 50 on 1000: longest plan", def, Acct("1000.00"), Instalments(4, "50"), V::kCounter,
       R::kInstalmentTooSmall, "1000.00", 6},
      {"4 x 200 on 1000: 5 x 200", def, Acct("1000.00"), Instalments(4, "200"), V::kCounter,
       R::kInstalmentTooSmall, "1000.00", 5},
      {"late", def, Acct("600.00"), Instalments(3, "0", late), V::kCounter, R::kFirstPaymentTooLate,
       "600.00", 3},
      {"too many and late", def, Acct("600.00"), Instalments(9, "0", late), V::kCounter,
       R::kTooManyInstalments, "600.00", 6},
      {"fees stay on plans", def, Acct("500.00", "100.00"), Instalments(3), V::kAccept,
       R::kWithinLimits, "600.00", 3},
  });
}

TEST(CapacityTest, FewestInstalmentsThatFit) {
  using V = Verdict;
  using R = Reason;
  const Policy def;
  const Policy floor50 = With([](Policy& p) { p.settlement_floor_bp = 5000; });
  const Policy no_waiver = With([](Policy& p) {
    p.settlement_floor_bp = 5000;
    p.fee_waiver_allowed = false;
  });
  const auto fees450 = Acct("550.00", "450.00");  // balance 1000
  RunCases({
      {"below the minimum payment", def, Acct("1000.00"), Capacity("10"), V::kEscalate,
       R::kCapacityTooLow, ""},
      {"nothing", def, Acct("1000.00"), Capacity("0"), V::kEscalate, R::kCapacityTooLow, ""},
      {"exactly 4 x 250", def, Acct("1000.00"), Capacity("250.00"), V::kAccept, R::kWithinLimits,
       "1000.00", 4},
      {"300 a month: 4 x 250", def, Acct("1000.00"), Capacity("300.00"), V::kCounter,
       R::kWithinLimits, "1000.00", 4},
      {"covers the balance", def, Acct("1000.00"), Capacity("1500"), V::kCounter, R::kWithinLimits,
       "1000.00", 1},
      {"exactly the balance", def, Acct("1000.00"), Capacity("1000"), V::kAccept, R::kWithinLimits,
       "1000.00", 1},
      {"needs more than max", def, Acct("1000.00"), Capacity("100.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"the minimum is not enough", def, Acct("1000.00"), Capacity("25.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"small balance below the minimum", def, Acct("20.00"), Capacity("20.00"), V::kAccept,
       R::kWithinLimits, "20.00", 1},
      {"small balance, smaller capacity", def, Acct("20.00"), Capacity("15.00"), V::kEscalate,
       R::kCapacityTooLow, ""},
      {"fees waived to fit", floor50, fees450, Capacity("100.00"), V::kCounter, R::kFeesWaived,
       "600.00", 6, true},
      {"the least waiver that fits", floor50, Acct("500.00", "450.00"), Capacity("150.00"),
       V::kCounter, R::kFeesWaived, "900.00", 6, true},
      {"waiver would break the floor", def, fees450, Capacity("100.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"waiver not allowed", no_waiver, fees450, Capacity("100.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"minimum splits badly: waive 5", def, Acct("25.00", "5.00"), Capacity("25.00"), V::kCounter,
       R::kFeesWaived, "25.00", 1, true},
      {"minimum splits badly: no fees", def, Acct("30.00"), Capacity("25.00"), V::kEscalate,
       R::kNeedsApproval, ""},
      {"exact but late", def, Acct("1000.00"), Capacity("250.00", kToday + 20), V::kCounter,
       R::kFirstPaymentTooLate, "1000.00", 4},
  });
}

TEST(EvaluateTest, SchedulesKeepTheDebtorsFrequency) {
  const auto us = domain::HolidayCalendar::UsFederal();
  Proposal weekly = Instalments(3);
  weekly.frequency = Frequency::kWeekly;
  Policy policy;
  policy.frequency = Frequency::kMonthly;
  const Decision w = Evaluate(policy, Acct("300.00"), weekly, kToday, us);
  ASSERT_EQ(w.offer.schedule.size(), 3u);
  EXPECT_EQ(w.offer.schedule[1].due, LocalDate(2026, 3, 11));
  EXPECT_EQ(w.offer.schedule[2].due, LocalDate(2026, 3, 18));
  Proposal biweekly = Capacity("100.00");
  biweekly.frequency = Frequency::kBiweekly;
  const Decision b = Evaluate(policy, Acct("300.00"), biweekly, kToday, us);
  EXPECT_EQ(b.verdict, Verdict::kAccept);
  ASSERT_EQ(b.offer.schedule.size(), 3u);
  EXPECT_EQ(b.offer.schedule[1].due, LocalDate(2026, 3, 18));
  EXPECT_EQ(b.offer.schedule[2].due, LocalDate(2026, 4, 1));
  // A countered plan keeps it too.
  Proposal many = Instalments(10);
  many.frequency = Frequency::kWeekly;
  const Decision m = Evaluate(policy, Acct("300.00"), many, kToday, us);
  EXPECT_EQ(m.reason, Reason::kTooManyInstalments);
  ASSERT_EQ(m.offer.schedule.size(), 6u);
  EXPECT_EQ(m.offer.schedule[5].due, LocalDate(2026, 4, 8));
}

}  // namespace
}  // namespace recoup::negotiation
