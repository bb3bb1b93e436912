// composite_request.h: parsing and checking a /composite request body.
#include "sim/org/rest/composite_request.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <utility>

#include "sim/org/http/sf_http_errors.h"
#include "sim/org/rest/composite_reference.h"
#include "sim/org/rest/json_checks.h"

namespace recoup::sim::org::rest {
namespace {

SfError ParserError(std::string message) { return http::JsonParserError(std::move(message)); }
SfError InputError(std::string message) {
  return MakeSfError(400, "INVALID_INPUT", std::move(message));
}

std::string Where(size_t index) { return "compositeRequest[" + std::to_string(index) + "]"; }

// An optional boolean member: absent or null gives false.
SfOr<bool> OptionalBool(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    return ParserError(std::string(name) + ": expected a boolean, got " + DescribeJson(*it));
  }
  return it->get<bool>();
}

// A required string member of subrequest `index`.
SfOr<std::string> RequiredString(const nlohmann::json& sub, size_t index, const char* name) {
  const auto it = sub.find(name);
  if (it == sub.end() || it->is_null()) {
    return InputError(Where(index) + ": the subrequest has no " + name + "; " + name +
                      " is required");
  }
  if (!it->is_string()) {
    return ParserError(Where(index) + "." + name + ": expected a string, got " + DescribeJson(*it));
  }
  std::string value = it->get<std::string>();
  if (value.empty()) {
    return InputError(Where(index) + ": the subrequest has an empty " + name + "; " + name +
                      " is required");
  }
  return value;
}

SfOr<http::Method> ParseSubrequestMethod(const std::string& text, size_t index) {
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const http::Method method = http::ParseMethod(upper);
  switch (method) {
    case http::Method::kGet:
    case http::Method::kPost:
    case http::Method::kPut:
    case http::Method::kPatch:
    case http::Method::kDelete:
      return method;
    default:
      return InputError(Where(index) + ": unsupported method '" + text +
                        "'; a subrequest's method is GET, POST, PUT, PATCH or DELETE");
  }
}

SfOr<HeaderList> ParseHttpHeaders(const nlohmann::json& sub, size_t index) {
  HeaderList headers;
  const auto it = sub.find("httpHeaders");
  if (it == sub.end() || it->is_null()) return headers;
  if (!it->is_object()) {
    return ParserError(Where(index) +
                       ".httpHeaders: expected an object of header names to "
                       "string values, got " +
                       DescribeJson(*it));
  }
  static constexpr std::array<std::string_view, 3> kInherited = {"Accept", "Authorization",
                                                                 "Content-Type"};
  for (const auto& [name, value] : it->items()) {
    if (!value.is_string()) {
      return ParserError(Where(index) + ".httpHeaders." + name + ": expected a string, got " +
                         DescribeJson(value));
    }
    for (const std::string_view inherited : kInherited) {
      if (http::EqualsIgnoreCase(name, inherited)) {
        return InputError(Where(index) + ".httpHeaders: " + name +
                          " cannot be set on a subrequest; subrequests inherit Accept, "
                          "Authorization and Content-Type from the composite request");
      }
    }
    headers.emplace_back(name, value.get<std::string>());
  }
  return headers;
}

SfOr<CompositeSubrequest> ParseSubrequest(const nlohmann::json& sub, size_t index) {
  if (!sub.is_object()) {
    return ParserError(Where(index) + ": expected a subrequest object, got " + DescribeJson(sub));
  }
  CompositeSubrequest out;
  SfOr<std::string> method = RequiredString(sub, index, "method");
  if (!method.ok()) return method.error();
  SfOr<http::Method> parsed_method = ParseSubrequestMethod(*method, index);
  if (!parsed_method.ok()) return parsed_method.error();
  out.method = *parsed_method;

  SfOr<std::string> url = RequiredString(sub, index, "url");
  if (!url.ok()) return url.error();
  if (url->rfind("/services/data/v", 0) != 0) {
    return InputError(Where(index) + ": the url must start with /services/data/vXX.X/, got " +
                      *url);
  }
  out.url = std::move(url).value();

  SfOr<std::string> reference_id = RequiredString(sub, index, "referenceId");
  if (!reference_id.ok()) return reference_id.error();
  if (!IsValidReferenceId(*reference_id)) {
    return InputError("Provided referenceId ('" + *reference_id +
                      "') must start with a letter or a number, and it can contain only letters, "
                      "numbers and underscores ('_').");
  }
  out.reference_id = std::move(reference_id).value();

  if (const auto body = sub.find("body"); body != sub.end() && !body->is_null()) {
    out.body = *body;
  }
  SfOr<HeaderList> headers = ParseHttpHeaders(sub, index);
  if (!headers.ok()) return headers.error();
  out.headers = std::move(headers).value();
  return out;
}

}  // namespace

SfOr<CompositeRequest> ParseCompositeRequest(std::string_view body) {
  SfOr<nlohmann::json> json = http::ParseJsonBody(body);
  if (!json.ok()) return json.error();
  if (SfStatus st = CheckJsonDepth(*json); !st.ok()) return st.error();
  if (!json->is_object()) {
    return ParserError("Expected a JSON object for the composite request, got " +
                       std::string(json->type_name()));
  }
  CompositeRequest out;
  SfOr<bool> all_or_none = OptionalBool(*json, "allOrNone");
  if (!all_or_none.ok()) return all_or_none.error();
  out.all_or_none = *all_or_none;
  SfOr<bool> collate = OptionalBool(*json, "collateSubrequests");
  if (!collate.ok()) return collate.error();
  out.collate_subrequests = *collate;

  const auto list = json->find("compositeRequest");
  if (list == json->end() || list->is_null()) {
    return InputError("The composite request has no compositeRequest; it is required");
  }
  if (!list->is_array()) {
    return ParserError("compositeRequest: expected an array of subrequests, got " +
                       std::string(list->type_name()));
  }
  if (list->empty()) {
    return InputError("compositeRequest is empty; it needs at least one subrequest");
  }
  if (list->size() > kMaxCompositeSubrequests) {
    return MakeSfError(400, "LIMIT_EXCEEDED",
                       "A composite request can have at most " +
                           std::to_string(kMaxCompositeSubrequests) + " subrequests; it has " +
                           std::to_string(list->size()));
  }
  std::set<std::string> reference_ids;
  size_t query_or_collections = 0;
  for (size_t i = 0; i < list->size(); ++i) {
    SfOr<CompositeSubrequest> sub = ParseSubrequest((*list)[i], i);
    if (!sub.ok()) return sub.error();
    if (!reference_ids.insert(sub->reference_id).second) {
      return InputError("Duplicate referenceId provided in the request: " + sub->reference_id);
    }
    if (IsQueryOrCollectionsUrl(sub->url)) ++query_or_collections;
    out.subrequests.push_back(std::move(sub).value());
  }
  if (query_or_collections > kMaxCompositeQueryOrCollections) {
    return MakeSfError(400, "LIMIT_EXCEEDED",
                       "A composite request can have at most " +
                           std::to_string(kMaxCompositeQueryOrCollections) +
                           " query or sObject Collections subrequests; it has " +
                           std::to_string(query_or_collections));
  }
  return out;
}

}  // namespace recoup::sim::org::rest
