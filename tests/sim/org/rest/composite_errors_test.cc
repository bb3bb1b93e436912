// Request-level errors of /composite over HTTP (sim/org/rest/composite_request.h): every check
// on the body answers 400 with one Salesforce error before any subrequest runs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/sim/org/rest/composite_test_util.h"

namespace recoup::sim::org::rest {
namespace {

using testing::AllCompositeRoutes;
using testing::HttpResult;
using testing::RestTestOrg;

struct ErrorCase {
  std::string name;
  std::string body;
  std::string code;
  std::string message;  // exact; "" checks only the code
};

// A valid subrequest with `field` replaced (or removed when `value` is "<drop>").
std::string WithSub(const std::string& field, const nlohmann::json& value) {
  nlohmann::json sub = {{"method", "POST"},
                        {"url", "/services/data/v62.0/sobjects/Account"},
                        {"referenceId", "acct"},
                        {"body", {{"Name", "A"}}}};
  if (value == "<drop>") {
    sub.erase(field);
  } else {
    sub[field] = value;
  }
  return nlohmann::json({{"compositeRequest", nlohmann::json::array({sub})}}).dump();
}

TEST(CompositeErrorsTest, EveryRequestLevelCheck) {
  nlohmann::json two_same = nlohmann::json::parse(WithSub("referenceId", "dup"));
  two_same["compositeRequest"].push_back(two_same["compositeRequest"][0]);
  const std::vector<ErrorCase> cases = {
      {"empty body", "", "JSON_PARSER_ERROR", "No content to map due to end-of-input"},
      {"not JSON", "{\"compositeRequest\": [", "JSON_PARSER_ERROR", ""},
      {"not an object", "[1, 2]", "JSON_PARSER_ERROR",
       "Expected a JSON object for the composite request, got array"},
      {"allOrNone not boolean", R"({"allOrNone": "yes", "compositeRequest": []})",
       "JSON_PARSER_ERROR", "allOrNone: expected a boolean, got \"yes\""},
      {"collateSubrequests not boolean", R"({"collateSubrequests": 1, "compositeRequest": []})",
       "JSON_PARSER_ERROR", "collateSubrequests: expected a boolean, got 1"},
      {"no compositeRequest", R"({"allOrNone": true})", "INVALID_INPUT",
       "The composite request has no compositeRequest; it is required"},
      {"compositeRequest not an array", R"({"compositeRequest": {"a": 1}})", "JSON_PARSER_ERROR",
       "compositeRequest: expected an array of subrequests, got object"},
      {"empty compositeRequest", R"({"compositeRequest": []})", "INVALID_INPUT",
       "compositeRequest is empty; it needs at least one subrequest"},
      {"subrequest not an object", R"({"compositeRequest": ["GET /x"]})", "JSON_PARSER_ERROR",
       "compositeRequest[0]: expected a subrequest object, got \"GET /x\""},
      {"no method", WithSub("method", "<drop>"), "INVALID_INPUT",
       "compositeRequest[0]: the subrequest has no method; method is required"},
      {"empty method", WithSub("method", ""), "INVALID_INPUT",
       "compositeRequest[0]: the subrequest has an empty method; method is required"},
      {"method not a string", WithSub("method", 7), "JSON_PARSER_ERROR",
       "compositeRequest[0].method: expected a string, got 7"},
      {"unknown method", WithSub("method", "HEAD"), "INVALID_INPUT",
       "compositeRequest[0]: unsupported method 'HEAD'; a subrequest's method is GET, POST, PUT, "
       "PATCH or DELETE"},
      {"no url", WithSub("url", "<drop>"), "INVALID_INPUT",
       "compositeRequest[0]: the subrequest has no url; url is required"},
      {"url not a string", WithSub("url", nlohmann::json::array()), "JSON_PARSER_ERROR",
       "compositeRequest[0].url: expected a string, got array"},
      {"url outside /services/data", WithSub("url", "/services/oauth2/token"), "INVALID_INPUT",
       "compositeRequest[0]: the url must start with /services/data/vXX.X/, got "
       "/services/oauth2/token"},
      {"absolute url", WithSub("url", "http://x/services/data/v62.0/limits"), "INVALID_INPUT", ""},
      {"no referenceId", WithSub("referenceId", "<drop>"), "INVALID_INPUT",
       "compositeRequest[0]: the subrequest has no referenceId; referenceId is required"},
      {"referenceId not a string", WithSub("referenceId", 3), "JSON_PARSER_ERROR",
       "compositeRequest[0].referenceId: expected a string, got 3"},
      {"invalid referenceId", WithSub("referenceId", "new-account"), "INVALID_INPUT",
       "Provided referenceId ('new-account') must start with a letter or a number, and it can "
       "contain only letters, numbers and underscores ('_')."},
      {"referenceId starting with _", WithSub("referenceId", "_a"), "INVALID_INPUT", ""},
      {"duplicate referenceId", two_same.dump(), "INVALID_INPUT",
       "Duplicate referenceId provided in the request: dup"},
      {"httpHeaders not an object", WithSub("httpHeaders", "If-Match: x"), "JSON_PARSER_ERROR", ""},
      {"httpHeaders value not a string", WithSub("httpHeaders", {{"If-Match", 1}}),
       "JSON_PARSER_ERROR", "compositeRequest[0].httpHeaders.If-Match: expected a string, got 1"},
      {"inherited header", WithSub("httpHeaders", {{"authorization", "Bearer x"}}), "INVALID_INPUT",
       "compositeRequest[0].httpHeaders: authorization cannot be set on a subrequest; subrequests "
       "inherit Accept, Authorization and Content-Type from the composite request"},
      {"Content-Type header", WithSub("httpHeaders", {{"Content-Type", "text/csv"}}),
       "INVALID_INPUT", ""},
      {"Accept header", WithSub("httpHeaders", {{"Accept", "*/*"}}), "INVALID_INPUT", ""},
      {"nested 100,000 levels deep",
       R"({"compositeRequest":[{"method":"POST","referenceId":"a","url":"/services/data/v62.0/)"
       R"(sobjects/Account","body":{"Name":)" +
           std::string(100'000, '[') + std::string(100'000, ']') + "}}]}",
       "JSON_PARSER_ERROR", "The JSON body nests arrays and objects more than 64 levels deep"},
  };
  RestTestOrg org(AllCompositeRoutes());
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const HttpResult r = org.Call("POST", RestTestOrg::Path("/composite"), c.body);
    testing::ExpectError(r, 400, c.code, c.message);
  }
  // Nothing ran.
  EXPECT_EQ(testing::StoreRows(org.org(), "Account"), 0u);
}

TEST(CompositeErrorsTest, LaterSubrequestErrorsNameTheirIndex) {
  RestTestOrg org(AllCompositeRoutes());
  nlohmann::json body = nlohmann::json::parse(WithSub("referenceId", "first"));
  body["compositeRequest"].push_back({{"method", "GET"}, {"referenceId", "second"}});
  testing::ExpectError(org.Call("POST", RestTestOrg::Path("/composite"), body.dump()), 400,
                       "INVALID_INPUT",
                       "compositeRequest[1]: the subrequest has no url; url is required");
  EXPECT_EQ(testing::StoreRows(org.org(), "Account"), 0u);
}

TEST(CompositeErrorsTest, MethodAndSessionAreCheckedFirst) {
  RestTestOrg org(AllCompositeRoutes());
  const HttpResult get = org.Call("GET", RestTestOrg::Path("/composite"));
  testing::ExpectError(get, 405, "METHOD_NOT_ALLOWED");
  testing::TestClient client(org.port());
  const HttpResult anonymous =
      client.Request("POST", RestTestOrg::Path("/composite"), WithSub("url", "<drop>"),
                     {{"Content-Type", "application/json"}});
  testing::ExpectError(anonymous, 401, "INVALID_SESSION_ID", "Session expired or invalid");
  testing::ExpectError(org.Call("POST", "/services/data/v49.0/composite", WithSub("x", 1)), 404,
                       "NOT_FOUND");
}

TEST(CompositeErrorsTest, MethodsAreCaseInsensitiveAndUnknownMembersIgnored) {
  RestTestOrg org(AllCompositeRoutes());
  nlohmann::json body = nlohmann::json::parse(WithSub("method", "post"));
  body["compositeRequest"][0]["extra"] = 1;
  body["somethingElse"] = true;
  const HttpResult r = org.Call("POST", RestTestOrg::Path("/composite"), body.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["compositeResponse"][0]["httpStatusCode"], 201);
}

}  // namespace
}  // namespace recoup::sim::org::rest
