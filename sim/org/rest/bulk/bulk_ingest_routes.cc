// bulk_service.h: the ingest job routes (/services/data/vXX.X/jobs/ingest...).
#include <string>
#include <utility>
#include <vector>

#include "sim/org/http/sf_http_errors.h"
#include "sim/org/rest/bulk/bulk_state.h"

namespace recoup::sim::org::rest::bulk {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr char kBase[] = "/services/data/v{version}/jobs/ingest";

// The job named by the path, with mu held. Writes 404 and returns null when there is none.
std::shared_ptr<IngestJob> FindJob(BulkState& s, const Request& req, Response& res) {
  return bulk::FindJob(s.ingest, req.PathParam("jobId"), res);
}

void Create(BulkState& s, const Request& req, Response& res) {
  SfId user;
  if (!ResolveCaller(s.org, req, res, &user)) return;
  SfOr<nlohmann::json> body = http::ParseJsonBody(req);
  if (!body.ok()) return http::WriteSfError(&res, body.error());
  SfOr<IngestJobRequest> parsed = [&] {
    Org::Session session = s.org.Lock();
    return ParseIngestJobRequest(*body, s.org.schema(), session.store());
  }();
  if (!parsed.ok()) return http::WriteSfError(&res, parsed.error());
  auto job = std::make_shared<IngestJob>();
  job->request = std::move(*parsed);
  job->info.api_version = std::string(req.api_version());
  job->info.created_by = user;
  job->info.created = req.now();
  job->info.modstamp = req.now();
  job->info.state = JobState::kOpen;
  job->info.delimiter = job->request.csv.delimiter;
  job->info.line_ending = job->request.csv.line_ending;
  nlohmann::ordered_json out;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    job->info.id = s.NewJobId();
    s.ingest[job->info.id] = job;
    out = IngestJobJson(*job, false);
  }
  res.SetJson(200, out);
}

void List(BulkState& s, const Request& req, Response& res) {
  std::vector<nlohmann::ordered_json> entries;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    for (const auto& [id, job] : s.ingest) entries.push_back(IngestJobListEntry(*job));
  }
  WriteJobList(req, "ingest", "V2Ingest", entries, s.config.list_page_size, res);
}

void Get(BulkState& s, const Request& req, Response& res) {
  nlohmann::ordered_json out;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<IngestJob> job = FindJob(s, req, res);
    if (!job) return;
    out = IngestJobJson(*job, true);
  }
  res.SetJson(200, out);
}

// The "state" of a PATCH body ({"state": "..."} and nothing else), or an error response.
bool ReadNewState(const Request& req, Response& res, std::string* state) {
  SfOr<nlohmann::json> body = http::ParseJsonBody(req);
  if (!body.ok()) {
    http::WriteSfError(&res, body.error());
    return false;
  }
  SfStatus members = CheckMembers(*body, {"state"});
  bool present = false;
  SfOr<std::string> value = members.ok() ? ReadStringMember(*body, "state", &present)
                                         : SfOr<std::string>(members.error());
  if (!value.ok()) {
    http::WriteSfError(&res, value.error());
    return false;
  }
  if (!present) {
    http::WriteSfError(&res, InvalidJobStateError("A job update needs a state"));
    return false;
  }
  *state = std::move(*value);
  return true;
}

std::string StateMessage(const JobInfo& info, std::string_view wanted) {
  return "Job " + info.id.ToLong() + " cannot move to state " + std::string(wanted) +
         ": its state is " + std::string(JobStateName(info.state));
}

void Patch(BulkState& s, const Request& req, Response& res) {
  std::string state;
  if (!ReadNewState(req, res, &state)) return;
  nlohmann::ordered_json out;
  bool schedule = false;
  SfId id;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<IngestJob> job = FindJob(s, req, res);
    if (!job) return;
    JobInfo& info = job->info;
    if (state == "UploadComplete") {
      if (info.state != JobState::kOpen) {
        return http::WriteSfError(&res, InvalidJobStateError(StateMessage(info, state)));
      }
      info.SetState(JobState::kUploadComplete, req.now());
      schedule = true;
    } else if (state == "Aborted") {
      if (info.state != JobState::kOpen && !HasPendingWork(info.state)) {
        return http::WriteSfError(&res, InvalidJobStateError(StateMessage(info, state)));
      }
      info.SetState(JobState::kAborted, req.now());
    } else {
      return http::WriteSfError(
          &res, InvalidJobStateError("Invalid state: " + state +
                                     ". An ingest job can be set to UploadComplete or Aborted"));
    }
    id = info.id;
    out = IngestJobJson(*job, false);
  }
  if (schedule) s.Schedule(id);
  res.SetJson(200, out);
}

void Delete(BulkState& s, const Request& req, Response& res) {
  std::lock_guard<std::mutex> lock(s.mu);
  s.PurgeExpired(req.now());
  std::shared_ptr<IngestJob> job = FindJob(s, req, res);
  if (!job) return;
  if (job->info.state == JobState::kOpen || job->info.state == JobState::kInProgress) {
    return http::WriteSfError(
        &res, InvalidJobStateError("Job " + job->info.id.ToLong() +
                                   " cannot be deleted: its state "
                                   "is " +
                                   std::string(JobStateName(job->info.state)) +
                                   " (deletable: UploadComplete, JobComplete, Aborted, Failed)"));
  }
  // An UploadComplete job may have a step scheduled: it finds the job gone (or no longer pending).
  job->info.SetState(JobState::kAborted, req.now());
  s.ingest.erase(job->info.id);
  res.SetNoBody(204);
}

bool IsCsv(const Request& req) {
  std::optional<std::string_view> type = req.Header("Content-Type");
  if (!type) return false;
  std::string_view t = *type;
  const size_t semi = t.find(';');
  if (semi != std::string_view::npos) t = t.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return http::EqualsIgnoreCase(t, "text/csv");
}

// Appends a later upload to a job that allows several: its header must equal the first's.
SfStatus AppendUpload(IngestJob& job, std::string_view body) {
  std::vector<std::string> first;
  std::vector<std::string> next;
  CsvReader first_reader(job.data, job.info.delimiter, job.info.line_ending);
  CsvReader next_reader(body, job.info.delimiter, job.info.line_ending);
  const bool has_first = first_reader.Next(&first);
  const bool has_next = next_reader.Next(&next);
  if (has_next && (!has_first || first != next)) {
    return MakeSfError(400, "INVALIDBATCH",
                       "The header row of this upload differs from the job's first upload");
  }
  if (!has_next) return {};  // nothing but blank lines (or a syntax error the check will report)
  const std::string_view ending = LineEndingText(job.info.line_ending);
  if (!job.data.empty() &&
      (job.data.size() < ending.size() ||
       std::string_view(job.data).substr(job.data.size() - ending.size()) != ending)) {
    job.data.append(ending);
  }
  job.data.append(body.substr(next_reader.offset()));
  return {};
}

void Upload(BulkState& s, const Request& req, Response& res) {
  if (!IsCsv(req)) {
    return http::WriteSfError(
        &res, MakeSfError(415, "UNSUPPORTED_MEDIA_TYPE",
                          "Content-Type '" + std::string(req.Header("Content-Type").value_or("")) +
                              "' is not supported: upload job data as text/csv"));
  }
  std::string data(req.body());  // copied before taking the lock
  std::lock_guard<std::mutex> lock(s.mu);
  s.PurgeExpired(req.now());
  std::shared_ptr<IngestJob> job = FindJob(s, req, res);
  if (!job) return;
  const std::string id = job->info.id.ToLong();
  if (job->info.state != JobState::kOpen) {
    return http::WriteSfError(&res,
                              InvalidJobStateError("Job " + id + " is not Open: its state is " +
                                                   std::string(JobStateName(job->info.state))));
  }
  if (job->uploads == 0) {
    job->data = std::move(data);
  } else if (!s.config.allow_multiple_uploads) {
    return http::WriteSfError(
        &res, InvalidJobStateError("Found multiple contents for job: " + id +
                                   ", please 'Close' / 'Abort' / 'Delete' the current Job then "
                                   "create a new Job and make sure you only do 'PUT' once on a "
                                   "given Job."));
  } else {
    if (job->data.size() + data.size() > s.config.max_upload_bytes) {
      return http::WriteSfError(
          &res, MakeSfError(413, "EXCEEDED_MAX_SIZE_REQUEST",
                            "The job's data exceeds the limit of " +
                                std::to_string(s.config.max_upload_bytes) + " bytes"));
    }
    SfStatus appended = AppendUpload(*job, data);
    if (!appended.ok()) return http::WriteSfError(&res, appended.error());
  }
  ++job->uploads;
  res.SetNoBody(201);
}

enum class ResultKind { kSuccessful, kFailed, kUnprocessed };

void Results(BulkState& s, ResultKind kind, const Request& req, Response& res) {
  std::string csv;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<IngestJob> job = FindJob(s, req, res);
    if (!job) return;
    switch (kind) {
      case ResultKind::kSuccessful:
        csv = SuccessfulResultsCsv(*job);
        break;
      case ResultKind::kFailed:
        csv = FailedResultsCsv(*job);
        break;
      case ResultKind::kUnprocessed:
        csv = UnprocessedRecordsCsv(*job);
        break;
    }
  }
  res.SetBody(200, http::kCsvContentType, csv);
}

}  // namespace

Status BulkState::AddIngestRoutes() {
  http::Router& router = server.router();
  std::shared_ptr<BulkState> self = shared_from_this();
  const std::string base = kBase;
  const std::string job = base + "/{jobId}";
  auto bind = [self](void (*fn)(BulkState&, const Request&, Response&)) {
    return [self, fn](const Request& req, Response& res) { fn(*self, req, res); };
  };
  auto results = [self](ResultKind kind) {
    return [self, kind](const Request& req, Response& res) { Results(*self, kind, req, res); };
  };
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPost, base, bind(&Create)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base, bind(&List)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, job, bind(&Get)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPatch, job, bind(&Patch)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kDelete, job, bind(&Delete)));
  http::RouteOptions upload;
  upload.max_body_bytes = config.max_upload_bytes;
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPut, job + "/batches", bind(&Upload), upload));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, job + "/successfulResults", results(ResultKind::kSuccessful)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, job + "/failedResults", results(ResultKind::kFailed)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, job + "/unprocessedrecords", results(ResultKind::kUnprocessed)));
  return OkStatus();
}

}  // namespace recoup::sim::org::rest::bulk
