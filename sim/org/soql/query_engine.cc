// Query, queryAll and query-more with cursors (see query_engine.h).
#include "sim/org/soql/query_engine.h"

#include <algorithm>
#include <utility>

#include "sim/org/soql/parser.h"
#include "sim/org/soql/result_writer.h"

namespace recoup::sim::org::soql {
namespace {

SfError InvalidLocator() {
  return MakeSfError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
}

int ClampBatch(std::optional<int> hint) {
  if (!hint) return kDefaultBatchSize;
  return std::clamp(*hint, kMinBatchSize, kMaxBatchSize);
}

BindContext MakeBindContext(const QueryOptions& options) {
  BindContext context;
  context.dates.now = options.now;
  context.dates.time_zone = options.time_zone;
  context.dates.week_start = options.week_start;
  context.dates.fiscal_year_start_month = options.fiscal_year_start_month;
  return context;
}

}  // namespace

SfStatus CheckRetained(const BoundQuery& query, const RecordStore& store) {
  std::vector<const ObjectDef*> objects = {query.object};
  for (const BoundSubquery& sub : query.subqueries) objects.push_back(sub.object);
  for (const ObjectDef* object : objects) {
    if (store.retention(*object) != Retention::kCountOnly) continue;
    return MakeSfError(400, "INVALID_TYPE",
                       "sObject type '" + object->name() +
                           "' is not supported: it is write-only in this org (its records are "
                           "validated and counted, not kept)");
  }
  return {};
}

SfOr<QueryPage> QueryEngine::Query(std::string_view soql, const QueryOptions& options) {
  ExpireCursors(options.now);
  SfOr<soql::Query> parsed = ParseSoql(soql);
  if (!parsed.ok()) return parsed.error();
  SfOr<BoundQuery> bound = Bind(*parsed, store_.schema(), MakeBindContext(options));
  if (!bound.ok()) return bound.error();
  if (SfStatus st = CheckRetained(*bound, store_); !st.ok()) return st.error();
  if (bound->count) {
    QueryPage page;
    page.total_size = CountRows(*bound, store_, options.all_rows, &stats_);
    page.body =
        "{\"totalSize\":" + std::to_string(page.total_size) + ",\"done\":true,\"records\":[]}";
    return page;
  }
  std::vector<RowIndex> rows = SelectRows(*bound, store_, options.all_rows, &stats_);
  const int batch = ClampBatch(options.batch_size);
  if (rows.size() <= static_cast<size_t>(batch)) {
    return WritePage(*bound, options.api_version, options.all_rows, rows, 0, batch, "");
  }
  auto query = std::make_shared<const BoundQuery>(std::move(bound).value());
  Cursor cursor;
  cursor.query = query;
  cursor.rows = std::move(rows);
  cursor.next = static_cast<size_t>(batch);
  cursor.batch_size = batch;
  cursor.all_rows = options.all_rows;
  cursor.user = options.user;
  cursor.last_used = options.now;
  const std::string id = OpenCursor(std::move(cursor));
  const Cursor& open = cursors_.at(id);
  return WritePage(*query, options.api_version, options.all_rows, open.rows, 0, batch, id);
}

SfOr<QueryPage> QueryEngine::QueryMore(std::string_view locator, const QueryMoreOptions& options) {
  ExpireCursors(options.now);
  const size_t dash = locator.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= locator.size() || locator.size() - dash > 11) {
    return InvalidLocator();
  }
  size_t position = 0;
  for (char c : locator.substr(dash + 1)) {
    if (c < '0' || c > '9') return InvalidLocator();
    position = position * 10 + static_cast<size_t>(c - '0');
  }
  const auto it = cursors_.find(std::string(locator.substr(0, dash)));
  if (it == cursors_.end()) return InvalidLocator();
  Cursor& cursor = it->second;
  if (cursor.user != options.user || position >= cursor.rows.size()) return InvalidLocator();
  const bool last = position + static_cast<size_t>(cursor.batch_size) >= cursor.rows.size();
  QueryPage page = WritePage(*cursor.query, options.api_version, cursor.all_rows, cursor.rows,
                             position, cursor.batch_size, last ? "" : it->first);
  if (last) {
    cursors_.erase(it);
  } else {
    cursor.next = position + static_cast<size_t>(cursor.batch_size);
    cursor.last_used = options.now;
  }
  return page;
}

SfOr<QueryPlan> QueryEngine::Explain(std::string_view soql, const QueryOptions& options) const {
  SfOr<soql::Query> parsed = ParseSoql(soql);
  if (!parsed.ok()) return parsed.error();
  SfOr<BoundQuery> bound = Bind(*parsed, store_.schema(), MakeBindContext(options));
  if (!bound.ok()) return bound.error();
  if (SfStatus st = CheckRetained(*bound, store_); !st.ok()) return st.error();
  const AccessPlan access = ChooseAccess(*bound, store_);
  QueryPlan plan;
  plan.object = bound->object->name();
  plan.uses_index = access.uses_index;
  plan.access = access.uses_index ? access.Describe() : "scan " + plan.object;
  return plan;
}

int QueryEngine::OpenCursorCount(const SfId& user, Timestamp now) const {
  int n = 0;
  for (const auto& [id, cursor] : cursors_) {
    if (cursor.user == user && now - cursor.last_used <= kCursorIdleTimeout) ++n;
  }
  return n;
}

QueryPage QueryEngine::WritePage(const BoundQuery& query, std::string_view api_version,
                                 bool all_rows, const std::vector<RowIndex>& rows, size_t from,
                                 int batch_size, std::string_view locator_id) const {
  QueryPage page;
  page.total_size = static_cast<int64_t>(rows.size());
  page.done = locator_id.empty();
  const size_t to = std::min(rows.size(), from + static_cast<size_t>(batch_size));
  std::string& out = page.body;
  out.reserve(64 + (to - from) * 160);
  out += "{\"totalSize\":";
  out += std::to_string(rows.size());
  out += page.done ? ",\"done\":true" : ",\"done\":false";
  if (!page.done) {
    page.next_records_url = "/services/data/v";
    page.next_records_url += api_version;
    page.next_records_url += "/query/";
    page.next_records_url += locator_id;
    page.next_records_url += '-';
    page.next_records_url += std::to_string(to);
    out += ",\"nextRecordsUrl\":";
    AppendJsonString(page.next_records_url, &out);
  }
  out += ",\"records\":[";
  RenderOptions render;
  render.api_version = api_version;
  render.all_rows = all_rows;
  const ObjectDef& object = *query.object;
  bool first = true;
  for (size_t i = from; i < to; ++i) {
    // A row created in a transaction that was rolled back after the query ran no longer exists.
    if (rows[i] >= store_.row_count(object)) continue;
    if (!first) out += ',';
    first = false;
    AppendQueryRecord(query, store_, rows[i], render, &out);
  }
  out += "]}";
  return page;
}

void QueryEngine::ExpireCursors(Timestamp now) {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    if (now - it->second.last_used > kCursorIdleTimeout) {
      it = cursors_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string QueryEngine::OpenCursor(Cursor cursor) {
  // Evict the user's least recently used cursors beyond the cap.
  for (;;) {
    int count = 0;
    auto oldest = cursors_.end();
    for (auto it = cursors_.begin(); it != cursors_.end(); ++it) {
      if (it->second.user != cursor.user) continue;
      ++count;
      if (oldest == cursors_.end() || it->second.last_used < oldest->second.last_used ||
          (it->second.last_used == oldest->second.last_used &&
           it->second.serial < oldest->second.serial)) {
        oldest = it;
      }
    }
    if (count < kMaxCursorsPerUser) break;
    cursors_.erase(oldest);
  }
  cursor.serial = next_cursor_serial_++;
  std::string id = SfId::Generate("01g", cursor.serial).ToLong();
  cursors_.emplace(id, std::move(cursor));
  return id;
}

}  // namespace recoup::sim::org::soql
