// The SOQL executor: finds the rows of a bound query (binder.h) in the record store, using the
// store's indexes where the WHERE clause allows it, then sorts, skips and limits them.
//
// Access paths. The WHERE clause is searched for comparisons the store can answer from an index
// (RecordStore::HasIndex: Id, unique and external-Id fields, and lookups that define a child
// relationship): `f = value` and `f IN (values)` on a field of the queried object itself, with no
// NULL and no date literal among the values. At the top level, in an AND (the most selective such
// operand: Id before unique/external Id before lookups, '=' before IN) and in an OR whose every
// operand is indexable (the union of the lookups). Everything else scans the object's rows in row
// (creation) order. Either way every candidate row is then checked against the whole WHERE clause,
// so the index only narrows the rows examined and never changes the result.
//
// Semantics (Salesforce's): `f = null` / `f != null` test for null; `f != v` and `f NOT IN (...)`
// also match rows where f is null; `<`, `<=`, `>`, `>=`, LIKE and INCLUDES never match null;
// EXCLUDES matches null. Text compares case-insensitively (value.h SoqlEquals/SoqlCompare; LIKE
// with like.h) except that unique/external-Id fields marked case-sensitive compare exactly, as
// their index does. A multi-select picklist `=` compares the sets of items (order and case do not
// matter); INCLUDES ('a;b', 'c') matches values holding both a and b, or c. A date literal compares
// as its range (date_literal.h). A parent path through an empty lookup is null, and so is one
// through a deleted parent unless the query reads all rows (queryAll). Deleted rows are skipped
// unless all_rows. ORDER BY is a stable sort (ties keep row order) with NULLS FIRST/LAST as bound
// (defaults: first for ASC, last for DESC); without ORDER BY rows come in row order. OFFSET and
// LIMIT apply after sorting.
#ifndef RECOUP_SIM_ORG_SOQL_EXECUTOR_H_
#define RECOUP_SIM_ORG_SOQL_EXECUTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/soql/binder.h"

namespace recoup::sim::org::soql {

// Counters for tests and benchmarks (cumulative; never reset by the executor).
struct ExecutionStats {
  uint64_t queries = 0;         // SelectRows/CountRows calls
  uint64_t index_accesses = 0;  // queries answered from an index
  uint64_t scans = 0;           // queries that scanned the object's rows
  uint64_t rows_examined = 0;   // candidate rows checked against WHERE (top-level object only)
};

// How the rows of a query are found.
struct AccessPlan {
  bool uses_index = false;
  std::vector<const BoundComparison*> lookups;  // uses_index: union of these index lookups
  // "index Collection_Account__c.External_Id__c (=)", "index ... (IN) + index ... (=)" or
  // "scan Collection_Account__c".
  std::string Describe() const;
};

// Chooses the access path for `query` as described above.
AccessPlan ChooseAccess(const BoundQuery& query, const RecordStore& store);

// The rows of `query.object` that match WHERE, sorted, after OFFSET and LIMIT. `all_rows` includes
// deleted rows (queryAll). `stats` may be null.
std::vector<RowIndex> SelectRows(const BoundQuery& query, const RecordStore& store, bool all_rows,
                                 ExecutionStats* stats);

// COUNT(): the number of matching rows after OFFSET and LIMIT, without materialising them.
int64_t CountRows(const BoundQuery& query, const RecordStore& store, bool all_rows,
                  ExecutionStats* stats);

// The children of `parent_row` selected by subquery `sub` (its WHERE, ORDER BY and LIMIT).
std::vector<RowIndex> SelectChildRows(const BoundSubquery& sub, const RecordStore& store,
                                      RowIndex parent_row, bool all_rows);

// The value of `path` for `row` of the path's base object (following parent lookups). Null when a
// lookup on the way is empty or, unless all_rows, points at a deleted record.
ValueView ValueAt(const BoundPath& path, const RecordStore& store, const ObjectDef& base,
                  RowIndex row, bool all_rows);

// Whether `row` of `base` satisfies `condition`.
bool Matches(const BoundCondition& condition, const RecordStore& store, const ObjectDef& base,
             RowIndex row, bool all_rows);

}  // namespace recoup::sim::org::soql

#endif  // RECOUP_SIM_ORG_SOQL_EXECUTOR_H_
