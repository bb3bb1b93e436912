// TransactionScope: an all-or-none record-store transaction for one request, safe to nest.
//
// /composite with allOrNone opens one transaction around all its subrequests, and a subrequest may
// itself be an sObject Collections call with allOrNone. The record store has one level of
// transactions, so an inner scope opened while a transaction is already open does not begin
// another one: its Commit and Rollback do nothing and the outer owner decides (the composite route
// treats any failed record of a collections subrequest as a failure, so a failed inner
// all-or-none write is always undone by the outer rollback). The outermost scope rolls back in its
// destructor if neither Commit nor Rollback ran (an early return or an exception leaves nothing
// half-written).
//
// Use it under an Org::Session that lives at least as long as the scope.
#ifndef RECOUP_SIM_ORG_REST_TRANSACTION_SCOPE_H_
#define RECOUP_SIM_ORG_REST_TRANSACTION_SCOPE_H_

#include "sim/org/record_store.h"

namespace recoup::sim::org::rest {

class TransactionScope {
 public:
  // Begins a transaction on `store` (not owned) unless one is open already (nested()).
  explicit TransactionScope(RecordStore& store) : store_(store), owner_(!store.in_transaction()) {
    if (owner_) store_.Begin();
  }
  ~TransactionScope() {
    if (owner_ && open_) store_.Rollback();
  }
  TransactionScope(const TransactionScope&) = delete;
  TransactionScope& operator=(const TransactionScope&) = delete;

  // Whether an enclosing scope owns the transaction.
  bool nested() const { return !owner_; }

  // Keeps every write since the scope began (owner only). At most one of Commit/Rollback.
  void Commit() {
    if (owner_ && open_) store_.Commit();
    open_ = false;
  }
  // Undoes every write since the scope began (owner only; Ids handed out are handed out again).
  void Rollback() {
    if (owner_ && open_) store_.Rollback();
    open_ = false;
  }

 private:
  RecordStore& store_;
  const bool owner_;
  bool open_ = true;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_TRANSACTION_SCOPE_H_
