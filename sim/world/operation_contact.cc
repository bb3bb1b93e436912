// Operation: planning, the queues for lines and agents, and running contacts through the workflow.
#include <algorithm>
#include <span>
#include <utility>

#include "core/base/check.h"
#include "core/runtime/sleep.h"
#include "core/strategy/next_action.h"
#include "sim/random/distributions.h"
#include "sim/world/operation_impl.h"

namespace recoup::sim::world {
namespace {

// How long a planned contact that compliance denied waits before the account is planned again
// (a hold may lift, a consent may be given).
constexpr Duration kReplanAfterDenial = Duration::Days(7);
// After this many consecutive denials the account is not planned again in its stage.
constexpr int kMaxDenials = 3;

recording::VerdictKind KindOf(const compliance::Verdict& v) {
  switch (v.kind) {
    case compliance::Verdict::Kind::kAllow:
      return recording::VerdictKind::kAllow;
    case compliance::Verdict::Kind::kDefer:
      return recording::VerdictKind::kDefer;
    case compliance::Verdict::Kind::kDeny:
      break;
  }
  return recording::VerdictKind::kDeny;
}

// Where the payments of an arrangement agreed on a contact come from.
recording::PaymentRow::Source SourceOf(domain::Channel c, bool inbound) {
  if (inbound) return recording::PaymentRow::Source::kInbound;
  switch (c) {
    case domain::Channel::kCall:
      return recording::PaymentRow::Source::kCall;
    case domain::Channel::kSms:
      return recording::PaymentRow::Source::kSms;
    case domain::Channel::kEmail:
      return recording::PaymentRow::Source::kEmail;
    case domain::Channel::kLetter:
      return recording::PaymentRow::Source::kLetter;
    case domain::Channel::kWhatsApp:
      return recording::PaymentRow::Source::kWhatsApp;
  }
  return recording::PaymentRow::Source::kCall;
}

}  // namespace

void OperationImpl::ScheduleReplan(uint32_t i, Timestamp at) {
  const uint32_t epoch = ++state_[i].plan_epoch;
  kernel_->CallAt(at, [this, i, epoch] {
    Prefetch(i);  // most re-plans go ahead: start the misses Replan will take
    if (state_[i].plan_epoch == epoch) Replan(i);
  });
}

void OperationImpl::Replan(uint32_t i) {
  Prefetch(i);
  AccountState& st = state_[i];
  // Not while a contact is queued or running, nor while the debtor calls us (EndInbound plans).
  if (!IsOpen(st.status) || st.queued || st.inbound) return;
  const domain::Account& account = portfolio_.accounts[i];
  if (account.arrangement.active) return;  // monitored: instalments drive what happens next
  const Timestamp now = kernel_->Now();
  workflow::PlanInputs in;
  in.account = &account;
  in.debtor = &DebtorOf(i);
  in.history = &histories_[i];
  in.now = now;
  in.today = Today();
  in.stage_entered = std::min(st.stage_entered, now);
  in.signals = st.signals;
  in.forced_arm = options_.forced_arm;
  const workflow::Plan plan = planner_->PlanFor(in);
  st.strategy = plan.assignment.strategy;
  st.segment = plan.segment.id;
  if (plan.assignment.arm >= 0) st.arm = static_cast<int8_t>(plan.assignment.arm);
  const uint32_t epoch = ++st.plan_epoch;
  switch (plan.action.kind) {
    case strategy::ActionKind::kNone:
      return;  // nothing more in this stage: the next stage change plans again
    case strategy::ActionKind::kEscalate: {
      st.escalated = true;
      st.signals = {};
      compliance::ContactRequest request;
      request.channel = domain::Channel::kCall;
      request.voice = domain::VoiceMode::kHuman;
      int point = -1;
      if (strategy::CheckChannel(domain::Channel::kCall, domain::VoiceMode::kHuman,
                                 DebtorOf(i), now,
                                 &point) != strategy::ChannelSkip::kUsed) {
        return;  // no phone a human may call: the account waits for its next stage
      }
      request.contact_point = point;
      kernel_->CallAt(now, [this, i, epoch, request] { OnDue(i, epoch, request); });
      return;
    }
    case strategy::ActionKind::kContact:
      break;
  }
  compliance::ContactRequest request;
  request.channel = plan.action.channel;
  request.voice = plan.action.voice;
  request.contact_point = plan.action.contact_point < 0 ? 0 : plan.action.contact_point;
  // AI-queue admission (product brief): an AI call for an account the strategy does not admit to
  // the AI queue goes to a human.
  if (request.channel == domain::Channel::kCall && domain::IsRobocall(request.voice)) {
    const strategy::AiQueueReason why =
        strategy::CheckAiEligibility(plan.strategy->ai, account, DebtorOf(i), now);
    if (why != strategy::AiQueueReason::kEligible || world_.staffing.ai_lines == 0) {
      request.voice = domain::VoiceMode::kHuman;
    }
  }
  // When: the earliest day at the start of the first preferred slot, in the debtor's zone.
  const int slot_start = plan.action.slots.empty() ? 0 : plan.action.slots.front().start_minute;
  const Timestamp due =
      std::max(now, LocalToUtc(DebtorZone(i), plan.action.earliest_day, slot_start));
  kernel_->CallAt(due, [this, i, epoch, request] { OnDue(i, epoch, request); });
}

void OperationImpl::OnDue(uint32_t i, uint32_t epoch, compliance::ContactRequest request) {
  Prefetch(i);
  AccountState& st = state_[i];
  if (st.plan_epoch != epoch || !IsOpen(st.status) || st.queued || st.inbound) return;
  const Timestamp now = kernel_->Now();
  const compliance::Verdict v =
      engine_.Check(request, portfolio_.accounts[i], DebtorOf(i), histories_[i], now);
  if (v.kind == compliance::Verdict::Kind::kDefer) {
    kernel_->CallAt(v.until, [this, i, epoch, request] { OnDue(i, epoch, request); });
    return;
  }
  if (v.kind == compliance::Verdict::Kind::kDeny) {
    Blocked(i, request, v);
    return;
  }
  st.denials = 0;
  Enqueue(i, request);
}

void OperationImpl::Blocked(uint32_t i, const compliance::ContactRequest& request,
                            const compliance::Verdict& verdict, bool callback) {
  AccountState& st = state_[i];
  recording::ContactRow row;
  row.account = portfolio_.accounts[i].id;
  row.person = portfolio_.debtors.IdOf(i);
  row.arm = st.arm;
  row.channel = request.channel;
  row.voice = request.voice;
  row.contact_point = static_cast<int8_t>(request.contact_point);
  row.start = kernel_->Now();
  row.disposition = recording::kDispositionBlocked;
  row.verdict = KindOf(verdict);
  row.rule = verdict.rule;
  row.callback = callback;
  sink_->OnContact(row);
  if (++st.denials < kMaxDenials) ScheduleReplan(i, kernel_->Now() + kReplanAfterDenial);
}

void OperationImpl::Enqueue(uint32_t i, const compliance::ContactRequest& request) {
  QueuedContact c;
  c.account = i;
  c.epoch = state_[i].plan_epoch;
  c.request = request;
  c.queued = kernel_->Now();
  c.generation = state_[i].queue_generation;
  if (request.channel == domain::Channel::kCall) {
    state_[i].queued = true;
    state_[i].waiting = true;
    (domain::IsRobocall(request.voice) ? ai_queue_ : human_queue_).push_back(c);
    Dispatch();
    return;
  }
  // Messages and letters: queued for sending unless today's capacity is used up (then tomorrow).
  const ChannelSpec& ch = world_.channels;
  const int64_t capacity = request.channel == domain::Channel::kSms        ? ch.sms_per_day
                           : request.channel == domain::Channel::kWhatsApp ? ch.whatsapp_per_day
                           : request.channel == domain::Channel::kEmail    ? ch.emails_per_day
                                                                           : ch.letters_per_day;
  int64_t& sent = sent_today_[static_cast<int>(request.channel)];
  if (capacity > 0 && sent >= capacity) {
    const uint32_t epoch = c.epoch;
    kernel_->CallAt(LocalToUtc(op_zone_, Today() + 1, 0) + Duration::Minutes(1),
                    [this, i, epoch, request] { OnDue(i, epoch, request); });
    return;
  }
  ++sent;
  state_[i].queued = true;
  state_[i].waiting = true;
  SendMessage(c);
}

bool OperationImpl::PopAllowed(std::deque<QueuedContact>& queue, QueuedContact* out) {
  const Timestamp now = kernel_->Now();
  while (!queue.empty()) {
    const QueuedContact c = queue.front();
    queue.pop_front();
    Prefetch(c.account);
    if (Withdrawn(c)) continue;
    AccountState& st = state_[c.account];
    st.queued = false;
    st.waiting = false;
    if (st.plan_epoch != c.epoch || !IsOpen(st.status)) continue;  // re-planned or resolved
    const compliance::Verdict v =
        engine_.Check(c.request, portfolio_.accounts[c.account], DebtorOf(c.account),
                      histories_[c.account], now);
    if (v.allowed()) {
      st.queued = true;
      *out = c;
      return true;
    }
    if (v.kind == compliance::Verdict::Kind::kDefer) {
      const uint32_t i = c.account;
      const uint32_t epoch = c.epoch;
      const compliance::ContactRequest request = c.request;
      kernel_->CallAt(v.until, [this, i, epoch, request] { OnDue(i, epoch, request); });
    } else {
      Blocked(c.account, c.request, v);
    }
  }
  return false;
}

bool OperationImpl::OrgPaused() {
  const Timestamp now = kernel_->Now();
  if (!org_backoff_.Paused(now)) return false;
  // One wake-up at the end of the wait; a wait that ends before the wake-up scheduled (a shorter
  // pause after a probe's deadline) gets its own, and the later one then finds nothing to do.
  const Timestamp at = org_backoff_.resume_at();
  if (!(org_wake_at_ > now && org_wake_at_ <= at)) {
    org_wake_at_ = at;
    kernel_->CallAt(at, [this, at] {
      if (org_wake_at_ == at) org_wake_at_ = Timestamp::InfinitePast();
      ResumeOrgWork();
    });
  }
  return true;
}

void OperationImpl::NoteOrgAnswers(std::span<const workflow::ApiCall> calls, bool lookups) {
  const Timestamp now = kernel_->Now();
  const bool paused = org_backoff_.Paused(now);
  for (const workflow::ApiCall& call : calls) {
    if (lookups || call.kind != workflow::ApiCallKind::kLookup) {
      org_backoff_.OnAnswer(call.code, call.sent, now);
    }
  }
  // The wait ended (the probe's lookup was answered, or the org took a request): the queues are
  // worked again as their own event (the caller is still in the middle of a contact).
  if (paused && !org_backoff_.Paused(now)) kernel_->CallAt(now, [this] { ResumeOrgWork(); });
}

void OperationImpl::ResumeOrgWork() {
  Dispatch();
  for (int ch = 0; ch < domain::kChannelCount; ++ch) {
    if (!send_queue_[ch].empty() && !send_scheduled_[ch]) {
      PumpSends(static_cast<domain::Channel>(ch));
    }
  }
}

void OperationImpl::Dispatch() {
  // AI lines: the next queued call compliance allows now; deferred ones come back when allowed.
  // Debtors calling us go first: an AI line takes the oldest inbound call it may answer. While the
  // org refuses requests for its limits our own calls wait in their queues (a debtor calling us is
  // still answered).
  QueuedContact c;
  while (ai_free_ > 0 &&
         (PopInbound(/*ai_line=*/true, &c) || (!OrgPaused() && PopAllowed(ai_queue_, &c)))) {
    --ai_free_;
    StartContact(c, recording::Agent::kAi);
  }
  while (DispatchHuman()) {
  }
}

bool OperationImpl::DispatchHuman() {
  if (human_busy_ >= human_on_shift_) return false;
  const Timestamp now = kernel_->Now();
  // Hand-offs first; the ones whose patience ran out have abandoned.
  while (!escalation_queue_.empty()) {
    const Escalation e = escalation_queue_.front();
    escalation_queue_.pop_front();
    RandomStream patience =
        streams_.Family("debtor.patience").For(portfolio_.accounts[e.account].id);
    patience.Seek(state_[e.account].escalations * 4ULL);
    const Duration limit =
        Duration::FromSecondsDouble(Exponential(patience, 1.0 / world_.staffing.patience_mean_s));
    recording::EscalationRow row;
    row.account = portfolio_.accounts[e.account].id;
    row.arm = state_[e.account].arm;
    row.queued = e.queued;
    row.reason = e.reason;
    if (now - e.queued > limit) {
      row.wait = limit;
      row.abandoned = true;
      state_[e.account].queued = false;
      // With callbacks an agent calls the debtor back later; its row comes when that ends.
      if (CallbacksWorked() && ListCallback(e, limit, /*abandoned=*/true)) continue;
      sink_->OnEscalation(row);
      ScheduleReplan(e.account, now);
      continue;
    }
    row.wait = now - e.queued;
    sink_->OnEscalation(row);
    ++human_busy_;
    StartEscalationWork(e);
    return true;
  }
  // Then debtors calling us (waiting on the line, as the hand-offs above), then the calls back we
  // owe after hand-offs (staffing.callbacks: an agent with the escalations skill), then our own
  // calls.
  QueuedContact c;
  const bool inbound =
      !inbound_queue_.empty() && InboundAgentsOnShift() > 0 && PopInbound(/*ai_line=*/false, &c);
  const bool paused = !inbound && OrgPaused();
  const bool callback = !inbound && !paused && escalation_agents_on_shift_ > 0 && PopCallback(&c);
  if (inbound || callback || (!paused && PopAllowed(human_queue_, &c))) {
    ++human_busy_;
    StartContact(c, recording::Agent::kHuman);
    return true;
  }
  return false;
}

void OperationImpl::StartContact(const QueuedContact& c, recording::Agent agent) {
  if (!c.request.inbound) {
    state_[c.account].waiting = false;
    // After a pause a call is the probe (org_backoff.h): its lookup is its first request, and its
    // answer comes back at once (ContactInputs::lookup_done).
    if (c.request.channel == domain::Channel::kCall) org_backoff_.OnStart(kernel_->Now());
  }
  kernel_->Spawn(ContactProcess(c, agent));
}

Task<void> OperationImpl::ContactProcess(QueuedContact c, recording::Agent agent) {
  const uint32_t i = c.account;
  workflow::ContactInputs in;
  in.account = &portfolio_.accounts[i];
  // Pinned: RunContact reads it after the call's account lookup; released once it is done with it
  // (a message thread then waits for its reply without a copy of the debtor).
  in.debtor = PinDebtor(i);
  in.debtor_done = [this, i] { UnpinDebtor(i); };
  in.lookup_done = [this](const workflow::ApiCall& lookup) {
    NoteOrgAnswers({&lookup, 1}, /*lookups=*/true);
  };
  in.history = &histories_[i];
  in.engine = &engine_;
  const strategy::Strategy* strategy = planner_->StrategyById(state_[i].strategy);
  in.policy =
      strategy != nullptr ? &strategy->offer_limits : &decisions_.strategies.front().offer_limits;
  in.calendar = &calendar_;
  in.request = c.request;
  in.today = Today();
  workflow::Ports ports;
  ports.executor = kernel_.get();
  ports.channel = channel_.get();
  ports.org = org_port_.get();
  const Timestamp started = kernel_->Now();
  workflow::ContactOutcome out = co_await workflow::RunContact(std::move(in), ports);
  ApplyOutcome(c, agent, out, started);
}

Money OperationImpl::ContactCost(const conversation::ContactAttemptRecord& a,
                                 recording::Agent agent) const {
  const CostSpec& cost = world_.channels.cost;
  const double minutes = a.duration().ToSecondsDouble() / 60.0;
  double dollars = 0;
  switch (a.channel) {
    case domain::Channel::kCall:
      dollars = agent == recording::Agent::kHuman
                    ? minutes * cost.human_per_hour / 60.0
                    : cost.ai_dial + minutes * cost.ai_voice_per_minute;
      break;
    case domain::Channel::kSms:
      dollars = cost.sms;
      break;
    case domain::Channel::kWhatsApp:
      dollars = cost.whatsapp;
      break;
    case domain::Channel::kEmail:
      dollars = cost.email;
      break;
    case domain::Channel::kLetter:
      dollars = cost.letter;
      break;
  }
  return Money::FromMinorUnits(static_cast<int64_t>(dollars * 100.0 + 0.5));
}

void OperationImpl::ReportApiCalls(const std::vector<workflow::ApiCall>& calls, int8_t arm) {
  if (!options_.report_api_calls) return;
  for (const workflow::ApiCall& call : calls) {
    recording::ApiCallRow row;
    row.call = static_cast<uint8_t>(call.kind);
    row.sent = call.sent;
    row.latency = call.latency;
    row.ok = call.code == StatusCode::kOk;
    row.during_call = call.during_call;
    row.arm = arm;
    sink_->OnApiCall(row);
  }
}

void OperationImpl::ApplyOutcome(const QueuedContact& c, recording::Agent agent,
                                 const workflow::ContactOutcome& out, Timestamp started) {
  const uint32_t i = c.account;
  Prefetch(i);
  AccountState& st = state_[i];
  const bool inbound = c.request.inbound;  // the debtor called us
  (inbound ? st.inbound : st.queued) = false;
  const Timestamp now = kernel_->Now();
  const double busy = (now - started).ToSecondsDouble();
  if (c.request.channel == domain::Channel::kCall) {
    if (agent == recording::Agent::kAi) {
      ++ai_free_;
      ai_busy_s_ += busy;
    } else {
      --human_busy_;
      human_busy_s_ += busy;
    }
  }
  ReportApiCalls(out.api_calls, st.arm);
  NoteOrgAnswers(out.api_calls, /*lookups=*/false);  // the lookup's came with lookup_done
  // The org refused the account lookup for its limits: not a verdict on the contact, so it is
  // neither logged as blocked nor counted as a denial. Our call waits for the pause to end at the
  // front of its queue; a call back stays owed and rejoins the callback list when the pause ends.
  // An account withdrawn meanwhile (the debtor is calling us: EndInbound plans it) or no longer
  // open needs nothing more.
  if (!out.contacted && !inbound && out.lookup.code() == StatusCode::kResourceExhausted) {
    if (c.callback) {
      CallBackNotPlaced(c, compliance::Verdict::Defer(compliance::Rule::kNone,
                                                      "the org refused the account lookup",
                                                      std::max(now, org_backoff_.resume_at())));
    } else if (!Withdrawn(c) && st.plan_epoch == c.epoch && IsOpen(st.status)) {
      st.queued = true;
      st.waiting = true;
      (agent == recording::Agent::kAi ? ai_queue_ : human_queue_).push_front(c);
    }
    Dispatch();
    return;
  }
  if (!out.contacted && inbound) {
    // Turned down when answered (a hold that began while the debtor waited, a failed lookup).
    InboundBlocked(i, c.request, out.verdict);
    EndInbound(i);
    Dispatch();
    return;
  }
  if (!out.contacted && c.callback) {
    CallBackNotPlaced(c, out.verdict);  // deferred: still owed; denied: a blocked call back
    Dispatch();
    return;
  }
  if (!out.contacted) {
    if (out.verdict.kind == compliance::Verdict::Kind::kDefer) {
      const uint32_t epoch = st.plan_epoch;
      const compliance::ContactRequest request = c.request;
      kernel_->CallAt(out.verdict.until, [this, i, epoch, request] { OnDue(i, epoch, request); });
    } else {
      Blocked(i, c.request, out.verdict);
    }
    Dispatch();
    return;
  }
  RECOUP_CHECK(out.result.has_value());
  const conversation::ConversationResult& r = *out.result;
  const conversation::ContactAttemptRecord& a = r.contact_attempt;
  histories_[i].Record(a.ledger_event);
  if (!inbound) ++st.contacts;  // attempts: a call the debtor made is not one
  ++contacts_;
  if (a.right_party_contact) {
    ++st.rpcs;
    st.touched = true;
  }
  recording::ContactRow row;
  row.account = portfolio_.accounts[i].id;
  row.person = portfolio_.debtors.IdOf(i);
  row.arm = st.arm;
  row.channel = a.channel;
  row.voice = a.voice;
  row.agent = agent;
  row.contact_point = a.contact_point;
  row.start = a.start;
  const auto offset = DebtorZone(i).lookup(ToTimePoint(a.start));
  row.local_offset_s = offset.offset;
  row.duration = a.duration();
  row.outcome = a.outcome;
  row.disposition = static_cast<uint8_t>(a.disposition);
  row.right_party_contact = a.right_party_contact;
  row.promise = r.arrangement.has_value();
  row.paid_on_contact = r.arrangement.has_value() &&
                        r.arrangement->payment == conversation::PaymentStatus::kCompleted;
  row.handed_to_human = r.compliance.handoff != conversation::Handoff::kNone;
  row.after_hours =
      agent == recording::Agent::kAi && a.channel == domain::Channel::kCall && AfterHours(a.start);
  row.verdict = recording::VerdictKind::kAllow;
  row.cost = ContactCost(a, agent);
  row.inbound = inbound;
  row.callback = c.callback;
  sink_->OnContact(row);
  if (c.callback) CallBackPlaced(i, a.start);
  if (!inbound) ScheduleCallback(i, a);

  ApplyFlags(i, r);
  st.signals = {};
  if (r.compliance.handoff == conversation::Handoff::kHardship) st.signals.hardship = true;
  if (a.disposition == conversation::Disposition::kRefused) st.signals.refused_to_pay = true;
  if (r.arrangement.has_value()) {
    TakeArrangement(i, *r.arrangement, SourceOf(a.channel, inbound), agent, row.paid_on_contact);
  }
  if (r.compliance.handoff != conversation::Handoff::kNone && agent != recording::Agent::kHuman &&
      a.channel == domain::Channel::kCall && IsOpen(st.status)) {
    Escalation e;
    e.account = i;
    e.queued = now;
    e.reason = static_cast<uint8_t>(r.compliance.handoff);
    e.inbound = inbound;
    ++st.escalations;
    st.escalated = true;
    st.queued = true;
    // Nobody with the escalations skill on shift to take it live: with callbacks the debtor is told
    // an agent will call back (the callback list) instead of holding until the shift opens.
    // No agents at all: nobody will ever take it, and the account must not wait for the rest of
    // the run.
    if (!AgentsEverWork(/*escalations=*/false)) {
      HandOffLost(e);
    } else if (!CallbacksWorked() || escalation_agents_on_shift_ > 0) {
      escalation_queue_.push_back(e);
    } else if (!ListCallback(e, Duration::Zero(), /*abandoned=*/false)) {
      HandOffLost(e);
    }
  } else if (IsOpen(st.status) && !portfolio_.accounts[i].arrangement.active) {
    // The sequence continues (a callback the contact prompted comes as its own event).
    Replan(i);
  }
  Dispatch();
}

void OperationImpl::ApplyFlags(uint32_t i, const conversation::ConversationResult& r) {
  if (r.flag_changes.empty()) return;
  domain::Account& account = portfolio_.accounts[i];
  domain::Debtor& debtor = MutableDebtor(i);
  for (const conversation::FlagChange& f : r.flag_changes) {
    const auto phone = [&]() -> domain::Phone* {
      if (f.contact_point < 0 ||
          static_cast<std::size_t>(f.contact_point) >= debtor.phones.size()) {
        return nullptr;
      }
      return &debtor.phones[static_cast<std::size_t>(f.contact_point)];
    };
    switch (f.flag) {
      case conversation::Flag::kPhoneWrongNumber:
        if (domain::Phone* p = phone()) p->wrong_number = true;
        break;
      case conversation::Flag::kPhoneCallsOptedOut:
        if (domain::Phone* p = phone()) p->calls_opted_out = true;
        break;
      case conversation::Flag::kPhoneTextsOptedOut:
        if (domain::Phone* p = phone()) p->texts_opted_out = true;
        break;
      case conversation::Flag::kPhoneRobocallConsentRevoked:
        if (domain::Phone* p = phone()) p->robocall_consent.revoked = f.at;
        break;
      case conversation::Flag::kPhoneSmsConsentRevoked:
        if (domain::Phone* p = phone()) p->sms_consent.revoked = f.at;
        break;
      case conversation::Flag::kEmailOptedOut:
        if (f.contact_point >= 0 &&
            static_cast<std::size_t>(f.contact_point) < debtor.emails.size()) {
          debtor.emails[static_cast<std::size_t>(f.contact_point)].opted_out = true;
        }
        break;
      case conversation::Flag::kDebtorCallsOptedOut:
        debtor.calls_opted_out = true;
        break;
      case conversation::Flag::kDebtorTextsOptedOut:
        debtor.texts_opted_out = true;
        break;
      case conversation::Flag::kDebtorEmailsOptedOut:
        debtor.emails_opted_out = true;
        break;
      case conversation::Flag::kAccountWrittenCease:
        account.written_cease = std::min(account.written_cease, f.at);
        break;
      case conversation::Flag::kAccountAttorneyRepresented:
        account.attorney_represented = true;
        break;
      case conversation::Flag::kAccountDisputeOpen:
        account.dispute = domain::DisputeStatus::kOpen;
        break;
      case conversation::Flag::kPhoneWhatsAppOptedOut:
        if (domain::Phone* p = phone()) p->whatsapp_opted_out = true;
        break;
      case conversation::Flag::kPhoneWhatsAppConsentRevoked:
        if (domain::Phone* p = phone()) p->whatsapp_consent.revoked = f.at;
        break;
      case conversation::Flag::kDebtorWhatsAppOptedOut:
        debtor.whatsapp_opted_out = true;
        break;
    }
    recording::FlagRow row;
    row.account = account.id;
    row.person = debtor.id;
    row.time = f.at;
    row.flag = static_cast<uint8_t>(f.flag);
    row.contact_point = f.contact_point;
    sink_->OnFlag(row);
  }
  CommitDebtor(i, debtor);
}

// --- Escalations: a human takes over a hand-off
// ---------------------------------------------------

void OperationImpl::StartEscalationWork(const Escalation& e) {
  kernel_->Spawn(EscalationProcess(e));
}

Task<void> OperationImpl::EscalationProcess(Escalation e) {
  const uint32_t i = e.account;
  const HumanOutcome outcome = HumanHandling(e);
  co_await SleepFor(*kernel_, outcome.handle_time);
  --human_busy_;
  human_busy_s_ += outcome.handle_time.ToSecondsDouble();
  AccountState& st = state_[i];
  st.queued = false;
  if (IsOpen(st.status) && outcome.arrangement) {
    // The human agrees a plan within the strategy's offer limits (the core's negotiation decides
    // the terms; the behaviour model decides whether the person accepts them).
    const strategy::Strategy* strategy = planner_->StrategyById(st.strategy);
    const negotiation::Policy& policy =
        strategy != nullptr ? strategy->offer_limits : decisions_.strategies.front().offer_limits;
    negotiation::Proposal proposal;
    proposal.kind = negotiation::Proposal::Kind::kInstalments;
    proposal.instalments = policy.max_instalments;
    const negotiation::Decision d =
        negotiation::Evaluate(policy, portfolio_.accounts[i], proposal, Today(), calendar_);
    if (d.verdict != negotiation::Verdict::kEscalate && !d.offer.schedule.empty()) {
      conversation::PaymentArrangementRecord a;
      a.account = portfolio_.accounts[i].id;
      a.agreed_at = kernel_->Now();
      a.offer = d.offer;
      a.reason = d.reason;
      a.first_payment = d.offer.schedule.front().amount;
      TakeArrangement(i, a, SourceOf(domain::Channel::kCall, e.inbound), recording::Agent::kHuman,
                      false);
    }
  }
  if (IsOpen(st.status) && !portfolio_.accounts[i].arrangement.active) Replan(i);
  Dispatch();
}

Task<void> OperationImpl::PaymentWrite(OrgPayment payment) {
  workflow::Ports ports;
  ports.executor = kernel_.get();
  ports.channel = channel_.get();
  ports.org = org_port_.get();
  workflow::ApiCall call = co_await workflow::RecordPayment(std::move(payment), ports, 3);
  ReportApiCalls({call}, static_cast<int8_t>(options_.forced_arm));
}

}  // namespace recoup::sim::world
