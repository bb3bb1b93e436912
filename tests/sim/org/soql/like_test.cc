// LIKE: wildcards, escapes, case folding, characters rather than bytes, and no backtracking
// blow-up.
#include "sim/org/soql/like.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "sim/org/soql/lexer.h"

namespace recoup::sim::org::soql {
namespace {

// Compiles the SOQL string literal `quoted` (with its quotes) as a LIKE pattern.
LikePattern Compile(const std::string& quoted) {
  std::u32string decoded;
  std::string bad;
  EXPECT_TRUE(DecodeLikePattern(quoted, &decoded, &bad)) << quoted << " " << bad;
  return LikePattern(decoded);
}

struct LikeCase {
  const char* pattern;  // SOQL literal with quotes
  const char* text;
  bool matches;
};

class LikeTest : public ::testing::TestWithParam<LikeCase> {};

TEST_P(LikeTest, Matches) {
  const LikeCase& c = GetParam();
  EXPECT_EQ(Compile(c.pattern).Matches(c.text), c.matches) << c.pattern << " vs " << c.text;
}

const LikeCase kCases[] = {
    {"''", "", true},
    {"''", "a", false},
    {"'%'", "", true},
    {"'%'", "anything at all", true},
    {"'%%'", "", true},
    {"'_'", "", false},
    {"'_'", "x", true},
    {"'_'", "xy", false},
    {"'abc'", "abc", true},
    {"'abc'", "ABC", true},  // case-insensitive
    {"'ABC'", "abc", true},
    {"'abc'", "abcd", false},  // anchored at both ends
    {"'abc'", "xabc", false},
    {"'a%'", "a", true},
    {"'a%'", "Apple", true},
    {"'a%'", "banana", false},
    {"'%a'", "banana", true},
    {"'%a'", "bananas", false},
    {"'%an%'", "banana", true},
    {"'%an%an%'", "banana", true},
    {"'%an%an%an%'", "banana", false},
    {"'b%n%a'", "banana", true},
    {"'b_n_n_'", "banana", true},
    {"'b_n_n'", "banana", false},
    {"'%a_a%'", "banana", true},
    {"'a%a'", "a", false},  // the first and last segments may not overlap
    {"'a%a'", "aa", true},
    {"'ab%bc'", "abc", false},
    {"'ab%bc'", "abbc", true},
    {"'Sm_th'", "Smith", true},
    {"'Sm_th'", "Smyth", true},
    {"'Sm_th'", "Smooth", false},
    // Escaped wildcards are literal characters.
    {"'100\\%'", "100%", true},
    {"'100\\%'", "1000", false},
    {"'a\\_b'", "a_b", true},
    {"'a\\_b'", "axb", false},
    {"'%\\%%'", "50% off", true},
    {"'%\\%%'", "50 off", false},
    {"'a\\\\b'", "a\\b", true},
    {"'it\\'s%'", "It's here", true},
    // Characters, not bytes: '_' matches one multi-byte character; folding beyond ASCII.
    {"'caf_'", "caf\xc3\xa9", true},
    {"'caf__'", "caf\xc3\xa9", false},
    {"'\xc3\x89"
     "COLE'",
     "\xc3\xa9"
     "cole",
     true},
    {"'%\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90'",
     "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", true},
    {"'\\u00e9'", "\xc3\x89", true},
    {"'a\\nb'", "a\nb", true},
};

INSTANTIATE_TEST_SUITE_P(Soql, LikeTest, ::testing::ValuesIn(kCases));

TEST(LikeTest, PathologicalPatternsStayLinear) {
  // Classic backtracking killers: many '%' and a near-miss subject.
  const std::string subject(20000, 'a');
  std::string quoted = "'";
  for (int i = 0; i < 30; ++i) quoted += "%a";
  quoted += "%b'";
  const LikePattern pattern = Compile(quoted);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(pattern.Matches(subject));
  EXPECT_TRUE(pattern.Matches(subject + "b"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // Linear-time work is well under a second even in a sanitizer build; backtracking would not end.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(LikeTest, ToStringWritesThePatternBack) {
  EXPECT_EQ(Compile("'Ab\\%c_%\\_\\\\'").ToString(), "ab\\%c_%\\_\\\\");
  EXPECT_EQ(Compile("'%'").ToString(), "%");
}

TEST(LikeTest, DecodeRejectsBadEscapes) {
  std::u32string decoded;
  std::string bad;
  EXPECT_FALSE(DecodeLikePattern("'a\\zb'", &decoded, &bad));
  EXPECT_EQ(bad, "\\z");
  EXPECT_FALSE(DecodeLikePattern("'\\u00g1'", &decoded, &bad));
  EXPECT_EQ(bad, "\\u00g1");
}

}  // namespace
}  // namespace recoup::sim::org::soql
