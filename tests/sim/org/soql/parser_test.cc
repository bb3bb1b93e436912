// Parser tests: valid queries and the exact tree they give (as DumpQuery's S-expression).
#include "sim/org/soql/parser.h"

#include <gtest/gtest.h>

#include <string>

namespace recoup::sim::org::soql {
namespace {

struct ValidCase {
  const char* soql;
  const char* dump;
};

class ParseValidTest : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ParseValidTest, Dumps) {
  const ValidCase& c = GetParam();
  SfOr<Query> query = ParseSoql(c.soql);
  ASSERT_TRUE(query.ok()) << c.soql << "\n" << query.error().error_code << query.error().message;
  EXPECT_EQ(DumpQuery(*query), c.dump) << c.soql;
  EXPECT_EQ(query->source, c.soql);
}

const ValidCase kValid[] = {
    {"SELECT Id FROM Account", "(select (Id) (from Account))"},
    {"select id, name from account", "(select (id name) (from account))"},
    {"SeLeCt Id FrOm Account WhErE Name = 'x'",
     "(select (Id) (from Account) (where (= Name 'x')))"},
    {"SELECT Id, Account__r.Owner.Name FROM Contact_Attempt__c",
     "(select (Id Account__r.Owner.Name) (from Contact_Attempt__c))"},
    {"SELECT COUNT() FROM Collection_Account__c", "(select (count) (from Collection_Account__c))"},
    {"SELECT count ( ) FROM A WHERE B = 1 LIMIT 5",
     "(select (count) (from A) (where (= B 1)) (limit 5))"},
    // Child subqueries with every clause.
    {"SELECT Id, (SELECT Id, Channel__c FROM Contact_Attempts__r WHERE Outcome__c != null "
     "ORDER BY Attempted_At__c DESC LIMIT 5) FROM Collection_Account__c",
     "(select (Id (sub Contact_Attempts__r (Id Channel__c) (where (!= Outcome__c null)) "
     "(order-by (Attempted_At__c desc)) (limit 5))) (from Collection_Account__c))"},
    {"SELECT (SELECT Id FROM A__r), (SELECT Name FROM B__r) FROM X",
     "(select ((sub A__r (Id)) (sub B__r (Name))) (from X))"},
    // Every comparison operator.
    {"SELECT Id FROM A WHERE B = 1 AND C != 2 AND D <> 3 AND E < 4 AND F <= 5 AND G > 6 AND H >= 7",
     "(select (Id) (from A) (where (and (= B 1) (!= C 2) (!= D 3) (< E 4) (<= F 5) (> G 6) "
     "(>= H 7))))"},
    {"SELECT Id FROM A WHERE B IN ('x', 'y') AND C NOT IN (1, 2.5, null)",
     "(select (Id) (from A) (where (and (in B ('x' 'y')) (not-in C (1 2.5 null)))))"},
    {"SELECT Id FROM A WHERE B INCLUDES ('a;b', 'c') OR B EXCLUDES ('d')",
     "(select (Id) (from A) (where (or (includes B ('a;b' 'c')) (excludes B ('d')))))"},
    {"SELECT Id FROM A WHERE Name LIKE 'Sm_th%'",
     "(select (Id) (from A) (where (like Name 'sm_th%')))"},
    {"SELECT Id FROM A WHERE Name LIKE '100\\% \\_done\\\\'",
     "(select (Id) (from A) (where (like Name '100\\% \\_done\\\\')))"},
    // Logical structure: AND/OR chains, NOT, parentheses.
    {"SELECT Id FROM A WHERE B = 1 OR C = 2 OR D = 3",
     "(select (Id) (from A) (where (or (= B 1) (= C 2) (= D 3))))"},
    {"SELECT Id FROM A WHERE (B = 1 AND C = 2) OR D = 3",
     "(select (Id) (from A) (where (or (and (= B 1) (= C 2)) (= D 3))))"},
    {"SELECT Id FROM A WHERE B = 1 AND (C = 2 OR D = 3)",
     "(select (Id) (from A) (where (and (= B 1) (or (= C 2) (= D 3)))))"},
    {"SELECT Id FROM A WHERE NOT B = 1", "(select (Id) (from A) (where (not (= B 1))))"},
    {"SELECT Id FROM A WHERE NOT (B = 1 OR C = 2)",
     "(select (Id) (from A) (where (not (or (= B 1) (= C 2)))))"},
    {"SELECT Id FROM A WHERE B = 1 AND (NOT C LIKE 'x%')",
     "(select (Id) (from A) (where (and (= B 1) (not (like C 'x%')))))"},
    {"SELECT Id FROM A WHERE ((B = 1))", "(select (Id) (from A) (where (= B 1)))"},
    // Literals.
    {"SELECT Id FROM A WHERE B = -12 AND C = +3.50 AND D = 0 AND E = 007",
     "(select (Id) (from A) (where (and (= B -12) (= C 3.50) (= D 0) (= E 007))))"},
    {"SELECT Id FROM A WHERE B = TRUE AND C = false AND D = NULL",
     "(select (Id) (from A) (where (and (= B true) (= C false) (= D null))))"},
    {"SELECT Id FROM A WHERE B = 'O\\'Brien \\\"q\\\" \\\\ \\n\\t\\r\\b\\f \\u00e9\\N'",
     "(select (Id) (from A) (where (= B 'O\\'Brien \"q\" \\\\ \\n\\t\\r\\b\\f \xc3\xa9\\n')))"},
    {"SELECT Id FROM A WHERE B = '\\uD83D\\uDE00'",
     "(select (Id) (from A) (where (= B '\xf0\x9f\x98\x80')))"},
    {"SELECT Id FROM A WHERE B = ''", "(select (Id) (from A) (where (= B '')))"},
    {"SELECT Id FROM A WHERE D = 2024-02-29", "(select (Id) (from A) (where (= D 2024-02-29)))"},
    {"SELECT Id FROM A WHERE T > 2025-01-31T00:00:00Z",
     "(select (Id) (from A) (where (> T 2025-01-31T00:00:00Z)))"},
    {"SELECT Id FROM A WHERE T > 2025-01-31t10:00:00+05:30",
     "(select (Id) (from A) (where (> T 2025-01-31T04:30:00Z)))"},
    {"SELECT Id FROM A WHERE T > 2025-01-01T00:00:00-08:00",
     "(select (Id) (from A) (where (> T 2025-01-01T08:00:00Z)))"},
    {"SELECT Id FROM A WHERE T < 2025-01-31T23:59:59.5z",
     "(select (Id) (from A) (where (< T 2025-01-31T23:59:59.5Z)))"},
    {"SELECT Id FROM A WHERE T < 2025-01-31T23:59:59.123Z",
     "(select (Id) (from A) (where (< T 2025-01-31T23:59:59.123Z)))"},
    {"SELECT Id FROM A WHERE T < 9999-12-31T00:00:00Z AND T > 0001-01-01T00:00:00Z",
     "(select (Id) (from A) (where (and (< T +inf) (> T -inf))))"},
    // Date literals, case-insensitive, with and without n.
    {"SELECT Id FROM A WHERE D = today OR D = YESTERDAY OR D = Tomorrow",
     "(select (Id) (from A) (where (or (= D TODAY) (= D YESTERDAY) (= D TOMORROW))))"},
    {"SELECT Id FROM A WHERE D = LAST_N_DAYS:30 OR D > next_n_days : 7 OR D < N_DAYS_AGO:0",
     "(select (Id) (from A) (where (or (= D LAST_N_DAYS:30) (> D NEXT_N_DAYS:7) "
     "(< D N_DAYS_AGO:0))))"},
    {"SELECT Id FROM A WHERE D = THIS_FISCAL_QUARTER OR D = LAST_N_FISCAL_YEARS:2",
     "(select (Id) (from A) (where (or (= D THIS_FISCAL_QUARTER) (= D LAST_N_FISCAL_YEARS:2))))"},
    {"SELECT Id FROM A WHERE D IN (TODAY, LAST_WEEK)",
     "(select (Id) (from A) (where (in D (TODAY LAST_WEEK))))"},
    // ORDER BY, LIMIT, OFFSET.
    {"SELECT Id FROM A ORDER BY Name", "(select (Id) (from A) (order-by (Name asc)))"},
    {"SELECT Id FROM A ORDER BY Name ASC NULLS LAST, B.C DESC NULLS FIRST, D desc",
     "(select (Id) (from A) (order-by (Name asc nulls-last) (B.C desc nulls-first) (D desc)))"},
    {"SELECT Id FROM A LIMIT 0", "(select (Id) (from A) (limit 0))"},
    {"SELECT Id FROM A ORDER BY Id LIMIT 10 OFFSET 2000",
     "(select (Id) (from A) (order-by (Id asc)) (limit 10) (offset 2000))"},
    {"SELECT Id FROM A OFFSET 5", "(select (Id) (from A) (offset 5))"},
    // Non-reserved keywords may be names (Order is a standard object).
    {"SELECT Id, Count, Offset FROM Order ORDER BY Limit__c",
     "(select (Id Count Offset) (from Order) (order-by (Limit__c asc)))"},
    // Whitespace and line breaks anywhere.
    {"SELECT\n  Id ,\r\n\tName\nFROM\tA\n", "(select (Id Name) (from A))"},
};

INSTANTIATE_TEST_SUITE_P(Soql, ParseValidTest, ::testing::ValuesIn(kValid));

TEST(ParseSoqlTest, KeepsOffsetsOfNodes) {
  const std::string soql = "SELECT Id, Acc__r.Name FROM Obj WHERE Bal__c > 10 ORDER BY Id OFFSET 3";
  SfOr<Query> query = ParseSoql(soql);
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->select[1].field.offset, soql.find("Acc__r"));
  EXPECT_EQ(query->object_offset, soql.find("Obj"));
  const Comparison& cmp = query->where->comparison;
  EXPECT_EQ(cmp.field.offset, soql.find("Bal__c"));
  EXPECT_EQ(cmp.op_offset, soql.find('>'));
  EXPECT_EQ(cmp.values[0].offset, soql.find("10"));
  EXPECT_EQ(cmp.values[0].integer_value, 10);
  EXPECT_EQ(query->offset_offset, soql.find("OFFSET"));
}

TEST(ParseSoqlTest, NumbersKeepIntegerAndDoubleValues) {
  SfOr<Query> query = ParseSoql("SELECT Id FROM A WHERE B IN (-5, 2.25, 99999999999999999999)");
  ASSERT_TRUE(query.ok());
  const auto& values = query->where->comparison.values;
  EXPECT_EQ(values[0].integer_value, -5);
  EXPECT_DOUBLE_EQ(values[0].number_value, -5.0);
  EXPECT_FALSE(values[1].integer_value.has_value());
  EXPECT_DOUBLE_EQ(values[1].number_value, 2.25);
  EXPECT_FALSE(values[2].integer_value.has_value());  // beyond int64: a double only
  EXPECT_DOUBLE_EQ(values[2].number_value, 1e20);
}

TEST(ParseSoqlTest, OrderByDefaultNulls) {
  SfOr<Query> query =
      ParseSoql("SELECT Id FROM A ORDER BY B, C DESC, D DESC NULLS FIRST, E NULLS LAST");
  ASSERT_TRUE(query.ok());
  EXPECT_TRUE(query->order_by[0].NullsFirst());   // ASC: nulls first
  EXPECT_FALSE(query->order_by[1].NullsFirst());  // DESC: nulls last
  EXPECT_TRUE(query->order_by[2].NullsFirst());
  EXPECT_FALSE(query->order_by[3].NullsFirst());
}

TEST(ParseSoqlTest, LikePatternIsCompiled) {
  SfOr<Query> query = ParseSoql("SELECT Id FROM A WHERE N LIKE 'ab\\%c%'");
  ASSERT_TRUE(query.ok());
  const LikePattern& like = query->where->comparison.like;
  EXPECT_TRUE(like.Matches("AB%CDEF"));
  EXPECT_FALSE(like.Matches("abXcd"));
  EXPECT_EQ(query->where->comparison.values[0].string_value, "ab%c%");  // the plain decoded text
}

TEST(ParseSoqlTest, DeepButAllowedNesting) {
  std::string soql = "SELECT Id FROM A WHERE ";
  soql += std::string(kMaxNesting, '(') + "B = 1" + std::string(kMaxNesting, ')');
  EXPECT_TRUE(ParseSoql(soql).ok());
}

}  // namespace
}  // namespace recoup::sim::org::soql
