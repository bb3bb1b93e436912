// BayeuxEngine protocol flows: handshake, faye-style batches, replay on subscribe, long polls that
// park and wake, delivery order and batching, disconnect, determinism of client ids, and a
// two-thread publish/poll run.
#include "sim/org/events/bayeux.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "tests/sim/org/events/bayeux_test_util.h"
#include "tests/sim/org/events/shape_matchers.h"

namespace recoup::sim::org::events {
namespace {

using testing::BayeuxHarness;
using testing::DeliveredReplayIds;
using testing::Json;
using testing::kEvent;
using testing::kOther;
using testing::kT0;

TEST(BayeuxHandshakeTest, AnswersLongPollingOnlyWithReplayExtAndAdvice) {
  BayeuxHarness h;
  const Json replies = h.Post(Json::array({BayeuxHarness::HandshakeMessage("1")}), kT0);
  ASSERT_EQ(replies.size(), 1u);
  const std::string client = replies[0]["clientId"];
  EXPECT_TRUE(testing::AllIn(client, 26, "0123456789abcdefghijklmnopqrstuvwxyz")) << client;
  const Json expected = {{"channel", "/meta/handshake"},
                         {"clientId", client},
                         {"version", "1.0"},
                         {"minimumVersion", "1.0"},
                         {"supportedConnectionTypes", {"long-polling"}},
                         {"successful", true},
                         {"ext", {{"replay", true}, {"payload.format", true}}},
                         {"advice", {{"interval", 0}, {"timeout", 110000}, {"reconnect", "retry"}}},
                         {"id", "1"}};
  EXPECT_EQ(replies[0], expected);
  EXPECT_EQ(h.engine().ClientCount(), 1u);
}

TEST(BayeuxHandshakeTest, ClientIdsAreDeterministicPerSeed) {
  const auto ids = [](uint64_t seed) {
    BayeuxConfig config;
    config.seed = seed;
    BayeuxHarness h(config);
    std::vector<std::string> out;
    for (int i = 0; i < 4; ++i) out.push_back(h.Handshake(kT0));
    return out;
  };
  const std::vector<std::string> a = ids(11);
  EXPECT_EQ(a, ids(11));
  EXPECT_NE(a, ids(12));
  EXPECT_EQ(std::set<std::string>(a.begin(), a.end()).size(), a.size());
}

TEST(BayeuxHandshakeTest, RefusesClientsThatCannotLongPoll) {
  BayeuxHarness h;
  Json message = BayeuxHarness::HandshakeMessage();
  message["supportedConnectionTypes"] = {"websocket"};
  const Json replies = h.Post(Json::array({message}), kT0);
  EXPECT_EQ(replies[0]["successful"], false);
  EXPECT_EQ(replies[0]["error"], "400::Invalid connection type {websocket}");
  EXPECT_EQ(replies[0]["supportedConnectionTypes"], Json({"long-polling"}));
  EXPECT_EQ(h.engine().ClientCount(), 0u);
}

// faye's first POST after the handshake carries connect (advice.timeout 0) and subscribe; the order
// within the batch depends on timing, so both orders must work.
TEST(BayeuxFayeTest, ConnectAndSubscribeInOneBatchReplayAll) {
  for (const bool connect_first : {true, false}) {
    BayeuxHarness h;
    h.Publish(kT0);
    h.Publish(kT0);
    const std::string client = h.Handshake(kT0);
    const Json connect = BayeuxHarness::ConnectMessage(client, "2", 0);
    const Json subscribe = BayeuxHarness::SubscribeMessage(client, kEvent, -2, "3");
    const Json batch =
        connect_first ? Json::array({connect, subscribe}) : Json::array({subscribe, connect});
    const Json replies = h.Post(batch, kT0 + Duration::Milliseconds(5));
    ASSERT_EQ(replies.size(), 4u) << replies.dump();
    EXPECT_EQ(replies[0], Json({{"channel", "/meta/subscribe"},
                                {"clientId", client},
                                {"subscription", kEvent},
                                {"successful", true},
                                {"id", "3"}}));
    EXPECT_EQ(DeliveredReplayIds(replies), (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(replies[3],
              Json({{"channel", "/meta/connect"},
                    {"clientId", client},
                    {"successful", true},
                    {"advice", {{"interval", 0}, {"timeout", 110000}, {"reconnect", "retry"}}},
                    {"id", "2"}}));
  }
}

TEST(BayeuxFayeTest, FirstConnectWithoutEventsAnswersAtOnceLaterOnesPark) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);  // first connect answered immediately
  const BayeuxReply parked = h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4")}),
                                          kT0 + Duration::Seconds(1));
  EXPECT_NE(parked.park_token, 0u);
  EXPECT_EQ(parked.client_id, client);
  EXPECT_EQ(parked.deadline, kT0 + Duration::Seconds(111));
  EXPECT_EQ(h.engine().ParkedCount(), 1u);

  // Nothing happened yet: resuming early parks again with the same deadline.
  std::optional<BayeuxReply> early =
      h.engine().Resume(parked.park_token, kT0 + Duration::Seconds(2));
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->kind, BayeuxReply::Kind::kPark);
  EXPECT_EQ(early->deadline, parked.deadline);

  // A publish on the subscribed channel wakes the parked connect exactly once.
  EXPECT_TRUE(h.TakeWoken().empty());
  h.Publish(kT0 + Duration::Seconds(3), "a");
  h.Publish(kT0 + Duration::Seconds(3), "b");
  h.Publish(kT0 + Duration::Seconds(3), "c", kOther);  // not subscribed: no delivery
  EXPECT_EQ(h.TakeWoken(), std::vector<uint64_t>{parked.park_token});
  std::optional<BayeuxReply> woken =
      h.engine().Resume(parked.park_token, kT0 + Duration::Seconds(3));
  ASSERT_TRUE(woken.has_value());
  ASSERT_EQ(woken->kind, BayeuxReply::Kind::kRespond);
  const Json replies = Json::parse(woken->body);
  EXPECT_EQ(DeliveredReplayIds(replies), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(replies[0]["data"]["payload"]["Message__c"], "a");
  EXPECT_EQ(replies.back()["channel"], "/meta/connect");
  EXPECT_EQ(replies.back()["id"], "4");
  EXPECT_FALSE(h.engine().Resume(parked.park_token, kT0 + Duration::Seconds(3)).has_value())
      << "a token answers once";
  EXPECT_EQ(h.engine().ParkedCount(), 0u);

  // The next connect parks; at its deadline it answers with an empty acknowledgement.
  const BayeuxReply next = h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "5")}),
                                        kT0 + Duration::Seconds(4));
  std::optional<BayeuxReply> timed_out = h.engine().Resume(next.park_token, next.deadline);
  ASSERT_TRUE(timed_out.has_value());
  ASSERT_EQ(timed_out->kind, BayeuxReply::Kind::kRespond);
  const Json empty = Json::parse(timed_out->body);
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0]["successful"], true);
  EXPECT_EQ(empty[0]["id"], "5");
}

TEST(BayeuxFayeTest, ClientAdviceTimeoutShortensTheLongPoll) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);
  const BayeuxReply parked =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4", 30'000)}), kT0);
  EXPECT_EQ(parked.deadline, kT0 + Duration::Seconds(30));
  h.engine().Cancel(parked.park_token, kT0);
  const Json zero = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "5", 0)}), kT0);
  EXPECT_EQ(zero.back()["successful"], true) << "advice.timeout 0 answers at once";
}

TEST(BayeuxFayeTest, PendingEventsAnswerTheConnectAtOnce) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);
  h.Publish(kT0 + Duration::Seconds(1));
  const Json replies =
      h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0 + Duration::Seconds(2));
  EXPECT_EQ(DeliveredReplayIds(replies), std::vector<int64_t>{1});
  EXPECT_TRUE(h.TakeWoken().empty()) << "nothing was parked";
}

TEST(BayeuxFayeTest, NewConnectReleasesTheParkedOne) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);
  const BayeuxReply first =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
  const BayeuxReply second =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "5")}), kT0);
  EXPECT_NE(first.park_token, second.park_token);
  EXPECT_EQ(h.TakeWoken(), std::vector<uint64_t>{first.park_token});
  std::optional<BayeuxReply> released = h.engine().Resume(first.park_token, kT0);
  ASSERT_TRUE(released.has_value());
  ASSERT_EQ(released->kind, BayeuxReply::Kind::kRespond);
  EXPECT_EQ(Json::parse(released->body)[0]["id"], "4");
  // Events go to the live connect only.
  h.Publish(kT0);
  EXPECT_EQ(h.TakeWoken(), std::vector<uint64_t>{second.park_token});
  EXPECT_EQ(DeliveredReplayIds(Json::parse(h.engine().Resume(second.park_token, kT0)->body)),
            std::vector<int64_t>{1});
}

TEST(BayeuxFayeTest, SubscribeWithRetainedEventsWakesTheParkedConnect) {
  BayeuxHarness h;
  h.Publish(kT0, "old", kOther);
  const std::string client = h.Subscribed(kT0);
  const BayeuxReply parked =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
  h.Post(Json::array({BayeuxHarness::SubscribeMessage(client, kOther, -2, "5")}), kT0);
  EXPECT_EQ(h.TakeWoken(), std::vector<uint64_t>{parked.park_token});
  EXPECT_EQ(
      DeliveredReplayIds(Json::parse(h.engine().Resume(parked.park_token, kT0)->body), kOther),
      std::vector<int64_t>{1});
}

// faye's disconnect: connect + disconnect + unsubscribe in one POST, while a connect is parked.
TEST(BayeuxFayeTest, DisconnectBatchAnswersEverythingAndForgetsTheClient) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0);
  const BayeuxReply parked =
      h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
  const Json batch =
      Json::array({BayeuxHarness::ConnectMessage(client, "5"),
                   {{"channel", "/meta/disconnect"}, {"clientId", client}, {"id", "6"}},
                   {{"channel", "/meta/unsubscribe"},
                    {"clientId", client},
                    {"subscription", kEvent},
                    {"id", "7"}}});
  const Json replies = h.Post(batch, kT0 + Duration::Seconds(1));
  ASSERT_EQ(replies.size(), 3u) << replies.dump();
  EXPECT_EQ(replies[0], Json({{"channel", "/meta/disconnect"},
                              {"clientId", client},
                              {"successful", true},
                              {"id", "6"}}));
  EXPECT_EQ(replies[1], Json({{"channel", "/meta/unsubscribe"},
                              {"clientId", client},
                              {"subscription", kEvent},
                              {"successful", true},
                              {"id", "7"}}));
  EXPECT_EQ(replies[2], Json({{"channel", "/meta/connect"},
                              {"clientId", client},
                              {"successful", true},
                              {"advice", {{"reconnect", "none"}, {"interval", 0}}},
                              {"id", "5"}}));
  EXPECT_EQ(h.engine().ClientCount(), 0u);
  EXPECT_EQ(h.TakeWoken(), std::vector<uint64_t>{parked.park_token});
  std::optional<BayeuxReply> released = h.engine().Resume(parked.park_token, kT0);
  ASSERT_TRUE(released.has_value());
  EXPECT_EQ(Json::parse(released->body)[0]["advice"]["reconnect"], "none");
  h.Publish(kT0 + Duration::Seconds(2));
  EXPECT_TRUE(h.TakeWoken().empty());
}

TEST(BayeuxDeliveryTest, ReplayOptionsOnSubscribe) {
  struct Case {
    Json replay;  // null: no ext
    std::vector<int64_t> delivered;
  };
  const Case cases[] = {
      {Json(), {}}, {-1, {}}, {-2, {1, 2, 3, 4}}, {0, {1, 2, 3, 4}}, {2, {3, 4}}, {4, {}},
  };
  for (const Case& c : cases) {
    BayeuxHarness h;
    for (int i = 0; i < 4; ++i) h.Publish(kT0);
    const std::string client = h.Handshake(kT0);
    const Json replies =
        h.Post(Json::array({BayeuxHarness::SubscribeMessage(client, kEvent, c.replay, "2"),
                            BayeuxHarness::ConnectMessage(client, "3", 0)}),
               kT0);
    EXPECT_EQ(replies[0]["successful"], true) << c.replay.dump() << replies.dump();
    EXPECT_EQ(DeliveredReplayIds(replies), c.delivered) << c.replay.dump();
    // -1 still receives what is published afterwards.
    h.Publish(kT0);
    const Json next = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "4")}), kT0);
    EXPECT_EQ(DeliveredReplayIds(next), std::vector<int64_t>{5}) << c.replay.dump();
  }
}

TEST(BayeuxDeliveryTest, ChannelsInterleaveInPublishOrder) {
  BayeuxHarness h;
  const std::string client = h.Subscribed(kT0, kEvent);
  h.Post(Json::array({BayeuxHarness::SubscribeMessage(client, kOther, -1, "4")}), kT0);
  h.Publish(kT0, "e1", kEvent);
  h.Publish(kT0, "o1", kOther);
  h.Publish(kT0, "e2", kEvent);
  h.Publish(kT0, "o2", kOther);
  const Json replies = h.Post(Json::array({BayeuxHarness::ConnectMessage(client, "5")}), kT0);
  std::vector<std::string> messages;
  for (const Json& m : replies) {
    if (m.contains("data")) messages.push_back(m["data"]["payload"]["Message__c"]);
  }
  EXPECT_EQ(messages, (std::vector<std::string>{"e1", "o1", "e2", "o2"}));
}

TEST(BayeuxDeliveryTest, LargeBacklogsArriveInBatches) {
  BayeuxConfig config;
  config.max_events_per_connect = 2;
  BayeuxHarness h(config);
  for (int i = 0; i < 5; ++i) h.Publish(kT0);
  const std::string client = h.Subscribed(kT0, kEvent, -2);  // the first connect delivered 1, 2
  std::vector<int64_t> rest;
  for (int i = 0; i < 2; ++i) {
    const Json replies =
        h.Post(Json::array({BayeuxHarness::ConnectMessage(client, std::to_string(10 + i))}), kT0);
    for (const int64_t id : DeliveredReplayIds(replies)) rest.push_back(id);
  }
  EXPECT_EQ(rest, (std::vector<int64_t>{3, 4, 5}));
  h.PostParked(Json::array({BayeuxHarness::ConnectMessage(client, "12")}), kT0);
}

// Two threads publish while a third long-polls and resumes on wakeups: every event is delivered
// exactly once, in order, without deadlock.
TEST(BayeuxConcurrencyTest, PublishersAndALongPollerAgree) {
  BayeuxConfig config;
  config.max_events_per_connect = 7;
  ApiLimitsConfig limits;
  limits.daily_delivered_platform_events = 1'000'000;
  limits.hourly_published_platform_events = 1'000'000;
  BayeuxHarness h(config, limits);
  const std::string client = h.Subscribed(kT0);
  constexpr int kPerThread = 500;
  std::atomic<int> done{0};
  std::vector<std::thread> publishers;
  for (int t = 0; t < 2; ++t) {
    publishers.emplace_back([&h, &done] {
      for (int i = 0; i < kPerThread; ++i) h.Publish(kT0);
      done.fetch_add(1);
    });
  }
  std::vector<int64_t> delivered;
  int next_id = 100;
  while (delivered.size() < 2u * kPerThread) {
    const BayeuxReply reply = h.engine().Handle(
        Json::array({BayeuxHarness::ConnectMessage(client, std::to_string(next_id++))}).dump(),
        BayeuxAuth::Valid(testing::kUser), kT0);
    std::optional<BayeuxReply> answer = reply;
    while (answer->kind == BayeuxReply::Kind::kPark) {
      // Wait for a wakeup (or resume anyway once the publishers are done).
      while (h.TakeWoken().empty() && done.load() < 2) std::this_thread::yield();
      answer = h.engine().Resume(reply.park_token, kT0);
      ASSERT_TRUE(answer.has_value());
    }
    for (const int64_t id : DeliveredReplayIds(Json::parse(answer->body))) delivered.push_back(id);
  }
  for (std::thread& t : publishers) t.join();
  ASSERT_EQ(delivered.size(), 2u * kPerThread);
  for (std::size_t i = 0; i < delivered.size(); ++i) {
    ASSERT_EQ(delivered[i], static_cast<int64_t>(i + 1));
  }
}

}  // namespace
}  // namespace recoup::sim::org::events
