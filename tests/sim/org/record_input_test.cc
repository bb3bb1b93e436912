// REST bodies, Bulk CSV headers and field lists into RecordInput / field lists, with their errors.
#include "sim/org/record_input.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recoup::sim::org {
namespace {

using nlohmann::json;

class RecordInputTest : public ::testing::Test {
 protected:
  Schema schema_ = DefaultCollectionsSchema();
  const ObjectDef& attempt_ = *schema_.FindObject("Contact_Attempt__c");
  const ObjectDef& account_ = *schema_.FindObject("Collection_Account__c");
};

TEST_F(RecordInputTest, BodyBecomesFieldInputs) {
  const json body = json::parse(R"({
    "attributes": {"type": "Contact_Attempt__c"},
    "channel__c": "sms",
    "Attempted_At__c": "2025-03-01T12:34:56Z",
    "Collection_Account__r": {"attributes": {"type": "Collection_Account__c"}, "External_Id__c": "EXT-1"},
    "Right_Party_Contact__c": true
  })");
  SfOr<RecordInput> in = RecordInputFromJson(attempt_, schema_, body);
  ASSERT_TRUE(in.ok()) << in.error().message;
  ASSERT_EQ(in->size(), 4u);
  // nlohmann::json iterates members in name order.
  EXPECT_EQ((*in)[0].field->name, "Attempted_At__c");
  EXPECT_EQ((*in)[0].value, FieldValue::DateTime(1740832496000));
  EXPECT_EQ((*in)[1].field->name, "Collection_Account__c");
  EXPECT_EQ((*in)[1].value, FieldValue::String("EXT-1"));
  EXPECT_EQ((*in)[1].foreign_key_field, account_.FindField("External_Id__c"));
  EXPECT_EQ((*in)[2].field->name, "Right_Party_Contact__c");
  EXPECT_EQ((*in)[3].field->name, "Channel__c");
  EXPECT_EQ((*in)[3].value, FieldValue::String("SMS"));
}

TEST_F(RecordInputTest, IdIsExtractedWhenAsked) {
  std::string id = "stale";
  SfOr<RecordInput> in = RecordInputFromJson(
      account_, schema_, json::parse(R"({"id": "a01000000000001AAA", "Name": "x"})"), &id);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(id, "a01000000000001AAA");
  EXPECT_EQ(in->size(), 1u);
  SfOr<RecordInput> kept =
      RecordInputFromJson(account_, schema_, json::parse(R"({"Id": "a01000000000001AAA"})"));
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0].field->name, "Id");
}

TEST_F(RecordInputTest, Errors) {
  struct Case {
    const char* body;
    const char* code;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"[1]", "JSON_PARSER_ERROR", "Expected a JSON object for the record"},
      {R"({"Nope__c": 1})", "INVALID_FIELD",
       "No such column 'Nope__c' on sobject of type Collection_Account__c"},
      {R"({"Name": "a", "NAME": "b"})", "INVALID_FIELD", "Duplicate field: Name"},
      {R"({"Account__r": "EXT"})", "INVALID_FIELD",
       "Invalid foreign key relationship: Account__r: expected an object with one external-Id "
       "field "
       "of Account"},
      {R"({"Account__r": {"Name": "x"}})", "INVALID_FIELD",
       "Invalid foreign key relationship: Account__r: expected an object with one external-Id "
       "field "
       "of Account"},
      {R"({"Strategy__r": {"Code__c": "A", "Name": "B"}})", "INVALID_FIELD",
       "Invalid foreign key relationship: Strategy__r: expected an object with one external-Id "
       "field "
       "of Collection_Strategy__c"},
      {R"({"Balance__c": "lots"})", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: lots"},
      {R"({"Strategy__r": {"Code__c": [1]}})", "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Code: value not of required type: [1]"},
  };
  for (const Case& c : cases) {
    SfOr<RecordInput> in = RecordInputFromJson(account_, schema_, json::parse(c.body));
    ASSERT_FALSE(in.ok()) << c.body;
    EXPECT_EQ(in.error().http_status, 400);
    EXPECT_EQ(in.error().error_code, c.code) << c.body;
    EXPECT_EQ(in.error().message, c.message) << c.body;
  }
}

TEST_F(RecordInputTest, CsvColumns) {
  SfOr<CsvColumn> plain = ResolveCsvColumn(attempt_, schema_, "channel__c");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->field->name, "Channel__c");
  EXPECT_EQ(plain->foreign_key_field, nullptr);
  SfOr<CsvColumn> rel = ResolveCsvColumn(attempt_, schema_, "Collection_Account__r.External_Id__c");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->field->name, "Collection_Account__c");
  EXPECT_EQ(rel->foreign_key_field->name, "External_Id__c");
  SfOr<CsvColumn> id = ResolveCsvColumn(attempt_, schema_, "ID");
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(id->is_id);
  for (const char* bad : {"Nope__c", "Nope__r.External_Id__c", "Collection_Account__r.Name"}) {
    SfOr<CsvColumn> c = ResolveCsvColumn(attempt_, schema_, bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().message,
              std::string("No such column '") + bad + "' on sobject of type Contact_Attempt__c");
  }
}

TEST_F(RecordInputTest, FieldLists) {
  SfOr<std::vector<const FieldDef*>> list = ResolveFieldList(account_, "name, Balance__c,NAME");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0]->name, "Name");
  EXPECT_EQ((*list)[1]->name, "Balance__c");
  SfOr<std::vector<const FieldDef*>> all = ResolveFieldList(account_, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), account_.fields().size());
  SfOr<std::vector<const FieldDef*>> bad = ResolveFieldList(account_, "Name,Balance");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().error_code, "INVALID_FIELD");
  EXPECT_EQ(
      bad.error().message,
      "No such column 'Balance' on entity 'Collection_Account__c'. If you are attempting to use a "
      "custom field, be sure to append the '__c' after the custom field name. Please reference "
      "your WSDL or the describe call for the appropriate names.");
}

}  // namespace
}  // namespace recoup::sim::org
