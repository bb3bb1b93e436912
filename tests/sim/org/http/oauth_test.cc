// Tests for OAuth over HTTP: client credentials (form and Basic), the exact response shape
// (issued_at, id URL, instance_url, HMAC signature, no expires_in), every token-endpoint error, JWT
// bearer with keys made at test time (valid, wrong signature, expired, too far ahead, wrong
// aud/iss/sub, bad alg, malformed), refresh with and without rotation, revoke, both authorization
// schemes, the 401 shape, expiry on the injected clock, identity/userinfo, token determinism,
// discovery and API usage.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sim/org/http/base64.h"
#include "sim/org/http/oauth.h"
#include "sim/org/http/org_server.h"
#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_crypto.h"
#include "tests/sim/org/http/test_org.h"

namespace recoup::sim::org::http {
namespace {

using testing::ApiGet;
using testing::Headers;
using testing::HttpResult;
using testing::PostToken;
using testing::TestClient;
using testing::TestOrg;

constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr char kJwtGrant[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const std::string kInvalidSession =
    R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";

std::string Hmac(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n);
  return Base64Encode(std::string(reinterpret_cast<const char*>(out), n));
}

TEST(OAuthTest, ClientCredentialsResponseHasTheContractShape) {
  TestOrg org;
  const HttpResult r = PostToken(
      org.port(), "grant_type=client_credentials&client_id=test-client&client_secret=test-secret");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  EXPECT_FALSE(r.HasHeader("sforce-limit-info"));
  const nlohmann::json j = r.Json();
  const std::string base = "http://127.0.0.1:" + std::to_string(org.port());
  const std::string token = j["access_token"];
  EXPECT_EQ(token.substr(0, 16), "00D000000000001!");
  EXPECT_EQ(token.size(), 16u + 96u);
  EXPECT_EQ(j["instance_url"], base);
  EXPECT_EQ(j["id"], base + "/id/00D000000000001EAA/005000000000001AAA");
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["scope"], "api");
  EXPECT_EQ(j["token_format"], "opaque");
  // issued_at: epoch milliseconds of the injected clock, as a string.
  EXPECT_EQ(j["issued_at"], std::to_string(org.clock().Now().unix_nanos() / 1'000'000));
  EXPECT_EQ(j["signature"],
            Hmac("test-secret", j["id"].get<std::string>() + j["issued_at"].get<std::string>()));
  EXPECT_FALSE(j.contains("expires_in"));
  EXPECT_FALSE(j.contains("refresh_token"));
  // The token works on the API with both schemes; the scheme name is case-insensitive.
  for (const std::string& scheme :
       {std::string("Bearer "), std::string("OAuth "), std::string("bearer ")}) {
    EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", scheme + token).status, 200) << scheme;
  }
}

TEST(OAuthTest, ClientCredentialsWithHttpBasic) {
  TestOrg org;
  const std::string basic = "Basic " + Base64Encode("test-client:test-secret");
  HttpResult r = PostToken(org.port(), "grant_type=client_credentials", {{"Authorization", basic}});
  ASSERT_EQ(r.status, 200) << r.body;
  // Body credentials that agree with Basic are fine; that disagree are an invalid_request.
  r = PostToken(org.port(), "grant_type=client_credentials&client_id=test-client",
                {{"Authorization", basic}});
  EXPECT_EQ(r.status, 200);
  r = PostToken(org.port(), "grant_type=client_credentials&client_id=other",
                {{"Authorization", basic}});
  EXPECT_EQ(r.Json()["error"], "invalid_request");
}

TEST(OAuthTest, TokenEndpointErrorsTable) {
  TestOrg org([](OrgServerOptions& o) { o.oauth.issue_refresh_tokens = true; });
  struct Case {
    std::string body;
    Headers headers;
    std::string error;
    std::string description;
  };
  const std::string ok = "client_id=test-client&client_secret=test-secret";
  const Case cases[] = {
      {"", {}, "unsupported_grant_type", "grant type not supported"},
      {"client_id=test-client", {}, "unsupported_grant_type", "grant type not supported"},
      {"grant_type=password&username=u&password=p&" + ok,
       {},
       "unsupported_grant_type",
       "grant type not supported"},
      {"grant_type=authorization_code&code=x",
       {},
       "unsupported_grant_type",
       "grant type not supported"},
      {"grant_type=client_credentials", {}, "invalid_client_id", "client identifier invalid"},
      {"grant_type=client_credentials&client_id=nobody&client_secret=test-secret",
       {},
       "invalid_client_id",
       "client identifier invalid"},
      {"grant_type=client_credentials&client_id=test-client",
       {},
       "invalid_client",
       "invalid client credentials"},
      {"grant_type=client_credentials&client_id=test-client&client_secret=wrong",
       {},
       "invalid_client",
       "invalid client credentials"},
      {"grant_type=client_credentials&client_id=test-client&client_secret=TEST-SECRET",
       {},
       "invalid_client",
       "invalid client credentials"},
      {"grant_type=client_credentials",
       {{"Authorization", "Basic !!!"}},
       "invalid_client",
       "invalid client credentials"},
      {"grant_type=client_credentials",
       {{"Authorization", "Basic " + Base64Encode("nocolon")}},
       "invalid_client",
       "invalid client credentials"},
      {"grant_type=client_credentials&client_secret=x",
       {{"Authorization", "Basic " + Base64Encode("test-client:test-secret")}},
       "invalid_request",
       "use one client authentication method"},
      {std::string("grant_type=") + kJwtGrant, {}, "invalid_request", "assertion is required"},
      {"grant_type=refresh_token&" + ok, {}, "invalid_request", "refresh_token is required"},
      {"grant_type=refresh_token&refresh_token=5Aep861nope&" + ok,
       {},
       "invalid_grant",
       "expired access/refresh token"},
      {"grant_type=refresh_token&refresh_token=5Aep861nope",
       {},
       "invalid_client_id",
       "client identifier invalid"},
  };
  for (const Case& c : cases) {
    const HttpResult r = PostToken(org.port(), c.body, c.headers);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8") << c.body;
    EXPECT_EQ(r.Json(), (nlohmann::json{{"error", c.error}, {"error_description", c.description}}))
        << c.body << " -> " << r.body;
  }
  // GET on the token endpoint is not a route.
  EXPECT_EQ(ApiGet(org.port(), "/services/oauth2/token", "").status, 405);
}

TEST(OAuthRefreshTest, RefreshWithoutRotationKeepsTheRefreshToken) {
  TestOrg org([](OrgServerOptions& o) { o.oauth.issue_refresh_tokens = true; });
  HttpResult r = PostToken(
      org.port(), "grant_type=client_credentials&client_id=test-client&client_secret=test-secret");
  ASSERT_EQ(r.status, 200);
  const std::string refresh = r.Json()["refresh_token"];
  const std::string first = r.Json()["access_token"];
  EXPECT_EQ(refresh.substr(0, 7), "5Aep861");
  EXPECT_EQ(r.Json()["scope"], "refresh_token api");
  org.clock().Advance(Duration::Seconds(5));
  r = PostToken(org.port(),
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=test-client");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string second = r.Json()["access_token"];
  EXPECT_NE(second, first);
  EXPECT_FALSE(r.Json().contains("refresh_token"));
  EXPECT_FALSE(r.Json().contains("signature"));  // no secret was sent
  // With the secret, the response is signed; a wrong secret is refused; another client is refused.
  r = PostToken(org.port(), "grant_type=refresh_token&refresh_token=" + refresh +
                                "&client_id=test-client&client_secret=test-secret&format=json");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.Json().contains("signature"));
  r = PostToken(org.port(), "grant_type=refresh_token&refresh_token=" + refresh +
                                "&client_id=test-client&client_secret=nope");
  EXPECT_EQ(r.Json()["error"], "invalid_client");
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + first).status, 200);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + second).status, 200);
}

TEST(OAuthRefreshTest, RotationReplacesTheRefreshTokenAndItsSessions) {
  TestOrg org([](OrgServerOptions& o) {
    o.oauth.issue_refresh_tokens = true;
    o.oauth.rotate_refresh_tokens = true;
  });
  HttpResult r = PostToken(
      org.port(), "grant_type=client_credentials&client_id=test-client&client_secret=test-secret");
  const std::string refresh = r.Json()["refresh_token"];
  const std::string first = r.Json()["access_token"];
  r = PostToken(org.port(),
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=test-client");
  ASSERT_EQ(r.status, 200);
  const std::string next_refresh = r.Json()["refresh_token"];
  EXPECT_NE(next_refresh, refresh);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + first).body, kInvalidSession);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/",
                   "Bearer " + r.Json()["access_token"].get<std::string>())
                .status,
            200);
  r = PostToken(org.port(),
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=test-client");
  EXPECT_EQ(r.Json()["error"], "invalid_grant");
  r = PostToken(org.port(), "grant_type=refresh_token&refresh_token=" + next_refresh +
                                "&client_id=test-client");
  EXPECT_EQ(r.status, 200);
}

TEST(OAuthRevokeTest, RevokeAccessAndRefreshTokensAndErrors) {
  TestOrg org([](OrgServerOptions& o) { o.oauth.issue_refresh_tokens = true; });
  HttpResult r = PostToken(
      org.port(), "grant_type=client_credentials&client_id=test-client&client_secret=test-secret");
  const std::string access = r.Json()["access_token"];
  const std::string refresh = r.Json()["refresh_token"];
  r = PostToken(org.port(),
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=test-client");
  const std::string refreshed = r.Json()["access_token"];
  const std::string other = org.Token();
  TestClient client(org.port());
  // Revoking an access token: 200, empty body; only that token dies.
  r = client.Request("POST", "/services/oauth2/revoke", "token=" + other,
                     {{"Content-Type", kForm}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + other).status, 401);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + access).status, 200);
  // Revoking the refresh token (GET form, as some clients send it) kills its access tokens.
  r = client.Request("GET", "/services/oauth2/revoke?token=" + refresh);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + access).status, 401);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + refreshed).status, 401);
  r = PostToken(org.port(),
                "grant_type=refresh_token&refresh_token=" + refresh + "&client_id=test-client");
  EXPECT_EQ(r.Json()["error"], "invalid_grant");
  // Errors.
  const std::pair<std::string, std::string> errors[] = {
      {"token=" + refresh, "invalid_token"},  // already revoked
      {"token=garbage", "invalid_token"},
      {"", "invalid_request"},
      {"token=" + org.Token() + "&token_type_hint=id_token", "unsupported_token_type"},
  };
  for (const auto& [body, error] : errors) {
    r = client.Request("POST", "/services/oauth2/revoke", body, {{"Content-Type", kForm}});
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.Json()["error"], error) << body;
  }
}

TEST(OAuthSessionTest, MissingBadAndExpiredSessionsGetTheSalesforce401) {
  TestOrg org([](OrgServerOptions& o) { o.oauth.token_lifetime = Duration::Seconds(60); });
  const std::string token = org.Token();
  for (const std::string& auth :
       {std::string(), std::string("Bearer nope"), std::string("Basic ") + token,
        std::string("Bearer"), "Bearer " + token + "x"}) {
    const HttpResult r = ApiGet(org.port(), "/services/data/v62.0/", auth);
    EXPECT_EQ(r.status, 401) << auth;
    EXPECT_EQ(r.body, kInvalidSession) << auth;
    EXPECT_EQ(r.Header("content-type"), "application/json;charset=UTF-8");
  }
  org.clock().Advance(Duration::Seconds(59));
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + token).status, 200);
  org.clock().Advance(Duration::Seconds(1));
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + token).body, kInvalidSession);
}

TEST(OAuthTokensTest, SameSeedSameTokensOtherSeedOtherTokens) {
  std::vector<std::string> a, b, c;
  for (auto* out : {&a, &b}) {
    TestOrg org;
    for (int i = 0; i < 3; ++i) out->push_back(org.Token());
  }
  TestOrg other([](OrgServerOptions& o) { o.oauth.seed = 43; });
  for (int i = 0; i < 3; ++i) c.push_back(other.Token());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(a[0], a[1]);
}

TEST(OAuthIdentityTest, UserInfoAndIdentityUrl) {
  TestOrg org;
  const HttpResult t = PostToken(
      org.port(), "grant_type=client_credentials&client_id=test-client&client_secret=test-secret");
  const std::string token = t.Json()["access_token"];
  const std::string id_url = t.Json()["id"];
  const std::string id_path = id_url.substr(id_url.find("/id/"));
  HttpResult r = ApiGet(org.port(), "/services/oauth2/userinfo", "Bearer " + token);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["user_id"], kDefaultUserId);
  EXPECT_EQ(r.Json()["organization_id"], kDefaultOrgId);
  EXPECT_EQ(r.Json()["preferred_username"], kDefaultUsername);
  EXPECT_EQ(r.Json()["sub"], id_url);
  EXPECT_EQ(ApiGet(org.port(), "/services/oauth2/userinfo", "").body, kInvalidSession);
  // jsforce's identity(): GET <id>?format=json&oauth_token=...
  r = ApiGet(org.port(), id_path + "?format=json&oauth_token=" + token, "");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["username"], kDefaultUsername);
  EXPECT_EQ(r.Json()["user_id"], kDefaultUserId);
  r = ApiGet(org.port(), id_path, "OAuth " + token);
  EXPECT_EQ(r.status, 200);
  r = ApiGet(org.port(), id_path, "");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, "Bad_OAuth_Token");
  r = ApiGet(org.port(), "/id/00D000000000001EAA/005000000000002AAA", "Bearer " + token);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, "Bad_Id");
}

TEST(DiscoveryTest, VersionListNeedsNoSessionAndResourceMapDoes) {
  TestOrg org([](OrgServerOptions& o) { o.versions = ApiVersionRange{58, 64}; });
  HttpResult r = ApiGet(org.port(), "/services/data/", "");
  ASSERT_EQ(r.status, 200);
  const nlohmann::json list = r.Json();
  ASSERT_EQ(list.size(), 7u);
  EXPECT_EQ(list[0],
            (nlohmann::json{
                {"label", "Summer '23"}, {"url", "/services/data/v58.0"}, {"version", "58.0"}}));
  EXPECT_EQ(list[4],
            (nlohmann::json{
                {"label", "Winter '25"}, {"url", "/services/data/v62.0"}, {"version", "62.0"}}));
  EXPECT_EQ(list[6]["version"], "64.0");
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "").body, kInvalidSession);
  const std::string token = org.Token();
  r = ApiGet(org.port(), "/services/data/v62.0/", "Bearer " + token);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["sobjects"], "/services/data/v62.0/sobjects");
  EXPECT_EQ(r.Json()["query"], "/services/data/v62.0/query");
  EXPECT_EQ(r.Json()["queryAll"], "/services/data/v62.0/queryAll");
  EXPECT_EQ(r.Json()["limits"], "/services/data/v62.0/limits");
  EXPECT_EQ(r.Json()["identity"], "http://127.0.0.1:" + std::to_string(org.port()) +
                                      "/id/00D000000000001EAA/005000000000001AAA");
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v57.0/", "Bearer " + token).status, 404);
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v65.0/", "Bearer " + token).status, 404);
}

TEST(ApiUsageTest, CountsApiCallsReportsThemAndRefusesPastTheLimit) {
  TestOrg org([](OrgServerOptions& o) { o.api_limits.daily_api_requests = 3; });
  const std::string token = org.Token();
  const std::string auth = "Bearer " + token;
  EXPECT_EQ(ApiGet(org.port(), "/services/data/", "").Header("sforce-limit-info"), "api-usage=0/3");
  for (int i = 1; i <= 3; ++i) {
    const HttpResult r = ApiGet(org.port(), "/services/data/v62.0/", auth);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("sforce-limit-info"), "api-usage=" + std::to_string(i) + "/3");
  }
  const HttpResult over = ApiGet(org.port(), "/services/data/v62.0/limits", auth);
  EXPECT_EQ(over.status, 403);
  EXPECT_EQ(over.Json()[0]["errorCode"], "REQUEST_LIMIT_EXCEEDED");
  EXPECT_EQ(over.Header("sforce-limit-info"), "api-usage=3/3");
  // Failed authentication and public routes are not counted; the window rolls after 24 h.
  EXPECT_EQ(ApiGet(org.port(), "/services/data/v62.0/", "Bearer x").status, 401);
  org.clock().Advance(Duration::Hours(25));
  const std::string fresh = "Bearer " + org.Token();
  const HttpResult limits = ApiGet(org.port(), "/services/data/v62.0/limits", fresh);
  ASSERT_EQ(limits.status, 200) << limits.body;
  EXPECT_EQ(limits.Json()["DailyApiRequests"]["Max"], 3);
  EXPECT_EQ(limits.Json()["DailyApiRequests"]["Remaining"], 2);
  EXPECT_EQ(limits.Header("sforce-limit-info"), "api-usage=1/3");
}

TEST(OAuthConfigTest, ValidationNamesTheField) {
  struct Case {
    std::function<void(OAuthConfig&)> edit;
    std::string message_part;
  };
  const Case cases[] = {
      {[](OAuthConfig& c) { c.clients.clear(); }, "oauth.clients"},
      {[](OAuthConfig& c) { c.users.clear(); }, "oauth.users"},
      {[](OAuthConfig& c) { c.clients[0].client_id = ""; }, "--client-id"},
      {[](OAuthConfig& c) { c.clients[0].client_secret = ""; }, "--client-secret"},
      {[](OAuthConfig& c) { c.clients.push_back(c.clients[0]); }, "duplicate client id"},
      {[](OAuthConfig& c) { c.clients[0].username = "ghost@x"; }, "--username"},
      {[](OAuthConfig& c) { c.users[0].org_id = "001000000000001AAA"; }, "org_id"},
      {[](OAuthConfig& c) { c.users[0].user_id = "005short"; }, "user_id"},
      {[](OAuthConfig& c) { c.token_lifetime = Duration::Zero(); }, "--token-lifetime"},
      {[](OAuthConfig& c) { c.jwt_certificate_pem = "hello"; }, "--jwt-cert"},
  };
  for (const Case& c : cases) {
    OAuthConfig config = testing::DefaultTestOptions().oauth;
    c.edit(config);
    const Status s = ValidateOAuthConfig(config);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.message_part;
    EXPECT_NE(s.message().find(c.message_part), std::string_view::npos) << s;
  }
  EXPECT_TRUE(ValidateOAuthConfig(testing::DefaultTestOptions().oauth).ok());
}

}  // namespace
}  // namespace recoup::sim::org::http
