// ObjectTable: typed columns of one object (record_table.h).
#include "sim/org/record_table.h"

#include <cstring>

#include "core/base/check.h"

namespace recoup::sim::org::store_internal {
namespace {

// A std::map node of a count-only table's indexed column: tree links and colour (32) + row and raw
// value (16), as libstdc++ lays it out; ApproximateBytes counts entries, so a rollback that erases
// them restores the figure exactly.
constexpr size_t kSparseNodeBytes = 48;

Storage StorageFor(const FieldDef& f) {
  if (f.type == FieldType::kId) return Storage::kId;
  if (!f.custom && f.name == "IsDeleted") return Storage::kIsDeleted;
  if (!f.custom && f.name == "SystemModstamp") return Storage::kModstamp;
  if (!f.auto_number_format.empty()) return Storage::kAutoNumber;
  switch (f.type) {
    case FieldType::kBoolean:
      return Storage::kBool;
    case FieldType::kInt:
    case FieldType::kDate:
      return Storage::kInt32;
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent:
    case FieldType::kDateTime:
      return Storage::kInt64;
    case FieldType::kPicklist:
      return Storage::kPicklist;
    case FieldType::kReference:
      return Storage::kReference;
    default:
      return Storage::kText;
  }
}

}  // namespace

std::string FoldCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

ObjectTable::ObjectTable(const Schema& schema, const ObjectDef& object)
    : schema_(schema), object_(object) {
  columns_.resize(object.fields().size());
  heads_.resize(object.child_relationships().size());
  for (const FieldDef& f : object.fields()) {
    Column& c = columns_[static_cast<size_t>(f.index)];
    c.field = &f;
    c.storage = StorageFor(f);
    if (f.name == "LastModifiedDate" && !f.custom) last_modified_field_ = f.index;
    if (f.name == "LastModifiedById" && !f.custom) last_modified_by_field_ = f.index;
    if (c.storage == Storage::kAutoNumber) {
      const size_t open = f.auto_number_format.find('{');
      const size_t close = f.auto_number_format.find('}');
      auto_prefix_ = f.auto_number_format.substr(0, open);
      auto_suffix_ = f.auto_number_format.substr(close + 1);
      auto_digits_ = static_cast<int>(close - open - 1);
    }
    if (c.storage == Storage::kPicklist) {
      for (const PicklistValue& p : f.picklist_values) {
        c.dict.push_back(p.value);
        const std::string key = f.restricted_picklist ? FoldCase(p.value) : p.value;
        c.dict_codes.emplace(key, static_cast<uint16_t>(c.dict.size()));
      }
    }
    if (f.unique || f.external_id) c.index = std::make_unique<HashIndex>();
    if (f.type == FieldType::kReference && !f.child_relationship_name.empty()) {
      const ObjectDef& parent = schema.object(f.reference_object_index);
      for (size_t i = 0; i < parent.child_relationships().size(); ++i) {
        const ChildRelationship& rel = parent.child_relationships()[i];
        if (rel.child_object_index == object.index() && rel.field_index == f.index) {
          c.child_rel = static_cast<int>(i);
        }
      }
      RECOUP_CHECK_MSG(c.child_rel >= 0, "child relationship missing from the parent");
    }
  }
  RECOUP_CHECK_MSG(last_modified_field_ >= 0 && last_modified_by_field_ >= 0,
                   "record objects have LastModifiedDate and LastModifiedById");
}

void ObjectTable::set_deleted(uint32_t row, bool d) {
  if (deleted_.get(row) == d) return;
  deleted_.set(row, d);
  live_rows_ = d ? live_rows_ - 1 : live_rows_ + 1;
}

void ObjectTable::SetCountOnly(bool count_only) {
  RECOUP_CHECK_MSG(rows() == 0, "retention changes need an empty table");
  count_only_ = count_only;
}

void ObjectTable::KeepChildHeads(int rel, bool keep) {
  ChildHeads& h = heads_[static_cast<size_t>(rel)];
  if (h.kept == keep) return;
  h = ChildHeads{};
  h.kept = keep;
  if (keep) {
    for (uint32_t r = 0; r < rows(); ++r) h.head.push_back(0);
  }
}

uint32_t ObjectTable::AppendRow() {
  for (Column& c : columns_) {
    if (count_only_) break;  // nothing per row (indexed values live in `sparse`)
    switch (c.storage) {
      case Storage::kBool:
        c.bits.push_back(false);
        break;
      case Storage::kInt32:
        c.present.push_back(false);
        c.u32.push_back(0);
        break;
      case Storage::kInt64:
      case Storage::kText:
        c.present.push_back(false);
        c.u64.push_back(0);
        break;
      case Storage::kPicklist:
        c.u16.push_back(0);
        break;
      case Storage::kReference:
        c.u32.push_back(0);
        if (c.child_rel >= 0) {
          c.next.push_back(0);
          c.prev.push_back(0);
        }
        break;
      default:
        break;
    }
  }
  for (ChildHeads& h : heads_) {
    if (h.kept) h.head.push_back(0);
  }
  deleted_.push_back(false);
  ++live_rows_;
  return rows() - 1;
}

void ObjectTable::PopRow() {
  RECOUP_CHECK_MSG(rows() > 0, "PopRow on an empty table");
  for (Column& c : columns_) {
    if (count_only_) {
      if (c.index) SetRaw(rows() - 1, c.field->index, RawValue{});
      continue;
    }
    switch (c.storage) {
      case Storage::kBool:
        c.bits.pop_back();
        break;
      case Storage::kInt32:
        c.present.pop_back();
        c.u32.pop_back();
        break;
      case Storage::kInt64:
      case Storage::kText:
        c.present.pop_back();
        c.u64.pop_back();
        break;
      case Storage::kPicklist:
        c.u16.pop_back();
        break;
      case Storage::kReference:
        c.u32.pop_back();
        if (c.child_rel >= 0) {
          c.next.pop_back();
          c.prev.pop_back();
        }
        break;
      default:
        break;
    }
  }
  for (ChildHeads& h : heads_) {
    if (h.kept) h.head.pop_back();
  }
  if (!deleted_.get(rows() - 1)) --live_rows_;
  deleted_.pop_back();
}

ValueView ObjectTable::Get(uint32_t row, const FieldDef& field) const {
  RECOUP_DCHECK(row < rows());
  const Column& c = columns_[static_cast<size_t>(field.index)];
  if (count_only_ && c.index) {
    const RawValue v = GetRaw(row, field.index);
    if (!v.present) return ValueView::Null();
    if (c.storage == Storage::kText) return ValueView::String(arena_.Get(v.raw));
    if (c.storage == Storage::kInt32) return ValueView::Int(static_cast<int32_t>(v.raw));
    double d = 0;
    std::memcpy(&d, &v.raw, sizeof(d));
    return ValueView::Double(d);
  }
  RECOUP_DCHECK(!count_only_ || c.storage == Storage::kId || c.storage == Storage::kIsDeleted ||
                c.storage == Storage::kAutoNumber);
  switch (c.storage) {
    case Storage::kId:
      return ValueView::Id(SfId::Generate(object_.key_prefix(), uint64_t{row} + 1));
    case Storage::kIsDeleted:
      return ValueView::Bool(deleted_.get(row));
    case Storage::kAutoNumber: {
      char buf[ValueView::kInlineCapacity];
      size_t n = 0;
      std::memcpy(buf, auto_prefix_.data(), auto_prefix_.size());
      n += auto_prefix_.size();
      char digits[12];
      uint64_t v = uint64_t{row} + 1;
      int len = 0;
      do {
        digits[len++] = static_cast<char>('0' + v % 10);
        v /= 10;
      } while (v > 0);
      for (int pad = auto_digits_ - len; pad > 0; --pad) buf[n++] = '0';
      while (len > 0) buf[n++] = digits[--len];
      std::memcpy(buf + n, auto_suffix_.data(), auto_suffix_.size());
      n += auto_suffix_.size();
      return ValueView::InlineString(std::string_view(buf, n));
    }
    case Storage::kModstamp:
      return Get(row, object_.field(last_modified_field_));
    case Storage::kBool:
      return ValueView::Bool(c.bits.get(row));
    case Storage::kInt32:
      if (!c.present.get(row)) return ValueView::Null();
      if (field.type == FieldType::kDate) return ValueView::Date(static_cast<int32_t>(c.u32[row]));
      return ValueView::Int(static_cast<int32_t>(c.u32[row]));
    case Storage::kInt64: {
      if (!c.present.get(row)) return ValueView::Null();
      const uint64_t raw = c.u64[row];
      if (field.type == FieldType::kDateTime) return ValueView::DateTime(static_cast<int64_t>(raw));
      double d = 0;
      std::memcpy(&d, &raw, sizeof(d));
      return ValueView::Double(d);
    }
    case Storage::kText:
      if (!c.present.get(row)) return ValueView::Null();
      return ValueView::String(arena_.Get(c.u64[row]));
    case Storage::kPicklist: {
      const uint16_t code = c.u16[row];
      if (code == 0) return ValueView::Null();
      return ValueView::String(c.dict[code - 1u]);
    }
    case Storage::kReference: {
      const uint32_t serial = c.u32[row];
      if (serial == 0) return ValueView::Null();
      return ValueView::Id(
          SfId::Generate(schema_.object(field.reference_object_index).key_prefix(), serial));
    }
  }
  return ValueView::Null();
}

size_t ObjectTable::ApproximateBytes() const {
  size_t total = sizeof(*this) + columns_.capacity() * sizeof(Column) +
                 heads_.capacity() * sizeof(ChildHeads) + deleted_.bytes() + arena_.bytes();
  for (const Column& c : columns_) {
    total += c.present.bytes() + c.bits.bytes() + c.u32.bytes() + c.u64.bytes() + c.u16.bytes() +
             c.next.bytes() + c.prev.bytes();
    for (const std::string& s : c.dict)
      total += sizeof(std::string) + (s.size() > 15 ? s.size() : 0);
    total += c.dict_codes.size() * (sizeof(std::string) + 24);  // node + bucket, approximately
    if (c.index) total += sizeof(HashIndex) + c.index->bytes();
    total += c.sparse.size() * kSparseNodeBytes;
  }
  for (const ChildHeads& h : heads_) total += h.head.bytes();
  return total;
}

}  // namespace recoup::sim::org::store_internal
