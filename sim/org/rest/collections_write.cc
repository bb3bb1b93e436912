// collections_write.h: one record of an sObject Collections write, and the all-or-none driver.
#include "sim/org/rest/collections_write.h"

#include <utility>

#include "sim/org/events/event_bus.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/record_input.h"
#include "sim/org/rest/json_checks.h"
#include "sim/org/rest/transaction_scope.h"
#include "sim/org/value.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org::rest {
namespace {

RecordResult Failure(SfError error, std::string id = {}) {
  RecordResult result;
  result.id = std::move(id);
  result.errors.push_back(std::move(error));
  return result;
}

RecordResult Success(const SfId& id) {
  RecordResult result;
  result.id = id.ToLong();
  result.success = true;
  return result;
}

// The type a record names, or the INVALID_TYPE error Salesforce answers with.
SfOr<const ObjectDef*> RequireRecordType(const Schema& schema, const nlohmann::json& record) {
  const auto attributes = record.find("attributes");
  const nlohmann::json* type = nullptr;
  if (attributes != record.end() && attributes->is_object()) {
    const auto it = attributes->find("type");
    if (it != attributes->end() && it->is_string()) type = &*it;
  }
  if (type == nullptr) return MakeSfError(400, "INVALID_TYPE", "Must send a concrete entity type.");
  const ObjectDef* object = schema.FindObject(type->get_ref<const std::string&>());
  if (object == nullptr) {
    return MakeSfError(400, "INVALID_TYPE",
                       "sObject type '" + ToValidUtf8(type->get_ref<const std::string&>()) +
                           "' is not supported.");
  }
  return object;
}

// The text of the record's "Id" member in any case ("" when absent or null).
std::string RecordIdText(const nlohmann::json& record) {
  for (const auto& [key, value] : record.items()) {
    if (!EqualsIgnoreCase(key, "Id")) continue;
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_null())
      return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return {};
}

RecordResult Publish(WriteContext& ctx, const ObjectDef& event, const nlohmann::json& record) {
  SfOr<events::PublishResult> published = ctx.org.events().Publish(
      events::EventBus::ChannelFor(event.name()), record, ctx.now, ctx.user.ToLong());
  if (!published.ok()) return Failure(published.error());
  RecordResult result;
  result.id = published->id;
  result.success = true;
  result.published = true;
  result.errors.push_back(MakeSfError(201, "OPERATION_ENQUEUED", published->event_uuid));
  return result;
}

}  // namespace

SfError AllOrNoneRolledBackError() {
  return MakeSfError(400, "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                     "Record rolled back because not all records were valid and the request was "
                     "using AllOrNone header");
}

const ObjectDef* RecordType(const Schema& schema, const nlohmann::json& record) {
  SfOr<const ObjectDef*> object = RequireRecordType(schema, record);
  return object.ok() ? *object : nullptr;
}

RecordResult CreateRecord(WriteContext& ctx, const nlohmann::json& record) {
  const Schema& schema = ctx.session.schema();
  SfOr<const ObjectDef*> object = RequireRecordType(schema, record);
  if (!object.ok()) return Failure(object.error());
  if ((*object)->is_platform_event()) return Publish(ctx, **object, record);
  std::string id_text;
  SfOr<RecordInput> input = RecordInputFromJson(**object, schema, record, &id_text);
  if (!input.ok()) return Failure(input.error());
  if (!id_text.empty()) {
    return Failure(MakeSfError(400, "INVALID_FIELD", "cannot specify Id in an insert call"));
  }
  SfOr<SfId> id = ctx.session.store().Create(**object, *input, ctx.now, ctx.user);
  if (!id.ok()) return Failure(id.error());
  RecordResult result = Success(*id);
  result.inserted = true;
  return result;
}

RecordResult UpdateRecord(WriteContext& ctx, const nlohmann::json& record) {
  const Schema& schema = ctx.session.schema();
  if (!record.is_object()) {
    return Failure(MakeSfError(400, "JSON_PARSER_ERROR", "Expected a JSON object for the record"));
  }
  const std::string id_text = RecordIdText(record);
  if (id_text.empty()) {
    return Failure(MakeSfError(400, "MISSING_ARGUMENT", "Id not specified in an update call"));
  }
  SfOr<SfId> id = ParseId(id_text);
  if (!id.ok()) return Failure(id.error(), ToValidUtf8(id_text));
  const std::string long_id = id->ToLong();
  const ObjectDef* object = nullptr;
  if (record.contains("attributes")) {
    SfOr<const ObjectDef*> typed = RequireRecordType(schema, record);
    if (!typed.ok()) return Failure(typed.error(), long_id);
    object = *typed;
  } else {
    object = schema.FindObjectByKeyPrefix(id->key_prefix());
    if (object == nullptr) return Failure(http::ResourceNotFoundError(), long_id);
  }
  std::string ignored;
  SfOr<RecordInput> input = RecordInputFromJson(*object, schema, record, &ignored);
  if (!input.ok()) return Failure(input.error(), long_id);
  SfStatus updated = ctx.session.store().Update(*object, *id, *input, ctx.now, ctx.user);
  if (!updated.ok()) return Failure(updated.error(), long_id);
  return Success(*id);
}

RecordResult UpsertRecord(WriteContext& ctx, const ObjectDef& object, const FieldDef& ext_field,
                          const nlohmann::json& record) {
  const Schema& schema = ctx.session.schema();
  RecordResult failed;
  failed.created = false;
  auto fail = [&](SfError error) {
    failed.errors.push_back(std::move(error));
    return failed;
  };
  if (!record.is_object()) {
    return fail(MakeSfError(400, "JSON_PARSER_ERROR", "Expected a JSON object for the record"));
  }
  if (record.contains("attributes")) {
    SfOr<const ObjectDef*> typed = RequireRecordType(schema, record);
    if (!typed.ok()) return fail(typed.error());
    if (*typed != &object) {
      return fail(MakeSfError(400, "INVALID_TYPE",
                              "The record's type " + (*typed)->name() + " is not " + object.name() +
                                  ", the object named in the URL"));
    }
  }
  const bool by_id = ext_field.type == FieldType::kId;
  std::string id_text;
  SfOr<RecordInput> input = RecordInputFromJson(object, schema, record, by_id ? &id_text : nullptr);
  if (!input.ok()) return fail(input.error());
  FieldValue key;
  if (by_id) {
    if (!id_text.empty()) {
      SfOr<FieldValue> parsed = FieldValueFromText(ext_field, id_text);
      if (!parsed.ok()) return fail(parsed.error());
      key = std::move(parsed).value();
    }
  } else {
    for (const FieldInput& in : *input) {
      if (in.field == &ext_field && in.foreign_key_field == nullptr) key = in.value;
    }
    if (key.is_null()) {
      return fail(MakeSfError(400, "MISSING_ARGUMENT", ext_field.name + " not specified",
                              {ext_field.name}));
    }
  }
  SfOr<UpsertResult> upserted =
      ctx.session.store().Upsert(object, ext_field, key, *input, ctx.now, ctx.user);
  if (!upserted.ok()) {
    SfError error = upserted.error();
    if (error.http_status == 300) {
      error.error_code = "DUPLICATE_EXTERNAL_ID";
      error.fields = {ext_field.name};
    }
    if (by_id && !key.is_null()) failed.id = key.id().ToLong();
    return fail(std::move(error));
  }
  RecordResult result = Success(upserted->id);
  result.created = upserted->created;
  result.inserted = upserted->created;
  return result;
}

RecordResult DeleteRecord(WriteContext& ctx, std::string_view id_text) {
  SfOr<SfId> id = ParseId(id_text);
  if (!id.ok()) return Failure(id.error(), ToValidUtf8(id_text));
  RecordStore& store = ctx.session.store();
  const std::optional<RowRef> row = store.FindAnyRow(*id);
  if (!row.has_value()) return Failure(http::ResourceNotFoundError(), id->ToLong());
  SfStatus deleted = store.Delete(*row->object, *id, ctx.now, ctx.user);
  if (!deleted.ok()) return Failure(deleted.error(), id->ToLong());
  return Success(*id);
}

std::vector<RecordResult> RunWrites(RecordStore& store, bool all_or_none, size_t count,
                                    const std::function<RecordResult(size_t)>& write,
                                    const std::function<bool(size_t)>& deferred) {
  std::vector<RecordResult> results(count);
  if (!all_or_none) {
    for (size_t i = 0; i < count; ++i) results[i] = write(i);
    return results;
  }
  TransactionScope transaction(store);
  std::vector<bool> ran(count, false);
  bool any_failed = false;
  for (size_t i = 0; i < count; ++i) {
    if (deferred && deferred(i)) continue;
    results[i] = write(i);
    ran[i] = true;
    any_failed = any_failed || !results[i].success;
  }
  for (size_t i = 0; i < count && !any_failed; ++i) {
    if (ran[i]) continue;
    results[i] = write(i);
    ran[i] = true;
    any_failed = !results[i].success;
  }
  if (!any_failed) {
    transaction.Commit();
    return results;
  }
  transaction.Rollback();
  for (size_t i = 0; i < count; ++i) {
    RecordResult& result = results[i];
    if (ran[i] && (!result.success || result.published)) continue;
    RecordResult rolled_back = Failure(AllOrNoneRolledBackError());
    if (ran[i] && !result.inserted) rolled_back.id = result.id;
    if (result.created.has_value()) rolled_back.created = false;
    result = std::move(rolled_back);
  }
  return results;
}

nlohmann::ordered_json ResultsJson(const std::vector<RecordResult>& results, bool with_created) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const RecordResult& result : results) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    if (!result.id.empty()) item["id"] = result.id;
    item["success"] = result.success;
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const SfError& error : result.errors) errors.push_back(http::SfStatusCodeJson(error));
    item["errors"] = std::move(errors);
    if (with_created) item["created"] = result.created.value_or(false);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace recoup::sim::org::rest
