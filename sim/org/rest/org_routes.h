// OrgRestApi: every REST resource of the mock org registered on one OrgServer, as `recoup org
// serve` runs it: sObjects and query (sobject_routes.h, query_routes.h), composite and sObject
// Collections (composite_routes.h, collections_routes.h), Bulk API 2.0 (bulk/bulk_service.h),
// CometD (cometd_service.h), optionally GET /limits with the record store's size, and optionally
// injected latency and faults (fault_injection.h).
//
// Assembly order, since the org counts published events against the server's API limits:
//   OrgServerOptions options = ...;  options.serve_limits = false;   // OrgRestApi serves /limits
//   auto server = http::OrgServer::Create(options);
//   auto org = Org::Create(org_config, &(*server)->api_limits());
//   auto api = OrgRestApi::Create(**org, **server, {.serve_limits = true});
//   (*server)->Start();  ...  (*server)->Stop();   // then destroy api, then org, then server
#ifndef RECOUP_SIM_ORG_REST_ORG_ROUTES_H_
#define RECOUP_SIM_ORG_REST_ORG_ROUTES_H_

#include <memory>
#include <optional>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "sim/org/http/org_server.h"
#include "sim/org/rest/bulk/bulk_service.h"
#include "sim/org/rest/cometd_service.h"
#include "sim/org/rest/fault_injection.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

struct OrgRestConfig {
  BulkConfig bulk;
  CometdConfig cometd;
  // Register GET /services/data/vXX.X/limits here, reporting DataStorageMB from
  // Org::StorageUsage(). The server must then be created with OrgServerOptions::serve_limits =
  // false (otherwise Create fails: the route exists).
  bool serve_limits = false;
  // Latency and faults injected into every request (fault_injection.h); nullopt: none, and no
  // interceptor is installed (no cost per request).
  std::optional<FaultInjectionConfig> injection;
};

class OrgRestApi {
 public:
  // Registers every route group on `server` (composite with the server's served API versions),
  // creates the Bulk and CometD services and, when configured, the fault injector. Call before
  // server.Start(). Errors: the groups' and services' own (InvalidArgument for a bad config,
  // naming the field; AlreadyExists for a route registered twice). `org` and `server` are not
  // owned and must outlive the OrgRestApi; stop the server before destroying it.
  static StatusOr<std::unique_ptr<OrgRestApi>> Create(Org& org, http::OrgServer& server,
                                                      OrgRestConfig config = {});
  ~OrgRestApi();
  OrgRestApi(const OrgRestApi&) = delete;
  OrgRestApi& operator=(const OrgRestApi&) = delete;

  BulkService& bulk() { return *bulk_; }
  CometdService& cometd() { return *cometd_; }
  // nullptr without OrgRestConfig::injection.
  FaultInjector* injector() { return injector_.get(); }

 private:
  OrgRestApi() = default;

  std::unique_ptr<FaultInjector> injector_;
  std::unique_ptr<BulkService> bulk_;
  std::unique_ptr<CometdService> cometd_;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_ORG_ROUTES_H_
