// Internal to sim/world: the state and event handlers of Operation (operation.h). Split over
// operation.cc (set-up, the day loop, snapshots), operation_contact.cc (planning, queues,
// contacts), operation_inbound.cc (calls the debtor makes to us), operation_callbacks.cc (the
// callback list of hand-offs) and operation_money.cc (promises, payments, self-cure, written
// requests).
#ifndef RECOUP_SIM_WORLD_OPERATION_IMPL_H_
#define RECOUP_SIM_WORLD_OPERATION_IMPL_H_

#include <cctz/time_zone.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/compliance/engine.h"
#include "core/domain/calendar.h"
#include "core/runtime/task.h"
#include "core/workflow/interaction.h"
#include "core/workflow/org_backoff.h"
#include "core/workflow/planner.h"
#include "sim/adapters/sim_channel_port.h"
#include "sim/adapters/sim_org_port.h"
#include "sim/kernel/kernel.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/service/org.h"
#include "sim/random/random_streams.h"
#include "sim/recording/run_log.h"
#include "sim/world/behaviour.h"
#include "sim/world/operation.h"
#include "sim/world/portfolio.h"

namespace recoup::sim::world {

enum class AccountStatus : uint8_t { kOpen, kPaid, kSettled, kOnPlan, kChargedOff, kClosed };
inline bool IsOpen(AccountStatus s) { return s == AccountStatus::kOpen; }

// What the operation keeps per account next to the domain objects.
struct AccountState {
  Timestamp stage_entered;
  Money placed;
  Money collected;
  uint32_t strategy = 0;
  uint16_t segment = 0;
  int8_t arm = -1;
  AccountStatus status = AccountStatus::kOpen;
  uint8_t last_stage = 0;
  // The debtor's region (DebtorTraits::region, which never changes), kept here so that DebtorZone
  // reads it with the rest of the state instead of missing the cache on the traits.
  uint8_t region = 0;
  bool queued = false;  // waiting in a call queue (not re-planned meanwhile)
  bool escalated = false;
  bool touched = false;  // had a live right-party contact (for self-cure accounting)
  bool waiting = false;  // queued: its contact waits for a line, an agent or a send (not started)
  bool inbound = false;  // the debtor is calling us: waiting for an answer or on the line
  bool pinned = false;   // a contact under way holds the debtor expanded (OperationImpl::PinDebtor)
  int16_t denials = 0;   // consecutive compliance denials of the planned contact
  int32_t contacts = 0;
  int32_t rpcs = 0;
  int32_t resolved_day = -1;
  uint32_t plan_epoch = 0;  // bumps on every re-plan; stale due events are dropped
  // Bumps when the account's waiting contacts are withdrawn (WithdrawWaiting): queue entries
  // stamped with an older value are skipped as if they had been removed.
  uint32_t queue_generation = 0;
  uint32_t escalations = 0;
  uint32_t payments = 0;
  int32_t next_instalment = 0;  // index into the arrangement's schedule
  // Where the arrangement was agreed: the source of its payments (kInbound: a call the debtor
  // made; its promise's channel is then kCall).
  recording::PaymentRow::Source promise_source = recording::PaymentRow::Source::kCall;
  recording::Agent promise_agent = recording::Agent::kAi;
  strategy::ConversationSignals signals;
};

// A contact waiting for a line or an agent.
struct QueuedContact {
  uint32_t account = 0;  // index
  uint32_t epoch = 0;
  compliance::ContactRequest request;
  bool callback = false;  // an agent's call back of a hand-off (its OwedCallback: calling_back_)
  // AccountState::queue_generation when it joined a line, agent or send queue.
  uint32_t generation = 0;
  Timestamp queued;
};

// A call back owed after a hand-off (staffing.callbacks, operation_callbacks.cc): the call, and
// the hand-off it follows, which its EscalationRow reports when the callback ends.
struct OwedCallback {
  QueuedContact call;       // call.callback is set; call.queued: when it joined the list
  Timestamp handed_off;     // when the AI handed the debtor over (EscalationRow::queued)
  Duration live_wait;       // on hold for a live agent first (0: nobody was on shift)
  uint8_t reason = 0;       // conversation::Handoff
  bool abandoned = false;   // the debtor hung up on hold
  bool consent = false;     // the debtor agreed to the call back (a CallConsent from handed_off)
};

// What a human agent does with a hand-off: how long it takes and whether the person agrees a plan.
struct HumanOutcome {
  Duration handle_time;
  bool arrangement = false;
};

struct Escalation {
  uint32_t account = 0;
  Timestamp queued;
  uint8_t reason = 0;    // conversation::Handoff
  bool inbound = false;  // handed off from a call the debtor made
};

// A call the debtor made, waiting for an AI line or an agent (operation_inbound.cc).
struct InboundWait {
  QueuedContact call;  // request.inbound; queued = when the phone rang
  bool ai = false;     // an AI line may answer it (else only an agent)
};

// `t` as the time point cctz converts (whole seconds).
cctz::time_point<cctz::seconds> ToTimePoint(Timestamp t);

class OperationImpl {
 public:
  OperationImpl(const WorldSpec& world, const workflow::DecisionConfig& decisions,
                const RunSpec& run, const Operation::Options& options, recording::RunSink* sink);
  Status Init();
  Status Run(const std::function<void(const OperationProgress&)>& progress);
  const Portfolio& portfolio() const { return portfolio_; }
  int64_t accounts() const { return static_cast<int64_t>(portfolio_.accounts.size()); }
  uint64_t events() const { return kernel_ ? kernel_->events_processed() : 0; }

 private:
  // --- operation_contact.cc
  void Replan(uint32_t i);
  void ScheduleReplan(uint32_t i, Timestamp at);
  void OnDue(uint32_t i, uint32_t epoch, compliance::ContactRequest request);
  void Enqueue(uint32_t i, const compliance::ContactRequest& request);
  void Dispatch();
  // Pops `queue` until a contact compliance allows now (true, in *out); the others are deferred to
  // their verdict's time, dropped when stale, or logged as blocked.
  bool PopAllowed(std::deque<QueuedContact>& queue, QueuedContact* out);
  bool DispatchHuman();
  void StartContact(const QueuedContact& c, recording::Agent agent);
  Task<void> ContactProcess(QueuedContact c, recording::Agent agent);
  void ApplyOutcome(const QueuedContact& c, recording::Agent agent,
                    const workflow::ContactOutcome& out, Timestamp started);
  // Logs a planned contact compliance denied (`callback`: an agent's call back) and plans the
  // account again in kReplanAfterDenial.
  void Blocked(uint32_t i, const compliance::ContactRequest& request,
               const compliance::Verdict& verdict, bool callback = false);
  void ApplyFlags(uint32_t i, const conversation::ConversationResult& r);
  void ReportApiCalls(const std::vector<workflow::ApiCall>& calls, int8_t arm);
  // The org's answers to a contact's requests, for the back-off (core/workflow/org_backoff.h);
  // `lookups`: the account lookups among them too (else they were reported as they came).
  void NoteOrgAnswers(std::span<const workflow::ApiCall> calls, bool lookups);
  // While the org refuses requests for its limits, calls and messages wait in their queues (true);
  // the queues are worked again when the pause ends (one wake-up is scheduled).
  bool OrgPaused();
  // Works the call and send queues again (a pause ended, or the probe's answer came).
  void ResumeOrgWork();
  Money ContactCost(const conversation::ContactAttemptRecord& a, recording::Agent agent) const;
  bool AfterHours(Timestamp t) const;
  // Whether any agent ever works a shift (with the escalations skill when `escalations`).
  bool AgentsEverWork(bool escalations) const;
  // staffing.callbacks, and someone with the escalations skill to work the list: without such an
  // agent a listed callback would keep its account waiting for the rest of the run.
  bool CallbacksWorked() const { return world_.staffing.callbacks && AgentsEverWork(true); }
  bool InShift(const AgentGroupSpec& g, Timestamp t) const;
  void StartEscalationWork(const Escalation& e);
  Task<void> EscalationProcess(Escalation e);
  Task<void> PaymentWrite(OrgPayment payment);

  // --- operation_inbound.cc: calls the debtor makes to us (docs/world.md, "Inbound calls")
  // After an outbound contact: the callback it prompts, if the behaviour model draws one.
  void ScheduleCallback(uint32_t i, const conversation::ContactAttemptRecord& a);
  // The debtor calls from phone `contact_point`; `key` identifies what prompted it (patience draw).
  void OnInboundCall(uint32_t i, int contact_point, uint64_t key);
  // Withdraws account i's contacts waiting in a call or send queue (queued and waiting are
  // cleared; the entries stay in their queues, to be skipped when they come up: Withdrawn).
  void WithdrawWaiting(uint32_t i);
  // Whether `c`, taken from a line, agent or send queue, was withdrawn after it joined: it is
  // then skipped without any effect, as if WithdrawWaiting had removed it.
  bool Withdrawn(const QueuedContact& c) const {
    return c.generation != state_[c.account].queue_generation;
  }
  // Pops the oldest waiting inbound call an AI line (`ai_line`) or an agent may answer.
  bool PopInbound(bool ai_line, QueuedContact* out);
  // The patience of the debtor whose phone rang at `rang` runs out: hangs up if still on hold.
  void OnInboundPatience(uint32_t i, Timestamp rang);
  // Rows for an inbound call nobody answered and for one compliance turned down.
  // Records an unanswered or refused inbound call that rang at `rang` in the ledger and returns its
  // ContactRow with the fields every such row shares.
  recording::ContactRow RecordInbound(uint32_t i, const compliance::ContactRequest& request,
                                      Timestamp rang);
  void MissedInbound(uint32_t i, const compliance::ContactRequest& request, Timestamp rang);
  void InboundBlocked(uint32_t i, const compliance::ContactRequest& request,
                      const compliance::Verdict& verdict);
  // The inbound call of account i is over: plans the account again.
  void EndInbound(uint32_t i);
  int InboundAgentsOnShift() const;
  // The phone the debtor calls from after an email or a letter (-1: none).
  int CallbackPhone(uint32_t i) const;

  // --- operation_callbacks.cc: the callback list (staffing.callbacks; docs/world.md, "Callbacks")
  // Puts hand-off `e` on the callback list, its debtor having waited `live_wait` on hold first
  // (`abandoned`: and hung up). False, and nothing changes, when the account is no longer open or
  // has no phone a human may call.
  // A hand-off sent to the list at once (nobody on shift, not `abandoned`) records the debtor's
  // consent to the call back (a CallConsent, and a kFlagCallConsent FlagRow).
  bool ListCallback(const Escalation& e, Duration live_wait, bool abandoned);
  // The debtor of account i agreed at `now` to be called back: a 7-day CallConsent and its
  // FlagRow (1006.14(b)(3)(i)).
  void RecordConsent(uint32_t i, Timestamp now);
  // The call back the consent given at `handed_off` was for was made or given up at `at`: the
  // consent ends then (a kFlagCallConsentEnded FlagRow when it was still running).
  void EndConsent(uint32_t i, Timestamp handed_off, Timestamp at);
  // Hand-off `e` can be neither live nor called back (no phone a human may call, or no agents at
  // all): lost at once (an abandoned EscalationRow without a wait) and the account planned again.
  void HandOffLost(const Escalation& e);
  // Pops the callback list for an agent as PopAllowed pops a queue (plus expiry): true with the
  // call back compliance allows now in *out (its OwedCallback moves to calling_back_).
  bool PopCallback(QueuedContact* out);
  // The call back of account i (ApplyOutcome) was placed at `start`, or not (`verdict`).
  void CallBackPlaced(uint32_t i, Timestamp start);
  void CallBackNotPlaced(const QueuedContact& c, const compliance::Verdict& verdict);
  // Compliance put callback `b` off until `until`: it waits off the list, the account still
  // reserved for it, and rejoins the list then; or expires now if it would be too late by then.
  void DeferCallback(const OwedCallback& b, Timestamp until);
  void OnCallbackDue(uint32_t i, Timestamp handed_off);
  bool CallbackExpired(const OwedCallback& b, Timestamp t) const;
  // Reports the EscalationRow of callback `b`, which ended with `fate` at `at`, and ends the
  // debtor's consent to it at `at` (the consent was for that one call back).
  void EndCallback(const OwedCallback& b, recording::CallbackFate fate, Timestamp at);
  // Withdraws account i's callback, on the list or deferred: the debtor is calling us.
  void WithdrawCallback(uint32_t i);
  // At the end of the run: the rows of the callbacks still owed.
  void EndOpenCallbacks();

  // --- operation_messages.cc
  // Queues a message or letter whose capacity is counted: the channel sends one at a time at its
  // rate (ChannelSpec::*_per_second), so a campaign's messages do not all leave at one instant.
  void SendMessage(const QueuedContact& c);
  void PumpSends(domain::Channel channel);

  // --- operation_money.cc
  void TakeArrangement(uint32_t i, const conversation::PaymentArrangementRecord& a,
                       recording::PaymentRow::Source source, recording::Agent agent, bool paid_now);
  void OnInstalmentDue(uint32_t i, int32_t instalment, int attempt);
  void ScheduleInstalment(uint32_t i);
  void Pay(uint32_t i, Money amount, recording::PaymentRow::Source source, recording::Agent agent,
           bool card, Money fee, bool write);
  void ResolvePromise(uint32_t i, recording::PromiseRow::State state, Money paid);
  void OnSelfCure(uint32_t i);
  void OnWrittenRequest(uint32_t i, uint8_t flag);
  void CloseAccount(uint32_t i, AccountStatus status);
  HumanOutcome HumanHandling(const Escalation& e) const;

  // --- operation.cc
  void OnDayEnd();
  void OnShiftChange();
  Timestamp LocalToUtc(const cctz::time_zone& tz, domain::LocalDate day, int minute) const;
  domain::LocalDate Today() const;
  int DayIndex(Timestamp t) const;
  const cctz::time_zone& DebtorZone(uint32_t i) const;
  // Asks the memory system for what handling account i reads first (its state, the account, its
  // ledger's header, its packed debtor), so that those cache misses overlap instead of following
  // each other.
  void Prefetch(uint32_t i) const;
  void EmitOutcomes();
  // The debtor of account i as the core reads it, expanded from the packed store
  // (debtor_store.h): the pinned copy while a contact with them is under way, else a scratch object
  // that stays valid until DebtorOf or MutableDebtor is called for another account. Never held
  // across a suspension (a contact pins instead).
  const domain::Debtor& DebtorOf(uint32_t i) const;
  // The same object, to edit; CommitDebtor(i, it) stores the edits (and keeps the scratch and the
  // pinned copy in step).
  domain::Debtor& MutableDebtor(uint32_t i);
  void CommitDebtor(uint32_t i, const domain::Debtor& edited);
  // Debtor i at a stable address until the matching UnpinDebtor: the contact being set up reads it
  // across the account lookup, and edits made meanwhile (a flag, a bankruptcy filed) reach it as
  // they did the stored debtor.
  const domain::Debtor* PinDebtor(uint32_t i);
  void UnpinDebtor(uint32_t i);

  // Configuration.
  const WorldSpec world_;
  const workflow::DecisionConfig decisions_;
  const RunSpec run_;
  const Operation::Options options_;
  recording::RunSink* const sink_;
  int horizon_days_ = 0;
  Timestamp start_;
  cctz::time_zone op_zone_;
  std::vector<cctz::time_zone> region_zones_;  // by RegionSpec index
  domain::HolidayCalendar calendar_ = domain::HolidayCalendar::UsFederal();

  // The world.
  std::unique_ptr<Kernel> kernel_;
  std::unique_ptr<org::events::ApiLimits> limits_;
  std::unique_ptr<org::Org> org_;
  std::unique_ptr<adapters::SimOrgPort> org_port_;
  Portfolio portfolio_;
  // DebtorOf's scratch debtor and whose it is (kNoDebtor: none).
  static constexpr uint32_t kNoDebtor = UINT32_MAX;
  mutable DebtorStore::Expanded scratch_;
  mutable uint32_t scratch_index_ = kNoDebtor;
  // Debtors pinned by contacts under way, from their start until RunContact's debtor_done (before
  // the conversation's first exchange; AccountState::pinned says which accounts have one), and
  // expanded debtors kept for reuse so a pin allocates nothing.
  struct PinnedDebtor {
    std::unique_ptr<DebtorStore::Expanded> debtor;
    int pins = 0;
  };
  std::unordered_map<uint32_t, PinnedDebtor> pinned_;  // determinism: allow(never iterated)
  std::vector<std::unique_ptr<DebtorStore::Expanded>> spare_debtors_;
  std::vector<domain::ContactHistory> histories_;
  std::vector<AccountState> state_;
  std::unique_ptr<DebtorModel> model_;
  std::unique_ptr<adapters::SimChannelPort> channel_;
  std::unique_ptr<workflow::Planner> planner_;
  compliance::ComplianceEngine engine_;
  RandomStreams streams_;

  // Lines, agents and queues.
  int ai_free_ = 0;
  int human_on_shift_ = 0;
  int human_busy_ = 0;
  int escalation_agents_on_shift_ = 0;  // on shift in groups with the escalations skill
  std::deque<QueuedContact> ai_queue_;
  std::deque<QueuedContact> human_queue_;
  std::deque<Escalation> escalation_queue_;
  std::deque<InboundWait> inbound_queue_;
  // The callback list (calls owed after a hand-off, in the order they joined it), the callbacks
  // compliance deferred (by account: an account owes at most one, being reserved for it) and the
  // call backs under way, so every callback's row is reported once, at the end of the run at the
  // latest.
  std::deque<OwedCallback> callback_queue_;
  std::map<uint32_t, OwedCallback> deferred_callbacks_;
  std::map<uint32_t, OwedCallback> calling_back_;
  // Messages sent today per channel (capacity), and the day they count for.
  int64_t sent_today_[domain::kChannelCount] = {};
  // Messages waiting to be sent per channel, the earliest instant the channel sends its next one,
  // and whether a send is scheduled.
  std::deque<QueuedContact> send_queue_[domain::kChannelCount];
  Timestamp next_send_[domain::kChannelCount];
  bool send_scheduled_[domain::kChannelCount] = {};
  // Pausing calls and messages while the org refuses requests for its limits, and when the
  // wake-up that works the queues again is scheduled (InfinitePast: none).
  workflow::OrgBackoff org_backoff_;
  Timestamp org_wake_at_ = Timestamp::InfinitePast();

  // Day accumulators.
  recording::DaySnapshot day_;
  double human_busy_s_ = 0;
  double ai_busy_s_ = 0;
  int day_index_ = 0;
  uint64_t contacts_ = 0;
  Status failure_;
};

}  // namespace recoup::sim::world

#endif  // RECOUP_SIM_WORLD_OPERATION_IMPL_H_
