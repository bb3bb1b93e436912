// References between the subrequests of one /composite request (reference/salesforce-api.md
// section 3.4): a later subrequest's url or body may contain "@{refId.path}", which is replaced by
// the value at `path` in the JSON body that the earlier subrequest named `refId` answered with.
//
// Path syntax: members separated by "." and array elements as "[n]", e.g. "@{acct.id}",
// "@{q.records[0].Id}", "@{q.records[1].Owner.Name}", "@{list[0].id}" (a collections result).
// Member names match exactly (case-sensitive, as Salesforce does). The value replaces the whole
// "@{...}" text: a string as it is, a number or boolean as its JSON text, an object or array as
// compact JSON. A reference to a subrequest that has not run, an unknown member, an index out of
// range, a JSON null, or a malformed expression is unresolvable: the subrequest fails with
// InvalidReferenceError. Text such as "@{" without a closing "}" is left as it is.
#ifndef RECOUP_SIM_ORG_REST_COMPOSITE_REFERENCE_H_
#define RECOUP_SIM_ORG_REST_COMPOSITE_REFERENCE_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/org/sf_error.h"

namespace recoup::sim::org::rest {

// Finds the JSON body an earlier subrequest answered with, by its referenceId; nullptr when no
// subrequest with that referenceId has run, or its body is not JSON. The pointer must stay valid
// for the duration of the resolving call.
using ReferenceLookup = std::function<const nlohmann::json*(std::string_view reference_id)>;

// Whether `reference_id` is valid: starts with a letter or digit, then letters, digits and
// underscores only (Salesforce enforces this since v54.0).
bool IsValidReferenceId(std::string_view reference_id);

// The value at `path` (the text after the referenceId, starting with "." or "[", or empty for the
// body itself) inside `root`; nullptr when the path is malformed or leads nowhere.
const nlohmann::json* EvaluateReferencePath(const nlohmann::json& root, std::string_view path);

// HTTP 400 PROCESSING_HALTED "Invalid reference specified. No value for <expression> found in
// <refId>. Provided referenceId ('<refId>') must start with a letter or a number, and it can
// contain only letters, numbers and underscores ('_')." (the wording Salesforce answers with).
SfError InvalidReferenceError(std::string_view expression, std::string_view reference_id);

// `text` with every "@{...}" reference replaced. Errors: InvalidReferenceError for the first
// reference that does not resolve.
SfOr<std::string> ResolveReferencesInText(std::string_view text, const ReferenceLookup& lookup);

// Replaces references inside every string value of `body` (recursively; member names are left
// alone). Errors as ResolveReferencesInText; `body` may then be partly replaced.
SfStatus ResolveReferencesInJson(nlohmann::json* body, const ReferenceLookup& lookup);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_COMPOSITE_REFERENCE_H_
