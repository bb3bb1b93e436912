// A small synchronous HTTP/1.1 client (Boost.Beast) for the mock org server's tests: plain or TLS
// (certificate not verified: tests use self-signed ones), keep-alive, and raw writes for
// pipelining, chunked bodies and malformed requests.
#ifndef RECOUP_TESTS_SIM_ORG_HTTP_TEST_CLIENT_H_
#define RECOUP_TESTS_SIM_ORG_HTTP_TEST_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace recoup::sim::org::http::testing {

struct HttpResult {
  int status = 0;                              // 0 when the connection closed before a response
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  bool HasHeader(const std::string& lower_name) const { return headers.contains(lower_name); }
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class TestClient {
 public:
  // Connects to 127.0.0.1:port (TLS handshake when tls). Aborts the test binary on failure.
  explicit TestClient(uint16_t port, bool tls = false);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sends one request (Content-Length set when body is non-empty or the method is POST/PUT/PATCH)
  // and reads its response. Host is always sent; nothing else unless given.
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "", const Headers& headers = {});

  // Writes bytes as they are.
  void WriteRaw(std::string_view bytes);
  // Reads one response (status 0 if the peer closed first, or after timeout_ms).
  HttpResult ReadResponse(int timeout_ms = 10'000);
  // True if the peer closes the connection within timeout_ms (reads and discards nothing else).
  bool WaitForClose(int timeout_ms = 5'000);
  // Closes our side.
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// POST /services/oauth2/token with `body` as application/x-www-form-urlencoded (plus `headers`), on
// a fresh connection.
HttpResult PostToken(uint16_t port, const std::string& body, Headers headers = {});

// GET `target` on a fresh connection, with "Authorization: <authorization>" unless it is empty.
HttpResult ApiGet(uint16_t port, const std::string& target, const std::string& authorization);

// POST /services/oauth2/token with grant_type=client_credentials; returns the access token (empty
// on failure).
std::string FetchToken(uint16_t port, const std::string& client_id, const std::string& secret,
                       bool tls = false);

}  // namespace recoup::sim::org::http::testing

#endif  // RECOUP_TESTS_SIM_ORG_HTTP_TEST_CLIENT_H_
