// Wire input to FieldValues: JSON, CSV and text conversions and every Salesforce value error.
#include "sim/org/value_parse.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/schema.h"

namespace recoup::sim::org {
namespace {

using nlohmann::json;

FieldDef Balance() {
  FieldDef f = MakeNumberField("Balance__c", "Balance", FieldType::kCurrency, 6, 2);
  return f;
}
FieldDef Status() {
  return MakePicklistField("Status__c", "Status", {"Active", "Kept", "Broken"}, true);
}
FieldDef Channels() {
  return MakePicklistField("Channels__c", "Channels", {"Call", "SMS", "Email"}, true,
                           FieldType::kMultiPicklist);
}

TEST(ParseDateTimeTextTest, AcceptedForms) {
  const int64_t base = 1740832496000;  // 2025-03-01T12:34:56Z
  EXPECT_EQ(ParseDateTimeText("2025-03-01T12:34:56.000+0000"), base);
  EXPECT_EQ(ParseDateTimeText("2025-03-01T12:34:56Z"), base);
  EXPECT_EQ(ParseDateTimeText("2025-03-01T12:34:56"), base);
  EXPECT_EQ(ParseDateTimeText("2025-03-01T12:34:56.1234567Z"), base + 123);
  EXPECT_EQ(ParseDateTimeText("2025-03-01T14:34:56+02:00"), base);
  EXPECT_EQ(ParseDateTimeText("2025-03-01T07:34:56-0500"), base);
  EXPECT_EQ(ParseDateTimeText("2025-03-01"), base - (12 * 3600 + 34 * 60 + 56) * 1000);
  for (const char* bad :
       {"", "2025-03-01T", "2025-03-01 12:34:56", "2025-02-30T00:00:00Z", "2025-03-01T24:00:00Z",
        "2025-03-01T12:60:00Z", "2025-03-01T12:34:56.Z", "2025-03-01T12:34:56+2",
        "2025-03-01T12:34:56Zjunk", "0000-01-01", "2025-3-1", "2025-13-01"}) {
    EXPECT_FALSE(ParseDateTimeText(bad).has_value()) << bad;
  }
  EXPECT_EQ(ParseDateText("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_FALSE(ParseDateText("2023-02-29").has_value());
  EXPECT_FALSE(ParseDateText("1900-02-29").has_value());
  EXPECT_TRUE(ParseDateText("2000-02-29").has_value());
}

TEST(FieldValueFromJsonTest, Conversions) {
  struct Case {
    FieldDef field;
    json in;
    FieldValue expected;
  };
  const std::vector<Case> cases = {
      {MakeTextField("Name", "Name", 80), "x", FieldValue::String("x")},
      {MakeTextField("Name", "Name", 80), "", FieldValue::Null()},
      {MakeTextField("Code__c", "Code", 10), 42, FieldValue::String("42")},
      {MakeBooleanField("Active__c", "Active"), true, FieldValue::Bool(true)},
      {MakeBooleanField("Active__c", "Active"), "TRUE", FieldValue::Bool(true)},
      {MakeBooleanField("Active__c", "Active"), nullptr, FieldValue::Bool(false)},
      {MakeIntField("Count__c", "Count"), 12, FieldValue::Int(12)},
      {MakeIntField("Count__c", "Count"), 12.0, FieldValue::Int(12)},
      {MakeIntField("Count__c", "Count"), "-7", FieldValue::Int(-7)},
      {Balance(), 10, FieldValue::Double(10)},
      {Balance(), 10.005, FieldValue::Double(10.01)},  // rounded to scale 2
      {Balance(), "99.5", FieldValue::Double(99.5)},
      {Balance(), nullptr, FieldValue::Null()},
      {MakeDateField("Due__c", "Due"), "2025-03-01", FieldValue::Date(DaysFromCivil(2025, 3, 1))},
      {MakeDateField("Due__c", "Due"), 1740832496000, FieldValue::Date(DaysFromCivil(2025, 3, 1))},
      {MakeDateTimeField("At__c", "At"), "2025-03-01T12:34:56.000+0000",
       FieldValue::DateTime(1740832496000)},
      {MakeDateTimeField("At__c", "At"), 1740832496000, FieldValue::DateTime(1740832496000)},
      {Status(), "kept", FieldValue::String("Kept")},  // canonical spelling
      {Channels(), "sms; Call;;SMS", FieldValue::String("SMS;Call")},
      {MakePicklistField("Seg__c", "Segment", {"A"}, false), "Z", FieldValue::String("Z")},
      {MakeLookupField("Acct__c", "Account", "Account", "Acct__r"), "001000000000001AAA",
       FieldValue::Id(SfId::Generate("001", 1))},
      {MakeEmailField("Email__c", "Email"), "a.b@example.com",
       FieldValue::String("a.b@example.com")},
  };
  for (const Case& c : cases) {
    SfOr<FieldValue> v = FieldValueFromJson(c.field, c.in);
    ASSERT_TRUE(v.ok()) << c.field.name << " " << c.in.dump() << ": " << v.error().message;
    EXPECT_EQ(*v, c.expected) << c.field.name << " " << c.in.dump();
  }
}

struct ErrorCase {
  FieldDef field;
  json in;
  const char* code;
  const char* message;
};

TEST(FieldValueFromJsonTest, Errors) {
  const std::vector<ErrorCase> cases = {
      {Balance(), "abc", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: abc"},
      {Balance(), true, "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: true"},
      {Balance(), json::array({1}), "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: [1]"},
      {Balance(), 10000, "NUMBER_OUTSIDE_VALID_RANGE",
       "Balance: value outside of valid range on numeric field: 10000"},
      {MakeIntField("Count__c", "Count"), 1.5, "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Count: value not of required type: 1.5"},
      {MakeIntField("Count__c", "Count"), 1000000000, "NUMBER_OUTSIDE_VALID_RANGE",
       "Count: value outside of valid range on numeric field: 1000000000"},
      {MakeIntField("Count__c", "Count", 9), 3000000000LL, "NUMBER_OUTSIDE_VALID_RANGE",
       "Count: value outside of valid range on numeric field: 3000000000"},
      {MakeBooleanField("Active__c", "Active"), "yes", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Active: value not of required type: yes"},
      {MakeBooleanField("Active__c", "Active"), 1, "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Active: value not of required type: 1"},
      {MakeDateField("Due__c", "Due"), "2025-02-30", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Due: value not of required type: 2025-02-30"},
      {MakeDateTimeField("At__c", "At"), "yesterday", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "At: value not of required type: yesterday"},
      {MakeTextField("Code__c", "Code", 3), "abcd", "STRING_TOO_LONG",
       "Code: data value too large: abcd (max length=3)"},
      {MakeTextField("Code__c", "Code", 3), json::object(), "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Code: value not of required type: {}"},
      {Status(), "Lost", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
       "Status: bad value for restricted picklist field: Lost"},
      {Channels(), "Call;Fax", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
       "Channels: bad value for restricted picklist field: Fax"},
      {MakeEmailField("Email__c", "Email"), "not-an-email", "INVALID_EMAIL_ADDRESS",
       "Email: invalid email address: not-an-email"},
      {MakeEmailField("Email__c", "Email"), "a@b", "INVALID_EMAIL_ADDRESS",
       "Email: invalid email address: a@b"},
      {MakeEmailField("Email__c", "Email"), "a@@b.com", "INVALID_EMAIL_ADDRESS",
       "Email: invalid email address: a@@b.com"},
      {MakeLookupField("Acct__c", "Account", "Account", "Acct__r"), "001", "MALFORMED_ID",
       "Account: id value of incorrect type: 001"},
      {MakeLookupField("Acct__c", "Account", "Account", "Acct__r"), 5, "MALFORMED_ID",
       "Account: id value of incorrect type: 5"},
  };
  for (const ErrorCase& c : cases) {
    SfOr<FieldValue> v = FieldValueFromJson(c.field, c.in);
    ASSERT_FALSE(v.ok()) << c.field.name << " " << c.in.dump();
    EXPECT_EQ(v.error().http_status, 400);
    EXPECT_EQ(v.error().error_code, c.code) << c.in.dump();
    EXPECT_EQ(v.error().message, c.message) << c.in.dump();
    EXPECT_EQ(v.error().fields, std::vector<std::string>{c.field.name}) << c.in.dump();
  }
}

TEST(FieldValueFromCsvTest, EmptyCellsAndNA) {
  const FieldDef name = MakeTextField("Name", "Name", 80);
  SfOr<std::optional<FieldValue>> empty = FieldValueFromCsv(name, "");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());
  SfOr<std::optional<FieldValue>> na = FieldValueFromCsv(name, "#N/A");
  ASSERT_TRUE(na.ok());
  ASSERT_TRUE(na->has_value());
  EXPECT_TRUE((*na)->is_null());
  SfOr<std::optional<FieldValue>> b = FieldValueFromCsv(MakeBooleanField("A__c", "A"), "1");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(**b, FieldValue::Bool(true));
  SfOr<std::optional<FieldValue>> d = FieldValueFromCsv(Balance(), "12.345");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(**d,
            FieldValue::Double(12.35));  // decimal half-up, though 12.345 is 12.34499... in binary
  SfOr<std::optional<FieldValue>> bad = FieldValueFromCsv(Balance(), "12,5");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().error_code, "INVALID_TYPE_ON_FIELD_IN_RECORD");
}

TEST(CheckFieldValueTest, KindsMustMatchTheType) {
  EXPECT_TRUE(CheckFieldValue(Balance(), FieldValue::Int(5)).ok());
  EXPECT_TRUE(CheckFieldValue(Balance(), FieldValue::Null()).ok());
  const SfStatus s = CheckFieldValue(Balance(), FieldValue::String("5"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().error_code, "INVALID_TYPE_ON_FIELD_IN_RECORD");
  EXPECT_FALSE(CheckFieldValue(MakeDateField("D__c", "D"), FieldValue::DateTime(0)).ok());
  EXPECT_FALSE(CheckFieldValue(Status(), FieldValue::String("Lost")).ok());
  EXPECT_TRUE(CheckFieldValue(Status(), FieldValue::String("active")).ok());
}

TEST(Utf8Test, InvalidUtf8NeverReachesTheStoreOrAMessage) {
  for (const char* ok : {"", "abc", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    EXPECT_TRUE(IsValidUtf8(ok)) << ok;
  }
  for (const char* bad :
       {"\xff", "ab\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    EXPECT_FALSE(IsValidUtf8(bad)) << bad;
  }
  EXPECT_EQ(ToValidUtf8("a\xff" "b\xc3\xa9"),
            "a\xef\xbf\xbd"
            "b\xc3\xa9");
  SfOr<std::optional<FieldValue>> text =
      FieldValueFromCsv(MakeTextField("Name", "Name", 80), "ab\xff");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().error_code, "INVALID_TYPE_ON_FIELD_IN_RECORD");
  EXPECT_EQ(text.error().message, "Name: value not of required type: invalid UTF-8");
  SfOr<FieldValue> pick = FieldValueFromText(Status(), "Lost\xff");
  ASSERT_FALSE(pick.ok());
  EXPECT_EQ(pick.error().message,
            "Status: bad value for restricted picklist field: Lost\xef\xbf\xbd");
  EXPECT_TRUE(IsValidUtf8(pick.error().message));
  SfOr<FieldValue> number = FieldValueFromText(Balance(), "1\xff");
  ASSERT_FALSE(number.ok());
  EXPECT_TRUE(IsValidUtf8(number.error().message));
}

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("caf\xc3\xa9"), 4u);
  EXPECT_EQ(Utf8Length("\xf0\x9f\x98\x80"), 1u);
  // STRING_TOO_LONG counts characters, not bytes.
  EXPECT_TRUE(FieldValueFromJson(MakeTextField("C__c", "C", 4), "caf\xc3\xa9").ok());
}

}  // namespace
}  // namespace recoup::sim::org
