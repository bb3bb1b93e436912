// UTF-8 decoding and the case fold behind SOQL's case-insensitive comparisons.
#include "sim/org/soql/text.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::sim::org::soql {
namespace {

TEST(TextTest, DecodesUtf8AndReplacesMalformedBytes) {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\xc3";
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(text, &i), U'a');
  EXPECT_EQ(NextCodePoint(text, &i), char32_t{0xE9});
  EXPECT_EQ(NextCodePoint(text, &i), char32_t{0x20AC});
  EXPECT_EQ(NextCodePoint(text, &i), char32_t{0x1F600});
  EXPECT_EQ(NextCodePoint(text, &i), char32_t{0xFFFD});  // 0xFF is never valid
  EXPECT_EQ(NextCodePoint(text, &i), char32_t{0xFFFD});  // truncated sequence
  EXPECT_EQ(i, text.size());
  const std::string overlong = "\xc0\xaf";
  i = 0;
  EXPECT_EQ(NextCodePoint(overlong, &i), char32_t{0xFFFD});
  EXPECT_EQ(i, 1u);
  const std::string surrogate = "\xed\xa0\x80";
  i = 0;
  EXPECT_EQ(NextCodePoint(surrogate, &i), char32_t{0xFFFD});
}

TEST(TextTest, EncodesUtf8) {
  std::string out;
  for (char32_t c : {char32_t{0x41}, char32_t{0xE9}, char32_t{0x20AC}, char32_t{0x1F600},
                     char32_t{0xD800}, char32_t{0x110000}}) {
    AppendUtf8(c, &out);
  }
  EXPECT_EQ(out, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(TextTest, FoldsCase) {
  EXPECT_EQ(FoldCase(U'A'), U'a');
  EXPECT_EQ(FoldCase(U'z'), U'z');
  EXPECT_EQ(FoldCase(U'['), U'[');
  EXPECT_EQ(FoldCase(char32_t{0xC9}), char32_t{0xE9});    // E acute
  EXPECT_EQ(FoldCase(char32_t{0xD7}), char32_t{0xD7});    // multiplication sign
  EXPECT_EQ(FoldCase(char32_t{0x100}), char32_t{0x101});  // A macron
  EXPECT_EQ(FoldCase(char32_t{0x141}), char32_t{0x142});  // L stroke
  EXPECT_EQ(FoldCase(char32_t{0x178}), char32_t{0xFF});   // Y diaeresis
  EXPECT_EQ(FoldCase(char32_t{0x391}), char32_t{0x3B1});  // Alpha
  EXPECT_EQ(FoldCase(char32_t{0x3C2}), char32_t{0x3C3});  // final sigma
  EXPECT_EQ(FoldCase(char32_t{0x410}), char32_t{0x430});  // Cyrillic A
  EXPECT_EQ(FoldCase(char32_t{0x401}), char32_t{0x451});  // Cyrillic Io
  EXPECT_EQ(FoldCase(char32_t{0x4E2D}), char32_t{0x4E2D});
}

TEST(TextTest, ComparesFolded) {
  EXPECT_EQ(CompareFolded("Smith", "SMITH"), 0);
  EXPECT_LT(CompareFolded("apple", "Banana"), 0);  // case does not decide the order
  EXPECT_GT(CompareFolded("b", "A"), 0);
  EXPECT_LT(CompareFolded("ab", "abc"), 0);
  EXPECT_EQ(CompareFolded("\xc3\x89"
                          "cole",
                          "\xc3\xa9"
                          "COLE"),
            0);
  EXPECT_NE(CompareFolded("e", "\xc3\xa9"), 0);
  EXPECT_TRUE(EqualsFolded("", ""));
  EXPECT_TRUE(EqualsIgnoreCaseAscii("Select", "SELECT"));
  EXPECT_FALSE(EqualsIgnoreCaseAscii("Selects", "SELECT"));
}

}  // namespace
}  // namespace recoup::sim::org::soql
