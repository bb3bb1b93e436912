// Describe metadata generated from the Schema, in the shapes of reference/salesforce-api.md
// section 3.1, and the JSON shape of one record (retrieve, query rows).
//
// `api_version` is the version string without "v", e.g. "62.0"; URLs read
// "/services/data/v62.0/sobjects/<Object>...". Output is deterministic: objects and fields in
// schema order (nlohmann::json prints object members sorted by name; clients do not depend on
// member order). AppendRecordJson writes record JSON text directly, "attributes" first as
// Salesforce does.
#ifndef RECOUP_SIM_ORG_DESCRIBE_H_
#define RECOUP_SIM_ORG_DESCRIBE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/record_store.h"
#include "sim/org/schema.h"

namespace recoup::sim::org {

// GET /services/data/vXX.X/sobjects:
//   {"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": [<DescribeGlobalEntry>...]}
// in schema order.
nlohmann::json DescribeGlobal(const Schema& schema, std::string_view api_version);

// One element of "sobjects": name, label, labelPlural, keyPrefix, custom, customSetting,
// createable, updateable, deletable, queryable, retrieveable, searchable, triggerable, layoutable,
// replicateable, undeletable, mergeable, activateable, feedEnabled, ... and urls {sobject,
// describe, rowTemplate} (record objects) or {sobject, describe, eventSchema} (platform events:
// createable only).
nlohmann::json DescribeGlobalEntry(const ObjectDef& object, std::string_view api_version);

// GET /services/data/vXX.X/sobjects/{O}/describe: the global entry's members plus
//   fields: [<DescribeField>...] in schema order,
//   childRelationships: [{childSObject, field, relationshipName, cascadeDelete,
//   deprecatedAndHidden,
//                         restrictedDelete, junctionIdListNames, junctionReferenceTo}],
//   recordTypeInfos: [the Master record type, recordTypeId "012000000000000AAA"] ([] for events),
//   nameLayoutFields, lookupLayoutable, supportedScopes, compactLayoutable, searchLayoutable.
nlohmann::json DescribeObject(const Schema& schema, const ObjectDef& object,
                              std::string_view api_version);

// One field: name, label, type, soapType, length, byteLength, precision, scale, digits, nillable,
// createable, updateable, filterable, sortable, groupable, externalId, unique, idLookup,
// calculated, custom, autoNumber, caseSensitive, defaultedOnCreate, defaultValue, nameField,
// htmlFormatted, referenceTo[], relationshipName (null when none), relationshipOrder,
// cascadeDelete, restrictedPicklist, dependentPicklist,
// picklistValues[{value,label,active,defaultValue,validFor}], deprecatedAndHidden, inlineHelpText,
// permissionable.
nlohmann::json DescribeField(const FieldDef& field);

// GET /services/data/vXX.X/sobjects/{O}: {"objectDescribe": <global entry>, "recentItems": []}.
nlohmann::json DescribeObjectBasic(const ObjectDef& object, std::string_view api_version);

// "/services/data/v62.0/sobjects/<Object>/<18-char id>".
std::string RecordUrl(std::string_view api_version, const ObjectDef& object, const SfId& id);

// A record as retrieve and query return it:
// {"attributes":{"type":O,"url":RecordUrl},<field>:<value>...} with the given fields in order
// (their values by ValueToJson). The row must exist (checked).
nlohmann::json RecordToJson(const RecordStore& store, const ObjectDef& object, RowIndex row,
                            const std::vector<const FieldDef*>& fields,
                            std::string_view api_version);

// The same record appended as compact JSON text to *out, members in the order given after
// "attributes" (no DOM; for the HTTP hot path).
void AppendRecordJson(const RecordStore& store, const ObjectDef& object, RowIndex row,
                      const std::vector<const FieldDef*>& fields, std::string_view api_version,
                      std::string* out);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_DESCRIBE_H_
