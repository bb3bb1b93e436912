// The write-back records: a Compliance Record for every outcome that accounts for each required
// disclosure, flag changes applied to the domain, stable names, the limited-content voicemail
// template, and the absence of any card-data field.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "core/conversation/playbook.h"
#include "core/conversation/voicemail.h"
#include "tests/core/conversation/conversation_test_util.h"

namespace recoup::conversation {
namespace {

using namespace test_util;  // NOLINT(build/namespaces): the shared fixtures

struct OutcomeCase {
  const char* name;
  std::vector<IntentEvent> events;
  Disposition disposition;
};

std::vector<IntentEvent> Verified(std::vector<IntentEvent> then) {
  std::vector<IntentEvent> events = {I(Intent::kAnswered), I(Intent::kRightParty),
                                     I(Intent::kConfirmsIdentity)};
  events.insert(events.end(), then.begin(), then.end());
  return events;
}

TEST(RecordsTest, EveryOutcomeHasAComplianceRecordAccountingForEachDisclosure) {
  const std::vector<OutcomeCase> cases = {
      {"no_answer", {I(Intent::kNoAnswer)}, Disposition::kNoAnswer},
      {"voicemail", {I(Intent::kVoicemail)}, Disposition::kVoicemailLeft},
      {"picked_up_and_dropped", {I(Intent::kHangsUp)}, Disposition::kHungUpUnverified},
      {"wrong_party", {I(Intent::kAnswered), I(Intent::kWrongParty)}, Disposition::kWrongNumber},
      {"third_party", {I(Intent::kAnswered), I(Intent::kThirdParty)}, Disposition::kThirdParty},
      {"human_first",
       {I(Intent::kAnswered), I(Intent::kAsksForHuman)},
       Disposition::kTransferredToHuman},
      {"opt_out_first", {I(Intent::kAnswered), I(Intent::kOptsOut)}, Disposition::kOptedOut},
      {"identity_failed",
       {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kFailsIdentity),
        I(Intent::kFailsIdentity)},
       Disposition::kIdentityNotVerified},
      {"attorney_unverified",
       {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kHasAttorney)},
       Disposition::kAttorney},
      {"refused", Verified({I(Intent::kRefuses), I(Intent::kRefuses)}), Disposition::kRefused},
      {"paid", Verified({MakeAgreement(PaymentMethod::kKeypad), I(Intent::kPaymentCompleted)}),
       Disposition::kPaid},
      {"disputed", Verified({I(Intent::kDisputes)}), Disposition::kDisputed},
      {"hardship", Verified({I(Intent::kReportsHardship)}), Disposition::kHardship},
      {"cease", Verified({I(Intent::kRequestsCease)}), Disposition::kCeaseRequested},
  };
  for (const OutcomeCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    Conversation c = MustStart(CallSetup());
    for (const IntentEvent& e : tc.events) Drive(c, {e});
    ASSERT_TRUE(c.finished());
    const Timestamp end = c.history().back().at + Duration::Seconds(30);
    StatusOr<ConversationResult> r = c.Finish(end);
    ASSERT_TRUE(r.ok()) << r.status();
    const ComplianceRecord& cr = r->compliance;
    EXPECT_EQ(cr.account, 42u);
    EXPECT_EQ(cr.person, 7u);
    EXPECT_EQ(cr.start, kStart);
    EXPECT_EQ(cr.end, end);
    EXPECT_EQ(cr.required, CallSetup().disclosures);
    EXPECT_EQ(r->contact_attempt.disposition, tc.disposition);
    EXPECT_EQ(r->contact_attempt.duration(), end - kStart);
    // Each required disclosure is either delivered or listed with a reason, never both.
    for (int i = 0; i < compliance::kDisclosureCount; ++i) {
      const auto d = static_cast<Disclosure>(i);
      int delivered = 0;
      int missing = 0;
      for (const DeliveredDisclosure& x : cr.delivered) delivered += x.disclosure == d;
      for (const UndeliveredDisclosure& x : cr.not_delivered) missing += x.disclosure == d;
      EXPECT_EQ(delivered + missing, cr.required.Contains(d) ? 1 : 0) << DisclosureName(d);
    }
    // Delivered in issue order, never after the end.
    for (size_t i = 1; i < cr.delivered.size(); ++i) {
      EXPECT_LE(cr.delivered[i - 1].order, cr.delivered[i].order);
      EXPECT_LE(cr.delivered[i].at, end);
    }
    EXPECT_EQ(cr.debt_discussed, cr.identity_verified);
  }
}

TEST(RecordsTest, DisclosuresAreRecordedInDeliveryOrderWithTimes) {
  Conversation c = MustStart(CallSetup());
  ASSERT_TRUE(c.On(I(Intent::kAnswered), kStart + Duration::Seconds(8)).ok());
  ASSERT_TRUE(c.On(I(Intent::kRightParty), kStart + Duration::Seconds(12)).ok());
  ASSERT_TRUE(c.On(I(Intent::kConfirmsIdentity), kStart + Duration::Seconds(40)).ok());
  const ConversationResult r = MustFinish(c);
  const std::vector<Disclosure> order = {
      Disclosure::kCallerIdentification, Disclosure::kAiVoice, Disclosure::kRecordingNotice,
      Disclosure::kDebtCollectorInitial, Disclosure::kValidationInformation};
  ASSERT_EQ(r.compliance.delivered.size(), order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    EXPECT_EQ(r.compliance.delivered[i].disclosure, order[i]) << i;
    EXPECT_EQ(r.compliance.delivered[i].at, kStart + Duration::Seconds(i < 3 ? 8 : 40));
  }
  EXPECT_TRUE(r.compliance.identity_verified);
  EXPECT_EQ(r.compliance.identity_attempts, 1);
}

TEST(RecordsTest, FlagChangesApplyToTheDomain) {
  domain::Account account = StandardAccount();
  domain::Debtor debtor;
  debtor.phones.resize(2);
  debtor.phones[1].robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  debtor.phones[1].sms_consent.source = domain::ConsentSource::kGivenToCollector;
  Conversation c = VerifiedCall();
  Drive(c, {I(Intent::kOptsOut)});
  const ConversationResult r = MustFinish(c);
  ASSERT_TRUE(ApplyFlagChanges(r.flag_changes, account, debtor).ok());
  const Timestamp when = r.flag_changes.front().at;
  EXPECT_TRUE(debtor.phones[1].calls_opted_out);
  EXPECT_FALSE(debtor.phones[0].calls_opted_out);
  EXPECT_TRUE(debtor.calls_opted_out);
  EXPECT_FALSE(debtor.phones[1].robocall_consent.ActiveAt(when));
  EXPECT_TRUE(debtor.phones[1].robocall_consent.ActiveAt(when - Duration::Seconds(1)));
  EXPECT_FALSE(debtor.phones[1].sms_consent.ActiveAt(when));

  FlagChange cease;
  cease.flag = Flag::kAccountWrittenCease;
  cease.at = kStart;
  FlagChange attorney = cease;
  attorney.flag = Flag::kAccountAttorneyRepresented;
  FlagChange dispute = cease;
  dispute.flag = Flag::kAccountDisputeOpen;
  ASSERT_TRUE(ApplyFlagChanges({cease, attorney, dispute}, account, debtor).ok());
  EXPECT_TRUE(account.CeaseInEffect(kStart));
  EXPECT_TRUE(account.attorney_represented);
  EXPECT_EQ(account.dispute, domain::DisputeStatus::kOpen);
}

// A WhatsApp stop opts the person out of WhatsApp only (RF-MEDIUM: texts are another medium), and
// revokes the number's TCPA consents to calls and texts as any stop does (TCPA-REVOKE).
TEST(RecordsTest, WhatsAppStopOptsOutOfWhatsAppAndRevokesTcpaConsents) {
  domain::Account account = StandardAccount();
  domain::Debtor debtor;
  debtor.phones.resize(1);
  debtor.phones[0].sms_consent.source = domain::ConsentSource::kGivenToCollector;
  debtor.phones[0].robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  debtor.phones[0].whatsapp_consent.source = domain::ConsentSource::kGivenToCollector;
  Conversation c = MustStart(MessageSetup(domain::Channel::kWhatsApp));
  Drive(c, {I(Intent::kRightParty), I(Intent::kConfirmsIdentity), I(Intent::kOptsOut)});
  const ConversationResult r = MustFinish(c);
  ASSERT_TRUE(ApplyFlagChanges(r.flag_changes, account, debtor).ok());
  const Timestamp when = r.flag_changes.front().at;
  EXPECT_TRUE(debtor.phones[0].whatsapp_opted_out);
  EXPECT_TRUE(debtor.whatsapp_opted_out);
  EXPECT_FALSE(debtor.phones[0].whatsapp_consent.ActiveAt(when));
  EXPECT_TRUE(debtor.phones[0].whatsapp_consent.ActiveAt(when - Duration::Seconds(1)));
  EXPECT_FALSE(debtor.phones[0].texts_opted_out);
  EXPECT_FALSE(debtor.texts_opted_out);
  EXPECT_FALSE(debtor.phones[0].sms_consent.ActiveAt(when));
  EXPECT_FALSE(debtor.phones[0].robocall_consent.ActiveAt(when));
  EXPECT_TRUE(debtor.phones[0].sms_consent.ActiveAt(when - Duration::Seconds(1)));
  // A WhatsApp phone flag names a phone: one outside the debtor's phones is refused.
  FlagChange bad;
  bad.flag = Flag::kPhoneWhatsAppConsentRevoked;
  bad.contact_point = 3;
  EXPECT_EQ(ApplyFlagChanges({bad}, account, debtor).code(), StatusCode::kOutOfRange);
}

TEST(RecordsTest, FlagChangeOutsideTheContactPointsAppliesNothing) {
  domain::Account account = StandardAccount();
  domain::Debtor debtor;
  debtor.phones.resize(1);
  FlagChange ok;
  ok.flag = Flag::kPhoneWrongNumber;
  ok.contact_point = 0;
  FlagChange bad = ok;
  bad.flag = Flag::kEmailOptedOut;  // no emails at all
  const Status s = ApplyFlagChanges({ok, bad}, account, debtor);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_NE(s.message().find("flag_changes[1]"), std::string_view::npos) << s;
  EXPECT_FALSE(debtor.phones[0].wrong_number);
}

template <typename E>
void ExpectDistinctNames(int count, std::string_view (*name)(E)) {
  std::set<std::string_view> seen;
  for (int i = 0; i < count; ++i) {
    const std::string_view n = name(static_cast<E>(i));
    EXPECT_NE(n, "unknown") << i;
    EXPECT_TRUE(seen.insert(n).second) << n;
  }
  EXPECT_EQ(name(static_cast<E>(count)), "unknown");
}

TEST(RecordsTest, NamesAreStableAndDistinct) {
  ExpectDistinctNames<Intent>(kIntentCount, IntentName);
  ExpectDistinctNames<Step>(kStepCount, StepName);
  ExpectDistinctNames<Disposition>(17, DispositionName);
  ExpectDistinctNames<Flag>(15, FlagName);
  ExpectDistinctNames<ConsentEventKind>(4, ConsentEventKindName);
  ExpectDistinctNames<State>(8, StateName);
  EXPECT_EQ(IntentName(Intent::kOptsOut), "opts_out");
  EXPECT_EQ(StepName(Step::kLeaveLimitedContentMessage), "leave_limited_content_message");
  EXPECT_EQ(DispositionName(Disposition::kPaid), "paid");
  EXPECT_EQ(FlagName(Flag::kAccountDisputeOpen), "account_dispute_open");
  // Appended: the values of the older flags (stored in results files) did not move.
  EXPECT_EQ(static_cast<int>(Flag::kAccountDisputeOpen), 11);
  EXPECT_EQ(FlagName(Flag::kPhoneWhatsAppOptedOut), "phone_whatsapp_opted_out");
  EXPECT_EQ(FlagName(Flag::kDebtorWhatsAppOptedOut), "debtor_whatsapp_opted_out");
  EXPECT_EQ(ConsentEventKindName(ConsentEventKind::kWhatsAppConsentRevoked),
            "whatsapp_consent_revoked");
}

TEST(RecordsTest, StepsAndDisclosuresMapBothWays) {
  for (int i = 0; i < compliance::kDisclosureCount; ++i) {
    const auto d = static_cast<Disclosure>(i);
    EXPECT_EQ(DisclosureOf(StepFor(d)), d) << DisclosureName(d);
  }
  EXPECT_FALSE(DisclosureOf(Step::kAskForPerson).has_value());
  EXPECT_FALSE(RevealsDebt(Step::kLeaveLimitedContentMessage));
  EXPECT_FALSE(RevealsDebt(Step::kConfirmOptOut));
  EXPECT_TRUE(RevealsDebt(Step::kStateBalance));
}

LimitedContentFields GoodFields() {
  LimitedContentFields f;
  f.business_name = "Harbor Services";
  f.contact_name = "Dana O'Neil";
  f.reply_phone = "+1 (617) 555-0123";
  return f;
}

TEST(VoicemailTest, RendersTheFixedTemplateOnly) {
  StatusOr<std::string> text = RenderLimitedContentMessage(GoodFields());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "Hello. This is a message from Harbor Services. Please call Dana O'Neil back at "
            "+1 (617) 555-0123. You may speak to any representative.");
}

TEST(VoicemailTest, RejectsFieldsThatWouldBreakLimitedContent) {
  struct Case {
    const char* name;
    LimitedContentFields fields;
  };
  std::vector<Case> cases;
  auto with = [](auto mutate) {
    LimitedContentFields f = GoodFields();
    mutate(f);
    return f;
  };
  cases.push_back({"debt_in_name", with([](auto& f) { f.business_name = "Acme Debt Solutions"; })});
  cases.push_back({"collect_in_name", with([](auto& f) { f.business_name = "Collections Inc"; })});
  cases.push_back(
      {"recovery_in_name", with([](auto& f) { f.business_name = "RECOVERY Partners"; })});
  cases.push_back({"empty_business", with([](auto& f) { f.business_name.clear(); })});
  cases.push_back({"placeholder", with([](auto& f) { f.business_name = "X {contact}"; })});
  cases.push_back({"newline", with([](auto& f) { f.business_name = "Harbor\nYou owe $600"; })});
  cases.push_back({"contact_not_a_name", with([](auto& f) { f.contact_name = "balance $600"; })});
  cases.push_back({"empty_contact", with([](auto& f) { f.contact_name.clear(); })});
  cases.push_back({"phone_text", with([](auto& f) { f.reply_phone = "call 555 0123 re debt"; })});
  cases.push_back({"phone_short", with([](auto& f) { f.reply_phone = "555-01"; })});
  for (const Case& tc : cases) {
    SCOPED_TRACE(tc.name);
    EXPECT_EQ(RenderLimitedContentMessage(tc.fields).status().code(), StatusCode::kInvalidArgument);
  }
}

// Card data never passes through the playbook: the event and the arrangement record have exactly
// these fields (adding one, e.g. a card number, breaks the structured bindings below and must be
// reviewed), and none holds anything but the documented types.
TEST(NoCardDataTest, EventAndArrangementCarryNoCardFields) {
  static_assert(std::is_aggregate_v<IntentEvent>);
  static_assert(std::is_aggregate_v<PaymentArrangementRecord>);
  IntentEvent e = MakeAgreement(PaymentMethod::kKeypad);
  auto& [intent, proposal, dispute_in_writing, payment_method] = e;
  static_assert(std::is_same_v<decltype(payment_method), PaymentMethod>);
  static_assert(std::is_same_v<decltype(proposal), negotiation::Proposal>);
  EXPECT_EQ(intent, Intent::kAgrees);
  EXPECT_FALSE(dispute_in_writing);
  PaymentArrangementRecord a;
  auto& [account, agreed_at, offer, reason, countered, method, first_payment, payment] = a;
  static_assert(std::is_same_v<decltype(method), PaymentMethod>);
  static_assert(std::is_same_v<decltype(first_payment), Money>);
  EXPECT_EQ(account, 0u);
  EXPECT_EQ(agreed_at, Timestamp());
  EXPECT_TRUE(offer.schedule.empty());
  EXPECT_EQ(reason, negotiation::Reason::kWithinLimits);
  EXPECT_FALSE(countered);
  EXPECT_EQ(payment, PaymentStatus::kPending);
}

}  // namespace
}  // namespace recoup::conversation
