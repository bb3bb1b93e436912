#include "core/workflow/org_backoff.h"

#include <algorithm>

#include "core/base/check.h"

namespace recoup::workflow {

OrgBackoff::OrgBackoff(Options options) : options_(options) {
  RECOUP_CHECK_MSG(options_.first > Duration::Zero() && options_.max >= options_.first,
                   "OrgBackoff: needs 0 < first <= max");
}

void OrgBackoff::OnAnswer(StatusCode code, Timestamp sent, Timestamp now) {
  if (code == StatusCode::kOk) {
    // The org took a request sent after the last refusal: it has capacity again, so the breaker
    // closes (also during a pause: a debtor's call answered, a write of a contact under way).
    if (sent >= last_refusal_) {
      delay_ = Duration::Zero();
      probing_ = false;
      resume_ = Timestamp::InfinitePast();
    }
    return;
  }
  if (code != StatusCode::kResourceExhausted) return;  // other errors say nothing of the limits
  last_refusal_ = std::max(last_refusal_, now);
  // During a pause a refusal says nothing new (a request in flight when it began, or one sent
  // meanwhile by work the pause does not hold, such as answering a debtor's call).
  if (now < resume_) return;
  probing_ = false;
  delay_ = delay_ == Duration::Zero() ? options_.first : std::min(delay_ * 2, options_.max);
  resume_ = now + delay_;
}

void OrgBackoff::OnStart(Timestamp now) {
  if (delay_ == Duration::Zero() || Paused(now)) return;  // closed, or not the caller's turn
  probing_ = true;
  probe_deadline_ = now + options_.max;
}

}  // namespace recoup::workflow
