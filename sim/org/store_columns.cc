// StringArena and HashIndex (store_columns.h).
#include "sim/org/store_columns.h"

#include <algorithm>
#include <cstring>

namespace recoup::sim::org::store_internal {

uint64_t StringArena::Append(std::string_view s) {
  RECOUP_CHECK_MSG(s.size() <= kMaxString, "string too long for the arena");
  if (blocks_.empty() || used_ + s.size() > block_sizes_.back()) {
    size_t size = blocks_.empty() ? 4096 : std::min(kMaxBlock, block_sizes_.back() * 2);
    while (size < s.size()) size *= 2;
    size = std::min(size, kMaxBlock);
    blocks_.push_back(std::make_unique<char[]>(size));
    block_sizes_.push_back(size);
    used_ = 0;
  }
  const uint64_t block = blocks_.size() - 1;
  const uint64_t offset = used_;
  if (!s.empty()) std::memcpy(blocks_.back().get() + used_, s.data(), s.size());
  used_ += s.size();
  return (block << 44) | (offset << 24) | s.size();
}

uint64_t StringArena::Overwrite(uint64_t ref, std::string_view s) {
  RECOUP_CHECK_MSG(s.size() <= Length(ref), "Overwrite needs room");
  const size_t block = ref >> 44;
  const size_t offset = (ref >> 24) & 0xFFFFF;
  if (!s.empty()) std::memcpy(blocks_[block].get() + offset, s.data(), s.size());
  return (ref & ~uint64_t{0xFFFFFF}) | s.size();
}

void StringArena::Truncate(const Mark& m) {
  while (blocks_.size() > m.blocks) {
    blocks_.pop_back();
    block_sizes_.pop_back();
  }
  used_ = m.used;
  live_bytes_ = m.live_bytes;
}

size_t StringArena::bytes() const {
  size_t total = blocks_.size() * 2 * sizeof(size_t);
  for (size_t s : block_sizes_) total += s;
  return total;
}

void HashIndex::Insert(uint32_t row, uint32_t hash) {
  if (slots_.empty() || (count_ + 1) * 10 > slots_.size() * 7) {
    Rehash(slots_.empty() ? 16 : slots_.size() * 2);
  }
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].row_plus1 != 0) i = (i + 1) & mask;
  slots_[i] = Slot{row + 1, hash};
  ++count_;
}

void HashIndex::Erase(uint32_t row, uint32_t hash) {
  RECOUP_CHECK_MSG(!slots_.empty(), "HashIndex::Erase on an empty index");
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (!(slots_[i].row_plus1 == row + 1 && slots_[i].hash == hash)) {
    RECOUP_CHECK_MSG(slots_[i].row_plus1 != 0, "HashIndex::Erase of a missing entry");
    i = (i + 1) & mask;
  }
  // Backward-shift deletion: move later entries of the run into the hole when their home allows it.
  size_t hole = i;
  for (size_t j = (hole + 1) & mask; slots_[j].row_plus1 != 0; j = (j + 1) & mask) {
    const size_t home = slots_[j].hash & mask;
    const bool movable = (hole <= j) ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = Slot{};
  --count_;
}

void HashIndex::Rehash(size_t capacity) {
  if (capacity == 0) {
    RECOUP_CHECK_MSG(count_ == 0, "HashIndex::Rehash(0) of a non-empty index");
    std::vector<Slot>().swap(slots_);
    return;
  }
  RECOUP_CHECK_MSG(
      capacity >= 16 && (capacity & (capacity - 1)) == 0 && count_ * 10 <= capacity * 7,
      "HashIndex::Rehash: bad capacity");
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (const Slot& s : old) {
    if (s.row_plus1 == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].row_plus1 != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace recoup::sim::org::store_internal
