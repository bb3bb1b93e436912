// The independent compliance audit: hand-built rows that break each rule, and rows that do not.
// February 2026 is standard time in the US (New York UTC-5, Denver UTC-7, Los Angeles UTC-8);
// 2026-02-02 is a Monday.
#include "sim/recording/compliance_audit.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/compliance/engine.h"
#include "core/conversation/records.h"
#include "sim/recording/audit_records.h"

namespace recoup::sim::recording {
namespace {

using compliance::Rule;
using domain::Channel;
using domain::Outcome;
using Pairs = std::vector<std::pair<Rule, uint64_t>>;

Timestamp At(const char* iso) { return Timestamp::ParseIso8601(iso).value(); }

domain::Phone Mobile(int area_code) {
  domain::Phone p;
  p.e164 = "+1" + std::to_string(area_code) + "5550100";
  p.area_code = area_code;
  p.type = domain::PhoneType::kMobile;
  p.robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  p.sms_consent.source = domain::ConsentSource::kGivenToCollector;
  return p;
}

class AuditTest : public ::testing::Test {
 protected:
  AuditTest() {
    domain::Debtor d;
    d.id = 1;
    d.address = {"US", "NY", "10001", "America/New_York"};
    d.phones = {Mobile(212)};
    domain::Email email;
    email.address = "a@example.com";
    d.emails = {email};
    debtors_.push_back(d);
    for (const uint64_t id : {10, 11}) {
      domain::Account a;
      a.id = id;
      a.debtor = 1;
      accounts_.push_back(a);
    }
  }

  domain::Debtor& person() { return debtors_[0]; }
  domain::Account& account() { return accounts_[0]; }

  // An allowed outbound contact of person 1 about `account`.
  ContactRow& Contact(Channel ch, const char* start, Outcome outcome = Outcome::kNoAnswer,
                      uint64_t account = 10) {
    ContactRow r;
    r.account = account;
    r.person = 1;
    r.channel = ch;
    r.contact_point = ch == Channel::kLetter ? -1 : 0;
    r.start = At(start);
    r.outcome = ch == Channel::kCall ? outcome : Outcome::kSent;
    events_.emplace_back(r);
    return std::get<ContactRow>(events_.back());
  }
  ContactRow& Call(const char* start, Outcome outcome = Outcome::kNoAnswer, uint64_t account = 10) {
    return Contact(Channel::kCall, start, outcome, account);
  }
  // A call person 1 made to us: answered (a conversation when verified) or missed.
  ContactRow& Inbound(const char* start, bool verified = false, uint64_t account = 10) {
    ContactRow& r =
        Call(start, verified ? Outcome::kConversation : Outcome::kInboundFromConsumer, account);
    r.inbound = true;
    r.right_party_contact = verified;
    return r;
  }
  void Flag(uint8_t flag, const char* time, int8_t contact_point = -1, uint64_t account = 10) {
    FlagRow f;
    f.account = account;
    f.person = 1;
    f.time = At(time);
    f.flag = flag;
    f.contact_point = contact_point;
    events_.emplace_back(f);
  }
  static uint8_t F(conversation::Flag f) { return static_cast<uint8_t>(f); }
  // A second person, `id`, at person 1's address with two 212 mobiles and an e-mail, owing
  // `account`. Person ids 1 and `id`, account ids 10, 11 and `account`: neither run consecutively.
  domain::Debtor& AddPerson(uint64_t id, uint64_t account) {
    domain::Debtor d = person();
    d.id = id;
    d.phones = {Mobile(212), Mobile(212)};
    debtors_.push_back(d);
    domain::Account a;
    a.id = account;
    a.debtor = id;
    accounts_.push_back(a);
    return debtors_.back();
  }
  // Retargets the last row (contact or flag) at `person`.
  void Of(uint64_t person) {
    std::visit([person](auto& r) { r.person = person; }, events_.back());
  }
  // Person 1's consent to calls about `account` from `time` for 7 days (kFlagCallConsent).
  void Consent(const char* time, uint64_t account = 10) {
    Flag(kFlagCallConsent, time, -1, account);
    FlagRow& f = std::get<FlagRow>(events_.back());
    f.until = f.time + Duration::Days(7) - Duration::Nanoseconds(1);
  }

  // The (rule, row) pairs the audit reports.
  Pairs Run() {
    StatusOr<ComplianceAudit> audit = ComplianceAudit::Create(accounts_, debtors_, profile_);
    EXPECT_TRUE(audit.ok()) << audit.status();
    for (const auto& e : events_) {
      if (const ContactRow* c = std::get_if<ContactRow>(&e)) {
        audit->OnContact(*c);
      } else {
        audit->OnFlag(std::get<FlagRow>(e));
      }
    }
    report_ = audit->Report();
    Pairs out;
    for (const AuditViolation& v : report_.violations) out.emplace_back(v.rule, v.row);
    return out;
  }

  compliance::Profile profile_;
  std::vector<domain::Debtor> debtors_;
  std::vector<domain::Account> accounts_;
  std::vector<std::variant<ContactRow, FlagRow>> events_;
  AuditReport report_;
};

// Reg F comment 6(b)(1)(i)-2: an Eastern mobile and a Pacific address allow 11:00-21:00 Eastern.
TEST_F(AuditTest, RegFExampleEasternMobilePacificAddress) {
  person().address = {"US", "CA", "94105", "America/Los_Angeles"};
  Call("2026-02-02T15:30:00Z");  // 10:30 ET = 07:30 PT: too early in California
  Call("2026-02-03T16:00:00Z");  // 11:00 ET = 08:00 PT
  Call("2026-02-04T01:59:00Z");  // 20:59 ET (Tuesday)
  Call("2026-02-05T02:00:00Z");  // 21:00 ET (Wednesday): too late in New York
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}, {Rule::kTimeWindow, 3}}));
  EXPECT_EQ(report_.rows_checked, 4);
}

// The Bureau's second example: an Eastern mobile and a Mountain landline allow 10:00-21:00 Eastern.
TEST_F(AuditTest, EasternMobileMountainLandline) {
  domain::Phone landline = Mobile(303);
  landline.type = domain::PhoneType::kLandline;
  person().phones.push_back(landline);
  Call("2026-02-02T14:59:00Z");  // 09:59 ET = 07:59 MT
  Call("2026-02-03T15:00:00Z");  // 10:00 ET = 08:00 MT
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}}));
}

TEST_F(AuditTest, WindowAppliesToTextsAndEmailsNotLettersOrReplies) {
  Contact(Channel::kSms, "2026-02-02T12:00:00Z");        // 07:00 ET
  Contact(Channel::kEmail, "2026-02-03T03:00:00Z");      // 22:00 ET
  Contact(Channel::kLetter, "2026-02-03T08:00:00Z");     // 03:00 ET: letters have no window
  Inbound("2026-02-04T03:20:00Z");                       // a missed call from the person
  Call("2026-02-04T03:30:00Z").reply_to_inbound = true;  // the one reply to it
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}, {Rule::kTimeWindow, 1}}));
}

TEST_F(AuditTest, ConsentToInconvenientHoursWaivesTheUsWindow) {
  person().consented_to_inconvenient_hours = true;
  Call("2026-02-03T03:30:00Z");  // 22:30 ET
  EXPECT_EQ(Run(), Pairs{});
}

TEST_F(AuditTest, DesignatedInconvenientTimes) {
  person().inconvenient_times = {domain::InconvenientTime{0x1f, 18 * 60, 24 * 60}};  // weekdays
  Call("2026-02-02T23:30:00Z");  // Monday 18:30 ET
  Call("2026-02-07T23:30:00Z");  // Saturday 18:30 ET
  EXPECT_EQ(Run(), (Pairs{{Rule::kInconvenientTime, 0}}));
}

TEST_F(AuditTest, ColombiaWindowFromTheProfile) {
  person().address = {"CO", "", "", "America/Bogota"};
  person().phones[0].area_code = 0;  // not a NANP number
  Call("2026-02-08T15:00:00Z");      // Sunday 10:00: never on Sunday
  Call("2026-02-07T21:00:00Z");      // Saturday 16:00: after 15:00
  Call("2026-02-09T15:00:00Z");      // Monday 10:00
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}, {Rule::kTimeWindow, 1}}));
}

TEST_F(AuditTest, MexicoAndUkWindows) {
  person().address = {"MX", "", "", "America/Mexico_City"};  // UTC-6
  person().phones[0].area_code = 0;
  Call("2026-02-03T03:30:00Z");  // 21:30: inside 07:00-22:00
  Call("2026-02-04T04:30:00Z");  // 22:30
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 1}}));
  person().address = {"GB", "", "", "Europe/London"};
  profile_.uk_window = compliance::WeeklyWindow::Every({9 * 60, 20 * 60});  // a tighter profile
  events_.clear();
  Call("2026-02-03T08:30:00Z");  // 08:30
  Call("2026-02-03T19:30:00Z");  // 19:30
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}}));
}

TEST_F(AuditTest, NoTimeZoneFailsClosed) {
  person().address = {};
  person().phones[0].area_code = 0;
  Call("2026-02-03T16:00:00Z");
  Contact(Channel::kLetter, "2026-02-03T16:00:00Z");  // letters need no location
  EXPECT_EQ(Run(), (Pairs{{Rule::kDataLocation, 0}}));
  person().address = {"US", "NY", "", "Mars/Olympus"};
  EXPECT_EQ(Run(), (Pairs{{Rule::kDataLocation, 0}}));
  // Without a geocoded zone the region's zones are candidates: Florida spans Eastern and Central.
  person().address = {"US", "FL", "", ""};
  events_.clear();
  Call("2026-02-03T13:30:00Z");  // 08:30 ET = 07:30 CT
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}}));
}

TEST_F(AuditTest, SevenCallsInSevenDaysPerPersonAndDebt) {
  // Seven connected calls on Monday to Wednesday, busy ones in between (not placed), one call
  // about the other debt (its own ledger); the eighth placed call about debt 10 breaks the cap.
  const char* times[] = {"2026-02-02T15:00:00Z", "2026-02-02T19:00:00Z", "2026-02-03T15:00:00Z",
                         "2026-02-03T19:00:00Z", "2026-02-04T15:00:00Z", "2026-02-04T17:00:00Z",
                         "2026-02-04T19:00:00Z"};
  for (const char* t : times) Call(t);
  Call("2026-02-04T20:00:00Z", Outcome::kBusy);
  Call("2026-02-04T20:30:00Z", Outcome::kNotInService);
  Call("2026-02-04T21:00:00Z", Outcome::kNoAnswer, 11);
  Call("2026-02-04T21:30:00Z", Outcome::kWrongParty);  // misdirected: not a call to the person
  Call("2026-02-05T15:00:00Z", Outcome::kVoicemailLimited);  // row 11: the eighth
  // Monday 9 February: 3-9 February holds 5 calls of 3-4 February, the 5th's and this one: 7.
  Call("2026-02-09T15:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kCallsPerWeek, 11}}));
}

TEST_F(AuditTest, SevenInSevenRollsDayByDay) {
  // One call a day for eight days: every window of 7 days holds at most 7.
  const char* times[] = {"2026-02-02T15:00:00Z", "2026-02-03T15:00:00Z", "2026-02-04T15:00:00Z",
                         "2026-02-05T15:00:00Z", "2026-02-06T15:00:00Z", "2026-02-07T15:00:00Z",
                         "2026-02-08T15:00:00Z", "2026-02-09T15:00:00Z"};
  for (const char* t : times) Call(t);
  EXPECT_EQ(Run(), Pairs{});
  Call("2026-02-09T18:00:00Z");  // a second call on the 8th day: 7 + 1 in 3-9 February
  EXPECT_EQ(Run(), (Pairs{{Rule::kCallsPerWeek, 8}}));
}

TEST_F(AuditTest, IdleLedgersAreForgottenWithoutLosingCounts) {
  // Seven calls on Monday 2 February, then weeks of silence on this debt while another debt is
  // called daily (each new day sweeps idle ledgers), then eight calls in one day.
  for (int i = 0; i < 7; ++i) {
    Call(("2026-02-02T" + std::to_string(13 + i) + ":00:00Z").c_str());  // 08:00-14:00 ET
  }
  for (int day = 10; day <= 20; ++day) {
    Call(("2026-02-" + std::to_string(day) + "T15:00:00Z").c_str(), Outcome::kNoAnswer, 11);
  }
  for (int i = 0; i < 8; ++i) {
    Call(("2026-02-23T" + std::to_string(13 + i) + ":30:00Z").c_str());
  }
  EXPECT_EQ(Run(), (Pairs{{Rule::kCallsPerWeek, 7 + 11 + 7}}));
}

TEST_F(AuditTest, NoCallWithinSevenDaysOfAConversation) {
  Call("2026-02-02T15:00:00Z", Outcome::kConversation);  // Monday: day 1
  Call("2026-02-02T20:00:00Z");                          // the same day
  Call("2026-02-03T15:00:00Z", Outcome::kBusy);          // not placed
  Call("2026-02-08T22:00:00Z");                          // Sunday 17:00 ET: day 7
  Call("2026-02-09T15:00:00Z");                          // next Monday: free again
  Call("2026-02-09T16:00:00Z", Outcome::kNoAnswer, 11);  // another debt
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 1}, {Rule::kPostConversation, 3}}));
}

TEST_F(AuditTest, InboundConversationBlocksCallsAndLateRowsAreReEvaluated) {
  // The inbound conversation started before the outbound call but its row arrives after it.
  Call("2026-02-03T15:00:00Z");
  ContactRow& inbound = Call("2026-02-02T20:00:00Z", Outcome::kInboundFromConsumer);
  inbound.inbound = true;
  inbound.right_party_contact = true;
  inbound.start = At("2026-02-03T14:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 0}}));
  EXPECT_EQ(report_.rows_checked, 1);  // inbound rows are not checked themselves
}

// Reg F 1006.14(b)(3)(i): the AI's conversation ends with the person agreeing to a call back; the
// call back is placed with consent and is excluded from both frequency prongs.
TEST_F(AuditTest, ACallBackInsideAConsentWindowIsNotAViolation) {
  Call("2026-02-02T15:00:00Z", Outcome::kConversation);  // Monday 10:00 ET: the AI's conversation
  Consent("2026-02-02T15:05:00Z");                       // the call back offered as it ended
  Call("2026-02-03T14:00:00Z", Outcome::kNoAnswer);      // Tuesday: the call back, unanswered
  Call("2026-02-04T14:00:00Z", Outcome::kConversation);  // Wednesday: reached (still covered)
  Call("2026-02-05T14:00:00Z");  // row 3: the conversation ended the consent, its week runs
  Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer, 11);  // row 4: another debt, no conversation
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 3}}));
}

TEST_F(AuditTest, WithoutTheConsentRowTheCallBackIsAViolation) {
  Call("2026-02-02T15:00:00Z", Outcome::kConversation);
  Call("2026-02-03T14:00:00Z", Outcome::kNoAnswer);
  Consent("2026-02-02T15:05:00Z", 11);  // a consent about another debt does not help
  Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer);
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 1}, {Rule::kPostConversation, 2}}));
}

TEST_F(AuditTest, AConsentEndsAtALaterConversationItsCallBackOrItsSeventhDay) {
  Call("2026-02-02T15:00:00Z", Outcome::kConversation);
  Consent("2026-02-02T15:05:00Z");
  // The person calls us on Tuesday (identity verified) before the call back: consent over.
  Inbound("2026-02-03T14:00:00Z", /*verified=*/true);
  Call("2026-02-03T15:00:00Z");  // row 2
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 2}}));

  events_.clear();  // ended by the operation when the call back was made (Tuesday)
  Call("2026-02-02T15:00:00Z", Outcome::kConversation);
  Consent("2026-02-02T15:05:00Z");
  Call("2026-02-03T14:00:00Z");
  Flag(kFlagCallConsentEnded, "2026-02-03T14:00:00Z");
  Call("2026-02-04T14:00:00Z");  // row 2
  EXPECT_EQ(Run(), (Pairs{{Rule::kPostConversation, 2}}));
}

TEST_F(AuditTest, CallsWithConsentAreNotCountedForSevenDaysCountingItsDay) {
  // Seven counted calls on Monday 2 February; the consent comes after them (Tuesday 00:30 ET), its
  // end said 20 February: four more calls on Tuesday are not counted, nor is any an 8th. On
  // Tuesday 10 February (day 8 of the consent) calls count again: the 8th of that day breaks the
  // cap (rows 11-18).
  for (int i = 0; i < 7; ++i) Call(("2026-02-02T" + std::to_string(13 + i) + ":00:00Z").c_str());
  Consent("2026-02-03T05:30:00Z");
  std::get<FlagRow>(events_.back()).until = At("2026-02-20T00:00:00Z");
  for (int i = 0; i < 4; ++i) Call(("2026-02-03T" + std::to_string(13 + i) + ":00:00Z").c_str());
  for (int i = 0; i < 8; ++i) Call(("2026-02-10T" + std::to_string(13 + i) + ":00:00Z").c_str());
  EXPECT_EQ(Run(), (Pairs{{Rule::kCallsPerWeek, 18}}));
}

TEST_F(AuditTest, HoldsAndTheirExceptions) {
  account().written_cease = At("2026-02-03T00:00:00Z");
  accounts_[1].dispute = domain::DisputeStatus::kOpen;
  Call("2026-02-02T15:00:00Z");  // before the cease
  Call("2026-02-03T15:00:00Z");  // after it
  Contact(Channel::kLetter, "2026-02-03T16:00:00Z").purpose =
      static_cast<uint8_t>(compliance::Purpose::kCeaseAcknowledgement);
  Call("2026-02-03T17:00:00Z", Outcome::kNoAnswer, 11);  // disputed debt
  Contact(Channel::kLetter, "2026-02-03T18:00:00Z", Outcome::kSent, 11).purpose =
      static_cast<uint8_t>(compliance::Purpose::kDisputeVerification);
  EXPECT_EQ(Run(), (Pairs{{Rule::kWrittenCease, 1}, {Rule::kDisputeHold, 3}}));
}

TEST_F(AuditTest, FlagsTakeEffectAfterTheyAreSet) {
  Flag(F(conversation::Flag::kAccountAttorneyRepresented), "2026-02-03T15:00:00Z");
  Call("2026-02-03T15:00:00Z");  // at the instant the flag was set (the same conversation)
  Call("2026-02-04T15:00:00Z");
  Inbound("2026-02-04T15:30:00Z");
  Call("2026-02-04T16:00:00Z").reply_to_inbound = true;
  Flag(kFlagBankruptcy, "2026-02-05T00:00:00Z");
  Contact(Channel::kLetter, "2026-02-05T15:00:00Z", Outcome::kSent, 11);
  EXPECT_EQ(Run(), (Pairs{{Rule::kAttorney, 1}, {Rule::kBankruptcy, 4}}));
}

TEST_F(AuditTest, DeceasedAndUkHolds) {
  person().deceased = true;
  Contact(Channel::kEmail, "2026-02-03T15:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kDeceased, 0}}));
  person().deceased = false;
  person().breathing_space_until = At("2026-03-01T00:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kBreathingSpace, 0}}));
}

TEST_F(AuditTest, ConsentForAiCallsAndTexts) {
  person().phones.push_back(Mobile(212));
  person().phones[1].robocall_consent = {};
  person().phones[1].sms_consent = {};
  Call("2026-02-03T15:00:00Z").voice = domain::VoiceMode::kAiVoice;  // phone 0: consent
  ContactRow& ai = Call("2026-02-03T16:00:00Z");
  ai.voice = domain::VoiceMode::kAiVoice;
  ai.contact_point = 1;                                              // no consent
  Call("2026-02-03T17:00:00Z").contact_point = 1;                    // a human call needs none
  Contact(Channel::kSms, "2026-02-03T18:00:00Z").contact_point = 1;  // no SMS consent
  Flag(F(conversation::Flag::kPhoneRobocallConsentRevoked), "2026-02-04T12:00:00Z", 0);
  Call("2026-02-04T15:00:00Z").voice = domain::VoiceMode::kAiVoice;  // revoked on phone 0
  EXPECT_EQ(
      Run(),
      (Pairs{{Rule::kRobocallConsent, 1}, {Rule::kSmsConsent, 3}, {Rule::kRobocallConsent, 4}}));
}

TEST_F(AuditTest, OptOutsAndWrongNumbers) {
  Flag(F(conversation::Flag::kPhoneCallsOptedOut), "2026-02-02T12:00:00Z", 0);
  Call("2026-02-02T15:00:00Z");                    // opted out of calls on this phone
  Contact(Channel::kSms, "2026-02-02T16:00:00Z");  // texts are still allowed
  Flag(F(conversation::Flag::kDebtorTextsOptedOut), "2026-02-03T12:00:00Z");
  Contact(Channel::kSms, "2026-02-03T16:00:00Z");  // opted out of texts
  ContactRow& confirmation = Contact(Channel::kSms, "2026-02-03T16:05:00Z");
  confirmation.purpose = static_cast<uint8_t>(compliance::Purpose::kOptOutConfirmation);
  Flag(F(conversation::Flag::kPhoneWrongNumber), "2026-02-04T12:00:00Z", 0);
  Inbound("2026-02-04T14:00:00Z");
  Call("2026-02-04T15:00:00Z").reply_to_inbound = true;  // a reply, but to someone else's number
  Flag(F(conversation::Flag::kEmailOptedOut), "2026-02-05T12:00:00Z", 0);
  Contact(Channel::kEmail, "2026-02-05T15:00:00Z");
  ContactRow& missing = Contact(Channel::kEmail, "2026-02-05T16:00:00Z");
  missing.contact_point = 3;
  EXPECT_EQ(Run(), (Pairs{{Rule::kMediumOptOut, 0},
                          {Rule::kMediumOptOut, 2},
                          {Rule::kWrongNumber, 5},
                          {Rule::kMediumOptOut, 6},
                          {Rule::kDataContactPoint, 7}}));
}

// WhatsApp is its own medium: the opt-in (not the text consent) allows it, its own opt-out stops
// it, a text opt-out does not; the window, wrong numbers and work numbers apply as for texts.
TEST_F(AuditTest, WhatsAppOptInOptOutAndWindow) {
  person().phones.push_back(Mobile(212));
  person().phones[0].whatsapp_consent.source = domain::ConsentSource::kCreditTransaction;
  // Phone 1 has text consent only.
  Contact(Channel::kWhatsApp, "2026-02-02T15:00:00Z");                    // 0: fine
  Contact(Channel::kWhatsApp, "2026-02-02T15:10:00Z").contact_point = 1;  // 1: no opt-in
  Flag(F(conversation::Flag::kDebtorTextsOptedOut), "2026-02-02T16:00:00Z");
  Contact(Channel::kWhatsApp, "2026-02-02T17:00:00Z");  // 2: a text STOP does not stop WhatsApp
  Contact(Channel::kSms, "2026-02-02T17:05:00Z");       // 3: texts are stopped
  Flag(F(conversation::Flag::kPhoneWhatsAppOptedOut), "2026-02-03T12:00:00Z", 0);
  Contact(Channel::kWhatsApp, "2026-02-03T15:00:00Z");  // 4: opted out of WhatsApp
  ContactRow& confirmation = Contact(Channel::kWhatsApp, "2026-02-03T15:05:00Z");  // 5: allowed
  confirmation.purpose = static_cast<uint8_t>(compliance::Purpose::kOptOutConfirmation);
  Contact(Channel::kWhatsApp, "2026-02-04T03:00:00Z");  // 6: 22:00 ET, and still opted out
  EXPECT_EQ(Run(), (Pairs{{Rule::kWhatsAppConsent, 1},
                          {Rule::kMediumOptOut, 3},
                          {Rule::kMediumOptOut, 4},
                          {Rule::kMediumOptOut, 6},
                          {Rule::kTimeWindow, 6}}));
}

TEST_F(AuditTest, WhatsAppOptInRevokedAndPersonOptOut) {
  person().phones[0].whatsapp_consent.source = domain::ConsentSource::kCreditTransaction;
  Flag(F(conversation::Flag::kPhoneWhatsAppConsentRevoked), "2026-02-02T12:00:00Z", 0);
  Contact(Channel::kWhatsApp, "2026-02-02T15:00:00Z");  // 0: the opt-in was withdrawn
  Contact(Channel::kSms, "2026-02-02T15:05:00Z");       // 1: the text consent stands
  Flag(F(conversation::Flag::kDebtorWhatsAppOptedOut), "2026-02-03T12:00:00Z");
  Contact(Channel::kWhatsApp, "2026-02-03T15:00:00Z");  // 2: both
  Flag(F(conversation::Flag::kPhoneWrongNumber), "2026-02-04T12:00:00Z", 0);
  Contact(Channel::kSms, "2026-02-04T15:00:00Z");  // 3: someone else's number
  EXPECT_EQ(Run(), (Pairs{{Rule::kWhatsAppConsent, 0},
                          {Rule::kMediumOptOut, 2},
                          {Rule::kWhatsAppConsent, 2},
                          {Rule::kWrongNumber, 3}}));
  person().phones[0].place = domain::Place::kWork;
  person().no_contact_at_work = true;
  events_.clear();  // the flags above go too
  Contact(Channel::kWhatsApp, "2026-02-03T15:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kPlace, 0}}));
}

TEST_F(AuditTest, WorkNumberWhenWorkContactIsProhibited) {
  person().phones[0].place = domain::Place::kWork;
  person().no_contact_at_work = true;
  Call("2026-02-03T15:00:00Z");
  EXPECT_EQ(Run(), (Pairs{{Rule::kPlace, 0}}));
}

TEST_F(AuditTest, BlockedAndInboundRowsAreNotChecked) {
  ContactRow& blocked = Call("2026-02-03T05:00:00Z");  // midnight: would break the window
  blocked.verdict = VerdictKind::kDeny;
  blocked.rule = Rule::kTimeWindow;
  ContactRow& inbound = Call("2026-02-03T05:00:00Z", Outcome::kInboundFromConsumer);
  inbound.inbound = true;
  ContactRow& stranger = Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer, 99);  // unknown debt
  (void)stranger;
  EXPECT_EQ(Run(), (Pairs{{Rule::kDataContactPoint, 2}}));
  EXPECT_EQ(report_.rows_seen, 3);
  EXPECT_EQ(report_.rows_checked, 1);
}

// RF-RESPOND-ONCE: the reply exemptions (window, opt-out, attorney, SMS consent) belong to the
// first reply on the medium the person used after they contacted us, and to no other row.
TEST_F(AuditTest, TheReplyExemptionIsEarnedByAnInboundContactAndUsedOnce) {
  Call("2026-02-04T03:30:00Z").reply_to_inbound = true;  // 22:30 ET, nobody called us: borrowed
  Inbound("2026-02-05T02:00:00Z");                       // 21:00 ET, a missed call from them
  Call("2026-02-05T03:00:00Z").reply_to_inbound = true;  // 22:00 ET: the one reply
  Call("2026-02-05T03:10:00Z").reply_to_inbound = true;  // a second "reply"
  Inbound("2026-02-06T02:00:00Z");                       // they call again
  Contact(Channel::kSms, "2026-02-06T03:00:00Z").reply_to_inbound = true;  // another medium
  EXPECT_EQ(Run(), (Pairs{{Rule::kTimeWindow, 0}, {Rule::kTimeWindow, 3}, {Rule::kTimeWindow, 5}}));
  EXPECT_EQ(report_.rows_checked, 4);  // the inbound rows are not contacts we made
}

// Answering the person's own call places no call: no window, consent, opt-out or attorney rule
// applies to it. A conversation about the debt in it must still respect the holds.
TEST_F(AuditTest, AnsweredInboundCallsAreJudgedByTheHoldsAlone) {
  person().phones[0].robocall_consent = {};
  Flag(F(conversation::Flag::kPhoneCallsOptedOut), "2026-02-02T12:00:00Z", 0);
  accounts_[1].attorney_represented = true;
  account().written_cease = At("2026-02-05T00:00:00Z");
  Inbound("2026-02-03T03:30:00Z", true).voice = domain::VoiceMode::kAiVoice;  // 22:30 ET, the AI
  Inbound("2026-02-04T15:00:00Z", true, 11);              // the attorney's client calls: answered
  Inbound("2026-02-05T15:00:00Z", true);                  // a conversation after the cease
  Inbound("2026-02-05T16:00:00Z");                        // a call after it, missed: nothing said
  ContactRow& refused = Inbound("2026-02-05T17:00:00Z");  // answered and turned down
  refused.verdict = VerdictKind::kDeny;
  refused.rule = Rule::kWrittenCease;
  EXPECT_EQ(Run(), (Pairs{{Rule::kWrittenCease, 2}}));
  EXPECT_EQ(report_.rows_checked, 0);
}

// An inbound row cannot record what only a contact we make records: an "inbound" voicemail is an
// outbound call borrowing the exemption, judged (window, frequency) as the call it is.
TEST_F(AuditTest, AnOutboundCallDressedAsInboundIsJudgedAsOutbound) {
  Inbound("2026-02-02T15:00:00Z", true);  // Monday: a conversation the person initiated
  ContactRow& dressed = Call("2026-02-03T03:30:00Z", Outcome::kVoicemailLimited);  // 22:30 ET
  dressed.inbound = true;
  ContactRow& placed = Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer);  // inside the window
  placed.inbound = true;
  EXPECT_EQ(
      Run(),
      (Pairs{{Rule::kTimeWindow, 1}, {Rule::kPostConversation, 1}, {Rule::kPostConversation, 2}}));
  EXPECT_EQ(report_.rows_checked, 2);
}

TEST_F(AuditTest, ReportHelpers) {
  person().phones[0].robocall_consent = {};
  Call("2026-02-03T03:30:00Z").voice = domain::VoiceMode::kAiVoice;  // window + consent
  Call("2026-02-03T04:30:00Z").voice = domain::VoiceMode::kAiVoice;  // window + consent
  Run();
  EXPECT_FALSE(report_.clean());
  EXPECT_EQ(report_.ViolatingRows(), (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(report_.Count(Rule::kTimeWindow), 2);
  EXPECT_EQ(report_.Rows(Rule::kRobocallConsent), (std::vector<uint64_t>{0, 1}));
  EXPECT_EQ(report_.ByRule(), (std::vector<std::pair<Rule, int64_t>>{{Rule::kTimeWindow, 2},
                                                                     {Rule::kRobocallConsent, 2}}));
}

// The audit keeps placed facts in shared pools and flag times in an overlay keyed by record: a flag
// on one phone, e-mail, person or account must not reach its neighbours in the pools.
TEST_F(AuditTest, FlagsStayOnTheirPhoneEmailPersonAndAccount) {
  AddPerson(40, 7);
  Flag(F(conversation::Flag::kPhoneCallsOptedOut), "2026-02-02T12:00:00Z", 1, 7);
  Of(40);
  Flag(F(conversation::Flag::kPhoneRobocallConsentRevoked), "2026-02-02T12:00:00Z", 0, 7);
  Of(40);
  Flag(F(conversation::Flag::kDebtorTextsOptedOut), "2026-02-02T12:00:00Z", -1, 7);
  Of(40);
  Flag(F(conversation::Flag::kEmailOptedOut), "2026-02-02T12:00:00Z", 0, 7);
  Of(40);
  Flag(F(conversation::Flag::kAccountDisputeOpen), "2026-02-02T12:00:00Z", -1, 7);
  Of(40);
  // Every row about debt 7 breaks the dispute hold; none about person 1's debts 10 and 11 does.
  Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer, 7).contact_point = 0;  // 0: not opted out
  Of(40);
  Call("2026-02-03T15:05:00Z", Outcome::kNoAnswer, 7).contact_point = 1;  // 1: opted out
  Of(40);
  Call("2026-02-03T15:10:00Z").voice = domain::VoiceMode::kAiVoice;      // 2: person 1: consent
  ContactRow& ai = Call("2026-02-03T15:15:00Z", Outcome::kNoAnswer, 7);  // 3: revoked on phone 0
  ai.voice = domain::VoiceMode::kAiVoice;
  Of(40);
  Contact(Channel::kSms, "2026-02-03T15:20:00Z");  // 4: person 1 may be texted
  Contact(Channel::kSms, "2026-02-03T15:25:00Z", Outcome::kSent, 7).contact_point = 1;  // 5
  Of(40);
  Contact(Channel::kEmail, "2026-02-03T15:30:00Z");                     // 6: person 1's e-mail
  Contact(Channel::kEmail, "2026-02-03T15:35:00Z", Outcome::kSent, 7);  // 7: opted out
  Of(40);
  Call("2026-02-03T15:40:00Z").contact_point = 1;        // 8: person 1 has one phone
  Call("2026-02-03T15:45:00Z", Outcome::kNoAnswer, 11);  // 9: person 1's other debt: fine
  EXPECT_EQ(Run(), (Pairs{{Rule::kDisputeHold, 0},
                          {Rule::kDisputeHold, 1},
                          {Rule::kMediumOptOut, 1},
                          {Rule::kDisputeHold, 3},
                          {Rule::kRobocallConsent, 3},
                          {Rule::kDisputeHold, 5},
                          {Rule::kMediumOptOut, 5},
                          {Rule::kDisputeHold, 7},
                          {Rule::kMediumOptOut, 7},
                          {Rule::kDataContactPoint, 8}}));
}

TEST_F(AuditTest, WrongNumbersBankruptcyAndAFlagNamingOnlyTheAccount) {
  AddPerson(40, 7);
  // A flag whose person is not in the portfolio applies to its account's debtor (40, not 1).
  Flag(F(conversation::Flag::kDebtorCallsOptedOut), "2026-02-02T12:00:00Z", -1, 7);
  Of(999);
  Flag(F(conversation::Flag::kPhoneWrongNumber), "2026-02-02T12:00:00Z", 0, 7);
  Of(40);
  Flag(kFlagBankruptcy, "2026-02-02T12:00:00Z", -1, 7);
  Of(40);
  Call("2026-02-03T15:00:00Z");                                           // 0: person 1: fine
  Call("2026-02-03T15:05:00Z", Outcome::kNoAnswer, 7).contact_point = 0;  // 1
  Of(40);
  Call("2026-02-03T15:10:00Z", Outcome::kNoAnswer, 7).contact_point = 1;  // 2
  Of(40);
  EXPECT_EQ(Run(), (Pairs{{Rule::kBankruptcy, 1},
                          {Rule::kWrongNumber, 1},
                          {Rule::kMediumOptOut, 1},
                          {Rule::kBankruptcy, 2},
                          {Rule::kMediumOptOut, 2}}));
}

// Persons at the same address share their zones, but not what is theirs alone: designated times,
// consent to inconvenient hours, breathing space, a cease on one debt, consents of one phone.
TEST_F(AuditTest, WhatPersonsShareAndWhatStaysTheirOwn) {
  domain::Debtor& other = AddPerson(40, 7);
  other.inconvenient_times = {domain::InconvenientTime{0x1f, 18 * 60, 24 * 60}};
  other.consented_to_inconvenient_hours = true;
  other.phones[0].robocall_consent.given = At("2026-02-03T00:00:00Z");
  other.phones[0].robocall_consent.revoked = At("2026-02-05T00:00:00Z");
  account().written_cease = At("2026-02-09T00:00:00Z");
  Call("2026-02-02T23:30:00Z");  // 0: Monday 18:30 ET: person 1 never said so
  Call("2026-02-02T23:35:00Z", Outcome::kNoAnswer, 7);  // 1: person 40 did
  Of(40);
  Call("2026-02-03T03:30:00Z", Outcome::kNoAnswer, 11);  // 2: 22:30 ET: too late for person 1
  Call("2026-02-03T03:35:00Z", Outcome::kNoAnswer, 7);   // 3: person 40 consented (designated)
  Of(40);
  // Rows 4, 6, 8: person 40's AI calls before, inside and after its phone's consent; rows 5, 7, 9:
  // person 1's, whose consent has no end.
  for (const char* t : {"2026-02-02T15:00:00Z", "2026-02-04T15:00:00Z", "2026-02-06T15:00:00Z"}) {
    ContactRow& r = Call(t, Outcome::kNoAnswer, 7);
    r.voice = domain::VoiceMode::kAiVoice;
    Of(40);
    Call(t).voice = domain::VoiceMode::kAiVoice;
  }
  Call("2026-02-09T15:00:00Z", Outcome::kNoAnswer, 7);  // 10: the cease is on debt 10 only
  Of(40);
  Call("2026-02-09T15:05:00Z");  // 11: debt 10
  EXPECT_EQ(Run(), (Pairs{{Rule::kInconvenientTime, 1},
                          {Rule::kTimeWindow, 2},
                          {Rule::kInconvenientTime, 3},
                          {Rule::kRobocallConsent, 4},
                          {Rule::kRobocallConsent, 8},
                          {Rule::kWrittenCease, 11}}));
  debtors_[0].breathing_space_until = At("2026-02-04T00:00:00Z");
  events_.clear();
  Call("2026-02-03T15:00:00Z", Outcome::kNoAnswer, 7);  // 0: person 40 has none
  Of(40);
  Call("2026-02-03T15:05:00Z");  // 1
  Call("2026-02-04T15:00:00Z");  // 2: over
  EXPECT_EQ(Run(), (Pairs{{Rule::kBreathingSpace, 1}}));
}

TEST_F(AuditTest, CreateRejectsInconsistentPortfolios) {
  debtors_.push_back(debtors_[0]);
  StatusOr<ComplianceAudit> a = ComplianceAudit::Create(accounts_, debtors_, profile_);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("person id 1 repeats"), std::string_view::npos);
  debtors_.pop_back();
  accounts_[1].debtor = 7;
  a = ComplianceAudit::Create(accounts_, debtors_, profile_);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("accounts[1] (id 11): debtor 7"), std::string_view::npos);
  // Ids out of order: the repeat named is the later occurrence of the smallest repeated id.
  accounts_[1].debtor = 1;
  AddPerson(40, 7);
  AddPerson(1, 8);
  AddPerson(40, 9);
  a = ComplianceAudit::Create(accounts_, debtors_, profile_);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("debtors[2]: person id 1 repeats"), std::string_view::npos);
  debtors_.resize(2);
  accounts_.push_back(accounts_[0]);
  a = ComplianceAudit::Create(accounts_, debtors_, profile_);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("accounts[5]: account id 10 repeats"),
            std::string_view::npos);
}

}  // namespace
}  // namespace recoup::sim::recording
