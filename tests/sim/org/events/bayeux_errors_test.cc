// BayeuxEngine failures: request-level errors (size, JSON), per-message errors, subscribe errors
// (replay ids, channels), authentication, client expiry timings, the concurrent-client limit, the
// daily delivery allocation and config validation.
#include <gtest/gtest.h>

#include <string>

#include "sim/org/events/bayeux.h"
#include "tests/sim/org/events/bayeux_test_util.h"

namespace recoup::sim::org::events {
namespace {

using testing::BayeuxHarness;
using testing::DeliveredReplayIds;
using testing::Json;
using testing::kEvent;
using testing::kT0;

TEST(BayeuxRequestTest, RequestLevelErrors) {
  BayeuxHarness h;
  struct Case {
    std::string body;
    int status;
    const char* error;
  };
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  const Case cases[] = {
      {std::string(kMaxBayeuxRequestBytes + 1, ' '), 413, "413::Maximum Request Size Exceeded"},
      {"[{\"channel\":", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {"[]", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {"\"text\"", 400, "400::The request body is not a JSON array of Bayeux messages"},
      {deep, 400, "400::The request body is not a JSON array of Bayeux messages"},
  };
  for (const Case& c : cases) {
    const BayeuxReply reply = h.engine().Handle(c.body, BayeuxAuth::Valid(testing::kUser), kT0);
    EXPECT_EQ(reply.kind, BayeuxReply::Kind::kRespond);
    EXPECT_EQ(reply.http_status, c.status) << c.body.substr(0, 40);
    EXPECT_EQ(Json::parse(reply.body), Json::array({{{"successful", false}, {"error", c.error}}}));
  }
  // Exactly at the limit is fine, and a single message object (not in an array) is accepted.
  std::string padded = BayeuxHarness::HandshakeMessage().dump();
  padded.append(kMaxBayeuxRequestBytes - padded.size(), ' ');
  const BayeuxReply at_limit = h.engine().Handle(padded, BayeuxAuth::Valid(testing::kUser), kT0);
  EXPECT_EQ(at_limit.http_status, 200);
  EXPECT_EQ(Json::parse(at_limit.body)[0]["successful"], true);
}

TEST(BayeuxRequestTest, PerMessageErrors) {
  BayeuxHarness h;
  const std::string client = h.Handshake(kT0);
  struct Case {
    Json message;
    Json expected;
  };
  const Case cases[] = {
      {Json(42), {{"successful", false}, {"error", "400::A Bayeux message must be a JSON object"}}},
      {{{"clientId", client}, {"id", "9"}},
       {{"clientId", client},
        {"id", "9"},
        {"successful", false},
        {"error", "400::Channel name not specified"}}},
      {{{"channel", "/event/Collection_Event__e"}, {"clientId", client}, {"data", {}}, {"id", 3}},
       {{"channel", "/event/Collection_Event__e"},
        {"clientId", client},
        {"id", 3},
        {"successful", false},
        {"error", "403::Restricted channel"}}},
      {{{"channel", "/meta/ping"}, {"clientId", client}},
       {{"channel", "/meta/ping"},
        {"clientId", client},
        {"successful", false},
        {"error", "404::Unknown channel"}}},
      {{{"channel", "/meta/connect"}, {"connectionType", "long-polling"}, {"id", "4"}},
       {{"channel", "/meta/connect"},
        {"id", "4"},
        {"successful", false},
        {"error", "403::Client has not completed handshake"},
        {"advice", {{"reconnect", "handshake"}, {"interval", 0}}}}},
      {{{"channel", "/meta/connect"}, {"clientId", "nosuchclient"}, {"id", "5"}},
       {{"channel", "/meta/connect"},
        {"clientId", "nosuchclient"},
        {"id", "5"},
        {"successful", false},
        {"error", "403::Unknown client"},
        {"advice", {{"reconnect", "handshake"}, {"interval", 0}}}}},
      {{{"channel", "/meta/connect"},
        {"clientId", client},
        {"connectionType", "websocket"},
        {"id", "6"}},
       {{"channel", "/meta/connect"},
        {"clientId", client},
        {"id", "6"},
        {"successful", false},
        {"error", "400::Invalid connection type {websocket}"}}},
  };
  for (const Case& c : cases) {
    const Json replies = h.Post(Json::array({c.message}), kT0);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0], c.expected) << c.message.dump();
  }
  // Two connects in one batch: the second is refused, the first is answered.
  const Json two = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "7", 0),
                                       BayeuxHarness::ConnectMessage(client, "8", 0)}),
                          kT0);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0]["id"], "8");
  EXPECT_EQ(two[0]["error"], "400::Only one /meta/connect is allowed per request");
  EXPECT_EQ(two[1]["id"], "7");
  EXPECT_EQ(two[1]["successful"], true);
}

TEST(BayeuxSubscribeTest, SubscribeErrors) {
  BayeuxHarness h;
  for (int i = 0; i < 3; ++i) h.Publish(kT0);
  const Timestamp later = kT0 + Duration::Hours(73);  // all three expired
  h.Publish(later);                                   // replay id 4 is retained
  const std::string client = h.Handshake(later);
  const std::string invalid_tail =
      "} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to "
      "replay only new events.";
  struct Case {
    Json subscription;
    Json replay;  // null: no ext
    std::string error;
  };
  const Case cases[] = {
      {kEvent, 1, "400::The replayId {1" + invalid_tail},  // expired
      {kEvent, 2, "400::The replayId {2" + invalid_tail},  // expired (event 3 is gone)
      {kEvent, 5, "400::The replayId {5" + invalid_tail},  // not published yet
      {kEvent, -3, "400::The replayId {-3" + invalid_tail},
      {kEvent, "abc", "400::The replayId {\"abc\"" + invalid_tail},
      {kEvent, 1.5, "400::The replayId {1.5" + invalid_tail},
      {"/event/Nope__e", Json(),
       "400::The channel you requested to subscribe to does not exist {/event/Nope__e}"},
      {"/topic/Accounts", Json(),
       "400::The channel you requested to subscribe to does not exist {/topic/Accounts}"},
      {"event/Collection_Event__e", Json(),
       "400::Channel subscriptions must start with a leading '/'"},
      {"", Json(), "400::Channel name not specified"},
      {Json(), Json(), "400::Channel name not specified"},
      {Json::array({kEvent, 7}), Json(), "400::Channel name not specified"},
      {"/meta/connect", Json(), "403::Restricted channel"},
  };
  for (const Case& c : cases) {
    Json message = {{"channel", "/meta/subscribe"}, {"clientId", client}, {"id", "2"}};
    if (!c.subscription.is_null()) message["subscription"] = c.subscription;
    if (!c.replay.is_null() && c.subscription.is_string()) {
      message["ext"] = {{"replay", {{c.subscription.get<std::string>(), c.replay}}}};
    }
    const Json replies = h.Post(Json::array({message}), later);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]["successful"], false) << message.dump();
    EXPECT_EQ(replies[0]["error"], c.error) << message.dump();
    EXPECT_EQ(replies[0]["channel"], "/meta/subscribe");
    EXPECT_EQ(replies[0].value("subscription", Json()), c.subscription);
  }
  // The valid edges: N = oldest retained - 1 and N = last.
  for (const int64_t replay : {3, 4}) {
    const Json ok =
        h.Post(Json::array({BayeuxHarness::SubscribeMessage(client, kEvent, replay, "3")}), later);
    EXPECT_EQ(ok[0]["successful"], true) << replay;
  }
}

TEST(BayeuxAuthTest, InvalidAndMissingCredentials) {
  BayeuxHarness h;
  const std::string client = h.Handshake(kT0);
  struct Case {
    BayeuxAuth auth;
    const char* reason;
  };
  const Case cases[] = {{BayeuxAuth::Invalid(), "401::Authentication invalid"},
                        {BayeuxAuth::Missing(), "401::Request requires authentication"}};
  for (const Case& c : cases) {
    const Json handshake = h.Post(Json::array({BayeuxHarness::HandshakeMessage("1")}), kT0, c.auth);
    EXPECT_EQ(handshake[0], Json({{"channel", "/meta/handshake"},
                                  {"id", "1"},
                                  {"successful", false},
                                  {"error", "403::Handshake denied"},
                                  {"advice", {{"reconnect", "none"}}},
                                  {"ext",
                                   {{"sfdc", {{"failureReason", c.reason}}},
                                    {"replay", true},
                                    {"payload.format", true}}}}));
    const Json connect =
        h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "2")}), kT0, c.auth);
    EXPECT_EQ(connect[0], Json({{"channel", "/meta/connect"},
                                {"clientId", client},
                                {"id", "2"},
                                {"successful", false},
                                {"error", c.reason},
                                {"advice", {{"reconnect", "none"}, {"interval", 0}}}}));
  }
  EXPECT_EQ(h.engine().ClientCount(), 1u);
  const Json other = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "3")}), kT0,
                            BayeuxAuth::Valid("005000000000002AAA"));
  EXPECT_EQ(other[0]["error"], "400::Authenticated user id does not match the session's user id");
}

// Client expiry: 40 s after a reply that delivered events, 110 s after any other reply; a parked
// connect never expires; a cancelled one restarts the 110 s clock.
TEST(BayeuxExpiryTest, ReconnectDeadlines) {
  struct Case {
    const char* name;
    bool deliver;        // whether the last reply delivered events
    Duration reconnect;  // when the client comes back after that reply
    bool still_known;
  };
  const Duration eps = Duration::Nanoseconds(1);
  const Case cases[] = {
      {"delivery, at 40 s", true, Duration::Seconds(40), true},
      {"delivery, just after 40 s", true, Duration::Seconds(40) + eps, false},
      {"empty, at 110 s", false, Duration::Seconds(110), true},
      {"empty, just after 110 s", false, Duration::Seconds(110) + eps, false},
      {"empty, at 60 s", false, Duration::Seconds(60), true},
  };
  for (const Case& c : cases) {
    BayeuxHarness h;
    const std::string client = h.Subscribed(kT0);  // empty first connect at kT0
    Timestamp last_reply = kT0;
    if (c.deliver) {
      h.Publish(kT0 + Duration::Seconds(1));
      last_reply = kT0 + Duration::Seconds(2);
      const Json got =
          h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), last_reply);
      ASSERT_EQ(DeliveredReplayIds(got).size(), 1u) << c.name;
    }
    const Timestamp back = last_reply + c.reconnect;
    const BayeuxReply reply =
        h.engine().Handle(Json::array({BayeuxHarness::ConnectMessage(client, "5")}).dump(),
                          BayeuxAuth::Valid(testing::kUser), back);
    if (c.still_known) {
      EXPECT_EQ(reply.kind, BayeuxReply::Kind::kPark) << c.name << reply.body;
    } else {
      ASSERT_EQ(reply.kind, BayeuxReply::Kind::kRespond) << c.name;
      const Json replies = Json::parse(reply.body);
      EXPECT_EQ(replies[0]["error"], "403::Unknown client") << c.name;
      EXPECT_EQ(replies[0]["advice"]["reconnect"], "handshake") << c.name;
      EXPECT_EQ(h.engine().ClientCount(), 0u) << c.name;
    }
  }
}

TEST(BayeuxExpiryTest, ParkedClientsDoNotExpireCancelledOnesDo) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);
  const BayeuxReply parked =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
  // Long after 110 s but before the parked deadline + grace, the sweep keeps it.
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(200)), 0u);
  EXPECT_EQ(h.engine().ClientCount(), 1u);
  h.engine().Cancel(parked.park_token, kT0 + Duration::Seconds(200));
  EXPECT_EQ(h.engine().ParkedCount(), 0u);
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(310)), 0u);
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(310) + Duration::Nanoseconds(1)), 1u);
  // A long poll the server never resumed is abandoned after its deadline plus 110 s.
  const std::string other = h.Subscribed(kT0);
  h.PostParked(Json::array({BayeuxHarness::ConnectMessage(other, "4")}), kT0);
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(220)), 0u);
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(221)), 1u);
  EXPECT_EQ(h.engine().ParkedCount(), 0u);
  // A released (superseded) long poll that the server never resumes is reclaimed too.
  const std::string third = h.Subscribed(kT0 + Duration::Seconds(300));
  const BayeuxReply old = h.PostParked(Json::array({BayeuxHarness::ConnectMessage(third, "6")}),
                                       kT0 + Duration::Seconds(300));
  h.PostParked(Json::array({BayeuxHarness::ConnectMessage(third, "7")}),
               kT0 + Duration::Seconds(400));
  EXPECT_EQ(h.engine().ParkedCount(), 2u);
  EXPECT_EQ(h.engine().ExpireClients(kT0 + Duration::Seconds(521)), 0u);
  EXPECT_EQ(h.engine().ParkedCount(), 1u) << "the superseded poll is gone, the live one stays";
  EXPECT_FALSE(h.engine().Resume(old.park_token, kT0 + Duration::Seconds(521)).has_value());
}

TEST(BayeuxLimitsTest, ConcurrentClientLimit) {
  BayeuxConfig config;
  config.max_clients = 2;
  BayeuxHarness h(config);
  h.Handshake(kT0);
  h.Handshake(kT0 + Duration::Seconds(10));
  const Json denied =
      h.Post(Json::array({BayeuxHarness::HandshakeMessage("1")}), kT0 + Duration::Seconds(20));
  EXPECT_EQ(denied[0]["error"], "403::Handshake denied");
  EXPECT_EQ(denied[0]["ext"]["sfdc"]["failureReason"],
            "403::Organization concurrent user limit exceeded");
  EXPECT_EQ(denied[0]["advice"]["reconnect"], "none");
  // The first client expires 110 s after its handshake reply; its slot is reused.
  const Json admitted = h.Post(Json::array({BayeuxHarness::HandshakeMessage("1")}),
                               kT0 + Duration::Seconds(110) + Duration::Nanoseconds(1));
  EXPECT_EQ(admitted[0]["successful"], true);
  EXPECT_EQ(h.engine().ClientCount(), 2u);
}

TEST(BayeuxLimitsTest, DailyDeliveryAllocation) {
  ApiLimitsConfig limits;
  limits.daily_delivered_platform_events = 3;
  BayeuxHarness h({}, limits);
  for (int i = 0; i < 5; ++i) h.Publish(kT0);
  const std::string client = h.Subscribed(kT0, kEvent, -2);  // first connect delivers 1..3
  EXPECT_EQ(h.limits().DeliveriesRemaining(kT0), 0);
  const Json refused = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
  EXPECT_EQ(refused.back()["successful"], false);
  EXPECT_EQ(refused.back()["error"], "403::Organization total events daily limit exceeded");
  EXPECT_EQ(refused.back()["advice"]["reconnect"], "none");
  const std::string late = h.Handshake(kT0);
  const Json subscribe =
      h.Post(Json::array({BayeuxHarness::SubscribeMessage(late, kEvent, -1, "2")}), kT0);
  EXPECT_EQ(subscribe[0]["error"], "403::Organization total events daily limit exceeded");
  const Json resumed = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "5")}),
                              kT0 + Duration::Seconds(30));
  EXPECT_EQ(resumed.back()["error"], "403::Organization total events daily limit exceeded");
  // A day later the allocation is back: replaying after 3 delivers the still-retained 4 and 5.
  const Timestamp next_day = kT0 + Duration::Days(1);
  const std::string fresh = h.Handshake(next_day);
  const Json replayed = h.Post(Json::array({BayeuxHarness::SubscribeMessage(fresh, kEvent, 3, "2"),
                                            BayeuxHarness::ConnectMessage(fresh, "3", 0)}),
                               next_day);
  EXPECT_EQ(DeliveredReplayIds(replayed), (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(h.limits().DeliveriesRemaining(next_day), 1);
}

TEST(BayeuxConfigTest, InvalidFieldsAreNamed) {
  struct Case {
    void (*mutate)(BayeuxConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](BayeuxConfig& c) { c.long_poll_timeout = Duration::Zero(); },
       "bayeux.long_poll_timeout: must be > 0, got 0s"},
      {[](BayeuxConfig& c) { c.reconnect_after_delivery = -Duration::Seconds(1); },
       "bayeux.reconnect_after_delivery: must be > 0, got -1s"},
      {[](BayeuxConfig& c) { c.max_clients = 0; }, "bayeux.max_clients: must be >= 1, got 0"},
      {[](BayeuxConfig& c) { c.max_events_per_connect = 0; },
       "bayeux.max_events_per_connect: must be >= 1, got 0"},
      {[](BayeuxConfig& c) { c.max_response_bytes = 100; },
       "bayeux.max_response_bytes: must be >= 65536, got 100"},
  };
  EventBus bus(EventBusConfig{}, nullptr);
  for (const Case& c : cases) {
    BayeuxConfig config;
    c.mutate(config);
    const StatusOr<std::unique_ptr<BayeuxEngine>> engine =
        BayeuxEngine::Create(config, bus, nullptr);
    ASSERT_FALSE(engine.ok());
    EXPECT_EQ(engine.status().message(), c.message);
  }
}

}  // namespace
}  // namespace recoup::sim::org::events
