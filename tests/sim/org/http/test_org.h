// TestOrg: an OrgServer on 127.0.0.1 with port 0 and a controllable clock, started in-process for
// the HTTP tests, with the client "test-client" / "test-secret".
#ifndef RECOUP_TESTS_SIM_ORG_HTTP_TEST_ORG_H_
#define RECOUP_TESTS_SIM_ORG_HTTP_TEST_ORG_H_

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "core/base/time.h"
#include "sim/org/http/org_server.h"
#include "tests/sim/org/http/test_client.h"

namespace recoup::sim::org::http::testing {

inline constexpr char kClientId[] = "test-client";
inline constexpr char kClientSecret[] = "test-secret";

// A clock the test moves by hand; starts at 2025-03-01T12:00:00Z.
class FakeClock {
 public:
  Timestamp Now() const { return Timestamp::FromUnixNanos(ns_.load()); }
  void Advance(Duration d) { ns_.fetch_add(d.nanos()); }
  Clock AsClock() {
    return [this] { return Now(); };
  }

 private:
  std::atomic<int64_t> ns_{Timestamp::FromCivilUtc(2025, 3, 1, 12, 0, 0).unix_nanos()};
};

inline OrgServerOptions DefaultTestOptions() {
  OrgServerOptions o;
  o.http.port = 0;
  o.http.threads = 2;
  o.oauth.clients.push_back({kClientId, kClientSecret, ""});
  o.oauth.users.push_back(DefaultPrincipal());
  o.oauth.seed = 42;
  o.http.drain_timeout = Duration::Seconds(2);
  return o;
}

class TestOrg {
 public:
  // `tweak` edits the options; `add_routes` registers extra routes before the server starts.
  explicit TestOrg(const std::function<void(OrgServerOptions&)>& tweak = {},
                   const std::function<void(OrgServer&)>& add_routes = {}) {
    OrgServerOptions options = DefaultTestOptions();
    options.http.clock = clock_.AsClock();
    if (tweak) tweak(options);
    StatusOr<std::unique_ptr<OrgServer>> created = OrgServer::Create(std::move(options));
    if (!created.ok()) {
      std::cerr << "TestOrg: " << created.status() << "\n";
      std::abort();
    }
    org_ = std::move(created).value();
    if (add_routes) add_routes(*org_);
    Status started = org_->Start();
    if (!started.ok()) {
      std::cerr << "TestOrg: " << started << "\n";
      std::abort();
    }
  }

  OrgServer& org() { return *org_; }
  uint16_t port() const { return org_->port(); }
  FakeClock& clock() { return clock_; }
  bool tls() { return org_->server().tls(); }
  // A fresh access token from the client credentials flow.
  std::string Token() { return FetchToken(port(), kClientId, kClientSecret, tls()); }

 private:
  FakeClock clock_;  // declared first: outlives the server that reads it
  std::unique_ptr<OrgServer> org_;
};

}  // namespace recoup::sim::org::http::testing

#endif  // RECOUP_TESTS_SIM_ORG_HTTP_TEST_ORG_H_
