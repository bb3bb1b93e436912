// CometdService: the mock org's Streaming API endpoint, CometD / Bayeux 1.0 long polling over HTTP
// (reference/salesforce-api.md sections 5.2 and 10 item 5), wiring the transport-agnostic protocol
// engine (sim/org/events/bayeux.h) to the org's HTTP server.
//
// Routes (registered by Create, before the server starts):
//   POST /cometd/{version}            faye / jsforce post every message batch here
//   POST /cometd/{version}/{rest...}  the Java CometD client posts to .../handshake, .../connect,
//                                     .../meta/subscribe ...: the suffix is ignored, the body's
//                                     "channel" members say what each message is
// Both are asynchronous, Access::kOptionalSession (never 401 at the HTTP level, not counted against
// the daily API allocation) with a 32,768-byte body limit (413 EXCEEDED_MAX_SIZE_REQUEST). The
// caller's session becomes the engine's BayeuxAuth: a valid token of a user of the org is Valid
// (that user), an Authorization header that names a token the server does not accept is Invalid
// ("401::Authentication invalid" inside an HTTP 200), no usable header is Missing ("401::Request
// requires authentication"). Other methods on these paths get 405 with "Allow: POST"; a WebSocket
// upgrade (faye's probe) is refused by the dispatcher with 400 NOT_SUPPORTED, never 101, so the
// client falls back to long polling.
//
// Long polls hold no thread: a parked /meta/connect keeps its http::Responder here with a timer at
// its deadline (Server::RunAfter; if the engine still has nothing to say then, because the server's
// clock has not reached the deadline, the timer is re-armed). The engine's wakeup (a publish on
// org.events(), a newer connect, a disconnect) only posts the Resume to the server's workers
// (Server::Post), so publishers never run HTTP work on their own thread. A client that closes its
// connection while parked cancels the poll (Responder::OnAbandoned -> BayeuxEngine::Cancel). Server
// Stop answers every parked poll at once (an ordinary connect reply, with any pending events), and
// connects that arrive while stopping are answered immediately instead of parking. Idle clients
// are forgotten by a periodic BayeuxEngine::ExpireClients (every CometdConfig::expire_interval,
// armed by the first CometD request).
//
// Delivery counts against the server's ApiLimits (DailyDeliveredPlatformEvents).
#ifndef RECOUP_SIM_ORG_REST_COMETD_SERVICE_H_
#define RECOUP_SIM_ORG_REST_COMETD_SERVICE_H_

#include <cstddef>
#include <memory>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/bayeux.h"
#include "sim/org/http/org_server.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

struct CometdConfig {
  // Protocol figures (advice.timeout, reconnect windows, client cap, reply caps) and the seed of
  // the clientId stream; validated by events::ValidateBayeuxConfig.
  events::BayeuxConfig bayeux;
  // How often forgotten clients are swept (BayeuxEngine::ExpireClients); > 0. The engine also
  // sweeps about once a second while requests arrive; this bounds memory when none do.
  Duration expire_interval = Duration::Seconds(5);
};

// OK, or InvalidArgument naming the field ("cometd.expire_interval: must be > 0, got 0s",
// "bayeux.max_clients: must be >= 1, got 0").
Status ValidateCometdConfig(const CometdConfig& config);

class CometdService {
 public:
  // Validates `config`, creates the Bayeux engine on org.events() (delivery counted on
  // server.api_limits()), registers the two POST routes on server.router() and an OnStop callback
  // on server.server(). Call before server.Start(). Errors: InvalidArgument for a bad config;
  // the router's error (AlreadyExists) when /cometd routes are already registered.
  // `org` and `server` are not owned. Keep the service alive while the server runs; destroy it
  // after server.Stop() (or before Start) and before `org`.
  static StatusOr<std::unique_ptr<CometdService>> Create(Org& org, http::OrgServer& server,
                                                         CometdConfig config = {});
  // Answers any poll still parked (as Stop does) and detaches from the server: requests that reach
  // the routes afterwards get 503 SERVER_UNAVAILABLE.
  ~CometdService();
  CometdService(const CometdService&) = delete;
  CometdService& operator=(const CometdService&) = delete;

  // The protocol engine (for diagnostics and tests: ClientCount, ParkedCount).
  events::BayeuxEngine& engine();
  // How many HTTP requests are parked here now (long polls waiting for events or their deadline).
  std::size_t parked_requests() const;

 private:
  struct Hub;  // the state shared with the routes, timers and wakeups (cometd_service.cc)

  explicit CometdService(std::shared_ptr<Hub> hub) : hub_(std::move(hub)) {}
  std::shared_ptr<Hub> hub_;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COMETD_SERVICE_H_
