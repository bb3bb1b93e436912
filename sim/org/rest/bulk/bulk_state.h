// The inside of a BulkService (bulk_service.h), shared by its route files and its scheduled
// processing steps: the job tables, their mutex, and the step and scheduling functions.
// Internal to sim/org/rest/bulk.
#ifndef RECOUP_SIM_ORG_REST_BULK_BULK_STATE_H_
#define RECOUP_SIM_ORG_REST_BULK_BULK_STATE_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "sim/org/http/org_server.h"
#include "sim/org/http/request.h"
#include "sim/org/http/response.h"
#include "sim/org/rest/bulk/bulk_job.h"
#include "sim/org/rest/bulk/bulk_service.h"
#include "sim/org/rest/bulk/ingest_job.h"
#include "sim/org/rest/bulk/query_job.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org::rest::bulk {

struct BulkState : std::enable_shared_from_this<BulkState> {
  BulkState(Org& org_in, http::OrgServer& server_in, BulkConfig config_in)
      : org(org_in), server(server_in), config(config_in) {}

  Org& org;
  http::OrgServer& server;
  const BulkConfig config;

  mutable std::mutex mu;  // guards everything below, and every job's members
  // By id, so iteration follows creation order. Jobs are shared with running steps, which keep a
  // deleted job alive until they notice.
  std::map<SfId, std::shared_ptr<IngestJob>> ingest;
  std::map<SfId, std::shared_ptr<QueryJob>> queries;
  uint64_t next_serial = 1;

  // A fresh job id (mu held).
  SfId NewJobId() { return SfId::Generate(kJobKeyPrefix, next_serial++); }
  // Forgets jobs whose retention ended by `now`, unless they are processing (mu held). A sweep of
  // the tables: Bulk calls are few, and jobs live a week at most.
  void PurgeExpired(Timestamp now);

  // Starts processing `id` (an ingest or query job): with auto_process, its first step runs after
  // config.processing_delay and each step posts the next while work remains.
  void Schedule(const SfId& id);
  // Runs one step of job `id` at the server's clock. Returns true when the job has work left.
  // Takes the org's session (record objects and queries) and then mu.
  bool Step(const SfId& id);

  // Route registration (bulk_ingest_routes.cc, bulk_query_routes.cc).
  Status AddIngestRoutes();
  Status AddQueryRoutes();

 private:
  bool StepIngest(const std::shared_ptr<IngestJob>& job);
  bool StepQuery(const std::shared_ptr<QueryJob>& job);
  void RunChain(const SfId& id);
};

// Who is calling (an error response is written when the session names no user of the org).
// Returns false when the response was written.
bool ResolveCaller(Org& org, const http::Request& request, http::Response& response, SfId* user);

// The job of `jobs` (BulkState::ingest or ::queries) whose id is `id_text`, with mu held. Writes
// 404 (JobNotFoundError) and returns null when the text is not a job id or no such job exists.
template <typename Job>
std::shared_ptr<Job> FindJob(const std::map<SfId, std::shared_ptr<Job>>& jobs,
                             std::string_view id_text, http::Response& response) {
  SfOr<SfId> id = ParseJobId(id_text);
  if (id.ok()) {
    auto it = jobs.find(*id);
    if (it != jobs.end()) return it->second;
  }
  http::WriteSfError(&response, JobNotFoundError());
  return nullptr;
}

// The job-list page of GET .../jobs/ingest or .../jobs/query: filters jobType and concurrencyMode
// (exact values; anything else lists nothing), pages of `page_size` jobs with queryLocator (the
// index of the page's first job, decimal). `entries` are the matching jobs' list entries in
// creation order. Writes the response (400 INVALID_QUERY_LOCATOR for a bad locator).
void WriteJobList(const http::Request& request, std::string_view kind, std::string_view job_type,
                  const std::vector<nlohmann::ordered_json>& entries, size_t page_size,
                  http::Response& response);

}  // namespace recoup::sim::org::rest::bulk

#endif  // RECOUP_SIM_ORG_REST_BULK_BULK_STATE_H_
