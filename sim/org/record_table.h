// One object's rows in the record store (internal to sim/org; record_store.h is the API): typed
// columns, the string arena, picklist dictionaries, hash indexes and child lists, with raw get/set
// that the store and its undo log share.
//
// A column value is handled as a "raw" 64-bit word plus a presence flag: bool 0/1, int and date as
// their int32 bits, double as its bits, datetime as ms, text as an arena reference, picklist as a
// dictionary code (0 = null), reference as parent serial (row + 1; 0 = null).
//
// A count-only table (RecordStore::SetRetention, Retention::kCountOnly) counts its rows and keeps
// their deleted bits, but its columns hold nothing, except unique / external-Id columns: those keep
// their non-null raw values by row in a map (`sparse`), so the hash index can compare keys. Its
// picklist dictionaries still learn new values (Encode), so their limit binds as it would.
#ifndef RECOUP_SIM_ORG_RECORD_TABLE_H_
#define RECOUP_SIM_ORG_RECORD_TABLE_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/org/ids.h"
#include "sim/org/schema.h"
#include "sim/org/store_columns.h"
#include "sim/org/value.h"

namespace recoup::sim::org {

namespace store_internal {

enum class Storage : uint8_t {
  kId,          // implicit: Generate(prefix, row + 1)
  kIsDeleted,   // the table's deleted bits
  kAutoNumber,  // implicit: format(row + 1)
  kModstamp,    // alias of LastModifiedDate
  kBool,        // bits
  kInt32,       // int, date
  kInt64,       // datetime (ms), double (bits)
  kText,        // arena reference
  kPicklist,    // uint16 dictionary code
  kReference,   // uint32 parent serial
};

struct Column {
  const FieldDef* field = nullptr;
  Storage storage = Storage::kText;
  BitVector present;            // kInt32 / kInt64 / kText
  BitVector bits;               // kBool
  ChunkedVector<uint32_t> u32;  // kInt32 / kReference
  ChunkedVector<uint64_t> u64;  // kInt64 / kText
  ChunkedVector<uint16_t> u16;  // kPicklist
  // Picklist dictionary: code c (>= 1) is dict[c - 1]. Restricted picklists are pre-filled with
  // their values and looked up case-insensitively; unrestricted ones grow and match exactly.
  std::deque<std::string> dict;
  std::unordered_map<std::string, uint16_t> dict_codes;  // determinism: allow(never iterated)
  // Unique / external-Id fields.
  std::unique_ptr<HashIndex> index;
  // In a count-only table, the raw values of an indexed column by row (absent = null).
  std::map<uint32_t, uint64_t> sparse;
  // Reference fields with a child relationship: the child list through this lookup.
  int child_rel = -1;                  // index in the parent's child_relationships()
  ChunkedVector<uint32_t> next, prev;  // per row: next/prev child row + 1 (0 = none)
};

// Per child relationship of this (parent) object: the first (oldest) child row + 1 of each parent
// row (0 = none). The list continues through the child column's next/prev (record_store_txn.cc).
struct ChildHeads {
  ChunkedVector<uint32_t> head;
  // False when the child object is count-only: no list ever starts, and `head` stays empty.
  bool kept = true;
};

// ASCII lower case: the dictionary key of a restricted picklist value.
std::string FoldCase(std::string_view s);

struct RawValue {
  uint64_t raw = 0;
  bool present = false;
};

class ObjectTable {
 public:
  ObjectTable(const Schema& schema, const ObjectDef& object);

  const ObjectDef& object() const { return object_; }
  uint32_t rows() const { return static_cast<uint32_t>(deleted_.size()); }
  uint32_t live_rows() const { return live_rows_; }
  bool deleted(uint32_t row) const { return deleted_.get(row); }
  void set_deleted(uint32_t row, bool d);

  // Count-only (see above). SetCountOnly needs an empty table (checked).
  bool count_only() const { return count_only_; }
  void SetCountOnly(bool count_only);
  // Whether the column of `field_index` holds values: always in a full table; in a count-only one
  // only for indexed columns.
  bool Keeps(int field_index) const {
    return !count_only_ || columns_[static_cast<size_t>(field_index)].index != nullptr;
  }
  // Keeps or drops the heads of child relationship `rel` of this (parent) table. Dropping needs
  // every head to be empty, i.e. a child table with no rows (the caller's check).
  void KeepChildHeads(int rel, bool keep);

  Column& column(int field_index) { return columns_[static_cast<size_t>(field_index)]; }
  const Column& column(int field_index) const { return columns_[static_cast<size_t>(field_index)]; }
  ChildHeads& heads(int rel) { return heads_[static_cast<size_t>(rel)]; }
  const ChildHeads& heads(int rel) const { return heads_[static_cast<size_t>(rel)]; }
  StringArena& arena() { return arena_; }
  // Indexes of the LastModifiedDate and LastModifiedById fields.
  int last_modified_field() const { return last_modified_field_; }
  int last_modified_by_field() const { return last_modified_by_field_; }

  // Appends a row with every column null / false (no index or child-list work). Returns its index.
  uint32_t AppendRow();
  // Removes the last row's storage (indexes and child lists must already be detached).
  void PopRow();

  // The value at `row`; in a count-only table only implicit and kept columns (checked in debug).
  ValueView Get(uint32_t row, const FieldDef& field) const;
  // Not present for a column a count-only table does not keep.
  RawValue GetRaw(uint32_t row, int field_index) const;
  // Stores raw bits (no index or child-list maintenance; see RecordStore). Kept columns only
  // (checked).
  void SetRaw(uint32_t row, int field_index, RawValue v);

  // Encodes a checked, non-null value of `field` as raw. Text is appended to the arena (or
  // overwritten in place over `old` when `overwrite_ok` and it fits); picklists may add a
  // dictionary entry. Returns false when an unrestricted picklist dictionary is full (65,535
  // values).
  bool Encode(const FieldDef& field, ValueView v, RawValue old, bool overwrite_ok, RawValue* out);

  // The index hash of a value for `field` (case-folded unless case-sensitive).
  static uint32_t IndexHash(const FieldDef& field, ValueView v);

  // Dictionary sizes, for rollback.
  std::vector<size_t> DictionarySizes() const;
  void TruncateDictionaries(const std::vector<size_t>& sizes);
  std::vector<size_t> IndexCapacities() const;
  void RestoreIndexCapacities(const std::vector<size_t>& capacities);

  size_t ApproximateBytes() const;

 private:
  const Schema& schema_;
  const ObjectDef& object_;
  std::vector<Column> columns_;
  std::vector<ChildHeads> heads_;
  BitVector deleted_;
  uint32_t live_rows_ = 0;
  bool count_only_ = false;
  StringArena arena_;
  int last_modified_field_ = -1;
  int last_modified_by_field_ = -1;
  // Auto-number format split around the digits: prefix, digit count, suffix.
  std::string auto_prefix_, auto_suffix_;
  int auto_digits_ = 0;
};

}  // namespace store_internal

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_RECORD_TABLE_H_
