// Running one /composite subrequest through the server's own router, so that it behaves exactly
// as the same call made directly (reference/salesforce-api.md section 3.4).
//
// The subrequest gets a Request built like the server builds one: the route's captures, the query
// string decoded as usual, the outer request's clock reading, caller (principal and session token)
// and base URL, the outer request's Authorization and Accept headers (Salesforce: subrequests
// inherit Accept, Authorization and Content-Type), Content-Type application/json when it has a
// body, and its own httpHeaders. The matched route's synchronous handler runs on the calling
// thread; nothing is counted against the API limits (a composite request is one API call).
//
// What a subrequest may call: the sObject resources (/sobjects...), query and queryAll
// (/query..., /queryAll...), sObject Collections (/composite/sobjects...) and /limits, on a served
// API version. Anything else the router knows (/composite itself, Bulk jobs, an asynchronous route)
// answers 400 NOT_SUPPORTED; an unknown path 404 NOT_FOUND; a wrong method 405
// METHOD_NOT_ALLOWED; an unserved version 404 NOT_FOUND, as a direct call would.
#ifndef RECOUP_SIM_ORG_REST_COMPOSITE_SUBREQUEST_H_
#define RECOUP_SIM_ORG_REST_COMPOSITE_SUBREQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/org/http/dispatcher.h"
#include "sim/org/http/request.h"
#include "sim/org/http/router.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::rest {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A subrequest after its references were resolved.
struct Subrequest {
  http::Method method = http::Method::kGet;
  std::string url;                  // "/services/data/v62.0/sobjects/Account/001...?fields=Name"
  std::optional<std::string> body;  // JSON text, when the subrequest has a body
  HeaderList headers;               // its httpHeaders (never Accept/Authorization/Content-Type)
};

// What the subrequest answered.
struct SubrequestOutcome {
  int status = 0;
  std::string body;        // as the handler wrote it ("" for none)
  bool json_body = false;  // the body is JSON (Content-Type application/json...)
  HeaderList headers;      // the header lines the handler added (e.g. Location), in order
};

// Whether `url` (a subrequest url) names a query or sObject Collections resource, the kinds that
// Salesforce allows at most 5 of in one composite request: ".../vXX.X/query...",
// ".../vXX.X/queryAll...", ".../vXX.X/composite/sobjects...".
bool IsQueryOrCollectionsUrl(std::string_view url);
// Whether `url` names an sObject Collections resource (".../vXX.X/composite/sobjects...").
bool IsCollectionsUrl(std::string_view url);

class SubrequestRunner {
 public:
  // `router` (the one the composite route is registered on) and `schema` must outlive the runner;
  // `versions` are the API versions the server serves.
  SubrequestRunner(const http::Router& router, const Schema& schema, http::ApiVersionRange versions)
      : router_(router), schema_(schema), versions_(versions) {}

  // Runs `sub` on behalf of `outer` (the /composite request). Never throws: a handler that throws
  // answers 500 UNKNOWN_EXCEPTION, as the dispatcher does.
  SubrequestOutcome Run(const http::Request& outer, const Subrequest& sub) const;

 private:
  const http::Router& router_;
  const Schema& schema_;
  http::ApiVersionRange versions_;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COMPOSITE_SUBREQUEST_H_
