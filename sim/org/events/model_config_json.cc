#include "sim/org/events/model_config_json.h"

#include <initializer_list>
#include <string>
#include <string_view>

namespace recoup::sim::org::events {
namespace {

using Json = nlohmann::json;

std::string Shown(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Status Expected(const std::string& path, std::string_view what, const Json& value) {
  return InvalidArgumentError(path + ": expected " + std::string(what) + ", got " + Shown(value));
}

// OK when `object` is a JSON object whose keys are all in `allowed`.
Status CheckObject(const std::string& path, const Json& object,
                   std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return Expected(path, "an object", object);
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    std::string list;
    for (const std::string_view name : allowed) {
      known = known || key == name;
      if (!list.empty()) list += ", ";
      list += name;
    }
    if (!known) {
      return InvalidArgumentError(path + "." + key + ": unknown field; expected one of " + list);
    }
  }
  return OkStatus();
}

Status ReadNumber(const std::string& path, const Json& object, const char* key, double& out) {
  const auto it = object.find(key);
  if (it == object.end()) return OkStatus();
  if (!it->is_number()) return Expected(path + "." + key, "a number", *it);
  out = it->get<double>();
  return OkStatus();
}

Status ReadString(const std::string& path, const Json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end()) return OkStatus();
  if (!it->is_string()) return Expected(path + "." + key, "a string", *it);
  out = it->get<std::string>();
  return OkStatus();
}

StatusOr<LatencySpec> ReadLatencySpec(const std::string& path, const Json& json) {
  RECOUP_RETURN_IF_ERROR(
      CheckObject(path, json, {"kind", "value_ms", "median_ms", "p99_ms", "samples_ms", "method"}));
  LatencySpec spec;
  RECOUP_RETURN_IF_ERROR(ReadString(path, json, "kind", spec.kind));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "value_ms", spec.value_ms));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "median_ms", spec.median_ms));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "p99_ms", spec.p99_ms));
  RECOUP_RETURN_IF_ERROR(ReadString(path, json, "method", spec.method));
  if (const auto it = json.find("samples_ms"); it != json.end()) {
    if (!it->is_array()) return Expected(path + ".samples_ms", "an array of numbers", *it);
    for (std::size_t i = 0; i < it->size(); ++i) {
      const Json& sample = (*it)[i];
      if (!sample.is_number()) {
        return Expected(path + ".samples_ms[" + std::to_string(i) + "]", "a number", sample);
      }
      spec.samples_ms.push_back(sample.get<double>());
    }
  }
  return spec;
}

StatusOr<FaultRates> ReadFaultRates(const std::string& path, const Json& json) {
  RECOUP_RETURN_IF_ERROR(CheckObject(path, json,
                                     {"unable_to_lock_row", "server_unavailable", "timeout",
                                      "session_expired", "request_limit_exceeded"}));
  FaultRates rates;
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "unable_to_lock_row", rates.unable_to_lock_row));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "server_unavailable", rates.server_unavailable));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "timeout", rates.timeout));
  RECOUP_RETURN_IF_ERROR(ReadNumber(path, json, "session_expired", rates.session_expired));
  RECOUP_RETURN_IF_ERROR(
      ReadNumber(path, json, "request_limit_exceeded", rates.request_limit_exceeded));
  return rates;
}

}  // namespace

StatusOr<LatencyConfig> LatencyConfigFromJson(const Json& json) {
  RECOUP_RETURN_IF_ERROR(CheckObject("latency", json, {"default", "operations"}));
  LatencyConfig config = DefaultLatencyConfig();
  if (const auto it = json.find("default"); it != json.end()) {
    RECOUP_ASSIGN_OR_RETURN(config.default_spec, ReadLatencySpec("latency.default", *it));
  }
  if (const auto it = json.find("operations"); it != json.end()) {
    if (!it->is_object()) return Expected("latency.operations", "an object", *it);
    for (const auto& [name, spec] : it->items()) {
      RECOUP_ASSIGN_OR_RETURN(config.operations[name],
                              ReadLatencySpec("latency.operations." + name, spec));
    }
  }
  return config;
}

StatusOr<FaultConfig> FaultConfigFromJson(const Json& json) {
  RECOUP_RETURN_IF_ERROR(
      CheckObject("faults", json, {"timeout_after_ms", "default", "operations"}));
  FaultConfig config;
  RECOUP_RETURN_IF_ERROR(ReadNumber("faults", json, "timeout_after_ms", config.timeout_after_ms));
  if (const auto it = json.find("default"); it != json.end()) {
    RECOUP_ASSIGN_OR_RETURN(config.default_rates, ReadFaultRates("faults.default", *it));
  }
  if (const auto it = json.find("operations"); it != json.end()) {
    if (!it->is_object()) return Expected("faults.operations", "an object", *it);
    for (const auto& [name, rates] : it->items()) {
      RECOUP_ASSIGN_OR_RETURN(config.operations[name],
                              ReadFaultRates("faults.operations." + name, rates));
    }
  }
  return config;
}

}  // namespace recoup::sim::org::events
