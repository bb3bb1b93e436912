// SOQL LIKE patterns: '%' matches any run of characters (also none), '_' exactly one character;
// "\%" and "\_" in the literal stand for the characters themselves. Matching is case-insensitive
// (FoldCase in text.h) and works on characters (code points), not bytes.
//
// The matcher cannot blow up: the pattern is split at '%' into segments; the first segment is
// anchored at the start, the last at the end, and each middle segment is matched at its leftmost
// position after the previous one (greedy leftmost matching is exact for patterns whose only
// variable-length wildcard is '%'). A match costs O(|text| * |pattern|) character comparisons at
// worst, with no backtracking and no allocation once the per-thread buffer has grown.
#ifndef RECOUP_SIM_ORG_SOQL_LIKE_H_
#define RECOUP_SIM_ORG_SOQL_LIKE_H_

#include <string>
#include <string_view>
#include <vector>

namespace recoup::sim::org::soql {

class LikePattern {
 public:
  LikePattern() = default;
  // From a decoded pattern (DecodeLikePattern in lexer.h): code points plus
  // kLikeAnyOne/kLikeAnyMany.
  explicit LikePattern(const std::u32string& decoded);

  // True when `text` (UTF-8; invalid bytes count as one character each) matches the whole pattern.
  bool Matches(std::string_view text) const;

  // The pattern written back as SOQL string content (without quotes): wildcards as % and _, literal
  // '%', '_', '\' and '\'' escaped. Characters are shown folded (lower case).
  std::string ToString() const;

  friend bool operator==(const LikePattern&, const LikePattern&) = default;

 private:
  // Folded code points and kLikeAnyOne; segments_[k] is the text between the k-th and (k+1)-th '%'.
  std::vector<std::u32string> segments_;
  bool has_any_many_ = false;  // at least one '%' (so segments_.size() >= 2)
};

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_LIKE_H_
