// RandomStream: one keyed, seekable sequence of 64-bit random values; the only source of randomness
// in the simulated world (DESIGN.md section 3).
//
// The value at draw index i of a stream is Philox4x32-10 applied to the counter (entity id, i / 2)
// under the stream's 64-bit key, half i % 2 of the 128-bit block. It is therefore a pure function
// of (key, entity id, i): no state is shared between streams, so drawing from one stream, creating
// others, or reordering events cannot change another stream's values. Keys come from RandomStreams
// (random_streams.h), which derives them from (seed, stream name).
//
// RandomStream models the C++ uniform_random_bit_generator concept and Boost.Random's
// UniformRandomNumberGenerator, so it feeds Boost.Random and <random> distributions directly
// (distributions.h has the ones recoup uses). This header deliberately includes no Boost.
#ifndef RECOUP_SIM_RANDOM_RANDOM_STREAM_H_
#define RECOUP_SIM_RANDOM_RANDOM_STREAM_H_

#include <array>
#include <cstdint>

#include "core/base/check.h"
#include "sim/random/philox.h"

namespace recoup::sim {

class RandomStream {
 public:
  using result_type = uint64_t;

  // The stream with `key` (normally from RandomStreams::Stream or StreamFamily::For; construct one
  // directly only to reproduce a stream from a recorded key) for `entity_id`, positioned at draw 0.
  // Copies are independent cursors over the same sequence: a copy replays the values of the
  // original.
  RandomStream(uint64_t key, uint64_t entity_id) : key_(key), entity_(entity_id) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~uint64_t{0}; }

  // The value at draw_index(), then advances by one. Uniform over all 2^64 values.
  result_type operator()() {
    if (draw_index_ & 1) {
      ++draw_index_;
      return buffered_;
    }
    const std::array<uint64_t, 2> block = Block(draw_index_ >> 1);
    buffered_ = block[1];
    ++draw_index_;
    return block[0];
  }

  // The number of 64-bit values drawn so far (or the position set by Seek): the index of the next
  // draw.
  uint64_t draw_index() const { return draw_index_; }

  // Positions the stream so the next draw is the one at `draw_index`; Seek(i) then a draw gives the
  // same value as the last of i + 1 draws from a fresh stream. Any index is valid, backwards too.
  void Seek(uint64_t draw_index) {
    draw_index_ = draw_index;
    if (draw_index_ & 1) buffered_ = Block(draw_index_ >> 1)[1];
  }

  // Skips `count` draws: Seek(draw_index() + count).
  void Discard(uint64_t count) { Seek(draw_index_ + count); }

  // The entity id this stream was created for (the high half of the Philox counter).
  uint64_t entity() const { return entity_; }

  // The 64-bit Philox key (derived from seed and stream name by RandomStreams).
  uint64_t key() const { return key_; }

  // A uniform double in the open interval (0, 1), never exactly 0 or 1, so log(u) and log(1 - u)
  // are always finite: BitsToUniform01 of one draw. Consumes exactly one draw.
  double Uniform01() { return BitsToUniform01((*this)()); }

  // The map behind Uniform01: the top 53 bits k of `bits` give k * 2^-53, except k == 0, which
  // gives 2^-54 (half the grid step; probability 2^-53). Resolution 2^-53; range [2^-54, 1 -
  // 2^-53].
  static constexpr double BitsToUniform01(uint64_t bits) {
    const uint64_t k = bits >> 11;
    return k != 0 ? static_cast<double>(k) * 0x1p-53 : 0x1p-54;
  }

  // A uniform integer in [0, n), exactly unbiased (Lemire, "Fast random integer generation in an
  // interval", 2019). Requires n > 0 (checked). Consumes one draw, except with probability
  // (2^64 mod n) / 2^64 per attempt, when it rejects and draws again.
  uint64_t Below(uint64_t n) {
    RECOUP_CHECK_MSG(n > 0, "RandomStream::Below(0): the range is empty");
    Uint128 product = static_cast<Uint128>((*this)()) * n;
    uint64_t low = static_cast<uint64_t>(product);
    if (low < n) [[unlikely]] {
      const uint64_t threshold = (0 - n) % n;  // 2^64 mod n.
      while (low < threshold) {
        product = static_cast<Uint128>((*this)()) * n;
        low = static_cast<uint64_t>(product);
      }
    }
    return static_cast<uint64_t>(product >> 64);
  }

 private:
  __extension__ typedef unsigned __int128 Uint128;

  // The two 64-bit values of Philox block `block_index`: counter (entity low, entity high, block
  // low, block high), key (key low, key high); value 0 is words 0 | 1 << 32, value 1 is words 2 | 3
  // << 32.
  std::array<uint64_t, 2> Block(uint64_t block_index) const {
    const std::array<uint32_t, 4> words = Philox4x32_10(
        {static_cast<uint32_t>(entity_), static_cast<uint32_t>(entity_ >> 32),
         static_cast<uint32_t>(block_index), static_cast<uint32_t>(block_index >> 32)},
        {static_cast<uint32_t>(key_), static_cast<uint32_t>(key_ >> 32)});
    return {words[0] | uint64_t{words[1]} << 32, words[2] | uint64_t{words[3]} << 32};
  }

  uint64_t key_;
  uint64_t entity_;
  uint64_t draw_index_ = 0;
  uint64_t buffered_ = 0;  // Value 1 of block draw_index_ / 2 when draw_index_ is odd.
};

}  // namespace recoup::sim

#endif  // RECOUP_SIM_RANDOM_RANDOM_STREAM_H_
