// The schema of the mock org as data: field types, field and object definitions, child
// relationships and the Schema that holds them with case-insensitive lookup and API-name
// validation.
//
// Objects are standard (Account, Contact, User: built in, no suffix), custom (`Name__c`, optionally
// with a namespace `ns__Name__c`) or platform events (`Name__e`). Record objects (everything but
// events) always carry the system fields Id, IsDeleted, CreatedDate, CreatedById, LastModifiedDate,
// LastModifiedById and SystemModstamp; Name and OwnerId when the object asks for them. Platform
// events carry ReplayId, EventUuid, CreatedDate and CreatedById. Schema::AddObject adds these
// itself.
//
// Lifetime: ObjectDef and FieldDef addresses are stable once the schema is complete. Each ObjectDef
// lives in its own heap block, but AddField may move the FieldDefs of that object; hold FieldDef
// pointers only after the last AddObject/AddField call. A RecordStore requires that the schema no
// longer changes (it sizes its columns from it).
#ifndef RECOUP_SIM_ORG_SCHEMA_H_
#define RECOUP_SIM_ORG_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/status.h"
#include "sim/org/value.h"

namespace recoup::sim::org {

enum class FieldType : uint8_t {
  kId,
  kString,
  kTextArea,
  kPicklist,
  kMultiPicklist,
  kBoolean,
  kInt,
  kDouble,
  kCurrency,
  kPercent,
  kDate,
  kDateTime,
  kReference,
  kEmail,
  kPhone,
  kUrl,
};

// The describe name: "id", "string", "textarea", "picklist", "multipicklist", "boolean", "int",
// "double", "currency", "percent", "date", "datetime", "reference", "email", "phone", "url".
std::string_view FieldTypeName(FieldType type);
// Inverse of FieldTypeName (exact lower-case match), nullopt for anything else.
std::optional<FieldType> ParseFieldType(std::string_view name);
// The describe soapType: "tns:ID", "xsd:string", "xsd:boolean", "xsd:int", "xsd:double",
// "xsd:date", "xsd:dateTime".
std::string_view SoapType(FieldType type);
// True for types held as text (string, textarea, picklist, multipicklist, email, phone, url).
bool IsTextType(FieldType type);
// True for double, currency and percent.
bool IsFractionalType(FieldType type);

struct PicklistValue {
  std::string value;
  std::string label;  // defaults to value
  bool active = true;
  bool default_value = false;
};

// One field. Plain data: build it with the Make*Field helpers below and adjust members.
struct FieldDef {
  std::string name;   // API name, e.g. "Balance__c"
  std::string label;  // e.g. "Balance"
  FieldType type = FieldType::kString;
  int length = 0;          // text types: maximum characters; 0 for others (id/reference: 18)
  int precision = 0;       // numeric types: total digits (int: 9 digits; double-like: e.g. 18)
  int scale = 0;           // numeric types: digits after the point
  bool nillable = true;    // false: may not be null (with createable && !defaulted => required)
  bool createable = true;  // may be set on create
  bool updateable = true;  // may be set on update
  bool defaulted_on_create =
      false;                    // the org fills it when absent (default_value, owner, audit...)
  bool external_id = false;     // an external-Id field (upsert key, indexed)
  bool unique = false;          // values unique across the object's rows (indexed)
  bool case_sensitive = false;  // for unique/external-id text: compare case-sensitively
  bool id_lookup = false;       // describe idLookup (Id, Name, external ids)
  bool calculated = false;      // formula fields (none in the default schema)
  bool custom = false;          // a custom field (__c)
  bool name_field = false;      // describe nameField (the record's Name)
  // Auto-number format such as "CA-{0000000}" (empty: none). An auto-number field is a string that
  // the store fills from the record's serial; it is never createable or updateable.
  std::string auto_number_format;
  std::vector<PicklistValue> picklist_values;
  bool restricted_picklist = false;
  // Reference fields: the one object referred to (polymorphic lookups are not modelled), the parent
  // relationship name used in SOQL dot-notation ("Collection_Account__r", "Owner") and, when
  // children are reachable from the parent, the child relationship name on the parent
  // ("Contact_Attempts__r"; empty = no child relationship, no child index).
  std::string reference_to;
  std::string relationship_name;
  std::string child_relationship_name;
  bool cascade_delete = false;  // master-detail: describe cascadeDelete (deletes do not cascade)
  FieldValue default_value;     // applied on create when the field is absent (null = none)

  // Set by the Schema: position in ObjectDef::fields(), and for references the Schema::object()
  // index of reference_to.
  int index = -1;
  int reference_object_index = -1;

  // Required on create: not nillable, createable, not defaulted on create, not a boolean.
  bool required() const;
  // Sortable/filterable in SOQL (describe flags): false for textarea and multipicklist sorting.
  bool sortable() const;
  bool filterable() const { return true; }
  // Indexed by the store for equality lookups (Id, unique or external-Id fields).
  bool indexed() const { return type == FieldType::kId || unique || external_id; }
};

// "Legal Case" for "Legal_Case__c": the API name without its suffix, underscores as spaces.
std::string DefaultLabel(std::string_view api_name);

// A field of `type` with the given label (DefaultLabel(name) when empty) and every other member at
// its default; custom = name ends in "__c".
FieldDef MakeField(std::string name, std::string label, FieldType type);

// Field builders: the returned FieldDef has label, length/precision/scale and flags set to what a
// custom field of that kind has in describe (custom = name ends in "__c").
FieldDef MakeTextField(std::string name, std::string label, int length = 255);
FieldDef MakeTextAreaField(std::string name, std::string label, int length = 32768);
FieldDef MakeEmailField(std::string name, std::string label);
FieldDef MakePhoneField(std::string name, std::string label);
FieldDef MakeUrlField(std::string name, std::string label);
FieldDef MakeBooleanField(std::string name, std::string label, bool default_value = false);
FieldDef MakeIntField(std::string name, std::string label, int precision = 9);
FieldDef MakeNumberField(std::string name, std::string label, FieldType type = FieldType::kDouble,
                         int precision = 18, int scale = 0);
FieldDef MakeDateField(std::string name, std::string label);
FieldDef MakeDateTimeField(std::string name, std::string label);
FieldDef MakePicklistField(std::string name, std::string label, std::vector<std::string> values,
                           bool restricted = true, FieldType type = FieldType::kPicklist);
FieldDef MakeLookupField(std::string name, std::string label, std::string reference_to,
                         std::string relationship_name, std::string child_relationship_name = "");

// A child relationship as describe lists it on the parent.
struct ChildRelationship {
  std::string child_object;       // e.g. "Contact_Attempt__c"
  std::string field;              // the lookup on the child, e.g. "Collection_Account__c"
  std::string relationship_name;  // e.g. "Contact_Attempts__r"
  bool cascade_delete = false;
  int child_object_index = -1;  // Schema::object(i)
  int field_index = -1;         // in the child's fields()
};

// Name field of a record object.
enum class NameFieldKind : uint8_t { kNone, kText, kAutoNumber };

// What AddObject needs; the Schema turns it into an ObjectDef.
struct ObjectSpec {
  std::string name;          // "Collection_Account__c", "Collection_Event__e", or a standard name
  std::string label;         // defaults to the name without suffix, underscores as spaces
  std::string label_plural;  // defaults to label + "s"
  std::string key_prefix;    // empty: allocated (a00... for custom objects, e00... for events)
  NameFieldKind name_field = NameFieldKind::kText;  // ignored for events
  std::string auto_number_format = "{0000000}";     // for kAutoNumber
  bool has_owner = true;  // adds OwnerId (reference to User, relationship "Owner"); not for events
  bool standard =
      false;  // a standard object: no suffix required (internal use: Account, Contact...)
  std::vector<FieldDef> fields;  // custom fields (system fields are added automatically)
};

class Schema;

// One object. Read-only to everyone but the Schema.
class ObjectDef {
 public:
  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }
  const std::string& label_plural() const { return label_plural_; }
  const std::string& key_prefix() const { return key_prefix_; }
  bool custom() const { return custom_; }
  bool is_platform_event() const { return is_platform_event_; }
  // Index of this object in Schema::objects().
  int index() const { return index_; }

  // In definition order: system fields first, then the object's own fields.
  const std::vector<FieldDef>& fields() const { return fields_; }
  const FieldDef& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  // Case-insensitive lookup by API name; nullptr when absent.
  const FieldDef* FindField(std::string_view name) const;
  // Case-insensitive lookup of a reference field by its parent relationship name ("Owner",
  // "Collection_Account__r"); nullptr when absent.
  const FieldDef* FindFieldByRelationship(std::string_view relationship_name) const;
  // Child relationships derived from the lookups of other objects that name one.
  const std::vector<ChildRelationship>& child_relationships() const { return children_; }
  // Case-insensitive lookup of a child relationship by name; nullptr when absent.
  const ChildRelationship* FindChildRelationship(std::string_view relationship_name) const;
  // The Name field, or nullptr.
  const FieldDef* name_field() const;

  // Describe flags (record objects: true; events: createable only).
  bool createable() const { return true; }
  bool updateable() const { return !is_platform_event_; }
  bool deletable() const { return !is_platform_event_; }
  bool queryable() const { return !is_platform_event_; }

 private:
  friend class Schema;
  std::string name_, label_, label_plural_, key_prefix_;
  bool custom_ = false;
  bool is_platform_event_ = false;
  int index_ = -1;
  int name_field_ = -1;
  std::vector<FieldDef> fields_;
  std::vector<ChildRelationship> children_;
  std::unordered_map<std::string, int> field_by_lower_;  // determinism: allow(lookup only, never iterated)
  std::unordered_map<std::string, int> relationship_by_lower_;  // determinism: allow(lookup only, never iterated)
};

class Schema {
 public:
  Schema() = default;
  Schema(const Schema& other);
  Schema& operator=(const Schema& other);
  Schema(Schema&&) noexcept = default;
  Schema& operator=(Schema&&) noexcept = default;

  // Adds an object with its system fields and spec.fields. Errors (InvalidArgument, the message
  // names the object and field): an invalid API name (see ValidateObjectName / ValidateFieldName),
  // a duplicate object name or key prefix (case-insensitive), an invalid field (see AddField). The
  // schema is unchanged on error.
  Status AddObject(ObjectSpec spec);

  // Adds one field to an existing object. Errors (InvalidArgument / NotFound): unknown object;
  // invalid or duplicate field name (case-insensitive); a custom field name not ending in "__c";
  // length out of range for text (1..255 for string-like, up to 131072 for textarea);
  // precision/scale out of range (1 <= precision <= 18, 0 <= scale <= precision); a picklist
  // without values or with duplicates; a reference without reference_to, to an unknown object or to
  // a platform event, without a relationship name, or with a relationship/child relationship name
  // already used; unique or external id on a type other than string/email/phone/int/double; a
  // default value of the wrong kind. The schema is unchanged on error.
  Status AddField(std::string_view object_name, FieldDef field);

  // Case-insensitive lookups; nullptr when absent.
  const ObjectDef* FindObject(std::string_view name) const;
  const ObjectDef* FindObjectByKeyPrefix(std::string_view key_prefix) const;

  // In insertion order (Account, Contact, User first for DefaultCollectionsSchema()).
  size_t object_count() const { return objects_.size(); }
  const ObjectDef& object(int i) const { return *objects_[static_cast<size_t>(i)]; }

  // The object a child relationship points at.
  const ObjectDef& child_object(const ChildRelationship& rel) const {
    return object(rel.child_object_index);
  }

 private:
  // Validates a field for `object` (schema_validate.cc); `allow_standard_name`: the field comes
  // with a standard object's spec and may have a standard (suffix-less) name.
  Status CheckField(const ObjectDef& object, const FieldDef& field, bool allow_standard_name) const;
  void Link(ObjectDef* object, FieldDef field);
  void RebuildChildRelationships();

  std::vector<std::unique_ptr<ObjectDef>> objects_;
  std::unordered_map<std::string, int> object_by_lower_;  // determinism: allow(lookup only, never iterated)
  std::unordered_map<std::string, int> object_by_prefix_;  // determinism: allow(lookup only, never iterated)
  int custom_count_ = 0;
  int event_count_ = 0;
};

// API-name rules (Salesforce): starts with a letter; letters, digits and single underscores; no
// trailing underscore before the suffix; at most 40 characters before the suffix; optional
// namespace prefix "ns__" (1-15 alphanumerics). Custom objects and fields end in "__c", platform
// events in "__e"; `standard` names (built-in objects and system fields) have no suffix and no
// namespace. The InvalidArgument message quotes the name and says which rule it breaks.
Status ValidateObjectName(std::string_view name, bool standard);
Status ValidateFieldName(std::string_view name, bool standard);
// Relationship names (parent "Collection_Account__r" / child "Contact_Attempts__r"): custom ones
// end in "__r", standard ones ("Owner", "Contacts") have no suffix.
Status ValidateRelationshipName(std::string_view name, bool standard);

// The default schema of the mock org (reference/salesforce-api.md section 8.2): Account (001),
// Contact (003), User (005), the seven collections objects and the platform events
// Collection_Event__e and Strategy_Assignment__e. The field list is in docs/org.md ("## Model").
Schema DefaultCollectionsSchema();

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_SCHEMA_H_
