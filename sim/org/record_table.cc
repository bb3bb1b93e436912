// ObjectTable: typed columns of one object (record_table.h).
#include "sim/org/record_table.h"

#include <cstring>

#include "core/base/check.h"

namespace recoup::sim::org::store_internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

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
        const std::string key = f.restricted_picklist ? Lower(p.value) : p.value;
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

uint32_t ObjectTable::AppendRow() {
  for (Column& c : columns_) {
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
  for (ChildHeads& h : heads_) h.head.push_back(0);
  deleted_.push_back(false);
  ++live_rows_;
  return rows() - 1;
}

void ObjectTable::PopRow() {
  RECOUP_CHECK_MSG(rows() > 0, "PopRow on an empty table");
  for (Column& c : columns_) {
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
  for (ChildHeads& h : heads_) h.head.pop_back();
  if (!deleted_.get(rows() - 1)) --live_rows_;
  deleted_.pop_back();
}

ValueView ObjectTable::Get(uint32_t row, const FieldDef& field) const {
  RECOUP_DCHECK(row < rows());
  const Column& c = columns_[static_cast<size_t>(field.index)];
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

RawValue ObjectTable::GetRaw(uint32_t row, int field_index) const {
  const Column& c = columns_[static_cast<size_t>(field_index)];
  switch (c.storage) {
    case Storage::kBool:
      return {c.bits.get(row) ? 1u : 0u, true};
    case Storage::kInt32:
      return {c.u32[row], c.present.get(row)};
    case Storage::kInt64:
    case Storage::kText:
      return {c.u64[row], c.present.get(row)};
    case Storage::kPicklist:
      return {c.u16[row], c.u16[row] != 0};
    case Storage::kReference:
      return {c.u32[row], c.u32[row] != 0};
    default:
      return {};
  }
}

void ObjectTable::SetRaw(uint32_t row, int field_index, RawValue v) {
  Column& c = columns_[static_cast<size_t>(field_index)];
  switch (c.storage) {
    case Storage::kBool:
      c.bits.set(row, v.raw != 0);
      break;
    case Storage::kInt32:
      c.u32[row] = static_cast<uint32_t>(v.raw);
      c.present.set(row, v.present);
      break;
    case Storage::kInt64:
      c.u64[row] = v.raw;
      c.present.set(row, v.present);
      break;
    case Storage::kText:
      if (c.present.get(row)) arena_.Release(c.u64[row]);
      if (v.present) arena_.Retain(v.raw);
      c.u64[row] = v.present ? v.raw : 0;
      c.present.set(row, v.present);
      break;
    case Storage::kPicklist:
      c.u16[row] = v.present ? static_cast<uint16_t>(v.raw) : 0;
      break;
    case Storage::kReference:
      c.u32[row] = v.present ? static_cast<uint32_t>(v.raw) : 0;
      break;
    default:
      RECOUP_CHECK_MSG(false, "SetRaw on an implicit column");
  }
}

bool ObjectTable::Encode(const FieldDef& field, ValueView v, RawValue old, bool overwrite_ok,
                         RawValue* out) {
  Column& c = columns_[static_cast<size_t>(field.index)];
  out->present = true;
  switch (c.storage) {
    case Storage::kBool:
      out->raw = v.bool_value() ? 1 : 0;
      return true;
    case Storage::kInt32:
      out->raw = field.type == FieldType::kDate
                     ? static_cast<uint32_t>(v.date_days())
                     : static_cast<uint32_t>(static_cast<int32_t>(v.int_value()));
      return true;
    case Storage::kInt64:
      if (field.type == FieldType::kDateTime) {
        out->raw = static_cast<uint64_t>(v.datetime_millis());
      } else {
        const double d = v.AsDouble();
        std::memcpy(&out->raw, &d, sizeof(d));
      }
      return true;
    case Storage::kText: {
      const std::string_view s = v.str();
      if (overwrite_ok && old.present && s.size() <= StringArena::Length(old.raw)) {
        out->raw = arena_.Overwrite(old.raw, s);
      } else {
        out->raw = arena_.Append(s);
      }
      return true;
    }
    case Storage::kPicklist: {
      const std::string key = field.restricted_picklist ? Lower(v.str()) : std::string(v.str());
      auto it = c.dict_codes.find(key);
      if (it != c.dict_codes.end()) {
        out->raw = it->second;
        return true;
      }
      RECOUP_CHECK_MSG(!field.restricted_picklist, "restricted picklist value not checked");
      if (c.dict.size() >= 65535) return false;
      c.dict.emplace_back(v.str());
      c.dict_codes.emplace(key, static_cast<uint16_t>(c.dict.size()));
      out->raw = c.dict.size();
      return true;
    }
    case Storage::kReference: {
      std::optional<uint64_t> serial = v.id().GeneratedSerial();
      RECOUP_CHECK_MSG(serial.has_value() && *serial <= 0xFFFFFFFEu, "reference not resolved");
      out->raw = *serial;
      return true;
    }
    default:
      RECOUP_CHECK_MSG(false, "Encode on an implicit column");
  }
  return false;
}

uint32_t ObjectTable::IndexHash(const FieldDef& field, ValueView v) {
  return HashIndex::Fold(SoqlHash(v, field.case_sensitive));
}

std::vector<size_t> ObjectTable::DictionarySizes() const {
  std::vector<size_t> out;
  for (const Column& c : columns_) out.push_back(c.dict.size());
  return out;
}

void ObjectTable::TruncateDictionaries(const std::vector<size_t>& sizes) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    Column& c = columns_[i];
    while (c.dict.size() > sizes[i]) {
      const std::string key = c.field->restricted_picklist ? Lower(c.dict.back()) : c.dict.back();
      c.dict_codes.erase(key);
      c.dict.pop_back();
    }
  }
}

std::vector<size_t> ObjectTable::IndexCapacities() const {
  std::vector<size_t> out;
  for (const Column& c : columns_) out.push_back(c.index ? c.index->capacity() : 0);
  return out;
}

void ObjectTable::RestoreIndexCapacities(const std::vector<size_t>& capacities) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    Column& c = columns_[i];
    if (c.index && c.index->capacity() != capacities[i]) c.index->Rehash(capacities[i]);
  }
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
  }
  for (const ChildHeads& h : heads_) total += h.head.bytes();
  return total;
}

}  // namespace recoup::sim::org::store_internal
