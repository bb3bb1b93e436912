// Frequency rules: Reg F 7-in-7 and what counts as a call, the post-conversation week, call consent,
// the soft limits, and the Massachusetts, Washington and New York City caps.
#include <gtest/gtest.h>

#include <vector>

#include "core/compliance/engine.h"
#include "tests/core/compliance/fixtures.h"

namespace recoup::compliance {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using domain::Channel;
using domain::ContactEvent;
using domain::ContactHistory;
using domain::Outcome;

// Profile without the soft limits, so that the statutory rules are tested alone.
Profile Statutory() {
  Profile p;
  p.min_gap_same_number = Duration::Zero();
  p.max_calls_per_day_per_person = 24;
  return p;
}

// One event per day at 12:00 Eastern from Nov 10 (Tuesday) on.
ContactHistory Daily(int days, Outcome o) {
  ContactHistory h;
  for (int i = 0; i < days; ++i) h.Record(Call(At(2026, 11, 10 + i, 12, 0, -5), o));
  return h;
}

TEST(ComplianceFrequencyTest, SevenCallsInSevenDays) {
  const ComplianceEngine engine(Statutory());
  const Timestamp now = At(2026, 11, 16, 15, 0, -5);  // day 7 of the calls below
  // 6 counted calls in the window: the 7th is allowed.
  Verdict v = engine.Check(CallRequest(), Debt(), Albany(), Daily(6, Outcome::kNoAnswer), now);
  EXPECT_TRUE(v.allowed()) << RuleId(v.rule);
  // 7 counted calls (Nov 10..16): an 8th is deferred until Nov 10's call leaves the window, i.e.
  // Nov 17 00:00 local; the window then opens at 08:00.
  ContactHistory h = Daily(6, Outcome::kNoAnswer);
  h.Record(Call(At(2026, 11, 16, 9, 0, -5), Outcome::kVoicemailLimited));
  v = engine.Check(CallRequest(), Debt(), Albany(), h, now);
  EXPECT_EQ(v.kind, Verdict::Kind::kDefer);
  EXPECT_EQ(v.rule, Rule::kCallsPerWeek);
  EXPECT_EQ(v.until, At(2026, 11, 17, 8, 0, -5));
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), h, v.until).allowed());
}

TEST(ComplianceFrequencyTest, WhatCountsAsACall) {
  const ComplianceEngine engine(Statutory());
  const Timestamp now = At(2026, 11, 16, 15, 0, -5);
  struct Case {
    const char* name;
    Outcome outcome;
    domain::Recipient recipient;
    bool misdirected;
    domain::AccountId debt;
    Channel channel;
    bool counts;
  };
  using R = domain::Recipient;
  const Case cases[] = {
      {"unanswered", Outcome::kNoAnswer, R::kConsumer, false, kDebt, Channel::kCall, true},
      {"limited-content voicemail", Outcome::kVoicemailLimited, R::kConsumer, false, kDebt, Channel::kCall, true},
      {"ringless voicemail", Outcome::kRinglessVoicemail, R::kConsumer, false, kDebt, Channel::kCall, true},
      {"conversation", Outcome::kConversation, R::kConsumer, false, kDebt, Channel::kCall, true},
      {"busy", Outcome::kBusy, R::kConsumer, false, kDebt, Channel::kCall, false},
      {"not in service", Outcome::kNotInService, R::kConsumer, false, kDebt, Channel::kCall, false},
      {"consumer's attorney", Outcome::kConversation, R::kConsumerAttorney, false, kDebt, Channel::kCall, false},
      {"creditor", Outcome::kConversation, R::kCreditor, false, kDebt, Channel::kCall, false},
      {"reporting agency", Outcome::kNoAnswer, R::kCreditReportingAgency, false, kDebt, Channel::kCall, false},
      {"misdirected", Outcome::kNoAnswer, R::kConsumer, true, kDebt, Channel::kCall, false},
      {"other debt", Outcome::kNoAnswer, R::kConsumer, false, kOtherDebt, Channel::kCall, false},
      {"text", Outcome::kSent, R::kConsumer, false, kDebt, Channel::kSms, false},
      {"whatsapp", Outcome::kSent, R::kConsumer, false, kDebt, Channel::kWhatsApp, false},
      {"email", Outcome::kSent, R::kConsumer, false, kDebt, Channel::kEmail, false},
  };
  for (const Case& c : cases) {
    ContactHistory h;
    for (int i = 0; i < 7; ++i) {
      ContactEvent e = Call(At(2026, 11, 10 + i, 9, 0, -5), c.outcome, c.debt);
      e.recipient = c.recipient;
      e.misdirected = c.misdirected;
      e.channel = c.channel;
      h.Record(e);
    }
    // Conversations also start the post-conversation week: test 7-in-7 alone for the others.
    const Verdict v = engine.Check(CallRequest(), Debt(), Albany(), h, now);
    const bool blocked_by_count = v.kind == Verdict::Kind::kDefer && v.rule == Rule::kCallsPerWeek;
    if (c.outcome == Outcome::kConversation && c.recipient == R::kConsumer) {
      EXPECT_EQ(v.kind, Verdict::Kind::kDefer) << c.name;
      continue;
    }
    EXPECT_EQ(blocked_by_count, c.counts) << c.name << ": " << RuleId(v.rule);
  }
}

TEST(ComplianceFrequencyTest, ConversationBlocksSevenDaysCountingItsDay) {
  const ComplianceEngine engine(Statutory());
  ContactHistory h;
  ContactEvent talk = Call(At(2026, 11, 16, 14, 0, -5), Outcome::kConversation);
  talk.initiated_by_consumer = true;  // whoever initiated it
  h.Record(talk);
  // Day 1 = Nov 16 ... day 7 = Nov 22: blocked; Nov 23 08:00 allowed.
  const Verdict v = engine.Check(CallRequest(), Debt(), Albany(), h, At(2026, 11, 22, 12, 0, -5));
  EXPECT_EQ(v.kind, Verdict::Kind::kDefer);
  EXPECT_EQ(v.rule, Rule::kPostConversation);
  EXPECT_EQ(v.until, At(2026, 11, 23, 8, 0, -5));
  // Another debt is not blocked; texts are not calls.
  domain::Account other = Debt();
  other.id = kOtherDebt;
  EXPECT_TRUE(engine.Check(CallRequest(), other, Albany(), h, At(2026, 11, 17, 12, 0, -5)).allowed());
  EXPECT_TRUE(engine.Check(Request(Channel::kSms), Debt(), Albany(), h, At(2026, 11, 17, 12, 0, -5))
                  .allowed());
}

TEST(ComplianceFrequencyTest, CallsInsideAConsentWindowDoNotCount) {
  const ComplianceEngine engine(Statutory());
  ContactHistory h = Daily(7, Outcome::kNoAnswer);  // Nov 10..16
  domain::CallConsent consent;
  consent.debt = kDebt;
  consent.start = At(2026, 11, 14, 8, 0, -5);
  consent.end = At(2026, 11, 30, 0, 0, -5);  // clamped to 7 days: Nov 14..20
  h.call_consents.push_back(consent);
  const Timestamp now = At(2026, 11, 16, 15, 0, -5);
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), h, now).allowed());
  // Revoked before those calls: they count again.
  h.call_consents[0].revoked = At(2026, 11, 14, 9, 0, -5);
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), h, now).rule, Rule::kCallsPerWeek);
}

// The person agreed at the end of a conversation to be called back: the call back is placed with
// prior consent (1006.14(b)(3)(i)), so the 7-day wait after that conversation does not apply to it,
// until the consent ends (a later conversation, its 7 days) and for no other debt.
TEST(ComplianceFrequencyTest, ConsentLiftsThePostConversationWait) {
  const ComplianceEngine engine(Statutory());
  ContactHistory h;
  h.Record(Call(At(2026, 11, 16, 14, 0, -5), Outcome::kConversation));
  const Timestamp next_day = At(2026, 11, 17, 10, 0, -5);
  Verdict v = engine.Check(CallRequest(), Debt(), Albany(), h, next_day);
  EXPECT_EQ(v.rule, Rule::kPostConversation);
  EXPECT_EQ(v.until, At(2026, 11, 23, 8, 0, -5));

  domain::CallConsent consent;  // given as the conversation ended: Nov 16..22
  consent.debt = kDebt;
  consent.start = At(2026, 11, 16, 14, 5, -5);
  consent.end = consent.start + Duration::Days(7) - Duration::Nanoseconds(1);
  h.call_consents.push_back(consent);
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), h, next_day).allowed());
  // The 7 days counting the consent's day are over on Nov 23; the wait is too (a day 7 probe).
  v = engine.Check(CallRequest(), Debt(), Albany(), h, At(2026, 11, 22, 12, 0, -5));
  EXPECT_TRUE(v.allowed()) << RuleId(v.rule);

  // A consent for another debt does not lift this debt's wait.
  ContactHistory other = h;
  other.call_consents[0].debt = kOtherDebt;
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), other, next_day).rule,
            Rule::kPostConversation);

  // Once the consent's window is over, the wait applies again: here a consent stated for 2 days
  // (Nov 16 and 17).
  ContactHistory brief = h;
  brief.call_consents[0].end = At(2026, 11, 17, 23, 59, -5);
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), brief, next_day).allowed());
  v = engine.Check(CallRequest(), Debt(), Albany(), brief, At(2026, 11, 18, 10, 0, -5));
  EXPECT_EQ(v.rule, Rule::kPostConversation);
  EXPECT_EQ(v.until, At(2026, 11, 23, 8, 0, -5));

  // A later conversation about the debt ends the consent: the wait runs from it again.
  h.Record(Call(At(2026, 11, 17, 11, 0, -5), Outcome::kConversation));
  v = engine.Check(CallRequest(), Debt(), Albany(), h, At(2026, 11, 18, 10, 0, -5));
  EXPECT_EQ(v.rule, Rule::kPostConversation);
  EXPECT_EQ(v.until, At(2026, 11, 24, 8, 0, -5));
}

// A call inside a consent window is not counted, so it cannot be the 8th of 7 days either.
TEST(ComplianceFrequencyTest, ACallWithConsentIsNotAnEighthCall) {
  const ComplianceEngine engine(Statutory());
  ContactHistory h = Daily(7, Outcome::kNoAnswer);  // Nov 10..16, all counted
  const Timestamp now = At(2026, 11, 16, 15, 0, -5);
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), h, now).rule, Rule::kCallsPerWeek);
  domain::CallConsent consent;
  consent.debt = kDebt;
  consent.start = At(2026, 11, 16, 14, 0, -5);  // after the last call: none of them is excluded
  consent.end = consent.start + Duration::Days(7) - Duration::Nanoseconds(1);
  h.call_consents.push_back(consent);
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), h, now).allowed());
  // A consent's window is at most the 7 days counting its day, whatever its end says: given on
  // Nov 3 with an end on Nov 30, it no longer covers a call on Nov 16.
  h.call_consents[0].start = At(2026, 11, 3, 9, 0, -5);
  h.call_consents[0].end = At(2026, 11, 30, 0, 0, -5);
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), h, now).rule, Rule::kCallsPerWeek);
}

TEST(ComplianceFrequencyTest, SoftLimitsGapAndDaily) {
  const ComplianceEngine engine;  // defaults: 4 h between calls to one number, 2 calls a day
  ContactHistory h;
  h.Record(Call(At(2026, 11, 18, 9, 0, -5), Outcome::kNoAnswer));
  Verdict v = engine.Check(CallRequest(), Debt(), Albany(), h, At(2026, 11, 18, 9, 3, -5));
  EXPECT_EQ(v.rule, Rule::kCallGap);
  EXPECT_EQ(v.until, At(2026, 11, 18, 13, 0, -5));
  h.Record(Call(At(2026, 11, 18, 13, 30, -5), Outcome::kNoAnswer, kOtherDebt));
  v = engine.Check(CallRequest(), Debt(), Albany(), h, At(2026, 11, 18, 18, 0, -5));
  EXPECT_EQ(v.rule, Rule::kCallsPerDay);
  EXPECT_EQ(v.until, At(2026, 11, 19, 8, 0, -5));
}

TEST(ComplianceFrequencyTest, MassachusettsCountsUnansweredCallsAndTexts) {
  const ComplianceEngine engine(Statutory());
  domain::Debtor d = Albany();
  d.address.region = "MA";
  d.address.postal_code = "02110";
  ContactHistory h;
  h.Record(Call(At(2026, 11, 12, 10, 0, -5), Outcome::kNoAnswer));
  h.Record(Message(At(2026, 11, 14, 10, 0, -5), Channel::kSms));
  const Timestamp now = At(2026, 11, 16, 12, 0, -5);
  Verdict v = engine.Check(CallRequest(), Debt(), d, h, now);
  EXPECT_EQ(v.rule, Rule::kMassachusetts);
  EXPECT_EQ(v.until, At(2026, 11, 19, 8, 0, -5));  // Nov 12 leaves the window on Nov 19
  EXPECT_EQ(engine.Check(Request(Channel::kSms), Debt(), d, h, now).rule, Rule::kMassachusetts);
  // Letters and emails are not telephone communications in Massachusetts.
  EXPECT_TRUE(engine.Check(Request(Channel::kEmail), Debt(), d, h, now).allowed());
  // A Massachusetts phone number is enough to make the rule plausible.
  domain::Debtor phone_only = Albany();
  phone_only.phones[0] = Mobile("+16175550100", 617);
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), phone_only, h, now).rule, Rule::kMassachusetts);
}

TEST(ComplianceFrequencyTest, WashingtonThreeCommunicationsAWeekAcrossDebts) {
  const ComplianceEngine engine(Statutory());
  domain::Debtor d = Albany();
  d.address.region = "WA";
  d.address.postal_code = "98101";
  d.phones[0] = Mobile("+12065550100", 206);
  ContactHistory h;
  h.Record(Call(At(2026, 11, 12, 10, 0, -8), Outcome::kConversation, kOtherDebt));
  h.Record(Message(At(2026, 11, 13, 10, 0, -8), Channel::kEmail));
  h.Record(Message(At(2026, 11, 14, 10, 0, -8), Channel::kLetter, kOtherDebt));
  const Verdict v = engine.Check(Request(Channel::kEmail), Debt(), d, h, At(2026, 11, 16, 12, 0, -8));
  EXPECT_EQ(v.rule, Rule::kWashington);
  EXPECT_EQ(v.until, At(2026, 11, 19, 8, 0, -8));
  // Unanswered calls are not communications.
  ContactHistory quiet;
  for (int i = 0; i < 3; ++i) quiet.Record(Call(At(2026, 11, 12 + i, 10, 0, -8), Outcome::kNoAnswer));
  EXPECT_TRUE(engine.Check(Request(Channel::kEmail), Debt(), d, quiet, At(2026, 11, 16, 12, 0, -8))
                  .allowed());
}

TEST(ComplianceFrequencyTest, NewYorkCityThreeAttemptsAcrossMediaAndWrittenConsent) {
  const ComplianceEngine engine(Statutory());
  domain::Debtor d = Albany();
  d.address.postal_code = "10027";  // Manhattan
  d.phones[0].sms_consent.source = domain::ConsentSource::kWritten;
  d.emails[0].written_consent.source = domain::ConsentSource::kWritten;
  d.emails[0].written_consent.given = Timestamp::FromCivilUtc(2026, 1, 1);
  ContactHistory h;
  h.Record(Call(At(2026, 11, 12, 10, 0, -5), Outcome::kBusy));
  h.Record(Message(At(2026, 11, 13, 10, 0, -5), Channel::kSms));
  h.Record(Message(At(2026, 11, 14, 10, 0, -5), Channel::kEmail));
  const Timestamp now = At(2026, 11, 16, 12, 0, -5);
  EXPECT_EQ(engine.Check(CallRequest(), Debt(), d, h, now).rule, Rule::kNewYorkCity);
  EXPECT_EQ(engine.Check(Request(Channel::kEmail), Debt(), d, h, now).rule, Rule::kNewYorkCity);
  EXPECT_TRUE(engine.Check(Request(Channel::kLetter), Debt(), d, h, now).allowed());
  // Without written consent, electronic media are refused outright.
  domain::Debtor oral = d;
  oral.phones[0].sms_consent.source = domain::ConsentSource::kGivenToCollector;
  EXPECT_EQ(engine.Check(Request(Channel::kSms), Debt(), oral, {}, now).rule, Rule::kWrittenConsent);
  oral.emails[0].written_consent = domain::Consent{};
  EXPECT_EQ(engine.Check(Request(Channel::kEmail), Debt(), oral, {}, now).rule, Rule::kWrittenConsent);
}

// Answering the consumer's own call (ContactRequest::inbound): it is not a call placed, at a
// moment the consumer chose, on a medium they chose. Nothing defers it; the holds still deny it.
// A conversation in it (a consumer-initiated ledger event) starts the 7-day wait for our calls.
TEST(ComplianceFrequencyTest, AnsweringTheConsumersCall) {
  const ComplianceEngine engine;  // the default profile, soft limits included
  ContactRequest answer = CallRequest(domain::VoiceMode::kAiVoice);
  answer.inbound = true;
  const Timestamp late = At(2026, 11, 16, 22, 30, -5);  // Monday 22:30 in Albany
  ContactHistory h = Daily(7, Outcome::kNoAnswer);       // 7 calls placed Nov 10..16
  h.Record(Call(At(2026, 11, 16, 21, 0, -5), Outcome::kConversation));
  domain::Debtor d = Albany();
  d.phones[0].robocall_consent = domain::Consent{};  // no consent to AI calls
  d.calls_opted_out = true;
  d.phones[0].place = domain::Place::kWork;
  d.no_contact_at_work = true;
  EXPECT_TRUE(engine.Check(answer, Debt(), d, h, late).allowed());
  // Our own call then is deferred (and would be denied by the opt-out first).
  EXPECT_FALSE(engine.Check(CallRequest(), Debt(), Albany(), h, late).allowed());

  domain::Account cease = Debt();
  cease.written_cease = late - Duration::Days(1);
  EXPECT_EQ(engine.Check(answer, cease, d, h, late).rule, Rule::kWrittenCease);
  domain::Account attorney = Debt();
  attorney.attorney_represented = true;
  EXPECT_EQ(engine.Check(answer, attorney, d, h, late).rule, Rule::kAttorney);
  domain::Debtor bankrupt = d;
  bankrupt.bankruptcy = true;
  EXPECT_EQ(engine.Check(answer, Debt(), bankrupt, h, late).rule, Rule::kBankruptcy);
  domain::Debtor stranger = d;
  stranger.phones[0].wrong_number = true;
  EXPECT_EQ(engine.Check(answer, Debt(), stranger, h, late).rule, Rule::kWrongNumber);

  // The conversation the consumer initiated still blocks our calls for 7 days; their calls are not
  // counted as calls placed.
  ContactHistory theirs;
  for (int i = 0; i < 8; ++i) {
    ContactEvent e = Call(At(2026, 11, 10 + i / 2, 10 + i % 2, 0, -5), Outcome::kAnsweredNoConversation);
    e.initiated_by_consumer = true;
    theirs.Record(e);
  }
  const Timestamp next_day = At(2026, 11, 14, 12, 0, -5);
  EXPECT_TRUE(engine.Check(CallRequest(), Debt(), Albany(), theirs, next_day).allowed());
  ContactEvent spoke = Call(At(2026, 11, 14, 9, 0, -5), Outcome::kConversation);
  spoke.initiated_by_consumer = true;
  theirs.Record(spoke);
  const Verdict v = engine.Check(CallRequest(), Debt(), Albany(), theirs, next_day);
  EXPECT_EQ(v.rule, Rule::kPostConversation);
  EXPECT_EQ(v.until, At(2026, 11, 21, 8, 0, -5));
}

}  // namespace
}  // namespace recoup::compliance
