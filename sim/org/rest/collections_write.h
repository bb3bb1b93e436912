// The per-record work of sObject Collections writes (reference/salesforce-api.md section 3.5):
// create, update, upsert and delete of one record each, directly on the record store, and the
// all-or-none driver that runs a batch of them and reports one result per record, in order.
//
// Per-record errors are SfErrors reported as {"statusCode", "message", "fields"} (never the HTTP
// status). Besides the record store's and RecordInputFromJson's errors (record_store.h,
// record_input.h), a record can fail with:
//   INVALID_TYPE "Must send a concrete entity type." (create: no attributes.type), "sObject type
//     'X' is not supported." (an unknown type), or a type that differs from the object in the URL
//     (upsert);
//   INVALID_FIELD "cannot specify Id in an insert call" (create with an Id);
//   MISSING_ARGUMENT "Id not specified in an update call" (update without an id), "<F> not
//     specified" (upsert without its external-Id value);
//   MALFORMED_ID "Invalid id: <text>" (an id that is no 15/18-character Id);
//   DUPLICATE_EXTERNAL_ID (upsert whose key matches several records; the store's message);
//   NOT_FOUND "The requested resource does not exist" (delete of an Id no record has).
// Platform-event records (create only) are published on the org's event bus and succeed with
// errors [{"statusCode": "OPERATION_ENQUEUED", "message": <EventUuid>, "fields": []}].
#ifndef RECOUP_SIM_ORG_REST_COLLECTIONS_WRITE_H_
#define RECOUP_SIM_ORG_REST_COLLECTIONS_WRITE_H_

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/time.h"
#include "sim/org/ids.h"
#include "sim/org/record_store.h"
#include "sim/org/schema.h"
#include "sim/org/service/org.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

// The outcome of one record.
struct RecordResult {
  std::string id;  // 18 characters; "" when there is none (a failed create)
  bool success = false;
  std::vector<SfError> errors;  // failures; OPERATION_ENQUEUED for a published event
  std::optional<bool> created;  // upsert: whether the record was inserted
  bool inserted = false;        // a row was created (its Id disappears on rollback)
  bool published = false;       // an event went out (publishing is never rolled back)
};

// "Record rolled back because not all records were valid and the request was using AllOrNone
// header" (ALL_OR_NONE_OPERATION_ROLLED_BACK).
SfError AllOrNoneRolledBackError();

// What every record of one request shares. The session must be held for the whole batch.
struct WriteContext {
  Org& org;
  Org::Session& session;
  Timestamp now;
  SfId user;
};

// The object a record's attributes.type names (case-insensitive), or nullptr when the member is
// missing, not a string, or names no object.
const ObjectDef* RecordType(const Schema& schema, const nlohmann::json& record);

// One record of POST /composite/sobjects.
RecordResult CreateRecord(WriteContext& ctx, const nlohmann::json& record);
// One record of PATCH /composite/sobjects (id in any case; the type may be left out, then the
// id's key prefix names the object).
RecordResult UpdateRecord(WriteContext& ctx, const nlohmann::json& record);
// One record of PATCH /composite/sobjects/{object}/{ext_field}.
RecordResult UpsertRecord(WriteContext& ctx, const ObjectDef& object, const FieldDef& ext_field,
                          const nlohmann::json& record);
// One id of DELETE /composite/sobjects?ids=...
RecordResult DeleteRecord(WriteContext& ctx, std::string_view id_text);

// Runs `write(i)` for i in [0, count) and returns the results in order. Without all_or_none each
// write stands on its own. With all_or_none the batch runs in one TransactionScope (nested inside
// an enclosing one, e.g. /composite's): every record runs so that each invalid one reports its own
// errors, except that the records for which `deferred(i)` is true (events, which cannot be
// unpublished) run only after all others succeeded, and stop at the first failure. If any record
// failed, the scope rolls back and every record that had succeeded (except events already
// published) or never ran reports ALL_OR_NONE_OPERATION_ROLLED_BACK instead, keeping its id only
// when it named an existing record (update, delete, upsert-update).
std::vector<RecordResult> RunWrites(RecordStore& store, bool all_or_none, size_t count,
                                    const std::function<RecordResult(size_t)>& write,
                                    const std::function<bool(size_t)>& deferred = {});

// [{"id"?, "success", "errors": [{"statusCode", "message", "fields"}], "created"?}, ...]: "id"
// only when known, "created" only when with_created.
nlohmann::ordered_json ResultsJson(const std::vector<RecordResult>& results, bool with_created);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COLLECTIONS_WRITE_H_
