// The SOQL service of the mock org: query, queryAll and query-more (reference/salesforce-api.md
// section 3.3) over a RecordStore, with query cursors (locators).
//
// Query(soql) parses, binds and runs the query and answers the first page:
//   {"totalSize":N,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g000000000001AAA-2000",
//    "records":[...]}     ("done":true and no nextRecordsUrl on the last page)
//   {"totalSize":N,"done":true,"records":[]}   for SELECT COUNT()
// totalSize counts every row of the result (after OFFSET and LIMIT), not just the page.
//
// Paging. A page holds the batch size rows: 2000 by default; a `Sforce-Query-Options: batchSize=N`
// hint is clamped to [200, 2000]. When rows remain, a cursor keeps the (already sorted) row list
// and the locator "<18-character id with key prefix 01g>-<index of the next row>" names the next
// page; the locator has no '/', so jsforce's rebuilt URL /services/data/v{version}/query/{locator}
// works for cursors opened by query and by queryAll alike. QueryMore serves the page starting at
// the locator's index (any index within the result is accepted, as Salesforce does) and closes the
// cursor after its last page. Rows are fixed when the query runs; field values are read when each
// page is written. A cursor belongs to the user who opened it and dies after kCursorIdleTimeout
// without use (measured on the "now" each call passes in: the engine has no clock); a user holds at
// most kMaxCursorsPerUser, and opening one more evicts that user's least recently used cursor. A
// dead, evicted, finished, foreign or malformed locator answers INVALID_QUERY_LOCATOR (400)
// "invalid query locator".
//
// Errors: those of ParseSoql (parser.h) and Bind (binder.h), and CheckRetained's (below): a
// count-only object of the store cannot be queried. Thread safety: none (the HTTP layer
// serialises access to the org); the store must not change while a call runs.
#ifndef RECOUP_SIM_ORG_SOQL_QUERY_ENGINE_H_
#define RECOUP_SIM_ORG_SOQL_QUERY_ENGINE_H_

#include <cctz/time_zone.h>

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"
#include "sim/org/ids.h"
#include "sim/org/record_store.h"
#include "sim/org/sf_error.h"
#include "sim/org/soql/binder.h"
#include "sim/org/soql/executor.h"

namespace recoup::sim::org::soql {

inline constexpr int kDefaultBatchSize = 2000;
inline constexpr int kMinBatchSize = 200;
inline constexpr int kMaxBatchSize = 2000;
inline constexpr int kMaxCursorsPerUser = 10;
inline constexpr Duration kCursorIdleTimeout = Duration::Minutes(15);

struct QueryOptions {
  std::string api_version = "62.0";  // as in the request path, without "v"
  bool all_rows = false;             // queryAll: deleted rows too (IsDeleted = true)
  std::optional<int> batch_size;     // the Sforce-Query-Options hint; clamped to [200, 2000]
  SfId user;                         // who runs the query (owns the cursor)
  Timestamp now;                     // for date literals and cursor expiry
  cctz::time_zone time_zone = cctz::utc_time_zone();  // the user's zone, for date literals
  Weekday week_start = Weekday::kSunday;
  int fiscal_year_start_month = 1;
};

struct QueryMoreOptions {
  std::string api_version = "62.0";
  SfId user;
  Timestamp now;
};

// One page of results.
struct QueryPage {
  int64_t total_size = 0;
  bool done = true;
  std::string next_records_url;  // empty when done
  std::string body;              // the response body, JSON text with members in Salesforce's order
  // The body as a JSON value (parses `body`; for tests and callers that want a DOM).
  nlohmann::json ToJson() const { return nlohmann::json::parse(body); }
};

// INVALID_TYPE (400) when `query` reads an object that `store` keeps count-only (record_store.h
// Retention), in FROM or in a child subquery: "sObject type '<Object>' is not supported: it is
// write-only in this org (its records are validated and counted, not kept)". Query, Explain and
// Bulk API query jobs check it before running anything.
SfStatus CheckRetained(const BoundQuery& query, const RecordStore& store);

// Which access path a query would use, without running it.
struct QueryPlan {
  std::string object;
  bool uses_index = false;
  std::string access;  // AccessPlan::Describe()
};

class QueryEngine {
 public:
  // `store` must outlive the engine.
  explicit QueryEngine(const RecordStore& store) : store_(store) {}

  SfOr<QueryPage> Query(std::string_view soql, const QueryOptions& options);
  SfOr<QueryPage> QueryMore(std::string_view locator, const QueryMoreOptions& options);
  SfOr<QueryPlan> Explain(std::string_view soql, const QueryOptions& options) const;

  const ExecutionStats& stats() const { return stats_; }
  // Open cursors of `user` that are still alive at `now`.
  int OpenCursorCount(const SfId& user, Timestamp now) const;

 private:
  struct Cursor {
    std::shared_ptr<const BoundQuery> query;
    std::vector<RowIndex> rows;
    size_t next = 0;  // index in rows of the next page's first row
    int batch_size = kDefaultBatchSize;
    bool all_rows = false;
    SfId user;
    Timestamp last_used;
    uint64_t serial = 0;
  };

  // The page of rows[from, min(from + batch, rows.size())): its body; `locator_id` (empty when this
  // is the last page) names the cursor for the next one.
  QueryPage WritePage(const BoundQuery& query, std::string_view api_version, bool all_rows,
                      const std::vector<RowIndex>& rows, size_t from, int batch_size,
                      std::string_view locator_id) const;
  void ExpireCursors(Timestamp now);
  // Registers a cursor (evicting the user's least recently used one beyond the cap); returns its
  // id.
  std::string OpenCursor(Cursor cursor);

  const RecordStore& store_;
  ExecutionStats stats_;
  std::map<std::string, Cursor> cursors_;  // by the 18-character locator id
  uint64_t next_cursor_serial_ = 1;
};

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_QUERY_ENGINE_H_
