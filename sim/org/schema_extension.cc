// Schema extension files: parsing with JSON-path errors, and all-or-nothing application
// (schema_extension.h).
#include "sim/org/schema_extension.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/org/json_file_error.h"
#include "sim/org/value_parse.h"

namespace recoup::sim::org {
namespace {

using nlohmann::json;

// Records the position of the first syntax error (the DOM parser reports none without exceptions).
struct ErrorSax : nlohmann::json_sax<json> {
  size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& e) override {
    position = pos;
    message = e.what();
    return false;
  }
};

class Parser {
 public:
  explicit Parser(std::string_view source) : source_(source) {}

  Status Error(const std::string& path, const std::string& what) const {
    return InvalidArgumentError(std::string(source_) + ": " + path + ": " + what);
  }

  // Checks that `obj` (at `path`) is an object with only the given members.
  Status Members(const json& obj, const std::string& path,
                 std::initializer_list<std::string_view> allowed) const {
    if (!obj.is_object()) return Error(path, "expected an object, got " + TypeName(obj));
    for (const auto& [key, value] : obj.items()) {
      (void)value;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return Error(path, "unknown member \"" + key + "\" (expected one of " + list + ")");
      }
    }
    return OkStatus();
  }

  Status String(const json& obj, const std::string& path, const char* key, std::string* out,
                bool required) const {
    auto it = obj.find(key);
    if (it == obj.end()) {
      return required ? Error(path, "missing member \"" + std::string(key) + "\" (a string)")
                      : OkStatus();
    }
    if (!it->is_string()) {
      return Error(path + "." + key, "expected a string, got " + TypeName(*it));
    }
    *out = it->get<std::string>();
    return OkStatus();
  }

  Status Bool(const json& obj, const std::string& path, const char* key, bool* out) const {
    auto it = obj.find(key);
    if (it == obj.end()) return OkStatus();
    if (!it->is_boolean()) {
      return Error(path + "." + key, "expected true or false, got " + TypeName(*it));
    }
    *out = it->get<bool>();
    return OkStatus();
  }

  Status Int(const json& obj, const std::string& path, const char* key, int* out) const {
    auto it = obj.find(key);
    if (it == obj.end()) return OkStatus();
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 1'000'000) {
      return Error(path + "." + key, "expected a whole number 0..1000000, got " + it->dump());
    }
    *out = static_cast<int>(it->get<int64_t>());
    return OkStatus();
  }

  static std::string TypeName(const json& j) {
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "a boolean";
    if (j.is_number()) return "a number";
    if (j.is_null()) return "null";
    if (j.is_array()) return "an array";
    return "an object";
  }

  Status Field(const json& j, const std::string& path, bool with_object, FieldDef* f,
               std::string* object) const {
    if (with_object) {
      if (Status s = Members(j, path,
                             {"object",
                              "name",
                              "type",
                              "label",
                              "length",
                              "precision",
                              "scale",
                              "required",
                              "unique",
                              "externalId",
                              "caseSensitive",
                              "createable",
                              "updateable",
                              "picklistValues",
                              "restricted",
                              "referenceTo",
                              "relationshipName",
                              "childRelationshipName",
                              "cascadeDelete",
                              "default"});
          !s.ok()) {
        return s;
      }
      if (Status s = String(j, path, "object", object, true); !s.ok()) return s;
    } else if (Status s =
                   Members(j, path,
                           {"name", "type", "label", "length", "precision", "scale", "required",
                            "unique", "externalId", "caseSensitive", "createable", "updateable",
                            "picklistValues", "restricted", "referenceTo", "relationshipName",
                            "childRelationshipName", "cascadeDelete", "default"});
               !s.ok()) {
      return s;
    }
    std::string type_name;
    if (Status s = String(j, path, "name", &f->name, true); !s.ok()) return s;
    if (Status s = String(j, path, "type", &type_name, true); !s.ok()) return s;
    std::optional<FieldType> type = ParseFieldType(type_name);
    if (!type || *type == FieldType::kId) {
      return Error(
          path + ".type",
          "expected one of string, textarea, picklist, multipicklist, boolean, int, "
          "double, currency, percent, date, datetime, reference, email, phone, url; got \"" +
              type_name + "\"");
    }
    f->type = *type;
    switch (f->type) {
      case FieldType::kString:
      case FieldType::kUrl:
      case FieldType::kPicklist:
        f->length = 255;
        break;
      case FieldType::kTextArea:
        f->length = 32768;
        break;
      case FieldType::kMultiPicklist:
        f->length = 4099;
        break;
      case FieldType::kEmail:
        f->length = 80;
        break;
      case FieldType::kPhone:
        f->length = 40;
        break;
      case FieldType::kInt:
        f->precision = 9;
        break;
      case FieldType::kCurrency:
        f->precision = 18;
        f->scale = 2;
        break;
      case FieldType::kDouble:
      case FieldType::kPercent:
        f->precision = 18;
        break;
      default:
        break;
    }
    bool required = false;
    if (Status s = String(j, path, "label", &f->label, false); !s.ok()) return s;
    if (Status s = Int(j, path, "length", &f->length); !s.ok()) return s;
    if (Status s = Int(j, path, "precision", &f->precision); !s.ok()) return s;
    if (Status s = Int(j, path, "scale", &f->scale); !s.ok()) return s;
    if (Status s = Bool(j, path, "required", &required); !s.ok()) return s;
    if (Status s = Bool(j, path, "unique", &f->unique); !s.ok()) return s;
    if (Status s = Bool(j, path, "externalId", &f->external_id); !s.ok()) return s;
    if (Status s = Bool(j, path, "caseSensitive", &f->case_sensitive); !s.ok()) return s;
    if (Status s = Bool(j, path, "createable", &f->createable); !s.ok()) return s;
    if (Status s = Bool(j, path, "updateable", &f->updateable); !s.ok()) return s;
    if (Status s = Bool(j, path, "restricted", &f->restricted_picklist); !s.ok()) return s;
    if (Status s = Bool(j, path, "cascadeDelete", &f->cascade_delete); !s.ok()) return s;
    if (Status s = String(j, path, "referenceTo", &f->reference_to, false); !s.ok()) return s;
    if (Status s = String(j, path, "relationshipName", &f->relationship_name, false); !s.ok()) {
      return s;
    }
    if (Status s = String(j, path, "childRelationshipName", &f->child_relationship_name, false);
        !s.ok()) {
      return s;
    }
    f->nillable = !required;
    if (f->type == FieldType::kReference && f->relationship_name.empty() && f->name.size() > 3 &&
        f->name.substr(f->name.size() - 3) == "__c") {
      f->relationship_name = f->name.substr(0, f->name.size() - 3) + "__r";
    }
    if (auto it = j.find("picklistValues"); it != j.end()) {
      const std::string ppath = path + ".picklistValues";
      if (!it->is_array())
        return Error(ppath, "expected an array of strings, got " + TypeName(*it));
      for (size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        if (!v.is_string()) {
          return Error(ppath + "[" + std::to_string(i) + "]",
                       "expected a string, got " + TypeName(v));
        }
        PicklistValue p;
        p.value = v.get<std::string>();
        p.label = p.value;
        f->picklist_values.push_back(std::move(p));
      }
    }
    if (auto it = j.find("default"); it != j.end()) {
      FieldDef labelled = *f;
      if (labelled.label.empty()) labelled.label = f->name;
      SfOr<FieldValue> v = FieldValueFromJson(labelled, *it);
      if (!v.ok()) return Error(path + ".default", v.error().message);
      f->default_value = std::move(v).value();
      for (PicklistValue& p : f->picklist_values) {
        p.default_value =
            f->default_value.kind() == ValueKind::kString && p.value == f->default_value.str();
      }
    }
    return OkStatus();
  }

  Status Object(const json& j, const std::string& path, ObjectSpec* spec) const {
    if (Status s = Members(j, path,
                           {"name", "label", "labelPlural", "keyPrefix", "nameField",
                            "autoNumberFormat", "owner", "fields"});
        !s.ok()) {
      return s;
    }
    if (Status s = String(j, path, "name", &spec->name, true); !s.ok()) return s;
    if (Status s = String(j, path, "label", &spec->label, false); !s.ok()) return s;
    if (Status s = String(j, path, "labelPlural", &spec->label_plural, false); !s.ok()) return s;
    if (Status s = String(j, path, "keyPrefix", &spec->key_prefix, false); !s.ok()) return s;
    if (Status s = String(j, path, "autoNumberFormat", &spec->auto_number_format, false); !s.ok()) {
      return s;
    }
    if (Status s = Bool(j, path, "owner", &spec->has_owner); !s.ok()) return s;
    std::string name_field = "text";
    if (Status s = String(j, path, "nameField", &name_field, false); !s.ok()) return s;
    if (name_field == "text") {
      spec->name_field = NameFieldKind::kText;
    } else if (name_field == "autonumber") {
      spec->name_field = NameFieldKind::kAutoNumber;
    } else if (name_field == "none") {
      spec->name_field = NameFieldKind::kNone;
    } else {
      return Error(path + ".nameField",
                   "expected \"text\", \"autonumber\" or \"none\", got \"" + name_field + "\"");
    }
    spec->standard = false;
    if (auto it = j.find("fields"); it != j.end()) {
      if (!it->is_array())
        return Error(path + ".fields", "expected an array, got " + TypeName(*it));
      for (size_t i = 0; i < it->size(); ++i) {
        FieldDef f;
        if (Status s =
                Field((*it)[i], path + ".fields[" + std::to_string(i) + "]", false, &f, nullptr);
            !s.ok()) {
          return s;
        }
        spec->fields.push_back(std::move(f));
      }
    }
    return OkStatus();
  }

 private:
  std::string_view source_;
};

}  // namespace

StatusOr<SchemaExtension> ParseSchemaExtension(std::string_view text,
                                               std::string_view source_name) {
  json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ErrorSax sax;
    json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, false);
    return MalformedJsonError(source_name, text, sax.position, sax.message);
  }
  Parser p(source_name);
  if (Status s = p.Members(doc, "$", {"objects", "fields"}); !s.ok()) return s;
  SchemaExtension ext;
  ext.source_name = std::string(source_name);
  if (auto it = doc.find("objects"); it != doc.end()) {
    if (!it->is_array())
      return p.Error("$.objects", "expected an array, got " + Parser::TypeName(*it));
    for (size_t i = 0; i < it->size(); ++i) {
      SchemaExtension::NewObject o;
      o.path = "$.objects[" + std::to_string(i) + "]";
      if (Status s = p.Object((*it)[i], o.path, &o.spec); !s.ok()) return s;
      ext.objects.push_back(std::move(o));
    }
  }
  if (auto it = doc.find("fields"); it != doc.end()) {
    if (!it->is_array())
      return p.Error("$.fields", "expected an array, got " + Parser::TypeName(*it));
    for (size_t i = 0; i < it->size(); ++i) {
      SchemaExtension::NewField f;
      f.path = "$.fields[" + std::to_string(i) + "]";
      if (Status s = p.Field((*it)[i], f.path, true, &f.field, &f.object); !s.ok()) return s;
      ext.fields.push_back(std::move(f));
    }
  }
  return ext;
}

Status ApplySchemaExtension(const SchemaExtension& extension, Schema* schema) {
  Schema copy = *schema;
  for (const SchemaExtension::NewObject& o : extension.objects) {
    if (Status s = copy.AddObject(o.spec); !s.ok()) {
      return InvalidArgumentError(extension.source_name + ": " + o.path + ": " +
                                  std::string(s.message()));
    }
  }
  for (const SchemaExtension::NewField& f : extension.fields) {
    if (Status s = copy.AddField(f.object, f.field); !s.ok()) {
      return InvalidArgumentError(extension.source_name + ": " + f.path + ": " +
                                  std::string(s.message()));
    }
  }
  *schema = std::move(copy);
  return OkStatus();
}

}  // namespace recoup::sim::org
