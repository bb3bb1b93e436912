// BulkTestOrg: a started mock org serving the Bulk API 2.0 routes (sim/org/rest/bulk/), plus the
// client steps the Bulk tests repeat: create a job, upload CSV, close it, drive or await its
// processing, read its info and result files.
#ifndef RECOUP_TESTS_SIM_ORG_REST_BULK_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_REST_BULK_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sim/org/rest/bulk/bulk_service.h"
#include "tests/sim/org/rest/rest_test_org.h"

namespace recoup::sim::org::rest::testing {

// The first Collection_Account__c row's Id and so on: key prefix + "000" + 9 base-62 digits.
inline std::string GeneratedId(std::string_view prefix, uint64_t serial) {
  return SfId::Generate(prefix, serial).ToLong();
}

class BulkTestOrg {
 public:
  // Manual processing by default (RunAll drives it), so tests see every state deterministically.
  explicit BulkTestOrg(BulkConfig config = ManualConfig(),
                       const std::function<void(http::OrgServerOptions&)>& tweak_server = {})
      : org_(
            [this, config](Org& org, http::OrgServer& server) -> Status {
              StatusOr<std::unique_ptr<BulkService>> created =
                  BulkService::Create(org, server, config);
              if (!created.ok()) return created.status();
              bulk_ = std::move(created).value();
              return OkStatus();
            },
            tweak_server) {}

  static BulkConfig ManualConfig() {
    BulkConfig config;
    config.auto_process = false;
    return config;
  }

  RestTestOrg& rest() { return org_; }
  Org& org() { return org_.org(); }
  BulkService& bulk() { return *bulk_; }
  http::testing::FakeClock& clock() { return org_.clock(); }

  // One request to "/services/data/v62.0" + rest_path with the current token (JSON content type
  // when there is a body).
  HttpResult Call(const std::string& method, const std::string& rest_path,
                  const std::string& body = "", Headers headers = {}) {
    TestClient client(org_.port());
    headers.emplace_back("Authorization", auth());
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client.Request(method, RestTestOrg::Path(rest_path), body, headers);
  }
  std::string auth() const { return "Bearer " + (token_.empty() ? org_.token() : token_); }
  // Fetches a new token (after the fake clock moved past the first one's lifetime).
  void RenewToken() {
    token_ = http::testing::FetchToken(org_.port(), http::testing::kClientId,
                                       http::testing::kClientSecret);
  }

  // POST .../jobs/<kind> with `body`; returns the job id (test failure if not 200).
  std::string CreateJob(const std::string& kind, const nlohmann::json& body) {
    HttpResult r = Call("POST", "/jobs/" + kind, body.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    const nlohmann::json job = r.Json();
    return job.is_object() ? job.value("id", "") : "";
  }
  std::string CreateIngest(const std::string& object, const std::string& operation,
                           nlohmann::json extra = nlohmann::json::object()) {
    extra["object"] = object;
    extra["operation"] = operation;
    return CreateJob("ingest", extra);
  }
  HttpResult Upload(const std::string& id, const std::string& csv,
                    const std::string& content_type = "text/csv") {
    TestClient client(org_.port());
    return client.Request("PUT", RestTestOrg::Path("/jobs/ingest/" + id + "/batches"), csv,
                          {{"Authorization", auth()}, {"Content-Type", content_type}});
  }
  HttpResult SetState(const std::string& kind, const std::string& id, const std::string& state) {
    return Call("PATCH", "/jobs/" + kind + "/" + id, nlohmann::json({{"state", state}}).dump());
  }
  nlohmann::json Info(const std::string& kind, const std::string& id) {
    HttpResult r = Call("GET", "/jobs/" + kind + "/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }
  std::string Result(const std::string& id, const std::string& which) {
    HttpResult r = Call("GET", "/jobs/ingest/" + id + "/" + which);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), "text/csv");
    return r.body;
  }
  // Runs processing steps until no job has work; returns how many ran.
  int RunAll() {
    int steps = 0;
    while (bulk_->RunStep()) ++steps;
    return steps;
  }
  // Creates, uploads, closes and processes an ingest job; returns its id.
  std::string RunIngest(const std::string& object, const std::string& operation,
                        const std::string& csv, nlohmann::json extra = nlohmann::json::object()) {
    const std::string id = CreateIngest(object, operation, std::move(extra));
    EXPECT_EQ(Upload(id, csv).status, 201);
    EXPECT_EQ(SetState("ingest", id, "UploadComplete").status, 200);
    RunAll();
    return id;
  }
  // Polls GET job info (auto processing) until the state is final or `seconds` pass.
  nlohmann::json AwaitFinal(const std::string& kind, const std::string& id, int seconds = 20) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    nlohmann::json info;
    while (std::chrono::steady_clock::now() < deadline) {
      info = Info(kind, id);
      const std::string state = info.is_object() ? info.value("state", "") : "";
      if (state == "JobComplete" || state == "Failed" || state == "Aborted") return info;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "job " << id << " did not finish: " << info.dump();
    return info;
  }

  // Creates a record directly in the store (test setup), at the fake clock's time.
  std::string Seed(const std::string& object, const nlohmann::json& fields) {
    Org::Session session = org().Lock();
    const ObjectDef* def = org().schema().FindObject(object);
    SfOr<RecordInput> input = RecordInputFromJson(*def, org().schema(), fields);
    EXPECT_TRUE(input.ok());
    SfOr<SfId> id = session.store().Create(*def, *input, clock().Now(), OrgUserId(0));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? id->ToLong() : "";
  }
  // The value of `field` of record `id`, as JSON (null when deleted or absent).
  nlohmann::json Field(const std::string& object, const std::string& id, const std::string& field) {
    Org::Session session = org().Lock();
    const ObjectDef* def = org().schema().FindObject(object);
    SfOr<SfId> parsed = ParseId(id);
    if (!parsed.ok()) return nullptr;
    SfOr<RowIndex> row = session.store().FindRow(*def, *parsed, /*all_rows=*/true);
    if (!row.ok()) return nullptr;
    return ValueToJson(session.store().Get(*def, *row, *def->FindField(field)));
  }

 private:
  std::unique_ptr<BulkService> bulk_;  // declared first: destroyed after the server has stopped
  RestTestOrg org_;
  std::string token_;  // "" = the fixture's first token
};

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_BULK_TEST_UTIL_H_
