// query_routes.h: query, queryAll and query-more over the org's QueryEngine.
#include "sim/org/rest/query_routes.h"

#include <cctz/time_zone.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "sim/org/http/sf_http_errors.h"
#include "sim/org/rest/rest_context.h"
#include "sim/org/rest/rest_json.h"
#include "sim/org/soql/query_engine.h"
#include "sim/org/value.h"

namespace recoup::sim::org::rest {
namespace {

using http::Request;
using http::Response;
using http::WriteSfError;

struct QueryState {
  explicit QueryState(Org& o) : org(o) {
    user_object = o.schema().FindObject("User");
    if (user_object != nullptr) time_zone_field = user_object->FindField("TimeZoneSidKey");
  }
  Org& org;
  const ObjectDef* user_object = nullptr;
  const FieldDef* time_zone_field = nullptr;  // User.TimeZoneSidKey, when the schema has it
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The caller's time zone: their User record's TimeZoneSidKey when the tz database knows it, else
// UTC. Needs the session (reads the store).
cctz::time_zone UserTimeZone(const QueryState& state, const RecordStore& store, const SfId& user) {
  if (state.time_zone_field == nullptr) return cctz::utc_time_zone();
  SfOr<RowIndex> row = store.FindRow(*state.user_object, user, /*all_rows=*/false);
  if (!row.ok()) return cctz::utc_time_zone();
  const ValueView zone = store.Get(*state.user_object, *row, *state.time_zone_field);
  if (zone.kind() != ValueKind::kString || zone.str().empty()) return cctz::utc_time_zone();
  cctz::time_zone loaded;
  if (!cctz::load_time_zone(std::string(zone.str()), &loaded)) return cctz::utc_time_zone();
  return loaded;
}

// Moves the page's text into the response (no copy, no DOM).
void WritePage(soql::QueryPage& page, Response& response) {
  response.body().swap(page.body);
  FinishJsonText(&response, 200);
}

void RunQuery(QueryState& state, bool all_rows, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  const std::optional<std::string_view> soql = request.Query("q");
  if (!soql.has_value()) {
    return WriteSfError(&response,
                        MakeSfError(400, "MALFORMED_QUERY", "A query string has to be specified"));
  }
  if (Trim(*soql).empty()) {
    return WriteSfError(
        &response, MakeSfError(400, "MALFORMED_QUERY", "SOQL statements cannot be empty or null"));
  }
  soql::QueryOptions options;
  options.api_version = std::string(request.api_version());
  options.all_rows = all_rows;
  if (const std::optional<std::string_view> header = request.Header("Sforce-Query-Options")) {
    options.batch_size = ParseQueryBatchSize(*header);
  }
  options.user = *user;
  options.now = request.now();
  std::optional<SfOr<soql::QueryPage>> page;
  {
    Org::Session session = state.org.Lock();
    options.time_zone = UserTimeZone(state, session.store(), *user);
    page.emplace(session.queries().Query(*soql, options));
  }
  if (!page->ok()) return WriteSfError(&response, page->error());
  WritePage(page->value(), response);
}

void QueryMore(QueryState& state, const Request& request, Response& response) {
  SfOr<SfId> user = CallerUser(state.org, request);
  if (!user.ok()) return WriteSfError(&response, user.error());
  soql::QueryMoreOptions options;
  options.api_version = std::string(request.api_version());
  options.user = *user;
  options.now = request.now();
  std::optional<SfOr<soql::QueryPage>> page;
  {
    Org::Session session = state.org.Lock();
    page.emplace(session.queries().QueryMore(request.PathParam("locator"), options));
  }
  if (!page->ok()) return WriteSfError(&response, page->error());
  WritePage(page->value(), response);
}

}  // namespace

std::optional<int> ParseQueryBatchSize(std::string_view header_value) {
  std::optional<int> result;
  while (!header_value.empty()) {
    const size_t end = header_value.find_first_of(",;");
    const std::string_view item = header_value.substr(0, end);
    header_value =
        end == std::string_view::npos ? std::string_view() : header_value.substr(end + 1);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || !EqualsIgnoreCase(Trim(item.substr(0, eq)), "batchSize")) {
      continue;
    }
    const std::string_view digits = Trim(item.substr(eq + 1));
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    int value = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    if (value <= 0) return std::nullopt;
    result = value;
  }
  return result;
}

Status AddQueryRoutes(Org& org, http::Router& router) {
  using http::Method;
  auto state = std::make_shared<QueryState>(org);
  const std::string base = "/services/data/v{version}";
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + "/query",
                                    [state](const Request& request, Response& response) {
                                      RunQuery(*state, /*all_rows=*/false, request, response);
                                    }));
  RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + "/queryAll",
                                    [state](const Request& request, Response& response) {
                                      RunQuery(*state, /*all_rows=*/true, request, response);
                                    }));
  for (const char* resource : {"/query/{locator}", "/queryAll/{locator}"}) {
    RECOUP_RETURN_IF_ERROR(router.Add(Method::kGet, base + resource,
                                      [state](const Request& request, Response& response) {
                                        QueryMore(*state, request, response);
                                      }));
  }
  return OkStatus();
}

}  // namespace recoup::sim::org::rest
