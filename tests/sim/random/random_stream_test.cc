// RandomStream and RandomStreams: keying, determinism, independence of streams, seeking, and the
// uniform helpers (Uniform01, Below).
#include "sim/random/random_stream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <concepts>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "sim/random/philox.h"
#include "sim/random/random_streams.h"

namespace recoup::sim {
namespace {

static_assert(std::uniform_random_bit_generator<RandomStream>);

std::vector<uint64_t> Draw(RandomStream stream, int count) {
  std::vector<uint64_t> values;
  for (int i = 0; i < count; ++i) values.push_back(stream());
  return values;
}

TEST(StreamKeyTest, NameHashIsFnv1a64) {
  // Published FNV-1a 64 test vectors.
  EXPECT_EQ(HashStreamName(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(HashStreamName("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(HashStreamName("foobar"), 0x85944171f73967e8ull);
}

TEST(StreamKeyTest, KeyDerivationIsFrozen) {
  // Changing the derivation changes every simulated result; this pins it.
  const RandomStreams streams(42);
  EXPECT_EQ(streams.Family("golden").key(), DeriveStreamKey(42, HashStreamName("golden")));
  EXPECT_EQ(DeriveStreamKey(42, HashStreamName("golden")),
            Mix64(Mix64(42 + 0x9E3779B97F4A7C15ull) ^ HashStreamName("golden")));
  // Mix64 is SplitMix64's finalizer: its first output from state 0 is this published value.
  EXPECT_EQ(Mix64(0x9E3779B97F4A7C15ull), 0xe220a8397b1dcdafull);
  RandomStream stream = streams.Stream("golden", 7);
  EXPECT_EQ(stream(), 0xc57fc74be31f37f8ull);
}

TEST(RandomStreamTest, ValuesFollowTheDocumentedCounterLayout) {
  const uint64_t key = 0x0123456789abcdefull;
  const uint64_t entity = 0xfedcba9876543210ull;
  RandomStream stream(key, entity);
  for (uint64_t block = 0; block < 3; ++block) {
    const std::array<uint32_t, 4> words = Philox4x32_10(
        {0x76543210u, 0xfedcba98u, static_cast<uint32_t>(block), 0}, {0x89abcdefu, 0x01234567u});
    EXPECT_EQ(stream(), words[0] | uint64_t{words[1]} << 32) << "block " << block;
    EXPECT_EQ(stream(), words[2] | uint64_t{words[3]} << 32) << "block " << block;
  }
  // The block index's high word is counter word 3.
  stream.Seek(uint64_t{2} << 32);
  const std::array<uint32_t, 4> high =
      Philox4x32_10({0x76543210u, 0xfedcba98u, 0, 1}, {0x89abcdefu, 0x01234567u});
  EXPECT_EQ(stream(), high[0] | uint64_t{high[1]} << 32);
}

TEST(RandomStreamTest, SameKeyGivesSameSequence) {
  const RandomStreams a(7);
  const RandomStreams b(7);
  EXPECT_EQ(Draw(a.Stream("debtor.answer", 12), 1000), Draw(b.Stream("debtor.answer", 12), 1000));
  // A copy replays the original from the copy's position.
  RandomStream original = a.Stream("x", 1);
  original();
  RandomStream copy = original;
  std::vector<uint64_t> from_original;
  for (int i = 0; i < 10; ++i) from_original.push_back(original());
  EXPECT_EQ(copy.draw_index(), 1u);
  EXPECT_EQ(Draw(copy, 10), from_original);
}

TEST(RandomStreamTest, FamilyEqualsStream) {
  const RandomStreams streams(99);
  const StreamFamily family = streams.Family("agent.shift");
  for (uint64_t entity : {uint64_t{0}, uint64_t{1}, uint64_t{123456789}, ~uint64_t{0}}) {
    EXPECT_EQ(Draw(family.For(entity), 5), Draw(streams.Stream("agent.shift", entity), 5));
    EXPECT_EQ(family.For(entity).entity(), entity);
  }
  EXPECT_EQ(streams.Stream("agent.shift").entity(), 0u);
}

TEST(RandomStreamTest, DrawingFromOneStreamLeavesOthersUnchanged) {
  const RandomStreams streams(2024);
  const std::vector<uint64_t> b_alone = Draw(streams.Stream("b", 3), 200);

  RandomStream a = streams.Stream("a", 3);
  RandomStream b = streams.Stream("b", 3);
  RandomStream a_other_entity = streams.Stream("a", 4);
  std::vector<uint64_t> b_interleaved;
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < i % 7; ++j) a();  // A varying amount of unrelated drawing.
    a_other_entity();
    b_interleaved.push_back(b());
  }
  EXPECT_EQ(b_interleaved, b_alone);
}

TEST(RandomStreamTest, ValuesDoNotDependOnCreationOrder) {
  // Value (name, entity, index) read in two different orders, with other streams in between.
  const RandomStreams streams(5);
  const std::vector<const char*> names = {"n0", "n1", "n2"};
  uint64_t forward[3][4][6];
  for (int n = 0; n < 3; ++n) {
    for (int e = 0; e < 4; ++e) {
      RandomStream s = streams.Stream(names[n], e);
      for (int i = 0; i < 6; ++i) forward[n][e][i] = s();
    }
  }
  for (int n = 2; n >= 0; --n) {
    for (int e = 3; e >= 0; --e) {
      RandomStream unrelated = streams.Stream("unrelated", 100 + e);
      Draw(unrelated, 3);
      RandomStream s = streams.Stream(names[n], e);
      for (int i = 5; i >= 0; --i) {  // Backwards, by seeking.
        s.Seek(i);
        EXPECT_EQ(s(), forward[n][e][i]) << names[n] << " entity " << e << " draw " << i;
      }
    }
  }
}

TEST(RandomStreamTest, SeekEqualsDrawing) {
  RandomStream reference = RandomStreams(11).Stream("seek", 8);
  const std::vector<uint64_t> values = Draw(reference, 64);
  RandomStream stream = RandomStreams(11).Stream("seek", 8);
  for (uint64_t i : {5u, 0u, 63u, 1u, 2u, 33u, 32u}) {
    stream.Seek(i);
    EXPECT_EQ(stream.draw_index(), i);
    for (uint64_t j = i; j < 64; ++j) ASSERT_EQ(stream(), values[j]) << "seek " << i << " j " << j;
    EXPECT_EQ(stream.draw_index(), 64u);
  }
  stream.Seek(10);
  stream.Discard(7);
  EXPECT_EQ(stream.draw_index(), 17u);
  EXPECT_EQ(stream(), values[17]);
}

TEST(RandomStreamTest, DrawIndexCountsDraws) {
  RandomStream stream = RandomStreams(1).Stream("count");
  EXPECT_EQ(stream.draw_index(), 0u);
  stream();
  stream.Uniform01();
  EXPECT_EQ(stream.draw_index(), 2u);
}

TEST(RandomStreamTest, DifferentNamesEntitiesAndSeedsGiveDifferentSequences) {
  std::vector<RandomStream> variants = {
      RandomStreams(1).Stream("a", 0), RandomStreams(1).Stream("b", 0),
      RandomStreams(1).Stream("a", 1), RandomStreams(2).Stream("a", 0),
      RandomStreams(1).Stream("", 0),  RandomStreams(1).Stream("a ", 0),
      RandomStreams(0).Stream("a", 0), RandomStreams(1).Stream("a", uint64_t{1} << 32),
  };
  std::set<uint64_t> seen;
  for (RandomStream& stream : variants) {
    for (int i = 0; i < 100; ++i) seen.insert(stream());
  }
  // 800 independent 64-bit values collide with probability ~2e-14.
  EXPECT_EQ(seen.size(), 800u);
}

TEST(RandomStreamTest, BitsToUniform01IsInTheOpenUnitInterval) {
  EXPECT_GT(RandomStream::BitsToUniform01(0), 0.0);
  EXPECT_EQ(RandomStream::BitsToUniform01(0), 0x1p-54);
  EXPECT_LT(RandomStream::BitsToUniform01(~uint64_t{0}), 1.0);
  EXPECT_EQ(RandomStream::BitsToUniform01(~uint64_t{0}), 1.0 - 0x1p-53);
  EXPECT_EQ(RandomStream::BitsToUniform01(uint64_t{1} << 63), 0.5);
  EXPECT_EQ(RandomStream::BitsToUniform01(uint64_t{1} << 11), 0x1p-53);
}

TEST(RandomStreamTest, Uniform01IsOpenAndHasMeanOneHalf) {
  RandomStream stream = RandomStreams(3).Stream("uniform");
  constexpr int kDraws = 1'000'000;
  double sum = 0;
  double sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = stream.Uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  EXPECT_EQ(stream.draw_index(), static_cast<uint64_t>(kDraws));
  const double mean = sum / kDraws;
  // Var(U) = 1/12; Var(U^2) = 1/5 - 1/9 = 4/45.
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / kDraws));
  EXPECT_NEAR(sum_sq / kDraws, 1.0 / 3, 5 * std::sqrt(4.0 / 45 / kDraws));
}

TEST(RandomStreamTest, BelowIsUniformByChiSquare) {
  RandomStream stream = RandomStreams(4).Stream("below");
  constexpr uint64_t kBuckets = 10;
  constexpr int kDraws = 1'000'000;
  std::vector<int> counts(kBuckets, 0);
  for (int i = 0; i < kDraws; ++i) {
    const uint64_t v = stream.Below(kBuckets);
    ASSERT_LT(v, kBuckets);
    ++counts[v];
  }
  const double expected = static_cast<double>(kDraws) / kBuckets;
  double chi_square = 0;
  for (int c : counts) chi_square += (c - expected) * (c - expected) / expected;
  // 9 degrees of freedom: mean 9, sd 4.2; P(chi2 > 40) is about 7e-6.
  EXPECT_LT(chi_square, 40.0);
}

TEST(RandomStreamTest, BelowStaysInRangeForAwkwardBounds) {
  RandomStream stream = RandomStreams(6).Stream("below.edges");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(stream.Below(1), 0u);
  // n just above 2^63 rejects almost half the raw draws; the top half must still be reachable.
  const uint64_t n = (uint64_t{1} << 63) + 1;
  int upper_half = 0;
  for (int i = 0; i < 10'000; ++i) {
    const uint64_t v = stream.Below(n);
    ASSERT_LT(v, n);
    upper_half += v >= (uint64_t{1} << 61) * 3 ? 1 : 0;  // v >= 3n/4.
  }
  // P(v in the top quarter) = 1/4: 2500 +- 5 sd (sd = 43).
  EXPECT_NEAR(upper_half, 2500, 220);
  for (int i = 0; i < 100; ++i) EXPECT_LE(stream.Below(~uint64_t{0}), ~uint64_t{0} - 1);
}

TEST(RandomStreamDeathTest, BelowZeroIsABug) {
  RandomStream stream = RandomStreams(1).Stream("death");
  EXPECT_DEATH(stream.Below(0), "range is empty");
}

TEST(RandomStreamTest, FeedsStandardDistributions) {
  RandomStream stream = RandomStreams(8).Stream("std");
  std::uniform_int_distribution<int> die(1, 6);
  for (int i = 0; i < 100; ++i) {
    const int v = die(stream);
    EXPECT_GE(v, 1);
    EXPECT_LE(v, 6);
  }
}

}  // namespace
}  // namespace recoup::sim
