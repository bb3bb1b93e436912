// Backing off while the org refuses requests for its limits (core/ports/org_port.h:
// kResourceExhausted: the daily API allocation, the long-request concurrency cap or storage).
//
// Salesforce counts API requests over a rolling 24 hours and answers 403 REQUEST_LIMIT_EXCEEDED
// once they are used up. An operation that keeps dialling then fails every call at its account
// lookup (the workflow fails closed: no lookup, no call), and the requests freed as the window
// rolls on go to whichever calls happen to come up. Instead, a circuit breaker:
//  - closed: work that needs the org (calls, messages) starts freely;
//  - open: the first refusal pauses that work (the caller keeps it queued) for a delay that
//    doubles while the org goes on refusing (`first`, 2x `first`, ... up to `max`);
//  - half-open: when a pause ends, the next piece of work to start is the probe, and nothing else
//    starts until an answer comes (or `max` passes without one). The org taking (kOk) a request
//    sent after the last refusal closes the breaker, during a pause too; another refusal opens it
//    again, for twice as long. Answers other than kOk and kResourceExhausted change nothing.
// Refusals that come during a pause do not lengthen it. The probe should be work whose first
// request is answered quickly (the simulated operation: a call, whose account lookup comes
// first), and the caller should report that answer as soon as it comes.
//
// The same policy serves the simulated operation (sim/world) and the live adapter: it reads only
// the answers and the times the caller gives it.
#ifndef RECOUP_CORE_WORKFLOW_ORG_BACKOFF_H_
#define RECOUP_CORE_WORKFLOW_ORG_BACKOFF_H_

#include "core/base/status.h"
#include "core/base/time.h"

namespace recoup::workflow {

class OrgBackoff {
 public:
  struct Options {
    Duration first = Duration::Minutes(1);
    Duration max = Duration::Minutes(15);
  };

  OrgBackoff() : OrgBackoff(Options{}) {}
  // first > 0 and max >= first (checked).
  explicit OrgBackoff(Options options);

  // The org answered `code` at `now` to a request sent at `sent`.
  void OnAnswer(StatusCode code, Timestamp sent, Timestamp now);
  // The caller starts a piece of work that sends requests to the org at `now` (only when not
  // Paused). After a pause it is the probe: the breaker waits for an answer before the next.
  void OnStart(Timestamp now);
  // Whether work that needs the org waits at `now` (a pause, or a probe waiting for its answer).
  bool Paused(Timestamp now) const {
    return now < resume_ || (probing_ && now < probe_deadline_);
  }
  // When the current wait ends at the latest (the pause's end, or the probe's deadline).
  Timestamp resume_at() const { return probing_ ? probe_deadline_ : resume_; }
  // The length of the last pause; zero while the org answers (the breaker is closed).
  Duration delay() const { return delay_; }

 private:
  Options options_;
  Duration delay_ = Duration::Zero();
  Timestamp resume_ = Timestamp::InfinitePast();        // paused until then
  Timestamp last_refusal_ = Timestamp::InfinitePast();  // when the last refusal came
  bool probing_ = false;                                // a probe is out, not answered yet
  Timestamp probe_deadline_ = Timestamp::InfinitePast();
};

}  // namespace recoup::workflow

#endif  // RECOUP_CORE_WORKFLOW_ORG_BACKOFF_H_
