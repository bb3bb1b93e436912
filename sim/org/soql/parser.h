// The SOQL parser: recursive descent over the tokens of lexer.h, producing the tree of ast.h for
// the subset of reference/salesforce-api.md section 6 (grammar in docs/org.md, "## SOQL").
//
//   query      := SELECT item (',' item)* FROM name [WHERE logical] [ORDER BY order (',' order)*]
//                 [LIMIT int] [OFFSET int]
//   item       := COUNT '(' ')' | '(' subquery ')' | path
//   subquery   := SELECT path (',' path)* FROM name [WHERE logical] [ORDER BY ...] [LIMIT int]
//   path       := name ('.' name)*
//   logical    := operand (AND operand)* | operand (OR operand)* | NOT operand
//   operand    := '(' logical ')' | path op value | path [NOT] IN '(' value (',' value)* ')'
//                 | path LIKE string | path (INCLUDES|EXCLUDES) '(' string (',' string)* ')'
//   op         := = | != | <> | < | <= | > | >=
//   value      := string | ['+'|'-'] number | TRUE | FALSE | NULL | date | datetime
//                 | date-literal [':' int]
//   order      := path [ASC|DESC] [NULLS (FIRST|LAST)]
//
// As in Salesforce, AND and OR cannot be mixed without parentheses ("a AND b OR c" fails with
// "unexpected token: 'OR'"), and NOT applies to exactly one operand and must begin its
// (parenthesised) condition ("a AND NOT b" fails; "a AND (NOT b)" is fine). Keywords are
// case-insensitive; the reserved words (AND ASC DESC EXCLUDES FALSE FIRST FROM GROUP HAVING IN
// INCLUDES LAST LIKE LIMIT NOT NULL NULLS OR SELECT TRUE WHERE WITH) cannot name objects or fields.
//
// Errors are SfErrors with HTTP 400 and a positioned message (query_error.h):
//   MALFORMED_QUERY  "unexpected token: 'X'" (X = "<EOF>" at the end), "Invalid date: X",
//                    "Invalid datetime: X", "Invalid string literal 'X'. Illegal character sequence
//                    '\q' in string literal.", "numeric value out of range: X" (LIMIT, OFFSET and n
//                    above 2^31-1), "COUNT() must be the only element in the SELECT list",
//                    "SOQL statements cannot exceed 100000 characters" (unpositioned)
//   NUMBER_OUTSIDE_VALID_RANGE  "Maximum SOQL offset allowed is 2000" (unpositioned, as Salesforce)
//   QUERY_TOO_COMPLICATED  parentheses nested deeper than kMaxNesting
#ifndef RECOUP_SIM_ORG_SOQL_PARSER_H_
#define RECOUP_SIM_ORG_SOQL_PARSER_H_

#include <string_view>

#include "sim/org/sf_error.h"
#include "sim/org/soql/ast.h"

namespace recoup::sim::org::soql {

inline constexpr size_t kMaxQueryLength = 100'000;  // characters (bytes here), as Salesforce
inline constexpr int64_t kMaxOffset = 2000;
inline constexpr int kMaxNesting = 64;  // parenthesised conditions inside each other

// Parses `soql`. The result owns a copy of the text (Query::source). Never crashes on any input;
// work is linear in the length of the text.
SfOr<Query> ParseSoql(std::string_view soql);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_PARSER_H_
