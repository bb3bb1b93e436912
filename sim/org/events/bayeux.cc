#include "sim/org/events/bayeux.h"

#include <algorithm>
#include <utility>

#include "core/base/check.h"
#include "sim/org/events/bayeux_messages.h"
#include "sim/org/events/bayeux_state.h"

namespace recoup::sim::org::events {
namespace {

using bayeux::OrderedJson;

// Bayeux messages are shallow (ext.replay is 4 deep); anything deeper is refused unparsed.
constexpr int kMaxNesting = 32;
constexpr Duration kSweepInterval = Duration::Seconds(1);

std::string Base36(uint64_t value) {
  constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string text(13, '0');  // 36^13 > 2^64
  for (int i = 12; i >= 0 && value != 0; --i) {
    text[static_cast<std::size_t>(i)] = kDigits[value % 36];
    value /= 36;
  }
  return text;
}

}  // namespace

Status ValidateBayeuxConfig(const BayeuxConfig& c) {
  const auto positive = [](std::string_view field, Duration d) {
    return d > Duration::Zero() ? OkStatus()
                                : InvalidArgumentError("bayeux." + std::string(field) +
                                                       ": must be > 0, got " + d.ToString());
  };
  const auto at_least = [](std::string_view field, int64_t value, int64_t min) {
    return value >= min ? OkStatus()
                        : InvalidArgumentError("bayeux." + std::string(field) +
                                               ": must be >= " + std::to_string(min) + ", got " +
                                               std::to_string(value));
  };
  RECOUP_RETURN_IF_ERROR(positive("long_poll_timeout", c.long_poll_timeout));
  RECOUP_RETURN_IF_ERROR(positive("reconnect_after_delivery", c.reconnect_after_delivery));
  RECOUP_RETURN_IF_ERROR(positive("reconnect_after_empty", c.reconnect_after_empty));
  RECOUP_RETURN_IF_ERROR(at_least("max_clients", c.max_clients, 1));
  RECOUP_RETURN_IF_ERROR(at_least("max_events_per_connect", c.max_events_per_connect, 1));
  RECOUP_RETURN_IF_ERROR(at_least("max_response_bytes", c.max_response_bytes, 65'536));
  return OkStatus();
}

BayeuxEngine::BayeuxEngine(const BayeuxConfig& config, EventBus& bus, ApiLimits* limits)
    : config_(config),
      bus_(bus),
      limits_(limits),
      client_id_streams_(RandomStreams(config.seed).Family("org.cometd.client_id")) {
  const Status valid = ValidateBayeuxConfig(config);
  RECOUP_CHECK_MSG(valid.ok(), valid.ToString());
  listener_ = bus_.AddListener(
      [this](std::string_view channel, int64_t /*replay_id*/) { OnPublished(channel); });
}

StatusOr<std::unique_ptr<BayeuxEngine>> BayeuxEngine::Create(const BayeuxConfig& config,
                                                             EventBus& bus, ApiLimits* limits) {
  RECOUP_RETURN_IF_ERROR(ValidateBayeuxConfig(config));
  return std::make_unique<BayeuxEngine>(config, bus, limits);
}

BayeuxEngine::~BayeuxEngine() { bus_.RemoveListener(listener_); }

void BayeuxEngine::SetWakeup(Wakeup wakeup) {
  std::lock_guard<std::mutex> lock(mu_);
  wakeup_ = std::move(wakeup);
}

void BayeuxEngine::Wake(const std::vector<uint64_t>& tokens) {
  if (tokens.empty()) return;
  Wakeup wakeup;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wakeup = wakeup_;
  }
  if (!wakeup) return;
  for (const uint64_t token : tokens) wakeup(token);
}

BayeuxReply BayeuxEngine::Handle(std::string_view body, const BayeuxAuth& auth, Timestamp now) {
  BayeuxReply reply;
  if (body.size() > kMaxBayeuxRequestBytes) {
    reply.http_status = 413;
    reply.body = bayeux::RequestErrorBody(bayeux::kErrTooLarge);
    return reply;
  }
  nlohmann::json parsed;
  if (bayeux::NestingWithin(body, kMaxNesting)) {
    parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  } else {
    parsed = nlohmann::json(nlohmann::json::value_t::discarded);
  }
  if (parsed.is_discarded() || !(parsed.is_array() || parsed.is_object()) ||
      (parsed.is_array() && parsed.empty())) {
    reply.http_status = 400;
    reply.body = bayeux::RequestErrorBody(bayeux::kErrMalformed);
    return reply;
  }
  Batch batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (now >= next_sweep_) {
      SweepLocked(now, batch.wake);
      next_sweep_ = now + kSweepInterval;
    }
    if (parsed.is_array()) {
      for (const nlohmann::json& message : parsed) HandleMessage(message, auth, now, batch);
    } else {
      HandleMessage(parsed, auth, now, batch);
    }
    if (batch.has_connect) {
      reply = FinishConnect(batch, now);
    } else {
      if (!batch.replies.empty()) batch.replies.pop_back();  // the trailing ','
      reply.body = "[" + batch.replies + "]";
    }
  }
  Wake(batch.wake);
  return reply;
}

BayeuxReply BayeuxEngine::FinishConnect(Batch& batch, Timestamp now) {
  BayeuxReply reply;
  const auto it = clients_.find(batch.connect_client);
  if (it == clients_.end()) {  // disconnected later in the same batch
    reply.body = "[" + batch.replies +
                 ConnectReplyJson(batch.connect_client, batch.connect_id, std::nullopt, true) + "]";
    return reply;
  }
  Client& client = *it->second;
  Delivery delivery = CollectLocked(client, now);
  if (delivery.count > 0 || delivery.error.has_value() || batch.connect_immediate) {
    reply.body = "[" + batch.replies + delivery.events +
                 ConnectReplyJson(batch.connect_client, batch.connect_id, delivery.error, false) +
                 "]";
    client.expires_at = now + (delivery.count > 0 ? config_.reconnect_after_delivery
                                                  : config_.reconnect_after_empty);
    return reply;
  }
  const uint64_t token = next_token_++;
  auto parked = std::make_unique<Parked>();
  parked->client_id = batch.connect_client;
  parked->deadline = now + batch.connect_timeout;
  parked->replies = std::move(batch.replies);
  parked->id = std::move(batch.connect_id);
  client.parked_token = token;
  reply.kind = BayeuxReply::Kind::kPark;
  reply.park_token = token;
  reply.client_id = parked->client_id;
  reply.deadline = parked->deadline;
  parked_.emplace(token, std::move(parked));
  return reply;
}

std::optional<BayeuxReply> BayeuxEngine::Resume(uint64_t park_token, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = parked_.find(park_token);
  if (it == parked_.end()) return std::nullopt;
  Parked& parked = *it->second;
  BayeuxReply reply;
  const auto client_it = clients_.find(parked.client_id);
  Client* client = client_it == clients_.end() ? nullptr : client_it->second.get();
  if (client == nullptr || client->parked_token != park_token) {
    // Disconnected (or forgotten), or superseded by a newer connect: an empty acknowledgement.
    reply.body = "[" + parked.replies +
                 ConnectReplyJson(parked.client_id, parked.id, std::nullopt, client == nullptr) +
                 "]";
    parked_.erase(it);
    return reply;
  }
  Delivery delivery = CollectLocked(*client, now);
  if (delivery.count == 0 && !delivery.error.has_value() && !parked.release &&
      now < parked.deadline) {
    parked.wake_sent = false;
    reply.kind = BayeuxReply::Kind::kPark;
    reply.park_token = park_token;
    reply.client_id = parked.client_id;
    reply.deadline = parked.deadline;
    return reply;
  }
  reply.body = "[" + parked.replies + delivery.events +
               ConnectReplyJson(parked.client_id, parked.id, delivery.error, false) + "]";
  client->parked_token = 0;
  client->expires_at =
      now + (delivery.count > 0 ? config_.reconnect_after_delivery : config_.reconnect_after_empty);
  parked_.erase(it);
  return reply;
}

void BayeuxEngine::Cancel(uint64_t park_token, Timestamp now) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = parked_.find(park_token);
  if (it == parked_.end()) return;
  if (auto client = clients_.find(it->second->client_id);
      client != clients_.end() && client->second->parked_token == park_token) {
    client->second->parked_token = 0;
    client->second->expires_at = now + config_.reconnect_after_empty;
  }
  parked_.erase(it);
}

std::string BayeuxEngine::ConnectReplyJson(const std::string& client_id, const nlohmann::json& id,
                                           const std::optional<std::string>& error,
                                           bool client_gone) const {
  OrderedJson reply = bayeux::Reply(bayeux::kConnect, client_id, nullptr);
  if (error.has_value()) {
    reply["successful"] = false;
    reply["error"] = *error;
    reply["advice"] = {{"reconnect", "none"}, {"interval", 0}};
  } else {
    reply["successful"] = true;
    reply["advice"] = client_gone ? OrderedJson{{"reconnect", "none"}, {"interval", 0}}
                                  : bayeux::RetryAdvice(config_.long_poll_timeout.ToMilliseconds());
  }
  if (!id.is_null()) reply["id"] = id;
  return bayeux::Dump(reply);
}

BayeuxEngine::Client* BayeuxEngine::LookupClientLocked(const std::string& client_id,
                                                       Timestamp now) {
  const auto it = clients_.find(client_id);
  if (it == clients_.end()) return nullptr;
  Client& client = *it->second;
  if (client.parked_token == 0 && now > client.expires_at) {
    std::vector<uint64_t> none;  // not parked: nothing to wake
    RemoveClientLocked(client_id, none);
    return nullptr;
  }
  return &client;
}

BayeuxEngine::Delivery BayeuxEngine::CollectLocked(Client& client, Timestamp now) {
  Delivery delivery;
  struct Item {
    const std::string* channel;
    RetainedEvent event;
  };
  std::vector<Item> items;
  const auto max = static_cast<std::size_t>(config_.max_events_per_connect);
  for (const auto& [channel, cursor] : client.cursors) {
    for (RetainedEvent& event : bus_.Read(channel, cursor, max, now)) {
      items.push_back({&channel, std::move(event)});
    }
  }
  if (items.empty()) return delivery;
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.event.sequence < b.event.sequence; });
  std::size_t count = 0;
  int64_t bytes = 0;
  while (count < items.size() && count < max) {
    const auto size = static_cast<int64_t>(items[count].event.message->size() + 1);
    if (count > 0 && bytes + size > config_.max_response_bytes) break;
    bytes += size;
    ++count;
  }
  if (limits_ != nullptr) {
    count = static_cast<std::size_t>(limits_->GrantDeliveries(now, static_cast<int64_t>(count)));
    if (count == 0) {
      delivery.error = std::string(bayeux::kErrDailyDeliveries);
      return delivery;
    }
  }
  delivery.events.reserve(static_cast<std::size_t>(bytes));
  for (std::size_t i = 0; i < count; ++i) {
    delivery.events += *items[i].event.message;
    delivery.events += ',';
    int64_t& cursor = client.cursors.find(*items[i].channel)->second;
    cursor = std::max(cursor, items[i].event.replay_id);
  }
  delivery.count = static_cast<int64_t>(count);
  return delivery;
}

bool BayeuxEngine::HasPendingLocked(const Client& client) const {
  for (const auto& [channel, cursor] : client.cursors) {
    if (bus_.LastReplayId(channel) > cursor) return true;
  }
  return false;
}

void BayeuxEngine::ReleaseParkedLocked(uint64_t token, std::vector<uint64_t>& wake) {
  const auto it = parked_.find(token);
  if (it == parked_.end()) return;
  it->second->release = true;
  if (!it->second->wake_sent) {
    it->second->wake_sent = true;
    wake.push_back(token);
  }
}

void BayeuxEngine::RemoveClientLocked(const std::string& client_id, std::vector<uint64_t>& wake) {
  const auto it = clients_.find(client_id);
  if (it == clients_.end()) return;
  if (it->second->parked_token != 0) ReleaseParkedLocked(it->second->parked_token, wake);
  for (const auto& [channel, cursor] : it->second->cursors) {
    if (auto sub = subscribers_.find(channel); sub != subscribers_.end()) {
      sub->second.erase(client_id);
      if (sub->second.empty()) subscribers_.erase(sub);
    }
  }
  clients_.erase(it);
}

std::size_t BayeuxEngine::SweepLocked(Timestamp now, std::vector<uint64_t>& wake) {
  // Long polls the server never resumed or cancelled (their connection is surely gone by now),
  // including released ones whose client has moved on.
  for (auto it = parked_.begin(); it != parked_.end();) {
    if (now > it->second->deadline + config_.reconnect_after_empty) {
      it = parked_.erase(it);
    } else {
      ++it;
    }
  }
  std::vector<std::string> expired;
  for (const auto& [client_id, client] : clients_) {
    if (client->parked_token == 0) {
      if (now > client->expires_at) expired.push_back(client_id);
    } else if (parked_.find(client->parked_token) == parked_.end()) {
      client->parked_token = 0;  // its long poll was abandoned above: the client is lost
      expired.push_back(client_id);
    }
  }
  for (const std::string& client_id : expired) RemoveClientLocked(client_id, wake);
  return expired.size();
}

std::size_t BayeuxEngine::ExpireClients(Timestamp now) {
  std::vector<uint64_t> wake;
  std::size_t removed = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    removed = SweepLocked(now, wake);
  }
  Wake(wake);
  return removed;
}

std::string BayeuxEngine::NewClientIdLocked() {
  for (;;) {
    RandomStream stream = client_id_streams_.For(++handshakes_);
    const uint64_t hi = stream();
    const uint64_t lo = stream();
    std::string id = Base36(hi) + Base36(lo);
    if (clients_.find(id) == clients_.end()) return id;
  }
}

void BayeuxEngine::OnPublished(std::string_view channel) {
  std::vector<uint64_t> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto it = subscribers_.find(channel);
    if (it == subscribers_.end()) return;
    for (const std::string& client_id : it->second) {
      const auto client = clients_.find(client_id);
      if (client == clients_.end() || client->second->parked_token == 0) continue;
      Parked& parked = *parked_.at(client->second->parked_token);
      if (!parked.wake_sent) {
        parked.wake_sent = true;
        wake.push_back(client->second->parked_token);
      }
    }
  }
  Wake(wake);
}

std::size_t BayeuxEngine::ClientCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return clients_.size();
}

std::size_t BayeuxEngine::ParkedCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return parked_.size();
}

}  // namespace recoup::sim::org::events
