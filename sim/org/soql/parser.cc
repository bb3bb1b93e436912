// The SOQL parser: the query's clauses (see parser.h; conditions and values are in
// parser_where.cc).
#include "sim/org/soql/parser.h"

#include <array>
#include <limits>
#include <utility>

#include "sim/org/soql/lexer.h"
#include "sim/org/soql/parser_internal.h"
#include "sim/org/soql/query_error.h"
#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace parser_internal {
namespace {

constexpr std::array<std::string_view, 22> kReserved = {
    "AND",    "ASC", "DESC",     "EXCLUDES", "FALSE", "FIRST", "FROM", "GROUP",
    "HAVING", "IN",  "INCLUDES", "LAST",     "LIKE",  "LIMIT", "NOT",  "NULL",
    "NULLS",  "OR",  "SELECT",   "TRUE",     "WHERE", "WITH"};

}  // namespace

bool IsReserved(std::string_view word) {
  for (std::string_view r : kReserved) {
    if (EqualsIgnoreCaseAscii(word, r)) return true;
  }
  return false;
}

std::optional<int64_t> SmallInteger(const Token& token) {
  if (token.kind != TokenKind::kNumber) return std::nullopt;
  int64_t v = 0;
  for (char c : token.text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
    if (v > std::numeric_limits<int32_t>::max()) return std::nullopt;
  }
  return v;
}

bool Parser::ParseTopLevel(Query* query) {
  if (!ExpectKeyword("SELECT")) return false;
  if (!ParseSelectList(query)) return false;
  if (!ExpectKeyword("FROM")) return false;
  if (!ParseName(&query->object, &query->object_offset)) return false;
  if (AcceptKeyword("WHERE")) {
    query->where.emplace();
    if (!ParseLogical(&*query->where, 0)) return false;
  }
  if (PeekKeyword("ORDER")) {
    Next();
    if (!ExpectKeyword("BY") || !ParseOrderBy(&query->order_by)) return false;
  }
  if (AcceptKeyword("LIMIT")) {
    query->limit.emplace();
    if (!ParseCount(&*query->limit)) return false;
  }
  if (PeekKeyword("OFFSET")) {
    query->offset_offset = Next().offset;
    query->offset.emplace();
    if (!ParseCount(&*query->offset)) return false;
  }
  if (Peek().kind != TokenKind::kEnd) return Unexpected(Peek());
  if (query->offset && *query->offset > kMaxOffset) {
    return Fail(
        MakeSfError(400, "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000"));
  }
  return true;
}

bool Parser::ParseSelectList(Query* query) {
  size_t count_index = SIZE_MAX;
  do {
    SelectItem item;
    item.offset = Peek().offset;
    if (PeekKeyword("COUNT") && Peek(1).kind == TokenKind::kLParen) {
      Next();
      Next();
      if (!Expect(TokenKind::kRParen)) return false;
      item.kind = SelectItem::Kind::kCount;
      count_index = query->select.size();
    } else if (Peek().kind == TokenKind::kLParen) {
      Next();
      Subquery sub;
      sub.offset = item.offset;
      if (!ParseSubquery(&sub)) return false;
      item.kind = SelectItem::Kind::kSubquery;
      item.subquery = query->subqueries.size();
      query->subqueries.push_back(std::move(sub));
    } else {
      item.kind = SelectItem::Kind::kField;
      if (!ParsePath(&item.field)) return false;
    }
    query->select.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  if (count_index != SIZE_MAX) {
    query->count = true;
    if (query->select.size() > 1) {
      const SelectItem& other = query->select[count_index == 0 ? 1 : 0];
      return Fail(MalformedQuery(source_, other.offset,
                                 "COUNT() must be the only element in the SELECT list"));
    }
  }
  return true;
}

bool Parser::ParseSubquery(Subquery* sub) {
  if (!ExpectKeyword("SELECT")) return false;
  do {
    FieldPath path;
    if (!ParsePath(&path)) return false;
    sub->fields.push_back(std::move(path));
  } while (Accept(TokenKind::kComma));
  if (!ExpectKeyword("FROM")) return false;
  if (!ParseName(&sub->relationship, &sub->relationship_offset)) return false;
  if (AcceptKeyword("WHERE")) {
    sub->where.emplace();
    if (!ParseLogical(&*sub->where, 0)) return false;
  }
  if (PeekKeyword("ORDER")) {
    Next();
    if (!ExpectKeyword("BY") || !ParseOrderBy(&sub->order_by)) return false;
  }
  if (AcceptKeyword("LIMIT")) {
    sub->limit.emplace();
    if (!ParseCount(&*sub->limit)) return false;
  }
  return Expect(TokenKind::kRParen);
}

bool Parser::ParseCount(int64_t* value) {
  const Token& t = Peek();
  if (t.kind != TokenKind::kNumber || t.text.find('.') != std::string_view::npos) {
    return Unexpected(t);
  }
  const std::optional<int64_t> v = SmallInteger(t);
  if (!v) return FailAt(t, "numeric value out of range: " + std::string(t.text));
  *value = *v;
  Next();
  return true;
}

bool Parser::ParseOrderBy(std::vector<OrderItem>* items) {
  do {
    OrderItem item;
    if (!ParsePath(&item.field)) return false;
    if (AcceptKeyword("DESC")) {
      item.descending = true;
    } else {
      AcceptKeyword("ASC");
    }
    if (AcceptKeyword("NULLS")) {
      if (AcceptKeyword("FIRST")) {
        item.nulls = NullsOrder::kFirst;
      } else if (AcceptKeyword("LAST")) {
        item.nulls = NullsOrder::kLast;
      } else {
        return Unexpected(Peek());
      }
    }
    items->push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  return true;
}

}  // namespace parser_internal

SfOr<Query> ParseSoql(std::string_view soql) {
  if (soql.size() > kMaxQueryLength) {
    return MakeSfError(400, "MALFORMED_QUERY", "SOQL statements cannot exceed 100000 characters");
  }
  SfOr<std::vector<Token>> tokens = Tokenize(soql);
  if (!tokens.ok()) return tokens.error();
  parser_internal::Parser parser(soql, std::move(tokens).value());
  return parser.Run();
}

}  // namespace recoup::sim::org::soql
