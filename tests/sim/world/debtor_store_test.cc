// DebtorStore (sim/world/debtor_store.h): every debtor comes back exactly as stored, packed or kept
// whole, after appends and rewrites; a generated portfolio packs small.
#include "sim/world/debtor_store.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

#include "core/base/time.h"
#include "sim/world/portfolio.h"

namespace recoup::sim::world {
namespace {

using domain::Consent;
using domain::ConsentSource;
using domain::Debtor;

const Timestamp kT = Timestamp::FromCivilUtc(2026, 3, 2, 9, 30);

auto Key(const Consent& c) { return std::tuple(c.source, c.given, c.revoked); }

// Field-by-field equality with a message naming the first difference.
::testing::AssertionResult Same(const Debtor& a, const Debtor& b) {
  const auto fail = [](const std::string& what) { return ::testing::AssertionFailure() << what; };
  if (a.id != b.id) return fail("id");
  if (a.name != b.name) return fail("name");
  if (a.address.country != b.address.country || a.address.region != b.address.region ||
      a.address.postal_code != b.address.postal_code ||
      a.address.time_zone != b.address.time_zone) {
    return fail("address");
  }
  if (a.known_time_zones != b.known_time_zones) return fail("known_time_zones");
  if (a.inconvenient_times.size() != b.inconvenient_times.size()) return fail("inconvenient");
  for (std::size_t k = 0; k < a.inconvenient_times.size(); ++k) {
    const auto& x = a.inconvenient_times[k];
    const auto& y = b.inconvenient_times[k];
    if (std::tuple(x.weekdays, x.start_minute, x.end_minute) !=
        std::tuple(y.weekdays, y.start_minute, y.end_minute)) {
      return fail("inconvenient_times[" + std::to_string(k) + "]");
    }
  }
  if (std::tuple(a.no_contact_at_work, a.calls_opted_out, a.texts_opted_out, a.whatsapp_opted_out,
                 a.emails_opted_out, a.deceased, a.bankruptcy, a.scra_active_duty,
                 a.capacity_hold, a.vulnerable, a.consented_to_inconvenient_hours) !=
      std::tuple(b.no_contact_at_work, b.calls_opted_out, b.texts_opted_out, b.whatsapp_opted_out,
                 b.emails_opted_out, b.deceased, b.bankruptcy, b.scra_active_duty,
                 b.capacity_hold, b.vulnerable, b.consented_to_inconvenient_hours)) {
    return fail("person flags");
  }
  if (a.breathing_space_until != b.breathing_space_until) return fail("breathing_space_until");
  if (a.phones.size() != b.phones.size()) return fail("phone count");
  for (std::size_t k = 0; k < a.phones.size(); ++k) {
    const domain::Phone& x = a.phones[k];
    const domain::Phone& y = b.phones[k];
    if (std::tuple(x.e164, x.area_code, x.type, x.place, x.wrong_number, x.calls_opted_out,
                   x.texts_opted_out, x.whatsapp_opted_out, Key(x.robocall_consent),
                   Key(x.sms_consent), Key(x.whatsapp_consent), x.last_text_consent_or_inbound,
                   x.reassigned_check_clean) !=
        std::tuple(y.e164, y.area_code, y.type, y.place, y.wrong_number, y.calls_opted_out,
                   y.texts_opted_out, y.whatsapp_opted_out, Key(y.robocall_consent),
                   Key(y.sms_consent), Key(y.whatsapp_consent), y.last_text_consent_or_inbound,
                   y.reassigned_check_clean)) {
      return fail("phones[" + std::to_string(k) + "]");
    }
  }
  if (a.emails.size() != b.emails.size()) return fail("e-mail count");
  for (std::size_t k = 0; k < a.emails.size(); ++k) {
    const domain::Email& x = a.emails[k];
    const domain::Email& y = b.emails[k];
    if (std::tuple(x.address, x.provenance, x.notice_sent, x.notice_optout_deadline,
                   x.employer_provided, x.opted_out, Key(x.written_consent)) !=
        std::tuple(y.address, y.provenance, y.notice_sent, y.notice_optout_deadline,
                   y.employer_provided, y.opted_out, Key(y.written_consent))) {
      return fail("emails[" + std::to_string(k) + "]");
    }
  }
  return ::testing::AssertionSuccess();
}

// A debtor with every field at its default but the id.
Debtor WithId(domain::PersonId id) {
  Debtor d;
  d.id = id;
  return d;
}

// A debtor with every field set away from its default.
Debtor Full(domain::PersonId id) {
  Debtor d;
  d.id = id;
  d.name = "A. Person With A Long Name";
  d.address = {"US", "MA", "02139-4307", "America/New_York"};
  d.known_time_zones = {"America/Chicago", "Europe/London"};
  d.inconvenient_times.push_back({0x60, 9 * 60, 10 * 60});
  d.no_contact_at_work = true;
  d.calls_opted_out = true;
  d.texts_opted_out = true;
  d.whatsapp_opted_out = true;
  d.emails_opted_out = true;
  d.deceased = true;
  d.bankruptcy = true;
  d.scra_active_duty = true;
  d.capacity_hold = true;
  d.vulnerable = true;
  d.consented_to_inconvenient_hours = true;
  d.breathing_space_until = kT + Duration::Hours(24 * 60);
  domain::Phone& p = d.phones.emplace_back();
  p.e164 = "+16175550123";
  p.area_code = 617;
  p.type = domain::PhoneType::kVoip;
  p.place = domain::Place::kWork;
  p.wrong_number = true;
  p.calls_opted_out = true;
  p.texts_opted_out = true;
  p.whatsapp_opted_out = true;
  p.robocall_consent = {ConsentSource::kWritten, kT, kT + Duration::Hours(5)};
  p.sms_consent = {ConsentSource::kGivenToCollector, kT - Duration::Hours(1),
                   Timestamp::InfiniteFuture()};
  p.whatsapp_consent = {ConsentSource::kCreditTransaction, kT, kT + Duration::Seconds(1)};
  p.last_text_consent_or_inbound = kT + Duration::Minutes(3);
  p.reassigned_check_clean = kT - Duration::Hours(48);
  domain::Phone& empty = d.phones.emplace_back();  // no number
  empty.type = domain::PhoneType::kLandline;
  domain::Email& e = d.emails.emplace_back();
  e.address = "a.person.with.a.long.address@example.org";
  e.provenance = domain::EmailProvenance::kCreditorNotice;
  e.notice_sent = kT;
  e.notice_optout_deadline = kT + Duration::Hours(24 * 35);
  e.employer_provided = true;
  e.opted_out = true;
  e.written_consent = {ConsentSource::kWritten, kT, Timestamp::InfiniteFuture()};
  d.emails.push_back({});  // all defaults
  return d;
}

TEST(DebtorStoreTest, EveryFieldRoundTrips) {
  DebtorStore store;
  store.Append(WithId(1));
  store.Append(Full(2));
  ASSERT_EQ(store.size(), 2u);
  EXPECT_TRUE(Same(store.Get(0), WithId(1)));
  EXPECT_TRUE(Same(store.Get(1), Full(2)));
  EXPECT_EQ(store.IdOf(1), 2u);
  EXPECT_EQ(store.UnpackedCount(), 0u);
}

TEST(DebtorStoreTest, ReadReusesAndOverwritesTheTarget) {
  DebtorStore store;
  store.Append(Full(1));
  store.Append(WithId(2));
  Debtor scratch;
  store.Read(0, &scratch);
  EXPECT_TRUE(Same(scratch, Full(1)));
  store.Read(1, &scratch);  // nothing of debtor 1 may remain
  EXPECT_TRUE(Same(scratch, WithId(2)));
  store.Read(0, &scratch);
  EXPECT_TRUE(Same(scratch, Full(1)));
}

TEST(DebtorStoreTest, WritesReplaceOneDebtorOnly) {
  DebtorStore store;
  for (domain::PersonId id = 1; id <= 3; ++id) store.Append(Full(id));
  Debtor d = store.Get(1);
  d.phones[0].wrong_number = false;
  d.phones[0].sms_consent.revoked = kT + Duration::Minutes(7);
  d.emails[0].opted_out = false;
  d.emails[0].address = "changed@example.org";
  d.bankruptcy = false;
  d.address.region = "NY";
  d.inconvenient_times.clear();
  store.Write(1, d);
  EXPECT_TRUE(Same(store.Get(1), d));
  EXPECT_TRUE(Same(store.Get(0), Full(1)));
  EXPECT_TRUE(Same(store.Get(2), Full(3)));
  // More phones and e-mails than before, then fewer.
  d.phones.push_back(d.phones[0]);
  d.phones.back().e164 = "+447700900123";
  d.emails.push_back(d.emails[0]);
  store.Write(1, d);
  EXPECT_TRUE(Same(store.Get(1), d));
  d.phones.resize(1);
  d.emails.clear();
  store.Write(1, d);
  EXPECT_TRUE(Same(store.Get(1), d));
  EXPECT_TRUE(Same(store.Get(2), Full(3)));
}

// What the packed layout cannot hold is kept whole, and still comes back exactly; writing a
// packable value later packs it again.
TEST(DebtorStoreTest, UnpackableDebtorsAreKeptWhole) {
  std::vector<Debtor> odd;
  odd.push_back(Full(99));  // not id index + 1
  odd.push_back(Full(2));
  odd.back().phones[0].e164 = "617-555-0123";  // not E.164
  odd.push_back(Full(3));
  odd.back().phones[0].e164 = "+06175550123";  // a leading 0 would not survive
  odd.push_back(Full(4));
  odd.back().phones[0].e164 = "+1234567890123456789";  // 19 digits
  odd.push_back(Full(5));
  odd.back().phones[0].area_code = 70000;
  odd.push_back(Full(6));
  odd.back().phones.resize(300);
  DebtorStore store;
  for (const Debtor& d : odd) store.Append(d);
  EXPECT_EQ(store.UnpackedCount(), odd.size());
  for (std::size_t k = 0; k < odd.size(); ++k) {
    EXPECT_TRUE(Same(store.Get(k), odd[k])) << k;
  }
  EXPECT_EQ(store.IdOf(0), 99u);
  store.Write(1, Full(2));
  EXPECT_EQ(store.UnpackedCount(), odd.size() - 1);
  EXPECT_TRUE(Same(store.Get(1), Full(2)));
  // And back: a packed debtor rewritten with an unpackable value.
  store.Write(1, odd[1]);
  EXPECT_TRUE(Same(store.Get(1), odd[1]));
  EXPECT_TRUE(Same(store.Get(2), odd[2]));
}

TEST(DebtorStoreTest, CopiesAreIndependent) {
  DebtorStore store;
  store.Append(Full(1));
  DebtorStore copy = store;
  Debtor d = Full(1);
  d.deceased = false;
  d.phones[0].robocall_consent.revoked = kT;
  store.Write(0, d);
  EXPECT_TRUE(Same(copy.Get(0), Full(1)));
  EXPECT_TRUE(Same(store.Get(0), d));
  copy.Append(Full(2));  // the copy's tables work on their own
  EXPECT_TRUE(Same(copy.Get(1), Full(2)));
  EXPECT_EQ(store.size(), 1u);
}

// A generated portfolio (with postal codes and known zones): every debtor packs, and storing what
// Get gives stores the same debtor again (portfolio_test.cc checks the values drawn).
TEST(DebtorStoreTest, GeneratedPortfolioRoundTrips) {
  PortfolioSpec spec;
  spec.accounts = 3000;
  RegionSpec ny;
  ny.postal_codes = {"10001", "10002"};
  spec.regions = {ny};
  BehaviourSpec behaviour;
  const Timestamp start = Timestamp::FromCivilUtc(2026, 1, 5, 5);
  StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, 7, start, 90);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->debtors.UnpackedCount(), 0u);
  DebtorStore copy;
  for (std::size_t k = 0; k < p->size(); ++k) copy.Append(p->debtors.Get(k));
  int with_email = 0;
  int phones = 0;
  for (std::size_t k = 0; k < p->size(); ++k) {
    const Debtor d = p->debtors.Get(k);
    ASSERT_EQ(d.id, k + 1);
    ASSERT_TRUE(Same(copy.Get(k), d)) << k;
    with_email += d.emails.empty() ? 0 : 1;
    phones += static_cast<int>(d.phones.size());
    for (const domain::Phone& ph : d.phones) {
      if (!ph.e164.empty()) {
        EXPECT_EQ(ph.e164[0], '+');
      }
    }
  }
  EXPECT_GT(with_email, 0);
  EXPECT_GT(phones, 3000);
}

}  // namespace
}  // namespace recoup::sim::world
