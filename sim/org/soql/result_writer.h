// Writes SOQL results as JSON text in the REST shapes of reference/salesforce-api.md section 3.3:
//   {"attributes":{"type":"O","url":"/services/data/v62.0/sobjects/O/<18-char id>"},"Id":...,
//    "Parent__r":{"attributes":{...},"Name":...} | null,
//    "Children__r":{"totalSize":n,"done":true,"records":[...]} | null}
// Members follow the SELECT list ("attributes" first, a parent object where its relationship first
// appears); names are the schema's API names whatever case the query used. Values use value.h's
// JSON forms (dates "2025-03-01", datetimes "2025-03-01T12:34:56.000+0000", 18-character Ids). A
// parent is null when its lookup is empty or (unless all_rows) points at a deleted record; a child
// list is null when it selects no rows. Child lists are always complete (done: true): the mock does
// not page them.
#ifndef RECOUP_SIM_ORG_SOQL_RESULT_WRITER_H_
#define RECOUP_SIM_ORG_SOQL_RESULT_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/soql/binder.h"

namespace recoup::sim::org::soql {

struct RenderOptions {
  std::string_view api_version = "62.0";  // without the "v"
  bool all_rows = false;
};

// Appends the record `row` of query.nodes[0]'s object.
void AppendQueryRecord(const BoundQuery& query, const RecordStore& store, RowIndex row,
                       const RenderOptions& options, std::string* out);

// Appends "/services/data/v<api>/sobjects/<Object>/<18-char id>".
void AppendRecordUrl(std::string_view api_version, const ObjectDef& object, const SfId& id,
                     std::string* out);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_RESULT_WRITER_H_
