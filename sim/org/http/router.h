// Router: maps (method, path) to a route handler, with path patterns that capture segments.
//
// Patterns are written from the root, one segment per "/":
//   literal            "sobjects"          matches exactly (case-sensitive)
//   capture            "{object}"          matches any non-empty segment
//   prefixed capture   "v{version}"        matches a segment that starts with "v" and has more
//   after it rest capture       "{path...}"         last segment only: one or more remaining
//   segments, "/" kept
// e.g. "/services/data/v{version}/sobjects/{object}/{id}". Captures are percent-decoded (not "+"),
// and handlers read them with Request::PathParam("id"). A trailing "/" on the request path is
// ignored
// ("/services/data/" matches "/services/data").
//
// Precedence at each segment: literal, then prefixed captures (longest prefix first), then a plain
// capture, then a rest capture; the first complete match for the method wins. A path that matches
// some route but not for this method gives 405 with the methods that would have worked.
// Matching walks a segment trie: no regular expressions, no allocation except to list allowed
// methods for a 405. Register every route before the server starts; Match is then thread-safe.
#ifndef RECOUP_SIM_ORG_HTTP_ROUTER_H_
#define RECOUP_SIM_ORG_HTTP_ROUTER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "sim/org/http/request.h"
#include "sim/org/http/responder.h"
#include "sim/org/http/response.h"

namespace recoup::sim::org::http {

// A handler that answers before it returns (the common case: CRUD, query, describe...).
using SyncHandler = std::function<void(const Request& request, Response& response)>;
// A handler that may answer later, from any thread, through the Responder (long polls).
using AsyncHandler = std::function<void(const Request& request, Responder responder)>;

// Who may call a route, and what the call costs.
enum class Access : uint8_t {
  kOAuth,    // no session; no API usage; no Sforce-Limit-Info (the /services/oauth2 endpoints)
  kPublic,   // no session; not counted; Sforce-Limit-Info reported (GET /services/data/)
  kSession,  // a valid session; not counted against the daily API limit
  kOptionalSession,  // like kSession, but a missing or bad session is not refused: the handler
                     // sees principal() == nullptr and answers in its own protocol (CometD's
                     // "401::Authentication invalid" inside an HTTP 200)
  kApi,              // a valid session; counted against the daily API limit (every REST resource)
};

struct RouteOptions {
  Access access = Access::kApi;
  // Largest accepted request body in bytes; 0 means the server's default (ServerOptions). Larger
  // bodies get 413 before they are read (CometD uses 32,768).
  uint64_t max_body_bytes = 0;
};

struct Route {
  Method method = Method::kOther;
  std::string pattern;
  std::vector<std::string> capture_names;  // in path order
  SyncHandler sync;                        // exactly one of sync / async is set
  AsyncHandler async;
  RouteOptions options;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;  // kFound only
  std::string allowed;           // kMethodNotAllowed only: "GET,PATCH,DELETE"
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers a route. Errors (InvalidArgument, naming the pattern and the position): a pattern
  // that does not start with "/", ends with "/" (except "/" itself), has an empty segment, a
  // malformed or duplicate capture name, a rest capture that is not last or has a prefix; method
  // kOther; a missing handler; the same method on the same pattern shape twice (AlreadyExists).
  Status Add(Method method, std::string_view pattern, SyncHandler handler,
             RouteOptions options = {});
  Status AddAsync(Method method, std::string_view pattern, AsyncHandler handler,
                  RouteOptions options = {});

  // Matches `method` and the undecoded request path (no query). On kFound, appends the decoded
  // captures, named after the route's pattern, to storage->captures / capture_arena.
  RouteMatch Match(Method method, std::string_view path, Request::Storage* storage) const;

  size_t size() const { return routes_.size(); }

 private:
  struct Node;
  Status AddRoute(std::unique_ptr<Route> route);

  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_ROUTER_H_
