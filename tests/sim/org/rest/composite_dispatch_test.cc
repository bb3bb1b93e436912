// /composite's dispatcher over HTTP with small test routes (sim/org/rest/composite_subrequest.h):
// a subrequest sees what a direct call would (captures, decoded query, inherited and own headers,
// caller, clock), is refused where a direct call would be (404, 405, version) or where composite
// does not allow it (async routes, resources outside the allowed list), and the whole request
// counts as one API call.
#include <gtest/gtest.h>

#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "sim/org/http/sf_http_errors.h"
#include "tests/sim/org/rest/composite_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using http::Method;
using http::Request;
using http::Response;
using testing::HttpResult;
using testing::RestTestOrg;
using testing::Sub;

// Test routes: an echo of what the handler saw, a failing one, a CSV one, one that throws, an
// async one and one outside the resources composite allows.
Status AddTestRoutes(Org& org, http::OrgServer& server) {
  http::Router& router = server.router();
  const std::string base = "/services/data/v{version}/sobjects/Echo";
  auto echo = [](const Request& request, Response& response) {
    nlohmann::json seen;
    seen["method"] = std::string(http::MethodName(request.method()));
    seen["id"] = std::string(request.PathParam("id"));
    seen["version"] = std::string(request.api_version());
    seen["q"] = std::string(request.Query("q").value_or("<none>"));
    seen["if_match"] = std::string(request.Header("If-Match").value_or("<none>"));
    seen["accept"] = std::string(request.Header("Accept").value_or("<none>"));
    seen["content_type"] = std::string(request.Header("Content-Type").value_or("<none>"));
    seen["authorization"] = request.Header("Authorization").has_value();
    seen["user"] = request.principal() == nullptr ? "<none>" : request.principal()->user_id;
    seen["now_ms"] = request.now().unix_nanos() / 1'000'000;
    seen["base_url"] = std::string(request.base_url());
    seen["body"] = std::string(request.body());
    response.SetJson(request.method() == Method::kPost ? 201 : 200, seen);
    if (request.method() == Method::kPost) response.AddHeader("X-Echo", "created");
  };
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPost, base, echo));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + "/{id}", echo));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPatch, base + "/{id}", echo));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kDelete, base + "/{id}",
                                    [](const Request&, Response& r) { r.SetNoBody(204); }));
  RECOUP_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/services/data/v{version}/sobjects/Fail", [](const Request&, Response& r) {
        http::WriteSfError(&r, MakeSfError(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "no"));
      }));
  RECOUP_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/services/data/v{version}/sobjects/Csv",
      [](const Request&, Response& r) { r.SetBody(200, http::kCsvContentType, "a,b\n1,2\n"); }));
  RECOUP_RETURN_IF_ERROR(router.Add(
      Method::kGet, "/services/data/v{version}/sobjects/Binary",
      [](const Request&, Response& r) { r.SetBody(200, "application/octet-stream", "x\xffy"); }));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, "/services/data/v{version}/sobjects/Throw",
                 [](const Request&, Response&) -> void { throw std::runtime_error("boom"); }));
  RECOUP_RETURN_IF_ERROR(router.AddAsync(Method::kGet, "/services/data/v{version}/sobjects/Async",
                                         [](const Request&, http::Responder responder) {
                                           Response r = responder.NewResponse();
                                           r.SetJson(200, nlohmann::json::object());
                                           responder.Send(std::move(r));
                                         }));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kPost, "/services/data/v{version}/jobs/ingest",
                 [](const Request&, Response& r) { r.SetJson(200, nlohmann::json::object()); }));
  return AddCompositeRoutes(org, router);
}

HttpResult Composite(RestTestOrg& org, const nlohmann::json& subs, bool all_or_none = false,
                     testing::Headers headers = {}) {
  const nlohmann::json body = {{"allOrNone", all_or_none}, {"compositeRequest", subs}};
  return org.Call("POST", RestTestOrg::Path("/composite"), body.dump(), std::move(headers));
}

TEST(CompositeDispatchTest, SubrequestSeesWhatADirectCallSees) {
  RestTestOrg org(AddTestRoutes);
  nlohmann::json get = Sub("GET", "/sobjects/Echo/a%2Fb?q=SELECT+Id%20FROM+X", "get");
  get["httpHeaders"] = {{"If-Match", "\"etag-1\""}};
  const nlohmann::json subs =
      nlohmann::json::array({Sub("POST", "/sobjects/Echo", "post", {{"Name", "x"}}), get});
  const HttpResult r = Composite(org, subs, false, {{"Accept", "*/*"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), testing::kJsonType);
  const nlohmann::json j = r.Json();
  ASSERT_EQ(j["compositeResponse"].size(), 2u) << r.body;

  const nlohmann::json& post = j["compositeResponse"][0];
  EXPECT_EQ(post["httpStatusCode"], 201);
  EXPECT_EQ(post["referenceId"], "post");
  EXPECT_EQ(post["httpHeaders"], nlohmann::json({{"X-Echo", "created"}}));
  EXPECT_EQ(post["body"]["method"], "POST");
  EXPECT_EQ(post["body"]["body"], R"({"Name":"x"})");
  EXPECT_EQ(post["body"]["content_type"], "application/json");
  EXPECT_EQ(post["body"]["accept"], "*/*");
  EXPECT_EQ(post["body"]["authorization"], true);
  EXPECT_EQ(post["body"]["user"], OrgUserId(0).ToLong());
  EXPECT_EQ(post["body"]["version"], "62.0");
  EXPECT_EQ(post["body"]["now_ms"], org.clock().Now().unix_nanos() / 1'000'000);
  EXPECT_EQ(post["body"]["base_url"], "http://127.0.0.1:" + std::to_string(org.port()));

  const nlohmann::json& got = j["compositeResponse"][1];
  EXPECT_EQ(got["httpStatusCode"], 200);
  EXPECT_EQ(got["httpHeaders"], nlohmann::json::object());
  EXPECT_EQ(got["body"]["id"], "a/b");  // captures are percent-decoded
  EXPECT_EQ(got["body"]["q"], "SELECT Id FROM X");
  EXPECT_EQ(got["body"]["if_match"], "\"etag-1\"");
  EXPECT_EQ(got["body"]["content_type"], "<none>");  // no body, no Content-Type
  EXPECT_EQ(got["body"]["body"], "");
  // Members in the contract's order.
  EXPECT_EQ(r.body.find("{\"body\":"), r.body.find("[") + 1) << r.body;
  EXPECT_LT(r.body.find("\"httpHeaders\""), r.body.find("\"httpStatusCode\"")) << r.body;
  EXPECT_LT(r.body.find("\"httpStatusCode\""), r.body.find("\"referenceId\"")) << r.body;
}

TEST(CompositeDispatchTest, RefusesWhatADirectCallWouldRefuseAndWhatCompositeDoesNotAllow) {
  RestTestOrg org(AddTestRoutes);
  const nlohmann::json subs = nlohmann::json::array({
      Sub("GET", "/sobjects/Nowhere/x/y/z", "unknown"),
      Sub("PUT", "/sobjects/Echo/1", "method", {{"a", 1}}),
      {{"method", "GET"}, {"url", "/services/data/v10.0/sobjects/Echo/1"}, {"referenceId", "v10"}},
      Sub("GET", "/sobjects/Async", "async"),
      Sub("POST", "/jobs/ingest", "bulk", {{"object", "Account"}}),
      Sub("POST", "/composite", "nested", {{"compositeRequest", nlohmann::json::array()}}),
      Sub("GET", "/sobjects/Fail", "fail"),
      Sub("GET", "/sobjects/Throw", "throws"),
      Sub("GET", "/sobjects/Csv", "csv"),
      Sub("DELETE", "/sobjects/Echo/1", "deleted"),
      Sub("GET", "/sobjects/Binary", "binary"),
  });
  const HttpResult r = Composite(org, subs);
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json results = r.Json()["compositeResponse"];
  ASSERT_EQ(results.size(), subs.size()) << r.body;
  struct Want {
    int status;
    std::string code;
  };
  const Want want[] = {{404, "NOT_FOUND"},
                       {405, "METHOD_NOT_ALLOWED"},
                       {404, "NOT_FOUND"},
                       {400, "NOT_SUPPORTED"},
                       {400, "NOT_SUPPORTED"},
                       {400, "NOT_SUPPORTED"},
                       {400, "FIELD_CUSTOM_VALIDATION_EXCEPTION"},
                       {500, "UNKNOWN_EXCEPTION"}};
  for (size_t i = 0; i < std::size(want); ++i) {
    EXPECT_EQ(results[i]["httpStatusCode"], want[i].status) << results[i];
    ASSERT_TRUE(results[i]["body"].is_array()) << results[i];
    EXPECT_EQ(results[i]["body"][0]["errorCode"], want[i].code) << results[i];
    EXPECT_EQ(results[i]["referenceId"], subs[i]["referenceId"]);
  }
  EXPECT_EQ(results[1]["httpHeaders"], nlohmann::json({{"Allow", "GET,PATCH,DELETE"}}));
  EXPECT_EQ(results[1]["body"][0]["message"],
            "HTTP Method 'PUT' not allowed. Allowed are GET,PATCH,DELETE");
  EXPECT_EQ(results[8]["httpStatusCode"], 200);
  EXPECT_EQ(results[8]["body"], "a,b\n1,2\n");  // a non-JSON body is carried as a string
  EXPECT_EQ(results[9]["httpStatusCode"], 204);
  EXPECT_TRUE(results[9]["body"].is_null());
  EXPECT_EQ(results[10]["body"], "x\xEF\xBF\xBDy");  // invalid UTF-8 becomes U+FFFD
}

TEST(CompositeDispatchTest, CountsAsOneApiCall) {
  RestTestOrg org(AddTestRoutes);
  const HttpResult first = org.Call("GET", RestTestOrg::Path("/sobjects/Echo/1"));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("sforce-limit-info"), "api-usage=1/15000");
  nlohmann::json subs = nlohmann::json::array();
  for (int i = 0; i < 25; ++i) {
    subs.push_back(Sub("GET", "/sobjects/Echo/" + std::to_string(i), "r" + std::to_string(i)));
  }
  const HttpResult r = Composite(org, subs);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["compositeResponse"].size(), 25u);
  EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=2/15000");
}

TEST(CompositeDispatchTest, ReferencesFeedLaterUrlsAndBodies) {
  RestTestOrg org(AddTestRoutes);
  const nlohmann::json subs = nlohmann::json::array({
      Sub("POST", "/sobjects/Echo", "first", {{"Name", "one"}}),
      Sub("PATCH", "/sobjects/Echo/@{first.method}?q=@{first.version}", "second",
          {{"Parent", "@{first.user}"}, {"Both", "@{first.method}-@{first.version}"}}),
      Sub("GET", "/sobjects/Echo/@{second.id}", "third"),
  });
  const HttpResult r = Composite(org, subs);
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json results = r.Json()["compositeResponse"];
  EXPECT_EQ(results[1]["body"]["id"], "POST");
  EXPECT_EQ(results[1]["body"]["q"], "62.0");
  EXPECT_EQ(nlohmann::json::parse(results[1]["body"]["body"].get<std::string>()),
            nlohmann::json({{"Parent", OrgUserId(0).ToLong()}, {"Both", "POST-62.0"}}));
  EXPECT_EQ(results[2]["body"]["id"], "POST");
}

TEST(CompositeDispatchTest, PrettyPrintIsHonoured) {
  RestTestOrg org(AddTestRoutes);
  const HttpResult r = Composite(org, nlohmann::json::array({Sub("GET", "/sobjects/Echo/1", "a")}),
                                 false, {{"X-PrettyPrint", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\n    \"compositeResponse\""), std::string::npos) << r.body;
  EXPECT_EQ(r.Json()["compositeResponse"][0]["body"]["id"], "1");
}

}  // namespace
}  // namespace recoup::sim::org::rest
