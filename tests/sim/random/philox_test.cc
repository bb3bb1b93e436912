// Philox4x32-10 against the known-answer vectors of the Random123 distribution (kat_vectors).
#include "sim/random/philox.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace recoup::sim {
namespace {

struct KnownAnswer {
  std::array<uint32_t, 4> counter;
  std::array<uint32_t, 2> key;
  std::array<uint32_t, 4> expected;
};

constexpr KnownAnswer kKnownAnswers[] = {
    {{0x00000000, 0x00000000, 0x00000000, 0x00000000},
     {0x00000000, 0x00000000},
     {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
    {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
     {0xffffffff, 0xffffffff},
     {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
    {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
     {0xa4093822, 0x299f31d0},
     {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
};

TEST(Philox4x32_10Test, MatchesKnownAnswerVectors) {
  for (const KnownAnswer& kat : kKnownAnswers) {
    EXPECT_EQ(Philox4x32_10(kat.counter, kat.key), kat.expected);
  }
}

// The function is usable in constant expressions (so the vectors also hold at compile time).
static_assert(Philox4x32_10(kKnownAnswers[2].counter, kKnownAnswers[2].key) ==
              kKnownAnswers[2].expected);

TEST(Philox4x32_10Test, EveryCounterWordAndKeyWordChangesTheWholeBlock) {
  const std::array<uint32_t, 4> counter = {1, 2, 3, 4};
  const std::array<uint32_t, 2> key = {5, 6};
  const std::array<uint32_t, 4> base = Philox4x32_10(counter, key);
  for (int word = 0; word < 4; ++word) {
    std::array<uint32_t, 4> flipped = counter;
    flipped[word] ^= 1;
    const std::array<uint32_t, 4> out = Philox4x32_10(flipped, key);
    for (int i = 0; i < 4; ++i) EXPECT_NE(out[i], base[i]) << "counter word " << word;
  }
  for (int word = 0; word < 2; ++word) {
    std::array<uint32_t, 2> flipped = key;
    flipped[word] ^= 1;
    const std::array<uint32_t, 4> out = Philox4x32_10(counter, flipped);
    for (int i = 0; i < 4; ++i) EXPECT_NE(out[i], base[i]) << "key word " << word;
  }
}

}  // namespace
}  // namespace recoup::sim
