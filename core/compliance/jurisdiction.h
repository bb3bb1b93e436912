// Resolving where a consumer may be (used by the compliance engine; exposed for tests and reports).
//
// The candidates are the consumer's address (its geocoded zone, or every zone of its region), every
// usable phone's area code (all zones the code spans), and any other zone the consumer is known to be
// in. Each candidate carries the calling window of its country. The state and city overlays apply
// when any candidate is in their territory (the strictest plausible rule wins).
#ifndef RECOUP_CORE_COMPLIANCE_JURISDICTION_H_
#define RECOUP_CORE_COMPLIANCE_JURISDICTION_H_

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"
#include "core/compliance/profile.h"
#include "core/domain/calendar.h"
#include "core/domain/debtor.h"

namespace recoup::compliance {

// An IANA zone with its UTC offsets precomputed (1900-2200), so that the local time of an instant
// is a binary search and some arithmetic rather than a full cctz conversion.
class Zone {
 public:
  // `id` is small and distinct among the zones one engine sees (the tables' zones count from 1,
  // an engine's ZoneCache continues after them): it picks the zone's OffsetMemo slot.
  Zone(const cctz::time_zone& tz, uint32_t id);
  const cctz::time_zone& tz() const { return tz_; }
  uint32_t id() const { return id_; }
  // The period of constant UTC offset that contains Unix second `s`: [lo, hi).
  struct Period {
    int64_t lo;
    int64_t hi;
    int32_t offset;
  };
  Period PeriodAt(int64_t s) const;
  // UTC offset in seconds in effect at Unix second `s`.
  int32_t OffsetAt(int64_t s) const;

 private:
  static constexpr int kBucketShift = 22;  // ~48-day buckets
  // The index of the period that contains `s`.
  std::size_t Index(int64_t s) const;

  cctz::time_zone tz_;
  uint32_t id_ = 0;
  std::vector<int64_t> starts_;   // ascending; offsets_[i] applies from starts_[i]
  std::vector<int32_t> offsets_;
  int64_t base_ = 0;              // first second covered by buckets_
  std::vector<uint32_t> buckets_; // period index at the start of each bucket
};

class ZoneCache;  // below

// A loaded zone, or nullptr if the name is not in the time-zone database (fails closed). The
// tables' zones are loaded once per process (thread-safe, immutable after); other names go through
// `cache` (nullptr: not found).
const Zone* FindZone(std::string_view name, ZoneCache* cache);

// Trivially constructible, so that a Jurisdiction's array is not cleared on every resolution.
struct Candidate {
  const Zone* zone;
  const WeeklyWindow* window;
};

struct Jurisdiction {
  static constexpr int kMaxCandidates = 24;
  Candidate candidates[kMaxCandidates];
  int size = 0;
  bool overflow = false;         // more distinct zones than kMaxCandidates: fail closed
  bool unresolved_name = false;  // a zone name the database does not know: fail closed
  bool massachusetts = false;
  bool washington = false;
  bool new_york_city = false;
  bool all_party_recording = false;

  // Usable when at least one zone is known and nothing was dropped.
  bool usable() const { return size > 0 && !overflow && !unresolved_name; }
  // The zone in which local days are counted: the address's (first candidate).
  const Zone& primary() const { return *candidates[0].zone; }
};

Jurisdiction Resolve(const domain::Debtor& debtor, const Profile& profile, ZoneCache* cache);
// Resolve into `out`, which is reset first (its candidate array is written, never cleared).
void ResolveInto(const domain::Debtor& debtor, const Profile& profile, ZoneCache* cache,
                 Jurisdiction& out);

// Remembers the offset period last used per zone (one slot per zone id, so the zones of one engine
// rarely share a slot), so that the many local-time questions of compliance checks cost one table
// lookup per zone. Kept by an engine across its checks (checks of one run ask about nearby
// instants, so the periods stay valid); never shared between threads.
class OffsetMemo {
 public:
  static constexpr uint32_t kEntries = 128;  // a power of two
  Zone::Period At(const Zone& zone, int64_t s) {
    Entry& e = entries_[zone.id() & (kEntries - 1)];
    if (e.zone == &zone && e.period.lo <= s && s < e.period.hi) return e.period;
    e = Entry{&zone, zone.PeriodAt(s)};
    return e.period;
  }

 private:
  struct Entry {
    const Zone* zone = nullptr;
    Zone::Period period{};
  };
  Entry entries_[kEntries];
};

// Zones named in debtor data (a geocoded address zone, other known zones) that the region and
// area-code tables do not use, loaded on first use, and the engine's offset memo. Not thread-safe:
// one per engine.
class ZoneCache {
 public:
  // The zone, or nullptr if the tz database does not know the name (remembered too).
  const Zone* Find(std::string_view name);
  OffsetMemo& memo() { return memo_; }

 private:
  std::map<std::string, std::unique_ptr<Zone>, std::less<>> zones_;
  uint32_t next_id_ = 0;  // 0: not started (continues after the tables' zones)
  OffsetMemo memo_;
};

// Local wall-clock facts of an instant in a zone (floor semantics before 1970 too).
struct LocalParts {
  int64_t day = 0;    // days since 1970-01-01 (local)
  int weekday = 0;    // 0 = Monday ... 6 = Sunday
  int minute = 0;     // minutes after local midnight
};
LocalParts Local(Timestamp t, const Zone& zone, OffsetMemo* memo = nullptr);
// Local(t, zone, memo).day, computed without the minute and weekday.
int64_t LocalEpochDay(Timestamp t, const Zone& zone, OffsetMemo* memo = nullptr);
// The instant local day `epoch_day` (days since 1970-01-01) starts, plus `minute` minutes.
Timestamp LocalInstantOfDay(int64_t epoch_day, int minute, const Zone& zone,
                            OffsetMemo* memo = nullptr);
domain::LocalDate LocalDay(Timestamp t, const Zone& zone);
// The instant local `day` starts (plus `minute` minutes) in `zone`; a skipped local time (DST gap)
// maps to the instant just after the gap, a repeated one to its first occurrence.
Timestamp LocalInstant(domain::LocalDate day, int minute, const Zone& zone);

}  // namespace recoup::compliance

#endif  // RECOUP_CORE_COMPLIANCE_JURISDICTION_H_
