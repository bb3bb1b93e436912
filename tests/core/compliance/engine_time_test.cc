// Calling windows: Reg F's own examples for unknown or conflicting locations, DST transitions,
// designated inconvenient times, and the Colombian and Mexican windows.
#include <gtest/gtest.h>

#include "core/compliance/engine.h"
#include "tests/core/compliance/fixtures.h"

namespace recoup::compliance {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using domain::Debtor;

struct WindowCase {
  const char* name;
  Timestamp now;
  Verdict::Kind kind;
  Timestamp until;  // for defers
};

void Expect(const Debtor& debtor, const WindowCase& c, Rule rule = Rule::kTimeWindow) {
  const ComplianceEngine engine;
  const Verdict v = engine.Check(CallRequest(), Debt(), debtor, domain::ContactHistory{}, c.now);
  EXPECT_EQ(v.kind, c.kind) << c.name << ": " << RuleId(v.rule) << " " << v.reason;
  if (c.kind == Verdict::Kind::kDefer) {
    EXPECT_EQ(v.until, c.until) << c.name << ": until " << v.until.ToIso8601();
    EXPECT_EQ(v.rule, rule) << c.name;
  }
}

// Comment 6(b)(1)(i)-2: a mobile with an Eastern area code and a Pacific address: only 11:00-21:00
// Eastern (08:00 Pacific to 21:00 Eastern).
TEST(ComplianceTimeTest, EasternMobileAndPacificAddress) {
  Debtor d = Albany();
  d.address.region = "CA";
  d.address.postal_code = "94110";
  d.phones[0] = Mobile("+16175550100", 617);
  const WindowCase cases[] = {
      {"07:00 ET", At(2026, 11, 18, 7, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 18, 11, 0, -5)},
      {"10:59 ET", At(2026, 11, 18, 10, 59, -5), Verdict::Kind::kDefer, At(2026, 11, 18, 11, 0, -5)},
      {"11:00 ET", At(2026, 11, 18, 11, 0, -5), Verdict::Kind::kAllow, {}},
      {"20:59 ET", At(2026, 11, 18, 20, 59, -5), Verdict::Kind::kAllow, {}},
      {"21:00 ET", At(2026, 11, 18, 21, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 19, 11, 0, -5)},
  };
  for (const WindowCase& c : cases) Expect(d, c);
}

// Same comment: an Eastern mobile and a Mountain landline, location unknown: 10:00-21:00 Eastern.
TEST(ComplianceTimeTest, EasternMobileAndMountainLandline) {
  Debtor d = Albany();
  d.address = domain::Address{};
  d.phones[0] = Mobile("+16175550100", 617);
  domain::Phone landline = Mobile("+13035550100", 303);
  landline.type = domain::PhoneType::kLandline;
  d.phones.push_back(landline);
  const WindowCase cases[] = {
      {"09:59 ET", At(2026, 11, 18, 9, 59, -5), Verdict::Kind::kDefer, At(2026, 11, 18, 10, 0, -5)},
      {"10:00 ET", At(2026, 11, 18, 10, 0, -5), Verdict::Kind::kAllow, {}},
      {"20:59 ET", At(2026, 11, 18, 20, 59, -5), Verdict::Kind::kAllow, {}},
      {"21:00 ET", At(2026, 11, 18, 21, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 19, 10, 0, -5)},
  };
  for (const WindowCase& c : cases) Expect(d, c);
}

// The day after a DST change starts at a different UTC hour: the defer follows the local clock.
TEST(ComplianceTimeTest, DaylightSavingTransitions) {
  const Debtor d = Albany();
  const WindowCase cases[] = {
      // 2026-03-08 spring forward: 08:00 EDT is 12:00 UTC (it was 13:00 UTC the day before).
      {"sat 22:00 EST", At(2026, 3, 7, 22, 0, -5), Verdict::Kind::kDefer, At(2026, 3, 8, 8, 0, -4)},
      {"sun 07:59 EDT", At(2026, 3, 8, 7, 59, -4), Verdict::Kind::kDefer, At(2026, 3, 8, 8, 0, -4)},
      {"sun 08:00 EDT", At(2026, 3, 8, 8, 0, -4), Verdict::Kind::kAllow, {}},
      // 2026-11-01 fall back: 08:00 EST is 13:00 UTC.
      {"sat 22:00 EDT", At(2026, 10, 31, 22, 0, -4), Verdict::Kind::kDefer, At(2026, 11, 1, 8, 0, -5)},
      {"sun 07:30 EST", At(2026, 11, 1, 7, 30, -5), Verdict::Kind::kDefer, At(2026, 11, 1, 8, 0, -5)},
      {"sun 20:59 EST", At(2026, 11, 1, 20, 59, -5), Verdict::Kind::kAllow, {}},
      {"sun 21:00 EST", At(2026, 11, 1, 21, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 2, 8, 0, -5)},
  };
  for (const WindowCase& c : cases) Expect(d, c);
}

// Arizona keeps standard time but the Navajo Nation observes DST: in July the state spans UTC-7
// and UTC-6, so the window is 08:00 Phoenix (15:00 UTC) to 21:00 Denver (03:00 UTC).
TEST(ComplianceTimeTest, ArizonaIntersectsPhoenixAndNavajoTime) {
  Debtor d = Albany();
  d.address.region = "AZ";
  d.address.postal_code = "85004";
  d.phones[0] = Mobile("+16025550100", 602);
  const WindowCase cases[] = {
      {"07:59 MST", At(2026, 7, 15, 7, 59, -7), Verdict::Kind::kDefer, At(2026, 7, 15, 8, 0, -7)},
      {"08:00 MST", At(2026, 7, 15, 8, 0, -7), Verdict::Kind::kAllow, {}},
      {"19:59 MST", At(2026, 7, 15, 19, 59, -7), Verdict::Kind::kAllow, {}},
      {"20:00 MST", At(2026, 7, 15, 20, 0, -7), Verdict::Kind::kDefer, At(2026, 7, 16, 8, 0, -7)},
  };
  for (const WindowCase& c : cases) Expect(d, c);
}

TEST(ComplianceTimeTest, GeocodedZoneReplacesTheRegionsZones) {
  Debtor d = Albany();
  d.address.region = "FL";  // Eastern and Central
  d.address.time_zone = "America/New_York";
  d.phones[0] = Mobile("+13055550100", 305);  // Miami: Eastern
  Expect(d, {"08:00 ET", At(2026, 11, 18, 8, 0, -5), Verdict::Kind::kAllow, {}});
  d.address.time_zone.clear();  // the whole of Florida: Central's 08:00 is 09:00 Eastern
  Expect(d, {"08:00 ET", At(2026, 11, 18, 8, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 18, 9, 0, -5)});
}

// A zone that never changes offset exercises the open-ended first and last offset periods.
TEST(ComplianceTimeTest, ZoneWithoutTransitions) {
  Debtor d = Albany();
  d.address.time_zone = "Etc/GMT+5";  // POSIX sign: UTC-5 all year
  d.phones[0] = Mobile("+18005550100", 800);  // says nothing
  const WindowCase cases[] = {
      {"07:59", At(2026, 7, 15, 7, 59, -5), Verdict::Kind::kDefer, At(2026, 7, 15, 8, 0, -5)},
      {"08:00", At(2026, 7, 15, 8, 0, -5), Verdict::Kind::kAllow, {}},
      {"1960", At(1960, 7, 15, 22, 0, -5), Verdict::Kind::kDefer, At(1960, 7, 16, 8, 0, -5)},
  };
  for (const WindowCase& c : cases) Expect(d, c);
}

TEST(ComplianceTimeTest, DesignatedInconvenientTimes) {
  Debtor d = Albany();
  domain::InconvenientTime mornings;  // "not before 10 on weekdays"
  mornings.weekdays = 0x1f;
  mornings.start_minute = 0;
  mornings.end_minute = 10 * 60;
  domain::InconvenientTime sundays;   // "never on Sundays"
  sundays.weekdays = 1 << 6;
  d.inconvenient_times = {mornings, sundays};
  const WindowCase cases[] = {
      {"wed 09:00", At(2026, 11, 18, 9, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 18, 10, 0, -5)},
      {"wed 10:00", At(2026, 11, 18, 10, 0, -5), Verdict::Kind::kAllow, {}},
      {"sat 08:30", At(2026, 11, 21, 8, 30, -5), Verdict::Kind::kAllow, {}},
      {"sun 12:00", At(2026, 11, 22, 12, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 23, 10, 0, -5)},
  };
  for (const WindowCase& c : cases) Expect(d, c, Rule::kInconvenientTime);
}

TEST(ComplianceTimeTest, ConsentToInconvenientHoursLiftsTheWindow) {
  Debtor d = Albany();
  d.consented_to_inconvenient_hours = true;
  Expect(d, {"06:00", At(2026, 11, 18, 6, 0, -5), Verdict::Kind::kAllow, {}});
}

TEST(ComplianceTimeTest, ColombiaAndMexicoWindows) {
  Debtor co = Albany();
  co.address.country = "CO";
  co.address.region.clear();
  co.phones[0] = Mobile("+573005550100", 0);
  const WindowCase colombia[] = {  // Bogota is UTC-5 all year
      {"fri 06:59", At(2026, 11, 20, 6, 59, -5), Verdict::Kind::kDefer, At(2026, 11, 20, 7, 0, -5)},
      {"fri 18:59", At(2026, 11, 20, 18, 59, -5), Verdict::Kind::kAllow, {}},
      {"fri 19:00", At(2026, 11, 20, 19, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 21, 8, 0, -5)},
      {"sat 15:00", At(2026, 11, 21, 15, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 23, 7, 0, -5)},
      {"sun 12:00", At(2026, 11, 22, 12, 0, -5), Verdict::Kind::kDefer, At(2026, 11, 23, 7, 0, -5)},
  };
  for (const WindowCase& c : colombia) Expect(co, c);
  Debtor mx = co;
  mx.address.country = "MX";
  mx.address.time_zone = "America/Mexico_City";  // UTC-6, no DST since 2022
  mx.phones[0] = Mobile("+525555550100", 0);
  Expect(mx, {"21:59", At(2026, 7, 15, 21, 59, -6), Verdict::Kind::kAllow, {}});
  Expect(mx, {"22:00", At(2026, 7, 15, 22, 0, -6), Verdict::Kind::kDefer, At(2026, 7, 16, 7, 0, -6)});
}

TEST(ComplianceTimeTest, LettersHaveNoWindowAndTextsUseTheTimeSent) {
  const ComplianceEngine engine;
  const Debtor d = Albany();
  const Timestamp night = At(2026, 11, 18, 23, 0, -5);
  EXPECT_TRUE(engine.Check(Request(domain::Channel::kLetter), Debt(), d, {}, night).allowed());
  const Verdict sms = engine.Check(Request(domain::Channel::kSms), Debt(), d, {}, night);
  EXPECT_EQ(sms.kind, Verdict::Kind::kDefer);
  EXPECT_EQ(sms.until, At(2026, 11, 19, 8, 0, -5));
  const Verdict email = engine.Check(Request(domain::Channel::kEmail), Debt(), d, {}, night);
  EXPECT_EQ(email.kind, Verdict::Kind::kDefer);
}

TEST(ComplianceTimeTest, UnknownLocationFailsClosed) {
  const ComplianceEngine engine;
  Debtor d = Albany();
  d.address = domain::Address{};
  d.phones[0] = Mobile("+18005550100", 800);  // toll-free: says nothing about location
  Verdict v = engine.Check(CallRequest(), Debt(), d, {}, At(2026, 11, 18, 12, 0, -5));
  EXPECT_EQ(v.kind, Verdict::Kind::kDeny);
  EXPECT_EQ(v.rule, Rule::kDataLocation);
  d.address.time_zone = "Mars/Olympus_Mons";  // not in the database
  v = engine.Check(CallRequest(), Debt(), d, {}, At(2026, 11, 18, 12, 0, -5));
  EXPECT_EQ(v.rule, Rule::kDataLocation);
}

}  // namespace
}  // namespace recoup::compliance
