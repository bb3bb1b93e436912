// sobject_routes.h: the routes on /sobjects/{O}/{id} (retrieve, update, delete, create by Id).
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
#include "sim/org/value.h"

namespace recoup::sim::org::rest::sobject_internal {

using http::Request;
using http::Response;
using http::WriteSfError;

SfOr<SfId> RecordIdInPath(SObjectState& state, const ObjectDef& object, std::string_view segment) {
  SfOr<SfId> id = ParseId(segment);
  if (id.ok() && id->key_prefix() == object.key_prefix()) return id;
  Org::Session session = state.org.Lock();
  SfOr<const FieldDef*> field = session.store().ResolveExternalIdField(object, segment);
  if (!field.ok()) return field.error();
  return http::ResourceNotFoundError();
}

void WriteUpsertResult(const SfOr<UpsertResult>& result, const ObjectDef& object,
                       const Request& request, Response& response) {
  if (!result.ok()) {
    const SfError& error = result.error();
    if (error.http_status == 300) {
      return WriteMultipleChoices(&response, request.api_version(), object, error.fields);
    }
    return WriteSfError(&response, error);
  }
  // The "created" member and the 200 for updates came with v46.0; before, an update was a 204.
  const bool with_created = ApiMajorVersion(request.api_version()) >= 46;
  if (!result->created && !with_created) return response.SetNoBody(204);
  if (result->created) {
    char id_text[SfId::kLongLength];
    result->id.WriteLong(id_text);
    std::string location;
    AppendRecordUrl(request.api_version(), object, std::string_view(id_text, sizeof(id_text)),
                    &location);
    response.AddHeader("Location", location);
  }
  response.body().clear();
  AppendSaveResult(result->id, with_created ? std::optional<bool>(result->created) : std::nullopt,
                   &response.body());
  FinishJsonText(&response, result->created ? 201 : 200);
}

void CreateByIdUpsert(SObjectState& state, const ObjectDef& object, const SfId& user,
                      const Request& request, Response& response) {
  SfOr<nlohmann::json> body = http::ParseJsonBody(request);
  if (!body.ok()) return WriteSfError(&response, body.error());
  SfOr<RecordInput> input = RecordInputFromJson(object, state.org.schema(), *body);
  if (!input.ok()) return WriteSfError(&response, input.error());
  std::optional<SfOr<UpsertResult>> result;
  {
    Org::Session session = state.org.Lock();
    SfOr<const FieldDef*> id_field = session.store().ResolveExternalIdField(object, "Id");
    if (!id_field.ok()) return WriteSfError(&response, id_field.error());
    result.emplace(session.store().Upsert(object, **id_field, FieldValue::Null(), *input,
                                          request.now(), user));
  }
  WriteUpsertResult(*result, object, request, response);
}

void RetrieveById(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  const ObjectDef& o = **object;
  SfOr<SfId> id = RecordIdInPath(state, o, request.PathParam("id"));
  if (!id.ok()) return WriteSfError(&response, id.error());
  const std::vector<const FieldDef*>* fields = &state.catalog.AllFields(o);
  std::vector<const FieldDef*> selected;  // allocates only when ?fields= is given
  if (const std::optional<std::string_view> list = request.Query("fields"); list.has_value()) {
    SfStatus resolved = state.catalog.ResolveFields(o, *list, &selected);
    if (!resolved.ok()) return WriteSfError(&response, resolved.error());
    fields = &selected;
  }
  {
    Org::Session session = state.org.Lock();
    SfOr<RowIndex> row = session.store().FindRow(o, *id, /*all_rows=*/false);
    if (!row.ok()) return WriteSfError(&response, row.error());
    response.body().clear();
    AppendRecordJson(session.store(), o, *row, *fields, request.api_version(), &response.body());
  }
  FinishJsonText(&response, 200);
}

void UpdateById(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  const ObjectDef& o = **object;
  const std::string_view segment = request.PathParam("id");
  // PATCH /sobjects/{O}/Id/ (no value): create, with Id as the external-Id field.
  if (EqualsIgnoreCase(segment, "Id")) return CreateByIdUpsert(state, o, *user, request, response);
  SfOr<SfId> id = RecordIdInPath(state, o, segment);
  if (!id.ok()) return WriteSfError(&response, id.error());
  SfOr<nlohmann::json> body = http::ParseJsonBody(request);
  if (!body.ok()) return WriteSfError(&response, body.error());
  SfOr<RecordInput> input = RecordInputFromJson(o, state.org.schema(), *body);
  if (!input.ok()) return WriteSfError(&response, input.error());
  std::optional<SfStatus> updated;
  {
    Org::Session session = state.org.Lock();
    updated.emplace(session.store().Update(o, *id, *input, request.now(), *user));
  }
  if (!updated->ok()) return WriteSfError(&response, updated->error());
  response.SetNoBody(204);
}

void DeleteById(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  SfOr<SfId> id = RecordIdInPath(state, **object, request.PathParam("id"));
  if (!id.ok()) return WriteSfError(&response, id.error());
  std::optional<SfStatus> deleted;
  {
    Org::Session session = state.org.Lock();
    deleted.emplace(session.store().Delete(**object, *id, request.now(), *user));
  }
  if (!deleted->ok()) return WriteSfError(&response, deleted->error());
  response.SetNoBody(204);
}

void PostWithId(SObjectState& state, const Request& request, Response& response) {
  if (!EqualsIgnoreCase(request.PathParam("id"), "Id")) {
    // Only POST /sobjects/{O}/Id creates; any other record path refuses POST as the router would.
    constexpr std::string_view kAllowed = "GET,PATCH,DELETE";
    WriteSfError(&response, http::MethodNotAllowedError(request.method_name(), kAllowed));
    response.AddHeader("Allow", kAllowed);
    return;
  }
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), false);
  if (!object.ok()) return WriteSfError(&response, object.error());
  CreateByIdUpsert(state, **object, *user, request, response);
}

}  // namespace recoup::sim::org::rest::sobject_internal
