// Tests for the HTTP server over real loopback sockets: error shapes (404, 405, unknown version,
// WebSocket refusal), headers (Content-Type, Sforce-Limit-Info, X-PrettyPrint, no Accept needed),
// keep-alive, pipelining, chunked bodies, Expect: 100-continue, size limits (413, 431), malformed
// requests, query and path decoding, handler exceptions, and the request log.
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/org/http/org_server.h"
#include "sim/org/http/sf_http_errors.h"
#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_crypto.h"
#include "tests/sim/org/http/test_org.h"

namespace recoup::sim::org::http {
namespace {

using testing::Headers;
using testing::HttpResult;
using testing::TestClient;
using testing::TestOrg;

// Echo routes: the request as JSON (method, path params, query, selected headers, body).
void AddEchoRoutes(OrgServer& org) {
  const auto echo = [](const Request& request, Response& response) {
    nlohmann::json query = nlohmann::json::array();
    for (size_t i = 0; i < request.query().size(); ++i) {
      query.push_back({request.query().name(i), request.query().value(i)});
    }
    nlohmann::json body = {{"method", request.method_name()},
                           {"path", request.path()},
                           {"value", request.PathParam("value")},
                           {"query", query},
                           {"content_type", request.Header("Content-Type").value_or("")},
                           {"body", request.body()},
                           {"user", request.principal() ? request.principal()->username : ""}};
    response.SetJson(200, body);
  };
  ASSERT_TRUE(org.router().Add(Method::kPost, "/test/echo", echo, {Access::kPublic, 0}).ok());
  ASSERT_TRUE(org.router().Add(Method::kGet, "/test/echo", echo, {Access::kPublic, 0}).ok());
  ASSERT_TRUE(
      org.router().Add(Method::kPut, "/test/echo/{value}", echo, {Access::kPublic, 0}).ok());
  ASSERT_TRUE(org.router().Add(Method::kPost, "/test/small", echo, {Access::kPublic, 100}).ok());
  ASSERT_TRUE(org.router()
                  .Add(Method::kGet, "/services/data/v{version}/test/api", echo, {Access::kApi, 0})
                  .ok());
  ASSERT_TRUE(
      org.router().Add(Method::kGet, "/test/optional", echo, {Access::kOptionalSession, 0}).ok());
  ASSERT_TRUE(org.router()
                  .Add(Method::kGet, "/test/throw",
                       [](const Request&, Response&) { throw std::runtime_error("boom"); },
                       {Access::kPublic, 0})
                  .ok());
  ASSERT_TRUE(org.router()
                  .Add(Method::kPost, "/test/json",
                       [](const Request& request, Response& response) {
                         SfOr<nlohmann::json> parsed = ParseJsonBody(request);
                         if (!parsed.ok()) return WriteSfError(&response, parsed.error());
                         response.SetJson(201, *parsed);
                       },
                       {Access::kPublic, 0})
                  .ok());
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() : org_({}, AddEchoRoutes) {}
  TestOrg org_;
};

TEST_F(ServerTest, UnknownRouteIsSalesforceNotFound) {
  TestClient client(org_.port());
  const HttpResult r = client.Request("GET", "/services/data/v62.0/nothing/here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body,
            R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])");
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=0/15000");
  EXPECT_TRUE(r.HasHeader("date"));
  EXPECT_EQ(r.Header("connection"), "keep-alive");
  // The connection is still usable.
  EXPECT_EQ(client.Request("GET", "/nope").status, 404);
}

TEST_F(ServerTest, WrongMethodIsMethodNotAllowedWithAllow) {
  TestClient client(org_.port());
  HttpResult r = client.Request("DELETE", "/services/data/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Json(), nlohmann::json::parse(
                          R"([{"message":"HTTP Method 'DELETE' not allowed. Allowed are GET",
                               "errorCode":"METHOD_NOT_ALLOWED"}])"));
  EXPECT_EQ(r.Header("allow"), "GET");
  r = client.Request("PROPFIND", "/test/echo");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET,POST");
  EXPECT_EQ(r.Json()[0]["message"], "HTTP Method 'PROPFIND' not allowed. Allowed are GET,POST");
}

TEST_F(ServerTest, UnservedApiVersionIsNotFound) {
  const std::string token = org_.Token();
  TestClient client(org_.port());
  for (const char* version : {"v99.0", "v49.0", "v62.5", "v62", "vX"}) {
    const HttpResult r =
        client.Request("GET", std::string("/services/data/") + version + "/test/api", "",
                       {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(r.status, 404) << version;
    EXPECT_EQ(r.Json()[0]["errorCode"], "NOT_FOUND") << version;
  }
  const HttpResult ok = client.Request("GET", "/services/data/v50.0/test/api", "",
                                       {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.Json()["user"], kDefaultUsername);
}

TEST_F(ServerTest, OptionalSessionRoutesSeeThePrincipalOrNone) {
  const std::string token = org_.Token();
  TestClient client(org_.port());
  HttpResult r = client.Request("GET", "/test/optional", "", {{"Authorization", "OAuth " + token}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["user"], kDefaultUsername);
  for (const std::string& auth : {std::string(), std::string("OAuth bad-token")}) {
    Headers headers;
    if (!auth.empty()) headers.emplace_back("Authorization", auth);
    r = client.Request("GET", "/test/optional", "", headers);
    EXPECT_EQ(r.status, 200) << auth;
    EXPECT_EQ(r.Json()["user"], "") << auth;
    EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=0/15000");
  }
}

TEST_F(ServerTest, RefusesWebSocketUpgradeWithoutSwitchingProtocols) {
  TestClient client(org_.port());
  const HttpResult r = client.Request("GET", "/cometd/62.0", "",
                                      {{"Upgrade", "websocket"},
                                       {"Connection", "Upgrade"},
                                       {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                       {"Sec-WebSocket-Version", "13"}});
  EXPECT_NE(r.status, 101);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()[0]["errorCode"], "NOT_SUPPORTED");
}

TEST_F(ServerTest, PrettyPrintAndNoAcceptHeaderNeeded) {
  TestClient client(org_.port());
  const HttpResult plain = client.Request("GET", "/services/data");  // no Accept at all
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.find('\n'), std::string::npos);
  const HttpResult pretty =
      client.Request("GET", "/services/data", "", {{"X-PrettyPrint", "1"}, {"Accept", "*/*"}});
  ASSERT_EQ(pretty.status, 200);
  EXPECT_NE(pretty.body.find('\n'), std::string::npos);
  EXPECT_EQ(pretty.Json(), plain.Json());
}

TEST_F(ServerTest, DecodesQueryBothWaysAndPathCaptures) {
  TestClient client(org_.port());
  HttpResult r = client.Request("GET", "/test/echo?q=SELECT+Id%20FROM+Account&b=%27x%27&flag");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["query"],
            nlohmann::json::parse(R"([["q","SELECT Id FROM Account"],["b","'x'"],["flag",""]])"));
  EXPECT_EQ(r.Json()["path"], "/test/echo");
  r = client.Request("PUT", "/test/echo/A%20B+C", "x");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["value"], "A B+C");
  EXPECT_EQ(r.Json()["body"], "x");
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  TestClient client(org_.port());
  for (int i = 0; i < 50; ++i) {
    const HttpResult r = client.Request("POST", "/test/echo", "n=" + std::to_string(i));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Json()["body"], "n=" + std::to_string(i));
  }
  EXPECT_EQ(org_.org().server().open_connections(), 1u);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestClient client(org_.port());
  std::string batch;
  for (int i = 0; i < 5; ++i) {
    const std::string body = "body" + std::to_string(i);
    batch +=
        "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body;
  }
  batch += "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n";
  client.WriteRaw(batch);
  for (int i = 0; i < 5; ++i) {
    const HttpResult r = client.ReadResponse();
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.Json()["body"], "body" + std::to_string(i));
  }
  EXPECT_EQ(client.ReadResponse().status, 404);
}

TEST_F(ServerTest, ChunkedBodiesAreReassembled) {
  TestClient client(org_.port());
  client.WriteRaw(
      "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
      "Transfer-Encoding: chunked\r\n\r\n"
      "5\r\nName,\r\n9\r\nAmount__c\r\n1\r\n\n\r\n7;ext=1\r\nx,10.5\n\r\n0\r\n\r\n");
  HttpResult r = client.ReadResponse();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["body"], "Name,Amount__c\nx,10.5\n");
  EXPECT_EQ(r.Json()["content_type"], "text/csv");
  // A large upload in many chunks, as jsforce streams a Bulk CSV.
  std::string expected;
  std::string wire = "POST /test/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 2000; ++i) {
    const std::string line = "row" + std::to_string(i) + ",value " + std::string(200, 'v') + "\n";
    expected += line;
    char size[16];
    std::snprintf(size, sizeof size, "%zx", line.size());
    wire += std::string(size) + "\r\n" + line + "\r\n";
  }
  wire += "0\r\n\r\n";
  client.WriteRaw(wire);
  r = client.ReadResponse();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["body"], expected);
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  TestClient client(org_.port());
  client.WriteRaw(
      "POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  const HttpResult interim = client.ReadResponse();
  EXPECT_EQ(interim.status, 100);
  client.WriteRaw("abcd");
  const HttpResult r = client.ReadResponse();
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["body"], "abcd");
}

TEST_F(ServerTest, BodyOverTheRouteLimitIsRefusedWith413) {
  {
    TestClient client(org_.port());
    const HttpResult r = client.Request("POST", "/test/small", std::string(101, 'x'));
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.Json()[0]["errorCode"], "EXCEEDED_MAX_SIZE_REQUEST");
    EXPECT_EQ(r.Json()[0]["message"], "The request body exceeds the limit of 100 bytes");
    EXPECT_EQ(r.Header("connection"), "close");
    EXPECT_TRUE(client.WaitForClose());
  }
  {
    TestClient client(org_.port());
    client.WriteRaw(
        "POST /test/small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "40\r\n" +
        std::string(64, 'a') + "\r\n40\r\n" + std::string(64, 'b') + "\r\n0\r\n\r\n");
    EXPECT_EQ(client.ReadResponse().status, 413);
  }
  TestClient client(org_.port());
  EXPECT_EQ(client.Request("POST", "/test/small", std::string(100, 'x')).status, 200);
}

TEST_F(ServerTest, OversizedHeadersGet431AndMalformedRequests400) {
  {
    TestClient client(org_.port());
    const HttpResult r =
        client.Request("GET", "/test/echo", "", {{"X-Big", std::string(17 * 1024, 'h')}});
    EXPECT_EQ(r.status, 431);
    EXPECT_EQ(r.Json()[0]["errorCode"], "REQUEST_HEADER_FIELDS_TOO_LARGE");
    EXPECT_TRUE(client.WaitForClose());
  }
  {
    TestClient client(org_.port());
    client.WriteRaw("GARBAGE\r\n\r\n");
    const HttpResult r = client.ReadResponse();
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.Json()[0]["errorCode"], "MALFORMED_REQUEST");
    EXPECT_TRUE(client.WaitForClose());
  }
  {
    TestClient client(org_.port());
    client.WriteRaw("POST /test/echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    EXPECT_EQ(client.ReadResponse().status, 400);
  }
  // The server is still fine.
  TestClient client(org_.port());
  EXPECT_EQ(client.Request("GET", "/test/echo").status, 200);
}

TEST_F(ServerTest, HttpOneZeroAndConnectionCloseAreHonoured) {
  TestClient client(org_.port());
  const HttpResult r = client.Request("GET", "/test/echo", "", {{"Connection", "close"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
  TestClient old(org_.port());
  old.WriteRaw("GET /test/echo HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.ReadResponse().status, 200);
  EXPECT_TRUE(old.WaitForClose());
}

TEST_F(ServerTest, JsonBodyHelperReportsParserErrorsWithPosition) {
  TestClient client(org_.port());
  HttpResult r = client.Request("POST", "/test/json", R"({"Name": "x",})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()[0]["errorCode"], "JSON_PARSER_ERROR");
  EXPECT_NE(r.Json()[0]["message"].get<std::string>().find("line 1, column 14"), std::string::npos)
      << r.body;
  r = client.Request("POST", "/test/json", "  ");
  EXPECT_EQ(r.Json()[0]["message"], "No content to map due to end-of-input");
  r = client.Request("POST", "/test/json", R"({"Name":"x"})");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.Json()["Name"], "x");
}

TEST_F(ServerTest, HandlerExceptionBecomes500AndTheServerGoesOn) {
  TestClient client(org_.port());
  const HttpResult r = client.Request("GET", "/test/throw");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.Json()[0]["errorCode"], "UNKNOWN_EXCEPTION");
  EXPECT_NE(r.Json()[0]["message"].get<std::string>().find("boom"), std::string::npos);
  EXPECT_EQ(client.Request("GET", "/test/echo").status, 200);
}

TEST(ServerLogTest, WritesOneLinePerRequest) {
  const std::string log_path = testing::TempPath("requests.log");
  std::remove(log_path.c_str());
  {
    TestOrg org([&](OrgServerOptions& o) { o.http.request_log_path = log_path; }, AddEchoRoutes);
    TestClient client(org.port());
    client.Request("GET", "/test/echo?secret=1");
    client.Request("POST", "/test/echo", "abc");
    client.Request("GET", "/missing");
    org.org().Stop();
  }
  std::ifstream in(log_path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);
  // "2025-03-01T12:00:00.000000Z GET /test/echo 200 <bytes> <micros>" (the test clock's time).
  std::istringstream first(lines[0]);
  std::string time, method, path;
  int status = 0;
  long long bytes = -1, micros = -1;
  first >> time >> method >> path >> status >> bytes >> micros;
  EXPECT_EQ(time, "2025-03-01T12:00:00.000000Z");
  EXPECT_EQ(method, "GET");
  EXPECT_EQ(path, "/test/echo");  // no query string
  EXPECT_EQ(status, 200);
  EXPECT_GT(bytes, 0);
  EXPECT_GE(micros, 0);
  EXPECT_NE(lines[1].find(" POST /test/echo 200 "), std::string::npos);
  const std::string not_found_body =
      R"([{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}])";
  EXPECT_NE(lines[2].find(" GET /missing 404 " + std::to_string(not_found_body.size()) + " "),
            std::string::npos)
      << lines[2];
}

TEST(ServerConfigTest, ListenErrorsNameTheOption) {
  {
    ServerOptions o;
    o.host = "not-an-ip";
    Server server(o);
    const Status s = server.Listen();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("--host"), std::string_view::npos);
  }
  {
    ServerOptions o;
    o.threads = 0;
    Server server(o);
    EXPECT_NE(server.Listen().message().find("--threads"), std::string_view::npos);
  }
  {
    ServerOptions o;
    o.tls_cert_file =
        testing::WriteTempFile("only-cert.pem", testing::SharedKeyPair().certificate_pem);
    Server server(o);
    EXPECT_NE(server.Listen().message().find("--tls-key"), std::string_view::npos);
  }
  {
    ServerOptions o;
    o.tls_cert_file =
        testing::WriteTempFile("mismatch-cert.pem", testing::SharedKeyPair().certificate_pem);
    o.tls_key_file =
        testing::WriteTempFile("mismatch-key.pem", testing::OtherKeyPair().private_key_pem);
    Server server(o);
    const Status s = server.Listen();
    EXPECT_NE(s.message().find("does not match"), std::string_view::npos) << s;
  }
  {
    ServerOptions o;
    o.tls_cert_file = testing::TempPath("no-such-cert.pem");
    o.tls_key_file = testing::TempPath("no-such-key.pem");
    Server server(o);
    EXPECT_NE(server.Listen().message().find("--tls-cert"), std::string_view::npos);
  }
  {
    ServerOptions o;
    o.request_log_path = "/nonexistent-dir/x.log";
    Server server(o);
    EXPECT_NE(server.Listen().message().find("--request-log"), std::string_view::npos);
  }
  Server first(ServerOptions{});
  ASSERT_TRUE(first.Listen().ok());
  ServerOptions o;
  o.port = first.port();
  Server second(o);
  const Status s = second.Listen();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find(std::to_string(first.port())), std::string_view::npos);
}

}  // namespace
}  // namespace recoup::sim::org::http
