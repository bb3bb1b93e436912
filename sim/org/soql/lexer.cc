// The SOQL lexer (see lexer.h).
#include "sim/org/soql/lexer.h"

#include "sim/org/soql/query_error.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }
bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDateTimeChar(char c) {
  return IsDigit(c) || c == 'T' || c == 't' || c == 'Z' || c == 'z' || c == ':' || c == '.' ||
         c == '+' || c == '-';
}

// The text of one character (a whole UTF-8 sequence) at `at`, for "unexpected token" messages.
std::string_view CharAt(std::string_view source, size_t at) {
  size_t next = at;
  NextCodePoint(source, &next);
  return source.substr(at, next - at);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the four hex digits after "\u" at raw[i] (i indexes the 'u'); returns -1 when malformed.
int32_t ReadHex4(std::string_view raw, size_t i) {
  if (i + 4 >= raw.size()) return -1;  // the closing quote must still follow
  int32_t v = 0;
  for (size_t k = 1; k <= 4; ++k) {
    const int h = HexValue(raw[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Shared escape decoding. Calls emit(code_point, is_literal_wildcard) for each character; `like`
// enables \% and \_ and reports unescaped % and _ as wildcards (emit(kLikeAnyMany/kLikeAnyOne)).
template <typename Emit>
bool DecodeEscapes(std::string_view raw, bool like, std::string* bad_escape, Emit emit) {
  // raw is '...'; the body is raw[1 .. size-2].
  const size_t end = raw.size() >= 2 ? raw.size() - 1 : raw.size();
  size_t i = 1;
  while (i < end) {
    const char c = raw[i];
    if (c != '\\') {
      if (like && c == '%') {
        emit(kLikeAnyMany);
        ++i;
      } else if (like && c == '_') {
        emit(kLikeAnyOne);
        ++i;
      } else {
        emit(NextCodePoint(raw.substr(0, end), &i));
      }
      continue;
    }
    if (i + 1 >= end) {  // cannot happen for a token from Tokenize (a quote would be escaped)
      *bad_escape = "\\";
      return false;
    }
    const char e = raw[i + 1];
    switch (e) {
      case 'n':
      case 'N':
        emit(U'\n');
        i += 2;
        continue;
      case 'r':
      case 'R':
        emit(U'\r');
        i += 2;
        continue;
      case 't':
      case 'T':
        emit(U'\t');
        i += 2;
        continue;
      case 'b':
      case 'B':
        emit(char32_t{0x08});
        i += 2;
        continue;
      case 'f':
      case 'F':
        emit(U'\f');
        i += 2;
        continue;
      case '"':
        emit(U'"');
        i += 2;
        continue;
      case '\'':
        emit(U'\'');
        i += 2;
        continue;
      case '\\':
        emit(U'\\');
        i += 2;
        continue;
      case '%':
      case '_':
        if (!like) break;
        emit(static_cast<char32_t>(e));
        i += 2;
        continue;
      case 'u':
      case 'U': {
        const int32_t v = ReadHex4(raw, i + 1);
        if (v < 0) {
          *bad_escape = std::string(raw.substr(i, std::min<size_t>(6, end - i)));
          return false;
        }
        char32_t cp = static_cast<char32_t>(v);
        size_t consumed = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate must be followed by an escaped low surrogate.
          int32_t low = -1;
          if (i + 7 < end && raw[i + 6] == '\\' && (raw[i + 7] == 'u' || raw[i + 7] == 'U')) {
            low = ReadHex4(raw, i + 7);
          }
          if (low < 0xDC00 || low > 0xDFFF) {
            *bad_escape = std::string(raw.substr(i, 6));
            return false;
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
          consumed = 12;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          *bad_escape = std::string(raw.substr(i, 6));
          return false;
        }
        emit(cp);
        i += consumed;
        continue;
      }
      default:
        break;
    }
    *bad_escape = "\\";
    *bad_escape += CharAt(raw, i + 1);
    return false;
  }
  return true;
}

}  // namespace

SfOr<std::vector<Token>> Tokenize(std::string_view source) {
  std::vector<Token> tokens;
  tokens.reserve(source.size() / 4 + 2);
  size_t i = 0;
  size_t last_end = 0;  // end of the last token, where kEnd is placed
  auto push = [&](TokenKind kind, size_t begin, size_t end) {
    tokens.push_back(Token{kind, source.substr(begin, end - begin), static_cast<uint32_t>(begin)});
    last_end = end;
  };
  while (i < source.size()) {
    const char c = source[i];
    if (IsWhitespace(c)) {
      ++i;
      continue;
    }
    const size_t begin = i;
    if (IsIdentStart(c)) {
      while (i < source.size() && IsIdentChar(source[i])) ++i;
      push(TokenKind::kIdentifier, begin, i);
      continue;
    }
    if (IsDigit(c)) {
      // A date or datetime: four digits, '-', a digit.
      if (i + 5 < source.size() && IsDigit(source[i + 1]) && IsDigit(source[i + 2]) &&
          IsDigit(source[i + 3]) && source[i + 4] == '-' && IsDigit(source[i + 5])) {
        while (i < source.size() && IsDateTimeChar(source[i])) ++i;
        push(TokenKind::kDateTime, begin, i);
        continue;
      }
      while (i < source.size() && IsDigit(source[i])) ++i;
      if (i + 1 < source.size() && source[i] == '.' && IsDigit(source[i + 1])) {
        ++i;
        while (i < source.size() && IsDigit(source[i])) ++i;
      }
      push(TokenKind::kNumber, begin, i);
      continue;
    }
    if (c == '\'') {
      ++i;
      bool closed = false;
      while (i < source.size()) {
        if (source[i] == '\\') {
          i += 2;  // the escaped character, whatever it is, cannot close the string
          continue;
        }
        if (source[i] == '\'') {
          closed = true;
          ++i;
          break;
        }
        ++i;
      }
      if (!closed) {
        return MalformedQuery(source, source.size(), UnexpectedTokenDetail("<EOF>"));
      }
      push(TokenKind::kString, begin, i);
      continue;
    }
    TokenKind kind = TokenKind::kEnd;
    size_t length = 1;
    const char next = i + 1 < source.size() ? source[i + 1] : '\0';
    switch (c) {
      case ',':
        kind = TokenKind::kComma;
        break;
      case '.':
        kind = TokenKind::kDot;
        break;
      case '(':
        kind = TokenKind::kLParen;
        break;
      case ')':
        kind = TokenKind::kRParen;
        break;
      case ':':
        kind = TokenKind::kColon;
        break;
      case '+':
        kind = TokenKind::kPlus;
        break;
      case '-':
        kind = TokenKind::kMinus;
        break;
      case '=':
        kind = TokenKind::kEq;
        break;
      case '!':
        if (next == '=') {
          kind = TokenKind::kNe;
          length = 2;
        }
        break;
      case '<':
        if (next == '=') {
          kind = TokenKind::kLe;
          length = 2;
        } else if (next == '>') {
          kind = TokenKind::kNe;
          length = 2;
        } else {
          kind = TokenKind::kLt;
        }
        break;
      case '>':
        if (next == '=') {
          kind = TokenKind::kGe;
          length = 2;
        } else {
          kind = TokenKind::kGt;
        }
        break;
      default:
        break;
    }
    if (kind == TokenKind::kEnd) {
      return MalformedQuery(source, begin, UnexpectedTokenDetail(CharAt(source, begin)));
    }
    i += length;
    push(kind, begin, i);
  }
  tokens.push_back(
      Token{TokenKind::kEnd, source.substr(last_end, 0), static_cast<uint32_t>(last_end)});
  return tokens;
}

bool IsKeyword(const Token& token, std::string_view upper_keyword) {
  return token.kind == TokenKind::kIdentifier && EqualsIgnoreCaseAscii(token.text, upper_keyword);
}

bool DecodeString(std::string_view raw, std::string* out, std::string* bad_escape) {
  out->clear();
  out->reserve(raw.size());
  return DecodeEscapes(raw, /*like=*/false, bad_escape, [&](char32_t cp) { AppendUtf8(cp, out); });
}

bool DecodeLikePattern(std::string_view raw, std::u32string* out, std::string* bad_escape) {
  out->clear();
  out->reserve(raw.size());
  return DecodeEscapes(raw, /*like=*/true, bad_escape, [&](char32_t cp) { out->push_back(cp); });
}

}  // namespace recoup::sim::org::soql
