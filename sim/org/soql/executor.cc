// The SOQL executor (see executor.h).
#include "sim/org/soql/executor.h"

#include <algorithm>
#include <optional>

#include "sim/org/soql/text.h"

namespace recoup::sim::org::soql {
namespace {

// ---- Comparisons
// ---------------------------------------------------------------------------------

// The ordinal of a date (days) or datetime (milliseconds) value, for date-literal ranges.
int64_t Ordinal(ValueView v) {
  return v.kind() == ValueKind::kDate ? v.date_days() : v.datetime_millis();
}

// Calls fn(item) for each ';'-separated, blank-trimmed, non-empty item of a multi-select value.
template <typename Fn>
bool AnyItem(std::string_view text, Fn fn) {
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find(';', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(begin, end - begin);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty() && fn(item)) return true;
    begin = end + 1;
  }
  return false;
}

bool HasItem(std::string_view value, std::string_view wanted) {
  return AnyItem(value, [&](std::string_view item) { return EqualsFolded(item, wanted); });
}

// All of `items` are in the multi-select `value`.
bool HasAll(std::string_view value, const std::vector<std::string>& items) {
  return std::all_of(items.begin(), items.end(),
                     [&](const std::string& item) { return HasItem(value, item); });
}

// Set equality of a multi-select value and `items` (items are de-duplicated).
bool SameItems(std::string_view value, const std::vector<std::string>& items) {
  if (!HasAll(value, items)) return false;
  const bool extra = AnyItem(value, [&](std::string_view item) {
    return std::none_of(items.begin(), items.end(),
                        [&](const std::string& s) { return EqualsFolded(s, item); });
  });
  return !extra;
}

// `v` equals the i-th value of `c`.
bool EqualsValue(const BoundComparison& c, size_t i, ValueView v) {
  const BoundValue& b = c.values[i];
  if (b.is_range) {
    if (v.is_null()) return false;
    const int64_t x = Ordinal(v);
    return x >= b.lo && x < b.hi;
  }
  if (b.value.is_null()) return v.is_null();
  if (v.is_null()) return false;
  const FieldDef& field = *c.path.field;
  if (field.type == FieldType::kMultiPicklist) return SameItems(v.str(), c.item_sets[i]);
  if (field.case_sensitive && IsTextType(field.type) && v.kind() == ValueKind::kString) {
    return v.str() == b.value.str();
  }
  return SoqlEquals(v, b.value);
}

bool EqualsAny(const BoundComparison& c, ValueView v) {
  for (size_t i = 0; i < c.values.size(); ++i) {
    if (EqualsValue(c, i, v)) return true;
  }
  return false;
}

bool Ordered(const BoundComparison& c, ValueView v) {
  const BoundValue& b = c.values[0];
  if (v.is_null()) return false;
  if (b.is_range) {
    const int64_t x = Ordinal(v);
    switch (c.op) {
      case CompareOp::kLt:
        return x < b.lo;
      case CompareOp::kLe:
        return x < b.hi;
      case CompareOp::kGt:
        return x >= b.hi;
      case CompareOp::kGe:
        return x >= b.lo;
      default:
        return false;
    }
  }
  if (b.value.is_null() || !Comparable(v, b.value)) return false;
  const int cmp = SoqlCompare(v, b.value, /*total=*/false);
  switch (c.op) {
    case CompareOp::kLt:
      return cmp < 0;
    case CompareOp::kLe:
      return cmp <= 0;
    case CompareOp::kGt:
      return cmp > 0;
    case CompareOp::kGe:
      return cmp >= 0;
    default:
      return false;
  }
}

bool ComparisonMatches(const BoundComparison& c, ValueView v) {
  switch (c.op) {
    case CompareOp::kEq:
      return EqualsValue(c, 0, v);
    case CompareOp::kNe:
      return !EqualsValue(c, 0, v);
    case CompareOp::kLt:
    case CompareOp::kLe:
    case CompareOp::kGt:
    case CompareOp::kGe:
      return Ordered(c, v);
    case CompareOp::kLike:
      return v.kind() == ValueKind::kString && c.like.Matches(v.str());
    case CompareOp::kIn:
      return EqualsAny(c, v);
    case CompareOp::kNotIn:
      return !EqualsAny(c, v);
    case CompareOp::kIncludes:
    case CompareOp::kExcludes: {
      bool any = false;
      if (v.kind() == ValueKind::kString) {
        for (const auto& items : c.item_sets) {
          if (HasAll(v.str(), items)) {
            any = true;
            break;
          }
        }
      }
      return c.op == CompareOp::kIncludes ? any : !any;
    }
  }
  return false;
}

// ---- Access paths
// --------------------------------------------------------------------------------

bool Indexable(const BoundComparison& c, const RecordStore& store) {
  if (!c.path.hops.empty() || c.path.field->type == FieldType::kMultiPicklist) return false;
  if (c.op != CompareOp::kEq && c.op != CompareOp::kIn) return false;
  if (!store.HasIndex(*c.path.field) || c.values.empty()) return false;
  return std::none_of(c.values.begin(), c.values.end(),
                      [](const BoundValue& v) { return v.is_range || v.value.is_null(); });
}

// Lower is more selective.
int Rank(const BoundComparison& c) {
  const FieldDef& f = *c.path.field;
  const int base = f.type == FieldType::kId ? 0 : (f.unique || f.external_id) ? 2 : 4;
  return base + (c.op == CompareOp::kIn ? 1 : 0);
}

std::optional<std::vector<const BoundComparison*>> Plan(const BoundCondition& c,
                                                        const RecordStore& store) {
  switch (c.kind) {
    case Condition::Kind::kComparison:
      if (!Indexable(c.comparison, store)) return std::nullopt;
      return std::vector<const BoundComparison*>{&c.comparison};
    case Condition::Kind::kAnd: {
      std::optional<std::vector<const BoundComparison*>> best;
      int best_rank = 0;
      for (const BoundCondition& operand : c.operands) {
        auto plan = Plan(operand, store);
        if (!plan) continue;
        int rank = 0;
        for (const BoundComparison* l : *plan) rank = std::max(rank, Rank(*l));
        rank = rank * 64 + static_cast<int>(std::min<size_t>(plan->size(), 63));
        if (!best || rank < best_rank) {
          best = std::move(plan);
          best_rank = rank;
        }
      }
      return best;
    }
    case Condition::Kind::kOr: {
      std::vector<const BoundComparison*> all;
      for (const BoundCondition& operand : c.operands) {
        auto plan = Plan(operand, store);
        if (!plan) return std::nullopt;
        all.insert(all.end(), plan->begin(), plan->end());
      }
      return all;
    }
    case Condition::Kind::kNot:
      return std::nullopt;
  }
  return std::nullopt;
}

// The candidate rows of an index plan, ascending and distinct.
std::vector<RowIndex> LookupRows(const AccessPlan& plan, const BoundQuery& query,
                                 const RecordStore& store) {
  std::vector<RowIndex> rows;
  for (const BoundComparison* c : plan.lookups) {
    if (c->op == CompareOp::kEq) {
      store.LookupEqual(*query.object, *c->path.field, c->values[0].value, &rows);
    } else {
      std::vector<FieldValue> keys;
      keys.reserve(c->values.size());
      for (const BoundValue& v : c->values) keys.push_back(v.value);
      store.LookupIn(*query.object, *c->path.field, keys, &rows);
    }
  }
  if (plan.lookups.size() > 1) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }
  return rows;
}

// Calls visit(row) for every live (or, with all_rows, every) row that matches WHERE, in ascending
// row order, until visit returns false.
template <typename Visit>
void ForEachMatch(const BoundQuery& query, const RecordStore& store, bool all_rows,
                  ExecutionStats* stats, Visit visit) {
  const ObjectDef& object = *query.object;
  const AccessPlan plan = ChooseAccess(query, store);
  ExecutionStats local;
  ExecutionStats& s = stats != nullptr ? *stats : local;
  ++s.queries;
  auto check = [&](RowIndex row) {
    ++s.rows_examined;
    if (!all_rows && store.IsDeleted(object, row)) return true;
    if (query.where && !Matches(*query.where, store, object, row, all_rows)) return true;
    return visit(row);
  };
  if (plan.uses_index) {
    ++s.index_accesses;
    for (RowIndex row : LookupRows(plan, query, store)) {
      if (!check(row)) return;
    }
    return;
  }
  ++s.scans;
  const RowIndex n = store.row_count(object);
  for (RowIndex row = 0; row < n; ++row) {
    if (!check(row)) return;
  }
}

// Stable order of rows by `order` (ties by row index).
class RowLess {
 public:
  // `tie_by_row`: equal keys order by row index (a total order, for partial_sort); otherwise they
  // compare equal (for stable_sort over lists that are not in row order).
  RowLess(const std::vector<BoundOrder>& order, const RecordStore& store, const ObjectDef& base,
          bool all_rows, bool tie_by_row)
      : order_(order), store_(store), base_(base), all_rows_(all_rows), tie_by_row_(tie_by_row) {}
  bool operator()(RowIndex a, RowIndex b) const {
    for (const BoundOrder& o : order_) {
      const ValueView va = ValueAt(o.path, store_, base_, a, all_rows_);
      const ValueView vb = ValueAt(o.path, store_, base_, b, all_rows_);
      if (va.is_null() || vb.is_null()) {
        if (va.is_null() && vb.is_null()) continue;
        return va.is_null() == o.nulls_first;
      }
      const int cmp = SoqlCompare(va, vb, /*total=*/true);
      if (cmp != 0) return o.descending ? cmp > 0 : cmp < 0;
    }
    return tie_by_row_ && a < b;
  }

 private:
  const std::vector<BoundOrder>& order_;
  const RecordStore& store_;
  const ObjectDef& base_;
  bool all_rows_;
  bool tie_by_row_;
};

// Sorts (or partially sorts, when only the first `keep` rows are needed) and applies offset/limit.
void OrderAndSlice(std::vector<RowIndex>* rows, const std::vector<BoundOrder>& order,
                   const RecordStore& store, const ObjectDef& base, bool all_rows,
                   std::optional<int64_t> offset, std::optional<int64_t> limit) {
  const size_t skip = static_cast<size_t>(offset.value_or(0));
  size_t keep = rows->size();
  if (limit) keep = std::min(keep, skip + static_cast<size_t>(*limit));
  if (!order.empty()) {
    const RowLess less(order, store, base, all_rows, /*tie_by_row=*/true);
    if (keep < rows->size()) {
      std::partial_sort(rows->begin(), rows->begin() + static_cast<ptrdiff_t>(keep), rows->end(),
                        less);
    } else {
      std::sort(rows->begin(), rows->end(), less);
    }
  }
  rows->resize(keep);
  rows->erase(rows->begin(), rows->begin() + static_cast<ptrdiff_t>(std::min(skip, rows->size())));
}

}  // namespace

std::string AccessPlan::Describe() const {
  if (!uses_index) return "scan";
  std::string text;
  for (const BoundComparison* c : lookups) {
    if (!text.empty()) text += " + ";
    text += "index ";
    text += c->path.object->name();
    text += '.';
    text += c->path.field->name;
    text += c->op == CompareOp::kEq ? " (=)" : " (IN)";
  }
  return text;
}

AccessPlan ChooseAccess(const BoundQuery& query, const RecordStore& store) {
  AccessPlan plan;
  if (!query.where) return plan;
  auto lookups = Plan(*query.where, store);
  if (lookups) {
    plan.uses_index = true;
    plan.lookups = std::move(*lookups);
  }
  return plan;
}

ValueView ValueAt(const BoundPath& path, const RecordStore& store, const ObjectDef& base,
                  RowIndex row, bool all_rows) {
  const ObjectDef* object = &base;
  for (const FieldDef* hop : path.hops) {
    row = store.ParentRow(*object, row, *hop);
    object = &store.schema().object(hop->reference_object_index);
    // A lookup to a row that does not exist (an acting user without a User record) reads as null.
    if (row == kNoRow || row >= store.row_count(*object) ||
        (!all_rows && store.IsDeleted(*object, row))) {
      return ValueView::Null();
    }
  }
  return store.Get(*object, row, *path.field);
}

bool Matches(const BoundCondition& condition, const RecordStore& store, const ObjectDef& base,
             RowIndex row, bool all_rows) {
  switch (condition.kind) {
    case Condition::Kind::kComparison:
      return ComparisonMatches(condition.comparison,
                               ValueAt(condition.comparison.path, store, base, row, all_rows));
    case Condition::Kind::kAnd:
      for (const BoundCondition& c : condition.operands) {
        if (!Matches(c, store, base, row, all_rows)) return false;
      }
      return true;
    case Condition::Kind::kOr:
      for (const BoundCondition& c : condition.operands) {
        if (Matches(c, store, base, row, all_rows)) return true;
      }
      return false;
    case Condition::Kind::kNot:
      return !Matches(condition.operands.at(0), store, base, row, all_rows);
  }
  return false;
}

std::vector<RowIndex> SelectRows(const BoundQuery& query, const RecordStore& store, bool all_rows,
                                 ExecutionStats* stats) {
  std::vector<RowIndex> rows;
  // Without ORDER BY the first offset + limit matches in row order are the answer: stop there.
  std::optional<size_t> enough;
  if (query.order_by.empty() && query.limit) {
    enough = static_cast<size_t>(query.offset.value_or(0) + *query.limit);
  }
  if (enough && *enough == 0) return rows;
  ForEachMatch(query, store, all_rows, stats, [&](RowIndex row) {
    rows.push_back(row);
    return !enough || rows.size() < *enough;
  });
  OrderAndSlice(&rows, query.order_by, store, *query.object, all_rows, query.offset, query.limit);
  return rows;
}

int64_t CountRows(const BoundQuery& query, const RecordStore& store, bool all_rows,
                  ExecutionStats* stats) {
  int64_t count = 0;
  ForEachMatch(query, store, all_rows, stats, [&](RowIndex) {
    ++count;
    return true;
  });
  count = std::max<int64_t>(0, count - query.offset.value_or(0));
  if (query.limit) count = std::min(count, *query.limit);
  return count;
}

std::vector<RowIndex> SelectChildRows(const BoundSubquery& sub, const RecordStore& store,
                                      RowIndex parent_row, bool all_rows) {
  std::vector<RowIndex> rows;
  const ObjectDef& child = *sub.object;
  for (RowIndex c = store.FirstChild(*sub.relationship, parent_row); c != kNoRow;
       c = store.NextChild(*sub.relationship, c)) {
    if (!all_rows && store.IsDeleted(child, c)) continue;
    if (sub.where && !Matches(*sub.where, store, child, c, all_rows)) continue;
    rows.push_back(c);
  }
  if (!sub.order_by.empty()) {
    std::stable_sort(rows.begin(), rows.end(),
                     RowLess(sub.order_by, store, child, all_rows, /*tie_by_row=*/false));
  }
  if (sub.limit && rows.size() > static_cast<size_t>(*sub.limit)) {
    rows.resize(static_cast<size_t>(*sub.limit));
  }
  return rows;
}

}  // namespace recoup::sim::org::soql
