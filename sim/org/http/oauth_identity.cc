// The identity resources of OAuthService (oauth.h): GET /services/oauth2/userinfo and
// GET /id/{orgId}/{userId}.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/org/http/dispatcher.h"
#include "sim/org/http/oauth.h"

namespace recoup::sim::org::http {
namespace {

nlohmann::ordered_json PrincipalUrls(std::string_view base_url) {
  const std::string base(base_url);
  return {{"rest", base + "/services/data/v{version}/"},
          {"sobjects", base + "/services/data/v{version}/sobjects/"},
          {"query", base + "/services/data/v{version}/query/"},
          {"profile", base + "/"}};
}

}  // namespace

void OAuthService::HandleUserInfo(const Request& request, Response& response) {
  const Principal& p = *request.principal();
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["sub"] = IdentityUrl(request.base_url(), p);
  body["user_id"] = p.user_id;
  body["organization_id"] = p.org_id;
  body["preferred_username"] = p.username;
  body["nickname"] = p.username.substr(0, p.username.find('@'));
  body["name"] = p.display_name;
  body["email"] = p.email;
  body["email_verified"] = true;
  body["zoneinfo"] = "GMT";
  body["locale"] = "en_US";
  body["user_type"] = "STANDARD";
  body["active"] = true;
  body["urls"] = PrincipalUrls(request.base_url());
  response.SetJson(200, body);
}

void OAuthService::HandleIdentity(const Request& request, Response& response) {
  std::string_view token;
  if (const auto header = request.Header("Authorization")) {
    token = SessionTokenFromAuthorization(*header);
  }
  if (token.empty()) token = request.Query("oauth_token").value_or(std::string_view());
  const Principal* p = token.empty() ? nullptr : tokens_->Authenticate(token, request.now());
  if (p == nullptr) return response.SetBody(403, "text/plain;charset=UTF-8", "Bad_OAuth_Token");
  if (request.PathParam("org_id") != p->org_id || request.PathParam("user_id") != p->user_id) {
    return response.SetBody(403, "text/plain;charset=UTF-8", "Bad_Id");
  }
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["id"] = IdentityUrl(request.base_url(), *p);
  body["asserted_user"] = true;
  body["user_id"] = p->user_id;
  body["organization_id"] = p->org_id;
  body["username"] = p->username;
  body["nick_name"] = p->username.substr(0, p->username.find('@'));
  body["display_name"] = p->display_name;
  body["email"] = p->email;
  body["active"] = true;
  body["user_type"] = "STANDARD";
  body["language"] = "en_US";
  body["locale"] = "en_US";
  body["utcOffset"] = 0;
  body["urls"] = PrincipalUrls(request.base_url());
  response.SetJson(200, body);
}

}  // namespace recoup::sim::org::http
