// Loading records into an Org from files, for `recoup org serve --data` and tests: a JSON data
// file, or a directory of one CSV file per object.
//
// Also: applying a schema extension file (schema_extension.h) before the org is created.
//
// JSON data file (objects are loaded in file order, so list parents before their children; each
// record is a REST record body, as POST /sobjects/<Object> takes it):
//   {"records": {
//      "Collection_Account__c": [{"Name": "A-1", "External_Id__c": "A-1", "Balance__c": 120.5}],
//      "Contact_Attempt__c": [{"Collection_Account__r": {"External_Id__c": "A-1"},
//                              "Channel__c": "Call", "Attempted_At__c": "2025-03-01T14:00:00Z"}]}}
// CSV directory: <dir>/<Object>.csv (object name case-insensitive), each a Bulk 2.0 insert file:
// a header row of field names or "Relationship__r.ExternalIdField__c", one record per row, comma
// separated, RFC 4180 quoting, LF or CRLF line ends, empty cell = unset, "#N/A" = null. Files are
// loaded in the schema's object order (the default schema lists parents first); files that do not
// end in ".csv" are ignored.
//
// Every record goes through the same conversion and checks as the REST API (RecordInputFromJson /
// ResolveCsvColumn + FieldValueFromCsv, then RecordStore::Create) and is created by user 0 of the
// org at `now`. All or nothing: the whole load runs in one store transaction and is rolled back on
// the first error, which names the source and the record:
//   "data.json: records.Contact_Attempt__c[3]: REQUIRED_FIELD_MISSING: Required fields are
//    missing: [Channel__c]"        (JSON: 0-based index in the object's array)
//   "data/Contact_Attempt__c.csv:5: INVALID_FIELD: No such column 'Chanel__c' on sobject of type
//    Contact_Attempt__c"           (CSV: 1-based line where the record starts; 1 = the header)
// Structure errors read "data.json: records: expected an object, got array", "data.json:3:14:
// malformed JSON: ..." or "data.json: records.Foo__c: no such record object in the schema".
// Errors are InvalidArgument; a file or directory that cannot be read is NotFound.
#ifndef RECOUP_SIM_ORG_SERVICE_DATA_FILE_H_
#define RECOUP_SIM_ORG_SERVICE_DATA_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/schema.h"
#include "sim/org/service/org.h"

namespace recoup::sim::org {

// What a load created: records per object, in load order.
struct DataLoadSummary {
  std::vector<std::pair<std::string, size_t>> objects;  // (object API name, records created)
  size_t total = 0;
};

// Loads JSON data-file text (format above); `source_name` prefixes every error.
StatusOr<DataLoadSummary> LoadDataJson(Org& org, std::string_view text,
                                       std::string_view source_name, Timestamp now);

// Loads the CSV text of one object's file; `source_name` prefixes every error. One transaction.
StatusOr<DataLoadSummary> LoadObjectCsv(Org& org, const ObjectDef& object, std::string_view text,
                                        std::string_view source_name, Timestamp now);

// Loads `path`: a directory of <Object>.csv files, or else a JSON data file. Errors name `path`
// as given (NotFound "cannot read <path>" when it cannot be read).
StatusOr<DataLoadSummary> LoadDataPath(Org& org, const std::string& path, Timestamp now);

// Reads the schema extension file at `path` (schema_extension.h) and applies it to *schema, all or
// nothing. Errors name `path`: NotFound "cannot read <path>", or the InvalidArgument of
// ParseSchemaExtension / ApplySchemaExtension ("ext.json: $.objects[0].name: ...").
Status ExtendSchemaFromFile(const std::string& path, Schema* schema);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_SERVICE_DATA_FILE_H_
