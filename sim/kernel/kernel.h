// The discrete-event simulation kernel: simulated time, the pending-event set, and the processes.
//
// Kernel implements the Executor port (core/ports/executor.h), so the core's workflows run on it
// unchanged. Events run in (time, insertion order); time jumps from one event to the next. Everything
// is single-threaded and deterministic: the same spawns and draws give the same event sequence, which
// trace_hash() condenses for tests.
//
//   Kernel k(Timestamp::FromCivilUtc(2026, 1, 5));
//   k.Spawn(Customer(k, ...), "customer-1");
//   k.RunUntil(k.Now() + Duration::Days(1));
//
// Inside a process, time passes with co_await k.Sleep(d) / k.SleepUntil(t); see process.h for
// interrupts and cancellation, event.h, resource.h and store.h for the other waits.
#ifndef RECOUP_SIM_KERNEL_KERNEL_H_
#define RECOUP_SIM_KERNEL_KERNEL_H_

#include <concepts>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/base/check.h"
#include "core/base/time.h"
#include "core/ports/executor.h"
#include "core/runtime/task.h"
#include "sim/kernel/call_table.h"
#include "sim/kernel/event_queue.h"
#include "sim/kernel/event_set.h"
#include "sim/kernel/process.h"

namespace recoup::sim {

// Identifies a scheduled callback for Kernel::CancelCall.
struct CallId {
  uint32_t slot = 0;
  uint64_t seq = 0;
};

class Kernel final : public Executor {
 public:
  explicit Kernel(Timestamp start = Timestamp::UnixEpoch());
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;
  // Cancels every live process (Shutdown) before freeing anything.
  ~Kernel() override;

  // --- Executor port.
  Timestamp Now() const override { return now_; }
  // Inside a process this suspends that process (not interruptible: the core's awaitables do not
  // expect Interrupted); `handle` must be the frame that is suspending. Elsewhere it schedules a plain
  // resumption. A `when` in the past means now.
  void ResumeAt(Timestamp when, std::coroutine_handle<> handle) override;

  // --- Processes.
  // Adopts `task` as a process that starts at Now(), after the events already due at Now().
  ProcessRef Spawn(Task<void> task, std::string name = {});
  // See process.h. Returns false if the process had already ended.
  bool Interrupt(const ProcessRef& process, std::string cause);
  // Destroys the process's frames without resuming it. Returns false if it had already ended.
  // A process cannot cancel itself (checked).
  bool Cancel(const ProcessRef& process);
  // Cancels every live process, in spawn-slot order. Not from inside a process (checked).
  void Shutdown();
  // co_await: waits for `process` to end; returns kFinished or kCancelled, rethrows a failure.
  class JoinAwaiter;
  JoinAwaiter Join(ProcessRef process);
  // The process being run, or nullptr outside processes.
  ProcessState* current() const { return current_ != 0 ? slots_[current_].process : nullptr; }
  std::size_t live_processes() const { return live_; }

  // --- Plain callbacks (not processes): run `fn` at `when` (past means now). Cancellable.
  // `fn` is any callable taking no arguments (its result is ignored), moved or copied into the
  // kernel; captures of up to kBigCallBytes need no allocation. It is destroyed after it runs, when
  // cancelled, or with the kernel if it never ran.
  template <typename F>
    requires std::invocable<std::decay_t<F>&> && std::constructible_from<std::decay_t<F>, F>
  CallId CallAt(Timestamp when, F&& fn);
  // Returns false if the call already ran or was cancelled.
  bool CancelCall(CallId id);

  // --- Time passing inside a process (interruptible).
  class SleepAwaiter;
  SleepAwaiter SleepUntil(Timestamp when);
  SleepAwaiter Sleep(Duration d);

  // --- Running. Not re-entrant (checked).
  // Runs one event; false when none is pending.
  bool Step();
  // Runs until no event is pending or Stop() is called.
  void Run();
  // Runs the events due at or before `until`, then sets Now() to `until` (if later).
  void RunUntil(Timestamp until);
  // Runs at most `max_events` events (for progress reporting and benchmarks); returns how many ran.
  uint64_t RunEvents(uint64_t max_events);
  // Makes Run / RunUntil return after the current event.
  void Stop() { stop_requested_ = true; }

  // --- Introspection.
  uint64_t events_processed() const { return events_processed_; }
  // A hash of every event run so far (time, sequence, target): equal for identical runs.
  uint64_t trace_hash() const { return trace_hash_; }
  // Entries in the pending-event set, including lazily cancelled ones.
  std::size_t pending_entries() const { return heap_.size(); }

  // --- For awaitables (resource.h, store.h, event.h); not for models. Processes are named by id so
  // that the event loop touches only the slot table and the coroutine frames.
  // The running process; checks that there is one.
  ProcessId CurrentProcessId() const {
    RECOUP_CHECK_MSG(current_ != 0,
                     "a kernel awaitable was awaited outside a process spawned on this kernel");
    return current_;
  }
  // Call from await_ready: true if an interrupt is pending (the wait must not block; await_resume
  // then throws). Clears the previous wake reason.
  bool BeginWait(ProcessId id) {
    ProcessSlot& s = slots_[id];
    if (s.interrupt_pending) {
      s.wake_reason = WakeReason::kInterrupted;
      return true;
    }
    s.wake_reason = WakeReason::kNone;
    return false;
  }
  // Call from await_resume: throws Interrupted if the wait ended by an interrupt.
  void ThrowIfInterrupted(ProcessId id) {
    if (slots_[id].wake_reason == WakeReason::kInterrupted) [[unlikely]] ThrowInterrupted(id);
  }
  WakeReason wake_reason(ProcessId id) const { return slots_[id].wake_reason; }
  int wake_index(ProcessId id) const { return slots_[id].wake_index; }
  // Suspends process `id` (whose innermost frame is `h`) in `waiter` until Wake or `deadline`.
  void Block(ProcessId id, Waiter* waiter, std::coroutine_handle<> h, Timestamp deadline) {
    ProcessSlot& s = slots_[id];
    s.resume = h.address();
    s.waiter = waiter;
    if (deadline == Timestamp::InfiniteFuture()) {
      s.wait_seq = 0;
    } else {
      PushProcessWake(id, deadline);
    }
  }
  // Ends process `id`'s current blocking wait (Detach), recording why; it resumes at Now().
  void Wake(ProcessId id, WakeReason reason, int index);

 private:
  enum Tag : uint64_t { kProcessTag = 0, kHandleTag = 1, kCallTag = 2, kTagMask = 3 };
  // Callbacks live in one of two tables by size (call_table.h): the small ones, most of them
  // (`this` and an id), take 32 bytes a slot, the others (`this`, ids and a compliance request)
  // 48 without allocating. A call's payload is slot << 3 | big << 2 | kCallTag; its CallId's slot
  // is slot << 1 | big.
  static constexpr std::size_t kSmallCallBytes = 16;
  static constexpr std::size_t kBigCallBytes = 32;
  using SmallCalls = CallTable<kSmallCallBytes>;
  using BigCalls = CallTable<kBigCallBytes>;
  static constexpr uint64_t kBigCallBit = 4;
  // Whether the call event (payload, seq) is current, not cancelled.
  bool CallPending(uint64_t payload, uint64_t seq) const {
    const auto slot = static_cast<uint32_t>(payload >> 3);
    return (payload & kBigCallBit) != 0 ? big_calls_.Holds(slot, seq) : calls_.Holds(slot, seq);
  }
  template <typename Table, typename F>
  CallId ScheduleCall(Table& table, uint64_t big, Timestamp when, F&& fn);
  template <typename Table>
  static void RunCall(Table& table, uint32_t slot) {
    // Freed before it runs, so that a call it schedules may take the same slot.
    typename Table::Function fn = std::move(table[slot].fn);
    table.Release(slot);
    fn();
  }
  template <typename Table>
  static bool CancelIn(Table& table, uint32_t slot, uint64_t seq) {
    if (seq == 0 || !table.Holds(slot, seq)) return false;
    table[slot].fn.Reset();
    table.Release(slot);  // its pending entry is now stale
    return true;
  }
  // Everything a wait reads or writes, one cache line per process.
  struct alignas(64) ProcessSlot {
    uint64_t wait_seq = 0;   // seq of the one valid pending entry for this process, 0 if none
    void* resume = nullptr;  // the innermost suspended frame
    Waiter* waiter = nullptr;  // set while blocked in an interruptible wait
    ProcessState* process = nullptr;
    int32_t wake_index = -1;
    WakeReason wake_reason = WakeReason::kNone;
    bool interrupt_pending = false;
  };
  class SleepWaiter final : public Waiter {
   public:
    void Detach() noexcept override {}
  };

  void Push(const PendingEvent& e) { heap_.push(e); }
  void PushProcessWake(ProcessId id, Timestamp when) {
    ProcessSlot& s = slots_[id];
    const uint64_t seq = ++seq_;
    s.wait_seq = seq;
    Push({when < now_ ? now_.unix_nanos() : when.unix_nanos(), seq, static_cast<uint64_t>(id) << 2});
  }
  [[noreturn]] void ThrowInterrupted(ProcessId id);
  // Prefetch distances, in events, chosen by measurement (BM_HoldModel at 1e5 and 1e6).
  static constexpr std::size_t kFrameAhead = 2;
  static constexpr std::size_t kSlotAhead = 4;
  // Always inlined: GCC deems an out-of-line function that only prefetches free of side effects
  // and deletes its calls.
  [[gnu::always_inline]] inline void PrefetchFrame(const PendingEvent* e) const;
  [[gnu::always_inline]] inline void PrefetchNext() const;
  bool StepInternal(Timestamp limit);
  // Runs events due by `until`, at most `max_events`, until Stop(); with advance_clock, then sets
  // Now() to `until` unless stopped. Returns how many ran; rethrows an unobserved failure.
  uint64_t RunLoop(Timestamp until, uint64_t max_events, bool advance_clock);
  void RethrowUnhandled();
  static void OnRootDone(void* context) noexcept;
  void Finish(ProcessState& p, ProcessOutcome outcome);
  static void Unref(ProcessState* p);
  friend class ProcessRef;

  Timestamp now_;
  EventSet heap_;  // pending events (event_set.h)
  uint64_t seq_ = 0;
  bool running_ = false;
  bool stop_requested_ = false;
  ProcessId current_ = 0;
  std::vector<ProcessSlot> slots_;
  std::vector<uint32_t> free_slots_;
  std::size_t live_ = 0;
  SmallCalls calls_;
  BigCalls big_calls_;
  SleepWaiter sleep_waiter_;
  uint64_t events_processed_ = 0;
  uint64_t trace_hash_ = 0x6a09e667f3bcc909ULL;
  std::exception_ptr unhandled_;
};

class [[nodiscard]] Kernel::SleepAwaiter {
 public:
  SleepAwaiter(Kernel& k, Timestamp when) : kernel_(&k), when_(when) {}
  bool await_ready() {
    process_ = kernel_->CurrentProcessId();
    return kernel_->BeginWait(process_);
  }
  void await_suspend(std::coroutine_handle<> h) {
    kernel_->Block(process_, &kernel_->sleep_waiter_, h, when_);
  }
  void await_resume() { kernel_->ThrowIfInterrupted(process_); }

 private:
  Kernel* kernel_;
  ProcessId process_ = 0;
  Timestamp when_;
};

template <typename F>
  requires std::invocable<std::decay_t<F>&> && std::constructible_from<std::decay_t<F>, F>
CallId Kernel::CallAt(Timestamp when, F&& fn) {
  if constexpr (SmallCalls::Function::kStoredInline<std::decay_t<F>>) {
    return ScheduleCall(calls_, 0, when, std::forward<F>(fn));
  } else {
    return ScheduleCall(big_calls_, kBigCallBit, when, std::forward<F>(fn));
  }
}

template <typename Table, typename F>
CallId Kernel::ScheduleCall(Table& table, uint64_t big, Timestamp when, F&& fn) {
  const uint32_t slot = table.Acquire();
  typename Table::Slot& s = table[slot];
  try {
    s.fn.Emplace(std::forward<F>(fn));
  } catch (...) {
    table.Release(slot);
    throw;
  }
  const uint64_t seq = ++seq_;
  s.seq = seq;
  Push({when < now_ ? now_.unix_nanos() : when.unix_nanos(), seq,
        static_cast<uint64_t>(slot) << 3 | big | kCallTag});
  return CallId{slot << 1 | static_cast<uint32_t>(big != 0), seq};
}

inline Kernel::SleepAwaiter Kernel::SleepUntil(Timestamp when) { return SleepAwaiter(*this, when); }
inline Kernel::SleepAwaiter Kernel::Sleep(Duration d) { return SleepAwaiter(*this, now_ + d); }

class [[nodiscard]] Kernel::JoinAwaiter {
 public:
  JoinAwaiter(Kernel& k, ProcessRef p)
      : target_(std::move(p)), inner_(k, {&target_.done_event()}, Timestamp::InfiniteFuture()) {}
  bool await_ready() { return inner_.await_ready(); }
  void await_suspend(std::coroutine_handle<> h) { inner_.await_suspend(h); }
  ProcessOutcome await_resume() {
    (void)inner_.await_resume();
    if (target_.outcome() == ProcessOutcome::kFailed) std::rethrow_exception(target_.exception());
    return target_.outcome();
  }

 private:
  ProcessRef target_;
  EventAwaiter inner_;
};

inline Kernel::JoinAwaiter Kernel::Join(ProcessRef process) {
  return JoinAwaiter(*this, std::move(process));
}

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_KERNEL_H_
