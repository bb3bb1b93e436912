// FullTestOrg: a started mock org serving every REST resource through OrgRestApi
// (sim/org/rest/org_routes.h), as `recoup org serve` does, for the end-to-end and fault-injection
// tests; plus small helpers that speak Bayeux and poll Bulk jobs.
#ifndef RECOUP_TESTS_SIM_ORG_REST_FULL_TEST_ORG_H_
#define RECOUP_TESTS_SIM_ORG_REST_FULL_TEST_ORG_H_

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "sim/org/rest/org_routes.h"
#include "tests/sim/org/rest/rest_test_org.h"

namespace recoup::sim::org::rest::testing {

class FullTestOrg {
 public:
  // `config.serve_limits` is forced on (the server is created without its own /limits).
  explicit FullTestOrg(OrgRestConfig config = {},
                       const std::function<void(http::OrgServerOptions&)>& tweak_server = {},
                       const std::function<void(OrgConfig&)>& tweak_org = {})
      : rest_(
            [this, config](Org& org, http::OrgServer& server) mutable -> Status {
              config.serve_limits = true;
              StatusOr<std::unique_ptr<OrgRestApi>> api =
                  OrgRestApi::Create(org, server, std::move(config));
              if (!api.ok()) return api.status();
              api_ = std::move(api).value();
              return OkStatus();
            },
            [tweak_server](http::OrgServerOptions& options) {
              options.serve_limits = false;
              if (tweak_server) tweak_server(options);
            },
            tweak_org) {}

  // The API lives until the server has stopped, and goes before the org.
  ~FullTestOrg() {
    rest_.server().Stop();
    api_.reset();
  }

  RestTestOrg& rest() { return rest_; }
  Org& org() { return rest_.org(); }
  OrgRestApi& api() { return *api_; }
  uint16_t port() const { return rest_.port(); }

  // A REST call on a fresh connection (RestTestOrg::Call).
  HttpResult Call(const std::string& method, const std::string& target,
                  const std::string& body = "", Headers headers = {}) {
    return rest_.Call(method, target, body, std::move(headers));
  }
  static std::string Path(const std::string& rest) { return RestTestOrg::Path(rest); }

  // POSTs a Bayeux message batch to /cometd/62.0 with "Authorization: OAuth <token>"; the reply's
  // messages (an empty array and a failed expectation unless HTTP 200 with a JSON array).
  nlohmann::json Bayeux(const nlohmann::json& messages) {
    TestClient client(port());
    const HttpResult r = client.Request(
        "POST", "/cometd/62.0", messages.dump(),
        {{"Content-Type", "application/json"}, {"Authorization", "OAuth " + rest_.token()}});
    EXPECT_EQ(r.status, 200) << r.body;
    const nlohmann::json json = r.Json();
    EXPECT_TRUE(json.is_array()) << r.body;
    return json.is_array() ? json : nlohmann::json::array();
  }

 private:
  std::unique_ptr<OrgRestApi> api_;  // declared first: set while rest_ is being built
  RestTestOrg rest_;
};

// Waits up to timeout_ms for pred() to hold, checking every 5 ms.
inline bool WaitUntil(const std::function<bool()>& pred, int timeout_ms = 10'000) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// Milliseconds since `start` on the steady clock.
inline int64_t MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_FULL_TEST_ORG_H_
