// The record store's chunked columns: elements that were never written, or went back to zero,
// read as zero and hold no memory; popping returns memory as well.
#include "sim/org/store_columns.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace recoup::sim::org::store_internal {
namespace {

using Small = ChunkedVector<uint32_t, 4>;  // 16 elements per chunk

TEST(ChunkedVectorTest, ZeroElementsTakeNoMemoryUntilWritten) {
  Small v;
  for (int i = 0; i < 40; ++i) v.push_back(0);
  EXPECT_EQ(v.size(), 40u);
  EXPECT_EQ(v.allocated(), 0u);
  EXPECT_EQ(v[39], 0u);
  v.set(20, 0);  // writing zero still allocates nothing
  EXPECT_EQ(v.allocated(), 0u);
  v.set(20, 7);
  EXPECT_EQ(v.allocated(), 1u);  // only the chunk of element 20 (16..31)
  EXPECT_EQ(v[20], 7u);
  EXPECT_EQ(v[19], 0u);
  EXPECT_EQ(v[33], 0u);
  EXPECT_EQ(v.bytes(), 16 * sizeof(uint32_t) + 3 * (sizeof(void*) + 8));
}

TEST(ChunkedVectorTest, AChunkIsFreedWhenItsLastValueGoesBackToZero) {
  Small v;
  for (int i = 0; i < 32; ++i) v.push_back(static_cast<uint32_t>(i % 3 == 0 ? 0 : i));
  EXPECT_EQ(v.allocated(), 2u);
  for (uint32_t i = 16; i < 32; ++i) v.set(i, 0);
  EXPECT_EQ(v.allocated(), 1u);
  EXPECT_EQ(v[17], 0u);
  EXPECT_EQ(v[5], 5u);
  v.set(5, 6);  // one non-zero value replaced by another: the count is unchanged
  for (uint32_t i = 0; i < 16; ++i) {
    if (i != 5) v.set(i, 0);
  }
  EXPECT_EQ(v.allocated(), 1u);
  EXPECT_EQ(v[5], 6u);
  v.set(5, 0);
  EXPECT_EQ(v.allocated(), 0u);
}

TEST(ChunkedVectorTest, PopClearsWhatItRemoves) {
  Small v;
  for (int i = 0; i < 20; ++i) v.push_back(9);
  EXPECT_EQ(v.allocated(), 2u);
  for (int i = 0; i < 4; ++i) v.pop_back();  // 16..19 gone: their chunk is freed
  EXPECT_EQ(v.size(), 16u);
  EXPECT_EQ(v.allocated(), 1u);
  v.pop_back();
  v.push_back(0);  // element 15 comes back as zero, not as the 9 it held
  EXPECT_EQ(v[15], 0u);
  while (v.size() > 0) v.pop_back();
  EXPECT_EQ(v.allocated(), 0u);
  EXPECT_EQ(v.bytes(), 0u);
}

TEST(BitVectorTest, SetAndClearBitsAcrossWords) {
  BitVector b;
  for (int i = 0; i < 200; ++i) b.push_back(false);
  EXPECT_EQ(b.bytes(), sizeof(void*) + 8);  // the chunk table only
  b.set(130, true);
  b.set(3, true);
  EXPECT_TRUE(b.get(130));
  EXPECT_TRUE(b.get(3));
  EXPECT_FALSE(b.get(131));
  b.set(130, false);
  b.set(3, false);
  EXPECT_FALSE(b.get(3));
  EXPECT_EQ(b.bytes(), sizeof(void*) + 8);
}

}  // namespace
}  // namespace recoup::sim::org::store_internal
