// The body of POST /services/data/vXX.X/composite, parsed and checked before any subrequest runs
// (reference/salesforce-api.md section 3.4):
//   {"allOrNone": bool?, "collateSubrequests": bool?, "compositeRequest": [
//     {"method": "POST", "url": "/services/data/v62.0/sobjects/Account", "referenceId": "acct",
//      "body": {...}?, "httpHeaders": {"If-Match": "..."}?}, ...]}
// Members other than these are ignored.
#ifndef RECOUP_SIM_ORG_REST_COMPOSITE_REQUEST_H_
#define RECOUP_SIM_ORG_REST_COMPOSITE_REQUEST_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/http/request.h"
#include "sim/org/rest/composite_subrequest.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

inline constexpr size_t kMaxCompositeSubrequests = 25;
inline constexpr size_t kMaxCompositeQueryOrCollections = 5;

// One subrequest as written, references not yet resolved.
struct CompositeSubrequest {
  http::Method method = http::Method::kGet;
  std::string url;
  std::string reference_id;
  std::optional<nlohmann::json> body;  // absent or JSON null: no body
  HeaderList headers;                  // httpHeaders, in the order given
};

struct CompositeRequest {
  bool all_or_none = false;
  bool collate_subrequests = false;  // accepted; subrequests always run in order here
  std::vector<CompositeSubrequest> subrequests;
};

// Parses and checks `body`. Every error is HTTP 400 and names the place at fault as
// "compositeRequest[i]" (0-based):
//   JSON_PARSER_ERROR: not JSON (ParseJsonBody), not an object, a member of the wrong JSON type
//     (allOrNone/collateSubrequests not a boolean, compositeRequest not an array, a subrequest not
//     an object, method/url/referenceId not strings, httpHeaders not an object of strings)
//   INVALID_INPUT: compositeRequest missing or empty; a subrequest without method, url or
//     referenceId; a method other than GET, POST, PUT, PATCH, DELETE (any case); a url that does
//     not start with "/services/data/v"; an invalid referenceId (Salesforce's "Provided
//     referenceId ('x') must start with a letter or a number, and it can contain only letters,
//     numbers and underscores ('_')."); the same referenceId twice ("Duplicate referenceId
//     provided in the request: x"); httpHeaders naming Accept, Authorization or Content-Type
//   LIMIT_EXCEEDED: more than 25 subrequests, or more than 5 query / sObject Collections ones.
SfOr<CompositeRequest> ParseCompositeRequest(std::string_view body);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COMPOSITE_REQUEST_H_
