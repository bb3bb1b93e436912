#include "tests/sim/org/http/test_client.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <iostream>

// GCC 12 with -O2 -g and sanitizers reports a false -Wmaybe-uninitialized inside Beast's response
// parser (boost::optional in basic_parser.hpp); the asan presets build with -Werror.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace recoup::sim::org::http::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

struct TestClient::Impl {
  net::io_context ioc;
  ssl::context ctx{ssl::context::tls_client};
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;

  beast::tcp_stream& Lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  template <class F>
  auto WithStream(F&& f) {
    if (secure) return f(*secure);
    return f(*plain);
  }

  // Runs the io_context until the pending operation finishes (or the deadline cancels it).
  void Run() {
    ioc.restart();
    ioc.run();
  }
};

TestClient::TestClient(uint16_t port, bool tls) : impl_(std::make_unique<Impl>()) {
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  beast::error_code ec;
  if (tls) {
    impl_->ctx.set_verify_mode(ssl::verify_none);
    impl_->secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(impl_->ioc, impl_->ctx);
    beast::get_lowest_layer(*impl_->secure).socket().connect(endpoint, ec);
    if (!ec) impl_->secure->handshake(ssl::stream_base::client, ec);
  } else {
    impl_->plain = std::make_unique<beast::tcp_stream>(impl_->ioc);
    impl_->plain->socket().connect(endpoint, ec);
  }
  if (ec) {
    std::cerr << "TestClient: cannot connect to port " << port << ": " << ec.message() << "\n";
    std::abort();
  }
  impl_->Lowest().socket().set_option(tcp::no_delay(true), ec);
}

TestClient::~TestClient() = default;

HttpResult TestClient::Request(const std::string& method, const std::string& target,
                               const std::string& body, const Headers& headers) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  const bool has_length = [&] {
    for (const auto& h : headers) {
      if (beast::iequals(h.first, "Content-Length") ||
          beast::iequals(h.first, "Transfer-Encoding")) {
        return true;
      }
    }
    return false;
  }();
  if (!has_length && (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw += "\r\n" + body;
  WriteRaw(raw);
  return ReadResponse();
}

void TestClient::WriteRaw(std::string_view bytes) {
  beast::error_code ec;
  impl_->WithStream([&](auto& s) { net::write(s, net::buffer(bytes.data(), bytes.size()), ec); });
}

HttpResult TestClient::ReadResponse(int timeout_ms) {
  HttpResult result;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(512u << 20);
  beast::error_code ec = net::error::would_block;
  impl_->Lowest().expires_after(std::chrono::milliseconds(timeout_ms));
  impl_->WithStream([&](auto& s) {
    bhttp::async_read(s, impl_->buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
  });
  impl_->Run();
  if (ec) return result;
  const auto& msg = parser.get();
  result.status = static_cast<int>(msg.result_int());
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers[name] = std::string(field.value());
  }
  result.body = msg.body();
  return result;
}

bool TestClient::WaitForClose(int timeout_ms) {
  char scratch[4096];
  impl_->Lowest().expires_after(std::chrono::milliseconds(timeout_ms));
  while (true) {
    beast::error_code ec = net::error::would_block;
    size_t n = 0;
    impl_->WithStream([&](auto& s) {
      s.async_read_some(net::buffer(scratch), [&](beast::error_code e, size_t k) {
        ec = e;
        n = k;
      });
    });
    impl_->Run();
    if (ec == beast::error::timeout) return false;
    if (ec) return true;  // eof, reset, TLS truncation: closed
    (void)n;
  }
}

void TestClient::Close() {
  beast::error_code ec;
  impl_->Lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
  impl_->Lowest().socket().close(ec);
}

HttpResult PostToken(uint16_t port, const std::string& body, Headers headers) {
  TestClient client(port);
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return client.Request("POST", "/services/oauth2/token", body, headers);
}

HttpResult ApiGet(uint16_t port, const std::string& target, const std::string& authorization) {
  TestClient client(port);
  Headers headers;
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  return client.Request("GET", target, "", headers);
}

std::string FetchToken(uint16_t port, const std::string& client_id, const std::string& secret,
                       bool tls) {
  TestClient client(port, tls);
  const HttpResult r = client.Request(
      "POST", "/services/oauth2/token",
      "grant_type=client_credentials&client_id=" + client_id + "&client_secret=" + secret,
      {{"Content-Type", "application/x-www-form-urlencoded"}});
  const nlohmann::json j = r.Json();
  if (r.status != 200 || !j.is_object() || !j.contains("access_token")) return "";
  return j["access_token"].get<std::string>();
}

}  // namespace recoup::sim::org::http::testing
