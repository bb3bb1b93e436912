// Intrusive lists of blocked processes, and the Waiter interface every blocking wait implements.
//
// A process that blocks on events, a resource or a store links WaitNodes (owned by its awaiter, in its
// coroutine frame) into the WaitLists of what it waits on. Whatever ends the wait first (a trigger, a
// grant, a deadline, an interrupt, a cancellation) calls Waiter::Detach, which unlinks every node, so
// nothing is left dangling and no second wake can happen. Unlinking is O(1).
#ifndef RECOUP_SIM_KERNEL_WAIT_LIST_H_
#define RECOUP_SIM_KERNEL_WAIT_LIST_H_

#include <cstdint>

#include "core/base/check.h"

namespace recoup::sim {

// A process's slot in the kernel's table (0 = none). Stable while the process lives.
using ProcessId = uint32_t;

// One blocking wait of one process (implemented by each blocking awaitable).
class Waiter {
 public:
  Waiter() = default;
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  // Unlinks every node of this wait. Called exactly once per blocking wait, by the kernel, when the
  // wait ends for any reason.
  virtual void Detach() noexcept = 0;

 protected:
  ~Waiter() = default;
};

struct WaitLink {
  WaitLink* prev = nullptr;
  WaitLink* next = nullptr;
  bool linked() const { return next != nullptr; }
  void Unlink() {
    if (next == nullptr) return;
    prev->next = next;
    next->prev = prev;
    prev = next = nullptr;
  }
};

struct WaitNode : WaitLink {
  ProcessId process = 0;
  void* owner = nullptr;  // the awaiter that holds this node
  int index = 0;     // Which of the waiter's targets this node stands for (AnyOf).
  int priority = 0;  // Lower is served first (priority resources); ties FIFO.
};

// A circular list with a sentinel. Not copyable: nodes point at the sentinel.
class WaitList {
 public:
  WaitList() { head_.prev = head_.next = &head_; }
  WaitList(const WaitList&) = delete;
  WaitList& operator=(const WaitList&) = delete;
  ~WaitList() { RECOUP_DCHECK(empty()); }

  bool empty() const { return head_.next == &head_; }
  WaitNode* front() const { return empty() ? nullptr : static_cast<WaitNode*>(head_.next); }

  void PushBack(WaitNode* n) { InsertBefore(&head_, n); }
  // Inserts after the last node whose priority is <= n->priority (FIFO among equal priorities).
  // Scans from the back: O(1) when priorities arrive in order, O(length) at worst.
  void InsertByPriority(WaitNode* n) {
    WaitLink* pos = head_.prev;
    while (pos != &head_ && static_cast<WaitNode*>(pos)->priority > n->priority) pos = pos->prev;
    InsertBefore(pos->next, n);
  }
  int Size() const {
    int k = 0;
    for (const WaitLink* l = head_.next; l != &head_; l = l->next) ++k;
    return k;
  }

 private:
  static void InsertBefore(WaitLink* pos, WaitNode* n) {
    RECOUP_DCHECK(!n->linked());
    n->prev = pos->prev;
    n->next = pos;
    pos->prev->next = n;
    pos->prev = n;
  }
  WaitLink head_;
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_WAIT_LIST_H_
