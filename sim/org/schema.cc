// Field types, field builders, ObjectDef lookups, Schema validation (schema.h).
#include "sim/org/schema.h"

#include <algorithm>
#include <string>

#include "core/base/check.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The part before "__c"/"__e"/"__r", after an optional namespace; error text or "".
std::string CheckCustomName(std::string_view name, std::string_view kind,
                            std::initializer_list<std::string_view> suffixes) {
  std::string_view base;
  for (std::string_view suffix : suffixes) {
    if (EndsWith(name, suffix)) base = name.substr(0, name.size() - suffix.size());
  }
  if (base.empty()) {
    std::string list;
    for (std::string_view suffix : suffixes) list += (list.empty() ? "" : " or ") + Quote(suffix);
    return "invalid " + std::string(kind) + " name " + Quote(name) + ": a custom " +
           std::string(kind) + " name must end in " + list;
  }
  const size_t ns = base.find("__");
  if (ns != std::string_view::npos) {
    const std::string_view prefix = base.substr(0, ns);
    if (prefix.empty() || prefix.size() > 15 ||
        !std::all_of(prefix.begin(), prefix.end(), IsAlnum)) {
      return "invalid " + std::string(kind) + " name " + Quote(name) +
             ": a namespace prefix has 1-15 letters or digits";
    }
    base = base.substr(ns + 2);
  }
  if (base.empty() || !IsAlpha(base.front())) {
    return "invalid " + std::string(kind) + " name " + Quote(name) + ": must start with a letter";
  }
  if (base.size() > 40) {
    return "invalid " + std::string(kind) + " name " + Quote(name) +
           ": at most 40 characters before the suffix";
  }
  for (size_t i = 0; i < base.size(); ++i) {
    const char c = base[i];
    if (!IsAlnum(c) && c != '_') {
      return "invalid " + std::string(kind) + " name " + Quote(name) +
             ": only letters, digits and underscores are allowed";
    }
    if (c == '_' && (i + 1 == base.size() || base[i + 1] == '_')) {
      return "invalid " + std::string(kind) + " name " + Quote(name) +
             ": no double underscore and no underscore before the suffix";
    }
  }
  return "";
}

std::string CheckStandardName(std::string_view name, std::string_view kind) {
  if (name.empty() || !IsAlpha(name.front()) || name.size() > 40 ||
      !std::all_of(name.begin(), name.end(), IsAlnum)) {
    return "invalid " + std::string(kind) + " name " + Quote(name) +
           ": a standard name has 1-40 letters or digits and starts with a letter";
  }
  return "";
}

FieldDef SystemField(std::string name, std::string label, FieldType type) {
  FieldDef f = MakeField(std::move(name), std::move(label), type);
  f.createable = false;
  f.updateable = false;
  f.nillable = false;
  f.defaulted_on_create = true;
  return f;
}

FieldDef SystemLookup(std::string name, std::string label, std::string relationship) {
  FieldDef f = SystemField(std::move(name), std::move(label), FieldType::kReference);
  f.length = 18;
  f.reference_to = "User";
  f.relationship_name = std::move(relationship);
  return f;
}

}  // namespace

// ---- ObjectDef ----------------------------------------------------------------------------------

const FieldDef* ObjectDef::FindField(std::string_view name) const {
  auto it = field_by_lower_.find(Lower(name));
  return it == field_by_lower_.end() ? nullptr : &fields_[static_cast<size_t>(it->second)];
}

const FieldDef* ObjectDef::FindFieldByRelationship(std::string_view relationship_name) const {
  auto it = relationship_by_lower_.find(Lower(relationship_name));
  return it == relationship_by_lower_.end() ? nullptr : &fields_[static_cast<size_t>(it->second)];
}

const ChildRelationship* ObjectDef::FindChildRelationship(
    std::string_view relationship_name) const {
  for (const ChildRelationship& rel : children_) {
    if (EqualsIgnoreCase(rel.relationship_name, relationship_name)) return &rel;
  }
  return nullptr;
}

const FieldDef* ObjectDef::name_field() const {
  return name_field_ < 0 ? nullptr : &fields_[static_cast<size_t>(name_field_)];
}

// ---- Schema -------------------------------------------------------------------------------------

Status ValidateObjectName(std::string_view name, bool standard) {
  const std::string err = standard ? CheckStandardName(name, "object")
                                   : CheckCustomName(name, "object", {"__c", "__e"});
  return err.empty() ? OkStatus() : InvalidArgumentError(err);
}

Status ValidateFieldName(std::string_view name, bool standard) {
  const std::string err =
      standard ? CheckStandardName(name, "field") : CheckCustomName(name, "field", {"__c"});
  return err.empty() ? OkStatus() : InvalidArgumentError(err);
}

Status ValidateRelationshipName(std::string_view name, bool standard) {
  const std::string err = standard ? CheckStandardName(name, "relationship")
                                   : CheckCustomName(name, "relationship", {"__r"});
  return err.empty() ? OkStatus() : InvalidArgumentError(err);
}

Schema::Schema(const Schema& other)
    : object_by_lower_(other.object_by_lower_),
      object_by_prefix_(other.object_by_prefix_),
      custom_count_(other.custom_count_),
      event_count_(other.event_count_) {
  for (const auto& o : other.objects_) objects_.push_back(std::make_unique<ObjectDef>(*o));
}

Schema& Schema::operator=(const Schema& other) {
  if (this != &other) {
    Schema copy(other);
    *this = std::move(copy);
  }
  return *this;
}

const ObjectDef* Schema::FindObject(std::string_view name) const {
  auto it = object_by_lower_.find(Lower(name));
  return it == object_by_lower_.end() ? nullptr : objects_[static_cast<size_t>(it->second)].get();
}

const ObjectDef* Schema::FindObjectByKeyPrefix(std::string_view key_prefix) const {
  auto it = object_by_prefix_.find(std::string(key_prefix));
  return it == object_by_prefix_.end() ? nullptr : objects_[static_cast<size_t>(it->second)].get();
}

Status Schema::AddObject(ObjectSpec spec) {
  const bool is_event = EndsWith(spec.name, "__e");
  if (Status s = ValidateObjectName(spec.name, spec.standard); !s.ok()) return s;
  if (FindObject(spec.name) != nullptr) {
    return InvalidArgumentError("duplicate object name " + Quote(spec.name));
  }
  const bool is_user = EqualsIgnoreCase(spec.name, "User");
  if (!is_user && FindObject("User") == nullptr) {
    return InvalidArgumentError("object " + Quote(spec.name) +
                                ": the User object must be added first (audit fields refer to it)");
  }
  std::string prefix = spec.key_prefix;
  if (prefix.empty()) {
    if (spec.standard) {
      return InvalidArgumentError("standard object " + Quote(spec.name) + " needs a key prefix");
    }
    int n = is_event ? event_count_ : custom_count_;
    do {
      prefix = is_event ? PlatformEventKeyPrefix(n) : CustomObjectKeyPrefix(n);
      ++n;
    } while (object_by_prefix_.count(prefix) != 0);
  } else if (!IsValidKeyPrefix(prefix)) {
    return InvalidArgumentError("object " + Quote(spec.name) + ": invalid key prefix " +
                                Quote(prefix) + " (expected 3 letters or digits)");
  } else if (object_by_prefix_.count(prefix) != 0) {
    return InvalidArgumentError("object " + Quote(spec.name) + ": key prefix " + Quote(prefix) +
                                " is already used by " +
                                Quote(FindObjectByKeyPrefix(prefix)->name()));
  }

  auto obj = std::make_unique<ObjectDef>();
  obj->name_ = spec.name;
  obj->label_ = spec.label.empty() ? DefaultLabel(spec.name) : spec.label;
  obj->label_plural_ = spec.label_plural.empty() ? obj->label_ + "s" : spec.label_plural;
  obj->key_prefix_ = prefix;
  obj->custom_ = !spec.standard;
  obj->is_platform_event_ = is_event;
  obj->index_ = static_cast<int>(objects_.size());

  std::vector<FieldDef> system;
  if (is_event) {
    FieldDef replay = SystemField("ReplayId", "Replay ID", FieldType::kString);
    replay.length = 255;
    replay.nillable = true;
    system.push_back(std::move(replay));
    system.push_back(SystemField("CreatedDate", "Created Date", FieldType::kDateTime));
    system.push_back(SystemLookup("CreatedById", "Created By ID", "CreatedBy"));
    FieldDef uuid = SystemField("EventUuid", "Event UUID", FieldType::kString);
    uuid.length = 36;
    uuid.nillable = true;
    system.push_back(std::move(uuid));
  } else {
    FieldDef id = SystemField("Id", obj->label_ + " ID", FieldType::kId);
    id.length = 18;
    id.id_lookup = true;
    system.push_back(std::move(id));
    if (spec.has_owner) {
      FieldDef owner = SystemLookup("OwnerId", "Owner ID", "Owner");
      owner.createable = true;
      owner.updateable = true;
      system.push_back(std::move(owner));
    }
    system.push_back(SystemField("IsDeleted", "Deleted", FieldType::kBoolean));
    if (spec.name_field == NameFieldKind::kText) {
      FieldDef name = MakeField("Name", obj->label_ + " Name", FieldType::kString);
      name.length = 80;
      name.nillable = false;
      name.id_lookup = true;
      name.name_field = true;
      system.push_back(std::move(name));
    } else if (spec.name_field == NameFieldKind::kAutoNumber) {
      FieldDef name = SystemField("Name", obj->label_ + " Name", FieldType::kString);
      name.length = 80;
      name.id_lookup = true;
      name.name_field = true;
      name.auto_number_format = spec.auto_number_format;
      const size_t open = name.auto_number_format.find('{');
      const size_t close = name.auto_number_format.find('}');
      if (open == std::string::npos || close == std::string::npos || close <= open + 1 ||
          name.auto_number_format.find_first_not_of('0', open + 1) != close ||
          name.auto_number_format.size() - (close - open + 1) + 10 > ValueView::kInlineCapacity) {
        return InvalidArgumentError(
            "object " + Quote(spec.name) + ": invalid auto-number format " +
            Quote(spec.auto_number_format) +
            " (expected text around {0...0}, at most 14 characters of text)");
      }
      system.push_back(std::move(name));
    }
    system.push_back(SystemField("CreatedDate", "Created Date", FieldType::kDateTime));
    system.push_back(SystemLookup("CreatedById", "Created By ID", "CreatedBy"));
    system.push_back(SystemField("LastModifiedDate", "Last Modified Date", FieldType::kDateTime));
    system.push_back(SystemLookup("LastModifiedById", "Last Modified By ID", "LastModifiedBy"));
    system.push_back(SystemField("SystemModstamp", "System Modstamp", FieldType::kDateTime));
  }
  // Link system fields without the custom-name checks (they are standard names by construction).
  objects_.push_back(std::move(obj));
  object_by_lower_[Lower(spec.name)] = objects_.back()->index_;
  ObjectDef* o = objects_.back().get();
  for (FieldDef& f : system) Link(o, std::move(f));
  for (FieldDef& f : spec.fields) {
    if (Status s = CheckField(*o, f, spec.standard); !s.ok()) {
      objects_.pop_back();
      object_by_lower_.erase(Lower(spec.name));
      return s;
    }
    Link(o, std::move(f));
  }
  object_by_prefix_[prefix] = o->index_;
  if (!spec.key_prefix.empty() || spec.standard) {
    // An explicit prefix does not advance the allocator.
  } else if (is_event) {
    ++event_count_;
  } else {
    ++custom_count_;
  }
  RebuildChildRelationships();
  return OkStatus();
}

Status Schema::AddField(std::string_view object_name, FieldDef field) {
  const ObjectDef* found = FindObject(object_name);
  if (found == nullptr) return NotFoundError("unknown object " + Quote(object_name));
  ObjectDef* o = objects_[static_cast<size_t>(found->index())].get();
  if (Status s = CheckField(*o, field, false); !s.ok()) return s;
  Link(o, std::move(field));
  RebuildChildRelationships();
  return OkStatus();
}

void Schema::Link(ObjectDef* object, FieldDef field) {
  field.index = static_cast<int>(object->fields_.size());
  field.custom = EndsWith(field.name, "__c");
  if (field.label.empty()) field.label = DefaultLabel(field.name);
  if (field.external_id) field.id_lookup = true;
  if (field.type == FieldType::kReference) {
    field.length = 18;
    const ObjectDef* target = EqualsIgnoreCase(field.reference_to, object->name_)
                                  ? object
                                  : FindObject(field.reference_to);
    RECOUP_CHECK_MSG(target != nullptr, "reference target checked before Link");
    field.reference_to = target->name();
    field.reference_object_index = target->index();
    object->relationship_by_lower_[Lower(field.relationship_name)] = field.index;
  }
  if (field.type == FieldType::kBoolean) {
    field.nillable = false;
    field.defaulted_on_create = true;
    if (field.default_value.is_null()) field.default_value = FieldValue::Bool(false);
  }
  if (!field.default_value.is_null()) field.defaulted_on_create = true;
  if (field.name_field) object->name_field_ = field.index;
  object->field_by_lower_[Lower(field.name)] = field.index;
  object->fields_.push_back(std::move(field));
}

void Schema::RebuildChildRelationships() {
  for (auto& o : objects_) o->children_.clear();
  for (auto& child : objects_) {
    for (const FieldDef& f : child->fields_) {
      if (f.type != FieldType::kReference || f.child_relationship_name.empty()) continue;
      ChildRelationship rel;
      rel.child_object = child->name_;
      rel.field = f.name;
      rel.relationship_name = f.child_relationship_name;
      rel.cascade_delete = f.cascade_delete;
      rel.child_object_index = child->index_;
      rel.field_index = f.index;
      objects_[static_cast<size_t>(f.reference_object_index)]->children_.push_back(std::move(rel));
    }
  }
}

}  // namespace recoup::sim::org
