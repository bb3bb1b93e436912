// OrgServer: the mock org's HTTP front door, assembled: the Server (server.h) with OAuth
// (oauth.h), discovery (discovery.h), API limits (sim/org/events/api_limits.h, behind the
// dispatcher and GET /services/data/vXX.X/limits) wired in. `recoup org serve` runs one; the REST
// resources of the org (sObjects, query, composite, Bulk 2.0, CometD) are registered on router()
// before Start.
#ifndef RECOUP_SIM_ORG_HTTP_ORG_SERVER_H_
#define RECOUP_SIM_ORG_HTTP_ORG_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/oauth.h"
#include "sim/org/http/router.h"
#include "sim/org/http/server.h"

namespace recoup::sim::org::http {

struct OrgServerOptions {
  ServerOptions http;
  OAuthConfig oauth;
  events::ApiLimitsConfig api_limits;
  ApiVersionRange versions;
  // Serve GET /services/data/vXX.X/limits from the API limits; storage_usage (may be empty) reports
  // what the record store uses.
  bool serve_limits = true;
  std::function<events::StorageUsage()> storage_usage;
};

class OrgServer {
 public:
  // Validates everything (errors name the option at fault), creates the token store, the API limits
  // and the server, and registers the OAuth, discovery and limits routes. Does not bind yet.
  static StatusOr<std::unique_ptr<OrgServer>> Create(OrgServerOptions options);

  // Binds (port() and base_url() are then known) and starts serving.
  Status Start() { return server_->Start(); }
  // Graceful stop (server.h).
  void Stop() { server_->Stop(); }

  Server& server() { return *server_; }
  Router& router() { return server_->router(); }
  OAuthService& oauth() { return *oauth_; }
  events::ApiLimits& api_limits() { return *limits_; }
  uint16_t port() const { return server_->port(); }
  const std::string& base_url() const { return server_->base_url(); }

 private:
  OrgServer() = default;

  std::unique_ptr<OAuthService> oauth_;
  std::unique_ptr<events::ApiLimits> limits_;
  std::unique_ptr<Server> server_;  // last: stopped and destroyed before what it uses
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_ORG_SERVER_H_
