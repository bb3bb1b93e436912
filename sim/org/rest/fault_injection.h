// Injected latency and faults for the mock org served over HTTP (`recoup org serve --faults FILE
// --latency-ms MS --error-rate R`), drawn from the org's latency and fault models
// (sim/org/events/latency_model.h, fault_model.h).
//
// FaultInjector is the server's RequestInterceptor (sim/org/http/dispatcher.h). For each request
// that reaches a synchronous handler it finds the operation (ClassifyRequest), then draws, from the
// keyed streams of the models under the configured seed, with request id = the number of earlier
// requests of the same operation (0, 1, 2, ...) and attempt 0:
//   - a fault (API routes only, Access::kApi): the handler does not run, so nothing is written;
//     the answer is the fault's Salesforce error (400 UNABLE_TO_LOCK_ROW, 503 SERVER_UNAVAILABLE,
//     401 INVALID_SESSION_ID, 403 REQUEST_LIMIT_EXCEEDED), sent after the drawn latency; a timeout
//     sends nothing and closes the connection after timeout_after_ms (unless the client gives up
//     first). The session-expired fault does not revoke the token: a retry may succeed.
//   - otherwise the handler runs at once and its response is held for the drawn latency.
// Held requests park their connection without holding a worker thread (server RunAfter timers).
// Routes that are not API routes (the OAuth endpoints: "token"; GET /services/data/: "retrieve")
// get latency but never a fault (a client must be able to log in); asynchronous routes and
// optional-session routes (CometD) are left alone. So the same seed and the same sequence of
// requests per operation give the same latencies and faults, whatever the interleaving of other
// operations. When the server stops, held responses are sent at once and hung requests are closed.
#ifndef RECOUP_SIM_ORG_REST_FAULT_INJECTION_H_
#define RECOUP_SIM_ORG_REST_FAULT_INJECTION_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "sim/org/events/fault_model.h"
#include "sim/org/events/latency_model.h"
#include "sim/org/events/org_operation.h"
#include "sim/org/http/dispatcher.h"
#include "sim/org/http/server.h"
#include "sim/org/schema.h"

namespace recoup::sim::org::rest {

struct FaultInjectionConfig {
  std::optional<events::LatencyConfig> latency;  // nullopt: answers are not delayed
  std::optional<events::FaultConfig> faults;     // nullopt: no faults
  uint64_t seed = 0;                             // keys both models' streams
};

// Reads {"latency": <LatencyConfig JSON>, "faults": <FaultConfig JSON>} (model_config_json.h;
// both members optional; "latency" starts from DefaultLatencyConfig(), "faults" from no faults).
// Leaves `seed` 0. Errors (InvalidArgument) start with `source_name`: "<source>:<line>:<column>:
// malformed JSON: ...", "<source>: unknown member \"x\" (expected latency, faults)", or the
// models' own messages, e.g. "<source>: faults.default: the rates sum to 1.2, more than 1".
StatusOr<FaultInjectionConfig> FaultInjectionConfigFromJson(std::string_view text,
                                                            std::string_view source_name);

// The operation a request counts as (org_operation.h), from its method and the path after
// /services/data/vXX.X/: sobjects/{O} POST create (publish for a platform event), sobjects/{O}/{id}
// GET retrieve / PATCH update / DELETE delete, sobjects/{O}/{field}/{value} PATCH, POST or PUT
// upsert (GET retrieve, DELETE delete), query... and queryAll... query, composite/sobjects... GET
// retrieve, other composite... composite, jobs... bulk; anything else by method (GET and HEAD
// retrieve, POST create, PATCH and PUT update, DELETE delete). The OAuth endpoints
// (/services/oauth2/..., /id/...) are "token"; any other path goes by method as above.
events::OrgOperation ClassifyRequest(const Schema& schema, http::Method method,
                                     std::string_view path);

class FaultInjector final : public http::RequestInterceptor {
 public:
  // Builds the models (errors of LatencyModel/FaultModel::Create, naming the field), installs the
  // injector as `server`'s interceptor and registers its OnStop flush. Call before the server
  // starts. `schema` and `server` must outlive the injector; stop the server before destroying it.
  static StatusOr<std::unique_ptr<FaultInjector>> Install(const Schema& schema,
                                                          http::Server& server,
                                                          FaultInjectionConfig config);
  ~FaultInjector() override;

  bool Intercept(const http::Request& request, const http::Route& route, http::Response* response,
                 const std::function<void()>& run_handler,
                 const std::function<http::Responder()>& make_responder) override;

  // Requests seen so far per operation (the next request id of each).
  uint64_t requests(events::OrgOperation op) const {
    return counters_[events::OrgOperationIndex(op)].load(std::memory_order_relaxed);
  }

 private:
  // A parked request: a response to send (a delay) or nothing (a hang, aborted when due).
  struct Held {
    http::Responder responder;
    std::optional<http::Response> response;
    http::TimerHandle timer;
  };

  FaultInjector(const Schema& schema, http::Server& server) : schema_(schema), server_(server) {}
  // Keeps a parked request: when `delay` has passed (or the server stops; at once if it has
  // stopped) sends `response`, or aborts the request when there is none.
  void Hold(http::Responder responder, std::optional<http::Response> response, Duration delay);
  void Release(uint64_t id);
  void ReleaseAll();

  const Schema& schema_;
  http::Server& server_;
  std::optional<events::LatencyModel> latency_;
  std::optional<events::FaultModel> faults_;
  std::array<std::atomic<uint64_t>, events::kOrgOperationCount> counters_{};
  std::atomic<bool> stopping_{false};  // set under mu_ by the server's Stop (ReleaseAll)
  std::mutex mu_;                      // guards the two below
  uint64_t next_hold_ = 0;
  std::map<uint64_t, Held> held_;
};

}  // namespace recoup::sim::org::rest

#endif  // RECOUP_SIM_ORG_REST_FAULT_INJECTION_H_
