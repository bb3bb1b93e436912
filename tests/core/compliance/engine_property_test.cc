// Property test: over random accounts, histories, flags, times and requests, no `allow` breaks a
// hard rule, judged by an independent checker written here (its own zone tables, its own counting,
// cctz directly), and every `defer` is allowed when retried at its `until`.
//
// CI runs a fast subset; RECOUP_PROPERTY_CASES=N runs N cases (e.g. 2000000 for the long run).
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/compliance/engine.h"
#include "tests/core/compliance/fixtures.h"

namespace recoup::compliance {
namespace {

using domain::Channel;
using domain::ContactEvent;
using domain::Outcome;

// The checker's own knowledge of where places are (a subset the generator draws from).
struct Place {
  const char* region;
  int area_code;
  std::vector<const char*> zones;
};
const std::vector<Place>& Places() {
  static const std::vector<Place> kPlaces = {
      {"NY", 518, {"America/New_York"}},
      {"CA", 213, {"America/Los_Angeles"}},
      {"MA", 617, {"America/New_York"}},
      {"AZ", 602, {"America/Phoenix", "America/Denver"}},
      {"FL", 305, {"America/New_York", "America/Chicago"}},
      {"TX", 214, {"America/Chicago", "America/Denver"}},
      {"WA", 206, {"America/Los_Angeles"}},
      {"IL", 312, {"America/Chicago"}},
  };
  return kPlaces;
}
// Zones of the area codes used (the engine's table may list more; it must not list fewer).
const std::map<int, std::vector<const char*>>& AreaZones() {
  static const std::map<int, std::vector<const char*>> kZones = {
      {518, {"America/New_York"}},    {213, {"America/Los_Angeles"}}, {617, {"America/New_York"}},
      {602, {"America/Phoenix"}},     {305, {"America/New_York"}},    {214, {"America/Chicago"}},
      {206, {"America/Los_Angeles"}}, {312, {"America/Chicago"}},     {850, {"America/Chicago", "America/New_York"}},
  };
  return kZones;
}

cctz::time_zone Zone(const char* name) {
  cctz::time_zone tz;
  EXPECT_TRUE(cctz::load_time_zone(name, &tz)) << name;
  return tz;
}

cctz::civil_second Local(Timestamp t, const cctz::time_zone& tz) {
  return cctz::convert(cctz::time_point<cctz::seconds>(cctz::seconds(t.unix_nanos() / 1'000'000'000)), tz);
}

struct Case {
  domain::Account account;
  domain::Debtor debtor;
  domain::ContactHistory history;
  ContactRequest request;
  Timestamp now;
  std::vector<std::string> zones;  // where the consumer may be, per the checker
  bool massachusetts = false;
};

Case Generate(std::mt19937_64& rng) {
  auto chance = [&rng](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  Case c;
  c.account = testing::Debt();
  c.debtor = testing::Albany();
  c.debtor.phones.clear();
  const Place& home = Places()[static_cast<std::size_t>(pick(static_cast<int>(Places().size())))];
  c.debtor.address.region = home.region;
  c.debtor.address.postal_code = "00000";
  for (const char* z : home.zones) c.zones.push_back(z);
  c.massachusetts = std::string(home.region) == "MA";
  const int phones = 1 + pick(2);
  for (int i = 0; i < phones; ++i) {
    const Place& p = Places()[static_cast<std::size_t>(pick(static_cast<int>(Places().size())))];
    domain::Phone phone = testing::Mobile("+1" + std::to_string(p.area_code) + "5550100", p.area_code);
    phone.calls_opted_out = chance(0.05);
    phone.texts_opted_out = chance(0.05);
    phone.whatsapp_opted_out = chance(0.05);
    phone.wrong_number = chance(0.05);
    phone.place = chance(0.1) ? domain::Place::kWork : domain::Place::kHome;
    if (chance(0.2)) phone.robocall_consent = domain::Consent{};
    if (chance(0.2)) phone.sms_consent = domain::Consent{};
    if (chance(0.2)) phone.whatsapp_consent = domain::Consent{};
    phone.last_text_consent_or_inbound = Timestamp::FromCivilUtc(2026, 9 + pick(3), 1 + pick(28));
    if (!phone.wrong_number) {
      for (const char* z : AreaZones().at(p.area_code)) c.zones.push_back(z);
      c.massachusetts |= p.area_code == 617;
    }
    c.debtor.phones.push_back(phone);
  }
  c.debtor.emails[0].provenance = static_cast<domain::EmailProvenance>(pick(4));
  c.debtor.emails[0].opted_out = chance(0.05);
  c.debtor.emails[0].employer_provided = chance(0.1);
  c.debtor.bankruptcy = chance(0.03);
  c.debtor.deceased = chance(0.03);
  c.debtor.calls_opted_out = chance(0.05);
  c.debtor.whatsapp_opted_out = chance(0.03);
  c.debtor.no_contact_at_work = chance(0.3);
  c.debtor.capacity_hold = chance(0.03);
  c.account.attorney_represented = chance(0.03);
  c.account.dispute = chance(0.05) ? domain::DisputeStatus::kOpen : domain::DisputeStatus::kNone;
  c.account.original_creditor_hold = chance(0.03);
  if (chance(0.05)) c.account.written_cease = Timestamp::FromCivilUtc(2026, 11, 1);
  // Now: any minute of November 2026 (crosses the DST change on Nov 1).
  c.now = Timestamp::FromCivilUtc(2026, 11, 1) + Duration::Minutes(pick(30 * 24 * 60));
  // History: up to 14 events over the 10 days before now.
  const int events = pick(15);
  for (int i = 0; i < events; ++i) {
    ContactEvent e = testing::Call(c.now - Duration::Minutes(1 + pick(10 * 24 * 60)),
                                   static_cast<Outcome>(pick(9)),
                                   chance(0.8) ? testing::kDebt : testing::kOtherDebt);
    e.channel = static_cast<Channel>(pick(domain::kChannelCount));
    if (e.channel != Channel::kCall) e.outcome = Outcome::kSent;
    e.contact_point = static_cast<int8_t>(pick(phones));
    e.initiated_by_consumer = chance(0.05);
    c.history.Record(e);
  }
  c.request.channel = static_cast<Channel>(pick(domain::kChannelCount));
  c.request.voice = static_cast<domain::VoiceMode>(pick(4));
  c.request.contact_point = c.request.channel == Channel::kEmail ? 0 : pick(phones);
  c.request.purpose = chance(0.9) ? Purpose::kCollection : static_cast<Purpose>(pick(6));
  c.request.reply_to_inbound = chance(0.03);
  return c;
}

// The independent judgement: a description of the first hard rule an `allow` would break, or "".
std::string Violation(const Case& c) {
  const auto& d = c.debtor;
  const auto& a = c.account;
  const auto& r = c.request;
  if (d.bankruptcy) return "bankruptcy";
  if (d.deceased) return "deceased";
  if (a.written_cease <= c.now &&
      !(r.purpose == Purpose::kCeaseAcknowledgement && (r.channel == Channel::kLetter || r.channel == Channel::kEmail))) {
    return "cease";
  }
  if (a.attorney_represented && !r.reply_to_inbound) return "attorney";
  if ((a.dispute == domain::DisputeStatus::kOpen || a.original_creditor_hold) &&
      r.purpose != Purpose::kDisputeVerification) {
    return "hold";
  }
  if (d.capacity_hold) return "capacity";
  if (r.purpose == Purpose::kLegalReferral && !r.scra_status_checked) return "scra";
  const bool phone_channel =
      r.channel == Channel::kCall || r.channel == Channel::kSms || r.channel == Channel::kWhatsApp;
  if (phone_channel) {
    const domain::Phone& p = d.phones[static_cast<std::size_t>(r.contact_point)];
    if (p.wrong_number) return "wrong number";
    if (r.channel == Channel::kCall && (d.calls_opted_out || p.calls_opted_out) && !r.reply_to_inbound) {
      return "call opt-out";
    }
    if (r.channel == Channel::kSms && p.texts_opted_out && !r.reply_to_inbound &&
        r.purpose != Purpose::kOptOutConfirmation) {
      return "text opt-out";
    }
    // WhatsApp is its own medium: only its own opt-outs stop it.
    if (r.channel == Channel::kWhatsApp && (d.whatsapp_opted_out || p.whatsapp_opted_out) &&
        !r.reply_to_inbound && r.purpose != Purpose::kOptOutConfirmation) {
      return "whatsapp opt-out";
    }
    if (p.place == domain::Place::kWork && d.no_contact_at_work) return "work";
    if (r.channel == Channel::kCall && r.voice != domain::VoiceMode::kHuman && !p.robocall_consent.ActiveAt(c.now)) {
      return "robocall consent";
    }
    if (r.channel == Channel::kSms && !r.reply_to_inbound &&
        (!p.sms_consent.ActiveAt(c.now) || c.now - p.last_text_consent_or_inbound > Duration::Days(60))) {
      return "sms consent";
    }
    if (r.channel == Channel::kWhatsApp && !r.reply_to_inbound &&
        (!p.whatsapp_consent.ActiveAt(c.now) ||
         c.now - p.last_text_consent_or_inbound > Duration::Days(60))) {
      return "whatsapp opt-in";
    }
  }
  if (r.channel == Channel::kEmail && !r.reply_to_inbound) {
    const domain::Email& e = d.emails[0];
    if (e.opted_out && r.purpose != Purpose::kOptOutConfirmation) return "email opt-out";
    if (e.employer_provided && d.no_contact_at_work) return "work email";
    if (e.provenance == domain::EmailProvenance::kUnknown) return "email provenance";
    if (e.provenance == domain::EmailProvenance::kCreditorNotice) return "email notice pending";
  }
  // Time: 08:00-21:00 in every candidate zone (letters and replies excepted).
  if (r.channel != Channel::kLetter && !r.reply_to_inbound) {
    for (const std::string& z : c.zones) {
      const cctz::civil_second t = Local(c.now, Zone(z.c_str()));
      if (t.hour() < 8 || t.hour() >= 21) return "time window in " + z;
    }
  }
  // Reg F frequency, with local days in the address's first zone.
  if (r.channel == Channel::kCall) {
    const cctz::time_zone tz = Zone(c.zones.front().c_str());
    const cctz::civil_day today(Local(c.now, tz));
    int calls = 0;
    for (const ContactEvent& e : c.history.events) {
      const cctz::civil_day day(Local(e.time, tz));
      if (e.channel != Channel::kCall || !e.debts.Contains(a.id) || today - day > 6) continue;
      if (e.outcome == Outcome::kConversation && e.recipient == domain::Recipient::kConsumer) {
        return "within 7 days of a conversation";
      }
      const bool placed = e.outcome != Outcome::kBusy && e.outcome != Outcome::kNotInService;
      if (placed && !e.initiated_by_consumer && e.recipient == domain::Recipient::kConsumer) ++calls;
    }
    if (calls >= 7) return "7 calls in 7 days";
  }
  // Massachusetts: 2 calls or texts per 7 days per debt (a WhatsApp message counts as a text).
  if (c.massachusetts && r.purpose == Purpose::kCollection &&
      (r.channel == Channel::kCall || r.channel == Channel::kSms ||
       r.channel == Channel::kWhatsApp)) {
    const cctz::time_zone tz = Zone(c.zones.front().c_str());
    const cctz::civil_day today(Local(c.now, tz));
    int n = 0;
    for (const ContactEvent& e : c.history.events) {
      if (today - cctz::civil_day(Local(e.time, tz)) > 6 || !e.debts.Contains(a.id) || e.initiated_by_consumer) continue;
      if ((e.channel == Channel::kCall && e.outcome != Outcome::kBusy && e.outcome != Outcome::kNotInService) ||
          e.channel == Channel::kSms || e.channel == Channel::kWhatsApp) {
        ++n;
      }
    }
    if (n >= 2) return "Massachusetts cap";
  }
  return "";
}

int64_t CaseCount() {
  const char* env = std::getenv("RECOUP_PROPERTY_CASES");
  return env != nullptr ? std::atoll(env) : 20'000;
}

TEST(CompliancePropertyTest, NoAllowBreaksAHardRuleAndDefersHold) {
  const ComplianceEngine engine;
  std::mt19937_64 rng(20261122);
  const int64_t n = CaseCount();
  int64_t allows = 0, defers = 0, denies = 0;
  for (int64_t i = 0; i < n; ++i) {
    const Case c = Generate(rng);
    const Verdict v = engine.Check(c.request, c.account, c.debtor, c.history, c.now);
    if (v.allowed()) {
      ++allows;
      const std::string why = Violation(c);
      ASSERT_EQ(why, "") << "case " << i << ": allowed at " << c.now.ToIso8601() << " but breaks: " << why;
    } else if (v.kind == Verdict::Kind::kDefer) {
      ++defers;
      ASSERT_GT(v.until, c.now) << "case " << i;
      const Verdict again = engine.Check(c.request, c.account, c.debtor, c.history, v.until);
      ASSERT_TRUE(again.allowed()) << "case " << i << ": deferred by " << RuleId(v.rule) << " to "
                                   << v.until.ToIso8601() << ", then " << RuleId(again.rule);
      Case later = c;
      later.now = v.until;
      ASSERT_EQ(Violation(later), "") << "case " << i << ": deferred to a forbidden time";
    } else {
      ++denies;
    }
  }
  // The generator must exercise every verdict, or the property says little.
  EXPECT_GT(allows, n / 20);
  EXPECT_GT(defers, n / 20);
  EXPECT_GT(denies, n / 20);
}

}  // namespace
}  // namespace recoup::compliance
