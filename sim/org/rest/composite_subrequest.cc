// composite_subrequest.h: one /composite subrequest through the router.
#include "sim/org/rest/composite_subrequest.h"

#include <algorithm>
#include <array>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "sim/org/http/response.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/http/url_codec.h"

namespace recoup::sim::org::rest {
namespace {

constexpr std::string_view kVersionedRoot = "/services/data/v{version}/";
constexpr std::string_view kCreatePattern = "/services/data/v{version}/sobjects/{object}";

// The resources a subrequest may reach, as route patterns after kVersionedRoot.
constexpr std::array<std::string_view, 5> kAllowedResources = {"sobjects", "query", "queryAll",
                                                               "composite/sobjects", "limits"};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// Whether `rest` is `resource` or starts with `resource` + "/".
bool NamesResource(std::string_view rest, std::string_view resource) {
  return StartsWith(rest, resource) &&
         (rest.size() == resource.size() || rest[resource.size()] == '/');
}

bool AllowedRoute(const http::Route& route) {
  if (!route.sync || !StartsWith(route.pattern, kVersionedRoot)) return false;
  const std::string_view rest = std::string_view(route.pattern).substr(kVersionedRoot.size());
  return std::any_of(kAllowedResources.begin(), kAllowedResources.end(),
                     [&](std::string_view resource) { return NamesResource(rest, resource); });
}

SubrequestOutcome FromError(const SfError& error, HeaderList headers = {}) {
  http::Response response;
  http::WriteSfError(&response, error);
  return SubrequestOutcome{response.status(), std::move(response.body()), true, std::move(headers)};
}

// The "name: value\r\n" lines of a Response's header block.
HeaderList ParseHeaderBlock(std::string_view block) {
  HeaderList headers;
  while (!block.empty()) {
    size_t end = block.find("\r\n");
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(0, end);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    block.remove_prefix(std::min(block.size(), end + 2));
  }
  return headers;
}

bool HasHeader(const HeaderList& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return http::EqualsIgnoreCase(h.first, name); });
}

}  // namespace

namespace {

// The part of a subrequest url after "/services/data/vXX.X/" without the query ("" when the url
// has no such part).
std::string_view ResourcePart(std::string_view url) {
  url = url.substr(0, std::min(url.find('?'), url.size()));
  constexpr std::string_view kRoot = "/services/data/v";
  if (!StartsWith(url, kRoot)) return {};
  const size_t slash = url.find('/', kRoot.size());
  return slash == std::string_view::npos ? std::string_view() : url.substr(slash + 1);
}

}  // namespace

bool IsCollectionsUrl(std::string_view url) {
  return NamesResource(ResourcePart(url), "composite/sobjects");
}

bool IsQueryOrCollectionsUrl(std::string_view url) {
  const std::string_view rest = ResourcePart(url);
  return NamesResource(rest, "query") || NamesResource(rest, "queryAll") ||
         NamesResource(rest, "composite/sobjects");
}

SubrequestOutcome SubrequestRunner::Run(const http::Request& outer, const Subrequest& sub) const {
  const std::string_view url = sub.url;
  const size_t question = url.find('?');
  const std::string_view path = url.substr(0, std::min(question, url.size()));

  http::Request::Storage storage;
  const http::RouteMatch match = router_.Match(sub.method, path, &storage);
  if (match.kind == http::RouteMatch::Kind::kNotFound) {
    return FromError(http::ResourceNotFoundError());
  }
  if (match.kind == http::RouteMatch::Kind::kMethodNotAllowed) {
    return FromError(http::MethodNotAllowedError(http::MethodName(sub.method), match.allowed),
                     {{"Allow", match.allowed}});
  }
  const http::Route& route = *match.route;
  if (!AllowedRoute(route)) {
    return FromError(MakeSfError(400, "NOT_SUPPORTED",
                                 std::string(http::MethodName(sub.method)) + " " +
                                     std::string(path) +
                                     " is not supported as a composite subrequest"));
  }

  // Header text first (the storage holds views into it), then the views.
  HeaderList header_text;
  header_text.reserve(sub.headers.size() + 3);
  if (std::optional<std::string_view> v = outer.Header("Authorization")) {
    header_text.emplace_back("Authorization", std::string(*v));
  }
  if (std::optional<std::string_view> v = outer.Header("Accept")) {
    header_text.emplace_back("Accept", std::string(*v));
  }
  if (sub.body.has_value()) header_text.emplace_back("Content-Type", "application/json");
  for (const auto& header : sub.headers) header_text.push_back(header);
  for (const auto& [name, value] : header_text) storage.headers.push_back({name, value});

  const std::string_view body = sub.body.has_value() ? std::string_view(*sub.body) : "";
  http::Request request;
  request.Bind(&storage, sub.method, http::MethodName(sub.method), url, body);
  storage.query.ParseUrlEncoded(request.raw_query());
  request.set_now(outer.now());
  request.set_base_url(outer.base_url());
  request.set_principal(outer.principal(), outer.session_token());
  if (std::find(route.capture_names.begin(), route.capture_names.end(), "version") !=
          route.capture_names.end() &&
      !versions_.Contains(request.api_version())) {
    return FromError(http::ResourceNotFoundError());
  }

  http::Response response;
  try {
    route.sync(request, response);
  } catch (const std::exception& e) {
    return FromError(MakeSfError(500, "UNKNOWN_EXCEPTION",
                                 std::string("An unexpected error occurred: ") + e.what()));
  }
  const bool json_body = response.content_type().rfind("application/json", 0) == 0;
  SubrequestOutcome outcome{response.status(), std::move(response.body()), json_body,
                            ParseHeaderBlock(response.header_block())};
  // A create answers with the new record's URL in Location (the contract's example shows it).
  if (sub.method == http::Method::kPost && outcome.status == 201 &&
      route.pattern == kCreatePattern && !HasHeader(outcome.headers, "Location")) {
    const ObjectDef* object = schema_.FindObject(request.PathParam("object"));
    const nlohmann::json created = nlohmann::json::parse(outcome.body, nullptr, false);
    if (object != nullptr && !object->is_platform_event() && created.is_object() &&
        created.contains("id") && created["id"].is_string()) {
      outcome.headers.emplace_back(
          "Location", "/services/data/v" + std::string(request.api_version()) + "/sobjects/" +
                          object->name() + "/" + created["id"].get<std::string>());
    }
  }
  return outcome;
}

}  // namespace recoup::sim::org::rest
