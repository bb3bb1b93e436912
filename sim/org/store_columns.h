// Building blocks of the record store's compact layout (internal to sim/org; record_store.h is the
// API): chunked vectors that grow without reallocating what they hold, bit vectors, an append-only
// string arena with truncation (for rollback), and an open-addressing hash index of rows.
#ifndef RECOUP_SIM_ORG_STORE_COLUMNS_H_
#define RECOUP_SIM_ORG_STORE_COLUMNS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/base/check.h"

namespace recoup::sim::org::store_internal {

inline constexpr uint32_t kChunkShift = 14;  // 16,384 elements per chunk
inline constexpr size_t kChunkSize = size_t{1} << kChunkShift;
inline constexpr size_t kChunkMask = kChunkSize - 1;

// A vector of trivially copyable T in fixed chunks of 2^Shift elements: push_back never moves
// existing elements, so growth has no copy spike.
//
// A chunk holds memory only while one of its elements differs from T{}: it is allocated on the
// first such write and freed when the last one goes back to T{} (a count per chunk) or is popped.
// Until then its elements read as T{} for free, so a column that stays null (most lookups and
// optional fields of a loaded table) takes nothing per row, and a rollback or an update that
// clears values returns the memory too.
template <typename T, uint32_t Shift = kChunkShift>
class ChunkedVector {
 public:
  static constexpr size_t kSize = size_t{1} << Shift;
  static constexpr size_t kMask = kSize - 1;

  size_t size() const { return size_; }
  T operator[](size_t i) const {
    RECOUP_DCHECK(i < size_);
    const T* data = chunks_[i >> Shift].data.get();
    return data != nullptr ? data[i & kMask] : T{};
  }
  void set(size_t i, T v) {
    RECOUP_DCHECK(i < size_);
    Chunk& c = chunks_[i >> Shift];
    if (c.data == nullptr) {
      if (v == T{}) return;
      c.data = std::make_unique<T[]>(kSize);  // value-initialised: every element T{}
    }
    T& slot = c.data[i & kMask];
    c.nonzero += static_cast<uint32_t>(v != T{}) - static_cast<uint32_t>(slot != T{});
    slot = v;
    if (c.nonzero == 0) c.data.reset();
  }
  void push_back(T v) {
    if ((size_ & kMask) == 0) chunks_.emplace_back();
    set(size_++, v);
  }
  void pop_back() {
    RECOUP_DCHECK(size_ > 0);
    set(size_ - 1, T{});
    --size_;
    if ((size_ & kMask) == 0) chunks_.pop_back();
  }
  // Bytes of the allocated chunks plus the chunk table.
  size_t bytes() const { return allocated() * kSize * sizeof(T) + chunks_.size() * sizeof(Chunk); }
  // Chunks holding memory.
  size_t allocated() const {
    size_t n = 0;
    for (const Chunk& c : chunks_) n += c.data != nullptr ? 1 : 0;
    return n;
  }

 private:
  struct Chunk {
    std::unique_ptr<T[]> data;
    uint32_t nonzero = 0;  // elements != T{}
  };
  std::vector<Chunk> chunks_;
  size_t size_ = 0;
};

class BitVector {
 public:
  size_t size() const { return size_; }
  bool get(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void set(size_t i, bool b) {
    const uint64_t w = words_[i >> 6];
    const uint64_t bit = uint64_t{1} << (i & 63);
    words_.set(i >> 6, b ? (w | bit) : (w & ~bit));
  }
  void push_back(bool b) {
    if ((size_ & 63) == 0) words_.push_back(0);
    set(size_++, b);
  }
  void pop_back() {
    RECOUP_DCHECK(size_ > 0);
    set(--size_, false);
    if ((size_ & 63) == 0) words_.pop_back();
  }
  size_t bytes() const { return words_.bytes(); }

 private:
  // 256 words = 16,384 bits per chunk: one chunk of bits per chunk of rows.
  ChunkedVector<uint64_t, kChunkShift - 6> words_;
  size_t size_ = 0;
};

// Append-only UTF-8 storage for one table's text values. A string is addressed by a 64-bit
// reference (block: 20 bits, offset: 20 bits, length: 24 bits). Blocks grow from 4 KiB to 1 MiB and
// are never moved, so views stay valid until truncation. Strings longer than a block's free space
// start a new block; no string exceeds 131,072 bytes x 4 (a 1 MiB block always fits one).
class StringArena {
 public:
  static constexpr size_t kMaxBlock = size_t{1} << 20;
  static constexpr size_t kMaxString = (size_t{1} << 20);

  struct Mark {
    size_t blocks = 0;
    size_t used = 0;  // in the last block
    size_t live_bytes = 0;
  };

  // Copies `s` (s.size() <= kMaxString, checked) and returns its reference.
  uint64_t Append(std::string_view s);
  // Overwrites the bytes of `ref` with `s` when s.size() <= the referenced length; returns the new
  // reference (same offset, new length). Used outside transactions to avoid garbage.
  uint64_t Overwrite(uint64_t ref, std::string_view s);
  std::string_view Get(uint64_t ref) const {
    const size_t block = ref >> 44;
    const size_t offset = (ref >> 24) & 0xFFFFF;
    const size_t length = ref & 0xFFFFFF;
    return std::string_view(blocks_[block].get() + offset, length);
  }
  static size_t Length(uint64_t ref) { return ref & 0xFFFFFF; }
  // Accounting of bytes referenced by stored values (the rest is garbage left by updates). Append
  // and Overwrite do not count; the owner calls Retain/Release as references are stored or dropped.
  void Release(uint64_t ref) { live_bytes_ -= Length(ref); }
  void Retain(uint64_t ref) { live_bytes_ += Length(ref); }

  Mark mark() const { return Mark{block_sizes_.size(), used_, live_bytes_}; }
  // Forgets everything appended after `m` (blocks allocated since are freed).
  void Truncate(const Mark& m);

  size_t bytes() const;  // allocated
  size_t live_bytes() const { return live_bytes_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<size_t> block_sizes_;
  size_t used_ = 0;  // bytes used in the last block
  size_t live_bytes_ = 0;
};

// Open-addressing (linear probing) hash index from a 32-bit hash to rows. Duplicate hashes and
// duplicate keys are allowed; the caller compares the actual values of candidate rows. Slots are 8
// bytes (row + 1, hash); the table doubles at load 0.7. Erase uses backward shifting (no
// tombstones).
class HashIndex {
 public:
  static uint32_t Fold(uint64_t h) { return static_cast<uint32_t>(h ^ (h >> 32)); }

  void Insert(uint32_t row, uint32_t hash);
  // Removes the entry (row, hash); it must exist (checked).
  void Erase(uint32_t row, uint32_t hash);
  // Calls fn(row) for each entry with this hash, in probe order.
  template <typename Fn>
  void ForEach(uint32_t hash, Fn&& fn) const {
    if (slots_.empty()) return;
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.row_plus1 == 0) return;
      if (s.hash == hash) fn(s.row_plus1 - 1);
    }
  }
  size_t size() const { return count_; }
  size_t capacity() const { return slots_.size(); }
  // Rebuilds into `capacity` slots (a power of two >= 16 that holds size() under the load limit, or
  // 0 for an empty index; checked).
  void Rehash(size_t capacity);
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t row_plus1 = 0;
    uint32_t hash = 0;
  };
  std::vector<Slot> slots_;
  size_t count_ = 0;
};

}  // namespace recoup::sim::org::store_internal

#endif  // RECOUP_SIM_ORG_STORE_COLUMNS_H_
