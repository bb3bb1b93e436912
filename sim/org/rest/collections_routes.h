// sObject Collections (reference/salesforce-api.md section 3.5): many records in one call, under
// /services/data/vXX.X/composite/sobjects. docs/org.md "## REST: composite and collections" shows
// the shapes.
//
//   POST   /composite/sobjects                  {"allOrNone": b?, "records": [{"attributes":
//                                               {"type": "O"}, ...}]}  create (types may mix)
//   PATCH  /composite/sobjects                  same shape, each record with its id (any case)
//   DELETE /composite/sobjects?ids=a,b[&allOrNone=true]
//   GET    /composite/sobjects/{O}?ids=a,b[&fields=F,G]   retrieve
//   POST   /composite/sobjects/{O}              {"ids": [...], "fields": [...]?}  retrieve
//   PATCH  /composite/sobjects/{O}/{ExtField}   records as for create: upsert by that field
//
// Writes answer 200 with one result per record in request order,
// [{"id", "success", "errors": [{"statusCode", "message", "fields"}]}] (upsert adds "created";
// a failed create has no "id"), even when records fail; see collections_write.h for per-record
// errors and allOrNone. Retrieve answers 200 [record | null, ...] (null for an Id that names no
// live record of the object). Request-level errors (HTTP 400 unless noted, body
// [{"message", "errorCode"}]):
//   JSON_PARSER_ERROR   not JSON, not an object, records/ids/fields not arrays (of objects or
//                       strings), allOrNone not a boolean
//   INVALID_INPUT       records missing; allOrNone query value other than true/false
//   MISSING_ARGUMENT    no ids (delete, retrieve)
//   EXCEEDED_ID_LIMIT   more than 200 records or delete ids ("record limit reached. cannot submit
//                       more than 200 records into this call"), more than 2,000 retrieve ids
//   INVALID_BATCH_REQUEST  more than 10 chunks (runs of one type) in a create or update
//   MALFORMED_ID        a retrieve id that is no Id
//   NOT_FOUND (404)     unknown object, or an upsert field that is not an external Id
//   INVALID_FIELD       an unknown retrieve field (ResolveFieldList)
// Each call holds the org's session for its whole duration. Every route counts as one API call.
#ifndef RECOUP_SIM_ORG_REST_COLLECTIONS_ROUTES_H_
#define RECOUP_SIM_ORG_REST_COLLECTIONS_ROUTES_H_

#include <cstddef>

#include "core/base/status.h"
#include "sim/org/http/router.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

inline constexpr size_t kMaxCollectionRecords = 200;
inline constexpr size_t kMaxCollectionRetrieveIds = 2000;
inline constexpr size_t kMaxCollectionChunks = 10;

// Registers the six routes above on `router`. `org` must outlive the server. Errors: the
// router's (a duplicate route).
Status AddCollectionsRoutes(Org& org, http::Router& router);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COLLECTIONS_ROUTES_H_
