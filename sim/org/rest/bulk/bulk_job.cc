// bulk_job.h: job states, shared options, JSON heads and errors.
#include "sim/org/rest/bulk/bulk_job.h"

#include <charconv>

#include "sim/org/http/clock.h"
#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::rest::bulk {

std::string_view JobStateName(JobState state) {
  switch (state) {
    case JobState::kOpen:
      return "Open";
    case JobState::kUploadComplete:
      return "UploadComplete";
    case JobState::kInProgress:
      return "InProgress";
    case JobState::kJobComplete:
      return "JobComplete";
    case JobState::kFailed:
      return "Failed";
    case JobState::kAborted:
      return "Aborted";
  }
  return "Open";
}

SfError JobNotFoundError() { return http::ResourceNotFoundError(); }

SfError InvalidJobStateError(std::string message) {
  return MakeSfError(400, "INVALIDJOBSTATE", std::move(message));
}

SfError InvalidJobError(std::string message) {
  return MakeSfError(400, "INVALIDJOB", std::move(message));
}

SfError BulkJsonError(std::string message) {
  return MakeSfError(400, "JSON_PARSER_ERROR", std::move(message));
}

SfStatus CheckMembers(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) {
  if (!body.is_object()) return BulkJsonError("Expected a JSON object for the job");
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool known = false;
    for (std::string_view name : allowed) known = known || it.key() == name;
    if (!known) return BulkJsonError("Unrecognized field \"" + it.key() + "\"");
  }
  return {};
}

SfOr<std::string> ReadStringMember(const nlohmann::json& body, std::string_view name,
                                   bool* present) {
  *present = false;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    return BulkJsonError("Invalid value for \"" + std::string(name) +
                         "\": expected a string, got " + it->dump());
  }
  *present = true;
  return it->get<std::string>();
}

SfOr<CsvOptions> ReadCsvOptions(const nlohmann::json& body) {
  CsvOptions options;
  bool present = false;
  SfOr<std::string> content_type = ReadStringMember(body, "contentType", &present);
  if (!content_type.ok()) return content_type.error();
  if (present && *content_type != "CSV") {
    return BulkJsonError("Invalid value for \"contentType\": \"" + *content_type +
                         "\"; the only content type is CSV");
  }
  SfOr<std::string> delimiter = ReadStringMember(body, "columnDelimiter", &present);
  if (!delimiter.ok()) return delimiter.error();
  if (present) {
    std::optional<ColumnDelimiter> d = ParseColumnDelimiter(*delimiter);
    if (!d) {
      return BulkJsonError("Invalid value for \"columnDelimiter\": \"" + *delimiter +
                           "\"; expected one of BACKQUOTE, CARET, COMMA, PIPE, SEMICOLON, TAB");
    }
    options.delimiter = *d;
  }
  SfOr<std::string> ending = ReadStringMember(body, "lineEnding", &present);
  if (!ending.ok()) return ending.error();
  if (present) {
    std::optional<LineEnding> e = ParseLineEnding(*ending);
    if (!e) {
      return BulkJsonError("Invalid value for \"lineEnding\": \"" + *ending +
                           "\"; expected one of LF, CRLF");
    }
    options.line_ending = *e;
  }
  return options;
}

void AppendJobHead(const JobInfo& info, std::string_view operation, std::string_view object,
                   nlohmann::ordered_json* out) {
  (*out)["id"] = info.id.ToLong();
  (*out)["operation"] = operation;
  (*out)["object"] = object;
  (*out)["createdById"] = info.created_by.ToLong();
  (*out)["createdDate"] = http::FormatSalesforceDateTime(info.created);
  (*out)["systemModstamp"] = http::FormatSalesforceDateTime(info.modstamp);
  (*out)["state"] = JobStateName(info.state);
}

double ApiVersionNumber(std::string_view version) {
  int major = 0;
  int minor = 0;
  const char* end = version.data() + version.size();
  auto [p, ec] = std::from_chars(version.data(), end, major);
  if (ec == std::errc() && p != end && *p == '.') std::from_chars(p + 1, end, minor);
  return major + minor / 10.0;
}

SfOr<SfId> ParseJobId(std::string_view text) {
  SfOr<SfId> id = ParseId(text);
  if (!id.ok() || id->key_prefix() != kJobKeyPrefix) return JobNotFoundError();
  return *id;
}

}  // namespace recoup::sim::org::rest::bulk
