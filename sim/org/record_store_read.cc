// RecordStore reads: rows by Id, values, parents, children, index lookups, memory (record_store.h).
#include <algorithm>

#include "core/base/check.h"
#include "sim/org/record_store.h"
#include "sim/org/record_store_internal.h"
#include "sim/org/record_table.h"

namespace recoup::sim::org {

using store_internal::ChildHeads;
using store_internal::Column;
using store_internal::ObjectTable;

namespace {

SfError NotFound() {
  return MakeSfError(404, "NOT_FOUND", "The requested resource does not exist");
}

// The key as an Id: kId as is, a string parsed as a 15/18-character Id; nullopt otherwise.
std::optional<SfId> KeyAsId(ValueView key) {
  if (key.kind() == ValueKind::kId) return key.id();
  if (key.kind() == ValueKind::kString) {
    SfOr<SfId> id = ParseId(key.str());
    if (id.ok()) return *id;
  }
  return std::nullopt;
}

bool KeyFitsField(const FieldDef& f, ValueView key) {
  if (IsTextType(f.type)) return key.kind() == ValueKind::kString;
  if (f.type == FieldType::kInt || IsFractionalType(f.type)) return key.is_numeric();
  return false;
}

}  // namespace

SfOr<RowIndex> RecordStore::FindRow(const ObjectDef& object, const SfId& id, bool all_rows) const {
  SfOr<RowIndex> row = RowOf(object, id, all_rows);
  if (row.ok() && table(object).count_only()) {
    return MakeSfError(404, "NOT_FOUND",
                       "The requested resource does not exist: " + object.name() +
                           " is write-only in this org (its records are validated and counted, "
                           "not kept)");
  }
  return row;
}

SfOr<RowIndex> RecordStore::RowOf(const ObjectDef& object, const SfId& id, bool all_rows) const {
  if (object.is_platform_event() || id.empty() || id.key_prefix() != object.key_prefix()) {
    return NotFound();
  }
  const ObjectTable& t = table(object);
  std::optional<uint64_t> serial = id.GeneratedSerial();
  if (!serial || *serial > t.rows()) return NotFound();
  const auto row = static_cast<RowIndex>(*serial - 1);
  if (!all_rows && t.deleted(row)) return NotFound();
  return row;
}

std::optional<RowRef> RecordStore::FindAnyRow(const SfId& id) const {
  if (id.empty()) return std::nullopt;
  const ObjectDef* object = schema_.FindObjectByKeyPrefix(id.key_prefix());
  if (object == nullptr || object->is_platform_event()) return std::nullopt;
  SfOr<RowIndex> row = RowOf(*object, id, /*all_rows=*/true);
  if (!row.ok()) return std::nullopt;
  return RowRef{object, *row};
}

RowIndex RecordStore::row_count(const ObjectDef& object) const { return table(object).rows(); }

RowIndex RecordStore::live_row_count(const ObjectDef& object) const {
  return table(object).live_rows();
}

bool RecordStore::IsDeleted(const ObjectDef& object, RowIndex row) const {
  const ObjectTable& t = table(object);
  RECOUP_CHECK_MSG(row < t.rows(), "row out of range");
  return t.deleted(row);
}

SfId RecordStore::IdOf(const ObjectDef& object, RowIndex row) const {
  RECOUP_CHECK_MSG(row < table(object).rows(), "row out of range");
  return SfId::Generate(object.key_prefix(), uint64_t{row} + 1);
}

ValueView RecordStore::Get(const ObjectDef& object, RowIndex row, const FieldDef& field) const {
  const ObjectTable& t = table(object);
  RECOUP_CHECK_MSG(row < t.rows(), "row out of range");
  RECOUP_CHECK_MSG(field.index >= 0 && &object.field(field.index) == &field,
                   "field of another object");
  RECOUP_CHECK_MSG(!t.count_only(), "Get on a count-only object: its values are not kept");
  return t.Get(row, field);
}

RowIndex RecordStore::ParentRow(const ObjectDef& object, RowIndex row,
                                const FieldDef& field) const {
  const ObjectTable& t = table(object);
  RECOUP_CHECK_MSG(
      row < t.rows() && field.type == FieldType::kReference && &object.field(field.index) == &field,
      "ParentRow needs a row and a reference field of the object");
  RECOUP_CHECK_MSG(!t.count_only(), "ParentRow on a count-only object: its values are not kept");
  return t.column(field.index).u32[row] - 1;  // 0 (null) becomes kNoRow
}

RowIndex RecordStore::FirstChild(const ChildRelationship& rel, RowIndex parent_row) const {
  const ObjectTable& t = *tables_[static_cast<size_t>(rel.child_object_index)];
  const FieldDef& field = t.object().field(rel.field_index);
  const Column& c = t.column(field.index);
  const ObjectTable& parent = *tables_[static_cast<size_t>(field.reference_object_index)];
  RECOUP_CHECK_MSG(parent_row < parent.rows(), "parent row out of range");
  const ChildHeads& heads = parent.heads(c.child_rel);
  if (!heads.kept) return kNoRow;  // a count-only child object: no lists
  return heads.head[parent_row] - 1;
}

RowIndex RecordStore::NextChild(const ChildRelationship& rel, RowIndex child_row) const {
  const ObjectTable& t = *tables_[static_cast<size_t>(rel.child_object_index)];
  const Column& c = t.column(rel.field_index);
  return c.next[child_row] - 1;
}

void RecordStore::AppendChildren(const ChildRelationship& rel, RowIndex parent_row, bool all_rows,
                                 std::vector<RowIndex>* out) const {
  const ObjectTable& t = *tables_[static_cast<size_t>(rel.child_object_index)];
  for (RowIndex c = FirstChild(rel, parent_row); c != kNoRow; c = NextChild(rel, c)) {
    if (all_rows || !t.deleted(c)) out->push_back(c);
  }
}

bool RecordStore::HasIndex(const FieldDef& field) const {
  return field.type == FieldType::kId || field.unique || field.external_id ||
         (field.type == FieldType::kReference && !field.child_relationship_name.empty());
}

void RecordStore::LookupEqual(const ObjectDef& object, const FieldDef& field, ValueView key,
                              std::vector<RowIndex>* out) const {
  RECOUP_CHECK_MSG(HasIndex(field) && &object.field(field.index) == &field,
                   "LookupEqual needs an indexed field of the object");
  if (table(object).count_only()) return;  // no readable rows
  IndexLookup(object, field, key, out);
}

void RecordStore::IndexLookup(const ObjectDef& object, const FieldDef& field, ValueView key,
                              std::vector<RowIndex>* out) const {
  RECOUP_CHECK_MSG(HasIndex(field) && &object.field(field.index) == &field,
                   "IndexLookup needs an indexed field of the object");
  if (key.is_null()) return;
  const ObjectTable& t = table(object);
  const size_t first = out->size();
  if (field.type == FieldType::kId) {
    std::optional<SfId> id = KeyAsId(key);
    if (!id) return;
    SfOr<RowIndex> row = RowOf(object, *id, /*all_rows=*/true);
    if (row.ok()) out->push_back(*row);
    return;
  }
  if (field.type == FieldType::kReference) {
    RECOUP_CHECK_MSG(!t.count_only(), "a count-only object keeps no child lists");
    std::optional<SfId> id = KeyAsId(key);
    if (!id) return;
    const ObjectDef& parent = schema_.object(field.reference_object_index);
    SfOr<RowIndex> parent_row = FindRow(parent, *id, /*all_rows=*/true);
    if (!parent_row.ok()) return;
    const Column& c = t.column(field.index);
    const ObjectTable& p = table(parent);
    for (uint32_t r = p.heads(c.child_rel).head[*parent_row]; r != 0; r = c.next[r - 1]) {
      out->push_back(r - 1);
    }
  } else {
    if (!KeyFitsField(field, key)) return;
    const Column& c = t.column(field.index);
    c.index->ForEach(ObjectTable::IndexHash(field, key), [&](uint32_t row) {
      const ValueView stored = t.Get(row, field);
      const bool equal = field.case_sensitive ? stored.str() == key.str() : SoqlEquals(stored, key);
      if (equal) out->push_back(row);
    });
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
}

void RecordStore::LookupIn(const ObjectDef& object, const FieldDef& field,
                           const std::vector<FieldValue>& keys, std::vector<RowIndex>* out) const {
  const size_t first = out->size();
  for (const FieldValue& k : keys) LookupEqual(object, field, k, out);
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(first), out->end()),
             out->end());
}

size_t RecordStore::ApproximateBytes(const ObjectDef& object) const {
  return table(object).ApproximateBytes();
}

size_t RecordStore::ApproximateBytes() const {
  size_t total = sizeof(*this) + tables_.capacity() * sizeof(void*);
  for (const auto& t : tables_) {
    if (t) total += t->ApproximateBytes();
  }
  return total;
}

}  // namespace recoup::sim::org
