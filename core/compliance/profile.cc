#include "core/compliance/profile.h"

#include <string>

namespace recoup::compliance {
namespace {

constexpr const char* kDays[7] = {"monday", "tuesday", "wednesday", "thursday",
                                  "friday", "saturday", "sunday"};

// Each day of `w` must lie inside the same day of `limit` (or be closed).
Status WithinWindow(const WeeklyWindow& w, const WeeklyWindow& limit, const char* field) {
  for (int d = 0; d < 7; ++d) {
    const LocalWindow& x = w.days[d];
    if (x.start_minute < 0 || x.end_minute > 24 * 60) {
      return InvalidArgumentError(std::string(field) + "." + kDays[d] +
                                  ": minutes must lie in [0, 1440]");
    }
    if (x.empty()) continue;
    const LocalWindow& l = limit.days[d];
    if (l.empty() || x.start_minute < l.start_minute || x.end_minute > l.end_minute) {
      return InvalidArgumentError(std::string(field) + "." + kDays[d] + ": window " +
                                  std::to_string(x.start_minute) + "-" + std::to_string(x.end_minute) +
                                  " min is wider than the rule's " + std::to_string(l.start_minute) +
                                  "-" + std::to_string(l.end_minute));
    }
  }
  return OkStatus();
}

Status AtMost(int value, int limit, int floor, const char* field) {
  if (value < floor || value > limit) {
    return InvalidArgumentError(std::string(field) + " is " + std::to_string(value) +
                                "; expected " + std::to_string(floor) + ".." + std::to_string(limit));
  }
  return OkStatus();
}

WeeklyWindow ColombiaLaw() {
  WeeklyWindow w = WeeklyWindow::Every({7 * 60, 19 * 60});
  w.days[5] = {8 * 60, 15 * 60};
  w.days[6] = {0, 0};
  return w;
}

}  // namespace

Profile::Profile() : colombia_window(ColombiaLaw()) {}

Status Profile::Validate() const {
  const Profile law;
  RECOUP_RETURN_IF_ERROR(WithinWindow(us_window, law.us_window, "us_window"));
  RECOUP_RETURN_IF_ERROR(WithinWindow(uk_window, law.uk_window, "uk_window"));
  RECOUP_RETURN_IF_ERROR(WithinWindow(colombia_window, law.colombia_window, "colombia_window"));
  RECOUP_RETURN_IF_ERROR(WithinWindow(mexico_window, law.mexico_window, "mexico_window"));
  RECOUP_RETURN_IF_ERROR(AtMost(calls_per_7_days, law.calls_per_7_days, 0, "calls_per_7_days"));
  RECOUP_RETURN_IF_ERROR(AtMost(massachusetts_per_7_days, law.massachusetts_per_7_days, 0,
                                "massachusetts_per_7_days"));
  RECOUP_RETURN_IF_ERROR(
      AtMost(washington_per_7_days, law.washington_per_7_days, 0, "washington_per_7_days"));
  RECOUP_RETURN_IF_ERROR(AtMost(nyc_per_7_days, law.nyc_per_7_days, 0, "nyc_per_7_days"));
  RECOUP_RETURN_IF_ERROR(AtMost(post_conversation_days, 30, law.post_conversation_days,
                                "post_conversation_days"));
  RECOUP_RETURN_IF_ERROR(AtMost(max_calls_per_day_per_person, 24, 0, "max_calls_per_day_per_person"));
  RECOUP_RETURN_IF_ERROR(AtMost(max_promises_to_pay, 100, 0, "max_promises_to_pay"));
  if (sms_consent_freshness > law.sms_consent_freshness || sms_consent_freshness < Duration::Zero()) {
    return InvalidArgumentError("sms_consent_freshness must be 0..60 days");
  }
  if (email_notice_min_optout < law.email_notice_min_optout) {
    return InvalidArgumentError("email_notice_min_optout must be at least 35 days");
  }
  if (min_gap_same_number < Duration::Zero()) {
    return InvalidArgumentError("min_gap_same_number must not be negative");
  }
  if (defer_horizon < Duration::Days(1) || defer_horizon > Duration::Days(366)) {
    return InvalidArgumentError("defer_horizon must be 1..366 days");
  }
  if (!nyc_requires_written_consent_electronic) {
    return InvalidArgumentError("nyc_requires_written_consent_electronic cannot be turned off");
  }
  return OkStatus();
}

}  // namespace recoup::compliance
