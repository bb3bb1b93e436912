// Tests for `recoup org serve`: it prints its URL (with --port 0, the port it picked) and a curl
// line, serves OAuth, stops cleanly on SIGTERM and SIGINT, and refuses bad flags naming the flag.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_crypto.h"

extern char** environ;

namespace recoup::sim::org::http {
namespace {

using testing::HttpResult;
using testing::TestClient;

// A child process running the recoup binary with its stdout and stderr on pipes.
class Child {
 public:
  explicit Child(std::vector<std::string> args) {
    args.insert(args.begin(), RECOUP_BINARY);
    int out[2], err[2];
    EXPECT_EQ(pipe(out), 0);
    EXPECT_EQ(pipe(err), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, err[0]);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, RECOUP_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }
  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
    close(err_);
  }

  // Reads stdout until it holds `n` lines or timeout_ms passes.
  std::string ReadLines(int n, int timeout_ms = 10'000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Count(stdout_, '\n') < n && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        char buf[4096];
        const ssize_t k = read(out_, buf, sizeof buf);
        if (k <= 0) break;
        stdout_.append(buf, static_cast<size_t>(k));
      }
    }
    return stdout_;
  }
  // Waits for the exit status (-1 on timeout); collects the rest of stdout and stderr.
  int Wait(int timeout_ms = 10'000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        Drain(out_, &stdout_);
        Drain(err_, &stderr_);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      usleep(10'000);
    }
    return -1;
  }
  void Signal(int sig) { kill(pid_, sig); }
  const std::string& out() const { return stdout_; }
  const std::string& err() const { return stderr_; }

 private:
  static int Count(const std::string& s, char c) {
    int n = 0;
    for (const char x : s) n += x == c ? 1 : 0;
    return n;
  }
  static void Drain(int fd, std::string* to) {
    char buf[4096];
    ssize_t k;
    while ((k = read(fd, buf, sizeof buf)) > 0) to->append(buf, static_cast<size_t>(k));
  }
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string stdout_;
  std::string stderr_;
};

uint16_t PortFromUrlLine(const std::string& out) {
  const size_t at = out.find("http://127.0.0.1:") != std::string::npos
                        ? out.find("http://127.0.0.1:") + 17
                        : out.find("https://127.0.0.1:") + 18;
  return static_cast<uint16_t>(std::stoi(out.substr(at)));
}

TEST(OrgServeCliTest, ServesPrintsTheUrlAndStopsOnSigterm) {
  const std::string log = testing::TempPath("cli-requests.log");
  Child child({"org", "serve", "--port", "0", "--client-id", "cli-id", "--client-secret",
               "cli secret", "--seed", "9", "--api-limit", "500", "--request-log", log});
  const std::string out = child.ReadLines(2);
  ASSERT_NE(out.find("recoup org serve: listening on http://127.0.0.1:"), std::string::npos) << out;
  EXPECT_NE(out.find("seed 9"), std::string::npos);
  EXPECT_NE(out.find("get a token: curl -s http://127.0.0.1:"), std::string::npos);
  EXPECT_NE(out.find("-d client_id=cli-id -d client_secret='cli secret'"), std::string::npos)
      << out;
  const uint16_t port = PortFromUrlLine(out);
  ASSERT_GT(port, 0);
  TestClient client(port);
  HttpResult r =
      client.Request("POST", "/services/oauth2/token",
                     "grant_type=client_credentials&client_id=cli-id&client_secret=cli+secret",
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = r.Json()["access_token"];
  r = client.Request("GET", "/services/data/v62.0/", "", {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=1/500");
  child.Signal(SIGTERM);
  EXPECT_EQ(child.Wait(), 0) << child.err();
  EXPECT_NE(child.out().find("SIGTERM, stopping"), std::string::npos);
  EXPECT_NE(child.out().find("stopped after 2 requests"), std::string::npos) << child.out();
}

TEST(OrgServeCliTest, StopsOnSigintAndServesTls) {
  const testing::TestKeyPair& keys = testing::SharedKeyPair();
  const std::string cert = testing::WriteTempFile("cli-cert.pem", keys.certificate_pem);
  const std::string key = testing::WriteTempFile("cli-key.pem", keys.private_key_pem);
  Child child({"org", "serve", "--port", "0", "--client-id", "id", "--client-secret", "secret",
               "--tls-cert", cert, "--tls-key", key, "--threads", "1"});
  const std::string out = child.ReadLines(2);
  ASSERT_NE(out.find("listening on https://127.0.0.1:"), std::string::npos) << out;
  EXPECT_NE(out.find("curl -s -k https://"), std::string::npos);
  const uint16_t port = PortFromUrlLine(out);
  TestClient client(port, /*tls=*/true);
  EXPECT_EQ(client.Request("GET", "/services/data").status, 200);
  child.Signal(SIGINT);
  EXPECT_EQ(child.Wait(), 0) << child.err();
  EXPECT_NE(child.out().find("SIGINT, stopping"), std::string::npos);
}

TEST(OrgServeCliTest, BadFlagsAreRefusedNamingTheFlag) {
  const std::string missing = testing::TempPath("does-not-exist.pem");
  const std::string not_pem = testing::WriteTempFile("not.pem", "hello\n");
  struct Case {
    std::vector<std::string> extra;
    std::string flag;
  };
  const Case cases[] = {
      {{"--threads", "0"}, "--threads"},
      {{"--port", "70000"}, "--port"},
      {{"--tls-cert", not_pem}, "--tls-key"},
      {{"--tls-key", not_pem}, "--tls-cert"},
      {{"--tls-cert", missing, "--tls-key", missing}, "--tls-cert"},
      {{"--jwt-cert", missing}, "--jwt-cert"},
      {{"--jwt-cert", not_pem}, "--jwt-cert"},
      {{"--token-lifetime", "0"}, "--token-lifetime"},
      {{"--api-limit", "0"}, "--api-limit"},
      {{"--username", "nobody"}, "--username"},
      {{"--host", "example.com"}, "--host"},
      {{"--request-log", "/nonexistent-dir/log"}, "--request-log"},
      {{"--rotate-refresh-tokens"}, "--rotate-refresh-tokens"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"org", "serve", "--client-id", "a", "--client-secret", "b"};
    if (c.flag != "--port") args.insert(args.end(), {"--port", "0"});
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    Child child(args);
    EXPECT_EQ(child.Wait(), 2) << c.flag << ": " << child.err();
    EXPECT_NE(child.err().find(c.flag), std::string::npos) << c.flag << ": " << child.err();
  }
  // A missing required flag is CLI11's error, naming it.
  Child child({"org", "serve", "--port", "0", "--client-id", "a"});
  EXPECT_NE(child.Wait(), 0);
  EXPECT_NE(child.err().find("--client-secret"), std::string::npos) << child.err();
}

}  // namespace
}  // namespace recoup::sim::org::http
