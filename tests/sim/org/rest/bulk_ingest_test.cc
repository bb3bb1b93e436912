// Contract tests of Bulk API 2.0 ingest jobs over HTTP (reference/salesforce-api.md sections 4.1
// and 10 item 4): job JSON shapes, insert / update / upsert / delete jobs with good and bad rows
// (exact result files), relationship columns, platform events, chunked uploads, every delimiter and
// line ending, step-by-step processing and the executor's, aborts, job lists and retention.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/events/event_bus.h"
#include "sim/org/rest/bulk/csv.h"
#include "tests/sim/org/rest/bulk_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using nlohmann::json;
using testing::BulkTestOrg;
using testing::GeneratedId;
using testing::HttpResult;

constexpr char kUser[] = "005000000000001AAA";

std::vector<std::string> Keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

TEST(BulkIngestJob, CreateAnswersTheOpenJob) {
  BulkTestOrg org;
  const HttpResult r =
      org.Call("POST", "/jobs/ingest",
               R"({"object":"Collection_Account__c","operation":"insert","contentType":"CSV",)"
               R"("lineEnding":"LF","columnDelimiter":"COMMA"})",
               {{"Content-Type", "application/json; charset=utf-8"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=1/15000");
  const auto job = nlohmann::ordered_json::parse(r.body);
  EXPECT_EQ(Keys(job), (std::vector<std::string>{"id", "operation", "object", "createdById",
                                                 "createdDate", "systemModstamp", "state",
                                                 "concurrencyMode", "contentType", "apiVersion",
                                                 "contentUrl", "lineEnding", "columnDelimiter"}));
  const std::string id = GeneratedId("750", 1);
  EXPECT_EQ(job["id"], id);
  EXPECT_EQ(job["operation"], "insert");
  EXPECT_EQ(job["object"], "Collection_Account__c");
  EXPECT_EQ(job["createdById"], kUser);
  EXPECT_EQ(job["createdDate"], "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(job["systemModstamp"], "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(job["state"], "Open");
  EXPECT_EQ(job["concurrencyMode"], "Parallel");
  EXPECT_EQ(job["contentType"], "CSV");
  EXPECT_EQ(r.body.find("\"apiVersion\":62.0") != std::string::npos, true) << r.body;
  EXPECT_EQ(job["contentUrl"], "services/data/v62.0/jobs/ingest/" + id + "/batches");
  EXPECT_EQ(job["lineEnding"], "LF");
  EXPECT_EQ(job["columnDelimiter"], "COMMA");

  // GET: the full job info.
  const HttpResult info = org.Call("GET", "/jobs/ingest/" + id);
  ASSERT_EQ(info.status, 200);
  const auto full = nlohmann::ordered_json::parse(info.body);
  EXPECT_EQ(Keys(full), (std::vector<std::string>{"id",
                                                  "operation",
                                                  "object",
                                                  "createdById",
                                                  "createdDate",
                                                  "systemModstamp",
                                                  "state",
                                                  "concurrencyMode",
                                                  "contentType",
                                                  "apiVersion",
                                                  "jobType",
                                                  "contentUrl",
                                                  "lineEnding",
                                                  "columnDelimiter",
                                                  "numberRecordsProcessed",
                                                  "numberRecordsFailed",
                                                  "retries",
                                                  "totalProcessingTime",
                                                  "apiActiveProcessingTime",
                                                  "apexProcessingTime"}));
  EXPECT_EQ(full["jobType"], "V2Ingest");
  EXPECT_EQ(full["numberRecordsProcessed"], 0);
  // An upsert job names its key; the 15-character id and any case of the 18 find the job.
  const std::string upsert = org.CreateIngest("Collection_Account__c", "upsert",
                                              {{"externalIdFieldName", "external_id__c"}});
  const json u = org.Info("ingest", upsert);
  EXPECT_EQ(u["externalIdFieldName"], "External_Id__c");
  EXPECT_EQ(org.Call("GET", "/jobs/ingest/" + upsert.substr(0, 15)).status, 200);
}

TEST(BulkIngestJob, InsertWithGoodAndBadRows) {
  BulkTestOrg org;
  const std::string csv =
      "Name,External_Id__c,Status__c,Balance__c\n"
      "Acme,X1,Active,100.5\n"
      ",X2,Active,1\n"
      "\"Comma, Inc\",\"X3\",Bogus,2\n"
      "\"Line\nBreak\",X4,,\n";
  const std::string id = org.RunIngest("Collection_Account__c", "insert", csv);
  const json info = org.Info("ingest", id);
  EXPECT_EQ(info["state"], "JobComplete");
  EXPECT_EQ(info["numberRecordsProcessed"], 4);
  EXPECT_EQ(info["numberRecordsFailed"], 2);
  const std::string a1 = GeneratedId("a01", 1);
  const std::string a2 = GeneratedId("a01", 2);
  EXPECT_EQ(org.Result(id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",Name,External_Id__c,Status__c,Balance__c\n"
            "\"" +
                a1 +
                "\",\"true\",\"Acme\",\"X1\",\"Active\",\"100.5\"\n"
                "\"" +
                a2 + "\",\"true\",\"Line\nBreak\",\"X4\",\"\",\"\"\n");
  EXPECT_EQ(org.Result(id, "failedResults"),
            "\"sf__Id\",\"sf__Error\",Name,External_Id__c,Status__c,Balance__c\n"
            "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"\","
            "\"X2\",\"Active\",\"1\"\n"
            "\"\",\"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted "
            "picklist field: Bogus:Status__c --\",\"Comma, Inc\",\"X3\",\"Bogus\",\"2\"\n");
  EXPECT_EQ(org.Result(id, "unprocessedrecords"), "Name,External_Id__c,Status__c,Balance__c\n");
  // What was written: one store write per good row, defaults applied, the clock's time.
  EXPECT_EQ(org.Field("Collection_Account__c", a1, "Balance__c"), 100.5);
  EXPECT_EQ(org.Field("Collection_Account__c", a2, "Name"), "Line\nBreak");
  EXPECT_EQ(org.Field("Collection_Account__c", a2, "Status__c"), "New");
  EXPECT_EQ(org.Field("Collection_Account__c", a2, "CreatedDate"), "2025-03-01T12:00:00.000+0000");
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 3), "Name"), nullptr);
}

TEST(BulkIngestJob, UpdateRowsEachSucceedOrFailAlone) {
  BulkTestOrg org;
  const std::string a = org.Seed("Collection_Account__c", {{"Name", "A"}, {"Balance__c", 10}});
  const std::string b = org.Seed("Collection_Account__c", {{"Name", "B"}, {"Balance__c", 20}});
  const std::string gone = org.Seed("Collection_Account__c", {{"Name", "Gone"}});
  {
    Org::Session s = org.org().Lock();
    const ObjectDef& object = *org.org().schema().FindObject("Collection_Account__c");
    ASSERT_TRUE(s.store().Delete(object, *ParseId(gone), org.clock().Now(), OrgUserId(0)).ok());
  }
  org.clock().Advance(Duration::Minutes(5));
  const std::string never = GeneratedId("a01", 99);
  std::string lower = a;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string csv = "Id,Balance__c,Segment__c\n" + lower + ",11,#N/A\n" + b +
                          ",,Late\n,5,\nnot-an-id,5,\n" + never + ",5,\n" + gone + ",5,\n";
  const std::string id = org.RunIngest("Collection_Account__c", "update", csv);
  const json info = org.Info("ingest", id);
  EXPECT_EQ(info["numberRecordsProcessed"], 6);
  EXPECT_EQ(info["numberRecordsFailed"], 4);
  EXPECT_EQ(org.Result(id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",Id,Balance__c,Segment__c\n"
            "\"" +
                a + "\",\"false\",\"" + lower +
                "\",\"11\",\"#N/A\"\n"
                "\"" +
                b + "\",\"false\",\"" + b + "\",\"\",\"Late\"\n");
  EXPECT_EQ(
      org.Result(id, "failedResults"),
      "\"sf__Id\",\"sf__Error\",Id,Balance__c,Segment__c\n"
      "\"\",\"MISSING_ARGUMENT:Id not specified in an update call:--\",\"\",\"5\",\"\"\n"
      "\"\",\"MALFORMED_ID:Collection Account ID: id value of incorrect type: not-an-id:Id "
      "--\",\"not-an-id\",\"5\",\"\"\n"
      "\"" +
          never + "\",\"INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--\",\"" + never +
          "\",\"5\",\"\"\n"
          "\"" +
          gone + "\",\"ENTITY_IS_DELETED:entity is deleted:--\",\"" + gone + "\",\"5\",\"\"\n");
  EXPECT_EQ(org.Field("Collection_Account__c", a, "Balance__c"), 11.0);
  EXPECT_EQ(org.Field("Collection_Account__c", a, "Segment__c"), nullptr);  // #N/A: set to null
  EXPECT_EQ(org.Field("Collection_Account__c", b, "Balance__c"), 20.0);     // empty: unchanged
  EXPECT_EQ(org.Field("Collection_Account__c", b, "Segment__c"), "Late");
  EXPECT_EQ(org.Field("Collection_Account__c", b, "LastModifiedDate"),
            "2025-03-01T12:05:00.000+0000");
}

TEST(BulkIngestJob, UpsertByExternalIdAndById) {
  BulkTestOrg org;
  const std::string existing =
      org.Seed("Collection_Account__c", {{"Name", "Old"}, {"External_Id__c", "E1"}});
  const std::string id = org.RunIngest("Collection_Account__c", "upsert",
                                       "External_Id__c,Name\nE1,Renamed\nE2,Fresh\n,NoKey\nE3,\n",
                                       {{"externalIdFieldName", "External_Id__c"}});
  const std::string fresh = GeneratedId("a01", 2);
  EXPECT_EQ(org.Result(id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",External_Id__c,Name\n"
            "\"" +
                existing +
                "\",\"false\",\"E1\",\"Renamed\"\n"
                "\"" +
                fresh + "\",\"true\",\"E2\",\"Fresh\"\n");
  EXPECT_EQ(org.Result(id, "failedResults"),
            "\"sf__Id\",\"sf__Error\",External_Id__c,Name\n"
            "\"\",\"MISSING_ARGUMENT:External_Id__c not specified:External_Id__c --\",\"\","
            "\"NoKey\"\n"
            "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"E3\","
            "\"\"\n");
  EXPECT_EQ(org.Field("Collection_Account__c", existing, "Name"), "Renamed");
  EXPECT_EQ(org.Field("Collection_Account__c", fresh, "External_Id__c"), "E2");

  // Upsert on "Id": an empty Id creates, a known one updates, an unknown one fails.
  const std::string by_id = org.RunIngest("Collection_Account__c", "upsert",
                                          "Id,Name\n," + std::string("ById\n") + existing +
                                              ",Again\n" + GeneratedId("a01", 77) + ",Nobody\n",
                                          {{"externalIdFieldName", "Id"}});
  EXPECT_EQ(org.Result(by_id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",Id,Name\n"
            "\"" +
                GeneratedId("a01", 3) +
                "\",\"true\",\"\",\"ById\"\n"
                "\"" +
                existing + "\",\"false\",\"" + existing + "\",\"Again\"\n");
  EXPECT_EQ(org.Info("ingest", by_id)["numberRecordsFailed"], 1);
}

TEST(BulkIngestJob, RelationshipColumnsResolveParentsByExternalId) {
  BulkTestOrg org;
  const std::string parent =
      org.Seed("Collection_Account__c", {{"Name", "P"}, {"External_Id__c", "ACC-1"}});
  const std::string id = org.RunIngest("Payment_Transaction__c", "insert",
                                       "Collection_Account__r.External_Id__c,Amount__c,Paid_At__c\n"
                                       "ACC-1,25.5,2025-02-01T10:00:00Z\n"
                                       "ACC-404,1,2025-02-01T10:00:00Z\n");
  const std::string payment = GeneratedId("a06", 1);
  EXPECT_EQ(org.Result(id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",Collection_Account__r.External_Id__c,Amount__c,Paid_At__c\n"
            "\"" +
                payment + "\",\"true\",\"ACC-1\",\"25.5\",\"2025-02-01T10:00:00Z\"\n");
  EXPECT_EQ(org.Result(id, "failedResults"),
            "\"sf__Id\",\"sf__Error\",Collection_Account__r.External_Id__c,Amount__c,Paid_At__c\n"
            "\"\",\"INVALID_FIELD:Foreign key external ID: ACC-404 not found for field "
            "External_Id__c in entity Collection_Account__c:Collection_Account__c --\","
            "\"ACC-404\",\"1\",\"2025-02-01T10:00:00Z\"\n");
  EXPECT_EQ(org.Field("Payment_Transaction__c", payment, "Collection_Account__c"), parent);
  EXPECT_EQ(org.Field("Payment_Transaction__c", payment, "Paid_At__c"),
            "2025-02-01T10:00:00.000+0000");
}

TEST(BulkIngestJob, DeleteMovesRecordsToTheRecycleBin) {
  BulkTestOrg org;
  const std::string a = org.Seed("Collection_Account__c", {{"Name", "A"}});
  const std::string b = org.Seed("Collection_Account__c", {{"Name", "B"}});
  const std::string id =
      org.RunIngest("Collection_Account__c", "delete",
                    "Id\n" + a + "\n" + b + "\n" + a + "\n" + GeneratedId("003", 1) + "\n");
  EXPECT_EQ(org.Result(id, "successfulResults"), "\"sf__Id\",\"sf__Created\",Id\n\"" + a +
                                                     "\",\"false\",\"" + a + "\"\n\"" + b +
                                                     "\",\"false\",\"" + b + "\"\n");
  EXPECT_EQ(org.Result(id, "failedResults"),
            "\"sf__Id\",\"sf__Error\",Id\n\"" + a +
                "\",\"ENTITY_IS_DELETED:entity is deleted:--\",\"" + a + "\"\n\"" +
                GeneratedId("003", 1) +
                "\",\"INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--\",\"" +
                GeneratedId("003", 1) + "\"\n");
  EXPECT_EQ(org.Field("Collection_Account__c", a, "IsDeleted"), true);
  EXPECT_EQ(org.Field("Collection_Account__c", b, "IsDeleted"), true);
}

TEST(BulkIngestJob, InsertingPlatformEventsPublishesThem) {
  BulkTestOrg org;
  const std::string id = org.RunIngest("Collection_Event__e", "insert",
                                       "Message__c,Type__c\nhello,Promise\n\"a, b\",\n");
  const std::string channel = events::EventBus::ChannelFor("Collection_Event__e");
  const std::vector<events::RetainedEvent> published =
      org.org().events().Read(channel, 0, 10, org.clock().Now());
  ASSERT_EQ(published.size(), 2u);
  const json first = json::parse(*published[0].message);
  EXPECT_EQ(first["data"]["payload"]["Message__c"], "hello");
  EXPECT_EQ(first["data"]["payload"]["Type__c"], "Promise");
  EXPECT_EQ(json::parse(*published[1].message)["data"]["payload"]["Message__c"], "a, b");
  const std::string results = org.Result(id, "successfulResults");
  EXPECT_EQ(results.substr(0, results.find('\n')), "\"sf__Id\",\"sf__Created\",Message__c,Type__c");
  EXPECT_NE(results.find("\",\"true\",\"hello\",\"Promise\"\n"), std::string::npos) << results;
  EXPECT_EQ(results.find("\"e00"), results.find('\n') + 1) << results;
  EXPECT_EQ(org.Info("ingest", id)["numberRecordsFailed"], 0);
}

TEST(BulkIngestJob, ChunkedUploadAsJsforceSendsIt) {
  BulkTestOrg org;
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  const std::string path = testing::RestTestOrg::Path("/jobs/ingest/" + id + "/batches");
  // Chunks split a record and a quoted field in the middle.
  const std::vector<std::string> chunks = {"Name,Ext", "ernal_Id__c\nFirst,C1\n\"Sec",
                                           "ond, 2\",C2", "\n"};
  std::string raw = "PUT " + path +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + org.rest().auth() +
                    "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n";
  http::testing::TestClient client(org.rest().port());
  client.WriteRaw(raw);
  for (const std::string& chunk : chunks) {
    char size[16];
    std::snprintf(size, sizeof(size), "%zx\r\n", chunk.size());
    client.WriteRaw(std::string(size) + chunk + "\r\n");
  }
  client.WriteRaw("0\r\n\r\n");
  const HttpResult uploaded = client.ReadResponse();
  EXPECT_EQ(uploaded.status, 201) << uploaded.body;
  EXPECT_TRUE(uploaded.body.empty());
  EXPECT_FALSE(uploaded.HasHeader("content-type"));
  ASSERT_EQ(org.SetState("ingest", id, "UploadComplete").status, 200);
  org.RunAll();
  EXPECT_EQ(org.Result(id, "successfulResults"),
            "\"sf__Id\",\"sf__Created\",Name,External_Id__c\n\"" + GeneratedId("a01", 1) +
                "\",\"true\",\"First\",\"C1\"\n\"" + GeneratedId("a01", 2) +
                "\",\"true\",\"Second, 2\",\"C2\"\n");
}

TEST(BulkIngestJob, EveryDelimiterAndLineEnding) {
  BulkTestOrg org;
  int serial = 0;
  for (const char* delimiter : {"COMMA", "TAB", "PIPE", "SEMICOLON", "CARET", "BACKQUOTE"}) {
    for (const char* ending : {"LF", "CRLF"}) {
      const char d = bulk::DelimiterChar(*bulk::ParseColumnDelimiter(delimiter));
      const std::string nl = std::string(ending) == "LF" ? "\n" : "\r\n";
      const std::string sep(1, d);
      // A cell holding the delimiter must be quoted (and any cell may be).
      const std::string csv =
          "Name" + sep + "Arm__c" + nl + "\"x" + sep + "y\"" + sep + "\"a,b\"" + nl;
      const std::string id =
          org.RunIngest("Collection_Account__c", "insert", csv,
                        {{"columnDelimiter", delimiter}, {"lineEnding", ending}});
      ++serial;
      const json info = org.Info("ingest", id);
      EXPECT_EQ(info["state"], "JobComplete") << delimiter << ending << info.dump();
      EXPECT_EQ(info["columnDelimiter"], delimiter);
      EXPECT_EQ(info["lineEnding"], ending);
      const std::string record = GeneratedId("a01", static_cast<uint64_t>(serial));
      EXPECT_EQ(org.Result(id, "successfulResults"), "\"sf__Id\"" + sep + "\"sf__Created\"" + sep +
                                                         "Name" + sep + "Arm__c" + nl + "\"" +
                                                         record + "\"" + sep + "\"true\"" + sep +
                                                         "\"x" + sep + "y\"" + sep + "\"a,b\"" + nl)
          << delimiter << ending;
      EXPECT_EQ(org.Field("Collection_Account__c", record, "Name"), "x" + sep + "y");
      EXPECT_EQ(org.Field("Collection_Account__c", record, "Arm__c"), "a,b");
    }
  }
}

TEST(BulkIngestJob, StepsShowEveryStateAndAbortKeepsWhatWasWritten) {
  BulkConfig config = BulkTestOrg::ManualConfig();
  config.rows_per_step = 2;
  BulkTestOrg org(config);
  const std::string data = "Name\nr1\nr2\nr3\n\"r\n4\"\nr5\n";
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  ASSERT_EQ(org.Upload(id, data).status, 201);
  EXPECT_FALSE(org.bulk().RunStep());  // Open: nothing to run
  org.clock().Advance(Duration::Seconds(1));
  const HttpResult closed = org.SetState("ingest", id, "UploadComplete");
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(closed.Json()["state"], "UploadComplete");
  EXPECT_EQ(closed.Json()["systemModstamp"], "2025-03-01T12:00:01.000+0000");
  EXPECT_EQ(org.Info("ingest", id)["state"], "UploadComplete");
  org.clock().Advance(Duration::Seconds(1));
  ASSERT_TRUE(org.bulk().RunStep());  // checks the upload
  json info = org.Info("ingest", id);
  EXPECT_EQ(info["state"], "InProgress");
  EXPECT_EQ(info["numberRecordsProcessed"], 0);
  ASSERT_TRUE(org.bulk().RunStep());
  org.clock().Advance(Duration::Milliseconds(250));
  ASSERT_TRUE(org.bulk().RunStep());
  info = org.Info("ingest", id);
  EXPECT_EQ(info["state"], "InProgress");
  EXPECT_EQ(info["numberRecordsProcessed"], 4);
  EXPECT_EQ(info["totalProcessingTime"], 250);
  // Abort: the four written rows stay; the fifth is unprocessed.
  const HttpResult aborted = org.SetState("ingest", id, "Aborted");
  ASSERT_EQ(aborted.status, 200) << aborted.body;
  EXPECT_EQ(aborted.Json()["state"], "Aborted");
  EXPECT_FALSE(org.bulk().RunStep());
  EXPECT_EQ(org.Info("ingest", id)["numberRecordsProcessed"], 4);
  EXPECT_EQ(org.Result(id, "unprocessedrecords"), "Name\nr5\n");
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 4), "Name"), "r\n4");
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 5), "Name"), nullptr);
}

TEST(BulkIngestJob, TheExecutorProcessesJobsInSteps) {
  BulkConfig config;  // auto processing on the server's workers
  config.rows_per_step = 3;
  BulkTestOrg org(config);
  std::string csv = "Name,External_Id__c\n";
  for (int i = 0; i < 50; ++i) csv += "N" + std::to_string(i) + ",K" + std::to_string(i) + "\n";
  csv += "Dup,K7\n";
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  ASSERT_EQ(org.Upload(id, csv).status, 201);
  ASSERT_EQ(org.SetState("ingest", id, "UploadComplete").status, 200);
  const json info = org.AwaitFinal("ingest", id);
  EXPECT_EQ(info["state"], "JobComplete");
  EXPECT_EQ(info["numberRecordsProcessed"], 51);
  EXPECT_EQ(info["numberRecordsFailed"], 1);
  const std::string failed = org.Result(id, "failedResults");
  EXPECT_NE(failed.find("DUPLICATE_VALUE:duplicate value found: External_Id__c duplicates value on "
                        "record with id: " +
                        GeneratedId("a01", 8)),
            std::string::npos)
      << failed;
  EXPECT_FALSE(org.bulk().RunStep());
}

TEST(BulkIngestJob, ListsJobsInPages) {
  BulkConfig config = BulkTestOrg::ManualConfig();
  config.list_page_size = 2;
  BulkTestOrg org(config);
  const std::string a = org.CreateIngest("Collection_Account__c", "insert");
  const std::string b = org.CreateIngest("Contact_Attempt__c", "update");
  const std::string c = org.CreateIngest("Collection_Account__c", "upsert",
                                         {{"externalIdFieldName", "External_Id__c"}});
  org.CreateJob("query", {{"operation", "query"}, {"query", "SELECT Id FROM Account"}});
  const HttpResult first = org.Call("GET", "/jobs/ingest");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto page = nlohmann::ordered_json::parse(first.body);
  EXPECT_EQ(Keys(page), (std::vector<std::string>{"done", "records", "nextRecordsUrl"}));
  EXPECT_EQ(page["done"], false);
  ASSERT_EQ(page["records"].size(), 2u);
  EXPECT_EQ(page["records"][0]["id"], a);
  EXPECT_EQ(Keys(page["records"][0]),
            (std::vector<std::string>{"id", "operation", "object", "createdById", "createdDate",
                                      "systemModstamp", "state", "concurrencyMode", "contentType",
                                      "apiVersion", "jobType", "lineEnding", "columnDelimiter"}));
  EXPECT_EQ(page["records"][1]["id"], b);
  EXPECT_EQ(page["nextRecordsUrl"], "/services/data/v62.0/jobs/ingest?queryLocator=2");
  const HttpResult second = org.Call("GET", "/jobs/ingest?queryLocator=2");
  const json rest = second.Json();
  EXPECT_EQ(rest["done"], true);
  ASSERT_EQ(rest["records"].size(), 1u);
  EXPECT_EQ(rest["records"][0]["id"], c);
  EXPECT_EQ(rest["records"][0]["externalIdFieldName"], "External_Id__c");
  EXPECT_TRUE(rest["nextRecordsUrl"].is_null());
  EXPECT_EQ(org.Call("GET", "/jobs/ingest?jobType=Classic").Json()["records"].size(), 0u);
  EXPECT_EQ(org.Call("GET", "/jobs/ingest?jobType=V2Ingest").Json()["records"].size(), 2u);
  EXPECT_EQ(org.Call("GET", "/jobs/ingest?concurrencyMode=Serial").Json()["records"].size(), 0u);
  const HttpResult bad = org.Call("GET", "/jobs/ingest?queryLocator=x");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()[0]["errorCode"], "INVALID_QUERY_LOCATOR");
}

TEST(BulkIngestJob, DeleteAndRetentionForgetJobs) {
  BulkTestOrg org;
  const std::string done = org.RunIngest("Collection_Account__c", "insert", "Name\nA\n");
  const HttpResult deleted = org.Call("DELETE", "/jobs/ingest/" + done);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  const HttpResult gone = org.Call("GET", "/jobs/ingest/" + done);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.Json()[0]["errorCode"], "NOT_FOUND");
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 1), "Name"), "A");

  const std::string kept = org.RunIngest("Collection_Account__c", "insert", "Name\nB\n");
  org.clock().Advance(Duration::Days(7) - Duration::Milliseconds(1));
  org.RenewToken();  // the first one expired after 2 hours
  const std::string fresh = org.CreateIngest("Collection_Account__c", "insert");
  EXPECT_EQ(org.Call("GET", "/jobs/ingest/" + kept).status, 200);
  org.clock().Advance(Duration::Milliseconds(1));
  EXPECT_EQ(org.Call("GET", "/jobs/ingest/" + kept).status, 404);
  EXPECT_EQ(org.Call("GET", "/jobs/ingest/" + fresh).status, 200);
  EXPECT_EQ(org.bulk().job_count(), 1u);
}

}  // namespace
}  // namespace recoup::sim::org::rest
