// sobject_routes.h: registration, describe, create and platform-event publishing.
#include "sim/org/rest/sobject_routes.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "sim/org/describe.h"
#include "sim/org/events/event_bus.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/record_input.h"
#include "sim/org/rest/rest_context.h"
#include "sim/org/rest/rest_json.h"
#include "sim/org/rest/sobject_handlers.h"
#include "sim/org/value.h"

namespace recoup::sim::org::rest {
namespace sobject_internal {
namespace {

using http::Request;
using http::Response;
using http::WriteSfError;

void DescribeGlobalHandler(SObjectState& state, const Request& request, Response& response) {
  response.SetJson(200, DescribeGlobal(state.org.schema(), request.api_version()));
}

void DescribeBasicHandler(SObjectState& state, const Request& request, Response& response) {
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), true);
  if (!object.ok()) return WriteSfError(&response, object.error());
  response.SetJson(200, DescribeObjectBasic(**object, request.api_version()));
}

void DescribeObjectHandler(SObjectState& state, const Request& request, Response& response) {
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), true);
  if (!object.ok()) return WriteSfError(&response, object.error());
  response.SetJson(200, DescribeObject(state.org.schema(), **object, request.api_version()));
}

// POST /sobjects/{Event__e}: publish on the event's channel (outside any session: the bus has its
// own lock).
void PublishEvent(SObjectState& state, const ObjectDef& object, const SfId& user,
                  const nlohmann::json& payload, const Request& request, Response& response) {
  SfOr<events::PublishResult> published = state.org.events().Publish(
      events::EventBus::ChannelFor(object.name()), payload, request.now(), user.ToLong());
  if (!published.ok()) return WriteSfError(&response, published.error());
  std::string& out = response.body();
  out.clear();
  out.append("{\"id\":");
  AppendJsonString(published->id, &out);
  out.append(",\"success\":true,\"errors\":[{\"statusCode\":\"OPERATION_ENQUEUED\",\"message\":");
  AppendJsonString(published->event_uuid, &out);
  out.append(",\"fields\":[]}]}");
  FinishJsonText(&response, 201);
}

}  // namespace

void CreateRecord(SObjectState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  SfOr<const ObjectDef*> object = state.catalog.Object(request.PathParam("object"), true);
  if (!object.ok()) return WriteSfError(&response, object.error());
  SfOr<nlohmann::json> body = http::ParseJsonBody(request);
  if (!body.ok()) return WriteSfError(&response, body.error());
  if ((*object)->is_platform_event()) {
    return PublishEvent(state, **object, *user, *body, request, response);
  }
  SfOr<RecordInput> input = RecordInputFromJson(**object, state.org.schema(), *body);
  if (!input.ok()) return WriteSfError(&response, input.error());
  std::optional<SfOr<SfId>> created;
  {
    Org::Session session = state.org.Lock();
    created.emplace(session.store().Create(**object, *input, request.now(), *user));
  }
  if (!created->ok()) return WriteSfError(&response, created->error());
  const SfId& id = created->value();
  char id_text[SfId::kLongLength];
  id.WriteLong(id_text);
  std::string location;
  AppendRecordUrl(request.api_version(), **object, std::string_view(id_text, sizeof(id_text)),
                  &location);
  response.AddHeader("Location", location);
  response.body().clear();
  AppendSaveResult(id, std::nullopt, &response.body());
  FinishJsonText(&response, 201);
}

}  // namespace sobject_internal

Status AddSObjectRoutes(Org& org, http::Router& router) {
  using http::Method;
  using sobject_internal::SObjectState;
  auto state = std::make_shared<SObjectState>(org);
  // Binds a handler of the shared state into a router handler.
  auto bind = [state](void (*handler)(SObjectState&, const http::Request&, http::Response&)) {
    return [state, handler](const http::Request& request, http::Response& response) {
      handler(*state, request, response);
    };
  };
  const std::string base = "/services/data/v{version}/sobjects";
  const std::string by_id = base + "/{object}/{id}";
  const std::string by_external_id = base + "/{object}/{field}/{value...}";
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, base, bind(&sobject_internal::DescribeGlobalHandler)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, base + "/{object}", bind(&sobject_internal::DescribeBasicHandler)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kPost, base + "/{object}", bind(&sobject_internal::CreateRecord)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + "/{object}/describe",
                                    bind(&sobject_internal::DescribeObjectHandler)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, by_id, bind(&sobject_internal::RetrieveById)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPatch, by_id, bind(&sobject_internal::UpdateById)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kDelete, by_id, bind(&sobject_internal::DeleteById)));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kPost, by_id, bind(&sobject_internal::PostWithId)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kGet, by_external_id, bind(&sobject_internal::RetrieveByExternalId)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kPatch, by_external_id, bind(&sobject_internal::UpsertByExternalId)));
  RECOUP_RETURN_IF_ERROR(
      router.Add(Method::kDelete, by_external_id, bind(&sobject_internal::DeleteByExternalId)));
  return OkStatus();
}

}  // namespace recoup::sim::org::rest
