// RecordStore: low-level writes that keep indexes and child lists in step, the undo log and
// transactions (record_store.h).
#include "core/base/check.h"
#include "sim/org/record_store.h"
#include "sim/org/record_store_internal.h"
#include "sim/org/record_table.h"

namespace recoup::sim::org {

using store_internal::ChildHeads;
using store_internal::ChunkedVector;
using store_internal::Column;
using store_internal::ObjectTable;
using store_internal::RawValue;

// Child lists are doubly linked and circular in one direction: the parent holds the first (oldest)
// child; each child's next leads to the newer one (0 after the last) and its prev to the older one,
// except the first child, whose prev is the last child. So appending at the end and unlinking
// anywhere are O(1) with 4 bytes per parent row.
void RecordStore::LinkChild(ObjectTable& t, RowIndex row, const FieldDef& field,
                            uint32_t after_plus1) {
  Column& c = t.column(field.index);
  ObjectTable& parent = *tables_[static_cast<size_t>(field.reference_object_index)];
  ChunkedVector<uint32_t>& heads = parent.heads(c.child_rel).head;
  const uint32_t parent_row = c.u32[row] - 1;
  const uint32_t head = heads[parent_row];
  const uint32_t me = row + 1;
  if (head == 0) {
    heads.set(parent_row, me);
    c.prev.set(row, me);
    c.next.set(row, 0);
    return;
  }
  if (after_plus1 == 0) {  // at the front
    c.prev.set(row, c.prev[head - 1]);
    c.next.set(row, head);
    c.prev.set(head - 1, me);
    heads.set(parent_row, me);
    return;
  }
  const uint32_t next = c.next[after_plus1 - 1];
  c.next.set(after_plus1 - 1, me);
  c.prev.set(row, after_plus1);
  c.next.set(row, next);
  if (next != 0) {
    c.prev.set(next - 1, me);
  } else {
    c.prev.set(head - 1, me);  // the new last child
  }
}

void RecordStore::AppendChild(ObjectTable& t, RowIndex row, const FieldDef& field) {
  Column& c = t.column(field.index);
  const ObjectTable& parent = *tables_[static_cast<size_t>(field.reference_object_index)];
  const uint32_t head = parent.heads(c.child_rel).head[c.u32[row] - 1];
  LinkChild(t, row, field, head == 0 ? 0 : c.prev[head - 1]);
}

uint32_t RecordStore::UnlinkChild(ObjectTable& t, RowIndex row, const FieldDef& field) {
  Column& c = t.column(field.index);
  ObjectTable& parent = *tables_[static_cast<size_t>(field.reference_object_index)];
  ChunkedVector<uint32_t>& heads = parent.heads(c.child_rel).head;
  const uint32_t parent_row = c.u32[row] - 1;
  const uint32_t head = heads[parent_row];
  const uint32_t me = row + 1;
  const uint32_t prev = c.prev[row];
  const uint32_t next = c.next[row];
  uint32_t before = 0;  // the older neighbour, 0 when `row` was the first child
  if (head == me) {
    heads.set(parent_row, next);
    if (next != 0) c.prev.set(next - 1, prev);  // the new first child points at the last one
  } else {
    before = prev;
    c.next.set(prev - 1, next);
    if (next != 0) {
      c.prev.set(next - 1, prev);
    } else {
      c.prev.set(head - 1, prev);  // `row` was the last child
    }
  }
  c.prev.set(row, 0);
  c.next.set(row, 0);
  return before;
}

void RecordStore::WriteValue(ObjectTable& t, RowIndex row, const FieldDef& field, ValueView v,
                             bool log) {
  Column& c = t.column(field.index);
  if (!t.Keeps(field.index)) {
    // A count-only table: nothing stored, nothing to undo. An unrestricted picklist still learns
    // the value, so its dictionary (and its 65,535-value limit) grows as in a full table; Rollback
    // truncates it.
    if (c.storage == store_internal::Storage::kPicklist && !field.restricted_picklist &&
        !v.is_null()) {
      RawValue ignored;
      const bool ok = t.Encode(field, v, RawValue{}, /*overwrite_ok=*/false, &ignored);
      RECOUP_CHECK_MSG(ok, "picklist dictionary room is checked before writing");
    }
    return;
  }
  const RawValue old = t.GetRaw(row, field.index);
  uint32_t old_prev = 0;
  if (c.index && old.present) c.index->Erase(row, ObjectTable::IndexHash(field, t.Get(row, field)));
  if (c.child_rel >= 0 && old.present) old_prev = UnlinkChild(t, row, field);
  RawValue nv;
  if (!v.is_null()) {
    const bool ok = t.Encode(field, v, old, /*overwrite_ok=*/!in_transaction_, &nv);
    RECOUP_CHECK_MSG(ok, "picklist dictionary room is checked before writing");
  }
  t.SetRaw(row, field.index, nv);
  if (c.index && nv.present) c.index->Insert(row, ObjectTable::IndexHash(field, t.Get(row, field)));
  if (c.child_rel >= 0 && nv.present) AppendChild(t, row, field);
  if (log && in_transaction_) {
    undo_.push_back(UndoEntry{UndoOp::kSet, t.object().index(), field.index, row, old.raw, old_prev,
                              old.present});
  }
}

void RecordStore::RestoreValue(const UndoEntry& e) {
  ObjectTable& t = *tables_[static_cast<size_t>(e.table)];
  const FieldDef& field = t.object().field(e.field);
  Column& c = t.column(field.index);
  const RawValue cur = t.GetRaw(e.row, field.index);
  if (c.index && cur.present)
    c.index->Erase(e.row, ObjectTable::IndexHash(field, t.Get(e.row, field)));
  if (c.child_rel >= 0 && cur.present) UnlinkChild(t, e.row, field);
  t.SetRaw(e.row, field.index, RawValue{e.raw, e.present});
  if (c.index && e.present)
    c.index->Insert(e.row, ObjectTable::IndexHash(field, t.Get(e.row, field)));
  if (c.child_rel >= 0 && e.present) LinkChild(t, e.row, field, e.aux);
}

void RecordStore::DetachRow(ObjectTable& t, RowIndex row) {
  for (const FieldDef& field : t.object().fields()) {
    Column& c = t.column(field.index);
    const RawValue cur = t.GetRaw(row, field.index);
    if (!cur.present) continue;
    if (c.index) c.index->Erase(row, ObjectTable::IndexHash(field, t.Get(row, field)));
    if (c.child_rel >= 0) UnlinkChild(t, row, field);
    if (c.storage == store_internal::Storage::kText) t.SetRaw(row, field.index, RawValue{});
  }
}

void RecordStore::Begin() {
  RECOUP_CHECK_MSG(!in_transaction_, "Begin inside a transaction");
  marks_.clear();
  marks_.resize(tables_.size());
  for (size_t i = 0; i < tables_.size(); ++i) {
    if (!tables_[i]) continue;
    marks_[i].arena = tables_[i]->arena().mark();
    marks_[i].dictionaries = tables_[i]->DictionarySizes();
    marks_[i].index_capacities = tables_[i]->IndexCapacities();
  }
  in_transaction_ = true;
}

void RecordStore::Commit() {
  RECOUP_CHECK_MSG(in_transaction_, "Commit outside a transaction");
  undo_.clear();
  if (undo_.capacity() > 65536) std::vector<UndoEntry>().swap(undo_);
  marks_.clear();
  in_transaction_ = false;
}

void RecordStore::Rollback() {
  RECOUP_CHECK_MSG(in_transaction_, "Rollback outside a transaction");
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    ObjectTable& t = *tables_[static_cast<size_t>(it->table)];
    switch (it->op) {
      case UndoOp::kCreate:
        RECOUP_CHECK_MSG(it->row + 1 == t.rows(), "undo of a create that is not the last row");
        DetachRow(t, it->row);
        t.PopRow();
        break;
      case UndoOp::kSet:
        RestoreValue(*it);
        break;
      case UndoOp::kDelete:
        t.set_deleted(it->row, false);
        break;
    }
  }
  for (size_t i = 0; i < tables_.size(); ++i) {
    if (!tables_[i]) continue;
    tables_[i]->arena().Truncate(marks_[i].arena);
    tables_[i]->TruncateDictionaries(marks_[i].dictionaries);
    tables_[i]->RestoreIndexCapacities(marks_[i].index_capacities);
  }
  undo_.clear();
  if (undo_.capacity() > 65536) std::vector<UndoEntry>().swap(undo_);
  marks_.clear();
  in_transaction_ = false;
}

}  // namespace recoup::sim::org
