// Store<T>: a producer/consumer queue of items between processes, optionally bounded.
//
//   Store<Call> inbound(kernel);                 // unbounded; Store<Call> s(kernel, 50) holds 50
//   co_await inbound.Put(call);                  // waits while the store is full
//   Call c = co_await inbound.Get();             // waits while it is empty
//   std::optional<Call> c = co_await inbound.GetFor(Duration::Seconds(30));  // nullopt: timed out
//
// Items leave in FIFO order, getters are served FIFO, and an item put while getters wait goes straight
// to the first of them. Waits are interruptible. No item is lost: an item handed to a getter that is
// cancelled before it runs goes back to the front of the store; a putter interrupted or cancelled
// while waiting keeps its item (its Put did not happen).
// Statistics: the time-averaged number of items, and the getters' waits (seconds).
#ifndef RECOUP_SIM_KERNEL_STORE_H_
#define RECOUP_SIM_KERNEL_STORE_H_

#include <coroutine>
#include <cstddef>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "core/base/check.h"
#include "sim/kernel/kernel.h"
#include "sim/kernel/wait_list.h"
#include "sim/stats/time_weighted.h"
#include "sim/stats/welford.h"

namespace recoup::sim {

template <typename T>
class Store {
 public:
  static constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

  // capacity >= 1 (checked).
  explicit Store(Kernel& kernel, std::size_t capacity = kUnbounded, std::string name = {})
      : kernel_(&kernel), capacity_(capacity), name_(std::move(name)), level_(kernel.Now(), 0.0) {
    RECOUP_CHECK_MSG(capacity >= 1, "a Store needs a capacity of at least 1");
  }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  // With processes waiting, shuts the kernel's processes down first (teardown).
  ~Store() {
    if (!getters_.empty() || !putters_.empty()) kernel_->Shutdown();
  }

  class PutAwaiter;
  template <bool kTimed>
  class GetAwaiter;

  // co_await: puts `item`, waiting while the store is full.
  PutAwaiter Put(T item) { return PutAwaiter(this, std::move(item)); }
  // co_await: the next item, waiting while the store is empty.
  GetAwaiter<false> Get() { return GetAwaiter<false>(this, Timestamp::InfiniteFuture()); }
  // co_await: the next item, or std::nullopt if none came within `timeout`.
  GetAwaiter<true> GetFor(Duration timeout) {
    const Timestamp now = kernel_->Now();
    const bool unlimited = timeout >= Timestamp::InfiniteFuture() - now;
    return GetAwaiter<true>(this, unlimited ? Timestamp::InfiniteFuture() : now + timeout);
  }
  // Non-blocking forms: false / nullopt when the store is full / empty.
  bool TryPut(T& item) {
    if (!getters_.empty()) {
      HandToGetter(std::move(item));
      return true;
    }
    if (items_.size() >= capacity_) return false;
    Append(std::move(item));
    return true;
  }
  std::optional<T> TryGet() {
    if (items_.empty()) return std::nullopt;
    get_waits_.Add(0.0);
    return TakeFront();
  }

  const std::string& name() const { return name_; }
  std::size_t size() const { return items_.size(); }
  std::size_t capacity() const { return capacity_; }
  std::size_t waiting_getters() const { return static_cast<std::size_t>(getters_.Size()); }
  std::size_t waiting_putters() const { return static_cast<std::size_t>(putters_.Size()); }
  double MeanLevel() const { return level_.Mean(kernel_->Now()); }
  const Welford& get_waits() const { return get_waits_; }

 private:
  struct GetterBase : Waiter {
    std::optional<T> held;  // the item handed over, until the getter takes it
    Timestamp since;

   protected:
    ~GetterBase() = default;
  };
  struct PutterBase : Waiter {
    std::optional<T> held;  // the item to put, until it is put

   protected:
    ~PutterBase() = default;
  };

  void Append(T item) {
    items_.push_back(std::move(item));
    level_.Set(kernel_->Now(), static_cast<double>(items_.size()));
  }
  T TakeFront() {
    T item = std::move(items_.front());
    items_.pop_front();
    // A slot opened: the first waiting putter's item moves in.
    if (WaitNode* n = putters_.front()) {
      auto* putter = static_cast<PutterBase*>(n->owner);
      items_.push_back(std::move(*putter->held));
      putter->held.reset();
      kernel_->Wake(n->process, WakeReason::kSignal, 0);
    }
    level_.Set(kernel_->Now(), static_cast<double>(items_.size()));
    return item;
  }
  void HandToGetter(T item) {
    WaitNode* n = getters_.front();
    auto* getter = static_cast<GetterBase*>(n->owner);
    getter->held.emplace(std::move(item));
    get_waits_.Add((kernel_->Now() - getter->since).ToSecondsDouble());
    kernel_->Wake(n->process, WakeReason::kSignal, 0);
  }
  // An item that reached a getter that never ran: back to the front, or to the next getter.
  void PutBack(T item) {
    if (!getters_.empty()) {
      HandToGetter(std::move(item));
      return;
    }
    items_.push_front(std::move(item));
    level_.Set(kernel_->Now(), static_cast<double>(items_.size()));
  }

  Kernel* kernel_;
  std::size_t capacity_;
  std::string name_;
  std::deque<T> items_;
  WaitList getters_;
  WaitList putters_;
  TimeWeighted level_;
  Welford get_waits_;
};

template <typename T>
class [[nodiscard]] Store<T>::PutAwaiter final : public PutterBase {
 public:
  PutAwaiter(Store* s, T item) : store_(s) { this->held.emplace(std::move(item)); }
  PutAwaiter(PutAwaiter&&) = delete;
  ~PutAwaiter() { node_.Unlink(); }

  bool await_ready() {
    process_ = store_->kernel_->CurrentProcessId();
    if (store_->kernel_->BeginWait(process_)) return true;
    if (!store_->getters_.empty()) {
      store_->HandToGetter(std::move(*this->held));
      this->held.reset();
      return true;
    }
    if (store_->items_.size() < store_->capacity_) {
      store_->Append(std::move(*this->held));
      this->held.reset();
      return true;
    }
    return false;
  }
  void await_suspend(std::coroutine_handle<> h) {
    node_.process = process_;
    node_.owner = static_cast<PutterBase*>(this);
    store_->putters_.PushBack(&node_);
    store_->kernel_->Block(process_, this, h, Timestamp::InfiniteFuture());
  }
  void await_resume() { store_->kernel_->ThrowIfInterrupted(process_); }
  void Detach() noexcept override { node_.Unlink(); }

 private:
  Store* store_;
  ProcessId process_ = 0;
  WaitNode node_;
};

template <typename T>
template <bool kTimed>
class [[nodiscard]] Store<T>::GetAwaiter final : public GetterBase {
 public:
  GetAwaiter(Store* s, Timestamp deadline) : store_(s), deadline_(deadline) {}
  GetAwaiter(GetAwaiter&&) = delete;
  ~GetAwaiter() {
    node_.Unlink();
    if (this->held.has_value()) store_->PutBack(std::move(*this->held));  // never delivered
  }

  bool await_ready() {
    process_ = store_->kernel_->CurrentProcessId();
    if (store_->kernel_->BeginWait(process_)) return true;
    if (!store_->items_.empty()) {
      store_->get_waits_.Add(0.0);
      this->held.emplace(store_->TakeFront());
      return true;
    }
    return deadline_ <= store_->kernel_->Now();
  }
  void await_suspend(std::coroutine_handle<> h) {
    node_.process = process_;
    node_.owner = static_cast<GetterBase*>(this);
    this->since = store_->kernel_->Now();
    store_->getters_.PushBack(&node_);
    store_->kernel_->Block(process_, this, h, deadline_);
  }
  auto await_resume() {
    store_->kernel_->ThrowIfInterrupted(process_);
    if constexpr (kTimed) {
      std::optional<T> out = std::move(this->held);
      this->held.reset();
      return out;
    } else {
      RECOUP_CHECK_MSG(this->held.has_value(), "Store::Get resumed without an item");
      T out = std::move(*this->held);
      this->held.reset();
      return out;
    }
  }
  void Detach() noexcept override { node_.Unlink(); }

 private:
  Store* store_;
  Timestamp deadline_;
  ProcessId process_ = 0;
  WaitNode node_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_STORE_H_
