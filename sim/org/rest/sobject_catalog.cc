// sobject_catalog.h: sorted lower-case name indexes over the schema.
#include "sim/org/rest/sobject_catalog.h"

#include <algorithm>

#include "sim/org/record_input.h"
#include "sim/org/rest/rest_context.h"

namespace recoup::sim::org::rest {
namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

// Compares an already lower-cased name with `name`, lower-casing `name` on the fly.
int CompareLowered(std::string_view lowered, std::string_view name) {
  const size_t n = std::min(lowered.size(), name.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char a = static_cast<unsigned char>(lowered[i]);
    const unsigned char b = static_cast<unsigned char>(LowerAscii(name[i]));
    if (a != b) return a < b ? -1 : 1;
  }
  if (lowered.size() == name.size()) return 0;
  return lowered.size() < name.size() ? -1 : 1;
}

}  // namespace

SObjectCatalog::SObjectCatalog(const Schema& schema) : schema_(schema) {
  const size_t count = schema.object_count();
  fields_.resize(count);
  all_fields_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const ObjectDef& object = schema.object(static_cast<int>(i));
    objects_.emplace_back(Lower(object.name()), static_cast<int>(i));
    NameIndex& fields = fields_[static_cast<size_t>(object.index())];
    std::vector<const FieldDef*>& all = all_fields_[static_cast<size_t>(object.index())];
    for (const FieldDef& f : object.fields()) {
      fields.emplace_back(Lower(f.name), f.index);
      all.push_back(&f);
    }
    std::sort(fields.begin(), fields.end());
  }
  std::sort(objects_.begin(), objects_.end());
}

int SObjectCatalog::Find(const NameIndex& index, std::string_view name) {
  auto it = std::lower_bound(index.begin(), index.end(), name,
                             [](const std::pair<std::string, int>& entry, std::string_view key) {
                               return CompareLowered(entry.first, key) < 0;
                             });
  if (it == index.end() || CompareLowered(it->first, name) != 0) return -1;
  return it->second;
}

SfOr<const ObjectDef*> SObjectCatalog::Object(std::string_view name, bool allow_events) const {
  const int i = Find(objects_, name);
  if (i >= 0) {
    const ObjectDef& object = schema_.object(i);
    if (allow_events || !object.is_platform_event()) return &object;
  }
  return ResolveObject(schema_, name, allow_events);
}

const FieldDef* SObjectCatalog::FindField(const ObjectDef& object, std::string_view name) const {
  const int i = Find(fields_[static_cast<size_t>(object.index())], name);
  return i < 0 ? nullptr : &object.field(i);
}

const std::vector<const FieldDef*>& SObjectCatalog::AllFields(const ObjectDef& object) const {
  return all_fields_[static_cast<size_t>(object.index())];
}

SfStatus SObjectCatalog::ResolveFields(const ObjectDef& object, std::string_view comma_separated,
                                       std::vector<const FieldDef*>* out) const {
  out->clear();
  size_t start = 0;
  while (start <= comma_separated.size()) {
    size_t end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    std::string_view name = comma_separated.substr(start, end - start);
    start = end + 1;
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.empty()) continue;
    const FieldDef* f = FindField(object, name);
    if (f == nullptr) {
      // The model's resolver owns the semantics and the error text.
      SfOr<std::vector<const FieldDef*>> slow = ResolveFieldList(object, comma_separated);
      if (!slow.ok()) return slow.error();
      *out = std::move(slow).value();
      return {};
    }
    if (std::find(out->begin(), out->end(), f) == out->end()) out->push_back(f);
  }
  if (out->empty()) {
    const std::vector<const FieldDef*>& all = AllFields(object);
    out->assign(all.begin(), all.end());
  }
  return {};
}

}  // namespace recoup::sim::org::rest
