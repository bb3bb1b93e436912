#include "sim/kernel/kernel.h"

#include <utility>

#include "core/base/check.h"

namespace recoup::sim {
namespace {

uint64_t Mix(uint64_t h, uint64_t x) {
  h ^= x;
  h *= 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}

}  // namespace

void ProcessRef::Release() {
  if (p_ != nullptr) {
    Kernel::Unref(p_);
    p_ = nullptr;
  }
}

Kernel::Kernel(Timestamp start) : now_(start) {
  slots_.emplace_back();  // slot 0 is never used, so a zero payload is never a live process
}

Kernel::~Kernel() {
  if (current_ == nullptr && !running_) Shutdown();
}

void Kernel::Unref(ProcessState* p) {
  RECOUP_DCHECK(p->refs_ > 0);
  if (--p->refs_ == 0) delete p;
}

ProcessState& Kernel::CurrentProcess() const {
  RECOUP_CHECK_MSG(current_ != nullptr,
                   "a kernel awaitable was awaited outside a process spawned on this kernel");
  return *current_;
}

void Kernel::ThrowIfInterrupted(ProcessState& p) {
  if (p.wake_reason_ == WakeReason::kInterrupted) {
    p.interrupt_pending_ = false;
    p.wake_reason_ = WakeReason::kNone;
    throw Interrupted(std::exchange(p.interrupt_cause_, std::string()));
  }
}

void Kernel::Block(ProcessState& p, Waiter* waiter, std::coroutine_handle<> h, Timestamp deadline) {
  RECOUP_DCHECK(&p == current_);
  p.resume_point_ = h;
  p.waiter_ = waiter;
  if (deadline == Timestamp::InfiniteFuture()) {
    slots_[p.slot_].wait_seq = 0;
  } else {
    PushProcessWake(p, deadline);
  }
}

void Kernel::Wake(ProcessState& p, WakeReason reason, int index) {
  RECOUP_CHECK_MSG(p.waiter_ != nullptr, "Wake of a process that is not blocked");
  Waiter* w = std::exchange(p.waiter_, nullptr);
  w->Detach();
  p.wake_reason_ = reason;
  p.wake_index_ = index;
  PushProcessWake(p, now_);
}

void Kernel::ResumeAt(Timestamp when, std::coroutine_handle<> handle) {
  if (current_ != nullptr) {
    ProcessState& p = *current_;
    p.resume_point_ = handle;
    p.waiter_ = nullptr;  // not interruptible
    p.wake_reason_ = WakeReason::kTimeout;
    PushProcessWake(p, when);
    return;
  }
  const int64_t t = when < now_ ? now_.unix_nanos() : when.unix_nanos();
  const auto addr = reinterpret_cast<uint64_t>(handle.address());
  RECOUP_CHECK((addr & kTagMask) == 0);
  Push(t, addr | kHandleTag, ++seq_);
}

ProcessRef Kernel::Spawn(Task<void> task, std::string name) {
  RECOUP_CHECK_MSG(task.valid() && !task.done(), "Spawn needs a Task that has not run");
  auto* p = new ProcessState(this, std::move(task), std::move(name));
  p->refs_ = 1;  // the kernel's, dropped when the process ends
  if (free_slots_.empty()) {
    p->slot_ = static_cast<uint32_t>(slots_.size());
    slots_.push_back(ProcessSlot{0, p});
  } else {
    p->slot_ = free_slots_.back();
    free_slots_.pop_back();
    slots_[p->slot_].process = p;
  }
  ++live_;
  p->task_.handle().promise().set_on_done(&Kernel::OnRootDone, p);
  p->resume_point_ = p->task_.handle();
  p->wake_reason_ = WakeReason::kNone;
  PushProcessWake(*p, now_);
  return ProcessRef(p);
}

void Kernel::OnRootDone(void* context) noexcept {
  auto* p = static_cast<ProcessState*>(context);
  Kernel& k = *p->kernel_;
  p->exception_ = p->task_.handle().promise().exception();
  p->task_.Reset();  // the frame is suspended at its final point: safe to destroy
  k.Finish(*p, p->exception_ ? ProcessOutcome::kFailed : ProcessOutcome::kFinished);
}

void Kernel::Finish(ProcessState& p, ProcessOutcome outcome) {
  p.outcome_ = outcome;
  const bool observed = p.done_.has_waiters() || p.refs_ > 1;
  p.done_.Trigger();
  if (outcome == ProcessOutcome::kFailed && !observed && !unhandled_) unhandled_ = p.exception_;
  slots_[p.slot_] = ProcessSlot{};
  free_slots_.push_back(p.slot_);
  --live_;
  Unref(&p);
}

bool Kernel::Interrupt(const ProcessRef& process, std::string cause) {
  ProcessState& p = *process.get();
  if (p.outcome_ != ProcessOutcome::kRunning) return false;
  p.interrupt_pending_ = true;
  p.interrupt_cause_ = std::move(cause);
  if (p.waiter_ != nullptr) Wake(p, WakeReason::kInterrupted, -1);
  return true;
}

bool Kernel::Cancel(const ProcessRef& process) {
  ProcessState& p = *process.get();
  if (p.outcome_ != ProcessOutcome::kRunning) return false;
  RECOUP_CHECK_MSG(&p != current_, "a process cannot cancel itself; return instead");
  if (p.waiter_ != nullptr) std::exchange(p.waiter_, nullptr)->Detach();
  slots_[p.slot_].wait_seq = 0;  // its pending entry, if any, is now stale
  ProcessRef keep(&p);           // destructors below may run other kernel code
  p.task_.Reset();               // runs the destructors of everything in its frames
  Finish(p, ProcessOutcome::kCancelled);
  return true;
}

void Kernel::Shutdown() {
  RECOUP_CHECK_MSG(current_ == nullptr, "Shutdown from inside a process");
  for (std::size_t i = 1; i < slots_.size(); ++i) {
    if (slots_[i].process != nullptr) Cancel(ProcessRef(slots_[i].process));
  }
}

CallId Kernel::CallAt(Timestamp when, std::function<void()> fn) {
  uint32_t slot;
  if (free_calls_.empty()) {
    slot = static_cast<uint32_t>(calls_.size());
    calls_.emplace_back();
  } else {
    slot = free_calls_.back();
    free_calls_.pop_back();
  }
  const uint64_t seq = ++seq_;
  calls_[slot] = CallSlot{seq, std::move(fn)};
  Push(when < now_ ? now_.unix_nanos() : when.unix_nanos(),
       static_cast<uint64_t>(slot) << 2 | kCallTag, seq);
  return CallId{slot, seq};
}

bool Kernel::CancelCall(CallId id) {
  if (id.slot >= calls_.size() || calls_[id.slot].seq != id.seq || id.seq == 0) return false;
  calls_[id.slot] = CallSlot{};
  free_calls_.push_back(id.slot);
  return true;
}

void Kernel::Dispatch(const PendingEvent& e) {
  const uint64_t tag = e.payload & kTagMask;
  now_ = Timestamp::FromUnixNanos(e.time);
  ++events_processed_;
  if (tag == kProcessTag) {
    trace_hash_ = Mix(Mix(trace_hash_, static_cast<uint64_t>(e.time)), e.seq ^ (e.payload << 32));
    ProcessState& p = *slots_[e.payload >> 2].process;
    slots_[p.slot_].wait_seq = 0;
    if (p.waiter_ != nullptr) {  // the deadline of a blocking wait arrived
      std::exchange(p.waiter_, nullptr)->Detach();
      p.wake_reason_ = WakeReason::kTimeout;
    }
    current_ = &p;
    p.resume_point_.resume();  // may finish and free the process: do not touch p after this
    current_ = nullptr;
  } else if (tag == kCallTag) {
    trace_hash_ = Mix(Mix(trace_hash_, static_cast<uint64_t>(e.time)), e.seq ^ (e.payload << 32));
    const auto slot = static_cast<uint32_t>(e.payload >> 2);
    std::function<void()> fn = std::move(calls_[slot].fn);
    calls_[slot] = CallSlot{};
    free_calls_.push_back(slot);
    fn();
  } else {
    trace_hash_ = Mix(Mix(trace_hash_, static_cast<uint64_t>(e.time)), e.seq);
    std::coroutine_handle<>::from_address(reinterpret_cast<void*>(e.payload & ~kTagMask)).resume();
  }
}

bool Kernel::StepInternal(Timestamp limit) {
  while (!heap_.empty()) {
    const PendingEvent e = heap_.top();
    if (e.time > limit.unix_nanos()) return false;
    const uint64_t tag = e.payload & kTagMask;
    const bool stale = (tag == kProcessTag && slots_[e.payload >> 2].wait_seq != e.seq) ||
                       (tag == kCallTag && calls_[e.payload >> 2].seq != e.seq);
    if (stale) {
      heap_.pop();
      continue;
    }
    top_consumed_ = true;  // the first Push while dispatching replaces the top in one sift
    struct PopIfUnused {
      Kernel* k;
      ~PopIfUnused() {
        if (k->top_consumed_) {
          k->top_consumed_ = false;
          k->heap_.pop();
        }
      }
    } pop_if_unused{this};  // also when a callback throws
    Dispatch(e);
    return true;
  }
  return false;
}

void Kernel::RethrowUnhandled() {
  if (unhandled_) std::rethrow_exception(std::exchange(unhandled_, nullptr));
}

bool Kernel::Step() {
  RECOUP_CHECK_MSG(!running_, "Kernel::Step is not re-entrant");
  running_ = true;
  struct Reset {
    bool* flag;
    ~Reset() { *flag = false; }
  } reset{&running_};
  const bool ran = StepInternal(Timestamp::InfiniteFuture());
  running_ = false;
  RethrowUnhandled();
  return ran;
}

void Kernel::Run() { RunUntil(Timestamp::InfiniteFuture()); }

void Kernel::RunUntil(Timestamp until) {
  RECOUP_CHECK_MSG(!running_, "Kernel::Run is not re-entrant");
  running_ = true;
  stop_requested_ = false;
  struct Reset {
    bool* flag;
    ~Reset() { *flag = false; }
  } reset{&running_};
  while (!stop_requested_ && StepInternal(until)) {
    if (unhandled_) break;
  }
  if (!stop_requested_ && until != Timestamp::InfiniteFuture() && now_ < until) now_ = until;
  stop_requested_ = false;
  running_ = false;
  RethrowUnhandled();
}

uint64_t Kernel::RunEvents(uint64_t max_events) {
  RECOUP_CHECK_MSG(!running_, "Kernel::RunEvents is not re-entrant");
  running_ = true;
  stop_requested_ = false;
  struct Reset {
    bool* flag;
    ~Reset() { *flag = false; }
  } reset{&running_};
  uint64_t ran = 0;
  while (ran < max_events && !stop_requested_ && !unhandled_ &&
         StepInternal(Timestamp::InfiniteFuture())) {
    ++ran;
  }
  stop_requested_ = false;
  running_ = false;
  RethrowUnhandled();
  return ran;
}

}  // namespace recoup::sim
