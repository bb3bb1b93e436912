// Leaf awaitables over the Executor port: the only places in core/ that touch the Executor.
#ifndef RECOUP_CORE_RUNTIME_SLEEP_H_
#define RECOUP_CORE_RUNTIME_SLEEP_H_

#include <coroutine>

#include "core/base/time.h"
#include "core/ports/executor.h"

namespace recoup {

// co_await SleepUntil(executor, t): resumes once executor.Now() >= t. The executor must outlive the
// wait. Does not suspend when t <= Now().
class SleepUntil {
 public:
  SleepUntil(Executor& executor, Timestamp when) : executor_(&executor), when_(when) {}
  bool await_ready() const { return when_ <= executor_->Now(); }
  void await_suspend(std::coroutine_handle<> h) const { executor_->ResumeAt(when_, h); }
  void await_resume() const noexcept {}

 private:
  Executor* executor_;
  Timestamp when_;
};

// co_await SleepFor(executor, d): SleepUntil(executor, executor.Now() + d).
inline SleepUntil SleepFor(Executor& executor, Duration d) {
  return SleepUntil(executor, executor.Now() + d);
}

}  // namespace recoup

#endif  // RECOUP_CORE_RUNTIME_SLEEP_H_
