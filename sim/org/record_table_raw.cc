// ObjectTable: raw values, their encoding, picklist dictionaries and index capacities
// (record_table.h).
#include <cstring>

#include "core/base/check.h"
#include "sim/org/record_table.h"

namespace recoup::sim::org::store_internal {

RawValue ObjectTable::GetRaw(uint32_t row, int field_index) const {
  const Column& c = columns_[static_cast<size_t>(field_index)];
  if (count_only_) {
    if (!c.index) return {};
    const auto it = c.sparse.find(row);
    return it == c.sparse.end() ? RawValue{} : RawValue{it->second, true};
  }
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
  if (count_only_) {
    RECOUP_CHECK_MSG(c.index != nullptr, "SetRaw on a column a count-only table does not keep");
    const auto it = c.sparse.find(row);
    if (c.storage == Storage::kText) {
      if (it != c.sparse.end()) arena_.Release(it->second);
      if (v.present) arena_.Retain(v.raw);
    }
    if (v.present) {
      c.sparse[row] = v.raw;
    } else if (it != c.sparse.end()) {
      c.sparse.erase(it);
    }
    return;
  }
  switch (c.storage) {
    case Storage::kBool:
      c.bits.set(row, v.raw != 0);
      break;
    case Storage::kInt32:
      c.u32.set(row, static_cast<uint32_t>(v.raw));
      c.present.set(row, v.present);
      break;
    case Storage::kInt64:
      c.u64.set(row, v.raw);
      c.present.set(row, v.present);
      break;
    case Storage::kText:
      if (c.present.get(row)) arena_.Release(c.u64[row]);
      if (v.present) arena_.Retain(v.raw);
      c.u64.set(row, v.present ? v.raw : 0);
      c.present.set(row, v.present);
      break;
    case Storage::kPicklist:
      c.u16.set(row, v.present ? static_cast<uint16_t>(v.raw) : 0);
      break;
    case Storage::kReference:
      c.u32.set(row, v.present ? static_cast<uint32_t>(v.raw) : 0);
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
      const std::string key = field.restricted_picklist ? FoldCase(v.str()) : std::string(v.str());
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
      const std::string key =
          c.field->restricted_picklist ? FoldCase(c.dict.back()) : c.dict.back();
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

}  // namespace recoup::sim::org::store_internal
