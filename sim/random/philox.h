// Philox4x32-10: the counter-based random bit generator of Salmon, Moraes, Dror and Shaw, "Parallel
// random numbers: as easy as 1, 2, 3" (SC'11), written from the published algorithm.
//
// A counter-based generator is a keyed bijection: the output for (counter, key) is a pure function
// of those two values, with no state carried from one call to the next. That is what lets a random
// stream's values depend only on its key and position (see random_stream.h and docs/random.md).
// Philox4x32-10 passes BigCrush with a large safety margin and costs about ten 32x32->64 multiplies
// per 128-bit block.
#ifndef RECOUP_SIM_RANDOM_PHILOX_H_
#define RECOUP_SIM_RANDOM_PHILOX_H_

#include <array>
#include <cstdint>

namespace recoup::sim {

namespace philox_internal {

inline constexpr uint32_t kMultiplier0 = 0xD2511F53u;
inline constexpr uint32_t kMultiplier1 = 0xCD9E8D57u;
inline constexpr uint32_t kWeyl0 = 0x9E3779B9u;  // Golden ratio.
inline constexpr uint32_t kWeyl1 = 0xBB67AE85u;  // sqrt(3) - 1.

// One Philox S-box round: two 32x32->64 multiplies, the high halves xor-ed with the other words and
// the round key, the words permuted.
constexpr std::array<uint32_t, 4> Round(const std::array<uint32_t, 4>& x,
                                        const std::array<uint32_t, 2>& key) {
  const uint64_t product0 = uint64_t{kMultiplier0} * x[0];
  const uint64_t product1 = uint64_t{kMultiplier1} * x[2];
  return {static_cast<uint32_t>(product1 >> 32) ^ x[1] ^ key[0], static_cast<uint32_t>(product1),
          static_cast<uint32_t>(product0 >> 32) ^ x[3] ^ key[1], static_cast<uint32_t>(product0)};
}

// The Weyl-sequence key schedule applied between rounds.
constexpr std::array<uint32_t, 2> BumpKey(const std::array<uint32_t, 2>& key) {
  return {key[0] + kWeyl0, key[1] + kWeyl1};
}

}  // namespace philox_internal

// Returns the Philox4x32-10 block for `counter` under `key`: ten rounds, the key bumped by the Weyl
// constants between rounds (so round r uses key + r * (0x9E3779B9, 0xBB67AE85), r = 0..9).
// Pure, total (every input is valid), constexpr; matches the Random123 reference implementation
// (known-answer vectors in tests/sim/random/philox_test.cc).
constexpr std::array<uint32_t, 4> Philox4x32_10(std::array<uint32_t, 4> counter,
                                                std::array<uint32_t, 2> key) {
  using philox_internal::BumpKey;
  using philox_internal::Round;
  // Written out rather than looped so that every compiler keeps it branch-free at -O2.
  counter = Round(counter, key);  // 1
  key = BumpKey(key);
  counter = Round(counter, key);  // 2
  key = BumpKey(key);
  counter = Round(counter, key);  // 3
  key = BumpKey(key);
  counter = Round(counter, key);  // 4
  key = BumpKey(key);
  counter = Round(counter, key);  // 5
  key = BumpKey(key);
  counter = Round(counter, key);  // 6
  key = BumpKey(key);
  counter = Round(counter, key);  // 7
  key = BumpKey(key);
  counter = Round(counter, key);  // 8
  key = BumpKey(key);
  counter = Round(counter, key);  // 9
  key = BumpKey(key);
  return Round(counter, key);  // 10
}

}  // namespace recoup::sim

#endif  // RECOUP_SIM_RANDOM_PHILOX_H_
