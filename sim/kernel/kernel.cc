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

struct ClearOnExit {
  bool* flag;
  ~ClearOnExit() { *flag = false; }
};

}  // namespace

void ProcessRef::Release() {
  if (p_ != nullptr) {
    Kernel::Unref(p_);
    p_ = nullptr;
  }
}

Kernel::Kernel(Timestamp start) : now_(start) {
  slots_.emplace_back();  // slot 0 is never used: ProcessId 0 means "no process"
}

Kernel::~Kernel() {
  if (current_ == 0 && !running_) Shutdown();
}

void Kernel::Unref(ProcessState* p) {
  RECOUP_DCHECK(p->refs_ > 0);
  if (--p->refs_ == 0) delete p;
}

void Kernel::ThrowInterrupted(ProcessId id) {
  ProcessSlot& s = slots_[id];
  s.interrupt_pending = false;
  s.wake_reason = WakeReason::kNone;
  throw Interrupted(std::exchange(s.process->interrupt_cause_, std::string()));
}

void Kernel::Wake(ProcessId id, WakeReason reason, int index) {
  ProcessSlot& s = slots_[id];
  RECOUP_CHECK_MSG(s.waiter != nullptr, "Wake of a process that is not blocked");
  std::exchange(s.waiter, nullptr)->Detach();
  s.wake_reason = reason;
  s.wake_index = index;
  PushProcessWake(id, now_);
}

void Kernel::ResumeAt(Timestamp when, std::coroutine_handle<> handle) {
  if (current_ != 0) {
    ProcessSlot& s = slots_[current_];
    s.resume = handle.address();
    s.waiter = nullptr;  // not interruptible
    s.wake_reason = WakeReason::kTimeout;
    PushProcessWake(current_, when);
    return;
  }
  const int64_t t = when < now_ ? now_.unix_nanos() : when.unix_nanos();
  const auto addr = reinterpret_cast<uint64_t>(handle.address());
  RECOUP_CHECK((addr & kTagMask) == 0);
  Push({t, ++seq_, addr | kHandleTag});
}

ProcessRef Kernel::Spawn(Task<void> task, std::string name) {
  RECOUP_CHECK_MSG(task.valid() && !task.done(), "Spawn needs a Task that has not run");
  auto* p = new ProcessState(this, std::move(task), std::move(name));
  p->refs_ = 1;  // the kernel's, dropped when the process ends
  if (free_slots_.empty()) {
    p->slot_ = static_cast<ProcessId>(slots_.size());
    slots_.emplace_back();
  } else {
    p->slot_ = free_slots_.back();
    free_slots_.pop_back();
  }
  ProcessSlot& s = slots_[p->slot_];
  s = ProcessSlot{};
  s.process = p;
  s.resume = p->task_.handle().address();
  ++live_;
  p->task_.handle().promise().set_on_done(&Kernel::OnRootDone, p);
  PushProcessWake(p->slot_, now_);
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
  ProcessSlot& s = slots_[p.slot_];
  s.interrupt_pending = true;
  p.interrupt_cause_ = std::move(cause);
  if (s.waiter != nullptr) Wake(p.slot_, WakeReason::kInterrupted, -1);
  return true;
}

bool Kernel::Cancel(const ProcessRef& process) {
  ProcessState& p = *process.get();
  if (p.outcome_ != ProcessOutcome::kRunning) return false;
  RECOUP_CHECK_MSG(p.slot_ != current_, "a process cannot cancel itself; return instead");
  {
    ProcessSlot& s = slots_[p.slot_];
    if (s.waiter != nullptr) std::exchange(s.waiter, nullptr)->Detach();
    s.wait_seq = 0;  // its pending entry, if any, is now stale
  }
  ProcessRef keep(&p);  // destructors below may run other kernel code
  p.task_.Reset();      // runs the destructors of everything in its frames
  Finish(p, ProcessOutcome::kCancelled);
  return true;
}

void Kernel::Shutdown() {
  RECOUP_CHECK_MSG(current_ == 0, "Shutdown from inside a process");
  for (std::size_t i = 1; i < slots_.size(); ++i) {
    if (slots_[i].process != nullptr) Cancel(ProcessRef(slots_[i].process));
  }
}

bool Kernel::CancelCall(CallId id) {
  return (id.slot & 1) != 0 ? CancelIn(big_calls_, id.slot >> 1, id.seq)
                            : CancelIn(calls_, id.slot >> 1, id.seq);
}

inline void Kernel::PrefetchFrame(const PendingEvent* e) const {
  if (e == nullptr || (e->payload & kTagMask) != kProcessTag || (e->payload >> 2) >= slots_.size()) {
    return;
  }
  // Null when the entry is stale and its process gone. The header spans two cache lines.
  if (const auto* frame = static_cast<const char*>(slots_[e->payload >> 2].resume)) {
    __builtin_prefetch(frame);
    __builtin_prefetch(frame + 64);
  }
}

inline void Kernel::PrefetchNext() const {
  // While this event runs, start loading what the coming events read first: a pipeline over the
  // sorted front of the pending set. The slot of the event kSlotAhead places on is fetched now; when
  // that event is kFrameAhead places from the top its slot is in cache and gives the frame's address.
  // The top's frame was requested kFrameAhead events ago; requesting it again costs a cache hit and
  // covers the events the hints missed (pushed meanwhile, or on the heap).
  if (heap_.empty()) return;
  PrefetchFrame(&heap_.top());
  PrefetchFrame(heap_.ahead(kFrameAhead));
  const PendingEvent* later = heap_.ahead(kSlotAhead);
  if (later != nullptr && (later->payload & kTagMask) == kProcessTag &&
      (later->payload >> 2) < slots_.size()) {
    __builtin_prefetch(&slots_[later->payload >> 2]);
  }
}

bool Kernel::StepInternal(Timestamp limit) {
  while (!heap_.empty()) {
    const PendingEvent e = heap_.top();
    if (e.time > limit.unix_nanos()) return false;
    const uint64_t tag = e.payload & kTagMask;
    const bool stale = tag == kProcessTag ? slots_[e.payload >> 2].wait_seq != e.seq
                                          : (tag == kCallTag && !CallPending(e.payload, e.seq));
    if (stale) {  // lazily cancelled
      heap_.pop();
      continue;
    }
    // Start loading the frame to resume while the pop sifts, then the probable next event's slot.
    if (tag == kProcessTag) __builtin_prefetch(slots_[e.payload >> 2].resume);
    heap_.pop();
    PrefetchNext();
    now_ = Timestamp::FromUnixNanos(e.time);
    ++events_processed_;
    trace_hash_ = Mix(Mix(trace_hash_, static_cast<uint64_t>(e.time)),
                      tag == kHandleTag ? e.seq : e.seq ^ (e.payload << 32));
    if (tag == kProcessTag) {
      const auto id = static_cast<ProcessId>(e.payload >> 2);
      ProcessSlot& s = slots_[id];
      s.wait_seq = 0;
      if (s.waiter != nullptr) {  // the deadline of a blocking wait arrived
        std::exchange(s.waiter, nullptr)->Detach();
        s.wake_reason = WakeReason::kTimeout;
      }
      current_ = id;
      // May spawn (reallocating slots_) or finish and free the process: `s` is not used after this.
      std::coroutine_handle<>::from_address(s.resume).resume();
      current_ = 0;
    } else if (tag == kCallTag) {
      const auto slot = static_cast<uint32_t>(e.payload >> 3);
      if ((e.payload & kBigCallBit) != 0) {
        RunCall(big_calls_, slot);
      } else {
        RunCall(calls_, slot);
      }
    } else {
      std::coroutine_handle<>::from_address(reinterpret_cast<void*>(e.payload & ~kTagMask)).resume();
    }
    return true;
  }
  return false;
}

void Kernel::RethrowUnhandled() {
  if (unhandled_) std::rethrow_exception(std::exchange(unhandled_, nullptr));
}

uint64_t Kernel::RunLoop(Timestamp until, uint64_t max_events, bool advance_clock) {
  RECOUP_CHECK_MSG(!running_, "the kernel's Run/RunUntil/RunEvents/Step are not re-entrant");
  running_ = true;
  stop_requested_ = false;
  ClearOnExit reset{&running_};
  uint64_t ran = 0;
  while (ran < max_events && !stop_requested_ && !unhandled_ && StepInternal(until)) ++ran;
  if (advance_clock && !stop_requested_ && until != Timestamp::InfiniteFuture() && now_ < until) {
    now_ = until;
  }
  stop_requested_ = false;
  running_ = false;
  RethrowUnhandled();
  return ran;
}

bool Kernel::Step() { return RunLoop(Timestamp::InfiniteFuture(), 1, false) > 0; }

void Kernel::Run() { RunLoop(Timestamp::InfiniteFuture(), UINT64_MAX, false); }

void Kernel::RunUntil(Timestamp until) { RunLoop(until, UINT64_MAX, true); }

uint64_t Kernel::RunEvents(uint64_t max_events) {
  return RunLoop(Timestamp::InfiniteFuture(), max_events, false);
}

}  // namespace recoup::sim
