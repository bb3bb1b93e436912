// The SOQL lexer: splits a query into tokens that keep their place (a byte offset) in the text.
//
// Tokens: identifiers ([A-Za-z_][A-Za-z0-9_]*; keywords are identifiers too and are recognised
// case-insensitively by the parser, because most SOQL keywords may also name objects and fields),
// single-quoted strings (kept raw, with their quotes; DecodeString decodes them), unsigned numbers
// (digits with an optional fraction: "12", "12.50"), unquoted dates and datetimes (anything that
// starts with four digits and a '-' followed by a digit, up to the end of the run of characters
// [0-9TtZz:.+-]; the parser validates the form), and the punctuation , . ( ) : + - = != <> < <= >
// >=. Whitespace (space, tab, CR, LF) separates tokens. Any other character, and a string without
// its closing quote, is a MALFORMED_QUERY error naming the position.
#ifndef RECOUP_SIM_ORG_SOQL_LEXER_H_
#define RECOUP_SIM_ORG_SOQL_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/sf_error.h"

namespace recoup::sim::org::soql {

enum class TokenKind : uint8_t {
  kEnd,         // end of input; text "" at the end of the last token
  kIdentifier,  // also every keyword
  kString,      // raw, including the quotes
  kNumber,      // unsigned: digits [. digits]
  kDateTime,    // a date or datetime candidate (validated by the parser)
  kComma,
  kDot,
  kLParen,
  kRParen,
  kColon,
  kPlus,
  kMinus,
  kEq,  // =
  kNe,  // != or <>
  kLt,  // <
  kLe,  // <=
  kGt,  // >
  kGe,  // >=
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  // a view into the source
  uint32_t offset = 0;    // byte offset of the first character in the source
};

// Splits `source` into tokens, always ending with one kEnd token. The tokens view `source`, which
// must outlive them. Errors: MALFORMED_QUERY (HTTP 400) for a character that starts no token
// ("unexpected token: '$'") or a string without its closing quote ("unexpected token: '<EOF>'" at
// the end of the text).
SfOr<std::vector<Token>> Tokenize(std::string_view source);

// Case-insensitive ASCII comparison of an identifier with an upper-case keyword.
bool IsKeyword(const Token& token, std::string_view upper_keyword);

// Which escapes a string literal may use. In a LIKE pattern "\%" and "\_" stand for a literal '%'
// and '_'; anywhere else they are errors, as in Salesforce.
enum class StringContext : uint8_t { kValue, kLikePattern };

// One character of a decoded LIKE pattern: a code point, or a wildcard.
inline constexpr char32_t kLikeAnyOne = 0xFFFFFFFEu;   // '_'
inline constexpr char32_t kLikeAnyMany = 0xFFFFFFFFu;  // '%'

// Decodes a raw string token (with its quotes) to UTF-8. Escapes (case-insensitive letter):
// \n \r \t \b (backspace, U+0008) \f \" \' \\ and \uXXXX (four hex digits; a surrogate pair written
// as two \u escapes is combined). On error returns false and sets *bad_escape to the offending
// escape sequence as written (e.g. "\q"). Bytes that are not valid UTF-8 become U+FFFD.
bool DecodeString(std::string_view raw, std::string* out, std::string* bad_escape);

// Decodes a raw string token as a LIKE pattern into code points, '%' and '_' becoming kLikeAnyMany
// and kLikeAnyOne and "\%", "\_" the literal characters. Invalid UTF-8 bytes become U+FFFD. Errors
// as DecodeString.
bool DecodeLikePattern(std::string_view raw, std::u32string* out, std::string* bad_escape);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_LEXER_H_
