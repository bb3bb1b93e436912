// Bulk API 2.0 query jobs (reference/salesforce-api.md section 4.2): the job model, its creation
// body, its JSON, the SOQL it runs and the CSV results it serves in pages.
//
// The query goes through the org's SOQL pipeline (soql/parser.h, binder.h, executor.h): it is
// parsed and bound when the job is created, so a bad query is refused at once with the SOQL
// engine's own error (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE ...). Bulk query does not take
// child-relationship subqueries, COUNT() or OFFSET: those are refused with
// FUNCTIONALITY_NOT_ENABLED (400). Processing (in steps): the first step selects the rows (one pass
// under the org lock, as a REST query does), later steps render them to CSV in slices, so the lock
// is never held for long. Values are read when their slice is rendered.
//
// Results CSV: one column per SELECT item in SELECT order, named with the schema's API names
// (parent fields as "Relationship.Field", e.g. "Collection_Account__r.Name", "Owner.Name"), every
// cell quoted, null as an empty cell, values in value.h's CSV forms (dates 2025-03-01, datetimes
// 2025-03-01T12:34:56.000Z, booleans true/false, 18-character Ids); the job's delimiter and line
// ending. A page is the header plus up to maxRecords rows; the Sforce-Locator of the next page is
// the base64 text (no padding) of the next row's index, and "null" on the last page.
#ifndef RECOUP_SIM_ORG_REST_BULK_QUERY_JOB_H_
#define RECOUP_SIM_ORG_REST_BULK_QUERY_JOB_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/rest/bulk/bulk_job.h"
#include "sim/org/schema.h"
#include "sim/org/soql/binder.h"

namespace recoup::sim::org::rest::bulk {

// One column of the results: its header and the path read for each row.
struct QueryColumn {
  std::string name;
  soql::BoundPath path;
};

// A validated creation body: POST .../jobs/query.
struct QueryJobRequest {
  bool all_rows = false;  // operation queryAll
  std::string soql;
  CsvOptions csv;
  soql::BoundQuery bound;
  std::vector<QueryColumn> columns;
};

// Checks a creation body and compiles its query at `now` (date literals are evaluated then, in
// UTC). Errors (400), in this order:
//   JSON_PARSER_ERROR: not an object; a member other than operation, query, contentType,
//     columnDelimiter, lineEnding; a member of the wrong JSON type; an operation other than query
//     or queryAll; a bad contentType, columnDelimiter or lineEnding
//   INVALIDJOB "Operation is required" / "Query is required"
//   the SOQL errors of ParseSoql and Bind
//   FUNCTIONALITY_NOT_ENABLED "Nested queries (child relationship subqueries) are not supported
//     in Bulk API 2.0 query jobs" / "COUNT() is not supported ..." / "OFFSET is not supported ..."
SfOr<QueryJobRequest> ParseQueryJobRequest(const nlohmann::json& body, const Schema& schema,
                                           Timestamp now);

struct QueryJob {
  JobInfo info;
  QueryJobRequest request;
  // Processing.
  bool selected = false;
  std::vector<RowIndex> rows;
  std::string results;                 // rendered data rows (no header)
  std::vector<size_t> row_offsets{0};  // row i is results[row_offsets[i], row_offsets[i + 1])
  size_t rendered() const { return row_offsets.size() - 1; }
};

// Job JSON: short (create and PATCH answers), full (GET: adds jobType V2Query,
// numberRecordsProcessed, retries, totalProcessingTime, isPkChunkingSupported, errorMessage when
// Failed) and the entry of GET .../jobs/query.
nlohmann::ordered_json QueryJobJson(const QueryJob& job, bool full);
nlohmann::ordered_json QueryJobListEntry(const QueryJob& job);

// Selects the job's rows (first step). The caller holds the org's session for `store`.
void SelectQueryRows(QueryJob* job, const RecordStore& store);
// Renders up to `max_rows` more selected rows. Returns how many were rendered.
size_t RenderQueryRows(QueryJob* job, const RecordStore& store, size_t max_rows);
inline bool QueryDone(const QueryJob& job) {
  return job.selected && job.rendered() == job.rows.size();
}

// One page of results: rows [first, first + max_rows) of a completed job.
struct QueryResultPage {
  std::string csv;      // the header line, then the rows
  size_t records = 0;   // Sforce-NumberOfRecords
  std::string locator;  // Sforce-Locator: the next page's locator, or "null"
};
QueryResultPage QueryResultsPage(const QueryJob& job, size_t first, size_t max_rows);

// Locators: EncodeLocator(1000) == "MTAwMA" (base64 of "1000", no padding). DecodeLocator accepts
// what EncodeLocator writes (padding optional) for an index <= `total`; nullopt otherwise.
std::string EncodeLocator(size_t index);
std::optional<size_t> DecodeLocator(std::string_view locator, size_t total);

}  // namespace recoup::sim::org::rest::bulk

#endif  // RECOUP_SIM_ORG_REST_BULK_QUERY_JOB_H_
