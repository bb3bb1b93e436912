// bulk_service.h: the query job routes (/services/data/vXX.X/jobs/query...).
#include <charconv>
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

constexpr char kBase[] = "/services/data/v{version}/jobs/query";

// The job with the id text `id_text`, with mu held. Writes 404 and returns null when there is none.
std::shared_ptr<QueryJob> FindJob(BulkState& s, std::string_view id_text, Response& res) {
  return bulk::FindJob(s.queries, id_text, res);
}

void Create(BulkState& s, const Request& req, Response& res) {
  SfId user;
  if (!ResolveCaller(s.org, req, res, &user)) return;
  SfOr<nlohmann::json> body = http::ParseJsonBody(req);
  if (!body.ok()) return http::WriteSfError(&res, body.error());
  // Parsing and binding read only the (immutable) schema: no session needed.
  SfOr<QueryJobRequest> parsed = ParseQueryJobRequest(*body, s.org.schema(), req.now());
  if (!parsed.ok()) return http::WriteSfError(&res, parsed.error());
  auto job = std::make_shared<QueryJob>();
  job->request = std::move(*parsed);
  job->info.api_version = std::string(req.api_version());
  job->info.created_by = user;
  job->info.created = req.now();
  job->info.modstamp = req.now();
  job->info.state = JobState::kUploadComplete;
  job->info.delimiter = job->request.csv.delimiter;
  job->info.line_ending = job->request.csv.line_ending;
  nlohmann::ordered_json out;
  SfId id;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    id = s.NewJobId();
    job->info.id = id;
    s.queries[id] = job;
    out = QueryJobJson(*job, false);
  }
  s.Schedule(id);
  res.SetJson(200, out);
}

void List(BulkState& s, const Request& req, Response& res) {
  std::vector<nlohmann::ordered_json> entries;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    for (const auto& [id, job] : s.queries) entries.push_back(QueryJobListEntry(*job));
  }
  WriteJobList(req, "query", "V2Query", entries, s.config.list_page_size, res);
}

void GetJob(BulkState& s, std::string_view id_text, const Request& req, Response& res) {
  nlohmann::ordered_json out;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<QueryJob> job = FindJob(s, id_text, res);
    if (!job) return;
    out = QueryJobJson(*job, true);
  }
  res.SetJson(200, out);
}

void Patch(BulkState& s, const Request& req, Response& res) {
  SfOr<nlohmann::json> body = http::ParseJsonBody(req);
  if (!body.ok()) return http::WriteSfError(&res, body.error());
  SfStatus members = CheckMembers(*body, {"state"});
  if (!members.ok()) return http::WriteSfError(&res, members.error());
  bool present = false;
  SfOr<std::string> state = ReadStringMember(*body, "state", &present);
  if (!state.ok()) return http::WriteSfError(&res, state.error());
  if (!present) return http::WriteSfError(&res, InvalidJobStateError("A job update needs a state"));
  nlohmann::ordered_json out;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<QueryJob> job = FindJob(s, req.PathParam("jobId"), res);
    if (!job) return;
    if (*state != "Aborted") {
      return http::WriteSfError(&res,
                                InvalidJobStateError("Invalid state: " + *state +
                                                     ". A query job can only be set to Aborted"));
    }
    if (!HasPendingWork(job->info.state)) {
      return http::WriteSfError(
          &res, InvalidJobStateError("Job " + job->info.id.ToLong() +
                                     " cannot move to state Aborted: its state is " +
                                     std::string(JobStateName(job->info.state))));
    }
    job->info.SetState(JobState::kAborted, req.now());
    out = QueryJobJson(*job, false);
  }
  res.SetJson(200, out);
}

void Delete(BulkState& s, const Request& req, Response& res) {
  std::lock_guard<std::mutex> lock(s.mu);
  s.PurgeExpired(req.now());
  std::shared_ptr<QueryJob> job = FindJob(s, req.PathParam("jobId"), res);
  if (!job) return;
  if (job->info.state == JobState::kInProgress) {
    return http::WriteSfError(
        &res, InvalidJobStateError("Job " + job->info.id.ToLong() +
                                   " cannot be deleted: its state is InProgress (deletable: "
                                   "UploadComplete, JobComplete, Aborted, Failed)"));
  }
  job->info.SetState(JobState::kAborted, req.now());
  s.queries.erase(job->info.id);
  res.SetNoBody(204);
}

// maxRecords: a positive integer, or the configured default when absent.
bool ReadMaxRecords(const BulkState& s, const Request& req, Response& res, size_t* max) {
  *max = s.config.default_max_records;
  std::optional<std::string_view> text = req.Query("maxRecords");
  if (!text) return true;
  size_t value = 0;
  const char* end = text->data() + text->size();
  auto [p, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec != std::errc() || p != end || value == 0) {
    http::WriteSfError(&res, MakeSfError(400, "API_ERROR",
                                         "maxRecords must be a positive integer, got '" +
                                             std::string(*text) + "'"));
    return false;
  }
  *max = value;
  return true;
}

void Results(BulkState& s, std::string_view id_text, const Request& req, Response& res) {
  size_t max = 0;
  if (!ReadMaxRecords(s, req, res, &max)) return;
  QueryResultPage page;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.PurgeExpired(req.now());
    std::shared_ptr<QueryJob> job = FindJob(s, id_text, res);
    if (!job) return;
    if (job->info.state != JobState::kJobComplete) {
      return http::WriteSfError(&res,
                                InvalidJobStateError("Job " + job->info.id.ToLong() +
                                                     " has no results yet: its state is " +
                                                     std::string(JobStateName(job->info.state))));
    }
    size_t first = 0;
    std::optional<std::string_view> locator = req.Query("locator");
    if (locator && !locator->empty() && *locator != "null") {
      std::optional<size_t> index = DecodeLocator(*locator, job->rendered());
      if (!index) {
        return http::WriteSfError(
            &res, MakeSfError(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
      }
      first = *index;
    }
    page = QueryResultsPage(*job, first, max);
  }
  res.SetBody(200, http::kCsvContentType, page.csv);
  res.AddHeader("Sforce-Locator", page.locator);
  res.AddHeader("Sforce-NumberOfRecords", std::to_string(page.records));
}

// GET .../jobs/query/{path...}: what the routes with captures did not match, such as jsforce's
// ".../jobs/query//<id>/results?locator=..." (an empty segment before the id). Repeated slashes are
// read as one; "<id>" and "<id>/results" are served, anything else is 404.
void Fallback(BulkState& s, const Request& req, Response& res) {
  std::vector<std::string_view> parts;
  std::string_view path = req.PathParam("path");
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) parts.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  if (parts.size() == 1) return GetJob(s, parts[0], req, res);
  if (parts.size() == 2 && parts[1] == "results") return Results(s, parts[0], req, res);
  http::WriteSfError(&res, http::ResourceNotFoundError());
}

}  // namespace

Status BulkState::AddQueryRoutes() {
  http::Router& router = server.router();
  std::shared_ptr<BulkState> self = shared_from_this();
  const std::string base = kBase;
  const std::string job = base + "/{jobId}";
  auto bind = [self](void (*fn)(BulkState&, const Request&, Response&)) {
    return [self, fn](const Request& req, Response& res) { fn(*self, req, res); };
  };
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPost, base, bind(&Create)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base, bind(&List)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, job, [self](const Request& req, Response& res) {
    GetJob(*self, req.PathParam("jobId"), req, res);
  }));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPatch, job, bind(&Patch)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kDelete, job, bind(&Delete)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, job + "/results", [self](const Request& req, Response& res) {
        Results(*self, req.PathParam("jobId"), req, res);
      }));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + "/{path...}", bind(&Fallback)));
  return OkStatus();
}

}  // namespace recoup::sim::org::rest::bulk
