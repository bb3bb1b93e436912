// RestTestOrg: a started mock org for the REST contract tests: an OrgServer on 127.0.0.1 (port 0,
// the controllable FakeClock of test_org.h, client "test-client" / "test-secret") with an Org
// behind it and the route groups the test asks for, plus short helpers to call it as a client.
#ifndef RECOUP_TESTS_SIM_ORG_REST_REST_TEST_ORG_H_
#define RECOUP_TESTS_SIM_ORG_REST_REST_TEST_ORG_H_

#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "core/base/status.h"
#include "sim/org/http/org_server.h"
#include "sim/org/service/org.h"
#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_org.h"

namespace recoup::sim::org::rest::testing {

using http::testing::Headers;
using http::testing::HttpResult;
using http::testing::TestClient;

// Registers a route group: e.g. [](Org& org, http::OrgServer& s) { return AddSObjectRoutes(...); }
using RouteGroup = std::function<Status(Org& org, http::OrgServer& server)>;

class RestTestOrg {
 public:
  // `tweak_server` / `tweak_org` edit the options before anything is created.
  explicit RestTestOrg(const RouteGroup& routes,
                       const std::function<void(http::OrgServerOptions&)>& tweak_server = {},
                       const std::function<void(OrgConfig&)>& tweak_org = {})
      : server_(tweak_server, [&](http::OrgServer& server) {
          OrgConfig config;
          if (tweak_org) tweak_org(config);
          StatusOr<std::unique_ptr<Org>> org = Org::Create(std::move(config), &server.api_limits());
          if (!org.ok()) {
            std::cerr << "RestTestOrg: " << org.status() << "\n";
            std::abort();
          }
          org_ = std::move(org).value();
          Status added = routes(*org_, server);
          if (!added.ok()) {
            std::cerr << "RestTestOrg: " << added << "\n";
            std::abort();
          }
        }) {
    token_ = server_.Token();
  }

  Org& org() { return *org_; }
  http::OrgServer& server() { return server_.org(); }
  uint16_t port() const { return server_.port(); }
  http::testing::FakeClock& clock() { return server_.clock(); }
  const std::string& token() const { return token_; }
  std::string auth() const { return "Bearer " + token_; }
  // "/services/data/v62.0" + rest.
  static std::string Path(const std::string& rest) { return "/services/data/v62.0" + rest; }

  // One request on a fresh connection with the test's bearer token (and JSON content type when a
  // body is given), plus `headers`.
  HttpResult Call(const std::string& method, const std::string& target,
                  const std::string& body = "", Headers headers = {}) {
    TestClient client(port(), server_.tls());
    headers.emplace_back("Authorization", auth());
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client.Request(method, target, body, headers);
  }

 private:
  std::unique_ptr<Org> org_;  // declared first: outlives the server whose handlers use it
  http::testing::TestOrg server_;
  std::string token_;
};

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_REST_TEST_ORG_H_
