// Error paths of Bulk API 2.0 ingest jobs over HTTP: refused creation bodies, the state machine
// (uploads, PATCH, DELETE), unknown jobs, upload limits and content types, and uploads that fail
// their job (bad line endings, headers, CSV syntax) without writing anything.
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

TEST(BulkIngestErrors, CreationBodiesAreChecked) {
  BulkTestOrg org;
  struct Case {
    std::string body;
    std::string code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[]", "JSON_PARSER_ERROR", "Expected a JSON object for the job"},
      {R"({"object":"Collection_Account__c","operation":"insert","foo":1})", "JSON_PARSER_ERROR",
       "Unrecognized field \"foo\""},
      {R"({"object":5,"operation":"insert"})", "JSON_PARSER_ERROR",
       "Invalid value for \"object\": expected a string, got 5"},
      {R"({"object":"Collection_Account__c","operation":"merge"})", "JSON_PARSER_ERROR",
       "Invalid value for \"operation\": \"merge\"; expected one of insert, update, upsert, "
       "delete, hardDelete"},
      {R"({"object":"Collection_Account__c","operation":"insert","lineEnding":"CR"})",
       "JSON_PARSER_ERROR", "Invalid value for \"lineEnding\": \"CR\"; expected one of LF, CRLF"},
      {R"({"object":"Collection_Account__c","operation":"insert","columnDelimiter":"comma"})",
       "JSON_PARSER_ERROR",
       "Invalid value for \"columnDelimiter\": \"comma\"; expected one of BACKQUOTE, CARET, "
       "COMMA, PIPE, SEMICOLON, TAB"},
      {R"({"object":"Collection_Account__c","operation":"insert","contentType":"JSON"})",
       "JSON_PARSER_ERROR",
       "Invalid value for \"contentType\": \"JSON\"; the only content type is CSV"},
      {R"({"operation":"insert"})", "INVALIDJOB", "Object is required"},
      {R"({"object":"Collection_Account__c"})", "INVALIDJOB", "Operation is required"},
      {R"({"object":"Collection_Account__c","operation":"hardDelete"})", "FEATURENOTENABLED",
       "hardDelete operation requires special user profile permission, please contact your "
       "system administrator"},
      {R"({"object":"Nope__c","operation":"insert"})", "INVALIDJOB",
       "Unable to find object: Nope__c"},
      {R"({"object":"Collection_Account__c","operation":"upsert"})", "INVALIDJOB",
       "External ID was blank for Collection_Account__c. An External ID must be specified for "
       "upsert."},
      {R"({"object":"Collection_Account__c","operation":"upsert","externalIdFieldName":"Name"})",
       "INVALIDJOB",
       "Field name provided, Name does not match an External ID, Salesforce Id, or indexed field "
       "for Collection_Account__c"},
      {R"({"object":"Collection_Event__e","operation":"update"})", "INVALIDJOB",
       "Operation update is not supported for platform event Collection_Event__e: only insert"},
  };
  for (const Case& c : cases) {
    ExpectError(org.Call("POST", "/jobs/ingest", c.body), 400, c.code, c.message, c.body);
  }
  const HttpResult syntax = org.Call("POST", "/jobs/ingest", "{not json");
  ExpectError(syntax, 400, "JSON_PARSER_ERROR", "", "syntax");
  EXPECT_EQ(org.bulk().job_count(), 0u);
}

TEST(BulkIngestErrors, UnknownJobsAreNotFound) {
  BulkTestOrg org;
  const std::string query =
      org.CreateJob("query", {{"operation", "query"}, {"query", "SELECT Id FROM Account"}});
  for (const std::string& id :
       {GeneratedId("750", 99), std::string("notanid"), query, GeneratedId("a01", 1)}) {
    for (const auto& [method, suffix] :
         std::vector<std::pair<std::string, std::string>>{{"GET", ""},
                                                          {"PATCH", ""},
                                                          {"DELETE", ""},
                                                          {"GET", "/successfulResults"},
                                                          {"GET", "/failedResults"},
                                                          {"GET", "/unprocessedrecords"}}) {
      const std::string body = method == "PATCH" ? R"({"state":"Aborted"})" : "";
      ExpectError(org.Call(method, "/jobs/ingest/" + id + suffix, body), 404, "NOT_FOUND",
                  "The requested resource does not exist", method + " " + id + suffix);
    }
    ExpectError(org.Upload(id, "Name\nx\n"), 404, "NOT_FOUND", "", "PUT " + id);
  }
}

TEST(BulkIngestErrors, TheStateMachineRefusesWrongMoves) {
  BulkTestOrg org;
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  ExpectError(org.Call("DELETE", "/jobs/ingest/" + id), 400, "INVALIDJOBSTATE",
              "Job " + id +
                  " cannot be deleted: its state is Open (deletable: UploadComplete, "
                  "JobComplete, Aborted, Failed)",
              "delete Open");
  ASSERT_EQ(org.Upload(id, "Name\nA\n").status, 201);
  ExpectError(org.Upload(id, "Name\nB\n"), 400, "INVALIDJOBSTATE",
              "Found multiple contents for job: " + id +
                  ", please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job "
                  "and make sure you only do 'PUT' once on a given Job.",
              "second upload");
  ExpectError(org.Call("PATCH", "/jobs/ingest/" + id, R"({"state":"JobComplete"})"), 400,
              "INVALIDJOBSTATE",
              "Invalid state: JobComplete. An ingest job can be set to UploadComplete or Aborted",
              "JobComplete");
  ExpectError(org.Call("PATCH", "/jobs/ingest/" + id, "{}"), 400, "INVALIDJOBSTATE",
              "A job update needs a state", "no state");
  ExpectError(org.Call("PATCH", "/jobs/ingest/" + id, R"({"state":5})"), 400, "JSON_PARSER_ERROR",
              "Invalid value for \"state\": expected a string, got 5", "state 5");
  ExpectError(org.Call("PATCH", "/jobs/ingest/" + id, R"({"state":"Aborted","x":1})"), 400,
              "JSON_PARSER_ERROR", "Unrecognized field \"x\"", "extra member");
  ExpectError(org.Call("PATCH", "/jobs/ingest/" + id, "nope"), 400, "JSON_PARSER_ERROR", "",
              "bad json");
  ASSERT_EQ(org.SetState("ingest", id, "UploadComplete").status, 200);
  ExpectError(org.SetState("ingest", id, "UploadComplete"), 400, "INVALIDJOBSTATE",
              "Job " + id + " cannot move to state UploadComplete: its state is UploadComplete",
              "close twice");
  ExpectError(org.Upload(id, "Name\nC\n"), 400, "INVALIDJOBSTATE",
              "Job " + id + " is not Open: its state is UploadComplete", "upload when closed");
  ASSERT_TRUE(org.bulk().RunStep());
  ExpectError(org.Call("DELETE", "/jobs/ingest/" + id), 400, "INVALIDJOBSTATE",
              "Job " + id +
                  " cannot be deleted: its state is InProgress (deletable: "
                  "UploadComplete, JobComplete, Aborted, Failed)",
              "delete InProgress");
  org.RunAll();
  ExpectError(org.SetState("ingest", id, "Aborted"), 400, "INVALIDJOBSTATE",
              "Job " + id + " cannot move to state Aborted: its state is JobComplete",
              "abort complete");
  EXPECT_EQ(org.Info("ingest", id)["state"], "JobComplete");

  // Deleting a closed job before it runs cancels it: nothing is written.
  const std::string closed = org.CreateIngest("Collection_Account__c", "insert");
  ASSERT_EQ(org.Upload(closed, "Name\nNever\n").status, 201);
  ASSERT_EQ(org.SetState("ingest", closed, "UploadComplete").status, 200);
  EXPECT_EQ(org.Call("DELETE", "/jobs/ingest/" + closed).status, 204);
  EXPECT_EQ(org.RunAll(), 0);
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 2), "Name"), nullptr);
  // Aborting an Open job; it can then be deleted.
  const std::string open = org.CreateIngest("Collection_Account__c", "insert");
  EXPECT_EQ(org.SetState("ingest", open, "Aborted").Json()["state"], "Aborted");
  EXPECT_EQ(org.Call("DELETE", "/jobs/ingest/" + open).status, 204);
}

TEST(BulkIngestErrors, UploadContentTypeAndSize) {
  BulkConfig config = BulkTestOrg::ManualConfig();
  config.max_upload_bytes = 64;
  BulkTestOrg org(config);
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  ExpectError(org.Upload(id, "Name\nA\n", "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE",
              "Content-Type 'application/json' is not supported: upload job data as text/csv",
              "json upload");
  EXPECT_EQ(org.Upload(id, "Name\nA\n", "text/csv; charset=UTF-8").status, 201);
  const std::string big = org.CreateIngest("Collection_Account__c", "insert");
  const HttpResult too_big = org.Upload(big, "Name\n" + std::string(80, 'x') + "\n");
  ExpectError(too_big, 413, "EXCEEDED_MAX_SIZE_REQUEST",
              "The request body exceeds the limit of 64 bytes", "too big");
  EXPECT_EQ(org.Info("ingest", big)["state"], "Open");
}

TEST(BulkIngestErrors, MultipleUploadsWhenAllowed) {
  BulkConfig config = BulkTestOrg::ManualConfig();
  config.allow_multiple_uploads = true;
  config.max_upload_bytes = 40;
  BulkTestOrg org(config);
  const std::string id = org.CreateIngest("Collection_Account__c", "insert");
  ASSERT_EQ(org.Upload(id, "Name,Arm__c\nA,1").status, 201);  // no final line ending
  ASSERT_EQ(org.Upload(id, "Name,Arm__c\nB,2\n").status, 201);
  ExpectError(org.Upload(id, "Arm__c,Name\n3,C\n"), 400, "INVALIDBATCH",
              "The header row of this upload differs from the job's first upload", "header");
  ExpectError(org.Upload(id, "Name,Arm__c\nDDDDDDDDDDDDDDDD,4\n"), 413, "EXCEEDED_MAX_SIZE_REQUEST",
              "The job's data exceeds the limit of 40 bytes", "total");
  ASSERT_EQ(org.SetState("ingest", id, "UploadComplete").status, 200);
  org.RunAll();
  EXPECT_EQ(org.Info("ingest", id)["numberRecordsProcessed"], 2);
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 2), "Name"), "B");
}

TEST(BulkIngestErrors, UnusableUploadsFailTheJobAndWriteNothing) {
  BulkTestOrg org;
  struct Case {
    std::string operation;
    std::string csv;  // "<none>": no upload at all
    std::string line_ending;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"insert", "<none>", "LF", "InvalidBatch : No data was uploaded for this job"},
      {"insert", "\n\n", "LF", "InvalidBatch : The uploaded data has no header row"},
      {"insert", "Name\r\nA\r\n", "LF",
       "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF"},
      {"insert", "Name\nA\n", "CRLF",
       "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF"},
      {"insert", "Name,Nope__c\nA,1\n", "LF", "InvalidBatch : Field name not found : Nope__c"},
      {"insert", "Name,Owner.Name\nA,x\n", "LF",
       "InvalidBatch : Field name not found : Owner.Name"},
      {"insert", "Name,name\nA,B\n", "LF", "InvalidBatch : Duplicate field name: name"},
      {"update", "Name\nA\n", "LF", "InvalidBatch : Field name not found : Id"},
      {"delete", "Id,Name\nx,y\n", "LF", "InvalidBatch : The 'delete' batch must contain only ids"},
      {"upsert", "Name\nA\n", "LF", "InvalidBatch : Field name not found : External_Id__c"},
      {"insert", "Name,Arm__c\nA,1\n\"B\nb\",2,3\n", "LF",
       "InvalidBatch : Wrong number of columns in record 2 (line 3): expected 2, found 3"},
      {"insert", "Name\nA\n\"B\n", "LF",
       "InvalidBatch : Failed to parse CSV: unterminated quoted field in record 2 (line 3)"},
  };
  for (const Case& c : cases) {
    json extra = {{"lineEnding", c.line_ending}};
    if (c.operation == "upsert") extra["externalIdFieldName"] = "External_Id__c";
    const std::string id = org.CreateIngest("Collection_Account__c", c.operation, extra);
    if (c.csv != "<none>") {
      ASSERT_EQ(org.Upload(id, c.csv).status, 201) << c.csv;
    }
    ASSERT_EQ(org.SetState("ingest", id, "UploadComplete").status, 200);
    org.RunAll();
    const json info = org.Info("ingest", id);
    EXPECT_EQ(info["state"], "Failed") << c.csv;
    EXPECT_EQ(info["errorMessage"], c.message) << c.csv;
    EXPECT_EQ(info["numberRecordsProcessed"], 0) << c.csv;
    EXPECT_EQ(org.Result(id, "unprocessedrecords"), c.csv == "<none>" ? "" : c.csv) << c.csv;
    EXPECT_EQ(org.Result(id, "successfulResults"),
              std::string("\"sf__Id\",\"sf__Created\"") + (c.line_ending == "LF" ? "\n" : "\r\n"))
        << c.csv;
  }
  EXPECT_EQ(org.Field("Collection_Account__c", GeneratedId("a01", 1), "Name"), nullptr);
}

TEST(BulkIngestErrors, ConfigIsValidated) {
  BulkConfig config;
  config.rows_per_step = 0;
  EXPECT_EQ(ValidateBulkConfig(config).message(), "bulk.rows_per_step: must be >= 1, got 0");
  config = BulkConfig{};
  config.job_retention = Duration::Zero();
  EXPECT_EQ(ValidateBulkConfig(config).message(), "bulk.job_retention: must be > 0, got 0ns");
  config = BulkConfig{};
  config.default_max_records = 0;
  EXPECT_FALSE(ValidateBulkConfig(config).ok());
  config = BulkConfig{};
  config.processing_delay = Duration::Milliseconds(-1);
  EXPECT_FALSE(ValidateBulkConfig(config).ok());
  EXPECT_TRUE(ValidateBulkConfig(BulkConfig{}).ok());
}

}  // namespace
}  // namespace recoup::sim::org::rest
