// Hard stops, medium blocks, consent rules, disclosures and profile validation.
#include <gtest/gtest.h>

#include <functional>

#include "core/compliance/engine.h"
#include "tests/core/compliance/fixtures.h"

namespace recoup::compliance {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using domain::Account;
using domain::Channel;
using domain::Debtor;

const Timestamp kNoon = At(2026, 11, 18, 12, 0, -5);

struct RuleCase {
  const char* name;
  std::function<void(Account&, Debtor&, ContactRequest&)> setup;
  Verdict::Kind kind;
  Rule rule;
};

void RunCase(const RuleCase& c) {
  const ComplianceEngine engine;
  Account a = Debt();
  Debtor d = Albany();
  ContactRequest r = CallRequest();
  c.setup(a, d, r);
  const Verdict v = engine.Check(r, a, d, {}, kNoon);
  EXPECT_EQ(v.kind, c.kind) << c.name << ": got " << RuleId(v.rule) << " (" << v.reason << ")";
  EXPECT_EQ(v.rule, c.rule) << c.name << ": got " << RuleId(v.rule);
}

TEST(ComplianceRulesTest, HardStops) {
  using K = Verdict::Kind;
  const RuleCase cases[] = {
      {"baseline", [](Account&, Debtor&, ContactRequest&) {}, K::kAllow, Rule::kNone},
      {"bankruptcy", [](Account&, Debtor& d, ContactRequest&) { d.bankruptcy = true; }, K::kDeny, Rule::kBankruptcy},
      {"bankruptcy blocks letters too",
       [](Account&, Debtor& d, ContactRequest& r) { d.bankruptcy = true; r.channel = Channel::kLetter; },
       K::kDeny, Rule::kBankruptcy},
      {"deceased", [](Account&, Debtor& d, ContactRequest&) { d.deceased = true; }, K::kDeny, Rule::kDeceased},
      {"written cease", [](Account& a, Debtor&, ContactRequest&) { a.written_cease = kNoon - Duration::Days(1); },
       K::kDeny, Rule::kWrittenCease},
      {"cease in the future is not yet in effect",
       [](Account& a, Debtor&, ContactRequest&) { a.written_cease = kNoon + Duration::Days(1); }, K::kAllow, Rule::kNone},
      {"cease acknowledgement by letter",
       [](Account& a, Debtor&, ContactRequest& r) {
         a.written_cease = kNoon - Duration::Days(1);
         r.channel = Channel::kLetter;
         r.purpose = Purpose::kCeaseAcknowledgement;
       },
       K::kAllow, Rule::kNone},
      {"cease acknowledgement by phone is not allowed",
       [](Account& a, Debtor&, ContactRequest& r) {
         a.written_cease = kNoon - Duration::Days(1);
         r.purpose = Purpose::kCeaseAcknowledgement;
       },
       K::kDeny, Rule::kWrittenCease},
      {"attorney", [](Account& a, Debtor&, ContactRequest&) { a.attorney_represented = true; }, K::kDeny, Rule::kAttorney},
      {"attorney: reply once to the consumer's call",
       [](Account& a, Debtor&, ContactRequest& r) { a.attorney_represented = true; r.reply_to_inbound = true; },
       K::kAllow, Rule::kNone},
      {"open dispute", [](Account& a, Debtor&, ContactRequest&) { a.dispute = domain::DisputeStatus::kOpen; },
       K::kDeny, Rule::kDisputeHold},
      {"dispute: verification may be sent",
       [](Account& a, Debtor&, ContactRequest& r) {
         a.dispute = domain::DisputeStatus::kOpen;
         r.channel = Channel::kLetter;
         r.purpose = Purpose::kDisputeVerification;
       },
       K::kAllow, Rule::kNone},
      {"verified dispute resumes", [](Account& a, Debtor&, ContactRequest&) { a.dispute = domain::DisputeStatus::kVerified; },
       K::kAllow, Rule::kNone},
      {"original-creditor hold", [](Account& a, Debtor&, ContactRequest&) { a.original_creditor_hold = true; },
       K::kDeny, Rule::kOriginalCreditorHold},
      {"breathing space", [](Account&, Debtor& d, ContactRequest&) { d.breathing_space_until = kNoon + Duration::Days(60); },
       K::kDeny, Rule::kBreathingSpace},
      {"breathing space over", [](Account&, Debtor& d, ContactRequest&) { d.breathing_space_until = kNoon; },
       K::kAllow, Rule::kNone},
      {"capacity hold", [](Account&, Debtor& d, ContactRequest&) { d.capacity_hold = true; }, K::kDeny, Rule::kCapacityHold},
      {"legal referral without SCRA check",
       [](Account&, Debtor&, ContactRequest& r) { r.channel = Channel::kLetter; r.purpose = Purpose::kLegalReferral; },
       K::kDeny, Rule::kScraLegal},
      {"legal referral, active duty",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kLetter;
         r.purpose = Purpose::kLegalReferral;
         r.scra_status_checked = true;
         d.scra_active_duty = true;
       },
       K::kDeny, Rule::kScraLegal},
      {"legal referral, time-barred",
       [](Account& a, Debtor&, ContactRequest& r) {
         r.channel = Channel::kLetter;
         r.purpose = Purpose::kLegalReferral;
         r.scra_status_checked = true;
         a.time_barred = true;
       },
       K::kDeny, Rule::kTimeBarredSuit},
      {"legal referral, checked",
       [](Account&, Debtor&, ContactRequest& r) {
         r.channel = Channel::kLetter;
         r.purpose = Purpose::kLegalReferral;
         r.scra_status_checked = true;
       },
       K::kAllow, Rule::kNone},
  };
  for (const RuleCase& c : cases) RunCase(c);
}

TEST(ComplianceRulesTest, MediaAndPlaces) {
  using K = Verdict::Kind;
  const RuleCase cases[] = {
      {"no such phone", [](Account&, Debtor&, ContactRequest& r) { r.contact_point = 3; }, K::kDeny, Rule::kDataContactPoint},
      {"negative index", [](Account&, Debtor&, ContactRequest& r) { r.contact_point = -1; }, K::kDeny, Rule::kDataContactPoint},
      {"empty number", [](Account&, Debtor& d, ContactRequest&) { d.phones[0].e164.clear(); }, K::kDeny, Rule::kDataContactPoint},
      {"wrong number", [](Account&, Debtor& d, ContactRequest&) { d.phones[0].wrong_number = true; }, K::kDeny, Rule::kWrongNumber},
      {"no calls at all", [](Account&, Debtor& d, ContactRequest&) { d.calls_opted_out = true; }, K::kDeny, Rule::kMediumOptOut},
      {"no calls to this number", [](Account&, Debtor& d, ContactRequest&) { d.phones[0].calls_opted_out = true; },
       K::kDeny, Rule::kMediumOptOut},
      {"call opt-out leaves texts",
       [](Account&, Debtor& d, ContactRequest& r) { d.calls_opted_out = true; r.channel = Channel::kSms; }, K::kAllow, Rule::kNone},
      {"texts opted out",
       [](Account&, Debtor& d, ContactRequest& r) { d.phones[0].texts_opted_out = true; r.channel = Channel::kSms; },
       K::kDeny, Rule::kMediumOptOut},
      {"one text confirming the opt-out",
       [](Account&, Debtor& d, ContactRequest& r) {
         d.phones[0].texts_opted_out = true;
         r.channel = Channel::kSms;
         r.purpose = Purpose::kOptOutConfirmation;
       },
       K::kAllow, Rule::kNone},
      {"email opted out",
       [](Account&, Debtor& d, ContactRequest& r) { d.emails_opted_out = true; r.channel = Channel::kEmail; },
       K::kDeny, Rule::kMediumOptOut},
      {"no such email", [](Account&, Debtor&, ContactRequest& r) { r.channel = Channel::kEmail; r.contact_point = 1; },
       K::kDeny, Rule::kDataContactPoint},
      {"work number, no contact at work",
       [](Account&, Debtor& d, ContactRequest&) { d.phones[0].place = domain::Place::kWork; d.no_contact_at_work = true; },
       K::kDeny, Rule::kPlace},
      {"work email, no contact at work",
       [](Account&, Debtor& d, ContactRequest& r) {
         d.emails[0].employer_provided = true;
         d.no_contact_at_work = true;
         r.channel = Channel::kEmail;
       },
       K::kDeny, Rule::kPlace},
  };
  for (const RuleCase& c : cases) RunCase(c);
}

TEST(ComplianceRulesTest, Consent) {
  using K = Verdict::Kind;
  using domain::VoiceMode;
  const RuleCase cases[] = {
      {"AI voice with consent", [](Account&, Debtor&, ContactRequest& r) { r.voice = VoiceMode::kAiVoice; }, K::kAllow, Rule::kNone},
      {"AI voice without consent",
       [](Account&, Debtor& d, ContactRequest& r) { r.voice = VoiceMode::kAiVoice; d.phones[0].robocall_consent = {}; },
       K::kDeny, Rule::kRobocallConsent},
      {"AI voice, consent revoked",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.voice = VoiceMode::kAiVoice;
         d.phones[0].robocall_consent.revoked = kNoon - Duration::Hours(1);
       },
       K::kDeny, Rule::kRobocallConsent},
      {"prerecorded without consent",
       [](Account&, Debtor& d, ContactRequest& r) { r.voice = VoiceMode::kPrerecorded; d.phones[0].robocall_consent = {}; },
       K::kDeny, Rule::kRobocallConsent},
      {"human call needs no robocall consent",
       [](Account&, Debtor& d, ContactRequest&) { d.phones[0].robocall_consent = {}; }, K::kAllow, Rule::kNone},
      {"text without consent",
       [](Account&, Debtor& d, ContactRequest& r) { r.channel = Channel::kSms; d.phones[0].sms_consent = {}; },
       K::kDeny, Rule::kSmsConsent},
      {"text, consent stale after 60 days",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kSms;
         d.phones[0].last_text_consent_or_inbound = kNoon - Duration::Days(61);
       },
       K::kDeny, Rule::kSmsConsent},
      {"text, stale consent but a clean reassigned-number check",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kSms;
         d.phones[0].last_text_consent_or_inbound = kNoon - Duration::Days(61);
         d.phones[0].reassigned_check_clean = kNoon - Duration::Days(3);
       },
       K::kAllow, Rule::kNone},
      {"email of unknown provenance",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kEmail;
         d.emails[0].provenance = domain::EmailProvenance::kUnknown;
       },
       K::kDeny, Rule::kEmailProvenance},
      {"creditor notice, opt-out period over",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kEmail;
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].notice_sent = kNoon - Duration::Days(40);
         d.emails[0].notice_optout_deadline = kNoon - Duration::Days(5);
       },
       K::kAllow, Rule::kNone},
      {"creditor notice, opt-out period still running",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kEmail;
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].notice_sent = kNoon - Duration::Days(20);
         d.emails[0].notice_optout_deadline = kNoon + Duration::Days(15);
       },
       K::kDeny, Rule::kEmailProvenance},
      {"creditor notice with a deadline under 35 days",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kEmail;
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].notice_sent = kNoon - Duration::Days(40);
         d.emails[0].notice_optout_deadline = kNoon - Duration::Days(10);
       },
       K::kDeny, Rule::kEmailProvenance},
      {"employer email from a creditor notice",
       [](Account&, Debtor& d, ContactRequest& r) {
         r.channel = Channel::kEmail;
         d.emails[0].provenance = domain::EmailProvenance::kCreditorNotice;
         d.emails[0].employer_provided = true;
         d.emails[0].notice_sent = kNoon - Duration::Days(40);
         d.emails[0].notice_optout_deadline = kNoon - Duration::Days(5);
       },
       K::kDeny, Rule::kEmailProvenance},
  };
  for (const RuleCase& c : cases) RunCase(c);
}

TEST(ComplianceRulesTest, RequiredDisclosures) {
  const ComplianceEngine engine;
  Account a = Debt();
  Debtor d = Albany();
  // An AI call, recorded, to a consumer in an all-party state, first contact, no validation notice.
  d.address.region = "MA";
  a.validation_notice_sent = Timestamp::InfinitePast();
  DisclosureSet s = engine.RequiredDisclosures(CallRequest(domain::VoiceMode::kAiVoice), a, d, {});
  for (const Disclosure x : {Disclosure::kCallerIdentification, Disclosure::kAiVoice, Disclosure::kInCallOptOut,
                             Disclosure::kRecordingNotice, Disclosure::kDebtCollectorInitial,
                             Disclosure::kValidationInformation}) {
    EXPECT_TRUE(s.Contains(x)) << DisclosureName(x);
  }
  EXPECT_FALSE(s.Contains(Disclosure::kDebtCollectorSubsequent));
  EXPECT_FALSE(s.Contains(Disclosure::kTimeBarred));
  // A human call in New York (one-party state) after a conversation: subsequent mini-Miranda only.
  d = Albany();
  a = Debt();
  domain::ContactHistory h;
  h.Record(Call(kNoon - Duration::Days(10), domain::Outcome::kConversation));
  s = engine.RequiredDisclosures(CallRequest(), a, d, h);
  EXPECT_TRUE(s.Contains(Disclosure::kDebtCollectorSubsequent));
  EXPECT_FALSE(s.Contains(Disclosure::kDebtCollectorInitial));
  EXPECT_FALSE(s.Contains(Disclosure::kRecordingNotice));
  EXPECT_FALSE(s.Contains(Disclosure::kAiVoice));
  // An unanswered call is not a communication: still initial.
  domain::ContactHistory unanswered;
  unanswered.Record(Call(kNoon - Duration::Days(1), domain::Outcome::kVoicemailLimited));
  EXPECT_TRUE(engine.RequiredDisclosures(CallRequest(), a, d, unanswered).Contains(Disclosure::kDebtCollectorInitial));
  // Texts carry opt-out instructions; time-barred debts their notice.
  a.time_barred = true;
  s = engine.RequiredDisclosures(Request(Channel::kSms), a, d, h);
  EXPECT_TRUE(s.Contains(Disclosure::kOptOutInstructions));
  EXPECT_TRUE(s.Contains(Disclosure::kTimeBarred));
  EXPECT_EQ(engine.MaxPromisesToPay(), 3);
}

TEST(ComplianceRulesTest, ValidationPeriod) {
  using domain::LocalDate;
  // Sent Wednesday 2026-11-25: receipt presumed Thursday 2026-12-03 (Thanksgiving and the weekend
  // excluded); the period runs 30 days after receipt, to 2027-01-02.
  EXPECT_EQ(ValidationPeriodLastDay(LocalDate(2026, 11, 25)), LocalDate(2027, 1, 2));
  // Sent Monday 2026-11-02: receipt Monday 2026-11-09; Veterans Day is after it. Ends 2026-12-09.
  EXPECT_EQ(ValidationPeriodLastDay(LocalDate(2026, 11, 2)), LocalDate(2026, 12, 9));
  EXPECT_TRUE(InValidationPeriod(LocalDate(2026, 11, 25), LocalDate(2027, 1, 2)));
  EXPECT_FALSE(InValidationPeriod(LocalDate(2026, 11, 25), LocalDate(2027, 1, 3)));
  EXPECT_FALSE(InValidationPeriod(LocalDate(2026, 11, 25), LocalDate(2026, 11, 24)));
}

TEST(ComplianceRulesTest, ProfileValidation) {
  EXPECT_TRUE(Profile().Validate().ok());
  struct Case {
    const char* name;
    std::function<void(Profile&)> edit;
    const char* field;
  };
  const Case cases[] = {
      {"8 calls", [](Profile& p) { p.calls_per_7_days = 8; }, "calls_per_7_days"},
      {"window from 07:00", [](Profile& p) { p.us_window.days[2].start_minute = 7 * 60; }, "us_window.wednesday"},
      {"Colombian Sunday", [](Profile& p) { p.colombia_window.days[6] = {9 * 60, 12 * 60}; }, "colombia_window.sunday"},
      {"MA 3", [](Profile& p) { p.massachusetts_per_7_days = 3; }, "massachusetts_per_7_days"},
      {"post-conversation 6", [](Profile& p) { p.post_conversation_days = 6; }, "post_conversation_days"},
      {"SMS 90 days", [](Profile& p) { p.sms_consent_freshness = Duration::Days(90); }, "sms_consent_freshness"},
      {"email 30 days", [](Profile& p) { p.email_notice_min_optout = Duration::Days(30); }, "email_notice_min_optout"},
      {"NYC consent off", [](Profile& p) { p.nyc_requires_written_consent_electronic = false; },
       "nyc_requires_written_consent_electronic"},
  };
  for (const Case& c : cases) {
    Profile p;
    c.edit(p);
    const Status s = p.Validate();
    EXPECT_FALSE(s.ok()) << c.name;
    EXPECT_NE(s.message().find(c.field), std::string::npos) << c.name << ": " << s.message();
    // An invalid profile denies everything.
    const ComplianceEngine engine(p);
    EXPECT_EQ(engine.Check(CallRequest(), Debt(), Albany(), {}, kNoon).rule, Rule::kDataProfile);
  }
  // Tightening is fine.
  Profile strict;
  strict.calls_per_7_days = 3;
  strict.us_window = WeeklyWindow::Every({9 * 60, 20 * 60});
  EXPECT_TRUE(strict.Validate().ok());
  EXPECT_EQ(RuleId(Rule::kCallsPerWeek), "RF-CALL-7x7");
  EXPECT_EQ(RuleId(Rule::kWrittenConsent), "NYC-CONSENT");
}

}  // namespace
}  // namespace recoup::compliance
