// ingest_job.h: creation bodies, job JSON, the upload check and the result files.
#include "sim/org/rest/bulk/ingest_job.h"

#include <algorithm>
#include <utility>

namespace recoup::sim::org::rest::bulk {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::optional<IngestOperation> ParseOperation(std::string_view name) {
  for (IngestOperation op :
       {IngestOperation::kInsert, IngestOperation::kUpdate, IngestOperation::kUpsert,
        IngestOperation::kDelete, IngestOperation::kHardDelete}) {
    if (IngestOperationName(op) == name) return op;
  }
  return std::nullopt;
}

std::string CsvErrorMessage(const CsvError& error, LineEnding ending) {
  if (error.kind == CsvError::Kind::kLineEnding) {
    return "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is " +
           std::string(LineEndingName(ending));
  }
  return "InvalidBatch : Failed to parse CSV: " + error.message + " in record " +
         std::to_string(error.record) + " (line " + std::to_string(error.line) + ")";
}

// The result file: `"sf__Id","<second>",<header>` then the rows.
std::string ResultsCsv(const IngestJob& job, std::string_view second, const std::string& rows) {
  const char d = DelimiterChar(job.info.delimiter);
  std::string out;
  out.reserve(rows.size() + 64);
  AppendCsvCell("sf__Id", d, true, &out);
  out.push_back(d);
  AppendCsvCell(second, d, true, &out);
  for (const std::string& cell : job.layout.header) {
    out.push_back(d);
    AppendCsvCell(cell, d, false, &out);
  }
  out.append(LineEndingText(job.info.line_ending));
  out.append(rows);
  return out;
}

}  // namespace

std::string_view IngestOperationName(IngestOperation op) {
  switch (op) {
    case IngestOperation::kInsert:
      return "insert";
    case IngestOperation::kUpdate:
      return "update";
    case IngestOperation::kUpsert:
      return "upsert";
    case IngestOperation::kDelete:
      return "delete";
    case IngestOperation::kHardDelete:
      return "hardDelete";
  }
  return "insert";
}

SfOr<IngestJobRequest> ParseIngestJobRequest(const nlohmann::json& body, const Schema& schema,
                                             const RecordStore& store) {
  SfStatus members =
      CheckMembers(body, {"object", "operation", "externalIdFieldName", "contentType",
                          "columnDelimiter", "lineEnding", "assignmentRuleId"});
  if (!members.ok()) return members.error();
  bool has_object = false;
  bool has_operation = false;
  bool has_ext = false;
  bool has_rule = false;
  SfOr<std::string> object = ReadStringMember(body, "object", &has_object);
  if (!object.ok()) return object.error();
  SfOr<std::string> operation = ReadStringMember(body, "operation", &has_operation);
  if (!operation.ok()) return operation.error();
  SfOr<std::string> ext = ReadStringMember(body, "externalIdFieldName", &has_ext);
  if (!ext.ok()) return ext.error();
  SfOr<std::string> rule = ReadStringMember(body, "assignmentRuleId", &has_rule);
  if (!rule.ok()) return rule.error();
  std::optional<IngestOperation> op;
  if (has_operation) {
    op = ParseOperation(*operation);
    if (!op) {
      return BulkJsonError("Invalid value for \"operation\": \"" + *operation +
                           "\"; expected one of insert, update, upsert, delete, hardDelete");
    }
  }
  SfOr<CsvOptions> csv = ReadCsvOptions(body);
  if (!csv.ok()) return csv.error();
  if (!has_object || object->empty()) return InvalidJobError("Object is required");
  if (!op) return InvalidJobError("Operation is required");
  if (*op == IngestOperation::kHardDelete) {
    return MakeSfError(400, "FEATURENOTENABLED",
                       "hardDelete operation requires special user profile permission, please "
                       "contact your system administrator");
  }
  IngestJobRequest request;
  request.object = schema.FindObject(*object);
  if (request.object == nullptr) return InvalidJobError("Unable to find object: " + *object);
  request.operation = *op;
  request.csv = *csv;
  request.assignment_rule_id = *rule;
  const std::string& name = request.object->name();
  if (request.object->is_platform_event() && *op != IngestOperation::kInsert) {
    return InvalidJobError("Operation " + std::string(IngestOperationName(*op)) +
                           " is not supported for platform event " + name + ": only insert");
  }
  if (*op == IngestOperation::kUpsert) {
    if (ext->empty()) {
      return InvalidJobError("External ID was blank for " + name +
                             ". An External ID must be specified for upsert.");
    }
    SfOr<const FieldDef*> field = store.ResolveExternalIdField(*request.object, *ext);
    if (!field.ok()) {
      return InvalidJobError(
          "Field name provided, " + *ext +
          " does not match an External ID, Salesforce Id, or indexed field for " + name);
    }
    request.external_id_field = *field;
  }
  return request;
}

nlohmann::ordered_json IngestJobJson(const IngestJob& job, bool full) {
  const IngestJobRequest& r = job.request;
  nlohmann::ordered_json out;
  AppendJobHead(job.info, IngestOperationName(r.operation), r.object->name(), &out);
  if (r.external_id_field != nullptr) out["externalIdFieldName"] = r.external_id_field->name;
  if (!r.assignment_rule_id.empty()) out["assignmentRuleId"] = r.assignment_rule_id;
  out["concurrencyMode"] = "Parallel";
  out["contentType"] = "CSV";
  out["apiVersion"] = ApiVersionNumber(job.info.api_version);
  if (full) out["jobType"] = "V2Ingest";
  out["contentUrl"] = "services/data/v" + job.info.api_version + "/jobs/ingest/" +
                      job.info.id.ToLong() + "/batches";
  out["lineEnding"] = LineEndingName(job.info.line_ending);
  out["columnDelimiter"] = ColumnDelimiterName(job.info.delimiter);
  if (!full) return out;
  out["numberRecordsProcessed"] = job.info.records_processed;
  out["numberRecordsFailed"] = job.records_failed;
  out["retries"] = 0;
  out["totalProcessingTime"] = job.info.processing_millis;
  out["apiActiveProcessingTime"] = job.info.processing_millis;
  out["apexProcessingTime"] = 0;
  if (job.info.state == JobState::kFailed) out["errorMessage"] = job.info.error_message;
  return out;
}

nlohmann::ordered_json IngestJobListEntry(const IngestJob& job) {
  const IngestJobRequest& r = job.request;
  nlohmann::ordered_json out;
  AppendJobHead(job.info, IngestOperationName(r.operation), r.object->name(), &out);
  if (r.external_id_field != nullptr) out["externalIdFieldName"] = r.external_id_field->name;
  out["concurrencyMode"] = "Parallel";
  out["contentType"] = "CSV";
  out["apiVersion"] = ApiVersionNumber(job.info.api_version);
  out["jobType"] = "V2Ingest";
  out["lineEnding"] = LineEndingName(job.info.line_ending);
  out["columnDelimiter"] = ColumnDelimiterName(job.info.delimiter);
  return out;
}

SfOr<IngestLayout> PrepareIngest(const IngestJob& job, const Schema& schema) {
  auto fail = [](std::string message) {
    return MakeSfError(400, "InvalidBatch", std::move(message));
  };
  if (job.uploads == 0) return fail("InvalidBatch : No data was uploaded for this job");
  CsvReader reader(job.data, job.info.delimiter, job.info.line_ending);
  IngestLayout layout;
  const size_t header_start = job.data.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  if (!reader.Next(&layout.header)) {
    if (reader.error()) return fail(CsvErrorMessage(*reader.error(), job.info.line_ending));
    return fail("InvalidBatch : The uploaded data has no header row");
  }
  // The header record's bytes (blank lines before it dropped): from its first cell to its end.
  size_t first = header_start;
  while (first < reader.offset() && (job.data[first] == '\r' || job.data[first] == '\n')) ++first;
  layout.raw_header = job.data.substr(first, reader.offset() - first);
  const ObjectDef& object = *job.request.object;
  const IngestOperation op = job.request.operation;
  for (const std::string& cell : layout.header) {
    SfOr<CsvColumn> column = ResolveCsvColumn(object, schema, cell);
    if (!column.ok()) return fail("InvalidBatch : Field name not found : " + cell);
    for (const CsvColumn& seen : layout.columns) {
      if (seen.field == column->field) return fail("InvalidBatch : Duplicate field name: " + cell);
    }
    layout.columns.push_back(*column);
  }
  const FieldDef* key = nullptr;
  if (op == IngestOperation::kUpdate || op == IngestOperation::kDelete) {
    key = object.FindField("Id");
  } else if (op == IngestOperation::kUpsert) {
    key = job.request.external_id_field;
  }
  if (key != nullptr) {
    for (size_t i = 0; i < layout.columns.size(); ++i) {
      if (layout.columns[i].field == key && layout.columns[i].foreign_key_field == nullptr) {
        layout.key_column = static_cast<int>(i);
      }
    }
    if (layout.key_column < 0) return fail("InvalidBatch : Field name not found : " + key->name);
  }
  if (op == IngestOperation::kDelete && layout.columns.size() != 1) {
    return fail("InvalidBatch : The 'delete' batch must contain only ids");
  }
  layout.data_offset = reader.offset();
  layout.data_line = reader.line();
  std::vector<std::string> cells;
  while (reader.Next(&cells)) {
    if (cells.size() != layout.header.size()) {
      return fail("InvalidBatch : Wrong number of columns in record " +
                  std::to_string(reader.records_read() - 1) + " (line " +
                  std::to_string(reader.record_line()) + "): expected " +
                  std::to_string(layout.header.size()) + ", found " + std::to_string(cells.size()));
    }
    ++layout.total_records;
  }
  if (reader.error()) return fail(CsvErrorMessage(*reader.error(), job.info.line_ending));
  return layout;
}

std::string SuccessfulResultsCsv(const IngestJob& job) {
  return ResultsCsv(job, "sf__Created", job.successful_rows);
}

std::string FailedResultsCsv(const IngestJob& job) {
  return ResultsCsv(job, "sf__Error", job.failed_rows);
}

std::string UnprocessedRecordsCsv(const IngestJob& job) {
  if (!job.prepared) {
    const size_t start = job.data.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    return job.data.substr(start);
  }
  std::string out = job.layout.raw_header;
  if (job.next_offset < job.data.size()) out.append(job.data, job.next_offset);
  return out;
}

std::string FormatRowError(const SfError& error) {
  std::string out = error.error_code + ":" + error.message + ":";
  if (error.fields.empty()) return out + "--";
  for (size_t i = 0; i < error.fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(error.fields[i]);
  }
  return out + " --";
}

}  // namespace recoup::sim::org::rest::bulk
