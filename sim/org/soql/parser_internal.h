// Internal to the SOQL parser (parser.cc: clauses; parser_where.cc: conditions and values): the
// recursive-descent Parser over the tokens of lexer.h. Not for use outside sim/org/soql.
#ifndef RECOUP_SIM_ORG_SOQL_PARSER_INTERNAL_H_
#define RECOUP_SIM_ORG_SOQL_PARSER_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/org/sf_error.h"
#include "sim/org/soql/ast.h"
#include "sim/org/soql/lexer.h"
#include "sim/org/soql/query_error.h"

namespace recoup::sim::org::soql::parser_internal {

// True for the words that cannot name objects or fields (parser.h lists them).
bool IsReserved(std::string_view word);

// An unsigned integer token's value, or nullopt when it has a fraction or exceeds INT32_MAX.
std::optional<int64_t> SmallInteger(const Token& token);

// Each Parse* method returns false after recording the first error; Run() returns it.
class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  SfOr<Query> Run() {
    Query query;
    if (!ParseTopLevel(&query)) return std::move(*error_);
    query.source = std::string(source_);
    return query;
  }

 private:
  // ---- Token access and errors.
  const Token& Peek(size_t ahead = 0) const {
    const size_t at = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[at];
  }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool PeekKeyword(std::string_view kw, size_t ahead = 0) const {
    return IsKeyword(Peek(ahead), kw);
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!PeekKeyword(kw)) return false;
    Next();
    return true;
  }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }
  bool Fail(SfError error) {
    if (!error_) error_ = std::move(error);
    return false;
  }
  bool FailAt(const Token& token, std::string_view detail) {
    return Fail(MalformedQuery(source_, token.offset, detail));
  }
  bool Unexpected(const Token& token) {
    return FailAt(token,
                  UnexpectedTokenDetail(token.kind == TokenKind::kEnd ? "<EOF>" : token.text));
  }
  bool ExpectKeyword(std::string_view kw) { return AcceptKeyword(kw) || Unexpected(Peek()); }
  bool Expect(TokenKind kind) { return Accept(kind) || Unexpected(Peek()); }

  // A name that may denote an object, relationship or field.
  bool ParseName(std::string* name, uint32_t* offset) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kIdentifier || IsReserved(t.text)) return Unexpected(t);
    *name = std::string(t.text);
    *offset = t.offset;
    Next();
    return true;
  }
  bool ParsePath(FieldPath* path) {
    std::string part;
    if (!ParseName(&part, &path->offset)) return false;
    path->parts.push_back(std::move(part));
    while (Peek().kind == TokenKind::kDot) {
      Next();
      uint32_t ignored = 0;
      if (!ParseName(&part, &ignored)) return false;
      path->parts.push_back(std::move(part));
    }
    return true;
  }

  // ---- Clauses (parser.cc).
  bool ParseTopLevel(Query* query);
  bool ParseSelectList(Query* query);
  bool ParseSubquery(Subquery* sub);
  bool ParseCount(int64_t* value);
  bool ParseOrderBy(std::vector<OrderItem>* items);

  // ---- Conditions and values (parser_where.cc).
  // logical := operand (AND operand)* | operand (OR operand)* | NOT operand; `depth` counts the
  // enclosing parentheses (at most kMaxNesting).
  bool ParseLogical(Condition* out, int depth);
  bool ParseOperand(Condition* out, int depth);
  bool ParseComparison(Comparison* cmp);
  bool ParseLikePattern(Comparison* cmp);
  // '(' value (',' value)* ')'; `strings_only` for INCLUDES/EXCLUDES.
  bool ParseValueList(Comparison* cmp, bool strings_only);
  // The "Invalid string literal" error for string token `t` with the bad escape sequence.
  bool BadEscape(const Token& t, std::string_view escape);
  bool ParseValue(Literal* lit);
  // A number literal from `number`, negated when `negative`.
  bool MakeNumber(bool negative, const Token& number, Literal* lit);

  std::string_view source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::optional<SfError> error_;
};

}  // namespace recoup::sim::org::soql::parser_internal

#endif  // RECOUP_SIM_ORG_SOQL_PARSER_INTERNAL_H_
