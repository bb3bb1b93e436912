// Request-level errors of sObject Collections over HTTP (sim/org/rest/collections_routes.h): each
// answers with one Salesforce error and writes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/sim/org/rest/composite_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::CollectionsOnly;
using testing::HttpResult;
using testing::RestTestOrg;

const std::string kRoot = "/services/data/v62.0/composite/sobjects";
const char kLimit200[] = "record limit reached. cannot submit more than 200 records into this call";

struct ErrorCase {
  std::string name;
  std::string method;
  std::string target;
  std::string body;
  int status;
  std::string code;
  std::string message;  // exact; "" checks only the code
};

std::string Accounts(int n, bool all_or_none = false) {
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    records.push_back({{"attributes", {{"type", "Account"}}}, {"Name", std::to_string(i)}});
  }
  return nlohmann::json({{"allOrNone", all_or_none}, {"records", records}}).dump();
}

// `chunks` runs of alternating Account / Contact records.
std::string Chunks(int chunks) {
  nlohmann::json records = nlohmann::json::array();
  for (int i = 0; i < chunks; ++i) {
    if (i % 2 == 0) {
      records.push_back({{"attributes", {{"type", "Account"}}}, {"Name", "A"}});
    } else {
      records.push_back({{"attributes", {{"type", "Contact"}}}, {"LastName", "C"}});
    }
  }
  return nlohmann::json({{"records", records}}).dump();
}

std::string Ids(int n) {
  std::string ids;
  for (int i = 1; i <= n; ++i) {
    if (i > 1) ids += ",";
    ids += SfId::Generate("001", static_cast<uint64_t>(i)).ToLong();
  }
  return ids;
}

// {"ids": [n Account Ids]}.
std::string IdsBody(int n) {
  nlohmann::json ids = nlohmann::json::array();
  for (int i = 1; i <= n; ++i)
    ids.push_back(SfId::Generate("001", static_cast<uint64_t>(i)).ToLong());
  return nlohmann::json({{"ids", ids}}).dump();
}

TEST(CollectionsErrorsTest, EveryRequestLevelCheck) {
  const std::string retrieve = kRoot + "/Account";
  const std::vector<ErrorCase> cases = {
      {"empty create body", "POST", kRoot, "", 400, "JSON_PARSER_ERROR",
       "No content to map due to end-of-input"},
      {"create body not JSON", "POST", kRoot, "{\"records\":", 400, "JSON_PARSER_ERROR", ""},
      {"create body not an object", "POST", kRoot, "[]", 400, "JSON_PARSER_ERROR",
       "Expected a JSON object with records"},
      {"no records", "POST", kRoot, R"({"allOrNone":true})", 400, "INVALID_INPUT",
       "The request has no records; records is required"},
      {"records not an array", "PATCH", kRoot, R"({"records":{}})", 400, "JSON_PARSER_ERROR",
       "records: expected an array of records, got object"},
      {"record not an object", "POST", kRoot, R"({"records":[{"Name":"a"}, 3]})", 400,
       "JSON_PARSER_ERROR", "records[1]: expected a record object, got 3"},
      {"allOrNone not a boolean", "POST", kRoot, R"({"allOrNone":"true","records":[]})", 400,
       "JSON_PARSER_ERROR", "allOrNone: expected a boolean, got \"true\""},
      {"201 records to create", "POST", kRoot, Accounts(201), 400, "EXCEEDED_ID_LIMIT", kLimit200},
      {"201 records to update", "PATCH", kRoot, Accounts(201), 400, "EXCEEDED_ID_LIMIT", kLimit200},
      {"201 records to upsert", "PATCH", kRoot + "/Account/Id", Accounts(201), 400,
       "EXCEEDED_ID_LIMIT", kLimit200},
      {"11 chunks", "POST", kRoot, Chunks(11), 400, "INVALID_BATCH_REQUEST",
       "Cannot have more than 10 chunks in a single operation. Please rearrange the data to "
       "reduce chunking."},
      {"11 chunks to update", "PATCH", kRoot, Chunks(11), 400, "INVALID_BATCH_REQUEST", ""},
      {"delete without ids", "DELETE", kRoot, "", 400, "MISSING_ARGUMENT",
       "ids: at least one record Id is required"},
      {"delete with empty ids", "DELETE", kRoot + "?ids=,,", "", 400, "MISSING_ARGUMENT", ""},
      {"delete 201 ids", "DELETE", kRoot + "?ids=" + Ids(201), "", 400, "EXCEEDED_ID_LIMIT",
       kLimit200},
      {"delete allOrNone not boolean", "DELETE", kRoot + "?ids=" + Ids(1) + "&allOrNone=1", "", 400,
       "INVALID_INPUT", "allOrNone: expected true or false"},
      {"retrieve without ids", "GET", retrieve + "?fields=Name", "", 400, "MISSING_ARGUMENT", ""},
      {"retrieve 2001 ids", "POST", retrieve, IdsBody(2001), 400, "EXCEEDED_ID_LIMIT",
       "record limit reached. cannot submit more than 2000 records into this call"},
      {"retrieve a malformed id", "GET", retrieve + "?ids=" + Ids(1) + ",bad", "", 400,
       "MALFORMED_ID", "Invalid id: bad"},
      {"retrieve an unknown field", "GET", retrieve + "?ids=" + Ids(1) + "&fields=Name,Nope", "",
       400, "INVALID_FIELD", ""},
      {"retrieve of an unknown object", "GET", kRoot + "/Nope__c?ids=" + Ids(1), "", 404,
       "NOT_FOUND", "The requested resource does not exist"},
      {"retrieve of an event", "GET", kRoot + "/Collection_Event__e?ids=" + Ids(1), "", 404,
       "NOT_FOUND", ""},
      {"retrieve body ids not an array", "POST", retrieve, R"({"ids":"a,b"})", 400,
       "JSON_PARSER_ERROR", "ids: expected an array of strings"},
      {"retrieve body fields not strings", "POST", retrieve,
       R"({"ids":["001000000000001AAA"],"fields":[1]})", 400, "JSON_PARSER_ERROR",
       "fields: expected an array of strings, got 1"},
      {"retrieve body not an object", "POST", retrieve, "[]", 400, "JSON_PARSER_ERROR", ""},
      {"upsert of an unknown object", "PATCH", kRoot + "/Nope__c/Id", Accounts(1), 404, "NOT_FOUND",
       ""},
      {"upsert by a field that is no external Id", "PATCH", kRoot + "/Account/Name", Accounts(1),
       404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: Name"},
      {"upsert body without records", "PATCH", kRoot + "/Account/Id", "{}", 400, "INVALID_INPUT",
       ""},
      {"records nested 100,000 levels deep", "POST", kRoot,
       R"({"records":[{"attributes":{"type":"Account"},"Name":)" + std::string(100'000, '[') +
           std::string(100'000, ']') + "}]}",
       400, "JSON_PARSER_ERROR", "The JSON body nests arrays and objects more than 64 levels deep"},
      {"retrieve ids nested deeply", "POST", retrieve,
       R"({"ids":)" + std::string(70, '[') + std::string(70, ']') + "}", 400, "JSON_PARSER_ERROR",
       "The JSON body nests arrays and objects more than 64 levels deep"},
      {"a long value is cut in the message", "POST", kRoot,
       R"({"records":[")" + std::string(100, 'x') + R"("]})", 400, "JSON_PARSER_ERROR",
       "records[0]: expected a record object, got \"" + std::string(64, 'x') + "...\""},
      {"PUT is not a collections method", "PUT", kRoot, Accounts(1), 405, "METHOD_NOT_ALLOWED",
       "HTTP Method 'PUT' not allowed. Allowed are POST,PATCH,DELETE"},
  };
  RestTestOrg org(CollectionsOnly());
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    testing::ExpectError(org.Call(c.method, c.target, c.body), c.status, c.code, c.message);
  }
  EXPECT_EQ(testing::StoreRows(org.org(), "Account"), 0u);
  EXPECT_EQ(testing::StoreRows(org.org(), "Contact"), 0u);
}

TEST(CollectionsErrorsTest, LimitsAreInclusive) {
  RestTestOrg org(CollectionsOnly());
  const HttpResult created = org.Call("POST", kRoot, Accounts(200, true));
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.Json().size(), 200u);
  const HttpResult chunks = org.Call("POST", kRoot, Chunks(10));
  ASSERT_EQ(chunks.status, 200) << chunks.body;
  EXPECT_EQ(chunks.Json().size(), 10u);
  const HttpResult deleted = org.Call("DELETE", kRoot + "?ids=" + Ids(200));
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(deleted.Json().size(), 200u);
  EXPECT_EQ(testing::LiveRows(org.org(), "Account"), 5u);  // 200 + 5 created, 200 deleted
  const HttpResult empty = org.Call("POST", kRoot, R"({"records":[]})");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.body, "[]");
}

TEST(CollectionsErrorsTest, NeedsASession) {
  RestTestOrg org(CollectionsOnly());
  testing::TestClient client(org.port());
  const HttpResult r =
      client.Request("POST", kRoot, Accounts(1), {{"Content-Type", "application/json"}});
  testing::ExpectError(r, 401, "INVALID_SESSION_ID", "Session expired or invalid");
  EXPECT_EQ(testing::StoreRows(org.org(), "Account"), 0u);
}

}  // namespace
}  // namespace recoup::sim::org::rest
