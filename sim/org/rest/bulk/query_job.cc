// query_job.h: query job bodies, the SOQL they run, and their CSV result pages.
#include "sim/org/rest/bulk/query_job.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

#include "sim/org/http/base64.h"
#include "sim/org/soql/executor.h"
#include "sim/org/soql/parser.h"
#include "sim/org/value.h"

namespace recoup::sim::org::rest::bulk {
namespace {

SfError NotInBulk(std::string what) {
  return MakeSfError(400, "FUNCTIONALITY_NOT_ENABLED",
                     what + " not supported in Bulk API 2.0 query jobs");
}

// The column of a SELECT path the binder accepted: the same resolution as the binder's, with the
// schema's spelling of every name.
QueryColumn ResolveColumn(const soql::FieldPath& path, const ObjectDef& base,
                          const Schema& schema) {
  QueryColumn column;
  const ObjectDef* object = &base;
  for (size_t i = 0; i + 1 < path.parts.size(); ++i) {
    const FieldDef* hop = object->FindFieldByRelationship(path.parts[i]);
    column.path.hops.push_back(hop);
    column.name += hop->relationship_name + ".";
    object = &schema.object(hop->reference_object_index);
  }
  column.path.field = object->FindField(path.parts.back());
  column.path.object = object;
  column.path.text = path.ToString();
  column.name += column.path.field->name;
  return column;
}

}  // namespace

SfOr<QueryJobRequest> ParseQueryJobRequest(const nlohmann::json& body, const Schema& schema,
                                           Timestamp now) {
  SfStatus members =
      CheckMembers(body, {"operation", "query", "contentType", "columnDelimiter", "lineEnding"});
  if (!members.ok()) return members.error();
  bool has_operation = false;
  bool has_query = false;
  SfOr<std::string> operation = ReadStringMember(body, "operation", &has_operation);
  if (!operation.ok()) return operation.error();
  SfOr<std::string> soql = ReadStringMember(body, "query", &has_query);
  if (!soql.ok()) return soql.error();
  if (has_operation && *operation != "query" && *operation != "queryAll") {
    return BulkJsonError("Invalid value for \"operation\": \"" + *operation +
                         "\"; expected one of query, queryAll");
  }
  SfOr<CsvOptions> csv = ReadCsvOptions(body);
  if (!csv.ok()) return csv.error();
  if (!has_operation) return InvalidJobError("Operation is required");
  if (!has_query || soql->empty()) return InvalidJobError("Query is required");
  SfOr<soql::Query> parsed = soql::ParseSoql(*soql);
  if (!parsed.ok()) return parsed.error();
  soql::BindContext context;
  context.dates.now = now;
  SfOr<soql::BoundQuery> bound = soql::Bind(*parsed, schema, context);
  if (!bound.ok()) return bound.error();
  if (!parsed->subqueries.empty()) {
    return NotInBulk("Nested queries (child relationship subqueries) are");
  }
  if (parsed->count) return NotInBulk("COUNT() is");
  if (parsed->offset.has_value()) return NotInBulk("OFFSET is");
  QueryJobRequest request;
  request.all_rows = *operation == "queryAll";
  request.soql = std::move(*soql);
  request.csv = *csv;
  for (const soql::SelectItem& item : parsed->select) {
    request.columns.push_back(ResolveColumn(item.field, *bound->object, schema));
  }
  request.bound = std::move(*bound);
  return request;
}

nlohmann::ordered_json QueryJobJson(const QueryJob& job, bool full) {
  nlohmann::ordered_json out;
  AppendJobHead(job.info, job.request.all_rows ? "queryAll" : "query",
                job.request.bound.object->name(), &out);
  out["concurrencyMode"] = "Parallel";
  out["contentType"] = "CSV";
  out["apiVersion"] = ApiVersionNumber(job.info.api_version);
  if (full) out["jobType"] = "V2Query";
  out["lineEnding"] = LineEndingName(job.info.line_ending);
  out["columnDelimiter"] = ColumnDelimiterName(job.info.delimiter);
  if (!full) return out;
  out["numberRecordsProcessed"] = job.info.records_processed;
  out["retries"] = 0;
  out["totalProcessingTime"] = job.info.processing_millis;
  out["isPkChunkingSupported"] = true;
  if (job.info.state == JobState::kFailed) out["errorMessage"] = job.info.error_message;
  return out;
}

nlohmann::ordered_json QueryJobListEntry(const QueryJob& job) {
  nlohmann::ordered_json out;
  AppendJobHead(job.info, job.request.all_rows ? "queryAll" : "query",
                job.request.bound.object->name(), &out);
  out["concurrencyMode"] = "Parallel";
  out["contentType"] = "CSV";
  out["apiVersion"] = ApiVersionNumber(job.info.api_version);
  out["jobType"] = "V2Query";
  out["lineEnding"] = LineEndingName(job.info.line_ending);
  out["columnDelimiter"] = ColumnDelimiterName(job.info.delimiter);
  return out;
}

void SelectQueryRows(QueryJob* job, const RecordStore& store) {
  job->rows = soql::SelectRows(job->request.bound, store, job->request.all_rows, nullptr);
  job->selected = true;
}

size_t RenderQueryRows(QueryJob* job, const RecordStore& store, size_t max_rows) {
  const char d = DelimiterChar(job->info.delimiter);
  const std::string_view ending = LineEndingText(job->info.line_ending);
  const ObjectDef& base = *job->request.bound.object;
  const RowIndex live_rows = store.row_count(base);
  std::string cell;
  size_t done = 0;
  while (done < max_rows && job->rendered() < job->rows.size()) {
    const RowIndex row = job->rows[job->rendered()];
    bool first = true;
    for (const QueryColumn& column : job->request.columns) {
      if (!first) job->results.push_back(d);
      first = false;
      cell.clear();
      // Rows never disappear once selected (rollbacks only pop rows created after the select); the
      // bound check only guards that invariant.
      if (row < live_rows) {
        AppendValueCsv(soql::ValueAt(column.path, store, base, row, job->request.all_rows), &cell);
      }
      AppendCsvCell(cell, d, true, &job->results);
    }
    job->results.append(ending);
    job->row_offsets.push_back(job->results.size());
    ++job->info.records_processed;
    ++done;
  }
  return done;
}

QueryResultPage QueryResultsPage(const QueryJob& job, size_t first, size_t max_rows) {
  QueryResultPage page;
  const char d = DelimiterChar(job.info.delimiter);
  bool head = true;
  for (const QueryColumn& column : job.request.columns) {
    if (!head) page.csv.push_back(d);
    head = false;
    AppendCsvCell(column.name, d, true, &page.csv);
  }
  page.csv.append(LineEndingText(job.info.line_ending));
  const size_t total = job.rendered();
  first = std::min(first, total);
  const size_t end = total - first > max_rows ? first + max_rows : total;
  page.csv.append(job.results, job.row_offsets[first],
                  job.row_offsets[end] - job.row_offsets[first]);
  page.records = end - first;
  page.locator = end < total ? EncodeLocator(end) : "null";
  return page;
}

std::string EncodeLocator(size_t index) {
  std::string text = http::Base64Encode(std::to_string(index));
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<size_t> DecodeLocator(std::string_view locator, size_t total) {
  std::string padded(locator);
  while (padded.size() % 4 != 0) padded.push_back('=');
  std::optional<std::string> digits = http::Base64Decode(padded);
  if (!digits || digits->empty() || digits->size() > 19) return std::nullopt;
  size_t index = 0;
  const char* end = digits->data() + digits->size();
  auto [p, ec] = std::from_chars(digits->data(), end, index);
  if (ec != std::errc() || p != end || index > total) return std::nullopt;
  return index;
}

}  // namespace recoup::sim::org::rest::bulk
