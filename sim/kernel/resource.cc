#include "sim/kernel/resource.h"

#include "core/base/check.h"

namespace recoup::sim {

Resource::Resource(Kernel& kernel, int64_t capacity, QueueDiscipline discipline, std::string name)
    : kernel_(&kernel),
      capacity_(capacity),
      discipline_(discipline),
      name_(std::move(name)),
      busy_(kernel.Now(), 0.0),
      queue_(kernel.Now(), 0.0) {
  RECOUP_CHECK_MSG(capacity >= 1, "a Resource needs a capacity of at least 1");
}

Resource::~Resource() {
  if (in_use_ > 0 || !line_.empty()) kernel_->Shutdown();
}

Resource::AcquireAwaiter Resource::Acquire(int priority) {
  return AcquireAwaiter(this, priority, Timestamp::InfiniteFuture());
}

Resource::AcquireAwaiter Resource::AcquireFor(Duration patience, int priority) {
  const Timestamp now = kernel_->Now();
  const bool unlimited = patience >= Timestamp::InfiniteFuture() - now;
  return AcquireAwaiter(this, priority, unlimited ? Timestamp::InfiniteFuture() : now + patience);
}

Resource::Grant Resource::TryAcquire() {
  if (in_use_ >= capacity_ || !line_.empty()) return Grant();
  Take();
  served_waits_.Add(0.0);
  return Grant(this);
}

void Resource::Enqueue(WaitNode* n) {
  if (discipline_ == QueueDiscipline::kPriority) {
    line_.InsertByPriority(n);
  } else {
    line_.PushBack(n);
  }
  ++queue_length_;
  queue_.Set(kernel_->Now(), static_cast<double>(queue_length_));
}

void Resource::Dequeue(WaitNode* n) {
  if (!n->linked()) return;
  n->Unlink();
  --queue_length_;
  queue_.Set(kernel_->Now(), static_cast<double>(queue_length_));
}

void Resource::ReleaseUnit() {
  RECOUP_CHECK(in_use_ > 0);
  --in_use_;
  busy_.Set(kernel_->Now(), static_cast<double>(in_use_));
  if (WaitNode* head = line_.front()) {  // hand the unit straight to the head of the line
    auto* waiter = static_cast<AcquireAwaiter*>(head->owner);
    waiter->granted_ = true;
    Take();
    served_waits_.Add((kernel_->Now() - waiter->enqueued_at_).ToSecondsDouble());
    kernel_->Wake(head->process, WakeReason::kSignal, 0);  // Detach takes it out of the line
  }
}

Resource::AcquireAwaiter::~AcquireAwaiter() {
  resource_->Dequeue(&node_);
  if (granted_ && !consumed_) resource_->ReleaseUnit();  // cancelled before it could use the unit
}

bool Resource::AcquireAwaiter::await_ready() {
  Resource& r = *resource_;
  process_ = r.kernel_->CurrentProcessId();
  if (r.kernel_->BeginWait(process_)) return true;
  if (r.in_use_ < r.capacity_ && r.line_.empty()) {
    r.Take();
    r.served_waits_.Add(0.0);
    granted_ = true;
    return true;
  }
  return deadline_ <= r.kernel_->Now();  // no patience at all: reneges at once
}

void Resource::AcquireAwaiter::await_suspend(std::coroutine_handle<> h) {
  Resource& r = *resource_;
  node_.process = process_;
  node_.owner = this;
  enqueued_at_ = r.kernel_->Now();
  r.Enqueue(&node_);
  r.kernel_->Block(process_, this, h, deadline_);
}

Resource::Grant Resource::AcquireAwaiter::await_resume() {
  resource_->kernel_->ThrowIfInterrupted(process_);
  if (granted_) {
    consumed_ = true;
    return Grant(resource_);
  }
  const Timestamp now = resource_->kernel_->Now();
  resource_->reneged_waits_.Add(node_.owner != nullptr ? (now - enqueued_at_).ToSecondsDouble() : 0.0);
  return Grant();
}

void Resource::AcquireAwaiter::Detach() noexcept { resource_->Dequeue(&node_); }

void Resource::ResetStats() {
  const Timestamp now = kernel_->Now();
  busy_.Reset(now);
  queue_.Reset(now);
  served_waits_ = Welford();
  reneged_waits_ = Welford();
}

}  // namespace recoup::sim
