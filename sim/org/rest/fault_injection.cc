// FaultInjector (fault_injection.h): per-request latency and faults over HTTP.
#include "sim/org/rest/fault_injection.h"

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "sim/org/events/model_config_json.h"
#include "sim/org/http/sf_http_errors.h"
#include "sim/org/json_file_error.h"

namespace recoup::sim::org::rest {
namespace {

using events::OrgOperation;

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return out;
}

OrgOperation ByMethod(http::Method method) {
  switch (method) {
    case http::Method::kPost:
      return OrgOperation::kCreate;
    case http::Method::kPatch:
    case http::Method::kPut:
      return OrgOperation::kUpdate;
    case http::Method::kDelete:
      return OrgOperation::kDelete;
    default:
      return OrgOperation::kRetrieve;
  }
}

OrgOperation SObjectOperation(const Schema& schema, http::Method method,
                              const std::vector<std::string_view>& rest) {
  // rest[0] == "sobjects"
  if (rest.size() == 2 && method == http::Method::kPost) {
    const ObjectDef* object = schema.FindObject(rest[1]);
    return object != nullptr && object->is_platform_event() ? OrgOperation::kPublish
                                                            : OrgOperation::kCreate;
  }
  if (rest.size() == 4 && (method == http::Method::kPatch || method == http::Method::kPost ||
                           method == http::Method::kPut)) {
    return OrgOperation::kUpsert;
  }
  return ByMethod(method);
}

}  // namespace

StatusOr<FaultInjectionConfig> FaultInjectionConfigFromJson(std::string_view text,
                                                            std::string_view source_name) {
  const std::string source(source_name);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return MalformedJsonError(source, text, e.byte, e.what());
  }
  if (!doc.is_object()) {
    return InvalidArgumentError(source +
                                ": expected a JSON object with \"latency\" and/or "
                                "\"faults\"");
  }
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "latency" && key != "faults") {
      return InvalidArgumentError(source + ": unknown member \"" + key +
                                  "\" (expected latency, faults)");
    }
  }
  FaultInjectionConfig config;
  if (auto it = doc.find("latency"); it != doc.end()) {
    StatusOr<events::LatencyConfig> latency = events::LatencyConfigFromJson(*it);
    if (!latency.ok()) return latency.status().WithContext(source);
    config.latency = std::move(latency).value();
  }
  if (auto it = doc.find("faults"); it != doc.end()) {
    StatusOr<events::FaultConfig> faults = events::FaultConfigFromJson(*it);
    if (!faults.ok()) return faults.status().WithContext(source);
    config.faults = std::move(faults).value();
  }
  return config;
}

events::OrgOperation ClassifyRequest(const Schema& schema, http::Method method,
                                     std::string_view path) {
  const std::vector<std::string_view> segments = Segments(path);
  if (!segments.empty() && segments[0] == "id") return OrgOperation::kToken;
  if (segments.size() >= 2 && segments[0] == "services" && segments[1] == "oauth2") {
    return OrgOperation::kToken;
  }
  if (segments.size() < 4 || segments[0] != "services" || segments[1] != "data" ||
      segments[2].size() < 2 || segments[2][0] != 'v') {
    return ByMethod(method);
  }
  const std::vector<std::string_view> rest(segments.begin() + 3, segments.end());
  const std::string_view resource = rest[0];
  if (resource == "sobjects") return SObjectOperation(schema, method, rest);
  if (resource == "query" || resource == "queryAll") return OrgOperation::kQuery;
  if (resource == "composite") {
    return rest.size() >= 2 && rest[1] == "sobjects" && method == http::Method::kGet
               ? OrgOperation::kRetrieve
               : OrgOperation::kComposite;
  }
  if (resource == "jobs") return OrgOperation::kBulk;
  return ByMethod(method);
}

StatusOr<std::unique_ptr<FaultInjector>> FaultInjector::Install(const Schema& schema,
                                                                http::Server& server,
                                                                FaultInjectionConfig config) {
  std::unique_ptr<FaultInjector> injector(new FaultInjector(schema, server));
  if (config.latency.has_value()) {
    StatusOr<events::LatencyModel> latency =
        events::LatencyModel::Create(*config.latency, config.seed);
    if (!latency.ok()) return latency.status();
    injector->latency_.emplace(std::move(latency).value());
  }
  if (config.faults.has_value()) {
    StatusOr<events::FaultModel> faults = events::FaultModel::Create(*config.faults, config.seed);
    if (!faults.ok()) return faults.status();
    injector->faults_.emplace(std::move(faults).value());
  }
  server.dispatcher().set_interceptor(injector.get());
  server.OnStop([raw = injector.get()] { raw->ReleaseAll(); });
  return injector;
}

FaultInjector::~FaultInjector() = default;

bool FaultInjector::Intercept(const http::Request& request, const http::Route& route,
                              http::Response* response, const std::function<void()>& run_handler,
                              const std::function<http::Responder()>& make_responder) {
  if (route.options.access == http::Access::kOptionalSession) {
    run_handler();
    return false;
  }
  const OrgOperation op = ClassifyRequest(schema_, request.method(), request.path());
  const uint64_t request_id =
      counters_[events::OrgOperationIndex(op)].fetch_add(1, std::memory_order_relaxed);
  std::optional<events::Fault> fault;
  if (faults_.has_value() && route.options.access == http::Access::kApi) {
    fault = faults_->Draw(op, request_id);
  }
  if (fault.has_value() && !fault->response.has_value()) {  // a timeout: no answer at all
    Hold(make_responder(), std::nullopt, fault->hang);
    return true;
  }
  if (fault.has_value()) {
    http::WriteSfError(response, *fault->response);
  } else {
    run_handler();
  }
  const Duration delay = latency_.has_value() ? latency_->Sample(op, request_id) : Duration();
  if (delay <= Duration()) return false;
  http::Responder responder = make_responder();  // before the move: it reads response->pretty()
  Hold(std::move(responder), std::move(*response), delay);
  return true;
}

void FaultInjector::Hold(http::Responder responder, std::optional<http::Response> response,
                         Duration delay) {
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_.load(std::memory_order_relaxed)) {  // Stop came first: nothing waits any more
      if (response.has_value()) {
        responder.Send(std::move(*response));
      } else {
        responder.Abort();
      }
      return;
    }
    id = next_hold_++;
    Held& held = held_[id];
    held.responder = responder;
    held.response = std::move(response);
    // Under mu_, so the timer's Release (which takes mu_) finds the entry complete.
    held.timer = server_.RunAfter(delay, [this, id] { Release(id); });
  }
  // A client that gives up frees its entry at once (a hang may be long). Outside mu_: the
  // callback runs at once when the client is already gone.
  responder.OnAbandoned([this, id] {
    std::lock_guard<std::mutex> inner(mu_);
    auto it = held_.find(id);
    if (it == held_.end()) return;
    it->second.timer.Cancel();
    held_.erase(it);
  });
}

void FaultInjector::Release(uint64_t id) {
  Held held;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = held_.find(id);
    if (it == held_.end()) return;
    held = std::move(it->second);
    held_.erase(it);
  }
  if (held.response.has_value()) {
    held.responder.Send(std::move(*held.response));
  } else {
    held.responder.Abort();
  }
}

void FaultInjector::ReleaseAll() {
  std::map<uint64_t, Held> all;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_.store(true, std::memory_order_release);
    all.swap(held_);
  }
  for (auto& [id, held] : all) {
    held.timer.Cancel();
    if (held.response.has_value()) {
      held.responder.Send(std::move(*held.response));
    } else {
      held.responder.Abort();
    }
  }
}

}  // namespace recoup::sim::org::rest
