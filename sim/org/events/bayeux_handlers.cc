// BayeuxEngine's handlers of the /meta/* messages of one request (handshake, connect, subscribe,
// unsubscribe, disconnect); the state they act on is in bayeux_state.h, the rest of the engine in
// bayeux.cc.
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "sim/org/events/bayeux.h"
#include "sim/org/events/bayeux_messages.h"
#include "sim/org/events/bayeux_state.h"

namespace recoup::sim::org::events {

using bayeux::OrderedJson;
using bayeux_internal::Member;
using bayeux_internal::StringMember;

void BayeuxEngine::HandleMessage(const nlohmann::json& message, const BayeuxAuth& auth,
                                 Timestamp now, Batch& batch) {
  if (!message.is_object()) {
    batch.Add(bayeux::ErrorReply("", "", nullptr, bayeux::kErrNotAnObject, ""));
    return;
  }
  const nlohmann::json* id = Member(message, "id");
  const std::string channel = StringMember(message, "channel");
  const std::string client_id = StringMember(message, "clientId");
  if (channel.empty()) {
    batch.Add(bayeux::ErrorReply("", client_id, id, bayeux::kErrNoChannel, ""));
    return;
  }
  if (auth.state != BayeuxAuth::State::kValid) {
    const std::string_view reason = auth.state == BayeuxAuth::State::kMissing
                                        ? bayeux::kErrAuthMissing
                                        : bayeux::kErrAuthInvalid;
    batch.Add(channel == bayeux::kHandshake
                  ? bayeux::HandshakeDenied(id, reason)
                  : bayeux::ErrorReply(channel, client_id, id, reason, "none"));
    return;
  }
  if (channel == bayeux::kHandshake) {
    HandleHandshake(message, id, auth, now, batch);
    return;
  }
  if (channel.rfind("/meta/", 0) != 0) {  // a publish: Salesforce takes events only over REST
    batch.Add(bayeux::ErrorReply(channel, client_id, id, bayeux::kErrRestricted, ""));
    return;
  }
  const bool subscribe = channel == bayeux::kSubscribe;
  const bool unsubscribe = channel == bayeux::kUnsubscribe;
  if (channel != bayeux::kConnect && channel != bayeux::kDisconnect && !subscribe && !unsubscribe) {
    batch.Add(bayeux::ErrorReply(channel, client_id, id, bayeux::kErrUnknownChannel, ""));
    return;
  }
  const auto with_subscription = [&message](OrderedJson reply) {
    if (const nlohmann::json* sub = Member(message, "subscription"); sub != nullptr) {
      reply["subscription"] = *sub;
    }
    return reply;
  };
  if (client_id.empty()) {
    batch.Add(with_subscription(
        bayeux::ErrorReply(channel, "", id, bayeux::kErrNoHandshake, "handshake")));
    return;
  }
  if (unsubscribe && batch.disconnected.count(client_id) != 0) {
    OrderedJson reply = with_subscription(bayeux::Reply(channel, client_id, nullptr));
    reply["successful"] = true;
    if (id != nullptr && !id->is_null()) reply["id"] = *id;
    batch.Add(reply);
    return;
  }
  Client* client = LookupClientLocked(client_id, now);
  if (client == nullptr) {
    batch.Add(with_subscription(
        bayeux::ErrorReply(channel, client_id, id, bayeux::kErrUnknownClient, "handshake")));
    return;
  }
  if (client->user_id != auth.user_id) {
    batch.Add(bayeux::ErrorReply(channel, client_id, id, bayeux::kErrUserMismatch, "none"));
    return;
  }
  if (channel == bayeux::kConnect) {
    HandleConnect(message, id, *client, client_id, now, batch);
  } else if (channel == bayeux::kDisconnect) {
    HandleDisconnect(id, client_id, batch);
  } else {
    HandleSubscribe(message, id, *client, client_id, subscribe, now, batch);
  }
}

void BayeuxEngine::HandleHandshake(const nlohmann::json& message, const nlohmann::json* id,
                                   const BayeuxAuth& auth, Timestamp now, Batch& batch) {
  if (const nlohmann::json* types = Member(message, "supportedConnectionTypes"); types != nullptr) {
    bool long_polling = false;
    if (types->is_array()) {
      for (const nlohmann::json& type : *types) {
        long_polling = long_polling || (type.is_string() && type == bayeux::kLongPolling);
      }
    }
    if (!long_polling) {
      std::string offered = types->is_array() && !types->empty() && (*types)[0].is_string()
                                ? (*types)[0].get<std::string>()
                                : bayeux::Dump(*types);
      OrderedJson reply = bayeux::ErrorReply(bayeux::kHandshake, "", id,
                                             bayeux::InvalidConnectionTypeError(offered), "none");
      reply["supportedConnectionTypes"] = {bayeux::kLongPolling};
      batch.Add(reply);
      return;
    }
  }
  if (static_cast<int64_t>(clients_.size()) >= config_.max_clients) SweepLocked(now, batch.wake);
  if (static_cast<int64_t>(clients_.size()) >= config_.max_clients) {
    batch.Add(bayeux::HandshakeDenied(id, bayeux::kErrTooManyClients));
    return;
  }
  const std::string client_id = NewClientIdLocked();
  auto client = std::make_unique<Client>();
  client->user_id = auth.user_id;
  client->expires_at = now + config_.reconnect_after_empty;
  clients_.emplace(client_id, std::move(client));

  OrderedJson reply = bayeux::Reply(bayeux::kHandshake, client_id, nullptr);
  reply["version"] = "1.0";
  reply["minimumVersion"] = "1.0";
  reply["supportedConnectionTypes"] = {bayeux::kLongPolling};
  reply["successful"] = true;
  reply["ext"] = {{"replay", true}, {"payload.format", true}};
  reply["advice"] = bayeux::RetryAdvice(config_.long_poll_timeout.ToMilliseconds());
  if (id != nullptr && !id->is_null()) reply["id"] = *id;
  batch.Add(reply);
}

void BayeuxEngine::HandleConnect(const nlohmann::json& message, const nlohmann::json* id,
                                 Client& client, const std::string& client_id, Timestamp now,
                                 Batch& batch) {
  if (batch.has_connect) {
    batch.Add(
        bayeux::ErrorReply(bayeux::kConnect, client_id, id, bayeux::kErrDuplicateConnect, ""));
    return;
  }
  if (const nlohmann::json* type = Member(message, "connectionType");
      type != nullptr && !(type->is_string() && *type == bayeux::kLongPolling)) {
    const std::string text = type->is_string() ? type->get<std::string>() : bayeux::Dump(*type);
    batch.Add(bayeux::ErrorReply(bayeux::kConnect, client_id, id,
                                 bayeux::InvalidConnectionTypeError(text), ""));
    return;
  }
  Duration timeout = config_.long_poll_timeout;
  if (const nlohmann::json* advice = Member(message, "advice");
      advice != nullptr && advice->is_object()) {
    if (const nlohmann::json* ms = Member(*advice, "timeout"); ms != nullptr && ms->is_number()) {
      const double millis = ms->get<double>();
      if (!(millis > 0)) {
        timeout = Duration::Zero();
      } else if (millis < static_cast<double>(timeout.ToMilliseconds())) {
        timeout = Duration::FromSecondsDouble(millis / 1000.0);
      }
    }
  }
  if (client.parked_token != 0) {  // this connect supersedes the parked one
    ReleaseParkedLocked(client.parked_token, batch.wake);
    client.parked_token = 0;
  }
  batch.has_connect = true;
  batch.connect_client = client_id;
  batch.connect_id = id != nullptr ? *id : nlohmann::json();
  batch.connect_immediate = !client.connected || timeout <= Duration::Zero();
  batch.connect_timeout = timeout;
  client.connected = true;
  client.expires_at = now + config_.reconnect_after_empty;
}

void BayeuxEngine::HandleSubscribe(const nlohmann::json& message, const nlohmann::json* id,
                                   Client& client, const std::string& client_id, bool subscribe,
                                   Timestamp now, Batch& batch) {
  const std::string_view meta = subscribe ? bayeux::kSubscribe : bayeux::kUnsubscribe;
  const nlohmann::json* subscription = Member(message, "subscription");
  const auto fail = [&](std::string_view error) {
    OrderedJson reply = bayeux::ErrorReply(meta, client_id, id, error, "");
    if (subscription != nullptr) reply["subscription"] = *subscription;
    batch.Add(reply);
  };
  if (client.parked_token == 0) client.expires_at = now + config_.reconnect_after_empty;

  std::vector<std::string> channels;
  if (subscription != nullptr && subscription->is_string()) {
    channels.push_back(subscription->get<std::string>());
  } else if (subscription != nullptr && subscription->is_array()) {
    for (const nlohmann::json& entry : *subscription) {
      if (!entry.is_string()) return fail(bayeux::kErrNoChannel);
      channels.push_back(entry.get<std::string>());
    }
  }
  if (channels.empty()) return fail(bayeux::kErrNoChannel);
  for (const std::string& channel : channels) {
    if (channel.empty()) return fail(bayeux::kErrNoChannel);
    if (channel[0] != '/') return fail(bayeux::kErrNoLeadingSlash);
  }

  if (subscribe) {
    const nlohmann::json* ext = Member(message, "ext");
    const nlohmann::json* replays =
        ext != nullptr && ext->is_object() ? Member(*ext, "replay") : nullptr;
    std::vector<int64_t> cursors;
    for (const std::string& channel : channels) {
      if (channel.rfind("/meta/", 0) == 0 || channel.rfind("/service/", 0) == 0) {
        return fail(bayeux::kErrRestricted);
      }
      int64_t replay = -1;
      if (replays != nullptr && replays->is_object()) {
        if (const nlohmann::json* value = Member(*replays, channel.c_str()); value != nullptr) {
          if (!value->is_number_integer() ||
              (value->is_number_unsigned() &&
               value->get<uint64_t>() >
                   static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))) {
            return fail("400::" + InvalidReplayMessage(bayeux::Dump(*value)));
          }
          replay = value->get<int64_t>();
        }
      }
      SfOr<int64_t> cursor = bus_.ResolveReplay(channel, replay, now);
      if (!cursor.ok()) {
        return fail(std::to_string(cursor.error().http_status) + "::" + cursor.error().message);
      }
      cursors.push_back(*cursor);
    }
    if (limits_ != nullptr && limits_->DeliveriesRemaining(now) == 0) {
      return fail(bayeux::kErrDailyDeliveries);
    }
    for (std::size_t i = 0; i < channels.size(); ++i) {
      client.cursors[channels[i]] = cursors[i];
      subscribers_[channels[i]].insert(client_id);
    }
    if (client.parked_token != 0 && HasPendingLocked(client)) {
      Parked& parked = *parked_.at(client.parked_token);
      if (!parked.wake_sent) {
        parked.wake_sent = true;
        batch.wake.push_back(client.parked_token);
      }
    }
  } else {
    for (const std::string& channel : channels) {
      client.cursors.erase(channel);
      if (auto it = subscribers_.find(channel); it != subscribers_.end()) {
        it->second.erase(client_id);
        if (it->second.empty()) subscribers_.erase(it);
      }
    }
  }
  OrderedJson reply = bayeux::Reply(meta, client_id, nullptr);
  reply["subscription"] = *subscription;
  reply["successful"] = true;
  if (id != nullptr && !id->is_null()) reply["id"] = *id;
  batch.Add(reply);
}

void BayeuxEngine::HandleDisconnect(const nlohmann::json* id, const std::string& client_id,
                                    Batch& batch) {
  RemoveClientLocked(client_id, batch.wake);
  batch.disconnected.insert(client_id);
  OrderedJson reply = bayeux::Reply(bayeux::kDisconnect, client_id, nullptr);
  reply["successful"] = true;
  if (id != nullptr && !id->is_null()) reply["id"] = *id;
  batch.Add(reply);
}

}  // namespace recoup::sim::org::events
