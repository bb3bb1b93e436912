// Internal to the compliance audit (compliance_audit.h): time zones loaded through cctz, the zones
// of area codes and regions taken from core/compliance's tables (as data only), and the
// calling-window test in one zone. Written independently of core/compliance/jurisdiction and
// window.
#ifndef RECOUP_SIM_RECORDING_AUDIT_LOCATION_H_
#define RECOUP_SIM_RECORDING_AUDIT_LOCATION_H_

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"
#include "core/compliance/profile.h"

namespace recoup::sim::recording::audit {

// Which law's window applies to a candidate location.
enum class WindowKind : uint8_t { kRegF, kUk, kColombia, kMexico };
// GB -> kUk, CO -> kColombia, MX -> kMexico, anything else (US, CA, other NANP) -> kRegF.
WindowKind KindOfCountry(std::string_view country);

// Reg F 1006.6(b)(1)(i): 08:00 to 21:00 local, every day.
inline constexpr int kRegFWindowStartMinute = 8 * 60;
inline constexpr int kRegFWindowEndMinute = 21 * 60;

// One candidate location: a zone (index into the ZoneTable) and the window that applies there.
struct Candidate {
  int zone = -1;
  WindowKind kind = WindowKind::kRegF;
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

// Zones by name, each loaded once; -1 for a name cctz does not know.
class ZoneTable {
 public:
  int Find(std::string_view name);
  // Local wall-clock time of `t` (whole seconds, floor) in zone `index` (>= 0).
  cctz::civil_second Local(int index, Timestamp t) const;

  // The zones of a NANP area code from the area-code table, or nullopt when the code is not in the
  // table (non-geographic, unassigned). `unknown_zone` is set if a listed zone failed to load.
  struct AreaZones {
    std::vector<int> zones;
    WindowKind kind = WindowKind::kRegF;
    bool unknown_zone = false;
  };
  const AreaZones* AreaCode(int area_code);

 private:
  std::map<std::string, int, std::less<>> index_;
  std::vector<cctz::time_zone> zones_;
  std::map<int, std::optional<AreaZones>> area_codes_;
};

// Monday = 0 ... Sunday = 6.
int WeekdayIndex(const cctz::civil_second& local);
int MinuteOfDay(const cctz::civil_second& local);

// Whether `local` is inside the window of `kind`. `consented_hours`: the person consented to calls
// outside the usual hours, which waives the Reg F and UK windows (not the statutory CO/MX ones).
bool InsideWindow(WindowKind kind, const compliance::Profile& profile, bool consented_hours,
                  const cctz::civil_second& local);

}  // namespace recoup::sim::recording::audit

#endif  // RECOUP_SIM_RECORDING_AUDIT_LOCATION_H_
