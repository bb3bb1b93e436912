#include "sim/org/http/dispatcher.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "sim/org/http/sf_http_errors.h"

namespace recoup::sim::org::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsWebSocketUpgrade(const Request& request) {
  const std::optional<std::string_view> upgrade = request.Header("Upgrade");
  return upgrade.has_value() && EqualsIgnoreCase(Trim(*upgrade), "websocket");
}

// Runs a synchronous handler; a handler that throws is a bug, answered 500 UNKNOWN_EXCEPTION.
void RunSync(const Route& route, const Request& request, Response* response) {
  try {
    route.sync(request, *response);
  } catch (const std::exception& e) {
    response->Reset();
    WriteSfError(response, MakeSfError(500, "UNKNOWN_EXCEPTION",
                                       std::string("An unexpected error occurred: ") + e.what()));
  }
}

}  // namespace

bool ApiVersionRange::Contains(std::string_view version) const {
  if (version.size() < 3 || version.substr(version.size() - 2) != ".0") return false;
  const std::string_view major = version.substr(0, version.size() - 2);
  if (major.size() > 3 || major.front() == '0') return false;
  int value = 0;
  for (const char c : major) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= min_major && value <= max_major;
}

std::string_view SessionTokenFromAuthorization(std::string_view header_value) {
  std::string_view v = Trim(header_value);
  const size_t space = v.find(' ');
  if (space == std::string_view::npos) return {};
  const std::string_view scheme = v.substr(0, space);
  if (!EqualsIgnoreCase(scheme, "Bearer") && !EqualsIgnoreCase(scheme, "OAuth")) return {};
  const std::string_view token = Trim(v.substr(space + 1));
  if (token.find(' ') != std::string_view::npos) return {};
  return token;
}

bool Dispatcher::Dispatch(const RouteMatch& match, Request& request, Response* response,
                          const std::function<Responder()>& make_responder,
                          std::optional<events::ApiLimits::RequestGuard>* guard) const {
  if (IsWebSocketUpgrade(request)) {
    WriteSfError(response,
                 MakeSfError(400, "NOT_SUPPORTED",
                             "WebSocket is not supported; use the long-polling transport"));
    return false;
  }
  if (match.kind == RouteMatch::Kind::kNotFound) {
    WriteSfError(response, ResourceNotFoundError());
    return false;
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    WriteSfError(response, MethodNotAllowedError(request.method_name(), match.allowed));
    response->AddHeader("Allow", match.allowed);
    return false;
  }
  const auto& route = *match.route;
  if (std::find(route.capture_names.begin(), route.capture_names.end(), "version") !=
          route.capture_names.end() &&
      !versions_.Contains(request.api_version())) {
    WriteSfError(response, ResourceNotFoundError());
    return false;
  }
  const Access access = route.options.access;
  if (access == Access::kSession || access == Access::kApi || access == Access::kOptionalSession) {
    const std::optional<std::string_view> authorization = request.Header("Authorization");
    const std::string_view token = authorization.has_value()
                                       ? SessionTokenFromAuthorization(*authorization)
                                       : std::string_view();
    const Principal* principal = (token.empty() || authenticator_ == nullptr)
                                     ? nullptr
                                     : authenticator_->Authenticate(token, request.now());
    if (principal == nullptr && access != Access::kOptionalSession) {
      WriteSfError(response, InvalidSessionError());
      return false;
    }
    if (principal != nullptr) request.set_principal(principal, token);
  }
  if (access == Access::kApi && limits_ != nullptr) {
    SfStatus counted = limits_->CountRequest(request.now());
    if (!counted.ok()) {
      WriteSfError(response, counted.error());
      return false;
    }
    SfOr<events::ApiLimits::RequestGuard> begun = limits_->BeginRequest(request.now());
    if (!begun.ok()) {
      WriteSfError(response, begun.error());
      return false;
    }
    guard->emplace(std::move(begun).value());
  }
  if (route.sync) {
    if (interceptor_ == nullptr) {
      RunSync(route, request, response);
      return false;
    }
    return interceptor_->Intercept(
        request, route, response, [&] { RunSync(route, request, response); }, make_responder);
  }
  try {
    route.async(request, make_responder());
    return true;
  } catch (const std::exception& e) {
    response->Reset();
    WriteSfError(response, MakeSfError(500, "UNKNOWN_EXCEPTION",
                                       std::string("An unexpected error occurred: ") + e.what()));
    return false;
  }
}

void Dispatcher::Decorate(Access access, Timestamp now, Response* response) const {
  if (access == Access::kOAuth || limits_ == nullptr) return;
  response->AddHeader("Sforce-Limit-Info", limits_->LimitInfoHeader(now));
}

}  // namespace recoup::sim::org::http
