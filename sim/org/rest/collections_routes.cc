// collections_routes.h: the sObject Collections routes: request parsing, limits and answers.
#include "sim/org/rest/collections_routes.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/org/describe.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/record_input.h"
#include "sim/org/rest/collections_write.h"
#include "sim/org/rest/json_checks.h"
#include "sim/org/rest/rest_context.h"
#include "sim/org/value.h"

namespace recoup::sim::org::rest {
namespace {

using http::Request;
using http::Response;

constexpr char kCollectionsRoot[] = "/services/data/v{version}/composite/sobjects";

SfError LimitError(size_t limit) {
  return MakeSfError(400, "EXCEEDED_ID_LIMIT",
                     "record limit reached. cannot submit more than " + std::to_string(limit) +
                         " records into this call");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// {"allOrNone": bool?, "records": [object, ...]} (at most 200 records).
struct RecordsBody {
  bool all_or_none = false;
  nlohmann::json records;
};

SfOr<RecordsBody> ParseRecordsBody(std::string_view text) {
  SfOr<nlohmann::json> json = http::ParseJsonBody(text);
  if (!json.ok()) return json.error();
  if (SfStatus st = CheckJsonDepth(*json); !st.ok()) return st.error();
  if (!json->is_object()) return http::JsonParserError("Expected a JSON object with records");
  RecordsBody body;
  if (const auto it = json->find("allOrNone"); it != json->end() && !it->is_null()) {
    if (!it->is_boolean()) {
      return http::JsonParserError("allOrNone: expected a boolean, got " + DescribeJson(*it));
    }
    body.all_or_none = it->get<bool>();
  }
  const auto records = json->find("records");
  if (records == json->end() || records->is_null()) {
    return MakeSfError(400, "INVALID_INPUT", "The request has no records; records is required");
  }
  if (!records->is_array()) {
    return http::JsonParserError("records: expected an array of records, got " +
                                 std::string(records->type_name()));
  }
  if (records->size() > kMaxCollectionRecords) return LimitError(kMaxCollectionRecords);
  for (size_t i = 0; i < records->size(); ++i) {
    if (!(*records)[i].is_object()) {
      return http::JsonParserError("records[" + std::to_string(i) +
                                   "]: expected a record object, got " +
                                   DescribeJson((*records)[i]));
    }
  }
  body.records = std::move(*records);
  return body;
}

// What makes consecutive records one chunk: the type they name (or, for an update without a type,
// the key prefix of its id).
std::string ChunkKey(const nlohmann::json& record) {
  const auto attributes = record.find("attributes");
  if (attributes != record.end() && attributes->is_object()) {
    const auto type = attributes->find("type");
    if (type != attributes->end() && type->is_string()) {
      return Lower(type->get_ref<const std::string&>());
    }
  }
  for (const auto& [key, value] : record.items()) {
    if (EqualsIgnoreCase(key, "Id") && value.is_string()) {
      return "#" + value.get<std::string>().substr(0, 3);
    }
  }
  return {};
}

SfStatus CheckChunks(const nlohmann::json& records) {
  size_t chunks = 0;
  std::string previous;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string key = ChunkKey(records[i]);
    if (i == 0 || key != previous) ++chunks;
    previous = std::move(key);
  }
  if (chunks > kMaxCollectionChunks) {
    return MakeSfError(400, "INVALID_BATCH_REQUEST",
                       "Cannot have more than 10 chunks in a single operation. Please rearrange "
                       "the data to reduce chunking.");
  }
  return {};
}

// "a, b,,c" -> {"a", "b", "c"}.
std::vector<std::string> SplitIds(std::string_view text) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) ids.emplace_back(item);
    start = end + 1;
  }
  return ids;
}

void SetJsonText(Response& response, const std::string& text) {
  if (response.pretty()) {
    response.SetJson(200, nlohmann::ordered_json::parse(text, nullptr, false));
  } else {
    response.SetJsonText(200, text);
  }
}

class CollectionsRoutes {
 public:
  explicit CollectionsRoutes(Org& org) : org_(org) {}

  void Create(const Request& request, Response& response) { Write(request, response, false); }
  void Update(const Request& request, Response& response) { Write(request, response, true); }

  void Delete(const Request& request, Response& response) {
    SfOr<SfId> user = CallerUser(org_, request);
    if (!user.ok()) return http::WriteSfError(&response, user.error());
    bool all_or_none = false;
    if (std::optional<std::string_view> flag = request.Query("allOrNone")) {
      if (EqualsIgnoreCase(*flag, "true")) {
        all_or_none = true;
      } else if (!EqualsIgnoreCase(*flag, "false")) {
        return http::WriteSfError(
            &response, MakeSfError(400, "INVALID_INPUT", "allOrNone: expected true or false"));
      }
    }
    const std::vector<std::string> ids = SplitIds(request.Query("ids").value_or(""));
    if (ids.empty()) return http::WriteSfError(&response, MissingIds());
    if (ids.size() > kMaxCollectionRecords) {
      return http::WriteSfError(&response, LimitError(kMaxCollectionRecords));
    }
    Org::Session session = org_.Lock();
    WriteContext ctx{org_, session, request.now(), *user};
    std::vector<RecordResult> results =
        RunWrites(session.store(), all_or_none, ids.size(),
                  [&](size_t i) { return DeleteRecord(ctx, ids[i]); });
    response.SetJson(200, ResultsJson(results, false));
  }

  void Upsert(const Request& request, Response& response) {
    SfOr<SfId> user = CallerUser(org_, request);
    if (!user.ok()) return http::WriteSfError(&response, user.error());
    SfOr<const ObjectDef*> object =
        ResolveObject(org_.schema(), request.PathParam("object"), /*allow_events=*/false);
    if (!object.ok()) return http::WriteSfError(&response, object.error());
    SfOr<RecordsBody> body = ParseRecordsBody(request.body());
    if (!body.ok()) return http::WriteSfError(&response, body.error());
    Org::Session session = org_.Lock();
    SfOr<const FieldDef*> ext =
        session.store().ResolveExternalIdField(**object, request.PathParam("field"));
    if (!ext.ok()) return http::WriteSfError(&response, ext.error());
    WriteContext ctx{org_, session, request.now(), *user};
    const nlohmann::json& records = body->records;
    std::vector<RecordResult> results =
        RunWrites(session.store(), body->all_or_none, records.size(),
                  [&](size_t i) { return UpsertRecord(ctx, **object, **ext, records[i]); });
    response.SetJson(200, ResultsJson(results, true));
  }

  void RetrieveGet(const Request& request, Response& response) {
    Retrieve(request, response, SplitIds(request.Query("ids").value_or("")),
             std::string(request.Query("fields").value_or("")), {});
  }

  void RetrievePost(const Request& request, Response& response) {
    SfOr<nlohmann::json> json = http::ParseJsonBody(request.body());
    if (!json.ok()) return http::WriteSfError(&response, json.error());
    if (SfStatus st = CheckJsonDepth(*json); !st.ok()) {
      return http::WriteSfError(&response, st.error());
    }
    if (!json->is_object()) {
      return http::WriteSfError(&response,
                                http::JsonParserError("Expected a JSON object with ids"));
    }
    SfOr<std::vector<std::string>> ids = StringList(*json, "ids");
    if (!ids.ok()) return http::WriteSfError(&response, ids.error());
    SfOr<std::vector<std::string>> fields = StringList(*json, "fields");
    if (!fields.ok()) return http::WriteSfError(&response, fields.error());
    Retrieve(request, response, *ids, {}, *fields);
  }

 private:
  static SfError MissingIds() {
    return MakeSfError(400, "MISSING_ARGUMENT", "ids: at least one record Id is required");
  }

  // An optional member holding an array of strings (absent or null: empty).
  static SfOr<std::vector<std::string>> StringList(const nlohmann::json& json, const char* name) {
    std::vector<std::string> out;
    const auto it = json.find(name);
    if (it == json.end() || it->is_null()) return out;
    if (!it->is_array()) {
      return http::JsonParserError(std::string(name) + ": expected an array of strings");
    }
    for (const nlohmann::json& item : *it) {
      if (!item.is_string()) {
        return http::JsonParserError(std::string(name) + ": expected an array of strings, got " +
                                     DescribeJson(item));
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  void Write(const Request& request, Response& response, bool update) {
    SfOr<SfId> user = CallerUser(org_, request);
    if (!user.ok()) return http::WriteSfError(&response, user.error());
    SfOr<RecordsBody> body = ParseRecordsBody(request.body());
    if (!body.ok()) return http::WriteSfError(&response, body.error());
    const nlohmann::json& records = body->records;
    if (SfStatus st = CheckChunks(records); !st.ok()) {
      return http::WriteSfError(&response, st.error());
    }
    Org::Session session = org_.Lock();
    WriteContext ctx{org_, session, request.now(), *user};
    const Schema& schema = org_.schema();
    std::vector<RecordResult> results = RunWrites(
        session.store(), body->all_or_none, records.size(),
        [&](size_t i) {
          return update ? UpdateRecord(ctx, records[i]) : CreateRecord(ctx, records[i]);
        },
        [&](size_t i) {
          const ObjectDef* type = RecordType(schema, records[i]);
          return !update && type != nullptr && type->is_platform_event();
        });
    response.SetJson(200, ResultsJson(results, false));
  }

  void Retrieve(const Request& request, Response& response, const std::vector<std::string>& ids,
                const std::string& fields_text, const std::vector<std::string>& field_names) {
    SfOr<const ObjectDef*> object =
        ResolveObject(org_.schema(), request.PathParam("object"), /*allow_events=*/false);
    if (!object.ok()) return http::WriteSfError(&response, object.error());
    if (ids.empty()) return http::WriteSfError(&response, MissingIds());
    if (ids.size() > kMaxCollectionRetrieveIds) {
      return http::WriteSfError(&response, LimitError(kMaxCollectionRetrieveIds));
    }
    SfOr<std::vector<const FieldDef*>> fields = field_names.empty()
                                                    ? ResolveFieldList(**object, fields_text)
                                                    : ResolveFieldList(**object, field_names);
    if (!fields.ok()) return http::WriteSfError(&response, fields.error());
    std::vector<SfId> parsed;
    parsed.reserve(ids.size());
    for (const std::string& text : ids) {
      SfOr<SfId> id = ParseId(text);
      if (!id.ok()) return http::WriteSfError(&response, id.error());
      parsed.push_back(*id);
    }
    Org::Session session = org_.Lock();
    const RecordStore& store = session.store();
    std::string text = "[";
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (i > 0) text += ',';
      SfOr<RowIndex> row = store.FindRow(**object, parsed[i], /*all_rows=*/false);
      if (row.ok()) {
        AppendRecordJson(store, **object, *row, *fields, request.api_version(), &text);
      } else {
        text += "null";
      }
    }
    text += ']';
    SetJsonText(response, text);
  }

  Org& org_;
};

}  // namespace

Status AddCollectionsRoutes(Org& org, http::Router& router) {
  auto routes = std::make_shared<CollectionsRoutes>(org);
  using Handler = void (CollectionsRoutes::*)(const Request&, Response&);
  struct Entry {
    http::Method method;
    std::string pattern;
    Handler handler;
  };
  const std::string root = kCollectionsRoot;
  const Entry entries[] = {
      {http::Method::kPost, root, &CollectionsRoutes::Create},
      {http::Method::kPatch, root, &CollectionsRoutes::Update},
      {http::Method::kDelete, root, &CollectionsRoutes::Delete},
      {http::Method::kGet, root + "/{object}", &CollectionsRoutes::RetrieveGet},
      {http::Method::kPost, root + "/{object}", &CollectionsRoutes::RetrievePost},
      {http::Method::kPatch, root + "/{object}/{field}", &CollectionsRoutes::Upsert},
  };
  for (const Entry& entry : entries) {
    Status added = router.Add(
        entry.method, entry.pattern,
        [routes, handler = entry.handler](const Request& request, Response& response) {
          ((*routes).*handler)(request, response);
        },
        http::RouteOptions{http::Access::kApi, 0});
    if (!added.ok()) return added;
  }
  return OkStatus();
}

}  // namespace recoup::sim::org::rest
