// What every Bulk API 2.0 job of the mock org has, ingest or query (reference/salesforce-api.md
// section 4): the job states, the common job-info members, the JSON members both kinds render,
// the job-creation options they share (contentType, columnDelimiter, lineEnding), and the errors
// the Bulk endpoints answer with.
//
// Job ids are SfId::Generate("750", serial) (Salesforce's key prefix for jobs), one serial
// sequence for ingest and query jobs of a BulkService, so ids follow creation order.
#ifndef RECOUP_SIM_ORG_REST_BULK_BULK_JOB_H_
#define RECOUP_SIM_ORG_REST_BULK_BULK_JOB_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/time.h"
#include "sim/org/ids.h"
#include "sim/org/rest/bulk/csv.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest::bulk {

inline constexpr std::string_view kJobKeyPrefix = "750";

// Open -> UploadComplete -> InProgress -> JobComplete | Failed; Aborted from Open, UploadComplete
// or InProgress. Query jobs start at UploadComplete.
enum class JobState : uint8_t {
  kOpen,
  kUploadComplete,
  kInProgress,
  kJobComplete,
  kFailed,
  kAborted
};

// "Open", "UploadComplete", "InProgress", "JobComplete", "Failed", "Aborted".
std::string_view JobStateName(JobState state);
// True for UploadComplete and InProgress: processing steps remain to run.
inline bool HasPendingWork(JobState s) {
  return s == JobState::kUploadComplete || s == JobState::kInProgress;
}

// The members every job has. Times come from the server's injected clock.
struct JobInfo {
  SfId id;
  std::string api_version;  // "62.0": the version of the path the job was created with
  SfId created_by;
  Timestamp created;
  Timestamp modstamp;  // systemModstamp: the last state change
  JobState state = JobState::kOpen;
  ColumnDelimiter delimiter = ColumnDelimiter::kComma;
  LineEnding line_ending = LineEnding::kLf;
  std::string error_message;  // Failed jobs
  Timestamp processing_started;
  int64_t processing_millis = 0;  // totalProcessingTime: first step to the end, by the clock
  int64_t records_processed = 0;

  // Moves to `state` at `now` (systemModstamp).
  void SetState(JobState s, Timestamp now) {
    state = s;
    modstamp = now;
  }
};

// The options both job kinds accept in their creation body, checked as Salesforce's enums are
// (exact, case-sensitive names).
struct CsvOptions {
  ColumnDelimiter delimiter = ColumnDelimiter::kComma;
  LineEnding line_ending = LineEnding::kLf;
};
// Reads "contentType" (only "CSV"), "columnDelimiter" and "lineEnding" from `body` when present.
// JSON_PARSER_ERROR (400) for a member that is not a string or not one of the allowed values,
// naming the member and the allowed values.
SfOr<CsvOptions> ReadCsvOptions(const nlohmann::json& body);

// The string member `name` of `body`: nullopt-like empty result when absent (*present = false),
// JSON_PARSER_ERROR when it is not a string.
SfOr<std::string> ReadStringMember(const nlohmann::json& body, std::string_view name,
                                   bool* present);
// JSON_PARSER_ERROR 'Unrecognized field "<name>"' for the first member of `body` (an object) not in
// `allowed`; `body` not an object gives JSON_PARSER_ERROR "Expected a JSON object for the job".
SfStatus CheckMembers(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

// Appends the members id .. systemModstamp, state (the head every job JSON starts with).
void AppendJobHead(const JobInfo& info, std::string_view operation, std::string_view object,
                   nlohmann::ordered_json* out);
// "62.0" -> 62.0 (apiVersion is a JSON number).
double ApiVersionNumber(std::string_view version);

// ---- Errors.
// 404 NOT_FOUND "The requested resource does not exist" (unknown, malformed or deleted job id).
SfError JobNotFoundError();
// 400 INVALIDJOBSTATE with `message` (a state change or upload the job's state does not allow).
SfError InvalidJobStateError(std::string message);
// 400 INVALIDJOB with `message` (a job-creation body Salesforce refuses).
SfError InvalidJobError(std::string message);
// 400 JSON_PARSER_ERROR with `message`.
SfError BulkJsonError(std::string message);

// The job id of a path segment: a 15/18-character Id with key prefix 750, or JobNotFoundError.
SfOr<SfId> ParseJobId(std::string_view text);

}  // namespace recoup::sim::org::rest::bulk

#endif  // RECOUP_SIM_ORG_REST_BULK_BULK_JOB_H_
