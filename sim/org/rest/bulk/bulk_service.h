// BulkService: Bulk API 2.0 of the mock org (reference/salesforce-api.md sections 4 and 10 item 4),
// ingest and query jobs over the org's HTTP server.
//
// Routes (registered by Create before the server starts; all Access::kApi, so each call counts
// against the daily API allocation; J is /services/data/v{version}/jobs):
//   POST   J/ingest                          create an ingest job -> 200, the job (Open)
//   GET    J/ingest                          list ingest jobs
//   GET    J/ingest/{id}                     job info
//   PATCH  J/ingest/{id}                     {"state":"UploadComplete"|"Aborted"} -> 200, the job
//   DELETE J/ingest/{id}                     204
//   PUT    J/ingest/{id}/batches             text/csv upload -> 201, no body
//   GET    J/ingest/{id}/successfulResults, .../failedResults, .../unprocessedrecords: text/csv
//   POST   J/query                           create a query job -> 200, the job (UploadComplete)
//   GET    J/query                           list query jobs
//   GET    J/query/{id}                      job info
//   PATCH  J/query/{id}                      {"state":"Aborted"} -> 200, the job
//   DELETE J/query/{id}                      204
//   GET    J/query/{id}/results[?locator=L&maxRecords=N]: a text/csv page with Sforce-Locator
//          (the literal "null" on the last page) and Sforce-NumberOfRecords
// jsforce asks for later result pages at ".../jobs/query//{id}/results?locator=..." (an empty path
// segment); that form is served too. Uploads may be sent chunked (the server de-chunks them) and
// are capped at BulkConfig::max_upload_bytes (413 EXCEEDED_MAX_SIZE_REQUEST before the body is read
// when Content-Length says so).
//
// State machine and its errors (400 INVALIDJOBSTATE unless said otherwise):
//   upload: only while Open, once per job ("Found multiple contents for job: <id>, please 'Close' /
//     'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once
//     on a given Job.", as Salesforce; BulkConfig::allow_multiple_uploads appends instead), body
//     Content-Type text/csv (415 UNSUPPORTED_MEDIA_TYPE otherwise);
//   PATCH UploadComplete: only from Open (ingest jobs); Aborted: from Open, UploadComplete or
//     InProgress; any other state value is refused; the body is {"state": ...} and nothing else
//     (JSON_PARSER_ERROR otherwise);
//   DELETE: from UploadComplete, JobComplete, Failed or Aborted (deleting an UploadComplete job
//     cancels its processing);
//   query results: only once JobComplete.
// An unknown, malformed or deleted job id (or an ingest id on the query routes and the reverse) is
// 404 NOT_FOUND. Jobs are kept BulkConfig::job_retention after their last state change, then
// forgotten (except while processing).
//
// Processing runs on the server's worker threads (Server::RunAfter / Post), one step at a time: a
// step takes the org's session, writes (or renders) BulkConfig::rows_per_step rows and lets go, so
// a large job never holds the org for long and other requests interleave. Ingest: UploadComplete
// -> (first step) InProgress -> JobComplete, or Failed when the upload is unusable (ingest_job.h).
// Query: UploadComplete at creation -> InProgress -> JobComplete. Time stamps (CreatedDate of
// written records, systemModstamp) come from the server's clock (Server::Now). With
// BulkConfig::auto_process = false nothing runs by itself: the owner drives processing with
// RunStep (deterministic tests and simulations).
//
// Thread safety: the routes run on any worker thread; RunStep may be called from any thread. Lock
// order: the org's session, then the service's own mutex (handlers take only the latter).
#ifndef RECOUP_SIM_ORG_REST_BULK_BULK_SERVICE_H_
#define RECOUP_SIM_ORG_REST_BULK_BULK_SERVICE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/http/org_server.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest {

struct BulkConfig {
  // Largest upload (one PUT, and with multiple uploads the job's whole data), bytes: 150 MB as
  // Salesforce documents it.
  uint64_t max_upload_bytes = 150'000'000;
  // How long a job is kept after its last state change (Salesforce deletes jobs after 7 days).
  Duration job_retention = Duration::Days(7);
  // Rows written (ingest) or rendered (query) per processing step, >= 1.
  size_t rows_per_step = 1000;
  // Delay between UploadComplete (or a query job's creation) and its first step, >= 0.
  Duration processing_delay = Duration::Zero();
  // Rows per query results page when the request has no maxRecords, >= 1. Large, because jsforce
  // (3.10.19) sends no maxRecords and cannot read more than one page: it pipes every page into one
  // CSV stream, which ends with the first.
  size_t default_max_records = 1'000'000;
  // Jobs per page of the job lists, >= 1.
  size_t list_page_size = 1000;
  // Run processing steps on the server's executor (false: only RunStep does).
  bool auto_process = true;
  // Accept several uploads per ingest job, appending the data rows of each later upload (its
  // header row must equal the first upload's). Salesforce refuses a second upload.
  bool allow_multiple_uploads = false;
};

// OK, or InvalidArgument naming the field ("bulk.rows_per_step: must be >= 1, got 0").
Status ValidateBulkConfig(const BulkConfig& config);

namespace bulk {
struct BulkState;  // bulk_state.h (internal)
}  // namespace bulk

class BulkService {
 public:
  // Validates `config`, registers the routes above on server.router() (call before the server
  // starts). `org` and `server` must outlive the service, and the service must stay alive while
  // the server runs. Errors: InvalidArgument (config), or the router's error for a route that is
  // already registered.
  static StatusOr<std::unique_ptr<BulkService>> Create(Org& org, http::OrgServer& server,
                                                       BulkConfig config = {});
  ~BulkService();
  BulkService(const BulkService&) = delete;
  BulkService& operator=(const BulkService&) = delete;

  // Runs one processing step of the oldest job (by creation) that has work left (UploadComplete
  // or InProgress), at the server's clock. Returns false when no job has work. Meant for
  // auto_process = false; with auto processing it competes with the executor's own steps.
  bool RunStep();

  // Jobs held now (ingest + query).
  size_t job_count() const;

 private:
  explicit BulkService(std::shared_ptr<bulk::BulkState> state);
  // Shared with the registered routes (which keep it alive as long as the router) and with
  // scheduled steps (weak references).
  std::shared_ptr<bulk::BulkState> state_;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_BULK_BULK_SERVICE_H_
