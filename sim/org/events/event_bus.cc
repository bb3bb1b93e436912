#include "sim/org/events/event_bus.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/base/check.h"
#include "sim/org/events/event_identity.h"

namespace recoup::sim::org::events {
namespace {

using OrderedJson = nlohmann::ordered_json;
// Invalid UTF-8 (possible in a publisher id that did not come through the JSON parser) is replaced,
// never thrown.
constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

constexpr std::array<std::string_view, 4> kSystemFields = {"CreatedDate", "CreatedById", "ReplayId",
                                                           "EventUuid"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  if (!std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

const std::string_view* FindSystemField(std::string_view name) {
  for (const std::string_view& system : kSystemFields) {
    if (EqualsIgnoreCase(system, name)) return &system;
  }
  return nullptr;
}

}  // namespace

std::string InvalidReplayMessage(std::string_view replay_text) {
  return "The replayId {" + std::string(replay_text) +
         "} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 "
         "to replay only new events.";
}

Status ValidateEventBusConfig(const EventBusConfig& c) {
  if (c.retention <= Duration::Zero()) {
    return InvalidArgumentError("event_bus.retention: must be > 0, got " + c.retention.ToString());
  }
  if (c.max_retained_events < 1) {
    return InvalidArgumentError("event_bus.max_retained_events: must be >= 1, got " +
                                std::to_string(c.max_retained_events));
  }
  if (c.max_retained_bytes < (int64_t{1} << 20)) {
    return InvalidArgumentError("event_bus.max_retained_bytes: must be >= 1048576 (1 MiB), got " +
                                std::to_string(c.max_retained_bytes));
  }
  if (c.id_instance.size() != 2 ||
      !std::all_of(c.id_instance.begin(), c.id_instance.end(),
                   [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); })) {
    return InvalidArgumentError("event_bus.id_instance: must be 2 letters or digits, got '" +
                                c.id_instance + "'");
  }
  return OkStatus();
}

EventBus::EventBus(const EventBusConfig& config, ApiLimits* limits)
    : config_(config),
      limits_(limits),
      uuid_streams_(RandomStreams(config.seed).Family("org.event.uuid")) {
  const Status valid = ValidateEventBusConfig(config);
  RECOUP_CHECK_MSG(valid.ok(), valid.ToString());
}

StatusOr<std::unique_ptr<EventBus>> EventBus::Create(const EventBusConfig& config,
                                                     ApiLimits* limits) {
  RECOUP_RETURN_IF_ERROR(ValidateEventBusConfig(config));
  return std::make_unique<EventBus>(config, limits);
}

std::string EventBus::ChannelFor(std::string_view api_name) {
  return "/event/" + std::string(api_name);
}

Status EventBus::DefineEvent(const EventDefinition& definition) {
  const std::string& api = definition.api_name;
  if (!IsIdentifier(api) || api.size() <= 3 || api.substr(api.size() - 3) != "__e") {
    return InvalidArgumentError("event definition '" + api +
                                "': the API name must be an identifier ending in __e");
  }
  std::vector<FieldKind> kinds;
  std::string canonical = api + "\nCreatedDate:datetime\nCreatedById:reference\n";
  for (std::size_t i = 0; i < definition.fields.size(); ++i) {
    const EventFieldDefinition& field = definition.fields[i];
    const std::string where =
        "event definition '" + api + "' field " + std::to_string(i) + " ('" + field.name + "')";
    if (!IsIdentifier(field.name)) {
      return InvalidArgumentError(where + ": the name must be an identifier");
    }
    if (FindSystemField(field.name) != nullptr) {
      return InvalidArgumentError(where + ": the name is a system field");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (EqualsIgnoreCase(definition.fields[j].name, field.name)) {
        return InvalidArgumentError(where + ": duplicate of field " + std::to_string(j));
      }
    }
    const std::string& t = field.type;
    if (t == "boolean") {
      kinds.push_back(FieldKind::kBoolean);
    } else if (t == "int" || t == "double" || t == "currency" || t == "percent") {
      kinds.push_back(FieldKind::kNumber);
    } else if (t == "string" || t == "textarea" || t == "picklist" || t == "multipicklist" ||
               t == "email" || t == "phone" || t == "url" || t == "reference" || t == "date" ||
               t == "datetime") {
      kinds.push_back(FieldKind::kString);
    } else {
      return InvalidArgumentError(where + ": unknown type '" + t +
                                  "'; expected one of string, textarea, picklist, multipicklist, "
                                  "email, phone, url, reference, date, datetime, boolean, int, "
                                  "double, currency, percent");
    }
    canonical += field.name + ":" + t + "\n";
  }
  const std::string name = ChannelFor(api);
  std::lock_guard<std::mutex> lock(mu_);
  Channel* channel = FindLocked(name);
  if (channel == nullptr) {
    channels_.push_back(std::make_unique<Channel>());
    channel = channels_.back().get();
    channel->name = name;
    by_name_.emplace(name, channels_.size() - 1);
  }
  channel->definition = definition;
  channel->kinds = std::move(kinds);
  channel->schema_id = Fingerprint128(canonical);
  return OkStatus();
}

EventBus::Channel* EventBus::FindLocked(std::string_view channel) const {
  const auto it = by_name_.find(channel);
  return it == by_name_.end() ? nullptr : channels_[it->second].get();
}

bool EventBus::HasChannel(std::string_view channel) const {
  std::lock_guard<std::mutex> lock(mu_);
  return FindLocked(channel) != nullptr;
}

std::vector<std::string> EventBus::Channels() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> names;
  for (const auto& [name, index] : by_name_) names.push_back(name);
  return names;
}

std::optional<std::string> EventBus::SchemaId(std::string_view channel) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Channel* found = FindLocked(channel);
  if (found == nullptr) return std::nullopt;
  return found->schema_id;
}

SfStatus EventBus::ValidatePayloadLocked(const Channel& channel, const nlohmann::json& payload,
                                         std::vector<const nlohmann::json*>& values) const {
  const std::string& type = channel.definition.api_name;
  if (!payload.is_object()) {
    return MakeSfError(400, "JSON_PARSER_ERROR",
                       "The request body must be a JSON object of field values for " + type);
  }
  values.assign(channel.definition.fields.size(), nullptr);
  for (const auto& [key, value] : payload.items()) {
    if (key == "attributes") continue;
    if (const std::string_view* system = FindSystemField(key); system != nullptr) {
      return MakeSfError(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                         "Unable to create/update fields: " + std::string(*system) +
                             ". Please check the security settings of this field and verify "
                             "that it is read/write for your profile or permission set.",
                         {std::string(*system)});
    }
    std::size_t index = values.size();
    for (std::size_t i = 0; i < channel.definition.fields.size(); ++i) {
      if (EqualsIgnoreCase(channel.definition.fields[i].name, key)) {
        index = i;
        break;
      }
    }
    if (index == values.size()) {
      return MakeSfError(400, "INVALID_FIELD",
                         "No such column '" + key + "' on sobject of type " + type);
    }
    const std::string& field = channel.definition.fields[index].name;
    if (values[index] != nullptr) {
      return MakeSfError(400, "JSON_PARSER_ERROR", "Duplicate field '" + field + "' in " + type,
                         {field});
    }
    bool kind_ok = value.is_null();
    switch (channel.kinds[index]) {
      case FieldKind::kString:
        kind_ok = kind_ok || value.is_string();
        break;
      case FieldKind::kNumber:
        kind_ok = kind_ok || value.is_number();
        break;
      case FieldKind::kBoolean:
        kind_ok = kind_ok || value.is_boolean();
        break;
    }
    if (!kind_ok) {
      return MakeSfError(
          400, "INVALID_TYPE_ON_FIELD_IN_RECORD",
          field + ": value not of required type: " + value.dump(-1, ' ', false, kReplace), {field});
    }
    values[index] = &value;
  }
  return {};
}

SfOr<PublishResult> EventBus::Publish(std::string_view channel_name, const nlohmann::json& payload,
                                      Timestamp now, std::string_view publisher_user_id) {
  PublishResult result;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Channel* channel = FindLocked(channel_name);
    if (channel == nullptr) {
      return MakeSfError(404, "NOT_FOUND", "The requested resource does not exist");
    }
    std::vector<const nlohmann::json*> values;
    if (SfStatus valid = ValidatePayloadLocked(*channel, payload, values); !valid.ok()) {
      return valid.error();
    }
    if (limits_ != nullptr) {
      if (SfStatus counted = limits_->CountPublishedEvents(now, 1); !counted.ok()) {
        return counted.error();
      }
    }
    const uint64_t sequence = ++sequence_;
    const Timestamp created = std::max(now, last_created_);
    last_created_ = created;
    result.replay_id = ++channel->last_replay;
    RandomStream uuid_stream = uuid_streams_.For(sequence);
    const uint64_t hi = uuid_stream();
    const uint64_t lo = uuid_stream();
    result.event_uuid = FormatUuidV4(hi, lo);
    result.id = MakeSalesforceId("e00", config_.id_instance, sequence % kMaxSalesforceIdSequence);

    OrderedJson body;
    body["CreatedDate"] = FormatCometdDateTime(created);
    body["CreatedById"] = publisher_user_id;
    for (std::size_t i = 0; i < values.size(); ++i) {
      body[channel->definition.fields[i].name] =
          values[i] != nullptr ? OrderedJson(*values[i]) : OrderedJson(nullptr);
    }
    OrderedJson message;
    message["channel"] = channel->name;
    message["data"]["schema"] = channel->schema_id;
    message["data"]["payload"] = std::move(body);
    message["data"]["event"]["replayId"] = result.replay_id;
    message["data"]["event"]["EventUuid"] = result.event_uuid;
    auto text = std::make_shared<const std::string>(message.dump(-1, ' ', false, kReplace));

    retained_bytes_ += FootprintOf(*text);
    channel->events.push_back({result.replay_id, sequence, created, std::move(text)});
    order_.push_back(static_cast<std::size_t>(by_name_.find(channel->name)->second));
    PruneLocked(now);
  }
  std::lock_guard<std::mutex> lock(listeners_mu_);
  for (const auto& [id, listener] : listeners_) listener(channel_name, result.replay_id);
  return result;
}

int64_t EventBus::FootprintOf(const std::string& message) {
  // The string's bytes plus the stored record, the shared_ptr control block and allocator slack.
  return static_cast<int64_t>(message.size() + sizeof(StoredEvent) + 64);
}

void EventBus::DropOldestLocked() {
  Channel& channel = *channels_[order_.front()];
  order_.pop_front();
  retained_bytes_ -= FootprintOf(*channel.events.front().message);
  channel.events.pop_front();
}

void EventBus::PruneLocked(Timestamp now) {
  const Timestamp cutoff = now - config_.retention;
  while (!order_.empty() && (channels_[order_.front()]->events.front().created < cutoff ||
                             static_cast<int64_t>(order_.size()) > config_.max_retained_events ||
                             retained_bytes_ > config_.max_retained_bytes)) {
    DropOldestLocked();
  }
}

SfOr<int64_t> EventBus::ResolveReplay(std::string_view channel_name, int64_t replay,
                                      Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  const Channel* channel = FindLocked(channel_name);
  if (channel == nullptr) {
    return MakeSfError(400, "INVALID_CHANNEL",
                       "The channel you requested to subscribe to does not exist {" +
                           std::string(channel_name) + "}");
  }
  PruneLocked(now);
  const int64_t oldest =
      channel->events.empty() ? channel->last_replay + 1 : channel->events.front().replay_id;
  if (replay == -1) return channel->last_replay;
  if (replay == -2) return oldest - 1;
  if (replay >= oldest - 1 && replay <= channel->last_replay) return replay;
  return MakeSfError(400, "INVALID_REPLAY_ID", InvalidReplayMessage(std::to_string(replay)));
}

std::vector<RetainedEvent> EventBus::Read(std::string_view channel_name, int64_t after,
                                          std::size_t max, Timestamp now) {
  std::vector<RetainedEvent> out;
  std::lock_guard<std::mutex> lock(mu_);
  const Channel* channel = FindLocked(channel_name);
  if (channel == nullptr || max == 0) return out;
  PruneLocked(now);
  if (channel->events.empty() || after >= channel->last_replay) return out;
  const int64_t first = channel->events.front().replay_id;
  const auto start = static_cast<std::size_t>(std::max<int64_t>(after + 1, first) - first);
  const std::size_t end = std::min(channel->events.size(), start + max);
  out.reserve(end - start);
  for (std::size_t i = start; i < end; ++i) {
    const StoredEvent& e = channel->events[i];
    out.push_back({e.replay_id, e.sequence, e.created, e.message});
  }
  return out;
}

int64_t EventBus::LastReplayId(std::string_view channel_name) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Channel* channel = FindLocked(channel_name);
  return channel == nullptr ? 0 : channel->last_replay;
}

int64_t EventBus::OldestRetainedReplayId(std::string_view channel_name, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  const Channel* channel = FindLocked(channel_name);
  if (channel == nullptr) return 1;
  PruneLocked(now);
  return channel->events.empty() ? channel->last_replay + 1 : channel->events.front().replay_id;
}

EventBus::ListenerId EventBus::AddListener(Listener listener) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  const ListenerId id = next_listener_++;
  listeners_.emplace_back(id, std::move(listener));
  return id;
}

void EventBus::RemoveListener(ListenerId id) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  std::erase_if(listeners_, [id](const auto& entry) { return entry.first == id; });
}

int64_t EventBus::RetainedEvents() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int64_t>(order_.size());
}

int64_t EventBus::RetainedBytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return retained_bytes_;
}

}  // namespace recoup::sim::org::events
