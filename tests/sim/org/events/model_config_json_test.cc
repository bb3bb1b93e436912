// Reading latency and fault configurations from JSON: round trips into the structs and
// structural errors naming the path.
#include "sim/org/events/model_config_json.h"

#include <gtest/gtest.h>

namespace recoup::sim::org::events {
namespace {

using Json = nlohmann::json;

TEST(LatencyConfigFromJsonTest, ReadsDefaultAndOperations) {
  const Json json = Json::parse(R"({
    "default": {"kind": "lognormal", "median_ms": 120, "p99_ms": 900},
    "operations": {"query": {"kind": "constant", "value_ms": 20},
                   "bulk": {"kind": "empirical", "samples_ms": [900, 1200], "method": "resample"}}
  })");
  StatusOr<LatencyConfig> config = LatencyConfigFromJson(json);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->default_spec.median_ms, 120);
  EXPECT_EQ(config->default_spec.p99_ms, 900);
  EXPECT_EQ(config->operations.at("query").kind, "constant");
  EXPECT_EQ(config->operations.at("query").value_ms, 20);
  EXPECT_EQ(config->operations.at("bulk").samples_ms, (std::vector<double>{900, 1200}));
  EXPECT_EQ(config->operations.at("bulk").method, "resample");
  EXPECT_EQ(config->operations.at("token").median_ms, 100) << "defaults not overridden stay";
  StatusOr<LatencyModel> model = LatencyModel::Create(*config, 1);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->Sample(OrgOperation::kQuery, 5), Duration::Milliseconds(20));
  EXPECT_TRUE(LatencyConfigFromJson(Json::object()).ok());
}

TEST(FaultConfigFromJsonTest, ReadsRates) {
  const Json json = Json::parse(R"({"timeout_after_ms": 30000,
    "default": {"server_unavailable": 0.001},
    "operations": {"update": {"unable_to_lock_row": 0.02, "session_expired": 0.0005}}})");
  StatusOr<FaultConfig> config = FaultConfigFromJson(json);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->timeout_after_ms, 30000);
  EXPECT_EQ(config->default_rates.server_unavailable, 0.001);
  EXPECT_EQ(config->operations.at("update").unable_to_lock_row, 0.02);
  EXPECT_EQ(config->operations.at("update").session_expired, 0.0005);
  EXPECT_EQ(config->operations.at("update").server_unavailable, 0) << "not inherited";
}

TEST(ModelConfigJsonTest, StructuralErrorsNameThePath) {
  struct Case {
    bool latency;
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {true, "[]", "latency: expected an object, got []"},
      {true, R"({"defaults": {}})",
       "latency.defaults: unknown field; expected one of default, operations"},
      {true, R"({"operations": {"query": {"median_ms": "fast"}}})",
       "latency.operations.query.median_ms: expected a number, got \"fast\""},
      {true, R"({"operations": {"query": {"kind": 3}}})",
       "latency.operations.query.kind: expected a string, got 3"},
      {true, R"({"operations": {"bulk": {"samples_ms": [1, "x"]}}})",
       "latency.operations.bulk.samples_ms[1]: expected a number, got \"x\""},
      {true, R"({"operations": {"bulk": {"samples_ms": 5}}})",
       "latency.operations.bulk.samples_ms: expected an array of numbers, got 5"},
      {true, R"({"operations": {"query": {"p95_ms": 1}}})",
       "latency.operations.query.p95_ms: unknown field; expected one of kind, value_ms, "
       "median_ms, p99_ms, samples_ms, method"},
      {true, R"({"operations": []})", "latency.operations: expected an object, got []"},
      {false, R"({"default": {"timeouts": 0.1}})",
       "faults.default.timeouts: unknown field; expected one of unable_to_lock_row, "
       "server_unavailable, timeout, session_expired, request_limit_exceeded"},
      {false, R"({"timeout_after_ms": "1m"})",
       "faults.timeout_after_ms: expected a number, got \"1m\""},
      {false, R"({"operations": {"create": 0.1}})",
       "faults.operations.create: expected an object, got 0.1"},
  };
  for (const Case& c : cases) {
    const Json json = Json::parse(c.json);
    const Status status =
        c.latency ? LatencyConfigFromJson(json).status() : FaultConfigFromJson(json).status();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_EQ(status.message(), c.message);
  }
}

}  // namespace
}  // namespace recoup::sim::org::events
