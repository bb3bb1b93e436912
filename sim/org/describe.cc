// Describe-global, describe-object and record JSON from the Schema (describe.h).
#include "sim/org/describe.h"

#include <string>

namespace recoup::sim::org {
namespace {

using nlohmann::json;

std::string SobjectsBase(std::string_view api_version) {
  return "/services/data/v" + std::string(api_version) + "/sobjects/";
}

json Urls(const ObjectDef& o, std::string_view api_version) {
  const std::string base = SobjectsBase(api_version) + o.name();
  json urls = {{"sobject", base}, {"describe", base + "/describe"}};
  if (o.is_platform_event()) {
    urls["eventSchema"] = base + "/eventSchema";
  } else {
    urls["rowTemplate"] = base + "/{ID}";
  }
  return urls;
}

int ByteLength(const FieldDef& f) {
  if (f.type == FieldType::kId || f.type == FieldType::kReference) return 18;
  if (IsTextType(f.type)) return f.length * 3;
  return 0;
}

bool Groupable(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kDouble:
    case FieldType::kCurrency:
    case FieldType::kPercent:
    case FieldType::kDateTime:
    case FieldType::kTextArea:
    case FieldType::kMultiPicklist:
      return false;
    default:
      return true;
  }
}

}  // namespace

json DescribeGlobalEntry(const ObjectDef& o, std::string_view api_version) {
  const bool record = !o.is_platform_event();
  return json{{"activateable", false},        {"createable", o.createable()},
              {"custom", o.custom()},         {"customSetting", false},
              {"deepCloneable", false},       {"deletable", o.deletable()},
              {"deprecatedAndHidden", false}, {"feedEnabled", false},
              {"hasSubtypes", false},         {"isInterface", false},
              {"isSubtype", false},           {"keyPrefix", o.key_prefix()},
              {"label", o.label()},           {"labelPlural", o.label_plural()},
              {"layoutable", record},         {"mergeable", false},
              {"mruEnabled", false},          {"name", o.name()},
              {"queryable", o.queryable()},   {"replicateable", record},
              {"retrieveable", record},       {"searchable", record},
              {"triggerable", true},          {"undeletable", record},
              {"updateable", o.updateable()}, {"urls", Urls(o, api_version)}};
}

json DescribeGlobal(const Schema& schema, std::string_view api_version) {
  json sobjects = json::array();
  for (size_t i = 0; i < schema.object_count(); ++i) {
    sobjects.push_back(DescribeGlobalEntry(schema.object(static_cast<int>(i)), api_version));
  }
  return json{{"encoding", "UTF-8"}, {"maxBatchSize", 200}, {"sobjects", std::move(sobjects)}};
}

json DescribeField(const FieldDef& f) {
  json picklist = json::array();
  for (const PicklistValue& p : f.picklist_values) {
    picklist.push_back(json{{"active", p.active},
                            {"defaultValue", p.default_value},
                            {"label", p.label.empty() ? p.value : p.label},
                            {"validFor", nullptr},
                            {"value", p.value}});
  }
  json reference_to = json::array();
  if (!f.reference_to.empty()) reference_to.push_back(f.reference_to);
  const bool is_int = f.type == FieldType::kInt;
  return json{
      {"aggregatable", f.type != FieldType::kTextArea && f.type != FieldType::kMultiPicklist},
      {"autoNumber", !f.auto_number_format.empty()},
      {"byteLength", ByteLength(f)},
      {"calculated", f.calculated},
      {"calculatedFormula", nullptr},
      {"cascadeDelete", f.cascade_delete},
      {"caseSensitive", f.case_sensitive},
      {"createable", f.createable},
      {"custom", f.custom},
      {"defaultValue", f.default_value.is_null() ? json(nullptr) : ValueToJson(f.default_value)},
      {"defaultValueFormula", nullptr},
      {"defaultedOnCreate", f.defaulted_on_create},
      {"dependentPicklist", false},
      {"deprecatedAndHidden", false},
      {"digits", is_int ? f.precision : 0},
      {"externalId", f.external_id},
      {"filterable", f.filterable()},
      {"groupable", Groupable(f)},
      {"htmlFormatted", false},
      {"idLookup", f.id_lookup},
      {"inlineHelpText", nullptr},
      {"label", f.label},
      {"length", IsTextType(f.type) ? f.length : 0},
      {"name", f.name},
      {"nameField", f.name_field},
      {"namePointing", false},
      {"nillable", f.nillable},
      {"permissionable", f.custom && f.nillable},
      {"picklistValues", std::move(picklist)},
      {"polymorphicForeignKey", false},
      {"precision", is_int ? 0 : f.precision},
      {"referenceTo", std::move(reference_to)},
      {"relationshipName", f.relationship_name.empty() ? json(nullptr) : json(f.relationship_name)},
      {"relationshipOrder", nullptr},
      {"restrictedDelete", false},
      {"restrictedPicklist", f.restricted_picklist},
      {"scale", f.scale},
      {"soapType", SoapType(f.type)},
      {"sortable", f.sortable()},
      {"type", FieldTypeName(f.type)},
      {"unique", f.unique},
      {"updateable", f.updateable},
      {"writeRequiresMasterRead", false}};
}

json DescribeObject(const Schema& schema, const ObjectDef& o, std::string_view api_version) {
  json out = DescribeGlobalEntry(o, api_version);
  json fields = json::array();
  for (const FieldDef& f : o.fields()) fields.push_back(DescribeField(f));
  json children = json::array();
  for (const ChildRelationship& rel : o.child_relationships()) {
    children.push_back(json{{"cascadeDelete", rel.cascade_delete},
                            {"childSObject", schema.child_object(rel).name()},
                            {"deprecatedAndHidden", false},
                            {"field", rel.field},
                            {"junctionIdListNames", json::array()},
                            {"junctionReferenceTo", json::array()},
                            {"relationshipName", rel.relationship_name},
                            {"restrictedDelete", false}});
  }
  json record_types = json::array();
  if (!o.is_platform_event()) {
    record_types.push_back(json{{"active", true},
                                {"available", true},
                                {"defaultRecordTypeMapping", true},
                                {"developerName", "Master"},
                                {"master", true},
                                {"name", "Master"},
                                {"recordTypeId", "012000000000000AAA"},
                                {"urls", json::object()}});
  }
  json name_fields = json::array();
  if (const FieldDef* name = o.name_field()) name_fields.push_back(name->name);
  out["fields"] = std::move(fields);
  out["childRelationships"] = std::move(children);
  out["recordTypeInfos"] = std::move(record_types);
  out["nameLayoutFields"] = std::move(name_fields);
  out["lookupLayoutable"] = !o.is_platform_event();
  out["supportedScopes"] = json::array();
  out["compactLayoutable"] = !o.is_platform_event();
  out["searchLayoutable"] = !o.is_platform_event();
  out["listviewable"] = nullptr;
  out["networkScopeFieldName"] = nullptr;
  out["sobjectDescribeOption"] = "FULL";
  return out;
}

json DescribeObjectBasic(const ObjectDef& o, std::string_view api_version) {
  return json{{"objectDescribe", DescribeGlobalEntry(o, api_version)},
              {"recentItems", json::array()}};
}

std::string RecordUrl(std::string_view api_version, const ObjectDef& o, const SfId& id) {
  return SobjectsBase(api_version) + o.name() + "/" + id.ToLong();
}

json RecordToJson(const RecordStore& store, const ObjectDef& o, RowIndex row,
                  const std::vector<const FieldDef*>& fields, std::string_view api_version) {
  json out = json::object();
  out["attributes"] =
      json{{"type", o.name()}, {"url", RecordUrl(api_version, o, store.IdOf(o, row))}};
  for (const FieldDef* f : fields) out[f->name] = ValueToJson(store.Get(o, row, *f));
  return out;
}

void AppendRecordJson(const RecordStore& store, const ObjectDef& o, RowIndex row,
                      const std::vector<const FieldDef*>& fields, std::string_view api_version,
                      std::string* out) {
  char id[SfId::kLongLength];
  store.IdOf(o, row).WriteLong(id);
  out->append("{\"attributes\":{\"type\":");
  AppendJsonString(o.name(), out);
  out->append(",\"url\":\"/services/data/v");
  out->append(api_version);
  out->append("/sobjects/");
  out->append(o.name());
  out->push_back('/');
  out->append(id, sizeof(id));
  out->append("\"}");
  for (const FieldDef* f : fields) {
    out->push_back(',');
    AppendJsonString(f->name, out);
    out->push_back(':');
    AppendValueJson(store.Get(o, row, *f), out);
  }
  out->push_back('}');
}

}  // namespace recoup::sim::org
