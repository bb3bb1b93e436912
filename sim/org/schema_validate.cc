// Schema::CheckField: the rules a field must satisfy before the Schema takes it (schema.h).
#include <string>

#include "sim/org/schema.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

bool EndsWithC(std::string_view s) { return s.size() >= 3 && s.substr(s.size() - 3) == "__c"; }

bool PicklistType(FieldType t) {
  return t == FieldType::kPicklist || t == FieldType::kMultiPicklist;
}

bool EventFieldType(FieldType t) {
  switch (t) {
    case FieldType::kString:
    case FieldType::kTextArea:
    case FieldType::kBoolean:
    case FieldType::kInt:
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent:
    case FieldType::kDate:
    case FieldType::kDateTime:
      return true;
    default:
      return false;
  }
}

bool IndexableType(FieldType t) {
  return t == FieldType::kString || t == FieldType::kEmail || t == FieldType::kInt ||
         t == FieldType::kDouble;
}

}  // namespace

Status Schema::CheckField(const ObjectDef& object, const FieldDef& f,
                          bool allow_standard_name) const {
  const std::string where = "field \"" + object.name() + "." + f.name + "\": ";
  auto error = [&](const std::string& what) { return InvalidArgumentError(where + what); };

  const bool standard_name = allow_standard_name && !EndsWithC(f.name);
  if (Status s = ValidateFieldName(f.name, standard_name); !s.ok()) {
    return InvalidArgumentError("object \"" + object.name() + "\": " + std::string(s.message()));
  }
  if (object.FindField(f.name) != nullptr) return error("duplicate field name");
  if (!f.auto_number_format.empty() || f.name_field) {
    return error("only the Name field may be an auto-number or name field");
  }
  if (f.type == FieldType::kId) return error("type id is reserved for the system Id field");
  if (object.is_platform_event()) {
    if (!EventFieldType(f.type)) {
      return error(
          "a platform event field must be string, textarea, boolean, int, double, "
          "currency, percent, date or datetime, not " +
          std::string(FieldTypeName(f.type)));
    }
    if (f.unique || f.external_id)
      return error("platform event fields cannot be unique or external ids");
  }

  // Sizes.
  const bool text = IsTextType(f.type);
  if (f.type == FieldType::kTextArea) {
    if (f.length < 1 || f.length > 131072) return error("textarea length must be 1..131072");
  } else if (f.type == FieldType::kMultiPicklist) {
    if (f.length < 1 || f.length > 4099) return error("multipicklist length must be 1..4099");
  } else if (text) {
    if (f.length < 1 || f.length > 255) return error("length must be 1..255");
  } else if (f.length != 0 && f.type != FieldType::kReference) {
    return error("length applies to text types only");
  }
  if (f.type == FieldType::kInt) {
    if (f.precision < 1 || f.precision > 9 || f.scale != 0) {
      return error("int precision must be 1..9 with scale 0");
    }
  } else if (IsFractionalType(f.type)) {
    if (f.precision < 1 || f.precision > 18) return error("precision must be 1..18");
    if (f.scale < 0 || f.scale > f.precision) return error("scale must be 0..precision");
  } else if (f.precision != 0 || f.scale != 0) {
    return error("precision and scale apply to numeric types only");
  }

  // Picklists.
  if (PicklistType(f.type)) {
    if (f.picklist_values.empty()) return error("a picklist needs at least one value");
    for (size_t i = 0; i < f.picklist_values.size(); ++i) {
      const std::string& v = f.picklist_values[i].value;
      if (v.empty() || v.size() > 255) return error("picklist values must have 1..255 characters");
      if (f.type == FieldType::kMultiPicklist && v.find(';') != std::string::npos) {
        return error("multipicklist value \"" + v + "\" must not contain ';'");
      }
      for (size_t j = 0; j < i; ++j) {
        if (EqualsIgnoreCase(f.picklist_values[j].value, v)) {
          return error("duplicate picklist value \"" + v + "\"");
        }
      }
    }
  } else if (!f.picklist_values.empty() || f.restricted_picklist) {
    return error("picklist values apply to picklist and multipicklist fields only");
  }

  // References.
  if (f.type == FieldType::kReference) {
    if (f.reference_to.empty()) return error("a reference needs referenceTo");
    const ObjectDef* target =
        EqualsIgnoreCase(f.reference_to, object.name()) ? &object : FindObject(f.reference_to);
    if (target == nullptr)
      return error("referenceTo names unknown object \"" + f.reference_to + "\"");
    if (target->is_platform_event()) return error("a reference cannot point at a platform event");
    const bool standard_rel = standard_name;
    if (f.relationship_name.empty()) return error("a reference needs a relationshipName");
    if (Status s = ValidateRelationshipName(f.relationship_name, standard_rel); !s.ok()) {
      return error(std::string(s.message()));
    }
    if (object.FindFieldByRelationship(f.relationship_name) != nullptr) {
      return error("relationship name \"" + f.relationship_name + "\" is already used on " +
                   object.name());
    }
    if (!f.child_relationship_name.empty()) {
      if (Status s = ValidateRelationshipName(f.child_relationship_name, standard_rel); !s.ok()) {
        return error(std::string(s.message()));
      }
      // Unique among the target's child relationships, including ones of this object's pending
      // fields.
      auto clashes = [&](const ObjectDef& o) {
        for (const FieldDef& g : o.fields()) {
          if (g.type == FieldType::kReference && EqualsIgnoreCase(g.reference_to, target->name()) &&
              EqualsIgnoreCase(g.child_relationship_name, f.child_relationship_name)) {
            return true;
          }
        }
        return false;
      };
      bool clash = clashes(object);
      for (const auto& o : objects_) clash = clash || (o.get() != &object && clashes(*o));
      if (clash) {
        return error("child relationship name \"" + f.child_relationship_name +
                     "\" is already used on " + target->name());
      }
    }
  } else if (!f.reference_to.empty() || !f.relationship_name.empty() ||
             !f.child_relationship_name.empty() || f.cascade_delete) {
    return error("referenceTo and relationship names apply to reference fields only");
  }

  // Indexes and defaults.
  if ((f.unique || f.external_id) && !IndexableType(f.type)) {
    return error("unique and external id fields must be string, email, int or double, not " +
                 std::string(FieldTypeName(f.type)));
  }
  if (f.case_sensitive && !text) return error("caseSensitive applies to text fields only");
  if (!f.default_value.is_null()) {
    if (f.type == FieldType::kReference) return error("a reference cannot have a default value");
    SfStatus s = CheckFieldValue(f, f.default_value);
    if (!s.ok()) return error("invalid default value: " + s.error().message);
  }
  return OkStatus();
}

}  // namespace recoup::sim::org
