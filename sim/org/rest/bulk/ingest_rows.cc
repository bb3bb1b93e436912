// ingest_job.h: ProcessIngestRows, one store write (or event publish) per CSV record.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/rest/bulk/ingest_job.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org::rest::bulk {
namespace {

struct RowOutcome {
  std::string id;  // 18 characters, or the row's own Id text when it did not parse
  bool created = false;
};

// Bulk reports a few store errors under other codes: an Id that names no record of the object is
// INVALID_CROSS_REFERENCE_KEY, and an upsert key matching several records DUPLICATE_EXTERNAL_ID.
SfError ForBulk(SfError error) {
  if (error.error_code == "NOT_FOUND") {
    return MakeSfError(400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
  }
  if (error.error_code == "MULTIPLE_CHOICES") {
    error.error_code = "DUPLICATE_EXTERNAL_ID";
    error.fields.clear();
  }
  return error;
}

// The field assignments of a record, every column but `skip` (-1: none).
SfStatus BuildInput(const IngestLayout& layout, const std::vector<std::string>& cells, int skip,
                    RecordInput* input) {
  input->clear();
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    if (static_cast<int>(i) == skip) continue;
    const CsvColumn& column = layout.columns[i];
    const FieldDef& target =
        column.foreign_key_field != nullptr ? *column.foreign_key_field : *column.field;
    SfOr<std::optional<FieldValue>> value = FieldValueFromCsv(target, cells[i]);
    if (!value.ok()) return value.error();
    if (!value->has_value()) continue;  // empty cell: not set
    FieldValue v = std::move(**value);
    const FieldDef* foreign = v.is_null() ? nullptr : column.foreign_key_field;
    input->push_back(FieldInput{column.field, std::move(v), foreign});
  }
  return {};
}

// The record Id in `cell` of the Id column `field`. MISSING_ARGUMENT `missing` when empty;
// MALFORMED_ID ("<Label>: id value of incorrect type: <cell>") when it is not an Id.
SfOr<SfId> ParseRowId(const FieldDef& field, const std::string& cell, const char* missing) {
  if (cell.empty()) return MakeSfError(400, "MISSING_ARGUMENT", missing);
  return ParseIdForField(cell, field.label, field.name);
}

SfOr<RowOutcome> PublishRow(const IngestJob& job, const std::vector<std::string>& cells,
                            const IngestSink& sink) {
  nlohmann::json payload = nlohmann::json::object();
  const IngestLayout& layout = job.layout;
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    SfOr<std::optional<FieldValue>> value = FieldValueFromCsv(*layout.columns[i].field, cells[i]);
    if (!value.ok()) return value.error();
    if (value->has_value()) payload[layout.columns[i].field->name] = ValueToJson(**value);
  }
  SfOr<events::PublishResult> published =
      sink.events->Publish(events::EventBus::ChannelFor(job.request.object->name()), payload,
                           sink.now, sink.user.ToLong());
  if (!published.ok()) return published.error();
  return RowOutcome{published->id, true};
}

SfOr<RowOutcome> WriteRow(const IngestJob& job, const std::vector<std::string>& cells,
                          const IngestSink& sink, RecordInput* input) {
  if (job.request.object->is_platform_event()) return PublishRow(job, cells, sink);
  const ObjectDef& object = *job.request.object;
  const IngestLayout& layout = job.layout;
  RecordStore& store = *sink.store;
  switch (job.request.operation) {
    case IngestOperation::kInsert: {
      SfStatus built = BuildInput(layout, cells, -1, input);
      if (!built.ok()) return built.error();
      SfOr<SfId> id = store.Create(object, *input, sink.now, sink.user);
      if (!id.ok()) return id.error();
      return RowOutcome{id->ToLong(), true};
    }
    case IngestOperation::kUpdate:
    case IngestOperation::kDelete: {
      const std::string& id_cell = cells[static_cast<size_t>(layout.key_column)];
      const bool update = job.request.operation == IngestOperation::kUpdate;
      SfOr<SfId> id = ParseRowId(
          *layout.columns[static_cast<size_t>(layout.key_column)].field, id_cell,
          update ? "Id not specified in an update call" : "Id not specified in a delete call");
      if (!id.ok()) return id.error();
      SfStatus written;
      if (update) {
        SfStatus built = BuildInput(layout, cells, layout.key_column, input);
        if (!built.ok()) return built.error();
        written = store.Update(object, *id, *input, sink.now, sink.user);
      } else {
        written = store.Delete(object, *id, sink.now, sink.user);
      }
      if (!written.ok()) return written.error();
      return RowOutcome{id->ToLong(), false};
    }
    case IngestOperation::kUpsert: {
      const FieldDef& ext = *job.request.external_id_field;
      const std::string& key_cell = cells[static_cast<size_t>(layout.key_column)];
      FieldValue key;
      if (ext.type == FieldType::kId) {
        if (!key_cell.empty()) {
          SfOr<SfId> id = ParseRowId(ext, key_cell, "");
          if (!id.ok()) return id.error();
          key = FieldValue::Id(*id);
        }
      } else {
        SfOr<std::optional<FieldValue>> value = FieldValueFromCsv(ext, key_cell);
        if (!value.ok()) return value.error();
        if (!value->has_value() || (*value)->is_null()) {
          return MakeSfError(400, "MISSING_ARGUMENT", ext.name + " not specified", {ext.name});
        }
        key = std::move(**value);
      }
      SfStatus built = BuildInput(layout, cells, layout.key_column, input);
      if (!built.ok()) return built.error();
      SfOr<UpsertResult> result = store.Upsert(object, ext, key, *input, sink.now, sink.user);
      if (!result.ok()) return result.error();
      return RowOutcome{result->id.ToLong(), result->created};
    }
    case IngestOperation::kHardDelete:
      break;
  }
  return MakeSfError(400, "FEATURENOTENABLED", "hardDelete is not supported");
}

// The Id a failed row reports: the parsed Id of update/delete rows, "" otherwise.
std::string FailedRowId(const IngestJob& job, const std::vector<std::string>& cells) {
  const IngestOperation op = job.request.operation;
  if (op != IngestOperation::kUpdate && op != IngestOperation::kDelete) return "";
  SfOr<SfId> id = ParseId(cells[static_cast<size_t>(job.layout.key_column)]);
  return id.ok() ? id->ToLong() : "";
}

void AppendResultRow(const IngestJob& job, std::string_view first, std::string_view second,
                     const std::vector<std::string>& cells, std::string* out) {
  const char d = DelimiterChar(job.info.delimiter);
  AppendCsvCell(first, d, true, out);
  out->push_back(d);
  AppendCsvCell(second, d, true, out);
  for (const std::string& cell : cells) {
    out->push_back(d);
    AppendCsvCell(cell, d, true, out);
  }
  out->append(LineEndingText(job.info.line_ending));
}

}  // namespace

size_t ProcessIngestRows(IngestJob* job, size_t max_records, const IngestSink& sink) {
  if (!job->prepared) return 0;
  CsvReader reader(job->data, job->info.delimiter, job->info.line_ending);
  reader.Seek(job->next_offset, job->next_record, job->next_line);
  std::vector<std::string> cells;
  RecordInput input;
  size_t done = 0;
  while (done < max_records && reader.Next(&cells)) {
    SfOr<RowOutcome> outcome = WriteRow(*job, cells, sink, &input);
    if (outcome.ok()) {
      AppendResultRow(*job, outcome->id, outcome->created ? "true" : "false", cells,
                      &job->successful_rows);
    } else {
      AppendResultRow(*job, FailedRowId(*job, cells), FormatRowError(ForBulk(outcome.error())),
                      cells, &job->failed_rows);
      ++job->records_failed;
    }
    ++job->info.records_processed;
    ++done;
  }
  job->next_offset = reader.offset();
  job->next_record = reader.records_read();
  job->next_line = reader.line();
  return done;
}

}  // namespace recoup::sim::org::rest::bulk
