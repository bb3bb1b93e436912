// The playbook's call flow: opening disclosures, who answered, identity, what may be said when, and
// the errors for intents that do not fit the state.
#include "core/conversation/playbook.h"

#include <gtest/gtest.h>

#include <deque>
#include <vector>

#include "tests/core/conversation/conversation_test_util.h"

namespace recoup::conversation {
namespace {

using namespace test_util;  // NOLINT(build/namespaces): the shared fixtures
using S = Step;

TEST(PlaybookTest, CallStartsByDialling) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(c.state(), State::kAwaitingAnswer);
  EXPECT_EQ(c.steps(), std::vector<Step>{S::kDial});
}

struct OpeningCase {
  const char* name;
  DisclosureSet required;
  std::vector<Step> expected;
};

TEST(PlaybookTest, OpeningDisclosuresComeFirstInOrder) {
  const std::vector<OpeningCase> cases = {
      {"none", DisclosureSet(), {S::kAskForPerson}},
      {"id_only", Set({Disclosure::kCallerIdentification}), {S::kIdentifyCaller, S::kAskForPerson}},
      {"ai_call",
       Set({Disclosure::kRecordingNotice, Disclosure::kAiVoice, Disclosure::kCallerIdentification,
            Disclosure::kDebtCollectorInitial}),
       {S::kIdentifyCaller, S::kDiscloseAi, S::kRecordingNotice, S::kAskForPerson}},
      {"with_in_call_opt_out",
       Set({Disclosure::kInCallOptOut, Disclosure::kAiVoice, Disclosure::kCallerIdentification,
            Disclosure::kRecordingNotice, Disclosure::kTimeBarred}),
       {S::kIdentifyCaller, S::kDiscloseAi, S::kRecordingNotice, S::kInCallOptOutNotice,
        S::kAskForPerson}},
  };
  for (const OpeningCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    ConversationSetup setup = CallSetup();
    setup.disclosures = tc.required;
    Conversation c = MustStart(setup);
    EXPECT_EQ(Drive(c, {I(Intent::kAnswered)}), tc.expected);
    EXPECT_EQ(c.state(), State::kAwaitingPerson);
  }
}

TEST(PlaybookTest, FullStepSequenceRevealsNothingBeforeVerification) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(Drive(c, {I(Intent::kAnswered), I(Intent::kRightParty)}),
            std::vector<Step>{S::kVerifyIdentity});
  EXPECT_FALSE(c.identity_verified());
  EXPECT_EQ(Drive(c, {I(Intent::kConfirmsIdentity)}),
            (std::vector<Step>{S::kDebtCollectorDisclosure, S::kStateBalance,
                               S::kValidationInformation, S::kRequestPayment}));
  std::vector<Step> all;
  for (const Conversation::IssuedStep& s : c.history()) all.push_back(s.step);
  EXPECT_EQ(all,
            (std::vector<Step>{S::kDial, S::kIdentifyCaller, S::kDiscloseAi, S::kRecordingNotice,
                               S::kAskForPerson, S::kVerifyIdentity, S::kDebtCollectorDisclosure,
                               S::kStateBalance, S::kValidationInformation, S::kRequestPayment}));
  EXPECT_EQ(c.balance(), Money::FromMajorUnits(600));
}

struct VerifiedCase {
  const char* name;
  DisclosureSet required;
  std::vector<Step> expected;
};

TEST(PlaybookTest, AfterVerificationDebtCollectorDisclosureThenBalance) {
  const std::vector<VerifiedCase> cases = {
      {"subsequent",
       Set({Disclosure::kDebtCollectorSubsequent}),
       {S::kDebtCollectorReminder, S::kStateBalance, S::kRequestPayment}},
      {"initial_covers_subsequent",
       Set({Disclosure::kDebtCollectorInitial, Disclosure::kDebtCollectorSubsequent}),
       {S::kDebtCollectorDisclosure, S::kStateBalance, S::kRequestPayment}},
      {"time_barred",
       Set({Disclosure::kDebtCollectorSubsequent, Disclosure::kTimeBarred,
            Disclosure::kValidationInformation}),
       {S::kDebtCollectorReminder, S::kStateBalance, S::kTimeBarredNotice,
        S::kValidationInformation, S::kRequestPayment}},
      {"first_party_no_mini_miranda", DisclosureSet(), {S::kStateBalance, S::kRequestPayment}},
  };
  for (const VerifiedCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    ConversationSetup setup = CallSetup();
    setup.disclosures = tc.required;
    Conversation c = MustStart(setup);
    EXPECT_EQ(
        Drive(c, {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kConfirmsIdentity)}),
        tc.expected);
  }
}

// Every sequence of up to four intents from the start: while identity is not verified, no step that
// reveals the debt has been issued, and every debt step comes after the verification.
TEST(PlaybookTest, NoPathRevealsTheDebtBeforeVerification) {
  std::deque<Conversation> frontier;
  frontier.push_back(MustStart(CallSetup()));
  frontier.push_back(MustStart(MessageSetup(domain::Channel::kSms)));
  frontier.push_back(MustStart(MessageSetup(domain::Channel::kWhatsApp)));
  int explored = 0;
  for (int depth = 0; depth < 4; ++depth) {
    std::deque<Conversation> next;
    for (const Conversation& base : frontier) {
      for (int i = 0; i < kIntentCount; ++i) {
        Conversation c = base;
        const Timestamp t = c.history().back().at + Duration::Seconds(1);
        if (!c.On(MakeIntent(static_cast<Intent>(i)), t).ok()) continue;
        ++explored;
        bool verified_seen = false;
        for (const Conversation::IssuedStep& s : c.history()) {
          if (s.step == S::kDebtCollectorDisclosure || s.step == S::kDebtCollectorReminder ||
              s.step == S::kStateBalance) {
            verified_seen = true;
          }
          if (RevealsDebt(s.step)) {
            EXPECT_TRUE(c.identity_verified()) << StepName(s.step);
          }
        }
        if (!c.identity_verified()) {
          EXPECT_FALSE(verified_seen);
        }
        if (!c.finished()) next.push_back(c);
      }
    }
    frontier = std::move(next);
  }
  EXPECT_GT(explored, 100);
}

TEST(PlaybookTest, WrongPartyLearnsNothingAndNumberIsFlagged) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(Drive(c, {I(Intent::kAnswered), I(Intent::kWrongParty)}), std::vector<Step>{S::kEnd});
  EXPECT_EQ(c.state(), State::kEnded);
  const ConversationResult r = MustFinish(c);
  ASSERT_EQ(r.flag_changes.size(), 1u);
  EXPECT_EQ(r.flag_changes[0].flag, Flag::kPhoneWrongNumber);
  EXPECT_EQ(r.flag_changes[0].contact_point, 1);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kWrongNumber);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kWrongParty);
  EXPECT_TRUE(r.contact_attempt.ledger_event.misdirected);
  EXPECT_FALSE(r.contact_attempt.right_party_contact);
  EXPECT_FALSE(r.compliance.debt_discussed);
  ASSERT_EQ(r.compliance.not_delivered.size(), 2u);
  EXPECT_EQ(r.compliance.not_delivered[0].disclosure, Disclosure::kDebtCollectorInitial);
  EXPECT_EQ(r.compliance.not_delivered[0].reason, NotDeliveredReason::kNotRightParty);
}

TEST(PlaybookTest, ThirdPartyLearnsNothingAndNumberIsNotFlagged) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(Drive(c, {I(Intent::kAnswered), I(Intent::kThirdParty)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(c);
  EXPECT_TRUE(r.flag_changes.empty());
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kThirdParty);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kWrongParty);
  EXPECT_FALSE(r.contact_attempt.ledger_event.misdirected);
  EXPECT_FALSE(r.compliance.debt_discussed);
}

TEST(PlaybookTest, VoicemailGetsOnlyTheLimitedContentTemplate) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(Drive(c, {I(Intent::kVoicemail)}),
            (std::vector<Step>{S::kLeaveLimitedContentMessage, S::kEnd}));
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kVoicemailLimited);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kVoicemailLeft);
  ASSERT_EQ(r.compliance.delivered.size(), 1u);  // the template's business name
  EXPECT_EQ(r.compliance.delivered[0].disclosure, Disclosure::kCallerIdentification);
  ASSERT_EQ(r.compliance.not_delivered.size(), 4u);
  for (const UndeliveredDisclosure& u : r.compliance.not_delivered) {
    EXPECT_EQ(u.reason, NotDeliveredReason::kLimitedContentMessage) << DisclosureName(u.disclosure);
  }
  EXPECT_FALSE(r.compliance.debt_discussed);
}

TEST(PlaybookTest, NoAnswerEndsWithEverythingUndelivered) {
  Conversation c = MustStart(CallSetup());
  EXPECT_EQ(Drive(c, {I(Intent::kNoAnswer)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kNoAnswer);
  EXPECT_TRUE(r.compliance.delivered.empty());
  EXPECT_EQ(r.compliance.not_delivered.size(), 5u);
  for (const UndeliveredDisclosure& u : r.compliance.not_delivered) {
    EXPECT_EQ(u.reason, NotDeliveredReason::kNoConnection);
  }
  EXPECT_TRUE(r.contact_attempt.ledger_event.debts.Contains(42));
}

TEST(PlaybookTest, IdentityGetsOneRetry) {
  Conversation retry = MustStart(CallSetup());
  EXPECT_EQ(Drive(retry, {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kFailsIdentity)}),
            std::vector<Step>{S::kVerifyIdentity});
  Drive(retry, {I(Intent::kConfirmsIdentity)});
  EXPECT_TRUE(retry.identity_verified());
  EXPECT_EQ(MustFinish(retry).compliance.identity_attempts, 2);

  Conversation fail = MustStart(CallSetup());
  EXPECT_EQ(Drive(fail, {I(Intent::kAnswered), I(Intent::kRightParty), I(Intent::kFailsIdentity),
                         I(Intent::kFailsIdentity)}),
            std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(fail);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kIdentityNotVerified);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kAnsweredNoConversation);
  EXPECT_FALSE(r.compliance.identity_verified);
  EXPECT_FALSE(r.compliance.debt_discussed);
}

TEST(PlaybookTest, HangUpEndsWithWhatWasAchieved) {
  Conversation early = MustStart(CallSetup());
  Drive(early, {I(Intent::kAnswered), I(Intent::kHangsUp)});
  EXPECT_EQ(MustFinish(early).contact_attempt.disposition, Disposition::kHungUpUnverified);
  EXPECT_EQ(MustFinish(early).contact_attempt.outcome, domain::Outcome::kAnsweredNoConversation);

  Conversation verified = VerifiedCall();
  EXPECT_EQ(Drive(verified, {I(Intent::kHangsUp)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(verified);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kHungUp);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kConversation);
  EXPECT_TRUE(r.contact_attempt.right_party_contact);
  EXPECT_TRUE(r.compliance.not_delivered.empty());
}

TEST(PlaybookTest, SmsThreadOpensAtStartAndUsesLinksOnly) {
  Conversation c = MustStart(MessageSetup(domain::Channel::kSms));
  EXPECT_EQ(c.state(), State::kAwaitingPerson);
  EXPECT_EQ(c.steps(), (std::vector<Step>{S::kIdentifyCaller, S::kDiscloseAi,
                                          S::kOptOutInstructions, S::kAskForPerson}));
  EXPECT_EQ(Drive(c, {I(Intent::kRightParty), I(Intent::kConfirmsIdentity)}),
            (std::vector<Step>{S::kDebtCollectorReminder, S::kStateBalance, S::kRequestPayment}));
  StatusOr<std::vector<Step>> keypad =
      c.On(MakeAgreement(PaymentMethod::kKeypad), kStart + Duration::Minutes(5));
  EXPECT_EQ(keypad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.state(), State::kCollecting);
  EXPECT_EQ(MustFinish(c).contact_attempt.outcome, domain::Outcome::kSent);
}

// A WhatsApp thread plays like a text thread: the opening (with the opt-out instructions
// RF-OPTOUT-ELEC asks of every electronic message) goes with the first message, payment by link
// only, and a wrong person on the number flags the phone.
TEST(PlaybookTest, WhatsAppThreadPlaysLikeAText) {
  Conversation c = MustStart(MessageSetup(domain::Channel::kWhatsApp));
  EXPECT_EQ(c.state(), State::kAwaitingPerson);
  EXPECT_EQ(c.steps(), (std::vector<Step>{S::kIdentifyCaller, S::kDiscloseAi,
                                          S::kOptOutInstructions, S::kAskForPerson}));
  EXPECT_EQ(Drive(c, {I(Intent::kRightParty), I(Intent::kConfirmsIdentity)}),
            (std::vector<Step>{S::kDebtCollectorReminder, S::kStateBalance, S::kRequestPayment}));
  EXPECT_EQ(c.On(MakeAgreement(PaymentMethod::kKeypad), kStart + Duration::Minutes(5))
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.contact_attempt.channel, domain::Channel::kWhatsApp);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kSent);
  EXPECT_EQ(r.contact_attempt.ledger_event.channel, domain::Channel::kWhatsApp);
  EXPECT_EQ(r.compliance.channel, domain::Channel::kWhatsApp);
  bool opt_out_delivered = false;
  for (const DeliveredDisclosure& d : r.compliance.delivered) {
    opt_out_delivered |= d.disclosure == Disclosure::kOptOutInstructions;
  }
  EXPECT_TRUE(opt_out_delivered);

  Conversation wrong = MustStart(MessageSetup(domain::Channel::kWhatsApp));
  EXPECT_EQ(Drive(wrong, {I(Intent::kWrongParty)}), std::vector<Step>{S::kEnd});
  const ConversationResult w = MustFinish(wrong);
  ASSERT_EQ(w.flag_changes.size(), 1u);
  EXPECT_EQ(w.flag_changes[0].flag, Flag::kPhoneWrongNumber);
  EXPECT_EQ(w.flag_changes[0].contact_point, 0);
  EXPECT_FALSE(w.compliance.debt_discussed);
}

TEST(PlaybookTest, UnansweredMessageThreadEnds) {
  Conversation c = MustStart(MessageSetup(domain::Channel::kEmail));
  EXPECT_EQ(Drive(c, {I(Intent::kNoAnswer)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kNoAnswer);
  EXPECT_EQ(r.compliance.delivered.size(), 3u);  // the opening went out with the first message
  ASSERT_EQ(r.compliance.not_delivered.size(), 1u);
  EXPECT_EQ(r.compliance.not_delivered[0].reason, NotDeliveredReason::kNoConnection);
}

struct InvalidCase {
  const char* name;
  std::vector<Intent> before;
  IntentEvent event;
  StatusCode code;
};

TEST(PlaybookTest, IntentsInvalidInTheStateAreErrorsAndChangeNothing) {
  const std::vector<InvalidCase> cases = {
      {"agrees_before_any_offer",
       {Intent::kAnswered, Intent::kRightParty},
       I(Intent::kAgrees),
       StatusCode::kFailedPrecondition},
      {"agrees_before_answer", {}, I(Intent::kAgrees), StatusCode::kFailedPrecondition},
      {"confirms_without_check",
       {Intent::kAnswered},
       I(Intent::kConfirmsIdentity),
       StatusCode::kFailedPrecondition},
      {"right_party_before_answer", {}, I(Intent::kRightParty), StatusCode::kFailedPrecondition},
      {"voicemail_after_answer",
       {Intent::kAnswered},
       I(Intent::kVoicemail),
       StatusCode::kFailedPrecondition},
      {"no_answer_on_answered_call",
       {Intent::kAnswered},
       I(Intent::kNoAnswer),
       StatusCode::kFailedPrecondition},
      {"dispute_before_anyone_claims",
       {Intent::kAnswered},
       I(Intent::kDisputes),
       StatusCode::kFailedPrecondition},
      {"payment_without_arrangement",
       {Intent::kAnswered, Intent::kRightParty, Intent::kConfirmsIdentity},
       I(Intent::kPaymentCompleted),
       StatusCode::kFailedPrecondition},
      {"proposal_before_verification",
       {Intent::kAnswered, Intent::kRightParty},
       MakeProposal(negotiation::Proposal()),
       StatusCode::kFailedPrecondition},
      {"right_party_twice",
       {Intent::kAnswered, Intent::kRightParty},
       I(Intent::kRightParty),
       StatusCode::kFailedPrecondition},
      {"after_the_end", {Intent::kNoAnswer}, I(Intent::kHangsUp), StatusCode::kFailedPrecondition},
      {"after_transfer",
       {Intent::kAnswered, Intent::kAsksForHuman},
       I(Intent::kOptsOut),
       StatusCode::kFailedPrecondition},
  };
  for (const InvalidCase& tc : cases) {
    SCOPED_TRACE(tc.name);
    Conversation c = MustStart(CallSetup());
    for (Intent i : tc.before) Drive(c, {I(i)});
    const State state = c.state();
    const size_t issued = c.history().size();
    const std::vector<Step> steps = c.steps();
    StatusOr<std::vector<Step>> r = c.On(tc.event, kStart + Duration::Minutes(10));
    EXPECT_EQ(r.status().code(), tc.code) << r.status();
    EXPECT_EQ(c.state(), state);
    EXPECT_EQ(c.history().size(), issued);
    EXPECT_EQ(c.steps(), steps);
  }
}

TEST(PlaybookTest, TimeMustNotGoBackwards) {
  Conversation c = MustStart(CallSetup());
  ASSERT_TRUE(c.On(I(Intent::kAnswered), kStart + Duration::Seconds(10)).ok());
  StatusOr<std::vector<Step>> r = c.On(I(Intent::kRightParty), kStart + Duration::Seconds(9));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.Finish(kStart + Duration::Seconds(9)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(c.Finish(kStart + Duration::Seconds(10)).ok());
}

TEST(PlaybookTest, StartRefusesWhatCannotBeAConversation) {
  ConversationSetup letter = CallSetup();
  letter.channel = domain::Channel::kLetter;
  EXPECT_EQ(Conversation::Start(letter, StandardAccount()).status().code(),
            StatusCode::kInvalidArgument);
  ConversationSetup no_point = CallSetup();
  no_point.contact_point = -1;
  EXPECT_EQ(Conversation::Start(no_point, StandardAccount()).status().code(),
            StatusCode::kInvalidArgument);
  domain::Account attorney = StandardAccount();
  attorney.attorney_represented = true;
  domain::Account cease = StandardAccount();
  cease.written_cease = kStart - Duration::Days(1);
  domain::Account disputed = StandardAccount();
  disputed.dispute = domain::DisputeStatus::kOpen;
  for (const domain::Account& a : {attorney, cease, disputed}) {
    EXPECT_EQ(Conversation::Start(CallSetup(), a).status().code(), StatusCode::kFailedPrecondition);
  }
  domain::Account future_cease = StandardAccount();
  future_cease.written_cease = kStart + Duration::Days(1);
  EXPECT_TRUE(Conversation::Start(CallSetup(), future_cease).ok());
}

TEST(PlaybookTest, FinishingAnUnfinishedConversationRecordsAHangUp) {
  Conversation c = VerifiedCall();
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(c.state(), State::kCollecting);  // Finish does not change the conversation
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kHungUp);
  EXPECT_EQ(r.contact_attempt.end - r.contact_attempt.start, r.compliance.end - r.compliance.start);
}

}  // namespace
}  // namespace recoup::conversation
