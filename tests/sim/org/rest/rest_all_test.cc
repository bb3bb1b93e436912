// End to end over HTTP with every route group registered through OrgRestApi (org_routes.h): one
// flow across the groups (create, retrieve, query, composite, collections, an event published over
// REST and received over CometD, a Bulk 2.0 ingest job), /limits with the store's size, and the
// assembly's own errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/http/url_codec.h"
#include "sim/org/rest/org_routes.h"
#include "tests/sim/org/http/test_org.h"
#include "tests/sim/org/rest/full_test_org.h"

namespace recoup::sim::org::rest::testing {
namespace {

std::string QueryPath(const std::string& soql) {
  return FullTestOrg::Path("/query?q=" + http::PercentEncode(soql));
}

TEST(OrgRestApiTest, OneFlowAcrossEveryRouteGroup) {
  FullTestOrg org;

  // sObjects: create and retrieve.
  HttpResult r = org.Call("POST", FullTestOrg::Path("/sobjects/Collection_Account__c"),
                          R"({"Name": "A-1", "External_Id__c": "A-1", "Balance__c": 100})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string account_id = r.Json()["id"];
  EXPECT_EQ(account_id, "a01000000000001AAA");
  r = org.Call("GET", FullTestOrg::Path("/sobjects/Collection_Account__c/" + account_id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["Balance__c"], 100.0);

  // Query.
  r = org.Call("GET", QueryPath("SELECT Id, Name FROM Collection_Account__c WHERE "
                                "External_Id__c = 'A-1'"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["totalSize"], 1);
  EXPECT_EQ(r.Json()["records"][0]["Id"], account_id);

  // Composite, all or none: a contact attempt on the account found by reference, and an update.
  const nlohmann::json composite = {
      {"allOrNone", true},
      {"compositeRequest",
       {{{"method", "GET"},
         {"url", "/services/data/v62.0/sobjects/Collection_Account__c/External_Id__c/A-1"},
         {"referenceId", "acct"}},
        {{"method", "POST"},
         {"url", "/services/data/v62.0/sobjects/Contact_Attempt__c"},
         {"referenceId", "attempt"},
         {"body",
          {{"Collection_Account__c", "@{acct.Id}"},
           {"Channel__c", "Call"},
           {"Attempted_At__c", "2025-03-01T11:00:00Z"}}}},
        {{"method", "PATCH"},
         {"url", "/services/data/v62.0/sobjects/Collection_Account__c/@{acct.Id}"},
         {"referenceId", "touch"},
         {"body", {{"Last_Contact_At__c", "2025-03-01T11:00:00Z"}}}}}}};
  r = org.Call("POST", FullTestOrg::Path("/composite"), composite.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json results = r.Json()["compositeResponse"];
  ASSERT_EQ(results.size(), 3u) << r.body;
  EXPECT_EQ(results[0]["httpStatusCode"], 200) << r.body;
  EXPECT_EQ(results[1]["httpStatusCode"], 201) << r.body;
  EXPECT_EQ(results[2]["httpStatusCode"], 204) << r.body;

  // sObject Collections: two more accounts in one call.
  r = org.Call("POST", FullTestOrg::Path("/composite/sobjects"),
               R"({"allOrNone": true, "records": [
                   {"attributes": {"type": "Collection_Account__c"}, "Name": "A-2"},
                   {"attributes": {"type": "Collection_Account__c"}, "Name": "A-3"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.Json().size(), 2u);
  EXPECT_EQ(r.Json()[1]["success"], true) << r.body;

  // The child subquery sees the composite's attempt; the update landed.
  r = org.Call("GET", QueryPath("SELECT Name, Last_Contact_At__c, (SELECT Channel__c FROM "
                                "Contact_Attempts__r) FROM Collection_Account__c ORDER BY Name"));
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json page = r.Json();
  ASSERT_EQ(page["totalSize"], 3) << r.body;
  EXPECT_EQ(page["records"][0]["Last_Contact_At__c"], "2025-03-01T11:00:00.000+0000");
  EXPECT_EQ(page["records"][0]["Contact_Attempts__r"]["records"][0]["Channel__c"], "Call");

  // CometD: handshake, first connect, subscribe; an event published over REST arrives.
  nlohmann::json reply =
      org.Bayeux(nlohmann::json::array({{{"channel", "/meta/handshake"},
                                         {"version", "1.0"},
                                         {"supportedConnectionTypes", {"long-polling"}},
                                         {"id", "1"}}}));
  ASSERT_EQ(reply.size(), 1u);
  ASSERT_EQ(reply[0].value("successful", false), true) << reply.dump();
  const std::string client_id = reply[0]["clientId"];
  const nlohmann::json connect = {{"channel", "/meta/connect"},
                                  {"clientId", client_id},
                                  {"connectionType", "long-polling"},
                                  {"advice", {{"timeout", 0}}},
                                  {"id", "2"}};
  org.Bayeux(nlohmann::json::array({connect}));
  reply = org.Bayeux(nlohmann::json::array({{{"channel", "/meta/subscribe"},
                                             {"clientId", client_id},
                                             {"subscription", "/event/Collection_Event__e"},
                                             {"id", "3"}}}));
  ASSERT_EQ(reply[0].value("successful", false), true) << reply.dump();
  r = org.Call("POST", FullTestOrg::Path("/sobjects/Collection_Event__e"),
               R"({"Message__c": "paid", "Account_Id__c": ")" + account_id + R"("})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json()["errors"][0]["statusCode"], "OPERATION_ENQUEUED");
  reply = org.Bayeux(nlohmann::json::array({connect}));
  const nlohmann::json* event = nullptr;
  for (const nlohmann::json& m : reply) {
    if (m.value("channel", "") == "/event/Collection_Event__e") event = &m;
  }
  ASSERT_NE(event, nullptr) << reply.dump();
  EXPECT_EQ((*event)["data"]["payload"]["Message__c"], "paid");
  EXPECT_EQ((*event)["data"]["payload"]["Account_Id__c"], account_id);
  EXPECT_EQ((*event)["data"]["event"]["replayId"], 1);

  // Bulk 2.0: an ingest job of two accounts, processed on the server's workers.
  r = org.Call("POST", FullTestOrg::Path("/jobs/ingest"),
               R"({"object": "Collection_Account__c", "operation": "insert",
                   "contentType": "CSV", "lineEnding": "LF"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string job = r.Json()["id"];
  TestClient upload(org.port());
  r = upload.Request("PUT", FullTestOrg::Path("/jobs/ingest/" + job + "/batches"),
                     "Name,External_Id__c\nB-1,B-1\nB-2,B-2\n",
                     {{"Content-Type", "text/csv"}, {"Authorization", org.rest().auth()}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = org.Call("PATCH", FullTestOrg::Path("/jobs/ingest/" + job), R"({"state": "UploadComplete"})");
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json info;
  ASSERT_TRUE(WaitUntil([&] {
    info = org.Call("GET", FullTestOrg::Path("/jobs/ingest/" + job)).Json();
    return info.value("state", "") == "JobComplete";
  })) << info.dump();
  EXPECT_EQ(info["numberRecordsProcessed"], 2);
  EXPECT_EQ(info["numberRecordsFailed"], 0);
  r = org.Call("GET", QueryPath("SELECT COUNT() FROM Collection_Account__c"));
  EXPECT_EQ(r.Json()["totalSize"], 5) << r.body;
  r = org.Call("GET", QueryPath("SELECT Name FROM Collection_Account__c WHERE External_Id__c = "
                                "'B-2'"));
  EXPECT_EQ(r.Json()["records"][0]["Name"], "B-2") << r.body;
}

TEST(OrgRestApiTest, LimitsReportTheRecordStoreSize) {
  FullTestOrg org;
  // About 40,000 records: the store's columns pass a few MB.
  {
    Org::Session session = org.org().Lock();
    const ObjectDef& account = *session.schema().FindObject("Collection_Account__c");
    const FieldDef* name = account.FindField("Name");
    const FieldDef* notes = account.FindField("Segment__c");
    for (int i = 0; i < 40'000; ++i) {
      RecordInput input = {FieldInput{name, FieldValue::String("A-" + std::to_string(i)), nullptr},
                           FieldInput{notes, FieldValue::String(std::string(60, 'x')), nullptr}};
      ASSERT_TRUE(session.store()
                      .Create(account, input, Timestamp::FromCivilUtc(2025, 3, 1), OrgUserId(0))
                      .ok());
    }
  }
  const int64_t used = org.org().StorageUsage().data_storage_mb;
  ASSERT_GT(used, 0);
  HttpResult r = org.Call("GET", FullTestOrg::Path("/limits"));
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json storage = r.Json()["DataStorageMB"];
  EXPECT_EQ(storage["Max"], 1024);
  EXPECT_EQ(storage["Remaining"], 1024 - used) << r.body;
  EXPECT_TRUE(r.Json().contains("DailyApiRequests"));
}

// Creates an Org and OrgRestApi::Create(org, server, config) on a TestOrg (whose server serves
// /limits itself) before it starts; returns Create's status.
Status CreateOnTestOrg(const OrgRestConfig& config) {
  std::unique_ptr<Org> org;  // declared first: outlives the server
  Status status;
  http::testing::TestOrg server({}, [&](http::OrgServer& s) {
    OrgConfig org_config;  // named: GCC 12 warns falsely about a temporary's members
    StatusOr<std::unique_ptr<Org>> created = Org::Create(std::move(org_config), &s.api_limits());
    ASSERT_TRUE(created.ok()) << created.status();
    org = std::move(created).value();
    status = OrgRestApi::Create(*org, s, config).status();
  });
  return status;
}

TEST(OrgRestApiTest, ServingLimitsTwiceIsRefused) {
  OrgRestConfig config;
  config.serve_limits = true;
  const Status status = CreateOnTestOrg(config);
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status;
}

TEST(OrgRestApiTest, BadServiceConfigsAreRefusedNamingTheField) {
  OrgRestConfig faults;
  faults.injection = FaultInjectionConfig{};
  faults.injection->faults = events::FaultConfig{};
  faults.injection->faults->default_rates.timeout = 2;
  Status status = CreateOnTestOrg(faults);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("faults.default.timeout"), std::string::npos) << status;

  OrgRestConfig bulk;
  bulk.bulk.rows_per_step = 0;
  status = CreateOnTestOrg(bulk);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("rows_per_step"), std::string::npos) << status;
}

}  // namespace
}  // namespace recoup::sim::org::rest::testing
