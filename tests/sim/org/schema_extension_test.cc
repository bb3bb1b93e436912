// Schema extension files: the documented format, and errors that name the JSON path.
#include "sim/org/schema_extension.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace recoup::sim::org {
namespace {

constexpr char kExtension[] = R"({
  "objects": [
    {"name": "Legal_Case__c", "label": "Legal Case", "labelPlural": "Legal Cases",
     "nameField": "autonumber", "autoNumberFormat": "LC-{000000}", "owner": true,
     "fields": [
       {"name": "Collection_Account__c", "type": "reference", "referenceTo": "Collection_Account__c",
        "childRelationshipName": "Legal_Cases__r", "required": true},
       {"name": "Court__c", "type": "string", "length": 120, "label": "Court"},
       {"name": "Stage__c", "type": "picklist", "picklistValues": ["Filed", "Hearing", "Judgment"],
        "restricted": true, "default": "Filed"},
       {"name": "Claim__c", "type": "currency", "precision": 12},
       {"name": "Docket__c", "type": "string", "length": 40, "unique": true, "externalId": true}
     ]},
    {"name": "Court_Event__e", "fields": [{"name": "Docket__c", "type": "string", "length": 40}]}
  ],
  "fields": [
    {"object": "Collection_Account__c", "name": "Bankrupt__c", "type": "boolean", "default": true},
    {"object": "Contact", "name": "Preferred_Channel__c", "type": "picklist",
     "picklistValues": ["Call", "SMS"]}
  ]
})";

TEST(SchemaExtensionTest, ParsesAndAppliesTheDocumentedFormat) {
  StatusOr<SchemaExtension> ext = ParseSchemaExtension(kExtension, "ext.json");
  ASSERT_TRUE(ext.ok()) << ext.status().ToString();
  Schema schema = DefaultCollectionsSchema();
  ASSERT_TRUE(ApplySchemaExtension(*ext, &schema).ok());

  const ObjectDef* legal = schema.FindObject("Legal_Case__c");
  ASSERT_NE(legal, nullptr);
  EXPECT_EQ(legal->key_prefix(), "a07");
  EXPECT_EQ(legal->FindField("Name")->auto_number_format, "LC-{000000}");
  const FieldDef* lookup = legal->FindField("Collection_Account__c");
  EXPECT_EQ(lookup->relationship_name, "Collection_Account__r");  // derived from the name
  EXPECT_TRUE(lookup->required());
  EXPECT_NE(schema.FindObject("Collection_Account__c")->FindChildRelationship("Legal_Cases__r"),
            nullptr);
  EXPECT_EQ(legal->FindField("Court__c")->length, 120);
  EXPECT_EQ(legal->FindField("Stage__c")->default_value, FieldValue::String("Filed"));
  EXPECT_TRUE(legal->FindField("Stage__c")->picklist_values[0].default_value);
  EXPECT_EQ(legal->FindField("Claim__c")->scale, 2);
  EXPECT_TRUE(legal->FindField("Docket__c")->external_id);
  EXPECT_TRUE(schema.FindObject("Court_Event__e")->is_platform_event());
  EXPECT_EQ(schema.FindObject("Collection_Account__c")->FindField("Bankrupt__c")->default_value,
            FieldValue::Bool(true));
  EXPECT_NE(schema.FindObject("Contact")->FindField("Preferred_Channel__c"), nullptr);
}

struct ErrorCase {
  const char* text;
  const char* message;
};

TEST(SchemaExtensionTest, ParseErrorsNameTheJsonPath) {
  const std::vector<ErrorCase> cases = {
      {"{\"objects\": [}", "ext.json:1:14: malformed JSON: "},
      {"{\n  \"objects\": 5\n}", "ext.json: $.objects: expected an array, got a number"},
      {"[]", "ext.json: $: expected an object, got an array"},
      {"{\"object\": []}",
       "ext.json: $: unknown member \"object\" (expected one of objects, fields)"},
      {R"({"objects": [{"label": "X"}]})",
       "ext.json: $.objects[0]: missing member \"name\" (a string)"},
      {R"({"objects": [{"name": "X__c", "fields": [{"name": "A__c", "type": "text"}]}]})",
       "ext.json: $.objects[0].fields[0].type: expected one of string, textarea, picklist, "
       "multipicklist, boolean, int, double, currency, percent, date, datetime, reference, email, "
       "phone, url; got \"text\""},
      {R"({"objects": [{"name": "X__c", "fields": [{"name": "A__c", "type": "string", "lenght": 5}]}]})",
       "ext.json: $.objects[0].fields[0]: unknown member \"lenght\" (expected one of name, type, "
       "label, length, precision, scale, required, unique, externalId, caseSensitive, createable, "
       "updateable, picklistValues, restricted, referenceTo, relationshipName, "
       "childRelationshipName, cascadeDelete, default)"},
      {R"({"objects": [{"name": "X__c", "fields": [{"name": "A__c", "type": "string", "length": "5"}]}]})",
       "ext.json: $.objects[0].fields[0].length: expected a whole number 0..1000000, got \"5\""},
      {R"({"objects": [{"name": "X__c", "nameField": "auto"}]})",
       "ext.json: $.objects[0].nameField: expected \"text\", \"autonumber\" or \"none\", got "
       "\"auto\""},
      {R"({"fields": [{"object": "Account", "name": "P__c", "type": "picklist", "picklistValues": [1]}]})",
       "ext.json: $.fields[0].picklistValues[0]: expected a string, got a number"},
      {R"({"fields": [{"name": "P__c", "type": "string"}]})",
       "ext.json: $.fields[0]: missing member \"object\" (a string)"},
      {R"({"fields": [{"object": "Account", "name": "N__c", "type": "int", "default": "x"}]})",
       "ext.json: $.fields[0].default: N__c: value not of required type: x"},
      {R"({"fields": [{"object": "Account", "name": "B__c", "type": "boolean", "required": "yes"}]})",
       "ext.json: $.fields[0].required: expected true or false, got a string"},
  };
  for (const ErrorCase& c : cases) {
    StatusOr<SchemaExtension> ext = ParseSchemaExtension(c.text, "ext.json");
    ASSERT_FALSE(ext.ok()) << c.text;
    EXPECT_EQ(ext.status().code(), StatusCode::kInvalidArgument);
    const std::string message(ext.status().message());
    EXPECT_EQ(message.substr(0, std::string(c.message).size()), c.message) << c.text;
  }
}

TEST(SchemaExtensionTest, ApplyErrorsNameThePathAndChangeNothing) {
  const std::vector<ErrorCase> cases = {
      {R"({"objects": [{"name": "Legal_Case"}]})",
       "ext.json: $.objects[0]: invalid object name \"Legal_Case\": a custom object name must end "
       "in "
       "\"__c\" or \"__e\""},
      {R"({"objects": [{"name": "Dispute__c"}]})",
       "ext.json: $.objects[0]: duplicate object name \"Dispute__c\""},
      {R"({"objects": [{"name": "Ok__c"}], "fields": [{"object": "Nope__c", "name": "A__c", "type": "date"}]})",
       "ext.json: $.fields[0]: unknown object \"Nope__c\""},
      {R"({"objects": [{"name": "X__c", "fields": [{"name": "A__c", "type": "reference", "referenceTo": "Y__c"}]}]})",
       "ext.json: $.objects[0]: field \"X__c.A__c\": referenceTo names unknown object \"Y__c\""},
  };
  for (const ErrorCase& c : cases) {
    StatusOr<SchemaExtension> ext = ParseSchemaExtension(c.text, "ext.json");
    ASSERT_TRUE(ext.ok()) << c.text << ": " << ext.status().ToString();
    Schema schema = DefaultCollectionsSchema();
    Status s = ApplySchemaExtension(*ext, &schema);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.message(), c.message) << c.text;
    EXPECT_EQ(schema.object_count(), 12u) << c.text;  // all or nothing
    EXPECT_EQ(schema.FindObject("Ok__c"), nullptr);
  }
}

}  // namespace
}  // namespace recoup::sim::org
