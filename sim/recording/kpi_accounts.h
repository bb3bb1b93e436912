// Internal to KpiCollector (kpis.h): what the collector remembers per account, and where.
//
// Per account it keeps 8 bytes (AccountDays): the account-level marks (worked, dialled, RPC,
// arranged; each counted once) and the days already counted in accounts_contacted. The days are
// the latest one plus a window of the 16 before it, not a bit per simulated day: an account's
// outbound contacts arrive in time order (the operation works one contact per account at a time
// and reports it when it ends), so a day behind the latest is only ever a contact that straddled
// midnight. A row more than 16 days behind its account's latest is a bug in the emitter and fails
// a check: the collector could not tell whether that day was counted.
//
// AccountTable finds the entry of an account id: a vector indexed by the id while the ids are dense
// (the portfolio generator numbers accounts 1..N), an ordered map for ids far beyond the accounts
// seen (an id of 10^12 costs one map node, not a terabyte). An id moves from the map to the vector
// when the vector grows past it, so the vector always holds every id below its size.
#ifndef RECOUP_SIM_RECORDING_KPI_ACCOUNTS_H_
#define RECOUP_SIM_RECORDING_KPI_ACCOUNTS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim::recording::internal {

// Account-level marks (set the first time only).
enum Mark : uint8_t { kWorked = 1, kDialled = 2, kRpc = 4, kArranged = 8, kSeen = 128 };

struct AccountDays {
  static constexpr uint32_t kWindow = 16;  // days behind the latest that are remembered

  uint32_t latest = 0;  // 1 + the latest day counted; 0 before the first
  uint16_t before = 0;  // bit k: day latest - 2 - k was counted
  uint8_t marks = 0;    // Mark bits

  // Sets `mark`; true the first time.
  bool MarkFirst(Mark mark) {
    if ((marks & mark) != 0) return false;
    marks = static_cast<uint8_t>(marks | mark);
    return true;
  }
  // Records a contact on `day`; true if the day was not counted before. Days may come in any order
  // within kWindow days of the latest (checked).
  bool MarkDay(uint32_t day) {
    if (latest == 0 || day + 1 >= latest) {  // the latest day or a later one
      if (day + 1 == latest) return false;
      const uint32_t shift = latest == 0 ? 0 : day + 1 - latest;  // days the window moves
      uint32_t bits = shift == 0 || shift > kWindow ? 0 : (uint32_t{before} << shift);
      if (latest != 0 && shift <= kWindow) bits |= uint32_t{1} << (shift - 1);  // the old latest
      before = static_cast<uint16_t>(bits);
      latest = day + 1;
      return true;
    }
    const uint32_t back = latest - 2 - day;  // bit index of `day`
    RECOUP_CHECK_MSG(back < kWindow,
                     "KpiCollector: a contact row came " + std::to_string(latest - 1 - day) +
                         " days behind its account's latest (rows of one account must come in "
                         "time order, give or take " +
                         std::to_string(kWindow) + " days)");
    const auto bit = static_cast<uint16_t>(1u << back);
    if ((before & bit) != 0) return false;
    before = static_cast<uint16_t>(before | bit);
    return true;
  }
};
static_assert(sizeof(AccountDays) == 8);

class AccountTable {
 public:
  // Ids below kDenseSlack + kDensePerAccount x (accounts seen) go to the vector.
  static constexpr std::size_t kDenseSlack = std::size_t{1} << 16;
  static constexpr std::size_t kDensePerAccount = 8;

  // The entry of account `id`, zero the first time. Valid until the next Get.
  AccountDays& Get(uint64_t id) {
    AccountDays& a = id < dense_.size() ? dense_[id] : GetSlow(id);
    if ((a.marks & kSeen) == 0) {
      a.marks = static_cast<uint8_t>(a.marks | kSeen);
      ++accounts_;
    }
    return a;
  }
  // Distinct accounts seen.
  std::size_t size() const { return accounts_; }
  // Ids held in the map, not the vector (for tests).
  std::size_t sparse_size() const { return sparse_.size(); }
  // Bytes held, spare capacity included (approximate for the map).
  std::size_t MemoryBytes() const {
    return dense_.capacity() * sizeof(AccountDays) + sparse_.size() * (sizeof(AccountDays) + 48);
  }

 private:
  AccountDays& GetSlow(uint64_t id) {
    const std::size_t limit = kDenseSlack + kDensePerAccount * (accounts_ + 1);
    if (id >= limit) return sparse_[id];
    // Grown by an eighth at least, to exactly that: spare capacity stays under 1 byte an id.
    const auto want = static_cast<std::size_t>(id) + 1 + static_cast<std::size_t>(id) / 8;
    const std::size_t size = std::min(std::max(want, dense_.size() + dense_.size() / 8), limit);
    dense_.reserve(size);
    dense_.resize(size);
    // The map's ids below the new size are its first ones.
    auto it = sparse_.begin();
    for (; it != sparse_.end() && it->first < size; ++it) dense_[it->first] = it->second;
    sparse_.erase(sparse_.begin(), it);
    return dense_[id];
  }

  std::vector<AccountDays> dense_;          // by id, for every id < dense_.size()
  std::map<uint64_t, AccountDays> sparse_;  // the other ids
  std::size_t accounts_ = 0;
};

}  // namespace recoup::sim::recording::internal

#endif  // RECOUP_SIM_RECORDING_KPI_ACCOUNTS_H_
