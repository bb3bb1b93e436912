// Text helpers for SOQL: UTF-8 decoding and encoding, and the case folding behind Salesforce's
// case-insensitive string comparison ('=', '!=', IN, LIKE, INCLUDES, ORDER BY on text).
//
// Folding maps a code point to its lower-case form for the scripts collections data uses: ASCII,
// Latin-1 Supplement, Latin Extended-A, Greek and Cyrillic (simple one-to-one mappings; no
// locale-specific rules such as Turkish dotless i, and no expansions such as German sharp s to
// "ss"). Other code points fold to themselves. This is a documented approximation of Salesforce,
// which compares with the user's locale collation.
#ifndef RECOUP_SIM_ORG_SOQL_TEXT_H_
#define RECOUP_SIM_ORG_SOQL_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace recoup::sim::org::soql {

// Decodes the code point at text[*i] and advances *i past it. A malformed or truncated sequence, an
// overlong form or a surrogate decodes as U+FFFD and advances by one byte. Requires *i < size.
char32_t NextCodePoint(std::string_view text, size_t* i);

// Appends the UTF-8 form of `cp` (U+FFFD for a value above U+10FFFF or a surrogate).
void AppendUtf8(char32_t cp, std::string* out);

// The simple lower-case fold described above.
char32_t FoldCase(char32_t cp);

// Case-insensitive comparison of UTF-8 strings by folded code points: <0, 0, >0. Pure ASCII is
// compared without decoding.
int CompareFolded(std::string_view a, std::string_view b);
inline bool EqualsFolded(std::string_view a, std::string_view b) {
  return CompareFolded(a, b) == 0;
}

// ASCII-only case-insensitive equality (for keywords and API names, which are ASCII).
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_TEXT_H_
