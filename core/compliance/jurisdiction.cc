#include "core/compliance/jurisdiction.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>
#include <vector>
#include <map>
#include <memory>
#include <string>

#include "core/compliance/area_codes.h"
#include "core/compliance/regions.h"

namespace recoup::compliance {
namespace {

enum class WindowKind : uint8_t { kUs, kUk, kColombia, kMexico };

WindowKind KindOf(std::string_view country) {
  if (country == "GB") return WindowKind::kUk;
  if (country == "CO") return WindowKind::kColombia;
  if (country == "MX") return WindowKind::kMexico;
  return WindowKind::kUs;  // US, Canada and anywhere else: the Reg F window
}

const WeeklyWindow& WindowFor(WindowKind k, const Profile& p) {
  switch (k) {
    case WindowKind::kUk: return p.uk_window;
    case WindowKind::kColombia: return p.colombia_window;
    case WindowKind::kMexico: return p.mexico_window;
    case WindowKind::kUs: break;
  }
  return p.us_window;
}

const WeeklyWindow& WindowOf(std::string_view country, const Profile& p) {
  return WindowFor(KindOf(country), p);
}


std::unique_ptr<Zone> LoadZone(std::string_view name, uint32_t id) {
  cctz::time_zone tz;
  if (name.empty() || !cctz::load_time_zone(std::string(name), &tz)) return nullptr;
  return std::make_unique<Zone>(tz, id);
}

// Area codes of New York City (Manhattan, the outer boroughs and their overlays).
bool NewYorkCityAreaCode(int code) {
  constexpr int kCodes[] = {212, 332, 347, 646, 718, 917, 929};
  for (const int c : kCodes) {
    if (c == code) return true;
  }
  return false;
}

// The zones of the region and area-code tables, loaded on first use (a function-local static, so
// thread-safe) and immutable after: names from the tables are the common case.
class TableZones {
 public:
  TableZones() {
    std::vector<std::string_view> names;
    for (const RegionInfo& r : AllRegions()) names.insert(names.end(), r.zones.begin(), r.zones.end());
    for (const AreaCodeEntry& e : AllAreaCodes()) {
      names.insert(names.end(), e.info.zones.begin(), e.info.zones.end());
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string_view n : names) {
      zones_.push_back(LoadZone(n, static_cast<uint32_t>(zones_.size() + 1)));
      index_.emplace_back(n, zones_.back().get());
    }
  }
  // Found: the zone (nullptr if the database lacks it); not in the tables: `missing`.
  // How many names the tables hold (their zones' ids are 1..size()).
  uint32_t size() const { return static_cast<uint32_t>(zones_.size()); }
  const Zone* Find(std::string_view name, bool& in_table) const {
    const auto it = std::lower_bound(index_.begin(), index_.end(), name,
                                     [](const auto& e, std::string_view n) { return e.first < n; });
    in_table = it != index_.end() && it->first == name;
    return in_table ? it->second : nullptr;
  }

 private:
  std::vector<std::unique_ptr<Zone>> zones_;
  std::vector<std::pair<std::string_view, const Zone*>> index_;
};

const TableZones& Tables() {
  static const TableZones* tables = new TableZones();
  return *tables;
}

// A region or an area code with its zones loaded and its overlays decided, so that resolving a
// debtor compares no strings in the common case.
struct Place {
  static constexpr int kMaxZones = 12;
  const Zone* zones[kMaxZones] = {};
  int size = 0;
  bool unresolved = false;  // a zone of the table is missing from the database
  WindowKind window = WindowKind::kUs;
  bool massachusetts = false;
  bool washington = false;
  bool all_party_recording = false;
  bool new_york_city = false;

  void Note(std::string_view country, std::string_view region) {
    if (country != "US") return;
    massachusetts |= region == "MA";
    washington |= region == "WA";
    all_party_recording |= AllPartyRecordingState(region);
  }
  void AddZones(std::span<const std::string_view> names) {
    for (const std::string_view n : names) {
      const Zone* z = FindZone(n, nullptr);
      if (z == nullptr || size == kMaxZones) {
        unresolved = true;
      } else {
        zones[size++] = z;
      }
    }
  }
};

uint32_t RegionKey(std::string_view country, std::string_view region) {
  const auto at = [](std::string_view s, std::size_t i) -> uint32_t {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u;
  };
  if (country.size() > 2 || region.size() > 2) return 0;  // no such row: looked up by name
  return at(country, 0) << 24 | at(country, 1) << 16 | at(region, 0) << 8 | at(region, 1);
}

class Places {
 public:
  Places() {
    // Area codes' places side by side (a check touches one or two; contiguous rows stay cached).
    std::fill(std::begin(area_index_), std::end(area_index_), -1);
    area_places_.reserve(AllAreaCodes().size());
    for (const AreaCodeEntry& e : AllAreaCodes()) {
      if (e.area_code < 0 || e.area_code >= 1000) continue;
      Place p;
      p.window = KindOf(e.info.country);
      p.AddZones(e.info.zones);
      p.Note(e.info.country, e.info.region);
      for (const std::string_view r : e.info.other_regions) p.Note(e.info.country, r);
      p.new_york_city = NewYorkCityAreaCode(e.area_code);
      area_index_[static_cast<std::size_t>(e.area_code)] = static_cast<int16_t>(area_places_.size());
      area_places_.push_back(p);
    }
    for (const RegionInfo& r : AllRegions()) {
      Place p;
      p.window = KindOf(r.country);
      p.AddZones(r.zones);
      p.Note(r.country, r.region);
      regions_.emplace_back(RegionKey(r.country, r.region), p);
    }
    // An open-addressing table at most 1/4 full: lookups almost always take one probe, with no
    // unpredictable branches (a binary search over the rows was a visible share of a check).
    while (slots_.size() < 4 * regions_.size()) slots_.resize(slots_.empty() ? 64 : 2 * slots_.size());
    for (std::size_t i = 0; i < regions_.size(); ++i) {
      std::size_t h = Hash(regions_[i].first);
      while (slots_[h].key != 0) h = (h + 1) & (slots_.size() - 1);
      slots_[h] = Slot{regions_[i].first, static_cast<uint32_t>(i)};
    }
  }
  const Place* AreaCode(int code) const {
    if (code < 0 || code >= 1000) return nullptr;
    const int16_t i = area_index_[static_cast<std::size_t>(code)];
    return i < 0 ? nullptr : &area_places_[static_cast<std::size_t>(i)];
  }
  // The region's row, else the whole country's, else nullptr.
  const Place* Region(std::string_view country, std::string_view region) const {
    for (const uint32_t key : {RegionKey(country, region), RegionKey(country, "")}) {
      if (key == 0) continue;
      for (std::size_t h = Hash(key); slots_[h].key != 0; h = (h + 1) & (slots_.size() - 1)) {
        if (slots_[h].key == key) return &regions_[slots_[h].row].second;
      }
    }
    return nullptr;
  }

 private:
  struct Slot {
    uint32_t key = 0;  // RegionKey; 0 = empty (no real row has key 0)
    uint32_t row = 0;  // index into regions_
  };
  std::size_t Hash(uint32_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B1u) >> 16) & (slots_.size() - 1);
  }

  int16_t area_index_[1000];         // area code -> row of area_places_, -1 for none
  std::vector<Place> area_places_;
  std::vector<std::pair<uint32_t, Place>> regions_;
  std::vector<Slot> slots_;
};

const Places& AllPlaces() {
  static const Places* places = new Places();
  return *places;
}


void Add(Jurisdiction& j, const Zone* zone, const WeeklyWindow& window) {
  for (int i = 0; i < j.size; ++i) {
    if (j.candidates[i].zone == zone && j.candidates[i].window == &window) return;
  }
  if (j.size == Jurisdiction::kMaxCandidates) {
    j.overflow = true;
    return;
  }
  j.candidates[j.size++] = Candidate{zone, &window};
}

void Add(Jurisdiction& j, std::string_view zone_name, const WeeklyWindow& window, ZoneCache* cache) {
  const Zone* zone = FindZone(zone_name, cache);
  if (zone == nullptr) {
    j.unresolved_name = true;
    return;
  }
  Add(j, zone, window);
}

void AddPlace(Jurisdiction& j, const Place& p, const Profile& profile) {
  const WeeklyWindow& window = WindowFor(p.window, profile);
  for (int i = 0; i < p.size; ++i) Add(j, p.zones[i], window);
  j.unresolved_name |= p.unresolved;
  j.massachusetts |= p.massachusetts;
  j.washington |= p.washington;
  j.all_party_recording |= p.all_party_recording;
  j.new_york_city |= p.new_york_city;
}

void NoteRegion(Jurisdiction& j, std::string_view country, std::string_view region) {
  if (country != "US") return;
  j.massachusetts |= region == "MA";
  j.washington |= region == "WA";
  j.all_party_recording |= AllPartyRecordingState(region);
}

// a / b rounded down, for b > 0. Instants after 1970 take the unsigned path: one multiply-high
// and a shift, rather than a signed division by a constant and its corrections.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  if (a >= 0) return static_cast<int64_t>(static_cast<uint64_t>(a) / static_cast<uint64_t>(b));
  return a / b - (a % b != 0 ? 1 : 0);
}

}  // namespace

const Zone* ZoneCache::Find(std::string_view name) {
  const auto it = zones_.find(name);
  if (it != zones_.end()) return it->second.get();
  if (next_id_ == 0) next_id_ = Tables().size() + 1;
  std::unique_ptr<Zone> zone = LoadZone(name, next_id_++);
  const Zone* result = zone.get();
  zones_.emplace(std::string(name), std::move(zone));
  return result;
}

const Zone* FindZone(std::string_view name, ZoneCache* cache) {
  bool in_table = false;
  const Zone* zone = Tables().Find(name, in_table);
  if (in_table) return zone;
  return cache != nullptr ? cache->Find(name) : nullptr;
}

Jurisdiction Resolve(const domain::Debtor& debtor, const Profile& profile, ZoneCache* cache) {
  Jurisdiction j;
  ResolveInto(debtor, profile, cache, j);
  return j;
}

void ResolveInto(const domain::Debtor& debtor, const Profile& profile, ZoneCache* cache,
                 Jurisdiction& j) {
  j.size = 0;
  j.overflow = j.unresolved_name = false;
  j.massachusetts = j.washington = j.new_york_city = j.all_party_recording = false;
  const Places& places = AllPlaces();
  const domain::Address& a = debtor.address;
  const WeeklyWindow& home_window = WindowOf(a.country, profile);
  const Place* home = a.country.empty() ? nullptr : places.Region(a.country, a.region);
  if (!a.time_zone.empty()) {
    Add(j, a.time_zone, home_window, cache);
    NoteRegion(j, a.country, a.region);
  } else if (home != nullptr) {
    AddPlace(j, *home, profile);
  } else {
    NoteRegion(j, a.country, a.region);
  }
  j.new_york_city |= InNewYorkCity(a.region, a.postal_code);
  for (const domain::Phone& phone : debtor.phones) {
    if (phone.wrong_number || phone.area_code == 0) continue;
    // Non-geographic codes say nothing about where the person is.
    if (const Place* p = places.AreaCode(phone.area_code)) AddPlace(j, *p, profile);
  }
  for (const std::string& z : debtor.known_time_zones) Add(j, z, home_window, cache);
}

namespace {
constexpr int64_t kSecondsPerDay = 86'400;
}  // namespace

Zone::Zone(const cctz::time_zone& tz, uint32_t id) : tz_(tz), id_(id) {
  using cctz::time_point;
  const time_point<cctz::seconds> first = cctz::convert(cctz::civil_second(1900, 1, 1), cctz::utc_time_zone());
  const time_point<cctz::seconds> last = cctz::convert(cctz::civil_second(2200, 1, 1), cctz::utc_time_zone());
  time_point<cctz::seconds> at = first;
  starts_.push_back(std::numeric_limits<int64_t>::min());
  offsets_.push_back(tz_.lookup(first).offset);
  cctz::time_zone::civil_transition trans;
  while (at < last && tz_.next_transition(at, &trans)) {
    at = tz_.lookup(trans.to).trans;
    const int32_t offset = tz_.lookup(at).offset;
    if (offset != offsets_.back()) {
      starts_.push_back(at.time_since_epoch().count());
      offsets_.push_back(offset);
    }
  }
  starts_.push_back(std::numeric_limits<int64_t>::max());  // sentinel
  offsets_.push_back(offsets_.back());
  base_ = first.time_since_epoch().count();
  const int64_t end = last.time_since_epoch().count();
  std::size_t i = 0;
  for (int64_t b = base_; b < end; b += int64_t{1} << kBucketShift) {
    while (starts_[i + 1] <= b) ++i;
    buckets_.push_back(static_cast<uint32_t>(i));
  }
}

std::size_t Zone::Index(int64_t s) const {
  const int64_t b = (s - base_) >> kBucketShift;
  if (s < base_ || b >= static_cast<int64_t>(buckets_.size())) {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), s);
    return static_cast<std::size_t>(it - starts_.begin()) - 1;
  }
  // starts_ ends with a sentinel, so starts_[i + 1] always exists. Buckets are shorter than the
  // gap between DST changes, so one step almost always suffices; the rest is for zones that changed
  // more often.
  std::size_t i = buckets_[static_cast<std::size_t>(b)];
  i += starts_[i + 1] <= s ? 1 : 0;
  while (starts_[i + 1] <= s) ++i;
  return i;
}

int32_t Zone::OffsetAt(int64_t s) const { return offsets_[Index(s)]; }

Zone::Period Zone::PeriodAt(int64_t s) const {
  const std::size_t i = Index(s);
  return Period{starts_[i], starts_[i + 1], offsets_[i]};
}

namespace {
// Local seconds since 1970-01-01T00:00 (local) of instant t.
int64_t LocalSeconds(Timestamp t, const Zone& zone, OffsetMemo* memo) {
  const int64_t s = FloorDiv(t.unix_nanos(), 1'000'000'000);
  return s + (memo != nullptr ? memo->At(zone, s).offset : zone.OffsetAt(s));
}
}  // namespace

LocalParts Local(Timestamp t, const Zone& zone, OffsetMemo* memo) {
  const int64_t local = LocalSeconds(t, zone, memo);
  LocalParts p;
  p.day = FloorDiv(local, kSecondsPerDay);
  const auto second_of_day = static_cast<uint32_t>(local - p.day * kSecondsPerDay);
  p.minute = static_cast<int>(second_of_day / 60);
  // 1970-01-01 was a Thursday.
  p.weekday = p.day >= 0 ? static_cast<int>((static_cast<uint64_t>(p.day) + 3) % 7)
                         : static_cast<int>(((p.day % 7) + 7 + 3) % 7);
  return p;
}

int64_t LocalEpochDay(Timestamp t, const Zone& zone, OffsetMemo* memo) {
  return FloorDiv(LocalSeconds(t, zone, memo), kSecondsPerDay);
}

// Days since 1970-01-01 <-> civil date in constant time (the proleptic Gregorian algorithms of
// "chrono-compatible low-level date algorithms", H. Hinnant), as cctz steps by years.
domain::LocalDate FromEpochDays(int64_t z) {
  z += 719'468;
  const int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const int64_t doe = z - era * 146'097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return domain::LocalDate(yoe + era * 400 + (m <= 2 ? 1 : 0), static_cast<int>(m), static_cast<int>(d));
}

int64_t EpochDays(domain::LocalDate date) {
  const int64_t m = date.month();
  const int64_t y = date.year() - (m <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day() - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146'097 + doe - 719'468;
}

domain::LocalDate LocalDay(Timestamp t, const Zone& zone) { return FromEpochDays(Local(t, zone).day); }

Timestamp LocalInstant(domain::LocalDate day, int minute, const Zone& zone) {
  return LocalInstantOfDay(EpochDays(day), minute, zone);
}

Timestamp LocalInstantOfDay(int64_t epoch_day, int minute, const Zone& zone, OffsetMemo* memo) {
  const int64_t local = epoch_day * kSecondsPerDay + int64_t{minute} * 60;
  const auto period_at = [&](int64_t s) { return memo != nullptr ? memo->At(zone, s) : zone.PeriodAt(s); };
  const int64_t guess = local - period_at(local).offset;
  const Zone::Period p = period_at(guess);
  const int64_t s = local - p.offset;
  // Far from a transition the arithmetic is exact; near one, cctz resolves gaps and repeats.
  if (p.lo <= s - kSecondsPerDay && s + kSecondsPerDay <= p.hi) return Timestamp::FromUnixSeconds(s);
  const cctz::civil_second cs = cctz::civil_second(FromEpochDays(epoch_day)) + int64_t{minute} * 60;
  const cctz::time_zone::civil_lookup cl = zone.tz().lookup(cs);
  // kSkipped: `trans` is the first instant after the gap; otherwise the earlier of a repeated time.
  const cctz::time_point<cctz::seconds> tp =
      cl.kind == cctz::time_zone::civil_lookup::SKIPPED ? cl.trans : cl.pre;
  return Timestamp::FromUnixSeconds(tp.time_since_epoch().count());
}

}  // namespace recoup::compliance
