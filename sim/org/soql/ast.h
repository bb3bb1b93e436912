// The syntax tree of a parsed SOQL query (the subset of reference/salesforce-api.md section 6).
//
// Names are kept as written (SOQL names are case-insensitive; the binder resolves them against the
// schema). Every node that an error can point at keeps the byte offset of its first character in
// Query::source, so later stages (binder, executor) can report "ERROR at Row:R:Column:C" too.
// Plain value types: copyable, no pointers into other nodes.
#ifndef RECOUP_SIM_ORG_SOQL_AST_H_
#define RECOUP_SIM_ORG_SOQL_AST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/time.h"
#include "sim/org/soql/date_literal.h"
#include "sim/org/soql/like.h"

namespace recoup::sim::org::soql {

// A dotted name: "Name", "Account__r.Owner.Name". parts.size() >= 1.
struct FieldPath {
  std::vector<std::string> parts;
  uint32_t offset = 0;
  // "A.B.C" as written.
  std::string ToString() const;
};

// A literal value in a WHERE clause.
struct Literal {
  enum class Kind : uint8_t {
    kNull,
    kBoolean,
    kNumber,       // number_value; integer_value too when the text has no fraction and fits
    kString,       // string_value, decoded UTF-8
    kDate,         // date_value: days since 1970-01-01 (YYYY-MM-DD)
    kDateTime,     // datetime_value (YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm)), saturating
    kDateLiteral,  // date_literal (TODAY, LAST_N_DAYS:n, ...)
  };
  Kind kind = Kind::kNull;
  bool bool_value = false;
  double number_value = 0;
  std::optional<int64_t> integer_value;
  std::string string_value;
  CivilDayNumber date_value = 0;
  Timestamp datetime_value;
  DateLiteral date_literal;
  std::string text;  // the literal as written (strings with their quotes, signs included)
  uint32_t offset = 0;
};

enum class CompareOp : uint8_t {
  kEq,        // =
  kNe,        // != or <>
  kLt,        // <
  kLe,        // <=
  kGt,        // >
  kGe,        // >=
  kLike,      // LIKE 'pattern'
  kIn,        // IN (v, ...)
  kNotIn,     // NOT IN (v, ...)
  kIncludes,  // INCLUDES ('a;b', ...)   multi-select picklists
  kExcludes,  // EXCLUDES ('a;b', ...)
};
std::string_view CompareOpText(CompareOp op);

// `field op value` (one value) or `field op (v1, ...)` (IN, NOT IN, INCLUDES, EXCLUDES).
struct Comparison {
  FieldPath field;
  CompareOp op = CompareOp::kEq;
  uint32_t op_offset = 0;
  std::vector<Literal> values;  // exactly 1 for the scalar operators and LIKE
  LikePattern like;             // the compiled pattern for kLike (values[0] is the string)
};

// A WHERE condition. SOQL allows `a AND b AND ...`, `a OR b OR ...` and `NOT a`, where each operand
// is a comparison or a parenthesised condition; AND and OR never mix without parentheses.
struct Condition {
  enum class Kind : uint8_t { kComparison, kAnd, kOr, kNot };
  Kind kind = Kind::kComparison;
  Comparison comparison;            // kComparison
  std::vector<Condition> operands;  // kAnd, kOr: >= 2; kNot: 1
  uint32_t offset = 0;
};

enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct OrderItem {
  FieldPath field;
  bool descending = false;
  NullsOrder nulls = NullsOrder::kDefault;  // kDefault: first for ASC, last for DESC (Salesforce)
  // The effective choice.
  bool NullsFirst() const {
    return nulls == NullsOrder::kDefault ? !descending : nulls == NullsOrder::kFirst;
  }
};

// A child-relationship subquery in the SELECT list: (SELECT f, ... FROM Rel [WHERE] [ORDER BY]
// [LIMIT]).
struct Subquery {
  std::vector<FieldPath> fields;
  std::string relationship;
  uint32_t relationship_offset = 0;
  std::optional<Condition> where;
  std::vector<OrderItem> order_by;
  std::optional<int64_t> limit;
  uint32_t offset = 0;  // of the opening parenthesis
};

struct SelectItem {
  enum class Kind : uint8_t { kField, kCount, kSubquery };
  Kind kind = Kind::kField;
  FieldPath field;      // kField
  size_t subquery = 0;  // kSubquery: index into Query::subqueries
  uint32_t offset = 0;
};

struct Query {
  std::string source;  // the query text the offsets refer to
  std::vector<SelectItem> select;
  std::vector<Subquery> subqueries;
  bool count = false;  // SELECT COUNT() (then `select` holds just that item)
  std::string object;
  uint32_t object_offset = 0;
  std::optional<Condition> where;
  std::vector<OrderItem> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  uint32_t offset_offset = 0;  // of the OFFSET keyword (when offset is set)
};

// A canonical one-line S-expression of the tree, for tests and debugging, e.g.
// (select (Id Account__r.Name count (sub Contact_Attempts__r (Id) (where ...) (limit 5)))
//  (from Collection_Account__c) (where (and (= Name 'x') (not (like Name 'a%'))))
//  (order-by (Name asc nulls-first)) (limit 10) (offset 5))
std::string DumpQuery(const Query& query);
std::string DumpCondition(const Condition& condition);
std::string DumpLiteral(const Literal& literal);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_AST_H_
