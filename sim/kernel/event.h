// Events that processes wait for: one-shot (latched) and broadcast, and waits on several at once.
//
//   OneShotEvent done(kernel);      ... co_await done.Wait();       // elsewhere: done.Trigger();
//   bool ok = co_await done.WaitFor(Duration::Seconds(5));           // false: timed out
//   int i = co_await AnyOf(kernel, {&a, &b}, Duration::Minutes(1));  // index, or kTimedOut
//   bool all = co_await AllOf(kernel, {&a, &b}, Duration::Minutes(1));
// Waking is never immediate: a triggered waiter is scheduled at the current time, after events already
// due, so a trigger never runs another process inside the caller. Waits are interruptible.
// Destroying an event while processes wait on it shuts the kernel's processes down (Kernel::Shutdown):
// it only happens when a simulation is torn down.
#ifndef RECOUP_SIM_KERNEL_EVENT_H_
#define RECOUP_SIM_KERNEL_EVENT_H_

#include <coroutine>
#include <initializer_list>
#include <vector>

#include "core/base/time.h"
#include "core/runtime/task.h"
#include "sim/kernel/wait_list.h"

namespace recoup::sim {

class Kernel;

// Returned by AnyOf when the timeout elapsed first.
inline constexpr int kTimedOut = -1;

class EventBase {
 public:
  EventBase(const EventBase&) = delete;
  EventBase& operator=(const EventBase&) = delete;

  Kernel& kernel() const { return *kernel_; }
  // True once a one-shot event fired; always false for broadcast events.
  bool latched() const { return latched_; }
  bool has_waiters() const { return !waiters_.empty(); }

 protected:
  explicit EventBase(Kernel& kernel) : kernel_(&kernel) {}
  ~EventBase();
  // Wakes every current waiter; returns how many.
  int WakeAll();

  bool latched_ = false;

 private:
  friend class EventAwaiter;
  Kernel* kernel_;
  WaitList waiters_;
};

// co_await-able wait on one or more events, with an optional deadline. Resumes with the index of the
// event that fired (or was already latched), or kTimedOut; throws Interrupted.
class [[nodiscard]] EventAwaiter final : public Waiter {
 public:
  EventAwaiter(Kernel& kernel, std::vector<EventBase*> events, Timestamp deadline);
  EventAwaiter(EventAwaiter&&) = delete;
  ~EventAwaiter();

  bool await_ready();
  void await_suspend(std::coroutine_handle<> h);
  int await_resume();
  void Detach() noexcept override;

 private:
  Kernel* kernel_;
  std::vector<EventBase*> events_;
  std::vector<WaitNode> nodes_;
  Timestamp deadline_;
  ProcessId process_ = 0;
  int ready_index_ = kTimedOut;
};

// Fires once and stays fired: later waits complete at once.
class OneShotEvent final : public EventBase {
 public:
  explicit OneShotEvent(Kernel& kernel) : EventBase(kernel) {}
  // Fires the event and wakes all waiters. Returns false (and does nothing) if it had fired already.
  bool Trigger();
  bool triggered() const { return latched_; }
  // co_await: returns when fired (index 0).
  EventAwaiter Wait();
  // co_await: true if fired within `timeout`, false if the timeout elapsed first.
  class TimedWait;
  TimedWait WaitFor(Duration timeout);
};

// Wakes whoever waits at the moment it is notified; keeps no state between notifications.
class BroadcastEvent final : public EventBase {
 public:
  explicit BroadcastEvent(Kernel& kernel) : EventBase(kernel) {}
  // Wakes all current waiters; returns how many.
  int NotifyAll() { return WakeAll(); }
  EventAwaiter Wait();
  OneShotEvent::TimedWait WaitFor(Duration timeout);
};

class [[nodiscard]] OneShotEvent::TimedWait {
 public:
  TimedWait(Kernel& kernel, EventBase* event, Timestamp deadline)
      : inner_(kernel, {event}, deadline) {}
  bool await_ready() { return inner_.await_ready(); }
  void await_suspend(std::coroutine_handle<> h) { inner_.await_suspend(h); }
  bool await_resume() { return inner_.await_resume() != kTimedOut; }

 private:
  EventAwaiter inner_;
};

// Waits for the first of `events` (one-shot or broadcast); Duration::Max() waits without limit.
EventAwaiter AnyOf(Kernel& kernel, std::initializer_list<EventBase*> events,
                   Duration timeout = Duration::Max());
// Waits until every one-shot event in `events` has fired: true, or false if `timeout` elapsed first.
Task<bool> AllOf(Kernel& kernel, std::vector<OneShotEvent*> events,
                 Duration timeout = Duration::Max());

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_EVENT_H_
