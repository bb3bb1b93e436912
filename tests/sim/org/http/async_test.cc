// Tests for asynchronous routes and the server's lifecycle: parked long polls do not block other
// connections (2 worker threads, 10 parked requests), answers from other threads, abandonment when
// the client closes, a dropped Responder, timers, graceful Stop(), and a TLS round trip.
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/org/http/org_server.h"
#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_crypto.h"
#include "tests/sim/org/http/test_org.h"

namespace recoup::sim::org::http {
namespace {

using testing::HttpResult;
using testing::TestClient;
using testing::TestOrg;

// Parks every request on /test/park; the test answers them through Release.
class ParkingLot {
 public:
  void Register(OrgServer& org) {
    ASSERT_TRUE(org.router()
                    .AddAsync(Method::kPost, "/test/park",
                              [this](const Request& request, Responder responder) {
                                std::lock_guard<std::mutex> lock(mu_);
                                bodies_.emplace_back(request.body());
                                responder.OnAbandoned([this] { abandoned_.fetch_add(1); });
                                parked_.push_back(std::move(responder));
                              },
                              {Access::kSession, 0})
                    .ok());
    ASSERT_TRUE(org.router()
                    .AddAsync(Method::kGet, "/test/drop",
                              [](const Request&, Responder) { /* dropped */ }, {Access::kPublic, 0})
                    .ok());
    ASSERT_TRUE(org.router()
                    .Add(Method::kGet, "/test/fast",
                         [](const Request&, Response& r) { r.SetJsonText(200, "{\"ok\":true}"); },
                         {Access::kPublic, 0})
                    .ok());
    ASSERT_TRUE(org.router()
                    .Add(Method::kGet, "/test/slow",
                         [](const Request&, Response& r) {
                           std::this_thread::sleep_for(std::chrono::milliseconds(300));
                           r.SetJsonText(200, "{\"slow\":true}");
                         },
                         {Access::kPublic, 0})
                    .ok());
  }

  size_t parked() {
    std::lock_guard<std::mutex> lock(mu_);
    return parked_.size();
  }
  bool WaitParked(size_t n) {
    for (int i = 0; i < 500; ++i) {
      if (parked() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // Answers every parked request from this (non-worker) thread; returns how many Sends succeeded.
  int ReleaseAll(int status) {
    std::vector<Responder> all;
    {
      std::lock_guard<std::mutex> lock(mu_);
      all.swap(parked_);
    }
    int sent = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      Response r = all[i].NewResponse();
      r.SetJson(status, nlohmann::json{{"released", true}});
      r.AddHeader("X-Order", std::to_string(i));
      sent += all[i].Send(std::move(r)) ? 1 : 0;
    }
    return sent;
  }
  int abandoned() const { return abandoned_.load(); }

 private:
  std::mutex mu_;
  std::vector<Responder> parked_;
  std::vector<std::string> bodies_;
  std::atomic<int> abandoned_{0};
};

TEST(AsyncTest, ParkedLongPollsDoNotBlockOtherConnections) {
  ParkingLot lot;
  TestOrg org([](OrgServerOptions& o) { o.http.threads = 2; },
              [&](OrgServer& s) { lot.Register(s); });
  const std::string token = org.Token();
  // Ten long polls, each on its own connection, parked in the server.
  std::vector<std::unique_ptr<TestClient>> pollers;
  for (int i = 0; i < 10; ++i) {
    pollers.push_back(std::make_unique<TestClient>(org.port()));
    pollers.back()->WriteRaw("POST /test/park HTTP/1.1\r\nHost: x\r\nAuthorization: OAuth " +
                             token + "\r\nContent-Length: 2\r\n\r\n[]");
  }
  ASSERT_TRUE(lot.WaitParked(10));
  // Meanwhile, four other connections get 100 answers each, promptly.
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  std::atomic<int> ok{0};
  for (int c = 0; c < 4; ++c) {
    workers.emplace_back([&] {
      TestClient client(org.port());
      for (int i = 0; i < 100; ++i) ok += client.Request("GET", "/test/fast").status == 200 ? 1 : 0;
    });
  }
  for (std::thread& t : workers) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(ok.load(), 400);
  EXPECT_LT(seconds, 5.0);
  // Now the parked ones are answered from this thread, each on its own connection.
  EXPECT_EQ(lot.ReleaseAll(200), 10);
  for (auto& poller : pollers) {
    const HttpResult r = poller->ReadResponse();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Json()["released"], true);
    EXPECT_TRUE(r.HasHeader("x-order"));
    EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=0/15000");  // kSession: not counted
    // The connection goes on serving.
    EXPECT_EQ(poller->Request("GET", "/test/fast").status, 200);
  }
  EXPECT_EQ(lot.abandoned(), 0);
}

TEST(AsyncTest, ParkedRequestNeedsASessionAndPipelinedRequestWaitsItsTurn) {
  ParkingLot lot;
  TestOrg org({}, [&](OrgServer& s) { lot.Register(s); });
  {
    TestClient client(org.port());
    const HttpResult r = client.Request("POST", "/test/park", "[]");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(lot.parked(), 0u);
  }
  const std::string token = org.Token();
  TestClient client(org.port());
  client.WriteRaw("POST /test/park HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                  "\r\nContent-Length: 1\r\n\r\nA" + "GET /test/fast HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(lot.WaitParked(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(lot.ReleaseAll(202), 1);
  EXPECT_EQ(client.ReadResponse().status, 202);  // the parked one first
  EXPECT_EQ(client.ReadResponse().status, 200);  // then the pipelined one
}

TEST(AsyncTest, ClientClosingAParkedRequestAbandonsIt) {
  ParkingLot lot;
  TestOrg org({}, [&](OrgServer& s) { lot.Register(s); });
  const std::string token = org.Token();
  {
    TestClient client(org.port());
    client.WriteRaw("POST /test/park HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Length: 2\r\n\r\n[]");
    ASSERT_TRUE(lot.WaitParked(1));
    client.Close();
  }
  for (int i = 0; i < 200 && lot.abandoned() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(lot.abandoned(), 1);
  EXPECT_EQ(lot.ReleaseAll(200), 0);  // Send after abandonment is a no-op
  for (int i = 0; i < 200 && org.org().server().open_connections() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(org.org().server().open_connections(), 0u);
}

TEST(AsyncTest, DroppedResponderAnswers500) {
  ParkingLot lot;
  TestOrg org({}, [&](OrgServer& s) { lot.Register(s); });
  TestClient client(org.port());
  const HttpResult r = client.Request("GET", "/test/drop");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()[0]["errorCode"], "UNKNOWN_EXCEPTION");
  EXPECT_EQ(client.Request("GET", "/test/fast").status, 200);
}

TEST(AsyncTest, TimersRunOnWorkersAndCancelStopsThem) {
  TestOrg org;
  std::promise<std::thread::id> fired;
  std::atomic<int> cancelled_ran{0};
  org.org().server().RunAfter(Duration::Milliseconds(20),
                              [&] { fired.set_value(std::this_thread::get_id()); });
  TimerHandle handle =
      org.org().server().RunAfter(Duration::Milliseconds(300), [&] { cancelled_ran.fetch_add(1); });
  handle.Cancel();
  auto future = fired.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_NE(future.get(), std::this_thread::get_id());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(cancelled_ran.load(), 0);
  std::promise<void> posted;
  org.org().server().Post([&] { posted.set_value(); });
  EXPECT_EQ(posted.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

TEST(AsyncTest, StopFinishesInFlightWorkClosesIdleAndAnswersParked) {
  ParkingLot lot;
  TestOrg org([](OrgServerOptions& o) { o.http.drain_timeout = Duration::Seconds(10); },
              [&](OrgServer& s) {
                lot.Register(s);
                s.server().OnStop([&] { lot.ReleaseAll(200); });
              });
  const std::string token = org.Token();
  TestClient idle(org.port());
  EXPECT_EQ(idle.Request("GET", "/test/fast").status, 200);
  TestClient parked(org.port());
  parked.WriteRaw("POST /test/park HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                  "\r\nContent-Length: 2\r\n\r\n[]");
  ASSERT_TRUE(lot.WaitParked(1));
  TestClient slow(org.port());
  slow.WriteRaw("GET /test/slow HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the slow handler is running
  const auto start = std::chrono::steady_clock::now();
  org.org().Stop();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 9.0);  // everything finished well before the 10 s drain deadline
  const HttpResult slow_r = slow.ReadResponse();
  EXPECT_EQ(slow_r.status, 200);
  EXPECT_EQ(slow_r.Header("connection"), "close");
  const HttpResult parked_r = parked.ReadResponse();
  EXPECT_EQ(parked_r.status, 200);
  EXPECT_EQ(parked_r.Header("connection"), "close");
  EXPECT_TRUE(idle.WaitForClose(1000));
  EXPECT_EQ(org.org().server().open_connections(), 0u);
  org.org().Stop();  // idempotent
}

TEST(AsyncTest, StopClosesWhatDoesNotFinishByTheDrainDeadline) {
  ParkingLot lot;  // no OnStop callback: the parked request is never answered
  TestOrg org([](OrgServerOptions& o) { o.http.drain_timeout = Duration::Milliseconds(300); },
              [&](OrgServer& s) { lot.Register(s); });
  const std::string token = org.Token();
  TestClient parked(org.port());
  parked.WriteRaw("POST /test/park HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                  "\r\nContent-Length: 2\r\n\r\n[]");
  ASSERT_TRUE(lot.WaitParked(1));
  const auto start = std::chrono::steady_clock::now();
  org.org().Stop();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(seconds, 0.25);
  EXPECT_LT(seconds, 8.0);
  EXPECT_TRUE(parked.WaitForClose(2000));
  EXPECT_EQ(lot.ReleaseAll(200), 0);  // the connection is gone
}

TEST(TlsTest, HttpsRoundTripWithASelfSignedCertificate) {
  const testing::TestKeyPair& keys = testing::SharedKeyPair();
  const std::string cert = testing::WriteTempFile("tls-cert.pem", keys.certificate_pem);
  const std::string key = testing::WriteTempFile("tls-key.pem", keys.private_key_pem);
  TestOrg org([&](OrgServerOptions& o) {
    o.http.tls_cert_file = cert;
    o.http.tls_key_file = key;
  });
  ASSERT_TRUE(org.tls());
  EXPECT_EQ(org.org().base_url(), "https://127.0.0.1:" + std::to_string(org.port()));
  TestClient client(org.port(), /*tls=*/true);
  HttpResult r = client.Request("POST", "/services/oauth2/token",
                                "grant_type=client_credentials&client_id=test-client&"
                                "client_secret=test-secret",
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["instance_url"], org.org().base_url());
  const std::string token = r.Json()["access_token"];
  for (int i = 0; i < 3; ++i) {  // keep-alive over TLS
    r = client.Request("GET", "/services/data/v62.0/", "", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Json()["sobjects"], "/services/data/v62.0/sobjects");
  }
  client.Close();
  // A plain-HTTP client gets nothing useful from the TLS port, and the server survives it.
  {
    TestClient plain(org.port());
    plain.WriteRaw("GET /services/data HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(plain.ReadResponse(2000).status, 0);
  }
  TestClient again(org.port(), /*tls=*/true);
  EXPECT_EQ(again.Request("GET", "/services/data").status, 200);
}

}  // namespace
}  // namespace recoup::sim::org::http
