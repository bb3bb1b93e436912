// Fault and latency injection over HTTP (sim/org/rest/fault_injection.h): which operation a request
// is, the configuration file, Salesforce-shaped fault answers that write nothing, draws that follow
// the fault model's keyed streams, timeouts that close the connection, latency that holds no
// worker thread, and Stop answering held requests at once.
#include "sim/org/rest/fault_injection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/http/url_codec.h"
#include "tests/sim/org/rest/full_test_org.h"

namespace recoup::sim::org::rest::testing {
namespace {

using events::OrgOperation;

OrgRestConfig WithInjection(std::optional<events::LatencyConfig> latency,
                            std::optional<events::FaultConfig> faults, uint64_t seed = 7) {
  OrgRestConfig config;
  config.injection = FaultInjectionConfig{std::move(latency), std::move(faults), seed};
  return config;
}

events::LatencySpec Constant(double ms) {
  events::LatencySpec spec;
  spec.kind = "constant";
  spec.value_ms = ms;
  return spec;
}

// Latency `ms` for `operation` only (0 for every other one).
events::LatencyConfig LatencyFor(const std::string& operation, double ms) {
  events::LatencyConfig config;
  config.default_spec = Constant(0);
  config.operations[operation] = Constant(ms);
  return config;
}

std::string Query(const std::string& soql) {
  return FullTestOrg::Path("/query?q=" + http::PercentEncode(soql));
}

void ExpectError(const HttpResult& r, int status, const std::string& code,
                 const std::string& message) {
  EXPECT_EQ(r.status, status) << r.body;
  const nlohmann::json j = r.Json();
  ASSERT_TRUE(j.is_array() && j.size() == 1) << r.body;
  EXPECT_EQ(j[0]["errorCode"], code);
  EXPECT_EQ(j[0]["message"], message);
  EXPECT_FALSE(r.Header("sforce-limit-info").empty());
}

size_t LiveAccounts(Org& org) {
  Org::Session session = org.Lock();
  return session.store().live_row_count(*session.schema().FindObject("Collection_Account__c"));
}

TEST(ClassifyRequestTest, MapsMethodAndPathToTheOperation) {
  const Schema schema = DefaultCollectionsSchema();
  using M = http::Method;
  struct Case {
    M method;
    std::string path;
    OrgOperation op;
  };
  const std::vector<Case> cases = {
      {M::kGet, "/services/data/v62.0/sobjects", OrgOperation::kRetrieve},
      {M::kGet, "/services/data/v62.0/sobjects/Account/describe", OrgOperation::kRetrieve},
      {M::kPost, "/services/data/v62.0/sobjects/Account", OrgOperation::kCreate},
      {M::kPost, "/services/data/v62.0/sobjects/collection_event__e", OrgOperation::kPublish},
      {M::kGet, "/services/data/v62.0/sobjects/Account/001000000000001AAA",
       OrgOperation::kRetrieve},
      {M::kPatch, "/services/data/v62.0/sobjects/Account/001000000000001AAA/",
       OrgOperation::kUpdate},
      {M::kDelete, "/services/data/v62.0/sobjects/Account/001000000000001AAA",
       OrgOperation::kDelete},
      {M::kPatch, "/services/data/v62.0/sobjects/Collection_Account__c/External_Id__c/A-1",
       OrgOperation::kUpsert},
      {M::kGet, "/services/data/v62.0/sobjects/Collection_Account__c/External_Id__c/A-1",
       OrgOperation::kRetrieve},
      {M::kDelete, "/services/data/v62.0/sobjects/Collection_Account__c/External_Id__c/A-1",
       OrgOperation::kDelete},
      {M::kGet, "/services/data/v62.0/query", OrgOperation::kQuery},
      {M::kGet, "/services/data/v62.0/queryAll/01g000000000001AAA-2000", OrgOperation::kQuery},
      {M::kPost, "/services/data/v62.0/composite", OrgOperation::kComposite},
      {M::kPost, "/services/data/v62.0/composite/sobjects", OrgOperation::kComposite},
      {M::kGet, "/services/data/v62.0/composite/sobjects/Account", OrgOperation::kRetrieve},
      {M::kPut, "/services/data/v62.0/jobs/ingest/750000000000001AAA/batches", OrgOperation::kBulk},
      {M::kGet, "/services/data/v62.0/jobs/query", OrgOperation::kBulk},
      {M::kGet, "/services/data/v62.0/limits", OrgOperation::kRetrieve},
      {M::kGet, "/services/data/v62.0/", OrgOperation::kRetrieve},
      {M::kGet, "/services/data", OrgOperation::kRetrieve},
      {M::kPost, "/services/oauth2/token", OrgOperation::kToken},
      {M::kGet, "/services/oauth2/userinfo", OrgOperation::kToken},
      {M::kGet, "/id/00D000000000001EAA/005000000000001AAA", OrgOperation::kToken},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyRequest(schema, c.method, c.path), c.op)
        << http::MethodName(c.method) << " " << c.path;
  }
}

TEST(FaultInjectionConfigTest, ReadsBothModelsAndNamesTheFileInErrors) {
  StatusOr<FaultInjectionConfig> config = FaultInjectionConfigFromJson(
      R"({"latency": {"operations": {"query": {"kind": "constant", "value_ms": 20}}},
          "faults": {"timeout_after_ms": 500, "default": {"server_unavailable": 0.25}}})",
      "f.json");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_TRUE(config->latency.has_value());
  EXPECT_EQ(config->latency->operations.at("query").value_ms, 20);
  EXPECT_EQ(config->latency->default_spec.kind, "lognormal");  // DefaultLatencyConfig()
  ASSERT_TRUE(config->faults.has_value());
  EXPECT_EQ(config->faults->default_rates.server_unavailable, 0.25);
  EXPECT_EQ(config->faults->timeout_after_ms, 500);

  config = FaultInjectionConfigFromJson(R"({"faults": {}})", "f.json");
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->latency.has_value());

  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[]", "f.json: expected a JSON object with \"latency\" and/or \"faults\""},
      {R"({"fault": {}})", "f.json: unknown member \"fault\" (expected latency, faults)"},
      {R"({"faults": {"default": {"server_unavailable": "often"}}})",
       "f.json: faults.default.server_unavailable: expected a number"},
      {R"({"latency": {"default": {"kind": 3}}})", "f.json: latency.default.kind: expected a "},
      {"{\n \"faults\": }", "f.json:2:12: malformed JSON: "},
  };
  for (const Case& c : cases) {
    StatusOr<FaultInjectionConfig> bad = FaultInjectionConfigFromJson(c.text, "f.json");
    ASSERT_FALSE(bad.ok()) << c.text;
    EXPECT_EQ(std::string(bad.status().message()).substr(0, c.message.size()), c.message)
        << bad.status();
  }
}

TEST(FaultInjectionTest, ErrorRateOneAnswersServerUnavailableAndWritesNothing) {
  events::FaultConfig faults;
  faults.default_rates.server_unavailable = 1;
  FullTestOrg org(WithInjection(std::nullopt, faults));  // the fixture's token fetch succeeded
  HttpResult r =
      org.Call("POST", FullTestOrg::Path("/sobjects/Collection_Account__c"), R"({"Name": "A-1"})");
  ExpectError(r, 503, "SERVER_UNAVAILABLE",
              "Server is temporarily unavailable. Please try again later.");
  EXPECT_EQ(LiveAccounts(org.org()), 0u);
  ExpectError(org.Call("GET", Query("SELECT Id FROM Account")), 503, "SERVER_UNAVAILABLE",
              "Server is temporarily unavailable. Please try again later.");
  // Not API routes: never faulted.
  EXPECT_EQ(org.Call("GET", "/services/data").status, 200);
  EXPECT_FALSE(
      http::testing::FetchToken(org.port(), http::testing::kClientId, http::testing::kClientSecret)
          .empty());
  const nlohmann::json handshake =
      org.Bayeux(nlohmann::json::array({{{"channel", "/meta/handshake"},
                                         {"version", "1.0"},
                                         {"supportedConnectionTypes", {"long-polling"}},
                                         {"id", "1"}}}));
  EXPECT_EQ(handshake[0].value("successful", false), true) << handshake.dump();
  EXPECT_EQ(org.api().injector()->requests(OrgOperation::kCreate), 1u);
  EXPECT_EQ(org.api().injector()->requests(OrgOperation::kQuery), 1u);
}

TEST(FaultInjectionTest, EachFaultHasSalesforcesShapeAndPerformsNoWrite) {
  events::FaultConfig faults;
  faults.operations["update"].unable_to_lock_row = 1;
  faults.operations["query"].session_expired = 1;
  faults.operations["delete"].request_limit_exceeded = 1;
  FullTestOrg org(WithInjection(std::nullopt, faults));
  HttpResult r =
      org.Call("POST", FullTestOrg::Path("/sobjects/Collection_Account__c"), R"({"Name": "A-1"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.Json()["id"];
  const std::string url = FullTestOrg::Path("/sobjects/Collection_Account__c/" + id);
  ExpectError(org.Call("PATCH", url, R"({"Name": "changed"})"), 400, "UNABLE_TO_LOCK_ROW",
              "unable to obtain exclusive access to this record or 1 records");
  ExpectError(org.Call("GET", Query("SELECT Name FROM Collection_Account__c")), 401,
              "INVALID_SESSION_ID", "Session expired or invalid");
  ExpectError(org.Call("DELETE", url), 403, "REQUEST_LIMIT_EXCEEDED",
              "TotalRequests Limit exceeded.");
  r = org.Call("GET", url);  // retrieve has no faults: the record is untouched
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["Name"], "A-1");
  EXPECT_EQ(LiveAccounts(org.org()), 1u);
  // A composite counts as one composite request: its subrequests are not faulted one by one.
  r = org.Call("POST", FullTestOrg::Path("/composite"),
               R"({"compositeRequest": [{"method": "PATCH", "referenceId": "u",
                   "url": ")" +
                   url + R"(", "body": {"Name": "via composite"}}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["compositeResponse"][0]["httpStatusCode"], 204) << r.body;
}

// The statuses of `n` retrieves of one record.
std::vector<int> RetrieveStatuses(FullTestOrg& org, const std::string& url, int n) {
  std::vector<int> statuses;
  for (int i = 0; i < n; ++i) statuses.push_back(org.Call("GET", url).status);
  return statuses;
}

TEST(FaultInjectionTest, FaultsFollowTheModelsKeyedDrawsPerOperation) {
  events::FaultConfig faults;
  faults.operations["retrieve"].server_unavailable = 0.3;
  faults.operations["retrieve"].unable_to_lock_row = 0.3;
  StatusOr<events::FaultModel> model = events::FaultModel::Create(faults, 11);
  ASSERT_TRUE(model.ok());
  std::vector<int> expected;
  for (uint64_t i = 0; i < 40; ++i) {
    const std::optional<events::Fault> fault = model->Draw(OrgOperation::kRetrieve, i);
    expected.push_back(fault.has_value() ? fault->response->http_status : 200);
  }
  std::vector<int> first;
  {
    FullTestOrg org(WithInjection(std::nullopt, faults, 11));
    const HttpResult created =
        org.Call("POST", FullTestOrg::Path("/sobjects/Account"), R"({"Name": "Acme"})");
    ASSERT_EQ(created.status, 201);
    const std::string url =
        FullTestOrg::Path("/sobjects/Account/" + created.Json()["id"].get<std::string>());
    first = RetrieveStatuses(org, url, 20);
    // Requests of other operations in between do not shift the retrieve stream.
    EXPECT_EQ(org.Call("GET", Query("SELECT Id FROM Account")).status, 200);
    const std::vector<int> rest = RetrieveStatuses(org, url, 20);
    first.insert(first.end(), rest.begin(), rest.end());
  }
  EXPECT_EQ(first, expected);
  EXPECT_NE(std::count(first.begin(), first.end(), 200), 40);
  EXPECT_NE(std::count(first.begin(), first.end(), 200), 0);
}

TEST(FaultInjectionTest, ATimeoutClosesTheConnectionWithoutAnAnswer) {
  events::FaultConfig faults;
  faults.timeout_after_ms = 800;
  faults.operations["query"].timeout = 1;
  FullTestOrg org(WithInjection(std::nullopt, faults),
                  [](http::OrgServerOptions& o) { o.http.threads = 1; });
  TestClient hung(org.port());
  const auto start = std::chrono::steady_clock::now();
  hung.WriteRaw("GET " + Query("SELECT Id FROM Account") +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + org.rest().auth() + "\r\n\r\n");
  // Meanwhile the (single) worker serves others.
  EXPECT_EQ(org.Call("GET", FullTestOrg::Path("/sobjects")).status, 200);
  EXPECT_LT(MillisSince(start), 600);
  const HttpResult r = hung.ReadResponse(5'000);
  EXPECT_EQ(r.status, 0) << r.body;  // closed, no response
  EXPECT_GE(MillisSince(start), 790);
  EXPECT_LT(MillisSince(start), 4'000);
}

TEST(FaultInjectionTest, LatencyHoldsTheResponseWithoutHoldingAWorker) {
  FullTestOrg org(WithInjection(LatencyFor("query", 1'000), std::nullopt),
                  [](http::OrgServerOptions& o) { o.http.threads = 1; });
  TestClient slow(org.port());
  const auto start = std::chrono::steady_clock::now();
  slow.WriteRaw("GET " + Query("SELECT Id FROM Account") +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + org.rest().auth() + "\r\n\r\n");
  ASSERT_TRUE(WaitUntil([&] { return org.api().injector()->requests(OrgOperation::kQuery) == 1; }));
  HttpResult r = org.Call("GET", FullTestOrg::Path("/sobjects/Account/describe"));
  EXPECT_EQ(r.status, 200);
  EXPECT_LT(MillisSince(start), 800);
  r = slow.ReadResponse(5'000);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["totalSize"], 0);
  EXPECT_FALSE(r.Header("sforce-limit-info").empty());
  EXPECT_GE(MillisSince(start), 990);
  // The connection stays usable.
  const auto again = std::chrono::steady_clock::now();
  r = slow.Request("GET", Query("SELECT Id FROM Account"), "",
                   {{"Authorization", org.rest().auth()}});
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(MillisSince(again), 990);
}

TEST(FaultInjectionTest, LatencyAlsoDelaysFaultAnswers) {
  events::FaultConfig faults;
  faults.operations["create"].server_unavailable = 1;
  FullTestOrg org(WithInjection(LatencyFor("create", 300), faults));
  const auto start = std::chrono::steady_clock::now();
  const HttpResult r =
      org.Call("POST", FullTestOrg::Path("/sobjects/Account"), R"({"Name": "Acme"})");
  EXPECT_EQ(r.status, 503);
  EXPECT_GE(MillisSince(start), 290);
}

TEST(FaultInjectionTest, StopAnswersHeldRequestsAndClosesHungOnes) {
  events::FaultConfig faults;
  faults.operations["query"].timeout = 1;  // hangs 120 s by default
  FullTestOrg org(WithInjection(LatencyFor("retrieve", 60'000), faults));
  TestClient held(org.port());
  TestClient hung(org.port());
  held.WriteRaw("GET " + FullTestOrg::Path("/sobjects") +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + org.rest().auth() + "\r\n\r\n");
  hung.WriteRaw("GET " + Query("SELECT Id FROM Account") +
                " HTTP/1.1\r\nHost: x\r\nAuthorization: " + org.rest().auth() + "\r\n\r\n");
  ASSERT_TRUE(WaitUntil([&] {
    return org.api().injector()->requests(OrgOperation::kRetrieve) == 1 &&
           org.api().injector()->requests(OrgOperation::kQuery) == 1;
  }));
  const auto start = std::chrono::steady_clock::now();
  org.rest().server().Stop();
  EXPECT_LT(MillisSince(start), 1'500);  // not the 2 s drain timeout
  const HttpResult answered = held.ReadResponse(2'000);
  EXPECT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Header("connection"), "close");
  EXPECT_EQ(hung.ReadResponse(2'000).status, 0);
}

}  // namespace
}  // namespace recoup::sim::org::rest::testing
