// Contract tests over HTTP for the sObject resources (sim/org/rest/sobject_routes.h): describe
// shapes, create/retrieve/update/delete round trips by Id, `fields=`, Id forms, and every error
// path of those routes (reference/salesforce-api.md sections 3.1, 3.2, 3.8).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/describe.h"
#include "tests/sim/org/rest/sobjects_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::ExpectSfError;
using testing::HttpResult;
using testing::RestTestOrg;
using testing::SObjectAndQueryRoutes;

const std::string kJson = "application/json;charset=UTF-8";

std::string Path(const std::string& rest) { return RestTestOrg::Path(rest); }

// Creates a Collection_Account__c over HTTP; returns its Id (empty on failure, with a test
// failure).
std::string CreateCollectionAccount(RestTestOrg& org, const std::string& body) {
  const HttpResult r = org.Call("POST", Path("/sobjects/Collection_Account__c"), body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.Json().value("id", "");
}

TEST(SObjectDescribeTest, DescribeGlobalHasTheContractShape) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult r = org.Call("GET", Path("/sobjects"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), kJson);
  EXPECT_TRUE(r.HasHeader("sforce-limit-info"));
  const nlohmann::json j = r.Json();
  EXPECT_EQ(j, DescribeGlobal(org.org().schema(), "62.0"));
  EXPECT_EQ(j["encoding"], "UTF-8");
  EXPECT_EQ(j["maxBatchSize"], 200);
  std::vector<std::string> names;
  for (const nlohmann::json& entry : j["sobjects"]) names.push_back(entry["name"]);
  for (const char* expected : {"Account", "User", "Collection_Account__c", "Collection_Event__e"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  const nlohmann::json& account = j["sobjects"][1];
  for (const char* key :
       {"name", "label", "labelPlural", "keyPrefix", "custom", "customSetting", "createable",
        "updateable", "deletable", "queryable", "retrieveable", "searchable", "triggerable",
        "layoutable", "replicateable", "undeletable", "mergeable", "urls"}) {
    EXPECT_TRUE(account.contains(key)) << key;
  }
  const nlohmann::json ca =
      *std::find_if(j["sobjects"].begin(), j["sobjects"].end(),
                    [](const auto& e) { return e["name"] == "Collection_Account__c"; });
  EXPECT_EQ(ca["urls"]["sobject"], "/services/data/v62.0/sobjects/Collection_Account__c");
  EXPECT_EQ(ca["urls"]["describe"], "/services/data/v62.0/sobjects/Collection_Account__c/describe");
  EXPECT_EQ(ca["keyPrefix"], "a01");
  // The version of the path is the version of the URLs.
  const HttpResult v58 = org.Call("GET", "/services/data/v58.0/sobjects");
  ASSERT_EQ(v58.status, 200);
  EXPECT_EQ(v58.Json()["sobjects"][0]["urls"]["sobject"].get<std::string>().rfind(
                "/services/data/v58.0/sobjects/", 0),
            0u);
}

TEST(SObjectDescribeTest, DescribeObjectAndBasicInfoHaveTheContractShape) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const ObjectDef& ca = *org.org().schema().FindObject("Collection_Account__c");
  const HttpResult d = org.Call("GET", Path("/sobjects/Collection_Account__c/describe"));
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.Header("content-type"), kJson);
  const nlohmann::json j = d.Json();
  EXPECT_EQ(j, DescribeObject(org.org().schema(), ca, "62.0"));
  for (const char* key :
       {"name", "label", "keyPrefix", "custom", "createable", "updateable", "deletable",
        "queryable", "fields", "childRelationships", "recordTypeInfos", "urls"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  const auto ext = std::find_if(j["fields"].begin(), j["fields"].end(),
                                [](const auto& f) { return f["name"] == "External_Id__c"; });
  ASSERT_NE(ext, j["fields"].end());
  EXPECT_EQ((*ext)["externalId"], true);
  EXPECT_EQ((*ext)["type"], "string");
  EXPECT_EQ(j["fields"].size(), ca.fields().size());

  // Object names in the path are case-insensitive.
  const HttpResult lower = org.Call("GET", Path("/sobjects/collection_account__c/describe"));
  ASSERT_EQ(lower.status, 200);
  EXPECT_EQ(lower.Json(), j);

  const HttpResult basic = org.Call("GET", Path("/sobjects/Collection_Account__c"));
  ASSERT_EQ(basic.status, 200) << basic.body;
  EXPECT_EQ(basic.Json(), DescribeObjectBasic(ca, "62.0"));
  EXPECT_EQ(basic.Json()["objectDescribe"]["name"], "Collection_Account__c");
  EXPECT_EQ(basic.Json()["recentItems"], nlohmann::json::array());

  // Platform events are described too.
  const HttpResult event = org.Call("GET", Path("/sobjects/Collection_Event__e/describe"));
  ASSERT_EQ(event.status, 200) << event.body;
  EXPECT_EQ(event.Json()["name"], "Collection_Event__e");
  EXPECT_EQ(event.Json()["createable"], true);
  EXPECT_EQ(event.Json()["queryable"], false);
}

TEST(SObjectCrudTest, CreateRetrieveUpdateDeleteRoundTrip) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult created = org.Call("POST", Path("/sobjects/Collection_Account__c"),
                                      R"({"Name":"Jane Roe","External_Id__c":"EXT-1",)"
                                      R"("Balance__c":1250.5,"Status__c":"Active"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("content-type"), kJson);
  const std::string id = created.Json().value("id", "");
  ASSERT_EQ(id.size(), 18u);
  EXPECT_EQ(id.substr(0, 3), "a01");
  EXPECT_EQ(created.body, R"({"id":")" + id + R"(","success":true,"errors":[]})");
  const std::string url = "/services/data/v62.0/sobjects/Collection_Account__c/" + id;
  EXPECT_EQ(created.Header("location"), url);

  const HttpResult got = org.Call("GET", url);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.Header("content-type"), kJson);
  // "attributes" comes first in the text, as Salesforce writes it.
  EXPECT_EQ(got.body.rfind(R"({"attributes":{"type":"Collection_Account__c","url":")" + url +
                               R"("},"Id":")" + id + "\"",
                           0),
            0u)
      << got.body;
  const nlohmann::json record = got.Json();
  const ObjectDef& ca = *org.org().schema().FindObject("Collection_Account__c");
  EXPECT_EQ(record.size(), ca.fields().size() + 1);  // every field plus attributes
  EXPECT_EQ(record["Name"], "Jane Roe");
  EXPECT_EQ(record["Balance__c"], 1250.5);
  EXPECT_EQ(record["Status__c"], "Active");
  EXPECT_EQ(record["IsDeleted"], false);
  EXPECT_EQ(record["CreatedDate"], "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(record["CreatedById"], "005000000000001AAA");
  EXPECT_EQ(record["Due_Date__c"], nullptr);

  // ?fields= selects and orders the fields (names case-insensitive, duplicates once).
  const HttpResult some = org.Call("GET", url + "?fields=balance__c,Name,%20Balance__c");
  ASSERT_EQ(some.status, 200) << some.body;
  EXPECT_EQ(some.body, R"({"attributes":{"type":"Collection_Account__c","url":")" + url +
                           R"("},"Balance__c":1250.5,"Name":"Jane Roe"})");

  org.clock().Advance(Duration::Seconds(90));
  const HttpResult patched =
      org.Call("PATCH", url, R"({"Balance__c":20,"Status__c":"Promise","Due_Date__c":null})");
  EXPECT_EQ(patched.status, 204) << patched.body;
  EXPECT_EQ(patched.body, "");
  EXPECT_FALSE(patched.HasHeader("content-type"));
  const nlohmann::json after = org.Call("GET", url).Json();
  EXPECT_EQ(after["Balance__c"], 20.0);
  EXPECT_EQ(after["Status__c"], "Promise");
  EXPECT_EQ(after["Name"], "Jane Roe");
  EXPECT_EQ(after["LastModifiedDate"], "2025-03-01T12:01:30.000+0000");
  EXPECT_EQ(after["CreatedDate"], "2025-03-01T12:00:00.000+0000");

  const HttpResult deleted = org.Call("DELETE", url);
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(deleted.body, "");
  ExpectSfError(org.Call("GET", url), 404, "NOT_FOUND", "The requested resource does not exist");
  ExpectSfError(org.Call("DELETE", url), 404, "ENTITY_IS_DELETED", "entity is deleted");
  ExpectSfError(org.Call("PATCH", url, R"({"Balance__c":1})"), 404, "ENTITY_IS_DELETED");
  // The record is in the recycle bin, not gone.
  Org::Session session = org.org().Lock();
  EXPECT_EQ(session.store().row_count(ca), 1u);
  EXPECT_EQ(session.store().live_row_count(ca), 0u);
}

TEST(SObjectCrudTest, IdsAreAcceptedIn15And18CharacterForms) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::string id = CreateCollectionAccount(org, R"({"Name":"A"})");
  ASSERT_EQ(id.size(), 18u);
  std::string lower = id;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& form : {id, id.substr(0, 15), lower}) {
    const HttpResult r =
        org.Call("GET", Path("/sobjects/Collection_Account__c/" + form) + "?fields=Id");
    ASSERT_EQ(r.status, 200) << form << " " << r.body;
    EXPECT_EQ(r.Json()["Id"], id) << form;  // always answered in 18 characters
  }
}

TEST(SObjectCrudTest, XPrettyPrintIndentsRetrieveAndCreate) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult created = org.Call("POST", Path("/sobjects/Collection_Account__c"),
                                      R"({"Name":"A"})", {{"X-PrettyPrint", "1"}});
  ASSERT_EQ(created.status, 201);
  EXPECT_NE(created.body.find("\n    \"id\""), std::string::npos) << created.body;
  const std::string id = created.Json()["id"];
  const HttpResult got =
      org.Call("GET", Path("/sobjects/Collection_Account__c/" + id) + "?fields=Name", "",
               {{"X-PrettyPrint", "1"}});
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body.find("{\n    \"attributes\""), 0u) << got.body;
  EXPECT_EQ(got.Json()["Name"], "A");
}

TEST(SObjectCrudTest, FailedWritesLeaveNoTrace) {
  RestTestOrg org(SObjectAndQueryRoutes());
  ExpectSfError(org.Call("POST", Path("/sobjects/Collection_Account__c"), R"({"Balance__c":5})"),
                400, "REQUIRED_FIELD_MISSING");
  // The failed create handed out no Id: the next one gets serial 1.
  const std::string id = CreateCollectionAccount(org, R"({"Name":"A","Balance__c":5})");
  EXPECT_EQ(id.substr(0, 15), "a01000000000001");
  ExpectSfError(org.Call("PATCH", Path("/sobjects/Collection_Account__c/" + id),
                         R"({"Balance__c":7,"Status__c":"Nope"})"),
                400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
  ExpectSfError(org.Call("PATCH", Path("/sobjects/Collection_Account__c/" + id),
                         R"({"Balance__c":7,"Name":null})"),
                400, "REQUIRED_FIELD_MISSING");
  const nlohmann::json record =
      org.Call("GET", Path("/sobjects/Collection_Account__c/" + id)).Json();
  EXPECT_EQ(record["Balance__c"], 5.0);
  EXPECT_EQ(record["Name"], "A");
}

TEST(SObjectCrudTest, DuplicateExternalIdIsRefused) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::string first = CreateCollectionAccount(org, R"({"Name":"A","External_Id__c":"X1"})");
  const HttpResult second = org.Call("POST", Path("/sobjects/Collection_Account__c"),
                                     R"({"Name":"B","External_Id__c":"x1"})");
  ExpectSfError(
      second, 400, "DUPLICATE_VALUE",
      "duplicate value found: External_Id__c duplicates value on record with id: " + first);
  const std::string other = CreateCollectionAccount(org, R"({"Name":"B","External_Id__c":"X2"})");
  ExpectSfError(org.Call("PATCH", Path("/sobjects/Collection_Account__c/" + other),
                         R"({"External_Id__c":"X1"})"),
                400, "DUPLICATE_VALUE");
}

TEST(SObjectCrudTest, LookupsAcceptIdsAndExternalIdReferences) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const HttpResult account = org.Call("POST", Path("/sobjects/Account"), R"({"Name":"Parent Co"})");
  ASSERT_EQ(account.status, 201) << account.body;
  const std::string account_id = account.Json()["id"];
  const std::string ca = CreateCollectionAccount(
      org, R"({"Name":"Child","External_Id__c":"C-1","Account__c":")" + account_id + "\"}");
  const HttpResult attempt =
      org.Call("POST", Path("/sobjects/Contact_Attempt__c"),
               R"({"Collection_Account__r":{"External_Id__c":"C-1"},"Channel__c":"Call",)"
               R"("Attempted_At__c":"2025-03-01T10:00:00.000+0000"})");
  ASSERT_EQ(attempt.status, 201) << attempt.body;
  const nlohmann::json got = org.Call("GET", Path("/sobjects/Contact_Attempt__c/" +
                                                  attempt.Json()["id"].get<std::string>() +
                                                  "?fields=Collection_Account__c,Name"))
                                 .Json();
  EXPECT_EQ(got["Collection_Account__c"], ca);
  EXPECT_EQ(got["Name"], "CA-0000001");
  ExpectSfError(
      org.Call("POST", Path("/sobjects/Collection_Account__c"),
               R"({"Name":"X","Account__c":")" + SfId::Generate("001", 77).ToLong() + "\"}"),
      400, "INVALID_CROSS_REFERENCE_KEY");
}

struct ErrorCase {
  std::string name;
  std::string method;
  std::string target;  // after /services/data/v62.0
  std::string body;
  int status;
  std::string code;
  std::string message;  // exact; "" = not compared
};

TEST(SObjectErrorTest, EveryErrorPathAnswersTheContractError) {
  RestTestOrg org(SObjectAndQueryRoutes());
  const std::string id = CreateCollectionAccount(org, R"({"Name":"A","External_Id__c":"E1"})");
  const std::string ca = "/sobjects/Collection_Account__c/";
  const std::string unknown_id = SfId::Generate("a01", 999).ToLong();
  const std::string account_id = SfId::Generate("001", 1).ToLong();
  const std::string ext_msg = "Provided external ID field does not exist or is not accessible: ";
  const std::string not_found = "The requested resource does not exist";
  const std::vector<ErrorCase> cases = {
      {"unknown object describe", "GET", "/sobjects/Nope__c/describe", "", 404, "NOT_FOUND",
       not_found},
      {"unknown object basic", "GET", "/sobjects/Nope__c", "", 404, "NOT_FOUND", not_found},
      {"unknown object create", "POST", "/sobjects/Nope__c", R"({"Name":"x"})", 404, "NOT_FOUND",
       not_found},
      {"unknown object retrieve", "GET", "/sobjects/Nope__c/" + id, "", 404, "NOT_FOUND",
       not_found},
      {"unknown object update", "PATCH", "/sobjects/Nope__c/" + id, "{}", 404, "NOT_FOUND",
       not_found},
      {"unknown object delete", "DELETE", "/sobjects/Nope__c/" + id, "", 404, "NOT_FOUND",
       not_found},
      {"unknown object upsert", "PATCH", "/sobjects/Nope__c/External_Id__c/E1", "{}", 404,
       "NOT_FOUND", not_found},
      {"event retrieve", "GET", "/sobjects/Collection_Event__e/" + id, "", 404, "NOT_FOUND",
       not_found},
      {"event delete", "DELETE", "/sobjects/Collection_Event__e/" + id, "", 404, "NOT_FOUND",
       not_found},
      {"malformed id", "GET", ca + "garbage", "", 404, "NOT_FOUND", ext_msg + "garbage"},
      {"malformed id update", "PATCH", ca + "garbage", "{}", 404, "NOT_FOUND", ext_msg + "garbage"},
      {"malformed id delete", "DELETE", ca + "001bad", "", 404, "NOT_FOUND", ext_msg + "001bad"},
      {"bad checksum", "GET", ca + id.substr(0, 15) + "999", "", 404, "NOT_FOUND",
       ext_msg + id.substr(0, 15) + "999"},
      {"id of another object", "GET", ca + account_id, "", 404, "NOT_FOUND", ext_msg + account_id},
      {"external-id field without value", "GET", ca + "External_Id__c", "", 404, "NOT_FOUND",
       not_found},
      {"unknown id", "GET", ca + unknown_id, "", 404, "NOT_FOUND", not_found},
      {"unknown id update", "PATCH", ca + unknown_id, R"({"Name":"x"})", 404, "NOT_FOUND",
       not_found},
      {"unknown id delete", "DELETE", ca + unknown_id, "", 404, "NOT_FOUND", not_found},
      {"required field", "POST", "/sobjects/Collection_Account__c", R"({"Balance__c":1})", 400,
       "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]"},
      {"unknown field create", "POST", "/sobjects/Collection_Account__c",
       R"({"Name":"x","Foo__c":1})", 400, "INVALID_FIELD",
       "No such column 'Foo__c' on sobject of type Collection_Account__c"},
      {"unknown field update", "PATCH", ca + id, R"({"Foo__c":1})", 400, "INVALID_FIELD",
       "No such column 'Foo__c' on sobject of type Collection_Account__c"},
      {"unknown field in fields=", "GET", ca + id + "?fields=Name,Nope__c", "", 400,
       "INVALID_FIELD",
       "No such column 'Nope__c' on entity 'Collection_Account__c'. If you are attempting to use "
       "a custom field, be sure to append the '__c' after the custom field name. Please reference "
       "your WSDL or the describe call for the appropriate names."},
      {"malformed JSON create", "POST", "/sobjects/Collection_Account__c", R"({"Name":)", 400,
       "JSON_PARSER_ERROR", ""},
      {"malformed JSON update", "PATCH", ca + id, "{nope", 400, "JSON_PARSER_ERROR", ""},
      {"empty body", "POST", "/sobjects/Collection_Account__c", "", 400, "JSON_PARSER_ERROR",
       "No content to map due to end-of-input"},
      {"array body", "POST", "/sobjects/Collection_Account__c", "[1]", 400, "JSON_PARSER_ERROR",
       "Expected a JSON object for the record"},
      {"wrong value type", "POST", "/sobjects/Collection_Account__c",
       R"({"Name":"x","Balance__c":"lots"})", 400, "INVALID_TYPE_ON_FIELD_IN_RECORD",
       "Balance: value not of required type: lots"},
      {"read-only field", "POST", "/sobjects/Collection_Account__c",
       R"({"Name":"x","CreatedDate":"2025-01-01T00:00:00Z"})", 400,
       "INVALID_FIELD_FOR_INSERT_UPDATE", ""},
      {"Id in an update body", "PATCH", ca + id, R"({"Id":")" + id + "\"}", 400,
       "INVALID_FIELD_FOR_INSERT_UPDATE", ""},
      {"string too long", "POST", "/sobjects/Collection_Account__c",
       R"({"Name":")" + std::string(81, 'n') + "\"}", 400, "STRING_TOO_LONG", ""},
      {"PUT on a record", "PUT", ca + id, "{}", 405, "METHOD_NOT_ALLOWED",
       "HTTP Method 'PUT' not allowed. Allowed are GET,POST,PATCH,DELETE"},
      {"POST on a record", "POST", ca + id, "{}", 405, "METHOD_NOT_ALLOWED",
       "HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE"},
      {"DELETE on an object", "DELETE", "/sobjects/Collection_Account__c", "", 405,
       "METHOD_NOT_ALLOWED", "HTTP Method 'DELETE' not allowed. Allowed are GET,POST"},
      {"POST on describe global", "POST", "/sobjects", "{}", 405, "METHOD_NOT_ALLOWED",
       "HTTP Method 'POST' not allowed. Allowed are GET"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const HttpResult r = org.Call(c.method, Path(c.target), c.body);
    ExpectSfError(r, c.status, c.code, c.message);
    if (c.status == 405) {
      EXPECT_FALSE(r.Header("allow").empty());
    }
  }
  // None of the failures changed the record.
  const nlohmann::json record = org.Call("GET", Path(ca + id)).Json();
  EXPECT_EQ(record["Name"], "A");
  EXPECT_EQ(record["LastModifiedDate"], record["CreatedDate"]);
}

TEST(SObjectErrorTest, RoutesNeedASessionAndCountApiUsage) {
  RestTestOrg org(SObjectAndQueryRoutes());
  testing::TestClient client(org.port());
  const HttpResult anonymous = client.Request("GET", Path("/sobjects"));
  ExpectSfError(anonymous, 401, "INVALID_SESSION_ID", "Session expired or invalid");
  const HttpResult first = org.Call("GET", Path("/sobjects/Account/describe"));
  const HttpResult second = org.Call("GET", Path("/sobjects/Account/describe"));
  ASSERT_EQ(first.status, 200);
  const std::string a = first.Header("sforce-limit-info");
  const std::string b = second.Header("sforce-limit-info");
  ASSERT_EQ(a.rfind("api-usage=", 0), 0u) << a;
  EXPECT_EQ(std::stoi(b.substr(10)), std::stoi(a.substr(10)) + 1) << a << " / " << b;
}

}  // namespace
}  // namespace recoup::sim::org::rest
