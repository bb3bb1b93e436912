// GeneratePortfolio: determinism, account k independent of N, distributions matching their specs
// (tolerances of 4-5 standard errors for the sample size), placement facts, validation, memory.
#include "sim/world/portfolio.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <cmath>
#include <iostream>
#include <string>

#include "core/domain/account.h"

namespace recoup::sim::world {
namespace {

const Timestamp kStart = Timestamp::FromCivilUtc(2026, 1, 5, 12, 0, 0);

// |observed share - p| within 4.5 standard errors of a proportion from n draws (and 1e-9).
void ExpectShare(int64_t hits, int64_t n, double p, const std::string& what) {
  const double share = static_cast<double>(hits) / static_cast<double>(n);
  const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
  EXPECT_NEAR(share, p, 4.5 * se + 1e-9) << what << ": " << hits << " of " << n;
}

PortfolioSpec TwoProductsTwoRegions(int64_t n) {
  PortfolioSpec spec;
  spec.accounts = n;
  ProductSpec cards;
  cards.weight = 3;
  cards.balance = {1000.0, 1.0};
  cards.min_days_past_due = 1;
  cards.max_days_past_due = 60;
  ProductSpec utility;
  utility.product = domain::Product::kUtility;
  utility.creditor = "City Power";
  utility.collector = domain::CollectorRole::kThirdPartyCollector;
  utility.weight = 1;
  utility.balance = {300.0, 0.8};
  utility.min_days_past_due = 90;
  utility.max_days_past_due = 200;
  spec.products = {cards, utility};
  RegionSpec ny;  // defaults: NY, 212/518/716
  ny.weight = 1;
  ny.postal_codes = {"10001", "14201"};
  RegionSpec ca;
  ca.region = "CA";
  ca.time_zone = "America/Los_Angeles";
  ca.area_codes = {213, 415};
  ca.weight = 1;
  spec.regions = {ny, ca};
  return spec;
}

// Every generated value of account i, as text, for equality checks.
std::string Describe(const Portfolio& p, size_t i) {
  const domain::Account& a = p.accounts[i];
  const domain::Debtor d = p.debtors.Get(i);
  const DebtorTraits& t = p.traits[i];
  std::string s =
      a.external_id + "|" + a.creditor + "|" + std::to_string(static_cast<int>(a.product)) + "|" +
      std::to_string(a.balance.principal.minor_units()) + "|" +
      std::to_string(a.balance.fees.minor_units()) + "|" +
      std::to_string(a.balance.interest.minor_units()) + "|" + std::to_string(a.days_past_due) +
      "|" + std::to_string(a.attorney_represented) + std::to_string(static_cast<int>(a.dispute)) +
      std::to_string(a.written_cease.unix_nanos()) + "|" + d.address.country + d.address.region +
      d.address.postal_code + d.address.time_zone + "|";
  for (const domain::Phone& ph : d.phones) {
    s += ph.e164 + std::to_string(static_cast<int>(ph.type)) +
         std::to_string(ph.robocall_consent.given.unix_nanos()) +
         std::to_string(static_cast<int>(ph.sms_consent.source)) + ",";
  }
  for (const domain::Email& e : d.emails)
    s += e.address + std::to_string(static_cast<int>(e.provenance));
  s += "|" + std::to_string(d.bankruptcy) + std::to_string(d.deceased) +
       std::to_string(d.calls_opted_out) + std::to_string(d.no_contact_at_work) +
       std::to_string(d.inconvenient_times.size());
  s += "|" + std::to_string(t.propensity) + "," + std::to_string(t.answer_multiplier) + "," +
       std::to_string(t.phones_not_in_service) + std::to_string(t.phones_wrong_number) + "," +
       std::to_string(t.written_dispute.unix_nanos()) + "," +
       std::to_string(t.written_cease.unix_nanos()) + "," +
       std::to_string(t.bankruptcy.unix_nanos()) + "," + std::to_string(t.self_cure.unix_nanos()) +
       "," + std::to_string(t.region);
  return s;
}

Portfolio Generate(const PortfolioSpec& spec, uint64_t seed, int horizon = 90) {
  BehaviourSpec behaviour;
  StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, seed, kStart, horizon);
  EXPECT_TRUE(p.ok()) << p.status();
  return std::move(p).value();
}

TEST(PortfolioTest, SameSeedSamePortfolioOtherSeedOther) {
  const PortfolioSpec spec = TwoProductsTwoRegions(500);
  const Portfolio a = Generate(spec, 7);
  const Portfolio b = Generate(spec, 7);
  const Portfolio c = Generate(spec, 8);
  ASSERT_EQ(a.size(), 500u);
  int differ = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(Describe(a, i), Describe(b, i)) << i;
    differ += Describe(a, i) != Describe(c, i);
  }
  EXPECT_GT(differ, 490);
}

TEST(PortfolioTest, AccountKDoesNotDependOnThePortfolioSize) {
  const Portfolio small = Generate(TwoProductsTwoRegions(100), 3);
  const Portfolio large = Generate(TwoProductsTwoRegions(5000), 3);
  for (size_t i = 0; i < small.size(); ++i) EXPECT_EQ(Describe(small, i), Describe(large, i)) << i;
}

TEST(PortfolioTest, IdsAndExternalIds) {
  const Portfolio p = Generate(TwoProductsTwoRegions(20), 1);
  for (size_t i = 0; i < p.size(); ++i) {
    EXPECT_EQ(p.accounts[i].id, i + 1);
    EXPECT_EQ(p.accounts[i].debtor, i + 1);
    EXPECT_EQ(p.debtors.Get(i).id, i + 1);
    EXPECT_EQ(p.IndexOf(i + 1), i);
  }
  EXPECT_EQ(p.accounts[0].external_id, "ACC-0000001");
  EXPECT_EQ(AccountExternalId(12'345'678), "ACC-12345678");
  EXPECT_EQ(p.IndexOf(0), p.size());
  EXPECT_EQ(p.IndexOf(21), p.size());
}

TEST(PortfolioTest, DistributionsMatchTheSpec) {
  const int64_t n = 40'000;
  const PortfolioSpec spec = TwoProductsTwoRegions(n);
  const Portfolio p = Generate(spec, 11);
  int64_t cards = 0, ny = 0, phones = 0, with_phone = 0, two_phones = 0, mobiles = 0, dead = 0,
          wrong = 0, emails = 0, consumer_used = 0, disputes = 0, evenings = 0, written = 0;
  double log_card_balance = 0, card_dpd = 0, propensity = 0, answer = 0;
  int64_t fees_ok = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const domain::Account& a = p.accounts[i];
    const domain::Debtor d = p.debtors.Get(i);
    const DebtorTraits& t = p.traits[i];
    const int64_t total = a.balance.Total().minor_units();
    EXPECT_EQ(a.original_balance.minor_units(), total);
    fees_ok += std::llabs(a.balance.fees.minor_units() - std::llround(total * 0.05)) <= 1;
    if (a.product == domain::Product::kCreditCard) {
      ++cards;
      EXPECT_EQ(a.creditor, "Example Bank");
      log_card_balance += std::log(static_cast<double>(total) / 100.0);
      card_dpd += a.days_past_due;
      EXPECT_GE(a.days_past_due, 1);
      EXPECT_LE(a.days_past_due, 60);
    } else {
      EXPECT_EQ(a.creditor, "City Power");
      EXPECT_EQ(a.collector, domain::CollectorRole::kThirdPartyCollector);
      EXPECT_GE(a.days_past_due, 90);
      EXPECT_LE(a.days_past_due, 200);
      EXPECT_EQ(a.charged_off, a.days_past_due >= 180);
    }
    if (d.address.region == "NY") {
      ++ny;
      EXPECT_TRUE(d.address.postal_code == "10001" || d.address.postal_code == "14201");
    } else {
      EXPECT_EQ(d.address.postal_code, "");
    }
    with_phone += !d.phones.empty();
    two_phones += d.phones.size() == 2;
    for (size_t j = 0; j < d.phones.size(); ++j) {
      ++phones;
      mobiles += d.phones[j].type == domain::PhoneType::kMobile;
      dead += t.PhoneNotInService(static_cast<int>(j));
      wrong += t.PhoneWrongNumber(static_cast<int>(j));
    }
    emails += !d.emails.empty();
    for (const domain::Email& e : d.emails) {
      consumer_used += e.provenance == domain::EmailProvenance::kConsumerUsed;
    }
    disputes += a.dispute == domain::DisputeStatus::kOpen;
    evenings += !d.inconvenient_times.empty();
    written += t.written_dispute != Timestamp::InfiniteFuture();
    propensity += t.propensity;
    answer += t.answer_multiplier;
  }
  EXPECT_EQ(fees_ok, n);
  ExpectShare(cards, n, 0.75, "credit cards");
  ExpectShare(ny, n, 0.5, "NY");
  ExpectShare(with_phone, n, 0.95, "phone on file");
  ExpectShare(two_phones, with_phone, 0.30, "second phone");
  ExpectShare(mobiles, phones, 0.80, "mobiles");
  ExpectShare(dead, phones, 0.10, "not in service");
  ExpectShare(wrong, phones, 0.05, "wrong numbers");
  ExpectShare(emails, n, 0.60, "emails");
  ExpectShare(consumer_used, emails, 0.50, "consumer-used emails");
  ExpectShare(disputes, n, 0.01, "open disputes");
  ExpectShare(evenings, n, 0.02, "inconvenient evenings");
  ExpectShare(written, n, 0.02, "written disputes");
  // log(balance) ~ N(log 1000, 1): its mean within 5 standard errors.
  EXPECT_NEAR(log_card_balance / cards, std::log(1000.0), 5.0 / std::sqrt(cards));
  // Uniform 1..60: mean 30.5, sd 17.3.
  EXPECT_NEAR(card_dpd / cards, 30.5, 5 * 17.3 / std::sqrt(cards));
  // Beta(2, 2): mean 0.5, sd 0.22; lognormal answer multiplier: mean 1, sd ~0.53.
  EXPECT_NEAR(propensity / n, 0.5, 5 * 0.224 / std::sqrt(n));
  EXPECT_NEAR(answer / n, 1.0, 5 * 0.533 / std::sqrt(n));
}

// The WhatsApp opt-in: on mobiles only, with its share, from a stream of its own, so that a
// scenario's whatsapp_consent changes no other value of the portfolio.
TEST(PortfolioTest, WhatsAppOptInsComeFromTheirOwnStream) {
  const int64_t n = 40'000;
  PortfolioSpec spec = TwoProductsTwoRegions(n);
  spec.contact.whatsapp_consent = 0.3;
  const Portfolio p = Generate(spec, 5);
  int64_t mobiles = 0, opted_in = 0, both = 0, sms = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    for (const domain::Phone& ph : p.debtors.Get(i).phones) {
      const bool whatsapp = ph.whatsapp_consent.source != domain::ConsentSource::kNone;
      if (ph.type != domain::PhoneType::kMobile) {
        EXPECT_FALSE(whatsapp);
        continue;
      }
      ++mobiles;
      opted_in += whatsapp;
      sms += ph.sms_consent.source != domain::ConsentSource::kNone;
      both += whatsapp && ph.sms_consent.source != domain::ConsentSource::kNone;
      if (whatsapp) {
        EXPECT_EQ(ph.whatsapp_consent.source, domain::ConsentSource::kCreditTransaction);
        EXPECT_LT(ph.whatsapp_consent.given, kStart);
        EXPECT_TRUE(ph.whatsapp_consent.ActiveAt(kStart));
        EXPECT_FALSE(ph.whatsapp_opted_out);
      }
    }
  }
  ExpectShare(opted_in, mobiles, 0.3, "WhatsApp opt-ins of mobiles");
  ExpectShare(both, sms, 0.3, "WhatsApp opt-ins of mobiles with text consent (independent)");
  // None, or every mobile: the rest of the portfolio is the same value for value.
  spec.contact.whatsapp_consent = 0.0;
  const Portfolio none = Generate(spec, 5);
  spec.contact.whatsapp_consent = 1.0;
  const Portfolio all = Generate(spec, 5);
  for (size_t i = 0; i < p.size(); ++i) {
    ASSERT_EQ(Describe(none, i), Describe(p, i)) << i;
    ASSERT_EQ(Describe(all, i), Describe(p, i)) << i;
    for (const domain::Phone& ph : none.debtors.Get(i).phones) {
      EXPECT_EQ(ph.whatsapp_consent.source, domain::ConsentSource::kNone);
    }
    for (const domain::Phone& ph : all.debtors.Get(i).phones) {
      EXPECT_EQ(ph.whatsapp_consent.source != domain::ConsentSource::kNone,
                ph.type == domain::PhoneType::kMobile);
    }
  }
}

TEST(PortfolioTest, AreaCodesComeFromTheRegionOrElsewhere) {
  PortfolioSpec spec = TwoProductsTwoRegions(20'000);
  spec.contact.phone_on_file = 1;
  const Portfolio p = Generate(spec, 5);
  int64_t phones = 0, elsewhere = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const bool ny = p.traits[i].region == 0;
    EXPECT_EQ(p.debtors.Get(i).address.region, ny ? "NY" : "CA");
    for (const domain::Phone& ph : p.debtors.Get(i).phones) {
      ++phones;
      const bool ny_code = ph.area_code == 212 || ph.area_code == 518 || ph.area_code == 716;
      EXPECT_TRUE(ny_code || ph.area_code == 213 || ph.area_code == 415) << ph.area_code;
      elsewhere += ny_code != ny;
      ASSERT_EQ(ph.e164.size(), 12u);
      EXPECT_EQ(ph.e164.substr(0, 2), "+1");
      EXPECT_EQ(ph.e164.substr(2, 3), std::to_string(ph.area_code));
    }
  }
  ExpectShare(elsewhere, phones, 0.15, "area code elsewhere");
}

TEST(PortfolioTest, PlacementFacts) {
  PortfolioSpec spec = TwoProductsTwoRegions(3000);
  RegionSpec gb;
  gb.country = "GB";
  gb.region = "ENG";
  gb.time_zone = "Europe/London";
  gb.area_codes = {};
  spec.regions.push_back(gb);
  spec.flags.breathing_space = 0.5;
  const Portfolio p = Generate(spec, 9, 30);
  int64_t gb_count = 0, breathing = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const domain::Account& a = p.accounts[i];
    const domain::Debtor d = p.debtors.Get(i);
    EXPECT_EQ(a.validation_notice_sent, kStart);
    for (const domain::Phone& ph : d.phones) {
      if (ph.robocall_consent.source != domain::ConsentSource::kNone) {
        EXPECT_LT(ph.robocall_consent.given, kStart - Duration::Days(a.days_past_due + 29));
        EXPECT_EQ(ph.type, domain::PhoneType::kMobile);
      }
      EXPECT_EQ(ph.reassigned_check_clean, kStart);
      EXPECT_FALSE(ph.wrong_number);  // the truth is hidden in the traits
      EXPECT_LE(ph.e164.size(), 15u);
    }
    for (const domain::Email& e : d.emails) {
      EXPECT_LE(e.address.size(), 15u);
      if (e.provenance == domain::EmailProvenance::kCreditorNotice) {
        EXPECT_LT(e.notice_optout_deadline, kStart);
      }
    }
    if (d.address.country == "GB") {
      ++gb_count;
      for (const domain::Phone& ph : d.phones) {
        EXPECT_EQ(ph.area_code, 0);
        EXPECT_EQ(ph.e164.substr(0, 3), "+44");
      }
      breathing += d.breathing_space_until > kStart;
    } else {
      EXPECT_EQ(d.breathing_space_until, Timestamp::InfinitePast());
    }
    const DebtorTraits& t = p.traits[i];
    const Timestamp end = kStart + Duration::Days(30);
    for (Timestamp when : {t.written_dispute, t.written_cease, t.bankruptcy, t.self_cure}) {
      EXPECT_TRUE(when == Timestamp::InfiniteFuture() || (when >= kStart && when < end));
    }
    if (t.self_cure != Timestamp::InfiniteFuture()) {
      EXPECT_LE(a.days_past_due + (t.self_cure - kStart).ToSecondsDouble() / 86400.0, 31.0);
    }
  }
  EXPECT_GT(gb_count, 800);
  ExpectShare(breathing, gb_count, 0.5, "breathing space");
}

TEST(PortfolioTest, InvalidSpecsNameTheField) {
  BehaviourSpec behaviour;
  PortfolioSpec spec;
  spec.accounts = 0;
  StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, 1, kStart, 30);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "portfolio.accounts: must be >= 1, got 0");
  spec.accounts = 10;
  behaviour.propensity_mean = 0;
  p = GeneratePortfolio(spec, behaviour, 1, kStart, 30);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "behaviour.propensity_mean: must be in (0, 1), got 0");
  behaviour = BehaviourSpec{};
  p = GeneratePortfolio(spec, behaviour, 1, kStart, 0);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), "horizon_days: must be >= 1, got 0");
}

bool Sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

// The macro benchmark holds 10 M accounts in <= 1 KB each, everything included; the portfolio's
// share must leave room for the rest.
TEST(PortfolioTest, MemoryPerAccount) {
  const int64_t n = 100'000;
  PortfolioSpec spec;  // the default portfolio: one product, one region
  spec.accounts = n;
  BehaviourSpec behaviour;
  const size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
  StatusOr<Portfolio> p = GeneratePortfolio(spec, behaviour, 1, kStart, 180);
  ASSERT_TRUE(p.ok());
  const size_t after = mallinfo2().uordblks + mallinfo2().hblkhd;
  const double counted = static_cast<double>(ApproximateBytes(*p)) / n;
  const double heap = static_cast<double>(after - before) / n;
  std::cout << "sizeof Account " << sizeof(domain::Account) << ", DebtorTraits "
            << sizeof(DebtorTraits) << "; debtor store " << p->debtors.ApproximateBytes() / n
            << " B per debtor; per account: counted " << counted << " B, malloc'd " << heap
            << " B\n";
  EXPECT_LE(sizeof(DebtorTraits), 56u);
  EXPECT_EQ(p->debtors.UnpackedCount(), 0u);  // every generated debtor packs
  // Packed debtors: records, phones, e-mail characters and shared tables.
  EXPECT_LE(p->debtors.ApproximateBytes() / n, 100u);
  EXPECT_GT(counted, sizeof(domain::Account) + sizeof(DebtorTraits));
  EXPECT_LE(counted, 450.0);
  if (!Sanitized()) {
    EXPECT_LE(heap, 500.0);  // with the allocator's headers
  }
}

}  // namespace
}  // namespace recoup::sim::world
