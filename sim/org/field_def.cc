// Field types, FieldDef helpers and field builders (schema.h).
#include <algorithm>
#include <string>

#include "sim/org/schema.h"

namespace recoup::sim::org {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string DefaultLabel(std::string_view name) {
  for (std::string_view suffix : {"__c", "__e", "__r"}) {
    if (EndsWith(name, suffix)) name = name.substr(0, name.size() - 3);
  }
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

FieldDef MakeField(std::string name, std::string label, FieldType type) {
  FieldDef f;
  f.custom = EndsWith(name, "__c");
  f.label = label.empty() ? DefaultLabel(name) : std::move(label);
  f.name = std::move(name);
  f.type = type;
  return f;
}

// ---- Field types --------------------------------------------------------------------------------

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kId:
      return "id";
    case FieldType::kString:
      return "string";
    case FieldType::kTextArea:
      return "textarea";
    case FieldType::kPicklist:
      return "picklist";
    case FieldType::kMultiPicklist:
      return "multipicklist";
    case FieldType::kBoolean:
      return "boolean";
    case FieldType::kInt:
      return "int";
    case FieldType::kDouble:
      return "double";
    case FieldType::kCurrency:
      return "currency";
    case FieldType::kPercent:
      return "percent";
    case FieldType::kDate:
      return "date";
    case FieldType::kDateTime:
      return "datetime";
    case FieldType::kReference:
      return "reference";
    case FieldType::kEmail:
      return "email";
    case FieldType::kPhone:
      return "phone";
    case FieldType::kUrl:
      return "url";
  }
  return "string";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(FieldType::kUrl); ++i) {
    const auto t = static_cast<FieldType>(i);
    if (FieldTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view SoapType(FieldType type) {
  switch (type) {
    case FieldType::kId:
    case FieldType::kReference:
      return "tns:ID";
    case FieldType::kBoolean:
      return "xsd:boolean";
    case FieldType::kInt:
      return "xsd:int";
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent:
      return "xsd:double";
    case FieldType::kDate:
      return "xsd:date";
    case FieldType::kDateTime:
      return "xsd:dateTime";
    default:
      return "xsd:string";
  }
}

bool IsTextType(FieldType type) {
  switch (type) {
    case FieldType::kString:
    case FieldType::kTextArea:
    case FieldType::kPicklist:
    case FieldType::kMultiPicklist:
    case FieldType::kEmail:
    case FieldType::kPhone:
    case FieldType::kUrl:
      return true;
    default:
      return false;
  }
}

bool IsFractionalType(FieldType type) {
  return type == FieldType::kDouble || type == FieldType::kCurrency || type == FieldType::kPercent;
}

bool FieldDef::required() const {
  return !nillable && createable && !defaulted_on_create && type != FieldType::kBoolean;
}

bool FieldDef::sortable() const {
  return type != FieldType::kTextArea && type != FieldType::kMultiPicklist;
}

// ---- Field builders -----------------------------------------------------------------------------

FieldDef MakeTextField(std::string name, std::string label, int length) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kString);
  f.length = length;
  return f;
}
FieldDef MakeTextAreaField(std::string name, std::string label, int length) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kTextArea);
  f.length = length;
  return f;
}
FieldDef MakeEmailField(std::string name, std::string label) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kEmail);
  f.length = 80;
  return f;
}
FieldDef MakePhoneField(std::string name, std::string label) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kPhone);
  f.length = 40;
  return f;
}
FieldDef MakeUrlField(std::string name, std::string label) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kUrl);
  f.length = 255;
  return f;
}
FieldDef MakeBooleanField(std::string name, std::string label, bool default_value) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kBoolean);
  f.nillable = false;
  f.defaulted_on_create = true;
  f.default_value = FieldValue::Bool(default_value);
  return f;
}
FieldDef MakeIntField(std::string name, std::string label, int precision) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kInt);
  f.precision = precision;
  return f;
}
FieldDef MakeNumberField(std::string name, std::string label, FieldType type, int precision,
                         int scale) {
  FieldDef f = MakeField(std::move(name), std::move(label), type);
  f.precision = precision;
  f.scale = scale;
  return f;
}
FieldDef MakeDateField(std::string name, std::string label) {
  return MakeField(std::move(name), std::move(label), FieldType::kDate);
}
FieldDef MakeDateTimeField(std::string name, std::string label) {
  return MakeField(std::move(name), std::move(label), FieldType::kDateTime);
}
FieldDef MakePicklistField(std::string name, std::string label, std::vector<std::string> values,
                           bool restricted, FieldType type) {
  FieldDef f = MakeField(std::move(name), std::move(label), type);
  f.length = type == FieldType::kMultiPicklist ? 4099 : 255;
  f.restricted_picklist = restricted;
  for (std::string& v : values) {
    PicklistValue p;
    p.label = v;
    p.value = std::move(v);
    f.picklist_values.push_back(std::move(p));
  }
  return f;
}
FieldDef MakeLookupField(std::string name, std::string label, std::string reference_to,
                         std::string relationship_name, std::string child_relationship_name) {
  FieldDef f = MakeField(std::move(name), std::move(label), FieldType::kReference);
  f.length = 18;
  f.reference_to = std::move(reference_to);
  f.relationship_name = std::move(relationship_name);
  f.child_relationship_name = std::move(child_relationship_name);
  return f;
}

}  // namespace recoup::sim::org
