// Bulk API 2.0 ingest jobs (reference/salesforce-api.md section 4.1): the job model, its creation
// body, its JSON, the check of the uploaded CSV, and the processing of its rows into the org.
//
// Operations: insert, update, upsert (by any external-Id field, or "Id") and delete on record
// objects; insert on platform events (each row is published on the event bus, as Salesforce lets
// Bulk 2.0 publish events). hardDelete is refused at creation with Salesforce's answer for a user
// without the "Bulk API Hard Delete" permission (the mock's store has no hard delete).
//
// Processing, in steps (the BulkService schedules them):
//  1. PrepareIngest checks the whole upload without touching the org: line endings, CSV syntax,
//     the header (every cell a field or "Relationship__r.ExtField__c" of the object, no field
//     twice, the operation's key column present; delete takes only "Id") and that every record has
//     the header's number of cells. Any problem fails the job (state Failed, errorMessage), and no
//     row is written.
//  2. ProcessIngestRows writes up to N records, each its own store write (Bulk is not all-or-none:
//     a bad row fails alone), appending to the successful / failed results.
// CSV cells: empty = not set (unchanged on update), "#N/A" = set to null (value_parse.h).
//
// Result files (CSV, the job's delimiter and line ending; every value quoted, as Salesforce writes
// them): successfulResults `"sf__Id","sf__Created",<header>`; failedResults `"sf__Id","sf__Error",
// <header>` with sf__Error = "<errorCode>:<message>:<fields> --" ("<errorCode>:<message>:--" when
// no field is named); unprocessedrecords = the uploaded header and every record not processed
// (the raw bytes as uploaded; all of the data when the job failed its check).
#ifndef RECOUP_SIM_ORG_REST_BULK_INGEST_JOB_H_
#define RECOUP_SIM_ORG_REST_BULK_INGEST_JOB_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/events/event_bus.h"
#include "sim/org/record_input.h"
#include "sim/org/record_store.h"
#include "sim/org/rest/bulk/bulk_job.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::rest::bulk {

enum class IngestOperation : uint8_t { kInsert, kUpdate, kUpsert, kDelete, kHardDelete };
std::string_view IngestOperationName(IngestOperation op);

// A validated creation body: POST .../jobs/ingest.
struct IngestJobRequest {
  const ObjectDef* object = nullptr;
  IngestOperation operation = IngestOperation::kInsert;
  const FieldDef* external_id_field = nullptr;  // upsert only
  std::string assignment_rule_id;               // accepted and echoed; not applied
  CsvOptions csv;
};

// Checks a creation body against the schema. Errors (400), in this order:
//   JSON_PARSER_ERROR: not an object; a member other than object, operation, externalIdFieldName,
//     contentType, columnDelimiter, lineEnding, assignmentRuleId; a member of the wrong JSON type;
//     an operation, contentType, columnDelimiter or lineEnding value outside the allowed names
//   INVALIDJOB "Object is required" / "Operation is required"
//   FEATURENOTENABLED "hardDelete operation requires special user profile permission, please
//     contact your system administrator"
//   INVALIDJOB "Unable to find object: <name>" (unknown object)
//   INVALIDJOB "Operation <op> is not supported for platform event <E>: only insert" (events)
//   INVALIDJOB "External ID was blank for <O>. An External ID must be specified for upsert."
//   INVALIDJOB "Field name provided, <F> does not match an External ID, Salesforce Id, or indexed
//     field for <O>" (an upsert key that is no external-Id field and not "Id")
SfOr<IngestJobRequest> ParseIngestJobRequest(const nlohmann::json& body, const Schema& schema,
                                             const RecordStore& store);

// The header after PrepareIngest.
struct IngestLayout {
  std::string raw_header;           // the header record's bytes as uploaded, line ending included
  std::vector<std::string> header;  // the header cells as uploaded
  std::vector<CsvColumn> columns;   // resolved, one per header cell
  int key_column = -1;              // update/delete: the Id column; upsert: the key column
  size_t data_offset = 0;           // byte offset of the first data record
  size_t data_line = 1;             // its physical line
  size_t total_records = 0;         // data records
};

struct IngestJob {
  JobInfo info;
  IngestJobRequest request;
  std::string data;  // the uploaded CSV (a later upload appends when multiple uploads are allowed)
  int uploads = 0;
  // Processing state, once prepared.
  bool prepared = false;
  IngestLayout layout;
  size_t next_offset = 0;  // reader position of the next record to process
  size_t next_record = 1;  // its number (the header is record 0)
  size_t next_line = 1;
  int64_t records_failed = 0;
  std::string successful_rows;  // result rows, without their header line
  std::string failed_rows;
};

// Job JSON. Short: what create and PATCH answer (id .. state, externalIdFieldName for upsert,
// assignmentRuleId when given, concurrencyMode, contentType, apiVersion, contentUrl, lineEnding,
// columnDelimiter). Full: GET's job info (adds jobType, the record counts, retries and the
// processing times, errorMessage when Failed). List: one entry of GET .../jobs/ingest.
nlohmann::ordered_json IngestJobJson(const IngestJob& job, bool full);
nlohmann::ordered_json IngestJobListEntry(const IngestJob& job);

// Checks the upload of `job` (step 1 above). Returns the layout, or an error whose message is
// the job's errorMessage:
//   "InvalidBatch : No data was uploaded for this job"
//   "InvalidBatch : The uploaded data has no header row"
//   "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF"
//   "InvalidBatch : Failed to parse CSV: <what> in record <n> (line <l>)"
//   "InvalidBatch : Field name not found : <cell>" (unknown column, or a parent field that is not
//     an external Id)
//   "InvalidBatch : Duplicate field name: <cell>"
//   "InvalidBatch : Field name not found : Id" (update / delete without an Id column)
//   "InvalidBatch : Field name not found : <ExtField>" (upsert without its key column)
//   "InvalidBatch : The 'delete' batch must contain only ids"
//   "InvalidBatch : Wrong number of columns in record <n> (line <l>): expected <h>, found <c>"
// Reads only `job` and the schema: safe without the org lock.
SfOr<IngestLayout> PrepareIngest(const IngestJob& job, const Schema& schema);

// Where rows go: the store (record objects; the caller holds the org's session) or the event bus
// (platform events).
struct IngestSink {
  RecordStore* store = nullptr;
  events::EventBus* events = nullptr;
  Timestamp now;
  SfId user;
};

// Processes up to `max_records` records of a prepared job from its position, appending to the
// results and advancing the counters. Returns the number processed (0 when none remain).
size_t ProcessIngestRows(IngestJob* job, size_t max_records, const IngestSink& sink);

// True when every record of a prepared job has been processed.
inline bool IngestDone(const IngestJob& job) {
  return job.prepared &&
         static_cast<size_t>(job.info.records_processed) >= job.layout.total_records;
}

// The result files (see the file comment).
std::string SuccessfulResultsCsv(const IngestJob& job);
std::string FailedResultsCsv(const IngestJob& job);
std::string UnprocessedRecordsCsv(const IngestJob& job);

// "<errorCode>:<message>:<f1,f2> --", or "<errorCode>:<message>:--" without fields.
std::string FormatRowError(const SfError& error);

}  // namespace recoup::sim::org::rest::bulk

#endif  // RECOUP_SIM_ORG_REST_BULK_INGEST_JOB_H_
