// A test harness for BayeuxEngine: a bus with two event types, limits, an engine whose wakeups are
// recorded, and helpers that post faye-shaped batches.
#ifndef RECOUP_TESTS_SIM_ORG_EVENTS_BAYEUX_TEST_UTIL_H_
#define RECOUP_TESTS_SIM_ORG_EVENTS_BAYEUX_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/org/events/api_limits.h"
#include "sim/org/events/bayeux.h"
#include "sim/org/events/event_bus.h"

namespace recoup::sim::org::events::testing {

using Json = nlohmann::json;

inline const Timestamp kT0 = Timestamp::FromCivilUtc(2026, 1, 5, 10, 0, 0);
inline constexpr const char* kEvent = "/event/Collection_Event__e";
inline constexpr const char* kOther = "/event/Assignment_Event__e";
inline constexpr const char* kUser = "005000000000001AAA";

class BayeuxHarness {
 public:
  explicit BayeuxHarness(BayeuxConfig config = {}, ApiLimitsConfig limits_config = {})
      : limits_(limits_config), bus_(EventBusConfig{}, &limits_), engine_(config, bus_, &limits_) {
    EXPECT_TRUE(bus_.DefineEvent({"Collection_Event__e", {{"Message__c", "string"}}}).ok());
    EXPECT_TRUE(bus_.DefineEvent({"Assignment_Event__e", {{"Message__c", "string"}}}).ok());
    engine_.SetWakeup([this](uint64_t token) {
      std::lock_guard<std::mutex> lock(woken_mu_);
      woken_.push_back(token);
    });
  }

  BayeuxEngine& engine() { return engine_; }
  EventBus& bus() { return bus_; }
  ApiLimits& limits() { return limits_; }

  std::vector<uint64_t> TakeWoken() {
    std::lock_guard<std::mutex> lock(woken_mu_);
    std::vector<uint64_t> out;
    out.swap(woken_);
    return out;
  }

  // Handles `batch` and expects an immediate 200 answer; returns the parsed reply array.
  Json Post(const Json& batch, Timestamp now, const BayeuxAuth& auth = BayeuxAuth::Valid(kUser)) {
    const BayeuxReply reply = engine_.Handle(batch.dump(), auth, now);
    EXPECT_EQ(reply.kind, BayeuxReply::Kind::kRespond) << batch.dump();
    EXPECT_EQ(reply.http_status, 200) << reply.body;
    return Json::parse(reply.body);
  }

  // Handles `batch` expecting it to be parked; returns the reply.
  BayeuxReply PostParked(const Json& batch, Timestamp now) {
    BayeuxReply reply = engine_.Handle(batch.dump(), BayeuxAuth::Valid(kUser), now);
    EXPECT_EQ(reply.kind, BayeuxReply::Kind::kPark) << reply.body;
    return reply;
  }

  // A successful faye handshake; returns the clientId.
  std::string Handshake(Timestamp now) {
    const Json replies = Post(Json::array({HandshakeMessage()}), now);
    EXPECT_TRUE(replies[0].value("successful", false)) << replies.dump();
    return replies[0].value("clientId", "");
  }

  // Handshake, then faye's first batch [connect (advice.timeout 0), subscribe]; returns clientId.
  std::string Subscribed(Timestamp now, const std::string& channel = kEvent, int64_t replay = -1) {
    const std::string client = Handshake(now);
    const Json replies = Post(Json::array({ConnectMessage(client, "2", 0),
                                           SubscribeMessage(client, channel, replay, "3")}),
                              now);
    EXPECT_EQ(replies.back().value("channel", ""), "/meta/connect") << replies.dump();
    return client;
  }

  int64_t Publish(Timestamp now, const std::string& message = "m",
                  const std::string& channel = kEvent) {
    SfOr<PublishResult> result = bus_.Publish(channel, {{"Message__c", message}}, now, kUser);
    EXPECT_TRUE(result.ok());
    return result.ok() ? result->replay_id : -1;
  }

  static Json HandshakeMessage(const std::string& id = "1") {
    return {{"channel", "/meta/handshake"},
            {"version", "1.0"},
            {"supportedConnectionTypes",
             {"in-process", "websocket", "long-polling", "cross-origin-long-polling",
              "callback-polling"}},
            {"ext", {{"replay", true}}},
            {"id", id}};
  }
  // A connect; advice_timeout < 0 leaves advice out.
  static Json ConnectMessage(const std::string& client, const std::string& id,
                             int64_t advice_timeout = -1) {
    Json m = {{"channel", "/meta/connect"},
              {"clientId", client},
              {"connectionType", "long-polling"},
              {"id", id}};
    if (advice_timeout >= 0) m["advice"] = {{"timeout", advice_timeout}};
    return m;
  }
  static Json SubscribeMessage(const std::string& client, const std::string& channel, Json replay,
                               const std::string& id) {
    Json m = {{"channel", "/meta/subscribe"},
              {"clientId", client},
              {"subscription", channel},
              {"id", id}};
    if (!replay.is_null()) m["ext"] = {{"replay", {{channel, replay}}}};
    return m;
  }

 private:
  ApiLimits limits_;
  EventBus bus_;
  BayeuxEngine engine_;
  std::mutex woken_mu_;
  std::vector<uint64_t> woken_;
};

// The replayIds of the event messages in `replies` for `channel` (all channels when empty).
inline std::vector<int64_t> DeliveredReplayIds(const Json& replies,
                                               const std::string& channel = "") {
  std::vector<int64_t> ids;
  for (const Json& m : replies) {
    if (!m.contains("data")) continue;
    if (!channel.empty() && m["channel"] != channel) continue;
    ids.push_back(m["data"]["event"]["replayId"].get<int64_t>());
  }
  return ids;
}

}  // namespace recoup::sim::org::events::testing

#endif  // RECOUP_TESTS_SIM_ORG_EVENTS_BAYEUX_TEST_UTIL_H_
