// bulk_service.h: creation, scheduling and the processing steps of Bulk API 2.0 jobs.
#include "sim/org/rest/bulk/bulk_service.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/http/sf_http_errors.h"
#include "sim/org/rest/bulk/bulk_state.h"
#include "sim/org/rest/rest_context.h"
#include "sim/org/soql/query_engine.h"

namespace recoup::sim::org::rest {

Status ValidateBulkConfig(const BulkConfig& config) {
  auto bad = [](std::string_view field, std::string_view rule, const std::string& got) {
    return InvalidArgumentError("bulk." + std::string(field) + ": must be " + std::string(rule) +
                                ", got " + got);
  };
  if (config.max_upload_bytes == 0) return bad("max_upload_bytes", ">= 1", "0");
  if (config.job_retention <= Duration::Zero()) {
    return bad("job_retention", "> 0", std::to_string(config.job_retention.nanos()) + "ns");
  }
  if (config.rows_per_step == 0) return bad("rows_per_step", ">= 1", "0");
  if (config.processing_delay < Duration::Zero()) {
    return bad("processing_delay", ">= 0", std::to_string(config.processing_delay.nanos()) + "ns");
  }
  if (config.default_max_records == 0) return bad("default_max_records", ">= 1", "0");
  if (config.list_page_size == 0) return bad("list_page_size", ">= 1", "0");
  return OkStatus();
}

StatusOr<std::unique_ptr<BulkService>> BulkService::Create(Org& org, http::OrgServer& server,
                                                           BulkConfig config) {
  RECOUP_RETURN_IF_ERROR(ValidateBulkConfig(config));
  auto state = std::make_shared<bulk::BulkState>(org, server, config);
  RECOUP_RETURN_IF_ERROR(state->AddIngestRoutes());
  RECOUP_RETURN_IF_ERROR(state->AddQueryRoutes());
  return std::unique_ptr<BulkService>(new BulkService(std::move(state)));
}

BulkService::BulkService(std::shared_ptr<bulk::BulkState> state) : state_(std::move(state)) {}
BulkService::~BulkService() = default;

bool BulkService::RunStep() {
  SfId next;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    // The oldest job with work: ids follow creation order across both tables.
    for (const auto& [id, job] : state_->ingest) {
      if (HasPendingWork(job->info.state)) {
        next = id;
        break;
      }
    }
    for (const auto& [id, job] : state_->queries) {
      if (HasPendingWork(job->info.state) && (next.empty() || id < next)) {
        next = id;
        break;
      }
    }
  }
  if (next.empty()) return false;
  state_->Step(next);
  return true;
}

size_t BulkService::job_count() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->ingest.size() + state_->queries.size();
}

namespace bulk {

void BulkState::PurgeExpired(Timestamp now) {
  auto sweep = [&](auto& table) {
    for (auto it = table.begin(); it != table.end();) {
      const JobInfo& info = it->second->info;
      if (!HasPendingWork(info.state) && info.modstamp + config.job_retention <= now) {
        it = table.erase(it);
      } else {
        ++it;
      }
    }
  };
  sweep(ingest);
  sweep(queries);
}

void BulkState::Schedule(const SfId& id) {
  if (!config.auto_process) return;
  std::weak_ptr<BulkState> weak = weak_from_this();
  server.server().RunAfter(config.processing_delay, [weak, id] {
    if (std::shared_ptr<BulkState> self = weak.lock()) self->RunChain(id);
  });
}

void BulkState::RunChain(const SfId& id) {
  if (!Step(id)) return;
  std::weak_ptr<BulkState> weak = weak_from_this();
  server.server().Post([weak, id] {
    if (std::shared_ptr<BulkState> self = weak.lock()) self->RunChain(id);
  });
}

bool BulkState::Step(const SfId& id) {
  std::shared_ptr<IngestJob> ingest_job;
  std::shared_ptr<QueryJob> query_job;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = ingest.find(id); it != ingest.end()) ingest_job = it->second;
    if (auto it = queries.find(id); it != queries.end()) query_job = it->second;
  }
  if (ingest_job) return StepIngest(ingest_job);
  if (query_job) return StepQuery(query_job);
  return false;
}

bool BulkState::StepIngest(const std::shared_ptr<IngestJob>& job) {
  const Timestamp now = server.server().Now();
  bool prepared = false;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!HasPendingWork(job->info.state)) return false;
    prepared = job->prepared;
  }
  if (!prepared) {
    // The upload is immutable once the job left Open, so it is checked without any lock.
    SfOr<IngestLayout> layout = PrepareIngest(*job, org.schema());
    std::lock_guard<std::mutex> lock(mu);
    if (!HasPendingWork(job->info.state)) return false;  // aborted or deleted meanwhile
    if (job->prepared) return true;  // a concurrent step (RunStep beside the executor) was first
    job->info.processing_started = now;
    if (!layout.ok()) {
      job->info.error_message = layout.error().message;
      job->info.SetState(JobState::kFailed, now);
      return false;
    }
    job->layout = std::move(*layout);
    job->prepared = true;
    job->next_offset = job->layout.data_offset;
    job->next_record = 1;
    job->next_line = job->layout.data_line;
    job->info.SetState(JobState::kInProgress, now);
    return true;
  }
  auto process = [&](IngestSink sink) {
    std::lock_guard<std::mutex> lock(mu);
    if (!HasPendingWork(job->info.state)) return false;
    ProcessIngestRows(job.get(), config.rows_per_step, sink);
    job->info.processing_millis = (now - job->info.processing_started).ToMilliseconds();
    if (!IngestDone(*job)) return true;
    job->info.SetState(JobState::kJobComplete, now);
    return false;
  };
  IngestSink sink;
  sink.now = now;
  sink.user = job->info.created_by;
  if (job->request.object->is_platform_event()) {
    sink.events = &org.events();  // thread-safe on its own: no session needed
    return process(sink);
  }
  Org::Session session = org.Lock();
  sink.store = &session.store();
  return process(sink);
}

bool BulkState::StepQuery(const std::shared_ptr<QueryJob>& job) {
  const Timestamp now = server.server().Now();
  Org::Session session = org.Lock();
  std::lock_guard<std::mutex> lock(mu);
  if (!HasPendingWork(job->info.state)) return false;
  if (!job->selected) {
    if (SfStatus st = soql::CheckRetained(job->request.bound, session.store()); !st.ok()) {
      job->info.processing_started = now;
      job->info.error_message = st.error().message;  // a count-only object (query_engine.h)
      job->info.SetState(JobState::kFailed, now);
      return false;
    }
    SelectQueryRows(job.get(), session.store());
    job->info.processing_started = now;
    job->info.SetState(JobState::kInProgress, now);
  } else {
    RenderQueryRows(job.get(), session.store(), config.rows_per_step);
  }
  job->info.processing_millis = (now - job->info.processing_started).ToMilliseconds();
  if (!QueryDone(*job)) return true;
  job->info.SetState(JobState::kJobComplete, now);
  return false;
}

bool ResolveCaller(Org& org, const http::Request& request, http::Response& response, SfId* user) {
  SfOr<SfId> caller = CallerUser(org, request);
  if (!caller.ok()) {
    http::WriteSfError(&response, caller.error());
    return false;
  }
  *user = *caller;
  return true;
}

void WriteJobList(const http::Request& request, std::string_view kind, std::string_view job_type,
                  const std::vector<nlohmann::ordered_json>& entries, size_t page_size,
                  http::Response& response) {
  size_t first = 0;
  if (std::optional<std::string_view> locator = request.Query("queryLocator")) {
    size_t value = 0;
    const char* end = locator->data() + locator->size();
    auto [p, ec] = std::from_chars(locator->data(), end, value);
    if (locator->empty() || ec != std::errc() || p != end) {
      return http::WriteSfError(&response,
                                MakeSfError(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
    }
    first = value;
  }
  bool matches = true;
  if (std::optional<std::string_view> type = request.Query("jobType")) matches = *type == job_type;
  if (std::optional<std::string_view> mode = request.Query("concurrencyMode")) {
    matches = matches && *mode == "Parallel";
  }
  const size_t total = matches ? entries.size() : 0;
  first = std::min(first, total);
  const size_t end = total - first > page_size ? first + page_size : total;
  nlohmann::ordered_json body;
  body["done"] = end == total;
  body["records"] = nlohmann::ordered_json::array();
  for (size_t i = first; i < end; ++i) body["records"].push_back(entries[i]);
  if (end == total) {
    body["nextRecordsUrl"] = nullptr;
  } else {
    body["nextRecordsUrl"] = "/services/data/v" + std::string(request.api_version()) + "/jobs/" +
                             std::string(kind) + "?queryLocator=" + std::to_string(end);
  }
  response.SetJson(200, body);
}

}  // namespace bulk
}  // namespace recoup::sim::org::rest
