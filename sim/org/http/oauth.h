// OAuthService: the mock org's OAuth 2.0 endpoints (reference/salesforce-api.md section 2).
//
//   POST /services/oauth2/token     application/x-www-form-urlencoded (parameters in the query
//   string
//                                   are read too; the body wins). grant_type:
//     client_credentials            client_id + client_secret in the body, or HTTP Basic
//                                   (base64 of "id:secret"); the client's Run As user gets the
//                                   session.
//     urn:ietf:params:oauth:grant-type:jwt-bearer
//                                   assertion = an RS256 JWT signed by the key of the configured
//                                   certificate; iss = a client id, sub = a username, aud =
//                                   https://login.salesforce.com, https://test.salesforce.com or
//                                   this server's own URL, exp in epoch seconds, in the future and
//                                   at most jwt_max_ahead (3 minutes) ahead.
//     refresh_token                 refresh_token + client_id (+ client_secret, checked when
//     given).
//   Success: 200 {"access_token", ["refresh_token",] ["signature",] "scope", "instance_url", "id",
//   "token_type": "Bearer", "issued_at"} (plus "token_format": "opaque" for client credentials),
//   where issued_at is epoch milliseconds as a string, id is <instance_url>/id/<orgId>/<userId>,
//   instance_url is the server's base URL, and signature = Base64(HMAC-SHA256(key = client secret,
//   id + issued_at)) whenever a client secret authenticated the request. No expires_in.
//   Errors: 400 {"error", "error_description"}:
//     unsupported_grant_type  "grant type not supported" (missing or unknown grant_type)
//     invalid_client_id       "client identifier invalid" (missing or unknown client_id / iss)
//     invalid_client          "invalid client credentials" (wrong or missing secret)
//     invalid_request         "<parameter> is required" / "use one client authentication method"
//     invalid_grant           "no client credentials user enabled", "audience is invalid",
//                             "user hasn't approved this consumer", "expired access/refresh token",
//                             "invalid assertion: <reason>" (bad structure or signature, exp
//                             missing, past or too far ahead, JWT flow not configured)
//   POST|GET /services/oauth2/revoke  token = an access or refresh token (form body or query):
//     200 with an empty body; revoking a refresh token revokes its access tokens. 400
//     unsupported_token_type (token_type_hint other than access_token/refresh_token), invalid_token
//     (unknown token), invalid_request (no token).
//   GET /services/oauth2/userinfo (session): {"sub", "user_id", "organization_id", ...}.
//   GET /id/{orgId}/{userId} (Bearer/OAuth header or ?oauth_token=): the identity document; 403
//     "Bad_OAuth_Token" / "Bad_Id" as Salesforce answers.
//
// Tokens: see token_store.h. A bad session on any API route gets 401 INVALID_SESSION_ID from the
// dispatcher, which uses tokens() as its Authenticator.
#ifndef RECOUP_SIM_ORG_HTTP_OAUTH_H_
#define RECOUP_SIM_ORG_HTTP_OAUTH_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/http/jwt.h"
#include "sim/org/http/request.h"
#include "sim/org/http/response.h"
#include "sim/org/http/router.h"
#include "sim/org/http/token_store.h"

namespace recoup::sim::org::http {

// The default org and integration user of the mock (serial 1 of their key prefixes, as
// sim/org/ids.h generates them).
inline constexpr std::string_view kDefaultOrgId = "00D000000000001EAA";
inline constexpr std::string_view kDefaultUserId = "005000000000001AAA";
inline constexpr std::string_view kDefaultUsername = "integration@recoup.example";

struct OAuthClient {
  std::string client_id;      // non-empty, unique
  std::string client_secret;  // non-empty
  std::string username;       // Run As user of the client credentials flow; "" = the first user
};

struct OAuthConfig {
  std::vector<OAuthClient> clients;  // at least one
  std::vector<Principal> users;      // at least one; usernames unique; all of one org
  // PEM X.509 certificate (or public key) whose key signs JWT assertions; "" disables the flow.
  std::string jwt_certificate_pem;
  Duration token_lifetime = Duration::Hours(2);   // > 0; Salesforce's default session timeout
  bool issue_refresh_tokens = false;              // token responses also carry a refresh_token
  bool rotate_refresh_tokens = false;             // a refresh replaces the refresh token
  Duration jwt_max_ahead = Duration::Minutes(3);  // > 0
  std::vector<std::string> jwt_audiences = {"https://login.salesforce.com",
                                            "https://test.salesforce.com"};
  uint64_t seed = 0;  // keys the token stream (token_store.h)
};

// The identity URL of `principal` on the server at `base_url`: "<base_url>/id/<orgId>/<userId>".
inline std::string IdentityUrl(std::string_view base_url, const Principal& principal) {
  return std::string(base_url) + "/id/" + principal.org_id + "/" + principal.user_id;
}

// The default user: kDefaultOrgId, kDefaultUserId, kDefaultUsername.
Principal DefaultPrincipal();

// OK or InvalidArgument naming the field: no clients/users, an empty or duplicate client id, an
// empty secret, a Run As username that is not a user, an org or user Id that is not 18 characters
// with the right prefix ("00D" / "005"), a non-positive lifetime, a certificate that does not
// parse.
Status ValidateOAuthConfig(const OAuthConfig& config);

class OAuthService {
 public:
  static StatusOr<std::unique_ptr<OAuthService>> Create(OAuthConfig config);

  // Registers the token, revoke, userinfo and identity routes (Access::kOAuth, userinfo kSession).
  Status RegisterRoutes(Router* router);

  TokenStore& tokens() { return *tokens_; }
  const OAuthConfig& config() const { return config_; }

  // Looks up a configured user by username (exact match), or nullptr.
  const Principal* FindUser(std::string_view username) const;

  // The handlers (public for tests that call them without a socket).
  void HandleToken(const Request& request, Response& response);
  void HandleRevoke(const Request& request, Response& response);
  void HandleUserInfo(const Request& request, Response& response);
  void HandleIdentity(const Request& request, Response& response);

 private:
  explicit OAuthService(OAuthConfig config);
  const OAuthClient* FindClient(std::string_view client_id) const;
  void ClientCredentials(const Request& request, const ParamList& params, Response& response);
  void JwtBearer(const Request& request, const ParamList& params, Response& response);
  void RefreshToken(const Request& request, const ParamList& params, Response& response);
  void WriteGrant(const Request& request, const TokenStore::Grant& grant,
                  const OAuthClient* secret_client, bool client_credentials, Response& response);

  OAuthConfig config_;
  std::unique_ptr<TokenStore> tokens_;
  std::optional<JwtVerifier> jwt_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_OAUTH_H_
