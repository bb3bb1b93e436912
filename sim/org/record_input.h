// What a write to the record store carries (RecordInput: field assignments, possibly naming a
// parent by its external Id), and how REST bodies, Bulk CSV headers and `fields=` lists become one.
#ifndef RECOUP_SIM_ORG_RECORD_INPUT_H_
#define RECOUP_SIM_ORG_RECORD_INPUT_H_

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/schema.h"
#include "sim/org/sf_error.h"
#include "sim/org/value.h"

namespace recoup::sim::org {

// One field assignment. `field` belongs to the object being written (not owned; the Schema owns
// it).
struct FieldInput {
  const FieldDef* field = nullptr;
  FieldValue value;  // null clears the field (or leaves it unset on create)
  // When set, `field` is a reference and `value` is the value of this external-Id (or unique) field
  // of the parent object; the store resolves it to the parent's Id (REST body
  // {"Collection_Account__r": {"External_Id__c": "X"}}, Bulk CSV header
  // "Collection_Account__r.External_Id__c").
  const FieldDef* foreign_key_field = nullptr;
};
using RecordInput = std::vector<FieldInput>;

// Converts a REST record body (a JSON object) for `object`. "attributes" members are ignored. When
// `id_out` is non-null an "Id" member (any case, as sObject Collections send lowercase "id") is
// removed from the input and its string written there ("" when absent); otherwise "Id" is treated
// as a field (and then rejected by the store as not createable/updateable). A member naming a
// parent relationship ("Owner", "Collection_Account__r") must be an object holding exactly one
// external-Id or unique field of the parent (besides "attributes"), or null. Errors (400):
//   JSON_PARSER_ERROR: the body is not a JSON object ("Expected a JSON object for the record")
//   INVALID_FIELD: an unknown member ("No such column 'Foo__c' on sobject of type <Object>"), the
//     same field twice in different case ("Duplicate field: <Name>"), or a bad relationship member
//     ("Invalid foreign key relationship: <Rel>: expected an object with one external-Id field of
//     <Parent>")
//   and every error of FieldValueFromJson (value_parse.h).
SfOr<RecordInput> RecordInputFromJson(const ObjectDef& object, const Schema& schema,
                                      const nlohmann::json& body, std::string* id_out = nullptr);

// A Bulk 2.0 CSV column: either a field or "Relationship__r.ExtField__c".
struct CsvColumn {
  const FieldDef* field = nullptr;
  const FieldDef* foreign_key_field = nullptr;
  bool is_id = false;  // the "Id" column (update/delete jobs)
};
// Resolves a CSV header cell for `object` (case-insensitive). INVALID_FIELD (400) "No such column
// '<cell>' on sobject of type <Object>" for unknown fields, relationships or parent fields that are
// not external-Id/unique.
SfOr<CsvColumn> ResolveCsvColumn(const ObjectDef& object, const Schema& schema,
                                 std::string_view header_cell);

// Resolves a comma-separated field list (`?fields=A,B` of retrieve; spaces around names are
// trimmed; duplicates are kept once, in first-seen order). An empty list gives every field of the
// object. INVALID_FIELD (400) "No such column '<name>' on entity '<Object>'. If you are attempting
// to use a custom field, be sure to append the '__c' after the custom field name. Please reference
// your WSDL or the describe call for the appropriate names." with fields = {} for an unknown name.
SfOr<std::vector<const FieldDef*>> ResolveFieldList(const ObjectDef& object,
                                                    std::string_view comma_separated);
SfOr<std::vector<const FieldDef*>> ResolveFieldList(const ObjectDef& object,
                                                    const std::vector<std::string>& names);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_RECORD_INPUT_H_
