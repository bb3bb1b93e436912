// BayeuxEngine: the CometD / Bayeux 1.0 long-polling protocol of the mock org's streaming endpoint
// (POST /cometd/XX.X; reference/salesforce-api.md section 5.2 and section 10 item 5), independent
// of any transport. The HTTP server hands it each request body with the caller's authentication and
// "now"; it answers with a body to send, or with "park this request" for a long poll.
//
// Protocol, as Salesforce serves it:
//  - /meta/handshake answers supportedConnectionTypes ["long-polling"] whatever the client offers
//    (as long as it offers long-polling), ext {"replay": true, "payload.format": true}, advice
//    {"interval": 0, "timeout": 110000, "reconnect": "retry"}, and a new clientId (26 base-36
//    characters drawn from the keyed stream ("org.cometd.client_id", handshake number): same seed,
//    same handshake order, same ids). Over max_clients live clients: "403::Handshake denied" with
//    ext.sfdc.failureReason "403::Organization concurrent user limit exceeded".
//  - /meta/subscribe to /event/<Name>__e with an optional ext {"replay": {"<channel>": R}}: R = -1
//    new events only (also the default), -2 every retained event, N the events after replay id N;
//    an expired or unknown N fails with "400::The replayId {N} you provided was invalid. ...", an
//    unknown channel with "400::The channel you requested to subscribe to does not exist {ch}", an
//    exhausted daily delivery allocation with "403::Organization total events daily limit
//    exceeded".
//  - /meta/connect: the first connect of a client, and any connect with advice.timeout 0, answers
//    at once; later connects are parked until events arrive or min(advice.timeout, 110 s) passes.
//    Events are delivered with the connect reply, in publish order (replayId order per channel), at
//    most max_events_per_connect / max_response_bytes per reply; the rest come with the next
//    connect (which then answers at once).
//  - /meta/unsubscribe, /meta/disconnect. A batch may mix messages (faye sends
//    connect+subscribe and connect+disconnect+unsubscribe in one POST): replies come in request
//    order with the connect reply last, preceded by the delivered events; a connect whose client
//    disconnects in the same batch answers at once, and an unsubscribe after such a disconnect
//    succeeds.
//  - Expiry: a client that sends nothing for reconnect_after_delivery (40 s) after a reply that
//    delivered events, or for reconnect_after_empty (110 s) after any other reply, is forgotten;
//    its next message gets "403::Unknown client" with advice {"reconnect": "handshake"}. A client
//    with a parked connect does not expire.
//  - Authentication: with BayeuxAuth::Invalid (bad or revoked token) every message fails (a
//    handshake with "403::Handshake denied" and ext.sfdc.failureReason "401::Authentication
//    invalid", others with error "401::Authentication invalid") with advice {"reconnect": "none"};
//    with BayeuxAuth::Missing the reason is "401::Request requires authentication". A valid token
//    of a different user than the one who handshook: "400::Authenticated user id does not match the
//    session's user id".
//  - Bayeux-level failures are HTTP 200 with successful:false (clients read the body, not the
//    status); only a body over kMaxBayeuxRequestBytes (413) or one that is not a JSON array/object
//    of messages (400) changes the status.
//
// Long polls without blocking threads: Handle returns kPark with a token and a deadline. The server
// keeps the connection, and calls Resume(token, now) when the deadline passes or when the engine
// calls the wakeup function (SetWakeup) with that token; Resume answers (kRespond), or says kPark
// again when there is still nothing to send before the deadline. Cancel(token) when the connection
// drops. The engine listens to the bus, so a publish on a channel wakes the parked connects of its
// subscribers; a second connect, a disconnect or a subscribe with pending events wakes them too.
//
// Thread-safety: all member functions may be called from any thread (one internal mutex). The
// wakeup function is called outside that mutex, from whichever thread published or handled the
// message that caused it (possibly inside EventBus::Publish); it must not block, and should only
// schedule the Resume (e.g. post to the connection's executor).
#ifndef RECOUP_SIM_ORG_EVENTS_BAYEUX_H_
#define RECOUP_SIM_ORG_EVENTS_BAYEUX_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/events/event_bus.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::org::events {

// The largest CometD request body Salesforce accepts (bytes); larger ones get 413.
inline constexpr std::size_t kMaxBayeuxRequestBytes = 32'768;

struct BayeuxConfig {
  uint64_t seed = 0;                                          // keys the clientId stream
  Duration long_poll_timeout = Duration::Seconds(110);        // advice.timeout; > 0
  Duration reconnect_after_delivery = Duration::Seconds(40);  // > 0
  Duration reconnect_after_empty = Duration::Seconds(110);    // > 0
  int64_t max_clients = 2'000;                                // >= 1 (PXE/UE figure)
  int64_t max_events_per_connect = 1'000;                     // >= 1
  int64_t max_response_bytes = int64_t{4} << 20;              // >= 65536
};

// OK, or InvalidArgument naming the field ("bayeux.max_clients: must be >= 1, got 0").
Status ValidateBayeuxConfig(const BayeuxConfig& config);

// Who sent the request, as the HTTP layer established it from the Authorization header.
struct BayeuxAuth {
  enum class State { kMissing, kInvalid, kValid };
  State state = State::kMissing;
  std::string user_id;  // kValid only

  static BayeuxAuth Valid(std::string user_id) { return {State::kValid, std::move(user_id)}; }
  static BayeuxAuth Invalid() { return {State::kInvalid, {}}; }
  static BayeuxAuth Missing() { return {State::kMissing, {}}; }
};

struct BayeuxReply {
  enum class Kind {
    kRespond,  // send http_status and body (Content-Type application/json) now
    kPark,     // hold the request: Resume(park_token, now) at `deadline` or on a wakeup
  };
  Kind kind = Kind::kRespond;
  int http_status = 200;
  std::string body;         // kRespond: a JSON array
  uint64_t park_token = 0;  // kPark: never 0
  std::string client_id;    // kPark: the client whose connect is parked
  Timestamp deadline;       // kPark: in the engine's (injected) time
};

class BayeuxEngine {
 public:
  using Wakeup = std::function<void(uint64_t park_token)>;

  // Requires ValidateBayeuxConfig(config).ok() (checked). `bus` and `limits` (may be null: no
  // delivery allocation) are not owned and must outlive the engine. Registers a bus listener.
  BayeuxEngine(const BayeuxConfig& config, EventBus& bus, ApiLimits* limits);
  static StatusOr<std::unique_ptr<BayeuxEngine>> Create(const BayeuxConfig& config, EventBus& bus,
                                                        ApiLimits* limits);
  // Unregisters from the bus. Parked requests are abandoned: stop the server first.
  ~BayeuxEngine();
  BayeuxEngine(const BayeuxEngine&) = delete;
  BayeuxEngine& operator=(const BayeuxEngine&) = delete;

  // Sets the function called when a parked request should be resumed (replaces any earlier one).
  void SetWakeup(Wakeup wakeup);

  // Handles one POST body (a JSON array of Bayeux messages, or a single message object).
  BayeuxReply Handle(std::string_view body, const BayeuxAuth& auth, Timestamp now);

  // Answers a parked connect at `now`: kRespond with the events (or an empty connect reply once the
  // deadline has passed, or when the client reconnected or disconnected meanwhile), or kPark again
  // (same token and deadline) when nothing is pending and the deadline is still ahead. nullopt for
  // an unknown token (already answered, cancelled, or abandoned: see ExpireClients).
  std::optional<BayeuxReply> Resume(uint64_t park_token, Timestamp now);

  // Forgets a parked connect whose connection closed; the client's 110 s reconnect clock starts.
  void Cancel(uint64_t park_token, Timestamp now);

  // Forgets the clients expired at `now`, and parked requests still neither resumed nor cancelled
  // reconnect_after_empty past their deadline (with their clients): the server surely lost them.
  // Handle also does this about once a second. Returns how many clients were forgotten.
  std::size_t ExpireClients(Timestamp now);

  std::size_t ClientCount() const;
  std::size_t ParkedCount() const;

 private:
  struct Client;
  struct Parked;
  struct Batch;
  struct Delivery;

  void HandleMessage(const nlohmann::json& message, const BayeuxAuth& auth, Timestamp now,
                     Batch& batch);
  void HandleHandshake(const nlohmann::json& message, const nlohmann::json* id,
                       const BayeuxAuth& auth, Timestamp now, Batch& batch);
  void HandleConnect(const nlohmann::json& message, const nlohmann::json* id, Client& client,
                     const std::string& client_id, Timestamp now, Batch& batch);
  void HandleSubscribe(const nlohmann::json& message, const nlohmann::json* id, Client& client,
                       const std::string& client_id, bool subscribe, Timestamp now, Batch& batch);
  void HandleDisconnect(const nlohmann::json* id, const std::string& client_id, Batch& batch);
  BayeuxReply FinishConnect(Batch& batch, Timestamp now);

  Client* LookupClientLocked(const std::string& client_id, Timestamp now);
  Delivery CollectLocked(Client& client, Timestamp now);
  bool HasPendingLocked(const Client& client) const;
  void ReleaseParkedLocked(uint64_t token, std::vector<uint64_t>& wake);
  void RemoveClientLocked(const std::string& client_id, std::vector<uint64_t>& wake);
  std::size_t SweepLocked(Timestamp now, std::vector<uint64_t>& wake);
  std::string NewClientIdLocked();
  std::string ConnectReplyJson(const std::string& client_id, const nlohmann::json& id,
                               const std::optional<std::string>& error, bool client_gone) const;
  void OnPublished(std::string_view channel);
  void Wake(const std::vector<uint64_t>& tokens);

  const BayeuxConfig config_;
  EventBus& bus_;
  ApiLimits* const limits_;
  const StreamFamily client_id_streams_;
  EventBus::ListenerId listener_ = 0;

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Client>, std::less<>> clients_;
  std::map<uint64_t, std::unique_ptr<Parked>> parked_;
  std::map<std::string, std::set<std::string>, std::less<>> subscribers_;  // channel -> clientIds
  Wakeup wakeup_;
  uint64_t handshakes_ = 0;
  uint64_t next_token_ = 1;
  Timestamp next_sweep_ = Timestamp::InfinitePast();
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_BAYEUX_H_
