// OrgRestApi (org_routes.h): every route group of the mock org on one server.
#include "sim/org/rest/org_routes.h"

#include <utility>

#include "sim/org/rest/collections_routes.h"
#include "sim/org/rest/composite_routes.h"
#include "sim/org/rest/query_routes.h"
#include "sim/org/rest/sobject_routes.h"

namespace recoup::sim::org::rest {

StatusOr<std::unique_ptr<OrgRestApi>> OrgRestApi::Create(Org& org, http::OrgServer& server,
                                                         OrgRestConfig config) {
  std::unique_ptr<OrgRestApi> api(new OrgRestApi());
  http::Router& router = server.router();
  RECOUP_RETURN_IF_ERROR(AddSObjectRoutes(org, router));
  RECOUP_RETURN_IF_ERROR(AddQueryRoutes(org, router));
  RECOUP_RETURN_IF_ERROR(AddCompositeRoutes(org, router, server.server().dispatcher().versions()));
  RECOUP_RETURN_IF_ERROR(AddCollectionsRoutes(org, router));
  if (config.serve_limits) {
    events::ApiLimits* limits = &server.api_limits();
    RECOUP_RETURN_IF_ERROR(router.Add(
        http::Method::kGet, "/services/data/v{version}/limits",
        [limits, &org](const http::Request& request, http::Response& response) {
          response.SetJson(200, limits->LimitsJson(request.now(), org.StorageUsage()));
        },
        http::RouteOptions{http::Access::kApi, 0}));
  }
  StatusOr<std::unique_ptr<BulkService>> bulk =
      BulkService::Create(org, server, std::move(config.bulk));
  if (!bulk.ok()) return bulk.status();
  api->bulk_ = std::move(bulk).value();
  StatusOr<std::unique_ptr<CometdService>> cometd =
      CometdService::Create(org, server, std::move(config.cometd));
  if (!cometd.ok()) return cometd.status();
  api->cometd_ = std::move(cometd).value();
  if (config.injection.has_value()) {
    StatusOr<std::unique_ptr<FaultInjector>> injector =
        FaultInjector::Install(org.schema(), server.server(), std::move(*config.injection));
    if (!injector.ok()) return injector.status();
    api->injector_ = std::move(injector).value();
  }
  return api;
}

OrgRestApi::~OrgRestApi() = default;

}  // namespace recoup::sim::org::rest
