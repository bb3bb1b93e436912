// Response bodies the sObject and query resources share, written as JSON text (no DOM on the hot
// paths): save results ({"id","success","errors"[,"created"]}), the 300 list of record URLs of an
// ambiguous external Id, record URLs, and finishing a text body so that "X-PrettyPrint: 1" still
// indents it.
#ifndef RECOUP_SIM_ORG_REST_REST_JSON_H_
#define RECOUP_SIM_ORG_REST_REST_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/org/http/response.h"
#include "sim/org/ids.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::rest {

// Appends {"id":"<18-char id>","success":true,"errors":[]} to *out, with ,"created":true|false
// before the closing brace when `created` is set (upsert results, v46+).
void AppendSaveResult(const SfId& id, std::optional<bool> created, std::string* out);

// Appends "/services/data/v<api_version>/sobjects/<object>/<id_text>" to *out.
void AppendRecordUrl(std::string_view api_version, const ObjectDef& object,
                     std::string_view id_text, std::string* out);

// Sets `status` and the JSON content type on a response whose body() already holds JSON text.
// When the request asked for pretty printing (response->pretty()), the text is re-serialised with
// an indent of 4, members kept in their order. The text must be valid JSON (checked by parsing only
// in the pretty case; invalid text is then left as it is).
void FinishJsonText(http::Response* response, int status);

// 300 Multiple Choices: a JSON array of the record URLs of `ids` (18-character Id texts, as the
// record store lists them in a MULTIPLE_CHOICES error's `fields`), in that order.
void WriteMultipleChoices(http::Response* response, std::string_view api_version,
                          const ObjectDef& object, const std::vector<std::string>& ids);

// The major number of an API version such as "62.0" (62), or 0 when it is not "<digits>.<digits>".
int ApiMajorVersion(std::string_view api_version);

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_REST_JSON_H_
