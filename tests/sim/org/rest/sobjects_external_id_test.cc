// Contract tests over HTTP for the external-Id resources (upsert 201/200/300/404, retrieve and
// delete by external Id, create with Id as the external Id, the pre-v46 upsert shapes) and for
// platform-event publishing through POST /sobjects/{Event__e} (reference/salesforce-api.md sections
// 3.2 and 5.1).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/events/event_bus.h"
#include "tests/sim/org/rest/sobjects_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::ExpectSfError;
using testing::HttpResult;
using testing::RestTestOrg;
using testing::SObjectAndQueryRoutes;

std::string Path(const std::string& rest) { return RestTestOrg::Path(rest); }
const std::string kCa = "/sobjects/Collection_Account__c/";

// "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx" with lower-case hex digits.
bool IsUuidV4(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

// Collection_Account__c gets Legacy_Key__c: an external Id that is not unique, so that a key can
// match several records.
void AddNonUniqueExternalId(OrgConfig& config) {
  FieldDef legacy = MakeTextField("Legacy_Key__c", "Legacy Key", 40);
  legacy.external_id = true;
  legacy.id_lookup = true;
  ASSERT_TRUE(config.schema.AddField("Collection_Account__c", legacy).ok());
}

TEST(SObjectUpsertTest, UpsertCreatesThenUpdates) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult created =
      org.Call("PATCH", Path(kCa + "External_Id__c/EXT-9"), R"({"Name":"Ann","Balance__c":10})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("content-type"), "application/json;charset=UTF-8");
  const std::string id = created.Json().value("id", "");
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(created.body, R"({"id":")" + id + R"(","success":true,"errors":[],"created":true})");
  EXPECT_EQ(created.Header("location"),
            "/services/data/v62.0/sobjects/Collection_Account__c/" + id);

  const HttpResult updated =
      org.Call("PATCH", Path(kCa + "External_Id__c/ext-9"), R"({"Balance__c":99})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.body, R"({"id":")" + id + R"(","success":true,"errors":[],"created":false})");
  EXPECT_FALSE(updated.HasHeader("location"));

  const HttpResult got =
      org.Call("GET", Path(kCa + "External_Id__c/EXT-9?fields=Name,Balance__c,External_Id__c"));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(
      got.body,
      R"({"attributes":{"type":"Collection_Account__c","url":"/services/data/v62.0/sobjects/Collection_Account__c/)" +
          id + R"("},"Name":"Ann","Balance__c":99.0,"External_Id__c":"EXT-9"})");
  // Without fields=, every field.
  const nlohmann::json all = org.Call("GET", Path(kCa + "External_Id__c/EXT-9")).Json();
  EXPECT_EQ(all["Id"], id);
  EXPECT_EQ(all.size(),
            org.org().schema().FindObject("Collection_Account__c")->fields().size() + 1);
}

TEST(SObjectUpsertTest, UpsertErrors) {
  RestTestOrg org(SObjectAndQueryRoutes());
  ASSERT_EQ(org.Call("PATCH", Path(kCa + "External_Id__c/K1"), R"({"Name":"A"})").status, 201);
  // The key in the body must match the URL.
  ExpectSfError(org.Call("PATCH", Path(kCa + "External_Id__c/K1"), R"({"External_Id__c":"K2"})"),
                400, "INVALID_FIELD",
                "The external ID field value in the body does not match the URL");
  // A field that is not an external Id.
  ExpectSfError(org.Call("PATCH", Path(kCa + "Name/A"), R"({"Balance__c":1})"), 404, "NOT_FOUND",
                "Provided external ID field does not exist or is not accessible: Name");
  ExpectSfError(org.Call("GET", Path(kCa + "Nope__c/A")), 404, "NOT_FOUND",
                "Provided external ID field does not exist or is not accessible: Nope__c");
  // updateOnly refuses to insert, but updates.
  ExpectSfError(
      org.Call("PATCH", Path(kCa + "External_Id__c/K9?updateOnly=true"), R"({"Name":"B"})"), 404,
      "NOT_FOUND");
  const HttpResult only =
      org.Call("PATCH", Path(kCa + "External_Id__c/K1?updateOnly=true"), R"({"Name":"B"})");
  EXPECT_EQ(only.status, 200) << only.body;
  // Inserting needs the required fields; the body must parse.
  ExpectSfError(org.Call("PATCH", Path(kCa + "External_Id__c/K5"), R"({"Balance__c":1})"), 400,
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]");
  ExpectSfError(org.Call("PATCH", Path(kCa + "External_Id__c/K5"), "{"), 400, "JSON_PARSER_ERROR");
  ExpectSfError(org.Call("PATCH", Path(kCa + "External_Id__c/K5"), R"({"Name":"x","Bad__c":1})"),
                400, "INVALID_FIELD");
  // A key longer than the field.
  ExpectSfError(
      org.Call("PATCH", Path(kCa + "External_Id__c/" + std::string(81, 'k')), R"({"Name":"x"})"),
      400, "STRING_TOO_LONG");
  // Nothing was created by the failures.
  Org::Session session = org.org().Lock();
  EXPECT_EQ(session.store().row_count(*session.schema().FindObject("Collection_Account__c")), 1u);
}

TEST(SObjectUpsertTest, KeysAreDecodedAndMayHoldSlashes) {
  RestTestOrg org(SObjectAndQueryRoutes());
  ASSERT_EQ(org.Call("PATCH", Path(kCa + "External_Id__c/A%20B"), R"({"Name":"x"})").status, 201);
  ASSERT_EQ(org.Call("PATCH", Path(kCa + "External_Id__c/C/D"), R"({"Name":"y"})").status, 201);
  EXPECT_EQ(org.Call("GET", Path(kCa + "External_Id__c/A%20B?fields=Name")).Json()["Name"], "x");
  const nlohmann::json slash =
      org.Call("GET", Path(kCa + "External_Id__c/C/D?fields=External_Id__c")).Json();
  EXPECT_EQ(slash["External_Id__c"], "C/D");
}

TEST(SObjectUpsertTest, SeveralMatchesAnswer300WithTheirUrls) {
  RestTestOrg org(SObjectAndQueryRoutes(), {}, AddNonUniqueExternalId);
  std::vector<std::string> ids;
  for (const char* name : {"A", "B"}) {
    const HttpResult r =
        org.Call("POST", Path("/sobjects/Collection_Account__c"),
                 std::string(R"({"Name":")") + name + R"(","Legacy_Key__c":"L1"})");
    ASSERT_EQ(r.status, 201) << r.body;
    ids.push_back(r.Json()["id"]);
  }
  const nlohmann::json urls = {"/services/data/v62.0/sobjects/Collection_Account__c/" + ids[0],
                               "/services/data/v62.0/sobjects/Collection_Account__c/" + ids[1]};
  for (const char* method : {"PATCH", "GET", "DELETE"}) {
    SCOPED_TRACE(method);
    const HttpResult r = org.Call(method, Path(kCa + "Legacy_Key__c/L1"),
                                  std::string(method) == "PATCH" ? R"({"Balance__c":1})" : "");
    EXPECT_EQ(r.status, 300) << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
    EXPECT_EQ(r.Json(), urls);
  }
  // Nothing changed; a unique match works as usual.
  for (const std::string& id : ids) {
    const nlohmann::json rec = org.Call("GET", Path(kCa + id + "?fields=Balance__c")).Json();
    EXPECT_EQ(rec["Balance__c"], nullptr);
  }
  ASSERT_EQ(org.Call("DELETE", Path(kCa + ids[0])).status, 204);
  // The deleted record no longer matches: the key is unique among live records now.
  const HttpResult one = org.Call("PATCH", Path(kCa + "Legacy_Key__c/L1"), R"({"Balance__c":3})");
  EXPECT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json()["id"], ids[1]);
}

TEST(SObjectUpsertTest, RetrieveAndDeleteByExternalId) {
  RestTestOrg org(SObjectAndQueryRoutes());
  ASSERT_EQ(org.Call("PATCH", Path(kCa + "External_Id__c/D1"), R"({"Name":"x"})").status, 201);
  ExpectSfError(org.Call("GET", Path(kCa + "External_Id__c/none")), 404, "NOT_FOUND",
                "The requested resource does not exist");
  ExpectSfError(org.Call("DELETE", Path(kCa + "External_Id__c/none")), 404, "NOT_FOUND");
  const HttpResult deleted = org.Call("DELETE", Path(kCa + "External_Id__c/D1"));
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  ExpectSfError(org.Call("GET", Path(kCa + "External_Id__c/D1")), 404, "NOT_FOUND");
  ExpectSfError(org.Call("DELETE", Path(kCa + "External_Id__c/D1")), 404, "NOT_FOUND");
  // A deleted record's key is free again: upsert creates a new record.
  const HttpResult again = org.Call("PATCH", Path(kCa + "External_Id__c/D1"), R"({"Name":"y"})");
  EXPECT_EQ(again.status, 201) << again.body;
}

TEST(SObjectUpsertTest, IdAsTheExternalIdField) {
  RestTestOrg org(SObjectAndQueryRoutes());
  // PATCH .../Id/ with no value and POST .../Id create.
  const HttpResult patched = org.Call("PATCH", Path(kCa + "Id/"), R"({"Name":"P"})");
  ASSERT_EQ(patched.status, 201) << patched.body;
  const std::string id = patched.Json()["id"];
  EXPECT_EQ(patched.body, R"({"id":")" + id + R"(","success":true,"errors":[],"created":true})");
  EXPECT_EQ(patched.Header("location"),
            "/services/data/v62.0/sobjects/Collection_Account__c/" + id);
  const HttpResult posted = org.Call("POST", Path(kCa + "Id"), R"({"Name":"Q"})");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.Json()["created"], true);
  EXPECT_NE(posted.Json()["id"], id);
  // PATCH .../Id/{id} updates that record; an Id with no record is NOT_FOUND; a malformed one 400.
  const HttpResult updated = org.Call("PATCH", Path(kCa + "Id/" + id), R"({"Name":"P2"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["created"], false);
  EXPECT_EQ(org.Call("GET", Path(kCa + "Id/" + id + "?fields=Name")).Json()["Name"], "P2");
  ExpectSfError(
      org.Call("PATCH", Path(kCa + "Id/" + SfId::Generate("a01", 50).ToLong()), R"({"Name":"Z"})"),
      404, "NOT_FOUND");
  ExpectSfError(org.Call("PATCH", Path(kCa + "Id/xyz"), R"({"Name":"Z"})"), 400, "MALFORMED_ID");
  ExpectSfError(org.Call("POST", Path(kCa + "Id"), R"({"Balance__c":1})"), 400,
                "REQUIRED_FIELD_MISSING");
}

TEST(SObjectUpsertTest, VersionsBefore46AnswerTheOldShapes) {
  RestTestOrg org(SObjectAndQueryRoutes(),
                  [](http::OrgServerOptions& o) { o.versions.min_major = 40; });
  const std::string path = "/services/data/v45.0/sobjects/Collection_Account__c/External_Id__c/O1";
  const HttpResult created = org.Call("PATCH", path, R"({"Name":"Old"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Json()["id"];
  EXPECT_EQ(created.body, R"({"id":")" + id + R"(","success":true,"errors":[]})");
  const HttpResult updated = org.Call("PATCH", path, R"({"Name":"Older"})");
  EXPECT_EQ(updated.status, 204) << updated.body;
  EXPECT_EQ(updated.body, "");
  // v46 is the first version with "created".
  const HttpResult v46 = org.Call(
      "PATCH", "/services/data/v46.0/sobjects/Collection_Account__c/External_Id__c/O1", "{}");
  EXPECT_EQ(v46.status, 200) << v46.body;
  EXPECT_EQ(v46.Json()["created"], false);
}

TEST(SObjectEventTest, PublishingAnEventAnswersOperationEnqueued) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult r = org.Call("POST", Path("/sobjects/Collection_Event__e"),
                                R"({"Message__c":"hello","Type__c":"note"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  const nlohmann::json j = r.Json();
  ASSERT_EQ(j.size(), 3u) << r.body;
  const std::string id = j["id"];
  EXPECT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 3), "e00");
  EXPECT_EQ(j["success"], true);
  ASSERT_EQ(j["errors"].size(), 1u);
  const nlohmann::json& enqueued = j["errors"][0];
  EXPECT_EQ(enqueued["statusCode"], "OPERATION_ENQUEUED");
  EXPECT_EQ(enqueued["fields"], nlohmann::json::array());
  const std::string uuid = enqueued["message"];
  EXPECT_TRUE(IsUuidV4(uuid)) << uuid;

  // The event is on the bus, published by the caller at the request's time.
  const std::vector<events::RetainedEvent> read =
      org.org().events().Read("/event/Collection_Event__e", 0, 10, org.clock().Now());
  ASSERT_EQ(read.size(), 1u);
  const nlohmann::json message = nlohmann::json::parse(*read[0].message);
  EXPECT_EQ(message["data"]["payload"]["Message__c"], "hello");
  EXPECT_EQ(message["data"]["payload"]["CreatedById"], "005000000000001AAA");
  EXPECT_EQ(message["data"]["event"]["EventUuid"], uuid);
  EXPECT_EQ(message["data"]["event"]["replayId"], 1);

  // A second publish gets the next replay id and a different uuid; names are case-insensitive.
  const HttpResult second =
      org.Call("POST", Path("/sobjects/collection_event__e"), R"({"message__c":"again"})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_NE(second.Json()["errors"][0]["message"], uuid);
  EXPECT_EQ(org.org().events().LastReplayId("/event/Collection_Event__e"), 2);
}

TEST(SObjectEventTest, PublishErrorsPublishNothing) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::string path = Path("/sobjects/Collection_Event__e");
  ExpectSfError(org.Call("POST", path, R"({"Nope__c":"x"})"), 400, "INVALID_FIELD",
                "No such column 'Nope__c' on sobject of type Collection_Event__e");
  ExpectSfError(org.Call("POST", path, R"({"Message__c":)"), 400, "JSON_PARSER_ERROR");
  ExpectSfError(org.Call("POST", path, "[1]"), 400, "JSON_PARSER_ERROR");
  ExpectSfError(org.Call("POST", path, R"({"Message__c":{"a":1}})"), 400,
                "INVALID_TYPE_ON_FIELD_IN_RECORD");
  ExpectSfError(org.Call("POST", path, R"({"ReplayId":5})"), 400,
                "INVALID_FIELD_FOR_INSERT_UPDATE");
  EXPECT_EQ(org.org().events().LastReplayId("/event/Collection_Event__e"), 0);
}

}  // namespace
}  // namespace recoup::sim::org::rest
