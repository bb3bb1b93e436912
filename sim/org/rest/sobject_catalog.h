// SObjectCatalog: allocation-free lookups of a Schema's objects and fields by API name, for the hot
// REST paths (retrieve by Id with `?fields=`, create, update). Schema::FindObject and
// ObjectDef::FindField lower-case the name into a new string on every call; the catalog keeps the
// lower-cased names sorted once and compares case-insensitively in place.
//
// The catalog is an optimisation only: whenever its fast path does not find an answer, it asks the
// model's own functions (ResolveObject, ResolveFieldList), so results and errors are exactly
// theirs.
#ifndef RECOUP_SIM_ORG_REST_SOBJECT_CATALOG_H_
#define RECOUP_SIM_ORG_REST_SOBJECT_CATALOG_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/org/schema.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

class SObjectCatalog {
 public:
  // `schema` must outlive the catalog and no longer change.
  explicit SObjectCatalog(const Schema& schema);
  SObjectCatalog(const SObjectCatalog&) = delete;
  SObjectCatalog& operator=(const SObjectCatalog&) = delete;

  const Schema& schema() const { return schema_; }

  // The object named `name` (ASCII case-insensitive). Platform events only when `allow_events`.
  // NOT_FOUND (404) "The requested resource does not exist" otherwise (ResolveObject's error).
  SfOr<const ObjectDef*> Object(std::string_view name, bool allow_events) const;

  // The field of `object` named `name` (ASCII case-insensitive), or nullptr.
  const FieldDef* FindField(const ObjectDef& object, std::string_view name) const;

  // Every field of `object`, in schema order (what a retrieve without `fields=` returns).
  const std::vector<const FieldDef*>& AllFields(const ObjectDef& object) const;

  // The fields of a `fields=` list with ResolveFieldList's semantics (record_input.h: trimmed
  // names, duplicates kept once in first-seen order, an empty list means every field; INVALID_FIELD
  // 400 for an unknown name). Writes into *out (cleared first). No allocation beyond *out's growth.
  SfStatus ResolveFields(const ObjectDef& object, std::string_view comma_separated,
                         std::vector<const FieldDef*>* out) const;

 private:
  // Lower-cased name -> index, sorted by name.
  using NameIndex = std::vector<std::pair<std::string, int>>;
  static int Find(const NameIndex& index, std::string_view name);

  const Schema& schema_;
  NameIndex objects_;
  std::vector<NameIndex> fields_;                         // by ObjectDef::index()
  std::vector<std::vector<const FieldDef*>> all_fields_;  // by ObjectDef::index()
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_SOBJECT_CATALOG_H_
