#include "sim/org/http/org_server.h"

#include <utility>

#include "sim/org/http/discovery.h"

namespace recoup::sim::org::http {

StatusOr<std::unique_ptr<OrgServer>> OrgServer::Create(OrgServerOptions options) {
  if (options.versions.min_major < 20 || options.versions.max_major > 999 ||
      options.versions.min_major > options.versions.max_major) {
    return InvalidArgumentError("api versions: need 20 <= min <= max <= 999, got " +
                                std::to_string(options.versions.min_major) + ".." +
                                std::to_string(options.versions.max_major));
  }
  std::unique_ptr<OrgServer> org(new OrgServer());
  StatusOr<std::unique_ptr<OAuthService>> oauth = OAuthService::Create(std::move(options.oauth));
  if (!oauth.ok()) return oauth.status();
  org->oauth_ = std::move(oauth).value();
  StatusOr<std::unique_ptr<events::ApiLimits>> limits =
      events::ApiLimits::Create(options.api_limits);
  if (!limits.ok()) return limits.status();
  org->limits_ = std::move(limits).value();
  org->server_ = std::make_unique<Server>(std::move(options.http));
  Dispatcher& dispatcher = org->server_->dispatcher();
  dispatcher.set_authenticator(&org->oauth_->tokens());
  dispatcher.set_api_limits(org->limits_.get());
  dispatcher.set_versions(options.versions);
  Router& router = org->server_->router();
  Status s = org->oauth_->RegisterRoutes(&router);
  if (s.ok()) s = RegisterDiscoveryRoutes(&router, options.versions);
  if (s.ok() && options.serve_limits) {
    events::ApiLimits* api_limits = org->limits_.get();
    s = router.Add(
        Method::kGet, "/services/data/v{version}/limits",
        [api_limits, usage = std::move(options.storage_usage)](const Request& request,
                                                               Response& response) {
          response.SetJson(
              200, api_limits->LimitsJson(request.now(), usage ? usage() : events::StorageUsage{}));
        },
        RouteOptions{Access::kApi, 0});
  }
  if (!s.ok()) return s;
  return org;
}

}  // namespace recoup::sim::org::http
