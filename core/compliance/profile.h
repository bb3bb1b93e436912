// Jurisdiction profiles: the parameters of the compliance rules, as data.
//
// A Profile holds the federal (Reg F, TCPA) parameters, the state and city overlays, and the calling
// windows of the other countries the engine knows. Defaults are the rules as written
// (collections-domain.md section 1); a strategy team may only tighten them: Validate() rejects a
// profile that is looser than the law (more than 7 calls in 7 days, a window wider than 08:00-21:00
// in the US...), so a typo cannot make the engine allow what the regulation forbids.
#ifndef RECOUP_CORE_COMPLIANCE_PROFILE_H_
#define RECOUP_CORE_COMPLIANCE_PROFILE_H_

#include <cstdint>

#include "core/base/status.h"
#include "core/base/time.h"

namespace recoup::compliance {

// A daily window in local wall-clock minutes, [start, end).
struct LocalWindow {
  int start_minute = 8 * 60;
  int end_minute = 21 * 60;
  bool Contains(int minute) const { return start_minute <= minute && minute < end_minute; }
  bool empty() const { return start_minute >= end_minute; }
};

// A window per weekday (0 = Monday ... 6 = Sunday); an empty window closes the day.
struct WeeklyWindow {
  LocalWindow days[7];
  static WeeklyWindow Every(LocalWindow w) {
    WeeklyWindow ww;
    for (LocalWindow& d : ww.days) d = w;
    return ww;
  }
};

struct Profile {
  // --- US federal: Regulation F (12 CFR 1006).
  WeeklyWindow us_window = WeeklyWindow::Every({8 * 60, 21 * 60});  // 1006.6(b)(1)(i)
  int calls_per_7_days = 7;           // per person and debt (1006.14(b)(2)(i)(A))
  int post_conversation_days = 7;     // conversation day = day 1 (1006.14(b)(2)(i)(B))
  // Soft limits against the rebuttal patterns of comment 14(b)(2)(i)-2 (design defaults).
  Duration min_gap_same_number = Duration::Hours(4);
  int max_calls_per_day_per_person = 2;
  Duration sms_consent_freshness = Duration::Days(60);    // 1006.6(d)(5)
  Duration email_notice_min_optout = Duration::Days(35);  // 1006.6(d)(4)(ii)
  // --- State and city overlays.
  int massachusetts_per_7_days = 2;   // 940 CMR 7.04(1)(f): calls and texts, per debt
  int washington_per_7_days = 3;      // RCW 19.16.250: communications per week, per debtor
  int nyc_per_7_days = 3;             // 6 RCNY 5-77: attempts across all media, per account
  bool nyc_requires_written_consent_electronic = true;
  // --- Other countries (local time of the consumer).
  WeeklyWindow uk_window = WeeklyWindow::Every({8 * 60, 21 * 60});   // CONC 7.9.4R practice
  WeeklyWindow colombia_window;       // Ley 2300/2023: Mon-Fri 07-19, Sat 08-15, never Sunday
  WeeklyWindow mexico_window = WeeklyWindow::Every({7 * 60, 22 * 60});  // CONDUSEF
  // --- Promises: the most a collector may hold open on one account.
  int max_promises_to_pay = 3;
  // How far ahead a defer looks for the earliest allowed time before it gives up (deny).
  Duration defer_horizon = Duration::Days(31);

  Profile();
  // Ok, or InvalidArgument naming the field that is looser than the rule it encodes.
  Status Validate() const;
};

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_PROFILE_H_
