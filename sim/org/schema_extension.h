// User extensions of the mock org's schema, read from a JSON file: new custom objects and platform
// events, and new custom fields on existing objects. The format is documented in docs/org.md
// ("## Model"); in short:
//
//   {
//     "objects": [
//       {"name": "Legal_Case__c", "label": "Legal Case", "labelPlural": "Legal Cases",
//        "keyPrefix": "a0X",                       // optional (allocated when absent)
//        "nameField": "text" | "autonumber" | "none", "autoNumberFormat": "LC-{000000}",
//        "owner": true,
//        "fields": [ <field>, ... ]},
//       {"name": "Court_Event__e", "fields": [ ... ]}
//     ],
//     "fields": [ {"object": "Collection_Account__c", <field members>}, ... ]
//   }
//   <field> = {"name": "Court__c", "type": "string", "label": "Court", "length": 80,
//              "precision": 18, "scale": 2, "required": false, "unique": false,
//              "externalId": false, "caseSensitive": false, "createable": true,
//              "updateable": true, "picklistValues": ["A", "B"], "restricted": true,
//              "referenceTo": "Collection_Account__c",
//              "relationshipName": "Collection_Account__r",
//              "childRelationshipName": "Legal_Cases__r", "cascadeDelete": false,
//              "default": <JSON value for the type>}
//
// Unknown members are errors (so typos do not pass silently). Every error names the source and the
// JSON path of the offending member and says what was expected, e.g.
//   ext.json: $.objects[0].fields[2].type: expected one of string, textarea, ...; got "text"
#ifndef RECOUP_SIM_ORG_SCHEMA_EXTENSION_H_
#define RECOUP_SIM_ORG_SCHEMA_EXTENSION_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "sim/org/schema.h"

namespace recoup::sim::org {

struct SchemaExtension {
  struct NewField {
    std::string object;  // the object it goes on (may be one of `objects` or an existing object)
    FieldDef field;
    std::string path;  // "$.fields[3]" for error messages
  };
  struct NewObject {
    ObjectSpec spec;
    std::string path;  // "$.objects[0]"
  };
  std::string source_name;
  std::vector<NewObject> objects;
  std::vector<NewField> fields;
};

// Parses the JSON text. InvalidArgument errors read "<source_name>: <json path>: <what was
// expected>" (or "<source_name>:<line>:<column>: <parse error>" for malformed JSON). Does not check
// names against a schema; ApplySchemaExtension does.
StatusOr<SchemaExtension> ParseSchemaExtension(std::string_view text, std::string_view source_name);

// Adds the extension's objects (in order), then its fields, to `schema`. All or nothing: on error
// the schema is unchanged and the error reads "<source_name>: <json path>: <Schema's message>".
Status ApplySchemaExtension(const SchemaExtension& extension, Schema* schema);

}  // namespace recoup::sim::org

#endif  // RECOUP_SIM_ORG_SCHEMA_EXTENSION_H_
