// Tests for the router: pattern validation (table of bad patterns with the position named),
// precedence of literal over prefixed over plain over rest captures, decoding of captures, 404 vs
// 405 with the allowed methods, trailing slashes; and the dispatcher's small parsers.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/org/http/dispatcher.h"
#include "sim/org/http/router.h"

namespace recoup::sim::org::http {
namespace {

SyncHandler Named(std::string name) {
  return [name](const Request&, Response& r) { r.SetJsonText(200, "\"" + name + "\""); };
}

struct Matched {
  RouteMatch::Kind kind;
  std::string pattern;
  std::vector<std::pair<std::string, std::string>> captures;
  std::string allowed;
};

Matched Match(const Router& router, Method m, std::string_view path) {
  Request::Storage storage;
  const RouteMatch match = router.Match(m, path, &storage);
  Matched out{match.kind, match.route ? match.route->pattern : "", {}, match.allowed};
  for (const auto& c : storage.captures) {
    out.captures.emplace_back(std::string(c.name),
                              storage.capture_arena.substr(c.value_offset, c.value_size));
  }
  return out;
}

TEST(RouterTest, RejectsBadPatternsNamingThePosition) {
  struct Case {
    std::string pattern;
    std::string message_part;
  };
  const Case cases[] = {
      {"", "starts with '/'"},
      {"services/data", "starts with '/'"},
      {"/a/", "at character 3: a pattern does not end with '/'"},
      {"/a//b", "at character 4: empty segment"},
      {"/a/{}", "capture name"},
      {"/a/{1x}", "capture name"},
      {"/a/{x-y}", "capture name"},
      {"/a/{x}y", "must end its segment with '}'"},
      {"/a/x}", "'}' without '{'"},
      {"/a/{rest...}/b", "must be last"},
      {"/a/p{rest...}", "cannot have a prefix"},
      {"/a/{id}/b/{id}", "duplicate capture name 'id'"},
  };
  for (const Case& c : cases) {
    Router router;
    const Status s = router.Add(Method::kGet, c.pattern, Named("x"));
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.pattern;
    EXPECT_NE(s.message().find(c.message_part), std::string_view::npos)
        << c.pattern << " -> " << s.message();
    EXPECT_EQ(router.size(), 0u);
  }
  Router router;
  EXPECT_EQ(router.Add(Method::kOther, "/a", Named("x")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(router.Add(Method::kGet, "/a", SyncHandler()).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(router.Add(Method::kGet, "/a/{x}", Named("x")).ok());
  const Status dup = router.Add(Method::kGet, "/a/{y}", Named("y"));  // same shape, other name
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(dup.message().find("/a/{x}"), std::string_view::npos);
  EXPECT_TRUE(router.Add(Method::kPost, "/a/{y}", Named("y")).ok());  // other method: fine
}

TEST(RouterTest, PrecedenceAndCaptures) {
  Router router;
  const char* patterns[] = {
      "/services/data",
      "/services/data/v{version}",
      "/services/data/v{version}/sobjects/{object}",
      "/services/data/v{version}/sobjects/{object}/describe",
      "/services/data/v{version}/sobjects/{object}/{id}",
      "/services/data/v{version}/sobjects/{object}/{field}/{value}",
      "/services/data/{other}/x",
      "/cometd/{version}",
      "/cometd/{version}/{rest...}",
      "/",
  };
  for (const char* p : patterns) ASSERT_TRUE(router.Add(Method::kGet, p, Named(p)).ok()) << p;
  struct Case {
    std::string path;
    std::string pattern;
    std::vector<std::pair<std::string, std::string>> captures;
  };
  const Case cases[] = {
      {"/services/data", "/services/data", {}},
      {"/services/data/", "/services/data", {}},  // trailing slash ignored
      {"/services/data/v62.0", "/services/data/v{version}", {{"version", "62.0"}}},
      {"/services/data/v62.0/", "/services/data/v{version}", {{"version", "62.0"}}},
      {"/services/data/v62.0/sobjects/Account/describe",
       "/services/data/v{version}/sobjects/{object}/describe",
       {{"version", "62.0"}, {"object", "Account"}}},
      {"/services/data/v62.0/sobjects/Account/001000000000001AAA",
       "/services/data/v{version}/sobjects/{object}/{id}",
       {{"version", "62.0"}, {"object", "Account"}, {"id", "001000000000001AAA"}}},
      {"/services/data/v62.0/sobjects/A__c/Ext__c/a%2Fb+c%20d",
       "/services/data/v{version}/sobjects/{object}/{field}/{value}",
       {{"version", "62.0"}, {"object", "A__c"}, {"field", "Ext__c"}, {"value", "a/b+c d"}}},
      // "v" alone does not match the prefixed capture; the plain capture takes it.
      {"/services/data/v/x", "/services/data/{other}/x", {{"other", "v"}}},
      {"/services/data/v62.0/x", "/services/data/{other}/x", {{"other", "v62.0"}}},
      {"/cometd/62.0", "/cometd/{version}", {{"version", "62.0"}}},
      {"/cometd/62.0/meta/handshake",
       "/cometd/{version}/{rest...}",
       {{"version", "62.0"}, {"rest", "meta/handshake"}}},
      {"/", "/", {}},
  };
  for (const Case& c : cases) {
    const Matched m = Match(router, Method::kGet, c.path);
    EXPECT_EQ(m.kind, RouteMatch::Kind::kFound) << c.path;
    EXPECT_EQ(m.pattern, c.pattern) << c.path;
    EXPECT_EQ(m.captures, c.captures) << c.path;
  }
  for (const char* missing : {"/services", "/services/data/v62.0/sobjects/A/b/c/d", "/nope",
                              "/services//data", "", "services/data", "/services/data/v62.0/y"}) {
    EXPECT_EQ(Match(router, Method::kGet, missing).kind, RouteMatch::Kind::kNotFound) << missing;
  }
}

TEST(RouterTest, MethodNotAllowedListsTheMethodsOfThatPath) {
  Router router;
  const std::string rec = "/services/data/v{version}/sobjects/{object}/{id}";
  ASSERT_TRUE(router.Add(Method::kGet, rec, Named("get")).ok());
  ASSERT_TRUE(router.Add(Method::kPatch, rec, Named("patch")).ok());
  ASSERT_TRUE(router.Add(Method::kDelete, rec, Named("delete")).ok());
  ASSERT_TRUE(
      router.Add(Method::kPost, "/services/data/v{version}/sobjects/{object}", Named("c")).ok());
  Matched m = Match(router, Method::kPut, "/services/data/v62.0/sobjects/A/001");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, "GET,PATCH,DELETE");
  EXPECT_TRUE(m.captures.empty());
  m = Match(router, Method::kOther, "/services/data/v62.0/sobjects/A");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, "POST");
  EXPECT_EQ(Match(router, Method::kOther, "/x").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(Match(router, Method::kPatch, "/services/data/v62.0/sobjects/A/001").kind,
            RouteMatch::Kind::kFound);
}

TEST(RouterTest, BacktracksToAMatchForTheMethod) {
  Router router;
  ASSERT_TRUE(router.Add(Method::kGet, "/o/{object}/describe", Named("describe")).ok());
  ASSERT_TRUE(router.Add(Method::kPatch, "/o/{object}/{id}", Named("update")).ok());
  // PATCH /o/A/describe: the literal branch has only GET; the capture branch has PATCH.
  const Matched m = Match(router, Method::kPatch, "/o/A/describe");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.pattern, "/o/{object}/{id}");
  EXPECT_EQ(m.captures, (std::vector<std::pair<std::string, std::string>>{{"object", "A"},
                                                                          {"id", "describe"}}));
}

TEST(DispatcherHelpersTest, SessionTokenFromAuthorization) {
  const std::pair<std::string, std::string> cases[] = {
      {"Bearer abc", "abc"},  {"OAuth abc", "abc"}, {"bearer abc", "abc"},
      {"OAUTH  abc ", "abc"}, {"Basic abc", ""},    {"Bearer", ""},
      {"Bearer a b", ""},     {"abc", ""},          {"", ""},
  };
  for (const auto& [header, token] : cases) {
    EXPECT_EQ(SessionTokenFromAuthorization(header), token) << header;
  }
}

TEST(DispatcherHelpersTest, ApiVersionRangeContains) {
  const ApiVersionRange range{58, 64};
  for (const char* yes : {"58.0", "62.0", "64.0"}) EXPECT_TRUE(range.Contains(yes)) << yes;
  for (const char* no :
       {"57.0", "65.0", "62", "62.1", "062.0", "v62.0", "", ".0", "6a.0", "62.00"}) {
    EXPECT_FALSE(range.Contains(no)) << no;
  }
}

}  // namespace
}  // namespace recoup::sim::org::http
