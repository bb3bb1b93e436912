// The callback list of the simulated operation (staffing.callbacks, operation_callbacks.cc): a
// hand-off from the AI that nobody can take live (no agent with the escalations skill on shift,
// or the debtor hung up on hold) is called back by an agent later instead of being lost. The call
// back is an ordinary outbound human call: compliance defers it (the calling window; Reg F's 7-day
// wait after the conversation the AI handed off from) and denies it (holds); a debtor who calls us
// first withdraws it; an account that closed meanwhile is skipped. Every EscalationRow of a
// callback says how it ended, and each call back is a ContactRow with `callback` set.
//
// The debtors live in New York (one region, every phone a New York number, the address zone known)
// and talk to the AI a lot (answer 0.6, half of the verified debtors ask for a human) so that hand-
// offs are many; nothing prompts an inbound call unless a test says so. January 2026 is standard
// time in New York (UTC-5); the run starts on Monday 2026-01-05; Monday 2026-01-19 is a federal
// holiday (no shift).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/conversation/records.h"
#include "core/domain/calendar.h"
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
using recording::CallbackFate;
using recording::ContactRow;
using recording::EscalationRow;
using recording::FlagRow;
using recording::PaymentRow;
using recording::VerdictKind;

constexpr int kDays = 21;
constexpr int kShiftStart = 9 * 60;
constexpr int kShiftEnd = 17 * 60;

using test_support::OperationRun;
using test_support::RowRecorder;

// The allowed calls that worked the callback list.
std::vector<ContactRow> CallsBack(const RowRecorder& rows) {
  std::vector<ContactRow> out;
  for (const ContactRow& c : rows.Contacts()) {
    if (c.callback && c.verdict == VerdictKind::kAllow) out.push_back(c);
  }
  return out;
}
std::vector<EscalationRow> Callbacks(const RowRecorder& rows, CallbackFate fate) {
  std::vector<EscalationRow> out;
  for (const EscalationRow& e : rows.escalations) {
    if (e.callback && e.callback_fate == fate) out.push_back(e);
  }
  return out;
}

WorldSpec CallbackWorld(int64_t accounts) {
  WorldSpec w;
  w.portfolio.accounts = accounts;  // one region: US / NY, America/New_York
  w.portfolio.products.front().max_days_past_due = 5;  // early stage throughout the run
  w.portfolio.contact.mobile_share = 1.0;              // every phone may take an AI call...
  w.portfolio.contact.robocall_consent = 1.0;
  w.portfolio.contact.area_code_elsewhere = 0;         // ...in New York time only
  w.portfolio.contact.address_zone_known = 1.0;
  w.portfolio.flags.inconvenient_evenings = 0;
  w.channels.human = DefaultHumanHandleTimes();
  w.channels.ai = DefaultAiHandleTimes();
  w.staffing.ai_lines = 50;                             // the AI is never the bottleneck
  w.staffing.agents.front().count = 2;                  // 09:00-17:00 New York, Monday to Friday
  w.behaviour.answer = 0.6;
  w.behaviour.asks_for_human = 0.5;
  w.behaviour.dispute = 0;  // a dispute holds collection: its callback would only be blocked
  w.behaviour.inbound_callback = 0;                     // nobody calls us...
  w.behaviour.sms_read = 0;
  w.behaviour.email_open = 0;
  w.behaviour.letter_response = 0;
  w.behaviour.self_cure_daily = 0;                      // ...nor pays unprompted
  return w;
}

// The default decisions with the AI's calls in local slot `from`-`to` (hours).
workflow::DecisionConfig Decisions(int from, int to) {
  workflow::DecisionConfig d = workflow::DefaultDecisionConfig();
  for (strategy::Strategy& s : d.strategies) {
    for (std::vector<strategy::ContactStep>& sequence : s.sequences) {
      for (strategy::ContactStep& step : sequence) {
        if (step.channel == domain::Channel::kCall && domain::IsRobocall(step.voice)) {
          step.slots = {{from * 60, to * 60}};
        }
      }
    }
  }
  return d;
}

// One run: every row, the audit and the KPIs.
std::unique_ptr<OperationRun> RunWorld(const WorldSpec& world,
                                       const workflow::DecisionConfig& decisions) {
  return test_support::RunOperation(world, decisions, test_support::JanuaryRun(kDays));
}

// New York local time (UTC-5 all January).
int64_t LocalSeconds(Timestamp t) { return t.unix_nanos() / 1'000'000'000 - 5 * 3600; }
domain::LocalDate LocalDay(Timestamp t) {
  return domain::LocalDate(1970, 1, 1) + LocalSeconds(t) / 86400;
}
int LocalMinute(Timestamp t) { return static_cast<int>(LocalSeconds(t) % 86400 / 60); }
bool InShift(Timestamp t) {
  const domain::LocalDate day = LocalDay(t);
  return domain::HolidayCalendar::UsFederal().IsBusinessDay(day) && LocalMinute(t) >= kShiftStart &&
         LocalMinute(t) < kShiftEnd;
}

// The call back a kCalled EscalationRow reports: the callback ContactRow of its account that
// started callback_wait after the hand-off. Null if there is none.
const ContactRow* CallBackOf(const std::vector<ContactRow>& calls, const EscalationRow& e) {
  for (const ContactRow& c : calls) {
    if (c.account == e.account && c.start == e.queued + e.callback_wait) return &c;
  }
  return nullptr;
}

// Every callback has one row with its fate; every call back is one ContactRow of an agent's human
// call, matching one kCalled row; the KPIs count the same; the audit finds nothing.
void ExpectConsistent(const OperationRun& r) {
  const std::vector<ContactRow> calls = CallsBack(r.rows);
  const std::vector<EscalationRow> called = Callbacks(r.rows, CallbackFate::kCalled);
  ASSERT_EQ(calls.size(), called.size());
  std::set<const ContactRow*> matched;
  for (const EscalationRow& e : called) {
    const ContactRow* c = CallBackOf(calls, e);
    ASSERT_NE(c, nullptr) << "account " << e.account << " handed off " << e.queued.ToIso8601();
    EXPECT_TRUE(matched.insert(c).second);
    EXPECT_EQ(c->agent, Agent::kHuman);
    EXPECT_EQ(c->voice, domain::VoiceMode::kHuman);
    EXPECT_EQ(c->channel, domain::Channel::kCall);
    EXPECT_FALSE(c->inbound);
  }
  int64_t callbacks = 0;
  double wait_s = 0;
  for (const EscalationRow& e : r.rows.escalations) {
    if (!e.callback) {
      EXPECT_EQ(e.callback_fate, CallbackFate::kNone);
      continue;
    }
    ++callbacks;
    EXPECT_NE(e.callback_fate, CallbackFate::kNone);
    EXPECT_GE(e.callback_wait, Duration::Zero());
    if (e.callback_fate == CallbackFate::kCalled) wait_s += e.callback_wait.ToSecondsDouble();
  }
  EXPECT_EQ(r.kpis.at("callbacks"), static_cast<double>(callbacks));
  EXPECT_EQ(r.kpis.at("callback_calls"), static_cast<double>(calls.size()));
  if (callbacks > 0) {
    EXPECT_DOUBLE_EQ(r.kpis.at("callback_completion_rate"),
                     static_cast<double>(called.size()) / static_cast<double>(callbacks));
  }
  if (!called.empty()) {
    EXPECT_NEAR(r.kpis.at("callback_wait_mean_hours"),
                wait_s / 3600.0 / static_cast<double>(called.size()), 1e-9);
  }
  EXPECT_EQ(r.audit.violations.size(), 0u);
  EXPECT_EQ(r.kpis.at("compliance_violations"), 0);
}

int Count(const std::vector<EscalationRow>& rows, bool (*pred)(const EscalationRow&)) {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), pred));
}

// Callbacks on and off, same world: the AI calls 16:00-20:00, so many hand-offs come after the
// shift. Off, they wait on hold until the shift opens and are abandoned, and no agent ever calls
// back; on, they go to the callback list and agents call the debtors back.
TEST(OperationCallbackTest, CallbacksOnAndOff) {
  WorldSpec world = CallbackWorld(400);
  const auto on = RunWorld(world, Decisions(16, 20));
  world.staffing.callbacks = false;
  const auto off = RunWorld(world, Decisions(16, 20));

  const auto callback = [](const EscalationRow& e) { return e.callback; };
  const auto abandoned = [](const EscalationRow& e) { return e.abandoned; };
  EXPECT_EQ(Count(off->rows.escalations, callback), 0);
  EXPECT_TRUE(CallsBack(off->rows).empty());
  EXPECT_EQ(off->kpis.at("callbacks"), 0);
  EXPECT_EQ(off->kpis.at("callback_calls"), 0);
  EXPECT_GT(off->kpis.at("abandonment_rate"), 0.5);  // the evening's hand-offs

  EXPECT_GT(Count(on->rows.escalations, callback), 50);
  EXPECT_GT(CallsBack(on->rows).size(), 20u);
  EXPECT_GT(on->kpis.at("callback_completion_rate"), 0.5);
  // The hand-offs after the shift are no longer abandoned; those in the shift's last hour, when
  // both agents are busy, still are (the debtor hangs up on hold), and are called back too.
  EXPECT_LT(on->kpis.at("abandonment_rate"), off->kpis.at("abandonment_rate") - 0.2);
  EXPECT_GT(Count(on->rows.escalations, abandoned), 0);
  const auto lost = [](const EscalationRow& e) { return e.abandoned && !e.callback; };
  EXPECT_EQ(Count(on->rows.escalations, lost), 0);
  EXPECT_GT(Count(off->rows.escalations, lost), 50);
  ExpectConsistent(*on);
  ExpectConsistent(*off);
}

// Whether the account of each lost hand-off (abandoned, not on the list) was planned again: some
// contact of that account started after the hand-off. A frozen account has none.
int LostHandOffsPlannedAgain(const OperationRun& r, int* lost) {
  const std::vector<ContactRow> contacts = r.rows.Contacts();
  int again = 0;
  *lost = 0;
  for (const EscalationRow& e : r.rows.escalations) {
    if (!e.abandoned || e.callback) continue;
    ++*lost;
    again += std::any_of(contacts.begin(), contacts.end(), [&e](const ContactRow& c) {
      return c.account == e.account && c.start > e.queued;
    });
  }
  return again;
}

// The list needs someone with the escalations skill to work it. With only outbound agents nothing
// goes on it (a list nobody works would keep its accounts waiting for the rest of the run): the
// hand-offs wait on hold for any agent, as with callbacks off. With no agents at all a hand-off is
// lost at once. Either way the accounts are planned again.
TEST(OperationCallbackTest, WithoutAnEscalationAgentNothingGoesOnTheList) {
  WorldSpec world = CallbackWorld(400);
  for (AgentGroupSpec& g : world.staffing.agents) g.escalations = false;
  const auto outbound_only = RunWorld(world, Decisions(16, 20));
  for (AgentGroupSpec& g : world.staffing.agents) g.count = 0;
  const auto nobody = RunWorld(world, Decisions(16, 20));

  for (const OperationRun* run : {outbound_only.get(), nobody.get()}) {
    EXPECT_GT(run->rows.escalations.size(), 20u);
    EXPECT_EQ(run->kpis.at("callbacks"), 0);
    EXPECT_TRUE(CallsBack(run->rows).empty());
    int lost = 0;
    const int again = LostHandOffsPlannedAgain(*run, &lost);
    EXPECT_GT(lost, 20);
    EXPECT_GT(again, lost / 4) << "accounts left waiting after their hand-off was lost";
    ExpectConsistent(*run);
  }
  for (const EscalationRow& e : nobody->rows.escalations) {
    EXPECT_TRUE(e.abandoned);
    EXPECT_EQ(e.wait, Duration::Zero());
  }
}

// The AI calls 18:00-20:00 only: every hand-off comes after the shift and goes to the callback
// list at once (no wait on hold). The AI offered the call back and the debtor agreed: that consent
// (a kFlagCallConsent FlagRow at the hand-off) lifts Reg F's 7-day wait after the AI's
// conversation, so the agents call back first thing when their shift opens on the next business
// day, inside the calling window; the consent ends with the call back (kFlagCallConsentEnded).
TEST(OperationCallbackTest, AnAfterHoursHandOffIsCalledBackWhenTheShiftOpens) {
  WorldSpec world = CallbackWorld(400);
  // Outside New York City (area code 212): its cap of 3 attempts in 7 days is not Reg F's, and the
  // consent does not lift it; it would put some call backs off by days.
  world.portfolio.regions.front().area_codes = {518, 716};
  const auto run = RunWorld(world, Decisions(18, 20));
  ExpectConsistent(*run);
  std::map<uint64_t, std::vector<FlagRow>> consents;  // by account, in order
  for (const auto& row : run->rows.events) {
    const FlagRow* f = std::get_if<FlagRow>(&row);
    if (f != nullptr && (f->flag == recording::kFlagCallConsent ||
                         f->flag == recording::kFlagCallConsentEnded)) {
      consents[f->account].push_back(*f);
    }
  }
  for (const EscalationRow& e : run->rows.escalations) {
    EXPECT_FALSE(InShift(e.queued)) << e.queued.ToIso8601();
    EXPECT_TRUE(e.callback) << e.queued.ToIso8601();
    EXPECT_FALSE(e.abandoned);
    EXPECT_EQ(e.wait, Duration::Zero());
    const std::vector<FlagRow>& flags = consents[e.account];
    const auto given = std::find_if(flags.begin(), flags.end(), [&](const FlagRow& f) {
      return f.flag == recording::kFlagCallConsent && f.time == e.queued;
    });
    ASSERT_NE(given, flags.end()) << "account " << e.account << " " << e.queued.ToIso8601();
    EXPECT_EQ(given->until, e.queued + Duration::Days(7) - Duration::Nanoseconds(1));
    if (e.callback_fate == CallbackFate::kPending) continue;
    ASSERT_NE(given + 1, flags.end()) << "account " << e.account;
    EXPECT_EQ((given + 1)->flag, recording::kFlagCallConsentEnded);
    EXPECT_EQ((given + 1)->time, e.queued + e.callback_wait);
  }
  const std::vector<ContactRow> calls = CallsBack(run->rows);
  const std::vector<EscalationRow> called = Callbacks(run->rows, CallbackFate::kCalled);
  ASSERT_GT(called.size(), 20u);
  const domain::HolidayCalendar calendar = domain::HolidayCalendar::UsFederal();
  std::vector<const ContactRow*> first_thing;  // the call backs owed when the shift opened
  for (const EscalationRow& e : called) {
    const ContactRow& c = *CallBackOf(calls, e);
    EXPECT_TRUE(InShift(c.start)) << c.start.ToIso8601();
    if (LocalMinute(e.queued) < kShiftStart && calendar.IsBusinessDay(LocalDay(e.queued))) {
      // Handed off before the shift opened (the AI also calls at 08:00): the same day, once the
      // 4 hours between calls to one number have passed (RF-REBUT-GAP, the AI's call started 2-3
      // minutes before the hand-off).
      EXPECT_EQ(LocalDay(c.start), LocalDay(e.queued)) << "handed off " << e.queued.ToIso8601();
      EXPECT_LT(c.start, e.queued + Duration::Hours(4) + Duration::Minutes(30));
      continue;
    }
    first_thing.push_back(&c);
    const domain::LocalDate due = calendar.OnOrAfter(LocalDay(e.queued) + 1);
    EXPECT_EQ(LocalDay(c.start), due) << "handed off " << e.queued.ToIso8601();
    // First thing: the two agents work the evening's list from the opening (a busy morning's list
    // takes them a little over an hour).
    EXPECT_LT(LocalMinute(c.start), kShiftStart + 90) << c.start.ToIso8601();
  }
  EXPECT_GT(first_thing.size(), 100u);
  // The list goes before the outbound queue (accounts the strategy escalates to a human): on a
  // day with call backs owed at the opening, an agent takes an outbound call only once every one
  // of them has been taken (a call starts after the account lookup: a minute of slack).
  std::map<int64_t, Timestamp> first_outbound;  // by local day
  for (const ContactRow& c : run->rows.Contacts()) {
    if (c.agent != Agent::kHuman || c.inbound || c.callback || c.verdict != VerdictKind::kAllow) {
      continue;
    }
    const int64_t day = LocalSeconds(c.start) / 86400;
    const auto [it, added] = first_outbound.emplace(day, c.start);
    if (!added) it->second = std::min(it->second, c.start);
  }
  int compared = 0;
  for (const ContactRow* c : first_thing) {
    const auto it = first_outbound.find(LocalSeconds(c->start) / 86400);
    if (it == first_outbound.end()) continue;
    ++compared;
    EXPECT_LE(c->start, it->second + Duration::Minutes(1)) << c->start.ToIso8601();
  }
  EXPECT_GT(compared, 0);
}

// One agent, busy with long hardship calls, and debtors with a second's patience: hand-offs in the
// shift are abandoned on hold. With callbacks the debtor is called back later: the debtor hung up
// before hearing any offer of a call back, so there is no consent (no kFlagCallConsent), and the
// call back waits for Reg F's 7 days after the AI's conversation (conversation day = day 1).
TEST(OperationCallbackTest, AnAbandonedHandOffBecomesACallback) {
  WorldSpec world = CallbackWorld(400);
  world.staffing.agents.front().count = 1;
  world.staffing.patience_mean_s = 1;
  world.behaviour.hardship = 0.3;
  const auto on = RunWorld(world, Decisions(9, 12));
  ExpectConsistent(*on);
  std::vector<FlagRow> consents;
  for (const auto& row : on->rows.events) {
    const FlagRow* f = std::get_if<FlagRow>(&row);
    if (f != nullptr && f->flag == recording::kFlagCallConsent) consents.push_back(*f);
  }
  const std::vector<ContactRow> calls = CallsBack(on->rows);
  int abandoned = 0;
  int called = 0;
  for (const EscalationRow& e : on->rows.escalations) {
    if (!e.abandoned) continue;
    ++abandoned;
    EXPECT_TRUE(e.callback);
    EXPECT_TRUE(InShift(e.queued)) << e.queued.ToIso8601();
    EXPECT_GT(e.wait, Duration::Zero());  // on hold first
    EXPECT_TRUE(std::none_of(consents.begin(), consents.end(), [&](const FlagRow& f) {
      return f.account == e.account && f.time >= e.queued && f.time <= e.queued + e.callback_wait;
    })) << "account " << e.account;
    if (e.callback_fate != CallbackFate::kCalled) continue;
    ++called;
    const ContactRow& c = *CallBackOf(calls, e);
    EXPECT_GE(LocalDay(c.start), LocalDay(e.queued) + 7) << "handed off " << e.queued.ToIso8601();
  }
  EXPECT_GT(abandoned, 10);
  EXPECT_GT(called, 5);

  world.staffing.callbacks = false;
  const auto off = RunWorld(world, Decisions(9, 12));
  ExpectConsistent(*off);
  int lost = 0;
  for (const EscalationRow& e : off->rows.escalations) {
    EXPECT_FALSE(e.callback);
    if (e.abandoned) ++lost;
  }
  EXPECT_GT(lost, 10);
  EXPECT_TRUE(CallsBack(off->rows).empty());
}

// A letter on the first day prompts every debtor to call us 3-10 days later; the AI calls them in
// the evening of the second day, and some hand off. A debtor whose call comes while the callback
// is owed (overnight, or over a weekend) is talking to us: the callback is withdrawn, never made.
TEST(OperationCallbackTest, ADebtorCallingInWithdrawsTheCallback) {
  WorldSpec world = CallbackWorld(400);
  world.behaviour.letter_response = 1.0;
  workflow::DecisionConfig decisions = Decisions(18, 20);
  for (strategy::Strategy& s : decisions.strategies) {
    auto& early = s.sequences[static_cast<std::size_t>(domain::Stage::kEarly)];
    early.insert(early.begin(), strategy::ContactStep{domain::Channel::kLetter,
                                                      domain::VoiceMode::kAiVoice,
                                                      strategy::Anchor::kStageEntry, 0, {}});
  }
  const auto run = RunWorld(world, decisions);
  ExpectConsistent(*run);
  const std::vector<EscalationRow> withdrawn = Callbacks(run->rows, CallbackFate::kWithdrawn);
  ASSERT_GT(withdrawn.size(), 5u);
  const std::vector<ContactRow> contacts = run->rows.Contacts();
  for (const EscalationRow& e : withdrawn) {
    // The debtor's call rang when the callback was withdrawn (answered then, or after a wait).
    const Timestamp rang = e.queued + e.callback_wait;
    EXPECT_LT(e.callback_wait, Duration::Days(10));
    const bool called_us = std::any_of(contacts.begin(), contacts.end(), [&](const ContactRow& c) {
      return c.inbound && c.account == e.account && c.start >= rang &&
             c.start <= rang + Duration::Minutes(30);
    });
    EXPECT_TRUE(called_us) << "account " << e.account << " at " << rang.ToIso8601();
  }
}

// Self-cure pays many accounts in full while their callbacks are held by Reg F (abandoned
// hand-offs, as in AnAbandonedHandOffBecomesACallback: no consent, a 7-day wait): when the callback
// comes due the account is closed, and it is skipped (dropped), never called.
TEST(OperationCallbackTest, AClosedAccountsCallbackIsSkipped) {
  WorldSpec world = CallbackWorld(400);
  world.staffing.agents.front().count = 1;
  world.staffing.patience_mean_s = 1;
  world.behaviour.hardship = 0.3;
  world.behaviour.self_cure_daily = 0.08;
  const auto run = RunWorld(world, Decisions(9, 12));
  ExpectConsistent(*run);
  std::map<uint64_t, Timestamp> paid;  // account -> its self-cure
  for (const PaymentRow& p : run->rows.payments) {
    if (p.source == PaymentRow::Source::kSelfCure && p.status == PaymentRow::Status::kSettled) {
      paid.emplace(p.account, p.time);
    }
  }
  const std::vector<EscalationRow> dropped = Callbacks(run->rows, CallbackFate::kDropped);
  ASSERT_GT(dropped.size(), 3u);
  for (const EscalationRow& e : dropped) {
    const auto it = paid.find(e.account);
    ASSERT_NE(it, paid.end()) << "account " << e.account;
    EXPECT_GT(it->second, e.queued);
    EXPECT_LE(it->second, e.queued + e.callback_wait);
  }
  for (const ContactRow& c : CallsBack(run->rows)) {
    const auto it = paid.find(c.account);
    EXPECT_TRUE(it == paid.end() || it->second > c.start) << "account " << c.account;
  }
}

// Compliance judges the call back like any call. The only agents who work the list are on shift
// 20:00-24:00 every day (the day shift has no escalations skill, so the day's hand-offs go to the
// list): a call back comes due each evening, but the calling window closes at 21:00, so what is
// left then is deferred to the next evening. No call back is ever placed after 21:00.
TEST(OperationCallbackTest, ACallbackOutsideTheCallingWindowIsDeferred) {
  WorldSpec world = CallbackWorld(400);
  world.staffing.agents.front().escalations = false;
  AgentGroupSpec evening;
  evening.name = "evening";
  evening.count = 1;
  evening.shift_start_minute = 20 * 60;
  evening.shift_end_minute = 24 * 60;
  evening.weekdays = 0x7f;
  evening.outbound = false;
  world.staffing.agents.push_back(evening);
  const auto run = RunWorld(world, Decisions(9, 12));
  ExpectConsistent(*run);
  const std::vector<ContactRow> calls = CallsBack(run->rows);
  ASSERT_GT(calls.size(), 10u);
  for (const ContactRow& c : calls) {
    EXPECT_GE(LocalMinute(c.start), 20 * 60) << c.start.ToIso8601();
    EXPECT_LT(LocalMinute(c.start), 21 * 60) << c.start.ToIso8601();
  }
  // More were owed than one evening hour takes: some waited past their first possible evening
  // (the hand-off's own: the debtor agreed to the call back, so Reg F's 7-day wait does not apply),
  // deferred by the calling window.
  int later = 0;
  for (const EscalationRow& e : Callbacks(run->rows, CallbackFate::kCalled)) {
    if (LocalDay(e.queued + e.callback_wait) > LocalDay(e.queued)) ++later;
  }
  EXPECT_GT(later, 0);
}

// A hold that starts while the callback is owed: a written cease. Compliance denies the call back
// (a blocked ContactRow marked as a call back, rule RF-CEASE) and it ends blocked.
TEST(OperationCallbackTest, AHoldBlocksTheCallback) {
  WorldSpec world = CallbackWorld(400);
  world.behaviour.written_cease = 1.0;  // every debtor's cease arrives at some time in the run
  const auto run = RunWorld(world, Decisions(18, 20));
  ExpectConsistent(*run);
  const std::vector<EscalationRow> blocked = Callbacks(run->rows, CallbackFate::kBlocked);
  ASSERT_GT(blocked.size(), 3u);
  const std::vector<ContactRow> contacts = run->rows.Contacts();
  for (const EscalationRow& e : blocked) {
    const Timestamp at = e.queued + e.callback_wait;
    const bool row = std::any_of(contacts.begin(), contacts.end(), [&](const ContactRow& c) {
      return c.callback && c.account == e.account && c.start == at &&
             c.verdict == VerdictKind::kDeny && c.rule == compliance::Rule::kWrittenCease;
    });
    EXPECT_TRUE(row) << "account " << e.account << " at " << at.ToIso8601();
  }
}

// Debtors opted out of calls get none from us, but call us after a letter, and the AI answers
// around the clock: a hand-off from such a call cannot be called back (no phone a human may call).
// After hours it is lost at once (abandoned, no wait on hold) and the account planned again, instead
// of holding the account until the shift opens; in the shift it is taken live or abandoned on hold,
// as without callbacks. Nobody is ever called.
TEST(OperationCallbackTest, AHandOffWithNoPhoneToCallBackIsLost) {
  WorldSpec world = CallbackWorld(400);
  world.portfolio.flags.calls_opted_out = 1.0;
  world.behaviour.letter_response = 1.0;
  workflow::DecisionConfig decisions = Decisions(18, 20);
  for (strategy::Strategy& s : decisions.strategies) {
    s.sequences[static_cast<std::size_t>(domain::Stage::kEarly)] = {strategy::ContactStep{
        domain::Channel::kLetter, domain::VoiceMode::kAiVoice, strategy::Anchor::kStageEntry, 0,
        {}}};
  }
  const auto run = RunWorld(world, decisions);
  ExpectConsistent(*run);
  EXPECT_EQ(run->kpis.at("callbacks"), 0);
  int lost = 0;
  for (const EscalationRow& e : run->rows.escalations) {
    EXPECT_FALSE(e.callback);
    if (InShift(e.queued)) continue;
    ++lost;
    EXPECT_TRUE(e.abandoned) << e.queued.ToIso8601();
    EXPECT_EQ(e.wait, Duration::Zero());
  }
  EXPECT_GT(lost, 5);
  for (const ContactRow& c : run->rows.Contacts()) {
    if (c.channel == domain::Channel::kCall && c.verdict == VerdictKind::kAllow) {
      EXPECT_TRUE(c.inbound);
    }
  }
}

// staffing.callback_expiry_days: a callback Reg F holds for 7 days cannot be made within 3. An
// abandoned hand-off (one busy agent, debtors with a second's patience) has no consent, the debtor
// having hung up before any offer of a call back, so Reg F's wait holds its call back: it expires
// when an agent first takes it up (in the shift: compliance then says when it could be made), and
// the account is planned again.
TEST(OperationCallbackTest, ACallbackThatCannotBeMadeInTimeExpires) {
  WorldSpec world = CallbackWorld(400);
  world.staffing.agents.front().count = 1;
  world.staffing.patience_mean_s = 1;
  world.behaviour.hardship = 0.3;
  world.staffing.callback_expiry_days = 3;
  const auto run = RunWorld(world, Decisions(9, 12));
  ExpectConsistent(*run);
  int expired = 0;
  for (const EscalationRow& e : run->rows.escalations) {
    if (!e.callback || !e.abandoned) continue;
    EXPECT_TRUE(e.callback_fate == CallbackFate::kExpired ||
                e.callback_fate == CallbackFate::kPending)
        << static_cast<int>(e.callback_fate);
    if (e.callback_fate != CallbackFate::kExpired) continue;
    ++expired;
    EXPECT_TRUE(InShift(e.queued + e.callback_wait));
    EXPECT_LE(e.callback_wait, Duration::Days(4));
  }
  EXPECT_GT(expired, 10);
}

}  // namespace
}  // namespace recoup::sim::world
