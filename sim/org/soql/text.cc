// UTF-8 and case folding for SOQL comparisons (see text.h).
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

unsigned char Byte(std::string_view text, size_t i) { return static_cast<unsigned char>(text[i]); }

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

char32_t NextCodePoint(std::string_view text, size_t* i) {
  const size_t at = *i;
  const unsigned char b0 = Byte(text, at);
  if (b0 < 0x80) {
    *i = at + 1;
    return b0;
  }
  int length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    *i = at + 1;
    return kReplacement;
  }
  if (at + static_cast<size_t>(length) > text.size()) {
    *i = at + 1;
    return kReplacement;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char b = Byte(text, at + static_cast<size_t>(k));
    if (!IsContinuation(b)) {
      *i = at + 1;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *i = at + 1;
    return kReplacement;
  }
  *i = at + static_cast<size_t>(length);
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t FoldCase(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  // Latin-1 Supplement: U+00C0..U+00DE except the multiplication sign U+00D7.
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  // Latin Extended-A: pairs (upper even, lower odd) in U+0100..U+012F and U+0132..U+0137 and
  // U+014A..U+0177; pairs (upper odd, lower even) in U+0139..U+0148 and U+0179..U+017E.
  if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
      (cp >= 0x14A && cp <= 0x177)) {
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
    return (cp % 2 == 1) ? cp + 1 : cp;
  }
  if (cp == 0x178) return 0xFF;  // Y with diaeresis
  // Greek capitals U+0391..U+03A9 (U+03A2 is unassigned) and the accented ones.
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp == 0x3C2) return 0x3C3;  // final sigma compares as sigma
  // Cyrillic: U+0400..U+040F -> U+0450..U+045F, U+0410..U+042F -> U+0430..U+044F.
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  return cp;
}

int CompareFolded(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const unsigned char ca = Byte(a, i);
    const unsigned char cb = Byte(b, j);
    char32_t x;
    char32_t y;
    if (ca < 0x80 && cb < 0x80) {
      x = static_cast<char32_t>(AsciiLower(static_cast<char>(ca)));
      y = static_cast<char32_t>(AsciiLower(static_cast<char>(cb)));
      ++i;
      ++j;
    } else {
      x = FoldCase(NextCodePoint(a, &i));
      y = FoldCase(NextCodePoint(b, &j));
    }
    if (x != y) return x < y ? -1 : 1;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace recoup::sim::org::soql
