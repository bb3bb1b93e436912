// The SOQL parser: WHERE conditions and literal values (see parser.h and parser_internal.h).
#include <charconv>
#include <string>

#include "sim/org/soql/literal_text.h"
#include "sim/org/soql/parser.h"
#include "sim/org/soql/parser_internal.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql::parser_internal {

bool Parser::ParseLogical(Condition* out, int depth) {
  out->offset = Peek().offset;
  if (PeekKeyword("NOT")) {
    Next();
    out->kind = Condition::Kind::kNot;
    out->operands.emplace_back();
    return ParseOperand(&out->operands.back(), depth);
  }
  Condition first;
  if (!ParseOperand(&first, depth)) return false;
  const bool is_and = PeekKeyword("AND");
  if (!is_and && !PeekKeyword("OR")) {
    *out = std::move(first);
    return true;
  }
  const std::string_view joiner = is_and ? "AND" : "OR";
  const std::string_view other = is_and ? "OR" : "AND";
  out->kind = is_and ? Condition::Kind::kAnd : Condition::Kind::kOr;
  out->operands.push_back(std::move(first));
  while (AcceptKeyword(joiner)) {
    out->operands.emplace_back();
    if (!ParseOperand(&out->operands.back(), depth)) return false;
  }
  if (PeekKeyword(other)) return Unexpected(Peek());
  return true;
}

bool Parser::ParseOperand(Condition* out, int depth) {
  out->offset = Peek().offset;
  if (Peek().kind == TokenKind::kLParen) {
    if (depth + 1 > kMaxNesting) {
      return Fail(PositionedError("QUERY_TOO_COMPLICATED", source_, Peek().offset,
                                  "Query is either selecting too many fields or the filter "
                                  "conditions are too complicated."));
    }
    Next();
    if (!ParseLogical(out, depth + 1)) return false;
    return Expect(TokenKind::kRParen);
  }
  out->kind = Condition::Kind::kComparison;
  return ParseComparison(&out->comparison);
}

bool Parser::ParseComparison(Comparison* cmp) {
  if (!ParsePath(&cmp->field)) return false;
  const Token& op = Peek();
  cmp->op_offset = op.offset;
  switch (op.kind) {
    case TokenKind::kEq:
      cmp->op = CompareOp::kEq;
      break;
    case TokenKind::kNe:
      cmp->op = CompareOp::kNe;
      break;
    case TokenKind::kLt:
      cmp->op = CompareOp::kLt;
      break;
    case TokenKind::kLe:
      cmp->op = CompareOp::kLe;
      break;
    case TokenKind::kGt:
      cmp->op = CompareOp::kGt;
      break;
    case TokenKind::kGe:
      cmp->op = CompareOp::kGe;
      break;
    case TokenKind::kIdentifier:
      if (IsKeyword(op, "LIKE")) {
        Next();
        return ParseLikePattern(cmp);
      }
      if (IsKeyword(op, "IN")) {
        Next();
        cmp->op = CompareOp::kIn;
        return ParseValueList(cmp, /*strings_only=*/false);
      }
      if (IsKeyword(op, "NOT") && PeekKeyword("IN", 1)) {
        Next();
        Next();
        cmp->op = CompareOp::kNotIn;
        return ParseValueList(cmp, /*strings_only=*/false);
      }
      if (IsKeyword(op, "INCLUDES") || IsKeyword(op, "EXCLUDES")) {
        Next();
        cmp->op = IsKeyword(op, "INCLUDES") ? CompareOp::kIncludes : CompareOp::kExcludes;
        return ParseValueList(cmp, /*strings_only=*/true);
      }
      if (IsKeyword(op, "NOT")) return Unexpected(Peek(1));
      return Unexpected(op);
    default:
      return Unexpected(op);
  }
  Next();
  cmp->values.emplace_back();
  return ParseValue(&cmp->values.back());
}

bool Parser::ParseLikePattern(Comparison* cmp) {
  cmp->op = CompareOp::kLike;
  const Token& t = Peek();
  if (t.kind != TokenKind::kString) return Unexpected(t);
  std::u32string decoded;
  std::string bad;
  if (!DecodeLikePattern(t.text, &decoded, &bad)) return BadEscape(t, bad);
  cmp->like = LikePattern(decoded);
  // The literal itself, for messages: the pattern's text with its wildcards as written.
  Literal& lit = cmp->values.emplace_back();
  lit.kind = Literal::Kind::kString;
  lit.text = std::string(t.text);
  lit.offset = t.offset;
  for (char32_t c : decoded) {
    if (c == kLikeAnyMany) {
      lit.string_value += '%';
    } else if (c == kLikeAnyOne) {
      lit.string_value += '_';
    } else {
      AppendUtf8(c, &lit.string_value);
    }
  }
  Next();
  return true;
}

bool Parser::ParseValueList(Comparison* cmp, bool strings_only) {
  if (!Expect(TokenKind::kLParen)) return false;
  do {
    if (strings_only && Peek().kind != TokenKind::kString) return Unexpected(Peek());
    cmp->values.emplace_back();
    if (!ParseValue(&cmp->values.back())) return false;
  } while (Accept(TokenKind::kComma));
  return Expect(TokenKind::kRParen);
}

bool Parser::BadEscape(const Token& t, std::string_view escape) {
  std::string detail = "Invalid string literal '";
  detail += t.text.substr(1, t.text.size() >= 2 ? t.text.size() - 2 : 0);
  detail += "'. Illegal character sequence '";
  detail += escape;
  detail += "' in string literal.";
  return FailAt(t, detail);
}

bool Parser::ParseValue(Literal* lit) {
  const Token& t = Peek();
  lit->offset = t.offset;
  switch (t.kind) {
    case TokenKind::kString: {
      std::string bad;
      if (!DecodeString(t.text, &lit->string_value, &bad)) return BadEscape(t, bad);
      lit->kind = Literal::Kind::kString;
      lit->text = std::string(t.text);
      Next();
      return true;
    }
    case TokenKind::kPlus:
    case TokenKind::kMinus: {
      const Token& number = Peek(1);
      if (number.kind != TokenKind::kNumber) return Unexpected(number);
      Next();
      Next();
      return MakeNumber(t.kind == TokenKind::kMinus, number, lit);
    }
    case TokenKind::kNumber:
      Next();
      return MakeNumber(false, t, lit);
    case TokenKind::kDateTime: {
      lit->text = std::string(t.text);
      if (t.text.size() == 10) {
        if (!ParseDateText(t.text, &lit->date_value)) {
          return FailAt(t, "Invalid date: " + lit->text);
        }
        lit->kind = Literal::Kind::kDate;
      } else if (t.text.size() > 10 && (t.text[10] == 'T' || t.text[10] == 't')) {
        if (!ParseDateTimeText(t.text, &lit->datetime_value)) {
          return FailAt(t, "Invalid datetime: " + lit->text);
        }
        lit->kind = Literal::Kind::kDateTime;
      } else {
        return FailAt(t, "Invalid date: " + lit->text);
      }
      Next();
      return true;
    }
    case TokenKind::kIdentifier: {
      lit->text = std::string(t.text);
      if (IsKeyword(t, "NULL")) {
        lit->kind = Literal::Kind::kNull;
      } else if (IsKeyword(t, "TRUE") || IsKeyword(t, "FALSE")) {
        lit->kind = Literal::Kind::kBoolean;
        lit->bool_value = IsKeyword(t, "TRUE");
      } else {
        bool takes_n = false;
        const std::optional<DateLiteralKind> kind = FindDateLiteral(t.text, &takes_n);
        if (!kind) return Unexpected(t);
        lit->kind = Literal::Kind::kDateLiteral;
        lit->date_literal.kind = *kind;
        if (takes_n) {
          Next();
          if (!Expect(TokenKind::kColon)) return false;
          const Token& n = Peek();
          if (n.kind != TokenKind::kNumber || n.text.find('.') != std::string_view::npos) {
            return Unexpected(n);
          }
          const std::optional<int64_t> v = SmallInteger(n);
          if (!v) return FailAt(n, "numeric value out of range: " + std::string(n.text));
          lit->date_literal.n = *v;
          lit->text += ':';
          lit->text += n.text;
        }
      }
      Next();
      return true;
    }
    default:
      return Unexpected(t);
  }
}

bool Parser::MakeNumber(bool negative, const Token& number, Literal* lit) {
  lit->kind = Literal::Kind::kNumber;
  lit->text = negative ? "-" : "";
  lit->text += number.text;
  double value = 0;
  const char* begin = lit->text.data();
  const char* end = begin + lit->text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end) {
    return FailAt(number, "numeric value out of range: " + lit->text);
  }
  lit->number_value = value;
  if (number.text.find('.') == std::string_view::npos) {
    int64_t integer = 0;
    const auto [iptr, iec] = std::from_chars(begin, end, integer);
    if (iec == std::errc() && iptr == end) lit->integer_value = integer;
  }
  return true;
}

}  // namespace recoup::sim::org::soql::parser_internal
