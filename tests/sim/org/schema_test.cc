// Schema: the default collections schema, lookups, API-name rules and every AddObject/AddField
// error.
#include "sim/org/schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace recoup::sim::org {
namespace {

TEST(DefaultSchemaTest, ObjectsAndKeyPrefixes) {
  const Schema schema = DefaultCollectionsSchema();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"User", "005"},
      {"Account", "001"},
      {"Contact", "003"},
      {"Collection_Strategy__c", "a00"},
      {"Collection_Account__c", "a01"},
      {"Payment_Arrangement__c", "a02"},
      {"Contact_Attempt__c", "a03"},
      {"Dispute__c", "a04"},
      {"Compliance_Record__c", "a05"},
      {"Payment_Transaction__c", "a06"},
      {"Collection_Event__e", "e00"},
      {"Strategy_Assignment__e", "e01"},
  };
  ASSERT_EQ(schema.object_count(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const ObjectDef& o = schema.object(static_cast<int>(i));
    EXPECT_EQ(o.name(), expected[i].first);
    EXPECT_EQ(o.key_prefix(), expected[i].second);
    EXPECT_EQ(o.index(), static_cast<int>(i));
    EXPECT_EQ(schema.FindObjectByKeyPrefix(expected[i].second), &o);
  }
  EXPECT_TRUE(schema.FindObject("collection_event__e")->is_platform_event());
  EXPECT_FALSE(schema.FindObject("Account")->custom());
  EXPECT_TRUE(schema.FindObject("Dispute__c")->custom());
}

TEST(DefaultSchemaTest, SystemFieldsOnEveryRecordObject) {
  const Schema schema = DefaultCollectionsSchema();
  for (size_t i = 0; i < schema.object_count(); ++i) {
    const ObjectDef& o = schema.object(static_cast<int>(i));
    if (o.is_platform_event()) {
      for (const char* name : {"ReplayId", "EventUuid", "CreatedDate", "CreatedById"}) {
        EXPECT_NE(o.FindField(name), nullptr) << o.name() << "." << name;
      }
      EXPECT_EQ(o.FindField("Id"), nullptr);
      continue;
    }
    for (const char* name : {"Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate",
                             "LastModifiedById", "SystemModstamp"}) {
      const FieldDef* f = o.FindField(name);
      ASSERT_NE(f, nullptr) << o.name() << "." << name;
      EXPECT_FALSE(f->createable) << o.name() << "." << name;
      EXPECT_FALSE(f->updateable) << o.name() << "." << name;
      EXPECT_FALSE(f->custom);
    }
    EXPECT_EQ(o.field(0).name, "Id");
    EXPECT_EQ(o.FindField("CreatedById")->reference_to, "User");
  }
}

TEST(DefaultSchemaTest, CollectionsFieldsAndRelationships) {
  const Schema schema = DefaultCollectionsSchema();
  const ObjectDef& acct = *schema.FindObject("Collection_Account__c");
  const FieldDef& ext = *acct.FindField("external_id__C");  // case-insensitive
  EXPECT_EQ(ext.name, "External_Id__c");
  EXPECT_TRUE(ext.external_id && ext.unique && ext.id_lookup);
  EXPECT_EQ(acct.FindField("Balance__c")->type, FieldType::kCurrency);
  EXPECT_EQ(acct.FindField("Status__c")->default_value, FieldValue::String("New"));
  EXPECT_TRUE(acct.FindField("Name")->required());
  EXPECT_NE(acct.FindField("OwnerId"), nullptr);
  EXPECT_EQ(acct.FindFieldByRelationship("account__r")->name, "Account__c");
  EXPECT_EQ(acct.FindFieldByRelationship("Owner")->name, "OwnerId");

  const ObjectDef& attempt = *schema.FindObject("Contact_Attempt__c");
  for (const char* name : {"Collection_Account__c", "Channel__c", "Attempted_At__c", "Outcome__c",
                           "Right_Party_Contact__c"}) {
    EXPECT_NE(attempt.FindField(name), nullptr) << name;
  }
  EXPECT_EQ(attempt.FindField("OwnerId"), nullptr);
  EXPECT_EQ(attempt.FindField("Name")->auto_number_format, "CA-{0000000}");
  EXPECT_FALSE(attempt.FindField("Name")->createable);

  const ChildRelationship* rel = acct.FindChildRelationship("contact_attempts__r");
  ASSERT_NE(rel, nullptr);
  EXPECT_EQ(rel->child_object, "Contact_Attempt__c");
  EXPECT_EQ(rel->field, "Collection_Account__c");
  EXPECT_EQ(&schema.child_object(*rel), &attempt);
  EXPECT_EQ(attempt.field(rel->field_index).name, "Collection_Account__c");
  for (const char* name : {"Payment_Arrangements__r", "Disputes__r", "Compliance_Records__r",
                           "Payment_Transactions__r"}) {
    EXPECT_NE(acct.FindChildRelationship(name), nullptr) << name;
  }
  const ObjectDef& compliance = *schema.FindObject("Compliance_Record__c");
  for (const char* name : {"Rule__c", "Checked_At__c", "Result__c", "Collection_Account__c"}) {
    EXPECT_NE(compliance.FindField(name), nullptr) << name;
  }
  EXPECT_NE(schema.FindObject("Account")->FindChildRelationship("Contacts"), nullptr);
  EXPECT_NE(schema.FindObject("Strategy_Assignment__e")->FindField("Strategy_Code__c"), nullptr);
  EXPECT_EQ(schema.FindObject("Collection_Event__e")->FindField("Message__c")->type,
            FieldType::kString);
}

TEST(FieldTypeTest, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(FieldType::kUrl); ++i) {
    const auto t = static_cast<FieldType>(i);
    EXPECT_EQ(ParseFieldType(FieldTypeName(t)), t);
  }
  EXPECT_FALSE(ParseFieldType("text").has_value());
  EXPECT_EQ(SoapType(FieldType::kReference), "tns:ID");
  EXPECT_EQ(SoapType(FieldType::kDateTime), "xsd:dateTime");
}

struct NameCase {
  const char* name;
  bool standard;
  bool ok;
};
constexpr NameCase kObjectNames[] = {
    {"Legal_Case__c", false, true},
    {"ns__Legal_Case__c", false, true},
    {"Court_Event__e", false, true},
    {"Legal_Case", false, false},               // no suffix
    {"Legal__Case__c", true, false},            // standard names have no underscores
    {"_Legal__c", false, false},                // starts with an underscore
    {"1Legal__c", false, false},                // starts with a digit
    {"Legal__Case__c", false, true},            // "Legal" reads as a namespace
    {"Legal_Case___c", false, false},           // underscore before the suffix
    {"Legal-Case__c", false, false},            // a dash
    {"toolongnamespace1__X__c", false, false},  // namespace over 15 characters
    {"A234567890123456789012345678901234567890__c", false, true},    // 40 characters
    {"A2345678901234567890123456789012345678901__c", false, false},  // 41 characters
    {"Account", true, true},
};

TEST(NameRulesTest, ObjectNames) {
  for (const NameCase& c : kObjectNames) {
    EXPECT_EQ(ValidateObjectName(c.name, c.standard).ok(), c.ok) << c.name;
  }
  EXPECT_TRUE(ValidateFieldName("Balance__c", false).ok());
  EXPECT_FALSE(ValidateFieldName("Balance__e", false).ok());
  EXPECT_FALSE(ValidateFieldName("Balance", false).ok());
  EXPECT_TRUE(ValidateFieldName("Balance", true).ok());
  EXPECT_TRUE(ValidateRelationshipName("Accounts__r", false).ok());
  EXPECT_FALSE(ValidateRelationshipName("Accounts__c", false).ok());
  const Status s = ValidateObjectName("Legal_Case", false);
  EXPECT_EQ(
      s.message(),
      "invalid object name \"Legal_Case\": a custom object name must end in \"__c\" or \"__e\"");
}

TEST(SchemaTest, AllocatesKeyPrefixesAndRejectsDuplicates) {
  Schema schema = DefaultCollectionsSchema();
  ObjectSpec spec;
  spec.name = "Legal_Case__c";
  ASSERT_TRUE(schema.AddObject(spec).ok());
  EXPECT_EQ(schema.FindObject("Legal_Case__c")->key_prefix(), "a07");
  EXPECT_EQ(schema.FindObject("Legal_Case__c")->label(), "Legal Case");
  EXPECT_EQ(schema.FindObject("Legal_Case__c")->label_plural(), "Legal Cases");
  Status dup = schema.AddObject(spec);
  EXPECT_EQ(dup.message(), "duplicate object name \"Legal_Case__c\"");
  spec.name = "LEGAL_CASE__C";
  EXPECT_FALSE(schema.AddObject(spec).ok());
  ObjectSpec prefixed;
  prefixed.name = "Other__c";
  prefixed.key_prefix = "a07";
  EXPECT_EQ(schema.AddObject(prefixed).message(),
            "object \"Other__c\": key prefix \"a07\" is already used by \"Legal_Case__c\"");
  prefixed.key_prefix = "a_7";
  EXPECT_FALSE(schema.AddObject(prefixed).ok());
  ObjectSpec event;
  event.name = "Court_Event__e";
  ASSERT_TRUE(schema.AddObject(event).ok());
  EXPECT_EQ(schema.FindObject("Court_Event__e")->key_prefix(), "e02");
}

TEST(SchemaTest, RequiresUserFirst) {
  Schema schema;
  ObjectSpec spec;
  spec.name = "Thing__c";
  EXPECT_FALSE(schema.AddObject(spec).ok());
}

struct FieldErrorCase {
  const char* what;
  FieldDef field;
  const char* message;
};

FieldDef Modified(FieldDef f, void (*fn)(FieldDef*)) {
  fn(&f);
  return f;
}

TEST(SchemaTest, AddFieldErrors) {
  const std::vector<FieldErrorCase> cases = {
      {"no suffix", MakeTextField("Court", "Court", 80),
       "object \"Collection_Account__c\": invalid field name \"Court\": a custom field name must "
       "end in \"__c\""},
      {"duplicate", MakeTextField("BALANCE__c", "Balance", 80),
       "field \"Collection_Account__c.BALANCE__c\": duplicate field name"},
      {"length 0", MakeTextField("Court__c", "Court", 0),
       "field \"Collection_Account__c.Court__c\": length must be 1..255"},
      {"length 256", MakeTextField("Court__c", "Court", 256),
       "field \"Collection_Account__c.Court__c\": length must be 1..255"},
      {"textarea too long", MakeTextAreaField("Notes2__c", "Notes", 131073),
       "field \"Collection_Account__c.Notes2__c\": textarea length must be 1..131072"},
      {"precision 19", MakeNumberField("Big__c", "Big", FieldType::kDouble, 19, 0),
       "field \"Collection_Account__c.Big__c\": precision must be 1..18"},
      {"scale > precision", MakeNumberField("Big__c", "Big", FieldType::kDouble, 4, 5),
       "field \"Collection_Account__c.Big__c\": scale must be 0..precision"},
      {"empty picklist", MakePicklistField("Tier__c", "Tier", {}),
       "field \"Collection_Account__c.Tier__c\": a picklist needs at least one value"},
      {"duplicate picklist value", MakePicklistField("Tier__c", "Tier", {"Gold", "gold"}),
       "field \"Collection_Account__c.Tier__c\": duplicate picklist value \"gold\""},
      {"reference to nothing", MakeLookupField("Court__c", "Court", "Court__c", "Court__r"),
       "field \"Collection_Account__c.Court__c\": referenceTo names unknown object \"Court__c\""},
      {"reference to an event", MakeLookupField("Ev__c", "Ev", "Collection_Event__e", "Ev__r"),
       "field \"Collection_Account__c.Ev__c\": a reference cannot point at a platform event"},
      {"reference without relationship", MakeLookupField("Acct2__c", "A", "Account", ""),
       "field \"Collection_Account__c.Acct2__c\": a reference needs a relationshipName"},
      {"relationship name taken", MakeLookupField("Acct2__c", "A", "Account", "Account__r"),
       "field \"Collection_Account__c.Acct2__c\": relationship name \"Account__r\" is already used "
       "on Collection_Account__c"},
      {"child relationship taken",
       MakeLookupField("Acct2__c", "A", "Account", "Acct2__r", "Collection_Accounts__r"),
       "field \"Collection_Account__c.Acct2__c\": child relationship name "
       "\"Collection_Accounts__r\" "
       "is already used on Account"},
      {"bad relationship suffix", MakeLookupField("Acct2__c", "A", "Account", "Acct2__c"),
       "field \"Collection_Account__c.Acct2__c\": invalid relationship name \"Acct2__c\": a custom "
       "relationship name must end in \"__r\""},
      {"unique date",
       Modified(MakeDateField("When__c", "When"), [](FieldDef* f) { f->unique = true; }),
       "field \"Collection_Account__c.When__c\": unique and external id fields must be string, "
       "email, int or double, not date"},
      {"bad default",
       Modified(MakePicklistField("Tier__c", "Tier", {"Gold"}),
                [](FieldDef* f) { f->default_value = FieldValue::String("Silver"); }),
       "field \"Collection_Account__c.Tier__c\": invalid default value: Tier: bad value for "
       "restricted picklist field: Silver"},
      {"id type",
       Modified(MakeTextField("Other_Id__c", "X", 18),
                [](FieldDef* f) {
                  f->type = FieldType::kId;
                  f->length = 0;
                }),
       "field \"Collection_Account__c.Other_Id__c\": type id is reserved for the system Id field"},
      {"picklist values on text",
       Modified(MakeTextField("T__c", "T", 10),
                [](FieldDef* f) {
                  f->picklist_values.push_back(PicklistValue{"a", "a"});
                }),
       "field \"Collection_Account__c.T__c\": picklist values apply to picklist and multipicklist "
       "fields only"},
  };
  for (const FieldErrorCase& c : cases) {
    Schema schema = DefaultCollectionsSchema();
    const size_t before = schema.FindObject("Collection_Account__c")->fields().size();
    Status s = schema.AddField("Collection_Account__c", c.field);
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(s.message(), c.message) << c.what;
    EXPECT_EQ(schema.FindObject("Collection_Account__c")->fields().size(), before) << c.what;
  }
  Schema schema = DefaultCollectionsSchema();
  EXPECT_EQ(schema.AddField("Nope__c", MakeTextField("A__c", "A", 5)).code(),
            StatusCode::kNotFound);
  FieldDef lookup = MakeLookupField("Thing__c", "Thing", "Account", "Thing__r");
  EXPECT_EQ(schema.AddField("Collection_Event__e", lookup).message(),
            "field \"Collection_Event__e.Thing__c\": a platform event field must be string, "
            "textarea, boolean, int, double, currency, percent, date or datetime, not reference");
}

TEST(SchemaTest, AddFieldDerivesChildRelationships) {
  Schema schema = DefaultCollectionsSchema();
  ASSERT_TRUE(
      schema
          .AddField("Dispute__c", MakeLookupField("Attempt__c", "Attempt", "Contact_Attempt__c",
                                                  "Attempt__r", "Disputes__r"))
          .ok());
  const ObjectDef& attempt = *schema.FindObject("Contact_Attempt__c");
  const ChildRelationship* rel = attempt.FindChildRelationship("Disputes__r");
  ASSERT_NE(rel, nullptr);
  EXPECT_EQ(rel->child_object, "Dispute__c");
  // A self-lookup works too.
  ASSERT_TRUE(schema
                  .AddField("Dispute__c", MakeLookupField("Parent__c", "Parent", "Dispute__c",
                                                          "Parent__r", "Children__r"))
                  .ok());
  EXPECT_NE(schema.FindObject("Dispute__c")->FindChildRelationship("Children__r"), nullptr);
  // Copies are deep.
  Schema copy = schema;
  EXPECT_NE(copy.FindObject("Dispute__c"), schema.FindObject("Dispute__c"));
  EXPECT_NE(copy.FindObject("Dispute__c")->FindField("Parent__c"), nullptr);
}

}  // namespace
}  // namespace recoup::sim::org
