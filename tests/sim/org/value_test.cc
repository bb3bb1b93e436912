// FieldValue / ValueView: output formats (JSON, CSV), views, SOQL comparison and hashing.
#include "sim/org/value.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recoup::sim::org {
namespace {

constexpr int64_t kMs20250301T123456 = 1740832496000;  // 2025-03-01T12:34:56Z

TEST(ValueFormatTest, DatesAndDateTimes) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(DaysFromCivil(2025, 3, 1)), "2025-03-01");
  EXPECT_EQ(FormatDate(DaysFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatDateTime(kMs20250301T123456), "2025-03-01T12:34:56.000+0000");
  EXPECT_EQ(FormatDateTime(kMs20250301T123456 + 7), "2025-03-01T12:34:56.007+0000");
  EXPECT_EQ(FormatDateTime(kMs20250301T123456, /*z_suffix=*/true), "2025-03-01T12:34:56.000Z");
  EXPECT_EQ(FormatDateTime(-1), "1969-12-31T23:59:59.999+0000");
  int y = 0, m = 0, d = 0;
  CivilFromDays(DaysFromCivil(1999, 12, 31), &y, &m, &d);
  EXPECT_EQ(y * 10000 + m * 100 + d, 19991231);
}

TEST(ValueFormatTest, JsonOutputMatchesTheContract) {
  struct Case {
    FieldValue v;
    const char* json;
  };
  const std::vector<Case> cases = {
      {FieldValue::Null(), "null"},
      {FieldValue::Bool(true), "true"},
      {FieldValue::Int(-12), "-12"},
      {FieldValue::Double(10), "10.0"},
      {FieldValue::Double(1500.25), "1500.25"},
      {FieldValue::String("a \"q\"\n\\"), "\"a \\\"q\\\"\\n\\\\\""},
      {FieldValue::String("caf\xc3\xa9"), "\"caf\xc3\xa9\""},
      {FieldValue::Date(DaysFromCivil(2025, 3, 1)), "\"2025-03-01\""},
      {FieldValue::DateTime(kMs20250301T123456), "\"2025-03-01T12:34:56.000+0000\""},
      {FieldValue::Id(SfId::Generate("a01", 1)), "\"a01000000000001AAA\""},
  };
  for (const Case& c : cases) {
    std::string text;
    AppendValueJson(c.v, &text);
    EXPECT_EQ(text, c.json);
    // The DOM form serialises to the same text.
    EXPECT_EQ(ValueToJson(c.v).dump(), c.json);
  }
  std::string control;
  AppendJsonString(std::string("\x01", 1), &control);
  EXPECT_EQ(control, "\"\\u0001\"");
}

TEST(ValueFormatTest, CsvOutput) {
  EXPECT_EQ(ValueToCsv(FieldValue::Null()), "");
  EXPECT_EQ(ValueToCsv(FieldValue::Bool(false)), "false");
  EXPECT_EQ(ValueToCsv(FieldValue::Double(2.5)), "2.5");
  EXPECT_EQ(ValueToCsv(FieldValue::String("x,y")), "x,y");  // quoting is the writer's job
  EXPECT_EQ(ValueToCsv(FieldValue::DateTime(kMs20250301T123456)), "2025-03-01T12:34:56.000Z");
  EXPECT_EQ(ValueToCsv(FieldValue::Id(SfId::Generate("001", 2))), "001000000000002AAA");
}

TEST(ValueViewTest, InlineStringsSurviveCopies) {
  ValueView a = ValueView::InlineString("CA-0000042");
  ValueView b = a;
  a = ValueView::Int(1);
  EXPECT_EQ(b.str(), "CA-0000042");
  FieldValue owned = b.ToOwned();
  EXPECT_EQ(owned.str(), "CA-0000042");
}

TEST(ValueViewTest, FieldValueViewRoundTrip) {
  const std::vector<FieldValue> values = {FieldValue::Null(),
                                          FieldValue::Bool(true),
                                          FieldValue::Int(7),
                                          FieldValue::Double(-0.5),
                                          FieldValue::String("long string beyond SSO capacity"),
                                          FieldValue::Date(20000),
                                          FieldValue::DateTime(123456789),
                                          FieldValue::Id(SfId::Generate("003", 5))};
  for (const FieldValue& v : values) {
    EXPECT_EQ(v.view().ToOwned(), v) << ValueKindName(v.kind());
  }
}

TEST(SoqlCompareTest, EqualityRules) {
  EXPECT_TRUE(SoqlEquals(FieldValue::String("Paid"), FieldValue::String("PAID")));
  EXPECT_FALSE(SoqlEquals(FieldValue::String("Paid"), FieldValue::String("Pai")));
  EXPECT_TRUE(SoqlEquals(FieldValue::Int(1), FieldValue::Double(1.0)));
  EXPECT_FALSE(SoqlEquals(FieldValue::Int(1), FieldValue::Double(1.5)));
  EXPECT_TRUE(SoqlEquals(FieldValue::Null(), FieldValue::Null()));
  EXPECT_FALSE(SoqlEquals(FieldValue::Null(), FieldValue::String("x")));
  EXPECT_FALSE(SoqlEquals(FieldValue::Int(1), FieldValue::String("1")));  // incomparable kinds
  const FieldValue id = FieldValue::Id(SfId::Generate("a01", 1));
  EXPECT_TRUE(SoqlEquals(id, FieldValue::String("a01000000000001")));
  EXPECT_TRUE(SoqlEquals(FieldValue::String("A01000000000001AAA"), id));
  EXPECT_FALSE(SoqlEquals(id, FieldValue::String("a01000000000002")));
  EXPECT_FALSE(SoqlEquals(id, FieldValue::String("not an id")));
}

TEST(SoqlCompareTest, OrderingRules) {
  EXPECT_LT(SoqlCompare(FieldValue::String("apple"), FieldValue::String("Banana")), 0);
  EXPECT_GT(SoqlCompare(FieldValue::String("b"), FieldValue::String("A")), 0);
  // Case-only differences: equal unless a total order is asked for.
  EXPECT_EQ(SoqlCompare(FieldValue::String("a"), FieldValue::String("A"), false), 0);
  EXPECT_GT(SoqlCompare(FieldValue::String("a"), FieldValue::String("A"), true), 0);
  EXPECT_LT(SoqlCompare(FieldValue::Int(2), FieldValue::Double(2.5)), 0);
  EXPECT_LT(SoqlCompare(FieldValue::Date(1), FieldValue::Date(2)), 0);
  EXPECT_GT(SoqlCompare(FieldValue::DateTime(5), FieldValue::DateTime(-5)), 0);
  EXPECT_LT(SoqlCompare(FieldValue::Bool(false), FieldValue::Bool(true)), 0);
  EXPECT_LT(SoqlCompare(FieldValue::Null(), FieldValue::Int(-100)), 0);
  EXPECT_LT(SoqlCompare(FieldValue::Id(SfId::Generate("a01", 9)),
                        FieldValue::Id(SfId::Generate("a01", 10))),
            0);
  EXPECT_EQ(CompareIgnoreCase("abc", "ABCD"), -1);
  EXPECT_TRUE(EqualsIgnoreCase("External_Id__c", "EXTERNAL_ID__C"));
}

TEST(SoqlCompareTest, HashAgreesWithEquality) {
  EXPECT_EQ(SoqlHash(FieldValue::String("Ext-1")), SoqlHash(FieldValue::String("EXT-1")));
  EXPECT_NE(SoqlHash(FieldValue::String("Ext-1"), true),
            SoqlHash(FieldValue::String("EXT-1"), true));
  EXPECT_EQ(SoqlHash(FieldValue::Int(5)), SoqlHash(FieldValue::Double(5.0)));
  EXPECT_NE(SoqlHash(FieldValue::Int(5)), SoqlHash(FieldValue::Int(6)));
  EXPECT_EQ(SoqlHash(FieldValue::Id(SfId::Generate("a01", 3))),
            SoqlHash(FieldValue::Id(*SfId::FromShort("a01000000000003"))));
}

}  // namespace
}  // namespace recoup::sim::org
