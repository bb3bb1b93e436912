// Task<T>: a lazy coroutine that produces a T (or void), composed with co_await.
//
// - Lazy: creating a Task runs nothing; co_await (or an executor that adopts it) starts it.
// - Symmetric transfer: awaiting a Task jumps straight into it, and its completion jumps straight
//   back to the awaiter, so deep chains do not grow the stack.
// - Exceptions thrown inside are stored and rethrown to the awaiter at co_await.
// - Move-only; the Task object owns the coroutine frame and destroys it (and so every frame it awaits)
//   when destroyed.
// Coroutine rules (DESIGN.md section 2): parameters by value, never references or string_views into
// a lazy task; bind each co_await result to a named local.
//
// Frames come from a per-thread free list of size classes (frame_pool.h), which makes spawning a
// coroutine per simulated customer cheap. Sanitizer builds use plain new/delete.
#ifndef RECOUP_CORE_RUNTIME_TASK_H_
#define RECOUP_CORE_RUNTIME_TASK_H_

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/base/check.h"
#include "core/runtime/frame_pool.h"

namespace recoup {

template <typename T = void>
class Task;

namespace task_internal {

class PromiseBase {
 public:
  // A root task (one with no awaiter, adopted by an executor) calls this when it finishes, with the
  // frame suspended at its final point; the callee may destroy the frame.
  using DoneCallback = void (*)(void* context) noexcept;

  static void* operator new(std::size_t size) { return AllocateFrame(size); }
  static void operator delete(void* ptr, std::size_t size) { FreeFrame(ptr, size); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <typename Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
      PromiseBase& p = self.promise();
      if (p.continuation_) return p.continuation_;
      if (p.on_done_ != nullptr) p.on_done_(p.on_done_context_);  // may destroy the frame
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }

  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

  void set_continuation(std::coroutine_handle<> c) { continuation_ = c; }
  void set_on_done(DoneCallback callback, void* context) {
    on_done_ = callback;
    on_done_context_ = context;
  }
  const std::exception_ptr& exception() const { return exception_; }

 protected:
  void RethrowIfFailed() {
    if (exception_) std::rethrow_exception(exception_);
  }

 private:
  std::coroutine_handle<> continuation_;
  DoneCallback on_done_ = nullptr;
  void* on_done_context_ = nullptr;
  std::exception_ptr exception_;
};

template <typename T>
class Promise final : public PromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  template <typename U>
  void return_value(U&& value) {
    value_.emplace(std::forward<U>(value));
  }
  T TakeResult() {
    RethrowIfFailed();
    RECOUP_CHECK_MSG(value_.has_value(), "Task finished without a value");
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
};

template <>
class Promise<void> final : public PromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void TakeResult() { RethrowIfFailed(); }
};

}  // namespace task_internal

template <typename T>
class [[nodiscard]] Task {
 public:
  using promise_type = task_internal::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle handle) : handle_(handle) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      Reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { Reset(); }

  bool valid() const { return static_cast<bool>(handle_); }
  bool done() const { return handle_ && handle_.done(); }

  // Awaiting a task starts it and suspends the awaiter until it finishes; the result (or exception)
  // is returned (or rethrown) by co_await.
  class Awaiter {
   public:
    explicit Awaiter(Handle h) : handle_(h) {}
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) noexcept {
      handle_.promise().set_continuation(awaiter);
      return handle_;
    }
    T await_resume() { return handle_.promise().TakeResult(); }

   private:
    Handle handle_;
  };
  Awaiter operator co_await() && {
    RECOUP_CHECK_MSG(handle_ && !handle_.done(), "co_await on an empty or finished Task");
    return Awaiter(handle_);
  }

  // For executors that adopt a root task (sim/kernel): the frame stays owned by this Task.
  Handle handle() const { return handle_; }
  // The result of a finished root task; rethrows its exception.
  T TakeResult() {
    RECOUP_CHECK_MSG(done(), "TakeResult on an unfinished Task");
    return handle_.promise().TakeResult();
  }

  void Reset() {
    if (handle_) {
      handle_.destroy();
      handle_ = {};
    }
  }

 private:
  Handle handle_;
};

namespace task_internal {
template <typename T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace task_internal

}  // namespace recoup

#endif  // RECOUP_CORE_RUNTIME_TASK_H_
