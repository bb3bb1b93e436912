// Negotiation and payment inside a conversation: acceptance, counter-offers agreed and refused, the
// single fallback offer after a refusal, escalation, and the keypad / link payment steps.
#include <gtest/gtest.h>

#include <vector>

#include "core/conversation/playbook.h"
#include "tests/core/conversation/conversation_test_util.h"

namespace recoup::conversation {
namespace {

using namespace test_util;  // NOLINT(build/namespaces): the shared fixtures
using S = Step;

negotiation::Proposal Instalments(int n) {
  negotiation::Proposal p;
  p.kind = negotiation::Proposal::Kind::kInstalments;
  p.instalments = n;
  p.frequency = negotiation::Frequency::kMonthly;
  return p;
}

Money Sum(const negotiation::Offer& o) {
  Money total;
  for (const domain::Instalment& i : o.schedule) total += i.amount;
  return total;
}

TEST(NegotiationFlowTest, AgreeingToPayInFullByKeypad) {
  Conversation c = VerifiedCall();
  EXPECT_EQ(Drive(c, {MakeAgreement(PaymentMethod::kKeypad)}),
            (std::vector<Step>{S::kConfirmArrangement, S::kCaptureKeypadPayment}));
  EXPECT_EQ(c.state(), State::kTakingPayment);
  ASSERT_TRUE(c.offer().has_value());
  EXPECT_EQ(c.offer()->total, Money::FromMajorUnits(600));
  EXPECT_EQ(Drive(c, {I(Intent::kPaymentCompleted)}),
            (std::vector<Step>{S::kConfirmPayment, S::kEnd}));
  const ConversationResult r = MustFinish(c);
  ASSERT_TRUE(r.arrangement.has_value());
  EXPECT_EQ(r.arrangement->payment, PaymentStatus::kCompleted);
  EXPECT_EQ(r.arrangement->method, PaymentMethod::kKeypad);
  EXPECT_EQ(r.arrangement->first_payment, Money::FromMajorUnits(600));
  EXPECT_FALSE(r.arrangement->countered);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kPaid);
  EXPECT_EQ(r.contact_attempt.outcome, domain::Outcome::kConversation);
  EXPECT_TRUE(r.contact_attempt.right_party_contact);
  EXPECT_TRUE(r.compliance.consent_events.empty());  // no text was asked for
}

TEST(NegotiationFlowTest, AcceptedProposalDefaultsToASecureLink) {
  Conversation c = VerifiedCall();
  EXPECT_EQ(Drive(c, {MakeProposal(Instalments(3))}),
            (std::vector<Step>{S::kConfirmArrangement, S::kSendPaymentLink}));
  const ConversationResult r = MustFinish(c);  // ends before the processor reports
  ASSERT_TRUE(r.arrangement.has_value());
  EXPECT_EQ(r.arrangement->method, PaymentMethod::kSecureLink);
  EXPECT_EQ(r.arrangement->payment, PaymentStatus::kPending);
  EXPECT_EQ(r.arrangement->offer.schedule.size(), 3u);
  EXPECT_EQ(Sum(r.arrangement->offer), Money::FromMajorUnits(600));
  EXPECT_EQ(r.arrangement->first_payment, Money::FromMajorUnits(200));
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kArrangementAgreed);
  ASSERT_EQ(r.compliance.consent_events.size(), 1u);
  EXPECT_EQ(r.compliance.consent_events[0].kind, ConsentEventKind::kPaymentLinkTextAccepted);
}

TEST(NegotiationFlowTest, CounterOfferAgreed) {
  Conversation c = VerifiedCall();
  EXPECT_EQ(Drive(c, {MakeProposal(Instalments(12))}), std::vector<Step>{S::kPresentOffer});
  EXPECT_EQ(c.state(), State::kOfferPresented);
  ASSERT_TRUE(c.offer().has_value());
  EXPECT_EQ(c.offer()->schedule.size(), 6u);  // the policy's maximum
  EXPECT_EQ(Drive(c, {MakeAgreement(PaymentMethod::kSecureLink)}),
            (std::vector<Step>{S::kConfirmArrangement, S::kSendPaymentLink}));
  Drive(c, {I(Intent::kPaymentCompleted)});
  const ConversationResult r = MustFinish(c);
  ASSERT_TRUE(r.arrangement.has_value());
  EXPECT_TRUE(r.arrangement->countered);
  EXPECT_EQ(r.arrangement->reason, negotiation::Reason::kTooManyInstalments);
  EXPECT_EQ(r.arrangement->offer.schedule.size(), 6u);
  EXPECT_EQ(r.arrangement->first_payment, Money::FromMajorUnits(100));
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kPaid);
}

TEST(NegotiationFlowTest, CounterOfferRefusedEnds) {
  Conversation c = VerifiedCall();
  Drive(c, {MakeProposal(Instalments(12))});
  EXPECT_EQ(Drive(c, {I(Intent::kRefuses)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(c);
  EXPECT_FALSE(r.arrangement.has_value());
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kRefused);
}

TEST(NegotiationFlowTest, RefusalGetsOneFallbackPlan) {
  Conversation c = VerifiedCall();
  EXPECT_EQ(Drive(c, {I(Intent::kRefuses)}), std::vector<Step>{S::kPresentOffer});
  ASSERT_TRUE(c.offer().has_value());
  EXPECT_EQ(c.offer()->schedule.size(), 6u);
  EXPECT_EQ(Sum(*c.offer()), Money::FromMajorUnits(600));
  EXPECT_EQ(Drive(c, {I(Intent::kRefuses)}), std::vector<Step>{S::kEnd});
  EXPECT_EQ(MustFinish(c).contact_attempt.disposition, Disposition::kRefused);

  Conversation agreed = VerifiedCall();
  Drive(agreed, {I(Intent::kRefuses)});
  EXPECT_EQ(Drive(agreed, {MakeAgreement(PaymentMethod::kKeypad)}),
            (std::vector<Step>{S::kConfirmArrangement, S::kCaptureKeypadPayment}));
  EXPECT_TRUE(MustFinish(agreed).arrangement->countered);
}

TEST(NegotiationFlowTest, BeyondTheAiLimitsEscalatesWithTheReason) {
  domain::Account large = StandardAccount();
  large.balance.principal = Money::FromMajorUnits(9000);
  large.original_balance = large.balance.principal;
  Conversation c = VerifiedCall(CallSetup(), large);
  EXPECT_EQ(Drive(c, {MakeProposal(Instalments(3))}), std::vector<Step>{S::kTransferToHuman});
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.compliance.handoff, Handoff::kNegotiation);
  EXPECT_EQ(r.compliance.negotiation_reason, negotiation::Reason::kNeedsApproval);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kEscalated);

  // The fallback plan is not offered when it too would need approval: the refusal stands.
  Conversation refused = VerifiedCall(CallSetup(), large);
  EXPECT_EQ(Drive(refused, {I(Intent::kRefuses)}), std::vector<Step>{S::kEnd});
  EXPECT_EQ(MustFinish(refused).contact_attempt.disposition, Disposition::kRefused);
}

TEST(NegotiationFlowTest, CapacityBelowMinimumGoesToHardship) {
  Conversation c = VerifiedCall();
  negotiation::Proposal p;
  p.kind = negotiation::Proposal::Kind::kCapacity;
  p.amount = Money::FromMajorUnits(5);
  EXPECT_EQ(Drive(c, {MakeProposal(p)}), std::vector<Step>{S::kTransferToHuman});
  const ConversationResult r = MustFinish(c);
  EXPECT_EQ(r.compliance.handoff, Handoff::kHardship);
  EXPECT_EQ(r.compliance.negotiation_reason, negotiation::Reason::kCapacityTooLow);
}

TEST(NegotiationFlowTest, TooManyRoundsGoToAHuman) {
  Conversation c = VerifiedCall();
  for (int i = 0; i < kMaxProposals; ++i) {
    EXPECT_EQ(Drive(c, {MakeProposal(Instalments(12 + i))}), std::vector<Step>{S::kPresentOffer});
  }
  EXPECT_EQ(Drive(c, {MakeProposal(Instalments(20))}), std::vector<Step>{S::kTransferToHuman});
  EXPECT_EQ(MustFinish(c).compliance.handoff, Handoff::kNegotiationRounds);
}

TEST(NegotiationFlowTest, FailedPaymentIsRetriedOnce) {
  Conversation retried = VerifiedCall();
  Drive(retried, {MakeAgreement(PaymentMethod::kKeypad)});
  EXPECT_EQ(Drive(retried, {I(Intent::kPaymentFailed)}),
            std::vector<Step>{S::kCaptureKeypadPayment});
  EXPECT_EQ(Drive(retried, {I(Intent::kPaymentCompleted)}),
            (std::vector<Step>{S::kConfirmPayment, S::kEnd}));

  Conversation failed = VerifiedCall();
  Drive(failed, {MakeAgreement(PaymentMethod::kSecureLink)});
  EXPECT_EQ(Drive(failed, {I(Intent::kPaymentFailed)}), std::vector<Step>{S::kSendPaymentLink});
  EXPECT_EQ(Drive(failed, {I(Intent::kPaymentFailed)}), std::vector<Step>{S::kEnd});
  const ConversationResult r = MustFinish(failed);
  EXPECT_EQ(r.arrangement->payment, PaymentStatus::kFailed);
  EXPECT_EQ(r.contact_attempt.disposition, Disposition::kArrangementAgreed);
}

TEST(NegotiationFlowTest, HangingUpDuringPaymentKeepsTheArrangement) {
  Conversation keypad = VerifiedCall();
  Drive(keypad, {MakeAgreement(PaymentMethod::kKeypad), I(Intent::kHangsUp)});
  EXPECT_EQ(MustFinish(keypad).arrangement->payment, PaymentStatus::kNotTaken);
  EXPECT_EQ(MustFinish(keypad).contact_attempt.disposition, Disposition::kArrangementAgreed);

  Conversation link = VerifiedCall();
  Drive(link, {MakeAgreement(PaymentMethod::kSecureLink), I(Intent::kHangsUp)});
  EXPECT_EQ(MustFinish(link).arrangement->payment, PaymentStatus::kPending);
}

}  // namespace
}  // namespace recoup::conversation
