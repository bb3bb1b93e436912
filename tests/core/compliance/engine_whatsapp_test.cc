// WhatsApp under the compliance engine: an electronic message to a phone, so not a "call" for Reg
// F's 7-in-7 (RF-CALL-COUNTS), timed when sent (RF-TIME-ELEC), its own medium for opt-outs
// (RF-MEDIUM: a WhatsApp stop leaves texts alone and the other way round), opt-out instructions
// in every message (RF-OPTOUT-ELEC), the WhatsApp Business opt-in (WHATSAPP-OPTIN, fail closed),
// the 60-day number freshness of texts (RF-SMS-SAFE), and counted like a text by the NYC,
// Washington and Massachusetts caps.
#include <gtest/gtest.h>

#include "core/compliance/engine.h"
#include "tests/core/compliance/fixtures.h"

namespace recoup::compliance {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using domain::Channel;
using domain::ContactHistory;
using domain::Debtor;
using domain::Outcome;

const Timestamp kNoon = At(2026, 11, 18, 12, 0, -5);  // a Wednesday in Albany (EST)

// Profile without the soft call limits, so that the statutory rules are tested alone.
Profile Statutory() {
  Profile p;
  p.min_gap_same_number = Duration::Zero();
  p.max_calls_per_day_per_person = 24;
  return p;
}

Verdict CheckAt(const Debtor& d, Channel ch, Timestamp now, const ContactHistory& h = {}) {
  const ComplianceEngine engine(Statutory());
  return engine.Check(Request(ch), Debt(), d, h, now);
}

TEST(ComplianceWhatsAppTest, RuleIdIsStable) {
  EXPECT_EQ(RuleId(Rule::kWhatsAppConsent), "WHATSAPP-OPTIN");
  EXPECT_EQ(domain::ChannelName(Channel::kWhatsApp), "whatsapp");
  EXPECT_EQ(static_cast<int>(Channel::kWhatsApp), 4);  // stored in results files: never moves
}

TEST(ComplianceWhatsAppTest, AllowedWithTheOptIn) {
  const Verdict v = CheckAt(Albany(), Channel::kWhatsApp, kNoon);
  EXPECT_TRUE(v.allowed()) << RuleId(v.rule) << " " << v.reason;
}

// RF-CALL-COUNTS: WhatsApp messages never count toward the 7 calls in 7 days.
TEST(ComplianceWhatsAppTest, MessagesAreNotCalls) {
  ContactHistory h;
  for (int i = 0; i < 7; ++i) {
    h.Record(Message(At(2026, 11, 12 + i, 10, 0, -5), Channel::kWhatsApp));
  }
  const ComplianceEngine engine(Statutory());
  const Verdict call = engine.Check(CallRequest(), Debt(), Albany(), h, kNoon);
  EXPECT_TRUE(call.allowed()) << RuleId(call.rule);
  // The same seven events as calls do block the call: the history is read.
  ContactHistory calls;
  for (int i = 0; i < 7; ++i) {
    calls.Record(Call(At(2026, 11, 12 + i, 10, 0, -5), Outcome::kNoAnswer));
  }
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), calls, kNoon).rule, Rule::kCallsPerWeek);
}

// RF-TIME-ELEC: the time of a message is the time it is sent, inside 08:00-21:00 local.
TEST(ComplianceWhatsAppTest, SentInsideTheWindow) {
  const Verdict late = CheckAt(Albany(), Channel::kWhatsApp, At(2026, 11, 18, 21, 0, -5));
  EXPECT_EQ(late.kind, Verdict::Kind::kDefer);
  EXPECT_EQ(late.rule, Rule::kTimeWindow);
  EXPECT_EQ(late.until, At(2026, 11, 19, 8, 0, -5));
  EXPECT_TRUE(CheckAt(Albany(), Channel::kWhatsApp, At(2026, 11, 18, 20, 59, -5)).allowed());
  // A Pacific area code on the number narrows the window to the later of the two zones.
  Debtor moved = Albany();
  moved.phones[0] = Mobile("+14155550100", 415);
  const Verdict early = CheckAt(moved, Channel::kWhatsApp, At(2026, 11, 18, 9, 0, -5));
  EXPECT_EQ(early.kind, Verdict::Kind::kDefer);
  EXPECT_EQ(early.until, At(2026, 11, 18, 8, 0, -8));
}

// RF-MEDIUM: WhatsApp and texts are separate media on one number, at both levels.
TEST(ComplianceWhatsAppTest, OptOutsArePerMedium) {
  Debtor whatsapp_stop = Albany();
  whatsapp_stop.phones[0].whatsapp_opted_out = true;
  EXPECT_EQ(CheckAt(whatsapp_stop, Channel::kWhatsApp, kNoon).rule, Rule::kMediumOptOut);
  EXPECT_TRUE(CheckAt(whatsapp_stop, Channel::kSms, kNoon).allowed());
  EXPECT_TRUE(CheckAt(whatsapp_stop, Channel::kCall, kNoon).allowed());

  Debtor text_stop = Albany();
  text_stop.phones[0].texts_opted_out = true;
  EXPECT_EQ(CheckAt(text_stop, Channel::kSms, kNoon).rule, Rule::kMediumOptOut);
  EXPECT_TRUE(CheckAt(text_stop, Channel::kWhatsApp, kNoon).allowed());

  Debtor person_stop = Albany();
  person_stop.whatsapp_opted_out = true;
  EXPECT_EQ(CheckAt(person_stop, Channel::kWhatsApp, kNoon).rule, Rule::kMediumOptOut);
  EXPECT_TRUE(CheckAt(person_stop, Channel::kSms, kNoon).allowed());
  Debtor person_text_stop = Albany();
  person_text_stop.texts_opted_out = true;
  EXPECT_TRUE(CheckAt(person_text_stop, Channel::kWhatsApp, kNoon).allowed());

  // One WhatsApp message confirming the opt-out (1006.14(h)(2)), and the one reply to the person's
  // own message, are allowed.
  const ComplianceEngine engine(Statutory());
  ContactRequest confirm = Request(Channel::kWhatsApp);
  confirm.purpose = Purpose::kOptOutConfirmation;
  EXPECT_TRUE(engine.Check(confirm, Debt(), whatsapp_stop, {}, kNoon).allowed());
  ContactRequest reply = Request(Channel::kWhatsApp);
  reply.reply_to_inbound = true;
  EXPECT_TRUE(engine.Check(reply, Debt(), person_stop, {}, kNoon).allowed());
}

// WHATSAPP-OPTIN: no opt-in, a revoked one, or only a text consent: no WhatsApp (fail closed).
TEST(ComplianceWhatsAppTest, NeedsTheOptIn) {
  Debtor none = Albany();
  none.phones[0].whatsapp_consent = {};
  Verdict v = CheckAt(none, Channel::kWhatsApp, kNoon);
  EXPECT_EQ(v.kind, Verdict::Kind::kDeny);
  EXPECT_EQ(v.rule, Rule::kWhatsAppConsent);
  EXPECT_TRUE(CheckAt(none, Channel::kSms, kNoon).allowed());  // the text consent is its own

  Debtor revoked = Albany();
  revoked.phones[0].whatsapp_consent.revoked = kNoon - Duration::Hours(1);
  EXPECT_EQ(CheckAt(revoked, Channel::kWhatsApp, kNoon).rule, Rule::kWhatsAppConsent);

  Debtor not_yet = Albany();
  not_yet.phones[0].whatsapp_consent.given = kNoon + Duration::Hours(1);
  EXPECT_EQ(CheckAt(not_yet, Channel::kWhatsApp, kNoon).rule, Rule::kWhatsAppConsent);

  // The WhatsApp opt-in does not stand in for TCPA consent to texts either.
  Debtor whatsapp_only = Albany();
  whatsapp_only.phones[0].sms_consent = {};
  EXPECT_EQ(CheckAt(whatsapp_only, Channel::kSms, kNoon).rule, Rule::kSmsConsent);
  EXPECT_TRUE(CheckAt(whatsapp_only, Channel::kWhatsApp, kNoon).allowed());

  // The reply to the person's own WhatsApp message needs no opt-in (RF-RESPOND-ONCE).
  const ComplianceEngine engine(Statutory());
  ContactRequest reply = Request(Channel::kWhatsApp);
  reply.reply_to_inbound = true;
  EXPECT_TRUE(engine.Check(reply, Debt(), none, {}, kNoon).allowed());
}

// A message deferred past the end of the opt-in is refused now, not deferred.
TEST(ComplianceWhatsAppTest, OptInEndingBeforeTheDeferredTimeDenies) {
  Debtor d = Albany();
  d.phones[0].whatsapp_consent.revoked = At(2026, 11, 19, 7, 0, -5);
  const Verdict v = CheckAt(d, Channel::kWhatsApp, At(2026, 11, 18, 22, 0, -5));
  EXPECT_EQ(v.kind, Verdict::Kind::kDeny);
  EXPECT_EQ(v.rule, Rule::kWhatsAppConsent);
}

// RF-SMS-SAFE applied to WhatsApp: the number was confirmed in the last 60 days, or a clean
// reassigned-numbers check came after the opt-in.
TEST(ComplianceWhatsAppTest, NumberFreshnessLikeTexts) {
  Debtor stale = Albany();
  stale.phones[0].last_text_consent_or_inbound = kNoon - Duration::Days(61);
  EXPECT_EQ(CheckAt(stale, Channel::kWhatsApp, kNoon).rule, Rule::kSmsConsent);
  Debtor checked = stale;
  checked.phones[0].reassigned_check_clean = kNoon - Duration::Days(3);
  EXPECT_TRUE(CheckAt(checked, Channel::kWhatsApp, kNoon).allowed());
  // A check older than the opt-in says nothing about the number the person opted in with.
  Debtor old_check = stale;
  old_check.phones[0].whatsapp_consent.given = kNoon - Duration::Days(2);
  old_check.phones[0].reassigned_check_clean = kNoon - Duration::Days(3);
  EXPECT_EQ(CheckAt(old_check, Channel::kWhatsApp, kNoon).rule, Rule::kSmsConsent);
}

TEST(ComplianceWhatsAppTest, NumberAndPlaceRules) {
  Debtor wrong = Albany();
  wrong.phones[0].wrong_number = true;
  EXPECT_EQ(CheckAt(wrong, Channel::kWhatsApp, kNoon).rule, Rule::kWrongNumber);
  Debtor work = Albany();
  work.phones[0].place = domain::Place::kWork;
  work.no_contact_at_work = true;
  EXPECT_EQ(CheckAt(work, Channel::kWhatsApp, kNoon).rule, Rule::kPlace);
  const ComplianceEngine engine(Statutory());
  ContactRequest missing = Request(Channel::kWhatsApp);
  missing.contact_point = 1;  // Albany has one phone
  EXPECT_EQ(engine.Check(missing, Debt(), Albany(), {}, kNoon).rule, Rule::kDataContactPoint);
  Debtor nowhere = Albany();
  nowhere.address = {};
  nowhere.phones[0].area_code = 0;
  EXPECT_EQ(CheckAt(nowhere, Channel::kWhatsApp, kNoon).rule, Rule::kDataLocation);
}

// RF-OPTOUT-ELEC: every WhatsApp message carries opt-out instructions; a message sent is a
// communication (the next one gives the subsequent mini-Miranda).
TEST(ComplianceWhatsAppTest, Disclosures) {
  const ComplianceEngine engine;
  DisclosureSet s = engine.RequiredDisclosures(Request(Channel::kWhatsApp), Debt(), Albany(), {});
  EXPECT_TRUE(s.Contains(Disclosure::kOptOutInstructions));
  EXPECT_TRUE(s.Contains(Disclosure::kDebtCollectorInitial));
  EXPECT_FALSE(s.Contains(Disclosure::kInCallOptOut));
  EXPECT_FALSE(s.Contains(Disclosure::kAiVoice));
  ContactHistory h;
  h.Record(Message(kNoon - Duration::Days(2), Channel::kWhatsApp));
  s = engine.RequiredDisclosures(Request(Channel::kWhatsApp), Debt(), Albany(), h);
  EXPECT_TRUE(s.Contains(Disclosure::kDebtCollectorSubsequent));
  EXPECT_FALSE(s.Contains(Disclosure::kDebtCollectorInitial));
  EXPECT_TRUE(s.Contains(Disclosure::kOptOutInstructions));
}

// NYC: written consent before electronic media, and 3 attempts in 7 days across all media.
TEST(ComplianceWhatsAppTest, NewYorkCity) {
  Debtor d = Albany();
  d.address.postal_code = "10027";  // Manhattan
  d.phones[0].whatsapp_consent.source = domain::ConsentSource::kWritten;
  d.phones[0].sms_consent.source = domain::ConsentSource::kWritten;
  EXPECT_TRUE(CheckAt(d, Channel::kWhatsApp, kNoon).allowed());
  Debtor oral = d;
  oral.phones[0].whatsapp_consent.source = domain::ConsentSource::kGivenToCollector;
  EXPECT_EQ(CheckAt(oral, Channel::kWhatsApp, kNoon).rule, Rule::kWrittenConsent);
  EXPECT_TRUE(CheckAt(oral, Channel::kSms, kNoon).allowed());  // its written consent is the text's
  // Three WhatsApp messages this week use up the account's attempts on every medium.
  ContactHistory h;
  for (int i = 0; i < 3; ++i) {
    h.Record(Message(At(2026, 11, 14 + i, 10, 0, -5), Channel::kWhatsApp));
  }
  const ComplianceEngine engine(Statutory());
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), d, h, kNoon).rule, Rule::kNewYorkCity);
  EXPECT_EQ(engine.Check(Request(Channel::kSms), Debt(), d, h, kNoon).rule, Rule::kNewYorkCity);
  EXPECT_EQ(engine.Check(Request(Channel::kWhatsApp), Debt(), d, h, kNoon).rule,
            Rule::kNewYorkCity);
  // Outside the city the same history is fine.
  EXPECT_TRUE(engine.Check(Request(Channel::kWhatsApp), Debt(), Albany(), h, kNoon).allowed());
}

// Washington: 3 communications a week with the debtor, any medium.
TEST(ComplianceWhatsAppTest, WashingtonCountsWhatsAppAsACommunication) {
  Debtor d = Albany();
  d.address.region = "WA";
  d.address.postal_code = "98101";
  d.phones[0] = Mobile("+12065550100", 206);
  ContactHistory h;
  for (int i = 0; i < 3; ++i) {
    h.Record(Message(At(2026, 11, 12 + i, 10, 0, -8), Channel::kWhatsApp, kOtherDebt));
  }
  const Timestamp now = At(2026, 11, 16, 12, 0, -8);
  const Verdict v = CheckAt(d, Channel::kEmail, now, h);
  EXPECT_EQ(v.rule, Rule::kWashington);
  EXPECT_EQ(v.until, At(2026, 11, 19, 8, 0, -8));
  EXPECT_EQ(CheckAt(d, Channel::kWhatsApp, now, h).rule, Rule::kWashington);
}

// Massachusetts: 2 calls or texts per 7 days per debt; a WhatsApp message to the person's number
// counts as a text, and is itself capped.
TEST(ComplianceWhatsAppTest, MassachusettsCountsWhatsAppAsAText) {
  Debtor d = Albany();
  d.address.region = "MA";
  d.address.postal_code = "02110";
  ContactHistory h;
  h.Record(Message(At(2026, 11, 12, 10, 0, -5), Channel::kWhatsApp));
  h.Record(Message(At(2026, 11, 14, 10, 0, -5), Channel::kWhatsApp));
  const Timestamp now = At(2026, 11, 16, 12, 0, -5);
  const Verdict call = CheckAt(d, Channel::kCall, now, h);
  EXPECT_EQ(call.rule, Rule::kMassachusetts);
  EXPECT_EQ(call.until, At(2026, 11, 19, 8, 0, -5));
  EXPECT_EQ(CheckAt(d, Channel::kSms, now, h).rule, Rule::kMassachusetts);
  EXPECT_EQ(CheckAt(d, Channel::kWhatsApp, now, h).rule, Rule::kMassachusetts);
  EXPECT_TRUE(CheckAt(d, Channel::kEmail, now, h).allowed());  // not a telephone communication
  // A single WhatsApp message leaves room for one more.
  ContactHistory one;
  one.Record(Message(At(2026, 11, 14, 10, 0, -5), Channel::kWhatsApp));
  EXPECT_TRUE(CheckAt(d, Channel::kWhatsApp, now, one).allowed());
}

}  // namespace
}  // namespace recoup::compliance
