#include "sim/recording/audit_location.h"

#include <chrono>
#include <string>

#include "core/compliance/area_codes.h"

namespace recoup::sim::recording::audit {

WindowKind KindOfCountry(std::string_view country) {
  if (country == "GB") return WindowKind::kUk;
  if (country == "CO") return WindowKind::kColombia;
  if (country == "MX") return WindowKind::kMexico;
  return WindowKind::kRegF;
}

int ZoneTable::Find(std::string_view name) {
  const auto it = index_.find(name);
  if (it != index_.end()) return it->second;
  cctz::time_zone tz;
  int index = -1;
  if (!name.empty() && cctz::load_time_zone(std::string(name), &tz)) {
    index = static_cast<int>(zones_.size());
    zones_.push_back(tz);
  }
  index_.emplace(std::string(name), index);
  return index;
}

cctz::civil_second ZoneTable::Local(int index, Timestamp t) const {
  const int64_t ns = t.unix_nanos();
  int64_t s = ns / 1'000'000'000;
  if (ns % 1'000'000'000 < 0) --s;  // floor for instants before 1970
  const cctz::time_point<cctz::seconds> tp{cctz::seconds(s)};
  return cctz::convert(tp, zones_[static_cast<std::size_t>(index)]);
}

const ZoneTable::AreaZones* ZoneTable::AreaCode(int area_code) {
  auto it = area_codes_.find(area_code);
  if (it == area_codes_.end()) {
    std::optional<AreaZones> entry;
    if (const compliance::AreaCodeInfo* info = compliance::LookupAreaCode(area_code)) {
      AreaZones z;
      z.kind = KindOfCountry(info->country);
      for (const std::string_view name : info->zones) {
        const int index = Find(name);
        if (index < 0) {
          z.unknown_zone = true;
        } else {
          z.zones.push_back(index);
        }
      }
      entry = std::move(z);
    }
    it = area_codes_.emplace(area_code, std::move(entry)).first;
  }
  return it->second.has_value() ? &*it->second : nullptr;
}

int WeekdayIndex(const cctz::civil_second& local) {
  switch (cctz::get_weekday(cctz::civil_day(local))) {
    case cctz::weekday::monday:
      return 0;
    case cctz::weekday::tuesday:
      return 1;
    case cctz::weekday::wednesday:
      return 2;
    case cctz::weekday::thursday:
      return 3;
    case cctz::weekday::friday:
      return 4;
    case cctz::weekday::saturday:
      return 5;
    case cctz::weekday::sunday:
      return 6;
  }
  return 0;
}

int MinuteOfDay(const cctz::civil_second& local) { return local.hour() * 60 + local.minute(); }

bool InsideWindow(WindowKind kind, const compliance::Profile& profile, bool consented_hours,
                  const cctz::civil_second& local) {
  const int weekday = WeekdayIndex(local);
  const int minute = MinuteOfDay(local);
  switch (kind) {
    case WindowKind::kRegF:
      return consented_hours || (kRegFWindowStartMinute <= minute && minute < kRegFWindowEndMinute);
    case WindowKind::kUk:
      return consented_hours || profile.uk_window.days[weekday].Contains(minute);
    case WindowKind::kColombia:
      return profile.colombia_window.days[weekday].Contains(minute);
    case WindowKind::kMexico:
      return profile.mexico_window.days[weekday].Contains(minute);
  }
  return false;
}

}  // namespace recoup::sim::recording::audit
