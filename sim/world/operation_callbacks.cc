// Operation: the callback list (OperationImpl, operation_impl.h; docs/world.md, "Callbacks").
//
// With staffing.callbacks, a hand-off from the AI that no human can take live is not lost: the AI
// tells the debtor an agent will call back, and the account goes on a list of calls owed. That is
// the case when nobody with the escalations skill is on shift at the moment of the hand-off
// (ApplyOutcome), and when the debtor hung up on hold before an agent was free (DispatchHuman
// finds the hand-off abandoned). While an agent with the escalations skill is on shift, free agents
// (one pool, as for inbound calls) work the list after the debtors waiting on the line (live
// hand-offs, then inbound calls on hold) and before the outbound call queue. A debtor with no phone
// a human may call cannot be called back: the hand-off is lost (HandOffLost).
//
// A call back is an ordinary outbound human call to the first phone a human may call
// (strategy::CheckChannel, as a planned escalation): it runs through workflow::RunContact, so
// compliance judges it like any queued call when an agent takes it and again when it is placed.
// Every hand-off comes after the identity check, so the AI's call was a conversation about the
// debt, which starts Reg F's 7-day wait (RF-CALL-POSTCONV). A hand-off that goes on the list at
// once was offered the call back by the AI ("a colleague will call you back", and the debtor
// agrees, as they are in the middle of asking for a human): that is prior consent given directly to
// us, which lifts both frequency prongs for the call back (1006.14(b)(3)(i)). It is recorded as a
// CallConsent for 7 days from the hand-off (the engine clamps it to the 7 local days counting the
// hand-off's day) and reported as a kFlagCallConsent FlagRow for the independent audit. It is for
// the call back only: it ends when the callback ends (kFlagCallConsentEnded), so the account's
// later plan gets no exemption from it; a conversation about the debt ends it too (the call back
// itself, or a call from the debtor). No behaviour draw: the debtor asked for a person, and a
// refusal of the call back is not modelled. A debtor who hung up on hold (abandoned) never heard
// an offer: no consent, and the call back waits for the 7 days.
// A deferral (the calling window; the 7-day wait for a callback without consent) takes it off the
// list until the verdict's time, the account staying reserved for it; a denial (a hold) ends it
// as a blocked contact. While owed, the account is `queued` and `waiting`: it is not planned
// again, and a call from the debtor withdraws the callback as it withdraws any waiting contact.
// A callback whose account was paid, settled or closed meanwhile is dropped (the plan epoch moved
// on); one not made within staffing.callback_expiry_days of the hand-off expires and the account
// is planned again. Each callback's EscalationRow is reported when it ends (callback_fate), the
// ones still owed at the end of the run as pending.
#include "core/base/check.h"
#include "core/strategy/next_action.h"
#include "sim/world/operation_impl.h"

namespace recoup::sim::world {

using recording::CallbackFate;

bool OperationImpl::ListCallback(const Escalation& e, Duration live_wait, bool abandoned) {
  const uint32_t i = e.account;
  AccountState& st = state_[i];
  if (!IsOpen(st.status)) return false;
  const Timestamp now = kernel_->Now();
  int point = -1;
  if (strategy::CheckChannel(domain::Channel::kCall, domain::VoiceMode::kHuman,
                             DebtorOf(i), now, &point) != strategy::ChannelSkip::kUsed) {
    return false;  // no phone a human may call: nobody can call back
  }
  OwedCallback b;
  b.call.account = i;
  b.call.epoch = st.plan_epoch;
  b.call.request.channel = domain::Channel::kCall;
  b.call.request.voice = domain::VoiceMode::kHuman;
  b.call.request.contact_point = point;
  b.call.callback = true;
  b.call.queued = now;
  b.handed_off = e.queued;
  b.live_wait = live_wait;
  b.reason = e.reason;
  b.abandoned = abandoned;
  b.consent = !abandoned;
  if (b.consent) RecordConsent(i, now);
  st.queued = true;
  st.waiting = true;
  callback_queue_.push_back(b);
  return true;
}

void OperationImpl::RecordConsent(uint32_t i, Timestamp now) {
  domain::CallConsent k;
  k.debt = portfolio_.accounts[i].id;
  k.start = now;
  // 7 days counting the consent's day; the engine (and the audit) cut it at the local midnight.
  k.end = now + Duration::Days(7) - Duration::Nanoseconds(1);
  histories_[i].call_consents.push_back(k);
  recording::FlagRow row;
  row.account = k.debt;
  row.person = portfolio_.debtors.IdOf(i);
  row.time = k.start;
  row.until = k.end;
  row.flag = recording::kFlagCallConsent;
  sink_->OnFlag(row);
}

void OperationImpl::EndConsent(uint32_t i, Timestamp handed_off, Timestamp at) {
  bool ended = false;
  for (domain::CallConsent& k : histories_[i].call_consents) {
    if (k.debt == portfolio_.accounts[i].id && k.start == handed_off && at < k.end) {
      k.end = at;
      ended = true;
    }
  }
  if (!ended) return;
  recording::FlagRow row;
  row.account = portfolio_.accounts[i].id;
  row.person = portfolio_.debtors.IdOf(i);
  row.time = at;
  row.flag = recording::kFlagCallConsentEnded;
  sink_->OnFlag(row);
}

void OperationImpl::HandOffLost(const Escalation& e) {
  recording::EscalationRow row;
  row.account = portfolio_.accounts[e.account].id;
  row.arm = state_[e.account].arm;
  row.queued = e.queued;
  row.abandoned = true;
  row.reason = e.reason;
  sink_->OnEscalation(row);
  state_[e.account].queued = false;
  Replan(e.account);
}

bool OperationImpl::CallbackExpired(const OwedCallback& b, Timestamp t) const {
  const int days = world_.staffing.callback_expiry_days;
  return days > 0 && t - b.handed_off > Duration::Days(days);
}

bool OperationImpl::PopCallback(QueuedContact* out) {
  const Timestamp now = kernel_->Now();
  while (!callback_queue_.empty()) {
    const OwedCallback b = callback_queue_.front();
    callback_queue_.pop_front();
    const uint32_t i = b.call.account;
    AccountState& st = state_[i];
    st.queued = false;
    st.waiting = false;
    if (st.plan_epoch != b.call.epoch || !IsOpen(st.status)) {  // paid, settled or closed
      EndCallback(b, CallbackFate::kDropped, now);
      continue;
    }
    if (CallbackExpired(b, now)) {
      EndCallback(b, CallbackFate::kExpired, now);
      Replan(i);
      continue;
    }
    const compliance::Verdict v = engine_.Check(b.call.request, portfolio_.accounts[i],
                                                DebtorOf(i), histories_[i], now);
    if (v.allowed()) {
      st.queued = true;
      calling_back_[i] = b;
      *out = b.call;
      return true;
    }
    if (v.kind == compliance::Verdict::Kind::kDefer) {
      DeferCallback(b, v.until);
    } else {
      Blocked(i, b.call.request, v, /*callback=*/true);
      EndCallback(b, CallbackFate::kBlocked, now);
    }
  }
  return false;
}

void OperationImpl::CallBackPlaced(uint32_t i, Timestamp start) {
  auto node = calling_back_.extract(i);
  RECOUP_CHECK(!node.empty());
  EndCallback(node.mapped(), CallbackFate::kCalled, start);
}

void OperationImpl::CallBackNotPlaced(const QueuedContact& c, const compliance::Verdict& verdict) {
  // RunContact checked compliance again at the dial (after the account lookup): a hold that began
  // meanwhile, the window closing, or a failed lookup.
  auto node = calling_back_.extract(c.account);
  RECOUP_CHECK(!node.empty());
  if (verdict.kind == compliance::Verdict::Kind::kDefer) {
    DeferCallback(node.mapped(), verdict.until);  // still owed
    return;
  }
  Blocked(c.account, c.request, verdict, /*callback=*/true);
  EndCallback(node.mapped(), CallbackFate::kBlocked, kernel_->Now());
}

void OperationImpl::DeferCallback(const OwedCallback& b, Timestamp until) {
  const uint32_t i = b.call.account;
  if (CallbackExpired(b, until)) {
    // Allowed only once it is stale (Reg F's 7-day wait, then a weekend...): the account does not
    // wait for a call that will not come.
    EndCallback(b, CallbackFate::kExpired, kernel_->Now());
    Replan(i);
    return;
  }
  AccountState& st = state_[i];
  st.queued = true;
  st.waiting = true;
  deferred_callbacks_[i] = b;
  const Timestamp handed_off = b.handed_off;
  kernel_->CallAt(until, [this, i, handed_off] { OnCallbackDue(i, handed_off); });
}

void OperationImpl::OnCallbackDue(uint32_t i, Timestamp handed_off) {
  const auto it = deferred_callbacks_.find(i);
  // Withdrawn meanwhile (the debtor called us), perhaps followed by another hand-off's callback.
  if (it == deferred_callbacks_.end() || it->second.handed_off != handed_off) return;
  callback_queue_.push_back(it->second);  // the account is still reserved (queued, waiting)
  deferred_callbacks_.erase(it);
  Dispatch();
}

void OperationImpl::EndCallback(const OwedCallback& b, CallbackFate fate, Timestamp at) {
  recording::EscalationRow row;
  row.account = portfolio_.accounts[b.call.account].id;
  row.arm = state_[b.call.account].arm;
  row.queued = b.handed_off;
  row.wait = b.live_wait;
  row.abandoned = b.abandoned;
  row.reason = b.reason;
  row.callback = true;
  row.callback_fate = fate;
  row.callback_wait = at - b.handed_off;
  sink_->OnEscalation(row);
  if (b.consent && fate != CallbackFate::kPending) EndConsent(b.call.account, b.handed_off, at);
}

void OperationImpl::WithdrawCallback(uint32_t i) {
  const Timestamp now = kernel_->Now();
  for (auto it = callback_queue_.begin(); it != callback_queue_.end();) {
    if (it->call.account == i) {
      EndCallback(*it, CallbackFate::kWithdrawn, now);
      it = callback_queue_.erase(it);
    } else {
      ++it;
    }
  }
  if (const auto it = deferred_callbacks_.find(i); it != deferred_callbacks_.end()) {
    EndCallback(it->second, CallbackFate::kWithdrawn, now);
    deferred_callbacks_.erase(it);
  }
}

void OperationImpl::EndOpenCallbacks() {
  const Timestamp end = kernel_->Now();
  const auto owed = [this, end](const OwedCallback& b) {
    const AccountState& st = state_[b.call.account];
    const bool stale = st.plan_epoch != b.call.epoch || !IsOpen(st.status);
    EndCallback(b, stale ? CallbackFate::kDropped : CallbackFate::kPending, end);
  };
  for (const OwedCallback& b : callback_queue_) owed(b);
  for (const auto& [i, b] : deferred_callbacks_) owed(b);
  // Calls back cut off by the horizon, as every contact still running is: still owed.
  for (const auto& [i, b] : calling_back_) EndCallback(b, CallbackFate::kPending, end);
  callback_queue_.clear();
  deferred_callbacks_.clear();
  calling_back_.clear();
}

}  // namespace recoup::sim::world
