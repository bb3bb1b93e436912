// Operation: calls the debtor makes to us (OperationImpl, operation_impl.h), from the contact that
// prompts one to the line or agent that answers it (docs/world.md, "Inbound calls").
//
// The behaviour model draws whether a contact prompts a callback and when (a voicemail, a text,
// WhatsApp message or email read but not clicked, a letter); the call is an event at that
// instant. What the core decides, it decides: compliance (ContactRequest::inbound: the holds
// apply, the calling window and call frequency do not), whether the AI may answer
// (workflow::AiMayAnswerInbound), and the call itself (workflow::RunContact). What is decided here
// is only who is free to pick up:
//   1. an AI line, when the account's strategy lets the AI answer it and a line is free (24/7);
//   2. else an agent on shift in a group that works calls (outbound or escalations skill);
//   3. else the caller waits on hold, ahead of every outbound call (after the AI's hand-offs for
//      agents), and hangs up after an exponential patience (staffing.patience_mean_s);
//   4. with no AI for the account and no agent on shift, the call reaches voicemail and is lost.
// Missed and turned-down calls are ContactRows too (inbound, outcome inbound_from_consumer;
// missed: disposition no_answer, duration the time on hold, 0 when it went straight to voicemail;
// turned down: verdict deny and the rule).
#include <algorithm>
#include <optional>

#include "core/workflow/inbound.h"
#include "sim/random/distributions.h"
#include "sim/world/operation_impl.h"

namespace recoup::sim::world {
namespace {

// What prompted a callback (bits 28-31 of its key; the prompting interaction's number below).
constexpr uint64_t kAfterVoicemail = 0;
constexpr uint64_t kAfterText = 1;
constexpr uint64_t kAfterEmail = 2;
constexpr uint64_t kAfterLetter = 3;
constexpr uint64_t kAfterWhatsApp = 4;
uint64_t Key(uint64_t what, uint64_t n) { return what << 28 | (n & 0x0fff'ffffULL); }
// Inbound patience draws in stream "debtor.patience": draw kPatienceBase + 4 x key (hand-offs use
// draws 4 x k, far below).
constexpr uint64_t kPatienceBase = uint64_t{1} << 40;


}  // namespace

int OperationImpl::CallbackPhone(uint32_t i) const {
  const domain::Debtor& debtor = DebtorOf(i);
  const DebtorTraits& traits = portfolio_.traits[i];
  for (std::size_t k = 0; k < debtor.phones.size(); ++k) {
    const int p = static_cast<int>(k);
    if (debtor.phones[k].e164.empty() || traits.PhoneWrongNumber(p) ||
        traits.PhoneNotInService(p)) {
      continue;
    }
    return p;
  }
  return -1;
}

void OperationImpl::ScheduleCallback(uint32_t i, const conversation::ContactAttemptRecord& a) {
  const domain::AccountId id = portfolio_.accounts[i].id;
  std::optional<Duration> after;
  int phone = -1;
  uint64_t key = 0;
  switch (a.channel) {
    case domain::Channel::kCall: {
      if (a.outcome != domain::Outcome::kVoicemailLimited &&
          a.outcome != domain::Outcome::kVoicemailFull) {
        return;
      }
      // The call just made was call n (the port has counted it).
      const uint32_t n = channel_->Opened(id, domain::Channel::kCall) - 1;
      after = model_->CallbackAfterVoicemail(id, n);
      phone = a.contact_point;  // whoever has that phone returns the call
      key = Key(kAfterVoicemail, n);
      break;
    }
    case domain::Channel::kSms:
    case domain::Channel::kWhatsApp:
    case domain::Channel::kEmail: {
      if (a.outcome != domain::Outcome::kSent) return;
      const uint32_t n = channel_->Opened(id, a.channel) - 1;
      after = model_->Message(id, a.channel, n).callback_after;  // read, not clicked
      // A text or WhatsApp message is answered by calling the number it reached.
      const bool to_phone = domain::IsPhoneChannel(a.channel);
      phone = to_phone ? a.contact_point : CallbackPhone(i);
      key = Key(a.channel == domain::Channel::kSms        ? kAfterText
                : a.channel == domain::Channel::kWhatsApp ? kAfterWhatsApp
                                                          : kAfterEmail,
                n);
      break;
    }
    case domain::Channel::kLetter: {
      // Letters are numbered by the day of the run they are sent on (one a day at most).
      const auto n = static_cast<uint32_t>(std::max(0, DayIndex(a.start)));
      after = model_->LetterResponse(id, n);
      phone = CallbackPhone(i);
      key = Key(kAfterLetter, n);
      break;
    }
  }
  if (!after.has_value() || phone < 0) return;
  kernel_->CallAt(a.end + *after, [this, i, phone, key] { OnInboundCall(i, phone, key); });
}

int OperationImpl::InboundAgentsOnShift() const {
  const Timestamp now = kernel_->Now();
  int agents = 0;
  for (const AgentGroupSpec& g : world_.staffing.agents) {
    if (g.count > 0 && (g.outbound || g.escalations) && InShift(g, now)) agents += g.count;
  }
  return agents;
}

void OperationImpl::OnInboundCall(uint32_t i, int contact_point, uint64_t key) {
  AccountState& st = state_[i];
  const domain::Account& account = portfolio_.accounts[i];
  // Nothing to call about any more (paid, settled, closed, on a plan in good standing), already
  // calling us, or on a contact or a hand-off with us at this moment: no call.
  if (!IsOpen(st.status) || account.arrangement.active || st.inbound) return;
  if (st.queued && !st.waiting) return;
  const Timestamp now = kernel_->Now();
  QueuedContact c;
  c.account = i;
  c.epoch = st.plan_epoch;
  c.request = workflow::InboundCallRequest(contact_point, domain::VoiceMode::kHuman);
  c.queued = now;
  // The holds are known when the phone rings: a cease, a bankruptcy... and nobody takes the call
  // about the debt. (RunContact checks again when it is answered.)
  const domain::Debtor& debtor = DebtorOf(i);
  const compliance::Verdict v = engine_.Check(c.request, account, debtor, histories_[i], now);
  if (!v.allowed()) {
    InboundBlocked(i, c.request, v);
    return;
  }
  const strategy::Strategy* strategy = planner_->StrategyById(st.strategy);
  const bool ai = world_.staffing.ai_lines > 0 && strategy != nullptr &&
                  workflow::AiMayAnswerInbound(strategy->ai, account, debtor, now);
  const bool agents = InboundAgentsOnShift() > 0;
  if (!ai && !agents) {
    MissedInbound(i, c.request, now);  // voicemail: nobody who may answer it is on duty
    return;
  }
  // Our own contact waiting for a line, an agent or a send is withdrawn: the debtor is calling us
  // (the account is planned again when the call ends).
  if (st.waiting) WithdrawWaiting(i);
  st.inbound = true;
  if (ai && ai_free_ > 0) {
    --ai_free_;
    c.request.voice = domain::VoiceMode::kAiVoice;
    StartContact(c, recording::Agent::kAi);
    return;
  }
  if (agents && human_busy_ < human_on_shift_) {
    ++human_busy_;
    StartContact(c, recording::Agent::kHuman);
    return;
  }
  inbound_queue_.push_back(InboundWait{c, ai});
  RandomStream s = streams_.Family("debtor.patience").For(account.id);
  s.Seek(kPatienceBase + key * 4);
  const Duration patience =
      Duration::FromSecondsDouble(Exponential(s, 1.0 / world_.staffing.patience_mean_s));
  kernel_->CallAt(now + patience, [this, i, now] { OnInboundPatience(i, now); });
}

void OperationImpl::WithdrawWaiting(uint32_t i) {
  // Its entries in the line, agent and send queues are skipped when they come up (Withdrawn):
  // O(1) here, where removing them meant scanning queues that hold up to one entry per account.
  ++state_[i].queue_generation;
  WithdrawCallback(i);  // a call back we owe, on the list or deferred: the debtor is calling us
  state_[i].queued = false;
  state_[i].waiting = false;
}

bool OperationImpl::PopInbound(bool ai_line, QueuedContact* out) {
  for (auto it = inbound_queue_.begin(); it != inbound_queue_.end(); ++it) {
    if (ai_line && !it->ai) continue;
    *out = it->call;
    out->request.voice = ai_line ? domain::VoiceMode::kAiVoice : domain::VoiceMode::kHuman;
    inbound_queue_.erase(it);
    return true;
  }
  return false;
}

void OperationImpl::OnInboundPatience(uint32_t i, Timestamp rang) {
  for (auto it = inbound_queue_.begin(); it != inbound_queue_.end(); ++it) {
    if (it->call.account != i || it->call.queued != rang) continue;
    const compliance::ContactRequest request = it->call.request;
    inbound_queue_.erase(it);
    MissedInbound(i, request, rang);
    EndInbound(i);
    return;
  }
  // Answered before the debtor gave up.
}

recording::ContactRow OperationImpl::RecordInbound(uint32_t i,
                                                  const compliance::ContactRequest& request,
                                                  Timestamp rang) {
  domain::ContactEvent e;
  e.time = rang;
  e.channel = domain::Channel::kCall;
  e.outcome = domain::Outcome::kInboundFromConsumer;
  e.contact_point = static_cast<int8_t>(request.contact_point);
  e.initiated_by_consumer = true;
  e.debts.Add(portfolio_.accounts[i].id);
  histories_[i].Record(e);  // the caller's number is on record even though nobody answered
  recording::ContactRow row;
  row.account = portfolio_.accounts[i].id;
  row.person = portfolio_.debtors.IdOf(i);
  row.arm = state_[i].arm;
  row.channel = domain::Channel::kCall;
  row.voice = request.voice;
  row.contact_point = static_cast<int8_t>(request.contact_point);
  row.start = rang;
  row.local_offset_s = DebtorZone(i).lookup(ToTimePoint(rang)).offset;
  row.outcome = domain::Outcome::kInboundFromConsumer;
  row.inbound = true;
  return row;
}

void OperationImpl::MissedInbound(uint32_t i, const compliance::ContactRequest& request,
                                  Timestamp rang) {
  recording::ContactRow row = RecordInbound(i, request, rang);
  row.agent = recording::Agent::kNone;
  row.duration = kernel_->Now() - rang;  // on hold until the debtor hung up (0: voicemail)
  row.disposition = static_cast<uint8_t>(conversation::Disposition::kNoAnswer);
  row.verdict = recording::VerdictKind::kAllow;
  sink_->OnContact(row);
}

void OperationImpl::InboundBlocked(uint32_t i, const compliance::ContactRequest& request,
                                   const compliance::Verdict& verdict) {
  recording::ContactRow row = RecordInbound(i, request, kernel_->Now());
  row.disposition = recording::kDispositionBlocked;
  row.verdict = verdict.kind == compliance::Verdict::Kind::kDefer ? recording::VerdictKind::kDefer
                                                                  : recording::VerdictKind::kDeny;
  row.rule = verdict.rule;
  sink_->OnContact(row);
}

void OperationImpl::EndInbound(uint32_t i) {
  AccountState& st = state_[i];
  st.inbound = false;
  // Calls and messages that came due meanwhile were dropped: plan again.
  if (IsOpen(st.status) && !portfolio_.accounts[i].arrangement.active && !st.queued) Replan(i);
}

}  // namespace recoup::sim::world
