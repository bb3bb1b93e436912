// Private types of RecordStore shared by its .cc files (internal to sim/org): the undo log entry
// and the per-table state that Begin() saves.
#ifndef RECOUP_SIM_ORG_RECORD_STORE_INTERNAL_H_
#define RECOUP_SIM_ORG_RECORD_STORE_INTERNAL_H_

#include <cstdint>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/store_columns.h"

namespace recoup::sim::org {

enum class UndoOp : uint8_t {
  kCreate,  // row was appended: detach it and pop it
  kSet,     // field of row had (raw, present); for child-linked references aux = old prev + 1
  kDelete,  // row was live: clear IsDeleted
};

struct RecordStore::UndoEntry {
  UndoOp op = UndoOp::kSet;
  int table = -1;  // ObjectDef::index()
  int field = -1;  // FieldDef::index (kSet)
  RowIndex row = kNoRow;
  uint64_t raw = 0;
  uint32_t aux = 0;
  bool present = false;
};

struct RecordStore::TableMark {
  store_internal::StringArena::Mark arena;
  std::vector<size_t> dictionaries;
  std::vector<size_t> index_capacities;
};

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_RECORD_STORE_INTERNAL_H_
