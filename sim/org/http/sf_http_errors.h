// Salesforce-shaped error responses for the mock org's HTTP server and the handlers built on it.
//
// REST errors are a JSON array of {"message", "errorCode", "fields"} (reference/salesforce-api.md
// section 3.8; "fields" is left out when empty, as Salesforce does for NOT_FOUND or
// INVALID_SESSION_ID); inside sObject Collections and composite results an error is {"statusCode",
// "message", "fields"} (section 3.5). OAuth endpoints answer {"error", "error_description"}
// (section 2.4). Every JSON response here has Content-Type application/json;charset=UTF-8; the
// server adds Sforce-Limit-Info.
#ifndef RECOUP_SIM_ORG_HTTP_SF_HTTP_ERRORS_H_
#define RECOUP_SIM_ORG_HTTP_SF_HTTP_ERRORS_H_

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/org/http/request.h"
#include "sim/org/http/response.h"
#include "sim/org/sf_error.h"

namespace recoup::sim::org::http {

// {"message": ..., "errorCode": ..., "fields": [...]} with keys in Salesforce's order; "fields"
// only when non-empty.
nlohmann::ordered_json SfErrorJson(const SfError& error);

// {"statusCode": ..., "message": ..., "fields": [...]} ("fields" always present), for per-record
// results of sObject Collections, composite and event publishing.
nlohmann::ordered_json SfStatusCodeJson(const SfError& error);

// Status error.http_status, body [SfErrorJson(error)].
void WriteSfError(Response* response, const SfError& error);

// Status `http_status`, body [SfErrorJson(e) for each e] (Salesforce reports several errors at
// once, e.g. one per invalid field).
void WriteSfErrors(Response* response, int http_status, std::span<const SfError> errors);

// 400 {"error": error, "error_description": description} with Cache-Control: no-cache, as the OAuth
// endpoints answer.
void WriteOAuthError(Response* response, std::string_view error, std::string_view description);

// The errors the server itself produces.
// 404 NOT_FOUND "The requested resource does not exist".
SfError ResourceNotFoundError();
// 405 METHOD_NOT_ALLOWED "HTTP Method 'PUT' not allowed. Allowed are GET,PATCH,DELETE" (the allowed
// list is a comma-separated list of method names, in the order given).
SfError MethodNotAllowedError(std::string_view method, std::string_view allowed);
// 401 INVALID_SESSION_ID "Session expired or invalid".
SfError InvalidSessionError();
// 400 JSON_PARSER_ERROR with `message`.
SfError JsonParserError(std::string message);

// How deeply a request body may nest arrays and objects (the top level counts as 1). Parsed values
// are copied and printed recursively, so "[[[[...]]]]" a million levels deep must be refused first.
inline constexpr int kMaxJsonBodyDepth = 64;

// Parses a request body as JSON. Errors: 400 JSON_PARSER_ERROR naming the line and column of the
// first problem ("parse error at line 1, column 9: syntax error ..."), "No content to map due to
// end-of-input" for an empty (or all-whitespace) body, or "The JSON body nests arrays and objects
// more than 64 levels deep". Never throws.
SfOr<nlohmann::json> ParseJsonBody(std::string_view body);
SfOr<nlohmann::ordered_json> ParseOrderedJsonBody(std::string_view body);
inline SfOr<nlohmann::json> ParseJsonBody(const Request& request) {
  return ParseJsonBody(request.body());
}

}  // namespace recoup::sim::org::http

#endif  // RECOUP_SIM_ORG_HTTP_SF_HTTP_ERRORS_H_
