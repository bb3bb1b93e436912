// Contract tests of the mock org's CometD endpoint over real HTTP (reference/salesforce-api.md
// sections 5.2 and 10 item 5): routes and transport refusals, handshake with and without a valid
// session, subscribe errors, replay options (-1, -2, N, expired and future N), faye's batches,
// disconnect, the periodic client expiry, and configuration errors. Long polls, abandonment, Stop
// and starvation are in cometd_poll_test.cc.
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/org/http/oauth.h"
#include "sim/org/ids.h"
#include "sim/org/rest/cometd_service.h"
#include "tests/sim/org/http/test_org.h"
#include "tests/sim/org/rest/cometd_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using nlohmann::json;
using testing::CometdTestOrg;
using testing::ConnectBody;
using testing::HttpResult;
using testing::kCometdPath;
using testing::kEventChannel;
using testing::ReplayIds;
using testing::SubscribeMessage;

constexpr char kFayeHandshake[] =
    R"([{"channel":"/meta/handshake","version":"1.0","supportedConnectionTypes":)"
    R"(["in-process","websocket","long-polling"],"id":"1"}])";

TEST(CometdRoutes, HandshakeAnswersLongPollingWithTheReplayExtension) {
  CometdTestOrg org;
  const HttpResult result = org.Post(kFayeHandshake);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.Header("content-type"), "application/json;charset=UTF-8");
  // Not counted against the daily API allocation.
  EXPECT_EQ(result.Header("sforce-limit-info"), "api-usage=0/15000");
  const json messages = result.Json();
  ASSERT_TRUE(messages.is_array());
  ASSERT_EQ(messages.size(), 1u);
  const json& reply = messages[0];
  EXPECT_EQ(reply["channel"], "/meta/handshake");
  ASSERT_TRUE(reply["clientId"].is_string());
  EXPECT_EQ(reply["clientId"].get<std::string>().size(), 26u);
  EXPECT_EQ(reply["version"], "1.0");
  EXPECT_EQ(reply["minimumVersion"], "1.0");
  EXPECT_EQ(reply["supportedConnectionTypes"], json::array({"long-polling"}));
  EXPECT_EQ(reply["successful"], true);
  EXPECT_EQ(reply["ext"], json({{"replay", true}, {"payload.format", true}}));
  EXPECT_EQ(reply["advice"], json({{"interval", 0}, {"timeout", 110000}, {"reconnect", "retry"}}));
  EXPECT_EQ(reply["id"], "1");
  EXPECT_EQ(org.service().engine().ClientCount(), 1u);
}

TEST(CometdRoutes, JavaClientPathsAndEveryServedVersionAreAccepted) {
  CometdTestOrg org;
  const HttpResult handshake = org.Post(kFayeHandshake, org.auth(), "/cometd/62.0/handshake");
  ASSERT_EQ(handshake.status, 200) << handshake.body;
  const std::string client_id = handshake.Json()[0]["clientId"];
  const HttpResult subscribe =
      org.Post(json::array({SubscribeMessage(client_id, kEventChannel, std::nullopt, "2")}).dump(),
               org.auth(), "/cometd/62.0/meta/subscribe");
  ASSERT_EQ(subscribe.status, 200);
  EXPECT_EQ(subscribe.Json()[0]["successful"], true) << subscribe.body;
  const HttpResult connect =
      org.Post(ConnectBody(client_id, "3", 0), org.auth(), "/cometd/50.0/connect");
  ASSERT_EQ(connect.status, 200);
  EXPECT_EQ(connect.Json()[0]["successful"], true) << connect.body;
  // Only served API versions: the same 404 NOT_FOUND as the REST resources.
  const HttpResult old = org.Post(kFayeHandshake, org.auth(), "/cometd/36.0");
  EXPECT_EQ(old.status, 404);
  EXPECT_EQ(old.Json()[0]["errorCode"], "NOT_FOUND");
}

TEST(CometdRoutes, WebSocketUpgradeAndOtherMethodsAreRefused) {
  CometdTestOrg org;
  testing::TestClient client(org.port());
  const HttpResult upgrade = client.Request("GET", kCometdPath, "",
                                            {{"Authorization", org.auth()},
                                             {"Connection", "Upgrade"},
                                             {"Upgrade", "websocket"},
                                             {"Sec-WebSocket-Version", "13"},
                                             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
  EXPECT_EQ(upgrade.status, 400);  // never 101: faye falls back to long polling
  EXPECT_EQ(upgrade.Json()[0]["errorCode"], "NOT_SUPPORTED");
  const HttpResult get = testing::TestClient(org.port())
                             .Request("GET", kCometdPath, "", {{"Authorization", org.auth()}});
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("allow"), "POST");
  EXPECT_EQ(get.Json()[0]["errorCode"], "METHOD_NOT_ALLOWED");
}

TEST(CometdRoutes, OversizedAndMalformedBodies) {
  CometdTestOrg org;
  const HttpResult large = org.Post("[" + std::string(40'000, ' ') + "]");
  EXPECT_EQ(large.status, 413);
  struct Case {
    std::string body;
    int status;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"not json", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {"[]", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {"42", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {"", 400, "400::The request body is not a JSON array of Bayeux messages"},
  };
  for (const Case& c : cases) {
    const HttpResult result = org.Post(c.body);
    EXPECT_EQ(result.status, c.status) << c.body;
    EXPECT_EQ(result.Json(), json::parse(R"([{"successful":false,"error":")" + c.error + "\"}]"))
        << c.body;
  }
  // A message that is not an object, inside an otherwise valid batch: HTTP 200.
  const json replies = org.Messages("[7]");
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0]["error"], "400::A Bayeux message must be a JSON object");
}

TEST(CometdAuth, HandshakeWithoutAValidSessionIsDenied) {
  const CometdConfig config;
  CometdTestOrg org(config, [](http::OrgServerOptions& o) {
    // A second OAuth user the org does not have: its tokens authenticate nobody here.
    http::Principal stranger = http::DefaultPrincipal();
    stranger.user_id = SfId::Generate("005", 9).ToLong();
    stranger.username = "stranger@recoup.example";
    o.oauth.users.push_back(stranger);
    o.oauth.clients.push_back({"stranger-client", "stranger-secret", "stranger@recoup.example"});
  });
  const std::string stranger_token =
      http::testing::FetchToken(org.port(), "stranger-client", "stranger-secret");
  ASSERT_FALSE(stranger_token.empty());
  const std::string revoked =
      http::testing::FetchToken(org.port(), http::testing::kClientId, http::testing::kClientSecret);
  const HttpResult revoke = testing::TestClient(org.port())
                                .Request("POST", "/services/oauth2/revoke", "token=" + revoked,
                                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(revoke.status, 200);

  struct Case {
    std::string authorization;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"", "401::Request requires authentication"},
      {"Basic dXNlcjpwYXNz", "401::Request requires authentication"},
      {"OAuth not-a-token", "401::Authentication invalid"},
      {"Bearer not-a-token", "401::Authentication invalid"},
      {"OAuth " + revoked, "401::Authentication invalid"},
      {"OAuth " + stranger_token, "401::Authentication invalid"},
  };
  for (const Case& c : cases) {
    const HttpResult result = org.Post(kFayeHandshake, c.authorization);
    ASSERT_EQ(result.status, 200) << c.authorization;  // Bayeux errors ride in a 200
    const json expected = json::parse(R"([{"channel":"/meta/handshake","id":"1",
        "successful":false,"error":"403::Handshake denied","advice":{"reconnect":"none"},
        "ext":{"sfdc":{"failureReason":")" +
                                      c.reason + R"("},"replay":true,"payload.format":true}}])");
    EXPECT_EQ(result.Json(), expected) << c.authorization;
  }
  EXPECT_EQ(org.service().engine().ClientCount(), 0u);
}

TEST(CometdAuth, OtherMessagesWithABadSessionOrAnotherUser) {
  const CometdConfig config;
  CometdTestOrg org(
      config,
      [](http::OrgServerOptions& o) {
        http::Principal second = http::DefaultPrincipal();
        second.user_id = OrgUserId(1).ToLong();
        second.username = "second@recoup.example";
        o.oauth.users.push_back(second);
        o.oauth.clients.push_back({"second-client", "second-secret", "second@recoup.example"});
      },
      [](OrgConfig& c) {
        OrgUser second;
        second.username = "second@recoup.example";
        second.email = "second@recoup.example";
        c.users.push_back(second);
      });
  const std::string client_id = org.Handshake();
  ASSERT_FALSE(client_id.empty());
  const std::string connect = ConnectBody(client_id, "3", 0);

  HttpResult bad = org.Post(connect, "OAuth not-a-token");
  ASSERT_EQ(bad.status, 200);
  EXPECT_EQ(bad.Json(), json::parse(R"([{"channel":"/meta/connect","clientId":")" + client_id +
                                    R"(","id":"3","successful":false,
      "error":"401::Authentication invalid","advice":{"reconnect":"none","interval":0}}])"));

  const std::string second_token =
      http::testing::FetchToken(org.port(), "second-client", "second-secret");
  ASSERT_FALSE(second_token.empty());
  HttpResult other = org.Post(connect, "OAuth " + second_token);
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(other.Json()[0]["error"],
            "400::Authenticated user id does not match the session's user id");
  // The second user can handshake on its own.
  EXPECT_FALSE(org.Handshake("OAuth " + second_token).empty());
}

TEST(CometdSubscribe, SuccessShapeAndChannelErrors) {
  CometdTestOrg org;
  const std::string client_id = org.Handshake();
  const json ok = org.Subscribe(client_id, kEventChannel);
  EXPECT_EQ(ok, json({{"channel", "/meta/subscribe"},
                      {"clientId", client_id},
                      {"subscription", kEventChannel},
                      {"successful", true},
                      {"id", "2"}}));
  struct Case {
    std::string channel;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"/event/Nope__e",
       "400::The channel you requested to subscribe to does not exist {/event/Nope__e}"},
      {"event/Collection_Event__e", "400::Channel subscriptions must start with a leading '/'"},
      {"", "400::Channel name not specified"},
      {"/meta/connect", "403::Restricted channel"},
  };
  for (const Case& c : cases) {
    const json reply = org.Subscribe(client_id, c.channel);
    EXPECT_EQ(reply["successful"], false) << c.channel;
    EXPECT_EQ(reply["error"], c.error) << c.channel;
    EXPECT_EQ(reply["subscription"], c.channel);
  }
  const json unknown = org.Subscribe("nosuchclient", kEventChannel);
  EXPECT_EQ(unknown["error"], "403::Unknown client");
  EXPECT_EQ(unknown["advice"]["reconnect"], "handshake");
}

TEST(CometdReplay, MinusOneMinusTwoAndAReplayId) {
  CometdTestOrg org;
  for (const char* m : {"a", "b", "c"}) org.Publish(m);
  struct Case {
    std::optional<int64_t> replay;
    std::vector<int64_t> delivered;
  };
  const std::vector<Case> cases = {
      {std::nullopt, {}}, {-1, {}}, {-2, {1, 2, 3}}, {0, {1, 2, 3}}, {1, {2, 3}}, {3, {}},
  };
  for (const Case& c : cases) {
    const std::string client_id = org.Handshake();
    const json sub = org.Subscribe(client_id, kEventChannel, c.replay);
    ASSERT_EQ(sub["successful"], true) << sub;
    const json replies = org.ConnectNow(client_id);
    EXPECT_EQ(ReplayIds(replies), c.delivered) << c.replay.value_or(-99);
    ASSERT_FALSE(replies.empty());
    EXPECT_EQ(replies.back()["channel"], "/meta/connect");
    EXPECT_EQ(replies.back()["successful"], true);
  }
  // Delivered events carry the stored CometD message.
  const std::string client_id = org.Handshake();
  org.Subscribe(client_id, kEventChannel, 2);
  const json replies = org.ConnectNow(client_id);
  ASSERT_EQ(replies.size(), 2u);
  const json& event = replies[0];
  EXPECT_EQ(event["channel"], kEventChannel);
  EXPECT_EQ(event["data"]["payload"]["Message__c"], "c");
  EXPECT_EQ(event["data"]["payload"]["CreatedById"], http::kDefaultUserId);
  EXPECT_EQ(event["data"]["payload"]["CreatedDate"], "2025-03-01T12:00:00.000Z");
  EXPECT_EQ(event["data"]["event"]["replayId"], 3);
  EXPECT_TRUE(event["data"]["event"]["EventUuid"].is_string());
  EXPECT_EQ(event["data"]["schema"].get<std::string>().size(), 22u);
}

TEST(CometdReplay, FutureAndExpiredReplayIdsAreInvalid) {
  CometdTestOrg org;
  org.Publish("old");
  const std::string client_id = org.Handshake();
  const json future = org.Subscribe(client_id, kEventChannel, 7);
  EXPECT_EQ(future["successful"], false);
  EXPECT_EQ(future["error"],
            "400::The replayId {7} you provided was invalid. Please provide a valid ID, -2 to "
            "replay all events, or -1 to replay only new events.");

  // 73 hours later the first event is gone (72 h retention); the session too, so a new token.
  org.clock().Advance(Duration::Hours(73));
  org.Publish("new");
  const std::string token =
      http::testing::FetchToken(org.port(), http::testing::kClientId, http::testing::kClientSecret);
  const std::string auth = "OAuth " + token;
  const std::string fresh = org.Handshake(auth);
  ASSERT_FALSE(fresh.empty());
  const auto subscribe = [&](int64_t replay) {
    return org.Post(json::array({SubscribeMessage(fresh, kEventChannel, replay, "2")}).dump(), auth)
        .Json()[0];
  };
  const json expired = subscribe(0);
  EXPECT_EQ(expired["successful"], false);
  EXPECT_EQ(expired["error"],
            "400::The replayId {0} you provided was invalid. Please provide a valid ID, -2 to "
            "replay all events, or -1 to replay only new events.");
  // After 1 (the expired event) is still valid: everything after it is retained.
  ASSERT_EQ(subscribe(1)["successful"], true);
  const json replies = org.Post(ConnectBody(fresh, "3", 0), auth).Json();
  EXPECT_EQ(ReplayIds(replies), std::vector<int64_t>({2}));
}

TEST(CometdBatches, FayeConnectSubscribeAndConnectDisconnectUnsubscribe) {
  CometdTestOrg org;
  const std::string client_id = org.Handshake();
  org.Publish("before");
  // connect + subscribe in one POST (faye's first connect has advice.timeout 0).
  json batch = json::parse(ConnectBody(client_id, "2", 0));
  batch.push_back(SubscribeMessage(client_id, kEventChannel, -2, "3"));
  const json first = org.Messages(batch.dump());
  ASSERT_EQ(first.size(), 3u) << first;
  EXPECT_EQ(first[0]["channel"], "/meta/subscribe");
  EXPECT_EQ(first[0]["successful"], true);
  EXPECT_EQ(ReplayIds(first), std::vector<int64_t>({1}));
  EXPECT_EQ(first[2]["channel"], "/meta/connect");
  EXPECT_EQ(first[2]["id"], "2");

  // connect + disconnect + unsubscribe: all three answered at once, the connect told to stop.
  json bye = json::parse(ConnectBody(client_id, "4"));
  bye.push_back({{"channel", "/meta/disconnect"}, {"clientId", client_id}, {"id", "5"}});
  bye.push_back({{"channel", "/meta/unsubscribe"},
                 {"clientId", client_id},
                 {"subscription", kEventChannel},
                 {"id", "6"}});
  const json last = org.Messages(bye.dump());
  ASSERT_EQ(last.size(), 3u) << last;
  EXPECT_EQ(last[0]["channel"], "/meta/disconnect");
  EXPECT_EQ(last[0]["successful"], true);
  EXPECT_EQ(last[1]["channel"], "/meta/unsubscribe");
  EXPECT_EQ(last[1]["successful"], true);
  EXPECT_EQ(last[2]["channel"], "/meta/connect");
  EXPECT_EQ(last[2]["advice"]["reconnect"], "none");
  EXPECT_EQ(org.service().engine().ClientCount(), 0u);
  EXPECT_EQ(org.service().parked_requests(), 0u);
}

TEST(CometdDisconnect, ForgetsTheClient) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  const json bye = org.Messages(
      json::array({{{"channel", "/meta/disconnect"}, {"clientId", client_id}, {"id", "9"}}})
          .dump());
  EXPECT_EQ(bye, json::parse(R"([{"channel":"/meta/disconnect","clientId":")" + client_id +
                             R"(","successful":true,"id":"9"}])"));
  const json again = org.ConnectNow(client_id);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0]["error"], "403::Unknown client");
  EXPECT_EQ(again[0]["advice"]["reconnect"], "handshake");
}

TEST(CometdExpiry, IdleClientsAreSweptWithoutFurtherRequests) {
  CometdConfig config;
  config.expire_interval = Duration::Milliseconds(20);
  CometdTestOrg org(config);
  const std::string client_id = org.Handshake();
  ASSERT_EQ(org.service().engine().ClientCount(), 1u);
  // Within 110 s of its last reply the client is kept.
  org.clock().Advance(Duration::Seconds(100));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(org.service().engine().ClientCount(), 1u);
  org.clock().Advance(Duration::Seconds(11));
  EXPECT_TRUE(testing::WaitFor([&] { return org.service().engine().ClientCount() == 0; }));
}

TEST(CometdConfigTest, InvalidConfigurationsAndDuplicateRoutes) {
  CometdConfig zero;
  zero.expire_interval = Duration::Zero();
  EXPECT_EQ(ValidateCometdConfig(zero).message(), "cometd.expire_interval: must be > 0, got 0s");
  CometdConfig clients;
  clients.bayeux.max_clients = 0;
  EXPECT_EQ(ValidateCometdConfig(clients).message(), "bayeux.max_clients: must be >= 1, got 0");
  const CometdConfig defaults;
  EXPECT_TRUE(ValidateCometdConfig(defaults).ok());

  // On a server that is not started yet, as `recoup org serve` builds it.
  http::OrgServerOptions options = http::testing::DefaultTestOptions();
  StatusOr<std::unique_ptr<http::OrgServer>> server = http::OrgServer::Create(std::move(options));
  ASSERT_TRUE(server.ok());
  OrgConfig org_config;
  StatusOr<std::unique_ptr<Org>> org = Org::Create(std::move(org_config), &(*server)->api_limits());
  ASSERT_TRUE(org.ok());
  StatusOr<std::unique_ptr<CometdService>> bad = CometdService::Create(**org, **server, zero);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  StatusOr<std::unique_ptr<CometdService>> first = CometdService::Create(**org, **server);
  ASSERT_TRUE(first.ok()) << first.status();
  // The routes exist once per router: a second service is refused.
  StatusOr<std::unique_ptr<CometdService>> again = CometdService::Create(**org, **server);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists) << again.status();
}

}  // namespace
}  // namespace recoup::sim::org::rest
