// REST bodies, CSV headers and field lists to RecordInput / fields (record_input.h).
#include "sim/org/record_input.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

SfError NoSuchColumn(std::string_view name, const ObjectDef& object) {
  return MakeSfError(
      400, "INVALID_FIELD",
      "No such column '" + std::string(name) + "' on sobject of type " + object.name());
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ForeignKeyField(const FieldDef& f) { return f.external_id || f.unique; }

}  // namespace

SfOr<RecordInput> RecordInputFromJson(const ObjectDef& object, const Schema& schema,
                                      const nlohmann::json& body, std::string* id_out) {
  if (!body.is_object()) {
    return MakeSfError(400, "JSON_PARSER_ERROR", "Expected a JSON object for the record");
  }
  if (id_out != nullptr) id_out->clear();
  RecordInput input;
  std::vector<int> seen;
  auto mark_seen = [&](const FieldDef& f) -> SfStatus {
    if (std::find(seen.begin(), seen.end(), f.index) != seen.end()) {
      return MakeSfError(400, "INVALID_FIELD", "Duplicate field: " + f.name, {f.name});
    }
    seen.push_back(f.index);
    return {};
  };
  for (const auto& [key, value] : body.items()) {
    if (key == "attributes") continue;
    if (id_out != nullptr && EqualsIgnoreCase(key, "Id")) {
      *id_out = value.is_string()
                    ? value.get<std::string>()
                    : (value.is_null()
                           ? ""
                           : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      continue;
    }
    if (const FieldDef* f = object.FindField(key)) {
      if (SfStatus st = mark_seen(*f); !st.ok()) return st.error();
      SfOr<FieldValue> v = FieldValueFromJson(*f, value);
      if (!v.ok()) return v.error();
      input.push_back(FieldInput{f, std::move(v).value(), nullptr});
      continue;
    }
    const FieldDef* rel = object.FindFieldByRelationship(key);
    if (rel == nullptr) return NoSuchColumn(key, object);
    if (SfStatus st = mark_seen(*rel); !st.ok()) return st.error();
    if (value.is_null()) {
      input.push_back(FieldInput{rel, FieldValue::Null(), nullptr});
      continue;
    }
    const ObjectDef& parent = schema.object(rel->reference_object_index);
    const FieldDef* fk = nullptr;
    const nlohmann::json* fk_value = nullptr;
    int members = 0;
    if (value.is_object()) {
      for (const auto& [k, v] : value.items()) {
        if (k == "attributes") continue;
        ++members;
        fk = parent.FindField(k);
        fk_value = &v;
      }
    }
    if (members != 1 || fk == nullptr || !ForeignKeyField(*fk)) {
      return MakeSfError(400, "INVALID_FIELD",
                         "Invalid foreign key relationship: " + rel->relationship_name +
                             ": expected an object with one external-Id field of " + parent.name(),
                         {rel->name});
    }
    SfOr<FieldValue> v = FieldValueFromJson(*fk, *fk_value);
    if (!v.ok()) return v.error();
    input.push_back(FieldInput{rel, std::move(v).value(), fk});
  }
  return input;
}

SfOr<CsvColumn> ResolveCsvColumn(const ObjectDef& object, const Schema& schema,
                                 std::string_view header_cell) {
  const std::string_view cell = Trim(header_cell);
  const size_t dot = cell.find('.');
  if (dot != std::string_view::npos) {
    const FieldDef* rel = object.FindFieldByRelationship(cell.substr(0, dot));
    if (rel == nullptr) return NoSuchColumn(cell, object);
    const ObjectDef& parent = schema.object(rel->reference_object_index);
    const FieldDef* fk = parent.FindField(cell.substr(dot + 1));
    if (fk == nullptr || !ForeignKeyField(*fk)) return NoSuchColumn(cell, object);
    return CsvColumn{rel, fk, false};
  }
  const FieldDef* f = object.FindField(cell);
  if (f == nullptr) return NoSuchColumn(cell, object);
  return CsvColumn{f, nullptr, f->type == FieldType::kId};
}

SfOr<std::vector<const FieldDef*>> ResolveFieldList(const ObjectDef& object,
                                                    const std::vector<std::string>& names) {
  std::vector<const FieldDef*> out;
  for (const std::string& raw : names) {
    const std::string_view name = Trim(raw);
    if (name.empty()) continue;
    const FieldDef* f = object.FindField(name);
    if (f == nullptr) {
      return MakeSfError(
          400, "INVALID_FIELD",
          "No such column '" + std::string(name) + "' on entity '" + object.name() +
              "'. If you are attempting to use a custom field, be sure to append the "
              "'__c' after the custom field name. Please reference your WSDL or the "
              "describe call for the appropriate names.");
    }
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  if (out.empty()) {
    for (const FieldDef& f : object.fields()) out.push_back(&f);
  }
  return out;
}

SfOr<std::vector<const FieldDef*>> ResolveFieldList(const ObjectDef& object,
                                                    std::string_view comma_separated) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= comma_separated.size()) {
    size_t end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    names.emplace_back(comma_separated.substr(start, end - start));
    start = end + 1;
  }
  return ResolveFieldList(object, names);
}

}  // namespace recoup::sim::org
