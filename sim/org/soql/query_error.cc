// Positioned SOQL error messages (see query_error.h).
#include "sim/org/soql/query_error.h"

#include <algorithm>

namespace recoup::sim::org::soql {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of characters (UTF-8 lead bytes) in text.
int CountChars(std::string_view text) {
  int n = 0;
  for (char c : text) n += IsContinuationByte(c) ? 0 : 1;
  return n;
}

// Byte index in `line` of the character number `chars` (0-based), clamped to the line's length.
size_t ByteOfChar(std::string_view line, int chars) {
  size_t i = 0;
  int seen = 0;
  while (i < line.size()) {
    if (!IsContinuationByte(line[i])) {
      if (seen == chars) return i;
      ++seen;
    }
    ++i;
  }
  return line.size();
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

LineColumn Locate(std::string_view source, size_t offset) {
  offset = std::min(offset, source.size());
  LineColumn lc;
  for (size_t i = 0; i < offset; ++i) {
    const char c = source[i];
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if (!IsContinuationByte(c)) {
      ++lc.column;
    }
  }
  return lc;
}

std::string PositionedMessage(std::string_view source, size_t offset, std::string_view detail) {
  offset = std::min(offset, source.size());
  const LineColumn lc = Locate(source, offset);
  // The line holding the offset, without its line break.
  const size_t newline = offset == 0 ? std::string_view::npos : source.rfind('\n', offset - 1);
  const size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
  size_t line_end = source.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = source.size();
  std::string_view line = source.substr(line_begin, line_end - line_begin);
  while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);  // trailing blanks and CR
  const int caret = lc.column - 1;  // characters before the error on its line

  std::string_view snippet = line;
  int snippet_caret = caret;
  if (CountChars(line) > kSnippetWidth) {
    // Cut at whitespace so that words stay whole.
    size_t begin = ByteOfChar(line, std::max(0, caret - kSnippetContext));
    if (begin > 0) {
      while (begin < line.size() && !IsSpace(line[begin - 1])) ++begin;
      const size_t error_byte = ByteOfChar(line, caret);
      if (begin > error_byte) begin = error_byte;
    }
    size_t end = ByteOfChar(line, caret + kSnippetContext);
    while (end < line.size() && !IsSpace(line[end])) ++end;
    snippet = line.substr(begin, end - begin);
    snippet_caret = caret - CountChars(line.substr(0, begin));
  }
  std::string message;
  message.reserve(snippet.size() + static_cast<size_t>(snippet_caret) + detail.size() + 48);
  message += '\n';
  message += snippet;
  message += '\n';
  message.append(static_cast<size_t>(std::max(0, snippet_caret)), ' ');
  message += "^\nERROR at Row:";
  message += std::to_string(lc.line);
  message += ":Column:";
  message += std::to_string(lc.column);
  message += '\n';
  message += detail;
  return message;
}

SfError PositionedError(std::string_view error_code, std::string_view source, size_t offset,
                        std::string_view detail) {
  return MakeSfError(400, std::string(error_code), PositionedMessage(source, offset, detail));
}

SfError MalformedQuery(std::string_view source, size_t offset, std::string_view detail) {
  return PositionedError("MALFORMED_QUERY", source, offset, detail);
}

std::string UnexpectedTokenDetail(std::string_view token_text) {
  std::string detail = "unexpected token: '";
  detail += token_text;
  detail += '\'';
  return detail;
}

}  // namespace recoup::sim::org::soql
