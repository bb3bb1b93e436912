#include "sim/org/http/oauth.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sim/org/http/base64.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::http {
namespace {

constexpr std::string_view kJwtGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

std::string HmacSha256Base64(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &size);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), size));
}

// Parameters from the form body (first) and the query string.
void ReadParams(const Request& request, ParamList* params) {
  params->ParseUrlEncoded(request.body());
  params->ParseUrlEncoded(request.raw_query());
}

struct ClientAuth {
  std::optional<std::string> id;
  std::optional<std::string> secret;
  bool conflict = false;  // Basic and body credentials both given, and different
  bool bad_basic = false;
};

ClientAuth ReadClientAuth(const Request& request, const ParamList& params) {
  ClientAuth auth;
  if (auto v = params.Find("client_id")) auth.id = std::string(*v);
  if (auto v = params.Find("client_secret")) auth.secret = std::string(*v);
  const std::optional<std::string_view> header = request.Header("Authorization");
  if (!header.has_value() || header->size() < 6 ||
      !EqualsIgnoreCase(header->substr(0, 6), "Basic ")) {
    return auth;
  }
  std::string_view encoded = header->substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  const std::optional<std::string> decoded = Base64Decode(encoded);
  const size_t colon = decoded ? decoded->find(':') : std::string::npos;
  if (colon == std::string::npos) {
    auth.bad_basic = true;
    return auth;
  }
  // RFC 6749 section 2.3.1: both halves are form-urlencoded.
  std::string id = PercentDecode(std::string_view(*decoded).substr(0, colon), true);
  std::string secret = PercentDecode(std::string_view(*decoded).substr(colon + 1), true);
  if ((auth.id && *auth.id != id) || (auth.secret && *auth.secret != secret)) auth.conflict = true;
  auth.id = std::move(id);
  auth.secret = std::move(secret);
  return auth;
}

bool IsId(std::string_view id, std::string_view prefix) {
  if (id.size() != 18 || id.substr(0, 3) != prefix) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
}

}  // namespace

Principal DefaultPrincipal() {
  Principal p;
  p.org_id = std::string(kDefaultOrgId);
  p.user_id = std::string(kDefaultUserId);
  p.username = std::string(kDefaultUsername);
  p.display_name = "Integration User";
  p.email = std::string(kDefaultUsername);
  return p;
}

Status ValidateOAuthConfig(const OAuthConfig& config) {
  if (config.clients.empty())
    return InvalidArgumentError("oauth.clients: at least one client is needed");
  if (config.users.empty()) return InvalidArgumentError("oauth.users: at least one user is needed");
  std::set<std::string> usernames;
  for (const Principal& u : config.users) {
    if (u.username.empty()) return InvalidArgumentError("oauth.users: a username is empty");
    if (!usernames.insert(u.username).second) {
      return InvalidArgumentError("oauth.users: duplicate username " + u.username);
    }
    if (!IsId(u.org_id, "00D")) {
      return InvalidArgumentError("oauth.users[" + u.username +
                                  "].org_id: expected an 18-character "
                                  "Id starting with 00D, got \"" +
                                  u.org_id + "\"");
    }
    if (u.org_id != config.users.front().org_id) {
      return InvalidArgumentError("oauth.users[" + u.username +
                                  "].org_id: every user is in one org");
    }
    if (!IsId(u.user_id, "005")) {
      return InvalidArgumentError("oauth.users[" + u.username +
                                  "].user_id: expected an 18-character "
                                  "Id starting with 005, got \"" +
                                  u.user_id + "\"");
    }
  }
  std::set<std::string> ids;
  for (const OAuthClient& c : config.clients) {
    if (c.client_id.empty()) return InvalidArgumentError("--client-id: must not be empty");
    if (!ids.insert(c.client_id).second) {
      return InvalidArgumentError("--client-id: duplicate client id " + c.client_id);
    }
    if (c.client_secret.empty()) return InvalidArgumentError("--client-secret: must not be empty");
    if (!c.username.empty() && !usernames.contains(c.username)) {
      return InvalidArgumentError("--username: the Run As user " + c.username + " is not a user");
    }
  }
  if (config.token_lifetime <= Duration::Zero()) {
    return InvalidArgumentError("--token-lifetime: must be > 0 seconds");
  }
  if (config.jwt_max_ahead <= Duration::Zero()) {
    return InvalidArgumentError("oauth.jwt_max_ahead: must be > 0");
  }
  if (!config.jwt_certificate_pem.empty()) {
    StatusOr<JwtVerifier> verifier = JwtVerifier::FromPem(config.jwt_certificate_pem);
    if (!verifier.ok()) return verifier.status().WithContext("--jwt-cert");
  }
  return OkStatus();
}

OAuthService::OAuthService(OAuthConfig config)
    : config_(std::move(config)),
      tokens_(std::make_unique<TokenStore>(config_.seed, config_.users.front().org_id)) {}

StatusOr<std::unique_ptr<OAuthService>> OAuthService::Create(OAuthConfig config) {
  Status valid = ValidateOAuthConfig(config);
  if (!valid.ok()) return valid;
  std::unique_ptr<OAuthService> service(new OAuthService(std::move(config)));
  if (!service->config_.jwt_certificate_pem.empty()) {
    StatusOr<JwtVerifier> verifier = JwtVerifier::FromPem(service->config_.jwt_certificate_pem);
    if (!verifier.ok()) return verifier.status().WithContext("--jwt-cert");
    service->jwt_.emplace(std::move(verifier).value());
  }
  return service;
}

Status OAuthService::RegisterRoutes(Router* router) {
  const RouteOptions oauth{Access::kOAuth, 64 * 1024};
  const auto token = [this](const Request& q, Response& r) { HandleToken(q, r); };
  const auto revoke = [this](const Request& q, Response& r) { HandleRevoke(q, r); };
  for (Status s : {router->Add(Method::kPost, "/services/oauth2/token", token, oauth),
                   router->Add(Method::kPost, "/services/oauth2/revoke", revoke, oauth),
                   router->Add(Method::kGet, "/services/oauth2/revoke", revoke, oauth),
                   router->Add(
                       Method::kGet, "/services/oauth2/userinfo",
                       [this](const Request&q, Response&r) { HandleUserInfo(q, r); },
                       RouteOptions{Access::kSession, 0}),
                   router->Add(
                       Method::kGet, "/id/{org_id}/{user_id}",
                       [this](const Request&q, Response&r) { HandleIdentity(q, r); }, oauth)}) {
    if (!s.ok()) return s;
  }
  return OkStatus();
}

const OAuthClient* OAuthService::FindClient(std::string_view client_id) const {
  for (const OAuthClient& c : config_.clients) {
    if (c.client_id == client_id) return &c;
  }
  return nullptr;
}

const Principal* OAuthService::FindUser(std::string_view username) const {
  for (const Principal& u : config_.users) {
    if (u.username == username) return &u;
  }
  return nullptr;
}

void OAuthService::HandleToken(const Request& request, Response& response) {
  ParamList params;
  ReadParams(request, &params);
  const std::optional<std::string_view> grant_type = params.Find("grant_type");
  if (!grant_type.has_value()) {
    return WriteOAuthError(&response, "unsupported_grant_type", "grant type not supported");
  }
  if (*grant_type == "client_credentials") return ClientCredentials(request, params, response);
  if (*grant_type == kJwtGrant) return JwtBearer(request, params, response);
  if (*grant_type == "refresh_token") return RefreshToken(request, params, response);
  WriteOAuthError(&response, "unsupported_grant_type", "grant type not supported");
}

void OAuthService::ClientCredentials(const Request& request, const ParamList& params,
                                     Response& response) {
  const ClientAuth auth = ReadClientAuth(request, params);
  if (auth.conflict) {
    return WriteOAuthError(&response, "invalid_request", "use one client authentication method");
  }
  if (auth.bad_basic)
    return WriteOAuthError(&response, "invalid_client", "invalid client credentials");
  const OAuthClient* client = auth.id ? FindClient(*auth.id) : nullptr;
  if (client == nullptr) {
    return WriteOAuthError(&response, "invalid_client_id", "client identifier invalid");
  }
  if (!auth.secret || *auth.secret != client->client_secret) {
    return WriteOAuthError(&response, "invalid_client", "invalid client credentials");
  }
  const Principal* user =
      client->username.empty() ? &config_.users.front() : FindUser(client->username);
  if (user == nullptr) {
    return WriteOAuthError(&response, "invalid_grant", "no client credentials user enabled");
  }
  const TokenStore::Grant grant = tokens_->Issue(
      user, client->client_id, request.now(), config_.token_lifetime, config_.issue_refresh_tokens);
  WriteGrant(request, grant, client, /*client_credentials=*/true, response);
}

void OAuthService::JwtBearer(const Request& request, const ParamList& params, Response& response) {
  const std::optional<std::string_view> assertion = params.Find("assertion");
  if (!assertion.has_value() || assertion->empty()) {
    return WriteOAuthError(&response, "invalid_request", "assertion is required");
  }
  if (!jwt_.has_value()) {
    return WriteOAuthError(&response, "invalid_grant",
                           "invalid assertion: no certificate is configured for the JWT bearer "
                           "flow (start the org with --jwt-cert)");
  }
  std::variant<JwtClaims, JwtError> verified = jwt_->Verify(*assertion);
  if (const JwtError* error = std::get_if<JwtError>(&verified)) {
    return WriteOAuthError(&response, "invalid_grant", "invalid assertion: " + error->what);
  }
  const JwtClaims& claims = std::get<JwtClaims>(verified);
  const OAuthClient* client = FindClient(claims.iss);
  if (client == nullptr) {
    return WriteOAuthError(&response, "invalid_client_id", "client identifier invalid");
  }
  bool audience_ok = false;
  for (const std::string& aud : claims.aud) {
    std::string_view a = aud;
    if (a.size() > 1 && a.back() == '/') a.remove_suffix(1);
    audience_ok = audience_ok || a == request.base_url() ||
                  std::find(config_.jwt_audiences.begin(), config_.jwt_audiences.end(), a) !=
                      config_.jwt_audiences.end();
  }
  if (!audience_ok) return WriteOAuthError(&response, "invalid_grant", "audience is invalid");
  if (!claims.exp.has_value()) {
    return WriteOAuthError(&response, "invalid_grant",
                           "invalid assertion: the claim exp is required");
  }
  const int64_t now_s = request.now().unix_nanos() / 1'000'000'000;
  if (*claims.exp <= now_s) {
    return WriteOAuthError(&response, "invalid_grant",
                           "invalid assertion: expired (exp is in the past)");
  }
  if (*claims.exp > now_s + config_.jwt_max_ahead.ToSeconds()) {
    return WriteOAuthError(&response, "invalid_grant",
                           "invalid assertion: exp is more than " +
                               std::to_string(config_.jwt_max_ahead.ToSeconds()) +
                               " seconds ahead");
  }
  const Principal* user = FindUser(claims.sub);
  if (user == nullptr) {
    return WriteOAuthError(&response, "invalid_grant", "user hasn't approved this consumer");
  }
  const TokenStore::Grant grant = tokens_->Issue(
      user, client->client_id, request.now(), config_.token_lifetime, config_.issue_refresh_tokens);
  WriteGrant(request, grant, /*secret_client=*/nullptr, /*client_credentials=*/false, response);
}

void OAuthService::RefreshToken(const Request& request, const ParamList& params,
                                Response& response) {
  const std::optional<std::string_view> refresh = params.Find("refresh_token");
  if (!refresh.has_value() || refresh->empty()) {
    return WriteOAuthError(&response, "invalid_request", "refresh_token is required");
  }
  const ClientAuth auth = ReadClientAuth(request, params);
  if (auth.conflict) {
    return WriteOAuthError(&response, "invalid_request", "use one client authentication method");
  }
  if (auth.bad_basic)
    return WriteOAuthError(&response, "invalid_client", "invalid client credentials");
  const OAuthClient* client = auth.id ? FindClient(*auth.id) : nullptr;
  if (client == nullptr) {
    return WriteOAuthError(&response, "invalid_client_id", "client identifier invalid");
  }
  if (auth.secret && *auth.secret != client->client_secret) {
    return WriteOAuthError(&response, "invalid_client", "invalid client credentials");
  }
  std::optional<TokenStore::Grant> grant =
      tokens_->Refresh(*refresh, client->client_id, request.now(), config_.token_lifetime,
                       config_.rotate_refresh_tokens);
  if (!grant.has_value()) {
    return WriteOAuthError(&response, "invalid_grant", "expired access/refresh token");
  }
  WriteGrant(request, *grant, auth.secret ? client : nullptr, /*client_credentials=*/false,
             response);
}

void OAuthService::WriteGrant(const Request& request, const TokenStore::Grant& grant,
                              const OAuthClient* secret_client, bool client_credentials,
                              Response& response) {
  const Principal& p = *grant.principal;
  const std::string id = IdentityUrl(request.base_url(), p);
  const std::string issued_at = std::to_string(grant.issued_at.unix_nanos() / 1'000'000);
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["access_token"] = grant.access_token;
  if (!grant.refresh_token.empty()) body["refresh_token"] = grant.refresh_token;
  if (secret_client != nullptr) {
    body["signature"] = HmacSha256Base64(secret_client->client_secret, id + issued_at);
  }
  if (client_credentials) body["token_format"] = "opaque";
  body["scope"] = grant.refresh_token.empty() ? "api" : "refresh_token api";
  body["instance_url"] = std::string(request.base_url());
  body["id"] = id;
  body["token_type"] = "Bearer";
  body["issued_at"] = issued_at;
  response.SetJson(200, body);
  response.AddHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
}

void OAuthService::HandleRevoke(const Request& request, Response& response) {
  ParamList params;
  ReadParams(request, &params);
  const std::optional<std::string_view> token = params.Find("token");
  if (!token.has_value() || token->empty()) {
    return WriteOAuthError(&response, "invalid_request", "token is required");
  }
  if (const auto hint = params.Find("token_type_hint");
      hint.has_value() && *hint != "access_token" && *hint != "refresh_token") {
    return WriteOAuthError(&response, "unsupported_token_type", "this token type is not supported");
  }
  if (tokens_->Revoke(*token) == TokenStore::RevokeResult::kUnknown) {
    return WriteOAuthError(&response, "invalid_token", "invalid token");
  }
  response.SetNoBody(200);
}

}  // namespace recoup::sim::org::http
