// Requests the playbook must honour: a human, hardship, disputes, attorney representation, cease
// and opt-out, with the records and flag changes each one writes.
#include <gtest/gtest.h>

#include <vector>

#include "core/conversation/playbook.h"
#include "tests/core/conversation/conversation_test_util.h"

namespace recoup::conversation {
namespace {

using namespace test_util;  // NOLINT(build/namespaces): the shared fixtures
using S = Step;

struct EscalationCase {
  const char* name;
  std::vector<Intent> before;  // after Start
  IntentEvent event;
  Handoff handoff;
  Disposition disposition;
  bool dispute_record;
};

negotiation::Proposal HardshipProposal() {
  negotiation::Proposal p;
  p.kind = negotiation::Proposal::Kind::kCapacity;
  p.amount = Money::FromMajorUnits(50);
  p.hardship = true;
  return p;
}

negotiation::Proposal DisputingProposal() {
  negotiation::Proposal p;
  p.disputes_debt = true;
  return p;
}

TEST(RequestsTest, EscalationsTransferToAHuman) {
  const std::vector<Intent> verified = {Intent::kAnswered, Intent::kRightParty,
                                        Intent::kConfirmsIdentity};
  const std::vector<EscalationCase> cases = {
      {"human_verified", verified, I(Intent::kAsksForHuman), Handoff::kAskedForHuman,
       Disposition::kTransferredToHuman, false},
      {"human_before_anything",
       {Intent::kAnswered},
       I(Intent::kAsksForHuman),
       Handoff::kAskedForHuman,
       Disposition::kTransferredToHuman,
       false},
      {"hardship", verified, I(Intent::kReportsHardship), Handoff::kHardship,
       Disposition::kHardship, false},
      {"hardship_in_proposal", verified, MakeProposal(HardshipProposal()), Handoff::kHardship,
       Disposition::kHardship, false},
      {"dispute", verified, I(Intent::kDisputes), Handoff::kDispute, Disposition::kDisputed, true},
      {"dispute_in_proposal", verified, MakeProposal(DisputingProposal()), Handoff::kDispute,
       Disposition::kDisputed, true},
      {"dispute_unverified",
       {Intent::kAnswered, Intent::kRightParty},
       I(Intent::kDisputes),
       Handoff::kDispute,
       Disposition::kDisputed,
       false},
  };
  for (const EscalationCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    Conversation c = MustStart(CallSetup());
    for (Intent i : tc.before) Drive(c, {I(i)});
    EXPECT_EQ(Drive(c, {tc.event}), std::vector<Step>{S::kTransferToHuman});
    EXPECT_EQ(c.state(), State::kTransferred);
    EXPECT_TRUE(c.finished());
    const ConversationResult r = MustFinish(c);
    EXPECT_EQ(r.compliance.handoff, tc.handoff);
    EXPECT_EQ(r.contact_attempt.disposition, tc.disposition);
    EXPECT_EQ(r.dispute.has_value(), tc.dispute_record);
    EXPECT_EQ(HasFlag(r, Flag::kAccountDisputeOpen), tc.dispute_record);
    EXPECT_FALSE(r.arrangement.has_value());
    ASSERT_EQ(r.compliance.requests.size(), 1u);
    EXPECT_EQ(r.compliance.requests[0].identity_verified, c.identity_verified());
  }
}

TEST(RequestsTest, DisputeRecordsHowItWasMade) {
  Conversation oral = VerifiedCall();
  Drive(oral, {I(Intent::kDisputes)});
  const ConversationResult r1 = MustFinish(oral);
  ASSERT_TRUE(r1.dispute.has_value());
  EXPECT_FALSE(r1.dispute->in_writing);
  EXPECT_EQ(r1.dispute->account, 42u);
  EXPECT_EQ(r1.dispute->person, 7u);
  EXPECT_EQ(r1.compliance.requests[0].kind, RequestKind::kDispute);

  Conversation written = VerifiedCall();
  IntentEvent e = I(Intent::kDisputes);
  e.dispute_in_writing = true;
  Drive(written, {e});
  EXPECT_TRUE(MustFinish(written).dispute->in_writing);

  Conversation sms = MustStart(MessageSetup(domain::Channel::kSms));
  Drive(sms, {I(Intent::kRightParty), I(Intent::kConfirmsIdentity), I(Intent::kDisputes)});
  EXPECT_TRUE(MustFinish(sms).dispute->in_writing);
}

TEST(RequestsTest, AttorneyEndsWithoutFurtherDiscussion) {
  for (bool verified : {false, true}) {
    SCOPED_TRACE(verified);
    Conversation c = MustStart(CallSetup());
    Drive(c, {I(Intent::kAnswered), I(Intent::kRightParty)});
    if (verified) Drive(c, {I(Intent::kConfirmsIdentity)});
    EXPECT_EQ(Drive(c, {I(Intent::kHasAttorney)}), std::vector<Step>{S::kEnd});
    const ConversationResult r = MustFinish(c);
    EXPECT_EQ(r.contact_attempt.disposition, Disposition::kAttorney);
    ASSERT_EQ(r.flag_changes.size(), 1u);
    EXPECT_EQ(r.flag_changes[0].flag, Flag::kAccountAttorneyRepresented);
    EXPECT_EQ(r.compliance.requests[0].kind, RequestKind::kAttorney);
    EXPECT_EQ(r.compliance.debt_discussed, verified);
  }
}

struct StopCase {
  const char* name;
  ConversationSetup setup;
  bool verify;
  Intent intent;
  std::vector<Step> steps;
  std::vector<Flag> flags;
  size_t consent_events;
  Disposition disposition;
};

ConversationSetup HumanCall() {
  ConversationSetup s = CallSetup();
  s.voice = domain::VoiceMode::kHuman;
  return s;
}

TEST(RequestsTest, CeaseAndOptOutStopTheMediumAndEnd) {
  const ConversationSetup sms = MessageSetup(domain::Channel::kSms);
  const ConversationSetup email = MessageSetup(domain::Channel::kEmail);
  const ConversationSetup whatsapp = MessageSetup(domain::Channel::kWhatsApp);
  const std::vector<StopCase> cases = {
      {"ai_call_opt_out_unverified",
       CallSetup(),
       false,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneCallsOptedOut, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       2,
       Disposition::kOptedOut},
      {"ai_call_opt_out_verified",
       CallSetup(),
       true,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneCallsOptedOut, Flag::kDebtorCallsOptedOut, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       2,
       Disposition::kOptedOut},
      {"human_call_opt_out",
       HumanCall(),
       true,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneCallsOptedOut, Flag::kDebtorCallsOptedOut},
       0,
       Disposition::kOptedOut},
      {"sms_stop",
       sms,
       false,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneTextsOptedOut, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       2,
       Disposition::kOptedOut},
      // WhatsApp is its own medium (its stop does not opt texts out), but the stop revokes the
      // number's TCPA consents as a text STOP does (TCPA-REVOKE).
      {"whatsapp_stop_unverified",
       whatsapp,
       false,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneWhatsAppOptedOut, Flag::kPhoneWhatsAppConsentRevoked,
        Flag::kPhoneRobocallConsentRevoked, Flag::kPhoneSmsConsentRevoked},
       3,
       Disposition::kOptedOut},
      {"whatsapp_stop_verified",
       whatsapp,
       true,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneWhatsAppOptedOut, Flag::kDebtorWhatsAppOptedOut,
        Flag::kPhoneWhatsAppConsentRevoked, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       3,
       Disposition::kOptedOut},
      {"written_cease_by_whatsapp",
       whatsapp,
       true,
       Intent::kRequestsCease,
       {S::kConfirmCease, S::kEnd},
       {Flag::kPhoneWhatsAppOptedOut, Flag::kDebtorWhatsAppOptedOut,
        Flag::kPhoneWhatsAppConsentRevoked, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked, Flag::kAccountWrittenCease},
       3,
       Disposition::kCeaseRequested},
      {"email_opt_out_verified",
       email,
       true,
       Intent::kOptsOut,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kEmailOptedOut, Flag::kDebtorEmailsOptedOut},
       0,
       Disposition::kOptedOut},
      // An oral cease stops the medium; only a written one (a text or email here) sets the cease.
      {"oral_cease_verified",
       CallSetup(),
       true,
       Intent::kRequestsCease,
       {S::kConfirmCease, S::kEnd},
       {Flag::kPhoneCallsOptedOut, Flag::kDebtorCallsOptedOut, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       2,
       Disposition::kCeaseRequested},
      {"cease_unverified_confirms_opt_out_only",
       CallSetup(),
       false,
       Intent::kRequestsCease,
       {S::kConfirmOptOut, S::kEnd},
       {Flag::kPhoneCallsOptedOut, Flag::kPhoneRobocallConsentRevoked,
        Flag::kPhoneSmsConsentRevoked},
       2,
       Disposition::kCeaseRequested},
      {"written_cease_by_email",
       email,
       true,
       Intent::kRequestsCease,
       {S::kConfirmCease, S::kEnd},
       {Flag::kEmailOptedOut, Flag::kDebtorEmailsOptedOut, Flag::kAccountWrittenCease},
       0,
       Disposition::kCeaseRequested},
  };
  for (const StopCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    Conversation c = MustStart(tc.setup);
    if (tc.setup.channel == domain::Channel::kCall) Drive(c, {I(Intent::kAnswered)});
    if (tc.verify) Drive(c, {I(Intent::kRightParty), I(Intent::kConfirmsIdentity)});
    EXPECT_EQ(Drive(c, {I(tc.intent)}), tc.steps);
    EXPECT_EQ(c.state(), State::kEnded);
    const ConversationResult r = MustFinish(c);
    std::vector<Flag> flags;
    for (const FlagChange& f : r.flag_changes) {
      flags.push_back(f.flag);
      const bool point = f.flag == Flag::kPhoneCallsOptedOut ||
                         f.flag == Flag::kPhoneTextsOptedOut ||
                         f.flag == Flag::kPhoneRobocallConsentRevoked ||
                         f.flag == Flag::kPhoneSmsConsentRevoked ||
                         f.flag == Flag::kEmailOptedOut || f.flag == Flag::kPhoneWhatsAppOptedOut ||
                         f.flag == Flag::kPhoneWhatsAppConsentRevoked;
      EXPECT_EQ(f.contact_point, point ? tc.setup.contact_point : -1) << FlagName(f.flag);
    }
    EXPECT_EQ(flags, tc.flags);
    EXPECT_EQ(r.compliance.consent_events.size(), tc.consent_events);
    EXPECT_EQ(r.contact_attempt.disposition, tc.disposition);
    ASSERT_EQ(r.compliance.requests.size(), 1u);
    EXPECT_EQ(r.compliance.requests[0].kind,
              tc.intent == Intent::kOptsOut ? RequestKind::kOptOut : RequestKind::kCease);
    EXPECT_EQ(r.compliance.requests[0].in_writing, tc.setup.channel != domain::Channel::kCall);
    EXPECT_EQ(r.compliance.requests[0].identity_verified, tc.verify);
  }
}

TEST(RequestsTest, StopRequestsAreHonouredEvenDuringPayment) {
  Conversation c = VerifiedCall();
  Drive(c, {MakeAgreement(PaymentMethod::kKeypad), I(Intent::kOptsOut)});
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kOptedOut);
  ASSERT_TRUE(r.arrangement.has_value());
  EXPECT_EQ(r.arrangement->payment, PaymentStatus::kNotTaken);
}

}  // namespace
}  // namespace recoup::conversation
