// Inbound calls in the simulated operation (sim/world/operation_inbound.cc): the callbacks the
// behaviour model draws reach the core's contact workflow as calls the debtor makes, answered by
// the AI (24/7) or an agent on shift; the holds still stop them; the KPIs and the independent audit
// read them right. Every voicemail is returned (behaviour.inbound_callback = 1) and texts, emails
// and letters prompt none, so every inbound call here follows a voicemail. January 2026 is
// standard time in New York (UTC-5); the run starts on Monday 2026-01-05.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <variant>
#include <vector>

#include "core/conversation/records.h"
#include "core/workflow/decision_config.h"
#include "sim/recording/compliance_audit.h"
#include "sim/recording/kpis.h"
#include "sim/recording/run_log.h"
#include "sim/world/operation.h"
#include "sim/world/world_config.h"
#include "tests/sim/world/operation_run.h"

namespace recoup::sim::world {
namespace {

using recording::Agent;
using recording::ContactRow;
using recording::FlagRow;
using recording::PaymentRow;
using recording::VerdictKind;

constexpr int kDays = 10;

using test_support::OperationRun;

WorldSpec InboundWorld(int64_t accounts) {
  WorldSpec w;
  w.portfolio.accounts = accounts;  // one region: US / NY, America/New_York
  w.channels.human = DefaultHumanHandleTimes();
  w.channels.ai = DefaultAiHandleTimes();
  w.staffing.ai_lines = 4;
  w.staffing.agents.front().count = 3;  // 09:00-17:00 New York, Monday to Friday
  w.behaviour.inbound_callback = 1.0;   // every voicemail is returned...
  w.behaviour.sms_read = 0;             // ...and nothing else prompts a call
  w.behaviour.email_open = 0;
  w.behaviour.letter_response = 0;
  return w;
}

workflow::DecisionConfig Decisions(bool ai) {
  workflow::DecisionConfig d = workflow::DefaultDecisionConfig();
  for (strategy::Strategy& s : d.strategies) s.ai.enabled = ai;
  return d;
}

// One run of `world` under `decisions`: every row, the portfolio as placed, the audit and the KPIs.
std::unique_ptr<OperationRun> RunWorld(const WorldSpec& world,
                                       const workflow::DecisionConfig& decisions) {
  return test_support::RunOperation(world, decisions, test_support::JanuaryRun(kDays));
}

bool IsInbound(const ContactRow& r) { return r.inbound; }
bool Answered(const ContactRow& r) {
  return r.inbound && r.verdict == VerdictKind::kAllow &&
         r.outcome != domain::Outcome::kInboundFromConsumer;
}
// The debtor's local minute of the day and weekday (0 = Monday) at the row's start.
int64_t LocalSeconds(const ContactRow& r) {
  return r.start.unix_nanos() / 1'000'000'000 + r.local_offset_s;
}
int LocalMinute(const ContactRow& r) { return static_cast<int>(LocalSeconds(r) % 86400 / 60); }
int LocalHour(const ContactRow& r) { return LocalMinute(r) / 60; }
int LocalWeekday(const ContactRow& r) {
  return static_cast<int>((LocalSeconds(r) / 86400 + 3) % 7);  // 1970-01-01 was a Thursday
}

class OperationInboundTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    ai_ = RunWorld(InboundWorld(300), Decisions(true)).release();
    human_ = RunWorld(InboundWorld(300), Decisions(false)).release();
  }
  static void TearDownTestSuite() {
    delete ai_;
    delete human_;
  }
  static OperationRun* ai_;     // the AI answers inbound calls (and makes the early and mid calls)
  static OperationRun* human_;  // no AI: agents only, 09:00-17:00 on weekdays
};
OperationRun* OperationInboundTest::ai_ = nullptr;
OperationRun* OperationInboundTest::human_ = nullptr;

// A voicemail on our call is returned 10 min to 24 h later as a call from the debtor, which the
// core's workflow answers as an inbound conversation (identity verified, about the debt).
TEST_F(OperationInboundTest, AVoicemailIsFollowedByACallbackThatBecomesAConversation) {
  const std::vector<ContactRow> rows = ai_->rows.Contacts();
  int inbound = 0;
  int conversations = 0;
  for (const ContactRow& in : rows) {
    if (!IsInbound(in)) continue;
    ++inbound;
    // Only voicemails prompt calls here: one of ours to this account ended 10 min to 24 h before
    // the phone rang (answered calls start when answered: allow an hour on hold).
    const bool follows_voicemail = std::any_of(rows.begin(), rows.end(), [&](const ContactRow& c) {
      if (c.inbound || c.account != in.account || c.channel != domain::Channel::kCall ||
          c.outcome != domain::Outcome::kVoicemailLimited) {
        return false;
      }
      const Duration after = in.start - (c.start + c.duration);
      return after >= Duration::Minutes(10) && after <= Duration::Hours(25);
    });
    EXPECT_TRUE(follows_voicemail) << "account " << in.account << " at " << in.start.ToIso8601();
    EXPECT_EQ(in.channel, domain::Channel::kCall);
    if (Answered(in) && in.right_party_contact) {
      ++conversations;
      EXPECT_EQ(in.outcome, domain::Outcome::kConversation);
      EXPECT_NE(in.agent, Agent::kNone);
    }
  }
  EXPECT_GT(inbound, 20);
  EXPECT_GT(conversations, 10);
}

// The debtor chose the moment: a call at 22:00 is not refused by the calling window. The AI arm
// answers it; with agents only, nobody is on duty and the call is missed (counted), never answered
// outside a shift.
TEST_F(OperationInboundTest, ALateEveningCallIsAnsweredByTheAi) {
  int late_answered = 0;
  for (const ContactRow& r : ai_->rows.Contacts()) {
    if (!IsInbound(r)) continue;
    EXPECT_NE(r.rule, compliance::Rule::kTimeWindow);
    const int hour = LocalHour(r);
    if (Answered(r) && (hour >= 21 || hour < 8)) {
      ++late_answered;
      EXPECT_EQ(r.agent, Agent::kAi);
      EXPECT_TRUE(r.after_hours);
    }
  }
  EXPECT_GT(late_answered, 0);

  int missed = 0;
  int answered = 0;
  for (const ContactRow& r : human_->rows.Contacts()) {
    if (!IsInbound(r) || r.verdict != VerdictKind::kAllow) continue;
    if (!Answered(r)) {
      ++missed;
      EXPECT_EQ(r.agent, Agent::kNone);
      continue;
    }
    ++answered;
    EXPECT_EQ(r.agent, Agent::kHuman);
    // The debtors live in New York, where the agents work 09:00-17:00 on weekdays (a call taken
    // just before 17:00 starts after the account lookup: a minute of slack).
    EXPECT_TRUE(LocalMinute(r) >= 9 * 60 && LocalMinute(r) <= 17 * 60 && LocalWeekday(r) < 5)
        << r.start.ToIso8601();
  }
  EXPECT_GT(missed, 0);
  EXPECT_GT(answered, 0);
}

// While the debtor is on a call they made, none of our own contacts with them starts: what was
// waiting for a line, an agent or a send when they called was withdrawn, and a withdrawn entry is
// skipped when it comes up in its queue.
TEST_F(OperationInboundTest, NoContactOfOursStartsWhileTheDebtorIsCallingUs) {
  for (const OperationRun* run : {ai_, human_}) {
    const std::vector<ContactRow> rows = run->rows.Contacts();
    std::map<uint64_t, std::vector<const ContactRow*>> inbound_by_account;
    for (const ContactRow& r : rows) {
      if (Answered(r)) inbound_by_account[r.account].push_back(&r);
    }
    ASSERT_FALSE(inbound_by_account.empty());
    int outbound_checked = 0;
    for (const ContactRow& c : rows) {
      if (c.inbound || c.verdict != VerdictKind::kAllow) continue;
      const auto it = inbound_by_account.find(c.account);
      if (it == inbound_by_account.end()) continue;
      ++outbound_checked;
      for (const ContactRow* in : it->second) {
        EXPECT_FALSE(c.start > in->start && c.start < in->start + in->duration)
            << "account " << c.account << ": our contact at " << c.start.ToIso8601()
            << " during their call at " << in->start.ToIso8601();
      }
    }
    EXPECT_GT(outbound_checked, 0);
  }
}

// A written cease stops the callback: once it is in effect no contact is made about the debt, not
// even when the debtor calls; the call is turned down by the cease rule (a blocked inbound row).
TEST(OperationInboundCeaseTest, AnAccountWithAWrittenCeaseIsNotCalledBack) {
  WorldSpec world = InboundWorld(300);
  world.behaviour.written_cease = 1.0;  // every debtor's cease arrives at some time in the run
  const auto run = RunWorld(world, Decisions(true));
  std::map<uint64_t, Timestamp> cease;
  for (const auto& e : run->rows.events) {
    if (const FlagRow* f = std::get_if<FlagRow>(&e)) {
      if (f->flag == static_cast<uint8_t>(conversation::Flag::kAccountWrittenCease)) {
        cease.emplace(f->account, f->time);
      }
    }
  }
  ASSERT_GT(cease.size(), 100u);
  int turned_down = 0;
  for (const ContactRow& r : run->rows.Contacts()) {
    const auto it = cease.find(r.account);
    if (it == cease.end() || r.start <= it->second) continue;
    EXPECT_NE(r.verdict, VerdictKind::kAllow)
        << "account " << r.account << " contacted at " << r.start.ToIso8601() << " after its cease";
    if (r.inbound && r.rule == compliance::Rule::kWrittenCease) ++turned_down;
  }
  EXPECT_GT(turned_down, 0);
  EXPECT_EQ(run->audit.violations.size(), 0u);
}

// KPIs: every inbound row is an inbound contact, never an attempt, and what was paid on an
// arrangement agreed on a call the debtor made is recovered_inbound.
TEST_F(OperationInboundTest, KpisCountInboundContactsAndWhatTheyRecover) {
  int64_t inbound_rows = 0;
  for (const ContactRow& r : ai_->rows.Contacts()) {
    if (r.inbound && r.verdict == VerdictKind::kAllow) ++inbound_rows;
  }
  Money inbound_paid;
  for (const PaymentRow& p : ai_->rows.payments) {
    if (p.source == PaymentRow::Source::kInbound && p.status == PaymentRow::Status::kSettled) {
      inbound_paid += p.amount;
    }
  }
  EXPECT_EQ(ai_->kpis.at("inbound_contacts"), static_cast<double>(inbound_rows));
  EXPECT_GT(inbound_paid, Money());
  EXPECT_NEAR(ai_->kpis.at("recovered_inbound"),
              static_cast<double>(inbound_paid.minor_units()) / 100.0, 0.005);
}

// The independent audit finds nothing wrong with a run full of inbound calls (some at night, some
// to opted-out or attorney-free debtors, conversations that start the 7-day wait), and still
// catches an outbound call that claims the inbound exemption.
TEST_F(OperationInboundTest, TheAuditPassesTheRunAndCatchesABorrowedExemption) {
  for (const OperationRun* run : {ai_, human_}) {
    EXPECT_EQ(run->audit.violations.size(), 0u);
    EXPECT_GT(run->audit.rows_checked, 0);
    EXPECT_EQ(run->kpis.at("compliance_violations"), 0);
  }
  // An outbound voicemail of an account that never called us, replayed at 22:30 New York time
  // (03:30 UTC the next day), first as an "inbound" row, then as a "reply" to an inbound contact.
  const std::vector<ContactRow> rows = ai_->rows.Contacts();
  std::set<uint64_t> callers;
  for (const ContactRow& r : rows) {
    if (r.inbound) callers.insert(r.person);
  }
  const auto voicemail = std::find_if(rows.begin(), rows.end(), [&](const ContactRow& r) {
    return !r.inbound && r.verdict == VerdictKind::kAllow && !callers.contains(r.person) &&
           r.channel == domain::Channel::kCall && r.outcome == domain::Outcome::kVoicemailLimited;
  });
  ASSERT_NE(voicemail, rows.end());
  ContactRow late = *voicemail;
  late.start = Timestamp::FromCivilUtc(2026, 1, 13, 3, 30);  // Monday 22:30 in New York
  for (const bool as_inbound : {true, false}) {
    ContactRow borrowed = late;
    borrowed.inbound = as_inbound;
    borrowed.reply_to_inbound = !as_inbound;
    StatusOr<recording::ComplianceAudit> audit =
        recording::ComplianceAudit::Create(ai_->accounts, ai_->debtors, Decisions(true).compliance);
    ASSERT_TRUE(audit.ok());
    for (const auto& e : ai_->rows.events) {
      if (const ContactRow* c = std::get_if<ContactRow>(&e)) {
        audit->OnContact(*c);
      } else {
        audit->OnFlag(std::get<FlagRow>(e));
      }
    }
    audit->OnContact(borrowed);
    const recording::AuditReport report = audit->Report();
    const auto row = static_cast<uint64_t>(report.rows_seen - 1);
    EXPECT_EQ(report.Rows(compliance::Rule::kTimeWindow), std::vector<uint64_t>{row})
        << (as_inbound ? "as inbound" : "as a reply");
  }
}

// One agent and no AI: callers find the agent busy and wait on hold, ahead of our own calls; some
// are answered after a wait, some hang up (staffing.patience_mean_s). Nobody waits outside a shift:
// with nobody on duty the call goes straight to voicemail.
TEST(OperationInboundHoldTest, CallersWaitOnHoldAndSomeHangUp) {
  WorldSpec world = InboundWorld(600);
  world.staffing.agents.front().count = 1;
  const auto run = RunWorld(world, Decisions(false));
  int hung_up = 0;
  int voicemail = 0;
  for (const ContactRow& r : run->rows.Contacts()) {
    if (!r.inbound || r.outcome != domain::Outcome::kInboundFromConsumer ||
        r.verdict != VerdictKind::kAllow) {
      continue;
    }
    EXPECT_EQ(r.agent, Agent::kNone);
    EXPECT_EQ(r.disposition, static_cast<uint8_t>(conversation::Disposition::kNoAnswer));
    const bool in_shift =
        LocalMinute(r) >= 9 * 60 && LocalMinute(r) < 17 * 60 && LocalWeekday(r) < 5;
    if (r.duration > Duration::Zero()) {
      ++hung_up;
      EXPECT_TRUE(in_shift) << r.start.ToIso8601();
    } else {
      ++voicemail;
      EXPECT_FALSE(in_shift) << r.start.ToIso8601() << " account " << r.account;
    }
  }
  EXPECT_GT(hung_up, 0);
  EXPECT_GT(voicemail, 0);
  EXPECT_EQ(run->audit.violations.size(), 0u);
}

// Same seed, same inbound calls (keyed draws, no dependence on wall clock or event order).
TEST_F(OperationInboundTest, TheSameSeedGivesTheSameInboundCalls) {
  const auto again = RunWorld(InboundWorld(300), Decisions(true));
  std::vector<ContactRow> a;
  std::vector<ContactRow> b;
  for (const ContactRow& r : ai_->rows.Contacts()) {
    if (r.inbound) a.push_back(r);
  }
  for (const ContactRow& r : again->rows.Contacts()) {
    if (r.inbound) b.push_back(r);
  }
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].account, b[k].account);
    EXPECT_EQ(a[k].start, b[k].start);
    EXPECT_EQ(a[k].outcome, b[k].outcome);
    EXPECT_EQ(a[k].agent, b[k].agent);
    EXPECT_EQ(a[k].duration, b[k].duration);
  }
}

}  // namespace
}  // namespace recoup::sim::world
