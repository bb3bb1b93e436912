#include "core/strategy/strategy.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::strategy {
namespace {

using domain::Account;
using domain::ContactEvent;
using domain::ContactHistory;
using domain::Debtor;

const Timestamp kNow = Timestamp::FromCivilUtc(2026, 6, 15, 15);

Account EligibleAccount() {
  Account a;
  a.id = 1;
  a.days_past_due = 20;
  a.balance.principal = Money::FromMajorUnits(800);
  return a;
}

Debtor EligibleDebtor() {
  Debtor d;
  d.phones.resize(1);
  d.phones[0].e164 = "+16175550123";
  d.phones[0].type = domain::PhoneType::kMobile;
  d.phones[0].robocall_consent.source = domain::ConsentSource::kCreditTransaction;
  return d;
}

TEST(StrategyTest, AiEligibilityFirstFailingCriterion) {
  struct Case {
    const char* name;
    void (*mutate)(AiEligibility&, Account&, Debtor&);
    AiQueueReason want;
  };
  const Case cases[] = {
      {"eligible", [](AiEligibility&, Account&, Debtor&) {}, AiQueueReason::kEligible},
      {"0 dpd is in range", [](AiEligibility&, Account& a, Debtor&) { a.days_past_due = 0; },
       AiQueueReason::kEligible},
      {"60 dpd is in range", [](AiEligibility&, Account& a, Debtor&) { a.days_past_due = 60; },
       AiQueueReason::kEligible},
      {"61 dpd", [](AiEligibility&, Account& a, Debtor&) { a.days_past_due = 61; },
       AiQueueReason::kDaysPastDue},
      {"charged off", [](AiEligibility&, Account& a, Debtor&) { a.charged_off = true; },
       AiQueueReason::kDaysPastDue},
      {"disabled", [](AiEligibility& r, Account&, Debtor&) { r.enabled = false; },
       AiQueueReason::kAiDisabled},
      {"open dispute",
       [](AiEligibility&, Account& a, Debtor&) { a.dispute = domain::DisputeStatus::kOpen; },
       AiQueueReason::kActiveDispute},
      {"verified dispute may be collected",
       [](AiEligibility&, Account& a, Debtor&) { a.dispute = domain::DisputeStatus::kVerified; },
       AiQueueReason::kEligible},
      {"cease in effect",
       [](AiEligibility&, Account& a, Debtor&) { a.written_cease = kNow - Duration::Hours(1); },
       AiQueueReason::kCeaseInEffect},
      {"cease in the future",
       [](AiEligibility&, Account& a, Debtor&) { a.written_cease = kNow + Duration::Hours(1); },
       AiQueueReason::kEligible},
      {"balance above range",
       [](AiEligibility&, Account& a, Debtor&) { a.balance.fees = Money::FromMajorUnits(4201); },
       AiQueueReason::kBalanceOutOfRange},
      {"balance at max",
       [](AiEligibility&, Account& a, Debtor&) { a.balance.fees = Money::FromMajorUnits(4200); },
       AiQueueReason::kEligible},
      {"zero balance", [](AiEligibility&, Account& a, Debtor&) { a.balance = {}; },
       AiQueueReason::kBalanceOutOfRange},
      {"no phone", [](AiEligibility&, Account&, Debtor& d) { d.phones.clear(); },
       AiQueueReason::kNoValidPhone},
      {"wrong number", [](AiEligibility&, Account&, Debtor& d) { d.phones[0].wrong_number = true; },
       AiQueueReason::kNoValidPhone},
      {"number opted out",
       [](AiEligibility&, Account&, Debtor& d) { d.phones[0].calls_opted_out = true; },
       AiQueueReason::kNoValidPhone},
      {"person opted out", [](AiEligibility&, Account&, Debtor& d) { d.calls_opted_out = true; },
       AiQueueReason::kNoValidPhone},
      {"no robocall consent",
       [](AiEligibility&, Account&, Debtor& d) { d.phones[0].robocall_consent = {}; },
       AiQueueReason::kNoValidPhone},
      {"consent not required",
       [](AiEligibility& r, Account&, Debtor& d) {
         r.require_robocall_consent = false;
         d.phones[0].robocall_consent = {};
       },
       AiQueueReason::kEligible},
      {"second phone valid",
       [](AiEligibility&, Account&, Debtor& d) {
         d.phones.insert(d.phones.begin(), domain::Phone{});
         d.phones[0].e164 = "+16175550000";
         d.phones[0].wrong_number = true;
       },
       AiQueueReason::kEligible},
  };
  for (const Case& c : cases) {
    AiEligibility rules;
    Account a = EligibleAccount();
    Debtor d = EligibleDebtor();
    c.mutate(rules, a, d);
    EXPECT_EQ(CheckAiEligibility(rules, a, d, kNow), c.want)
        << c.name << ": got " << AiQueueReasonName(CheckAiEligibility(rules, a, d, kNow));
  }
}

ContactEvent Attempt(domain::AccountId id, int hours_ago, domain::Outcome o) {
  ContactEvent e;
  e.time = kNow - Duration::Hours(hours_ago);
  e.outcome = o;
  e.debts.Add(id);
  return e;
}

TEST(StrategyTest, AttemptsSinceRightPartyContact) {
  Account a = EligibleAccount();
  ContactHistory h;
  h.Record(Attempt(1, 100, domain::Outcome::kNoAnswer));
  h.Record(Attempt(1, 90, domain::Outcome::kConversation));  // RPC
  h.Record(Attempt(1, 80, domain::Outcome::kNoAnswer));
  h.Record(Attempt(2, 70, domain::Outcome::kNoAnswer));  // another debt
  ContactEvent inbound = Attempt(1, 60, domain::Outcome::kInboundFromConsumer);
  inbound.initiated_by_consumer = true;
  h.Record(inbound);
  ContactEvent misdirected = Attempt(1, 50, domain::Outcome::kWrongParty);
  misdirected.misdirected = true;
  h.Record(misdirected);
  h.Record(Attempt(1, 40, domain::Outcome::kVoicemailLimited));
  EXPECT_EQ(AttemptsSinceRightPartyContact(a, h), 2);
  h.Record(Attempt(1, 1, domain::Outcome::kConversation));
  EXPECT_EQ(AttemptsSinceRightPartyContact(a, h), 0);
}

TEST(StrategyTest, EscalationTriggersInOrder) {
  struct Case {
    const char* name;
    void (*mutate)(EscalationTriggers&, Account&, ContactHistory&, ConversationSignals&);
    EscalationReason want;
  };
  const Case cases[] = {
      {"nothing", [](EscalationTriggers&, Account&, ContactHistory&, ConversationSignals&) {},
       EscalationReason::kNone},
      {"open dispute",
       [](EscalationTriggers&, Account& a, ContactHistory&, ConversationSignals& s) {
         a.dispute = domain::DisputeStatus::kOpen;
         s.hardship = true;
       },
       EscalationReason::kDispute},
      {"dispute trigger off",
       [](EscalationTriggers& t, Account& a, ContactHistory&, ConversationSignals&) {
         t.dispute_to_human = false;
         a.dispute = domain::DisputeStatus::kOpen;
       },
       EscalationReason::kNone},
      {"hardship before refusal",
       [](EscalationTriggers&, Account&, ContactHistory&, ConversationSignals& s) {
         s.hardship = true;
         s.refused_to_pay = true;
       },
       EscalationReason::kHardship},
      {"refusal",
       [](EscalationTriggers&, Account&, ContactHistory&, ConversationSignals& s) {
         s.refused_to_pay = true;
       },
       EscalationReason::kRefusal},
      {"one broken promise is data",
       [](EscalationTriggers&, Account& a, ContactHistory&, ConversationSignals&) {
         a.broken_promises = 1;
       },
       EscalationReason::kNone},
      {"two broken promises",
       [](EscalationTriggers&, Account& a, ContactHistory&, ConversationSignals&) {
         a.broken_promises = 2;
       },
       EscalationReason::kBrokenPromises},
      {"broken promises trigger off",
       [](EscalationTriggers& t, Account& a, ContactHistory&, ConversationSignals&) {
         t.max_consecutive_broken_promises = 0;
         a.broken_promises = 5;
       },
       EscalationReason::kNone},
      {"three attempts without RPC at limit 3",
       [](EscalationTriggers& t, Account&, ContactHistory& h, ConversationSignals&) {
         t.max_attempts_without_rpc = 3;
         for (int i = 0; i < 3; ++i) h.Record(Attempt(1, 10 + i, domain::Outcome::kNoAnswer));
       },
       EscalationReason::kNoRightPartyContact},
      {"two attempts without RPC at limit 3",
       [](EscalationTriggers& t, Account&, ContactHistory& h, ConversationSignals&) {
         t.max_attempts_without_rpc = 3;
         for (int i = 0; i < 2; ++i) h.Record(Attempt(1, 10 + i, domain::Outcome::kNoAnswer));
       },
       EscalationReason::kNone},
  };
  for (const Case& c : cases) {
    EscalationTriggers t;
    Account a = EligibleAccount();
    ContactHistory h;
    ConversationSignals s;
    c.mutate(t, a, h, s);
    EXPECT_EQ(CheckEscalation(t, a, h, s), c.want)
        << c.name << ": got " << EscalationReasonName(CheckEscalation(t, a, h, s));
  }
}

TEST(StrategyTest, ValidationNamesTheField) {
  struct Case {
    const char* name;
    void (*mutate)(Strategy&);
    const char* want;
  };
  const Case cases[] = {
      {"valid", [](Strategy&) {}, nullptr},
      {"no name", [](Strategy& s) { s.name.clear(); }, "name is empty"},
      {"negative offset", [](Strategy& s) { s.sequences[2][0].day_offset = -1; },
       "sequences.mid[0].day_offset must be >= 0"},
      {"empty slot",
       [](Strategy& s) {
         s.sequences[2][0].slots = {{600, 600}};
       },
       "sequences.mid[0].slots[0] must satisfy"},
      {"slot past midnight",
       [](Strategy& s) {
         s.sequences[2][0].slots = {{600, 1441}};
       },
       "sequences.mid[0].slots[0]"},
      {"negative broken promises",
       [](Strategy& s) { s.escalation.max_consecutive_broken_promises = -1; },
       "escalation.max_consecutive_broken_promises"},
      {"invalid offer limits", [](Strategy& s) { s.offer_limits.max_instalments = -1; },
       "strategy 'mid_stage_calls': offer_limits: "},
      {"inverted dpd range", [](Strategy& s) { s.ai.min_days_past_due = 70; },
       "ai.min_days_past_due"},
      {"inverted balance range", [](Strategy& s) { s.ai.max_balance = Money::Zero(); },
       "ai.min_balance"},
  };
  for (const Case& c : cases) {
    Strategy s;
    s.id = 3;
    s.name = "mid_stage_calls";
    ContactStep step;
    step.channel = domain::Channel::kCall;
    step.slots = {{9 * 60, 12 * 60}};
    s.sequences[2] = {step};
    c.mutate(s);
    const Status st = s.Validate();
    if (c.want == nullptr) {
      EXPECT_TRUE(st.ok()) << c.name << ": " << st;
    } else {
      EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << c.name;
      EXPECT_NE(st.message().find(c.want), std::string_view::npos) << c.name << ": " << st;
    }
  }
}

}  // namespace
}  // namespace recoup::strategy
