// Processes: coroutines (Task<void>) run by the simulation kernel, and the handles to them.
//
// A process is spawned with Kernel::Spawn and starts at the current simulated time, after the events
// already due then. It runs until it co_awaits a kernel awaitable (sleep, event, resource, store,
// join), and the kernel resumes it when that wait ends. Another process (or the driver) may:
//  - Interrupt it: its current interruptible wait ends at once and the awaitable throws Interrupted
//    with the cause; if it is not blocked (already due to resume), the interrupt is delivered at its
//    next wait instead, so nothing it was granted is lost. The process may catch Interrupted and go on.
//  - Cancel it: its coroutine frames are destroyed without resuming it; destructors run (a held
//    resource grant is released, an item handed to it goes back to its store); joiners see kCancelled.
// A process that ends with an uncaught exception, that nobody joins and nobody holds a handle to, makes
// Kernel::Run rethrow that exception (a failure is never silently dropped).
#ifndef RECOUP_SIM_KERNEL_PROCESS_H_
#define RECOUP_SIM_KERNEL_PROCESS_H_

#include <cstddef>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/runtime/frame_pool.h"
#include "core/runtime/task.h"
#include "sim/kernel/event.h"
#include "sim/kernel/wait_list.h"

namespace recoup::sim {

class Kernel;

// Thrown by a kernel awaitable in a process that was interrupted while (or before) waiting.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(std::string cause)
      : std::runtime_error("process interrupted: " + cause), cause_(std::move(cause)) {}
  const std::string& cause() const { return cause_; }

 private:
  std::string cause_;
};

// Why a process's last wait ended.
enum class WakeReason : uint8_t {
  kNone,         // not resumed from a wait yet
  kTimeout,      // its deadline arrived (a sleep ended, a patience or timeout ran out)
  kSignal,       // what it waited for happened (event, grant, item, join)
  kInterrupted,  // Interrupt()
};

enum class ProcessOutcome : uint8_t {
  kRunning,    // not finished yet
  kFinished,   // returned normally
  kFailed,     // ended with an exception
  kCancelled,  // Cancel()
};

// Kernel-owned state of one process that the event loop does not need. Users hold ProcessRef.
class ProcessState {
 public:
  ProcessState(Kernel* kernel, Task<void> task, std::string name)
      : kernel_(kernel), task_(std::move(task)), name_(std::move(name)), done_(*kernel) {}
  ProcessState(const ProcessState&) = delete;
  ProcessState& operator=(const ProcessState&) = delete;
  // One is created per spawn (a customer, a call): recycled through the coroutine frame pool.
  static void* operator new(std::size_t size) { return task_internal::AllocateFrame(size); }
  static void operator delete(void* ptr, std::size_t size) noexcept {
    task_internal::FreeFrame(ptr, size);
  }

  Kernel* kernel() const { return kernel_; }
  const std::string& name() const { return name_; }
  ProcessOutcome outcome() const { return outcome_; }
  const std::exception_ptr& exception() const { return exception_; }
  ProcessId id() const { return slot_; }
  // Fires when the process ends, however it ends (usable with AnyOf).
  OneShotEvent& done_event() { return done_; }

 private:
  friend class Kernel;
  friend class ProcessRef;

  Kernel* kernel_;
  Task<void> task_;
  std::string name_;
  // What a wait touches lives in the kernel's slot table (Kernel::ProcessSlot), not here, so the
  // event loop does not read this object.
  ProcessId slot_ = 0;
  uint32_t refs_ = 0;
  ProcessOutcome outcome_ = ProcessOutcome::kRunning;
  std::string interrupt_cause_;
  std::exception_ptr exception_;
  OneShotEvent done_;
};

// A counted handle to a process. Cheap to copy; keeps the state (not the coroutine) alive, so the
// outcome can be read after the process ended. Must not outlive its Kernel.
class ProcessRef {
 public:
  ProcessRef() = default;
  explicit ProcessRef(ProcessState* p) : p_(p) { Acquire(); }
  ProcessRef(const ProcessRef& o) : p_(o.p_) { Acquire(); }
  ProcessRef(ProcessRef&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  ProcessRef& operator=(ProcessRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~ProcessRef() { Release(); }

  bool valid() const { return p_ != nullptr; }
  ProcessState* get() const { return p_; }
  const std::string& name() const { return p_->name(); }
  bool done() const { return p_->outcome() != ProcessOutcome::kRunning; }
  ProcessOutcome outcome() const { return p_->outcome(); }
  // The exception a failed process ended with (null otherwise).
  const std::exception_ptr& exception() const { return p_->exception(); }
  OneShotEvent& done_event() const { return p_->done_event(); }

 private:
  void Acquire() {
    if (p_ != nullptr) ++p_->refs_;
  }
  void Release();
  ProcessState* p_ = nullptr;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_PROCESS_H_
