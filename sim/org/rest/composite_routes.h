// POST /services/data/vXX.X/composite: up to 25 subrequests in one call, run in order, with
// references between them and optional all-or-none semantics (reference/salesforce-api.md
// section 3.4). docs/org.md "## REST: composite and collections" shows the shapes.
//
// The answer is always HTTP 200 (once the request itself is valid, composite_request.h):
//   {"compositeResponse": [{"body": <the subrequest's JSON body, or null>, "httpHeaders": {...},
//                           "httpStatusCode": 201, "referenceId": "acct"}, ...]}
// in request order. Each subrequest runs through the same router as a direct call
// (composite_subrequest.h), after its url and body references "@{refId.path}" are resolved
// against the bodies of the subrequests before it (composite_reference.h); an unresolvable
// reference answers that subrequest 400 PROCESSING_HALTED "Invalid reference specified. ...".
//
// allOrNone = false: every subrequest runs and commits on its own; one that refers to a failed one
// fails with the unresolved-reference error. allOrNone = true: the whole request holds the org's
// session and one record-store transaction; the first subrequest that fails (HTTP status >= 400,
// or an sObject Collections write with any failed record) stops the run, everything is rolled
// back (Ids handed out are handed out again), the failed subrequest keeps its own answer and every
// other one answers 400 [{"message": "The transaction was rolled back since another operation in
// the same transaction failed.", "errorCode": "PROCESSING_HALTED"}] with httpHeaders {}.
// Counts as one API call.
#ifndef RECOUP_SIM_ORG_REST_COMPOSITE_ROUTES_H_
#define RECOUP_SIM_ORG_REST_COMPOSITE_ROUTES_H_

#include "core/base/status.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/router.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

// Registers POST /services/data/v{version}/composite on `router`, whose routes its subrequests
// reach. `org` and `router` must outlive the server. `versions` are the API versions the server
// serves (subrequests on other versions answer 404, as direct calls do); pass the server's
// OrgServerOptions::versions when it is not the default. Errors: the router's (a duplicate route).
Status AddCompositeRoutes(Org& org, http::Router& router, http::ApiVersionRange versions = {});

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COMPOSITE_ROUTES_H_
