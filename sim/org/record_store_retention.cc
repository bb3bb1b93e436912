// RecordStore retention: full or count-only (write-only) objects (record_store.h).
#include <string>

#include "core/base/check.h"
#include "sim/org/record_store.h"
#include "sim/org/record_table.h"

namespace recoup::sim::org {

using store_internal::ObjectTable;

Status RecordStore::SetRetention(const ObjectDef& object, Retention retention) {
  RECOUP_CHECK_MSG(&schema_.object(object.index()) == &object, "object of another schema");
  RECOUP_CHECK_MSG(!in_transaction_, "SetRetention inside a transaction");
  if (object.is_platform_event()) {
    return InvalidArgumentError("record store: " + object.name() +
                                " is a platform event: the store keeps no records of it");
  }
  ObjectTable& t = table(object);
  const bool count_only = retention == Retention::kCountOnly;
  if (t.count_only() == count_only) return OkStatus();
  if (t.rows() > 0) {
    return InvalidArgumentError("record store: " + object.name() + " has " +
                                std::to_string(t.rows()) +
                                " records; set its retention before the first one is created");
  }
  if (count_only) {
    // Its rows would be parents that nobody can read (relationship queries, child lists).
    for (size_t i = 0; i < schema_.object_count(); ++i) {
      const ObjectDef& other = schema_.object(static_cast<int>(i));
      for (const FieldDef& f : other.fields()) {
        if (f.type == FieldType::kReference && f.reference_object_index == object.index()) {
          return InvalidArgumentError("record store: " + object.name() + " cannot be count-only: " +
                                      other.name() + "." + f.name + " refers to it");
        }
      }
    }
  }
  t.SetCountOnly(count_only);
  // The parents keep no list heads for a count-only child object (its table is empty, so every
  // head is empty).
  for (const FieldDef& f : object.fields()) {
    if (f.type != FieldType::kReference) continue;
    const int rel = t.column(f.index).child_rel;
    if (rel >= 0)
      tables_[static_cast<size_t>(f.reference_object_index)]->KeepChildHeads(rel, !count_only);
  }
  return OkStatus();
}

Retention RecordStore::retention(const ObjectDef& object) const {
  return table(object).count_only() ? Retention::kCountOnly : Retention::kFull;
}

}  // namespace recoup::sim::org
