// Internal to core/compliance: the state of one check and the deferrable constraints it runs
// (window.cc: calling windows; frequency.cc: frequency caps). Not part of the public API.
#ifndef RECOUP_CORE_COMPLIANCE_CONTEXT_H_
#define RECOUP_CORE_COMPLIANCE_CONTEXT_H_

#include <cstdint>

#include "core/base/time.h"
#include "core/compliance/engine.h"
#include "core/compliance/jurisdiction.h"
#include "core/compliance/profile.h"
#include "core/domain/account.h"
#include "core/domain/contact.h"
#include "core/domain/debtor.h"

namespace recoup::compliance::internal {

inline constexpr int kMinutesPerDay = 24 * 60;

inline bool CollectorInitiated(const domain::ContactEvent& e) {
  return !e.initiated_by_consumer && e.outcome != domain::Outcome::kInboundFromConsumer;
}

// Everything a Check needs, resolved once. Constructed without clearing the jurisdiction's
// candidate array (Resolve fills what it uses): zeroing ~600 bytes per check was measurable.
struct Context {
  Context(const Profile& p, const ContactRequest& r, const domain::Account& a, const domain::Debtor& d,
          const domain::ContactHistory& h, Timestamp t, OffsetMemo& m)
      : profile(p), request(r), account(a), debtor(d), history(h), now(t), memo(m) {}

  const Profile& profile;
  const ContactRequest& request;
  const domain::Account& account;
  const domain::Debtor& debtor;
  const domain::ContactHistory& history;
  Timestamp now;
  Jurisdiction where;                    // filled by ResolveInto
  const domain::Phone* phone = nullptr;  // calls, texts and WhatsApp
  const domain::Email* email = nullptr;  // emails
  OffsetMemo& memo;  // the engine's (kept across checks)
  mutable Timestamp days_of = Timestamp::InfinitePast();
  mutable int64_t today = 0;
  mutable Timestamp today_start;
  mutable Timestamp week_start;
};

// A deferrable constraint: the earliest instant >= t at which it is met (t itself if met now), or
// InfiniteFuture when it never will be.
using Earliest = Timestamp (*)(const Context&, Timestamp t);

// Calling windows (window.cc): the window in every candidate zone, and designated times.
Timestamp TimeWindow(const Context& c, Timestamp t);
Timestamp DesignatedTimes(const Context& c, Timestamp t);

// Frequency (frequency.cc).
Timestamp CallsPerWeek(const Context& c, Timestamp t);      // RF-CALL-7x7
Timestamp PostConversation(const Context& c, Timestamp t);  // RF-CALL-POSTCONV
Timestamp CallGap(const Context& c, Timestamp t);           // RF-REBUT-GAP
Timestamp CallsPerDay(const Context& c, Timestamp t);       // RF-REBUT-DAY
Timestamp Massachusetts(const Context& c, Timestamp t);     // MA-FREQ
Timestamp Washington(const Context& c, Timestamp t);        // WA-FREQ
Timestamp NewYorkCity(const Context& c, Timestamp t);       // NYC-FREQ

}  // namespace recoup::compliance::internal

#endif  // RECOUP_CORE_COMPLIANCE_CONTEXT_H_
