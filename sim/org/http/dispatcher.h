// Dispatcher: the one place every request passes between the socket and its route handler.
//
// In order: a WebSocket upgrade is refused (faye probes one on /cometd, reference/salesforce-api.md
// section 10 item 5; we only speak long-polling); the path is routed (404 NOT_FOUND, 405
// METHOD_NOT_ALLOWED with an Allow header); a {version} capture must name a served API version (404
// NOT_FOUND otherwise); routes that need a session check "Authorization: Bearer <t>" or "OAuth <t>"
// (401 INVALID_SESSION_ID; kOptionalSession routes get no principal instead); API routes are
// counted against the daily allocation and the cap on concurrent long-running requests (403
// REQUEST_LIMIT_EXCEEDED, from sim/org/events/api_limits.h); then the handler runs (through the
// RequestInterceptor, when one is set and the route is synchronous). Every response
// except the OAuth endpoints' carries "Sforce-Limit-Info: api-usage=N/M" (Decorate). A handler that
// throws is a bug; the client gets 500 UNKNOWN_EXCEPTION instead of a dead connection.
//
// The server calls Route once the header is read (so a too-large body is refused before it is
// read), then Dispatch once the body is in. Thread-safe once configured: it holds no state of its
// own.
#ifndef RECOUP_SIM_ORG_HTTP_DISPATCHER_H_
#define RECOUP_SIM_ORG_HTTP_DISPATCHER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/time.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/http/request.h"
#include "sim/org/http/responder.h"
#include "sim/org/http/response.h"
#include "sim/org/http/router.h"

namespace recoup::sim::org::http {

// Checks a session token. Implemented by the OAuth token store (token_store.h).
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller behind `token` at `now`, or nullptr when the token is unknown, expired or revoked.
  // Thread-safe. The Principal lives as long as the Authenticator.
  virtual const Principal* Authenticate(std::string_view token, Timestamp now) const = 0;
};

// The API versions served, as whole major numbers: "58.0" .. "64.0" for {58, 64}.
struct ApiVersionRange {
  int min_major = 50;  // jsforce's default version is 50.0
  int max_major = 64;
  // Whether `version` ("62.0") is served: digits, ".0", within the range.
  bool Contains(std::string_view version) const;
};

// The token in an Authorization header value "Bearer <t>" or "OAuth <t>" (scheme case-insensitive,
// surrounding spaces ignored), or "" when the value has neither form.
std::string_view SessionTokenFromAuthorization(std::string_view header_value);

// A hook around synchronous route handlers, for injected latency and faults (`recoup org serve
// --faults`, sim/org/rest/fault_injection.h). Optional; without one nothing changes.
class RequestInterceptor {
 public:
  virtual ~RequestInterceptor() = default;
  // Runs instead of the handler of a synchronous route, once every check above has passed (the
  // request is routed, authenticated and counted). `run_handler` runs the route's handler on
  // *response (a handler that throws gives 500 UNKNOWN_EXCEPTION); call it at most once and only
  // during this call (the Request is valid until Intercept returns), or not at all to answer
  // otherwise (the handler then has no effect). Return false when *response is the answer to
  // send now. Return true after calling make_responder() (once) to answer later from any thread:
  // Responder::Send (e.g. with the handler's response moved out of *response, after a delay) or
  // Responder::Abort (close the connection unanswered). Called on worker threads concurrently;
  // must not throw.
  virtual bool Intercept(const Request& request, const Route& route, Response* response,
                         const std::function<void()>& run_handler,
                         const std::function<Responder()>& make_responder) = 0;
};

class Dispatcher {
 public:
  explicit Dispatcher(const Router* router) : router_(router) {}

  // Optional collaborators; set before the server starts. Without an authenticator every
  // session route answers 401; without limits nothing is counted and no Sforce-Limit-Info is sent.
  void set_authenticator(const Authenticator* authenticator) { authenticator_ = authenticator; }
  void set_api_limits(events::ApiLimits* limits) { limits_ = limits; }
  void set_versions(ApiVersionRange versions) { versions_ = versions; }
  // Not owned; must outlive the server. nullptr (the default) runs handlers directly.
  void set_interceptor(RequestInterceptor* interceptor) { interceptor_ = interceptor; }
  const ApiVersionRange& versions() const { return versions_; }
  events::ApiLimits* api_limits() const { return limits_; }

  // Routes a request whose header has been read (captures go to *storage).
  RouteMatch Route(Method method, std::string_view path, Request::Storage* storage) const {
    return router_->Match(method, path, storage);
  }

  // Runs the checks and the handler of `match` for `request` (whose now() is set). Returns false
  // when *response is complete; returns true when an asynchronous handler took the request: it
  // received make_responder() and will answer through it. When the route is an API route, *guard
  // receives the long-request guard to Finish once the response is written.
  bool Dispatch(const RouteMatch& match, Request& request, Response* response,
                const std::function<Responder()>& make_responder,
                std::optional<events::ApiLimits::RequestGuard>* guard) const;

  // Adds Sforce-Limit-Info (unless access is kOAuth or no limits are bound). The server calls it
  // for every response it writes, synchronous or not.
  void Decorate(Access access, Timestamp now, Response* response) const;

 private:
  const Router* router_;
  const Authenticator* authenticator_ = nullptr;
  events::ApiLimits* limits_ = nullptr;
  RequestInterceptor* interceptor_ = nullptr;
  ApiVersionRange versions_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_DISPATCHER_H_
