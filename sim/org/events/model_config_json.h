// Reading the latency and fault model configurations (latency_model.h, fault_model.h) from JSON,
// for `recoup org serve` options and tests; the scenario loader fills the same structs from YAML.
//
// Latency, mirroring LatencyConfig (every key optional; starts from DefaultLatencyConfig(),
// "default" replaces default_spec, each "operations" entry replaces or adds that operation's spec;
// a spec's omitted keys take LatencySpec's defaults):
//   {"default": {"kind": "lognormal", "median_ms": 150, "p99_ms": 1500},
//    "operations": {"query": {"kind": "constant", "value_ms": 20},
//                   "bulk": {"kind": "empirical", "samples_ms": [900, 1200], "method":
//                   "resample"}}}
// Faults, mirroring FaultConfig (every key optional; starts from FaultConfig{}: no faults):
//   {"timeout_after_ms": 120000, "default": {"server_unavailable": 0.001},
//    "operations": {"update": {"unable_to_lock_row": 0.02, "session_expired": 0.0005}}}
// Only the structure and JSON types are checked here (InvalidArgument naming the path, e.g.
// "latency.operations.query.median_ms: expected a number, got \"fast\"", "faults.default.foo:
// unknown field; expected one of ..."); values are validated by LatencyModel/FaultModel::Create.
#ifndef RECOUP_SIM_ORG_EVENTS_MODEL_CONFIG_JSON_H_
#define RECOUP_SIM_ORG_EVENTS_MODEL_CONFIG_JSON_H_

#include <nlohmann/json.hpp>

#include "core/base/statusor.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"

namespace recoup::sim::org::events {

StatusOr<LatencyConfig> LatencyConfigFromJson(const nlohmann::json& json);
StatusOr<FaultConfig> FaultConfigFromJson(const nlohmann::json& json);

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_MODEL_CONFIG_JSON_H_
