// Long polls of the mock org's CometD endpoint over real HTTP: a parked /meta/connect answers as
// soon as an event is published (not at its deadline), times out empty at its deadline, serves
// several clients, ends when its client disconnects elsewhere, survives its connection closing
// (no leak, no crash), is answered by server Stop (which returns promptly), and does not starve
// other requests on a 2-thread server.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "sim/org/rest/cometd_service.h"
#include "tests/sim/org/rest/cometd_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using nlohmann::json;
using testing::CometdTestOrg;
using testing::HttpResult;
using testing::kEventChannel;
using testing::ReplayIds;
using testing::TestClient;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The connect reply (last message) of a long-poll answer.
json ConnectReply(const HttpResult& result) {
  const json messages = result.Json();
  return messages.is_array() && !messages.empty() ? messages.back() : json();
}

TEST(CometdLongPoll, AParkedConnectAnswersAsSoonAsAnEventIsPublished) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  std::unique_ptr<TestClient> poll = org.StartPoll(client_id, "4");
  ASSERT_TRUE(org.WaitParked(1));
  EXPECT_EQ(org.service().engine().ParkedCount(), 1u);

  const Clock::time_point published = Clock::now();
  EXPECT_EQ(org.Publish("hello"), 1);
  const HttpResult result = poll->ReadResponse(5'000);
  // The deadline is 110 s away (and the test clock stands still): only the publish answers it.
  EXPECT_LT(SecondsSince(published), 2.0);
  ASSERT_EQ(result.status, 200);
  EXPECT_EQ(result.Header("content-type"), "application/json;charset=UTF-8");
  const json messages = result.Json();
  ASSERT_EQ(messages.size(), 2u) << result.body;
  EXPECT_EQ(messages[0]["channel"], kEventChannel);
  EXPECT_EQ(messages[0]["data"]["payload"]["Message__c"], "hello");
  EXPECT_EQ(messages[0]["data"]["event"]["replayId"], 1);
  EXPECT_EQ(messages[1],
            json({{"channel", "/meta/connect"},
                  {"clientId", client_id},
                  {"successful", true},
                  {"advice", {{"interval", 0}, {"timeout", 110000}, {"reconnect", "retry"}}},
                  {"id", "4"}}));
  EXPECT_EQ(org.service().parked_requests(), 0u);
  EXPECT_EQ(org.service().engine().ParkedCount(), 0u);

  // The same connection (keep-alive) parks the next connect; the next event answers it.
  poll->WriteRaw(
      testing::RawPost(testing::kCometdPath, testing::ConnectBody(client_id, "5"), org.auth()));
  ASSERT_TRUE(org.WaitParked(1));
  org.Publish("again");
  const HttpResult next = poll->ReadResponse(5'000);
  EXPECT_EQ(ReplayIds(next.Json()), std::vector<int64_t>({2}));
}

TEST(CometdLongPoll, AConnectWithNoEventsAnswersEmptyAtItsDeadline) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  const Clock::time_point start = Clock::now();
  std::unique_ptr<TestClient> poll = org.StartPoll(client_id, "4", /*timeout_ms=*/200);
  ASSERT_TRUE(org.WaitParked(1));
  // The timer fires after 200 ms, but by the server's clock the deadline is still ahead: the poll
  // stays parked (the timer is re-armed).
  std::this_thread::sleep_for(std::chrono::milliseconds(450));
  EXPECT_EQ(org.service().parked_requests(), 1u);
  org.clock().Advance(Duration::Milliseconds(200));
  const HttpResult result = poll->ReadResponse(5'000);
  EXPECT_GE(SecondsSince(start), 0.4);
  ASSERT_EQ(result.status, 200);
  const json messages = result.Json();
  ASSERT_EQ(messages.size(), 1u) << result.body;  // no events
  EXPECT_EQ(messages[0]["channel"], "/meta/connect");
  EXPECT_EQ(messages[0]["successful"], true);
  EXPECT_EQ(messages[0]["advice"]["reconnect"], "retry");
  EXPECT_EQ(org.service().parked_requests(), 0u);
  EXPECT_EQ(org.service().engine().ParkedCount(), 0u);
}

TEST(CometdLongPoll, TwoClientsEachGetTheEvent) {
  CometdTestOrg org;
  const std::string a = org.ReadyClient();
  const std::string b = org.ReadyClient();
  ASSERT_NE(a, b);
  std::unique_ptr<TestClient> poll_a = org.StartPoll(a, "4");
  std::unique_ptr<TestClient> poll_b = org.StartPoll(b, "4");
  ASSERT_TRUE(org.WaitParked(2));
  org.Publish("for both");
  for (TestClient* poll : {poll_a.get(), poll_b.get()}) {
    const HttpResult result = poll->ReadResponse(5'000);
    ASSERT_EQ(result.status, 200);
    const json messages = result.Json();
    ASSERT_EQ(messages.size(), 2u) << result.body;
    EXPECT_EQ(messages[0]["data"]["payload"]["Message__c"], "for both");
    EXPECT_EQ(messages[1]["successful"], true);
  }
}

TEST(CometdLongPoll, DisconnectFromAnotherConnectionEndsTheParkedPoll) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  std::unique_ptr<TestClient> poll = org.StartPoll(client_id, "4");
  ASSERT_TRUE(org.WaitParked(1));
  const json bye = org.Messages(
      json::array({{{"channel", "/meta/disconnect"}, {"clientId", client_id}, {"id", "5"}}})
          .dump());
  ASSERT_EQ(bye.size(), 1u);
  EXPECT_EQ(bye[0]["successful"], true);
  const HttpResult result = poll->ReadResponse(5'000);
  ASSERT_EQ(result.status, 200);
  const json reply = ConnectReply(result);
  EXPECT_EQ(reply["channel"], "/meta/connect");
  EXPECT_EQ(reply["successful"], true);
  EXPECT_EQ(reply["advice"]["reconnect"], "none");
  EXPECT_EQ(org.service().parked_requests(), 0u);
  EXPECT_EQ(org.service().engine().ClientCount(), 0u);
}

TEST(CometdLongPoll, ANewerConnectReleasesTheOlderOne) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  std::unique_ptr<TestClient> first = org.StartPoll(client_id, "4");
  ASSERT_TRUE(org.WaitParked(1));
  std::unique_ptr<TestClient> second = org.StartPoll(client_id, "5");
  const HttpResult released = first->ReadResponse(5'000);
  ASSERT_EQ(released.status, 200);
  EXPECT_EQ(ConnectReply(released)["id"], "4");
  EXPECT_EQ(ConnectReply(released)["successful"], true);
  ASSERT_TRUE(org.WaitParked(1));
  org.Publish("to the newer one");
  const HttpResult delivered = second->ReadResponse(5'000);
  EXPECT_EQ(ReplayIds(delivered.Json()), std::vector<int64_t>({1}));
  EXPECT_EQ(ConnectReply(delivered)["id"], "5");
}

TEST(CometdLongPoll, AnAbandonedPollIsCancelledAndItsEventsKept) {
  CometdTestOrg org;
  const std::string client_id = org.ReadyClient();
  std::unique_ptr<TestClient> poll = org.StartPoll(client_id, "4");
  ASSERT_TRUE(org.WaitParked(1));
  poll->Close();
  poll.reset();
  ASSERT_TRUE(org.WaitParked(0));
  EXPECT_TRUE(testing::WaitFor([&] { return org.service().engine().ParkedCount() == 0; }));
  EXPECT_TRUE(
      testing::WaitFor([&] { return org.rest().server().server().open_connections() == 0; }));
  // A publish finds nobody parked: nothing to wake, nothing crashes.
  org.Publish("while away");
  // The client reconnects within 110 s and gets what it missed.
  const json replies = org.ConnectNow(client_id, "6");
  EXPECT_EQ(ReplayIds(replies), std::vector<int64_t>({1}));
  EXPECT_EQ(replies.back()["successful"], true);

  // Many abandoned polls leave nothing behind either.
  std::vector<std::string> clients;
  for (int i = 0; i < 20; ++i) clients.push_back(org.ReadyClient());
  std::vector<std::unique_ptr<TestClient>> polls;
  for (const std::string& c : clients) polls.push_back(org.StartPoll(c, "7"));
  ASSERT_TRUE(org.WaitParked(20));
  polls.clear();  // closes every connection
  ASSERT_TRUE(org.WaitParked(0));
  EXPECT_TRUE(testing::WaitFor([&] { return org.service().engine().ParkedCount() == 0; }));
}

TEST(CometdLongPoll, LongPollsDoNotStarveOtherRequests) {
  CometdTestOrg org;  // 2 worker threads
  std::vector<std::unique_ptr<TestClient>> polls;
  for (int i = 0; i < 8; ++i) polls.push_back(org.StartPoll(org.ReadyClient(), "4"));
  ASSERT_TRUE(org.WaitParked(8));
  for (int i = 0; i < 20; ++i) {
    const Clock::time_point start = Clock::now();
    const HttpResult limits = org.rest().Call("GET", org.rest().Path("/limits"));
    EXPECT_LT(SecondsSince(start), 1.0);
    ASSERT_EQ(limits.status, 200);
    EXPECT_TRUE(limits.Json().contains("DailyApiRequests"));
  }
  // A new CometD client is served too while the others wait.
  EXPECT_FALSE(org.Handshake().empty());
  EXPECT_EQ(org.service().parked_requests(), 8u);
  org.Publish("all of you");
  for (const auto& poll : polls) {
    const HttpResult result = poll->ReadResponse(5'000);
    EXPECT_EQ(ReplayIds(result.Json()), std::vector<int64_t>({1}));
  }
}

TEST(CometdLongPoll, StopAnswersParkedPollsAndReturnsPromptly) {
  CometdTestOrg org;
  std::vector<std::unique_ptr<TestClient>> polls;
  for (int i = 0; i < 5; ++i) polls.push_back(org.StartPoll(org.ReadyClient(), "4"));
  ASSERT_TRUE(org.WaitParked(5));
  const Clock::time_point start = Clock::now();
  org.rest().server().Stop();
  // drain_timeout is 2 s: well under it, because every parked poll was answered.
  EXPECT_LT(SecondsSince(start), 1.0);
  for (const auto& poll : polls) {
    const HttpResult result = poll->ReadResponse(2'000);
    ASSERT_EQ(result.status, 200);
    EXPECT_EQ(result.Header("connection"), "close");
    const json reply = ConnectReply(result);
    EXPECT_EQ(reply["channel"], "/meta/connect");
    EXPECT_EQ(reply["successful"], true);
  }
  EXPECT_EQ(org.service().parked_requests(), 0u);
  EXPECT_EQ(org.service().engine().ParkedCount(), 0u);
}

TEST(CometdLongPoll, PublishersOnOtherThreadsWakePollsSafely) {
  CometdTestOrg org;
  constexpr int kClients = 4;
  constexpr int kEvents = 50;
  std::vector<std::string> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(org.ReadyClient());
  std::vector<std::thread> pollers;
  std::vector<std::vector<int64_t>> seen(kClients);
  for (int i = 0; i < kClients; ++i) {
    pollers.emplace_back([&, i] {
      TestClient client(org.port());
      int n = 0;
      while (seen[i].size() < static_cast<size_t>(kEvents) && n++ < 1'000) {
        client.WriteRaw(testing::RawPost(
            testing::kCometdPath, testing::ConnectBody(clients[i], std::to_string(n)), org.auth()));
        const HttpResult result = client.ReadResponse(5'000);
        if (result.status != 200) break;
        for (int64_t id : ReplayIds(result.Json())) seen[i].push_back(id);
      }
    });
  }
  std::thread publisher([&] {
    for (int e = 0; e < kEvents; ++e) {
      org.Publish("e" + std::to_string(e));
      if (e % 5 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  publisher.join();
  for (std::thread& t : pollers) t.join();
  std::vector<int64_t> expected;
  for (int e = 1; e <= kEvents; ++e) expected.push_back(e);
  for (int i = 0; i < kClients; ++i) EXPECT_EQ(seen[i], expected) << "client " << i;
}

}  // namespace
}  // namespace recoup::sim::org::rest
