// Parser error tests: every error path gives Salesforce's errorCode, the position as
// "ERROR at Row:R:Column:C" and the exact detail, with the caret under the offending token.
#include <gtest/gtest.h>

#include <string>

#include "sim/org/soql/parser.h"
#include "sim/org/soql/query_error.h"

namespace recoup::sim::org::soql {
namespace {

struct ErrorCase {
  const char* soql;
  const char* error_code;
  int row;
  int column;
  const char* detail;
};

// Splits "\n<snippet>\n<caret>\nERROR at Row:R:Column:C\n<detail>".
struct Positioned {
  std::string snippet;
  std::string caret;
  std::string where;
  std::string detail;
};
bool Split(const std::string& message, Positioned* out) {
  if (message.empty() || message[0] != '\n') return false;
  const size_t a = message.find('\n', 1);
  if (a == std::string::npos) return false;
  const size_t b = message.find('\n', a + 1);
  if (b == std::string::npos) return false;
  const size_t c = message.find('\n', b + 1);
  if (c == std::string::npos) return false;
  out->snippet = message.substr(1, a - 1);
  out->caret = message.substr(a + 1, b - a - 1);
  out->where = message.substr(b + 1, c - b - 1);
  out->detail = message.substr(c + 1);
  return true;
}

class ParseErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseErrorTest, ReportsCodePositionAndDetail) {
  const ErrorCase& c = GetParam();
  SfOr<Query> query = ParseSoql(c.soql);
  ASSERT_FALSE(query.ok()) << c.soql;
  const SfError& error = query.error();
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.error_code, c.error_code) << c.soql;
  Positioned p;
  ASSERT_TRUE(Split(error.message, &p)) << error.message;
  EXPECT_EQ(p.where,
            "ERROR at Row:" + std::to_string(c.row) + ":Column:" + std::to_string(c.column))
      << c.soql;
  EXPECT_EQ(p.detail, c.detail) << c.soql;
  // The caret line is spaces and one '^', under the offending token in the snippet.
  ASSERT_FALSE(p.caret.empty());
  EXPECT_EQ(p.caret.back(), '^');
  EXPECT_EQ(p.caret.find_first_not_of(' '), p.caret.size() - 1);
  const std::string prefix = "unexpected token: '";
  if (p.detail.rfind(prefix, 0) == 0) {
    const std::string token = p.detail.substr(prefix.size(), p.detail.size() - prefix.size() - 1);
    // Columns count characters; the snippets here are ASCII up to the caret except one case.
    size_t byte = 0;
    for (size_t chars = 0; chars + 1 < p.caret.size() && byte < p.snippet.size(); ++chars) {
      do {
        ++byte;
      } while (byte < p.snippet.size() &&
               (static_cast<unsigned char>(p.snippet[byte]) & 0xC0) == 0x80);
    }
    if (token == "<EOF>") {
      EXPECT_EQ(byte, p.snippet.size()) << c.soql;
    } else {
      EXPECT_EQ(p.snippet.substr(byte, token.size()), token) << c.soql;
    }
  }
}

const ErrorCase kErrors[] = {
    {"SELECT Id FROM Account WHERE", "MALFORMED_QUERY", 1, 29, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM Account WHERE   \n ", "MALFORMED_QUERY", 1, 29, "unexpected token: '<EOF>'"},
    {"", "MALFORMED_QUERY", 1, 1, "unexpected token: '<EOF>'"},
    {"DELETE FROM A", "MALFORMED_QUERY", 1, 1, "unexpected token: 'DELETE'"},
    {"SELECT Id, FROM Bar__c", "MALFORMED_QUERY", 1, 12, "unexpected token: 'FROM'"},
    {"SELECT FROM X", "MALFORMED_QUERY", 1, 8, "unexpected token: 'FROM'"},
    {"SELECT * FROM A", "MALFORMED_QUERY", 1, 8, "unexpected token: '*'"},
    {"SELECT Id FROM A WHERE B = 1 AND C = 2 OR D = 3", "MALFORMED_QUERY", 1, 40,
     "unexpected token: 'OR'"},
    {"SELECT Id FROM A WHERE B = 1 OR C = 2 AND D = 3", "MALFORMED_QUERY", 1, 39,
     "unexpected token: 'AND'"},
    {"SELECT Id FROM A WHERE B = 1 and C = 2 or D = 3", "MALFORMED_QUERY", 1, 40,
     "unexpected token: 'or'"},
    {"SELECT Id FROM A WHERE B = 1 AND NOT C = 2", "MALFORMED_QUERY", 1, 34,
     "unexpected token: 'NOT'"},
    {"SELECT Id FROM A WHERE NOT B = 1 AND C = 2", "MALFORMED_QUERY", 1, 34,
     "unexpected token: 'AND'"},
    {"SELECT Id FROM A WHERE NOT NOT B = 1", "MALFORMED_QUERY", 1, 28, "unexpected token: 'NOT'"},
    {"SELECT Id FROM A WHERE (B = 1 AND C = 2 OR D = 3)", "MALFORMED_QUERY", 1, 41,
     "unexpected token: 'OR'"},
    {"SELECT Id FROM A WHERE B = 1)", "MALFORMED_QUERY", 1, 29, "unexpected token: ')'"},
    {"SELECT Id FROM A WHERE (B = 1", "MALFORMED_QUERY", 1, 30, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A WHERE B = 1 AND", "MALFORMED_QUERY", 1, 33, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A WHERE B == 1", "MALFORMED_QUERY", 1, 27, "unexpected token: '='"},
    {"SELECT Id FROM A WHERE B = Foo", "MALFORMED_QUERY", 1, 28, "unexpected token: 'Foo'"},
    {"SELECT Id FROM A WHERE B 1", "MALFORMED_QUERY", 1, 26, "unexpected token: '1'"},
    {"SELECT Id FROM A WHERE B IN ()", "MALFORMED_QUERY", 1, 30, "unexpected token: ')'"},
    {"SELECT Id FROM A WHERE B IN 'x'", "MALFORMED_QUERY", 1, 29, "unexpected token: ''x''"},
    {"SELECT Id FROM A WHERE B IN ('x' 'y')", "MALFORMED_QUERY", 1, 34, "unexpected token: ''y''"},
    {"SELECT Id FROM A WHERE B NOT LIKE 'x'", "MALFORMED_QUERY", 1, 30, "unexpected token: 'LIKE'"},
    {"SELECT Id FROM A WHERE B LIKE 5", "MALFORMED_QUERY", 1, 31, "unexpected token: '5'"},
    {"SELECT Id FROM A WHERE B LIKE null", "MALFORMED_QUERY", 1, 31, "unexpected token: 'null'"},
    {"SELECT Id FROM A WHERE B INCLUDES (1)", "MALFORMED_QUERY", 1, 36, "unexpected token: '1'"},
    {"SELECT Id FROM A WHERE B INCLUDES 'a'", "MALFORMED_QUERY", 1, 35, "unexpected token: ''a''"},
    {"SELECT Id FROM A WHERE Id IN (SELECT Id FROM B)", "MALFORMED_QUERY", 1, 31,
     "unexpected token: 'SELECT'"},
    {"SELECT Id FROM A WHERE Name = 'O'Brien'", "MALFORMED_QUERY", 1, 40,
     "unexpected token: '<EOF>'"},
    {"SELECT Id FROM Contact WHERE Email = liam.carter@example.com ORDER BY CreatedDate",
     "MALFORMED_QUERY", 1, 49, "unexpected token: '@'"},
    {"SELECT Id from $casecomment", "MALFORMED_QUERY", 1, 16, "unexpected token: '$'"},
    {"SELECT Id FROM A WHERE B ! 1", "MALFORMED_QUERY", 1, 26, "unexpected token: '!'"},
    {"SELECT Id FROM A WHERE B = \"x\"", "MALFORMED_QUERY", 1, 28, "unexpected token: '\"'"},
    {"SELECT Id FROM A WHERE B = 1;", "MALFORMED_QUERY", 1, 29, "unexpected token: ';'"},
    {"SELECT Id FROM A WHERE B = '\xc3\xa9"
     "' AND C = \xe2\x82\xac"
     " ",
     "MALFORMED_QUERY", 1, 40,
     "unexpected token: '\xe2\x82\xac"
     "'"},
    {"SELECT Id FROM A WHERE B = 'abc\\q'", "MALFORMED_QUERY", 1, 28,
     "Invalid string literal 'abc\\q'. Illegal character sequence '\\q' in string literal."},
    {"SELECT Id FROM A WHERE B = '\\u12'", "MALFORMED_QUERY", 1, 28,
     "Invalid string literal '\\u12'. Illegal character sequence '\\u12' in string literal."},
    {"SELECT Id FROM A WHERE B = 'x\\%'", "MALFORMED_QUERY", 1, 28,
     "Invalid string literal 'x\\%'. Illegal character sequence '\\%' in string literal."},
    {"SELECT Id FROM A WHERE B = '\\uD800'", "MALFORMED_QUERY", 1, 28,
     "Invalid string literal '\\uD800'. Illegal character sequence '\\uD800' in string literal."},
    {"SELECT Id FROM A WHERE B LIKE '\\x'", "MALFORMED_QUERY", 1, 31,
     "Invalid string literal '\\x'. Illegal character sequence '\\x' in string literal."},
    {"SELECT Id FROM A WHERE D = 2025-02-30", "MALFORMED_QUERY", 1, 28, "Invalid date: 2025-02-30"},
    {"SELECT Id FROM A WHERE D = 2023-02-29", "MALFORMED_QUERY", 1, 28, "Invalid date: 2023-02-29"},
    {"SELECT Id FROM A WHERE D = 2025-13-01", "MALFORMED_QUERY", 1, 28, "Invalid date: 2025-13-01"},
    {"SELECT Id FROM A WHERE D = 2025-1-31", "MALFORMED_QUERY", 1, 28, "Invalid date: 2025-1-31"},
    {"SELECT Id FROM A WHERE D = 2025-01-31-", "MALFORMED_QUERY", 1, 28,
     "Invalid date: 2025-01-31-"},
    {"SELECT Id FROM A WHERE T > 2020-12-12t12:12:00-25:00", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2020-12-12t12:12:00-25:00"},
    {"SELECT Id FROM A WHERE T > 2020-52-12t12:12:00-05:00", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2020-52-12t12:12:00-05:00"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T24:00:00Z", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T24:00:00Z"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T10:00:60Z", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T10:00:60Z"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T10:00:00", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T10:00:00"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T10:00:00.1234Z", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T10:00:00.1234Z"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T10:00:00.Z", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T10:00:00.Z"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T10:00:00+0530", "MALFORMED_QUERY", 1, 28,
     "Invalid datetime: 2025-01-01T10:00:00+0530"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS", "MALFORMED_QUERY", 1, 39,
     "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS:", "MALFORMED_QUERY", 1, 40,
     "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS 3", "MALFORMED_QUERY", 1, 40, "unexpected token: '3'"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS:-3", "MALFORMED_QUERY", 1, 40,
     "unexpected token: '-'"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS:1.5", "MALFORMED_QUERY", 1, 40,
     "unexpected token: '1.5'"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS:3000000000", "MALFORMED_QUERY", 1, 40,
     "numeric value out of range: 3000000000"},
    {"SELECT Id FROM A WHERE D = TODAY:3", "MALFORMED_QUERY", 1, 33, "unexpected token: ':'"},
    {"SELECT Id FROM A WHERE B = - 'x'", "MALFORMED_QUERY", 1, 30, "unexpected token: ''x''"},
    {"SELECT Id FROM A LIMIT -1", "MALFORMED_QUERY", 1, 24, "unexpected token: '-'"},
    {"SELECT Id FROM A LIMIT 1.5", "MALFORMED_QUERY", 1, 24, "unexpected token: '1.5'"},
    {"SELECT Id FROM A LIMIT", "MALFORMED_QUERY", 1, 23, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A LIMIT 2147483648", "MALFORMED_QUERY", 1, 24,
     "numeric value out of range: 2147483648"},
    {"SELECT Id FROM A OFFSET 5 LIMIT 3", "MALFORMED_QUERY", 1, 27, "unexpected token: 'LIMIT'"},
    {"SELECT Id FROM A LIMIT 3 WHERE B = 1", "MALFORMED_QUERY", 1, 26, "unexpected token: 'WHERE'"},
    {"SELECT Id FROM A ORDER Name", "MALFORMED_QUERY", 1, 24, "unexpected token: 'Name'"},
    {"SELECT Id FROM A ORDER BY", "MALFORMED_QUERY", 1, 26, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A ORDER BY Name NULLS", "MALFORMED_QUERY", 1, 37, "unexpected token: '<EOF>'"},
    {"SELECT Id FROM A ORDER BY Name NULLS LATER", "MALFORMED_QUERY", 1, 38,
     "unexpected token: 'LATER'"},
    {"SELECT Id FROM A ORDER BY Name ASC DESC", "MALFORMED_QUERY", 1, 36,
     "unexpected token: 'DESC'"},
    {"SELECT Id FROM A GROUP BY Id", "MALFORMED_QUERY", 1, 18, "unexpected token: 'GROUP'"},
    {"SELECT Id FROM A WITH SECURITY_ENFORCED", "MALFORMED_QUERY", 1, 18,
     "unexpected token: 'WITH'"},
    {"SELECT Id FROM A FOR UPDATE", "MALFORMED_QUERY", 1, 18, "unexpected token: 'FOR'"},
    {"SELECT Id FROM A B", "MALFORMED_QUERY", 1, 18, "unexpected token: 'B'"},
    {"SELECT Id FROM A.B", "MALFORMED_QUERY", 1, 17, "unexpected token: '.'"},
    {"SELECT A..B FROM X", "MALFORMED_QUERY", 1, 10, "unexpected token: '.'"},
    {"SELECT A. FROM X", "MALFORMED_QUERY", 1, 11, "unexpected token: 'FROM'"},
    {"SELECT Id FROM Where", "MALFORMED_QUERY", 1, 16, "unexpected token: 'Where'"},
    {"SELECT Id FROM", "MALFORMED_QUERY", 1, 15, "unexpected token: '<EOF>'"},
    {"SELECT Id", "MALFORMED_QUERY", 1, 10, "unexpected token: '<EOF>'"},
    {"SELECT Id, COUNT() FROM A", "MALFORMED_QUERY", 1, 8,
     "COUNT() must be the only element in the SELECT list"},
    {"SELECT COUNT(), Name FROM A", "MALFORMED_QUERY", 1, 17,
     "COUNT() must be the only element in the SELECT list"},
    {"SELECT COUNT(Id) FROM A", "MALFORMED_QUERY", 1, 14, "unexpected token: 'Id'"},
    {"SELECT MAX(Amount) FROM A", "MALFORMED_QUERY", 1, 11, "unexpected token: '('"},
    {"SELECT Id, (SELECT Id FROM B__r OFFSET 1) FROM A", "MALFORMED_QUERY", 1, 33,
     "unexpected token: 'OFFSET'"},
    {"SELECT Id, (SELECT Id, (SELECT Id FROM C__r) FROM B__r) FROM A", "MALFORMED_QUERY", 1, 24,
     "unexpected token: '('"},
    {"SELECT Id, (SELECT COUNT() FROM B__r) FROM A", "MALFORMED_QUERY", 1, 25,
     "unexpected token: '('"},
    {"SELECT Id, (SELECT Id FROM B__r FROM A", "MALFORMED_QUERY", 1, 33,
     "unexpected token: 'FROM'"},
    {"SELECT Id\nFROM A\nWHERE B = 1 AND C = 2 OR D = 3", "MALFORMED_QUERY", 3, 23,
     "unexpected token: 'OR'"},
    {"SELECT Id\r\nFROM A\r\nWHERE B = 'x' AND\r\n  C = #", "MALFORMED_QUERY", 4, 7,
     "unexpected token: '#'"},
};

INSTANTIATE_TEST_SUITE_P(Soql, ParseErrorTest, ::testing::ValuesIn(kErrors));

TEST(ParseErrorTest, ExactMessageLikeSalesforce) {
  // The shape of a real Salesforce response to this query.
  SfOr<Query> query = ParseSoql("SELECT Id FROM Account WHERE");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().message,
            "\nSELECT Id FROM Account WHERE\n                            ^\n"
            "ERROR at Row:1:Column:29\nunexpected token: '<EOF>'");
  EXPECT_TRUE(query.error().fields.empty());
}

TEST(ParseErrorTest, SnippetShowsOnlyTheErrorLine) {
  SfOr<Query> query = ParseSoql("SELECT Id\nFROM A\nWHERE B = 1 AND C = 2 OR D = 3\nLIMIT 5");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().message,
            "\nWHERE B = 1 AND C = 2 OR D = 3\n                      ^\n"
            "ERROR at Row:3:Column:23\nunexpected token: 'OR'");
}

TEST(ParseErrorTest, LongLinesAreWindowedAroundTheError) {
  std::string soql = "SELECT Id";
  for (int i = 0; i < 40; ++i) soql += ", Field_" + std::to_string(i) + "__c";
  soql += " FROM A WHERE B = 1 AND C = 2 OR D = 3";
  SfOr<Query> query = ParseSoql(soql);
  ASSERT_FALSE(query.ok());
  Positioned p;
  ASSERT_TRUE(Split(query.error().message, &p));
  EXPECT_LE(p.snippet.size(), static_cast<size_t>(2 * kSnippetContext + 20));
  EXPECT_EQ(p.snippet.substr(p.caret.size() - 1, 2), "OR");
  EXPECT_EQ(p.where, "ERROR at Row:1:Column:" + std::to_string(soql.find(" OR ") + 2));
  EXPECT_EQ(p.snippet.front(), 'F');  // cut at a word boundary: "Field_..." starts the window
}

TEST(ParseErrorTest, OffsetAboveTwoThousand) {
  SfOr<Query> query = ParseSoql("SELECT Id FROM A LIMIT 5 OFFSET 2001");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().error_code, "NUMBER_OUTSIDE_VALID_RANGE");
  EXPECT_EQ(query.error().message, "Maximum SOQL offset allowed is 2000");
}

TEST(ParseErrorTest, NestingTooDeep) {
  std::string soql = "SELECT Id FROM A WHERE ";
  soql += std::string(kMaxNesting + 1, '(') + "B = 1" + std::string(kMaxNesting + 1, ')');
  SfOr<Query> query = ParseSoql(soql);
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().error_code, "QUERY_TOO_COMPLICATED");
  EXPECT_NE(query.error().message.find("ERROR at Row:1:Column:" +
                                       std::to_string(soql.find('(') + kMaxNesting + 1)),
            std::string::npos);
}

TEST(ParseErrorTest, TooLong) {
  std::string soql = "SELECT Id FROM A WHERE B IN ('x'";
  while (soql.size() <= kMaxQueryLength) soql += ", 'x'";
  soql += ")";
  SfOr<Query> query = ParseSoql(soql);
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.error().error_code, "MALFORMED_QUERY");
  EXPECT_EQ(query.error().message, "SOQL statements cannot exceed 100000 characters");
}

TEST(LocateTest, LinesAndCharacterColumns) {
  const std::string text =
      "ab\ncd\xc3\xa9"
      "f\r\ng";
  EXPECT_EQ(Locate(text, 0).line, 1);
  EXPECT_EQ(Locate(text, 1).column, 2);
  EXPECT_EQ(Locate(text, 3).line, 2);
  EXPECT_EQ(Locate(text, 3).column, 1);
  EXPECT_EQ(Locate(text, 7).column, 4);  // 'f' after the two-byte character
  EXPECT_EQ(Locate(text, 10).line, 3);
  EXPECT_EQ(Locate(text, 1000).line, 3);  // clamped to the end
}

}  // namespace
}  // namespace recoup::sim::org::soql
