// Executor: the port through which workflows read the time and wait for it to pass.
//
// The decision core never reads a clock: "now" and "resume me later" come from an Executor. In the
// simulation it is the discrete-event kernel (sim/kernel/kernel.h), where time jumps to the next event;
// in the live adapter it is a real-time loop. Only leaf awaitables (core/runtime/sleep.h) call it.
#ifndef RECOUP_CORE_PORTS_EXECUTOR_H_
#define RECOUP_CORE_PORTS_EXECUTOR_H_

#include <coroutine>

#include "core/base/time.h"

namespace recoup {

class Executor {
 public:
  virtual ~Executor() = default;

  // The current time. Never decreases.
  virtual Timestamp Now() const = 0;

  // Resumes `handle` once the time has reached `when` (at once, in due order, if `when` <= Now()).
  // The executor does not own the coroutine; the caller keeps it alive until it is resumed.
  // Resumptions due at the same instant run in the order they were requested.
  virtual void ResumeAt(Timestamp when, std::coroutine_handle<> handle) = 0;
};

}  // namespace recoup

#endif  // RECOUP_CORE_PORTS_EXECUTOR_H_
