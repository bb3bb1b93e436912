#include "sim/org/http/sf_http_errors.h"

#include <string>

namespace recoup::sim::org::http {
namespace {

bool IsBlank(std::string_view text) {
  for (const char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// nlohmann's what() starts with "[json.exception.parse_error.101] "; keep the readable rest.
std::string ParseErrorMessage(const nlohmann::json::exception& e) {
  std::string_view what = e.what();
  if (!what.empty() && what.front() == '[') {
    const size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

// True when arrays and objects in `text` nest at most `limit` levels (brackets inside strings do
// not count). Linear, no recursion: it runs before the parser, whose values are copied and printed
// recursively elsewhere.
bool NestingAtMost(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

template <typename Json>
SfOr<Json> ParseBody(std::string_view body) {
  if (IsBlank(body)) return JsonParserError("No content to map due to end-of-input");
  if (!NestingAtMost(body, kMaxJsonBodyDepth)) {
    return JsonParserError("The JSON body nests arrays and objects more than " +
                           std::to_string(kMaxJsonBodyDepth) + " levels deep");
  }
  try {
    return Json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::exception& e) {
    return JsonParserError(ParseErrorMessage(e));
  }
}

}  // namespace

nlohmann::ordered_json SfErrorJson(const SfError& error) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["message"] = error.message;
  out["errorCode"] = error.error_code;
  if (!error.fields.empty()) out["fields"] = error.fields;
  return out;
}

nlohmann::ordered_json SfStatusCodeJson(const SfError& error) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["statusCode"] = error.error_code;
  out["message"] = error.message;
  out["fields"] = error.fields;
  return out;
}

void WriteSfError(Response* response, const SfError& error) {
  WriteSfErrors(response, error.http_status, std::span<const SfError>(&error, 1));
}

void WriteSfErrors(Response* response, int http_status, std::span<const SfError> errors) {
  nlohmann::ordered_json body = nlohmann::ordered_json::array();
  for (const SfError& e : errors) body.push_back(SfErrorJson(e));
  response->SetJson(http_status, body);
}

void WriteOAuthError(Response* response, std::string_view error, std::string_view description) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["error"] = error;
  body["error_description"] = description;
  response->SetJson(400, body);
  response->AddHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
}

SfError ResourceNotFoundError() {
  return MakeSfError(404, "NOT_FOUND", "The requested resource does not exist");
}

SfError MethodNotAllowedError(std::string_view method, std::string_view allowed) {
  std::string message = "HTTP Method '";
  message.append(method);
  message.append("' not allowed. Allowed are ");
  message.append(allowed);
  return MakeSfError(405, "METHOD_NOT_ALLOWED", std::move(message));
}

SfError InvalidSessionError() {
  return MakeSfError(401, "INVALID_SESSION_ID", "Session expired or invalid");
}

SfError JsonParserError(std::string message) {
  return MakeSfError(400, "JSON_PARSER_ERROR", std::move(message));
}

SfOr<nlohmann::json> ParseJsonBody(std::string_view body) {
  return ParseBody<nlohmann::json>(body);
}

SfOr<nlohmann::ordered_json> ParseOrderedJsonBody(std::string_view body) {
  return ParseBody<nlohmann::ordered_json>(body);
}

}  // namespace recoup::sim::org::http
