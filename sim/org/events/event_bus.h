// EventBus: the org's platform-event bus (reference/salesforce-api.md section 5): channels
// "/event/<Name>__e", publishing with per-channel replay ids, 72-hour retention, replay resolution
// (-1 new only, -2 all retained, N after N) and reads for subscribers (the CometD engine in
// bayeux.h, or in-process simulation adapters).
//
// Every published event is stored once, already serialised as the CometD message subscribers
// receive (section 5.2):
//   {"channel":"/event/Collection_Event__e","data":{"schema":"<22-char fingerprint>",
//    "payload":{"CreatedDate":"2025-03-01T12:34:56.789Z","CreatedById":"005...","Message__c":"hi",
//               <every other field of the definition, null when not published>},
//    "event":{"replayId":7,"EventUuid":"<uuid v4>"}}}
// The schema fingerprint is a function of the event name and its field list (names and types in
// definition order), so it changes when a field is added. Reads hand out shared pointers to these
// immutable strings: no copy under the lock.
//
// Determinism: replay ids count 1, 2, ... per channel; the publish-result id ("e00" key prefix) and
// the EventUuid come from a bus-wide publish sequence (1, 2, ...), the uuid drawn from the keyed
// stream ("org.event.uuid", sequence) under the configured seed. Same seed and same publish order,
// same ids. CreatedDate is `now`, clamped so that it never goes backwards across the bus (two
// server threads may inject "now" slightly out of order): retention then drops events in publish
// order.
//
// Retention and memory: an event is dropped once now - CreatedDate > retention (72 h), and the
// oldest events are dropped early when the bus holds more than max_retained_events or
// max_retained_bytes. A dropped event can no longer be read or replayed from.
//
// Thread-safety: every member function may be called from any thread; the bus is internally
// synchronised. Listeners run after the event is visible to readers, outside the data lock but
// under the listener lock: a listener may call Read/ResolveReplay/LastReplayId, must not call
// Publish, AddListener or RemoveListener, and should return quickly. RemoveListener returns only
// when no call to that listener is in progress.
#ifndef RECOUP_SIM_ORG_EVENTS_EVENT_BUS_H_
#define RECOUP_SIM_ORG_EVENTS_EVENT_BUS_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/status.h"
#include "core/base/statusor.h"
#include "core/base/time.h"
#include "sim/org/events/api_limits.h"
#include "sim/org/sf_error.h"
#include "sim/random/random_streams.h"

namespace recoup::sim::org::events {

// One custom field of a platform event. `type` is a describe type name: string, textarea, picklist,
// multipicklist, email, phone, url, reference, date, datetime (carried as JSON strings), boolean
// (JSON true/false), int, double, currency, percent (JSON numbers).
struct EventFieldDefinition {
  std::string name;  // API name, e.g. "Message__c"
  std::string type;
};

// A platform event type: API name ending in "__e" (e.g. "Collection_Event__e") and its custom
// fields (CreatedDate and CreatedById are implicit).
struct EventDefinition {
  std::string api_name;
  std::vector<EventFieldDefinition> fields;
};

struct EventBusConfig {
  uint64_t seed = 0;                                // keys the EventUuid stream
  Duration retention = Duration::Hours(72);         // > 0
  int64_t max_retained_events = 1'000'000;          // >= 1, across all channels
  int64_t max_retained_bytes = int64_t{512} << 20;  // >= 1 MiB, across all channels
  std::string id_instance = "00";  // 2 alphanumerics after the "e00" prefix of publish-result ids
};

// OK, or InvalidArgument naming the field ("event_bus.retention: must be > 0, got -1s").
Status ValidateEventBusConfig(const EventBusConfig& config);

// What Publish returns: the REST layer answers {"id": id, "success": true, "errors":
// [{"statusCode": "OPERATION_ENQUEUED", "message": event_uuid, "fields": []}]}.
struct PublishResult {
  int64_t replay_id = 0;
  std::string event_uuid;  // "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx"
  std::string id;          // 18 characters, key prefix "e00"
};

// One retained event as a reader sees it.
struct RetainedEvent {
  int64_t replay_id = 0;
  uint64_t sequence = 0;  // bus-wide publish order, from 1
  Timestamp created;
  std::shared_ptr<const std::string> message;  // the CometD message (compact JSON), never null
};

// "The replayId {<replay_text>} you provided was invalid. Please provide a valid ID, -2 to replay
// all events, or -1 to replay only new events." (CometD sends it as "400::" + this text).
std::string InvalidReplayMessage(std::string_view replay_text);

class EventBus {
 public:
  using ListenerId = uint64_t;
  // Called once per published event with its channel and replay id.
  using Listener = std::function<void(std::string_view channel, int64_t replay_id)>;

  // Requires ValidateEventBusConfig(config).ok() (checked). `limits` (not owned, may be null for
  // "unlimited") must outlive the bus; Publish counts HourlyPublishedPlatformEvents on it.
  explicit EventBus(const EventBusConfig& config, ApiLimits* limits = nullptr);
  static StatusOr<std::unique_ptr<EventBus>> Create(const EventBusConfig& config,
                                                    ApiLimits* limits = nullptr);
  EventBus(const EventBus&) = delete;
  EventBus& operator=(const EventBus&) = delete;

  // "/event/" + api_name.
  static std::string ChannelFor(std::string_view api_name);

  // Adds (or redefines, keeping its retained events and replay ids) the event type. InvalidArgument
  // naming the definition and field for: an api_name that is not an identifier ending in "__e", an
  // empty or non-identifier field name, a duplicate field (case-insensitive), a system field name
  // (CreatedDate, CreatedById, ReplayId, EventUuid), an unknown type.
  Status DefineEvent(const EventDefinition& definition);

  bool HasChannel(std::string_view channel) const;
  // The defined channels, sorted.
  std::vector<std::string> Channels() const;
  // The channel's current schema fingerprint, or nullopt for an unknown channel.
  std::optional<std::string> SchemaId(std::string_view channel) const;

  // Publishes `payload` (a JSON object of field name -> value; field names match
  // case-insensitively; a top-level "attributes" key is ignored) on `channel` at `now` for
  // `publisher_user_id`. Errors, checked in this order, nothing published on error:
  //   NOT_FOUND 404 "The requested resource does not exist" for an unknown channel;
  //   JSON_PARSER_ERROR 400 when the payload is not a JSON object, or names a field twice;
  //   INVALID_FIELD_FOR_INSERT_UPDATE 400 for CreatedDate/CreatedById/ReplayId/EventUuid;
  //   INVALID_FIELD 400 "No such column 'X' on sobject of type Y__e" for an unknown field;
  //   INVALID_TYPE_ON_FIELD_IN_RECORD 400 "X: value not of required type: v" for a value of the
  //     wrong JSON kind (objects and arrays are never valid);
  //   LIMIT_EXCEEDED 400 when the hourly publishing allocation is used up.
  SfOr<PublishResult> Publish(std::string_view channel, const nlohmann::json& payload,
                              Timestamp now, std::string_view publisher_user_id);

  // Resolves a subscriber's replay option at `now` to a cursor, the replay id after which to read:
  // -1 -> the channel's last replay id (new events only); -2 -> one before the oldest retained
  // event (all retained); N >= 0 -> N, valid when oldest retained - 1 <= N <= last replay id
  // (events after N are all still retained). Errors (http 400): INVALID_CHANNEL "The channel you
  // requested to subscribe to does not exist {channel}"; INVALID_REPLAY_ID InvalidReplayMessage(N)
  // for any other value (expired, in the future, or below -2).
  SfOr<int64_t> ResolveReplay(std::string_view channel, int64_t replay, Timestamp now);

  // Up to `max` retained events of `channel` with replay id > `after`, oldest first, after dropping
  // what expired by `now`. A cursor older than the oldest retained event reads from the oldest.
  // Empty for an unknown channel.
  std::vector<RetainedEvent> Read(std::string_view channel, int64_t after, std::size_t max,
                                  Timestamp now);

  // The replay id of the channel's newest event ever published (0 if none, or unknown channel).
  int64_t LastReplayId(std::string_view channel) const;
  // The replay id of the channel's oldest retained event at `now`, or LastReplayId + 1 if none.
  int64_t OldestRetainedReplayId(std::string_view channel, Timestamp now);

  ListenerId AddListener(Listener listener);
  void RemoveListener(ListenerId id);

  // Events and approximate bytes retained across all channels (without pruning).
  int64_t RetainedEvents() const;
  int64_t RetainedBytes() const;

 private:
  enum class FieldKind : uint8_t { kString, kNumber, kBoolean };
  struct StoredEvent {
    int64_t replay_id;
    uint64_t sequence;
    Timestamp created;
    std::shared_ptr<const std::string> message;
  };
  struct Channel {
    std::string name;
    EventDefinition definition;
    std::vector<FieldKind> kinds;  // parallel to definition.fields
    std::string schema_id;
    std::deque<StoredEvent> events;
    int64_t last_replay = 0;
  };

  Channel* FindLocked(std::string_view channel) const;
  SfStatus ValidatePayloadLocked(const Channel& channel, const nlohmann::json& payload,
                                 std::vector<const nlohmann::json*>& values) const;
  void PruneLocked(Timestamp now);
  void DropOldestLocked();
  static int64_t FootprintOf(const std::string& message);

  const EventBusConfig config_;
  ApiLimits* const limits_;
  const StreamFamily uuid_streams_;

  mutable std::mutex mu_;  // guards everything below up to listeners_mu_
  std::vector<std::unique_ptr<Channel>> channels_;
  std::map<std::string, std::size_t, std::less<>> by_name_;
  std::deque<std::size_t> order_;  // channel index of each retained event, oldest first
  uint64_t sequence_ = 0;
  Timestamp last_created_ = Timestamp::InfinitePast();
  int64_t retained_bytes_ = 0;

  std::mutex listeners_mu_;
  std::vector<std::pair<ListenerId, Listener>> listeners_;
  ListenerId next_listener_ = 1;
};

}  // namespace recoup::sim::org::events

#endif  // RECOUP_SIM_ORG_EVENTS_EVENT_BUS_H_
