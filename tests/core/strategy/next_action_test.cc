#include "core/strategy/next_action.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::strategy {
namespace {

using domain::Account;
using domain::Channel;
using domain::ContactEvent;
using domain::ContactHistory;
using domain::Debtor;

const Timestamp kNow = Timestamp::FromCivilUtc(2026, 6, 15, 15);
const domain::LocalDate kToday(2026, 6, 15);

// A fully contactable debtor: mobile with robocall and SMS consent and the WhatsApp opt-in, a
// consumer-used email, an address.
Debtor Reachable() {
  Debtor d;
  d.phones.resize(1);
  d.phones[0].e164 = "+16175550123";
  d.phones[0].type = domain::PhoneType::kMobile;
  d.phones[0].robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  d.phones[0].sms_consent.source = domain::ConsentSource::kGivenToCollector;
  d.phones[0].whatsapp_consent.source = domain::ConsentSource::kGivenToCollector;
  d.emails.resize(1);
  d.emails[0].address = "p@example.com";
  d.emails[0].provenance = domain::EmailProvenance::kConsumerUsed;
  d.address.country = "US";
  return d;
}

Account MidStage() {
  Account a;
  a.id = 5;
  a.days_past_due = 35;  // mid stage, entered 4 days ago
  a.balance.principal = Money::FromMajorUnits(700);
  return a;
}

Strategy MidStrategy(Channel first) {
  Strategy s;
  s.id = 1;
  s.name = "mid";
  ContactStep a;
  a.channel = first;
  a.voice = domain::VoiceMode::kAiVoice;
  a.day_offset = 0;
  a.slots = {{17 * 60, 19 * 60}};
  ContactStep b;
  b.channel = Channel::kSms;
  b.anchor = Anchor::kLastContact;
  b.day_offset = 3;
  s.sequences[static_cast<int>(domain::Stage::kMid)] = {a, b};
  return s;
}

NbaContext Ctx(const Account& a) {
  NbaContext c;
  c.now = kNow;
  c.today = kToday;
  c.stage_entered = EstimatedStageEntry(a, kNow);
  return c;
}

TEST(NextActionTest, EstimatedStageEntry) {
  Account a = MidStage();
  EXPECT_EQ(EstimatedStageEntry(a, kNow), kNow - Duration::Days(4));
  a.days_past_due = 0;
  EXPECT_EQ(EstimatedStageEntry(a, kNow), kNow);
  a.days_past_due = 1;
  EXPECT_EQ(EstimatedStageEntry(a, kNow), kNow);
  a.days_past_due = 200;
  a.charged_off = true;
  EXPECT_EQ(EstimatedStageEntry(a, kNow), kNow - Duration::Days(20));
}

TEST(NextActionTest, FallbackChainSkipsWithReasons) {
  using S = ChannelSkip;
  struct Case {
    const char* name;
    Channel step_channel;
    void (*mutate)(Debtor&);
    ActionKind kind;
    Channel want;
    int point;
    // Per channel in enum order: call, sms, email, letter, whatsapp. Cases that list four leave
    // WhatsApp kNotConsidered: no other channel falls back to it.
    std::array<S, domain::kChannelCount> skipped;
  };
  const Case cases[] = {
      {"voice usable",
       Channel::kCall,
       [](Debtor&) {},
       ActionKind::kContact,
       Channel::kCall,
       0,
       {S::kUsed, S::kNotConsidered, S::kNotConsidered, S::kNotConsidered}},
      {"person opted out of calls",
       Channel::kCall,
       [](Debtor& d) { d.calls_opted_out = true; },
       ActionKind::kContact,
       Channel::kSms,
       0,
       {S::kDebtorOptedOut, S::kUsed, S::kNotConsidered, S::kNotConsidered}},
      {"AI voice without robocall consent",
       Channel::kCall,
       [](Debtor& d) { d.phones[0].robocall_consent.revoked = kNow - Duration::Days(1); },
       ActionKind::kContact,
       Channel::kSms,
       0,
       {S::kNoConsent, S::kUsed, S::kNotConsidered, S::kNotConsidered}},
      {"wrong number: no calls or texts",
       Channel::kCall,
       [](Debtor& d) { d.phones[0].wrong_number = true; },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kWrongNumber, S::kWrongNumber, S::kUsed, S::kNotConsidered}},
      {"number opted out of both",
       Channel::kCall,
       [](Debtor& d) {
         d.phones[0].calls_opted_out = true;
         d.phones[0].texts_opted_out = true;
       },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kContactPointOptedOut, S::kContactPointOptedOut, S::kUsed, S::kNotConsidered}},
      {"landline cannot text",
       Channel::kSms,
       [](Debtor& d) { d.phones[0].type = domain::PhoneType::kLandline; },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kNotConsidered, S::kLandline, S::kUsed, S::kNotConsidered}},
      {"no SMS consent, email opted out",
       Channel::kSms,
       [](Debtor& d) {
         d.phones[0].sms_consent = {};
         d.emails[0].opted_out = true;
       },
       ActionKind::kContact,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kNoConsent, S::kContactPointOptedOut, S::kUsed}},
      {"texts and emails opted out by person",
       Channel::kSms,
       [](Debtor& d) {
         d.texts_opted_out = true;
         d.emails_opted_out = true;
       },
       ActionKind::kContact,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kDebtorOptedOut, S::kDebtorOptedOut, S::kUsed}},
      {"email of unknown provenance",
       Channel::kEmail,
       [](Debtor& d) { d.emails[0].provenance = domain::EmailProvenance::kUnknown; },
       ActionKind::kContact,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kNotConsidered, S::kNoConsent, S::kUsed}},
      {"creditor notice before its deadline",
       Channel::kEmail,
       [](Debtor& d) {
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].notice_optout_deadline = kNow + Duration::Days(2);
       },
       ActionKind::kContact,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kNotConsidered, S::kNoConsent, S::kUsed}},
      {"creditor notice after its deadline",
       Channel::kEmail,
       [](Debtor& d) {
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].notice_optout_deadline = kNow - Duration::Days(2);
       },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kNotConsidered, S::kNotConsidered, S::kUsed, S::kNotConsidered}},
      {"employer-provided email",
       Channel::kEmail,
       [](Debtor& d) { d.emails[0].employer_provided = true; },
       ActionKind::kContact,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kNotConsidered, S::kWorkContactBlocked, S::kUsed}},
      {"work phone blocked, second phone used",
       Channel::kCall,
       [](Debtor& d) {
         d.no_contact_at_work = true;
         d.phones.insert(d.phones.begin(), d.phones[0]);
         d.phones[0].place = domain::Place::kWork;
       },
       ActionKind::kContact,
       Channel::kCall,
       1,
       {S::kUsed, S::kNotConsidered, S::kNotConsidered, S::kNotConsidered}},
      {"whatsapp usable",
       Channel::kWhatsApp,
       [](Debtor&) {},
       ActionKind::kContact,
       Channel::kWhatsApp,
       0,
       {S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kUsed}},
      {"no WhatsApp opt-in: texts instead",
       Channel::kWhatsApp,
       [](Debtor& d) { d.phones[0].whatsapp_consent = {}; },
       ActionKind::kContact,
       Channel::kSms,
       0,
       {S::kNotConsidered, S::kUsed, S::kNotConsidered, S::kNotConsidered, S::kNoConsent}},
      {"WhatsApp opt-in revoked",
       Channel::kWhatsApp,
       [](Debtor& d) { d.phones[0].whatsapp_consent.revoked = kNow - Duration::Hours(1); },
       ActionKind::kContact,
       Channel::kSms,
       0,
       {S::kNotConsidered, S::kUsed, S::kNotConsidered, S::kNotConsidered, S::kNoConsent}},
      {"number opted out of WhatsApp still takes texts",
       Channel::kWhatsApp,
       [](Debtor& d) { d.phones[0].whatsapp_opted_out = true; },
       ActionKind::kContact,
       Channel::kSms,
       0,
       {S::kNotConsidered, S::kUsed, S::kNotConsidered, S::kNotConsidered,
        S::kContactPointOptedOut}},
      {"number opted out of texts still takes WhatsApp",
       Channel::kWhatsApp,
       [](Debtor& d) {
         d.phones[0].texts_opted_out = true;
         d.texts_opted_out = true;
       },
       ActionKind::kContact,
       Channel::kWhatsApp,
       0,
       {S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kUsed}},
      {"person opted out of WhatsApp and texts",
       Channel::kWhatsApp,
       [](Debtor& d) {
         d.whatsapp_opted_out = true;
         d.texts_opted_out = true;
       },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kNotConsidered, S::kDebtorOptedOut, S::kUsed, S::kNotConsidered, S::kDebtorOptedOut}},
      {"WhatsApp to a landline",
       Channel::kWhatsApp,
       [](Debtor& d) { d.phones[0].type = domain::PhoneType::kLandline; },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kNotConsidered, S::kLandline, S::kUsed, S::kNotConsidered, S::kLandline}},
      {"WhatsApp to a wrong number",
       Channel::kWhatsApp,
       [](Debtor& d) { d.phones[0].wrong_number = true; },
       ActionKind::kContact,
       Channel::kEmail,
       0,
       {S::kNotConsidered, S::kWrongNumber, S::kUsed, S::kNotConsidered, S::kWrongNumber}},
      {"WhatsApp on the second phone",
       Channel::kWhatsApp,
       [](Debtor& d) {
         d.phones.push_back(d.phones[0]);
         d.phones[0].whatsapp_consent = {};
       },
       ActionKind::kContact,
       Channel::kWhatsApp,
       1,
       {S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kNotConsidered, S::kUsed}},
      {"texts unusable: WhatsApp is never a fallback",
       Channel::kSms,
       [](Debtor& d) {
         d.phones[0].sms_consent = {};
         d.emails.clear();
         d.address = {};
       },
       ActionKind::kNone,
       Channel::kLetter,
       -1,
       {S::kNotConsidered, S::kNoConsent, S::kNoContactPoint, S::kNoContactPoint,
        S::kNotConsidered}},
      {"nothing usable",
       Channel::kCall,
       [](Debtor& d) {
         d.phones.clear();
         d.emails.clear();
         d.address = {};
       },
       ActionKind::kNone,
       Channel::kLetter,
       -1,
       {S::kNoContactPoint, S::kNoContactPoint, S::kNoContactPoint, S::kNoContactPoint}},
  };
  for (const Case& c : cases) {
    Debtor d = Reachable();
    c.mutate(d);
    const Account a = MidStage();
    const NextAction got =
        NextBestAction(MidStrategy(c.step_channel), a, d, ContactHistory{}, Ctx(a));
    EXPECT_EQ(got.kind, c.kind) << c.name;
    if (c.kind == ActionKind::kContact) {
      EXPECT_EQ(got.channel, c.want) << c.name;
      EXPECT_EQ(got.contact_point, c.point) << c.name;
      EXPECT_EQ(got.reason, c.want == c.step_channel ? ActionReason::kScheduledStep
                                                     : ActionReason::kFallbackChannel)
          << c.name;
    } else {
      EXPECT_EQ(got.reason, ActionReason::kNoUsableChannel) << c.name;
    }
    for (int ch = 0; ch < domain::kChannelCount; ++ch) {
      EXPECT_EQ(got.skipped[static_cast<std::size_t>(ch)], c.skipped[static_cast<std::size_t>(ch)])
          << c.name << " channel " << ch << ": "
          << ChannelSkipName(got.skipped[static_cast<std::size_t>(ch)]);
    }
  }
}

TEST(NextActionTest, HumanVoiceNeedsNoRobocallConsent) {
  Debtor d = Reachable();
  d.phones[0].robocall_consent = {};
  Strategy s = MidStrategy(Channel::kCall);
  s.sequences[static_cast<int>(domain::Stage::kMid)][0].voice = domain::VoiceMode::kHuman;
  const Account a = MidStage();
  const NextAction got = NextBestAction(s, a, d, ContactHistory{}, Ctx(a));
  EXPECT_EQ(got.channel, Channel::kCall);
  EXPECT_EQ(got.voice, domain::VoiceMode::kHuman);
}

TEST(NextActionTest, StepsAdvanceWithAttemptsAndDaysCountFromTheAnchor) {
  const Account a = MidStage();
  const Strategy s = MidStrategy(Channel::kCall);
  ContactHistory h;
  NextAction got = NextBestAction(s, a, Reachable(), h, Ctx(a));
  EXPECT_EQ(got.step, 0);
  EXPECT_EQ(got.earliest_day, kToday);  // offset 0, entered 4 days ago
  ASSERT_EQ(got.slots.size(), 1u);
  EXPECT_EQ(got.slots[0].start_minute, 17 * 60);
  EXPECT_EQ(got.voice, domain::VoiceMode::kAiVoice);

  ContactEvent e;  // step 0 done yesterday
  e.time = kNow - Duration::Days(1);
  e.debts.Add(a.id);
  h.Record(e);
  ContactEvent other = e;  // another debt's attempt and an old one do not count
  other.debts = {};
  other.debts.Add(6);
  h.Record(other);
  ContactEvent before_stage = e;
  before_stage.time = kNow - Duration::Days(10);
  h.Record(before_stage);
  ContactEvent inbound = e;
  inbound.initiated_by_consumer = true;
  h.Record(inbound);
  got = NextBestAction(s, a, Reachable(), h, Ctx(a));
  EXPECT_EQ(got.step, 1);
  EXPECT_EQ(got.channel, Channel::kSms);
  EXPECT_EQ(got.earliest_day, kToday + 2);  // 3 days after the last contact, 1 day elapsed
  EXPECT_TRUE(got.slots.empty());

  e.time = kNow - Duration::Hours(2);
  h.Record(e);
  got = NextBestAction(s, a, Reachable(), h, Ctx(a));
  EXPECT_EQ(got.kind, ActionKind::kNone);
  EXPECT_EQ(got.reason, ActionReason::kSequenceComplete);
}

TEST(NextActionTest, EscalationAndEmptySequence) {
  Account a = MidStage();
  a.broken_promises = 2;
  NextAction got = NextBestAction(MidStrategy(Channel::kCall), a, Reachable(), {}, Ctx(a));
  EXPECT_EQ(got.kind, ActionKind::kEscalate);
  EXPECT_EQ(got.reason, ActionReason::kEscalation);
  EXPECT_EQ(got.escalation, EscalationReason::kBrokenPromises);

  Account late = MidStage();
  late.days_past_due = 90;
  got = NextBestAction(MidStrategy(Channel::kCall), late, Reachable(), {}, Ctx(late));
  EXPECT_EQ(got.kind, ActionKind::kNone);
  EXPECT_EQ(got.reason, ActionReason::kNoSequence);

  NbaContext ctx = Ctx(a);
  a.broken_promises = 0;
  ctx.signals.refused_to_pay = true;
  got = NextBestAction(MidStrategy(Channel::kCall), a, Reachable(), {}, ctx);
  EXPECT_EQ(got.escalation, EscalationReason::kRefusal);
  EXPECT_EQ(ActionReasonName(ActionReason::kFallbackChannel), "fallback_channel");
}

}  // namespace
}  // namespace recoup::strategy
