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
// existing elements, so growth has no copy spike, and references stay valid until the element is
// popped. Popping frees a chunk as soon as it is empty, so a rollback returns the memory too.
template <typename T, uint32_t Shift = kChunkShift>
class ChunkedVector {
 public:
  static constexpr size_t kSize = size_t{1} << Shift;
  static constexpr size_t kMask = kSize - 1;

  size_t size() const { return size_; }
  T& operator[](size_t i) { return chunks_[i >> Shift][i & kMask]; }
  const T& operator[](size_t i) const { return chunks_[i >> Shift][i & kMask]; }
  void push_back(T v) {
    if ((size_ & kMask) == 0 && (size_ >> Shift) == chunks_.size()) {
      chunks_.push_back(std::make_unique<T[]>(kSize));
    }
    (*this)[size_++] = v;
  }
  void pop_back() {
    RECOUP_DCHECK(size_ > 0);
    --size_;
    if ((size_ & kMask) == 0) chunks_.pop_back();
  }
  // Bytes allocated for elements (whole chunks) plus one pointer per chunk.
  size_t bytes() const { return chunks_.size() * (kSize * sizeof(T) + sizeof(void*)); }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

class BitVector {
 public:
  size_t size() const { return size_; }
  bool get(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  void set(size_t i, bool b) {
    uint64_t& w = words_[i >> 6];
    w = b ? (w | (uint64_t{1} << (i & 63))) : (w & ~(uint64_t{1} << (i & 63)));
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
