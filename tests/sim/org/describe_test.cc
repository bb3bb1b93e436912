// Describe-global / describe-object shapes (contract section 3.1) and record JSON.
#include "sim/org/describe.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/sim/org/store_test_util.h"

namespace recoup::sim::org {
namespace {

using nlohmann::json;

const json* FindByName(const json& array, const std::string& name, const char* key = "name") {
  for (const json& e : array) {
    if (e.at(key) == name) return &e;
  }
  return nullptr;
}

TEST(DescribeTest, GlobalShape) {
  const Schema schema = DefaultCollectionsSchema();
  const json g = DescribeGlobal(schema, "62.0");
  EXPECT_EQ(g.at("encoding"), "UTF-8");
  EXPECT_EQ(g.at("maxBatchSize"), 200);
  ASSERT_EQ(g.at("sobjects").size(), schema.object_count());
  const json* acct = FindByName(g.at("sobjects"), "Collection_Account__c");
  ASSERT_NE(acct, nullptr);
  for (const char* key :
       {"name", "label", "labelPlural", "keyPrefix", "custom", "customSetting", "createable",
        "updateable", "deletable", "queryable", "retrieveable", "searchable", "triggerable",
        "layoutable", "replicateable", "undeletable", "mergeable", "urls"}) {
    EXPECT_TRUE(acct->contains(key)) << key;
  }
  EXPECT_EQ(acct->at("keyPrefix"), "a01");
  EXPECT_EQ(acct->at("labelPlural"), "Collection Accounts");
  EXPECT_EQ(acct->at("custom"), true);
  EXPECT_EQ(acct->at("queryable"), true);
  EXPECT_EQ(acct->at("urls"),
            (json{{"sobject", "/services/data/v62.0/sobjects/Collection_Account__c"},
                  {"describe", "/services/data/v62.0/sobjects/Collection_Account__c/describe"},
                  {"rowTemplate", "/services/data/v62.0/sobjects/Collection_Account__c/{ID}"}}));
  const json* event = FindByName(g.at("sobjects"), "Collection_Event__e");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->at("queryable"), false);
  EXPECT_EQ(event->at("createable"), true);
  EXPECT_EQ(event->at("updateable"), false);
  EXPECT_EQ(event->at("keyPrefix"), "e00");
  EXPECT_EQ(event->at("urls").at("eventSchema"),
            "/services/data/v62.0/sobjects/Collection_Event__e/eventSchema");
  EXPECT_FALSE(event->at("urls").contains("rowTemplate"));
  EXPECT_EQ(FindByName(g.at("sobjects"), "Account")->at("custom"), false);
}

TEST(DescribeTest, ObjectShapeAndEveryFieldKey) {
  const Schema schema = DefaultCollectionsSchema();
  const ObjectDef& o = *schema.FindObject("Collection_Account__c");
  const json d = DescribeObject(schema, o, "60.0");
  EXPECT_EQ(d.at("name"), "Collection_Account__c");
  EXPECT_EQ(d.at("urls").at("describe"),
            "/services/data/v60.0/sobjects/Collection_Account__c/describe");
  ASSERT_EQ(d.at("fields").size(), o.fields().size());
  for (const json& f : d.at("fields")) {
    for (const char* key : {"name",           "type",
                            "label",          "length",
                            "precision",      "scale",
                            "nillable",       "createable",
                            "updateable",     "filterable",
                            "sortable",       "externalId",
                            "unique",         "idLookup",
                            "calculated",     "defaultedOnCreate",
                            "referenceTo",    "relationshipName",
                            "picklistValues", "soapType"}) {
      EXPECT_TRUE(f.contains(key)) << f.at("name") << " lacks " << key;
    }
  }
  const json& id = *FindByName(d.at("fields"), "Id");
  EXPECT_EQ(id.at("type"), "id");
  EXPECT_EQ(id.at("soapType"), "tns:ID");
  EXPECT_EQ(id.at("idLookup"), true);
  EXPECT_EQ(id.at("createable"), false);
  const json& ext = *FindByName(d.at("fields"), "External_Id__c");
  EXPECT_EQ(ext.at("externalId"), true);
  EXPECT_EQ(ext.at("unique"), true);
  EXPECT_EQ(ext.at("idLookup"), true);
  EXPECT_EQ(ext.at("length"), 80);
  EXPECT_EQ(ext.at("type"), "string");
  const json& balance = *FindByName(d.at("fields"), "Balance__c");
  EXPECT_EQ(balance.at("type"), "currency");
  EXPECT_EQ(balance.at("precision"), 16);
  EXPECT_EQ(balance.at("scale"), 2);
  EXPECT_EQ(balance.at("soapType"), "xsd:double");
  const json& status = *FindByName(d.at("fields"), "Status__c");
  EXPECT_EQ(status.at("restrictedPicklist"), true);
  EXPECT_EQ(status.at("defaultValue"), "New");
  EXPECT_EQ(status.at("defaultedOnCreate"), true);
  const json* first = &status.at("picklistValues").at(0);
  EXPECT_EQ(*first, (json{{"active", true},
                          {"defaultValue", true},
                          {"label", "New"},
                          {"validFor", nullptr},
                          {"value", "New"}}));
  const json& lookup = *FindByName(d.at("fields"), "Account__c");
  EXPECT_EQ(lookup.at("type"), "reference");
  EXPECT_EQ(lookup.at("referenceTo"), json::array({"Account"}));
  EXPECT_EQ(lookup.at("relationshipName"), "Account__r");
  EXPECT_EQ(FindByName(d.at("fields"), "Name")->at("relationshipName"), nullptr);
  EXPECT_EQ(FindByName(d.at("fields"), "Name")->at("nameField"), true);
  EXPECT_EQ(FindByName(d.at("fields"), "Name")->at("nillable"), false);
  EXPECT_EQ(FindByName(d.at("fields"), "OwnerId")->at("relationshipName"), "Owner");

  const json& children = d.at("childRelationships");
  const json* attempts = FindByName(children, "Contact_Attempts__r", "relationshipName");
  ASSERT_NE(attempts, nullptr);
  EXPECT_EQ(attempts->at("childSObject"), "Contact_Attempt__c");
  EXPECT_EQ(attempts->at("field"), "Collection_Account__c");
  EXPECT_EQ(attempts->at("cascadeDelete"), false);
  EXPECT_EQ(children.size(), o.child_relationships().size());
  EXPECT_EQ(d.at("recordTypeInfos").size(), 1u);
  EXPECT_EQ(d.at("recordTypeInfos")[0].at("master"), true);
}

// The Channel__c picklists describe the channels in domain order, WhatsApp appended last, the same
// on Contact_Attempt__c and Compliance_Record__c.
TEST(DescribeTest, ChannelPicklistsListWhatsAppLast) {
  const Schema schema = DefaultCollectionsSchema();
  for (const char* object : {"Contact_Attempt__c", "Compliance_Record__c"}) {
    const json d = DescribeObject(schema, *schema.FindObject(object), "62.0");
    const json* channel = FindByName(d.at("fields"), "Channel__c");
    ASSERT_NE(channel, nullptr) << object;
    std::vector<std::string> values;
    for (const json& v : channel->at("picklistValues")) {
      values.push_back(v.at("value").get<std::string>());
      EXPECT_EQ(v.at("label"), v.at("value"));
      EXPECT_EQ(v.at("active"), true);
    }
    EXPECT_EQ(values, (std::vector<std::string>{"Call", "SMS", "Email", "Letter", "WhatsApp"}))
        << object;
  }
}

TEST(DescribeTest, AutoNumberAndEventFields) {
  const Schema schema = DefaultCollectionsSchema();
  const json attempt = DescribeObject(schema, *schema.FindObject("Contact_Attempt__c"), "62.0");
  const json& name = *FindByName(attempt.at("fields"), "Name");
  EXPECT_EQ(name.at("autoNumber"), true);
  EXPECT_EQ(name.at("createable"), false);
  EXPECT_EQ(name.at("defaultedOnCreate"), true);
  const json event = DescribeObject(schema, *schema.FindObject("Strategy_Assignment__e"), "62.0");
  EXPECT_EQ(event.at("recordTypeInfos").size(), 0u);
  EXPECT_NE(FindByName(event.at("fields"), "ReplayId"), nullptr);
  EXPECT_EQ(FindByName(event.at("fields"), "Strategy_Code__c")->at("nillable"), false);
  const json basic = DescribeObjectBasic(*schema.FindObject("Dispute__c"), "62.0");
  EXPECT_EQ(basic.at("objectDescribe").at("name"), "Dispute__c");
  EXPECT_EQ(basic.at("recentItems"), json::array());
}

using RecordJsonTest = testing::StoreTest;

TEST_F(RecordJsonTest, DomAndTextFormsAgree) {
  const SfId a = NewAccount("Jane \"JR\" Roe", "EXT-1");
  const ObjectDef& o = Obj("Collection_Account__c");
  SfOr<std::vector<const FieldDef*>> fields =
      ResolveFieldList(o, "Name,External_Id__c,Balance__c,CreatedDate,OwnerId,IsDeleted");
  ASSERT_TRUE(fields.ok());
  const json dom = RecordToJson(store_, o, 0, *fields, "62.0");
  EXPECT_EQ(dom.at("attributes"),
            (json{{"type", "Collection_Account__c"},
                  {"url", "/services/data/v62.0/sobjects/Collection_Account__c/" + a.ToLong()}}));
  EXPECT_EQ(dom.at("Name"), "Jane \"JR\" Roe");
  EXPECT_EQ(dom.at("Balance__c"), nullptr);
  EXPECT_EQ(dom.at("CreatedDate"), "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(dom.at("OwnerId"), "005000000000001AAA");
  EXPECT_EQ(dom.at("IsDeleted"), false);
  std::string text;
  AppendRecordJson(store_, o, 0, *fields, "62.0", &text);
  EXPECT_EQ(text.substr(0, 15), "{\"attributes\":{");  // attributes first, as Salesforce sends it
  EXPECT_EQ(json::parse(text), dom);
  EXPECT_EQ(RecordUrl("62.0", o, a),
            "/services/data/v62.0/sobjects/Collection_Account__c/" + a.ToLong());
}

}  // namespace
}  // namespace recoup::sim::org
