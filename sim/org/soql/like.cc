// LIKE matching without backtracking (see like.h).
#include "sim/org/soql/like.h"

#include "sim/org/soql/lexer.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

// Does `segment` match text[at .. at + segment.size())? (kLikeAnyOne matches any one character.)
bool SegmentMatchesAt(const std::u32string& segment, const std::u32string& text, size_t at) {
  for (size_t k = 0; k < segment.size(); ++k) {
    if (segment[k] != kLikeAnyOne && segment[k] != text[at + k]) return false;
  }
  return true;
}

}  // namespace

LikePattern::LikePattern(const std::u32string& decoded) {
  segments_.emplace_back();
  for (char32_t c : decoded) {
    if (c == kLikeAnyMany) {
      has_any_many_ = true;
      segments_.emplace_back();
    } else {
      segments_.back().push_back(c == kLikeAnyOne ? c : FoldCase(c));
    }
  }
}

bool LikePattern::Matches(std::string_view text) const {
  thread_local std::u32string chars;
  chars.clear();
  for (size_t i = 0; i < text.size();) chars.push_back(FoldCase(NextCodePoint(text, &i)));

  if (!has_any_many_) {
    return chars.size() == segments_[0].size() && SegmentMatchesAt(segments_[0], chars, 0);
  }
  const std::u32string& first = segments_.front();
  const std::u32string& last = segments_.back();
  if (chars.size() < first.size() + last.size()) return false;
  if (!SegmentMatchesAt(first, chars, 0)) return false;
  if (!SegmentMatchesAt(last, chars, chars.size() - last.size())) return false;
  // Middle segments: leftmost match of each, within the window between first and last.
  size_t at = first.size();
  const size_t limit = chars.size() - last.size();
  for (size_t k = 1; k + 1 < segments_.size(); ++k) {
    const std::u32string& segment = segments_[k];
    bool found = false;
    while (at + segment.size() <= limit) {
      if (SegmentMatchesAt(segment, chars, at)) {
        found = true;
        break;
      }
      ++at;
    }
    if (!found) return false;
    at += segment.size();
  }
  return true;
}

std::string LikePattern::ToString() const {
  std::string out;
  for (size_t k = 0; k < segments_.size(); ++k) {
    if (k > 0) out += '%';
    for (char32_t c : segments_[k]) {
      if (c == kLikeAnyOne) {
        out += '_';
      } else if (c == U'%' || c == U'_' || c == U'\\' || c == U'\'') {
        out += '\\';
        out += static_cast<char>(c);
      } else {
        AppendUtf8(c, &out);
      }
    }
  }
  return out;
}

}  // namespace recoup::sim::org::soql
