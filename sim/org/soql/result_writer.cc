// JSON text for SOQL result records (see result_writer.h).
#include "sim/org/soql/result_writer.h"

#include "sim/org/soql/executor.h"
#include "sim/org/value.h"

namespace recoup::sim::org::soql {
namespace {

void AppendNode(const BoundQuery* query, const std::vector<ProjectionNode>& nodes, size_t node,
                const RecordStore& store, RowIndex row, const RenderOptions& options,
                std::string* out);

void AppendChildList(const BoundSubquery& sub, const RecordStore& store, RowIndex parent_row,
                     const RenderOptions& options, std::string* out) {
  const std::vector<RowIndex> rows = SelectChildRows(sub, store, parent_row, options.all_rows);
  if (rows.empty()) {
    *out += "null";
    return;
  }
  *out += "{\"totalSize\":";
  *out += std::to_string(rows.size());
  *out += ",\"done\":true,\"records\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) *out += ',';
    AppendNode(nullptr, sub.nodes, 0, store, rows[i], options, out);
  }
  *out += "]}";
}

void AppendNode(const BoundQuery* query, const std::vector<ProjectionNode>& nodes, size_t node,
                const RecordStore& store, RowIndex row, const RenderOptions& options,
                std::string* out) {
  const ProjectionNode& n = nodes[node];
  const ObjectDef& object = *n.object;
  *out += "{\"attributes\":{\"type\":";
  AppendJsonString(object.name(), out);
  *out += ",\"url\":\"";
  AppendRecordUrl(options.api_version, object, store.IdOf(object, row), out);
  *out += "\"}";
  for (const ProjectionMember& m : n.members) {
    *out += ',';
    switch (m.kind) {
      case ProjectionMember::Kind::kField:
        AppendJsonString(m.field->name, out);
        *out += ':';
        AppendValueJson(store.Get(object, row, *m.field), out);
        break;
      case ProjectionMember::Kind::kParent: {
        AppendJsonString(m.field->relationship_name, out);
        *out += ':';
        const RowIndex parent = store.ParentRow(object, row, *m.field);
        const ObjectDef& parent_object = *nodes[m.node].object;
        if (parent == kNoRow || parent >= store.row_count(parent_object) ||
            (!options.all_rows && store.IsDeleted(parent_object, parent))) {
          *out += "null";
        } else {
          AppendNode(query, nodes, m.node, store, parent, options, out);
        }
        break;
      }
      case ProjectionMember::Kind::kChild: {
        const BoundSubquery& sub = query->subqueries[m.subquery];
        AppendJsonString(sub.relationship->relationship_name, out);
        *out += ':';
        AppendChildList(sub, store, row, options, out);
        break;
      }
    }
  }
  *out += '}';
}

}  // namespace

void AppendRecordUrl(std::string_view api_version, const ObjectDef& object, const SfId& id,
                     std::string* out) {
  *out += "/services/data/v";
  *out += api_version;
  *out += "/sobjects/";
  *out += object.name();
  *out += '/';
  const size_t at = out->size();
  out->resize(at + SfId::kLongLength);
  id.WriteLong(out->data() + at);
}

void AppendQueryRecord(const BoundQuery& query, const RecordStore& store, RowIndex row,
                       const RenderOptions& options, std::string* out) {
  AppendNode(&query, query.nodes, 0, store, row, options, out);
}

}  // namespace recoup::sim::org::soql
