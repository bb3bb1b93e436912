// Contract tests of Bulk API 2.0 query jobs over HTTP (reference/salesforce-api.md sections 4.2 and
// 10 item 4): job shapes, results paged with Sforce-Locator until the literal "null" (also at
// jsforce's "//" path), queryAll, parent dot-notation columns, value formats, delimiters, the
// executor, and the errors (SOQL, unsupported query forms, state, locators, maxRecords, a
// count-only object).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/sim/org/rest/bulk_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using nlohmann::json;
using testing::BulkTestOrg;
using testing::GeneratedId;
using testing::HttpResult;

std::vector<std::string> Keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  return keys;
}

void ExpectError(const HttpResult& r, int status, const std::string& code,
                 const std::string& message, const std::string& context) {
  EXPECT_EQ(r.status, status) << context << ": " << r.body;
  const json body = r.Json();
  ASSERT_TRUE(body.is_array() && body.size() == 1) << context << ": " << r.body;
  EXPECT_EQ(body[0]["errorCode"], code) << context;
  if (!message.empty()) {
    EXPECT_EQ(body[0]["message"], message) << context;
  }
}

// Creates `n` Collection_Account__c records named R00000.. with External_Id__c = E<i>.
void SeedAccounts(BulkTestOrg& org, int n) {
  Org::Session session = org.org().Lock();
  const ObjectDef& object = *org.org().schema().FindObject("Collection_Account__c");
  for (int i = 0; i < n; ++i) {
    char name[16];
    std::snprintf(name, sizeof(name), "R%05d", i);
    RecordInput input = {
        {object.FindField("Name"), FieldValue::String(name), nullptr},
        {object.FindField("External_Id__c"), FieldValue::String("E" + std::to_string(i)), nullptr}};
    ASSERT_TRUE(session.store().Create(object, input, org.clock().Now(), OrgUserId(0)).ok());
  }
}

std::string CreateQuery(BulkTestOrg& org, const std::string& soql, json extra = json::object()) {
  extra["operation"] = extra.value("operation", "query");
  extra["query"] = soql;
  return org.CreateJob("query", extra);
}

HttpResult Results(BulkTestOrg& org, const std::string& id, const std::string& params = "") {
  return org.Call("GET", "/jobs/query/" + id + "/results" + params, "", {{"Accept", "text/csv"}});
}

TEST(BulkQuery, JobShapesAndStates) {
  BulkTestOrg org;
  const HttpResult created =
      org.Call("POST", "/jobs/query",
               R"({"operation":"query","query":"SELECT Id, Name FROM Collection_Account__c"})");
  ASSERT_EQ(created.status, 200) << created.body;
  const auto job = nlohmann::ordered_json::parse(created.body);
  EXPECT_EQ(Keys(job),
            (std::vector<std::string>{"id", "operation", "object", "createdById", "createdDate",
                                      "systemModstamp", "state", "concurrencyMode", "contentType",
                                      "apiVersion", "lineEnding", "columnDelimiter"}));
  const std::string id = job["id"];
  EXPECT_EQ(id, GeneratedId("750", 1));
  EXPECT_EQ(job["operation"], "query");
  EXPECT_EQ(job["object"], "Collection_Account__c");
  EXPECT_EQ(job["state"], "UploadComplete");
  ASSERT_TRUE(org.bulk().RunStep());
  EXPECT_EQ(org.Info("query", id)["state"], "JobComplete");  // no rows: selecting finishes it
  const auto full = nlohmann::ordered_json::parse(org.Call("GET", "/jobs/query/" + id).body);
  EXPECT_EQ(Keys(full),
            (std::vector<std::string>{"id", "operation", "object", "createdById", "createdDate",
                                      "systemModstamp", "state", "concurrencyMode", "contentType",
                                      "apiVersion", "jobType", "lineEnding", "columnDelimiter",
                                      "numberRecordsProcessed", "retries", "totalProcessingTime",
                                      "isPkChunkingSupported"}));
  EXPECT_EQ(full["jobType"], "V2Query");
  const HttpResult empty = Results(org, id);
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, "\"Id\",\"Name\"\n");
  EXPECT_EQ(empty.Header("sforce-locator"), "null");
  EXPECT_EQ(empty.Header("sforce-numberofrecords"), "0");
}

TEST(BulkQuery, ResultsPageWithLocatorsUntilNull) {
  BulkConfig config = BulkTestOrg::ManualConfig();
  config.rows_per_step = 700;
  BulkTestOrg org(config);
  SeedAccounts(org, 2500);
  const std::string id =
      CreateQuery(org, "SELECT Name, External_Id__c FROM Collection_Account__c ORDER BY Name DESC");
  EXPECT_EQ(org.RunAll(), 5);  // select, then 700 + 700 + 700 + 400 rows
  const json info = org.Info("query", id);
  EXPECT_EQ(info["state"], "JobComplete");
  EXPECT_EQ(info["numberRecordsProcessed"], 2500);
  std::vector<std::string> locators;
  std::vector<std::string> rows;
  std::string locator;
  for (int page = 0; page < 10; ++page) {
    const std::string params = "?maxRecords=1000" + (locator.empty() ? "" : "&locator=" + locator);
    const HttpResult r = Results(org, id, params);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), "text/csv");
    locator = r.Header("sforce-locator");
    locators.push_back(locator);
    const std::string& body = r.body;
    ASSERT_EQ(body.substr(0, body.find('\n') + 1), "\"Name\",\"External_Id__c\"\n");
    size_t count = 0;
    for (size_t pos = body.find('\n') + 1; pos < body.size(); pos = body.find('\n', pos) + 1) {
      rows.push_back(body.substr(pos, body.find('\n', pos) - pos));
      ++count;
    }
    EXPECT_EQ(r.Header("sforce-numberofrecords"), std::to_string(count));
    if (locator == "null") break;
  }
  EXPECT_EQ(locators, (std::vector<std::string>{"MTAwMA", "MjAwMA", "null"}));
  ASSERT_EQ(rows.size(), 2500u);
  EXPECT_EQ(rows.front(), "\"R02499\",\"E2499\"");
  EXPECT_EQ(rows[1000], "\"R01499\",\"E1499\"");
  EXPECT_EQ(rows.back(), "\"R00000\",\"E0\"");
  // Without maxRecords one page holds everything (the default is 1,000,000 rows).
  const HttpResult all = Results(org, id);
  EXPECT_EQ(all.Header("sforce-numberofrecords"), "2500");
  EXPECT_EQ(all.Header("sforce-locator"), "null");
  // jsforce asks for later pages at ".../jobs/query//<id>/results?locator=...".
  const HttpResult jsforce = org.rest().Call(
      "GET", testing::RestTestOrg::Path("/jobs/query//" + id + "/results?locator=MjAwMA"));
  ASSERT_EQ(jsforce.status, 200) << jsforce.body;
  EXPECT_EQ(jsforce.Header("sforce-numberofrecords"), "500");
  EXPECT_EQ(jsforce.Header("sforce-locator"), "null");
  EXPECT_EQ(org.rest().Call("GET", testing::RestTestOrg::Path("/jobs/query//" + id)).Json()["id"],
            id);
  EXPECT_EQ(org.rest().Call("GET", testing::RestTestOrg::Path("/jobs/query//" + id + "/x")).status,
            404);
}

TEST(BulkQuery, QueryAllSeesDeletedRows) {
  BulkTestOrg org;
  const std::string kept = org.Seed("Collection_Account__c", {{"Name", "Kept"}});
  const std::string gone = org.Seed("Collection_Account__c", {{"Name", "Gone"}});
  {
    Org::Session s = org.org().Lock();
    const ObjectDef& object = *org.org().schema().FindObject("Collection_Account__c");
    ASSERT_TRUE(s.store().Delete(object, *ParseId(gone), org.clock().Now(), OrgUserId(0)).ok());
  }
  const std::string soql = "SELECT Id, Name, IsDeleted FROM Collection_Account__c";
  const std::string query = CreateQuery(org, soql);
  const std::string all = CreateQuery(org, soql, {{"operation", "queryAll"}});
  org.RunAll();
  EXPECT_EQ(org.Info("query", all)["operation"], "queryAll");
  EXPECT_EQ(Results(org, query).body,
            "\"Id\",\"Name\",\"IsDeleted\"\n\"" + kept + "\",\"Kept\",\"false\"\n");
  EXPECT_EQ(Results(org, all).body, "\"Id\",\"Name\",\"IsDeleted\"\n\"" + kept +
                                        "\",\"Kept\",\"false\"\n\"" + gone +
                                        "\",\"Gone\",\"true\"\n");
}

TEST(BulkQuery, ParentColumnsValueFormatsAndOptions) {
  BulkTestOrg org;
  const std::string parent =
      org.Seed("Collection_Account__c", {{"Name", "Parent \"P\""},
                                         {"Due_Date__c", "2025-04-30"},
                                         {"Do_Not_Contact__c", true},
                                         {"Last_Contact_At__c", "2025-02-28T09:30:00.123Z"},
                                         {"Balance__c", 1234.5}});
  org.Seed("Payment_Transaction__c", {{"Collection_Account__c", parent},
                                      {"Amount__c", 10},
                                      {"Paid_At__c", "2025-02-01T00:00:00Z"}});
  const std::string soql =
      "select name, collection_account__r.name, Collection_Account__r.Owner.Name, "
      "Collection_Account__r.Due_Date__c, Collection_Account__r.Do_Not_Contact__c, "
      "Collection_Account__r.Last_Contact_At__c, Collection_Account__r.Balance__c, "
      "Payment_Arrangement__r.Name, Method__c FROM Payment_Transaction__c";
  const std::string id = CreateQuery(org, soql);
  const std::string semi =
      CreateQuery(org, soql, {{"columnDelimiter", "SEMICOLON"}, {"lineEnding", "CRLF"}});
  org.RunAll();
  const std::string header =
      "\"Name\",\"Collection_Account__r.Name\",\"Collection_Account__r.Owner.Name\","
      "\"Collection_Account__r.Due_Date__c\",\"Collection_Account__r.Do_Not_Contact__c\","
      "\"Collection_Account__r.Last_Contact_At__c\",\"Collection_Account__r.Balance__c\","
      "\"Payment_Arrangement__r.Name\",\"Method__c\"";
  const std::string row =
      "\"PT-0000001\",\"Parent \"\"P\"\"\",\"Integration User\",\"2025-04-30\",\"true\","
      "\"2025-02-28T09:30:00.123Z\",\"1234.5\",\"\",\"\"";
  EXPECT_EQ(Results(org, id).body, header + "\n" + row + "\n");
  std::string semi_header = header;
  std::string semi_row = row;
  for (std::string* s : {&semi_header, &semi_row}) {
    for (size_t p = s->find("\",\""); p != std::string::npos; p = s->find("\",\"", p + 3)) {
      (*s)[p + 1] = ';';
    }
  }
  EXPECT_EQ(Results(org, semi).body, semi_header + "\r\n" + semi_row + "\r\n");
  EXPECT_EQ(org.Info("query", semi)["columnDelimiter"], "SEMICOLON");
}

TEST(BulkQuery, TheExecutorRunsQueryJobs) {
  BulkConfig config;
  config.rows_per_step = 100;
  BulkTestOrg org(config);
  SeedAccounts(org, 450);
  const std::string id =
      CreateQuery(org, "SELECT External_Id__c FROM Collection_Account__c WHERE Name LIKE 'R001%'");
  const json info = org.AwaitFinal("query", id);
  EXPECT_EQ(info["state"], "JobComplete");
  EXPECT_EQ(info["numberRecordsProcessed"], 100);
  EXPECT_EQ(Results(org, id).Header("sforce-numberofrecords"), "100");
}

TEST(BulkQuery, ErrorsAndStates) {
  BulkTestOrg org;
  struct Case {
    std::string body;
    std::string code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {R"({"operation":"insert","query":"SELECT Id FROM Account"})", "JSON_PARSER_ERROR",
       "Invalid value for \"operation\": \"insert\"; expected one of query, queryAll"},
      {R"({"operation":"query","query":"SELECT Id FROM Account","object":"Account"})",
       "JSON_PARSER_ERROR", "Unrecognized field \"object\""},
      {R"({"query":"SELECT Id FROM Account"})", "INVALIDJOB", "Operation is required"},
      {R"({"operation":"query"})", "INVALIDJOB", "Query is required"},
      {R"({"operation":"query","query":"SELECT Id, (SELECT Id FROM Contact_Attempts__r) FROM Collection_Account__c"})",
       "FUNCTIONALITY_NOT_ENABLED",
       "Nested queries (child relationship subqueries) are not supported in Bulk API 2.0 query "
       "jobs"},
      {R"({"operation":"query","query":"SELECT COUNT() FROM Account"})",
       "FUNCTIONALITY_NOT_ENABLED", "COUNT() is not supported in Bulk API 2.0 query jobs"},
      {R"({"operation":"query","query":"SELECT Id FROM Account LIMIT 5 OFFSET 2"})",
       "FUNCTIONALITY_NOT_ENABLED", "OFFSET is not supported in Bulk API 2.0 query jobs"},
      {R"({"operation":"query","query":"SELECT FROM Account"})", "MALFORMED_QUERY", ""},
      {R"({"operation":"query","query":"SELECT Nope__c FROM Account"})", "INVALID_FIELD", ""},
      {R"({"operation":"query","query":"SELECT Id FROM Nope__c"})", "INVALID_TYPE", ""},
  };
  for (const Case& c : cases) {
    ExpectError(org.Call("POST", "/jobs/query", c.body), 400, c.code, c.message, c.body);
  }
  EXPECT_EQ(org.bulk().job_count(), 0u);

  SeedAccounts(org, 3);
  const std::string id = CreateQuery(org, "SELECT Name FROM Collection_Account__c");
  ExpectError(Results(org, id), 400, "INVALIDJOBSTATE",
              "Job " + id + " has no results yet: its state is UploadComplete", "early results");
  ExpectError(org.SetState("query", id, "UploadComplete"), 400, "INVALIDJOBSTATE",
              "Invalid state: UploadComplete. A query job can only be set to Aborted", "close");
  ASSERT_TRUE(org.bulk().RunStep());  // selects: InProgress
  ExpectError(org.Call("DELETE", "/jobs/query/" + id), 400, "INVALIDJOBSTATE",
              "Job " + id +
                  " cannot be deleted: its state is InProgress (deletable: "
                  "UploadComplete, JobComplete, Aborted, Failed)",
              "delete in progress");
  org.RunAll();
  for (const char* bad : {"?locator=abc", "?locator=NA", "?locator=!!"}) {
    ExpectError(Results(org, id, bad), 400, "INVALID_QUERY_LOCATOR", "invalid query locator", bad);
  }
  for (const char* bad : {"?maxRecords=0", "?maxRecords=x", "?maxRecords=-1"}) {
    ExpectError(Results(org, id, bad), 400, "API_ERROR", "", bad);
  }
  EXPECT_EQ(Results(org, id, "?locator=Mw").body, "\"Name\"\n");  // index 3: past the end
  ExpectError(org.SetState("query", id, "Aborted"), 400, "INVALIDJOBSTATE",
              "Job " + id + " cannot move to state Aborted: its state is JobComplete", "abort");

  const std::string aborted = CreateQuery(org, "SELECT Name FROM Collection_Account__c");
  const HttpResult abort = org.SetState("query", aborted, "Aborted");
  ASSERT_EQ(abort.status, 200);
  EXPECT_EQ(abort.Json()["state"], "Aborted");
  EXPECT_EQ(org.RunAll(), 0);
  ExpectError(Results(org, aborted), 400, "INVALIDJOBSTATE",
              "Job " + aborted + " has no results yet: its state is Aborted", "aborted results");

  // Lists, deletes, and ingest ids are not query jobs.
  const json list = org.Call("GET", "/jobs/query").Json();
  ASSERT_EQ(list["records"].size(), 2u);
  EXPECT_EQ(list["records"][0]["jobType"], "V2Query");
  EXPECT_EQ(list["done"], true);
  EXPECT_EQ(org.Call("DELETE", "/jobs/query/" + id).status, 204);
  ExpectError(org.Call("GET", "/jobs/query/" + id), 404, "NOT_FOUND",
              "The requested resource does not exist", "deleted");
  ExpectError(Results(org, id), 404, "NOT_FOUND", "", "deleted results");
  const std::string ingest = org.CreateIngest("Collection_Account__c", "insert");
  ExpectError(org.Call("GET", "/jobs/query/" + ingest), 404, "NOT_FOUND", "", "ingest id");
}

TEST(BulkQuery, ACountOnlyObjectFailsTheJob) {
  BulkTestOrg org;
  {
    Org::Session session = org.org().Lock();
    const ObjectDef& attempts = *org.org().schema().FindObject("Contact_Attempt__c");
    ASSERT_TRUE(session.store().SetRetention(attempts, Retention::kCountOnly).ok());
  }
  const std::string id = CreateQuery(org, "SELECT Id FROM Contact_Attempt__c");
  org.RunAll();
  const json info = org.Info("query", id);
  EXPECT_EQ(info["state"], "Failed");
  EXPECT_EQ(info["errorMessage"],
            "sObject type 'Contact_Attempt__c' is not supported: it is write-only in this org (its "
            "records are validated and counted, not kept)");
}

}  // namespace
}  // namespace recoup::sim::org::rest
