// Resource: `capacity` identical units (servers, lines, agents) that processes acquire and release.
//
//   Resource agents(kernel, 10);                      // FIFO
//   Resource::Grant g = co_await agents.Acquire();    // waits for a free unit
//   Resource::Grant g = co_await agents.AcquireFor(patience);  // empty Grant: reneged
//   if (!g) { ... gave up ... }
//   co_await kernel.Sleep(handle_time);               // the unit is released when g is destroyed
//
// With QueueDiscipline::kPriority the waiting line is ordered by priority (lower value first) and FIFO
// among equals; service is not pre-empted. A released unit passes straight to the head of the line,
// so a unit never sits idle while someone waits. Waits are interruptible: an interrupted waiter leaves
// the line without the unit. A process cancelled after being granted a unit, but before running
// again, gives the unit back.
//
// Statistics (from construction or the last ResetStats): time-averaged busy units and line length,
// the waits of those served and of those who reneged (seconds), counts.
#ifndef RECOUP_SIM_KERNEL_RESOURCE_H_
#define RECOUP_SIM_KERNEL_RESOURCE_H_

#include <coroutine>
#include <cstdint>
#include <string>
#include <utility>

#include "core/base/time.h"
#include "sim/kernel/kernel.h"
#include "sim/kernel/wait_list.h"
#include "sim/stats/time_weighted.h"
#include "sim/stats/welford.h"

namespace recoup::sim {

enum class QueueDiscipline : uint8_t { kFifo, kPriority };

class Resource {
 public:
  // capacity >= 1 (checked).
  Resource(Kernel& kernel, int64_t capacity, QueueDiscipline discipline = QueueDiscipline::kFifo,
           std::string name = {});
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;
  // With units held or processes waiting, shuts the kernel's processes down first (teardown).
  ~Resource();

  // One held unit; releases it when destroyed or on Release(). Move-only. Empty after reneging.
  class [[nodiscard]] Grant {
   public:
    Grant() = default;
    Grant(Grant&& o) noexcept : resource_(std::exchange(o.resource_, nullptr)) {}
    Grant& operator=(Grant&& o) noexcept {
      if (this != &o) {
        Release();
        resource_ = std::exchange(o.resource_, nullptr);
      }
      return *this;
    }
    ~Grant() { Release(); }
    explicit operator bool() const { return resource_ != nullptr; }
    void Release() {
      if (resource_ != nullptr) std::exchange(resource_, nullptr)->ReleaseUnit();
    }

   private:
    friend class Resource;
    explicit Grant(Resource* r) : resource_(r) {}
    Resource* resource_ = nullptr;
  };

  class AcquireAwaiter;
  // co_await: a Grant once a unit is free. priority: lower first (kPriority only).
  AcquireAwaiter Acquire(int priority = 0);
  // co_await: a Grant, or an empty Grant if none came within `patience` (the waiter reneges).
  AcquireAwaiter AcquireFor(Duration patience, int priority = 0);
  // A unit now if one is free and nobody waits; otherwise an empty Grant. Never blocks.
  Grant TryAcquire();

  const std::string& name() const { return name_; }
  int64_t capacity() const { return capacity_; }
  int64_t in_use() const { return in_use_; }
  int64_t queue_length() const { return queue_length_; }

  // Statistics.
  double Utilization() const { return busy_.Mean(kernel_->Now()) / static_cast<double>(capacity_); }
  double MeanQueueLength() const { return queue_.Mean(kernel_->Now()); }
  const Welford& served_waits() const { return served_waits_; }   // seconds, served ones
  const Welford& reneged_waits() const { return reneged_waits_; }  // seconds, reneged ones
  int64_t granted() const { return served_waits_.count(); }
  int64_t reneged() const { return reneged_waits_.count(); }
  // Restarts the statistics at Now() (warm-up deletion); the state is kept.
  void ResetStats();

 private:
  void ReleaseUnit();
  void Take() {
    ++in_use_;
    busy_.Set(kernel_->Now(), static_cast<double>(in_use_));
  }
  void Enqueue(WaitNode* n);
  void Dequeue(WaitNode* n);

  Kernel* kernel_;
  int64_t capacity_;
  QueueDiscipline discipline_;
  std::string name_;
  int64_t in_use_ = 0;
  int64_t queue_length_ = 0;
  WaitList line_;
  TimeWeighted busy_;
  TimeWeighted queue_;
  Welford served_waits_;
  Welford reneged_waits_;
};

class [[nodiscard]] Resource::AcquireAwaiter final : public Waiter {
 public:
  AcquireAwaiter(Resource* r, int priority, Timestamp deadline)
      : resource_(r), deadline_(deadline) {
    node_.priority = priority;
  }
  AcquireAwaiter(AcquireAwaiter&&) = delete;
  ~AcquireAwaiter();

  bool await_ready();
  void await_suspend(std::coroutine_handle<> h);
  Grant await_resume();
  void Detach() noexcept override;

 private:
  friend class Resource;
  Resource* resource_;
  Timestamp deadline_;
  Timestamp enqueued_at_;
  WaitNode node_;
  ProcessId process_ = 0;
  bool granted_ = false;   // a unit is reserved for this waiter
  bool consumed_ = false;  // ...and was handed over as a Grant
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_RESOURCE_H_
