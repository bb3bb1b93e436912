// CometdTestOrg: a started mock org serving CometD (sim/org/rest/cometd_service.h) for the contract
// tests, with helpers that speak Bayeux as faye / jsforce do (every message batch POSTed to
// /cometd/62.0 with "Authorization: OAuth <token>"), and raw connections for parked long polls.
#ifndef RECOUP_TESTS_SIM_ORG_REST_COMETD_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_REST_COMETD_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "sim/org/http/oauth.h"
#include "sim/org/rest/cometd_service.h"
#include "tests/sim/org/rest/rest_test_org.h"

namespace recoup::sim::org::rest::testing {

inline constexpr char kEventChannel[] = "/event/Collection_Event__e";
inline constexpr char kCometdPath[] = "/cometd/62.0";

// The HTTP text of a POST of `body` to `path`, with "Authorization: <authorization>" unless empty.
inline std::string RawPost(const std::string& path, const std::string& body,
                           const std::string& authorization) {
  std::string raw = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!authorization.empty()) raw += "Authorization: " + authorization + "\r\n";
  raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
  return raw;
}

// [{"channel":"/meta/connect","clientId":...,"connectionType":"long-polling","id":...}], with
// "advice":{"timeout":timeout_ms} when given (faye's first connect sends 0).
inline std::string ConnectBody(const std::string& client_id, const std::string& id,
                               std::optional<int64_t> timeout_ms = std::nullopt) {
  nlohmann::json message = {{"channel", "/meta/connect"},
                            {"clientId", client_id},
                            {"connectionType", "long-polling"},
                            {"id", id}};
  if (timeout_ms.has_value()) message["advice"] = {{"timeout", *timeout_ms}};
  return nlohmann::json::array({message}).dump();
}

// A /meta/subscribe message (not wrapped in an array); with ext.replay when `replay` is given.
inline nlohmann::json SubscribeMessage(const std::string& client_id, const std::string& channel,
                                       std::optional<int64_t> replay, const std::string& id) {
  nlohmann::json message = {{"channel", "/meta/subscribe"},
                            {"clientId", client_id},
                            {"subscription", channel},
                            {"id", id}};
  if (replay.has_value()) message["ext"] = {{"replay", {{channel, *replay}}}};
  return message;
}

// Waits up to timeout_ms for pred() to hold, checking every 5 ms.
inline bool WaitFor(const std::function<bool()>& pred, int timeout_ms = 5'000) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!pred()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class CometdTestOrg {
 public:
  explicit CometdTestOrg(CometdConfig config = {},
                         const std::function<void(http::OrgServerOptions&)>& tweak_server = {},
                         const std::function<void(OrgConfig&)>& tweak_org = {})
      : rest_(
            [this, config](Org& org, http::OrgServer& server) -> Status {
              StatusOr<std::unique_ptr<CometdService>> created =
                  CometdService::Create(org, server, config);
              if (!created.ok()) return created.status();
              service_ = std::move(created).value();
              return OkStatus();
            },
            tweak_server, tweak_org) {}

  // The service lives until the server has stopped, and goes before the org.
  ~CometdTestOrg() {
    rest_.server().Stop();
    service_.reset();
  }

  RestTestOrg& rest() { return rest_; }
  Org& org() { return rest_.org(); }
  CometdService& service() { return *service_; }
  uint16_t port() const { return rest_.port(); }
  http::testing::FakeClock& clock() { return rest_.clock(); }
  // What CometD clients send: "OAuth <token>".
  std::string auth() const { return "OAuth " + rest_.token(); }

  // POSTs `body` to `path` on a fresh connection (no Authorization header when `authorization` is
  // empty).
  HttpResult Post(const std::string& body, const std::string& authorization,
                  const std::string& path = kCometdPath) {
    TestClient client(port());
    Headers headers = {{"Content-Type", "application/json"}};
    if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
    return client.Request("POST", path, body, headers);
  }
  HttpResult Post(const std::string& body) { return Post(body, auth()); }

  // The messages of a 200 reply (a JSON array); a failed expectation and an empty array otherwise.
  nlohmann::json Messages(const std::string& body) {
    HttpResult result = Post(body);
    EXPECT_EQ(result.status, 200) << result.body;
    nlohmann::json json = result.Json();
    EXPECT_TRUE(json.is_array()) << result.body;
    return json.is_array() ? json : nlohmann::json::array();
  }

  // A successful handshake's clientId ("" and a failed expectation otherwise).
  std::string Handshake(const std::string& authorization = "") {
    const std::string body =
        R"([{"channel":"/meta/handshake","version":"1.0","supportedConnectionTypes":)"
        R"(["long-polling"],"id":"1"}])";
    HttpResult result = Post(body, authorization.empty() ? auth() : authorization);
    const nlohmann::json json = result.Json();
    const bool ok = result.status == 200 && json.is_array() && json.size() == 1 &&
                    json[0].value("successful", false) && json[0].contains("clientId");
    EXPECT_TRUE(ok) << result.body;
    return ok ? json[0]["clientId"].get<std::string>() : std::string();
  }

  // Subscribes; returns the /meta/subscribe reply.
  nlohmann::json Subscribe(const std::string& client_id, const std::string& channel,
                           std::optional<int64_t> replay = std::nullopt) {
    const nlohmann::json messages =
        Messages(nlohmann::json::array({SubscribeMessage(client_id, channel, replay, "2")}).dump());
    return messages.size() == 1 ? messages[0] : nlohmann::json();
  }

  // A connect answered at once (the client's first, or advice.timeout 0): the reply messages.
  nlohmann::json ConnectNow(const std::string& client_id, const std::string& id = "3") {
    return Messages(ConnectBody(client_id, id, 0));
  }

  // Handshake + subscribe to kEventChannel (replay -1) + the first connect: a client ready to park.
  std::string ReadyClient() {
    const std::string client_id = Handshake();
    EXPECT_EQ(Subscribe(client_id, kEventChannel).value("successful", false), true);
    ConnectNow(client_id);
    return client_id;
  }

  // A connection whose connect (no advice: parks up to advice.timeout) has been sent.
  std::unique_ptr<TestClient> StartPoll(const std::string& client_id, const std::string& id,
                                        std::optional<int64_t> timeout_ms = std::nullopt) {
    auto client = std::make_unique<TestClient>(port());
    client->WriteRaw(RawPost(kCometdPath, ConnectBody(client_id, id, timeout_ms), auth()));
    return client;
  }

  // Waits until exactly `n` polls are parked in the service.
  bool WaitParked(std::size_t n) {
    return WaitFor([&] { return service_->parked_requests() == n; });
  }

  // Publishes {"Message__c": message} on kEventChannel at the clock's now; returns the replay id.
  int64_t Publish(const std::string& message) {
    SfOr<events::PublishResult> published = org().events().Publish(
        kEventChannel, {{"Message__c", message}}, clock().Now(), http::kDefaultUserId);
    EXPECT_TRUE(published.ok());
    return published.ok() ? published->replay_id : -1;
  }

 private:
  std::unique_ptr<CometdService> service_;  // declared first: set while rest_ is being built
  RestTestOrg rest_;
};

// The replay ids of the delivered events among `messages`, in order.
inline std::vector<int64_t> ReplayIds(const nlohmann::json& messages) {
  std::vector<int64_t> ids;
  for (const nlohmann::json& m : messages) {
    if (m.value("channel", "") == kEventChannel) ids.push_back(m["data"]["event"]["replayId"]);
  }
  return ids;
}

}  // namespace recoup::sim::org::rest::testing

#endif  // RECOUP_TESTS_SIM_ORG_REST_COMETD_TEST_UTIL_H_
