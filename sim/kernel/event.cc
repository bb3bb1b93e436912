#include "sim/kernel/event.h"

#include <utility>

#include "core/base/check.h"
#include "sim/kernel/kernel.h"

namespace recoup::sim {

EventBase::~EventBase() {
  if (!waiters_.empty()) kernel_->Shutdown();  // teardown: cancels the waiters first
}

int EventBase::WakeAll() {
  int woken = 0;
  while (WaitNode* n = waiters_.front()) {
    kernel_->Wake(n->process, WakeReason::kSignal, n->index);  // Detach unlinks n
    ++woken;
  }
  return woken;
}

bool OneShotEvent::Trigger() {
  if (latched_) return false;
  latched_ = true;
  WakeAll();
  return true;
}

EventAwaiter OneShotEvent::Wait() { return EventAwaiter(kernel(), {this}, Timestamp::InfiniteFuture()); }
OneShotEvent::TimedWait OneShotEvent::WaitFor(Duration timeout) {
  return TimedWait(kernel(), this, kernel().Now() + timeout);
}
EventAwaiter BroadcastEvent::Wait() {
  return EventAwaiter(kernel(), {this}, Timestamp::InfiniteFuture());
}
OneShotEvent::TimedWait BroadcastEvent::WaitFor(Duration timeout) {
  return OneShotEvent::TimedWait(kernel(), this, kernel().Now() + timeout);
}

EventAwaiter::EventAwaiter(Kernel& kernel, std::vector<EventBase*> events, Timestamp deadline)
    : kernel_(&kernel), events_(std::move(events)), deadline_(deadline) {}

EventAwaiter::~EventAwaiter() { Detach(); }

bool EventAwaiter::await_ready() {
  process_ = kernel_->CurrentProcessId();
  if (kernel_->BeginWait(process_)) return true;
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i]->latched()) {
      ready_index_ = static_cast<int>(i);
      return true;
    }
  }
  return deadline_ <= kernel_->Now();  // a zero timeout does not wait
}

void EventAwaiter::await_suspend(std::coroutine_handle<> h) {
  nodes_.resize(events_.size());
  for (std::size_t i = 0; i < events_.size(); ++i) {
    nodes_[i].process = process_;
    nodes_[i].index = static_cast<int>(i);
    events_[i]->waiters_.PushBack(&nodes_[i]);
  }
  kernel_->Block(process_, this, h, deadline_);
}

int EventAwaiter::await_resume() {
  kernel_->ThrowIfInterrupted(process_);
  if (ready_index_ != kTimedOut) return ready_index_;
  return kernel_->wake_reason(process_) == WakeReason::kSignal ? kernel_->wake_index(process_)
                                                                : kTimedOut;
}

void EventAwaiter::Detach() noexcept {
  for (WaitNode& n : nodes_) n.Unlink();
}

EventAwaiter AnyOf(Kernel& kernel, std::initializer_list<EventBase*> events, Duration timeout) {
  const Timestamp deadline =
      timeout >= Timestamp::InfiniteFuture() - kernel.Now() ? Timestamp::InfiniteFuture()
                                                             : kernel.Now() + timeout;
  return EventAwaiter(kernel, std::vector<EventBase*>(events), deadline);
}

Task<bool> AllOf(Kernel& kernel, std::vector<OneShotEvent*> events, Duration timeout) {
  const bool unlimited = timeout >= Timestamp::InfiniteFuture() - kernel.Now();
  const Timestamp deadline = unlimited ? Timestamp::InfiniteFuture() : kernel.Now() + timeout;
  for (OneShotEvent* e : events) {
    if (e->triggered()) continue;
    EventAwaiter wait(kernel, {e}, deadline);
    const int index = co_await wait;
    if (index == kTimedOut) co_return false;
  }
  co_return true;
}

}  // namespace recoup::sim
