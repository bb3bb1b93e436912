// The query resources of the mock org (reference/salesforce-api.md section 3.3) over the org's SOQL
// engine (sim/org/soql/query_engine.h):
//   GET /services/data/v{version}/query?q=<SOQL>          first page
//   GET /services/data/v{version}/queryAll?q=<SOQL>       the same, deleted rows included
//   GET /services/data/v{version}/query/{locator}         next page (cursors of query and
//   GET /services/data/v{version}/queryAll/{locator}      queryAll alike)
// 200 {"totalSize","done"[,"nextRecordsUrl"],"records":[...]}: the engine's page text, written
// into the response as it is (no DOM). `Sforce-Query-Options: batchSize=N` sets the page size
// (clamped to 200..2000 by the engine; an unreadable value is ignored, the header is a hint).
// Errors (WriteSfError): MALFORMED_QUERY 400 "A query string has to be specified" without q,
// "SOQL statements cannot be empty or null" for an empty q; the engine's errors (MALFORMED_QUERY,
// INVALID_FIELD, INVALID_TYPE, INVALID_QUERY_LOCATOR, ...) as they are.
//
// Date literals (TODAY, LAST_N_DAYS:n) are evaluated in the calling user's time zone: the
// TimeZoneSidKey of their User record when it names a zone the tz database knows, UTC otherwise.
// A cursor belongs to the user who opened it: another user's locator is INVALID_QUERY_LOCATOR.
#ifndef RECOUP_SIM_ORG_REST_QUERY_ROUTES_H_
#define RECOUP_SIM_ORG_REST_QUERY_ROUTES_H_

#include <optional>
#include <string_view>

#include "core/base/status.h"
#include "sim/org/http/router.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

// Registers the four routes above (Access::kApi). `org` must outlive the router's use of them.
// Errors: the router's (a route already registered: AlreadyExists).
Status AddQueryRoutes(Org& org, http::Router& router);

// The batchSize of a Sforce-Query-Options header value ("batchSize=500"; items separated by ","
// or ";", names case-insensitive, spaces ignored), or nullopt when absent or not a positive
// integer below 10^9.
std::optional<int> ParseQueryBatchSize(std::string_view header_value);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_QUERY_ROUTES_H_
