// InlineFunction: a move-only `void()` callable that keeps small captures inside itself.
//
// The kernel's scheduled callbacks (Kernel::CallAt) are lambdas capturing a pointer and a few ids;
// std::function stores only 16 bytes inline (libstdc++), so a lambda capturing `this`, two ids and
// a 16-byte request went to the heap once per event. InlineFunction<kCapacity> stores any callable
// of at most kCapacity bytes, alignment at most 8 and a noexcept move constructor in its own
// buffer, and anything else on the heap (one allocation, freed with it). It is one pointer larger
// than its buffer. Move-only captures (std::unique_ptr...) are fine; copying is not offered.
//
//   InlineFunction<32> f([this, i, epoch, request] { OnDue(i, epoch, request); });
//   InlineFunction<32> g = std::move(f);  // f is now empty
//   g();
#ifndef RECOUP_SIM_KERNEL_INLINE_FUNCTION_H_
#define RECOUP_SIM_KERNEL_INLINE_FUNCTION_H_

#include <concepts>
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "core/base/check.h"

namespace recoup::sim {

template <std::size_t kCapacity>
class InlineFunction {
  static_assert(kCapacity >= sizeof(void*) && kCapacity % alignof(void*) == 0,
                "the buffer holds at least a pointer (the heap fallback), in whole words");

 public:
  static constexpr std::size_t kAlign = alignof(void*);

  // Whether a callable of type F is stored in the buffer (else on the heap).
  template <typename F>
  static constexpr bool kStoredInline =
      sizeof(F) <= kCapacity && alignof(F) <= kAlign&& std::is_nothrow_move_constructible_v<F>;

  InlineFunction() = default;
  template <typename F>
  requires(!std::same_as<std::decay_t<F>, InlineFunction> && std::invocable<std::decay_t<F>&> &&
           std::constructible_from<std::decay_t<F>, F>)
      InlineFunction(
          F&& f) {  // NOLINT(google-explicit-constructor): a callable converts, as to std::function
    Emplace(std::forward<F>(f));
  }
  InlineFunction(InlineFunction&& other) noexcept { MoveFrom(other); }
  InlineFunction& operator=(InlineFunction&& other) noexcept {
    if (this != &other) {
      Reset();
      MoveFrom(other);
    }
    return *this;
  }
  InlineFunction(const InlineFunction&) = delete;
  InlineFunction& operator=(const InlineFunction&) = delete;
  ~InlineFunction() { Reset(); }

  explicit operator bool() const { return ops_ != nullptr; }

  // Calls the callable. Requires a non-empty function (checked in debug builds).
  void operator()() {
    RECOUP_DCHECK(ops_ != nullptr);
    ops_->invoke(buffer_);
  }

  // Destroys the callable, if any; the function is then empty.
  void Reset() noexcept {
    if (ops_ != nullptr) {
      if (ops_->destroy != nullptr) ops_->destroy(buffer_);
      ops_ = nullptr;
    }
  }

  // Replaces the callable with `f` (decayed). If constructing it throws, the function is empty.
  template <typename F>
  void Emplace(F&& f) {
    using T = std::decay_t<F>;
    Reset();
    if constexpr (kStoredInline<T>) {
      ::new (static_cast<void*>(buffer_)) T(std::forward<F>(f));
    } else {
      T* heap = new T(std::forward<F>(f));
      std::memcpy(buffer_, &heap, sizeof heap);
    }
    ops_ = &kOps<T>;
  }

 private:
  // What a stored type needs done; a null relocate or destroy means "copy the bytes" / "nothing".
  struct Ops {
    void (*invoke)(void* buffer);
    void (*relocate)(void* from, void* to) noexcept;  // move-construct into `to`, destroy `from`
    void (*destroy)(void* buffer) noexcept;
  };

  template <typename T>
  static T* Inline(void* buffer) {
    return std::launder(static_cast<T*>(buffer));
  }
  template <typename T>
  static T* Heap(void* buffer) {
    T* p;
    std::memcpy(&p, buffer, sizeof p);
    return p;
  }

  template <typename T>
  static constexpr Ops MakeOps() {
    if constexpr (kStoredInline<T>) {
      constexpr bool kTrivial = std::is_trivially_copyable_v<T>;
      return Ops{
          [](void* b) { (*Inline<T>(b))(); },
          kTrivial ? nullptr
                   : +[](void* from, void* to) noexcept {
                       T* f = Inline<T>(from);
                       ::new (to) T(std::move(*f));
                       f->~T();
                     },
          std::is_trivially_destructible_v<T> ? nullptr
                                              : +[](void* b) noexcept { Inline<T>(b)->~T(); }};
    } else {
      return Ops{[](void* b) { (*Heap<T>(b))(); }, nullptr,
                 [](void* b) noexcept { delete Heap<T>(b); }};
    }
  }
  template <typename T>
  static constexpr Ops kOps = MakeOps<T>();

  void MoveFrom(InlineFunction& other) noexcept {
    ops_ = std::exchange(other.ops_, nullptr);
    if (ops_ == nullptr) return;
    if (ops_->relocate == nullptr) {
      std::memcpy(buffer_, other.buffer_, kCapacity);
    } else {
      ops_->relocate(other.buffer_, buffer_);
    }
  }

  const Ops* ops_ = nullptr;
  alignas(kAlign) unsigned char buffer_[kCapacity];
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_INLINE_FUNCTION_H_
