// sobject_routes.h: the routes on /sobjects/{O}/{extField}/{value} (retrieve, upsert, delete).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/org/describe.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/record_input.h"
#include "sim/org/rest/rest_context.h"
#include "sim/org/rest/rest_json.h"
#include "sim/org/rest/sobject_handlers.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org::rest::sobject_internal {
namespace {

using http::Request;
using http::Response;
using http::WriteSfError;

// The external-Id field of the path and the key converted for it. Errors: the store's NOT_FOUND for
// a field that is not an external Id, and the conversion errors of FieldValueFromText (400).
struct ExternalKey {
  const FieldDef* field = nullptr;
  FieldValue key;
};
SfOr<ExternalKey> ResolveExternalKey(const RecordStore& store, const ObjectDef& object,
                                     const Request& request) {
  SfOr<const FieldDef*> field = store.ResolveExternalIdField(object, request.PathParam("field"));
  if (!field.ok()) return field.error();
  SfOr<FieldValue> key = FieldValueFromText(**field, request.PathParam("value"));
  if (!key.ok()) return key.error();
  return ExternalKey{*field, std::move(key).value()};
}

// The live rows whose external Id equals the key, in row order.
std::vector<RowIndex> LiveMatches(const RecordStore& store, const ObjectDef& object,
                                  const ExternalKey& key) {
  std::vector<RowIndex> rows;
  if (key.key.is_null()) return rows;
  store.LookupEqual(object, *key.field, key.key, &rows);
  std::erase_if(rows, [&](RowIndex r) { return store.IsDeleted(object, r); });
  return rows;
}

std::vector<std::string> LongIds(const RecordStore& store, const ObjectDef& object,
                                 const std::vector<RowIndex>& rows) {
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const RowIndex r : rows) ids.push_back(store.IdOf(object, r).ToLong());
  return ids;
}

}  // namespace

void RetrieveByExternalId(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  const ObjectDef& o = **object;
  const std::vector<const FieldDef*>* fields = &state.catalog.AllFields(o);
  std::vector<const FieldDef*> selected;
  if (const std::optional<std::string_view> list = request.Query("fields"); list.has_value()) {
    SfStatus resolved = state.catalog.ResolveFields(o, *list, &selected);
    if (!resolved.ok()) return WriteSfError(&response, resolved.error());
    fields = &selected;
  }
  Org::Session session = state.org.Lock();
  const RecordStore& store = session.store();
  SfOr<ExternalKey> key = ResolveExternalKey(store, o, request);
  if (!key.ok()) return WriteSfError(&response, key.error());
  const std::vector<RowIndex> rows = LiveMatches(store, o, *key);
  if (rows.empty()) return WriteSfError(&response, http::ResourceNotFoundError());
  if (rows.size() > 1) {
    return WriteMultipleChoices(&response, request.api_version(), o, LongIds(store, o, rows));
  }
  response.body().clear();
  AppendRecordJson(store, o, rows[0], *fields, request.api_version(), &response.body());
  FinishJsonText(&response, 200);
}

void UpsertByExternalId(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  const ObjectDef& o = **object;
  SfOr<nlohmann::json> body = http::ParseJsonBody(request);
  if (!body.ok()) return WriteSfError(&response, body.error());
  SfOr<RecordInput> input = RecordInputFromJson(o, state.org.schema(), *body);
  if (!input.ok()) return WriteSfError(&response, input.error());
  const std::optional<std::string_view> update_only_text = request.Query("updateOnly");
  const bool update_only =
      update_only_text.has_value() && EqualsIgnoreCase(*update_only_text, "true");
  std::optional<SfOr<UpsertResult>> result;
  {
    Org::Session session = state.org.Lock();
    SfOr<ExternalKey> key = ResolveExternalKey(session.store(), o, request);
    if (!key.ok()) return WriteSfError(&response, key.error());
    result.emplace(session.store().Upsert(o, *key->field, key->key, *input, request.now(), *user,
                                          update_only));
  }
  WriteUpsertResult(*result, o, request, response);
}

void DeleteByExternalId(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  const ObjectDef& o = **object;
  Org::Session session = state.org.Lock();
  RecordStore& store = session.store();
  SfOr<ExternalKey> key = ResolveExternalKey(store, o, request);
  if (!key.ok()) return WriteSfError(&response, key.error());
  const std::vector<RowIndex> rows = LiveMatches(store, o, *key);
  if (rows.empty()) return WriteSfError(&response, http::ResourceNotFoundError());
  if (rows.size() > 1) {
    return WriteMultipleChoices(&response, request.api_version(), o, LongIds(store, o, rows));
  }
  SfStatus deleted = store.Delete(o, store.IdOf(o, rows[0]), request.now(), *user);
  if (!deleted.ok()) return WriteSfError(&response, deleted.error());
  response.SetNoBody(204);
}

}  // namespace recoup::sim::org::rest::sobject_internal
