#include <algorithm>
#include <array>
#include <vector>

#include "core/compliance/context.h"

namespace recoup::compliance::internal {
namespace {


bool InInconvenientTime(const domain::Debtor& d, const LocalParts& local) {
  const int weekday = local.weekday;
  const int minute = local.minute;
  for (const domain::InconvenientTime& b : d.inconvenient_times) {
    if ((b.weekdays >> weekday & 1) != 0 && b.start_minute <= minute && minute < b.end_minute) {
      return true;
    }
  }
  return false;
}

bool WindowOpen(const Context& c, Timestamp t, bool check_designated) {
  for (int i = 0; i < c.where.size; ++i) {
    const Candidate& k = c.where.candidates[i];
    const LocalParts local = Local(t, *k.zone, &c.memo);
    if (!c.debtor.consented_to_inconvenient_hours && !k.window->days[local.weekday].Contains(local.minute)) {
      return false;
    }
    if (check_designated && InInconvenientTime(c.debtor, local)) return false;
  }
  return true;
}

// The left ends of the allowed intervals of one zone on one local day, ascending: the window's
// opening and the ends of designated blocks (midnight too, for a block that runs to 24:00).
// A short list of instants, inline up to kInline (heap beyond: only with many designated blocks).
class Instants {
 public:
  static constexpr std::size_t kInline = 8;
  void clear() {
    size_ = 0;
    heap_.clear();
  }
  void push_back(Timestamp t) {
    if (size_ < kInline) {
      inline_[size_] = t.unix_nanos();
    } else {
      if (heap_.empty()) heap_.assign(inline_, inline_ + kInline);
      heap_.push_back(t.unix_nanos());
    }
    ++size_;
  }
  std::size_t size() const { return size_; }
  Timestamp operator[](std::size_t i) const {
    return Timestamp::FromUnixNanos(size_ <= kInline ? inline_[i] : heap_[i]);
  }
  void sort() {
    int64_t* p = size_ <= kInline ? inline_ : heap_.data();
    std::sort(p, p + size_);
  }

 private:
  int64_t inline_[kInline];  // nanoseconds; left uninitialised (constructed per zone per check)
  std::vector<int64_t> heap_;
  std::size_t size_ = 0;
};

int WeekdayOf(int64_t epoch_day) { return static_cast<int>(((epoch_day % 7) + 10) % 7); }

// The left ends of the allowed intervals of one zone on local day `day` (days since the epoch),
// ascending: the window's opening and the ends of designated blocks (midnight too, for a block that
// runs to 24:00).
void DayStarts(const Context& c, const Candidate& k, int64_t day, bool check_designated,
               Instants& out) {
  out.clear();
  const LocalWindow& w = k.window->days[WeekdayOf(day)];
  if (!w.empty()) out.push_back(LocalInstantOfDay(day, w.start_minute, *k.zone, &c.memo));
  if (check_designated) {
    bool midnight = false;
    for (const domain::InconvenientTime& b : c.debtor.inconvenient_times) {
      if (b.end_minute < kMinutesPerDay) {
        out.push_back(LocalInstantOfDay(day, b.end_minute, *k.zone, &c.memo));
      } else {
        midnight = true;
      }
    }
    if (midnight) out.push_back(LocalInstantOfDay(day + 1, 0, *k.zone, &c.memo));
    out.sort();
  }
}

Timestamp EarliestOpen(const Context& c, Timestamp t, bool check_designated) {
  if (WindowOpen(c, t, check_designated)) return t;
  // The allowed set is an intersection of unions of intervals, so its first point after t is the
  // left end of one of them. Merge the zones' left ends lazily, day by day, in ascending order.
  struct Cursor {
    int64_t day = 0;
    Instants starts;
    std::size_t next = 0;
  };
  std::array<Cursor, Jurisdiction::kMaxCandidates> cursors;
  for (int i = 0; i < c.where.size; ++i) {
    Cursor& cur = cursors[static_cast<std::size_t>(i)];
    cur.day = LocalEpochDay(t, *c.where.candidates[i].zone, &c.memo);
    DayStarts(c, c.where.candidates[i], cur.day, check_designated, cur.starts);
  }
  const Timestamp horizon = t + c.profile.defer_horizon + Duration::Days(2);
  for (;;) {
    int best = -1;
    for (int i = 0; i < c.where.size; ++i) {
      Cursor& cur = cursors[static_cast<std::size_t>(i)];
      // Skip past left ends and refill from the following days (a closed day has none).
      for (int guard = 0; cur.next == cur.starts.size() || cur.starts[cur.next] <= t; ++guard) {
        if (cur.next < cur.starts.size()) {
          ++cur.next;
          continue;
        }
        if (guard > 400) break;
        ++cur.day;
        DayStarts(c, c.where.candidates[i], cur.day, check_designated, cur.starts);
        cur.next = 0;
      }
      if (cur.next == cur.starts.size()) continue;
      const Cursor& top = cursors[static_cast<std::size_t>(best < 0 ? i : best)];
      if (best < 0 || cur.starts[cur.next] < top.starts[top.next]) best = i;
    }
    if (best < 0) return Timestamp::InfiniteFuture();
    Cursor& b = cursors[static_cast<std::size_t>(best)];
    const Timestamp s = b.starts[b.next++];
    if (s > horizon) return Timestamp::InfiniteFuture();
    if (WindowOpen(c, s, check_designated)) return s;
  }
}

}  // namespace

Timestamp TimeWindow(const Context& c, Timestamp t) { return EarliestOpen(c, t, false); }
Timestamp DesignatedTimes(const Context& c, Timestamp t) {
  if (c.debtor.inconvenient_times.empty()) return t;
  return EarliestOpen(c, t, true);
}


}  // namespace recoup::compliance::internal
