// Tests for the OAuth JWT bearer flow over HTTP, with RSA keys and certificates made at test time:
// a valid assertion (and every accepted audience), a table of refused assertions (other key,
// tampered signature, expired, too far ahead, no exp, wrong aud/iss/sub, HS256, malformed), and
// configuration (no certificate, a bad one, a bare public key).
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/org/http/oauth.h"
#include "sim/org/http/org_server.h"
#include "tests/sim/org/http/test_client.h"
#include "tests/sim/org/http/test_crypto.h"
#include "tests/sim/org/http/test_org.h"

namespace recoup::sim::org::http {
namespace {

using testing::ApiGet;
using testing::HttpResult;
using testing::PostToken;
using testing::TestOrg;

constexpr char kJwtGrant[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";

class JwtTest : public ::testing::Test {
 protected:
  JwtTest()
      : org_([](OrgServerOptions& o) {
          o.oauth.jwt_certificate_pem = testing::SharedKeyPair().certificate_pem;
        }) {}

  nlohmann::json Claims(int64_t exp_offset_s = 120) {
    return {{"iss", "test-client"},
            {"sub", std::string(kDefaultUsername)},
            {"aud", "https://login.salesforce.com"},
            {"exp", org_.clock().Now().unix_nanos() / 1'000'000'000 + exp_offset_s}};
  }
  HttpResult Exchange(const std::string& assertion) {
    return PostToken(org_.port(),
                     std::string("grant_type=") + kJwtGrant + "&assertion=" + assertion);
  }
  std::string Sign(const nlohmann::json& claims, const std::string& alg = "RS256",
                   const std::string& key = testing::SharedKeyPair().private_key_pem) {
    return testing::SignJwt({{"alg", alg}}, claims, key);
  }
  TestOrg org_;
};

TEST_F(JwtTest, ValidAssertionGetsASession) {
  const HttpResult r = Exchange(Sign(Claims()));
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json j = r.Json();
  EXPECT_EQ(j["token_type"], "Bearer");
  EXPECT_EQ(j["scope"], "api");
  EXPECT_FALSE(j.contains("signature"));  // no client secret in this flow
  EXPECT_FALSE(j.contains("refresh_token"));
  EXPECT_TRUE(j.contains("issued_at"));
  EXPECT_EQ(
      ApiGet(org_.port(), "/services/data/v62.0/", "Bearer " + j["access_token"].get<std::string>())
          .status,
      200);
  // Other accepted audiences: the sandbox login URL, this server's URL, an array holding one.
  for (const nlohmann::json& aud :
       {nlohmann::json("https://test.salesforce.com"),
        nlohmann::json("https://test.salesforce.com/"),
        nlohmann::json("http://127.0.0.1:" + std::to_string(org_.port())),
        nlohmann::json::array({"https://example.com", "https://login.salesforce.com"})}) {
    nlohmann::json claims = Claims();
    claims["aud"] = aud;
    EXPECT_EQ(Exchange(Sign(claims)).status, 200) << aud;
  }
}

TEST_F(JwtTest, RefusedAssertionsTable) {
  struct Case {
    std::string name;
    std::string assertion;
    std::string error;
    std::string description;
  };
  nlohmann::json wrong_aud = Claims();
  wrong_aud["aud"] = "https://evil.example.com";
  nlohmann::json wrong_iss = Claims();
  wrong_iss["iss"] = "someone-else";
  nlohmann::json wrong_sub = Claims();
  wrong_sub["sub"] = "nobody@example.com";
  nlohmann::json no_exp = Claims();
  no_exp.erase("exp");
  nlohmann::json numeric_iss = Claims();
  numeric_iss["iss"] = 7;
  const std::string good = Sign(Claims());
  const std::string tampered =
      good.substr(0, good.size() - 4) + (good.back() == 'A' ? "BBBB" : "AAAA");
  const Case cases[] = {
      {"other key", Sign(Claims(), "RS256", testing::OtherKeyPair().private_key_pem),
       "invalid_grant", "invalid assertion: signature does not verify"},
      {"tampered signature", tampered, "invalid_grant",
       "invalid assertion: signature does not verify"},
      {"expired", Sign(Claims(-1)), "invalid_grant",
       "invalid assertion: expired (exp is in the past)"},
      {"exp now", Sign(Claims(0)), "invalid_grant",
       "invalid assertion: expired (exp is in the past)"},
      {"too far ahead", Sign(Claims(181)), "invalid_grant",
       "invalid assertion: exp is more than 180 seconds ahead"},
      {"no exp", Sign(no_exp), "invalid_grant", "invalid assertion: the claim exp is required"},
      {"wrong aud", Sign(wrong_aud), "invalid_grant", "audience is invalid"},
      {"wrong iss", Sign(wrong_iss), "invalid_client_id", "client identifier invalid"},
      {"wrong sub", Sign(wrong_sub), "invalid_grant", "user hasn't approved this consumer"},
      {"HS256", Sign(Claims(), "HS256"), "invalid_grant",
       "invalid assertion: the header's alg must be RS256"},
      {"two parts", "abc.def", "invalid_grant", "invalid assertion: not three dot-separated parts"},
      {"not base64", "a!b.c.d", "invalid_grant", "invalid assertion: a part is not base64url"},
      {"numeric iss", Sign(numeric_iss), "invalid_grant",
       "invalid assertion: the claim iss must be a string"},
  };
  for (const Case& c : cases) {
    const HttpResult r = Exchange(c.assertion);
    EXPECT_EQ(r.status, 400) << c.name;
    EXPECT_EQ(r.Json(), (nlohmann::json{{"error", c.error}, {"error_description", c.description}}))
        << c.name << " -> " << r.body;
  }
  // Exactly three minutes ahead is accepted.
  EXPECT_EQ(Exchange(Sign(Claims(180))).status, 200);
}

TEST(OAuthJwtConfigTest, FlowRefusedWithoutACertificateAndBadCertificateRefusedAtStart) {
  TestOrg org;
  const HttpResult r =
      PostToken(org.port(), std::string("grant_type=") + kJwtGrant + "&assertion=a.b.c");
  EXPECT_EQ(r.Json()["error"], "invalid_grant");
  EXPECT_NE(r.Json()["error_description"].get<std::string>().find("--jwt-cert"), std::string::npos);
  OrgServerOptions o = testing::DefaultTestOptions();
  o.oauth.jwt_certificate_pem =
      "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  const StatusOr<std::unique_ptr<OrgServer>> bad = OrgServer::Create(std::move(o));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("--jwt-cert"), std::string_view::npos);
  // A public key PEM works as well as a certificate.
  TestOrg with_key([](OrgServerOptions& opts) {
    opts.oauth.jwt_certificate_pem = testing::SharedKeyPair().public_key_pem;
  });
  const nlohmann::json claims = {{"iss", "test-client"},
                                 {"sub", std::string(kDefaultUsername)},
                                 {"aud", "https://login.salesforce.com"},
                                 {"exp", with_key.clock().Now().unix_nanos() / 1'000'000'000 + 60}};
  const std::string jwt = testing::SignJwt({{"alg", "RS256"}, {"typ", "JWT"}}, claims,
                                           testing::SharedKeyPair().private_key_pem);
  EXPECT_EQ(PostToken(with_key.port(), std::string("grant_type=") + kJwtGrant + "&assertion=" + jwt)
                .status,
            200);
}

}  // namespace
}  // namespace recoup::sim::org::http
