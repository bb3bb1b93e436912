// CallTable: scheduled callbacks (Kernel::CallAt), one slot each, by slot number.
//
// A slot holds the callable and the sequence number of its pending event; the event names the slot,
// and an event whose seq differs from its slot's is stale (the call was cancelled, and the slot
// perhaps reused). Callables of up to kInlineBytes are stored in the slot (InlineFunction), larger
// ones on the heap; a slot takes kInlineBytes + 16 bytes.
//
// Memory follows the calls pending now, not the most ever pending: slots live in blocks of
// kBlockSlots that never move, a new call takes a free slot in the lowest-numbered block that has
// one (the last freed there first), and a block whose slots are all free goes back to the heap (one
// is kept for reuse). A simulation that schedules a call per account at start-up and fewer later
// so holds only what it still needs. Slot numbers stay valid across a block's release: the block
// comes back, empty, when a call needs it.
//
// Not thread-safe. Destroying the table destroys the callables of the calls that never ran.
#ifndef RECOUP_SIM_KERNEL_CALL_TABLE_H_
#define RECOUP_SIM_KERNEL_CALL_TABLE_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/base/check.h"
#include "sim/kernel/inline_function.h"

namespace recoup::sim {

template <std::size_t kInlineBytes>
class CallTable {
 public:
  using Function = InlineFunction<kInlineBytes>;
  // 64 slots a block: a block stays while any of its calls is pending, and the few calls still
  // pending late in a run are scattered. At the end of a 100 k-account world run (~500 calls
  // pending, after highs of 118 k small and 100 k big ones) blocks of 512 kept 3.2 MB, blocks of
  // 64 keep under 0.1 MB.
  static constexpr int kBlockBits = 6;
  static constexpr uint32_t kBlockSlots = uint32_t{1} << kBlockBits;
  static constexpr uint32_t kMaxSlots = uint32_t{1} << 31;

  struct Slot {
    Function fn;
    uint64_t seq = 0;  // the pending event's; kFree | the next free offset in the block when free
  };

  CallTable() = default;
  CallTable(const CallTable&) = delete;
  CallTable& operator=(const CallTable&) = delete;

  // A free slot, its fn empty and its seq 0.
  uint32_t Acquire() {
    // Usually the lowest word of has_free_ is not zero: the slot freed by the call that runs.
    const uint64_t word = lowest_ < has_free_.size() ? has_free_[lowest_] : 0;
    const uint32_t b =
        word != 0
            ? static_cast<uint32_t>(lowest_ * 64 + static_cast<std::size_t>(std::countr_zero(word)))
            : BlockWithFreeSlot();
    Entry& e = blocks_[b];
    if (e.block == nullptr) Restore(e);
    const uint32_t offset = e.head;
    Slot& s = e.block->slots[offset];
    e.head = static_cast<uint16_t>(s.seq);
    s.seq = 0;
    if (--e.free == 0) ClearHasFree(b);
    return b << kBlockBits | offset;
  }
  // Returns `slot`, whose fn must be empty, to its block.
  void Release(uint32_t slot) {
    const uint32_t b = slot >> kBlockBits;
    Entry& e = blocks_[b];
    Slot& s = e.block->slots[slot & kBlockMask];
    RECOUP_DCHECK(!s.fn);
    s.seq = kFree | e.head;
    e.head = static_cast<uint16_t>(slot & kBlockMask);
    if (e.free++ == 0) SetHasFree(b);
    if (e.free == kBlockSlots) Drop(e);
  }

  // Whether `slot` holds the call of event `seq` (seq > 0).
  bool Holds(uint32_t slot, uint64_t seq) const {
    const uint32_t b = slot >> kBlockBits;
    return b < blocks_.size() && blocks_[b].block != nullptr &&
           blocks_[b].block->slots[slot & kBlockMask].seq == seq;
  }
  // The slot of a pending call (Holds() is true).
  Slot& operator[](uint32_t slot) {
    return blocks_[slot >> kBlockBits].block->slots[slot & kBlockMask];
  }

  // Bytes held: the blocks (the spare included) and the per-block tables.
  std::size_t MemoryBytes() const {
    std::size_t blocks = spare_ ? 1 : 0;
    for (const Entry& e : blocks_) blocks += e.block != nullptr ? 1 : 0;
    return blocks * sizeof(Block) + blocks_.capacity() * sizeof(Entry) +
           (has_free_.capacity() + summary_.capacity()) * sizeof(uint64_t);
  }

 private:
  static constexpr uint64_t kFree = uint64_t{1} << 63;  // above every seq a kernel reaches
  static constexpr uint32_t kBlockMask = kBlockSlots - 1;

  struct Block {
    Slot slots[kBlockSlots];
  };
  struct Entry {
    std::unique_ptr<Block> block;  // null: released, every slot free
    uint16_t head = 0;             // first free offset (meaningless when free == 0)
    uint16_t free = kBlockSlots;   // free slots
  };

  // The lowest block with a free slot, a new one if none.
  uint32_t BlockWithFreeSlot() {
    for (std::size_t sw = lowest_ / 64; sw < summary_.size(); ++sw) {
      if (summary_[sw] != 0) {
        const std::size_t w = sw * 64 + static_cast<std::size_t>(std::countr_zero(summary_[sw]));
        lowest_ = w;
        return static_cast<uint32_t>(w * 64 +
                                     static_cast<std::size_t>(std::countr_zero(has_free_[w])));
      }
    }
    const auto b = static_cast<uint32_t>(blocks_.size());
    RECOUP_CHECK_MSG(b < kMaxSlots / kBlockSlots, "more than 2^31 pending kernel calls");
    blocks_.emplace_back();
    if (has_free_.size() * 64 <= b) has_free_.push_back(0);
    if (summary_.size() * 64 < has_free_.size()) summary_.push_back(0);
    SetHasFree(b);
    return b;
  }
  void SetHasFree(uint32_t b) {
    const uint32_t w = b / 64;
    if (has_free_[w] == 0) summary_[w / 64] |= uint64_t{1} << (w % 64);
    has_free_[w] |= uint64_t{1} << (b % 64);
    lowest_ = std::min<std::size_t>(lowest_, w);
  }
  void ClearHasFree(uint32_t b) {
    const uint32_t w = b / 64;
    has_free_[w] &= ~(uint64_t{1} << (b % 64));
    if (has_free_[w] == 0) summary_[w / 64] &= ~(uint64_t{1} << (w % 64));
  }
  // Brings a released block back, every slot free, listed in order.
  void Restore(Entry& e) {
    e.block = spare_ ? std::move(spare_) : std::make_unique<Block>();
    for (uint32_t i = 0; i < kBlockSlots; ++i) e.block->slots[i].seq = kFree | (i + 1);
    e.head = 0;
    e.free = kBlockSlots;
  }
  // Releases a block all of whose slots are free.
  void Drop(Entry& e) {
    if (!spare_) {
      spare_ = std::move(e.block);
    } else {
      e.block.reset();
    }
  }

  std::vector<Entry> blocks_;
  std::vector<uint64_t> has_free_;  // bit b: block b has a free slot (or is released)
  std::vector<uint64_t> summary_;   // bit w: has_free_[w] is not zero
  std::size_t lowest_ = 0;          // no word of has_free_ below this is non-zero
  std::unique_ptr<Block> spare_;    // a released block, kept for the next Restore
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_KERNEL_CALL_TABLE_H_
