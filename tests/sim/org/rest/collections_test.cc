// sObject Collections over HTTP (sim/org/rest/collections_routes.h; reference/salesforce-api.md
// section 3.5): create with mixed types, update with any-case ids, delete, retrieve (GET and POST),
// upsert with created flags, events, partial success, and allOrNone rollbacks checked in the store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/org/rest/composite_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::CollectionsOnly;
using testing::ExpectRecordFailure;
using testing::FieldText;
using testing::HttpResult;
using testing::LiveRows;
using testing::NthId;
using testing::RestTestOrg;
using testing::StoreRows;

const std::string kRoot = "/services/data/v62.0/composite/sobjects";
const char kRolledBack[] =
    "Record rolled back because not all records were valid and the request was using AllOrNone "
    "header";

nlohmann::json Rec(const std::string& type, nlohmann::json fields = nlohmann::json::object()) {
  fields["attributes"] = {{"type", type}};
  return fields;
}

std::string Body(const nlohmann::json& records, bool all_or_none) {
  return nlohmann::json({{"allOrNone", all_or_none}, {"records", records}}).dump();
}

// The results array of a 200 answer.
nlohmann::json Results(const HttpResult& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), testing::kJsonType);
  EXPECT_TRUE(r.HasHeader("sforce-limit-info"));
  const nlohmann::json j = r.Json();
  EXPECT_TRUE(j.is_array()) << r.body;
  return j;
}

nlohmann::json Success(const std::string& id) {
  return {{"id", id}, {"success", true}, {"errors", nlohmann::json::array()}};
}

// Creates `n` Accounts named N0, N1, ... over HTTP; returns their Ids.
std::vector<std::string> CreateAccounts(RestTestOrg& org, int n) {
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < n; ++i)
    records.push_back(Rec("Account", {{"Name", "N" + std::to_string(i)}}));
  const nlohmann::json results = Results(org.Call("POST", kRoot, Body(records, true)));
  std::vector<std::string> ids;
  for (const nlohmann::json& r : results) ids.push_back(r.value("id", ""));
  return ids;
}

TEST(CollectionsCreateTest, MixedTypesInRequestOrder) {
  RestTestOrg org(CollectionsOnly());
  const nlohmann::json records = nlohmann::json::array({
      Rec("Account", {{"Name", "Acme"}}),
      Rec("contact", {{"LastName", "Smith"}}),  // type names are case-insensitive
      Rec("Collection_Account__c", {{"Name", "CA-1"}, {"Balance__c", 12.5}}),
      Rec("Account", {{"Name", "Beta"}}),
  });
  const HttpResult r = org.Call("POST", kRoot, Body(records, false));
  const nlohmann::json results = Results(r);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0], Success(NthId(org.org(), "Account", 1)));
  EXPECT_EQ(results[1], Success(NthId(org.org(), "Contact", 1)));
  EXPECT_EQ(results[2], Success(NthId(org.org(), "Collection_Account__c", 1)));
  EXPECT_EQ(results[3], Success(NthId(org.org(), "Account", 2)));
  // Members in Salesforce's order.
  EXPECT_EQ(r.body.rfind("[{\"id\":\"001", 0), 0u) << r.body;
  EXPECT_EQ(FieldText(org.org(), "Collection_Account__c", results[2]["id"], "Balance__c"), "12.5");
  EXPECT_EQ(FieldText(org.org(), "Contact", results[1]["id"], "LastName"), "Smith");
}

TEST(CollectionsCreateTest, PartialSuccessWithoutAllOrNone) {
  RestTestOrg org(CollectionsOnly());
  const nlohmann::json records = nlohmann::json::array({
      Rec("Account", {{"Name", "Good"}}),
      Rec("Account", {{"Phone", "555"}}),
      nlohmann::json({{"Name", "typeless"}}),
      Rec("Nope__c", {{"Name", "x"}}),
      Rec("Account", {{"Name", "WithId"}, {"Id", "001000000000009AAA"}}),
      Rec("Account", {{"Name", "Last"}}),
  });
  const nlohmann::json results = Results(org.Call("POST", kRoot, Body(records, false)));
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[0], Success(NthId(org.org(), "Account", 1)));
  EXPECT_EQ(results[1], nlohmann::json::parse(R"({"success":false,"errors":[{"statusCode":
      "REQUIRED_FIELD_MISSING","message":"Required fields are missing: [Name]","fields":["Name"]}]})"));
  ExpectRecordFailure(results[2], "INVALID_TYPE");
  EXPECT_EQ(results[2]["errors"][0]["message"], "Must send a concrete entity type.");
  ExpectRecordFailure(results[3], "INVALID_TYPE");
  EXPECT_EQ(results[3]["errors"][0]["message"], "sObject type 'Nope__c' is not supported.");
  ExpectRecordFailure(results[4], "INVALID_FIELD");
  EXPECT_EQ(results[4]["errors"][0]["message"], "cannot specify Id in an insert call");
  EXPECT_EQ(results[5], Success(NthId(org.org(), "Account", 2)));
  EXPECT_EQ(LiveRows(org.org(), "Account"), 2u);
}

TEST(CollectionsCreateTest, AllOrNoneRollsBackAndIdsAreReused) {
  RestTestOrg org(CollectionsOnly());
  const nlohmann::json records = nlohmann::json::array({
      Rec("Account", {{"Name", "One"}}),
      Rec("Contact", {{"LastName", "Two"}}),
      Rec("Account", {{"Phone", "no name"}}),
      Rec("Account", {{"Name", "Four"}, {"Unknown__c", 1}}),
      Rec("Account", {{"Name", "Five"}}),
  });
  const nlohmann::json results = Results(org.Call("POST", kRoot, Body(records, true)));
  ASSERT_EQ(results.size(), 5u);
  for (int i : {0, 1, 4}) {
    ExpectRecordFailure(results[i], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    EXPECT_EQ(results[i]["errors"][0]["message"], kRolledBack);
    EXPECT_EQ(results[i]["errors"][0]["fields"], nlohmann::json::array());
  }
  ExpectRecordFailure(results[2], "REQUIRED_FIELD_MISSING");  // each invalid record: its own error
  ExpectRecordFailure(results[3], "INVALID_FIELD");
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);
  EXPECT_EQ(StoreRows(org.org(), "Contact"), 0u);

  const nlohmann::json again = Results(org.Call(
      "POST", kRoot, Body(nlohmann::json::array({Rec("Account", {{"Name", "Again"}})}), true)));
  EXPECT_EQ(again[0], Success(NthId(org.org(), "Account", 1)));
}

TEST(CollectionsCreateTest, TwoHundredRecordsAndEvents) {
  RestTestOrg org(CollectionsOnly());
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < 199; ++i) records.push_back(Rec("Account", {{"Name", std::to_string(i)}}));
  records.push_back(Rec("Collection_Event__e", {{"Message__c", "hello"}}));
  const nlohmann::json results = Results(org.Call("POST", kRoot, Body(records, true)));
  ASSERT_EQ(results.size(), 200u);
  EXPECT_EQ(results[198], Success(NthId(org.org(), "Account", 199)));
  const nlohmann::json& event = results[199];
  EXPECT_EQ(event["success"], true);
  EXPECT_EQ(event["id"].get<std::string>().substr(0, 3), "e00");
  ASSERT_EQ(event["errors"].size(), 1u);
  EXPECT_EQ(event["errors"][0]["statusCode"], "OPERATION_ENQUEUED");
  EXPECT_EQ(event["errors"][0]["message"].get<std::string>().size(), 36u);  // the EventUuid
  EXPECT_EQ(org.org().events().LastReplayId("/event/Collection_Event__e"), 1);
  EXPECT_EQ(LiveRows(org.org(), "Account"), 199u);
}

TEST(CollectionsCreateTest, AllOrNoneDoesNotPublishEventsOfAFailedBatch) {
  RestTestOrg org(CollectionsOnly());
  const nlohmann::json records = nlohmann::json::array({
      Rec("Collection_Event__e", {{"Message__c", "first"}}),
      Rec("Account", {{"Phone", "no name"}}),
  });
  const nlohmann::json results = Results(org.Call("POST", kRoot, Body(records, true)));
  ASSERT_EQ(results.size(), 2u);
  ExpectRecordFailure(results[0], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  ExpectRecordFailure(results[1], "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(org.org().events().LastReplayId("/event/Collection_Event__e"), 0);

  // An invalid event fails the batch too (records written before it are rolled back).
  const nlohmann::json bad_event = nlohmann::json::array({
      Rec("Account", {{"Name", "Kept?"}}),
      Rec("Collection_Event__e", {{"Nope__c", "x"}}),
  });
  const nlohmann::json second = Results(org.Call("POST", kRoot, Body(bad_event, true)));
  ExpectRecordFailure(second[0], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  ExpectRecordFailure(second[1], "INVALID_FIELD");
  EXPECT_EQ(StoreRows(org.org(), "Account"), 0u);
}

TEST(CollectionsUpdateTest, AnyCaseIdsPartialSuccessAndAllOrNone) {
  RestTestOrg org(CollectionsOnly());
  const std::vector<std::string> ids = CreateAccounts(org, 3);
  ASSERT_EQ(ids.size(), 3u);
  std::string upper = ids[2];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const nlohmann::json records = nlohmann::json::array({
      Rec("Account", {{"id", ids[0]}, {"Name", "Zero"}}),  // jsforce: lowercase id
      Rec("Account", {{"Id", ids[1]}, {"Phone", "123"}}),
      nlohmann::json({{"ID", upper}, {"Name", "Two"}}),  // no type: from the id
      Rec("Account", {{"Name", "No id"}}), Rec("Account", {{"id", "garbage"}, {"Name", "x"}}),
      Rec("Account", {{"id", NthId(org.org(), "Account", 99)}, {"Name", "x"}}),
      Rec("Account", {{"id", ids[1]}, {"Name", nullptr}}),  // Name is required
  });
  const nlohmann::json results = Results(org.Call("PATCH", kRoot, Body(records, false)));
  ASSERT_EQ(results.size(), 7u);
  EXPECT_EQ(results[0], Success(ids[0]));
  EXPECT_EQ(results[1], Success(ids[1]));
  EXPECT_EQ(results[2], Success(ids[2]));
  ExpectRecordFailure(results[3], "MISSING_ARGUMENT");
  EXPECT_EQ(results[3]["errors"][0]["message"], "Id not specified in an update call");
  ExpectRecordFailure(results[4], "MALFORMED_ID", "garbage");
  ExpectRecordFailure(results[5], "NOT_FOUND", NthId(org.org(), "Account", 99));
  ExpectRecordFailure(results[6], "REQUIRED_FIELD_MISSING", ids[1]);
  EXPECT_EQ(FieldText(org.org(), "Account", ids[0], "Name"), "Zero");
  EXPECT_EQ(FieldText(org.org(), "Account", ids[1], "Phone"), "123");
  EXPECT_EQ(FieldText(org.org(), "Account", ids[2], "Name"), "Two");

  const nlohmann::json all_or_none = nlohmann::json::array({
      Rec("Account", {{"id", ids[0]}, {"Name", "Changed"}}),
      Rec("Account", {{"id", ids[1]}, {"Bad__c", 1}}),
  });
  const nlohmann::json rolled = Results(org.Call("PATCH", kRoot, Body(all_or_none, true)));
  ExpectRecordFailure(rolled[0], "ALL_OR_NONE_OPERATION_ROLLED_BACK", ids[0]);  // keeps its id
  ExpectRecordFailure(rolled[1], "INVALID_FIELD", ids[1]);
  EXPECT_EQ(FieldText(org.org(), "Account", ids[0], "Name"), "Zero");
}

TEST(CollectionsDeleteTest, IdsAllOrNoneAndErrors) {
  RestTestOrg org(CollectionsOnly());
  const std::vector<std::string> ids = CreateAccounts(org, 4);
  const nlohmann::json results =
      Results(org.Call("DELETE", kRoot + "?ids=" + ids[0] + "," + ids[1] + "," + ids[0] + ",nope," +
                                     NthId(org.org(), "Contact", 1)));
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0], Success(ids[0]));
  EXPECT_EQ(results[1], Success(ids[1]));
  ExpectRecordFailure(results[2], "ENTITY_IS_DELETED", ids[0]);
  ExpectRecordFailure(results[3], "MALFORMED_ID", "nope");
  ExpectRecordFailure(results[4], "NOT_FOUND", NthId(org.org(), "Contact", 1));
  EXPECT_EQ(LiveRows(org.org(), "Account"), 2u);

  const nlohmann::json rolled =
      Results(org.Call("DELETE", kRoot + "?ids=" + ids[2] + "," + ids[0] + "&allOrNone=true"));
  ExpectRecordFailure(rolled[0], "ALL_OR_NONE_OPERATION_ROLLED_BACK", ids[2]);
  ExpectRecordFailure(rolled[1], "ENTITY_IS_DELETED", ids[0]);
  EXPECT_EQ(LiveRows(org.org(), "Account"), 2u);

  const nlohmann::json ok =
      Results(org.Call("DELETE", kRoot + "?ids=" + ids[2] + ",%20" + ids[3] + "&allOrNone=TRUE"));
  EXPECT_EQ(ok, nlohmann::json::array({Success(ids[2]), Success(ids[3])}));
  EXPECT_EQ(LiveRows(org.org(), "Account"), 0u);
}

TEST(CollectionsRetrieveTest, GetAndPostWithNullsForMissingRecords) {
  RestTestOrg org(CollectionsOnly());
  const std::vector<std::string> ids = CreateAccounts(org, 3);
  ASSERT_EQ(Results(org.Call("DELETE", kRoot + "?ids=" + ids[1]))[0]["success"], true);
  const std::string missing = NthId(org.org(), "Account", 50);
  const std::string contact = NthId(org.org(), "Contact", 1);
  const HttpResult get =
      org.Call("GET", kRoot + "/Account?ids=" + ids[2] + "," + ids[1] + "," + missing + "," +
                          contact + "," + ids[0] + "&fields=Name,Id");
  const nlohmann::json records = Results(get);
  ASSERT_EQ(records.size(), 5u);
  const auto expect_record = [&](const nlohmann::json& record, const std::string& id,
                                 const std::string& name) {
    EXPECT_EQ(record["attributes"]["type"], "Account");
    EXPECT_EQ(record["attributes"]["url"], "/services/data/v62.0/sobjects/Account/" + id);
    EXPECT_EQ(record["Name"], name);
    EXPECT_EQ(record["Id"], id);
    EXPECT_EQ(record.size(), 3u) << record;
  };
  expect_record(records[0], ids[2], "N2");
  EXPECT_TRUE(records[1].is_null());  // deleted
  EXPECT_TRUE(records[2].is_null());  // never created
  EXPECT_TRUE(records[3].is_null());  // another object's Id
  expect_record(records[4], ids[0], "N0");
  EXPECT_EQ(get.body.find("{\"attributes\""), 1u) << get.body;

  const nlohmann::json post_body = {{"ids", {ids[0], ids[2]}}, {"fields", {"Name"}}};
  const nlohmann::json posted = Results(org.Call("POST", kRoot + "/account", post_body.dump()));
  ASSERT_EQ(posted.size(), 2u);
  EXPECT_EQ(posted[0]["Name"], "N0");
  EXPECT_EQ(posted[1]["Name"], "N2");
  EXPECT_FALSE(posted[0].contains("Phone"));

  // Without fields: every field of the object.
  const nlohmann::json all = Results(org.Call("GET", kRoot + "/Account?ids=" + ids[0]));
  for (const char* field : {"Id", "Name", "OwnerId", "CreatedDate", "IsDeleted", "Phone"}) {
    EXPECT_TRUE(all[0].contains(field)) << field;
  }
}

TEST(CollectionsUpsertTest, CreatedAndUpdatedFlagsInOrder) {
  RestTestOrg org(CollectionsOnly());
  const std::string path = kRoot + "/Collection_Account__c/External_Id__c";
  const nlohmann::json first = nlohmann::json::array({
      Rec("Collection_Account__c", {{"Name", "A"}, {"External_Id__c", "X1"}}),
      Rec("Collection_Account__c", {{"Name", "B"}, {"External_Id__c", "X2"}}),
  });
  const nlohmann::json created = Results(org.Call("PATCH", path, Body(first, false)));
  const std::string x1 = NthId(org.org(), "Collection_Account__c", 1);
  const std::string x2 = NthId(org.org(), "Collection_Account__c", 2);
  EXPECT_EQ(created, nlohmann::json::parse(R"([
      {"id":")" + x1 + R"(","success":true,"errors":[],"created":true},
      {"id":")" + x2 + R"(","success":true,"errors":[],"created":true}])"));

  const nlohmann::json second = nlohmann::json::array({
      Rec("Collection_Account__c", {{"Name", "B2"}, {"External_Id__c", "x2"}}),  // case-insensitive
      Rec("Collection_Account__c", {{"Name", "C"}, {"External_Id__c", "X3"}}),
      Rec("Collection_Account__c", {{"Name", "No key"}}),
      Rec("Account", {{"Name", "Wrong type"}, {"External_Id__c", "X4"}}),
  });
  const nlohmann::json mixed = Results(org.Call("PATCH", path, Body(second, false)));
  ASSERT_EQ(mixed.size(), 4u);
  EXPECT_EQ(mixed[0]["id"], x2);
  EXPECT_EQ(mixed[0]["created"], false);
  EXPECT_EQ(mixed[0]["success"], true);
  EXPECT_EQ(mixed[1]["id"], NthId(org.org(), "Collection_Account__c", 3));
  EXPECT_EQ(mixed[1]["created"], true);
  EXPECT_EQ(mixed[2]["success"], false);
  EXPECT_EQ(mixed[2]["created"], false);
  EXPECT_EQ(mixed[2]["errors"][0]["statusCode"], "MISSING_ARGUMENT");
  EXPECT_EQ(mixed[3]["errors"][0]["statusCode"], "INVALID_TYPE");
  EXPECT_EQ(FieldText(org.org(), "Collection_Account__c", x2, "Name"), "B2");

  // allOrNone: the update is undone, the insert's Id is handed out again.
  const nlohmann::json third = nlohmann::json::array({
      Rec("Collection_Account__c", {{"Name", "A-changed"}, {"External_Id__c", "X1"}}),
      Rec("Collection_Account__c", {{"Name", "D"}, {"External_Id__c", "X4"}}),
      Rec("Collection_Account__c", {{"External_Id__c", "X5"}}),  // Name is required
  });
  const nlohmann::json rolled = Results(org.Call("PATCH", path, Body(third, true)));
  ExpectRecordFailure(rolled[0], "ALL_OR_NONE_OPERATION_ROLLED_BACK", x1);
  EXPECT_EQ(rolled[0]["created"], false);
  ExpectRecordFailure(rolled[1], "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  ExpectRecordFailure(rolled[2], "REQUIRED_FIELD_MISSING");
  EXPECT_EQ(FieldText(org.org(), "Collection_Account__c", x1, "Name"), "A");
  EXPECT_EQ(StoreRows(org.org(), "Collection_Account__c"), 3u);
}

TEST(CollectionsUpsertTest, ByIdInsertsAndUpdates) {
  RestTestOrg org(CollectionsOnly());
  const std::vector<std::string> ids = CreateAccounts(org, 1);
  const nlohmann::json records = nlohmann::json::array({
      Rec("Account", {{"Id", ids[0]}, {"Name", "Updated"}}),
      Rec("Account", {{"Name", "Inserted"}}),
      Rec("Account", {{"Id", NthId(org.org(), "Account", 77)}, {"Name", "x"}}),
  });
  const nlohmann::json results =
      Results(org.Call("PATCH", kRoot + "/Account/Id", Body(records, false)));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["created"], false);
  EXPECT_EQ(results[0]["id"], ids[0]);
  EXPECT_EQ(results[1]["created"], true);
  EXPECT_EQ(results[1]["id"], NthId(org.org(), "Account", 2));
  EXPECT_EQ(results[2]["success"], false);
  EXPECT_EQ(results[2]["errors"][0]["statusCode"], "NOT_FOUND");
  EXPECT_EQ(FieldText(org.org(), "Account", ids[0], "Name"), "Updated");
}

}  // namespace
}  // namespace recoup::sim::org::rest
